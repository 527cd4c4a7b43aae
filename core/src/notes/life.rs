//! A note's life on either book: drafted from the customer's record, checked by the form-letter detector, edited
//! while a draft, then written and sent — which logs the contact through the Guard. Written once over [`Book`], so
//! the dealership book's thank-yous keep the same rules as the salesperson's own.

use chrono::{DateTime, Utc};

use super::{Draft, Report, Request, Shape};
use crate::model::*;
use crate::{Book, Error, Result};

/// How many of the most recent notes to other customers the near-copy check compares against.
pub(crate) const RECENT_NOTES: u32 = 500;

/// The longest text the form-letter detector checks.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// A thank-you draft for the customer.
pub(crate) fn draft(
    book: &(impl Book + ?Sized),
    customer_id: &str,
    request: &Request,
    now: DateTime<Utc>,
) -> Result<Draft> {
    let rec = book.customer_record(customer_id)?;
    Ok(super::compose(&rec, &book.profile()?, &book.playbooks()?, &book.others_for(customer_id)?, request, now))
}

/// The form-letter detector's findings on any text for the customer.
pub(crate) fn lint(
    book: &(impl Book + ?Sized),
    customer_id: &str,
    text: &str,
    shape: Shape,
    now: DateTime<Utc>,
) -> Result<Report> {
    // A note is a card or a short email; a pasted megabyte is no note, and checking it would take minutes.
    let n = text.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(Error::invalid(
            "text",
            format!("{n} characters is no note; a note is at most {MAX_NOTE_CHARS} characters"),
        ));
    }
    let rec = book.customer_record(customer_id)?;
    Ok(super::lint(text, &rec, &book.profile()?, &book.playbooks()?, &book.others_for(customer_id)?, shape, now))
}

/// Saves the edited text of a draft. Written and sent notes are what the customer got, so they stay as they are.
/// `seen`: when the editor read the note (its `updated_at`); if it was saved since — on another screen, by someone
/// else — nothing is overwritten.
pub(crate) fn edit(
    book: &mut (impl Book + ?Sized),
    note_id: &str,
    text: &str,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Note> {
    let was = book.note(note_id)?;
    if was.kind == NoteKind::Note {
        return Err(Error::invalid("note", "only drafts of notes to the customer are edited here"));
    }
    if let Some(s) = was.status.filter(|s| *s != NoteStatus::Draft) {
        return Err(Error::invalid("note", format!("this note is {}: it stays as the customer got it", s.as_str())));
    }
    let text = required("text", text)?;
    let note = Note { text, updated_at: now, ..was.clone() };
    // The note as the editor read it: the save's own check refuses it if anyone saved since, and says who.
    let read = Note { updated_at: seen.unwrap_or(was.updated_at), ..was };
    book.change_note(&read, &note)?;
    // As kept (one's own book keeps the time to the second), so the editor's next save sends back what is there.
    book.note(note_id)
}

/// Marks a note to a customer written or sent. Sending logs the contact (by post for a card, by email for an email)
/// through the Guard; a note the customer asked not to get is refused like any other contact.
pub(crate) fn mark(
    book: &mut (impl Book + ?Sized),
    note_id: &str,
    status: NoteStatus,
    now: DateTime<Utc>,
) -> Result<(Note, Option<Interaction>)> {
    let was = book.note(note_id)?;
    if was.kind == NoteKind::Note {
        return Err(Error::invalid("note", "only notes to the customer (thank-yous, cards) are written and sent"));
    }
    // A note only moves forward — draft, written, sent: one that went out stays as the customer got it.
    let rank = |s: Option<NoteStatus>| match s {
        Some(NoteStatus::Sent) => 2,
        Some(NoteStatus::Written) => 1,
        _ => 0,
    };
    if rank(Some(status)) < rank(was.status) {
        return Err(Error::invalid(
            "status",
            format!("this note is {} already; it stays so", was.status.map_or("a draft", |s| s.as_str())),
        ));
    }
    // The status is claimed first: of two people marking one card sent, the second is told it changed meanwhile
    // before anything is logged, so the contact is logged once.
    let note = Note { status: Some(status), updated_at: now, ..was.clone() };
    book.change_note(&was, &note)?;
    let logged = if status == NoteStatus::Sent && was.status != Some(NoteStatus::Sent) {
        let channel = if was.format.as_deref() == Some("email") { Channel::Email } else { Channel::Mail };
        let what = if was.kind == NoteKind::CardPrompt { "Handwritten card" } else { "Thank-you note" };
        let contact = NewInteraction {
            at: Some(now),
            channel,
            direction: Direction::Outbound,
            summary: format!("{what} sent"),
            quotes: vec![],
            sentiment: None,
            // The note was checked as it was written; what is recorded now is that it went out.
            reason: Some(format!("{what} sent")),
            topic: None,
            asked_for: None,
            justification: None,
            // A thank-you answers what the customer did; it is not a proactive contact to space out.
            purpose: Some(Purpose::Waiting),
        };
        match book.log_contact_as(&was.customer_id, contact, now, true) {
            Ok(logged) => Some(logged),
            Err(refused) => {
                // Refused (the customer's words, a caution) or not written: the note is as it was.
                let _ = book.change_note(&note, &was);
                return Err(refused);
            }
        }
    } else {
        None
    };
    Ok((note, logged))
}
