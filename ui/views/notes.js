// The Notes place: thank-you notes and card prompts to customers, newest first, with their status (draft,
// written, sent — icon and word) and Mark written / Mark sent. The core has no request for every note in the book
// yet, so the place is honest about what it shows: every note to the customer opened last, and the drafts of the
// other customers opened since Rapport started (read fresh from each customer's page).

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { formatInstant, plural } from '../lib/format.js';
import { announceError } from '../lib/status.js';
import { NOTE_KINDS } from '../lib/words.js';
import { NOTE_FORMATS, firstLine, isToCustomer, markNote, noteStatusActions, statusBadge } from './note-status.js';

/** Customers opened this session, the latest first. */
const visited = [];
/** How many of them the place reads (each is one customer_page call). */
const READ_AT_MOST = 25;

/**
 * Remembers that a customer was opened (their notes show in the Notes place for the rest of the session).
 * @param {string} id
 */
export function rememberVisit(id) {
  const at = visited.indexOf(id);
  if (at >= 0) visited.splice(at, 1);
  visited.unshift(id);
}

/** Newest first. */
const newestFirst = (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at);

function noteRow(app, n, c, { showName }) {
  const format = NOTE_FORMATS[n.format] || n.format;
  return html`<li class="note-row" data-note-id="${n.id}" data-status="${n.status || 'draft'}" data-customer-id="${c.id}">
    <p class="note-row-head">
      <time datetime="${n.created_at}">${formatInstant(n.created_at, app.zone, { time: true })}</time>
      ${showName ? html`<button type="button" class="note-row-name" data-action="open-customer" data-id="${c.id}">${c.name}</button>` : ''}
      <span>${icon('note')} ${NOTE_KINDS[n.kind] || n.kind}${format ? html` · ${format}` : ''}</span>
      ${statusBadge(n)}
    </p>
    <p class="note-first-line">${firstLine(n.text)}</p>
    <div class="note-row-actions">${noteStatusActions(n)}</div>
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
    </header>
    <p class="muted notes-intro">Thank-you notes and card prompts to your customers, newest first. Only customers you
      have opened since Rapport started are shown here.</p>
    <div id="notes-body" aria-busy="true"><p class="loading">Reading their notes…</p></div>
  </section>`);
  const root = main.firstElementChild;
  const body = root.querySelector('#notes-body');
  let alive = true;
  /** Customer records by id, as last read. */
  let records = new Map();
  let asked = 0;

  function draw() {
    const ids = visited.slice(0, READ_AT_MOST).filter((id) => records.has(id));
    if (!ids.length) {
      render(body, html`<p class="empty notes-empty" id="notes-empty">Open a customer to see the notes you wrote them.
        Drafts you save in the composer show here.</p>`);
      return;
    }
    const current = records.get(ids[0]);
    const mine = current.notes.filter(isToCustomer).sort(newestFirst);
    const drafts = ids.slice(1).flatMap((id) => {
      const c = records.get(id);
      return c.notes.filter((n) => isToCustomer(n) && (n.status || 'draft') === 'draft').map((n) => ({ n, c }));
    }).sort((a, b) => newestFirst(a.n, b.n));

    render(body, html`<section class="card" id="notes-current" aria-labelledby="notes-current-title"
        data-customer-id="${current.id}">
        <div class="card-head">
          <h2 id="notes-current-title">Notes to <button type="button" class="note-row-name" data-action="open-customer"
            data-id="${current.id}">${current.name}</button></h2>
          <div class="card-actions">
            <button type="button" class="button small" data-action="write" data-id="${current.id}">${icon('plus')} Write thank-you</button>
          </div>
        </div>
        ${mine.length ? html`<ol class="notes-list" id="notes-list" aria-label="Notes to ${current.name}">
          ${mine.map((n) => noteRow(app, n, current, { showName: false }))}</ol>`
    : html`<p class="empty">No thank-you notes or card prompts to ${current.preferred_name || current.name} yet.</p>`}
      </section>
      ${ids.length > 1 ? html`<section class="card" id="notes-drafts" aria-labelledby="notes-drafts-title">
        <div class="card-head"><h2 id="notes-drafts-title">Drafts waiting (${drafts.length})</h2></div>
        <p class="muted">From the other ${plural(ids.length - 1, 'customer')} you opened.</p>
        ${drafts.length ? html`<ol class="notes-list" id="notes-drafts-list" aria-label="Drafts waiting">
          ${drafts.map(({ n, c }) => noteRow(app, n, c, { showName: true }))}</ol>`
    : html`<p class="empty">No drafts waiting.</p>`}
      </section>` : ''}`);
  }

  async function load() {
    const ask = ++asked;
    const ids = visited.slice(0, READ_AT_MOST);
    const read = await Promise.all(ids.map((id) => ipc.customerPage(id).catch((err) => {
      // A customer deleted or a book restored since: leave them out.
      if (err && err.code !== 'not_found') announceError(err, 'Could not read a customer’s notes');
      return null;
    })));
    if (!alive || ask !== asked) return;
    records = new Map(read.filter(Boolean).map((c) => [c.id, c]));
    body.removeAttribute('aria-busy');
    draw();
  }

  root.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-action]');
    if (!button) return;
    const id = button.dataset.id;
    if (button.dataset.action === 'open-customer') {
      app.openCustomer(id, { from: 'notes' });
    } else if (button.dataset.action === 'write') {
      app.openComposer(id);
    } else if (button.dataset.action === 'note-status') {
      const row = button.closest('[data-customer-id]');
      const c = row && records.get(row.dataset.customerId);
      const outcome = await markNote(id, button.dataset.status, c ? c.preferred_name || c.name : 'The customer', button);
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
