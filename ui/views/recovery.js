// The recovery page: the book could not be opened. Says what happened, lists this book's good backups (newest
// first) and restores the one chosen with one button — the damaged file is kept aside, never written into — then
// the app opens the book as it would have at start.

import * as ipc from '../lib/ipc.js';
import { formatInstant } from '../lib/format.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { announce, announceError } from '../lib/status.js';

/** The computer's own zone: the profile (and its zone) is in the book that could not be opened. */
const HERE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function backupRow(b, newest) {
  const kb = Math.max(1, Math.round(b.bytes / 1024));
  return html`<li class="backup-row">
    <label>
      <input type="radio" name="backup" value="${b.name}"${newest ? html` checked` : ''}>
      <span><strong>${formatInstant(b.taken_at, HERE, { time: true })}</strong>${newest ? ' · the newest' : ''}</span>
      <span class="item-meta">${b.name} · ${kb.toLocaleString()} KB</span>
    </label>
  </li>`;
}

/**
 * Shows the recovery page in `main` for `info` (from `ipc.recovery()`); `onOpen` runs once the book is open.
 * @param {HTMLElement} main
 * @param {{code: string, message: string, book: string, can_restore: boolean, backups: object[]}} info
 * @param {() => void} onOpen
 */
export function showRecovery(main, info, onOpen) {
  const backups = info.backups || [];
  const unlock = html`<form class="recovery-choice" id="unlock-form">
      <label for="passphrase">Passphrase</label>
      <input id="passphrase" type="password" autocomplete="current-password" required minlength="8">
      <div class="form-actions">
        <button type="submit" class="button primary" id="unlock">Open my book</button>
      </div>
    </form>`;
  const restore = info.asks_passphrase ? unlock : info.can_restore && backups.length
    ? html`<form class="recovery-choice" id="recovery-form">
        <fieldset>
          <legend>Backups of ${info.book}</legend>
          <ul role="list" class="plain-list">${backups.map((b, i) => backupRow(b, i === 0))}</ul>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button primary" id="recover">${icon('check')} Restore this backup</button>
        </div>
      </form>`
    : info.can_restore
      ? html`<p class="form-error">There is no good backup of this book. Rapport has not changed the file; keep it and
          ask for help before trying anything else.</p>`
      : html`<div class="form-actions"><button type="button" class="button" id="retry">Try again</button></div>`;
  render(main, html`<section class="welcome recovery" id="recovery" aria-labelledby="recovery-title">
    <h1 id="recovery-title">${info.asks_passphrase ? 'Your book is locked' : html`${icon('warning')} Your book could not be opened`}</h1>
    <p class="recovery-message">${info.message}</p>
    ${restore}
  </section>`);
  // Nothing else works until the book opens: the places and search are hidden meanwhile.
  document.body.classList.add('in-recovery');
  main.focus();

  async function recover(name, button, passphrase) {
    button.disabled = true;
    try {
      const done = await ipc.recover(name, passphrase);
      announce(done.restored
        ? `Restored ${done.restored}. The damaged file is kept as ${done.damaged_kept_as}.`
        : 'Your book is open.', { sticky: true });
      document.body.classList.remove('in-recovery');
      onOpen();
    } catch (err) {
      button.disabled = false;
      announceError(err, name ? 'Could not restore the backup' : 'The book still cannot be opened');
    }
  }

  const form = main.querySelector('#recovery-form');
  if (form) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = form.querySelector('input[name="backup"]:checked');
      if (chosen) recover(chosen.value, form.querySelector('#recover'));
    });
  }
  const unlockForm = main.querySelector('#unlock-form');
  if (unlockForm) {
    const field = unlockForm.querySelector('#passphrase');
    field.focus();
    unlockForm.addEventListener('submit', (event) => {
      event.preventDefault();
      recover(undefined, unlockForm.querySelector('#unlock'), field.value).finally(() => { field.value = ''; });
    });
  }
  const retry = main.querySelector('#retry');
  if (retry) retry.addEventListener('click', () => recover(undefined, retry));
}
