// A customer's page: header with their local time, the "How to reach me" card in their own words, what is
// waiting on you, purchases, facts and goals, and the timeline of contacts and notes. Every action opens a
// dialog from forms.js and refreshes the page after a save.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { icon } from '../lib/icons.js';
import { now } from '../lib/clock.js';
import {
  addMonths, clockTime, dayAndMonth, dateInZone, formatDate, formatInstant, localTime, plural, relativeDue, wallTimeInZone,
  zonedWallToUtc, zoneWorks,
} from '../lib/format.js';
import { statementHistory, unstated, wishesOf } from '../lib/reach.js';
import { announce, announceError } from '../lib/status.js';
import {
  CONTACT_WORDS, NOTE_KINDS, SENTIMENTS, channel, contactKind, ownershipLabel,
} from '../lib/words.js';
import { confirmDialog } from '../lib/form.js';
import * as forms from './forms.js';
import { openInteractionForm } from './contact.js';
import { logEmails, pickedEmails } from './mailbox.js';
import { NOTE_FORMATS, isToCustomer, markNote, noteStatusActions, statusBadge } from './note-status.js';

/** "“their words”" — their words always in quotation marks. */
const quoted = (words) => html`<span class="words">“${words}”</span>`;

/**
 * The line under a statement: when they said it, and the contact they said it in (a link to it on the timeline).
 * @param {object} app
 * @param {object} s the statement
 * @param {object} [c] the customer's page, to find the contact
 */
function saidOn(app, s, c = null) {
  const from = c && s.source_interaction_id && c.interactions.find((i) => i.id === s.source_interaction_id);
  // On the dealership book: who heard it ("told Sam").
  const told = c && (c.entered_by || []).find((e) => e.record_id === s.id);
  return html`<span class="said">said ${formatInstant(s.said_at, app.zone)}${told ? ` · told ${told.name}` : ''}${from ? html` · <button type="button"
    class="said-source" data-action="show-contact" data-id="${from.id}">from ${CONTACT_WORDS[from.channel]
    || 'a contact'}</button>` : ''}</span>`;
}

function header(app, c) {
  const zone = c.time_zone;
  const time = zone ? localTime(now(), zone) : null;
  const meta = [
    c.company ? html`<span>${c.company}</span>` : '',
    c.household ? html`<span>Household: ${c.household}</span>` : '',
    c.how_we_met ? html`<span>Met: ${c.how_we_met}</span>` : '',
  ].filter(Boolean);
  return html`<header class="customer-header">
    <div class="customer-id">
      <h1 id="customer-name" tabindex="-1">${c.name}</h1>
      ${c.preferred_name ? html`<p class="goes-by">goes by ${c.preferred_name}</p>` : ''}
      <p class="local-time">${icon('clock')}
        ${time ? html`<span><span data-local-time>${time}</span> their time · ${zone}</span>`
    : html`<span>time zone unknown</span>`}
      </p>
      ${meta.length ? html`<p class="meta">${meta}</p>` : ''}
      ${c.tags.length ? html`<ul class="chips" role="list" aria-label="Tags">
        ${c.tags.map((t) => html`<li class="chip">#${t.tag}</li>`)}</ul>` : ''}
    </div>
    <div class="header-actions">
      <button type="button" class="button" id="log-contact" data-action="log-contact">${icon('plus')} Log contact</button>
      <label class="button file-pick" id="log-email-pick" title="An email (.eml) or a calendar invitation (.ics) saved from your apps; or drop it on the window">${icon('email')} Log an email…
        <input type="file" id="log-email-file" class="visually-hidden" accept=".eml,.ics,message/rfc822,text/calendar" multiple></label>
      <button type="button" class="button" id="add-reminder" data-action="add-reminder">${icon('calendar')} Add reminder</button>
      <button type="button" class="button" id="write-thank-you" data-action="write-thank-you">${icon('note')} Write thank-you</button>
      <button type="button" class="button" data-action="edit-customer">Edit</button>
    </div>
    <div id="email-ask" class="email-ask" hidden></div>
  </header>`;
}

function channelName(value) {
  const ch = channel(value);
  return html`${icon(ch.icon)} ${ch.word}`;
}

/** A clock time today in one zone, as the clock time in another ("10:00" in Denver → "12:00" in New York). */
function inZone(hms, from, to) {
  const utc = zonedWallToUtc(`${dateInZone(now(), from)}T${clockTime(hms)}`, from);
  return wallTimeInZone(new Date(utc), to).slice(11);
}

function reachCard(app, c) {
  const w = wishesOf(c.wishes);
  const zoneWords = c.time_zone ? `their time (${c.time_zone})` : 'their time (time zone unknown)';
  const lines = [];
  if (w.preferred_channel) {
    const p = w.preferred_channel;
    lines.push(html`<div class="reach-line"><dt>Prefers</dt><dd>
      <span class="reach-what">${channelName(p.value)}</span>
      ${quoted(p.statement.words)} ${saidOn(app, p.statement, c)}</dd></div>`);
  }
  if (w.declined_channels.length) {
    lines.push(html`<div class="reach-line"><dt>Declined</dt><dd><ul role="list">${w.declined_channels.map((d) => html`
      <li><span class="reach-what">${icon('stop')} No ${channel(d.value).label}</span>
      ${quoted(d.statement.words)} ${saidOn(app, d.statement, c)}</li>`)}</ul></dd></div>`);
  }
  if (w.hours) {
    const { start, end } = w.hours.value;
    const yours = c.time_zone && c.time_zone !== app.zone && zoneWorks(c.time_zone)
      ? html`<span class="yours">${inZone(start, c.time_zone, app.zone)}–${inZone(end, c.time_zone, app.zone)} yours today</span>`
      : '';
    lines.push(html`<div class="reach-line"><dt>Hours</dt><dd>
      <span class="reach-what">${icon('clock')} ${clockTime(start)}–${clockTime(end)} ${zoneWords}</span>
      ${yours} ${quoted(w.hours.statement.words)} ${saidOn(app, w.hours.statement, c)}</dd></div>`);
  }
  if (w.min_days_between) {
    lines.push(html`<div class="reach-line"><dt>How often</dt><dd>
      <span class="reach-what">At most once every ${plural(w.min_days_between.value, 'day')}</span>
      ${quoted(w.min_days_between.statement.words)} ${saidOn(app, w.min_days_between.statement, c)}</dd></div>`);
  }
  if (w.declined_topics.length) {
    lines.push(html`<div class="reach-line"><dt>Never raise</dt><dd><ul role="list">${w.declined_topics.map((t) => html`
      <li><span class="reach-what">${icon('stop')} <span class="topic-name">${t.value}</span></span>
      ${quoted(t.statement.words)} ${saidOn(app, t.statement, c)}</li>`)}
      </ul></dd></div>`);
  }
  const notYet = unstated(w);

  // No role="alert": the page is drawn again after every change, and an alert would be read out each time; the
  // page announces it once instead (showCustomer).
  const banner = w.do_not_contact ? html`<div class="dnc-banner" role="region" aria-label="Do not contact" id="do-not-contact">
    <p class="dnc-title">${icon('stop')} <strong>Do not contact — proactive outreach is off</strong></p>
    <p>${quoted(w.do_not_contact.statement.words)} ${saidOn(app, w.do_not_contact.statement, c)}</p>
    <p class="muted">Only a reply to a message from them, on the channel they used, is still allowed. Only they can
      undo this: record their new words when they say so.</p>
  </div>` : '';

  let body;
  if (!c.preferences.length) {
    body = html`<p class="empty">No statements yet — record what they tell you about being contacted.</p>`;
  } else {
    body = html`${lines.length ? html`<dl class="reach-lines">${lines}</dl>` : ''}
      ${notYet.length && !w.do_not_contact ? html`<p class="muted">Not stated yet: ${notYet.join(', ')}.</p>` : ''}`;
  }

  const points = c.contact_points.length ? html`<ul class="contact-points" role="list">${c.contact_points.map((p) => {
    const kind = contactKind(p.kind);
    return html`<li class="contact-point">
      <span class="cp-kind">${icon(kind.icon)} ${kind.word}${p.label ? html` · ${p.label}` : ''}</span>
      <span class="cp-value">${p.value}</span>
      ${p.preferred ? html`<span class="cp-preferred">${icon('star')} preferred</span>` : ''}
    </li>`;
  })}</ul>` : html`<p class="muted">No phone, email or address yet.</p>`;

  const STANDING = {
    in_force: 'in force',
    lifted: 'took an earlier wish back',
    superseded: 'no longer in force',
  };
  const history = c.preferences.length ? html`<details class="history" data-keep="history">
    <summary>History (${plural(c.preferences.length, 'statement')})</summary>
    <ol class="history-list">${statementHistory(c.preferences, w).map(({ statement: s, standing }) => html`
      <li class="${standing === 'superseded' ? 'superseded' : ''}">
        <span class="history-date">${formatInstant(s.said_at, app.zone)}</span>
        <span class="history-means">${s.reads}</span>
        ${quoted(s.words)}
        <span class="tag-state">${STANDING[standing]}</span>
      </li>`)}</ol>
  </details>` : '';

  return html`<section id="how-to-reach" class="card reach-card" aria-labelledby="reach-title">
    <div class="card-head">
      <h2 id="reach-title">How to reach me</h2>
      <div class="card-actions">
        <button type="button" class="button primary" id="record-said" data-action="record-said">Record what they said</button>
      </div>
    </div>
    ${banner}
    ${body}
    <div class="subhead">
      <h3>Contact points</h3>
      <button type="button" class="button quiet small" data-action="add-contact-point">${icon('plus')} Add contact point</button>
    </div>
    ${points}
    ${history}
  </section>`;
}

/** What the Guard stopped for this customer, newest first, quietly folded away. Nothing when it stopped nothing. */
function heldBackSection(app, c) {
  const held = [...(c.held_back || [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (!held.length) return '';
  const theirs = c.time_zone && c.time_zone !== app.zone && zoneWorks(c.time_zone);
  return html`<section id="held-back" class="held-back" aria-labelledby="held-back-title">
    <details data-keep="held-back">
      <summary><span id="held-back-title">Held back (<span data-held-count>${held.length}</span>)</span></summary>
      <p class="muted">Contacts Rapport did not log or suggest, and why. Nothing here reached ${c.preferred_name || c.name}.</p>
      <ol class="held-list">${held.map((h) => {
    const ch = channel(h.channel);
    return html`<li class="held-item" data-held-id="${h.id}">
        <p class="held-head">
          <time datetime="${h.planned_for}">${formatInstant(h.planned_for, app.zone, { time: true })}${theirs
    ? html` <span class="yours">${localTime(new Date(h.planned_for), c.time_zone)} their time</span>` : ''}</time>
          <span>${icon(ch.icon)} ${ch.word}</span>
          <span>${icon('stop')} ${h.message}</span>
        </p>
        ${h.quote ? html`<p class="held-quote">${quoted(h.quote)}</p>` : ''}
        ${h.text ? html`<p class="held-text">${h.topic ? html`<strong>${h.topic}:</strong> ` : ''}${h.text}</p>` : ''}
      </li>`;
  })}</ol>
    </details>
  </section>`;
}

/** "Due Tue 24 Nov 2026 · due in 3 days", with an overdue marker (icon and words) when it has passed. */
function dueWords(app, due, lead = 'Due') {
  const rel = relativeDue(due, app.today());
  return html`${lead} ${formatDate(due)} · ${rel.overdue
    ? html`<span class="overdue">${icon('warning')} ${rel.text}</span>` : html`<span>${rel.text}</span>`}`;
}

function waitingCard(app, c) {
  const promises = c.promises.filter((p) => p.status === 'open').sort((a, b) => (a.due_on < b.due_on ? -1 : 1));
  const issues = c.issues.filter((i) => i.status === 'open');
  const kept = c.promises.filter((p) => p.status !== 'open');
  const resolved = c.issues.filter((i) => i.status !== 'open');
  const who = c.preferred_name || c.name;

  const promiseItems = promises.map((p) => html`<li class="item">
    <div class="item-body">
      <p class="item-title">${icon('flag')} ${p.what}</p>
      <p class="item-meta">${dueWords(app, p.due_on)} · promised ${formatDate(p.made_on)}</p>
    </div>
    <div class="item-actions">
      <button type="button" class="button small" data-action="keep-promise" data-id="${p.id}">${icon('check')} Kept</button>
    </div>
  </li>`);

  const issueItems = issues.map((i) => html`<li class="item">
    <div class="item-body">
      <p class="item-title">${icon('issue')} ${i.title}</p>
      <p class="item-meta">Opened ${formatDate(i.opened_on)}${i.next_update_on
    ? html` · ${dueWords(app, i.next_update_on, 'next update')}` : ' · no next update set'}</p>
      ${i.updates.length ? html`<ol class="updates">${i.updates.map((u) => html`
        <li><span class="update-date">${formatInstant(u.at, app.zone)}</span> <span class="update-text">${u.text}</span></li>`)}
      </ol>` : ''}
    </div>
    <div class="item-actions">
      <button type="button" class="button small" data-action="update-issue" data-id="${i.id}">Add update</button>
      <button type="button" class="button small" data-action="resolve-issue" data-id="${i.id}">${icon('check')} Resolve</button>
    </div>
  </li>`);

  const done = kept.length || resolved.length ? html`<details class="done">
    <summary>Done (${kept.length + resolved.length})</summary>
    <ul role="list" class="done-list">
      ${kept.map((p) => html`<li>${icon('check')} ${p.what} — ${p.status === 'kept' ? 'kept' : p.status}${p.closed_on
    ? html` ${formatDate(p.closed_on)}` : ''}</li>`)}
      ${resolved.map((i) => html`<li>${icon('check')} ${i.title} — resolved${i.resolved_on
    ? html` ${formatDate(i.resolved_on)}` : ''}${i.resolution ? html`: ${i.resolution}` : ''}</li>`)}
    </ul>
  </details>` : '';

  return html`<section class="card" aria-labelledby="waiting-title">
    <div class="card-head">
      <h2 id="waiting-title">Waiting on you</h2>
      <div class="card-actions">
        <button type="button" class="button small" data-action="add-promise">${icon('plus')} Add promise</button>
        <button type="button" class="button small" data-action="open-issue">${icon('plus')} Open issue</button>
      </div>
    </div>
    ${!promises.length && !issues.length ? html`<p class="empty">Nothing is waiting on you for ${who}.</p>` : ''}
    ${promises.length ? html`<h3>Promises</h3><ul role="list" class="items">${promiseItems}</ul>` : ''}
    ${issues.length ? html`<h3>Open issues</h3><ul role="list" class="items">${issueItems}</ul>` : ''}
    ${done}
  </section>`;
}

function purchaseMarkup(app, p) {
  const v = p.vehicle;
  const named = v ? [v.year, v.make, v.model, v.trim].filter(Boolean).join(' ') : '';
  // The vehicle line is left out when the description already says it.
  const vehicleWords = named && !p.description.toLowerCase().includes(named.toLowerCase()) ? named : '';
  const terms = [
    html`Bought ${formatDate(p.purchased_on)}`,
    html`${ownershipLabel(p.ownership)}${p.term_ends_on ? html`, term ends ${formatDate(p.term_ends_on)}` : ''}`,
    p.warranty_ends_on ? html`Warranty until ${formatDate(p.warranty_ends_on)}` : '',
    p.warranty_terms ? html`${p.warranty_terms}` : '',
  ].filter(Boolean);
  return html`<article class="purchase">
    <h3>${p.description} ${removeButton('purchase', p.id, `the purchase “${p.description}”`)}</h3>
    <p class="item-meta">${terms.map((t, i) => html`${i ? ' · ' : ''}${t}`)}</p>
    ${vehicleWords || (v && v.vin) ? html`<p class="vehicle">${vehicleWords}${v.vin
    ? html`<span class="vin">VIN ${v.vin}</span>` : ''}</p>` : ''}
    ${p.features.length ? html`<ul class="chips" role="list" aria-label="Features">
      ${p.features.map((f) => html`<li class="chip chip-plain">${f}</li>`)}</ul>` : ''}
    ${p.included_services.length ? html`<h4>Included services</h4><ul role="list" class="plain-list">
      ${p.included_services.map((s) => {
    const left = s.total - s.used;
    const next = left > 0 ? addMonths(p.purchased_on, s.every_months * (s.used + 1)) : null;
    return html`<li>${icon('gift')} <strong>${s.name}</strong> — every ${plural(s.every_months, 'month')} ·
          ${s.used} of ${s.total} used${next ? html` · next around ${formatDate(next)}` : ' · all used'}</li>`;
  })}</ul>` : ''}
    ${p.deliverables.length ? html`<h4>Still owed to them</h4><ul role="list" class="plain-list">
      ${p.deliverables.map((d) => html`<li>${d.delivered_on
    ? html`${icon('check')} ${d.what} — delivered ${formatDate(d.delivered_on)}`
    : html`${icon('clock')} ${d.what} — pending${d.due_on ? html` · ${dueWords(app, d.due_on, 'due')}` : ''}`}</li>`)}
    </ul>` : ''}
  </article>`;
}

function purchasesCard(app, c) {
  return html`<section class="card" aria-labelledby="purchases-title">
    <div class="card-head">
      <h2 id="purchases-title">Purchases</h2>
      <div class="card-actions">
        <button type="button" class="button small" data-action="add-purchase">${icon('plus')} Add purchase</button>
      </div>
    </div>
    ${c.purchases.length ? c.purchases.map((p) => purchaseMarkup(app, p)) : html`<p class="empty">No purchases yet.</p>`}
  </section>`;
}

/**
 * The day a fact is about; a birthday kept without a year (on 1904, see io/contact.rs) shows its day and month only.
 * @param {{text: string, date: string}} f
 */
function factDay(f) {
  if (f.date.startsWith('1904-') && /no year/i.test(f.text)) {
    const [, m, d] = f.date.split('-').map(Number);
    return dayAndMonth(m, d);
  }
  return formatDate(f.date);
}

/** A quiet button that removes one mistaken record (after asking). */
function removeButton(record, id, what) {
  return html`<button type="button" class="button small quiet remove-record" data-action="remove"
    data-record="${record}" data-id="${id}" aria-label="Remove ${what}">Remove</button>`;
}

/** What removing each kind of record means, said before it happens. */
const REMOVAL = {
  interaction: {
    title: 'Remove this contact?',
    message: 'Use this for a contact logged by mistake (the wrong customer, a test). It leaves the timeline and no '
      + 'longer counts for how often you reach out. Anything the customer said about being contacted stays in '
      + 'force, with their words.',
  },
  fact: { title: 'Remove this fact?', message: 'It leaves their page, search and the cards that would mention it.' },
  goal: { title: 'Remove this goal?', message: 'It leaves their page and search.' },
  purchase: {
    title: 'Remove this purchase?',
    message: 'Its included services and what is still owed go with it, and leave Today.',
  },
  note: { title: 'Remove this note?', message: 'It leaves the timeline and search.' },
};

function factsCard(app, c) {
  const facts = c.facts.map((f) => html`<li>
    <p class="item-text">${f.text}</p>
    <p class="item-meta">learned ${formatDate(f.learned_on)}${f.source ? html` · ${f.source}` : ''}${f.date
    ? html` · about ${factDay(f)}` : ''} ${removeButton('fact', f.id, `the fact “${f.text}”`)}</p>
  </li>`);
  const goals = c.goals.map((g) => html`<li>
    <p class="item-text">${g.text}</p>
    <p class="item-meta">said ${formatDate(g.stated_on)}${g.source ? html` · ${g.source}` : ''}${g.achieved_on
    ? html` · ${icon('check')} achieved ${formatDate(g.achieved_on)}` : ''} ${removeButton('goal', g.id,
  `the goal “${g.text}”`)}</p>
  </li>`);
  return html`<section class="card" aria-labelledby="facts-title">
    <div class="card-head">
      <h2 id="facts-title">Facts and goals</h2>
      <div class="card-actions">
        <button type="button" class="button small" data-action="add-fact">${icon('plus')} Add fact</button>
        <button type="button" class="button small" data-action="add-goal">${icon('plus')} Add goal</button>
      </div>
    </div>
    <div class="two-col">
      <div><h3>Facts</h3>${facts.length ? html`<ul role="list" class="facts">${facts}</ul>`
    : html`<p class="empty">Nothing personal recorded yet.</p>`}</div>
      <div><h3>Goals</h3>${goals.length ? html`<ul role="list" class="facts">${goals}</ul>`
    : html`<p class="empty">No goals recorded yet.</p>`}</div>
    </div>
  </section>`;
}

function interactionEntry(app, i) {
  const ch = channel(i.channel);
  const sentiment = SENTIMENTS.find((s) => s.value === i.sentiment);
  const extras = [
    i.reason ? html`<span><strong>Why:</strong> ${i.reason}</span>` : '',
    i.topic ? html`<span><strong>Topic:</strong> ${i.topic}</span>` : '',
    i.direction === 'out' && i.purpose && i.purpose !== 'proactive'
      ? html`<span><strong>Purpose:</strong> ${i.purpose === 'reply' ? 'a reply to their message' : 'they were waiting on it'}</span>` : '',
    i.asked_for ? html`<span><strong>Asked for:</strong> ${i.asked_for}</span>` : '',
    i.justification ? html`<span><strong>Went ahead because:</strong> ${i.justification}</span>` : '',
  ].filter(Boolean);
  return html`<li class="entry" id="contact-${i.id}" tabindex="-1">
    <p class="entry-head">
      <time datetime="${i.at}">${formatInstant(i.at, app.zone, { time: true })}</time>
      <span>${icon(ch.icon)} ${ch.word}</span>
      <span>${i.direction === 'in' ? html`${icon('inbound')} They reached out` : html`${icon('outbound')} You reached out`}</span>
      ${sentiment ? html`<span>Felt ${sentiment.label.toLowerCase()}</span>` : ''}
    </p>
    <p class="entry-text">${i.summary}</p>
    ${i.quotes.map((q) => html`<blockquote class="entry-quote">${quoted(q)}</blockquote>`)}
    ${extras.length ? html`<p class="entry-meta">${extras}</p>` : ''}
    <p class="entry-tools">${removeButton('interaction', i.id, `the ${ch.word.toLowerCase()} contact of ${
  formatInstant(i.at, app.zone, { time: true })}`)}</p>
  </li>`;
}

function noteEntry(app, n) {
  const toThem = isToCustomer(n);
  const details = toThem ? NOTE_FORMATS[n.format] || n.format : [n.status, n.format].filter(Boolean).join(' · ');
  return html`<li class="entry entry-note" data-note-id="${n.id}"${toThem ? html` data-status="${n.status || 'draft'}"` : ''}>
    <p class="entry-head">
      <time datetime="${n.created_at}">${formatInstant(n.created_at, app.zone, { time: true })}</time>
      <span>${icon('note')} ${NOTE_KINDS[n.kind] || n.kind}</span>
      ${details ? html`<span>${details}</span>` : ''}
      ${toThem ? statusBadge(n) : ''}
    </p>
    <p class="entry-text">${n.text}</p>
    ${toThem ? html`<div class="note-row-actions">${noteStatusActions(n)}</div>` : ''}
    <p class="entry-tools">${removeButton('note', n.id, 'this note')}</p>
  </li>`;
}

function timelineCard(app, c) {
  const entries = [
    ...c.interactions.map((i) => ({ at: i.at, markup: interactionEntry(app, i) })),
    ...c.notes.map((n) => ({ at: n.created_at, markup: noteEntry(app, n) })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return html`<section class="card" aria-labelledby="timeline-title">
    <div class="card-head">
      <h2 id="timeline-title">Timeline</h2>
      <div class="card-actions">
        <button type="button" class="button small" data-action="log-contact">${icon('plus')} Log contact</button>
        <button type="button" class="button small" data-action="add-note">${icon('plus')} Add note</button>
      </div>
    </div>
    ${entries.length ? html`<ol class="timeline">${entries.map((e) => e.markup)}</ol>`
    : html`<p class="empty">No contacts or notes yet.</p>`}
  </section>`;
}

function pageMarkup(app, c) {
  return html`<div class="page-top">
      <button type="button" class="button quiet" data-action="back">${icon('back')} ${app.backLabel()}</button>
    </div>
    ${header(app, c)}
    ${reachCard(app, c)}
    ${heldBackSection(app, c)}
    ${waitingCard(app, c)}
    ${purchasesCard(app, c)}
    ${factsCard(app, c)}
    ${timelineCard(app, c)}`;
}

/** A key naming a control so focus can return to "the same button" after the page is drawn again. */
function focusKey(el) {
  if (!el || !el.dataset || !el.dataset.action) return null;
  return `[data-action="${CSS.escape(el.dataset.action)}"]${el.dataset.id ? `[data-id="${CSS.escape(el.dataset.id)}"]` : ''}`;
}

/**
 * Shows a customer's page in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 * @param {string} id
 * @returns {() => void} cleanup (stops the local-time clock)
 */
export function showCustomer(main, app, id) {
  render(main, html`<section id="customer-page" aria-labelledby="customer-name" aria-busy="true">
    <p class="loading">Loading the customer…</p></section>`);
  const page = main.firstElementChild;
  let record = null;
  let alive = true;
  /** Disclosures (history, held back) the salesperson opened stay open when the page is drawn again. */
  const open = new Set();
  /** Whether "do not contact" was said aloud on this page: once when it opens (or when it is recorded), never on
   * a redraw. */
  let dncSaid = false;

  function draw() {
    const key = focusKey(document.activeElement);
    const scroll = main.scrollTop;
    render(page, pageMarkup(app, record));
    for (const d of page.querySelectorAll('details[data-keep]')) d.open = open.has(d.dataset.keep);
    page.removeAttribute('aria-busy');
    document.title = `${record.name} — Rapport`;
    const dnc = wishesOf(record.wishes).do_not_contact;
    if (dnc && !dncSaid) announce(`${record.name}: do not contact — “${dnc.statement.words}”.`);
    dncSaid = Boolean(dnc);
    main.scrollTop = scroll;
    const again = key && page.querySelector(key);
    if (again) again.focus({ preventScroll: true });
    else if (!page.contains(document.activeElement) && !document.querySelector('dialog[open]')
      && document.activeElement !== document.getElementById('search')) {
      page.querySelector('#customer-name').focus({ preventScroll: true });
    }
  }

  async function load() {
    try {
      const fresh = await ipc.customerPage(id);
      if (!alive) return;
      record = fresh;
      draw();
    } catch (err) {
      if (!alive) return;
      page.removeAttribute('aria-busy');
      render(page, html`<div class="page-top">
        <button type="button" class="button quiet" data-action="back">${icon('back')} ${app.backLabel()}</button></div>
        <p class="form-error">Could not open this customer: ${err.message}</p>`);
    }
  }

  /** After a save: say so, and draw the page again from the book. */
  const saved = (message) => () => {
    announce(message);
    load();
  };

  const byId = (list, itemId) => list.find((x) => x.id === itemId);

  const actions = {
    back: () => app.back(),
    'edit-customer': () => forms.openCustomerForm(app, { record, onSaved: saved('Saved the changes.') }),
    'record-said': () => forms.openStatementForm(app, record, saved('Recorded what they said.')),
    'add-contact-point': () => forms.openContactPointForm(app, record, saved('Added the contact point.')),
    'add-promise': () => forms.openPromiseForm(app, record, saved('Added the promise.')),
    'open-issue': () => forms.openIssueForm(app, record, saved('Opened the issue.')),
    'update-issue': (itemId) => forms.openIssueUpdateForm(app, byId(record.issues, itemId), saved('Added the update.')),
    'resolve-issue': (itemId) => forms.openResolveForm(app, byId(record.issues, itemId), saved('Resolved the issue.')),
    'add-purchase': () => forms.openPurchaseForm(app, record, saved('Added the purchase.')),
    'add-fact': () => forms.openFactForm(app, record, saved('Added the fact.')),
    'add-goal': () => forms.openGoalForm(app, record, saved('Added the goal.')),
    'log-contact': () => openInteractionForm(app, record, { onSaved: saved('Logged the contact.'), onHeldBack: load }),
    'add-note': () => forms.openNoteForm(app, record, saved('Added the note.')),
    'write-thank-you': () => app.openComposer(record.id),
    'show-contact': (itemId) => {
      const entry = page.querySelector(`#contact-${CSS.escape(itemId)}`);
      if (!entry) return;
      entry.scrollIntoView({ block: 'center' });
      entry.focus({ preventScroll: true });
      entry.classList.add('is-shown');
      setTimeout(() => entry.classList.remove('is-shown'), 2000);
    },
    'note-status': async (itemId, button) => {
      const outcome = await markNote(itemId, button.dataset.status, record.preferred_name || record.name, button);
      // Sent logs the contact (now in the timeline); a refusal is kept under Held back: draw the page again.
      if (outcome !== 'failed') await load();
    },
    'add-reminder': () => forms.openReminderForm(app, record, (reminder) => {
      announce(`Added the reminder; it shows on Today from ${formatDate(reminder.due_on)}.`);
      load();
    }),
    remove: async (itemId, button) => {
      const kind = button.dataset.record;
      const yes = await confirmDialog({ ...REMOVAL[kind], confirmLabel: 'Remove' });
      if (!yes || !alive) return;
      try {
        const removed = await ipc.removeRecord(kind, itemId);
        const kept = removed.statements_kept
          ? ` What they said about being contacted in it (${plural(removed.statements_kept, 'statement')}) stays.`
          : '';
        announce(`Removed the ${kind}.${kept}`);
        await load();
      } catch (err) {
        announceError(err, `Could not remove the ${kind}`);
      }
    },
    'keep-promise': async (itemId, button) => {
      button.disabled = true;
      try {
        const kept = await ipc.keepPromise(itemId);
        announce(`Kept: ${kept.what}`);
        await load();
      } catch (err) {
        button.disabled = false;
        announceError(err, 'Could not mark the promise kept');
      }
    },
  };

  page.addEventListener('toggle', (event) => {
    const d = event.target;
    if (!(d instanceof HTMLDetailsElement) || !d.dataset.keep) return;
    if (d.open) open.add(d.dataset.keep);
    else open.delete(d.dataset.keep);
  }, true);

  // "Log an email…": the picked .eml files, logged with this customer when no address tells.
  page.addEventListener('change', async (event) => {
    if (event.target.id !== 'log-email-file' || !record) return;
    const input = event.target;
    const emails = pickedEmails(input.files);
    input.value = '';
    const who = record.preferred_name || record.name;
    await logEmails(emails, { customerId: record.id, who, ask: page.querySelector('#email-ask'), onLogged: load });
  });

  page.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action]');
    if (!button || !actions[button.dataset.action]) return;
    if (!record && button.dataset.action !== 'back') return;
    actions[button.dataset.action](button.dataset.id, button);
  });

  const tick = setInterval(() => {
    const el = page.querySelector('[data-local-time]');
    if (el && record && record.time_zone) el.textContent = localTime(now(), record.time_zone) || '';
  }, 15_000);

  load();
  return () => {
    alive = false;
    clearInterval(tick);
  };
}
