//! Logging what already happened from a file: an email or a calendar invitation dropped on the window (or
//! `rapport log FILE`) becomes a contact with the customer it was from or to — matched by email address, as an
//! import matches — so a contact made in the salesperson's own apps is counted by the Guard without typing it twice.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use crate::book::{interaction_of, Contact};
use crate::guard::{Decision, Outreach};
use crate::io::invite::Invitation;
use crate::io::mail::Email;
use crate::model::{Channel, ContactKind, Direction, Interaction, NewInteraction, Purpose};
use crate::Book;
use crate::{Error, Result};

/// How much of an inbound email is kept as the customer's own words.
const MOST_QUOTED: usize = 600;

/// What a file says happened, before it is matched to a customer.
struct FileContact {
    /// The sender (an email's From, an invitation's organizer).
    from: Vec<String>,
    /// The recipients (To and Cc, the attendees).
    to: Vec<String>,
    at: Option<DateTime<Utc>>,
    channel: Channel,
    summary: String,
    /// The customer's own words, when it came from them.
    their_words: String,
    reply: bool,
}

/// What logging one file did.
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

/// Logs what a dropped file says happened (an email or an invitation), on either book.
pub(crate) fn log_happened(
    book: &mut (impl Book + ?Sized),
    file: &crate::io::Happened,
    customer_id: Option<&str>,
    direction: Option<Direction>,
    now: DateTime<Utc>,
) -> Result<LoggedEmail> {
    match file {
        crate::io::Happened::Email(e) => log_email(book, e, customer_id, direction, now),
        crate::io::Happened::Invitation(i) => log_invitation(book, i, customer_id, direction, now),
    }
}

/// Logs `email` with the customer it was from (inbound) or to (outbound), found by their email address — or
/// with `customer_id` when the salesperson picked one (then `direction` says which way it went, unless the
/// addresses tell). The same email logged twice is logged once.
fn log_email(
    book: &mut (impl Book + ?Sized),
    email: &Email,
    customer_id: Option<&str>,
    direction: Option<Direction>,
    now: DateTime<Utc>,
) -> Result<LoggedEmail> {
    let subject = email.subject.clone().unwrap_or_default();
    let summary = match (subject.trim(), email.words.trim()) {
        ("", "") => "An email with no subject and no words".to_string(),
        (s, "") => s.to_string(),
        ("", w) => w.to_string(),
        (s, w) => format!("{s}\n\n{w}"),
    };
    let contact = FileContact {
        from: email.from.iter().map(|m| m.address.clone()).collect(),
        to: email.to.iter().map(|m| m.address.clone()).collect(),
        at: email.at,
        channel: Channel::Email,
        summary,
        their_words: email.words.trim().to_string(),
        reply: email.reply,
    };
    log_file(book, contact, customer_id, direction, now)
}

/// Logs a calendar invitation as a meeting (in person, or on video when it names Zoom, Teams, Meet …) with the
/// customer who organised it (inbound) or was invited (outbound), at its start. A cancellation is refused:
/// nothing happened.
fn log_invitation(
    book: &mut (impl Book + ?Sized),
    invitation: &Invitation,
    customer_id: Option<&str>,
    direction: Option<Direction>,
    now: DateTime<Utc>,
) -> Result<LoggedEmail> {
    if invitation.cancelled {
        return Err(Error::invalid(
            "invitation",
            "this is a cancellation: the meeting did not happen, nothing is logged",
        ));
    }
    let what = invitation.summary.clone().unwrap_or_else(|| "A meeting".to_string());
    let mut summary = format!("Meeting: {what}");
    if let Some(place) = &invitation.location {
        summary += &format!("\n{place}");
    }
    let description: String = invitation.description.trim().chars().take(1_000).collect();
    if !description.is_empty() {
        summary += &format!("\n\n{description}");
    }
    let contact = FileContact {
        from: invitation.organizer.iter().map(|m| m.address.clone()).collect(),
        to: invitation.attendees.iter().map(|m| m.address.clone()).collect(),
        at: invitation.starts,
        channel: if invitation.video { Channel::Video } else { Channel::InPerson },
        summary,
        their_words: String::new(),
        reply: invitation.method.as_deref() == Some("REPLY"),
    };
    log_file(book, contact, customer_id, direction, now)
}

fn log_file(
    book: &mut (impl Book + ?Sized),
    contact: FileContact,
    customer_id: Option<&str>,
    direction: Option<Direction>,
    now: DateTime<Utc>,
) -> Result<LoggedEmail> {
    let (from, to) = (&contact.from, &contact.to);
    let (record, direction) = match customer_id {
        Some(id) => {
            let record = book.customer_record(&book.lookup_customer(id)?)?;
            let theirs: Vec<&str> = record
                .contact_points
                .iter()
                .filter(|p| p.kind == ContactKind::Email)
                .map(|p| p.value.as_str())
                .collect();
            let has = |list: &[String]| list.iter().any(|a| theirs.iter().any(|t| t.eq_ignore_ascii_case(a)));
            let way = if has(from) {
                Direction::Inbound
            } else if has(to) {
                Direction::Outbound
            } else {
                direction.ok_or_else(|| {
                    Error::invalid(
                        "direction",
                        "none of this file's addresses is theirs: say whether it came in or went out",
                    )
                })?
            };
            (record, way)
        }
        None => match (book.customer_with_email(from)?, book.customer_with_email(to)?) {
            (Some(id), _) => (book.customer_record(&id)?, Direction::Inbound),
            (None, Some(id)) => (book.customer_record(&id)?, Direction::Outbound),
            (None, None) => {
                let all: Vec<String> = from.iter().chain(to).cloned().collect();
                return Err(Error::invalid(
                    "customer",
                    format!(
                        "nobody in your book has {}: pick the customer it belongs to, or add them first",
                        if all.is_empty() { "an address of this file".to_string() } else { all.join(", ") }
                    ),
                ));
            }
        },
    };
    let customer_id = record.customer.id.clone();
    let at = contact.at.unwrap_or(now);
    let summary = contact.summary;
    let channel = contact.channel;
    let quotes = match direction {
        Direction::Inbound if !contact.their_words.is_empty() => {
            let w = contact.their_words.as_str();
            vec![match w.char_indices().nth(MOST_QUOTED) {
                Some((cut, _)) => format!("{}…", &w[..cut]),
                None => w.to_string(),
            }]
        }
        _ => vec![],
    };
    let purpose = match direction {
        Direction::Outbound if contact.reply => Some(Purpose::Reply),
        Direction::Outbound => Some(Purpose::Proactive),
        Direction::Inbound => None,
    };
    let already = record
        .interactions
        .iter()
        .any(|i| i.at == at && i.channel == channel && i.direction == direction && i.summary == summary);
    let guard = match direction {
        Direction::Outbound => {
            let outreach = Outreach {
                channel,
                at,
                topic: None,
                text: Some(summary.clone()),
                reason: None,
                purpose: purpose.unwrap_or(Purpose::Proactive),
                in_thank_you: false,
            };
            Some(book.check(&customer_id, &outreach)?).filter(|d| d.decision != crate::guard::Verdict::Allowed)
        }
        Direction::Inbound => None,
    };
    let interaction = if already {
        None
    } else {
        let input = NewInteraction {
            at: Some(at),
            channel,
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
        // It happened already: it is recorded as it was, whatever the Guard says of it (said above).
        let contact = Contact {
            interaction: interaction_of(&customer_id, input.validated()?, now),
            statements: vec![],
            promises: vec![],
            facts: vec![],
            recorded_at: now,
            statements_seen: None,
        };
        book.write_contact(&contact)?;
        Some(contact.interaction)
    };
    Ok(LoggedEmail { customer_id, customer_name: record.customer.name, direction, interaction, guard })
}

impl Store {
    /// The customer one of `addresses` belongs to (the first address that is someone's).
    pub(crate) fn customer_with_email(&self, addresses: &[String]) -> Result<Option<String>> {
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
