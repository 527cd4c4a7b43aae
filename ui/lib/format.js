// Dates and times as the window shows and reads them: "Tue 24 Nov 2026" in the salesperson's style, "due in 3
// days", a customer's local time in their IANA zone, and the conversions between calendar dates, wall-clock times
// and UTC instants.

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

// How days and times read: the core's choice (the profile's, or the system locale's), sent in app_info, so the
// window and the core's own messages agree. Day first on a 24-hour clock until it arrives.
let style = { order: 'day_first', clock: '24h' };
let todaySource = () => null;

/**
 * Uses the core's date style from now on, and where "today" comes from (for "tomorrow", "Friday" typed in a field).
 * @param {{order: string, clock: string}} chosen
 * @param {() => string} [today] "YYYY-MM-DD"
 */
export function setDateStyle(chosen, today) {
  if (chosen && chosen.order && chosen.clock) style = { order: chosen.order, clock: chosen.clock };
  if (today) todaySource = today;
}

/** The date style in use ({order, clock}). */
export function dateStyle() {
  return style;
}

/**
 * A calendar date as "Tue 24 Nov 2026", "Tue, Nov 24, 2026" or "Tue 2026-11-24", as the salesperson reads dates.
 * @param {string} ymd "YYYY-MM-DD"
 * @returns {string}
 */
export function formatDate(ymd) {
  const p = parseDate(ymd);
  if (!p) return ymd || '';
  const weekday = WEEKDAYS[p.utc.getUTCDay()];
  if (style.order === 'month_first') return `${weekday}, ${MONTHS[p.mo - 1]} ${p.d}, ${p.y}`;
  if (style.order === 'year_first') return `${weekday} ${ymd}`;
  return `${weekday} ${p.d} ${MONTHS[p.mo - 1]} ${p.y}`;
}

/**
 * A day of the year with no year ("24 Nov" or "Nov 24"): a birthday kept without one.
 * @param {number} month 1–12
 * @param {number} day
 * @returns {string}
 */
export function dayAndMonth(month, day) {
  return style.order === 'month_first' ? `${MONTHS[month - 1]} ${day}` : `${day} ${MONTHS[month - 1]}`;
}

/**
 * A calendar date in figures, as a date field shows it: "24/11/2026", "11/24/2026" or "2026-11-24".
 * @param {string} ymd
 * @returns {string}
 */
export function numericDate(ymd) {
  const p = parseDate(ymd);
  if (!p) return ymd || '';
  if (style.order === 'month_first') return `${pad(p.mo)}/${pad(p.d)}/${p.y}`;
  if (style.order === 'year_first') return ymd;
  return `${pad(p.d)}/${pad(p.mo)}/${p.y}`;
}

/** How a date field asks for a date: "day/month/year, like 24/11/2026". */
export function datePattern() {
  const words = { month_first: 'month/day/year', year_first: 'year-month-day' }[style.order] || 'day/month/year';
  return `${words}, like ${numericDate('2026-11-24')}`;
}

const WEEKDAY_WORDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * What someone typed in a date field, as "YYYY-MM-DD", or null when it is not a date. Reads figures in the
 * salesperson's order (24/11/2026, 24.11.26, 24/11 for this year), ISO dates always, a month's name in either
 * order ("24 Nov 2026", "November 24"), and today, tomorrow, yesterday or a weekday (the next one after today).
 * @param {string} text
 * @param {string} [today] "YYYY-MM-DD"
 * @returns {string|null}
 */
export function readDate(text, today = todaySource()) {
  const t = (text || '').trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  if (!t) return null;
  const ymd = (y, mo, d) => {
    const out = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
    return parseDate(out) ? out : null;
  };
  const year = (y) => (y === undefined ? (today ? Number(today.slice(0, 4)) : new Date().getUTCFullYear())
    : y.length <= 2 ? 2000 + Number(y) : Number(y));
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?$/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (m[1].length === 4) return m[3] && m[3].length <= 2 ? ymd(a, b, Number(m[3])) : null;
    if (m[3] !== undefined && m[3].length !== 2 && m[3].length !== 4) return null;
    if (style.order === 'year_first') return m[3] === undefined ? ymd(year(), a, b) : null;
    return style.order === 'month_first' ? ymd(year(m[3]), a, b) : ymd(year(m[3]), b, a);
  }
  const month = (w) => {
    const i = MONTHS.findIndex((name) => w.startsWith(name.toLowerCase()));
    return i < 0 ? null : i + 1;
  };
  m = /^(?:[a-z]+ )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?: (\d{4}))?$/.exec(t);
  if (m && month(m[2])) return ymd(year(m[3]), month(m[2]), Number(m[1]));
  m = /^(?:[a-z]+ )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(t);
  if (m && month(m[1])) return ymd(year(m[3]), month(m[1]), Number(m[2]));
  if (!today) return null;
  const shift = { today: 0, tomorrow: 1, yesterday: -1 }[t];
  if (shift !== undefined) return addDays(today, shift);
  const word = t.replace(/^(next|this|on) /, '');
  const day = WEEKDAY_WORDS.findIndex((w) => word.length >= 3 && w.startsWith(word));
  if (day >= 0 && /^[a-z]+$/.test(word)) {
    const from = parseDate(today).utc.getUTCDay();
    return addDays(today, ((day - from + 6) % 7) + 1);
  }
  return null;
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
  return `${day}, ${hourMinute(p.hour, p.minute)}`;
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
 * A clock time "HH:MM[:SS]" as the salesperson reads times: "17:30" or "5:30 PM".
 * @param {string} hms
 * @returns {string}
 */
export function clockTime(hms) {
  const m = /^(\d{2}):(\d{2})/.exec(hms || '');
  if (!m) return hms || '';
  return hourMinute(Number(m[1]), Number(m[2]));
}

function hourMinute(h, min) {
  if (style.clock !== '12h') return `${pad(h)}:${pad(min)}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(min)} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * What someone typed in a time field, as "HH:MM", or null: "17:30", "9:05", "0930", "5pm", "5:30 PM", "noon".
 * @param {string} text
 * @returns {string|null}
 */
export function readClock(text) {
  const t = (text || '').trim().toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
  if (t === 'noon' || t === 'midday') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?:[:h]?(\d{2}))?(?::\d{2})? ?(am|pm|a|p)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[3].startsWith('p') ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
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
  return `${weekday} ${hourMinute(p.hour, p.minute)}`;
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
