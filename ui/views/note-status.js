// A note to a customer (a thank-you or a card prompt) on its way from draft to written to sent: its status as an
// icon and a word, the Mark written / Mark sent buttons, and what marking it does. Sending logs the contact
// through the Guard; when the customer asked not to get it, the refusal shows their own words next to the note
// (kept for the session, so it survives the page being drawn again) and the note keeps its status.
// Used by a customer's timeline (customer.js) and the Notes place (notes.js).

import * as ipc from '../lib/ipc.js';
import { html } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { blockedByTheirWords, verdictMarkup } from '../lib/verdict.js';
import { announce, announceError } from '../lib/status.js';

/** Statuses in words, each with an icon (never colour alone). */
export const NOTE_STATUSES = {
  draft: { word: 'Draft', icon: 'note' },
  written: { word: 'Written', icon: 'check' },
  sent: { word: 'Sent', icon: 'outbound' },
};

/** How the note goes out, in words. */
export const NOTE_FORMATS = { card: 'Card', prompts: 'Handwriting prompts', email: 'Email' };

/** Refusals from the Guard by note id, for this session: the decision and who asked. */
const refusals = new Map();

/**
 * Whether a note is one written to the customer (it has a status to move on), not the salesperson's own note.
 * @param {{kind: string}} note
 */
export function isToCustomer(note) {
  return note.kind === 'thank_you' || note.kind === 'card_prompt';
}

/**
 * The first line of a note with something on it (the subject of an email, the opening of a card).
 * @param {string} text
 * @returns {string}
 */
export function firstLine(text) {
  const lines = String(text || '').split('\n').map((l) => l.trim()).filter(Boolean);
  // A salutation alone ("Aaron,") says little: the opening sentence comes with it.
  let line = lines[0] || '';
  if (lines.length > 1 && line.length <= 30 && line.endsWith(',')) line = `${line} ${lines[1]}`;
  const chars = Array.from(line);
  return chars.length > 140 ? `${chars.slice(0, 139).join('')}…` : line;
}

/**
 * The status as an icon and a word.
 * @param {{status?: string|null}} note
 */
export function statusBadge(note) {
  const s = NOTE_STATUSES[note.status] || NOTE_STATUSES.draft;
  return html`<span class="note-status" data-status="${note.status || 'draft'}">${icon(s.icon)} ${s.word}</span>`;
}

/**
 * The buttons that move a note on (Mark written while it is a draft; Mark sent until it is sent), and the
 * Guard's refusal with the customer's words when sending it was refused. Buttons carry
 * `data-action="note-status"`, `data-id` (the note) and `data-status`.
 * @param {{id: string, status?: string|null}} note
 */
export function noteStatusActions(note) {
  const status = note.status || 'draft';
  const refusal = refusals.get(note.id);
  const buttons = [
    status === 'draft' ? html`<button type="button" class="button small" data-action="note-status" data-id="${note.id}"
      data-status="written">${icon('check')} Mark written</button>` : '',
    status !== 'sent' ? html`<button type="button" class="button small" data-action="note-status" data-id="${note.id}"
      data-status="sent">${icon('outbound')} Mark sent</button>` : '',
  ].filter(Boolean);
  if (!buttons.length && !(refusal && status !== 'sent')) return html``;
  return html`${buttons.length ? html`<span class="note-actions">${buttons}</span>` : ''}
    ${refusal && status !== 'sent' ? html`<div class="verdict note-refusal" data-verdict="${refusal.decision.decision}" role="alert"
      data-refused-note="${note.id}">${verdictMarkup(refusal.decision, {
  outcome: html`<p class="verdict-refused">${icon('stop')} <strong>Not sent — ${refusal.because}</strong></p>
    <p class="muted">The note stays ${NOTE_STATUSES[status].word.toLowerCase()}; the attempt is kept under Held back.</p>`,
})}</div>` : ''}`;
}

/**
 * Marks a note written or sent. On success the caller draws the page again (a sent note's contact is in the
 * timeline); a refusal is remembered and shown by `noteStatusActions` with the customer's words.
 * @param {string} noteId
 * @param {'written'|'sent'} status
 * @param {string} who the customer's name as the window calls them ("Aaron")
 * @param {HTMLButtonElement} [button] disabled while the core works
 * @returns {Promise<'done'|'refused'|'failed'>}
 */
export async function markNote(noteId, status, who, button) {
  if (button) button.disabled = true;
  try {
    const result = await ipc.setNoteStatus(noteId, status);
    refusals.delete(noteId);
    if (status === 'sent') {
      announce(result.logged ? `Marked sent; the contact is logged for ${who}.` : 'Marked sent.');
    } else {
      announce('Marked written.');
    }
    return 'done';
  } catch (err) {
    if (button) button.disabled = false;
    if (err && err.code === 'blocked_by_preference' && err.decision) {
      const because = blockedByTheirWords(err.decision) ? `${who} asked for this.` : 'Rapport held it back.';
      refusals.set(noteId, { decision: err.decision, because });
      announce(`Not sent — ${because}`, { error: true });
      return 'refused';
    }
    if (err && err.code === 'needs_justification' && err.decision) {
      refusals.set(noteId, { decision: err.decision, because: err.message });
      announce(`Not sent — ${err.message}`, { error: true });
      return 'refused';
    }
    announceError(err, 'Could not mark the note');
    return 'failed';
  }
}
