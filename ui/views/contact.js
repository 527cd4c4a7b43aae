// "Log contact": a contact in either direction, and for one you started, the Guard's verdict beside the form,
// asked again (read_outreach: the decision, and what the summary's words do) as the channel, time, topic,
// reason, summary or purpose change. A blocked contact is not logged: the dialog stays open with the customer's
// words, and the attempt is kept as held back. A caution asks for a justification, which is kept with the
// contact. Inbound contacts are never checked. Under the summary and their words, what Rapport heard (heard.js):
// ticked statements, promises and facts are recorded once the contact is logged, with it as their source.

import * as ipc from '../lib/ipc.js';
import { openFormDialog } from '../lib/form.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { now } from '../lib/clock.js';
import { localTime, wallTimeInZone, zonedWallToUtc, zoneWorks } from '../lib/format.js';
import { blockedByTheirWords, verdictMarkup } from '../lib/verdict.js';
import { announce } from '../lib/status.js';
import { CHANNELS, PURPOSES, SENTIMENTS, TOPIC_SUGGESTIONS } from '../lib/words.js';
import { heardPanels } from './heard.js';

/** How long typing may pause before the Guard is asked again. */
const CHECK_DELAY_MS = 150;

/** The fields whose change can change the Guard's answer. */
const GUARDED = new Set(['direction', 'channel', 'at', 'topic', 'reason', 'summary', 'purpose']);

/** Trimmed text, or null when empty (the core takes null for "not given"). */
const opt = (v) => {
  const t = typeof v === 'string' ? v.trim() : v;
  return t === '' || t === undefined ? null : t;
};

/**
 * Opens "Log contact".
 * @param {object} app the window's shared state (see main.js)
 * @param {object} customer the customer's page (CustomerRecord)
 * @param {{onSaved: (interaction: object) => void, onHeldBack?: () => void, prefill?: object, intro?: any,
 *   draftKey?: string}} handlers
 *   `onHeldBack` runs when the Guard refused the contact and kept it as held back; `prefill` sets first values
 *   (direction, channel, purpose, reason, topic …) over the defaults, as Done on Today does for its reason;
 *   `intro` is a line under the title; `draftKey` keeps what was typed apart from other contacts with them
 * @returns {HTMLDialogElement} the open dialog
 */
export function openInteractionForm(app, customer, {
  onSaved, onHeldBack, prefill = {}, intro = null, draftKey = null,
}) {
  const who = customer.preferred_name || customer.name;
  const theirZone = customer.time_zone && zoneWorks(customer.time_zone) ? customer.time_zone : null;
  /** The verdict shown now, and whether the core asked for a justification. */
  const state = { verdict: null, askedWhy: false };
  /** The live verdict of this dialog; `setup` wires it before the dialog opens. */
  let verdictPanel = null;
  /** What Rapport heard in the summary and their words; `setup` wires it too. */
  let heard = null;
  /** The hand-off to the salesperson's own apps; `setup` wires it. */
  let handOff = null;
  /** Whether the contact was logged, and what was recorded with it. */
  let logged = false;
  let recorded = null;
  const key = draftKey || `interaction:${customer.id}`;

  return openFormDialog({
    id: 'interaction',
    title: `Log a contact with ${who}`,
    intro,
    draftKey: key,
    submitLabel: 'Log contact',
    busyLabel: 'Log contact',
    wide: true,
    aside: html`<div id="verdict" class="verdict" role="status" aria-live="polite" aria-label="What the Guard says"
      hidden></div>
      <div id="hand-off" class="hand-off" hidden></div>
      <p class="verdict-inbound muted" id="verdict-inbound" hidden>${icon('inbound')} ${who} reached you: a contact
        they started is never blocked, so the Guard has nothing to say.</p>`,
    // The four fields most contacts need; the rest under "More details" (issue 15).
    fields: [
      { name: 'channel', label: 'Channel', type: 'select', options: CHANNELS.map((c) => ({ value: c.value, label: c.word })) },
      {
        name: 'at', label: 'When', type: 'datetime-local', required: true, requiredMessage: 'Enter when it happened.',
        hint: `Your time (${app.zone}).`,
      },
      { name: 'summary', label: 'Summary', type: 'textarea', rows: 3, required: true, wide: true },
      {
        name: 'quotes', label: 'Their words, word for word', type: 'textarea', rows: 2, wide: true,
        hint: 'One quote per line.', server: ['quotes'],
      },
      {
        name: 'direction', label: 'Who reached out', type: 'select', more: true,
        options: [{ value: 'out', label: 'I did (outbound)' }, { value: 'in', label: 'They did (inbound)' }],
      },
      {
        name: 'purpose', label: 'Purpose', type: 'select', options: PURPOSES, more: true,
        showIf: (v) => v.direction === 'out',
      },
      {
        name: 'reason', label: 'What will the customer gain from this contact?', type: 'textarea', rows: 2, wide: true,
        hint: 'Their gain, in a line: “Her plates are in”, “The towing figures she asked for”.', more: true,
        placeholder: 'The licence plates for the Outback arrived', showIf: (v) => v.direction === 'out',
      },
      {
        name: 'topic', label: 'Topic', suggestions: TOPIC_SUGGESTIONS, placeholder: 'service', more: true,
        hint: 'Only when it is about one: buy-back, referrals, service …',
      },
      {
        name: 'sentiment', label: 'How they felt', type: 'select', more: true,
        options: [{ value: '', label: 'Not noted' }, ...SENTIMENTS],
      },
      {
        name: 'asked_for', label: 'They asked for', hint: 'Information still to send them.', server: ['asked for'],
        more: true,
      },
      {
        name: 'justification', label: 'Justification', type: 'textarea', rows: 2, wide: true,
        hint: 'Why you are going ahead despite the caution; it is kept with the contact.',
        showIf: (v) => v.direction === 'out' && (state.verdict === 'caution' || state.askedWhy),
      },
    ],
    initial: {
      direction: 'out', channel: 'phone', purpose: 'proactive', at: wallTimeInZone(now(), app.zone), sentiment: '',
      ...prefill,
    },
    save: async (v) => {
      const contact = contactOf(v);
      // What was ticked is checked first (a promise needs its date), and recorded once the contact is in.
      const picked = heard ? await heard.picked() : [];
      // The contact and what was ticked go in together: all of it, or none of it.
      let interaction;
      if (picked.length) {
        const done = await ipc.logContactHeard(customer.id, contact, heard.toRecord(contact.at, contact.channel, picked));
        interaction = done.interaction;
        recorded = heard.counted(done.recorded);
      } else {
        interaction = await ipc.logInteraction(customer.id, contact);
      }
      logged = true;
      return interaction;
    },
    onSaved: (interaction) => {
      if (onSaved) onSaved(interaction);
      if (!recorded) return;
      if (recorded.failed.length) {
        announce(`Logged the contact, but could not record: ${recorded.failed.join('; ')}`, { error: true });
      } else if (heard.recordedWords(recorded)) {
        announce(`Logged the contact and ${heard.recordedWords(recorded)}.`);
      }
    },
    onError: (err, f) => verdictPanel && verdictPanel.refused(err, f),
    setup: ({ dialog, form }) => {
      heard = heardPanels(app, customer, who, dialog, form, key);
      verdictPanel = guardPanel(app, customer, who, theirZone, state, dialog, form, onHeldBack, heard);
      handOff = handOffBar(customer, who, dialog, form, contactOf, (err) => verdictPanel.refused(err, form));
    },
    onClose: () => {
      if (verdictPanel) verdictPanel.stop();
      if (handOff) handOff.stop();
      if (heard) heard.stop(logged);
    },
  });

  /** The contact the form describes, as the core takes it. */
  function contactOf(v) {
    const out = v.direction === 'out';
    const justified = out && (state.verdict === 'caution' || state.askedWhy);
    return {
      at: zonedWallToUtc(v.at, app.zone),
      channel: v.channel,
      direction: v.direction,
      summary: v.summary.trim(),
      quotes: v.quotes.split('\n').map((q) => q.trim()).filter(Boolean),
      sentiment: opt(v.sentiment),
      reason: out ? opt(v.reason) : null,
      topic: opt(v.topic),
      purpose: out ? v.purpose : null,
      asked_for: opt(v.asked_for),
      justification: justified ? opt(v.justification) : null,
    };
  }
}

/** What each channel's hand-off button says, and the app it names. */
const APPS = {
  email: { button: 'Open in your mail app', app: 'your mail app', sent: 'Sent?' },
  text: { button: 'Open in your messages', app: 'your messages', sent: 'Sent?' },
  phone: { button: 'Call from your phone', app: 'your phone', sent: 'Did you reach them?' },
  in_person: { button: 'Make a calendar invitation', app: 'your calendar', sent: 'Did you send the invitation?', icon: 'person' },
};

/**
 * The hand-off under the verdict, for an outbound email, text or call: the Guard decides in the core first (a
 * block shows the customer's words in the verdict and opens nothing), then the salesperson's own app opens with
 * the words. One question follows — "Sent?" / "Did you reach them?" — asked again when the window has the focus
 * back; "Yes, log it" logs the contact exactly as the form describes it.
 * @returns {{stop: () => void}}
 */
function handOffBar(customer, who, dialog, f, contactOf, refused) {
  const bar = dialog.querySelector('#hand-off');
  let waiting = null;
  let away = false;

  function draw() {
    const v = f.values();
    const way = v.direction === 'out' ? APPS[v.channel] : null;
    bar.hidden = !way;
    if (!way) return;
    if (waiting) {
      render(bar, html`<p class="hand-off-asked" id="hand-off-asked" role="status">${icon(way.icon || v.channel)}
        Opened in ${waiting.app} to <strong>${waiting.to}</strong>. <strong>${waiting.sent}</strong></p>
        <div class="hand-off-actions"><button type="button" class="button primary" id="hand-off-yes">Yes, log it</button>
        <button type="button" class="button" id="hand-off-no">Not yet</button></div>`);
      bar.querySelector('#hand-off-yes').addEventListener('click', () => f.form.requestSubmit());
      bar.querySelector('#hand-off-no').addEventListener('click', () => { waiting = null; draw(); });
      return;
    }
    render(bar, html`<button type="button" class="button" id="hand-off-go">${icon(way.icon || v.channel)} ${way.button}</button>
      <p class="muted hand-off-note" id="hand-off-note">The Guard decides first; then ${way.app} opens with these
        words, addressed to ${who}.</p>`);
    bar.querySelector('#hand-off-go').addEventListener('click', go);
  }

  async function go() {
    const v = f.values();
    const way = APPS[v.channel];
    const button = bar.querySelector('#hand-off-go');
    if (f.validateAll()) {
      button.disabled = true;
      try {
        const contact = contactOf(v);
        const subject = (v.reason || '').trim() || null;
        const done = await ipc.handOff(customer.id, contact, subject);
        waiting = { ...way, to: done.to };
        away = false;
        draw();
        bar.querySelector('#hand-off-yes').focus();
      } catch (err) {
        if (!refused(err)) {
          render(bar.querySelector('#hand-off-note'), html`${err.message}`);
          bar.querySelector('#hand-off-note').setAttribute('role', 'alert');
        }
        button.disabled = false;
      }
    }
  }

  // Coming back from the other app: the question again, where the keyboard is.
  const blurred = () => { if (waiting) away = true; };
  const focused = () => {
    if (!waiting || !away) return;
    away = false;
    const yes = bar.querySelector('#hand-off-yes');
    if (yes) yes.focus();
    announce(`Back from ${waiting.app}: ${waiting.sent}`);
  };
  window.addEventListener('blur', blurred);
  window.addEventListener('focus', focused);
  const redraw = (event) => {
    const w = event.target.closest && event.target.closest('[data-field]');
    if (w && ['direction', 'channel'].includes(w.dataset.field)) { waiting = null; draw(); }
  };
  f.form.addEventListener('change', redraw);
  draw();
  return {
    stop() {
      window.removeEventListener('blur', blurred);
      window.removeEventListener('focus', focused);
    },
  };
}

/**
 * Wires the verdict panel of an open Log contact dialog.
 * @returns {{refused: (err: object, f: object) => boolean, stop: () => void}}
 */
function guardPanel(app, customer, who, theirZone, state, dialog, f, onHeldBack, heard) {
  const panel = dialog.querySelector('#verdict');
  const inbound = dialog.querySelector('#verdict-inbound');
  // The justification belongs with the caution that asks for it: beside the form, under the verdict.
  inbound.after(f.form.querySelector('[data-field="justification"]'));
  const whenHint = dialog.querySelector('#interaction-at-hint');
  let timer = 0;
  let asked = 0;
  let stopped = false;

  /** "Your time (UTC) · Mon 11:00 their time (America/Denver)". */
  function showTheirTime(at) {
    const yours = `Your time (${app.zone})`;
    if (!at) {
      whenHint.textContent = `${yours}.`;
    } else if (!theirZone) {
      whenHint.textContent = `${yours}. Their time zone is unknown.`;
    } else if (theirZone === app.zone) {
      whenHint.textContent = `${yours}, the same as theirs.`;
    } else {
      whenHint.textContent = `${yours} · ${localTime(new Date(at), theirZone)} their time (${theirZone}).`;
    }
  }

  /** What the panel shows now, so the same answer is not written (and announced) again on every pause in typing. */
  let shown = '';

  function show(decision, outcome = null) {
    state.verdict = decision ? decision.decision : null;
    if (decision) {
      const markup = verdictMarkup(decision, { outcome, switchable: true });
      panel.dataset.verdict = decision.decision;
      // The panel is a live region: only a changed answer is put in it, and so announced.
      if (markup.markup !== shown) {
        shown = markup.markup;
        render(panel, markup);
      }
    }
    f.refresh();
  }

  function showWaiting(words) {
    state.verdict = null;
    shown = '';
    delete panel.dataset.verdict;
    render(panel, html`<p class="verdict-word">${icon('clock')} <strong>Waiting</strong></p>
      <p class="verdict-lead">${words}</p>`);
    f.refresh();
  }

  async function check() {
    const v = f.values();
    const at = zonedWallToUtc(v.at, app.zone);
    showTheirTime(at);
    const out = v.direction === 'out';
    panel.hidden = !out;
    inbound.hidden = out;
    asked += 1;
    const mine = asked;
    if (!out) {
      heard.setReading(null, null);
      state.verdict = null;
      delete panel.dataset.verdict;
      panel.removeAttribute('aria-busy');
      f.refresh();
      return;
    }
    if (!at) {
      heard.setReading(null, null);
      showWaiting('Enter when, and the Guard says whether it is allowed.');
      return;
    }
    panel.setAttribute('aria-busy', 'true');
    try {
      // The summary goes as typed (not trimmed): the intents' offsets are into this very text.
      const text = v.summary.trim() ? v.summary : null;
      const reading = await ipc.readOutreach(customer.id, {
        channel: v.channel,
        at,
        topic: opt(v.topic),
        text,
        reason: opt(v.reason),
        purpose: v.purpose || 'proactive',
      });
      if (stopped || mine !== asked) return;
      panel.removeAttribute('aria-busy');
      show(reading.decision);
      heard.setReading(v.summary, reading.intents);
    } catch (err) {
      if (stopped || mine !== asked) return;
      panel.removeAttribute('aria-busy');
      heard.setReading(null, null);
      showWaiting(`The Guard could not answer: ${err.message}`);
    }
  }

  function later(event) {
    // Ticking what was heard asks nothing new of the Guard.
    if (event.target.closest && event.target.closest('.heard')) return;
    const w = event.target.closest && event.target.closest('[data-field]');
    if (w && !GUARDED.has(w.dataset.field)) return;
    // A new attempt: what was said about the last one (refused, needs a reason) no longer applies.
    if (w && w.dataset.field !== 'justification') state.askedWhy = false;
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY_MS);
  }
  f.form.addEventListener('input', later);
  f.form.addEventListener('change', later);
  // "Switch to email": the channel the customer asked for, in one click; the Guard is asked again.
  panel.addEventListener('click', (event) => {
    const button = event.target.closest('[data-switch-channel]');
    if (!button) return;
    const select = f.control('channel');
    select.value = button.dataset.switchChannel;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.focus();
  });
  check();

  return {
    /** Handles the Guard's refusals of a submitted contact; true when it was one. */
    refused(err, form) {
      if (!err || !err.decision) return false;
      clearTimeout(timer);
      asked += 1; // an answer to an older check must not replace this one
      panel.removeAttribute('aria-busy');
      if (err.code === 'blocked_by_preference') {
        const because = blockedByTheirWords(err.decision) ? `${who} asked for this.` : 'Rapport held it back.';
        show(err.decision, html`<p class="verdict-refused">${icon('stop')} <strong>Not logged — ${because}</strong></p>
          <p class="muted">Kept under Held back on ${who}’s page, with the reason.</p>`);
        panel.scrollIntoView({ block: 'nearest' });
        if (onHeldBack) onHeldBack();
        return true;
      }
      if (err.code === 'needs_justification') {
        state.askedWhy = true;
        show(err.decision);
        form.setFieldError('justification', err.message);
        form.focusField('justification');
        return true;
      }
      return false;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
