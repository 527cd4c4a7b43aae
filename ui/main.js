// The window's frame: the sidebar (search and places: Today, Customers, Notes, Settings), which place the main pane
// shows, the keyboard shortcuts (/ to search, Ctrl+K for the command palette, Esc and Alt+← to go back), a clicked desktop
// notification (event open-customer), and the shared state views use (`app`).

import * as ipc from './lib/ipc.js';
import { now, setClock } from './lib/clock.js';
import { dateInZone, setDateStyle, zoneWorks } from './lib/format.js';
import { html, render } from './lib/html.js';
import { icon, logo } from './lib/icons.js';
import { showSearchHint, singleKeys } from './lib/keys.js';
import { announce, announceError } from './lib/status.js';
import { askTodayEarly, focusFirstReason, forgetEarly, showToday } from './views/today.js';
import { applyTextSize, stepTextSize } from './lib/text-size.js';

/**
 * The other views load when first shown, and in the background 1.5 s after start: the window's first Today waits
 * for no module it does not show (ui/index.html preloads only what Today imports; tests/tidy.rs keeps the two in
 * step).
 */
const loaders = {
  customers: () => import('./views/customers.js'),
  customer: () => import('./views/customer.js'),
  composer: () => import('./views/composer.js'),
  notes: () => import('./views/notes.js'),
  settings: () => import('./views/settings.js'),
  welcome: () => import('./views/welcome.js'),
  recovery: () => import('./views/recovery.js'),
  dealership: () => import('./views/dealership.js'),
  mailbox: () => import('./views/mailbox.js'),
  palette: () => import('./views/palette.js'),
};
/** The views' modules once loaded, by name: a loaded view is shown at once, as a static import would be. */
const loaded = {};
/** @param {keyof loaders} name */
function load(name) {
  return loaders[name]().then((m) => {
    loaded[name] = m;
    return m;
  });
}

const PLACES = ['today', 'customers', 'notes', 'settings'];
const PLACE_KEY = 'rapport.place';
const SEARCH_DELAY_MS = 150;
/** When the views not yet shown are loaded: 1.5 s after start, about when a big book's Today is drawn, before anyone clicks. */
const LOAD_THE_REST_MS = 1500;

const main = document.getElementById('main');
const search = document.getElementById('search');
// In a small window the search box is a magnifier that opens while it has focus (a class, not :focus, which a
// window without the system's focus does not match).
search.addEventListener('focus', () => search.parentElement.classList.add('is-open'));
search.addEventListener('blur', () => search.parentElement.classList.remove('is-open'));
const foot = document.getElementById('sidebar-foot');

/**
 * Where the main pane is: a place, or one customer's page (`customerId`) opened from Today or Customers
 * (`from`, where Back returns to).
 */
const view = { place: 'today', customerId: null, from: 'customers', composer: false };
let cleanup = null;
/** Counts what the main pane was asked to show: a view still loading when another was asked for is not shown. */
let asked = 0;

function unmount() {
  asked += 1;
  if (cleanup) cleanup();
  cleanup = null;
}

/**
 * Shows a view: at once when its module is loaded, else once it is, unless the pane was asked for something else
 * meanwhile. Resolves when it is shown (or will not be).
 */
function mount(name, show) {
  if (loaded[name]) {
    cleanup = show(loaded[name]);
    return Promise.resolve();
  }
  const mine = asked;
  return load(name).then((m) => {
    if (mine === asked) cleanup = show(m);
  }).catch((err) => {
    if (mine === asked) render(main, html`<p class="form-error">Could not show this page: ${err.message}</p>`);
  });
}

function markPlace(place) {
  for (const link of document.querySelectorAll('[data-place]')) {
    if (link.dataset.place === place) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** The shared state and navigation every view receives. */
const app = {
  /** The last answer of app_info. */
  info: null,
  /** The salesperson's profile. */
  profile: null,
  /** The salesperson's own time zone: dates and "today" in the window are theirs. */
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',

  /** Today's date ("YYYY-MM-DD") in the salesperson's zone, by the app's clock. */
  today() {
    return dateInZone(now(), this.zone);
  },

  /** @param {object} profile */
  setProfile(profile) {
    this.profile = profile;
    // Dates and times read as the profile asks, or as the system's locale does (the core chose the same).
    setDateStyle((profile && profile.date_style) || (this.info && this.info.system_date_style), () => this.today());
    if (profile && profile.time_zone && zoneWorks(profile.time_zone)) this.zone = profile.time_zone;
    const shared = this.info && this.info.shared;
    const who = shared ? `Dealership book · ${shared.name} · ` : profile && profile.name ? `${profile.name} · ` : '';
    foot.textContent = `${who}Rapport ${this.info ? this.info.version : ''}`.trim();
  },

  /** Asks the core again how many customers there are (after the demo loads or a customer is added). */
  async refreshInfo() {
    try {
      this.info = await ipc.appInfo();
      this.setProfile(this.info.profile);
    } catch (err) {
      announceError(err, 'Could not read the book');
    }
  },

  /**
   * Shows a place in the main pane and remembers it for the next start. An empty book shows the welcome
   * (with the demo offer) instead of Today or Customers.
   * @param {'today'|'customers'|'settings'} place
   * @param {{back?: boolean}} [options] `back`: returning from a customer's page (Today puts focus back on the row)
   * @returns {Promise<void>} once the place is shown (a view not loaded yet is loaded first)
   */
  go(place, { back = false } = {}) {
    unmount();
    view.place = place;
    view.customerId = null;
    view.composer = false;
    localStorage.setItem(PLACE_KEY, place);
    markPlace(place);
    main.scrollTop = 0;
    if (place === 'settings') {
      document.title = 'Settings — Rapport';
      return mount('settings', (m) => m.showSettings(main, app));
    } else if (this.info && this.info.customers === 0) {
      document.title = 'Rapport';
      return mount('welcome', (m) => m.showWelcome(main, app));
    } else if (place === 'notes') {
      document.title = 'Notes — Rapport';
      return mount('notes', (m) => m.showNotes(main, app));
    } else if (place === 'today') {
      document.title = 'Today — Rapport';
      cleanup = showToday(main, app, { back });
      return Promise.resolve();
    } else {
      document.title = 'Customers — Rapport';
      return mount('customers', (m) => m.showCustomers(main, app));
    }
  },

  /**
   * Opens a customer's page. Back returns to where it was opened from: Today, or the customer list.
   * @param {string} id
   * @param {{from?: 'today'|'customers'}} [options] by default, Today when Today is showing, else Customers
   */
  openCustomer(id, { from } = {}) {
    const back = from || (view.place === 'today' && !view.customerId ? 'today' : 'customers');
    unmount();
    view.place = back;
    view.from = back;
    view.customerId = id;
    view.composer = false;
    markPlace(back);
    if (back === 'customers' && loaded.customers) loaded.customers.rememberFocus(id);
    main.scrollTop = 0;
    return mount('customer', (m) => m.showCustomer(main, app, id));
  },

  /**
   * Opens the thank-you composer for a customer; Back returns to the customer's page (and from there to where
   * the page was opened from). With `note`, a saved draft is opened to edit: saving changes that draft.
   * @param {string} id
   * @param {{note?: object|null}} [options]
   */
  openComposer(id, { note = null } = {}) {
    const from = view.customerId ? view.from : view.place;
    unmount();
    view.from = ['today', 'notes'].includes(from) ? from : 'customers';
    view.place = view.from;
    view.customerId = id;
    view.composer = true;
    markPlace(view.from);
    main.scrollTop = 0;
    return mount('composer', (m) => m.showComposer(main, app, id, { note }));
  },

  /** Where Back on a customer's page leads, in a word ("Today", "Customers", "Notes"). */
  backLabel() {
    return { today: 'Today', notes: 'Notes' }[view.from] || 'Customers';
  },

  /** Back from the composer to its customer; from a customer's page to Today, Notes or the list. */
  back() {
    if (view.composer) {
      this.openCustomer(view.customerId, { from: view.from });
      return;
    }
    this.go(['today', 'notes'].includes(view.from) ? view.from : 'customers', { back: true });
  },
};

let searchTimer = 0;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const query = search.value;
  const searchFor = () => load('customers').then((m) => m.setQuery(query))
    .catch((err) => announceError(err, 'Could not search'));
  if (view.place !== 'customers' || view.customerId) {
    // The query first, so the list opens on it.
    if (loaded.customers) loaded.customers.setQuery(query);
    else searchFor();
    app.go('customers');
    return;
  }
  searchTimer = setTimeout(searchFor, SEARCH_DELAY_MS);
});
search.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown') return;
  clearTimeout(searchTimer);
  if (view.place === 'today' && !view.customerId && !search.value) {
    if (focusFirstReason()) event.preventDefault();
    return;
  }
  // The list is showing, so its module is loaded.
  const list = loaded.customers;
  if (!list) return;
  if (search.value !== list.currentQuery()) {
    list.setQuery(search.value);
    return;
  }
  if (list.focusFirstRow()) event.preventDefault();
});

for (const link of document.querySelectorAll('[data-place]')) {
  link.addEventListener('click', () => app.go(link.dataset.place));
}

function isTyping(target) {
  return target instanceof Element && Boolean(target.closest('input, textarea, select, [contenteditable="true"]'));
}

document.addEventListener('keydown', (event) => {
  if (document.querySelector('dialog[open]')) return;
  const key = event.key;
  if ((key === 'k' || key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey) {
    // The command palette: a customer by name and what to do with them, a place, an import.
    event.preventDefault();
    load('palette').then((m) => m.openPalette(app, { showShortcuts }))
      .catch((err) => announceError(err, 'Could not open the palette'));
  } else if (key === '/' && singleKeys() && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (['=', '+', '-', '0'].includes(key) && (event.ctrlKey || event.metaKey) && !event.altKey) {
    // Ctrl+= / Ctrl+− / Ctrl+0: the text larger, smaller, normal (also in Settings).
    event.preventDefault();
    const size = stepTextSize({ '=': 1, '+': 1, '-': -1, 0: 0 }[key]);
    announce(`Text size: ${size.label} (${size.value} %).`);
  } else if (PLACE_KEYS[key] && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
    // Ctrl+1–4: the four places, from anywhere (a book still empty shows its welcome instead).
    event.preventDefault();
    app.go(PLACE_KEYS[key]).then(() => {
      const heading = main.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    });
  } else if (key === '?' && singleKeys() && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
    event.preventDefault();
    showShortcuts();
  } else if (view.customerId && ((key === 'Escape' && !isTyping(event.target)) || (key === 'ArrowLeft' && event.altKey))) {
    event.preventDefault();
    app.back();
  }
});

/** Ctrl+1–4 and the places they open. */
const PLACE_KEYS = { 1: 'today', 2: 'customers', 3: 'notes', 4: 'settings' };

/** The keyboard shortcuts, in a dialog ("?" opens it). */
function showShortcuts() {
  const single = singleKeys();
  const rows = [
    ['Ctrl+K', 'Go to a customer or do something: open their page, log a contact, write a thank-you, import …'],
    ...(single ? [['/', 'Search (a single key: Settings → Keyboard turns it off)']] : []),
    ['Ctrl+1', 'Today'],
    ['Ctrl+2', 'Customers'],
    ['Ctrl+3', 'Notes'],
    ['Ctrl+4', 'Settings'],
    ['↑ ↓', 'The next or previous reason on Today, customer in the list'],
    ['← →', 'Among a Today row’s buttons (the whole list is one Tab stop)'],
    ...(single ? [['D  S  X', 'Done, Snooze, Dismiss the focused Today row (Dismiss can be undone)']] : []),
    ['Esc or Alt+←', 'Back from a customer’s page'],
    ['Ctrl+Enter', 'Save a form'],
    ['Ctrl+=  Ctrl+−  Ctrl+0', 'Text larger, smaller, normal'],
    ...(single ? [['?', 'This list']] : []),
  ];
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog';
  dialog.id = 'shortcuts-dialog';
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  render(dialog, html`<h2 id="shortcuts-title">Keyboard shortcuts</h2>
    <table class="shortcuts"><tbody>${rows.map(([keys, what]) => html`<tr><th scope="row"><kbd>${keys}</kbd></th>
      <td>${what}</td></tr>`)}</tbody></table>
    <div class="form-actions"><button type="button" class="button" data-close>Close</button></div>`);
  document.body.append(dialog);
  const opener = document.activeElement;
  dialog.addEventListener('click', (event) => {
    if (event.target.closest('[data-close]')) dialog.close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
  });
  dialog.showModal();
  dialog.querySelector('[data-close]').focus();
}

/**
 * The dealership book's server gone: a banner that says so plainly (what was just done was not saved), a look
 * every few seconds, and the place shown again once the book answers.
 */
const RETRY_MS = 5000;
let retrying = null;
ipc.onBookReachable(({ reachable, error }) => {
  const banner = document.getElementById('book-banner');
  if (!reachable) {
    banner.hidden = false;
    render(banner, html`<strong>The dealership book cannot be reached.</strong> ${error.message}
      <span class="book-banner-retry">Rapport tries again every few seconds.</span>`);
    // One look at a time: a server that is slow to refuse does not pile looks up behind it.
    let looking = false;
    const look = () => {
      if (looking) return;
      looking = true;
      ipc.appInfo().catch(() => {}).finally(() => { looking = false; });
    };
    if (!retrying) retrying = setInterval(look, RETRY_MS);
    return;
  }
  if (retrying) clearInterval(retrying);
  retrying = null;
  if (banner.hidden) return;
  banner.hidden = true;
  render(banner, html``);
  announce('The dealership book answers again.');
  if (view.customerId) app.openCustomer(view.customerId, { from: view.from });
  else app.go(view.place);
});

async function start() {
  // Where the first Today's time goes, read by the window benchmark (tests/benches/window.rs).
  performance.mark('start');
  const saved = localStorage.getItem(PLACE_KEY);
  applyTextSize();
  showSearchHint();
  render(document.querySelector('[data-logo]'), logo());
  for (const slot of document.querySelectorAll('[data-icon]')) render(slot, icon(slot.dataset.icon));
  // A book that could not be opened: the recovery page, and the app as usual once it opens.
  const trouble = await ipc.recovery().catch(() => null);
  performance.mark('start:recovery');
  if (trouble) {
    try {
      const { showRecovery } = await load('recovery');
      showRecovery(main, trouble, () => start());
    } catch (err) {
      render(main, html`<p class="form-error">Rapport could not open your book, nor show why: ${err.message}</p>`);
    }
    return;
  }
  try {
    const info = await ipc.appInfo();
    performance.mark('start:app-info');
    // Today's first page is asked for now, while the frame is drawn around it. Not sooner: on a big book the
    // agenda's two threads would take both cores from the page still loading (measured: Today later, not sooner).
    if (info.customers > 0 && !info.sign_in && (!saved || saved === 'today')) askTodayEarly();
    setClock(info.now);
    app.info = info;
    app.setProfile(info.profile);
    // The dealership book this computer signs in to did not let it in at start: its sign-in page first.
    if (info.sign_in) {
      const { showSignIn } = await load('dealership');
      showSignIn(main, info.sign_in);
      return;
    }
  } catch (err) {
    render(main, html`<section class="welcome"><h1>Rapport could not open your book</h1>
      <p class="form-error">${err.message}</p></section>`);
    return;
  }
  // A place chosen while the book was opening (a click on Customers in the sidebar) is where they stay.
  if (asked === 0) app.go(app.info.customers > 0 && PLACES.includes(saved) ? saved : 'today');
  // Whatever opened first, no later Today reads an answer asked for at start.
  forgetEarly();
  // The other views, loaded while the salesperson reads the first: opening one later waits for nothing.
  setTimeout(() => Object.keys(loaders).forEach((name) => load(name).catch(() => {})), LOAD_THE_REST_MS);
  // A clicked desktop notification: the core has shown the window; open that customer, Back leads to Today.
  // A dialog still open is closed first (what was typed in it is kept as a draft).
  // Emails dropped on the window are logged; on a customer's page, an email whose addresses are nobody's is theirs.
  ipc.onEmailsDropped(async ({ names }) => {
    const customerId = view.customerId;
    let mailbox;
    try {
      mailbox = await load('mailbox');
    } catch (err) {
      announceError(err, 'Dropped emails cannot be logged');
      return;
    }
    const { droppedEmails, logEmails } = mailbox;
    logEmails(droppedEmails(names), {
      customerId,
      ask: customerId ? document.querySelector('#email-ask') : null,
      onLogged: () => (customerId ? app.openCustomer(customerId, { from: view.place }) : app.go(view.place)),
    });
  }).catch((err) => announceError(err, 'Dropped emails cannot be logged'));
  ipc.onOpenCustomer((id) => {
    for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
    app.openCustomer(id, { from: 'today' });
  }).catch((err) => announceError(err, 'Notifications cannot open customers'));
}

start();
