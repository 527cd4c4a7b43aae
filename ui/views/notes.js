// The Notes place: thank-you notes and card prompts to customers across the book, newest first, with their status
// (draft, written, sent — icon and word), a filter by status, and Mark written / Mark sent.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { formatInstant } from '../lib/format.js';
import { announceError } from '../lib/status.js';
import { NOTE_KINDS } from '../lib/words.js';
import { NOTE_FORMATS, firstLine, markNote, noteStatusActions, statusBadge } from './note-status.js';

/** How many notes the place reads at once (the newest). */
const READ_AT_MOST = 200;

/** The filter's choices: what each shows, and what it says when there is nothing. */
const SHOWS = [
  { status: '', label: 'All', none: 'No thank-you notes or card prompts yet. Write one from a customer’s page.' },
  { status: 'draft', label: 'Drafts', none: 'No drafts waiting.' },
  { status: 'written', label: 'Written', none: 'No notes written and waiting to go out.' },
  { status: 'sent', label: 'Sent', none: 'No notes sent yet.' },
];

/** The last status the place was filtered by, for the rest of the session. */
let shown = '';

function noteRow(app, n) {
  const format = NOTE_FORMATS[n.format] || n.format;
  return html`<li class="note-row" data-note-id="${n.id}" data-status="${n.status || 'draft'}" data-customer-id="${n.customer_id}">
    <p class="note-row-head">
      <time datetime="${n.created_at}">${formatInstant(n.created_at, app.zone, { time: true })}</time>
      <button type="button" class="note-row-name" data-action="open-customer" data-id="${n.customer_id}">${n.customer_name}</button>
      <span>${icon('note')} ${NOTE_KINDS[n.kind] || n.kind}${format ? html` · ${format}` : ''}</span>
      ${statusBadge(n)}
    </p>
    <p class="note-first-line">${firstLine(n.text)}</p>
    <div class="note-row-actions">
      ${(n.status || 'draft') === 'draft'
    ? html`<div class="note-actions"><button type="button" class="button small" data-action="edit" data-id="${n.id}">${icon('note')} Edit draft</button>
        ${noteStatusActions(n)}</div>`
    : noteStatusActions(n)}
    </div>
  </li>`;
}

/**
 * Shows the Notes place in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup
 */
export function showNotes(main, app) {
  render(main, html`<section id="notes" class="place notes-place" aria-labelledby="notes-title">
    <header class="place-header">
      <h1 id="notes-title" tabindex="-1">Notes</h1>
      <div class="toolbar">
        <fieldset class="segmented" id="notes-show">
          <legend class="visually-hidden">Show</legend>
          ${SHOWS.map((s) => html`<label class="segment">
            <input type="radio" name="notes-show" value="${s.status}" ${s.status === shown ? html`checked` : ''}>
            <span>${s.label}</span></label>`)}
        </fieldset>
      </div>
    </header>
    <p class="muted notes-intro">Thank-you notes and card prompts to your customers, newest first.</p>
    <div id="notes-body" aria-busy="true"><p class="loading">Reading your notes…</p></div>
  </section>`);
  const root = main.firstElementChild;
  const body = root.querySelector('#notes-body');
  let alive = true;
  /** The notes as last read. */
  let notes = [];
  let asked = 0;

  function draw() {
    const show = SHOWS.find((s) => s.status === shown) || SHOWS[0];
    if (!notes.length) {
      render(body, html`<p class="empty notes-empty" id="notes-empty">${show.none}</p>`);
      return;
    }
    render(body, html`<ol class="notes-list" id="notes-list" aria-label="${show.label}: notes to customers">
        ${notes.map((n) => noteRow(app, n))}</ol>
      ${notes.length >= READ_AT_MOST
    ? html`<p class="muted" id="notes-more">The newest ${READ_AT_MOST} are shown; a customer’s page has all of theirs.</p>`
    : ''}`);
  }

  async function load() {
    const ask = ++asked;
    body.setAttribute('aria-busy', 'true');
    try {
      const read = await ipc.listNotes({ status: shown || null, limit: READ_AT_MOST });
      if (!alive || ask !== asked) return;
      notes = read;
      draw();
    } catch (err) {
      if (alive && ask === asked) announceError(err, 'Could not read your notes');
    } finally {
      if (alive && ask === asked) body.removeAttribute('aria-busy');
    }
  }

  root.querySelector('#notes-show').addEventListener('change', (event) => {
    shown = event.target.value;
    load();
  });

  root.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-action]');
    if (!button) return;
    const id = button.dataset.id;
    if (button.dataset.action === 'open-customer') {
      app.openCustomer(id, { from: 'notes' });
    } else if (button.dataset.action === 'edit') {
      const n = notes.find((x) => x.id === id);
      if (n) app.openComposer(n.customer_id, { note: n });
    } else if (button.dataset.action === 'note-status') {
      const row = button.closest('[data-customer-id]');
      const n = row && notes.find((x) => x.id === row.dataset.noteId);
      const outcome = await markNote(id, button.dataset.status, n ? n.customer_name : 'The customer', button);
      if (alive && outcome !== 'failed') await load();
      const again = alive && root.querySelector(`[data-note-id="${CSS.escape(id)}"] [data-action="note-status"]`);
      if (again) again.focus();
    }
  });

  load();
  root.querySelector('#notes-title').focus({ preventScroll: true });
  return () => {
    alive = false;
  };
}
