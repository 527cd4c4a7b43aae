// The Settings place: the salesperson's profile (name, dealership, time zone, working hours and days,
// signature, writing voice, the Guard's defaults: contact hours, calling rule, days between proactive
// contacts; desktop notifications and starting at login), read with get_profile and saved with save_profile; then the persona playbooks (playbooks.js), import and export (transfer.js), the campaign check (campaign.js), backups (backups.js), the passphrase (passphrase.js) and the dealership book (dealership.js).
// What was typed and not saved is kept when the user leaves the place.

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { createForm, draftFor, keepDraft } from '../lib/form.js';
import { clockTime, dateStyle } from '../lib/format.js';
import { announce } from '../lib/status.js';
import { setSingleKeys, singleKeys } from '../lib/keys.js';
import { TEXT_SIZES, setTextSize, textSize } from '../lib/text-size.js';
import { WEEKDAYS } from '../lib/words.js';
import { showPlaybooks } from './playbooks.js';
import { showTransfer } from './transfer.js';
import { showCampaign } from './campaign.js';
import { showBackups } from './backups.js';
import { showPassphrase } from './passphrase.js';
import { showDealershipCard } from './dealership.js';

const DRAFT_KEY = 'profile';

/** The calling-hours rules a salesperson can follow (Profile.calling_rule). */
const CALLING_RULES = [
  { value: 'standard', get label() { return `Standard: ${clockTime('08:00')}–${clockTime('21:00')} their time`; } },
  {
    value: 'strict',
    get label() { return `Strict: ${clockTime('08:00')}–${clockTime('20:00')}, at most three calls in 24 hours on one subject`; },
  },
];

/** How dates and times may read (Profile.date_style: an order and a clock; none follows the system's language). */
const DATE_STYLES = [
  { value: '', label: 'As this computer’s language sets it' },
  { value: 'day_first|24h', label: 'Tue 24 Nov 2026 · 17:30' },
  { value: 'day_first|12h', label: 'Tue 24 Nov 2026 · 5:30 PM' },
  { value: 'month_first|12h', label: 'Tue, Nov 24, 2026 · 5:30 PM' },
  { value: 'month_first|24h', label: 'Tue, Nov 24, 2026 · 17:30' },
  { value: 'year_first|24h', label: 'Tue 2026-11-24 · 17:30' },
  { value: 'year_first|12h', label: 'Tue 2026-11-24 · 5:30 PM' },
];

export const FIELDS = [
  { name: 'name', label: 'Your name', placeholder: 'Dana Whitfield', autocomplete: 'name' },
  { name: 'dealership', label: 'Dealership or company', autocomplete: 'organization' },
  {
    name: 'time_zone', label: 'Your time zone', type: 'timezone', required: true, server: ['time zone'], wide: true,
    hint: 'Reminders show their time and yours.',
  },
  {
    name: 'work_start', label: 'Working hours from', type: 'time', required: true, server: ['working hours'],
    requiredMessage: 'Enter when your working day starts.',
  },
  {
    name: 'work_end', label: 'Working hours until', type: 'time', required: true,
    requiredMessage: 'Enter when your working day ends.',
    validate: (end, v) => (v.work_start && end <= v.work_start ? 'The end must be after the start.' : ''),
  },
  {
    name: 'work_days', label: 'Working days', type: 'checkboxes', wide: true,
    options: WEEKDAYS.map((d) => ({ value: d, label: d })),
  },
  {
    name: 'signature', label: 'Signature', type: 'textarea', rows: 3, wide: true,
    hint: 'How your notes are signed, e.g. "Warmly, Dana".',
  },
  {
    name: 'voice', label: 'Your writing voice', wide: true,
    placeholder: 'warm, brief, no exclamation marks', hint: 'A few words on how you write; notes follow it.',
  },
  {
    name: 'date_style', label: 'Dates and times', type: 'select', wide: true, options: DATE_STYLES,
    hint: 'How days and times read everywhere: in forms, reminders, the Guard’s messages and on the command line.',
  },
  {
    name: 'guard', label: 'Reaching customers', type: 'heading',
    hint: 'What the Guard holds you to when a customer has not said otherwise. What they said always comes first.',
  },
  {
    name: 'contact_start', label: 'Default contact hours from', type: 'time', required: true,
    server: ['contact hours'], requiredMessage: 'Enter when calls and texts may start.',
    hint: 'In the customer’s own time.',
  },
  {
    name: 'contact_end', label: 'Default contact hours until', type: 'time', required: true,
    requiredMessage: 'Enter when calls and texts must stop.',
    validate: (end, v) => (v.contact_start && end <= v.contact_start ? 'The end must be after the start.' : ''),
  },
  {
    name: 'calling_rule', label: 'Calling rule', type: 'select', wide: true, server: ['calling rule'],
    options: CALLING_RULES,
    hint: 'The calling-hours law you follow. Email and post do not ring, so the clock does not limit them.',
  },
  {
    name: 'min_days_between', label: 'Fewest days between proactive contacts', type: 'number', min: 1, max: 3650,
    required: true, requiredMessage: 'Enter a number of days.', server: ['days between contacts', 'min days between'],
    hint: 'Contacts a customer is waiting on — a promise, their issue, something they asked for — are never limited.',
  },
  {
    name: 'desktop', label: 'On this computer', type: 'heading',
    hint: 'A notification comes only for a real reason, when its window opens in the customer’s day and you are at work.',
  },
  {
    name: 'notifications', label: 'Desktop notifications', type: 'checkbox', wide: true,
    server: ['notifications'], hint: 'Clicking one opens that customer.',
  },
  {
    name: 'start_at_login', label: 'Start Rapport when I log in (in the tray)', type: 'checkbox', wide: true,
    server: ['start at login'], hint: 'So notifications arrive even before you open the window.',
  },
];

export function toValues(p) {
  return {
    name: p.name || '',
    dealership: p.dealership || '',
    time_zone: p.time_zone || '',
    work_start: (p.work_start || '').slice(0, 5),
    work_end: (p.work_end || '').slice(0, 5),
    work_days: p.work_days || [],
    signature: p.signature || '',
    voice: p.voice || '',
    contact_start: (p.contact_start || '09:00:00').slice(0, 5),
    contact_end: (p.contact_end || '19:00:00').slice(0, 5),
    date_style: p.date_style ? `${p.date_style.order}|${p.date_style.clock}` : '',
    calling_rule: p.calling_rule || 'standard',
    min_days_between: String(p.min_days_between ?? 14),
    notifications: p.notifications ?? true,
    start_at_login: Boolean(p.start_at_login),
  };
}

export function toProfile(v) {
  return {
    name: v.name.trim(),
    dealership: v.dealership.trim(),
    time_zone: v.time_zone.trim(),
    work_start: `${v.work_start.slice(0, 5)}:00`,
    work_end: `${v.work_end.slice(0, 5)}:00`,
    work_days: WEEKDAYS.filter((d) => v.work_days.includes(d)),
    signature: v.signature.trim(),
    voice: v.voice.trim() || null,
    contact_start: `${v.contact_start.slice(0, 5)}:00`,
    contact_end: `${v.contact_end.slice(0, 5)}:00`,
    calling_rule: v.calling_rule,
    min_days_between: Number(v.min_days_between),
    notifications: Boolean(v.notifications),
    start_at_login: Boolean(v.start_at_login),
    date_style: v.date_style ? { order: v.date_style.split('|')[0], clock: v.date_style.split('|')[1] } : null,
  };
}

/**
 * Shows the profile form in the main pane.
 * @param {HTMLElement} main
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup (keeps unsaved changes as a draft)
 */
export function showSettings(main, app) {
  const shared = Boolean(app.info && app.info.shared);
  render(main, html`<section class="place settings" aria-labelledby="settings-title">
    <header class="place-header"><h1 id="settings-title">Settings</h1></header>
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Your profile</h2>
      <p class="muted">Who signs the notes, when you work, and the rules you reach customers by. Customers' hours are always shown in their own time.</p>
      <div data-form><p class="loading">Loading your profile…</p></div>
    </section>
    <section class="card" id="playbooks" aria-labelledby="playbooks-title" aria-busy="true">
      <p class="loading">Loading your playbooks…</p>
    </section>
    <section class="card" id="transfer" aria-labelledby="transfer-title"></section>
    <section class="card" id="campaign" aria-labelledby="campaign-title"></section>
    ${shared ? '' : html`<section class="card" id="backups" aria-labelledby="backups-title"></section>
    <section class="card" id="passphrase-card" aria-labelledby="passphrase-title"></section>`}
    <section class="card" id="dealership-card" aria-labelledby="dealership-title"></section>
    <section class="card" id="keyboard" aria-labelledby="keyboard-title">
      <h2 id="keyboard-title">Keyboard and text</h2>
      <fieldset class="segmented" id="text-size">
        <legend>Text size <span class="muted">(also Ctrl+= and Ctrl+−; Ctrl+0 for normal)</span></legend>
        ${TEXT_SIZES.map((s) => html`<label class="segment"><input type="radio" name="text-size" value="${s.value}"
          ${s.value === textSize() ? html`checked` : ''}><span>${s.label}</span></label>`)}
      </fieldset>
      <div class="field field-check">
        <input type="checkbox" id="single-keys" ${singleKeys() ? html`checked` : ''}>
        <label for="single-keys">Press <kbd>/</kbd> to jump to search</label>
      </div>
      <p class="muted">A shortcut of one key can fire by accident with speech input or a sticky key; Ctrl+K (the command palette, which finds customers too) always works.</p>
    </section>
  </section>`);
  main.querySelector('#text-size').addEventListener('change', (event) => {
    setTextSize(Number(event.target.value));
    const size = TEXT_SIZES.find((s) => s.value === textSize());
    announce(`Text size: ${size.label} (${size.value} %).`);
  });
  main.querySelector('#single-keys').addEventListener('change', (event) => {
    setSingleKeys(event.target.checked);
    announce(event.target.checked ? 'The / key jumps to search.' : 'The / key no longer jumps to search; Ctrl+K opens the command palette, which finds customers too.');
  });
  const stopPlaybooks = showPlaybooks(main.querySelector('#playbooks'));
  const stopTransfer = showTransfer(main.querySelector('#transfer'), app);
  const stopCampaign = showCampaign(main.querySelector('#campaign'));
  // Backups and the passphrase are one's own book's: the dealership's server keeps its own.
  const stopBackups = shared ? () => {} : showBackups(main.querySelector('#backups'), app);
  const stopPassphrase = shared ? () => {} : showPassphrase(main.querySelector('#passphrase-card'));
  const stopDealership = showDealershipCard(main.querySelector('#dealership-card'), app);
  const slot = main.querySelector('[data-form]');
  const f = createForm({ id: 'profile', fields: FIELDS, submitLabel: 'Save profile' });
  let loaded = null;
  let alive = true;

  f.form.addEventListener('click', (event) => {
    if (!event.target.closest('[data-discard]')) return;
    keepDraft(DRAFT_KEY, null);
    f.setValues(JSON.parse(loaded));
    f.setNotice(null);
    f.focusFirst();
  });

  f.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    f.clearErrors();
    if (!f.validateAll()) return;
    f.setBusy(true);
    try {
      const before = JSON.stringify(dateStyle());
      const profile = await ipc.saveProfile(toProfile(f.values()));
      app.setProfile(profile);
      loaded = JSON.stringify(toValues(profile));
      keepDraft(DRAFT_KEY, null);
      if (JSON.stringify(dateStyle()) !== before) {
        // Every date and time on the page was written in the old style: draw the place again.
        app.go('settings');
        announce('Saved your profile; dates and times now read the new way.');
        return;
      }
      f.setValues(toValues(profile));
      f.setNotice(null);
      announce('Saved your profile.');
    } catch (err) {
      f.showError(err);
    } finally {
      f.setBusy(false);
    }
  });

  (async () => {
    try {
      const profile = await ipc.getProfile();
      if (!alive) return;
      loaded = JSON.stringify(toValues(profile));
      f.setValues(toValues(profile));
      const draft = draftFor(DRAFT_KEY);
      if (draft) {
        f.setValues(draft);
        f.setNotice(html`<span>These are your unsaved changes from before.</span>
          <button type="button" class="button quiet small" data-discard>Discard them</button>`);
      }
      slot.replaceChildren(f.form);
    } catch (err) {
      if (alive) slot.textContent = `Could not load your profile: ${err.message}`;
    }
  })();

  return () => {
    alive = false;
    stopPlaybooks();
    stopTransfer();
    stopCampaign();
    stopBackups();
    stopPassphrase();
    stopDealership();
    if (loaded === null) return;
    const typed = f.values();
    keepDraft(DRAFT_KEY, JSON.stringify(typed) !== loaded ? typed : null);
  };
}
