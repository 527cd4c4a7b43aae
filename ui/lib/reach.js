// "How to reach me": presentation helpers over `wishes`, the Guard's own reading of a customer's statements
// (customer_page returns it). The window never works out for itself which statement is in force, so the card
// and the Guard can never disagree; these helpers only decide how to show what the core said.

/** Statements that take an earlier wish back rather than make one ("you can call me again"). */
const LIFTS = new Set(['allow_channel', 'allow_topic', 'resume_contact']);

/** Wishes for a page that came without them (nothing stated). */
const NO_WISHES = Object.freeze({
  do_not_contact: null,
  preferred_channel: null,
  declined_channels: [],
  hours: null,
  min_days_between: null,
  declined_topics: [],
});

/**
 * The page's wishes with every list present.
 * @param {object|undefined|null} wishes
 * @returns {{do_not_contact: object|null, preferred_channel: object|null, declined_channels: object[],
 *   hours: object|null, min_days_between: object|null, declined_topics: object[]}}
 */
export function wishesOf(wishes) {
  return { ...NO_WISHES, ...(wishes || {}) };
}

/**
 * The ids of the statements behind the wishes in force.
 * @param {object} wishes as wishesOf returns
 * @returns {Set<string>}
 */
export function inForceIds(wishes) {
  const ids = new Set();
  const add = (said) => {
    if (said && said.statement) ids.add(said.statement.id);
  };
  add(wishes.do_not_contact);
  add(wishes.preferred_channel);
  add(wishes.hours);
  add(wishes.min_days_between);
  wishes.declined_channels.forEach(add);
  wishes.declined_topics.forEach(add);
  return ids;
}

/**
 * Every statement, oldest first, with how it stands now: `in_force` (a wish the Guard honours), `lifted`
 * (it took an earlier wish back) or `superseded` (a later statement replaced it).
 * @param {object[]} statements PreferenceStatement[]
 * @param {object} wishes as wishesOf returns
 * @returns {{statement: object, standing: 'in_force'|'lifted'|'superseded'}[]}
 */
export function statementHistory(statements, wishes) {
  const live = inForceIds(wishes);
  return statements
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.said_at < b.s.said_at ? -1 : a.s.said_at > b.s.said_at ? 1 : 0)
      || (a.s.recorded_at < b.s.recorded_at ? -1 : a.s.recorded_at > b.s.recorded_at ? 1 : 0)
      || a.i - b.i)
    .map(({ s }) => {
      let standing = 'superseded';
      if (live.has(s.id)) standing = 'in_force';
      else if (LIFTS.has(s.means.kind)) standing = 'lifted';
      return { statement: s, standing };
    });
}

/**
 * What the customer has not said yet, in words ("preferred channel", "hours", "how often").
 * @param {object} wishes as wishesOf returns
 * @returns {string[]}
 */
export function unstated(wishes) {
  return [
    wishes.preferred_channel ? '' : 'preferred channel',
    wishes.hours ? '' : 'hours',
    wishes.min_days_between ? '' : 'how often',
  ].filter(Boolean);
}
