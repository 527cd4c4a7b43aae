// The Customers place: the list of customers with search as you type (driven by the sidebar's #search),
// a tag filter, markers for what is open and for do-not-contact, and arrow-key movement through the rows.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { plural } from '../lib/format.js';
import { announceError } from '../lib/status.js';
import { openCustomerForm } from './forms.js';
import { logEmails, pickedEmails } from './mailbox.js';

const LIMIT = 500;
const HIT_WORDS = { contact: 'Contact', fact: 'Fact', goal: 'Goal', note: 'Note', interaction: 'Contact log' };

/** What the list shows; kept while a customer's page is open so Back returns to the same list. */
const state = { query: '', tag: '', focusId: null };
let mounted = null;
let requestNo = 0;

/**
 * The search text the list is filtered by.
 * @returns {string}
 */
export function currentQuery() {
  return state.query;
}

/**
 * Remembers which row to focus when the list is shown again (the customer whose page was opened).
 * @param {string} id
 */
export function rememberFocus(id) {
  state.focusId = id;
}

/**
 * Changes the search text and refreshes the list if it is showing.
 * @param {string} query
 */
export function setQuery(query) {
  if (query === state.query) return;
  state.query = query;
  state.focusId = null;
  if (mounted) refresh();
}

/**
 * Moves focus to the first row (from the search field's ArrowDown).
 * @returns {boolean} whether there was a row to focus
 */
export function focusFirstRow() {
  const first = mounted && mounted.querySelector('#customer-list [data-customer-id]');
  if (first) first.focus();
  return Boolean(first);
}

function rowMarkup(c, hit) {
  const markers = [];
  if (c.do_not_contact) {
    markers.push(html`<span class="marker marker-dnc">${icon('stop')} Do not contact</span>`);
  }
  if (c.open_promises) {
    markers.push(html`<span class="marker">${icon('flag')} ${plural(c.open_promises, 'open promise')}</span>`);
  }
  if (c.open_issues) {
    markers.push(html`<span class="marker">${icon('issue')} ${plural(c.open_issues, 'open issue')}</span>`);
  }
  return html`<li>
    <button type="button" class="customer-row" data-customer-id="${c.id}" tabindex="-1">
      <span class="row-line">
        <span class="row-name">${c.name}</span>
        ${c.preferred_name ? html`<span class="row-goes-by">“${c.preferred_name}”</span>` : ''}
        ${c.company ? html`<span class="row-company">${c.company}</span>` : ''}
      </span>
      <span class="row-line row-detail">
        ${c.tags.map((t) => html`<span class="chip">#${t}</span>`)}
        ${markers}
      </span>
      ${hit ? html`<span class="row-hit"><span class="row-hit-kind">${HIT_WORDS[hit.kind] || hit.kind}:</span> ${hit.text}</span>` : ''}
    </button>
  </li>`;
}

function summaryText(count) {
  const scope = [
    state.query ? `matching “${state.query}”` : '',
    state.tag ? `tagged #${state.tag}` : '',
  ].filter(Boolean).join(' and ');
  if (count === 0) {
    return scope ? `No customers ${scope}.` : 'No customers yet.';
  }
  const base = `${plural(count, 'customer')}${scope ? ` ${scope}` : ''}`;
  return count >= LIMIT ? `Showing the first ${LIMIT} customers — type to narrow the list.` : `${base}.`;
}

async function refresh() {
  const mine = ++requestNo;
  const root = mounted;
  const list = root.querySelector('#customer-list');
  list.setAttribute('aria-busy', 'true');
  let rows;
  let hits = [];
  try {
    [rows, hits] = await Promise.all([
      ipc.listCustomers({ query: state.query, tag: state.tag, limit: LIMIT }),
      state.query.trim() ? ipc.search(state.query).catch(() => []) : Promise.resolve([]),
    ]);
  } catch (err) {
    if (mine !== requestNo || mounted !== root) return;
    list.removeAttribute('aria-busy');
    render(list, html``);
    root.querySelector('#list-summary').textContent = `Could not search: ${err.message}`;
    return;
  }
  if (mine !== requestNo || mounted !== root) return;
  const hitFor = new Map();
  for (const h of hits) {
    if (h.kind !== 'customer' && !hitFor.has(h.customer_id)) hitFor.set(h.customer_id, h);
  }
  render(list, html`${rows.map((c) => rowMarkup(c, hitFor.get(c.id)))}`);
  list.removeAttribute('aria-busy');
  root.querySelector('#list-summary').textContent = summaryText(rows.length);
  const buttons = [...list.querySelectorAll('[data-customer-id]')];
  const focusRow = buttons.find((b) => b.dataset.customerId === state.focusId) || buttons[0];
  if (focusRow) {
    focusRow.tabIndex = 0;
    if (state.focusId && focusRow.dataset.customerId === state.focusId) {
      focusRow.focus();
      focusRow.scrollIntoView({ block: 'nearest' });
    }
  }
}

async function fillTags(select) {
  try {
    const tags = await ipc.listTags();
    if (state.tag && !tags.some((t) => t.tag === state.tag)) state.tag = '';
    render(select, html`<option value="">All tags</option>${tags.map((t) => html`
      <option value="${t.tag}">#${t.tag} (${t.customers})</option>`)}`);
    select.value = state.tag;
  } catch (err) {
    announceError(err, 'Could not load the tags');
  }
}

function onListKeys(event) {
  const buttons = [...event.currentTarget.querySelectorAll('[data-customer-id]')];
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  let next = null;
  if (event.key === 'ArrowDown') next = buttons[Math.min(at + 1, buttons.length - 1)];
  else if (event.key === 'ArrowUp') {
    if (at === 0) {
      event.preventDefault();
      document.getElementById('search').focus();
      return;
    }
    next = buttons[at - 1];
  } else if (event.key === 'Home') next = buttons[0];
  else if (event.key === 'End') next = buttons[buttons.length - 1];
  else if (event.key === 'PageDown') next = buttons[Math.min(at + 10, buttons.length - 1)];
  else if (event.key === 'PageUp') next = buttons[Math.max(at - 10, 0)];
  if (!next) return;
  event.preventDefault();
  for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
  next.focus();
}

/**
 * Shows the customer list in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup
 */
export function showCustomers(main, app) {
  render(main, html`<section class="place" aria-labelledby="customers-title">
    <header class="place-header">
      <h1 id="customers-title">Customers</h1>
      <div class="toolbar">
        <label class="inline-label" for="tag-filter">Tag</label>
        <select id="tag-filter"><option value="">All tags</option></select>
        <label class="button file-pick" id="customers-log-pick" title="Emails (.eml) and calendar invitations (.ics) saved from your apps; or drop them on the window">${icon('email')} Log emails…
          <input type="file" id="customers-log-file" class="visually-hidden" accept=".eml,.ics,message/rfc822,text/calendar" multiple></label>
        <button type="button" class="button primary" id="add-customer">${icon('plus')} Add customer</button>
      </div>
    </header>
    <p class="list-summary" id="list-summary" aria-live="polite">Loading customers…</p>
    <ul id="customer-list" role="list" aria-labelledby="customers-title"></ul>
  </section>`);
  const root = main.firstElementChild;
  mounted = root;

  const select = root.querySelector('#tag-filter');
  select.addEventListener('change', () => {
    state.tag = select.value;
    state.focusId = null;
    refresh();
  });
  // Emails and invitations from the salesperson's own apps: each with the customer whose address it has.
  root.querySelector('#customers-log-file').addEventListener('change', async (event) => {
    const emails = pickedEmails(event.target.files);
    event.target.value = '';
    await logEmails(emails, {
      onLogged: () => {
        app.refreshInfo();
        refresh();
      },
    });
  });
  root.querySelector('#add-customer').addEventListener('click', () => {
    openCustomerForm(app, {
      onSaved: (customer) => {
        app.refreshInfo();
        app.openCustomer(customer.id);
      },
    });
  });
  const list = root.querySelector('#customer-list');
  list.addEventListener('keydown', onListKeys);
  list.addEventListener('click', (event) => {
    const row = event.target.closest('[data-customer-id]');
    if (row) app.openCustomer(row.dataset.customerId);
  });

  fillTags(select);
  refresh();
  return () => {
    if (mounted === root) mounted = null;
  };
}
