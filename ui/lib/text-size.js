// The size of the window's text (WCAG 1.4.4), chosen in Settings → Keyboard and text or with Ctrl+= / Ctrl+− /
// Ctrl+0, kept in the window's storage. Every type size in the stylesheets is in rem: the root size moves them all.

const KEY = 'rapport.textSize';

/** The sizes offered, in percent of the normal size. */
export const TEXT_SIZES = [
  { value: 90, label: 'Smaller' },
  { value: 100, label: 'Normal' },
  { value: 115, label: 'Larger' },
  { value: 130, label: 'Largest' },
  { value: 150, label: 'Huge' },
];

/** The chosen size, in percent. */
export function textSize() {
  const n = Number(localStorage.getItem(KEY));
  return TEXT_SIZES.some((s) => s.value === n) ? n : 100;
}

/** Applies the chosen size to the page. */
export function applyTextSize() {
  document.documentElement.style.fontSize = `${textSize()}%`;
}

/**
 * Chooses a size and applies it.
 * @param {number} percent one of TEXT_SIZES
 */
export function setTextSize(percent) {
  if (!TEXT_SIZES.some((s) => s.value === percent)) return;
  localStorage.setItem(KEY, String(percent));
  applyTextSize();
}

/**
 * One size larger (+1), smaller (−1), or back to normal (0).
 * @param {-1|0|1} step
 * @returns {{value: number, label: string}} the size now
 */
export function stepTextSize(step) {
  const at = TEXT_SIZES.findIndex((s) => s.value === textSize());
  const next = step === 0 ? TEXT_SIZES.findIndex((s) => s.value === 100)
    : Math.max(0, Math.min(TEXT_SIZES.length - 1, at + step));
  setTextSize(TEXT_SIZES[next].value);
  return TEXT_SIZES[next];
}
