// The Today place: the reasons worth the customer's time (agenda), in three groups — Waiting on you,
// Time-sensitive, Worth offering — each row with the customer, what they gain, the channel and the window in
// their time and yours, and Done / Snooze / Dismiss; then, folded away, what the Guard held back and why.
// Done logs the contact first (the Log contact dialog, prefilled) and only then marks the reason done.
// For a big book: a summary line with a link to each list, a channel filter, what can be done now first, one
// customer's reasons together, and the long overdue in a review pile cleared several at a time.

import * as ipc from '../lib/ipc.js';
import { openFormDialog } from '../lib/form.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { addDays, formatDate, numericDate, plural } from '../lib/format.js';
import { announce, announceError, announceWithAction } from '../lib/status.js';
import { CHANNELS, channel } from '../lib/words.js';
import { singleKeys } from '../lib/keys.js';

const RANGE_KEY = 'rapport.today.days';
const COMPACT_KEY = 'rapport.today.compact';

/** The ranges the picker offers: days ahead for `agenda`. */
const RANGES = [
  { days: 0, label: 'Today' },
  { days: 7, label: 'Next 7 days' },
  { days: 30, label: 'Next 30 days' },
];

/** The three groups, in the order the salesperson works them. */
const GROUPS = [
  { key: 'waiting_on_you', title: 'Waiting on you' },
  { key: 'time_sensitive', title: 'Time-sensitive' },
  { key: 'worth_offering', title: 'Worth offering' },
];

/** Trimmed text, or null when empty. */
const opt = (v) => {
  const t = typeof v === 'string' ? v.trim() : v;
  return t === '' || t === undefined ? null : t;
};

function storedDays() {
  const n = Number(localStorage.getItem(RANGE_KEY));
  return RANGES.some((r) => r.days === n) && localStorage.getItem(RANGE_KEY) !== null ? n : 7;
}

/** How many reasons a group shows at first, and how many more each "Show more" adds: a big book's month can
 * hold thousands, and the first ones are the ones to act on. */
const PAGE = 50;

/** What Today keeps while a customer's page is open, so Back returns to the same place. */
const state = {
  /** How many rows each group (and the held-back list) shows, by key. */
  shown: {},
  days: storedDays(),
  /** Reasons whose talking points are open. */
  openPoints: new Set(),
  heldOpen: false,
  /** The reason whose customer was opened: focus returns to it. */
  returnTo: null,
  /** Only the reasons by this channel (null: all). */
  channel: null,
  reviewOpen: false,
  /** Reasons ticked in the review pile. */
  picked: new Set(),
};

/**
 * "Tue 10:00–12:00 their time · 11:00–13:00 yours" from the core's two phrasings, without saying the day or the
 * hours twice.
 * @param {{their_time: string, your_time: string}} w
 * @returns {string}
 */
export function windowWords(w) {
  const theirs = /^(\S+) (.+) their time$/.exec(w.their_time || '');
  const yours = /^(\S+) (.+) yours$/.exec(w.your_time || '');
  if (!theirs || !yours) return [w.their_time, w.your_time].filter(Boolean).join(' · ');
  if (theirs[1] === yours[1] && theirs[2] === yours[2]) return `${theirs[1]} ${theirs[2]}, their time and yours`;
  if (theirs[1] === yours[1]) return `${w.their_time} · ${yours[2]} yours`;
  return `${w.their_time} · ${w.your_time}`;
}

/** A Guard finding on a reason: icon and message, their words when it comes from them. */
function cautionMarkup(c) {
  return html`<li class="reason-caution" data-rule="${c.rule}">${icon('warning')}
    <span><span class="reason-caution-word">Caution:</span> ${c.message}${c.quote ? html` <span class="words">“${c.quote}”</span>${c.said_on
    ? html` <span class="said">said ${formatDate(c.said_on)}</span>` : ''}` : ''}</span></li>`;
}

function reasonRow(r, index, stacked = false) {
  const ch = channel(r.channel);
  const name = r.customer_name;
  const open = state.openPoints.has(r.id);
  const pointsId = `today-points-${index}`;
  const valueId = `today-value-${index}`;
  const points = r.talking_points || [];
  const cautions = r.cautions || [];
  return html`<li class="reason${stacked ? ' is-stacked' : ''}" data-reason-id="${r.id}" data-kind="${r.kind}"
    data-customer-id="${r.customer_id}">
    <div class="reason-who">
      <button type="button" class="reason-name" data-action="open" aria-describedby="${valueId} today-keys"
        aria-keyshortcuts="D S X">${name}</button>
      ${r.overdue_days > 0 ? html`<p class="reason-overdue">${icon('flag')} Overdue ${plural(r.overdue_days, 'day')}</p>` : ''}
    </div>
    <div class="reason-body">
      <p class="reason-value" id="${valueId}">${r.value}</p>
      <p class="reason-how">
        <span class="reason-channel">${icon(ch.icon)} ${ch.word}</span>
        <span class="reason-window">${icon('clock')} ${windowWords(r.window || {})}</span>
        ${r.window && r.window.outside_your_hours
    ? html`<span class="reason-outside">${icon('warning')} outside your working hours</span>` : ''}
      </p>
      ${cautions.length ? html`<ul class="reason-cautions" role="list">${cautions.map(cautionMarkup)}</ul>` : ''}
      <p class="reason-why">${r.why_now ? html`<span class="reason-why-text">${r.why_now}</span>` : ''}
        ${points.length ? html`<button type="button" class="disclosure" data-action="points" aria-expanded="${open ? 'true' : 'false'}"
          aria-controls="${pointsId}">${icon('down')} Talking points (${points.length})</button>` : ''}</p>
      ${points.length ? html`<ul class="reason-points" id="${pointsId}" role="list" ${open ? '' : html`hidden`}>
        ${points.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
    </div>
    <div class="reason-actions">
      <button type="button" class="button small" data-action="done" aria-label="Done: ${name}">${icon('check')} Done</button>
      <button type="button" class="button small quiet" data-action="snooze" aria-label="Snooze: ${name}">Snooze</button>
      <button type="button" class="button small quiet" data-action="dismiss" aria-label="Dismiss: ${name}">Dismiss</button>
    </div>
  </li>`;
}

/** How many rows of `key` show. */
const shownOf = (key) => state.shown[key] || PAGE;

/** "Show 50 more (1,234 not shown)" under a list that shows fewer than it has. */
function moreButton(key, shown, total, what) {
  if (shown >= total) return '';
  const next = Math.min(PAGE, total - shown);
  return html`<button type="button" class="button quiet small today-more" data-action="more" data-key="${key}">
    ${icon('down')} Show ${next} more ${what} (${(total - shown).toLocaleString()} not shown)</button>`;
}

/** A group's reasons as the core paged them: `total` is how many the group has in all. */
function groupMarkup(group, reasons, start, total) {
  const id = `today-group-${group.key}`;
  // The core sent the page: a few more than asked when a customer's reasons would be cut in two.
  const shown = reasons.length;
  return html`<section class="today-group" id="${id}" data-group="${group.key}" aria-labelledby="${id}-title"
    ${total ? '' : html`hidden`}>
    <h2 id="${id}-title">${group.title} <span class="group-count">${total.toLocaleString()}<span class="visually-hidden">
      ${total === 1 ? 'reason' : 'reasons'}</span></span></h2>
    <ul role="list" class="reasons" aria-labelledby="${id}-title">${reasons.slice(0, shown).map((r, i, all) => reasonRow(r, start + i,
    i > 0 && all[i - 1].customer_id === r.customer_id))}</ul>
    ${moreButton(group.key, shown, total, 'reasons')}
  </section>`;
}

/** The line above the groups: what can be done now, what is due today, the review pile; a link to each list. */
function summaryMarkup(agenda) {
  const s = agenda.summary;
  if (!s) return '';
  const counts = agenda.counts || {};
  const links = GROUPS.filter((g) => counts[g.key]).map((g) => html`<a href="#today-group-${g.key}"
    data-jump="today-group-${g.key}">${g.title} <span class="group-count">${counts[g.key].toLocaleString()}</span></a>`);
  return html`<nav class="today-summary" id="today-summary" aria-label="Today at a glance">
    <p class="today-summary-line">
      <span id="today-open-now"><strong>${s.open_now.toLocaleString()}</strong> in their hours now</span>
      <span id="today-due-today"><strong>${s.due_today.toLocaleString()}</strong> due today</span>
      ${s.long_overdue ? html`<a href="#today-review" data-jump="today-review" id="today-long-overdue"><strong>${s
    .long_overdue.toLocaleString()}</strong> long overdue → review</a>` : ''}
    </p>
    ${links.length > 1 ? html`<p class="today-jumps">${links}</p>` : ''}
  </nav>`;
}

/**
 * The review pile: reasons more than a month overdue, out of the day's lists, each with a box to tick, and
 * Snooze / Dismiss for the ticked ones with one day or one why.
 */
function reviewMarkup(review, total) {
  if (!total) return '';
  const shown = review;
  const picked = shown.filter((r) => state.picked.has(r.id)).length;
  return html`<section class="today-review" id="today-review" aria-labelledby="today-review-title">
    <h2 id="today-review-title">${icon('flag')} Long overdue — review
      <span class="group-count">${total.toLocaleString()}</span></h2>
    <p class="muted">More than a month late. Do them, move them to a day you can, or say why they no longer matter —
      several at a time.</p>
    <button type="button" class="button quiet small" id="today-review-toggle" data-action="review"
      aria-expanded="${state.reviewOpen ? 'true' : 'false'}" aria-controls="today-review-list">${icon('down')}
      ${state.reviewOpen ? 'Hide them' : `Show them (${total.toLocaleString()})`}</button>
    <div id="today-review-list" ${state.reviewOpen ? '' : html`hidden`}>
      <div class="review-actions" role="group" aria-label="With the ticked reasons">
        <label class="check"><input type="checkbox" id="review-all" ${picked && picked === shown.length ? html`checked` : ''}>
          <span>Tick all shown</span></label>
        <span class="muted" id="review-picked" aria-live="polite">${plural(picked, 'ticked', 'ticked')}</span>
        <button type="button" class="button small" id="review-snooze" data-action="review-snooze"
          ${picked ? '' : html`disabled`}>Snooze ticked…</button>
        <button type="button" class="button small" id="review-dismiss" data-action="review-dismiss"
          ${picked ? '' : html`disabled`}>Dismiss ticked…</button>
      </div>
      <ul role="list" class="review-list">${shown.map((r) => html`<li class="review-item" data-review-id="${r.id}"
        data-customer-id="${r.customer_id}">
        <input type="checkbox" class="review-pick" id="review-pick-${r.id}" value="${r.id}"
          ${state.picked.has(r.id) ? html`checked` : ''} aria-describedby="review-value-${r.id}">
        <label for="review-pick-${r.id}" class="review-name">${r.customer_name}</label>
        <span class="review-overdue">${plural(r.overdue_days, 'day')} late</span>
        <span class="review-value" id="review-value-${r.id}">${r.value}</span>
      </li>`)}</ul>
      ${moreButton('review', shown.length, total, 'to review')}
    </div>
  </section>`;
}

function heldMarkup(held, total) {
  return html`<div class="today-held" ${total ? '' : html`hidden`}>
    <button type="button" class="button quiet small" id="today-held-back" data-action="held"
      aria-expanded="${state.heldOpen ? 'true' : 'false'}" aria-controls="today-held-list"
      ${total ? '' : html`hidden`}>${icon('down')} Held back (${total.toLocaleString()})</button>
    <div id="today-held-list" class="today-held-list" ${state.heldOpen ? '' : html`hidden`}>
      <p class="muted">Reasons the Guard kept off your list, and why. None of them reached the customer.</p>
      <ul role="list" class="held-list">${held.slice(0, shownOf('held')).map((h) => html`
        <li class="held-item" data-reason-id="${h.id}" data-customer-id="${h.customer_id}">
          <p class="held-head">
            <button type="button" class="reason-name" data-action="open">${h.customer_name}</button>
            <span>${icon('stop')} ${h.message}</span>
          </p>
          <p class="held-text">Would have been: ${h.value}</p>
          ${h.quote ? html`<p class="held-quote"><span class="words">“${h.quote}”</span>${h.said_on
    ? html` <span class="said">said ${formatDate(h.said_on)}</span>` : ''}</p>` : ''}
        </li>`)}</ul>
      ${moreButton('held', Math.min(shownOf('held'), held.length), total, 'held back')}
    </div>
  </div>`;
}

function bodyMarkup(agenda) {
  const reasons = agenda.reasons || [];
  const held = agenda.held_back || [];
  // The core sends a page of each list and every list's count.
  const counts = agenda.counts || {};
  let start = 0;
  const groups = GROUPS.map((g) => {
    const mine = reasons.filter((r) => r.group === g.key);
    const markup = groupMarkup(g, mine, start, counts[g.key] ?? mine.length);
    start += mine.length;
    return markup;
  });
  // A group the window does not know yet still shows, last, rather than hiding a reason.
  const known = new Set(GROUPS.map((g) => g.key));
  const other = reasons.filter((r) => !known.has(r.group));
  if (other.length) groups.push(groupMarkup({ key: 'other', title: 'Other reasons' }, other, start, other.length));
  const review = agenda.review || [];
  const reviewTotal = counts.review ?? review.length;
  return html`${summaryMarkup(agenda)}${reasons.length ? groups
    : emptyMarkup(agenda.days, reviewTotal)}
    ${reviewMarkup(review, reviewTotal)}
    ${heldMarkup(held, counts.held_back ?? held.length)}`;
}

/** An empty Today says which days it looked at, and where reasons come from. */
function emptyMarkup(days, inReview = 0) {
  const when = days === 0 ? 'today' : `in the next ${days} days`;
  const by = state.channel ? ` by ${channel(state.channel).word.toLowerCase()}` : '';
  return html`<div class="today-empty" id="today-empty">
    <p class="today-empty-title">Nothing${inReview ? ' else' : ''} is due ${when}${by}.</p>
    <p class="muted">Reasons come from what you owe your customers: promises you made, issues they are waiting on,
      service and warranty dates of what they bought, dates they told you, and what they asked for. Record one on a
      customer's page — a promise, an open issue, a purchase — and it appears here when it is worth their time.</p>
  </div>`;
}

/** The snooze dialog's quick picks: tomorrow, the next Monday (when that is not tomorrow), a week from today. */
function snoozePicks(today) {
  const tomorrow = addDays(today, 1);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const monday = addDays(today, ((8 - weekday) % 7) || 7);
  const week = addDays(today, 7);
  const picks = [{ label: 'Tomorrow', day: tomorrow }];
  if (monday !== tomorrow && monday !== week) picks.push({ label: 'Monday', day: monday });
  picks.push({ label: 'Next week', day: week });
  return picks;
}

/** Today's first page asked for before Today was shown ({key, answer}), taken by the first refresh that asks the same. */
let early = null;

/**
 * Asks for Today's first page now: the window's start does, once it has read the book's state, so the core works
 * on the agenda while the page draws the frame around it.
 */
export function askTodayEarly() {
  const ask = todayAsk();
  const answer = ipc.agenda(...ask);
  // Not reported here: a failed early answer is asked for again by the first refresh.
  answer.catch(() => {});
  early = { key: JSON.stringify(ask), answer };
}

/** Drops an early answer no Today took (the window opened on another place): a later Today asks afresh. */
export function forgetEarly() {
  early = null;
}

/** What Today asks the core for: the days, each list's page size and the channel. */
function todayAsk() {
  return [state.days, pageSizes(), state.channel];
}

/** The early answer for this ask, once (or null): a failure asks again. */
function takeEarly(ask) {
  const taken = early;
  early = null;
  if (!taken || taken.key !== JSON.stringify(ask)) return null;
  return taken.answer.catch(() => ipc.agenda(...ask));
}

/** How many rows of each list the window asks the core for. */
function pageSizes() {
  const sizes = Object.fromEntries(GROUPS.map((g) => [g.key, shownOf(g.key)]));
  sizes.held_back = shownOf('held');
  sizes.review = shownOf('review');
  return sizes;
}

/**
 * Shows Today in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 * @param {{back?: boolean}} [options] `back`: Back from a customer's page opened here; focus returns to its row
 * @returns {() => void} cleanup
 */
export function showToday(main, app, { back = false } = {}) {
  if (!back) state.returnTo = null;
  render(main, html`<section id="today" class="place today" aria-labelledby="today-title">
    <header class="place-header today-header">
      <div class="today-heading">
        <h1 id="today-title" tabindex="-1">Today</h1>
        <p class="today-date" id="today-date">${formatDate(app.today())}</p>
      </div>
      <div class="toolbar">
        <fieldset class="segmented" id="today-range">
          <legend class="visually-hidden">Reasons due</legend>
          ${RANGES.map((r) => html`<label class="segment">
            <input type="radio" name="today-range" value="${r.days}" ${r.days === state.days ? html`checked` : ''}>
            <span>${r.label}</span></label>`)}
        </fieldset>
        <label class="select-field"><span class="visually-hidden">Channel</span>
          <select id="today-channel" aria-label="Only reasons by"><option value="">All channels</option></select></label>
        <label class="check"><input type="checkbox" id="today-compact" ${localStorage.getItem(COMPACT_KEY) === '1'
    ? html`checked` : ''}><span>Compact</span></label>
        <button type="button" class="button" id="today-export">${icon('calendar')} Add to calendar</button>
      </div>
    </header>
    <p class="muted today-keys" id="today-keys">On a row: ↑ ↓ move between customers, ← → among its
      buttons${singleKeys() ? '; D done, S snooze, X dismiss' : ''}.</p>
    <div id="today-body" class="today-body" aria-busy="true"><p class="loading">Looking at your book…</p></div>
  </section>`);
  const root = main.firstElementChild;
  const body = root.querySelector('#today-body');
  const dateLine = root.querySelector('#today-date');
  const exportButton = root.querySelector('#today-export');
  const channelPick = root.querySelector('#today-channel');
  const compact = root.querySelector('#today-compact');
  root.classList.toggle('is-compact', compact.checked);
  let agenda = null;
  let alive = true;
  let asked = 0;
  let busy = false;

  const reasonOf = (el) => {
    const row = el.closest('[data-reason-id]');
    if (!row || !agenda) return null;
    const id = row.dataset.reasonId;
    return agenda.reasons.find((r) => r.id === id) || agenda.held_back.find((r) => r.id === id) || null;
  };

  /**
   * Draws the agenda. Focus goes back where it belongs: to the row just acted on (or, when it left Today, the
   * next row, else the one before, else the heading); to the customer whose page Back came from; or to the same
   * control it was on before a refresh.
   */
  /**
   * Roving focus: only `current` (or the first row) is in the Tab order, by its name; every other row's controls
   * are reached with the arrow keys.
   */
  function rove(current = null) {
    const rows = [...body.querySelectorAll('.reason')];
    const keep = current || rows.find((r) => r.querySelector('[tabindex="0"]')) || rows[0];
    const focused = keep && keep.contains(document.activeElement) ? document.activeElement : null;
    for (const r of rows) {
      for (const c of r.querySelectorAll('.reason-name, .reason-actions button, .disclosure')) {
        const stop = r === keep && (focused ? c === focused : c.classList.contains('reason-name'));
        c.tabIndex = stop ? 0 : -1;
      }
    }
  }

  function draw(next, { focusAfter = null } = {}) {
    const active = document.activeElement;
    const activeRow = active && body.contains(active) ? active.closest('[data-reason-id]') : null;
    const order = agenda ? agenda.reasons.map((r) => r.id) : [];
    agenda = next;
    dateLine.textContent = formatDate(app.today());
    drawChannels(next);
    // Ticks stay only on reasons still in the pile.
    const inPile = new Set((next.review || []).map((r) => r.id));
    for (const id of [...state.picked]) if (!inPile.has(id)) state.picked.delete(id);
    render(body, bodyMarkup(next));
    body.removeAttribute('aria-busy');
    rove();
    // Nothing to put in a calendar: say so rather than write an empty file.
    exportButton.disabled = !next.reasons.length;
    exportButton.title = next.reasons.length ? '' : 'Nothing is due in this range.';

    const control = (id, action) => body.querySelector(
      `[data-reason-id="${CSS.escape(id)}"] [data-action="${CSS.escape(action)}"]`,
    );
    let wanted = null;
    let action = 'open';
    if (focusAfter) wanted = focusAfter;
    else if (state.returnTo) wanted = state.returnTo;
    else if (activeRow) {
      wanted = activeRow.dataset.reasonId;
      action = active.dataset.action || 'open';
    }
    state.returnTo = null;
    if (!wanted || document.querySelector('dialog[open]')) return;
    let target = control(wanted, action) || control(wanted, 'open');
    if (!target && order.includes(wanted)) {
      const at = order.indexOf(wanted);
      const still = new Set(next.reasons.map((r) => r.id));
      const after = order.slice(at + 1).find((id) => still.has(id));
      const before = order.slice(0, at).reverse().find((id) => still.has(id));
      target = (after && control(after, 'open')) || (before && control(before, 'open'));
    }
    (target || root.querySelector('#today-title')).focus();
  }

  async function refresh(options = {}) {
    const mine = ++asked;
    body.setAttribute('aria-busy', 'true');
    try {
      // The first Today's milestones, read by the window benchmark (tests/benches/window.rs).
      const first = !performance.getEntriesByName('today:drawn').length;
      if (first) performance.mark('today:asked');
      const ask = todayAsk();
      const next = await (takeEarly(ask) || ipc.agenda(...ask));
      if (first) performance.mark('today:answered');
      if (!alive || mine !== asked) return;
      draw(next, options);
      if (first) performance.mark('today:drawn');
    } catch (err) {
      if (!alive || mine !== asked) return;
      body.removeAttribute('aria-busy');
      if (!agenda) render(body, html`<p class="form-error">Could not read Today: ${err.message}</p>`);
      else announceError(err, 'Could not refresh Today');
    }
  }

  /** Done: log the contact (prefilled from the reason); only when it is logged, mark the reason done. */
  async function done(r) {
    if (busy) return;
    busy = true;
    let record;
    let openInteractionForm;
    try {
      // The contact form loads with its first use: Today's first page waits for no module it does not show.
      [record, { openInteractionForm }] = await Promise.all([ipc.customerPage(r.customer_id), import('./contact.js')]);
    } catch (err) {
      announceError(err, `Could not open ${r.customer_name}`);
      return;
    } finally {
      busy = false;
    }
    if (!alive) return;
    const who = record.preferred_name || record.name;
    const promise = r.kind === 'promise_due' ? (r.sources || []).find((s) => s.kind === 'promise') : null;
    const dialog = openInteractionForm(app, record, {
      draftKey: `interaction:${record.id}:${r.id}`,
      intro: promise ? 'Once the contact is logged, the promise is kept and leaves Today.'
        : 'Once the contact is logged, this reason leaves Today.',
      prefill: {
        direction: 'out',
        channel: r.channel || 'phone',
        purpose: r.purpose || 'proactive',
        reason: r.value,
        topic: r.topic || '',
      },
      onSaved: async () => {
        try {
          await ipc.setReasonState(r.id, r.customer_id, 'done');
          // Logging a kept promise closes it.
          if (promise) await ipc.keepPromise(promise.id);
          announce(promise ? `Logged the contact and kept the promise to ${who}.` : `Logged the contact with ${who}; done.`);
        } catch (err) {
          announceError(err, 'The contact was logged, but the reason could not be marked done');
        }
        if (alive) await refresh({ focusAfter: r.id });
      },
    });
    // Everything but what happened is filled in already.
    const summary = dialog.querySelector('#interaction-summary');
    if (summary) summary.focus();
  }

  function snooze(r) {
    const tomorrow = addDays(app.today(), 1);
    let until = tomorrow;
    openFormDialog({
      id: 'snooze',
      title: `Snooze: ${r.customer_name}`,
      intro: r.value,
      draftKey: `snooze:${r.id}`,
      submitLabel: 'Snooze',
      busyLabel: 'Snoozing…',
      fields: [
        {
          name: 'until', label: 'Until', type: 'date', required: true, requiredMessage: 'Pick the day it comes back.',
          hint: 'It comes back on Today that day.',
          validate: (until) => (until <= app.today() ? 'Pick a day after today.' : ''),
        },
        {
          name: 'note', label: 'Note', type: 'textarea', rows: 2, wide: true,
          hint: 'For yourself: why later.', placeholder: 'She is travelling until the 30th',
        },
      ],
      initial: { until: tomorrow },
      // One click for the usual answers: the day is picked and the reason snoozed.
      setup: ({ dialog, form }) => {
        const field = dialog.querySelector('#snooze-until');
        const picks = document.createElement('div');
        picks.className = 'snooze-picks';
        picks.setAttribute('role', 'group');
        picks.setAttribute('aria-label', 'Snooze until');
        render(picks, html`${snoozePicks(app.today()).map((p) => html`<button type="button" class="button small"
          data-day="${p.day}">${p.label} <span class="muted">${formatDate(p.day)}</span></button>`)}`);
        field.closest('.field').append(picks);
        picks.addEventListener('click', (event) => {
          const pick = event.target.closest('[data-day]');
          if (!pick) return;
          field.value = numericDate(pick.dataset.day);
          field.dispatchEvent(new Event('input', { bubbles: true }));
          form.form.requestSubmit();
        });
      },
      save: (v) => {
        until = v.until;
        return ipc.setReasonState(r.id, r.customer_id, 'snoozed', { until: v.until, note: opt(v.note) });
      },
      onSaved: () => {
        announceWithAction(`Snoozed until ${formatDate(until)}: ${r.customer_name}.`, 'Undo', () => undo(r));
        if (alive) refresh({ focusAfter: r.id });
      },
    });
  }

  /** Takes back a snooze or a dismissal: the reason is back on Today, and focus on it. */
  async function undo(r) {
    try {
      await ipc.undoReasonState(r.id);
      announce(`Back on Today: ${r.customer_name}.`);
      if (alive) refresh({ focusAfter: r.id });
    } catch (err) {
      announceError(err, 'Could not undo');
    }
  }

  function dismiss(r) {
    openFormDialog({
      id: 'dismiss',
      title: `Dismiss: ${r.customer_name}`,
      intro: r.value,
      draftKey: `dismiss:${r.id}`,
      submitLabel: 'Dismiss',
      busyLabel: 'Dismissing…',
      fields: [
        {
          name: 'why', label: 'What makes this not worth the customer’s time?', type: 'textarea', rows: 3, wide: true,
          required: true, requiredMessage: 'Say why, in a line; it is kept with the reason.', server: ['note'],
          placeholder: 'He had the oil changed elsewhere last week',
        },
      ],
      save: (v) => ipc.setReasonState(r.id, r.customer_id, 'dismissed', { note: v.why.trim() }),
      onSaved: () => {
        announceWithAction(`Dismissed: ${r.customer_name}. It will not come back.`, 'Undo', () => undo(r));
        if (alive) refresh({ focusAfter: r.id });
      },
    });
  }

  function togglePoints(r, button) {
    const list = body.querySelector(`#${CSS.escape(button.getAttribute('aria-controls'))}`);
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    list.hidden = !open;
    if (open) state.openPoints.add(r.id);
    else state.openPoints.delete(r.id);
  }

  /** The channel filter's choices, each with how many reasons go by it (before the filter). */
  function drawChannels(next) {
    const by = next.by_channel || {};
    const all = Object.values(by).reduce((a, b) => a + b, 0);
    const choices = CHANNELS.filter((c) => by[c.value] || c.value === state.channel);
    render(channelPick, html`<option value="">All channels (${all.toLocaleString()})</option>
      ${choices.map((c) => html`<option value="${c.value}" ${c.value === state.channel ? html`selected` : ''}>${c.word}
        (${(by[c.value] || 0).toLocaleString()})</option>`)}`);
  }

  /** The ticked reasons of the review pile, as the core sent them. */
  const pickedReasons = () => (agenda && agenda.review ? agenda.review.filter((r) => state.picked.has(r.id)) : []);

  function drawPicked() {
    const list = body.querySelector('#today-review-list');
    if (!list) return;
    const boxes = [...list.querySelectorAll('.review-pick')];
    const n = boxes.filter((b) => b.checked).length;
    list.querySelector('#review-picked').textContent = `${n} ticked`;
    list.querySelector('#review-snooze').disabled = !n;
    list.querySelector('#review-dismiss').disabled = !n;
    const all = list.querySelector('#review-all');
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  }

  /** Takes back what was done with several reasons at once. */
  async function undoMany(reasons) {
    try {
      for (const r of reasons) await ipc.undoReasonState(r.id);
      announce(`Back for review: ${plural(reasons.length, 'reason')}.`);
      if (alive) refresh();
    } catch (err) {
      announceError(err, 'Could not undo');
    }
  }

  function snoozeMany(reasons) {
    let until = addDays(app.today(), 7);
    openFormDialog({
      id: 'snooze-many',
      title: `Snooze ${plural(reasons.length, 'reason')}`,
      intro: 'They come back on Today that day, each in its place.',
      submitLabel: 'Snooze them',
      busyLabel: 'Snoozing…',
      fields: [
        {
          name: 'until', label: 'Until', type: 'date', required: true, requiredMessage: 'Pick the day they come back.',
          validate: (day) => (day <= app.today() ? 'Pick a day after today.' : ''),
        },
        { name: 'note', label: 'Note', type: 'textarea', rows: 2, wide: true, hint: 'For yourself: why later.' },
      ],
      initial: { until },
      save: (v) => {
        until = v.until;
        return ipc.setReasonStates(reasons, 'snoozed', { until: v.until, note: opt(v.note) });
      },
      onSaved: () => {
        for (const r of reasons) state.picked.delete(r.id);
        announceWithAction(`Snoozed ${plural(reasons.length, 'reason')} until ${formatDate(until)}.`, 'Undo',
          () => undoMany(reasons));
        if (alive) refresh();
      },
    });
  }

  function dismissMany(reasons) {
    openFormDialog({
      id: 'dismiss-many',
      title: `Dismiss ${plural(reasons.length, 'reason')}`,
      intro: reasons.slice(0, 3).map((r) => r.customer_name).join(', ') + (reasons.length > 3 ? ` and ${reasons.length - 3} more` : ''),
      submitLabel: 'Dismiss them',
      busyLabel: 'Dismissing…',
      fields: [
        {
          name: 'why', label: 'What makes these not worth the customers’ time?', type: 'textarea', rows: 3, wide: true,
          required: true, requiredMessage: 'Say why, in a line; it is kept with each reason.', server: ['note'],
          placeholder: 'Handled before I started using Rapport',
        },
      ],
      save: (v) => ipc.setReasonStates(reasons, 'dismissed', { note: v.why.trim() }),
      onSaved: () => {
        for (const r of reasons) state.picked.delete(r.id);
        announceWithAction(`Dismissed ${plural(reasons.length, 'reason')}. They will not come back.`, 'Undo',
          () => undoMany(reasons));
        if (alive) refresh();
      },
    });
  }

  /** Unfolds (or folds) the review pile: the list is drawn again with the same page of the agenda. */
  function showReview(open) {
    state.reviewOpen = open;
    render(body, bodyMarkup(agenda));
    rove();
  }

  function toggleHeld(button) {
    state.heldOpen = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', state.heldOpen ? 'true' : 'false');
    body.querySelector('#today-held-list').hidden = !state.heldOpen;
  }

  body.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-action]');
    if (!button) return;
    if (button.dataset.action === 'held') {
      toggleHeld(button);
      return;
    }
    if (button.dataset.action === 'review') {
      showReview(button.getAttribute('aria-expanded') !== 'true');
      body.querySelector('#today-review-toggle').focus();
      return;
    }
    if (button.dataset.action === 'review-snooze') {
      snoozeMany(pickedReasons());
      return;
    }
    if (button.dataset.action === 'review-dismiss') {
      dismissMany(pickedReasons());
      return;
    }
    if (button.dataset.action === 'more') {
      // The next rows, and focus on the first of them (the button they replace is gone).
      const key = button.dataset.key;
      const list = button.parentElement.querySelector('ul');
      const first = list ? list.children.length : 0;
      state.shown[key] = shownOf(key) + PAGE;
      await refresh();
      if (!alive) return;
      const lists = { held: '#today-held-list ul', review: '#today-review-list ul' };
      const again = body.querySelector(lists[key] || `#today-group-${CSS.escape(key)} ul`);
      const row = again && again.children[first];
      const target = row && (row.querySelector('[data-action="open"]') || row);
      if (target) target.focus();
      return;
    }
    const r = reasonOf(button);
    if (!r) return;
    switch (button.dataset.action) {
      case 'open':
        state.returnTo = r.id;
        app.openCustomer(r.customer_id, { from: 'today' });
        break;
      case 'done': done(r); break;
      case 'snooze': snooze(r); break;
      case 'dismiss': dismiss(r); break;
      case 'points': togglePoints(r, button); break;
      default: break;
    }
  });

  // One Tab stop for the whole list (the row last focused); inside it the keys do the rest.
  body.addEventListener('focusin', (event) => {
    if (event.target.closest && event.target.closest('.reason')) rove(event.target.closest('.reason'));
  });

  // On a row: Left and Right move among its controls; D, S and X are Done, Snooze and Dismiss — keys of the
  // focused row only (WCAG 2.1.4), and off with the single-key shortcuts setting.
  body.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = event.target.closest && event.target.closest('.reason');
    if (!row || event.target.matches('input, textarea, select')) return;
    const controls = [...row.querySelectorAll('.reason-name, .reason-actions button, .disclosure')];
    const at = controls.indexOf(event.target);
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      if (at < 0) return;
      event.preventDefault();
      const to = controls[(at + (event.key === 'ArrowRight' ? 1 : controls.length - 1)) % controls.length];
      to.focus();
      return;
    }
    const act = { d: 'done', s: 'snooze', x: 'dismiss' }[event.key.toLowerCase()];
    if (!act || !singleKeys()) return;
    event.preventDefault();
    row.querySelector(`[data-action="${act}"]`).click();
  });

  // Up and down move from one customer to the next, across the groups.
  body.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const names = [...body.querySelectorAll('.reason .reason-name')];
    const at = names.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (event.key === 'ArrowDown') next = names[Math.min(at + 1, names.length - 1)];
    else if (event.key === 'ArrowUp') next = at === 0 ? document.getElementById('search') : names[at - 1];
    else if (event.key === 'Home') next = names[0];
    else if (event.key === 'End') next = names[names.length - 1];
    if (!next) return;
    event.preventDefault();
    next.focus();
    if (next !== document.getElementById('search')) next.scrollIntoView({ block: 'nearest' });
  });

  // The review pile's boxes.
  body.addEventListener('change', (event) => {
    const box = event.target;
    if (box.id === 'review-all') {
      for (const b of body.querySelectorAll('.review-pick')) {
        b.checked = box.checked;
        if (box.checked) state.picked.add(b.value);
        else state.picked.delete(b.value);
      }
      drawPicked();
    } else if (box.classList && box.classList.contains('review-pick')) {
      if (box.checked) state.picked.add(box.value);
      else state.picked.delete(box.value);
      drawPicked();
    }
  });

  // The summary's links: to a list, opening the review pile when that is where they go.
  body.addEventListener('click', (event) => {
    const link = event.target.closest('[data-jump]');
    if (!link) return;
    event.preventDefault();
    if (link.dataset.jump === 'today-review' && !state.reviewOpen) showReview(true);
    const to = body.querySelector(`#${CSS.escape(link.dataset.jump)}`);
    if (!to) return;
    // 'nearest': 'start' would scroll the window itself when the list is near the end of the pane.
    to.scrollIntoView({ block: 'nearest' });
    const heading = to.querySelector('h2');
    heading.tabIndex = -1;
    heading.focus();
  });

  channelPick.addEventListener('change', () => {
    state.channel = channelPick.value || null;
    state.shown = {};
    state.picked.clear();
    refresh();
  });

  compact.addEventListener('change', () => {
    localStorage.setItem(COMPACT_KEY, compact.checked ? '1' : '0');
    root.classList.toggle('is-compact', compact.checked);
  });

  root.querySelector('#today-range').addEventListener('change', (event) => {
    const days = Number(event.target.value);
    if (!RANGES.some((r) => r.days === days)) return;
    state.days = days;
    state.shown = {};
    localStorage.setItem(RANGE_KEY, String(days));
    refresh();
  });

  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    announce('Saving the calendar file…', { sticky: true });
    try {
      const saved = await ipc.exportAgendaIcs(state.days);
      announce(`Saved ${saved.file} (${plural(saved.events, 'event')})`);
    } catch (err) {
      announceError(err, 'Could not save the calendar file');
    } finally {
      exportButton.disabled = !(agenda && agenda.reasons.length);
    }
  });

  // Coming back to the window later: the day and the reasons may have moved on.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && !document.querySelector('dialog[open]')) refresh();
  };
  document.addEventListener('visibilitychange', onVisible);

  refresh();
  return () => {
    alive = false;
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/**
 * Moves focus to the first customer on Today (from the search field's ArrowDown).
 * @returns {boolean} whether there was one
 */
export function focusFirstReason() {
  const first = document.querySelector('#today .reason .reason-name');
  if (first) first.focus();
  return Boolean(first);
}
