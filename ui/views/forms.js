// The dialogs that add to the book: customer (add and edit), contact point, what they said about being
// contacted, promise, issue (open, update, resolve), purchase, fact, goal and note. Each turns the form's values
// into the core's input shape (docs/IPC.md) and calls one command. Log contact, with the Guard's live verdict,
// is in contact.js.

import * as ipc from '../lib/ipc.js';
import { draftFor, openFormDialog } from '../lib/form.js';
import { addDays, clockTime, formatDate } from '../lib/format.js';
import { html, render, toNodes } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { heardKeys, heardWhat } from '../lib/heard.js';
import { markText } from '../lib/marks.js';
import {
  CHANNELS, CONTACT_KINDS, MEANINGS, OWNERSHIP, TOPIC_SUGGESTIONS,
} from '../lib/words.js';

/** How long typing may pause before Rapport reads the words again. */
const READ_DELAY_MS = 250;

/** Trimmed text, or null when empty (the core takes null for "not given"). */
const opt = (v) => {
  const t = typeof v === 'string' ? v.trim() : v;
  return t === '' || t === undefined ? null : t;
};

const int = (v) => (opt(v) === null ? null : Number(v));

const channelOptions = CHANNELS.map((c) => ({ value: c.value, label: c.word }));

/** A channel as the customer would say it ("email", "phone calls"). */
const channelWords = (value) => (CHANNELS.find((c) => c.value === value) || { label: value }).label;

/** A date field that cannot be later than today. */
function notAfterToday(app) {
  return (value) => (value && value > app.today() ? 'That is in the future; enter the day it happened.' : '');
}

/** The end of a time range must come after its start. */
function afterStart(startName) {
  return (end, values) => (end && values[startName] && end <= values[startName]
    ? 'The end must be after the start.' : '');
}

/**
 * Opens the customer form: adds a customer, or edits one when `record` is given.
 * @param {object} app the window's shared state (see main.js)
 * @param {{record?: object, onSaved: (customer: object) => void}} options
 */
export function openCustomerForm(app, { record, onSaved }) {
  const editing = Boolean(record);
  openFormDialog({
    id: 'customer-edit',
    title: editing ? `Edit ${record.name}` : 'Add a customer',
    draftKey: `customer:${editing ? record.id : 'new'}`,
    submitLabel: editing ? 'Save changes' : 'Add customer',
    fields: [
      { name: 'name', label: 'Name', required: true, wide: true, hint: 'Their full name, as they write it.' },
      { name: 'preferred_name', label: 'Goes by', placeholder: 'Bob', server: ['preferred name'] },
      {
        name: 'time_zone', label: 'Time zone', type: 'timezone',
        hint: 'Where they live, e.g. America/Denver. Leave empty if you do not know.',
      },
      { name: 'company', label: 'Company' },
      { name: 'household', label: 'Household', placeholder: 'wife Ana, son Leo (16)' },
      { name: 'how_we_met', label: 'How we met', type: 'textarea', rows: 2, wide: true },
    ],
    initial: editing ? {
      name: record.name,
      preferred_name: record.preferred_name || '',
      time_zone: record.time_zone || '',
      company: record.company || '',
      household: record.household || '',
      how_we_met: record.how_we_met || '',
    } : {},
    save: (v) => ipc.saveCustomer(editing ? record.id : null, {
      name: v.name.trim(),
      preferred_name: opt(v.preferred_name),
      time_zone: opt(v.time_zone),
      company: opt(v.company),
      household: opt(v.household),
      how_we_met: opt(v.how_we_met),
    }, editing ? record.version : undefined),
    onSaved,
  });
}

/**
 * Opens "Add contact point".
 * @param {object} app
 * @param {object} customer
 * @param {(point: object) => void} onSaved
 */
export function openContactPointForm(app, customer, onSaved) {
  openFormDialog({
    id: 'contact-point',
    title: `Add a contact point for ${customer.name}`,
    draftKey: `contact-point:${customer.id}`,
    submitLabel: 'Add contact point',
    fields: [
      { name: 'kind', label: 'Kind', type: 'select', options: CONTACT_KINDS.map((k) => ({ value: k.value, label: k.word })) },
      { name: 'label', label: 'Label', suggestions: ['mobile', 'home', 'work'], placeholder: 'mobile' },
      {
        name: 'value', label: 'Number, address or email', type: 'textarea', rows: 2, required: true, wide: true,
        requiredMessage: 'Enter the number, address or email.',
        server: ['phone', 'email', 'address'],
        validate: (value, all) => {
          const v = value.trim();
          if (all.kind === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) return `'${v}' is not an email address.`;
          if (all.kind === 'phone' && (v.match(/\d/g) || []).length < 5) return `'${v}' has too few digits for a phone number.`;
          return '';
        },
      },
      { name: 'preferred', label: 'Preferred way to reach them on this channel', type: 'checkbox', wide: true },
    ],
    initial: { kind: 'phone' },
    save: (v) => ipc.addContactPoint(customer.id, {
      kind: v.kind, label: opt(v.label), value: v.value.trim(), preferred: v.preferred,
    }),
    onSaved,
  });
}

/** The meaning controls of "Record what they said", and the value each takes from a Meaning. */
const MEANING_CONTROLS = {
  means: (m) => m.kind,
  channel: (m) => m.channel,
  start: (m) => (m.start || '').slice(0, 5) || undefined,
  end: (m) => (m.end || '').slice(0, 5) || undefined,
  days: (m) => (m.days ? String(m.days) : undefined),
  topic: (m) => m.topic,
};

/**
 * Wires the proposal of "Record what they said": as their words are typed, the core reads them (debounced) and
 * what they mean fills the meaning controls — unless the salesperson set those by hand, when "Use" does it — with
 * the words it was read from marked in the text (escaped). Recording stays one click.
 * @param {object} customer
 * @param {HTMLDialogElement} dialog
 * @param {object} f the dialog's form
 * @param {boolean} restored a draft was restored: what it holds counts as set by hand
 */
function statementProposal(customer, dialog, f, restored) {
  const panel = toNodes(html`<section class="heard wide" id="statement-heard" aria-labelledby="statement-heard-title"
    hidden>
    <h3 class="heard-title" id="statement-heard-title">What their words say</h3>
    <div class="heard-mirror" aria-hidden="true"></div>
    <ul class="heard-list" role="list" aria-label="What it could mean"></ul>
  </section>`).firstElementChild;
  f.form.querySelector('[data-field="words"]').after(panel);
  const region = toNodes(html`<p class="visually-hidden" role="status" aria-live="polite" id="statement-heard-status">
    </p>`).firstElementChild;
  dialog.append(region);
  const mirror = panel.querySelector('.heard-mirror');
  const list = panel.querySelector('.heard-list');
  let statements = [];
  let text = '';
  let byHand = restored;
  let timer = 0;
  let asked = 0;
  let announced = '';

  /** Whether the controls say what a suggestion means. */
  function inUse(s) {
    const v = f.values();
    return Object.entries(MEANING_CONTROLS).every(([name, of]) => {
      const want = of(s.means);
      if (want === undefined) return true;
      return String(v[name] || '').slice(0, name === 'start' || name === 'end' ? 5 : undefined) === want;
    });
  }

  function use(s) {
    for (const [name, of] of Object.entries(MEANING_CONTROLS)) {
      const want = of(s.means);
      if (want === undefined) continue;
      f.control(name).value = name === 'start' || name === 'end' ? clockTime(want) : want;
      f.setFieldError(name, '');
    }
    f.refresh();
  }

  function draw() {
    const spans = statements.map((s, n) => ({ start: s.start, end: s.end, kind: 'heard', tag: s.kind, n }));
    render(mirror, html`${markText(text, spans)}`);
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.use : null;
    render(list, html`${statements.map((s, n) => {
      const using = inUse(s);
      const means = `${s.means.kind}${s.means.channel ? `:${s.means.channel}` : ''}`;
      return html`<li class="heard-item proposal" data-means="${means}" data-n="heard-${n}"
        data-in-use="${using ? 'true' : 'false'}">
        <div class="heard-pick">
          <p class="heard-body" id="statement-heard-${n}">
            <span class="heard-kind">${icon('person')} Means</span>
            <span class="heard-what">${heardWhat(s)}</span>
            <span class="heard-words words">“${s.words}”</span>
          </p>
          ${using ? html`<span class="heard-in-use">${icon('check')} Filled in below</span>`
    : html`<button type="button" class="button small" data-use="${n}" aria-describedby="statement-heard-${n}">
              Use this</button>`}
        </div>
      </li>`;
    })}`);
    if (focused) {
      const again = list.querySelector(`[data-use="${CSS.escape(focused)}"]`);
      (again || f.control('means')).focus({ preventScroll: true });
    }
    panel.hidden = !statements.length;
    const signature = heardKeys(statements).join(' ');
    if (signature !== announced) {
      announced = signature;
      region.textContent = statements.length
        ? `Their words read as: ${statements.map(heardWhat).join('; ')}.${byHand ? '' : ' Filled in below.'}`
        : '';
    }
  }

  async function read() {
    const words = f.values().words;
    const mine = ++asked;
    let heard = { suggestions: [] };
    try {
      if (words.trim()) heard = await ipc.listen(customer.id, words, 'in');
    } catch {
      // Reading is a help: the statement can be recorded without it.
    }
    if (mine !== asked || !dialog.isConnected) return;
    const before = heardKeys(statements).join(' ');
    text = words;
    statements = heard.suggestions.filter((s) => s.kind === 'statement');
    if (!byHand && statements.length && heardKeys(statements).join(' ') !== before) use(statements[0]);
    draw();
  }

  f.form.addEventListener('input', (event) => {
    const w = event.target.closest('[data-field]');
    if (!w || w.dataset.field !== 'words') return;
    clearTimeout(timer);
    timer = setTimeout(read, READ_DELAY_MS);
  });
  f.form.addEventListener('change', (event) => {
    const w = event.target.closest('[data-field]');
    if (w && w.dataset.field in MEANING_CONTROLS) {
      // Set by hand: the proposal no longer overrides it, and says which suggestion (if any) is in use.
      byHand = true;
      if (statements.length) draw();
    } else if (event.target === f.form) {
      // Start over.
      byHand = false;
      read();
    }
  });
  panel.addEventListener('click', (event) => {
    const button = event.target.closest('[data-use]');
    if (!button) return;
    use(statements[Number(button.dataset.use)]);
    draw();
    f.control('means').focus();
  });
  if (f.values().words.trim()) read();
  return { stop: () => clearTimeout(timer) };
}

/**
 * Opens "Record what they said": the customer's words about being contacted and what they mean — proposed from
 * the words as they are typed.
 * @param {object} app
 * @param {object} customer
 * @param {(statement: object) => void} onSaved
 */
export function openStatementForm(app, customer, onSaved) {
  const needs = (...kinds) => (v) => kinds.includes(v.means);
  const draftKey = `statement:${customer.id}`;
  let proposal = null;
  openFormDialog({
    id: 'statement',
    title: `Record what ${customer.preferred_name || customer.name} said`,
    intro: 'Their own words are kept as they said them; a change of mind is a new statement, and the history stays.',
    draftKey,
    submitLabel: 'Record',
    fields: [
      {
        name: 'words', label: 'Their words', type: 'textarea', rows: 3, required: true, wide: true,
        requiredMessage: 'Write down what they said, in their words.', server: ['their words'],
        placeholder: 'Email only please, I travel most weeks.',
      },
      { name: 'means', label: 'What it means', type: 'select', options: MEANINGS, server: ['means'], wide: true },
      {
        name: 'channel', label: 'Channel', type: 'select', options: channelOptions,
        showIf: needs('prefer_channel', 'decline_channel', 'allow_channel'),
      },
      {
        name: 'start', label: 'From (their time)', type: 'time', required: true, server: ['hours'],
        requiredMessage: 'Enter the start of their hours.', showIf: needs('contact_hours'),
      },
      {
        name: 'end', label: 'Until (their time)', type: 'time', required: true,
        requiredMessage: 'Enter the end of their hours.', showIf: needs('contact_hours'), validate: afterStart('start'),
      },
      {
        name: 'days', label: 'At most once every … days', type: 'number', min: 1, max: 3650, required: true,
        requiredMessage: 'Enter a number of days.', showIf: needs('min_days_between'),
      },
      {
        name: 'topic', label: 'Topic', required: true, suggestions: TOPIC_SUGGESTIONS,
        requiredMessage: 'Name the topic, e.g. buy-back.', showIf: needs('decline_topic', 'allow_topic'),
      },
      {
        name: 'said_on', label: 'Date said', type: 'date', required: true, server: ['said at'],
        validate: notAfterToday(app),
      },
    ],
    initial: { means: 'prefer_channel', channel: 'email', said_on: app.today() },
    save: (v) => {
      const means = { kind: v.means };
      if (['prefer_channel', 'decline_channel', 'allow_channel'].includes(v.means)) means.channel = v.channel;
      if (v.means === 'contact_hours') Object.assign(means, { start: `${v.start.slice(0, 5)}:00`, end: `${v.end.slice(0, 5)}:00` });
      if (v.means === 'min_days_between') means.days = Number(v.days);
      if (v.means === 'decline_topic' || v.means === 'allow_topic') means.topic = v.topic.trim();
      // Said today: left to the core, which stamps the moment of recording by its own clock (the window's clock
      // can run a fraction of a second ahead, and "said in the future" is refused). Said another day: midday UTC,
      // which is that same date everywhere from UTC−11 to UTC+11.
      const saidAt = v.said_on === app.today() ? undefined : `${v.said_on}T12:00:00Z`;
      return ipc.recordPreference(customer.id, { words: v.words.trim(), means, said_at: saidAt });
    },
    onSaved,
    setup: ({ dialog, form }) => {
      proposal = statementProposal(customer, dialog, form, Boolean(draftFor(draftKey)));
    },
    onClose: () => {
      if (proposal) proposal.stop();
    },
  });
}

/**
 * Opens "Add promise".
 * @param {object} app
 * @param {object} customer
 * @param {(promise: object) => void} onSaved
 */
export function openPromiseForm(app, customer, onSaved) {
  openFormDialog({
    id: 'promise',
    title: `Promise something to ${customer.preferred_name || customer.name}`,
    draftKey: `promise:${customer.id}`,
    submitLabel: 'Add promise',
    fields: [
      {
        name: 'what', label: 'What you promised', type: 'textarea', rows: 2, required: true, wide: true,
        server: ['promise'], placeholder: 'Bring the licence plates to their office',
      },
      {
        name: 'due_on', label: 'Due', type: 'date', required: true, requiredMessage: 'Enter when it is due.',
        validate: (due, v) => (v.made_on && due < v.made_on ? 'That is before the day you promised it.' : ''),
      },
      { name: 'made_on', label: 'Promised on', type: 'date', validate: notAfterToday(app) },
    ],
    initial: { made_on: app.today() },
    save: (v) => ipc.addPromise(customer.id, { what: v.what.trim(), due_on: v.due_on, made_on: opt(v.made_on) }),
    onSaved,
  });
}

/**
 * Opens "Add reminder": the salesperson's own reason to reach out, only with what the customer gains. The core
 * asks the Guard; a value that says nothing for the customer ("just checking in") comes back as an error on
 * `value`, shown next to the field.
 * @param {object} app
 * @param {object} customer the customer's page (CustomerRecord, with `wishes`)
 * @param {(reminder: object) => void} onSaved
 */
export function openReminderForm(app, customer, onSaved) {
  const who = customer.preferred_name || customer.name;
  const preferred = customer.wishes && customer.wishes.preferred_channel ? customer.wishes.preferred_channel.value : '';
  openFormDialog({
    id: 'reminder',
    title: `Remind me about ${who}`,
    draftKey: `reminder:${customer.id}`,
    submitLabel: 'Add reminder',
    fields: [
      {
        name: 'value', label: 'What will the customer gain?', type: 'textarea', rows: 2, required: true, wide: true,
        requiredMessage: `Say what ${who} gains from this contact.`, server: ['reminder'],
        placeholder: 'How to check tire pressure before her first winter with the car',
        hint: 'In their terms. “Just checking in” is not a reason.',
      },
      {
        name: 'due_on', label: 'Due', type: 'date', required: true, requiredMessage: 'Enter when it is due.',
        server: ['due', 'due on'], hint: 'It shows on Today from that day.',
      },
      {
        name: 'channel', label: 'Channel', type: 'select',
        options: [
          { value: '', label: preferred ? `What they prefer (${channelWords(preferred)})` : 'Let Rapport suggest one' },
          ...channelOptions,
        ],
        hint: preferred
          ? `${who} prefers ${channelWords(preferred)}; what they prefer always comes first.`
          : `${who} has not said; Rapport suggests email, never a channel they declined.`,
      },
    ],
    initial: { due_on: addDays(app.today(), 7), channel: '' },
    save: (v) => ipc.addReminder(customer.id, { value: v.value.trim(), due_on: v.due_on, channel: opt(v.channel) }),
    onSaved,
    onError: (err, f) => {
      if (err.code !== 'blocked_by_preference' || !err.decision) return false;
      const words = err.decision.reasons.find((r) => r.quote);
      f.showError({
        message: words ? `${err.message} — “${words.quote}”${words.said_on ? ` (said ${formatDate(words.said_on)})` : ''}`
          : err.message,
      });
      return true;
    },
  });
}

/**
 * Opens "Open issue".
 * @param {object} app
 * @param {object} customer
 * @param {(issue: object) => void} onSaved
 */
export function openIssueForm(app, customer, onSaved) {
  openFormDialog({
    id: 'issue',
    title: `Open an issue for ${customer.preferred_name || customer.name}`,
    draftKey: `issue:${customer.id}`,
    submitLabel: 'Open issue',
    fields: [
      {
        name: 'title', label: 'The problem', required: true, wide: true, server: ['issue'],
        placeholder: 'Rattle from the rear door since delivery',
      },
      { name: 'opened_on', label: 'Raised on', type: 'date', validate: notAfterToday(app) },
      { name: 'next_update_on', label: 'Next update due', type: 'date', hint: 'When they should next hear from you.' },
    ],
    initial: { opened_on: app.today() },
    save: (v) => ipc.openIssue(customer.id, {
      title: v.title.trim(), opened_on: opt(v.opened_on), next_update_on: opt(v.next_update_on),
    }),
    onSaved,
  });
}

/**
 * Opens "Add update" for an open issue.
 * @param {object} app
 * @param {object} issue
 * @param {(issue: object) => void} onSaved
 */
export function openIssueUpdateForm(app, issue, onSaved) {
  openFormDialog({
    id: 'issue-update',
    title: 'Add an update',
    intro: issue.title,
    draftKey: `issue-update:${issue.id}`,
    submitLabel: 'Add update',
    fields: [
      { name: 'text', label: 'What happened', type: 'textarea', rows: 3, required: true, wide: true, server: ['update', 'text'] },
      { name: 'next_update_on', label: 'Next update due', type: 'date', server: ['next update'] },
    ],
    save: (v) => ipc.updateIssue(issue.id, v.text.trim(), opt(v.next_update_on) || undefined),
    onSaved,
  });
}

/**
 * Opens "Resolve" for an open issue.
 * @param {object} app
 * @param {object} issue
 * @param {(issue: object) => void} onSaved
 */
export function openResolveForm(app, issue, onSaved) {
  openFormDialog({
    id: 'resolve',
    title: 'Resolve the issue',
    intro: issue.title,
    draftKey: `resolve:${issue.id}`,
    submitLabel: 'Resolve',
    fields: [
      {
        name: 'resolution', label: 'How it was resolved', type: 'textarea', rows: 3, required: true, wide: true,
        hint: 'Then tell them it is done — closing the loop is worth their time.',
      },
    ],
    save: (v) => ipc.resolveIssue(issue.id, v.resolution.trim()),
    onSaved,
  });
}

/**
 * Opens "Add purchase".
 * @param {object} app
 * @param {object} customer
 * @param {(purchase: object) => void} onSaved
 */
export function openPurchaseForm(app, customer, onSaved) {
  const currentYear = Number(app.today().slice(0, 4));
  openFormDialog({
    id: 'purchase',
    title: `Add a purchase for ${customer.name}`,
    draftKey: `purchase:${customer.id}`,
    submitLabel: 'Add purchase',
    fields: [
      {
        name: 'description', label: 'What was bought', required: true, wide: true,
        placeholder: '2024 Subaru Outback Touring',
      },
      { name: 'purchased_on', label: 'Bought on', type: 'date', validate: notAfterToday(app) },
      { name: 'ownership', label: 'Paid by', type: 'select', options: OWNERSHIP },
      {
        name: 'term_ends_on', label: 'Lease or finance term ends', type: 'date',
        showIf: (v) => v.ownership !== 'cash',
      },
      { name: 'warranty_ends_on', label: 'Warranty ends', type: 'date' },
      { name: 'warranty_terms', label: 'Warranty terms', placeholder: '3 years / 36,000 miles', wide: true },
      {
        name: 'features', label: 'Features', wide: true, hint: 'Separate with commas: SYNC 4, heated seats, tow hitch',
      },
      { name: 'year', label: 'Model year', type: 'number', min: 1900, max: currentYear + 2, placeholder: String(currentYear) },
      { name: 'make', label: 'Make' },
      { name: 'model', label: 'Model' },
      { name: 'trim', label: 'Trim' },
      {
        name: 'vin', label: 'VIN', wide: true, server: ['vin'],
        validate: (v) => (v.trim() && !/^[A-Za-z0-9]{17}$/.test(v.trim()) ? 'A VIN is 17 letters and digits.' : ''),
      },
      {
        name: 'services', label: 'Included services', type: 'rows', addLabel: 'Add another service',
        server: ['included service'], hint: 'For example three free oil changes, one every 6 months.',
        columns: [
          { name: 'name', label: 'Service', required: true, requiredMessage: 'Name the service.' },
          {
            name: 'every_months', label: 'Every … months', type: 'number', min: 1, max: 120, required: true,
            requiredMessage: 'Say how many months apart the services are.',
          },
          {
            name: 'total', label: 'How many', type: 'number', min: 1, max: 100, required: true,
            requiredMessage: 'Say how many are included.',
          },
          { name: 'used', label: 'Used so far', type: 'number', min: 0, max: 100 },
        ],
        validate: (rows) => {
          const over = rows.find((r) => r.used !== '' && Number(r.used) > Number(r.total));
          return over ? `'${over.name}': used is more than included.` : '';
        },
      },
      {
        name: 'deliverables', label: 'Still owed to them', type: 'rows', addLabel: 'Add another item',
        server: ['deliverable'], hint: 'Plates, a second key, a part on order.',
        columns: [
          { name: 'what', label: 'What', required: true, requiredMessage: 'Say what is owed.' },
          { name: 'due_on', label: 'Due', type: 'date' },
        ],
      },
    ],
    initial: { purchased_on: app.today(), ownership: 'cash' },
    save: (v) => {
      const vehicle = {
        year: int(v.year), make: opt(v.make), model: opt(v.model), trim: opt(v.trim), vin: opt(v.vin),
      };
      const filled = (row) => Object.values(row).some((x) => String(x).trim() !== '');
      return ipc.addPurchase(customer.id, {
        description: v.description.trim(),
        purchased_on: opt(v.purchased_on),
        ownership: v.ownership,
        term_ends_on: v.ownership === 'cash' ? null : opt(v.term_ends_on),
        warranty_ends_on: opt(v.warranty_ends_on),
        warranty_terms: opt(v.warranty_terms),
        features: v.features.split(',').map((f) => f.trim()).filter(Boolean),
        vehicle: Object.values(vehicle).some((x) => x !== null) ? vehicle : null,
        included_services: v.services.filter(filled).map((s) => ({
          name: s.name.trim(), every_months: Number(s.every_months), total: Number(s.total), used: int(s.used) ?? 0,
        })),
        deliverables: v.deliverables.filter(filled).map((d) => ({ what: d.what.trim(), due_on: opt(d.due_on) })),
      });
    },
    onSaved,
  });
}

/**
 * Opens "Add fact".
 * @param {object} app
 * @param {object} customer
 * @param {(fact: object) => void} onSaved
 */
export function openFactForm(app, customer, onSaved) {
  openFormDialog({
    id: 'fact',
    title: `Something ${customer.preferred_name || customer.name} shared`,
    draftKey: `fact:${customer.id}`,
    submitLabel: 'Add fact',
    fields: [
      {
        name: 'text', label: 'What they shared', type: 'textarea', rows: 3, required: true, wide: true,
        server: ['fact'], hint: 'Family, pets, hobbies, plans. #hashtags become tags.',
      },
      { name: 'learned_on', label: 'Learned on', type: 'date', validate: notAfterToday(app) },
      { name: 'source', label: 'Where it came from', placeholder: 'at delivery' },
      { name: 'date', label: 'A date it is about', type: 'date', hint: 'A birthday, a trip, an anniversary.' },
    ],
    initial: { learned_on: app.today() },
    save: (v) => ipc.addFact(customer.id, {
      text: v.text.trim(), learned_on: opt(v.learned_on), source: opt(v.source), date: opt(v.date),
    }),
    onSaved,
  });
}

/**
 * Opens "Add goal".
 * @param {object} app
 * @param {object} customer
 * @param {(goal: object) => void} onSaved
 */
export function openGoalForm(app, customer, onSaved) {
  openFormDialog({
    id: 'goal',
    title: `Something ${customer.preferred_name || customer.name} wants`,
    draftKey: `goal:${customer.id}`,
    submitLabel: 'Add goal',
    fields: [
      {
        name: 'text', label: 'Their goal', type: 'textarea', rows: 2, required: true, wide: true,
        server: ['goal'], placeholder: 'Keep this car to 250,000 miles',
      },
      { name: 'stated_on', label: 'Said on', type: 'date', validate: notAfterToday(app) },
      { name: 'source', label: 'Where it came from' },
    ],
    initial: { stated_on: app.today() },
    save: (v) => ipc.addGoal(customer.id, { text: v.text.trim(), stated_on: opt(v.stated_on), source: opt(v.source) }),
    onSaved,
  });
}

/**
 * Opens "Add note".
 * @param {object} app
 * @param {object} customer
 * @param {(note: object) => void} onSaved
 */
export function openNoteForm(app, customer, onSaved) {
  openFormDialog({
    id: 'note',
    title: `A note about ${customer.preferred_name || customer.name}`,
    draftKey: `note:${customer.id}`,
    submitLabel: 'Add note',
    fields: [
      {
        name: 'text', label: 'Note', type: 'textarea', rows: 6, required: true, wide: true,
        hint: '#hashtags become tags, e.g. #BuyAndHold.', requiredMessage: 'Write the note first.',
      },
    ],
    save: (v) => ipc.addNote(customer.id, { text: v.text.trim(), kind: 'note' }),
    onSaved,
  });
}
