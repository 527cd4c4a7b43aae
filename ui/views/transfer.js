// Settings → Import and export. Import: a vCard or CSV file picked here is read in the window and sent to the
// core as bytes (import_preview), which plans it without writing: new customers, rows that join customers already
// in the book (and how they matched), rows that cannot be read. A spreadsheet that is not a Google or Outlook
// export is read through a column mapping the salesperson confirms. Import runs the plan in the background
// (import_apply) with progress and Cancel (import-progress, import-done, cancel_import). Export: the whole book as
// JSON, vCard or CSV through a native save dialog (export_book).

import * as ipc from '../lib/ipc.js';
import { html, render } from '../lib/html.js';
import { plural } from '../lib/format.js';
import { announce, announceError } from '../lib/status.js';

/** What a column of a spreadsheet can hold (the core's CSV mapping fields), in the salesperson's words. */
const FIELDS = [
  ['name', 'Full name'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['nickname', 'Nickname'],
  ['company', 'Company'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['mobile', 'Mobile'],
  ['address', 'Address'],
  ['notes', 'Notes'],
  ['tags', 'Tags'],
  ['birthday', 'Birthday'],
  ['time_zone', 'Time zone'],
  ['vehicle', 'Vehicle'],
  ['year', 'Model year'],
  ['make', 'Make'],
  ['model', 'Model'],
  ['trim', 'Trim'],
  ['vin', 'VIN'],
  ['purchased_on', 'Purchase date'],
];
const FIELD_LABEL = new Map(FIELDS);

/** How a spreadsheet writes its dates (chrono formats, as the core reads them). */
const DATE_FORMATS = [
  ['', 'Recognised by Rapport (month first)'],
  ['%m/%d/%Y', '03/14/2024 — month first'],
  ['%d/%m/%Y', '14/03/2024 — day first'],
  ['%m/%d/%y', '03/14/24 — month first'],
  ['%d/%m/%y', '14/03/24 — day first'],
  ['%Y-%m-%d', '2024-03-14'],
  ['%d.%m.%Y', '14.03.2024'],
  ['%Y%m%d', '20240314'],
];

const KINDS = {
  vcard: 'Read as a vCard file.',
  google: 'Read as a Google Contacts export.',
  outlook: 'Read as an Outlook export.',
  mapped: 'Read as a spreadsheet, through the columns below.',
};

const MATCHED_BY = {
  same_rapport_id: 'the same customer in Rapport’s own export',
  same_name: 'same name, nothing else to go by',
  same_email: 'same email',
  same_phone: 'same phone',
  same_name_and_address: 'same name and address',
};

/** At most this many matches and unreadable rows are listed; the rest are counted. */
const SHOWN = 100;

const number = new Intl.NumberFormat('en-US');
const count = (n) => number.format(n);

/** "48 KB", "1.2 MB". */
export function fileSize(bytes) {
  if (bytes < 1024 * 1024) return `${count(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * vCard or CSV: from the file's extension, else from its first bytes (a vCard starts with BEGIN:VCARD, also in
 * UTF-16, whose NUL bytes are dropped before looking).
 * @param {string} name
 * @param {Uint8Array} bytes
 * @returns {'vcard'|'csv'}
 */
function formatOf(name, bytes) {
  const ext = (name.split('.').pop() || '').toLowerCase();
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  if (ext === 'csv') return 'csv';
  const head = String.fromCharCode(...bytes.subarray(0, 2048).filter((b) => b !== 0));
  return /BEGIN:VCARD/i.test(head) ? 'vcard' : 'csv';
}

/**
 * Text of a CSV file's bytes, decoded as the core does: a byte-order mark, else UTF-16 by its zero bytes, else
 * UTF-8, else Windows-1252.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
function decodeSheet(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[0] < 0x80 && bytes[1] === 0) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0 && bytes[1] < 0x80) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The headers and first rows of a CSV file (commas, double quotes), for the column mapping when the core could
 * propose none (it then answers with an error instead of a preview).
 * @param {Uint8Array} bytes
 * @param {number} [count] rows under the headers
 * @returns {{headers: string[], rows: string[][]}}
 */
function sheetHead(bytes, count = 5) {
  const text = decodeSheet(bytes.subarray(0, 256 * 1024));
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length <= count; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      field = '';
      if (record.some((f) => f.trim())) records.push(record);
      record = [];
    } else field += c;
  }
  if (records.length <= count && (field || record.length)) {
    record.push(field);
    if (record.some((f) => f.trim())) records.push(record);
  }
  const [headers = [], ...rows] = records;
  return { headers: headers.map((h) => h.trim()), rows: rows.slice(0, count) };
}

/**
 * The import running in the background, kept while the salesperson is elsewhere in the window: its progress
 * shows again when Settings opens, and its result is said in the status line wherever they are.
 */
const job = { running: false, file: '', done: 0, total: 0, cancelling: false, result: null };
/** @type {Promise<unknown>|null} */
let listening = null;
/** The mounted Import section's redraw of the running import, if Settings is showing. */
let redrawJob = null;
let appRef = null;
let frame = 0;

function resultOf(payload) {
  if (payload && payload.ok) {
    const r = payload.report || {};
    const joined = r.joined_rows ? ` (${count(r.joined_rows)} more ${r.joined_rows === 1 ? 'row' : 'rows'} joined them)` : '';
    return { ok: true, text: `Imported: ${count(r.added || 0)} added${joined}, ${count(r.merged || 0)} merged, ${count(r.skipped || 0)} skipped.` };
  }
  const error = (payload && payload.error) || {};
  if (error.code === 'cancelled') return { ok: false, cancelled: true, text: 'Cancelled — nothing was imported.' };
  return { ok: false, text: `The import stopped: ${error.message || 'something went wrong'}. Nothing was imported.` };
}

function onProgress(progress) {
  if (!job.running || !progress) return;
  job.done = Number(progress.done) || 0;
  job.total = Number(progress.total) || 0;
  // Many events a second on a large file: draw once per frame.
  if (redrawJob && !frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (redrawJob) redrawJob();
    });
  }
}

function onDone(payload) {
  job.running = false;
  job.cancelling = false;
  job.result = resultOf(payload);
  // Settings shows the result beside the import; elsewhere the status line says it.
  if (!redrawJob) announce(job.result.text, { error: !job.result.ok && !job.result.cancelled });
  // The next step names how many customers the book has now.
  if (job.result.ok && appRef) appRef.refreshInfo().then(() => redrawJob && redrawJob(), () => {});
  if (redrawJob) redrawJob();
}

/** Listens to import-progress and import-done once, for the life of the window. */
function listen() {
  if (!listening) {
    listening = Promise.all([ipc.onImportProgress(onProgress), ipc.onImportDone(onDone)]).catch((err) => {
      listening = null;
      throw err;
    });
  }
  return listening;
}

function mappingMarkup(sheet, columns, dateFormat, proposed) {
  const { headers, rows } = sheet;
  const formats = DATE_FORMATS.some(([v]) => v === dateFormat) ? DATE_FORMATS : [...DATE_FORMATS, [dateFormat, dateFormat]];
  const options = (header) => {
    const chosen = columns.get(header) || '';
    return html`<option value=""${chosen ? '' : html` selected`}>— ignore —</option>
      ${FIELDS.map(([v, label]) => html`<option value="${v}"${chosen === v ? html` selected` : ''}>${label}</option>`)}`;
  };
  return html`<h4 id="import-mapping-title">Columns</h4>
    <p class="hint">${proposed ? 'Rapport proposed what each column holds. Change any that are wrong, then update the preview; '
    : 'Choose what each column holds, then update the preview; '}a column set to “— ignore —” is not imported.</p>
    <div class="mapping-scroll" role="region" aria-labelledby="import-mapping-title" tabindex="0">
      <table class="mapping-table">
        <thead>
          <tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr>
          <tr class="mapping-fields">${headers.map((h, i) => html`<td>
            <label class="visually-hidden" for="import-map-${i}">What the column “${h}” holds</label>
            <select id="import-map-${i}" data-header="${h}">${options(h)}</select></td>`)}</tr>
        </thead>
        <tbody>${rows.map((r) => html`<tr>${headers.map((_, i) => html`<td>${r[i] ?? ''}</td>`)}</tr>`)}</tbody>
      </table>
    </div>
    <p class="muted">${rows.length ? `The first ${plural(rows.length, 'row')} of the file.` : 'The file has no rows under its headers.'}</p>
    <div class="mapping-bottom">
      <div class="field">
        <label for="import-date-format">Dates in this file are written as</label>
        <select id="import-date-format" aria-describedby="import-date-example">
          ${formats.map(([v, label]) => html`<option value="${v}"${v === dateFormat ? html` selected` : ''}>${label}</option>`)}
        </select>
        <p class="hint" id="import-date-example"></p>
      </div>
      <button type="button" class="button" id="import-remap">Update preview</button>
    </div>
    <p class="field-error" id="import-mapping-error" role="alert"></p>`;
}

function listMore(total) {
  return total > SHOWN ? html`<li class="muted">… and ${count(total - SHOWN)} more.</li>` : '';
}

/**
 * The one-line summary of a plan, with `joined` possible matches marked as the same person (they join, so they are
 * not new customers).
 */
function summaryMarkup(plan, joined = 0) {
  const joins = (plan.merges || []).length + joined;
  const fresh = plan.new_customers - joined;
  const apart = (plan.possible_matches || []).length - joined;
  const bad = (plan.bad || []).length;
  const skipped = (plan.skipped_values || []).length;
  const parts = [html`<strong>${count(fresh)} new ${fresh === 1 ? 'customer' : 'customers'}</strong>`];
  if (joins) parts.push(html`${count(joins)} ${joins === 1 ? 'row joins a customer' : 'rows join customers'}`);
  if (apart) {
    parts.push(html`${count(apart)} ${apart === 1 ? 'person shares' : 'people share'} a phone or email with someone else`);
  }
  if (bad) parts.push(html`${count(bad)} ${bad === 1 ? 'row cannot' : 'rows cannot'} be read`);
  if (skipped) parts.push(html`${count(skipped)} ${skipped === 1 ? 'value is' : 'values are'} left out`);
  return html`${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}`;
}

function previewMarkup(preview) {
  const { plan } = preview;
  const merges = plan.merges || [];
  const bad = plan.bad || [];
  const possible = plan.possible_matches || [];
  const skipped = plan.skipped_values || [];
  return html`<h4>What this file would do</h4>
    <p class="import-summary" id="import-summary">${summaryMarkup(plan)}</p>
    <p class="muted">${KINDS[preview.kind] || ''} Nothing is written until you import.</p>
    ${merges.length ? html`<div id="import-matches" class="import-list">
      <h5>Joining a customer already in your book, or an earlier row of this file</h5>
      <ul role="list">${merges.slice(0, SHOWN).map((m) => html`<li class="import-match" data-line="${m.line}">
        <span class="import-line">Line ${m.line}:</span>
        <span class="import-name">${m.name}</span> →
        ${m.customer_id ? html`<strong class="import-name">${m.customer_name}</strong>`
    : html`<span class="import-name">${m.customer_name}</span> <span class="muted">(an earlier row of this file)</span>`}
        <span class="import-how">· ${MATCHED_BY[m.matched_by] || m.matched_by}</span>
        ${m.adds && m.adds.length
    ? html`<span class="import-adds">· adds ${m.adds.map((a, i) => html`${i ? ', ' : ''}<span class="import-add">${a}</span>`)}</span>` : ''}
      </li>`)}${listMore(merges.length)}</ul>
    </div>` : ''}
    ${possible.length ? html`<fieldset id="import-possible" class="import-list import-decide">
      <legend>They share a phone or email under another name: kept apart unless you say they are one person</legend>
      <ul role="list">${possible.map((m) => html`<li class="import-possible" data-line="${m.line}">
        <input type="checkbox" class="import-join" id="import-join-${m.line}" value="${m.line}"
          aria-describedby="import-join-how-${m.line}">
        <label for="import-join-${m.line}"><span class="import-line">Line ${m.line}:</span>
          <span class="import-name">${m.name}</span> is the same person as
          <strong class="import-name">${m.customer_name}</strong>${m.customer_id ? '' : html` <span class="muted">(line ${m.with_line} of this file)</span>`}</label>
        <span class="import-how" id="import-join-how-${m.line}">· share ${m.shares}${m.adds && m.adds.length
    ? html`; joining adds ${m.adds.join(', ')}` : ''}</span></li>`)}</ul>
    </fieldset>` : ''}
    ${skipped.length ? html`<div id="import-skipped" class="import-list">
      <h5>Values left out (the people are imported)</h5>
      <ul role="list">${skipped.slice(0, SHOWN).map((b) => html`<li class="import-skipped-value" data-line="${b.line}">
        <span class="import-line">Line ${b.line}:</span> <span class="import-why">${b.message}</span></li>`)}${listMore(skipped.length)}</ul>
    </div>` : ''}
    ${bad.length ? html`<div id="import-bad" class="import-list">
      <h5>Rows that will be skipped</h5>
      <ul role="list">${bad.slice(0, SHOWN).map((b) => html`<li class="import-bad-row" data-line="${b.line}">
        <span class="import-line">Line ${b.line}:</span> <span class="import-why">${b.message}</span></li>`)}${listMore(bad.length)}</ul>
    </div>` : ''}`;
}

/**
 * Fills the Import and export card of Settings.
 * @param {HTMLElement} card the card (`#transfer`)
 * @param {object} app the window's shared state (see main.js)
 * @returns {() => void} cleanup
 */
export function showTransfer(card, app) {
  appRef = app;
  render(card, html`<h2 id="transfer-title">Import and export</h2>
    <section id="import" class="transfer-part" aria-labelledby="import-title">
      <h3 id="import-title">Import customers</h3>
      <p class="muted">A vCard file (from an iPhone, Google or Outlook) or a spreadsheet saved as CSV. You see what
        it would add before anything is written; people you already have are joined, not doubled.</p>
      <div class="import-pick">
        <label for="import-file">Contacts file</label>
        <input type="file" id="import-file" accept=".vcf,.vcard,.csv,text/vcard,text/csv">
      </div>
      <p class="import-reading" id="import-reading" role="status" hidden></p>
      <p class="form-error" id="import-error" role="alert"></p>
      <div id="import-mapping" class="import-mapping" hidden></div>
      <div id="import-preview" class="import-preview" hidden></div>
      <div class="import-actions" id="import-actions" hidden>
        <button type="button" class="button primary" id="import-go">Import</button>
        <span class="muted" id="import-go-note"></span>
      </div>
      <div class="import-running" id="import-running" hidden>
        <progress id="import-progress" aria-labelledby="import-progress-text"></progress>
        <span id="import-progress-text" role="status"></span>
        <button type="button" class="button" id="import-cancel">Cancel</button>
      </div>
      <p class="import-result" id="import-result" role="status"></p>
      <div class="card-actions" id="import-next" hidden>
        <button type="button" class="button primary" id="import-open-customers">Open your customers</button>
        <button type="button" class="button" id="import-today">Go to Today</button>
      </div>
    </section>
    <section id="export" class="transfer-part" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p class="muted">The whole book, saved where you choose. JSON keeps everything Rapport knows; vCard and CSV
        carry the contacts, for a phone or another app.</p>
      <div class="card-actions">
        <button type="button" class="button" data-export="json">Export JSON (whole book)</button>
        <button type="button" class="button" data-export="vcard">Export vCard</button>
        <button type="button" class="button" data-export="csv">Export CSV</button>
      </div>
      <p class="export-status" id="export-status" role="status"></p>
      ${app.info && app.info.calendar_file ? html`<h3 id="calendar-title">Your calendar</h3>
      <p class="muted" id="calendar-file">Subscribe your calendar app to <code class="path">${app.info.calendar_file}</code>
        (in Thunderbird: New Calendar → On the Network; in Apple Calendar: File → New Calendar Subscription, with
        <code>file://</code> before the path). Rapport keeps it current while it runs: every reason worth a
        customer's time in the next 30 days, with a reminder.</p>` : ''}
    </section>`);

  const $ = (sel) => card.querySelector(sel);
  const input = $('#import-file');
  const reading = $('#import-reading');
  const error = $('#import-error');
  const mappingBox = $('#import-mapping');
  const previewBox = $('#import-preview');
  const actions = $('#import-actions');
  const go = $('#import-go');
  const goNote = $('#import-go-note');
  const running = $('#import-running');
  const bar = $('#import-progress');
  const barText = $('#import-progress-text');
  const cancel = $('#import-cancel');
  const result = $('#import-result');
  const next = $('#import-next');
  const openCustomers = $('#import-open-customers');
  openCustomers.addEventListener('click', () => app.go('customers'));
  $('#import-today').addEventListener('click', () => app.go('today'));

  /** The picked file and what the core planned for it. */
  const picked = { name: '', bytes: null, format: 'csv', preview: null, sheet: null, mapping: null, dirty: false };
  let alive = true;
  let requestNo = 0;

  function clearPreview() {
    picked.preview = null;
    picked.dirty = false;
    mappingBox.hidden = true;
    mappingBox.replaceChildren();
    previewBox.hidden = true;
    previewBox.replaceChildren();
    actions.hidden = true;
  }

  function setReading(text) {
    reading.textContent = text;
    reading.hidden = !text;
  }

  function drawGo() {
    const plan = picked.preview && picked.preview.plan;
    const nothing = !plan || (plan.new_customers === 0 && plan.merges.length === 0);
    go.disabled = nothing || picked.dirty || job.running;
    const remap = mappingBox.querySelector('#import-remap');
    if (remap) remap.classList.toggle('primary', picked.dirty);
    if (picked.dirty && !picked.preview) goNote.textContent = 'Choose the columns, then update the preview.';
    else if (picked.dirty) goNote.textContent = 'You changed the columns: update the preview before importing.';
    else if (plan && nothing) goNote.textContent = 'Nothing in this file can be imported.';
    else goNote.textContent = '';
  }

  function drawJob() {
    // Focus on Cancel would be lost when the progress goes away: it moves to the file field.
    const hadFocus = !job.running && running.contains(document.activeElement);
    running.hidden = !job.running;
    if (job.running) {
      result.textContent = '';
      if (job.total > 0) {
        bar.max = job.total;
        bar.value = job.done;
        barText.textContent = `Importing ${count(job.done)} of ${count(job.total)}…`;
      } else {
        bar.removeAttribute('value');
        barText.textContent = `Starting the import of ${job.file}…`;
      }
      // Not disabled while cancelling: a disabled button would drop the keyboard focus.
      cancel.setAttribute('aria-disabled', String(job.cancelling));
      cancel.textContent = job.cancelling ? 'Cancelling…' : 'Cancel';
    } else if (job.result) {
      result.textContent = job.result.text;
      result.classList.toggle('is-error', !job.result.ok && !job.result.cancelled);
    }
    // After an import, where to go next: the customers it brought, or Today.
    const done = !job.running && job.result && job.result.ok;
    next.hidden = !done;
    const customers = appRef && appRef.info ? appRef.info.customers : 0;
    openCustomers.textContent = customers ? `Open your ${plural(customers, 'customer')}` : 'Open your customers';
    input.disabled = job.running;
    if (hadFocus) input.focus();
    drawGo();
  }

  /** The mapping as the selects and the date format say now; an error when a field is chosen twice. */
  function mappingFromForm() {
    const columns = {};
    const twice = new Map();
    for (const select of mappingBox.querySelectorAll('select[data-header]')) {
      const field = select.value;
      if (!field) continue;
      if (columns[field] !== undefined) twice.set(field, [...(twice.get(field) || [columns[field]]), select.dataset.header]);
      else columns[field] = select.dataset.header;
    }
    const dateFormat = mappingBox.querySelector('#import-date-format').value || null;
    if (twice.size) {
      const [field, headers] = [...twice][0];
      return { error: `${FIELD_LABEL.get(field)} is chosen for ${headers.map((h) => `“${h}”`).join(' and ')}; choose it for one column.` };
    }
    return { mapping: { columns, date_format: dateFormat } };
  }

  /** "For example 03/14/2024 in Sold Date." from the first rows, for the date format. */
  function drawDateExample() {
    const hint = mappingBox.querySelector('#import-date-example');
    if (!hint) return;
    const { headers, rows } = picked.sheet;
    const dated = [...mappingBox.querySelectorAll('select[data-header]')]
      .filter((s) => s.value === 'purchased_on' || s.value === 'birthday')
      .map((s) => s.dataset.header);
    for (const header of dated) {
      const i = headers.indexOf(header);
      const sample = rows.map((r) => (r[i] || '').trim()).find(Boolean);
      if (sample) {
        hint.textContent = `For example “${sample}” in ${header}.`;
        return;
      }
    }
    hint.textContent = '';
  }

  /** The column mapping over the sheet's first rows, once per file (what the salesperson chose stays). */
  function drawMapping(sheet, proposed) {
    if (!picked.mapping) {
      const m = proposed || { columns: {}, date_format: null };
      const columns = new Map(Object.entries(m.columns || {}).map(([field, header]) => [header, field]));
      picked.sheet = { headers: sheet.headers, rows: sheet.rows };
      render(mappingBox, mappingMarkup(picked.sheet, columns, m.date_format || '', Boolean(proposed)));
      picked.mapping = m;
      drawDateExample();
    }
    mappingBox.hidden = false;
  }

  function drawPreview() {
    const preview = picked.preview;
    if (preview.kind === 'mapped' && preview.headers.length) {
      drawMapping(preview, preview.mapping);
    } else {
      mappingBox.hidden = true;
      mappingBox.replaceChildren();
    }
    render(previewBox, previewMarkup(preview));
    // Marking a possible match as the same person changes the counts at once.
    previewBox.querySelector('#import-possible')?.addEventListener('change', () => {
      const joined = previewBox.querySelectorAll('.import-join:checked').length;
      render(previewBox.querySelector('#import-summary'), summaryMarkup(preview.plan, joined));
    });
    previewBox.hidden = false;
    actions.hidden = false;
    drawGo();
  }

  async function plan(mapping) {
    const no = ++requestNo;
    error.textContent = '';
    result.textContent = '';
    job.result = null;
    setReading(`Reading ${picked.name} (${fileSize(picked.bytes.length)})… checking each row against your book.`);
    previewBox.setAttribute('aria-busy', 'true');
    go.disabled = true;
    try {
      const preview = await ipc.importPreview(picked.bytes, picked.format, mapping);
      if (!alive || no !== requestNo) return;
      picked.preview = preview;
      picked.dirty = false;
      setReading('');
      drawPreview();
    } catch (err) {
      if (!alive || no !== requestNo) return;
      setReading('');
      const sheet = !mapping && picked.format === 'csv' && err.field === 'mapping' ? sheetHead(picked.bytes) : null;
      if (mapping) {
        // The columns stay on screen so the salesperson can correct them.
        picked.dirty = true;
        mappingBox.querySelector('#import-mapping-error').textContent = err.message;
        drawGo();
      } else if (sheet && sheet.headers.length) {
        // Rapport could not tell which column holds the name: the salesperson chooses the columns.
        clearPreview();
        drawMapping(sheet, null);
        picked.dirty = true;
        mappingBox.querySelector('#import-mapping-error').textContent = `Rapport could not tell the columns apart: ${err.message}.`;
        actions.hidden = false;
        drawGo();
      } else {
        clearPreview();
        error.textContent = `${picked.name} cannot be imported: ${err.message}`;
      }
    } finally {
      previewBox.removeAttribute('aria-busy');
    }
  }

  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    clearPreview();
    picked.mapping = null;
    error.textContent = '';
    if (!file) return;
    picked.name = file.name;
    setReading(`Reading ${file.name} (${fileSize(file.size)})…`);
    try {
      picked.bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      setReading('');
      error.textContent = `${file.name} could not be read.`;
      return;
    }
    if (!alive) return;
    picked.format = formatOf(file.name, picked.bytes);
    plan(null);
  });

  mappingBox.addEventListener('change', (event) => {
    if (!event.target.matches('select')) return;
    picked.dirty = true;
    mappingBox.querySelector('#import-mapping-error').textContent = '';
    drawDateExample();
    drawGo();
  });

  mappingBox.addEventListener('click', (event) => {
    if (!event.target.closest('#import-remap')) return;
    const { mapping, error: wrong } = mappingFromForm();
    const message = mappingBox.querySelector('#import-mapping-error');
    if (wrong) {
      message.textContent = wrong;
      return;
    }
    message.textContent = '';
    picked.mapping = mapping;
    plan(mapping);
  });

  go.addEventListener('click', async () => {
    if (go.disabled || !picked.preview) return;
    go.disabled = true;
    try {
      await listen();
      job.running = true;
      job.file = picked.name;
      job.done = 0;
      job.total = 0;
      job.cancelling = false;
      job.result = null;
      const join = [...card.querySelectorAll('.import-join:checked')].map((box) => Number(box.value));
      clearPreview();
      drawJob();
      await ipc.importApply(join);
      cancel.focus();
    } catch (err) {
      job.running = false;
      drawJob();
      error.textContent = `Could not start the import: ${err.message}`;
    } finally {
      input.value = '';
    }
  });

  cancel.addEventListener('click', async () => {
    if (!job.running || job.cancelling) return;
    job.cancelling = true;
    drawJob();
    try {
      await ipc.cancelImport();
    } catch (err) {
      job.cancelling = false;
      drawJob();
      announceError(err, 'Could not cancel the import');
    }
  });

  const exportStatus = $('#export-status');
  const exportButtons = [...card.querySelectorAll('[data-export]')];
  card.querySelector('#export').addEventListener('click', async (event) => {
    const button = event.target.closest('[data-export]');
    if (!button) return;
    for (const b of exportButtons) b.disabled = true;
    exportStatus.classList.remove('is-error');
    exportStatus.textContent = 'Choose where to save it…';
    try {
      const saved = await ipc.exportBook(button.dataset.export);
      if (!alive) return;
      exportStatus.textContent = saved.file ? `Saved ${saved.file} (${plural(saved.customers, 'customer')}).` : '';
    } catch (err) {
      if (!alive) return;
      exportStatus.classList.add('is-error');
      exportStatus.textContent = `Could not export: ${err.message}`;
    } finally {
      for (const b of exportButtons) b.disabled = false;
    }
  });

  redrawJob = drawJob;
  drawJob();
  listen().catch((err) => announceError(err, 'Import progress cannot be shown'));

  return () => {
    alive = false;
    if (redrawJob === drawJob) redrawJob = null;
  };
}
