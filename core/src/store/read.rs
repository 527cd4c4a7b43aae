//! Reading a customer's whole record: the customer's page, and one entry of the export.

use rusqlite::{params, Connection, OptionalExtension};

use super::rows;
use crate::model::*;
use crate::{Error, Result};

fn list<T>(
    conn: &Connection,
    sql: &str,
    key: &str,
    map: impl Fn(&rows::R<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    rows::all(&mut stmt, params![key], map)
}

pub(super) fn customer(conn: &Connection, id: &str) -> Result<Customer> {
    rows::one(conn, "SELECT * FROM customers WHERE id = ?1", params![id], rows::customer)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "customer", key: id.to_string() })
}

/// Everything about one customer. Children come oldest first (by when they happened, then by when they were added).
pub(super) fn record(conn: &Connection, id: &str) -> Result<CustomerRecord> {
    let customer = customer(conn, id)?;
    let mut purchases = list(conn, "SELECT * FROM purchases WHERE customer_id = ?1 ORDER BY n", id, rows::purchase)?;
    for p in &mut purchases {
        p.included_services = list(
            conn,
            "SELECT * FROM included_services WHERE purchase_id = ?1 ORDER BY n",
            &p.id,
            rows::included_service,
        )?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
        p.deliverables =
            list(conn, "SELECT * FROM deliverables WHERE purchase_id = ?1 ORDER BY n", &p.id, rows::deliverable)?
                .into_iter()
                .map(|(_, d)| d)
                .collect();
    }
    let mut issues = list(conn, "SELECT * FROM issues WHERE customer_id = ?1 ORDER BY n", id, rows::issue)?;
    for i in &mut issues {
        i.updates =
            list(conn, "SELECT * FROM issue_updates WHERE issue_id = ?1 ORDER BY at, n", &i.id, rows::issue_update)?
                .into_iter()
                .map(|(_, u)| u)
                .collect();
    }
    Ok(CustomerRecord {
        contact_points: list(
            conn,
            "SELECT * FROM contact_points WHERE customer_id = ?1 ORDER BY n",
            id,
            rows::contact_point,
        )?,
        tags: list(conn, "SELECT * FROM tags WHERE customer_id = ?1 ORDER BY tag", id, rows::tag)?,
        preferences: list(
            conn,
            "SELECT * FROM preferences WHERE customer_id = ?1 ORDER BY said_at, n",
            id,
            rows::statement,
        )?,
        facts: list(conn, "SELECT * FROM facts WHERE customer_id = ?1 ORDER BY n", id, rows::fact)?,
        goals: list(conn, "SELECT * FROM goals WHERE customer_id = ?1 ORDER BY n", id, rows::goal)?,
        purchases,
        promises: list(conn, "SELECT * FROM promises WHERE customer_id = ?1 ORDER BY n", id, rows::promise)?,
        issues,
        interactions: list(
            conn,
            "SELECT * FROM interactions WHERE customer_id = ?1 ORDER BY at, n",
            id,
            rows::interaction,
        )?,
        notes: list(conn, "SELECT * FROM notes WHERE customer_id = ?1 ORDER BY created_at, n", id, rows::note)?,
        held_back: list(conn, "SELECT * FROM held_back WHERE customer_id = ?1 ORDER BY at, n", id, rows::held_back)?,
        reminders: list(conn, "SELECT * FROM reminders WHERE customer_id = ?1 ORDER BY n", id, rows::reminder)?,
        reason_states: list(
            conn,
            "SELECT * FROM reason_states WHERE customer_id = ?1 ORDER BY reason_id",
            id,
            rows::reason_state,
        )?,
        notified: list(conn, "SELECT * FROM notified WHERE customer_id = ?1 ORDER BY reason_id", id, rows::notified)?,
        customer,
    })
}

/// Finds the one row of `table` whose id starts with `prefix` (as git does with hashes).
pub(super) fn resolve(conn: &Connection, table: &'static str, what: &'static str, prefix: &str) -> Result<String> {
    let p = prefix.trim().to_ascii_lowercase();
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::NotFound { what, key: prefix.to_string() });
    }
    // A range scan on the unique index: ids in [prefix, prefix + '~') start with prefix.
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || '~' ORDER BY id LIMIT 11");
    let ids = conn
        .prepare_cached(&sql)?
        .query_map(params![p], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    match ids.len() {
        0 => Err(Error::NotFound { what, key: prefix.to_string() }),
        1 => Ok(ids.into_iter().next().expect("one id")),
        n => Err(Error::Ambiguous { what, key: prefix.to_string(), count: n }),
    }
}
