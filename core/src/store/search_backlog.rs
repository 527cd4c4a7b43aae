//! Search catching up after a big import: inside the import's transaction the indexing triggers are set aside
//! (and put back, exactly as they were, before it commits — a rollback puts them back too), so 100,000 customers
//! land in seconds; the rows written are recorded, and `catch_up_search` indexes them in bulk, in steps, each its
//! own short transaction, so the window stays usable meanwhile and a quit half-way resumes where it stopped.

use rusqlite::{params, Connection};

use super::Store;
use crate::Result;

/// The searchable tables a big write fills (an import, the generated book), the kind code of their index rows (as
/// their insert triggers in the migrations write them), and the text indexed.
const SOURCES: &[(&str, i64, &str)] = &[
    ("customers", 0, "concat_ws(' ', name, preferred_name, company, household, how_we_met)"),
    ("contact_points", 1, "value"),
    ("facts", 2, "text"),
    ("goals", 3, "text"),
    ("notes", 4, "text"),
    // As the insert trigger indexes a contact: its summary, the customer's words, what they asked for. (Left to its
    // trigger, each of a generated book's 500,000 contacts flushed the index's pending words at its statement's end
    // and the index spent a third of the generation merging the small segments that made.)
    ("interactions", 5, "concat_ws(' ', summary, (SELECT group_concat(value, ' ') FROM json_each(quotes)), asked_for)"),
];

/// Rows indexed per step.
const STEP: i64 = 5_000;

fn max_n(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT coalesce(max(n), 0) FROM {table}"), [], |r| r.get(0))?)
}

/// Where each table stood when indexing was paused, and the triggers set aside (name, SQL).
pub(super) struct Paused {
    before: Vec<i64>,
    triggers: Vec<String>,
}

/// Sets the insert triggers that feed the index aside, inside an import's transaction.
pub(super) fn pause(conn: &Connection) -> Result<Paused> {
    let before = SOURCES.iter().map(|(t, _, _)| max_n(conn, t)).collect::<Result<Vec<_>>>()?;
    let mut triggers = Vec::new();
    for (table, _, _) in SOURCES {
        let name = format!("{table}_indexed");
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [&name], |r| {
                r.get(0)
            })?;
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
        triggers.push(sql);
    }
    Ok(Paused { before, triggers })
}

/// Puts the triggers back as they were and records the rows written since `pause` as waiting for the index.
pub(super) fn resume(conn: &Connection, paused: &Paused) -> Result<()> {
    for sql in &paused.triggers {
        conn.execute_batch(sql)?;
    }
    for ((table, _, _), after) in SOURCES.iter().zip(&paused.before) {
        let up_to = max_n(conn, table)?;
        if up_to > *after {
            conn.execute(
                "INSERT INTO search_backlog (tbl, after_n, up_to_n) VALUES (?1, ?2, ?3)",
                params![table, after, up_to],
            )?;
        }
    }
    Ok(())
}

/// Indexes the rows `after < n <= until` of one of the [`SOURCES`] tables, in bulk. OR REPLACE: a row edited since
/// the import was already indexed by its update trigger.
fn index_rows(conn: &Connection, table: &str, after: i64, until: i64) -> Result<()> {
    let (_, kind, body) = SOURCES.iter().find(|(t, _, _)| *t == table).expect("a table the backlog is kept for");
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO search_index (rowid, body)
             SELECT n * 8 + {kind}, {body} FROM {table} WHERE n > ?1 AND n <= ?2"
        ),
        params![after, until],
    )?;
    Ok(())
}

/// Indexes every row waiting, inside the caller's transaction, one statement per table: the command line's import
/// makes its rows searchable before it commits, instead of in steps afterwards (one commit and one checkpoint of
/// the rows, not eighty).
pub(super) fn index_all(conn: &Connection) -> Result<()> {
    let waiting: Vec<(String, i64, i64)> = conn
        .prepare("SELECT tbl, after_n, up_to_n FROM search_backlog ORDER BY tbl, after_n")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, after, up_to) in waiting {
        index_rows(conn, &table, after, up_to)?;
    }
    conn.execute("DELETE FROM search_backlog", [])?;
    Ok(())
}

impl Store {
    /// How many rows are still waiting to be searchable.
    pub fn search_backlog(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT coalesce(sum(up_to_n - after_n), 0) FROM search_backlog", [], |r| r.get(0))?)
    }

    /// Indexes up to one step of waiting rows; returns how many rows are still waiting.
    pub fn catch_up_search_step(&mut self) -> Result<i64> {
        self.write(|tx| {
            let next: Option<(String, i64, i64)> = tx
                .query_row("SELECT tbl, after_n, up_to_n FROM search_backlog ORDER BY tbl, after_n LIMIT 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .ok();
            let Some((table, after, up_to)) = next else { return Ok(()) };
            let until = (after + STEP).min(up_to);
            index_rows(tx, &table, after, until)?;
            if until >= up_to {
                tx.execute("DELETE FROM search_backlog WHERE tbl = ?1 AND after_n = ?2", params![table, after])?;
            } else {
                tx.execute(
                    "UPDATE search_backlog SET after_n = ?3 WHERE tbl = ?1 AND after_n = ?2",
                    params![table, after, until],
                )?;
            }
            Ok(())
        })?;
        self.search_backlog()
    }

    /// Indexes everything waiting, reporting `progress(waiting)` after each step.
    pub fn catch_up_search(&mut self, progress: &dyn Fn(i64)) -> Result<()> {
        loop {
            let left = self.catch_up_search_step()?;
            progress(left);
            if left == 0 {
                return Ok(());
            }
        }
    }
}
