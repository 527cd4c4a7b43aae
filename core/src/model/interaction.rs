//! A dated contact in either direction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::{clean, required};
use crate::Result;

vocabulary! {
    /// How a contact happens.
    Channel {
        Phone => "phone",
        Text => "text",
        Email => "email",
        /// A letter or card by post.
        Mail => "mail",
        InPerson => "in_person",
        Video => "video",
    }
}

impl Channel {
    /// The channel as a short word: "phone", "post", "in person".
    pub fn word(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Text => "text",
            Channel::Email => "email",
            Channel::Mail => "post",
            Channel::InPerson => "in person",
            Channel::Video => "video call",
        }
    }

    /// The channel as what a customer declines: "phone calls", "text messages".
    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "phone calls",
            Channel::Text => "text messages",
            Channel::Email => "email",
            Channel::Mail => "post",
            Channel::InPerson => "in person",
            Channel::Video => "video calls",
        }
    }
}

vocabulary! {
    /// Who reached out.
    Direction { Inbound => "in", Outbound => "out" }
}

vocabulary! {
    /// Why an outbound contact happened.
    Purpose {
        /// The salesperson's idea: a service milestone, an offer from the playbook, a personal date.
        Proactive => "proactive",
        /// The customer is waiting on it: a promise, an update on their issue, information they asked for.
        Waiting => "waiting",
        /// An answer to the customer's own message, on the channel they used.
        Reply => "reply",
    }
}

vocabulary! {
    /// How the customer felt, as the salesperson read it.
    Sentiment { Positive => "positive", Neutral => "neutral", Negative => "negative" }
}

/// A contact that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    pub customer_id: String,
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    /// What the customer said, verbatim.
    pub quotes: Vec<String>,
    pub sentiment: Option<Sentiment>,
    /// For an outbound contact: why it was worth the customer's time.
    pub reason: Option<String>,
    /// The subject, when it is one the Guard knows (buy-back, service, referral …).
    pub topic: Option<String>,
    /// Information the customer asked for in this contact, still to be sent.
    pub asked_for: Option<String>,
    /// Why the salesperson went ahead despite a caution.
    pub justification: Option<String>,
    /// For an outbound contact: proactive, waited on, or a reply.
    #[serde(default)]
    pub purpose: Option<Purpose>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewInteraction {
    /// Defaults to now.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    #[serde(default)]
    pub quotes: Vec<String>,
    #[serde(default)]
    pub sentiment: Option<Sentiment>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub asked_for: Option<String>,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default)]
    pub purpose: Option<Purpose>,
}

impl NewInteraction {
    pub fn validated(self) -> Result<Self> {
        if let Some(at) = self.at {
            crate::time::moment_in_range(at).map_err(|m| crate::Error::invalid("at", m))?;
        }
        Ok(NewInteraction {
            summary: required("summary", &self.summary)?,
            quotes: self.quotes.into_iter().map(|q| q.trim().to_string()).filter(|q| !q.is_empty()).collect(),
            reason: clean(self.reason),
            topic: clean(self.topic),
            asked_for: clean(self.asked_for),
            justification: clean(self.justification),
            ..self
        })
    }
}
