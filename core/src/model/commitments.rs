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

impl Promise {
    /// Whether keeping this promise delivers `what` ("Bring her plates" delivers "plates"): its words hold the
    /// deliverable's, letters compared without case.
    pub fn names(&self, what: &str) -> bool {
        self.what.to_ascii_lowercase().contains(&what.to_ascii_lowercase())
    }
}

impl NewIssue {
    pub fn validated(self) -> Result<Self> {
        Ok(NewIssue { title: required("issue", &self.title)?, ..self })
    }
}

impl CustomerIssue {
    /// A new open issue from checked input: opened today unless said otherwise.
    pub fn open(customer_id: &str, input: NewIssue, now: DateTime<Utc>) -> Result<CustomerIssue> {
        let i = input.validated()?;
        Ok(CustomerIssue {
            id: crate::ids::new_id(),
            customer_id: customer_id.to_string(),
            title: i.title,
            opened_on: i.opened_on.unwrap_or(now.date_naive()),
            status: IssueStatus::Open,
            next_update_on: i.next_update_on,
            resolved_on: None,
            resolution: None,
            updates: Vec::new(),
        })
    }

    /// Adds an update to an open issue and, optionally, when the customer should hear next; returns the update.
    pub fn add_update(
        &mut self,
        text: &str,
        next_update_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<IssueUpdate> {
        let text = required("update", text)?;
        if self.status != IssueStatus::Open {
            return Err(crate::Error::invalid("issue", "it is resolved; open a new issue instead"));
        }
        let update = IssueUpdate { id: crate::ids::new_id(), at: now, text };
        self.updates.push(update.clone());
        if next_update_on.is_some() {
            self.next_update_on = next_update_on;
        }
        Ok(update)
    }

    /// Resolves an open issue; telling the customer it is done is still to come.
    pub fn resolve(&mut self, resolution: &str, now: DateTime<Utc>) -> Result<()> {
        let resolution = resolution.trim().to_string();
        if resolution.is_empty() {
            return Err(crate::Error::invalid("resolution", "say how it was resolved; the customer will want to know"));
        }
        if self.status != IssueStatus::Open {
            return Err(crate::Error::invalid("issue", "it is already resolved"));
        }
        self.status = IssueStatus::Resolved;
        self.resolved_on = Some(now.date_naive());
        self.resolution = Some(resolution);
        self.next_update_on = None;
        Ok(())
    }
}
