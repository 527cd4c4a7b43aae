// The app's clock: starts from `app_info().now` (which tests and demos can set) and advances with real time,
// so every "today", "overdue" and "their time now" in the window agrees with the core.

let startedAt = Date.now();
let startedPerf = performance.now();

/**
 * Sets the clock to the core's idea of now.
 * @param {string} iso RFC 3339 time from app_info
 */
export function setClock(iso) {
  const t = Date.parse(iso);
  startedAt = Number.isNaN(t) ? Date.now() : t;
  startedPerf = performance.now();
}

/**
 * The app's current time.
 * @returns {Date}
 */
export function now() {
  return new Date(startedAt + (performance.now() - startedPerf));
}
