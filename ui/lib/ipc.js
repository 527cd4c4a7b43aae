// Every call from the window to Rapport's core, one function per command of docs/IPC.md.
// Nothing else in the window touches `window.__TAURI__`. A failed call rejects with `{code, message, field?}`.

/**
 * @typedef {{code: string, message: string, field?: string, decision?: object}} IpcError
 * `decision` comes with `blocked_by_preference` and `needs_justification`: the Guard's whole Decision.
 */

/**
 * Turns whatever the bridge rejected with into an IpcError.
 * @param {unknown} error
 * @returns {IpcError}
 */
function asIpcError(error) {
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    const out = { code: typeof error.code === 'string' ? error.code : 'io', message: error.message };
    if (typeof error.field === 'string') out.field = error.field;
    if (error.decision && typeof error.decision === 'object') out.decision = error.decision;
    return out;
  }
  return { code: 'io', message: typeof error === 'string' ? error : 'Rapport could not complete that.' };
}

/**
 * Calls one command; drops arguments that are undefined so optional ones are simply left out.
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 */
async function call(command, args = {}) {
  const bridge = window.__TAURI__ && window.__TAURI__.core;
  if (!bridge) {
    throw { code: 'io', message: 'This window only works inside the Rapport app.' };
  }
  const clean = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  try {
    const answer = await bridge.invoke(command, clean);
    // The book's own answer (app_info reads the dealership book) says it is back; a command that stays on this
    // machine does not.
    if (unreachable && command === 'app_info') reached();
    return answer;
  } catch (error) {
    const e = asIpcError(error);
    // Signing in to a server that does not answer is the sign-in form's to say, not the open book's.
    if (command !== 'sign_in_shared' && (e.code === 'unreachable' || e.code === 'unreachable_while_saving')) {
      unreachable = true;
      for (const listener of bookListeners) listener({ reachable: false, error: e });
    }
    throw e;
  }
}

/** Whether the last call found the dealership book unreachable. */
let unreachable = false;
const bookListeners = new Set();

function reached() {
  unreachable = false;
  for (const listener of bookListeners) listener({ reachable: true });
}

/**
 * Calls `listener({reachable, error?})` when the dealership book stops answering and when it answers again.
 * @param {(change: {reachable: boolean, error?: IpcError}) => void} listener
 */
export function onBookReachable(listener) {
  bookListeners.add(listener);
}

/**
 * The app's clock, the size of the book, the version and the profile; on the dealership book, who is signed in.
 * @returns {Promise<{now: string, customers: number, version: string, profile: object,
 *   shared: null | {name: string, email: string, role: string, book: string, password_remembered: boolean},
 *   sign_in: null | {book: string | null, user: string | null, problem: string}}>}
 */
export async function appInfo() {
  return call('app_info');
}

/**
 * Why the book could not be opened, with its good backups; `null` when it is open.
 * @returns {Promise<null | {code: string, message: string, book: string, can_restore: boolean, backups: object[]}>}
 */
export async function recovery() {
  return call('recovery');
}

/**
 * Restores the book's backup called `name` (or, with none, tries to open the book again — with `passphrase` for an
 * encrypted book) and opens it.
 * @param {string | undefined} name
 * @param {string | undefined} passphrase
 * @returns {Promise<{restored: string | null, damaged_kept_as: string | null}>}
 */
export async function recover(name, passphrase) {
  return call('recover', { name, passphrase });
}

/**
 * Loads the demo book (only on an empty book).
 * @returns {Promise<{customers: number}>}
 */
export async function loadDemo() {
  return call('load_demo');
}

/**
 * Customers by name, optionally filtered by a full-text prefix query and a tag.
 * @param {{query?: string, tag?: string, limit?: number}} [filter]
 * @returns {Promise<object[]>} CustomerSummary rows
 */
export async function listCustomers({ query, tag, limit } = {}) {
  return call('list_customers', { query: query || undefined, tag: tag || undefined, limit });
}

/**
 * Every tag with how many customers carry it.
 * @returns {Promise<{tag: string, customers: number}[]>}
 */
export async function listTags() {
  return call('list_tags');
}

/**
 * Where a query matched across the book, newest first (at most 50).
 * @param {string} query
 * @returns {Promise<{customer_id: string, customer_name: string, kind: string, text: string}[]>}
 */
export async function search(query) {
  return call('search', { query });
}

/**
 * Everything the book holds about one customer (CustomerRecord).
 * @param {string} id
 */
export async function customerPage(id) {
  return call('customer_page', { id });
}

/**
 * Adds a customer (id null) or edits one. On the dealership book an edit sends back the `version` its page was read
 * at: if anyone saved the customer since, nothing is overwritten (`changed_meanwhile`, naming who and when).
 * @param {string|null} id
 * @param {object} customer NewCustomer
 * @param {number} [version] customer_page's `version` (the dealership book's)
 */
export async function saveCustomer(id, customer, version) {
  return call('save_customer', { id, customer, version });
}

/**
 * Adds a phone, email or address.
 * @param {string} customerId
 * @param {object} point NewContactPoint
 */
export async function addContactPoint(customerId, point) {
  return call('add_contact_point', { customerId, point });
}

/**
 * Adds something personal the customer shared.
 * @param {string} customerId
 * @param {object} fact NewFact
 */
export async function addFact(customerId, fact) {
  return call('add_fact', { customerId, fact });
}

/**
 * Adds something the customer wants.
 * @param {string} customerId
 * @param {object} goal NewGoal
 */
export async function addGoal(customerId, goal) {
  return call('add_goal', { customerId, goal });
}

/**
 * Adds a note (its #hashtags become tags).
 * @param {string} customerId
 * @param {object} note NewNote
 */
export async function addNote(customerId, note) {
  return call('add_note', { customerId, note });
}

/**
 * Adds a purchase with its features, included services and deliverables.
 * @param {string} customerId
 * @param {object} purchase NewPurchase
 */
export async function addPurchase(customerId, purchase) {
  return call('add_purchase', { customerId, purchase });
}

/**
 * Adds a promise the salesperson made.
 * @param {string} customerId
 * @param {object} promise NewPromise
 */
export async function addPromise(customerId, promise) {
  return call('add_promise', { customerId, promise });
}

/**
 * Marks a promise kept.
 * @param {string} promiseId
 */
export async function keepPromise(promiseId) {
  return call('keep_promise', { promiseId });
}

/**
 * Opens an issue the customer raised.
 * @param {string} customerId
 * @param {object} issue NewIssue
 */
export async function openIssue(customerId, issue) {
  return call('open_issue', { customerId, issue });
}

/**
 * Adds an update to an open issue.
 * @param {string} issueId
 * @param {string} text
 * @param {string} [nextUpdateOn] YYYY-MM-DD
 */
export async function updateIssue(issueId, text, nextUpdateOn) {
  return call('update_issue', { issueId, text, nextUpdateOn: nextUpdateOn || undefined });
}

/**
 * Resolves an issue.
 * @param {string} issueId
 * @param {string} resolution how it was resolved
 */
export async function resolveIssue(issueId, resolution) {
  return call('resolve_issue', { issueId, resolution });
}

/**
 * Logs a contact in either direction.
 * @param {string} customerId
 * @param {object} interaction NewInteraction
 */
export async function logInteraction(customerId, interaction) {
  return call('log_interaction', { customerId, interaction });
}

/**
 * Logs a contact and what was heard in it, in one transaction: statements (with the contact as their source),
 * promises and facts — all of it, or none of it.
 * @param {string} customerId
 * @param {object} interaction NewInteraction
 * @param {{statements: object[], promises: object[], facts: object[]}} heard
 * @returns {Promise<{interaction: object, recorded: {statements: object[], promises: object[], facts: object[]}}>}
 */
export async function logContactHeard(customerId, interaction, heard) {
  return call('log_contact_heard', { customerId, interaction, heard });
}

/**
 * Asks the Guard whether a contact would be allowed, need caution, or be blocked — and why.
 * @param {string} customerId
 * @param {{channel: string, at: string, topic?: string|null, text?: string|null, reason?: string|null,
 *   purpose?: 'proactive'|'waiting'|'reply', in_thank_you?: boolean}} outreach
 * @returns {Promise<{decision: 'allowed'|'caution'|'blocked', reasons: object[], suggestion?: string}>} Decision
 */
export async function checkOutreach(customerId, outreach) {
  return call('check_outreach', { customerId, outreach });
}

/**
 * What an outreach's words do, intent by intent — a check-in, a pitch on a topic, a push for a channel, something
 * the customer gains — each with the Guard's rule about it and the customer's own words when the Guard has them,
 * and the Guard's whole decision (as checkOutreach). Nothing is recorded.
 * @param {string} customerId
 * @param {object} outreach as for checkOutreach
 * @returns {Promise<{intents: {intent: 'check_in'|'pitch'|'asks_for_channel'|'value', topic?: string,
 *   channel?: string, start: number, end: number, words: string, rule?: string, quote?: string,
 *   said_on?: string}[], decision: object}>} OutreachReading; `start`/`end` are character offsets
 */
export async function readOutreach(customerId, outreach) {
  return call('read_outreach', { customerId, outreach });
}

/**
 * Hands an outbound contact to the salesperson's own app (mail, messages, phone) after the Guard: a block or a
 * caution without a justification comes back as the error logging it would give; nothing is logged.
 * @param {string} customerId
 * @param {object} interaction NewInteraction (outbound; email, text or phone)
 * @param {string|null} subject an email's subject
 * @param {boolean} [thankYou] a thank-you note by email (the Guard reads it as one)
 * @returns {Promise<{url: string, channel: string, to: string}>}
 */
export async function handOff(customerId, interaction, subject = null, thankYou = false) {
  return call('hand_off', { customerId, interaction, subject, thankYou });
}

/**
 * What a text proposes to record: what the customer said about being contacted, what they asked for, how they
 * felt, what the salesperson promised and by when, personal facts. Nothing is recorded.
 * @param {string} customerId
 * @param {string} text
 * @param {'in'|'out'} direction `in`: the customer's own words; `out`: the salesperson's summary
 * @param {string} [at] RFC 3339: when it was said (relative dates count from it); default the app's clock
 * @returns {Promise<{suggestions: {kind: 'statement'|'request'|'sentiment'|'promise'|'fact', means?: object,
 *   reads?: string, what?: string, sentiment?: string, due_on?: string|null, text?: string, date?: string|null,
 *   words: string, start: number, end: number}[]}>} Listening; `start`/`end` are character offsets; a statement's
 *   `reads` is its meaning in the salesperson's words, from the core
 */
export async function listen(customerId, text, direction, at = undefined) {
  return call('listen', { customerId, text, direction, at: at || undefined });
}

/**
 * What the Guard held back, newest first, for one customer or the whole book.
 * @param {string|null} [customerId]
 * @param {number} [limit]
 * @returns {Promise<object[]>} HeldBack[]
 */
export async function heldBack(customerId = null, limit = undefined) {
  return call('held_back', { customerId, limit });
}

/**
 * Every persona playbook, by tag.
 * @returns {Promise<{tag: string, never_topics: string[], offer: string[], script: string}[]>}
 */
export async function listPlaybooks() {
  return call('list_playbooks');
}

/**
 * Adds or replaces a tag's playbook.
 * @param {{tag: string, never_topics: string[], offer: string[], script: string}} playbook
 */
export async function savePlaybook(playbook) {
  return call('save_playbook', { playbook });
}

/**
 * Deletes a tag's playbook.
 * @param {string} tag
 */
export async function deletePlaybook(tag) {
  return call('delete_playbook', { tag });
}

/** Whether the book is encrypted with a passphrase. */
export async function passphraseState() {
  return call('passphrase_state');
}

/**
 * Encrypts the book and its backups with `next`, changes the passphrase, or (no `next`) removes it. An encrypted
 * book's `current` passphrase is required.
 * @param {string | undefined} current
 * @param {string | undefined} next
 * @returns {Promise<{backups: number, left_as_they_were: string[]}>}
 */
export async function setPassphrase(current, next) {
  return call('set_passphrase', { current, new: next });
}

/**
 * Removes a mistaken record. What the customer said about being contacted is never removed.
 * @param {'interaction'|'fact'|'purchase'|'promise'|'goal'|'note'} record
 * @param {string} id
 * @returns {Promise<{record: string, id: string, customer_id: string, statements_kept: number}>}
 */
export async function removeRecord(record, id) {
  return call('remove_record', { record, id });
}

/**
 * Records what the customer said about being contacted.
 * @param {string} customerId
 * @param {object} statement NewStatement
 */
export async function recordPreference(customerId, statement) {
  return call('record_preference', { customerId, statement });
}

/**
 * The salesperson's profile.
 * @returns {Promise<object>} Profile
 */
export async function getProfile() {
  return call('get_profile');
}

/**
 * Saves the salesperson's profile.
 * @param {object} profile Profile
 */
export async function saveProfile(profile) {
  return call('save_profile', { profile });
}

/**
 * Signs in to the dealership book at `address` (or the one the window waits for) and works on it from then on.
 * This computer remembers the book; the password only when `remember` is true (in a file only the user can read).
 * @param {{address?: string, user: string, password: string, remember: boolean}} signIn
 * @returns {Promise<{name: string, email: string, role: string, book: string, password_remembered: boolean}>}
 */
export async function signInShared({ address, user, password, remember }) {
  return call('sign_in_shared', { address, user, password, remember });
}

/** Forgets the dealership book on this computer and works on one's own book again. */
export async function useOwnBook() {
  return call('use_own_book');
}

/** Forgets the dealership book's password on this computer (it is asked at the next start). */
export async function forgetSharedPassword() {
  return call('forget_shared_password');
}

/**
 * A page of Today: the reasons worth the customer's time over the coming days, grouped and sorted by the core
 * (what can be done now first, a customer's reasons together), the long overdue in a review pile, and what the
 * Guard held back — the first rows of each list, with every list's count, the count per channel and the summary.
 * @param {number} [days] 0 (today only), 7 or 30; the core's default is 7
 * @param {Record<string, number>} [shown] rows per list (waiting_on_you, time_sensitive, worth_offering, review,
 *   held_back); the core's page (50) for any not named
 * @param {string|null} [channel] only the reasons by this channel
 * @returns {Promise<{now: string, days: number, reasons: object[], review: object[], held_back: object[],
 *   counts: Record<string, number>, by_channel: Record<string, number>,
 *   summary: {open_now: number, due_today: number, long_overdue: number}}>}
 */
export async function agenda(days, shown = undefined, channel = null) {
  return call('agenda', { days, shown, channel: channel || undefined });
}

/**
 * Snoozes or dismisses several reasons at once with one day and one why (the review pile): all or none.
 * @param {{id: string, customer_id: string}[]} reasons
 * @param {'snoozed'|'dismissed'} state
 * @param {{until?: string|null, note?: string|null}} [details]
 * @returns {Promise<object[]>} the ReasonStates
 */
export async function setReasonStates(reasons, state, { until, note } = {}) {
  return call('set_reason_states', {
    reasons: reasons.map((r) => [r.id, r.customer_id]), state, until: until || undefined, note: note || undefined,
  });
}

/**
 * Marks a reason done, snoozes it to a day after today, or dismisses it with a note saying why.
 * @param {string} reasonId
 * @param {string} customerId
 * @param {'done'|'snoozed'|'dismissed'} state
 * @param {{until?: string|null, note?: string|null}} [details] `until`: YYYY-MM-DD (snooze); `note`: why (dismiss)
 * @returns {Promise<object>} ReasonState
 */
export async function setReasonState(reasonId, customerId, state, { until, note } = {}) {
  return call('set_reason_state', { reasonId, customerId, state, until: until || undefined, note: note || undefined });
}

/**
 * Undo: takes back done, snoozed or dismissed; the reason is on Today again while it is due.
 * @param {string} reasonId
 * @returns {Promise<object>} the ReasonState it had
 */
export async function undoReasonState(reasonId) {
  return call('undo_reason_state', { reasonId });
}

/**
 * Adds the salesperson's own reminder. A value that says nothing for the customer is `invalid_input` on `value`.
 * @param {string} customerId
 * @param {{value: string, due_on: string, channel?: string|null}} reminder
 * @returns {Promise<object>} Reminder
 */
export async function addReminder(customerId, reminder) {
  return call('add_reminder', { customerId, reminder });
}

/**
 * Writes the agenda as an iCalendar file into the Downloads folder.
 * @param {number} [days] the core's default is 30
 * @returns {Promise<{file: string, events: number}>} `file` names the file and its folder, never a full path
 */
export async function exportAgendaIcs(days) {
  return call('export_agenda_ics', { days });
}

/**
 * Calls `handler(customerId)` whenever the salesperson clicks a desktop notification (event `open-customer`;
 * the core has already shown the window). Does nothing outside the app.
 * @param {(customerId: string) => void} handler
 * @returns {Promise<() => void>} stops listening
 */
export async function onOpenCustomer(handler) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  return events.listen('open-customer', (event) => {
    const id = typeof event.payload === 'string' ? event.payload
      : event.payload && typeof event.payload.id === 'string' ? event.payload.id : '';
    if (id) handler(id);
  });
}

// Import, export and backups (Settings). -------------------------------------------------------------------

/**
 * JSON with every character outside printable ASCII written as \uXXXX: header values must be ASCII, and a
 * spreadsheet's column names may be in any script.
 * @param {unknown} value
 * @returns {string}
 */
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Logs an email file (.eml) picked by the salesperson: matched to the customer by address; `customerId` is who it
 * belongs to when no address tells, `direction` which way it went when neither does.
 * @param {Uint8Array} bytes the file's bytes
 * @param {{customerId?: string|null, direction?: 'in'|'out'|null}} [options]
 * @returns {Promise<{customer_id: string, customer_name: string, direction: string, interaction: object|null,
 *   guard?: object}>} `interaction` is null when the same email was logged before
 */
export async function logEmail(bytes, { customerId = null, direction = null, name = '' } = {}) {
  const bridge = window.__TAURI__ && window.__TAURI__.core;
  if (!bridge) {
    throw { code: 'io', message: 'This window only works inside the Rapport app.' };
  }
  const headers = {};
  if (name) headers['x-name'] = encodeURIComponent(name);
  if (customerId) headers['x-customer'] = customerId;
  if (direction) headers['x-direction'] = direction;
  try {
    return await bridge.invoke('log_email', bytes, { headers });
  } catch (error) {
    throw asIpcError(error);
  }
}

/**
 * Everyone a picked file names (sender or organizer first), for "Add … as a customer".
 * @param {Uint8Array} bytes
 * @param {string} name the file's name
 * @returns {Promise<{name: string|null, address: string}[]>}
 */
export async function filePeople(bytes, name) {
  const bridge = window.__TAURI__ && window.__TAURI__.core;
  if (!bridge) {
    throw { code: 'io', message: 'This window only works inside the Rapport app.' };
  }
  try {
    return await bridge.invoke('file_people', bytes, { headers: { 'x-name': encodeURIComponent(name) } });
  } catch (error) {
    throw asIpcError(error);
  }
}

/**
 * Everyone dropped file number `index` names.
 * @param {number} index
 * @returns {Promise<{name: string|null, address: string}[]>}
 */
export async function droppedPeople(index) {
  return call('dropped_people', { index });
}

/**
 * Logs dropped email number `index` (as `emails-dropped` listed them); options as for logEmail.
 * @param {number} index
 * @param {{customerId?: string|null, direction?: 'in'|'out'|null}} [options]
 */
export async function logDroppedEmail(index, { customerId = null, direction = null } = {}) {
  return call('log_dropped_email', { index, customerId, direction });
}

/**
 * Calls `handler` when emails are dropped on the window (event `emails-dropped`): `{names}` in the order
 * logDroppedEmail numbers them.
 * @param {(dropped: {names: string[]}) => void} handler
 * @returns {Promise<() => void>} stops listening
 */
export async function onEmailsDropped(handler) {
  return listenTo('emails-dropped', handler);
}

/**
 * Plans the import of a picked file without writing anything. The file's raw bytes are the payload; its format
 * and, for a spreadsheet, the confirmed column mapping travel as headers.
 * @param {Uint8Array} bytes
 * @param {'vcard'|'csv'} format
 * @param {{columns: Record<string, string>, date_format: string|null}|null} [mapping] null: the core detects
 *   Google and Outlook exports and proposes a mapping for any other sheet
 * @returns {Promise<{kind: 'vcard'|'google'|'outlook'|'mapped', plan: {new_customers: number,
 *   merges: object[], bad: {line: number, message: string}[]}, headers: string[], rows: string[][],
 *   mapping: {columns: Record<string, string>, date_format: string|null}|null}>}
 */
export async function importPreview(bytes, format, mapping = null) {
  const bridge = window.__TAURI__ && window.__TAURI__.core;
  if (!bridge) {
    throw { code: 'io', message: 'This window only works inside the Rapport app.' };
  }
  const headers = { 'x-format': format };
  if (mapping) headers['x-mapping'] = asciiJson(mapping);
  try {
    return await bridge.invoke('import_preview', bytes, { headers });
  } catch (error) {
    throw asIpcError(error);
  }
}

/**
 * Runs the last previewed plan in the background; progress and the end come as events (onImportProgress,
 * onImportDone).
 * @param {number[]} [join] lines of the possible matches marked "same person": they join whom they share with
 * @returns {Promise<null>}
 */
export async function importApply(join = []) {
  return call('import_apply', { join });
}

/**
 * Stops the running import; nothing of it is kept (import-done then carries the error code `cancelled`).
 * @returns {Promise<null>}
 */
export async function cancelImport() {
  return call('cancel_import');
}

/**
 * Checks a campaign against what each customer said: a mailing list's bytes (matched as an import matches) or a
 * tag, a topic, a channel and perhaps the words. Nothing is recorded.
 * @param {Uint8Array|null} bytes the CSV file; null with a tag
 * @param {{tag?: string, topic: string, channel: string, text?: string}} campaign
 * @returns {Promise<{included: {customer_id: string, name: string, line?: number, addresses: string[],
 *   cautions?: string[]}[], excluded: {customer_id: string, name: string, line?: number, addresses: string[],
 *   rule: string, message: string, quote?: string}[], unmatched: {line: number, name: string, why: string}[],
 *   about_the_message?: string[]}>}
 */
export async function checkCampaign(bytes, campaign) {
  const bridge = window.__TAURI__ && window.__TAURI__.core;
  if (!bridge) {
    throw { code: 'io', message: 'This window only works inside the Rapport app.' };
  }
  try {
    return await bridge.invoke('check_campaign', bytes || new Uint8Array(), {
      headers: { 'x-campaign': asciiJson(campaign) },
    });
  } catch (error) {
    throw asIpcError(error);
  }
}

/**
 * Saves the last campaign check's two files (who may receive it; the suppression list) in a folder picked in a
 * native dialog.
 * @returns {Promise<{folder: string|null}>} null when cancelled
 */
export async function saveCampaign() {
  return call('save_campaign');
}

/**
 * Saves the whole book through a native save dialog.
 * @param {'json'|'vcard'|'csv'} format
 * @returns {Promise<{file: string|null, customers: number}>} `file` (a name, never a path) is null when cancelled
 */
export async function exportBook(format) {
  return call('export_book', { format });
}

/**
 * The backups beside the book, newest first.
 * @returns {Promise<{name: string, taken_at: string, bytes: number}[]>}
 */
export async function listBackups() {
  return call('list_backups');
}

/**
 * Backs the book up now.
 * @returns {Promise<{name: string, taken_at: string, bytes: number}>} the new backup
 */
export async function backupNow() {
  return call('backup_now');
}

/**
 * Replaces the book with a backup (by name); the book as it was is backed up first.
 * @param {string} name
 * @returns {Promise<{name: string, taken_at: string, bytes: number}>} the backup of the book as it was
 */
export async function restoreBackup(name) {
  return call('restore_backup', { name });
}

/**
 * Listens to an event of the core for the life of the window. Does nothing outside the app.
 * @param {string} name
 * @param {(payload: any) => void} handler
 * @returns {Promise<() => void>} stops listening
 */
async function listenTo(name, handler) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  return events.listen(name, (event) => handler(event.payload));
}

/**
 * Calls `handler({done, total})` as the running import goes (event `import-progress`).
 * @param {(progress: {done: number, total: number}) => void} handler
 * @returns {Promise<() => void>} stops listening
 */
export async function onImportProgress(handler) {
  return listenTo('import-progress', handler);
}

/**
 * Calls `handler` once an import ends (event `import-done`): `{ok: true, report: {added, merged, skipped}}` or
 * `{ok: false, error: IpcError}` (code `cancelled` after Cancel).
 * @param {(done: {ok: boolean, report?: object, error?: IpcError}) => void} handler
 * @returns {Promise<() => void>} stops listening
 */
export async function onImportDone(handler) {
  return listenTo('import-done', handler);
}

// Thank-you notes: the composer and the form-letter detector. -----------------------------------------------

/**
 * The facts a note can use (the composer's checkboxes), with the ones to tick to begin with.
 * @param {string} customerId
 * @param {'purchase'|'referral'|'service'|'resolved_issue'} kind
 * @returns {Promise<{id: string, kind: string, text: string, preselected: boolean}[]>} Detail[]
 */
export async function noteDetails(customerId, kind) {
  return call('note_details', { customerId, kind });
}

/**
 * A draft note from the chosen facts (null: the preselected ones), with the detector's report on it.
 * @param {string} customerId
 * @param {{kind: string, format: 'card'|'prompts'|'email', card: 'a6'|'5x7'|'folded', variant: number,
 *   chosen: string[]|null}} request
 * @returns {Promise<{text: string, kind: string, format: string, card: string, variant: number,
 *   details_used: string[], report: object}>} Draft
 */
export async function composeNote(customerId, request) {
  return call('compose_note', { customerId, request });
}

/**
 * The form-letter detector on any text: a score and findings at character (Unicode scalar) offsets.
 * @param {string} customerId
 * @param {string} text
 * @param {{kind: string, format: string, card: string}} shape
 * @returns {Promise<{score: number, findings: {rule: string, start: number, end: number, message: string,
 *   suggestion: string, quote?: string}[], specifics: string[]}>} Report
 */
export async function lintNote(customerId, text, shape) {
  return call('lint_note', { customerId, text, shape });
}

/**
 * Marks a note to a customer draft, written or sent. Sent logs the contact through the Guard
 * (`blocked_by_preference` with the decision when the customer asked not to get it; the note keeps its status).
 * @param {string} noteId
 * @param {'draft'|'written'|'sent'} status
 * @returns {Promise<{note: object, logged: object|null}>}
 */
export async function setNoteStatus(noteId, status) {
  return call('set_note_status', { noteId, status });
}

/**
 * Notes to customers (thank-you notes and card prompts) across the book, newest first.
 * @param {{status?: 'draft'|'written'|'sent', limit?: number}} [query]
 * @returns {Promise<object[]>} notes, each with `customer_name`
 */
export async function listNotes({ status = null, limit = 200 } = {}) {
  return call('list_notes', { status, limit });
}

/**
 * Saves the edited text of a draft; written and sent notes stay as the customer got them (`invalid_input`). With
 * `seen` (the note's `updated_at` as this page last had it), a note saved since by anyone is not overwritten
 * (`changed_meanwhile`).
 * @param {string} noteId
 * @param {string} text
 * @param {string} [seen]
 * @returns {Promise<object>} the note
 */
export async function updateNote(noteId, text, seen) {
  return call('update_note', { noteId, text, seen: seen || null });
}
