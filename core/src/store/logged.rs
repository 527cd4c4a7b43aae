//! Logging what already happened from a file: an email dropped on the window (or `rapport log FILE`) becomes a
//! contact with the customer it was from or to — matched by email address, as an import matches — so a contact
//! made in the salesperson's own mail app is counted by the Guard without typing it twice.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::guard::{Decision, Outreach};
use crate::io::mail::Email;
use crate::model::{Channel, Direction, Interaction, NewInteraction, Purpose};
use crate::{Error, Result};

/// How much of an inbound email is kept as the customer's own words.
const MOST_QUOTED: usize = 600;

/// What logging one email did.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedEmail {
    pub customer_id: String,
    pub customer_name: String,
    pub direction: Direction,
    /// The contact logged; `None` when the same email was logged before (nothing is doubled).
    pub interaction: Option<Interaction>,
    /// For an email the salesperson sent: what the Guard says of it, when it is not simply allowed — it was sent
    /// already, so it is logged, and the salesperson learns what the customer said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guard: Option<Decision>,
}

impl Store {
    /// Logs `email` with the customer it was from (inbound) or to (outbound), found by their email address — or
    /// with `customer_id` when the salesperson picked one (then `direction` says which way it went, unless the
    /// addresses tell). The same email logged twice is logged once.
    pub fn log_email(
        &mut self,
        email: &Email,
        customer_id: Option<&str>,
        direction: Option<Direction>,
        now: DateTime<Utc>,
    ) -> Result<LoggedEmail> {
        let from: Vec<String> = email.from.iter().map(|m| m.address.clone()).collect();
        let to: Vec<String> = email.to.iter().map(|m| m.address.clone()).collect();
        let (customer_id, direction) = match customer_id {
            Some(id) => {
                let id = self.lookup_customer(id)?;
                let theirs = self.emails_of(&id)?;
                let has = |list: &[String]| list.iter().any(|a| theirs.iter().any(|t| t.eq_ignore_ascii_case(a)));
                let way = if has(&from) {
                    Direction::Inbound
                } else if has(&to) {
                    Direction::Outbound
                } else {
                    direction.ok_or_else(|| {
                        Error::invalid(
                            "direction",
                            "none of this email's addresses is theirs: say whether it came in or went out",
                        )
                    })?
                };
                (id, way)
            }
            None => match (self.customer_with_email(&from)?, self.customer_with_email(&to)?) {
                (Some(id), _) => (id, Direction::Inbound),
                (None, Some(id)) => (id, Direction::Outbound),
                (None, None) => {
                    let all: Vec<String> = from.iter().chain(&to).cloned().collect();
                    return Err(Error::invalid(
                        "customer",
                        format!(
                            "nobody in your book has {}: pick the customer it belongs to, or add them first",
                            if all.is_empty() { "an address of this email".to_string() } else { all.join(", ") }
                        ),
                    ));
                }
            },
        };
        let record = self.customer_record(&customer_id)?;
        let at = email.at.unwrap_or(now);
        let subject = email.subject.clone().unwrap_or_default();
        let summary = match (subject.trim(), email.words.trim()) {
            ("", "") => "An email with no subject and no words".to_string(),
            (s, "") => s.to_string(),
            ("", w) => w.to_string(),
            (s, w) => format!("{s}\n\n{w}"),
        };
        let quotes = match direction {
            Direction::Inbound if !email.words.trim().is_empty() => {
                let w = email.words.trim();
                vec![match w.char_indices().nth(MOST_QUOTED) {
                    Some((cut, _)) => format!("{}…", &w[..cut]),
                    None => w.to_string(),
                }]
            }
            _ => vec![],
        };
        let purpose = match direction {
            Direction::Outbound if email.reply => Some(Purpose::Reply),
            Direction::Outbound => Some(Purpose::Proactive),
            Direction::Inbound => None,
        };
        let already: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM interactions WHERE customer_id = ?1 AND at = ?2 AND channel = 'email'
                 AND direction = ?3 AND summary = ?4)",
            params![customer_id, crate::time::stamp(at), direction.as_str(), summary],
            |r| r.get(0),
        )?;
        let guard = match direction {
            Direction::Outbound => {
                let outreach = Outreach {
                    channel: Channel::Email,
                    at,
                    topic: None,
                    text: Some(summary.clone()),
                    reason: None,
                    purpose: purpose.unwrap_or(Purpose::Proactive),
                    in_thank_you: false,
                };
                Some(self.check(&customer_id, &outreach)?).filter(|d| d.decision != crate::guard::Verdict::Allowed)
            }
            Direction::Inbound => None,
        };
        let interaction = if already {
            None
        } else {
            let input = NewInteraction {
                at: Some(at),
                channel: Channel::Email,
                direction,
                summary,
                quotes,
                sentiment: None,
                reason: None,
                topic: None,
                asked_for: None,
                justification: None,
                purpose,
            };
            Some(self.log_interaction(&customer_id, input, now)?)
        };
        Ok(LoggedEmail { customer_id, customer_name: record.customer.name, direction, interaction, guard })
    }

    fn emails_of(&self, customer_id: &str) -> Result<Vec<String>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT value FROM contact_points WHERE customer_id = ?1 AND kind = 'email'")?;
        let out = stmt.query_map([customer_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(out)
    }

    /// The customer one of `addresses` belongs to (the first address that is someone's).
    fn customer_with_email(&self, addresses: &[String]) -> Result<Option<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT customer_id FROM contact_points WHERE kind = 'email' AND value = ?1 COLLATE NOCASE LIMIT 1",
        )?;
        for a in addresses {
            let found: Option<String> = stmt.query_row([a.trim()], |r| r.get(0)).ok();
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}
