//! Correcting the record: removing a mistaken interaction, fact, purchase, promise, goal or note, and correcting an
//! interaction's time or words or a fact's text or date.
//!
//! What the customer said about being contacted is never removed or changed: statements are the Guard's history and
//! stay append-only (a new statement supersedes an old one). A statement recorded from an interaction that is removed
//! stays, with the customer's words; only its pointer to the interaction goes.
//!
//! A row is removed by its id without reading it into the model first, so a row that can no longer be read (a date
//! beyond what the book accepts, written by an older version) can still be removed.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::customers::refresh_text_tags;
use super::{read, rows, Store};
use crate::model::{required, Fact, Interaction};
use crate::time::stamp;
use crate::{Error, Result};

/// The kinds of record a salesperson can remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Interaction,
    Fact,
    Purchase,
    Promise,
    Goal,
    Note,
}

impl Record {
    fn table(self) -> &'static str {
        match self {
            Record::Interaction => "interactions",
            Record::Fact => "facts",
            Record::Purchase => "purchases",
            Record::Promise => "promises",
            Record::Goal => "goals",
            Record::Note => "notes",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Record::Interaction => "interaction",
            Record::Fact => "fact",
            Record::Purchase => "purchase",
            Record::Promise => "promise",
            Record::Goal => "goal",
            Record::Note => "note",
        }
    }
}

impl std::str::FromStr for Record {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "interaction" => Record::Interaction,
            "fact" => Record::Fact,
            "purchase" => Record::Purchase,
            "promise" => Record::Promise,
            "goal" => Record::Goal,
            "note" => Record::Note,
            other => return Err(format!("'{other}' is not a record that can be removed")),
        })
    }
}

/// What a removal did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    pub record: Record,
    pub id: String,
    pub customer_id: String,
    /// Statements the customer made in a removed interaction: kept, with their words.
    pub statements_kept: u32,
}

/// A correction to an interaction: what is `Some` replaces what was there.
#[derive(Debug, Clone, Default)]
pub struct InteractionFix {
    pub at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
}

/// A correction to a fact.
#[derive(Debug, Clone, Default)]
pub struct FactFix {
    pub text: Option<String>,
    /// `Some(None)` clears the date.
    pub date: Option<Option<NaiveDate>>,
}

impl InteractionFix {
    /// The correction as either book applies it: a time the book can hold, words that are not blank, and something
    /// to correct.
    pub fn checked(self) -> Result<InteractionFix> {
        if let Some(at) = self.at {
            crate::time::moment_in_range(at).map_err(|m| Error::invalid("at", m))?;
        }
        let summary = self.summary.as_deref().map(|s| required("summary", s)).transpose()?;
        if self.at.is_none() && summary.is_none() {
            return Err(Error::invalid("correction", "say what to correct: --at or --summary"));
        }
        Ok(InteractionFix { at: self.at, summary })
    }

    /// `interaction` as corrected.
    pub fn apply(&self, interaction: &mut Interaction) {
        if let Some(at) = self.at {
            interaction.at = at;
        }
        if let Some(s) = &self.summary {
            interaction.summary = s.clone();
        }
    }
}

impl FactFix {
    /// The correction as either book applies it: words that are not blank, a date the book can hold, and something
    /// to correct.
    pub fn checked(self) -> Result<FactFix> {
        let text = self.text.as_deref().map(|s| required("text", s)).transpose()?;
        if let Some(Some(d)) = self.date {
            crate::time::date_in_range(d).map_err(|m| Error::invalid("date", m))?;
        }
        if text.is_none() && self.date.is_none() {
            return Err(Error::invalid("correction", "say what to correct: --text, --date or --no-date"));
        }
        Ok(FactFix { text, date: self.date })
    }

    /// `fact` as corrected.
    pub fn apply(&self, fact: &mut Fact) {
        if let Some(t) = &self.text {
            fact.text = t.clone();
        }
        if let Some(d) = self.date {
            fact.date = d;
        }
    }
}

impl Store {
    /// The customer a record belongs to (its id may be a unique prefix).
    pub fn customer_of(&self, record: Record, id_prefix: &str) -> Result<String> {
        let id = read::resolve(self.conn(), record.table(), record.as_str(), id_prefix)?;
        let sql = format!("SELECT customer_id FROM {} WHERE id = ?1", record.table());
        Ok(self.conn().query_row(&sql, params![id], |r| r.get(0))?)
    }

    /// Removes one record by its id (or a unique prefix of it). Statements are never removed.
    pub fn remove(&mut self, record: Record, id_prefix: &str) -> Result<Removed> {
        let id = read::resolve(self.conn(), record.table(), record.as_str(), id_prefix)?;
        self.write(|tx| {
            let sql = format!("SELECT customer_id FROM {} WHERE id = ?1", record.table());
            let customer_id: String = tx
                .query_row(&sql, params![id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound { what: record.as_str(), key: id.clone() })?;
            let statements_kept: u32 = if record == Record::Interaction {
                tx.query_row("SELECT count(*) FROM preferences WHERE source_interaction_id = ?1", params![id], |r| {
                    r.get(0)
                })?
            } else {
                0
            };
            // Included services and deliverables go with their purchase, updates with their issue (ON DELETE
            // CASCADE); a statement's pointer to an interaction is cleared (ON DELETE SET NULL); the triggers take the
            // row out of search and out of the agenda's ready rows.
            tx.execute(&format!("DELETE FROM {} WHERE id = ?1", record.table()), params![id])?;
            if matches!(record, Record::Fact | Record::Note) {
                refresh_text_tags(tx, &customer_id)?;
            }
            Ok(Removed { record, id: id.clone(), customer_id, statements_kept })
        })
    }

    /// Corrects when an interaction happened or what was said in it.
    pub fn correct_interaction(&mut self, id_prefix: &str, fix: InteractionFix) -> Result<Interaction> {
        let id = read::resolve(self.conn(), "interactions", "interaction", id_prefix)?;
        let fix = fix.checked()?;
        self.write(|tx| {
            if let Some(at) = fix.at {
                tx.execute("UPDATE interactions SET at = ?2 WHERE id = ?1", params![id, stamp(at)])?;
            }
            if let Some(s) = &fix.summary {
                tx.execute("UPDATE interactions SET summary = ?2 WHERE id = ?1", params![id, s])?;
            }
            Ok(rows::one(tx, "SELECT * FROM interactions WHERE id = ?1", params![id], rows::interaction)?)
        })
    }

    /// Corrects a fact's text or the date it is about.
    pub fn correct_fact(&mut self, id_prefix: &str, fix: FactFix) -> Result<Fact> {
        let id = read::resolve(self.conn(), "facts", "fact", id_prefix)?;
        let fix = fix.checked()?;
        self.write(|tx| {
            if let Some(t) = &fix.text {
                tx.execute("UPDATE facts SET text = ?2 WHERE id = ?1", params![id, t])?;
            }
            if let Some(d) = fix.date {
                tx.execute("UPDATE facts SET date = ?2 WHERE id = ?1", params![id, d.map(|d| d.to_string())])?;
            }
            let customer_id: String =
                tx.query_row("SELECT customer_id FROM facts WHERE id = ?1", params![id], |r| r.get(0))?;
            refresh_text_tags(tx, &customer_id)?;
            Ok(rows::one(tx, "SELECT * FROM facts WHERE id = ?1", params![id], rows::fact)?)
        })
    }
}
