//! The salesperson's own reminders, and what they did with each reason on the agenda.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::Channel;

/// A reminder the salesperson set, which must say what the customer gains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub customer_id: String,
    /// What the customer gains, in their terms.
    pub value: String,
    pub due_on: NaiveDate,
    pub channel: Option<Channel>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReminder {
    pub value: String,
    pub due_on: NaiveDate,
    #[serde(default)]
    pub channel: Option<Channel>,
}

vocabulary! {
    /// What the salesperson did with a reason.
    ReasonStateKind {
        /// Handled: it does not come back.
        Done => "done",
        /// Out of sight until a date.
        Snoozed => "snoozed",
        /// Not worth it, with a reason: it does not come back.
        Dismissed => "dismissed",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonState {
    pub reason_id: String,
    pub customer_id: String,
    pub state: ReasonStateKind,
    /// For a snooze: the day it comes back.
    pub until: Option<NaiveDate>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// A reason that was sent as a desktop notification (once, ever).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notified {
    pub reason_id: String,
    pub at: DateTime<Utc>,
}
