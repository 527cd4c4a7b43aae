// Small line icons drawn as inline SVG (no image files, nothing remote). Icons always sit next to words,
// so they are hidden from assistive technology; meaning never rests on an icon or a colour alone.

import { html, raw } from './html.js';

/** Constant SVG shapes on a 24×24 grid, stroked with the current text colour. */
const SHAPES = {
  phone: '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>',
  text: '<path d="M4 5h16v11H9l-5 4z"/><path d="M8 9.5h8M8 12.5h5"/>',
  email: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3.5 7l8.5 6 8.5-6"/>',
  letter: '<rect x="3" y="6" width="18" height="13" rx="1"/><rect x="14.5" y="8.5" width="4" height="4"/><path d="M6 14.5h6M6 17h4"/>',
  person: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 4-6 8-6s8 2 8 6"/>',
  video: '<rect x="3" y="6" width="13" height="12" rx="2"/><path d="M16 10.5l5-3v9l-5-3z"/>',
  home: '<path d="M4 11l8-7 8 7"/><path d="M6 9.5V20h12V9.5"/><path d="M10 20v-5h4v5"/>',
  stop: '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
  clock: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
  check: '<path d="M5 12.5l4.5 4.5L19 7"/>',
  warning: '<path d="M12 3.5l9.5 17h-19z"/><path d="M12 10v4.5M12 17.2v.3"/>',
  flag: '<path d="M5 21V4"/><path d="M5 4h12l-2.5 4L17 12H5"/>',
  issue: '<circle cx="12" cy="12" r="9"/><path d="M12 7v6.5M12 16.5v.5"/>',
  back: '<path d="M15 5l-7 7 7 7"/>',
  next: '<path d="M5 12h14"/><path d="M13 6l6 6-6 6"/>',
  plus: '<path d="M12 5v14M5 12h14"/>',
  star: '<path d="M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.9L12 16.9l-5.2 2.8 1-5.9-4.3-4.1 5.9-.8z"/>',
  inbound: '<path d="M18 6L7 17"/><path d="M7 9v8h8"/>',
  outbound: '<path d="M6 18L17 7"/><path d="M9 7h8v8"/>',
  note: '<path d="M6 3h9l4 4v14H6z"/><path d="M14.5 3v4.5H19"/><path d="M9 12h7M9 15.5h7"/>',
  people: '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.5 3-5.5 6.5-5.5s6.5 2 6.5 5.5"/><path d="M16 4.6a3.5 3.5 0 0 1 0 6.8"/><path d="M18 14.8c2 .7 3.5 2.4 3.5 5.2"/>',
  settings: '<path d="M4 6h9M19 6h1M4 12h3M13 12h7M4 18h11M21 18h-1"/><circle cx="16" cy="6" r="2.3"/><circle cx="10" cy="12" r="2.3"/><circle cx="18" cy="18" r="2.3"/>',
  calendar: '<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/><path d="M8 14h2M14 14h2M8 17h2"/>',
  today: '<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/><circle cx="12" cy="15" r="2"/>',
  down: '<path d="M6 9l6 6 6-6"/>',
  search: '<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>',
  gift: '<rect x="4" y="9" width="16" height="11" rx="1"/><path d="M3 9h18M12 9v11"/><path d="M12 9c-3 0-5-1.5-5-3s2-2 3 0l2 3 2-3c1-2 3-1.5 3 0s-2 3-5 3"/>',
};

/**
 * An icon as an inline SVG fragment (decorative: put words beside it).
 * @param {keyof typeof SHAPES} name
 * @returns {import('./html.js').SafeHtml}
 */
export function icon(name) {
  const shapes = SHAPES[name];
  if (!shapes) throw new Error(`no icon named ${name}`);
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${raw(shapes)}</svg>`;
}

/**
 * The app's mark (the card in a speech bubble, on the accent colour), for the sidebar.
 * @returns {import('./html.js').SafeHtml}
 */
export function logo() {
  return html`<svg class="logo" viewBox="0 0 1024 1024" aria-hidden="true" focusable="false">${raw(
    '<rect x="64" y="64" width="896" height="896" rx="200" class="logo-bg"/>'
    + '<path class="logo-card" d="M232 260h560a56 56 0 0 1 56 56v330a56 56 0 0 1-56 56H462L332 812V702H232a56 56 0 0 1-56-56V316a56 56 0 0 1 56-56z"/>'
    + '<path class="logo-ink" d="M300 400c40-40 80-40 110 0s70 40 110 0 70-40 110 0"/>',
  )}</svg>`;
}
