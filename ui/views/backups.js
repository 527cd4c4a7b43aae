// Settings → Backups: the backups kept beside the book (list_backups), newest first, with the date in the
// salesperson's zone and the size; "Back up now" (backup_now); and Restore… (restore_backup) after a confirmation
// that says the current book is backed up first. A restore replaces the whole book, so the window starts over
// (app_info again, then Today).

import * as ipc from '../lib/ipc.js';
import { confirmDialog } from '../lib/form.js';
import { html, render } from '../lib/html.js';
import { formatInstant } from '../lib/format.js';
import { announce } from '../lib/status.js';
import { fileSize } from './transfer.js';

/**
 * Fills the Backups card of Settings.
 * @param {HTMLElement} card the `#backups` section
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup
 */
export function showBackups(card, app) {
  render(card, html`<div class="card-head">
      <h2 id="backups-title">Backups</h2>
      <button type="button" class="button" id="backup-now">Back up now</button>
    </div>
    <p class="muted">Rapport keeps a backup of each of the last 7 days and of 4 weeks before that, beside your book.</p>
    <p class="backup-status" id="backup-status" role="status"></p>
    <div id="backup-slot"><p class="loading">Looking for your backups…</p></div>`);
  const now = card.querySelector('#backup-now');
  const status = card.querySelector('#backup-status');
  const slot = card.querySelector('#backup-slot');
  let alive = true;
  let busy = false;
  /** @type {{name: string, taken_at: string, bytes: number}[]} */
  let backups = [];

  const when = (b) => formatInstant(b.taken_at, app.zone, { time: true });

  function say(text, { error = false } = {}) {
    status.textContent = text;
    status.classList.toggle('is-error', error);
  }

  function setBusy(on) {
    busy = on;
    now.disabled = on;
    for (const b of card.querySelectorAll('[data-restore]')) b.disabled = on;
  }

  function draw(fresh = '') {
    if (!backups.length) {
      render(slot, html`<p class="empty" id="backup-list-empty">No backups yet. Rapport makes the first one shortly after it starts.</p>`);
      return;
    }
    render(slot, html`<ul class="backup-list" id="backup-list" role="list" aria-labelledby="backups-title">
      ${backups.map((b) => html`<li class="backup${b.name === fresh ? ' is-fresh' : ''}" data-backup="${b.name}">
        <span class="backup-when">${when(b)}</span>
        <span class="backup-size">${fileSize(b.bytes)}</span>
        <span class="backup-name">${b.name}</span>
        <button type="button" class="button small" data-restore="${b.name}"
          aria-label="Restore the backup from ${when(b)}"${busy ? html` disabled` : ''}>Restore…</button>
      </li>`)}
    </ul>`);
  }

  async function load(fresh = '') {
    try {
      const list = await ipc.listBackups();
      if (!alive) return;
      backups = list;
      draw(fresh);
    } catch (err) {
      if (alive) render(slot, html`<p class="form-error">Could not list the backups: ${err.message}</p>`);
    }
  }

  now.addEventListener('click', async () => {
    if (busy) return;
    setBusy(true);
    now.textContent = 'Backing up…';
    say('Backing up your book…');
    try {
      const b = await ipc.backupNow();
      if (!alive) return;
      say(`Backed up: ${when(b)} (${fileSize(b.bytes)}).`);
      await load(b.name);
    } catch (err) {
      if (alive) say(`Could not back up: ${err.message}`, { error: true });
    } finally {
      if (alive) {
        now.textContent = 'Back up now';
        setBusy(false);
      }
    }
  });

  slot.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-restore]');
    if (!button || busy) return;
    const backup = backups.find((b) => b.name === button.dataset.restore);
    if (!backup) return;
    const ok = await confirmDialog({
      title: `Restore the backup from ${when(backup)}?`,
      message: `Your book as it is now will be saved as a backup first, then replaced by this backup. Whatever you
        added or changed since ${when(backup)} will only be in that new backup.`,
      confirmLabel: 'Restore',
    });
    if (!ok || !alive) return;
    setBusy(true);
    say(`Restoring the backup from ${when(backup)}…`);
    try {
      const before = await ipc.restoreBackup(backup.name);
      // The book is another one now: read it again and start from Today.
      await app.refreshInfo();
      app.go('today');
      announce(`Restored the backup from ${when(backup)}. Your book as it was just before is kept as the newest backup (${before.name}).`);
    } catch (err) {
      if (!alive) return;
      setBusy(false);
      say(`Could not restore that backup: ${err.message}`, { error: true });
    }
  });

  load();
  return () => {
    alive = false;
  };
}
