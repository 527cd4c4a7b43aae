// Logging emails from the salesperson's own mail app: `.eml` files picked on a customer's page ("Log an email…")
// or dropped on the window. The core matches each to the customer by address and logs it (log_email,
// log_dropped_email); an email whose addresses are nobody's goes to the customer whose page is open, and when
// not even that tells which way it went, one question asks.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { announce } from '../lib/status.js';
import { openFormDialog } from '../lib/form.js';

/**
 * Logs emails one by one and says what happened, in one line; asks which way an email went when nothing tells.
 * @param {{name: string, log: (options: object) => Promise<object>, people: () => Promise<object[]>}[]} emails
 *   each with how to log it and whom it names
 * @param {{customerId?: string|null, who?: string|null, ask: HTMLElement|null, onLogged: () => void}} where
 *   `customerId`: the open customer (for an email whose addresses are nobody's), `who` their name; `ask`: where
 *   the question goes
 */
export async function logEmails(emails, { customerId = null, who = null, ask = null, onLogged }) {
  let logged = 0;
  let before = 0;
  const failed = [];
  const cautions = [];
  for (const email of emails) {
    try {
      let done;
      try {
        done = await email.log({ customerId });
      } catch (err) {
        if (err.field === 'customer' && !customerId) {
          // Nobody in the book has its addresses: offer to add one of the people it names, then log it with them.
          const added = await addSomeone(email.name, await email.people());
          if (!added) continue;
          done = await email.log({ customerId: added });
        } else if (err.field === 'direction' && ask) {
          const direction = await askDirection(ask, email.name, who);
          if (!direction) continue;
          done = await email.log({ customerId, direction });
        } else {
          throw err;
        }
      }
      if (done.interaction) logged += 1;
      else before += 1;
      if (done.guard && done.guard.reasons.length) cautions.push(`${done.customer_name}: ${done.guard.reasons[0].message}`);
    } catch (err) {
      failed.push(`${email.name}: ${err.message}`);
    }
  }
  const parts = [];
  if (logged) parts.push(`Logged ${logged === 1 ? 'the email' : `${logged} emails`}.`);
  if (before) parts.push(`${before === 1 ? 'One was' : `${before} were`} logged before.`);
  if (cautions.length) parts.push(`The Guard would have said — ${cautions.join('; ')}`);
  if (failed.length) parts.push(`Not logged: ${failed.join('; ')}`);
  announce(parts.join(' '), { error: failed.length > 0, sticky: failed.length > 0 || cautions.length > 0 });
  if (logged) onLogged();
}

/**
 * Offers to add one of the people a file names as a customer (their name as the file wrote it, or their address):
 * resolves the new customer's id, or null when the salesperson skips it.
 * @param {string} file the file's name
 * @param {{name: string|null, address: string}[]} people
 */
function addSomeone(file, people) {
  if (!people.length) return Promise.resolve(null);
  return new Promise((resolve) => {
    let added = null;
    const options = people.map((p) => ({ value: p.address, label: p.name ? `${p.name} <${p.address}>` : p.address }));
    openFormDialog({
      id: 'add-from-file',
      title: 'Add them as a customer?',
      intro: html`Nobody in your book has an address in <strong>${file}</strong>. Add the person it is from or to,
        and it is logged with them.`,
      draftKey: `add-from-file:${file}`,
      submitLabel: 'Add and log it',
      fields: [
        { name: 'address', label: 'Who', type: 'select', options },
        { name: 'name', label: 'Their name', required: true, requiredMessage: 'Enter their name.' },
      ],
      initial: { address: people[0].address, name: people[0].name || people[0].address },
      // Choosing another person names them as the file does.
      setup: ({ form }) => {
        form.control('address').addEventListener('change', () => {
          const chosen = people.find((p) => p.address === form.values().address);
          if (chosen) form.setValues({ ...form.values(), name: chosen.name || chosen.address });
        });
      },
      save: async (v) => {
        const customer = await ipc.saveCustomer(null, { name: v.name.trim() });
        await ipc.addContactPoint(customer.id, { kind: 'email', value: v.address, preferred: true });
        added = customer.id;
        return customer;
      },
      onClose: () => resolve(added),
    });
  });
}

/** Asks which way an email went, under the buttons: resolves 'in', 'out', or null (skipped). */
function askDirection(where, name, who) {
  return new Promise((resolve) => {
    where.hidden = false;
    render(where, html`<p role="status" id="email-ask-text">No address in <strong>${name}</strong> is
      ${who ? `${who}’s` : 'this customer’s'}: it is logged with ${who || 'them'}. Which way did it go?</p>
      <div class="card-actions"><button type="button" class="button" data-way="in" id="email-came-in">It came in</button>
      <button type="button" class="button" data-way="out" id="email-went-out">I sent it</button>
      <button type="button" class="button" data-way="" id="email-skip">Skip it</button></div>`);
    where.querySelector('#email-came-in').focus();
    where.addEventListener('click', function answer(event) {
      const button = event.target.closest('[data-way]');
      if (!button) return;
      where.removeEventListener('click', answer);
      where.hidden = true;
      where.replaceChildren();
      resolve(button.dataset.way || null);
    });
  });
}

/**
 * Emails picked in a file input, as logEmails takes them.
 * @param {FileList} files
 */
export function pickedEmails(files) {
  return [...files].map((file) => ({
    name: file.name,
    log: async (options) => ipc.logEmail(new Uint8Array(await file.arrayBuffer()), { ...options, name: file.name }),
    people: async () => ipc.filePeople(new Uint8Array(await file.arrayBuffer()), file.name),
  }));
}

/**
 * Emails dropped on the window (event `emails-dropped`), as logEmails takes them.
 * @param {string[]} names
 */
export function droppedEmails(names) {
  return names.map((name, index) => ({
    name,
    log: (options) => ipc.logDroppedEmail(index, options),
    people: () => ipc.droppedPeople(index),
  }));
}
