//! What the customer is waiting on: the salesperson's promises and the customer's open issues.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::required;
use super::words::vocabulary;
use crate::Result;

vocabulary! {
    PromiseStatus { Open => "open", Kept => "kept", Cancelled => "cancelled" }
}

/// Something the salesperson committed to: what, for whom, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    pub customer_id: String,
    pub what: String,
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: PromiseStatus,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPromise {
    pub what: String,
    pub due_on: NaiveDate,
    /// Defaults to today.
    #[serde(default)]
    pub made_on: Option<NaiveDate>,
}

impl NewPromise {
    pub fn validated(self) -> Result<Self> {
        for d in [Some(self.due_on), self.made_on].into_iter().flatten() {
            crate::time::date_in_range(d).map_err(|m| crate::Error::invalid("due", m))?;
        }
        Ok(NewPromise { what: required("promise", &self.what)?, ..self })
    }
}

vocabulary! {
    IssueStatus { Open => "open", Resolved => "resolved" }
}

/// A dated update on an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueUpdate {
    pub id: String,
    pub at: DateTime<Utc>,
    pub text: String,
}

/// A problem the customer raised, until it is resolved and they have been told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerIssue {
    pub id: String,
    pub customer_id: String,
    pub title: String,
    pub opened_on: NaiveDate,
    pub status: IssueStatus,
    /// When the customer should next hear how it is going (set by the salesperson).
    pub next_update_on: Option<NaiveDate>,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: Option<String>,
    pub updates: Vec<IssueUpdate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewIssue {
    pub title: String,
    #[serde(default)]
    pub opened_on: Option<NaiveDate>,
    #[serde(default)]
    pub next_update_on: Option<NaiveDate>,
}

impl NewIssue {
    pub fn validated(self) -> Result<Self> {
        Ok(NewIssue { title: required("issue", &self.title)?, ..self })
    }
}
