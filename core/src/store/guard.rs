//! Feeding the Guard from the book, logging outbound contacts through it, and keeping what it held back.

use rusqlite::params;

use super::{read, rows, Store};
use crate::guard::{self, Situation};
use crate::model::*;
use crate::{Error, Result};

/// Everything the Guard needs about one customer, owned.
#[derive(Debug, Clone)]
pub struct Facts {
    pub customer: Customer,
    pub statements: Vec<PreferenceStatement>,
    pub interactions: Vec<Interaction>,
    pub tags: Vec<String>,
    pub playbooks: Vec<Playbook>,
    pub profile: Profile,
}

impl Facts {
    pub fn situation(&self) -> Situation<'_> {
        Situation {
            customer: &self.customer,
            statements: &self.statements,
            interactions: &self.interactions,
            tags: &self.tags,
            playbooks: &self.playbooks,
            profile: &self.profile,
        }
    }
}

impl Store {
    /// What the Guard held back, newest first, for one customer or all.
    pub fn held_back(&self, customer_id: Option<&str>, limit: u32) -> Result<Vec<HeldBack>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM held_back WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY at DESC, n DESC LIMIT ?2",
        )?;
        let out = rows::all(&mut stmt, params![customer_id, limit], rows::held_back)?;
        Ok(out)
    }

    /// Every persona playbook, by tag.
    pub fn playbooks(&self) -> Result<Vec<Playbook>> {
        let mut stmt = self.conn().prepare_cached("SELECT * FROM playbooks ORDER BY tag COLLATE NOCASE")?;
        let out = rows::all(&mut stmt, [], rows::playbook)?;
        Ok(out)
    }

    /// Adds or replaces the playbook of a tag.
    pub fn save_playbook(&mut self, playbook: Playbook) -> Result<Playbook> {
        let p = playbook.validated()?;
        self.write(|tx| rows::save_playbook(tx, &p))?;
        Ok(p)
    }

    pub fn delete_playbook(&mut self, tag: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM playbooks WHERE tag = ?1", params![tag.trim_start_matches('#')])?;
            if n == 0 {
                return Err(Error::NotFound { what: "playbook", key: tag.to_string() });
            }
            Ok(())
        })
    }

    /// The customer's wishes in force, each with the statement behind it.
    pub fn wishes(&self, customer_id: &str) -> Result<guard::ContactWishes> {
        let rec = read::record(self.conn(), customer_id)?;
        Ok(guard::ContactWishes::from_statements(&rec.preferences))
    }
}

/// What the salesperson ticked of what was heard in a contact, to record with it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeardToRecord {
    #[serde(default)]
    pub statements: Vec<NewStatement>,
    #[serde(default)]
    pub promises: Vec<NewPromise>,
    #[serde(default)]
    pub facts: Vec<NewFact>,
}
