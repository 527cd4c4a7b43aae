//! Language: the one place in Rapport that reads natural language.
//!
//! - [`outreach`]: what a message to a customer does — a check-in, a pitch on a topic, a push for a channel,
//!   something of value — each with the words that show it. The Guard and the form-letter detector ask it.
//! - [`listen`]: what a customer's words (or the salesperson's call summary) mean — statements about being
//!   contacted, requests, praise and complaints, promises with their dates, personal facts — as suggestions the
//!   salesperson confirms.
//! - [`dates`]: relative dates ("by Friday", "in two weeks") on the customer's calendar.
//!
//! Underneath: [`text`] splits words (with their places), lemmas and negation; [`lexicon`] holds every word list
//! the project has, written as patterns over lemmas ([`pattern`]). Every finding carries character offsets
//! into the text it came from, so the window can underline the very words.

pub mod dates;
pub mod letters;
pub mod lexicon;
pub mod listen;
pub mod outreach;
pub(crate) mod pattern;
pub mod text;
pub mod topics;

pub use outreach::{read, Intent, IntentKind, Reading};
