//! An outreach the Guard stopped, kept so the salesperson can see what was held back and why.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Channel;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldBack {
    pub id: String,
    pub customer_id: String,
    /// When it was attempted.
    pub at: DateTime<Utc>,
    /// The moment the contact was meant for.
    pub planned_for: DateTime<Utc>,
    pub channel: Channel,
    pub topic: Option<String>,
    pub text: Option<String>,
    /// The rule that decided (`do_not_contact`, `declined_channel` …).
    pub rule: String,
    pub message: String,
    /// The customer's words behind the rule, when they said something.
    pub quote: Option<String>,
    /// When they said them.
    #[serde(default)]
    pub said_on: Option<chrono::NaiveDate>,
    /// Where it was attempted: `log`, `agenda` or `notification`.
    pub source: String,
}
