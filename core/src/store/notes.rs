//! Thank-you notes against the book: what the composer needs about everyone else (for near-copies and other
//! customers' names), and the note's life from draft to written to sent — which logs the contact.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{read, rows, Store};
use crate::model::*;
use crate::notes::{self, Draft, Others, Report, Request, Shape};
use crate::Book;
use crate::{Error, Result};

/// How many of the most recent notes to other customers the near-copy check compares against.
const RECENT_NOTES: u32 = 500;

impl Store {
    /// Other customers' names, and the latest notes written to them.
    pub fn others_for(&self, customer_id: &str) -> Result<Others> {
        let mut names = Vec::new();
        let mut stmt = self.conn().prepare_cached("SELECT name, preferred_name FROM customers WHERE id <> ?1")?;
        let mut q = stmt.query(params![customer_id])?;
        while let Some(r) = q.next()? {
            names.push(r.get::<_, String>(0)?);
            if let Some(p) = r.get::<_, Option<String>>(1)? {
                names.push(p);
            }
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.name, n.text FROM notes n JOIN customers c ON c.id = n.customer_id
             WHERE n.customer_id <> ?1 AND n.kind IN ('thank_you', 'card_prompt') ORDER BY n.created_at DESC LIMIT ?2",
        )?;
        let notes = stmt
            .query_map(params![customer_id, RECENT_NOTES], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Others { names, notes })
    }

    /// A thank-you draft for the customer.
    pub fn draft_note(&self, customer_id: &str, request: &Request, now: DateTime<Utc>) -> Result<Draft> {
        let rec = read::record(self.conn(), customer_id)?;
        Ok(notes::compose(&rec, &self.profile()?, &self.playbooks()?, &self.others_for(customer_id)?, request, now))
    }

    /// The form-letter detector's findings on any text for the customer.
    pub fn lint_note(&self, customer_id: &str, text: &str, shape: Shape, now: DateTime<Utc>) -> Result<Report> {
        // A note is a card or a short email; a pasted megabyte is no note, and checking it would take minutes.
        let n = text.chars().count();
        if n > MAX_NOTE_CHARS {
            return Err(Error::invalid(
                "text",
                format!("{n} characters is no note; a note is at most {MAX_NOTE_CHARS} characters"),
            ));
        }
        let rec = read::record(self.conn(), customer_id)?;
        Ok(notes::lint(text, &rec, &self.profile()?, &self.playbooks()?, &self.others_for(customer_id)?, shape, now))
    }

    /// Marks a note to a customer written or sent. Sending logs the contact (by post for a card, by email for an
    /// email) through the Guard; a note the customer asked not to get is refused like any other contact.
    pub fn set_note_status(
        &mut self,
        note_id: &str,
        status: NoteStatus,
        now: DateTime<Utc>,
    ) -> Result<(Note, Option<Interaction>)> {
        let note = rows::one(self.conn(), "SELECT * FROM notes WHERE id = ?1", params![note_id], rows::note)
            .map_err(|_| Error::NotFound { what: "note", key: note_id.to_string() })?;
        if note.kind == NoteKind::Note {
            return Err(Error::invalid("note", "only notes to the customer (thank-yous, cards) are written and sent"));
        }
        // A note only moves forward — draft, written, sent: one that went out stays as the customer got it.
        let rank = |s: Option<NoteStatus>| match s {
            Some(NoteStatus::Sent) => 2,
            Some(NoteStatus::Written) => 1,
            _ => 0,
        };
        if rank(Some(status)) < rank(note.status) {
            return Err(Error::invalid(
                "status",
                format!("this note is {} already; it stays so", note.status.map_or("a draft", |s| s.as_str())),
            ));
        }
        let logged = if status == NoteStatus::Sent && note.status != Some(NoteStatus::Sent) {
            let channel = if note.format.as_deref() == Some("email") { Channel::Email } else { Channel::Mail };
            let what = if note.kind == NoteKind::CardPrompt { "Handwritten card" } else { "Thank-you note" };
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
            Some(self.log_contact_as(&note.customer_id, contact, now, true)?)
        } else {
            None
        };
        self.write(|tx| {
            tx.execute(
                "UPDATE notes SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![note_id, status.as_str(), crate::time::stamp(now)],
            )?;
            Ok(())
        })?;
        let note = rows::one(self.conn(), "SELECT * FROM notes WHERE id = ?1", params![note_id], rows::note)?;
        Ok((note, logged))
    }

    /// Notes to customers (thank-you notes and card prompts) across the book, newest first, at most `limit`;
    /// `status` keeps only drafts, written or sent ones (a note without a status is a draft).
    pub fn list_notes(&self, status: Option<NoteStatus>, limit: u32) -> Result<Vec<ListedNote>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT x.*, c.name AS customer_name FROM notes x JOIN customers c ON c.id = x.customer_id
             WHERE x.kind IN ('thank_you', 'card_prompt') AND (?1 IS NULL OR coalesce(x.status, 'draft') = ?1)
             ORDER BY x.created_at DESC, x.n DESC LIMIT ?2",
        )?;
        rows::all(&mut stmt, params![status.map(|s| s.as_str()), limit], |r| {
            Ok(ListedNote { note: rows::note(r)?, customer_name: r.get("customer_name")? })
        })
    }

    /// Saves the edited text of a draft (the composer's Save, again). Written and sent notes are what the
    /// customer got, so they stay as they are.
    pub fn update_note(&mut self, note_id: &str, text: &str, now: DateTime<Utc>) -> Result<Note> {
        let note = rows::one(self.conn(), "SELECT * FROM notes WHERE id = ?1", params![note_id], rows::note)
            .map_err(|_| Error::NotFound { what: "note", key: note_id.to_string() })?;
        if note.kind == NoteKind::Note {
            return Err(Error::invalid("note", "only drafts of notes to the customer are edited here"));
        }
        if let Some(s) = note.status.filter(|s| *s != NoteStatus::Draft) {
            return Err(Error::invalid(
                "note",
                format!("this note is {}: it stays as the customer got it", s.as_str()),
            ));
        }
        let text = crate::model::required("text", text)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE notes SET text = ?2, updated_at = ?3 WHERE id = ?1",
                params![note_id, text, crate::time::stamp(now)],
            )?;
            Ok(())
        })?;
        Ok(rows::one(self.conn(), "SELECT * FROM notes WHERE id = ?1", params![note_id], rows::note)?)
    }
}

/// The longest text the form-letter detector checks.
pub const MAX_NOTE_CHARS: usize = 20_000;
