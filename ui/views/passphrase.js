// Settings → Passphrase: encrypt the book and its backups at rest (passphrase_state, set_passphrase). Setting one
// asks for it twice; changing or removing it asks for the current one first — an unlocked window left open is not
// enough. The passphrase is never kept by the page: the fields are emptied after each try.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { announce, announceError } from '../lib/status.js';

/**
 * Fills the Passphrase card of Settings.
 * @param {HTMLElement} card the `#passphrase-card` section
 * @returns {() => void} cleanup
 */
export function showPassphrase(card) {
  let alive = true;

  async function draw() {
    let encrypted;
    try {
      encrypted = await ipc.passphraseState();
    } catch (err) {
      announceError(err, 'Could not tell whether the book is encrypted');
      return;
    }
    if (!alive) return;
    const current = encrypted ? html`<label for="pass-current">Current passphrase</label>
      <input id="pass-current" type="password" autocomplete="current-password" required minlength="8">` : '';
    render(card, html`<h2 id="passphrase-title">Passphrase</h2>
      <p class="muted">${encrypted
    ? 'Your book and its backups are encrypted. Rapport asks for the passphrase when it starts.'
    : 'Encrypt your book and its backups, so nobody can read them without the passphrase — not even from a copy of the file. Keep it somewhere safe: without it the book cannot be opened.'}</p>
      <form class="passphrase-form" id="passphrase-form">
        ${current}
        <label for="pass-new">${encrypted ? 'New passphrase' : 'Passphrase'} (at least 8 characters)</label>
        <input id="pass-new" type="password" autocomplete="new-password" minlength="8"${encrypted ? '' : html` required`}>
        <label for="pass-again">The same again</label>
        <input id="pass-again" type="password" autocomplete="new-password" minlength="8"${encrypted ? '' : html` required`}>
        <div class="form-actions">
          ${encrypted ? html`<button type="button" class="button danger" id="pass-remove">Remove the passphrase</button>` : ''}
          <button type="submit" class="button primary" id="pass-save">${encrypted ? 'Change passphrase' : 'Encrypt my book'}</button>
        </div>
      </form>`);
    const form = card.querySelector('#passphrase-form');
    const field = (id) => card.querySelector(id);
    const clear = () => { for (const f of form.querySelectorAll('input')) f.value = ''; };

    async function apply(next, button) {
      const cur = encrypted ? field('#pass-current').value : undefined;
      button.disabled = true;
      try {
        const done = await ipc.setPassphrase(cur, next);
        const what = next ? (encrypted ? 'The passphrase is changed' : 'Your book is encrypted') : 'Your book is plain again';
        const left = done.left_as_they_were.length
          ? ` ${done.left_as_they_were.length} older backups did not open with the old passphrase and are as they were.` : '';
        const backups = done.backups ? `, and ${done.backups === 1 ? 'its backup' : `its ${done.backups} backups`} with it` : '';
        announce(`${what}${backups}.${left}`);
        clear();
        await draw();
      } catch (err) {
        button.disabled = false;
        clear();
        announceError(err, 'The passphrase was not changed');
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = field('#pass-new').value;
      if (next !== field('#pass-again').value) {
        announce('The two new passphrases are not the same; nothing was changed.', { error: true });
        return;
      }
      if (encrypted && !next) {
        announce('Type the new passphrase twice, or remove the passphrase.', { error: true });
        return;
      }
      apply(next, field('#pass-save'));
    });
    const remove = field('#pass-remove');
    if (remove) {
      remove.addEventListener('click', () => {
        if (!field('#pass-current').value) {
          announce('Type the current passphrase first.', { error: true });
          return;
        }
        apply(undefined, remove);
      });
    }
  }

  draw();
  return () => { alive = false; };
}
