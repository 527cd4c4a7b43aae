//! Thank-you notes in the salesperson's own book: what the composer needs about everyone else (for near-copies and
//! other customers' names), the Notes place's list, and a note's text or status saved. The note's life itself —
//! drafted, checked, edited, sent — is the same on both books (`notes::life`).

use rusqlite::params;

use super::{customers, rows, Store};
use crate::model::*;
use crate::notes::life::RECENT_NOTES;
use crate::notes::Others;
use crate::{Error, Result};

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

    /// One note, by its id.
    pub fn note(&self, note_id: &str) -> Result<Note> {
        match rows::one(self.conn(), "SELECT * FROM notes WHERE id = ?1", params![note_id], rows::note) {
            Err(rusqlite::Error::QueryReturnedNoRows) => {
                Err(Error::NotFound { what: "note", key: note_id.to_string() })
            }
            other => Ok(other?),
        }
    }

    /// Notes to customers (thank-you notes and card prompts) across the book, newest first, at most `limit`.
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

    /// Saves a note's text and status over `was`, unless another window or command changed it since.
    pub fn change_note(&mut self, was: &Note, note: &Note) -> Result<()> {
        let stamp = crate::time::stamp;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE notes SET text = ?2, status = ?3, updated_at = ?4
                 WHERE id = ?1 AND text = ?5 AND status IS ?6 AND updated_at = ?7",
                params![
                    note.id,
                    note.text,
                    note.status.map(|s| s.as_str()),
                    stamp(note.updated_at),
                    was.text,
                    was.status.map(|s| s.as_str()),
                    stamp(was.updated_at)
                ],
            )?;
            if changed == 0 {
                let there: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM notes WHERE id = ?1)", [&note.id], |r| r.get(0))?;
                return Err(match there {
                    true => Error::Changed {
                        what: "this note".into(),
                        by: "another window or command".into(),
                        at: "this moment".into(),
                    },
                    false => Error::NotFound { what: "note", key: note.id.clone() },
                });
            }
            match note.text == was.text {
                true => Ok(()),
                false => customers::refresh_text_tags(tx, &note.customer_id),
            }
        })
    }
}
