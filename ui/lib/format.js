// Dates and times as the window shows them: "Tue 24 Nov 2026", "due in 3 days", a customer's local time in
// their IANA zone, and the conversions between calendar dates, wall-clock times and UTC instants.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

const partsCache = new Map();

/** Numeric date and time parts of an instant in a zone (cached formatter per zone). */
function partsIn(date, zone) {
  let fmt = partsCache.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsCache.set(zone, fmt);
  }
  const out = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  if (out.hour === 24) out.hour = 0;
  return out;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * Whether the engine knows this IANA zone.
 * @param {string} zone
 * @returns {boolean}
 */
export function zoneWorks(zone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA zones this engine knows, for a datalist and for checking what was typed (empty when unknown).
 * @returns {string[]}
 */
export function knownTimeZones() {
  if (typeof Intl.supportedValuesOf !== 'function') return [];
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/**
 * Checks a typed time zone. Returns the zone to keep (corrected to the list's spelling when only the case
 * differed) or an error message.
 * @param {string} typed
 * @returns {{zone: string}|{error: string}}
 */
export function checkTimeZone(typed) {
  const value = typed.trim();
  const zones = knownTimeZones();
  if (zones.length) {
    if (zones.includes(value)) return { zone: value };
    const match = zones.find((z) => z.toLowerCase() === value.toLowerCase());
    if (match) return { zone: match };
  }
  if (value.includes('/') && zoneWorks(value)) return { zone: value };
  return { error: `'${value}' is not a time zone; pick one from the list (for example America/Chicago or Europe/Berlin)` };
}

/**
 * "YYYY-MM-DD" → parts, or null when it is not a calendar date.
 * @param {string} ymd
 */
export function parseDate(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return { y, mo, d, utc: t };
}

/**
 * A calendar date as "Tue 24 Nov 2026".
 * @param {string} ymd "YYYY-MM-DD"
 * @returns {string}
 */
export function formatDate(ymd) {
  const p = parseDate(ymd);
  if (!p) return ymd || '';
  return `${WEEKDAYS[p.utc.getUTCDay()]} ${p.d} ${MONTHS[p.mo - 1]} ${p.y}`;
}

/**
 * The calendar date ("YYYY-MM-DD") of an instant in a zone.
 * @param {Date} date
 * @param {string} zone
 * @returns {string}
 */
export function dateInZone(date, zone) {
  const p = partsIn(date, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The wall-clock time of an instant in a zone, as a datetime-local value "YYYY-MM-DDTHH:MM".
 * @param {Date} date
 * @param {string} zone
 * @returns {string}
 */
export function wallTimeInZone(date, zone) {
  const p = partsIn(date, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(ms, zone) {
  const p = partsIn(new Date(ms), zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * A wall-clock time in a zone ("YYYY-MM-DDTHH:MM") as an RFC 3339 UTC instant, or null when malformed.
 * @param {string} wall
 * @param {string} zone
 * @returns {string|null}
 */
export function zonedWallToUtc(wall, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall || '');
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let guess = asUtc - offsetAt(asUtc, zone);
  guess = asUtc - offsetAt(guess, zone);
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

/**
 * An instant as "Tue 24 Nov 2026" in a zone, optionally with the time ("Tue 24 Nov 2026, 14:05").
 * @param {string} iso
 * @param {string} zone
 * @param {{time?: boolean}} [options]
 * @returns {string}
 */
export function formatInstant(iso, zone, { time = false } = {}) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || '';
  const day = formatDate(dateInZone(date, zone));
  if (!time) return day;
  const p = partsIn(date, zone);
  return `${day}, ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Whole days from one calendar date to another (positive when `to` is later).
 * @param {string} from "YYYY-MM-DD"
 * @param {string} to "YYYY-MM-DD"
 * @returns {number}
 */
export function daysBetween(from, to) {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) return 0;
  return Math.round((b.utc - a.utc) / DAY_MS);
}

/**
 * How a due date relates to today: "due today", "due in 3 days", "4 days overdue".
 * @param {string} due "YYYY-MM-DD"
 * @param {string} today "YYYY-MM-DD"
 * @returns {{text: string, overdue: boolean}}
 */
export function relativeDue(due, today) {
  const days = daysBetween(today, due);
  if (days === 0) return { text: 'due today', overdue: false };
  if (days === 1) return { text: 'due tomorrow', overdue: false };
  if (days > 1) return { text: `due in ${days} days`, overdue: false };
  const late = -days;
  return { text: late === 1 ? '1 day overdue' : `${late} days overdue`, overdue: true };
}

/**
 * A calendar date some months later (clamped to the month's last day).
 * @param {string} ymd
 * @param {number} months
 * @returns {string}
 */
export function addMonths(ymd, months) {
  const p = parseDate(ymd);
  if (!p) return ymd;
  const first = new Date(Date.UTC(p.y, p.mo - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${pad(first.getUTCFullYear(), 4)}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(p.d, last))}`;
}

/**
 * A calendar date some days later (or earlier, for a negative count).
 * @param {string} ymd "YYYY-MM-DD"
 * @param {number} days
 * @returns {string}
 */
export function addDays(ymd, days) {
  const p = parseDate(ymd);
  if (!p) return ymd;
  const t = new Date(p.utc.getTime() + days * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * "HH:MM:SS" → "HH:MM".
 * @param {string} hms
 * @returns {string}
 */
export function clockTime(hms) {
  return (hms || '').slice(0, 5);
}

/**
 * The time now somewhere: "Tue 14:05", or null when the zone is unknown to the engine.
 * @param {Date} date
 * @param {string} zone
 * @returns {string|null}
 */
export function localTime(date, zone) {
  if (!zone || !zoneWorks(zone)) return null;
  const p = partsIn(date, zone);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  return `${weekday} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * "1 promise", "2 promises".
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 * @returns {string}
 */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
