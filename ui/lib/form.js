// Forms from a list of field descriptions: labelled inputs, validation as you leave a field with the message
// next to it, server errors placed on the field they name, and dialogs that keep a draft of what was typed
// when they close by accident.

import { html, render, toNodes } from './html.js';
import {
  checkTimeZone, clockTime, datePattern, formatDate, knownTimeZones, numericDate, parseDate, readClock, readDate,
} from './format.js';

/**
 * @typedef {object} Field
 * @property {string} name       key in the values object
 * @property {string} label      the visible label (also matched against a server error's `field`)
 * @property {'text'|'textarea'|'date'|'time'|'datetime-local'|'number'|'select'|'checkbox'|'checkboxes'|'timezone'|'rows'|'heading'} [type]
 *   'heading' is no input: a subheading (its label) and an optional hint across the form, starting a group
 * @property {boolean} [required]
 * @property {string} [requiredMessage]
 * @property {{value: string, label: string}[]} [options]  for select and checkboxes
 * @property {string[]} [suggestions]  offered in a datalist
 * @property {string} [hint]
 * @property {string} [placeholder]
 * @property {number} [min]
 * @property {number} [max]
 * @property {number} [rows]      textarea height
 * @property {boolean} [wide]     spans both columns of the form grid
 * @property {boolean} [more]     folded under "More details" (the few fields most contacts need stay in view)
 * @property {(values: object) => boolean} [showIf]
 * @property {(value: any, values: object) => string} [validate]  returns an error message or ''
 * @property {string[]} [server]  other names the core uses for this field in errors
 * @property {Field[]} [columns]  for 'rows': the inputs of one row
 * @property {string} [addLabel]  for 'rows': the "add another" button
 */

const drafts = new Map();

/**
 * Keeps what was typed in a form that is not a dialog (the profile) when the user leaves it.
 * @param {string} key
 * @param {object|null} values null forgets the draft
 */
export function keepDraft(key, values) {
  if (values) drafts.set(key, values);
  else drafts.delete(key);
}

/**
 * The draft kept under a key, if any.
 * @param {string} key
 * @returns {object|undefined}
 */
export function draftFor(key) {
  return drafts.get(key);
}

function fieldId(formId, name) {
  return `${formId}-${name}`;
}

function isEmpty(value) {
  return value === undefined || value === null || value === '' || value === false
    || (Array.isArray(value) && value.length === 0);
}

function suggestionList(id, suggestions) {
  if (!suggestions || !suggestions.length) return '';
  return html`<datalist id="${id}-list">${suggestions.map((s) => html`<option value="${s}"></option>`)}</datalist>`;
}

/** The control of a simple (single-input) field. */
function control(f, id, describedBy) {
  const req = f.required ? html` required aria-required="true"` : '';
  const common = html`id="${id}" name="${id}" aria-describedby="${describedBy}"${req}`;
  switch (f.type) {
    case 'textarea':
      return html`<textarea ${common} rows="${f.rows || 3}" placeholder="${f.placeholder || ''}"></textarea>`;
    case 'select':
      return html`<select ${common}>${f.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`;
    case 'number':
      return html`<input ${common} type="number" inputmode="numeric" step="1"
        ${f.min !== undefined ? html`min="${f.min}"` : ''} ${f.max !== undefined ? html`max="${f.max}"` : ''}
        placeholder="${f.placeholder || ''}">`;
    // Dates and times are typed as text and read in the salesperson's style (Settings → About you), with the day
    // read back beside the field: WebKit's own date inputs follow the system's locale (or en-US when it is not
    // installed), which would put "11/23/2026" beside "Mon 23 Nov 2026".
    case 'date':
      return html`<input ${common} type="text" class="date-field" autocomplete="off" spellcheck="false"
        data-echo="${id}-echo"><span class="field-echo" id="${id}-echo">${datePattern()}</span>`;
    case 'time':
      return html`<input ${common} type="text" class="time-field" autocomplete="off" spellcheck="false">`;
    case 'datetime-local':
      return html`<span class="date-time"><input ${common} type="text" class="date-field" autocomplete="off"
        spellcheck="false" data-echo="${id}-echo"><input id="${id}-time" name="${id}-time" type="text"
        class="time-field" autocomplete="off" spellcheck="false" aria-label="${f.label}: time"
        aria-describedby="${describedBy}"></span><span class="field-echo" id="${id}-echo">${datePattern()}</span>`;
    case 'timezone':
      return html`<input ${common} type="text" list="${id}-list" autocomplete="off" spellcheck="false"
        placeholder="${f.placeholder || 'America/Chicago'}">${suggestionList(id, knownTimeZones())}`;
    default:
      // `autocomplete` names what a field about the salesperson holds (WCAG 1.3.5), so it can be filled for them.
      return html`<input ${common} type="text" placeholder="${f.placeholder || ''}"
        ${f.autocomplete ? html`autocomplete="${f.autocomplete}"` : ''}
        ${f.suggestions ? html`list="${id}-list" autocomplete="off"` : ''}>${suggestionList(id, f.suggestions)}`;
  }
}

function rowMarkup(formId, f, index) {
  return html`<div class="rows-item" data-row="${index}">
    ${f.columns.map((c) => {
      const id = `${fieldId(formId, f.name)}-${index}-${c.name}`;
      return html`<div class="field field-inline">
        <label for="${id}">${c.label}</label>${control({ ...c, required: false }, id, `${fieldId(formId, f.name)}-error`)}
      </div>`;
    })}
  </div>`;
}

function fieldMarkup(formId, f) {
  const id = fieldId(formId, f.name);
  if (f.type === 'heading') {
    return html`<div class="form-heading wide"><h3 id="${id}">${f.label}</h3>${f.hint ? html`<p class="hint">${f.hint}</p>` : ''}</div>`;
  }
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const echo = f.type === 'date' || f.type === 'datetime-local' ? ` ${id}-echo` : '';
  const describedBy = `${f.hint ? `${hintId} ` : ''}${errorId}${echo}`;
  const hint = f.hint ? html`<p class="hint" id="${hintId}">${f.hint}</p>` : '';
  const error = html`<p class="field-error" id="${errorId}"></p>`;
  const cls = `field${f.wide ? ' wide' : ''}`;
  if (f.type === 'checkbox') {
    return html`<div class="${cls} field-check" data-field="${f.name}">
      <input type="checkbox" id="${id}" name="${id}" aria-describedby="${describedBy}">
      <label for="${id}">${f.label}</label>${hint}${error}</div>`;
  }
  if (f.type === 'checkboxes') {
    return html`<fieldset class="${cls}" data-field="${f.name}" aria-describedby="${describedBy}">
      <legend>${f.label}</legend>
      <div class="checks">${f.options.map((o) => html`<label class="check">
        <input type="checkbox" name="${id}" value="${o.value}"> ${o.label}</label>`)}</div>${hint}${error}</fieldset>`;
  }
  if (f.type === 'rows') {
    return html`<fieldset class="field wide rows" data-field="${f.name}" aria-describedby="${describedBy}">
      <legend>${f.label}</legend>${hint}
      <div class="rows-list"></div>
      <button type="button" class="button quiet small" data-add-row="${f.name}">${f.addLabel || 'Add another'}</button>
      ${error}</fieldset>`;
  }
  const required = f.required ? html` <span class="required">(required)</span>` : '';
  return html`<div class="${cls}" data-field="${f.name}">
    <label for="${id}">${f.label}${required}</label>${control(f, id, describedBy)}${hint}${error}</div>`;
}

/**
 * Builds a form. The caller places `form` in the page (or a dialog) and decides what submitting does.
 * @param {{id: string, fields: Field[], submitLabel: string, cancel?: boolean, aside?: any}} spec
 *   `aside`: a fragment shown beside the fields (the Guard's live verdict in Log contact)
 * @returns {{
 *   form: HTMLFormElement, values: () => object, setValues: (v: object) => void, validateAll: () => boolean,
 *   showError: (err: {message: string, field?: string}) => void, clearErrors: () => void,
 *   setBusy: (busy: boolean, label?: string) => void, focusFirst: () => void, setNotice: (n: any) => void,
 *   refresh: () => void, setFieldError: (name: string, message: string) => void,
 *   control: (name: string) => HTMLElement|null, focusField: (name: string) => void
 * }}
 */
export function createForm({ id, fields: described, submitLabel, cancel = false, aside = null }) {
  const fields = described.filter((f) => f.type !== 'heading');
  const form = document.createElement('form');
  form.id = `${id}-form`;
  form.noValidate = true;
  form.className = aside ? 'form with-aside' : 'form';
  const folded = described.filter((f) => f.more);
  render(form, html`
    <div class="form-notice" hidden></div>
    <p class="form-error" role="alert" id="${id}-form-error"></p>
    <div class="form-grid">${described.filter((f) => !f.more).map((f) => fieldMarkup(id, f))}
      ${folded.length ? html`<div class="form-more wide">
        <button type="button" class="button quiet small form-more-toggle" id="${id}-more-toggle" aria-expanded="false"
          aria-controls="${id}-more"><span class="form-more-icon" aria-hidden="true">›</span> More details
          <span class="muted form-more-filled"></span></button>
        <div class="form-grid form-more-fields" id="${id}-more" hidden>${folded.map((f) => fieldMarkup(id, f))}</div>
      </div>` : ''}</div>
    ${aside ? html`<div class="form-aside">${aside}</div>` : ''}
    <div class="form-actions">
      <span class="form-keys muted" aria-hidden="true">Ctrl+Enter: ${submitLabel}</span>
      ${cancel ? html`<button type="button" class="button" data-cancel>Cancel</button>` : ''}
      <button type="submit" class="button primary" data-submit aria-keyshortcuts="Control+Enter">${submitLabel}</button>
    </div>`);

  const byName = new Map(fields.map((f) => [f.name, f]));
  const wrapper = (name) => form.querySelector(`[data-field="${name}"]`);
  const input = (name) => form.querySelector(`#${CSS.escape(fieldId(id, name))}`);
  const rowCount = (f) => wrapper(f.name).querySelectorAll('.rows-item').length;
  const rowInput = (f, i, col) => form.querySelector(`#${CSS.escape(`${fieldId(id, f.name)}-${i}-${col}`)}`);

  function read(f) {
    if (f.type === 'checkbox') return input(f.name).checked;
    if (f.type === 'checkboxes') {
      return [...wrapper(f.name).querySelectorAll('input:checked')].map((i) => i.value);
    }
    if (f.type === 'rows') {
      const out = [];
      for (let i = 0; i < rowCount(f); i += 1) {
        out.push(Object.fromEntries(f.columns.map((c) => [c.name, readInput(c, rowInput(f, i, c.name))])));
      }
      return out;
    }
    return readInput(f, input(f.name));
  }

  /** A text input's value as the core takes it: a date as YYYY-MM-DD, a time as HH:MM (what was typed when it
   * cannot be read, so the check can say so). */
  function readInput(f, el) {
    const typed = el.value;
    if (f.type === 'date') return readDate(typed) ?? typed;
    if (f.type === 'time') return readClock(typed) ?? typed;
    if (f.type === 'datetime-local') {
      const timeTyped = form.querySelector(`#${CSS.escape(`${el.id}-time`)}`).value;
      if (!typed.trim() && !timeTyped.trim()) return '';
      return `${readDate(typed) ?? typed}T${readClock(timeTyped) ?? timeTyped}`;
    }
    return typed;
  }

  /** Shows a value from the core (YYYY-MM-DD, HH:MM[:SS]) in the salesperson's style. */
  function writeInput(f, el, value) {
    const v = value ?? '';
    if (f.type === 'date') el.value = parseDate(v) ? numericDate(v) : v;
    else if (f.type === 'time') el.value = v ? clockTime(v) : '';
    else if (f.type === 'datetime-local') {
      const [day, time = ''] = String(v).split('T');
      el.value = parseDate(day) ? numericDate(day) : day;
      form.querySelector(`#${CSS.escape(`${el.id}-time`)}`).value = time ? clockTime(time) : '';
    } else el.value = v;
    if (el.dataset.echo) echo(el);
  }

  /** Reads a date field back in words ("Tue 24 Nov 2026") under it, or how to write one. */
  function echo(el) {
    const out = form.querySelector(`#${CSS.escape(el.dataset.echo)}`);
    const day = readDate(el.value);
    out.textContent = day ? formatDate(day) : el.value.trim() ? `Not a date: write ${datePattern()}` : datePattern();
  }

  function values() {
    return Object.fromEntries(fields.map((f) => [f.name, read(f)]));
  }

  function addRow(f) {
    const list = wrapper(f.name).querySelector('.rows-list');
    list.append(toNodes(rowMarkup(id, f, rowCount(f))));
  }

  function write(f, value) {
    if (f.type === 'checkbox') {
      input(f.name).checked = Boolean(value);
    } else if (f.type === 'checkboxes') {
      const set = new Set(value || []);
      for (const box of wrapper(f.name).querySelectorAll('input')) box.checked = set.has(box.value);
    } else if (f.type === 'rows') {
      const rows = Array.isArray(value) && value.length ? value : [{}];
      render(wrapper(f.name).querySelector('.rows-list'), html``);
      rows.forEach((row, i) => {
        addRow(f);
        for (const c of f.columns) writeInput(c, rowInput(f, i, c.name), row[c.name]);
      });
    } else {
      writeInput(f, input(f.name), value);
    }
  }

  function setFieldError(name, message) {
    const f = byName.get(name);
    const error = form.querySelector(`#${CSS.escape(`${fieldId(id, name)}-error`)}`);
    error.textContent = message || '';
    const targets = f.type === 'checkboxes' || f.type === 'rows'
      ? [wrapper(name)] : [input(name)];
    for (const t of targets) {
      if (message) t.setAttribute('aria-invalid', 'true');
      else t.removeAttribute('aria-invalid');
    }
  }

  const moreToggle = form.querySelector('.form-more-toggle');
  const moreFields = form.querySelector('.form-more-fields');
  /** Unfolds "More details" (a field in it is wanted: an error, a value restored). */
  function openMore() {
    if (!moreToggle || !moreFields.hidden) return;
    moreFields.hidden = false;
    moreToggle.setAttribute('aria-expanded', 'true');
  }
  const inMore = (name) => Boolean(moreFields && moreFields.contains(wrapper(name)));
  /** "(2 filled)" on the folded toggle: what is in there is not out of mind. */
  function countFilled() {
    if (!moreToggle) return;
    const v = values();
    const n = folded.filter((f) => !wrapper(f.name).hidden && f.type !== 'select' && !isEmpty(v[f.name])).length;
    moreToggle.querySelector('.form-more-filled').textContent = n ? `(${n} filled)` : '';
  }
  if (moreToggle) {
    moreToggle.addEventListener('click', () => {
      const open = moreFields.hidden;
      moreFields.hidden = !open;
      moreToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  function applyVisibility() {
    countFilled();
    const v = values();
    for (const f of fields) {
      if (!f.showIf) continue;
      const shown = f.showIf(v);
      const w = wrapper(f.name);
      if (w.hidden === !shown) continue;
      w.hidden = !shown;
      if (!shown) setFieldError(f.name, '');
    }
  }

  /** The problem with a single input, or ''. */
  function inputProblem(f, el, value, all) {
    if (el && el.validity && el.validity.badInput && f.type === 'number') return 'Enter a number.';
    if (isEmpty(typeof value === 'string' ? value.trim() : value)) {
      return f.required ? (f.requiredMessage || `${f.label} is required.`) : '';
    }
    if (f.type === 'date' && !parseDate(value)) return `Enter a date as ${datePattern()}.`;
    if (f.type === 'time' && !/^\d{2}:\d{2}(:\d{2})?$/.test(value)) return `Enter a time like ${clockTime('09:30')}.`;
    if (f.type === 'datetime-local') {
      const [day, time = ''] = value.split('T');
      if (!parseDate(day)) return `Enter the day as ${datePattern()}.`;
      if (!/^\d{2}:\d{2}$/.test(time)) return `Enter the time like ${clockTime('09:30')}.`;
    }
    if (f.type === 'number') {
      const n = Number(value);
      const range = f.max !== undefined ? `from ${f.min ?? 0} to ${f.max}` : `of at least ${f.min ?? 0}`;
      if (!Number.isInteger(n) || (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
        return `Enter a whole number ${range}.`;
      }
    }
    if (f.type === 'timezone') {
      const checked = checkTimeZone(value);
      if (checked.error) return checked.error;
      if (el && checked.zone !== value) el.value = checked.zone;
    }
    return f.validate ? f.validate(value, all) : '';
  }

  function problem(f, all) {
    if (f.type === 'rows') {
      const rows = all[f.name];
      for (let i = 0; i < rows.length; i += 1) {
        const row = rows[i];
        if (f.columns.every((c) => isEmpty(String(row[c.name] ?? '').trim()))) continue;
        for (const c of f.columns) {
          const p = inputProblem(c, rowInput(f, i, c.name), row[c.name], row);
          if (p) return rows.length > 1 ? `Row ${i + 1}: ${p}` : p;
        }
      }
      return f.validate ? f.validate(rows, all) : '';
    }
    const el = f.type === 'checkboxes' ? null : input(f.name);
    return inputProblem(f, el, all[f.name], all);
  }

  function validateField(name) {
    const f = byName.get(name);
    if (!f || wrapper(name).hidden) return true;
    const message = problem(f, values());
    setFieldError(name, message);
    return !message;
  }

  function validateAll() {
    let firstBad = null;
    for (const f of fields) {
      if (!validateField(f.name) && !firstBad) firstBad = f;
    }
    if (firstBad) {
      if (inMore(firstBad.name)) openMore();
      const target = firstBad.type === 'checkboxes' || firstBad.type === 'rows'
        ? wrapper(firstBad.name).querySelector('input') : input(firstBad.name);
      target.focus();
    }
    return !firstBad;
  }

  const formError = form.querySelector('.form-error');

  function clearErrors() {
    formError.textContent = '';
    for (const f of fields) setFieldError(f.name, '');
  }

  /** Places an error from the core next to the field it names, else at the top of the form. */
  function showError(err) {
    const named = err.field ? err.field.toLowerCase() : '';
    const f = named && fields.find((x) => x.label.toLowerCase() === named || x.name.toLowerCase() === named
      || (x.server || []).includes(named));
    if (f && !wrapper(f.name).hidden) {
      const prefix = `${err.field}: `;
      const message = err.message.toLowerCase().startsWith(prefix.toLowerCase())
        ? err.message.slice(prefix.length) : err.message;
      setFieldError(f.name, message);
      if (inMore(f.name)) openMore();
      const el = f.type === 'checkboxes' || f.type === 'rows'
        ? wrapper(f.name).querySelector('input') : input(f.name);
      el.focus();
    } else {
      formError.textContent = err.message;
    }
  }

  const submit = form.querySelector('[data-submit]');
  function setBusy(busy, label = 'Saving…') {
    submit.disabled = busy;
    submit.textContent = busy ? label : submitLabel;
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  const notice = form.querySelector('.form-notice');
  function setNotice(fragment) {
    if (!fragment) {
      notice.hidden = true;
      render(notice, html``);
      return;
    }
    render(notice, fragment);
    notice.hidden = false;
  }

  function setValues(v) {
    for (const f of fields) if (f.name in v) write(f, v[f.name]);
    applyVisibility();
    clearErrors();
  }

  function focusFirst() {
    const first = form.querySelector('.form-grid :is(input, select, textarea):not([type="hidden"])');
    if (first) first.focus();
  }

  form.addEventListener('focusout', (event) => {
    const w = event.target.closest('[data-field]');
    // Leaving one input of a group for another in the same group is not leaving the field.
    const el = event.target;
    // "tomorrow", "fri" or "24 nov" typed: shown back as the day it was read as, in figures.
    if (el.classList.contains('date-field') && readDate(el.value)) el.value = numericDate(readDate(el.value));
    if (el.classList.contains('time-field') && readClock(el.value)) el.value = clockTime(readClock(el.value));
    if (!w || (event.relatedTarget && w.contains(event.relatedTarget))) return;
    validateField(w.dataset.field);
  });
  form.addEventListener('input', (event) => {
    if (event.target.dataset && event.target.dataset.echo) echo(event.target);
    applyVisibility();
    const w = event.target.closest('[data-field]');
    if (w && form.querySelector(`#${CSS.escape(`${fieldId(id, w.dataset.field)}-error`)}`).textContent) {
      validateField(w.dataset.field);
    }
  });
  form.addEventListener('change', applyVisibility);
  form.addEventListener('click', (event) => {
    const add = event.target.closest('[data-add-row]');
    if (!add) return;
    const f = byName.get(add.dataset.addRow);
    addRow(f);
    rowInput(f, rowCount(f) - 1, f.columns[0].name).focus();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  for (const f of fields) if (f.type === 'rows') write(f, [{}]);
  applyVisibility();
  /** The input of a simple field (null for groups). */
  function control(name) {
    return input(name);
  }

  function focusField(name) {
    const f = byName.get(name);
    if (inMore(name)) openMore();
    const el = f.type === 'checkboxes' || f.type === 'rows' ? wrapper(name).querySelector('input') : input(name);
    if (el) el.focus();
  }

  return {
    form, values, setValues, validateAll, showError, clearErrors, setBusy, focusFirst, setNotice,
    refresh: applyVisibility, setFieldError, control, focusField, openMore,
  };
}

/**
 * Opens a form in a modal dialog. Closing it without saving (Esc, Cancel) keeps what was typed as a draft under
 * `draftKey`, restored the next time the same form opens for the same customer.
 * @param {{
 *   id: string, title: string, intro?: any, fields: Field[], submitLabel?: string, busyLabel?: string,
 *   draftKey: string, initial?: object, wide?: boolean, aside?: any,
 *   save: (values: object) => Promise<any>, onSaved?: (result: any) => void,
 *   onError?: (err: object, form: ReturnType<typeof createForm>) => boolean,
 *   setup?: (ctx: {dialog: HTMLDialogElement, form: ReturnType<typeof createForm>}) => void,
 *   onClose?: () => void
 * }} options
 *   `onError` may handle an error from `save` itself (return true), else it is placed next to its field;
 *   `setup` runs once the form is in the dialog with its first values, before it opens.
 * @returns {HTMLDialogElement}
 */
export function openFormDialog({
  id, title, intro, fields, submitLabel = 'Save', busyLabel = 'Saving…', draftKey, initial = {}, wide = false, aside = null,
  save, onSaved, onError, setup, onClose,
}) {
  const opener = document.activeElement;
  const dialog = document.createElement('dialog');
  dialog.id = `${id}-dialog`;
  dialog.className = wide ? 'dialog dialog-wide' : 'dialog';
  dialog.setAttribute('aria-labelledby', `${id}-dialog-title`);
  render(dialog, html`<h2 id="${id}-dialog-title">${title}</h2>${intro ? html`<p class="dialog-intro">${intro}</p>` : ''}`);
  const f = createForm({ id, fields, submitLabel, cancel: true, aside });
  dialog.append(f.form);
  document.body.append(dialog);

  const start = { ...initial };
  f.setValues(start);
  const pristine = JSON.stringify(f.values());
  // A draft holds only what was typed differently, laid over what the form opens with now: a field someone else
  // changed meanwhile (on the dealership book) shows their value, not the one this form was first opened with.
  const draft = drafts.get(draftKey);
  if (draft) {
    const merged = { ...JSON.parse(pristine), ...draft };
    f.setValues(merged);
    const folded = fields.filter((x) => x.more && JSON.stringify(merged[x.name] ?? '') !== JSON.stringify(start[x.name] ?? ''));
    if (folded.length) f.openMore();
    f.setNotice(html`<span>Restored what you typed before.</span>
      <button type="button" class="button quiet small" data-start-over>Start over</button>`);
  }

  let saved = false;
  dialog.addEventListener('click', (event) => {
    if (event.target.closest('[data-cancel]')) dialog.close();
    if (event.target.closest('[data-start-over]')) {
      drafts.delete(draftKey);
      f.setValues(start);
      f.setNotice(null);
      f.form.dispatchEvent(new Event('change'));
      f.focusFirst();
    }
  });
  dialog.addEventListener('close', () => {
    if (!saved) {
      const opened = JSON.parse(pristine);
      const typed = Object.fromEntries(Object.entries(f.values())
        .filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(opened[name])));
      if (Object.keys(typed).length) drafts.set(draftKey, typed);
      else drafts.delete(draftKey);
    }
    dialog.remove();
    if (onClose) onClose();
    if (opener && opener.isConnected) opener.focus();
  });
  f.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    f.clearErrors();
    if (!f.validateAll()) return;
    f.setBusy(true, busyLabel);
    try {
      const result = await save(f.values());
      saved = true;
      drafts.delete(draftKey);
      if (dialog.open) dialog.close();
      if (onSaved) onSaved(result);
    } catch (err) {
      if (!(onError && onError(err, f))) f.showError(err);
    } finally {
      f.setBusy(false);
    }
  });

  if (setup) setup({ dialog, form: f });
  dialog.showModal();
  f.focusFirst();
  return dialog;
}

/**
 * Asks before something that cannot be undone. Resolves true when the salesperson confirms; Esc, Cancel and
 * closing say no. Focus starts on Cancel, so Enter alone never destroys anything.
 * @param {{title: string, message: any, confirmLabel: string}} options
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, message, confirmLabel }) {
  const opener = document.activeElement;
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog dialog-confirm';
  dialog.id = 'confirm-dialog';
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.setAttribute('aria-describedby', 'confirm-message');
  render(dialog, html`<h2 id="confirm-title">${title}</h2>
    <p id="confirm-message" class="confirm-message">${message}</p>
    <div class="form-actions">
      <button type="button" class="button" data-answer="no">Cancel</button>
      <button type="button" class="button danger" data-answer="yes">${confirmLabel}</button>
    </div>`);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    dialog.addEventListener('click', (event) => {
      const button = event.target.closest('[data-answer]');
      if (!button) return;
      answer = button.dataset.answer === 'yes';
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    });
    dialog.showModal();
    dialog.querySelector('[data-answer="no"]').focus();
  });
}
