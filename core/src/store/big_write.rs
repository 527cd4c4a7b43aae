//! A write of many new customers in one transaction — an import, the generated book: the triggers that keep the
//! search index and the agenda's stored inputs are set aside while the rows go in, and so are the lookup indexes
//! when the write at least doubles the book; all of it is put back (and the new rows indexed for search, when asked)
//! before the transaction commits. A rollback puts everything back too.

use rusqlite::Connection;

use super::{agenda_inputs, bulk_indexes, search_backlog};
use crate::Result;

pub(super) struct BigWrite {
    search: search_backlog::Paused,
    agenda: Vec<String>,
    indexes: Vec<String>,
}

impl BigWrite {
    /// Sets the triggers (and, when worth it, the indexes) aside for `adding` new customers.
    pub(super) fn begin(tx: &Connection, adding: usize) -> Result<BigWrite> {
        let search = search_backlog::pause(tx)?;
        let agenda = agenda_inputs::pause(tx)?;
        let existing: i64 = tx.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        let indexes = if bulk_indexes::worth_it(existing, adding) { bulk_indexes::set_aside(tx)? } else { Vec::new() };
        Ok(BigWrite { search, agenda, indexes })
    }

    /// Builds the lookup indexes again now: before anything that looks rows up by them (an import's merges).
    pub(super) fn indexes_back(&mut self, tx: &Connection) -> Result<()> {
        bulk_indexes::rebuild(tx, &std::mem::take(&mut self.indexes))
    }

    /// Puts everything back; `touched` are existing customers the write added to (their stored agenda inputs are
    /// stale); `index_now` makes the new rows searchable before the commit instead of by `catch_up_search`.
    pub(super) fn finish(mut self, tx: &Connection, touched: &[&str], index_now: bool) -> Result<()> {
        self.indexes_back(tx)?;
        agenda_inputs::resume(tx, &self.agenda, touched)?;
        search_backlog::resume(tx, &self.search)?;
        if index_now {
            search_backlog::index_all(tx)?;
        }
        Ok(())
    }
}
