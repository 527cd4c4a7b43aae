// The command palette (Ctrl+K): type a few letters of a customer or of what to do, arrow to it, Enter. Places,
// adding a customer, importing, logging emails and the shortcut list are always there; a customer found by name
// offers their page, Log contact and a thank-you note.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { announceError } from '../lib/status.js';

const SEARCH_DELAY_MS = 120;
/** Customers offered at most (each with three actions). */
const CUSTOMERS = 5;

/** Lower-case letters without accents, for matching what was typed against a command's words. */
function plain(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every word typed starts a word of `label` (or is inside it). */
function matches(label, typed) {
  const words = plain(typed).split(/\s+/).filter(Boolean);
  const hay = plain(label);
  return words.every((w) => hay.includes(w));
}

/**
 * Waits (a few frames at a time, up to ten seconds) for `css` to appear in the page, then clicks it: the palette's
 * "Log contact with …" opens the customer's page and then its Log contact.
 */
function whenShown(css, act) {
  const until = Date.now() + 10000;
  const look = () => {
    const el = document.querySelector(css);
    if (el) act(el);
    else if (Date.now() < until) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
const clickWhenShown = (css) => whenShown(css, (el) => el.click());
/** The file picker opens only from the salesperson's own key or click: the palette takes them to it. */
const focusWhenShown = (css) => whenShown(css, (el) => {
  el.scrollIntoView({ block: 'nearest' });
  el.focus();
});

/**
 * Opens the palette.
 * @param {object} app the window's shared state (main.js)
 * @param {{showShortcuts: () => void}} more what main.js offers besides `app`
 */
export function openPalette(app, { showShortcuts }) {
  if (document.querySelector('#palette-dialog')) return;
  const opener = document.activeElement;
  const commands = [
    { id: 'go-today', label: 'Go to Today', keys: 'Ctrl+1', icon: 'today', run: () => app.go('today') },
    { id: 'go-customers', label: 'Go to Customers', keys: 'Ctrl+2', icon: 'people', run: () => app.go('customers') },
    { id: 'go-notes', label: 'Go to Notes', keys: 'Ctrl+3', icon: 'note', run: () => app.go('notes') },
    { id: 'go-settings', label: 'Go to Settings', keys: 'Ctrl+4', icon: 'settings', run: () => app.go('settings') },
    {
      id: 'add-customer', label: 'Add a customer', icon: 'plus',
      run: () => { app.go('customers'); clickWhenShown('#add-customer'); },
    },
    {
      id: 'import', label: 'Import contacts (CSV or vCard)', icon: 'people',
      run: () => { app.go('settings'); focusWhenShown('#import-file'); },
    },
    { id: 'shortcuts', label: 'Keyboard shortcuts', keys: '?', icon: 'next', run: () => showShortcuts() },
  ];
  let options = [];
  let active = 0;
  let asked = 0;
  let timer = 0;
  let ran = false;
  /** Whether the arrows moved the choice since the last key typed. */
  let moved = false;

  const dialog = document.createElement('dialog');
  dialog.id = 'palette-dialog';
  dialog.className = 'dialog palette';
  dialog.setAttribute('aria-label', 'Go to a customer or do something');
  render(dialog, html`<div class="palette-box">
      <span class="palette-icon" aria-hidden="true">${icon('search')}</span>
      <input id="palette-input" type="text" role="combobox" aria-expanded="true" aria-controls="palette-list"
        aria-autocomplete="list" autocomplete="off" spellcheck="false"
        aria-label="Go to a customer or do something" placeholder="A customer’s name, or what to do…">
    </div>
    <ul id="palette-list" role="listbox" aria-label="Choices"></ul>
    <p class="palette-keys muted" aria-hidden="true">↑ ↓ to choose · Enter to do it · Esc to close</p>`);
  document.body.append(dialog);
  const input = dialog.querySelector('#palette-input');
  const list = dialog.querySelector('#palette-list');

  function draw() {
    render(list, html`${options.map((o, i) => html`<li role="option" id="palette-${o.id}" data-index="${i}"
      class="palette-option" aria-selected="${i === active ? 'true' : 'false'}">
      <span class="palette-option-icon">${icon(o.icon)}</span>
      <span class="palette-label">${o.label}</span>
      ${o.keys ? html`<kbd class="palette-hint">${o.keys}</kbd>` : ''}
      ${o.hint ? html`<span class="palette-hint">${o.hint}</span>` : ''}</li>`)}
      ${options.length ? '' : html`<li class="palette-none muted" role="presentation">Nothing by that name.</li>`}`);
    if (options[active]) {
      input.setAttribute('aria-activedescendant', `palette-${options[active].id}`);
      list.querySelector(`[data-index="${active}"]`).scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  async function update() {
    const typed = input.value.trim();
    const mine = ++asked;
    const found = commands.filter((c) => !typed || matches(c.label, typed));
    let people = [];
    if (typed) {
      try {
        people = await ipc.listCustomers({ query: typed, limit: CUSTOMERS });
      } catch (err) {
        announceError(err, 'Could not look the customers up');
      }
    }
    if (mine !== asked || !dialog.open) return;
    const theirs = people.flatMap((c) => {
      const who = c.name;
      return [
        { id: `open-${c.id}`, label: who, hint: 'their page', icon: 'person', run: () => app.openCustomer(c.id) },
        {
          id: `log-${c.id}`, label: `Log contact with ${who}`, icon: 'check',
          run: () => { app.openCustomer(c.id); clickWhenShown('#log-contact'); },
        },
        {
          id: `thank-${c.id}`, label: `Write a thank-you to ${who}`, icon: 'letter',
          run: () => app.openComposer(c.id),
        },
      ];
    });
    // A name typed is most likely a customer wanted: people first, then the commands that match. A choice made
    // with the arrows since the last key typed stays chosen when a late answer redraws the list.
    const was = moved && options[active] ? options[active].id : null;
    options = [...theirs, ...found];
    active = Math.max(0, options.findIndex((o) => o.id === was));
    draw();
  }

  function run(option) {
    if (!option) return;
    ran = true;
    dialog.close();
    option.run();
    // Where the palette took them: the place's heading, unless the command put focus somewhere itself.
    requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const heading = document.querySelector('#main h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    });
  }

  input.addEventListener('input', () => {
    moved = false;
    clearTimeout(timer);
    timer = setTimeout(update, SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      moved = true;
      draw();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      run(options[active]);
    }
  });
  list.addEventListener('click', (event) => {
    const li = event.target.closest('[data-index]');
    if (li) run(options[Number(li.dataset.index)]);
  });
  dialog.addEventListener('click', (event) => {
    // A click on the backdrop closes it.
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    dialog.remove();
    if (!ran && opener && opener.isConnected) opener.focus();
  });
  dialog.showModal();
  input.focus();
  update();
}
