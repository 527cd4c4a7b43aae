// The Guard's answer as the window shows it: an icon and a word (Allowed / Caution / Blocked — never colour
// alone), each reason's message, the customer's own words in quotation marks with the day they said them, and
// what to do instead. Presentation only: the decision itself always comes from the core.

import { html } from './html.js';
import { icon } from './icons.js';
import { formatDate } from './format.js';
import { channel } from './words.js';

/** The three verdicts in words. */
export const VERDICTS = {
  allowed: { word: 'Allowed', icon: 'check', lead: 'Nothing they said stands against this contact.' },
  caution: {
    word: 'Caution',
    icon: 'warning',
    lead: 'You may go ahead, but say why below; it is kept with the contact.',
  },
  blocked: { word: 'Blocked', icon: 'stop', lead: 'Rapport will not log this contact.' },
};

const SEVERITY_WORDS = { caution: 'Caution', blocked: 'Blocks' };

/**
 * One reason of a decision.
 * @param {{rule: string, severity: string, message: string, quote?: string, said_on?: string}} finding
 */
function findingMarkup(finding) {
  const severity = finding.severity === 'blocked' ? 'blocked' : 'caution';
  return html`<li class="finding finding-${severity}" data-rule="${finding.rule}">
    <p class="finding-message"><span class="finding-severity">${icon(VERDICTS[severity].icon)}
      ${SEVERITY_WORDS[severity]}</span> <span class="finding-text">${finding.message}</span></p>
    ${finding.quote ? html`<p class="finding-words"><span class="words">“${finding.quote}”</span>${finding.said_on
    ? html` <span class="said">said ${formatDate(finding.said_on)}</span>` : ''}</p>` : ''}
  </li>`;
}

/**
 * Whether the customer's own words are behind a block (rather than a rule of the house).
 * @param {{reasons: object[]}} decision
 * @returns {boolean}
 */
export function blockedByTheirWords(decision) {
  return decision.reasons.some((r) => r.severity === 'blocked' && r.quote);
}

/**
 * The inside of a verdict panel.
 * @param {{decision: 'allowed'|'caution'|'blocked', reasons: object[], suggestion?: string}} decision
 * @param {{outcome?: any, switchable?: boolean}} [options] `outcome`: what just happened to a submitted contact
 *   ("Not logged — …"); `switchable`: the suggested channel is a button (`data-switch-channel`) the form handles
 */
export function verdictMarkup(decision, { outcome = null, switchable = false } = {}) {
  const v = VERDICTS[decision.decision] || VERDICTS.caution;
  return html`${outcome ? html`<div class="verdict-outcome">${outcome}</div>` : ''}
    <p class="verdict-word">${icon(v.icon)} <strong>${v.word}</strong></p>
    ${outcome ? '' : html`<p class="verdict-lead">${v.lead}</p>`}
    ${decision.reasons.length ? html`<ul class="findings" role="list">${decision.reasons.map(findingMarkup)}</ul>` : ''}
    ${decision.suggestion ? html`<p class="verdict-suggestion">${icon('next')} ${decision.suggestion}</p>` : ''}
    ${switchable && decision.instead ? html`<button type="button" class="button small" id="verdict-switch"
      data-switch-channel="${decision.instead}">Switch to ${channel(decision.instead).word.toLowerCase()}</button>` : ''}`;
}
