//! What a customer said about being contacted, in their own words, and what it means.
//!
//! Statements are a history: a change of mind is a new statement, never an edit of an old one
//! (the database refuses updates to this table).

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{required, Channel};
use crate::{Error, Result};

/// One thing the customer said, with when and where they said it. Written out, it also carries `reads`: what it
/// means in the salesperson's words ([`Meaning::describe`]), so the window shows the core's wording instead of
/// keeping its own (reading a statement back ignores it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "StatementOut")]
pub struct PreferenceStatement {
    pub id: String,
    pub customer_id: String,
    /// When the customer said it.
    pub said_at: DateTime<Utc>,
    /// Their words, verbatim: "Email only please, I travel most weeks."
    pub words: String,
    pub means: Meaning,
    /// The interaction in which they said it, when it was logged.
    pub source_interaction_id: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// [`PreferenceStatement`] as it is written out: its fields and how its meaning reads.
#[derive(Serialize)]
struct StatementOut {
    id: String,
    customer_id: String,
    said_at: DateTime<Utc>,
    words: String,
    reads: String,
    means: Meaning,
    source_interaction_id: Option<String>,
    recorded_at: DateTime<Utc>,
}

impl From<PreferenceStatement> for StatementOut {
    fn from(s: PreferenceStatement) -> Self {
        StatementOut {
            reads: s.means.describe(),
            id: s.id,
            customer_id: s.customer_id,
            said_at: s.said_at,
            words: s.words,
            means: s.means,
            source_interaction_id: s.source_interaction_id,
            recorded_at: s.recorded_at,
        }
    }
}

/// What a statement means for contacting the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meaning {
    /// "Email is best for me."
    PreferChannel { channel: Channel },
    /// "Please don't call me."
    DeclineChannel { channel: Channel },
    /// "You can call me again." Lifts an earlier decline of that channel.
    AllowChannel { channel: Channel },
    /// "Only call between 10 and 4", in the customer's own time zone.
    ContactHours { start: NaiveTime, end: NaiveTime },
    /// "Once a quarter is plenty."
    MinDaysBetween { days: u32 },
    /// "Don't ask me to sell the car back."
    DeclineTopic { topic: String },
    /// "Actually, do tell me about trade-in offers now." Lifts an earlier decline of that topic.
    AllowTopic { topic: String },
    /// "Remove me from your list."
    DoNotContact,
    /// "You can contact me again." Lifts do-not-contact; only the customer can say this.
    ResumeContact,
}

/// The short forms `Meaning::parse` reads.
const MEANINGS: &str = "use prefer:CHANNEL, decline:CHANNEL, allow:CHANNEL, hours:HH:MM-HH:MM, min-days:N, \
                        topic:TOPIC, allow-topic:TOPIC, do-not-contact or resume";

impl Meaning {
    pub fn kind(&self) -> &'static str {
        match self {
            Meaning::PreferChannel { .. } => "prefer_channel",
            Meaning::DeclineChannel { .. } => "decline_channel",
            Meaning::AllowChannel { .. } => "allow_channel",
            Meaning::ContactHours { .. } => "contact_hours",
            Meaning::MinDaysBetween { .. } => "min_days_between",
            Meaning::DeclineTopic { .. } => "decline_topic",
            Meaning::AllowTopic { .. } => "allow_topic",
            Meaning::DoNotContact => "do_not_contact",
            Meaning::ResumeContact => "resume_contact",
        }
    }

    /// A short description in the salesperson's words.
    pub fn describe(&self) -> String {
        match self {
            Meaning::PreferChannel { channel } => format!("prefers {}", channel.label()),
            Meaning::DeclineChannel { channel } => format!("no {}", channel.label()),
            Meaning::AllowChannel { channel } => format!("{} is fine again", channel.label()),
            Meaning::ContactHours { start, end } => {
                format!("only {} their time", crate::date_style::hours(*start, *end))
            }
            Meaning::MinDaysBetween { days } => format!("at most once every {days} days"),
            Meaning::DeclineTopic { topic } => format!("never raise: {topic}"),
            Meaning::AllowTopic { topic } => format!("open again to: {topic}"),
            Meaning::DoNotContact => "do not contact".to_string(),
            Meaning::ResumeContact => "contact allowed again".to_string(),
        }
    }

    /// Reads the short form the command line takes: `prefer:email`, `decline:phone`, `allow:phone`,
    /// `hours:10:00-16:00`, `min-days:30`, `topic:buy-back`, `allow-topic:trade-in`, `do-not-contact`, `resume`.
    pub fn parse(text: &str) -> Result<Meaning> {
        let bad = |m: String| Error::invalid("means", m);
        let (head, rest) = match text.trim().split_once(':') {
            Some((h, r)) => (h.trim().to_ascii_lowercase(), Some(r.trim())),
            None => (text.trim().to_ascii_lowercase(), None),
        };
        let channel = |r: Option<&str>| -> Result<Channel> {
            r.unwrap_or("").parse::<Channel>().map_err(|e| bad(format!("channel {e}")))
        };
        let topic = |r: Option<&str>| -> Result<String> {
            required("topic", r.unwrap_or("")).map_err(|_| bad("a topic is required, e.g. topic:buy-back".into()))
        };
        Ok(match head.as_str() {
            "prefer" => Meaning::PreferChannel { channel: channel(rest)? },
            "decline" => Meaning::DeclineChannel { channel: channel(rest)? },
            "allow" => Meaning::AllowChannel { channel: channel(rest)? },
            "hours" => {
                let r = rest.unwrap_or("");
                let (s, e) = r.split_once('-').ok_or_else(|| bad(format!("hours '{r}' must look like 10:00-16:00")))?;
                let start = crate::time::parse_clock(s).map_err(|m| bad(format!("hours start {m}")))?;
                let end = crate::time::parse_clock(e).map_err(|m| bad(format!("hours end {m}")))?;
                if start >= end {
                    return Err(bad(format!("hours {r}: the start must be before the end")));
                }
                Meaning::ContactHours { start, end }
            }
            "min-days" | "min_days" => {
                let days = rest
                    .unwrap_or("")
                    .parse::<u32>()
                    .ok()
                    .filter(|d| *d > 0 && *d <= 3650)
                    .ok_or_else(|| bad("min-days needs a number of days from 1 to 3650".into()))?;
                Meaning::MinDaysBetween { days }
            }
            "topic" | "decline-topic" => Meaning::DeclineTopic { topic: topic(rest)? },
            "allow-topic" => Meaning::AllowTopic { topic: topic(rest)? },
            "do-not-contact" | "dnc" | "remove" => Meaning::DoNotContact,
            "resume" | "resume-contact" => Meaning::ResumeContact,
            other => return Err(bad(format!("'{other}' is not understood; {MEANINGS}"))),
        })
    }

    pub(crate) fn validated(self) -> Result<Meaning> {
        match self {
            Meaning::ContactHours { start, end } if start >= end => {
                Err(Error::invalid("hours", "the start must be before the end"))
            }
            Meaning::MinDaysBetween { days } if days == 0 || days > 3650 => {
                Err(Error::invalid("days", "must be from 1 to 3650"))
            }
            Meaning::DeclineTopic { topic } => Ok(Meaning::DeclineTopic { topic: required("topic", &topic)? }),
            Meaning::AllowTopic { topic } => Ok(Meaning::AllowTopic { topic: required("topic", &topic)? }),
            other => Ok(other),
        }
    }
}

/// What the "Record what they said" form sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewStatement {
    pub words: String,
    pub means: Meaning,
    /// Defaults to now.
    #[serde(default)]
    pub said_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub source_interaction_id: Option<String>,
}

impl NewStatement {
    pub fn validated(self) -> Result<Self> {
        if let Some(at) = self.said_at {
            crate::time::moment_in_range(at).map_err(|m| Error::invalid("said", m))?;
        }
        Ok(NewStatement { words: required("their words", &self.words)?, means: self.means.validated()?, ..self })
    }
}
