// Escaping HTML templates: the only way markup reaches the page. Every interpolated value is escaped
// unless it is itself a fragment made by `html` (or a constant wrapped in `raw`), so customer text always
// shows as text — a note containing `<img src=x onerror=…>` renders those characters, nothing more.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Markup that is known to be safe: built by `html`, or a constant passed to `raw`. */
class SafeHtml {
  /** @param {string} markup */
  constructor(markup) {
    this.markup = markup;
    Object.freeze(this);
  }

  toString() {
    return this.markup;
  }
}

/** Escapes text for use in element content and in quoted attribute values. */
function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function piece(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(value);
}

/**
 * Tagged template: `html\`<p>${text}</p>\``. Strings, numbers and anything else are escaped; fragments made by
 * `html` and arrays of them are inserted as they are; null, undefined and false render nothing.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 * @returns {SafeHtml}
 */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += piece(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Marks a constant piece of markup written in this code base (an icon's SVG shapes) as trusted.
 * Never pass data from the book or the user to it.
 * @param {string} markup
 * @returns {SafeHtml}
 */
export function raw(markup) {
  if (markup instanceof SafeHtml) return markup;
  if (typeof markup !== 'string') throw new TypeError('raw() takes constant markup only');
  return new SafeHtml(markup);
}

/**
 * Replaces an element's content with a fragment made by `html`. Refuses plain strings.
 * @param {Element} target
 * @param {SafeHtml} fragment
 */
export function render(target, fragment) {
  if (!(fragment instanceof SafeHtml)) throw new TypeError('render() takes a fragment made by html``');
  target.innerHTML = fragment.markup;
}

/**
 * Turns a fragment made by `html` into DOM nodes (a DocumentFragment) without attaching them anywhere.
 * @param {SafeHtml} fragment
 * @returns {DocumentFragment}
 */
export function toNodes(fragment) {
  const template = document.createElement('template');
  render(template, fragment);
  return template.content;
}
