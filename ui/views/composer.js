// The note composer: a place of its own in the main pane (Back returns to the customer). On the left, what the
// thanks is for, the format, the card size and the facts to use (checkboxes from note_details) with "Another
// version"; on the right, the card at its real proportions with the editable text, the form-letter detector's
// findings underlined in it (a highlight layer under a transparent textarea, at the findings' character offsets),
// the length against the card, the score in words, and the findings listed with why they matter and what to
// write instead, and what the words do (read_outreach: a pitch on a topic they declined, a push for a channel
// they declined, a check-in, something they gain) underlined in its tone and listed with the customer's own words.
// Editing the text re-checks it (lint_note and read_outreach, debounced); changing a choice writes a new draft
// (compose_note) — after asking, when the salesperson has edited the text (keeping their text re-checks it only).
// Save draft keeps it with the customer's notes; Print prints the card's text alone, at the card's size.
//
// Text is always plain text: the textarea holds it, and the highlight layer renders it through `html` (escaped).

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { confirmDialog } from '../lib/form.js';
import { announce, announceError } from '../lib/status.js';
import { now } from '../lib/clock.js';
import { intentItem, intentTone } from '../lib/heard.js';
import { pieces, shiftSpans, strongestTone, utf16Index } from '../lib/marks.js';

/** Card faces, landscape, in millimetres, and about how many characters of handwriting fit (docs/IPC.md). */
export const CARDS = {
  a6: { w: 148, h: 105, limit: 480, label: 'A6 · 4×6' },
  '5x7': { w: 178, h: 127, limit: 800, label: '5×7' },
  folded: { w: 140, h: 108, limit: 600, label: 'Folded note' },
};
const EMAIL_LIMIT = 1200;
const WIDEST_MM = 178;
/** The preview never grows past this many pixels per millimetre (a 1280-wide window shows a 5×7 card whole). */
const MAX_PX_PER_MM = 3.8;
const LINT_DELAY_MS = 200;

const KINDS = [
  { value: 'purchase', label: 'A purchase' },
  { value: 'referral', label: 'A referral' },
  { value: 'service', label: 'A service visit' },
  { value: 'resolved_issue', label: 'A resolved issue' },
];
const FORMATS = [
  { value: 'card', label: 'Card — the words to write' },
  { value: 'prompts', label: 'Handwriting prompts' },
  { value: 'email', label: 'Email' },
];
const DETAIL_KINDS = {
  purchase: 'Purchase',
  feature: 'Feature',
  fact: 'Fact',
  goal: 'Goal',
  quote: 'Their words',
  interaction: 'Contact',
  issue: 'Issue',
  service: 'Service',
};

/** The detector's rules in words. */
const RULES = {
  generic_salutation: 'Generic salutation',
  placeholder: 'Unfilled placeholder',
  hedging: 'Hedging about what you know',
  referral_ask: 'Asks for something back',
  sales_pitch: 'A sales pitch',
  link_or_footer: 'Link or footer',
  no_specific_detail: 'Nothing only they would recognise',
  other_customers_name: 'Another customer’s name',
  near_copy: 'A near-copy of another note',
  too_long: 'Too long',
  about_the_seller: 'About you more than them',
  declined_topic: 'A topic they declined',
  playbook: 'Ruled out by their playbook',
  cooling_off: 'An offer they just said no to',
  do_not_contact: 'They asked not to be contacted',
  declined_channel: 'Asks for a way they declined',
};
/** Rules that are the Guard speaking for the customer (their words come with them). */
const GUARD_RULES = new Set(['declined_topic', 'playbook', 'cooling_off', 'do_not_contact', 'declined_channel']);

/** What each customer's composer held when the salesperson left it, so coming back loses nothing. */
const kept = new Map();

/**
 * The score in words (never colour alone). A good score with findings still open says so: the ✓ is for a note
 * with nothing left to fix.
 * @param {number} score
 * @param {number} [open] how many findings are open
 */
export function scoreBand(score, open = 0) {
  if (score >= 80 && open > 0) {
    return { key: 'fair', word: `Nearly there — ${open === 1 ? 'one thing' : `${open} things`} to look at`, icon: 'warning' };
  }
  if (score >= 80) return { key: 'good', word: 'Reads like you wrote it', icon: 'check' };
  if (score >= 50) return { key: 'fair', word: 'Some form-letter habits', icon: 'warning' };
  return { key: 'poor', word: 'Reads like a form letter', icon: 'stop' };
}

/** A finding about the note as a whole (it spans all of it): listed, not underlined. */
function isWhole(f, length) {
  return f.end <= f.start || (f.start === 0 && f.end >= length);
}

/**
 * The text with each finding's span wrapped in `<mark data-rule>` (overlapping spans are cut into pieces that
 * name every rule covering them in `data-rules`), and each intent's span underlined in its tone (`class="m-intent"`,
 * `data-intent`, `data-tone`). Everything is escaped by `html`.
 * @param {string} text
 * @param {object[]} findings
 * @param {{intent: string, tone: string, start: number, end: number}[]} [intents]
 */
export function highlightMarkup(text, findings, intents = []) {
  const length = Array.from(text).length;
  const spans = [
    ...findings.filter((f) => !isWhole(f, length)).map((f) => ({ start: f.start, end: f.end, rule: f.rule })),
    ...intents.map((i) => ({ start: i.start, end: i.end, intent: i.intent, tone: i.tone })),
  ];
  const parts = pieces(text, spans).map(({ piece, over }) => {
    const rules = [...new Set(over.filter((s) => 'rule' in s).map((s) => s.rule))];
    const read = over.filter((s) => 'intent' in s);
    const intent = read.length ? html` class="m-intent" data-intent="${[...new Set(read.map((s) => s.intent))].join(' ')}"
      data-tone="${strongestTone(read.map((s) => s.tone))}"` : '';
    if (rules.length) {
      return html`<mark data-rule="${rules[0]}" data-rules="${rules.join(' ')}"${intent}>${piece}</mark>`;
    }
    return read.length ? html`<mark${intent}>${piece}</mark>` : piece;
  });
  // A zero-width space keeps a last empty line as tall as the textarea's.
  return html`${parts}\u200b`;
}

/**
 * Moves findings along with an edit so the underlines stay on their words until the detector answers: findings
 * before the edit stay, findings after it shift, findings the edit touched are dropped; a finding about the whole
 * note stays about the whole note.
 * @param {string} before
 * @param {string} after
 * @param {object[]} findings
 */
function shiftFindings(before, after, findings) {
  const n = Array.from(before).length;
  const m = Array.from(after).length;
  // In their order: the list's "Show in the text" buttons name findings by their place.
  return findings.flatMap((f) => (isWhole(f, n) ? [{ ...f, end: m }] : shiftSpans(before, after, [f])));
}

/** Replaces the page size of the print stylesheet (ui/notes.css) with the card's. */
function setPageSize(card) {
  const sheet = [...document.styleSheets].find((s) => s.href && /\/notes\.css(?:[?#]|$)/.test(s.href));
  if (!sheet) return;
  try {
    for (let i = sheet.cssRules.length - 1; i >= 0; i -= 1) {
      if (sheet.cssRules[i].type === CSSRule.PAGE_RULE) sheet.deleteRule(i);
    }
    sheet.insertRule(`@page { size: ${card.w}mm ${card.h}mm; margin: 0; }`, sheet.cssRules.length);
  } catch {
    // The stylesheet's own page size (A6) stays.
  }
}

const PRINT_CLASSES = ['print-card', ...Object.keys(CARDS).map((k) => `print-card-${k}`)];

function choicesMarkup(state) {
  return html`<div class="field">
      <label for="composer-kind">Thanks for</label>
      <select id="composer-kind">${KINDS.map((k) => html`<option value="${k.value}" ${k.value === state.kind
    ? html`selected` : ''}>${k.label}</option>`)}</select>
    </div>
    <div class="field">
      <label for="composer-format">Format</label>
      <select id="composer-format">${FORMATS.map((f) => html`<option value="${f.value}" ${f.value === state.format
    ? html`selected` : ''}>${f.label}</option>`)}</select>
    </div>
    <fieldset class="field" id="composer-card">
      <legend>Card size</legend>
      <div class="segmented">${Object.entries(CARDS).map(([value, c]) => html`<label class="segment">
        <input type="radio" name="composer-card" value="${value}" ${value === state.card ? html`checked` : ''}>
        <span>${c.label}</span></label>`)}</div>
    </fieldset>
    <fieldset class="field composer-details" id="composer-details" aria-describedby="composer-details-hint">
      <legend>Facts to use</legend>
      <p class="hint" id="composer-details-hint">What only they would recognise. A new draft is written as you tick.</p>
      <div class="detail-list" aria-busy="true"><p class="muted">Reading their record…</p></div>
    </fieldset>
    <div class="composer-side-actions">
      <button type="button" class="button" id="composer-variant" data-action="variant">${icon('next')} Another version</button>
      <span class="muted" id="composer-variant-no"></span>
    </div>`;
}

function frameMarkup(c, state) {
  const email = c.contact_points.find((p) => p.kind === 'email' && p.preferred)
    || c.contact_points.find((p) => p.kind === 'email');
  return html`<div class="page-top">
      <button type="button" class="button quiet" data-action="back">${icon('back')} ${c.name}</button>
    </div>
    <header class="place-header composer-header">
      <div class="composer-heading">
        <h1 id="composer-title" tabindex="-1">A thank-you to ${c.name}</h1>
        <p class="muted">Tick what only ${c.preferred_name || c.name} would recognise; the card is the real thing — edit it
          freely.</p>
      </div>
      <div class="toolbar">
        <button type="button" class="button" id="composer-print" data-action="print">${icon('letter')} Print</button>
        <button type="button" class="button" id="composer-mail" data-action="mail" hidden>${icon('email')} Open in your mail app</button>
        <button type="button" class="button" id="composer-written" data-action="written">${icon('check')} Mark written</button>
        <button type="button" class="button primary" id="composer-save" data-action="save" aria-keyshortcuts="Control+S">
          Save draft</button>
      </div>
    </header>
    <div class="form-notice" id="composer-notice" hidden></div>
    <div class="composer-split">
      <form class="composer-side" id="composer-choices" novalidate aria-label="What the note is for">
        ${choicesMarkup(state)}
      </form>
      <div class="composer-main">
        <div class="card-stage" id="composer-stage">
          <div class="card-face" id="composer-face">
            <p class="email-head" id="composer-email-head">${icon('email')} To: ${c.name}${email
    ? html` <span class="email-address">&lt;${email.value}&gt;</span>` : html` <span class="muted">(no email address yet)</span>`}</p>
            <div class="note-editor">
              <div class="note-highlights" id="composer-highlights" aria-hidden="true"></div>
              <textarea id="composer-text" spellcheck="true" autocomplete="off" aria-label="The note’s text"
                aria-describedby="composer-count composer-score composer-findings"></textarea>
            </div>
          </div>
        </div>
        <p class="composer-meta"><span id="composer-count"></span><span id="composer-size"></span></p>
        <p id="composer-score" class="note-score" aria-live="polite"></p>
        <section class="composer-findings" aria-labelledby="composer-findings-title">
          <h2 id="composer-findings-title">What could give it away</h2>
          <p class="muted" id="composer-findings-none" hidden>Nothing reads like a form letter.</p>
          <ul id="composer-findings" class="note-findings" role="list"></ul>
        </section>
        <section class="composer-intents" id="composer-intents-section" aria-labelledby="composer-intents-title" hidden>
          <h2 id="composer-intents-title">What the words do</h2>
          <p class="hint">As ${c.preferred_name || c.name} would read them — with their own words where they said no.</p>
          <ul id="composer-intents" class="intent-list" role="list"></ul>
        </section>
      </div>
    </div>
    <div class="card-print" id="composer-print-text" aria-hidden="true"></div>`;
}

/**
 * Shows the composer for one customer in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js); `app.back()` returns to the customer
 * @param {string} customerId
 * @returns {() => void} cleanup
 */
export function showComposer(main, app, customerId, { note = null } = {}) {
  render(main, html`<section id="composer" class="place composer" aria-labelledby="composer-title" aria-busy="true">
    <p class="loading">Opening the composer…</p></section>`);
  const root = main.firstElementChild;
  const fresh = () => ({
    kind: 'purchase', format: 'card', card: 'a6', variant: 0, chosen: null,
    text: '', composed: null, saved: null, savedId: null, savedAt: null, report: null, details: [], used: [],
    intents: [],
  });
  /**
   * What is on the card and how it was asked for. `composed`: the text of the last draft Rapport wrote; `saved`
   * and `savedId`: the draft in the book this text was last saved as (saving again changes that draft); `savedAt`:
   * when it was, as the book keeps it (sent back, so a save by anyone since is not overwritten).
   */
  const state = note
    ? {
      ...fresh(), format: note.format || 'card', text: note.text, composed: note.text, saved: note.text,
      savedId: note.id, savedAt: note.updated_at,
    }
    : kept.get(customerId) || fresh();
  kept.set(customerId, state);
  let record = null;
  let alive = true;
  let composeNo = 0;
  // The draft being written, so Mark written and Open in mail act on the words the card shows, not the last ones.
  let composing = Promise.resolve();
  let saving = false;
  let lintNo = 0;
  let readNo = 0;
  let lintTimer = 0;
  let resize = null;
  const el = {};

  const who = () => (record ? record.preferred_name || record.name : 'them');
  const edited = () => state.composed !== null && state.text !== state.composed;
  const shape = () => ({ kind: state.kind, format: state.format, card: state.card });
  const limit = () => (state.format === 'email' ? EMAIL_LIMIT : state.format === 'card' ? CARDS[state.card].limit : null);

  function drawFace() {
    const card = CARDS[state.card];
    el.face.dataset.card = state.card;
    el.face.dataset.format = state.format;
    el.face.setAttribute('aria-label', state.format === 'email' ? 'The email'
      : `The ${card.label} card, ${card.w} × ${card.h} mm`);
    el.cardPicker.hidden = state.format === 'email';
    el.print.hidden = state.format === 'email';
    el.mail.hidden = state.format !== 'email';
    el.written.hidden = state.format === 'email';
    el.size.textContent = state.format === 'email' ? ' · email' : ` · card ${card.w} × ${card.h} mm`;
    document.body.classList.remove(...PRINT_CLASSES);
    document.body.classList.add('print-card', `print-card-${state.card}`);
    el.variantNo.textContent = state.variant ? `version ${state.variant + 1}` : '';
  }

  function drawCount() {
    const n = Array.from(state.text).length;
    const max = limit();
    if (!max) {
      render(el.count, html`${n} characters · prompts to write from, in your own hand`);
      return;
    }
    const over = n - max;
    render(el.count, html`<span data-over="${over > 0 ? 'true' : 'false'}">${n} of about ${max} characters${over > 0
      ? html` — <span class="count-over">${icon('warning')} ${over} over</span>` : ''}</span>`);
  }

  function drawText() {
    const findings = state.report ? state.report.findings : [];
    render(el.highlights, highlightMarkup(state.text, findings, state.intents || []));
    el.printText.textContent = state.text;
    drawCount();
    drawSave();
  }

  function drawSave() {
    const saved = state.saved !== null && state.saved === state.text;
    el.save.disabled = !state.text.trim() || saved;
    render(el.save, saved ? html`${icon('check')} Saved` : html`Save draft`);
  }

  function findingItem(f, index, cs) {
    const whole = isWhole(f, cs.length);
    let words = cs.slice(f.start, f.end).join('').replace(/\s+/g, ' ').trim();
    if (Array.from(words).length > 90) words = `${Array.from(words).slice(0, 88).join('')}…`;
    const guard = GUARD_RULES.has(f.rule);
    return html`<li class="note-finding${guard ? ' is-guard' : ''}" data-rule="${f.rule}">
      <p class="nf-head">${icon(guard ? 'stop' : 'warning')} <strong class="nf-title">${RULES[f.rule] || f.rule}</strong>
        ${whole ? html`<span class="nf-where">the whole note</span>`
    : html`<span class="nf-words">“${words}”</span>`}</p>
      <p class="nf-why">${f.message}</p>
      ${f.quote ? html`<p class="nf-quote">${who()} said: <span class="words">“${f.quote}”</span></p>` : ''}
      <p class="nf-fix">${icon('next')} <span>${f.suggestion}</span></p>
      <p class="nf-buttons">${typeof f.replacement === 'string' ? html`<button type="button" class="button small"
        data-apply="${index}">${f.replacement ? html`Apply: “${f.replacement}”` : 'Take it out'}</button>` : ''}
      ${whole ? '' : html`<button type="button" class="button quiet small" data-show="${index}">Show in the text</button>`}</p>
    </li>`;
  }

  function drawReport() {
    const report = state.report;
    if (!report) return;
    const b = scoreBand(report.score, report.findings.length);
    el.score.dataset.band = b.key;
    el.score.dataset.score = String(report.score);
    render(el.score, html`${icon(b.icon)} <strong class="score-number">${report.score} / 100</strong>
      <span class="score-word">${b.word}</span>`);
    const cs = Array.from(state.text);
    const ordered = report.findings.map((f, i) => ({ f, i })).sort((x, y) => x.f.start - y.f.start || x.i - y.i);
    render(el.findings, html`${ordered.map(({ f, i }) => findingItem(f, i, cs))}`);
    el.none.hidden = report.findings.length > 0;
  }

  /** Where the text and the ticks differ, say so: the draft may leave a ticked fact out, or lead with another. */
  function usedWords(checked, inText) {
    if (!state.used.length || checked === inText) return '';
    return html` · <span class="detail-used">${inText ? 'in this version' : 'not in this version'}</span>`;
  }

  function drawDetails() {
    const list = el.details.querySelector('.detail-list');
    list.removeAttribute('aria-busy');
    if (!state.details.length) {
      render(list, html`<p class="muted">Nothing recorded for this yet — add facts and purchases on their page.</p>`);
      return;
    }
    const chosen = state.chosen ? new Set(state.chosen) : null;
    const used = new Set(state.used);
    // Drawn again after each draft: the checkbox in focus keeps it.
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.detailId : null;
    render(list, html`<ul role="list" class="details">${state.details.map((d) => {
      const checked = chosen ? chosen.has(d.id) : d.preselected;
      return html`<li><label class="detail">
        <input type="checkbox" data-detail-id="${d.id}" ${checked ? html`checked` : ''}>
        <span class="detail-body"><span class="detail-kind">${DETAIL_KINDS[d.kind] || d.kind}${usedWords(checked, used.has(d.id))}</span>
          <span class="detail-text">${d.kind === 'quote' ? `“${d.text}”` : d.text}</span></span>
      </label></li>`;
    })}</ul>`);
    const again = focused && [...list.querySelectorAll('input[data-detail-id]')].find((i) => i.dataset.detailId === focused);
    if (again) again.focus({ preventScroll: true });
  }

  async function loadDetails() {
    const kind = state.kind;
    try {
      const list = await ipc.noteDetails(customerId, kind);
      if (!alive || kind !== state.kind) return;
      state.details = list;
      drawDetails();
    } catch (err) {
      announceError(err, 'Could not read what to use');
    }
  }

  function compose() {
    composing = writeDraft();
    return composing;
  }

  async function writeDraft() {
    const ask = ++composeNo;
    clearTimeout(lintTimer);
    lintNo += 1;
    readNo += 1;
    el.stage.setAttribute('aria-busy', 'true');
    try {
      const draft = await ipc.composeNote(customerId, {
        kind: state.kind, format: state.format, card: state.card, variant: state.variant, chosen: state.chosen,
      });
      if (!alive || ask !== composeNo) return;
      state.text = draft.text;
      state.composed = draft.text;
      state.used = draft.details_used;
      state.report = draft.report;
      state.intents = [];
      el.text.value = draft.text;
      el.text.scrollTop = 0;
      drawText();
      drawReport();
      drawIntents();
      drawDetails();
      showNotice(null);
      readIntents();
    } catch (err) {
      if (alive) announceError(err, 'Could not write a draft');
    } finally {
      if (alive && ask === composeNo) el.stage.removeAttribute('aria-busy');
    }
  }

  function drawIntents() {
    const intents = state.intents || [];
    el.intentsSection.hidden = !intents.length;
    render(el.intents, html`${intents.map((i, n) => intentItem(i, n, who()))}`);
  }

  /** What the words do, as the Guard reads them in a thank-you (underlined in the text, listed under it). */
  async function readIntents() {
    const ask = ++readNo;
    const text = state.text;
    let intents = [];
    try {
      if (text.trim()) {
        const reading = await ipc.readOutreach(customerId, {
          channel: state.format === 'email' ? 'email' : 'mail',
          at: now().toISOString(),
          text,
          purpose: 'proactive',
          in_thank_you: true,
        });
        intents = reading.intents.map((i) => ({ ...i, tone: intentTone(i) }));
      }
    } catch {
      // The detector's findings still show; the underlines of intents are a help on top.
    }
    if (!alive || ask !== readNo || text !== state.text) return;
    state.intents = intents;
    drawText();
    drawIntents();
  }

  async function lint() {
    const ask = ++lintNo;
    const text = state.text;
    try {
      const report = await ipc.lintNote(customerId, text, shape());
      if (!alive || ask !== lintNo || text !== state.text) return;
      state.report = report;
      drawText();
      drawReport();
    } catch (err) {
      if (alive) announceError(err, 'Could not check the note');
    }
  }

  function lintSoon(delay = LINT_DELAY_MS) {
    clearTimeout(lintTimer);
    lintTimer = setTimeout(() => {
      lint();
      readIntents();
    }, delay);
  }

  /**
   * A choice changed: write a new draft. When the salesperson has edited the text, ask first; keeping their text
   * only checks it again against the new choice.
   */
  async function choiceChanged({ details = false } = {}) {
    drawFace();
    const waitForDetails = details ? loadDetails() : null;
    if (edited()) {
      const replace = await confirmDialog({
        title: 'Replace your edited text?',
        message: 'A new draft would replace the words you changed on the card. Cancel keeps your text and checks '
          + 'it against the new choice.',
        confirmLabel: 'Write a new draft',
      });
      if (!alive) return;
      if (!replace) {
        if (waitForDetails) await waitForDetails;
        lintSoon(0);
        return;
      }
    }
    if (waitForDetails) await waitForDetails;
    await compose();
  }

  function showNotice(fragment) {
    if (!fragment) {
      el.notice.hidden = true;
      render(el.notice, html``);
      return;
    }
    render(el.notice, fragment);
    el.notice.hidden = false;
  }

  async function save() {
    if (!state.text.trim() || saving || state.saved === state.text) return;
    saving = true;
    const text = state.text;
    el.save.disabled = true;
    render(el.save, html`Saving…`);
    const add = async () => {
      const made = await ipc.addNote(customerId, {
        text,
        kind: state.format === 'prompts' ? 'card_prompt' : 'thank_you',
        format: state.format,
        status: 'draft',
      });
      state.savedId = made.id;
      state.savedAt = made.updated_at;
    };
    try {
      if (state.savedId) {
        try {
          // What this page saved last goes back: a save by anyone since is not overwritten (changed_meanwhile).
          const stored = await ipc.updateNote(state.savedId, text, state.savedAt);
          state.savedAt = stored.updated_at;
        } catch (err) {
          // Marked written or sent (or removed) meanwhile: that one stays as it is; this becomes a new draft.
          if (!err || !['invalid_input', 'not_found'].includes(err.code)) throw err;
          await add();
        }
      } else {
        await add();
      }
      state.saved = text;
      announce(`Saved the draft with ${who()}’s notes.`);
    } catch (err) {
      announceError(err, 'Could not save the draft');
    } finally {
      saving = false;
      if (alive) drawSave();
    }
  }

  /**
   * The email note in the salesperson's own mail app: saved as a draft first, then the Guard (reading it as a
   * thank-you), then the mail app with the subject and the words; one question follows — "Sent?" — and "Yes, mark
   * it sent" logs it as sending the note does.
   */
  async function mail() {
    await composing;
    if (!alive || !state.text.trim()) return;
    if (state.saved !== state.text || !state.savedId) await save();
    if (!state.savedId) return;
    const [first, ...rest] = state.text.split('\n');
    const subject = first.startsWith('Subject: ') ? first.slice('Subject: '.length).trim() : null;
    const body = (subject ? rest.join('\n') : state.text).trim();
    try {
      // As sending a note logs it: a thank-you answers what the customer did (the Guard reads the words as one).
      const done = await ipc.handOff(customerId, {
        at: now(), channel: 'email', direction: 'out', summary: body, quotes: [], purpose: 'waiting',
        reason: 'Thank-you note',
      }, subject, true);
      render(el.notice, html`<p id="composer-mail-asked" role="status">${icon('email')} Opened in your mail app to
        <strong>${done.to}</strong>. <strong>Sent?</strong></p>
        <div class="card-actions"><button type="button" class="button primary" data-action="mail-sent"
          id="composer-mail-yes">Yes, mark it sent</button>
        <button type="button" class="button" data-action="mail-not-yet">Not yet</button></div>`);
      el.notice.hidden = false;
      el.notice.querySelector('#composer-mail-yes').focus();
    } catch (err) {
      const words = err.decision && err.decision.reasons && err.decision.reasons.find((r) => r.quote);
      announceError(err, words ? `Not opened — ${who()} said “${words.quote}”` : 'Not opened');
    }
  }

  /** The card is written (printed and signed, or written by hand from the prompts): saved, then marked so. */
  async function markWritten() {
    await composing;
    if (!alive || !state.text.trim()) return;
    if (state.saved !== state.text || !state.savedId) await save();
    if (!state.savedId) return;
    try {
      await ipc.setNoteStatus(state.savedId, 'written');
      state.savedId = null;
      state.saved = null;
      drawSave();
      announce(`Marked written: the card to ${who()}. Mark it sent in Notes when it is in the post.`);
    } catch (err) {
      announceError(err, 'Could not mark it written');
    }
  }

  async function mailSent() {
    try {
      await ipc.setNoteStatus(state.savedId, 'sent');
      // The sent note stays as the customer got it: what is written next is a new draft.
      state.savedId = null;
      state.saved = null;
      el.notice.hidden = true;
      drawSave();
      announce(`Marked sent: the email to ${who()} is logged.`);
    } catch (err) {
      announceError(err, 'Could not mark it sent');
    }
  }

  function print() {
    if (state.format === 'email') return;
    el.printText.textContent = state.text;
    setPageSize(CARDS[state.card]);
    drawFace();
    window.print();
  }

  /** Pixels per millimetre for the preview, from the room the card has. */
  function fit() {
    const style = getComputedStyle(el.stage);
    const width = el.stage.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(width > 0)) return;
    el.stage.style.setProperty('--mm', `${Math.min(width / WIDEST_MM, MAX_PX_PER_MM).toFixed(3)}px`);
  }

  function wire() {
    for (const [key, sel] of Object.entries({
      stage: '#composer-stage', face: '#composer-face', highlights: '#composer-highlights', text: '#composer-text',
      count: '#composer-count', size: '#composer-size', score: '#composer-score', findings: '#composer-findings',
      none: '#composer-findings-none', details: '#composer-details', cardPicker: '#composer-card',
      print: '#composer-print', mail: '#composer-mail', written: '#composer-written', save: '#composer-save', notice: '#composer-notice', printText: '#composer-print-text',
      variantNo: '#composer-variant-no', choices: '#composer-choices', intents: '#composer-intents',
      intentsSection: '#composer-intents-section',
    })) el[key] = root.querySelector(sel);

    el.choices.addEventListener('submit', (event) => event.preventDefault());
    el.choices.addEventListener('change', (event) => {
      const t = event.target;
      if (t.id === 'composer-kind') {
        state.kind = t.value;
        state.chosen = null;
        state.variant = 0;
        choiceChanged({ details: true });
      } else if (t.id === 'composer-format') {
        state.format = t.value;
        choiceChanged();
      } else if (t.name === 'composer-card') {
        state.card = t.value;
        choiceChanged();
      } else if (t.dataset.detailId) {
        state.chosen = [...el.details.querySelectorAll('input[data-detail-id]:checked')].map((i) => i.dataset.detailId);
        choiceChanged();
      }
    });

    el.text.addEventListener('input', () => {
      const before = state.text;
      state.text = el.text.value;
      if (state.report) state.report = { ...state.report, findings: shiftFindings(before, state.text, state.report.findings) };
      if (state.intents) state.intents = shiftSpans(before, state.text, state.intents);
      drawText();
      lintSoon();
    });
    el.text.addEventListener('scroll', () => { el.highlights.scrollTop = el.text.scrollTop; });

    root.addEventListener('click', (event) => {
      // Apply: the finding's certain fix, written into the text as if typed (an edit like any other: undo with
      // Ctrl+Z, the findings read again).
      const apply = event.target.closest('[data-apply]');
      if (apply && state.report) {
        const f = state.report.findings[Number(apply.dataset.apply)];
        if (!f || typeof f.replacement !== 'string') return;
        el.text.focus();
        el.text.setSelectionRange(utf16Index(state.text, f.start), utf16Index(state.text, f.end));
        // execCommand keeps the browser's undo history; setRangeText is the fallback.
        if (!document.execCommand('insertText', false, f.replacement)) {
          el.text.setRangeText(f.replacement, el.text.selectionStart, el.text.selectionEnd, 'end');
          el.text.dispatchEvent(new Event('input', { bubbles: true }));
        }
        announce(f.replacement ? `Applied: “${f.replacement}”.` : 'Taken out.');
        return;
      }
      const show = event.target.closest('[data-show]');
      if (show && state.report) {
        const f = state.report.findings[Number(show.dataset.show)];
        if (!f) return;
        el.text.focus();
        el.text.setSelectionRange(utf16Index(state.text, f.start), utf16Index(state.text, f.end));
        return;
      }
      const button = event.target.closest('[data-action]');
      if (!button) return;
      const action = button.dataset.action;
      if (action === 'back') app.back();
      else if (action === 'save') save();
      else if (action === 'print') print();
      else if (action === 'mail') mail();
      else if (action === 'written') markWritten();
      else if (action === 'mail-sent') mailSent();
      else if (action === 'mail-not-yet') {
        el.notice.hidden = true;
        el.notice.replaceChildren();
      }
      else if (action === 'variant') {
        state.variant += 1;
        choiceChanged();
      } else if (action === 'start-over') {
        // A new card: saving it makes a new draft, the one saved before stays.
        state.saved = null;
        state.savedId = null;
        compose();
        el.text.focus();
      }
    });

    root.addEventListener('keydown', (event) => {
      if ((event.key === 's' || event.key === 'S') && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        save();
      }
    });

    if (typeof ResizeObserver === 'function') {
      resize = new ResizeObserver(fit);
      resize.observe(el.stage);
    }
    fit();
  }

  async function start() {
    try {
      record = await ipc.customerPage(customerId);
    } catch (err) {
      if (!alive) return;
      root.removeAttribute('aria-busy');
      render(root, html`<div class="page-top">
        <button type="button" class="button quiet" data-action="back">${icon('back')} Back</button></div>
        <p class="form-error">Could not open the composer: ${err.message}</p>`);
      root.querySelector('[data-action="back"]').addEventListener('click', () => app.back());
      return;
    }
    if (!alive) return;
    render(root, frameMarkup(record, state));
    document.title = `A thank-you to ${record.name} — Rapport`;
    wire();
    drawFace();
    root.querySelector('#composer-title').focus({ preventScroll: true });
    if (state.composed === null) {
      await Promise.all([loadDetails(), compose()]);
    } else {
      // Back again: the text as it was left, checked again (the book may have changed meanwhile).
      el.text.value = state.text;
      drawText();
      drawReport();
      drawIntents();
      if (edited()) {
        showNotice(html`<span>Restored what you were writing.</span>
          <button type="button" class="button quiet small" data-action="start-over">Start over</button>`);
      }
      await loadDetails();
      lintSoon(0);
    }
    if (alive) root.removeAttribute('aria-busy');
  }

  start();
  return () => {
    alive = false;
    clearTimeout(lintTimer);
    if (resize) resize.disconnect();
    document.body.classList.remove(...PRINT_CLASSES);
  };
}
