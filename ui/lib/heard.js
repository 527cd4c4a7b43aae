// The core's reading of words, in the salesperson's words: what a text proposes to record (`listen`: statements
// about being contacted, requests, sentiment, promises, facts) and what an outreach's words do (`read_outreach`:
// check-ins, pitches, pushes for a channel, value) with the Guard's rule and the customer's own words. Presentation
// only: what was heard and what the Guard makes of it always come from the core.

import { html } from './html.js';
import { icon } from './icons.js';
import { formatDate } from './format.js';
import { channel } from './words.js';

/** "no phone calls" → "No phone calls". */
export const capitalized = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);

/** Each kind of suggestion: a heading word, an icon, and what ticking it does. */
export const HEARD_KINDS = {
  statement: {
    word: 'How to reach them', icon: 'person', then: 'Recorded under How to reach me, in their words, when you log the contact',
  },
  promise: { word: 'Your promise', icon: 'flag', then: 'Added to Waiting on you when you log the contact' },
  request: { word: 'They asked for', icon: 'issue', then: 'Fills “They asked for” below' },
  sentiment: { word: 'How they felt', icon: 'star', then: 'Sets “How they felt” below' },
  fact: { word: 'Something personal', icon: 'gift', then: 'Added to their facts when you log the contact' },
};

/**
 * A suggestion's meaning in a few words: "No phone calls", "Prefers email", "Positive".
 * @param {object} s a suggestion from `listen`
 * @returns {string}
 */
export function heardWhat(s) {
  switch (s.kind) {
    case 'statement': return capitalized(s.reads);
    case 'promise': return capitalized(s.what);
    case 'request': return capitalized(askedFor(s));
    case 'sentiment': return s.sentiment === 'negative' ? 'Negative' : 'Positive';
    case 'fact': return s.text;
    default: return s.words;
  }
}

/**
 * What a request asks for, as the "They asked for" field takes it: "asked for the towing figures" → "the towing
 * figures" (the field's label already says who asked).
 * @param {{what: string}} s
 */
export function askedFor(s) {
  return s.what.replace(/^(?:she|he|they|i)?\s*(?:asked|asks|asking)\s+(?:for|about)\s+/i, '').trim() || s.what;
}

/**
 * Names a suggestion so a tick survives the text being read again: statements by their meaning, sentiment by
 * itself, the rest by their place among suggestions of their kind.
 * @param {object} s
 * @param {number} ordinal its place among the suggestions of its kind
 */
export function heardKey(s, ordinal) {
  if (s.kind === 'statement') {
    const m = s.means;
    return `statement:${m.kind}:${m.channel || m.topic || m.days || ''}:${m.start || ''}-${m.end || ''}`;
  }
  if (s.kind === 'sentiment') return `sentiment:${s.sentiment}`;
  return `${s.kind}:${ordinal}`;
}

/** Keys for a list of suggestions, in order. */
export function heardKeys(suggestions) {
  const seen = {};
  return suggestions.map((s) => {
    seen[s.kind] = (seen[s.kind] || 0) + 1;
    return heardKey(s, seen[s.kind] - 1);
  });
}

/**
 * The customer's words a statement came from: the suggestion's own words when they are a phrase, else the
 * sentence (or line) around them — "call" alone says little on How to reach me; "Please don't call me at work,
 * email is best." is what they said.
 * @param {string} text
 * @param {{start: number, end: number, words: string}} s
 * @returns {string}
 */
export function theirWords(text, s) {
  if (s.words.trim().split(/\s+/).length >= 3) return s.words.trim();
  const cs = Array.from(text);
  const ends = (c) => c === '\n' || c === '.' || c === '!' || c === '?';
  let a = Math.max(0, Math.min(cs.length, s.start));
  while (a > 0 && !ends(cs[a - 1])) a -= 1;
  let b = Math.max(a, Math.min(cs.length, s.end));
  while (b < cs.length && !ends(cs[b])) b += 1;
  if (b < cs.length && cs[b] !== '\n') b += 1;
  const sentence = cs.slice(a, b).join('').trim();
  return sentence || s.words;
}

/** The rules an intent can trip, in words. */
const INTENT_RULES = {
  declined_topic: 'a topic they declined',
  pushes_declined_channel: 'a channel they declined',
  contentless: 'nothing in it for them',
  playbook: 'ruled out by their playbook',
  cooling_off: 'an offer they just said no to',
  referral_window: 'too soon to ask for referrals',
  referral_in_thank_you: 'an ask inside a thank-you',
  do_not_contact: 'they asked not to be contacted',
};

/** Rules that stand for the customer's own wishes: shown as a warning. */
const WARNING_RULES = new Set([
  'declined_topic', 'pushes_declined_channel', 'playbook', 'cooling_off', 'do_not_contact', 'referral_in_thank_you',
]);

/**
 * How an intent is shown: `warn` (a pitch on a declined topic, a push for a declined channel), `caution` (a
 * check-in, any other pitch or rule), `quiet` (asking for a channel they did not decline), `positive` (value).
 * @param {{intent: string, rule?: string}} i
 * @returns {'warn'|'caution'|'quiet'|'positive'}
 */
export function intentTone(i) {
  if (i.rule && WARNING_RULES.has(i.rule)) return 'warn';
  if (i.rule || i.intent === 'check_in' || i.intent === 'pitch') return 'caution';
  if (i.intent === 'value') return 'positive';
  return 'quiet';
}

/** An intent in a few words: "Asks for phone calls", "Pitches buy-back", "Checks in", "Something they gain". */
export function intentWhat(i) {
  switch (i.intent) {
    case 'check_in': return 'Checks in';
    case 'pitch': return i.topic ? `Pitches ${i.topic}` : 'Pitches';
    case 'asks_for_channel': return i.channel ? `Asks for ${channel(i.channel).label}` : 'Asks for another channel';
    case 'value': return 'Something they gain';
    default: return i.intent;
  }
}

const TONE_ICONS = { warn: 'stop', caution: 'warning', quiet: 'next', positive: 'check' };

/** Words for a tone, never colour alone. */
const TONE_WORDS = { warn: 'Against their wishes', caution: 'Caution', quiet: 'Note', positive: 'Good' };

/**
 * One intent as a list item: the icon and word of its tone, what it does, the words it was read from, the rule,
 * and the customer's own words with the day they said them.
 * @param {object} i an intent from `read_outreach`
 * @param {number} n its index (the marks in the text name it)
 * @param {string} who the customer's name as the window uses it
 */
export function intentItem(i, n, who) {
  const tone = intentTone(i);
  const rule = i.rule ? INTENT_RULES[i.rule] || i.rule.replace(/_/g, ' ') : '';
  return html`<li class="intent-item" data-intent="${i.intent}" data-tone="${tone}" data-rule="${i.rule || ''}"
    data-n="intent-${n}">
    <p class="intent-head"><span class="intent-tone">${icon(TONE_ICONS[tone])}
      <span class="visually-hidden">${TONE_WORDS[tone]}:</span></span>
      <strong class="intent-what">${intentWhat(i)}</strong>
      <span class="intent-words">“${i.words}”</span>${rule ? html` <span class="intent-rule">— ${rule}</span>` : ''}</p>
    ${i.quote ? html`<p class="intent-said">${who} said: <span class="words">“${i.quote}”</span>${i.said_on
    ? html` <span class="said">(${formatDate(i.said_on)})</span>` : ''}</p>` : ''}
  </li>`;
}
