// The dealership book in the window: the sign-in page shown at start when the book this computer remembers could not
// be signed in to (a changed password, a server away), and Settings' Dealership book card — sign in to the shared
// book, go back to one's own, forget a kept password (sign_in_shared, use_own_book, forget_shared_password). The
// password is never kept by the page: its field is emptied after each try.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { announce, announceError } from '../lib/status.js';

/**
 * The sign-in fields: the book's address (unless the window already knows it), the email and the password, and
 * whether this computer keeps the password.
 * @param {{book?: string|null, user?: string|null}} known
 */
function signInFields(known) {
  const address = known.book
    ? html`<p class="sign-in-book">Book: <strong>${known.book}</strong></p>`
    : html`<label for="shared-address">The dealership book’s address</label>
      <input id="shared-address" type="text" required spellcheck="false" autocomplete="off"
        placeholder="postgres://rapport@office.example/rapport">
      <p class="muted">Your manager gives it to you (with the server’s password in it when there is one).</p>`;
  return html`${address}
    <label for="shared-user">Your email</label>
    <input id="shared-user" type="text" inputmode="email" required autocomplete="off" spellcheck="false"
      value="${known.user || ''}">
    <label for="shared-password">Your password</label>
    <input id="shared-password" type="password" required autocomplete="off">
    <div class="field field-check">
      <input type="checkbox" id="shared-remember">
      <label for="shared-remember">Remember the password on this computer (in a file only you can read)</label>
    </div>
    <p class="form-error" id="shared-error" role="alert"></p>`;
}

/**
 * Wires a sign-in form: on success `done()` runs (the window is on the dealership book from then on).
 * @param {HTMLFormElement} form
 * @param {() => void} done
 */
function onSignIn(form, done) {
  const field = (id) => form.querySelector(id);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = field('#shared-sign-in');
    const error = field('#shared-error');
    const password = field('#shared-password');
    button.disabled = true;
    error.textContent = '';
    try {
      const address = field('#shared-address') ? field('#shared-address').value : undefined;
      const me = await ipc.signInShared({
        address, user: field('#shared-user').value, password: password.value, remember: field('#shared-remember').checked,
      });
      password.value = '';
      announce(`Signed in to the dealership book as ${me.name}.`);
      done();
    } catch (err) {
      password.value = '';
      button.disabled = false;
      error.textContent = err.message;
      password.focus();
    }
  });
}

/** Starts the window again on the book it now has, so every place reads it afresh. */
function reopen() {
  window.location.reload();
}

/**
 * A button that forgets the dealership book on this computer and brings one's own book back.
 * @param {HTMLButtonElement} button
 */
function backToOwnBook(button) {
  button.addEventListener('click', async () => {
    try {
      await ipc.useOwnBook();
      reopen();
    } catch (err) {
      announceError(err, 'Could not go back to your own book');
    }
  });
}

/**
 * The page shown at start instead of the app while the dealership book waits for its sign-in.
 * @param {HTMLElement} main
 * @param {{book: string|null, user: string|null, problem: string}} waiting app_info's `sign_in`
 */
export function showSignIn(main, waiting) {
  document.title = 'Sign in — Rapport';
  render(main, html`<section class="welcome sign-in" aria-labelledby="sign-in-title">
    <h1 id="sign-in-title">Sign in to the dealership book</h1>
    <p class="muted" id="sign-in-why">${waiting.problem
    ? html`Rapport could not sign you in when it started: ${waiting.problem}`
    : 'Rapport does not keep your password on this computer: type it to sign in.'}</p>
    <form class="passphrase-form" id="sign-in-form">
      ${signInFields(waiting)}
      <div class="form-actions">
        <button type="button" class="button quiet" id="shared-own">Use my own book instead</button>
        <button type="submit" class="button primary" id="shared-sign-in">Sign in</button>
      </div>
    </form>
  </section>`);
  const form = main.querySelector('#sign-in-form');
  onSignIn(form, reopen);
  backToOwnBook(form.querySelector('#shared-own'));
  form.querySelector(waiting.user ? '#shared-password' : 'input').focus();
}

/**
 * Fills Settings' Dealership book card.
 * @param {HTMLElement} card the `#dealership-card` section
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup
 */
export function showDealershipCard(card, app) {
  const shared = app.info && app.info.shared;
  if (!shared) {
    render(card, html`<h2 id="dealership-title">Dealership book</h2>
      <p class="muted">Work on your dealership’s shared book instead of your own: what any customer said binds everyone
        who can reach them. Your own book stays on this computer, untouched, for when you come back.</p>
      <form class="passphrase-form" id="dealership-form">
        ${signInFields({})}
        <div class="form-actions">
          <button type="submit" class="button primary" id="shared-sign-in">Sign in to the dealership book</button>
        </div>
      </form>`);
    onSignIn(card.querySelector('#dealership-form'), reopen);
    return () => {};
  }
  const kept = shared.password_remembered
    ? html`<p>Your password is kept on this computer, in a file only you can read.</p>
      <button type="button" class="button quiet" id="shared-forget">Forget the password</button>`
    : html`<p class="muted">Rapport asks for your password each time it starts.</p>`;
  render(card, html`<h2 id="dealership-title">Dealership book</h2>
    <p>You work on the dealership book <strong>${shared.book}</strong> as <strong>${shared.name}</strong>
      (${shared.email}, ${shared.role}). The command line works on it too.</p>
    ${kept}
    <div class="form-actions">
      <button type="button" class="button" id="shared-own">Sign out and use my own book</button>
    </div>`);
  const forget = card.querySelector('#shared-forget');
  if (forget) {
    forget.addEventListener('click', async () => {
      try {
        await ipc.forgetSharedPassword();
        announce('The password is forgotten; Rapport asks for it at the next start.');
        await app.refreshInfo();
        showDealershipCard(card, app);
      } catch (err) {
        announceError(err, 'The password was not forgotten');
      }
    });
  }
  backToOwnBook(card.querySelector('#shared-own'));
  return () => {};
}
