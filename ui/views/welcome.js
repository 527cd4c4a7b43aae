// The first-run welcome on an empty book: load the demo book to see Rapport working, or start with your own.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { logo } from '../lib/icons.js';
import { announce, announceError } from '../lib/status.js';
import { openCustomerForm } from './forms.js';

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
    <p>Your book is empty. Look around a realistic demo book first, or start with your own customers.</p>
    <div class="welcome-actions">
      <button type="button" class="button primary large" id="load-demo">Load the demo book</button>
      <button type="button" class="button large" id="start-empty">Start with an empty book</button>
    </div>
  </section>`);

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
      load.textContent = 'Load the demo book';
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
}
