//! Adding the records that happen over time: purchases, promises, customer issues, interactions and what the
//! customer said about being contacted.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{read, rows, Store};
use crate::ids::new_id;
use crate::model::*;
use crate::{Error, Result};

impl Store {
    pub fn add_purchase(&mut self, customer_id: &str, input: NewPurchase, now: DateTime<Utc>) -> Result<Purchase> {
        crate::Book::add_purchase(self, customer_id, input, now)
    }

    /// Marks a promise kept today.
    pub fn keep_promise(&mut self, promise_id: &str, now: DateTime<Utc>) -> Result<Promise> {
        self.write(|tx| {
            let status: Option<String> = tx
                .query_row("SELECT status FROM promises WHERE id = ?1", params![promise_id], |r| r.get(0))
                .optional()?;
            match status.as_deref() {
                None => return Err(Error::NotFound { what: "promise", key: promise_id.to_string() }),
                Some("open") => {}
                Some(other) => return Err(Error::invalid("promise", format!("it is already {other}"))),
            }
            let today = now.date_naive().format("%Y-%m-%d").to_string();
            tx.execute(
                "UPDATE promises SET status = 'kept', closed_on = ?2 WHERE id = ?1",
                params![promise_id, today],
            )?;
            let promise = rows::one(tx, "SELECT * FROM promises WHERE id = ?1", params![promise_id], rows::promise)?;
            // A promise to bring the plates, kept, means the plates were delivered: the deliverable it names
            // (`Promise::names`, as the shared book decides it) closes with it.
            let open: Vec<(String, String)> = tx
                .prepare(
                    "SELECT d.id, d.what FROM deliverables d JOIN purchases p ON p.id = d.purchase_id
                     WHERE p.customer_id = ?1 AND d.delivered_on IS NULL",
                )?
                .query_map(params![promise.customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, _) in open.iter().filter(|(_, what)| promise.names(what)) {
                tx.execute("UPDATE deliverables SET delivered_on = ?2 WHERE id = ?1", params![id, today])?;
            }
            Ok(promise)
        })
    }

    pub fn open_issue(&mut self, customer_id: &str, input: NewIssue, now: DateTime<Utc>) -> Result<CustomerIssue> {
        let issue = CustomerIssue::open(customer_id, input, now)?;
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            rows::insert_issue(tx, &issue)
        })?;
        Ok(issue)
    }

    /// Adds an update to an open issue and, optionally, when the customer should hear next.
    pub fn update_issue(
        &mut self,
        issue_id: &str,
        text: &str,
        next_update_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CustomerIssue> {
        self.write(|tx| {
            let mut issue = issue_with_updates(tx, issue_id)?;
            let update = issue.add_update(text, next_update_on, now)?;
            rows::insert_issue_update(tx, issue_id, &update)?;
            if let Some(next) = issue.next_update_on {
                tx.execute(
                    "UPDATE issues SET next_update_on = ?2 WHERE id = ?1",
                    params![issue_id, next.format("%Y-%m-%d").to_string()],
                )?;
            }
            issue_with_updates(tx, issue_id)
        })
    }

    /// Resolves an issue; telling the customer it is done is still to come.
    pub fn resolve_issue(&mut self, issue_id: &str, resolution: &str, now: DateTime<Utc>) -> Result<CustomerIssue> {
        self.write(|tx| {
            let mut issue = issue_with_updates(tx, issue_id)?;
            issue.resolve(resolution, now)?;
            tx.execute(
                "UPDATE issues SET status = 'resolved', resolved_on = ?2, resolution = ?3, next_update_on = NULL WHERE id = ?1",
                params![issue_id, now.date_naive().format("%Y-%m-%d").to_string(), issue.resolution],
            )?;
            issue_with_updates(tx, issue_id)
        })
    }

    /// Logs a contact that happened.
    pub fn log_interaction(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        let i = input.validated()?;
        let interaction = Interaction {
            id: new_id(),
            customer_id: customer_id.to_string(),
            at: i.at.unwrap_or(now),
            channel: i.channel,
            direction: i.direction,
            summary: i.summary,
            quotes: i.quotes,
            sentiment: i.sentiment,
            reason: i.reason,
            topic: i.topic,
            asked_for: i.asked_for,
            justification: i.justification,
            purpose: i.purpose,
        };
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            rows::insert_interaction(tx, &interaction)
        })?;
        Ok(interaction)
    }

    /// Records what the customer said about being contacted, in their words. Earlier statements stay as they were.
    pub fn record_statement(
        &mut self,
        customer_id: &str,
        input: NewStatement,
        now: DateTime<Utc>,
    ) -> Result<PreferenceStatement> {
        let s = input.validated()?;
        let statement = crate::book::statement_from(customer_id, s, now)?;
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            if let Some(source) = &statement.source_interaction_id {
                let owner: Option<String> = tx
                    .query_row("SELECT customer_id FROM interactions WHERE id = ?1", params![source], |r| r.get(0))
                    .optional()?;
                if owner.as_deref() != Some(customer_id) {
                    return Err(Error::invalid("source interaction", "is not one of this customer's interactions"));
                }
            }
            rows::insert_statement(tx, &statement)
        })?;
        Ok(statement)
    }
}

fn issue_in(conn: &rusqlite::Connection, issue_id: &str) -> Result<CustomerIssue> {
    rows::one(conn, "SELECT * FROM issues WHERE id = ?1", params![issue_id], rows::issue)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "issue", key: issue_id.to_string() })
}

fn issue_with_updates(conn: &rusqlite::Connection, issue_id: &str) -> Result<CustomerIssue> {
    let mut issue = issue_in(conn, issue_id)?;
    let mut stmt = conn.prepare_cached("SELECT * FROM issue_updates WHERE issue_id = ?1 ORDER BY at, n")?;
    issue.updates = rows::all(&mut stmt, params![issue_id], rows::issue_update)?.into_iter().map(|(_, u)| u).collect();
    Ok(issue)
}

/// A purchase made of what the purchase form (or an import) gives, with fresh ids.
pub(crate) fn purchase_from(customer_id: &str, p: NewPurchase, now: DateTime<Utc>) -> Purchase {
    Purchase {
        id: new_id(),
        customer_id: customer_id.to_string(),
        purchased_on: p.purchased_on.unwrap_or(now.date_naive()),
        description: p.description,
        vehicle: p.vehicle,
        features: p.features,
        ownership: p.ownership,
        term_ends_on: p.term_ends_on,
        warranty_ends_on: p.warranty_ends_on,
        warranty_terms: p.warranty_terms,
        included_services: p
            .included_services
            .into_iter()
            .map(|s| IncludedService {
                id: new_id(),
                name: s.name.trim().to_string(),
                every_months: s.every_months,
                total: s.total,
                used: s.used,
            })
            .collect(),
        deliverables: p
            .deliverables
            .into_iter()
            .map(|d| Deliverable {
                id: new_id(),
                what: d.what.trim().to_string(),
                due_on: d.due_on,
                delivered_on: None,
            })
            .collect(),
    }
}
