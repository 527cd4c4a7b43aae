// Text with parts of it marked, at the core's character offsets (Unicode scalar values; `Array.from(text)` in
// JS): what Rapport heard in a summary, what an outreach's words do. Overlapping spans are cut into pieces, each
// one <mark> naming every span that covers it (classes `m-heard`, `m-intent`). Everything goes through `html`, so
// the text always shows as text.

import { html } from './html.js';

/** Tones from the strongest down: a piece covered by several shows the strongest. */
const TONES = ['warn', 'caution', 'quiet', 'positive'];

/**
 * The strongest of some tones ('' when none).
 * @param {(string|undefined)[]} tones
 */
export function strongestTone(tones) {
  return TONES.find((t) => tones.includes(t)) || '';
}

/**
 * @typedef {object} Span
 * @property {number} start   character offset
 * @property {number} end     character offset (exclusive)
 * @property {'heard'|'intent'} kind  a suggestion (tinted) or an intent (underlined)
 * @property {string} tag     the suggestion's kind or the intent's (`statement`, `asks_for_channel` …)
 * @property {string} [tone]  for intents: warn, caution, quiet or positive
 * @property {number} n       which suggestion or intent it is (its index in the list beside the text)
 */

/**
 * The text cut at every span's ends, each piece with the spans that cover it (spans are clamped to the text; empty
 * ones dropped). Both the summary's marks and the composer's underlines are drawn from these pieces.
 * @template {{start: number, end: number}} T
 * @param {string} text
 * @param {T[]} spans
 * @returns {{piece: string, over: T[]}[]}
 */
export function pieces(text, spans) {
  const cs = Array.from(text);
  const clamp = (n) => Math.max(0, Math.min(cs.length, n));
  const kept = spans.map((s) => ({ ...s, start: clamp(s.start), end: clamp(s.end) })).filter((s) => s.end > s.start);
  const cuts = new Set([0, cs.length]);
  for (const s of kept) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((a, i) => {
    const b = points[i + 1];
    return { piece: cs.slice(a, b).join(''), over: kept.filter((s) => s.start <= a && s.end >= b) };
  });
}

/**
 * The text with every span wrapped in `<mark>`; pieces covered by several spans name them all (`data-n`), with
 * the kinds as classes (`m-heard`, `m-intent`), the tags in `data-heard` / `data-intent` and the strongest tone
 * in `data-tone`.
 * @param {string} text
 * @param {Span[]} spans
 */
export function markText(text, spans) {
  const parts = pieces(text, spans).map(({ piece, over }) => {
    if (!over.length) return piece;
    const of = (kind) => [...new Set(over.filter((s) => s.kind === kind).map((s) => s.tag))].join(' ');
    const kinds = [...new Set(over.map((s) => `m-${s.kind}`))].join(' ');
    const tone = strongestTone(over.map((s) => s.tone));
    return html`<mark class="${kinds}" data-heard="${of('heard')}" data-intent="${of('intent')}"
      data-tone="${tone}" data-n="${over.map((s) => `${s.kind}-${s.n}`).join(' ')}">${piece}</mark>`;
  });
  return html`${parts}`;
}

/**
 * Moves spans along with an edit so the marks stay on their words until the core answers again: spans before the
 * edit stay, spans after it shift, spans the edit touched are dropped.
 * @template {{start: number, end: number}} T
 * @param {string} before
 * @param {string} after
 * @param {T[]} spans
 * @returns {T[]}
 */
export function shiftSpans(before, after, spans) {
  if (before === after) return spans;
  const a = Array.from(before);
  const b = Array.from(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const oldEnd = a.length - tail;
  const delta = b.length - a.length;
  return spans.flatMap((s) => {
    if (s.end <= head) return [s];
    if (s.start >= oldEnd) return [{ ...s, start: s.start + delta, end: s.end + delta }];
    return [];
  });
}

/**
 * The UTF-16 index (what text controls count in) of a character offset.
 * @param {string} text
 * @param {number} offset
 */
export function utf16Index(text, offset) {
  let units = 0;
  let n = 0;
  for (const ch of text) {
    if (n === offset) return units;
    units += ch.length;
    n += 1;
  }
  return units;
}
