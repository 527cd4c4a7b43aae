//! What a customer's statements add up to now: each subject's latest word wins, and every wish keeps the
//! statement it came from, so the salesperson always sees the customer's own words.

use chrono::NaiveTime;
use serde::Serialize;

use crate::language::topics;
use crate::model::{Channel, Meaning, PreferenceStatement};

/// A wish and the statement that made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Said<T> {
    pub value: T,
    pub statement: PreferenceStatement,
}

/// Contact hours in the customer's own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Hours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// The customer's wishes in force, from their statements in the order they said them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactWishes {
    pub do_not_contact: Option<Said<()>>,
    pub preferred_channel: Option<Said<Channel>>,
    pub declined_channels: Vec<Said<Channel>>,
    pub hours: Option<Said<Hours>>,
    pub min_days_between: Option<Said<u32>>,
    /// Topics declined, by canonical topic (`"buy-back"` for "sell it back").
    pub declined_topics: Vec<Said<String>>,
}

impl ContactWishes {
    /// Folds the statements oldest first (by when they were said, then as recorded).
    pub fn from_statements(statements: &[PreferenceStatement]) -> ContactWishes {
        let mut ordered: Vec<&PreferenceStatement> = statements.iter().collect();
        ordered.sort_by_key(|s| s.said_at);
        let mut w = ContactWishes::default();
        for s in ordered {
            let said = |value| Said { value, statement: s.clone() };
            match &s.means {
                Meaning::DoNotContact => w.do_not_contact = Some(said(())),
                Meaning::ResumeContact => w.do_not_contact = None,
                Meaning::PreferChannel { channel } => {
                    w.preferred_channel = Some(Said { value: *channel, statement: s.clone() });
                    // Saying "email is best" for a channel once declined takes the decline back.
                    w.declined_channels.retain(|d| d.value != *channel);
                }
                Meaning::DeclineChannel { channel } => {
                    w.declined_channels.retain(|d| d.value != *channel);
                    w.declined_channels.push(Said { value: *channel, statement: s.clone() });
                    if w.preferred_channel.as_ref().is_some_and(|p| p.value == *channel) {
                        w.preferred_channel = None;
                    }
                }
                Meaning::AllowChannel { channel } => w.declined_channels.retain(|d| d.value != *channel),
                Meaning::ContactHours { start, end } => {
                    w.hours = Some(Said { value: Hours { start: *start, end: *end }, statement: s.clone() })
                }
                Meaning::MinDaysBetween { days } => {
                    w.min_days_between = Some(Said { value: *days, statement: s.clone() })
                }
                Meaning::DeclineTopic { topic } => {
                    let t = topics::canonical(topic);
                    w.declined_topics.retain(|d| d.value != t);
                    w.declined_topics.push(Said { value: t, statement: s.clone() });
                }
                Meaning::AllowTopic { topic } => {
                    let t = topics::canonical(topic);
                    w.declined_topics.retain(|d| d.value != t);
                }
            }
        }
        w
    }

    pub fn declined(&self, channel: Channel) -> Option<&Said<Channel>> {
        self.declined_channels.iter().find(|d| d.value == channel)
    }

    /// The channel to reach them on: the one they prefer, else `natural` (the obvious one for the purpose), else
    /// the first of email, phone, text and post they have not declined. Never one they declined.
    pub fn open_channel(&self, natural: Option<Channel>) -> Option<Channel> {
        self.preferred_channel
            .as_ref()
            .map(|p| p.value)
            .into_iter()
            .chain(natural)
            .chain([Channel::Email, Channel::Phone, Channel::Text, Channel::Mail])
            .find(|c| self.declined(*c).is_none())
    }
}
