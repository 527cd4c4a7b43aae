// The first-run welcome on an empty book: import your contacts, add a customer, or try the demo book — and a short
// "About you" (name, signature, time zone, working hours), which the notes and the Guard use from the first day.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { createForm } from '../lib/form.js';
import { logo } from '../lib/icons.js';
import { announce, announceError } from '../lib/status.js';
import { openCustomerForm } from './forms.js';
import { FIELDS, toProfile, toValues } from './settings.js';
import { showTransfer } from './transfer.js';

/** The four things Rapport needs to know about the salesperson on the first day (the rest waits in Settings). */
const ABOUT = ['name', 'signature', 'time_zone', 'work_start', 'work_end'];

/**
 * Shows the welcome in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 */
export function showWelcome(main, app) {
  render(main, html`<section class="welcome" aria-labelledby="welcome-title">
    ${logo()}
    <h1 id="welcome-title">Welcome to Rapport</h1>
    <p>Rapport keeps your customers, what each of them asked of you, and how each wants to be reached —
      in their own words. It suggests reaching out only when it is worth the customer's time.</p>
    <p>Your book is empty. Bring in the contacts you already have, add your first customer, or look around a
      realistic demo book first.</p>
    <div class="welcome-actions">
      <button type="button" class="button primary large" id="welcome-import" aria-expanded="false"
        aria-controls="transfer">Import your contacts</button>
      <button type="button" class="button large" id="start-empty">Add a customer</button>
      <button type="button" class="button large" id="load-demo">Try the demo book</button>
    </div>
    <section class="card welcome-card" id="transfer" aria-labelledby="transfer-title" hidden></section>
    <section class="card welcome-card" aria-labelledby="about-title">
      <h2 id="about-title">About you</h2>
      <p class="muted">Your name and signature close the notes Rapport drafts; your time zone and hours keep its
        reminders in your working day. The rest is in Settings.</p>
      <div data-about><p class="loading">Loading…</p></div>
    </section>
  </section>`);

  const importButton = main.querySelector('#welcome-import');
  const transfer = main.querySelector('#transfer');
  let stopTransfer = null;
  importButton.addEventListener('click', () => {
    if (!stopTransfer) stopTransfer = showTransfer(transfer, app);
    transfer.hidden = false;
    importButton.setAttribute('aria-expanded', 'true');
    transfer.scrollIntoView({ block: 'start' });
    const file = transfer.querySelector('#import-file');
    if (file) file.focus();
  });

  const load = main.querySelector('#load-demo');
  load.addEventListener('click', async () => {
    load.disabled = true;
    load.textContent = 'Loading the demo book…';
    announce('Loading the demo book…', { sticky: true });
    try {
      const result = await ipc.loadDemo();
      await app.refreshInfo();
      announce(`Loaded the demo book: ${result.customers} customers.`);
      app.go('today');
    } catch (err) {
      load.disabled = false;
      load.textContent = 'Try the demo book';
      announceError(err, 'Could not load the demo book');
    }
  });

  main.querySelector('#start-empty').addEventListener('click', () => {
    openCustomerForm(app, {
      onSaved: async (customer) => {
        await app.refreshInfo();
        app.openCustomer(customer.id);
      },
    });
  });

  // About you: the profile's first four things, saved over the rest of it as it is.
  const fields = ABOUT.map((name) => FIELDS.find((f) => f.name === name)).map((f) => ({ ...f, wide: true }));
  const about = createForm({ id: 'about', fields, submitLabel: 'Save' });
  let profile = null;
  about.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    about.clearErrors();
    if (!about.validateAll() || !profile) return;
    about.setBusy(true);
    try {
      const values = { ...toValues(profile), ...about.values() };
      profile = await ipc.saveProfile(toProfile(values));
      app.setProfile(profile);
      announce('Saved. Your notes are signed and your reminders kept to your hours.');
    } catch (err) {
      about.showError(err);
    } finally {
      about.setBusy(false);
    }
  });
  ipc.getProfile().then((p) => {
    profile = p;
    const values = toValues(p);
    about.setValues(Object.fromEntries(ABOUT.map((k) => [k, values[k]])));
    main.querySelector('[data-about]').replaceChildren(about.form);
  }).catch((err) => announceError(err, 'Could not read your profile'));

  return () => {
    if (stopTransfer) stopTransfer();
  };
}
