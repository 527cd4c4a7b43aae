// The small vocabularies of the book (channels, ownership, note kinds …) with the words and icons the
// window shows for them. Values are the core's snake_case words (core/src/model).

/** Channels: value, the label used in preferences ("phone calls"), a short word ("Phone") and an icon. */
export const CHANNELS = [
  { value: 'phone', label: 'phone calls', word: 'Phone', icon: 'phone' },
  { value: 'text', label: 'text messages', word: 'Text', icon: 'text' },
  { value: 'email', label: 'email', word: 'Email', icon: 'email' },
  { value: 'mail', label: 'post', word: 'Post', icon: 'letter' },
  { value: 'in_person', label: 'in person', word: 'In person', icon: 'person' },
  { value: 'video', label: 'video calls', word: 'Video', icon: 'video' },
];

/**
 * A channel's entry (falls back to the raw word for a value the window does not know).
 * @param {string} value
 */
export function channel(value) {
  return CHANNELS.find((c) => c.value === value) || { value, label: value, word: value, icon: 'text' };
}

/** A contact on each channel, as a source ("from a phone call"). */
export const CONTACT_WORDS = {
  phone: 'a phone call',
  text: 'a text message',
  email: 'an email',
  mail: 'a letter',
  in_person: 'a visit',
  video: 'a video call',
};

/** Contact point kinds with a word and an icon. */
export const CONTACT_KINDS = [
  { value: 'phone', word: 'Phone', icon: 'phone' },
  { value: 'email', word: 'Email', icon: 'email' },
  { value: 'address', word: 'Address', icon: 'home' },
];

/**
 * A contact point kind's entry.
 * @param {string} value
 */
export function contactKind(value) {
  return CONTACT_KINDS.find((k) => k.value === value) || { value, word: value, icon: 'home' };
}

/** How a purchase was paid for. */
export const OWNERSHIP = [
  { value: 'cash', label: 'Bought outright' },
  { value: 'finance', label: 'Financed' },
  { value: 'lease', label: 'Leased' },
];

/**
 * How a purchase was paid for, in words.
 * @param {string} value
 */
export function ownershipLabel(value) {
  return (OWNERSHIP.find((o) => o.value === value) || { label: value }).label;
}

/** Note kinds in words. */
export const NOTE_KINDS = { note: 'Note', thank_you: 'Thank-you note', card_prompt: 'Card prompt' };

/** How the customer felt in a contact. */
export const SENTIMENTS = [
  { value: 'positive', label: 'Positive' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'negative', label: 'Negative' },
];

/** What a statement about being contacted can mean, as the "Record what they said" form offers it (all nine). */
export const MEANINGS = [
  { value: 'prefer_channel', label: 'Prefers a channel (“email is best for me”)' },
  { value: 'decline_channel', label: 'Declines a channel (“please don’t call me”)' },
  { value: 'allow_channel', label: 'A declined channel is fine again (“you can call me now”)' },
  { value: 'contact_hours', label: 'Only at certain hours (“only after 6pm”)' },
  { value: 'min_days_between', label: 'Not too often (“once a quarter is plenty”)' },
  { value: 'decline_topic', label: 'Declines a topic (“don’t ask me to sell it back”)' },
  { value: 'allow_topic', label: 'A declined topic is fine again' },
  { value: 'do_not_contact', label: 'Do not contact at all (“remove me from your list”)' },
  { value: 'resume_contact', label: 'May be contacted again (lifts do not contact)' },
];

/** Topics the Guard knows by name (its vocabulary maps many phrasings onto these), offered as suggestions. */
export const TOPIC_SUGGESTIONS = [
  'buy-back', 'trade-in', 'referrals', 'extended warranty', 'reviews', 'financing', 'service', 'recall',
];

/** Why an outbound contact happens (the Guard limits only your own ideas, never what they wait on). */
export const PURPOSES = [
  { value: 'proactive', label: 'My idea (proactive)' },
  { value: 'waiting', label: 'They are waiting on it (a promise, their issue, information they asked for)' },
  { value: 'reply', label: 'A reply to their message' },
];

/** Working days as the profile stores them. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

