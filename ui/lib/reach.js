// "How to reach me": what is in force from a customer's statements about being contacted.
// Statements are a history, oldest first; a later statement on the same subject overrides an earlier one
// (resume_contact lifts do_not_contact, allow_channel lifts decline_channel, allow_topic lifts decline_topic,
// the latest prefer_channel / contact_hours / min_days_between wins). Preferring a channel also lifts an earlier
// decline of it, and declining the preferred channel ends that preference.

/** The subject a statement speaks to; statements on one subject replace each other. */
function subject(means) {
  switch (means.kind) {
    case 'do_not_contact':
    case 'resume_contact':
      return 'contact';
    case 'decline_channel':
    case 'allow_channel':
      return `channel:${means.channel}`;
    case 'prefer_channel':
      return 'preferred';
    case 'contact_hours':
      return 'hours';
    case 'min_days_between':
      return 'often';
    case 'decline_topic':
    case 'allow_topic':
      return `topic:${String(means.topic || '').trim().toLowerCase()}`;
    default:
      return `other:${means.kind}`;
  }
}

/**
 * Works out what is in force.
 * @param {object[]} statements PreferenceStatement[] (any order; sorted by said_at, then recorded_at)
 * @returns {{
 *   doNotContact: object|null, preferred: object|null, declinedChannels: object[], hours: object|null,
 *   often: object|null, declinedTopics: object[],
 *   history: {statement: object, inForce: boolean, replacedBy: object|null}[]
 * }}
 */
export function howToReach(statements) {
  const ordered = statements
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.said_at < b.s.said_at ? -1 : a.s.said_at > b.s.said_at ? 1 : 0)
      || (a.s.recorded_at < b.s.recorded_at ? -1 : a.s.recorded_at > b.s.recorded_at ? 1 : 0)
      || a.i - b.i)
    .map(({ s }) => s);

  const latest = new Map();
  const replacedBy = new Map();
  const replace = (key, by) => {
    const prev = latest.get(key);
    if (prev) replacedBy.set(prev.id, by);
    latest.delete(key);
  };

  for (const s of ordered) {
    const m = s.means;
    if (m.kind === 'prefer_channel') {
      const decline = latest.get(`channel:${m.channel}`);
      if (decline && decline.means.kind === 'decline_channel') replace(`channel:${m.channel}`, s);
    }
    if (m.kind === 'decline_channel') {
      const preferred = latest.get('preferred');
      if (preferred && preferred.means.channel === m.channel) replace('preferred', s);
    }
    const key = subject(m);
    replace(key, s);
    latest.set(key, s);
  }

  const inForce = [...latest.values()];
  const contact = latest.get('contact');
  return {
    doNotContact: contact && contact.means.kind === 'do_not_contact' ? contact : null,
    preferred: latest.get('preferred') || null,
    declinedChannels: inForce.filter((s) => s.means.kind === 'decline_channel'),
    hours: latest.get('hours') || null,
    often: latest.get('often') || null,
    declinedTopics: inForce.filter((s) => s.means.kind === 'decline_topic'),
    history: ordered.map((s) => ({
      statement: s,
      inForce: !replacedBy.has(s.id),
      replacedBy: replacedBy.get(s.id) || null,
    })),
  };
}
