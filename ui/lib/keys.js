// The window's single-key shortcut (/ jumps to search), which the salesperson can turn off in Settings
// (WCAG 2.1.4: a one-key shortcut fires by accident with speech input). Ctrl+K always works.

const KEY = 'rapport.singleKeys';

/** Whether / jumps to search (on unless turned off). */
export function singleKeys() {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

/** Turns the / shortcut on or off, and says so in the search box's hint. */
export function setSingleKeys(on) {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the choice lasts until the window closes.
  }
  showSearchHint();
}

/** The search box's hint and its announced shortcuts, as the setting says. */
export function showSearchHint() {
  const search = document.querySelector('#search');
  if (!search) return;
  const on = singleKeys();
  search.placeholder = on ? 'Search  /' : 'Search';
  if (on) search.setAttribute('aria-keyshortcuts', '/');
  else search.removeAttribute('aria-keyshortcuts');
}
