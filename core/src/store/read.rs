//! Reading a customer's whole record: the customer's page, and one entry of the export.

use std::collections::HashMap;

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

/// Every customer's whole record, in the order they were added, children ordered as in [`record`]: each table
/// is read once. (Asking customer by customer, an export of 100,000 customers was 1.4 million small questions.)
pub(super) fn all_records(conn: &Connection) -> Result<Vec<CustomerRecord>> {
    fn every<T>(conn: &Connection, sql: &str, map: impl Fn(&rows::R<'_, '_>) -> rusqlite::Result<T>) -> Result<Vec<T>> {
        let mut stmt = conn.prepare(sql)?;
        rows::all(&mut stmt, [], map)
    }
    let mut recs = every(conn, "SELECT * FROM customers ORDER BY n", |r| rows::customer(r).map(empty))?;
    let place: HashMap<String, usize> = recs.iter().enumerate().map(|(i, r)| (r.customer.id.clone(), i)).collect();
    macro_rules! fill {
        ($field:ident, $sql:expr, $map:expr) => {
            for item in every(conn, $sql, $map)? {
                if let Some(&i) = place.get(&item.customer_id) {
                    recs[i].$field.push(item);
                }
            }
        };
    }
    fill!(contact_points, "SELECT * FROM contact_points ORDER BY n", rows::contact_point);
    fill!(preferences, "SELECT * FROM preferences ORDER BY said_at, n", rows::statement);
    fill!(facts, "SELECT * FROM facts ORDER BY n", rows::fact);
    fill!(goals, "SELECT * FROM goals ORDER BY n", rows::goal);
    fill!(promises, "SELECT * FROM promises ORDER BY n", rows::promise);
    fill!(interactions, "SELECT * FROM interactions ORDER BY at, n", rows::interaction);
    fill!(notes, "SELECT * FROM notes ORDER BY created_at, n", rows::note);
    fill!(held_back, "SELECT * FROM held_back ORDER BY at, n", rows::held_back);
    fill!(reminders, "SELECT * FROM reminders ORDER BY n", rows::reminder);
    fill!(reason_states, "SELECT * FROM reason_states ORDER BY reason_id", rows::reason_state);
    let owned = |r: &rows::R<'_, '_>| r.get::<String>("customer_id");
    for (c, tag) in every(conn, "SELECT * FROM tags ORDER BY tag", |r| Ok((owned(r)?, rows::tag(r)?)))? {
        if let Some(&i) = place.get(&c) {
            recs[i].tags.push(tag);
        }
    }
    for (c, n) in every(conn, "SELECT * FROM notified ORDER BY reason_id", |r| Ok((owned(r)?, rows::notified(r)?)))? {
        if let Some(&i) = place.get(&c) {
            recs[i].notified.push(n);
        }
    }
    // Purchases and issues, then what belongs to each.
    let mut purchase_at: HashMap<String, (usize, usize)> = HashMap::new();
    for p in every(conn, "SELECT * FROM purchases ORDER BY n", rows::purchase)? {
        if let Some(&i) = place.get(&p.customer_id) {
            purchase_at.insert(p.id.clone(), (i, recs[i].purchases.len()));
            recs[i].purchases.push(p);
        }
    }
    for (pid, s) in every(conn, "SELECT * FROM included_services ORDER BY n", rows::included_service)? {
        if let Some(&(i, j)) = purchase_at.get(&pid) {
            recs[i].purchases[j].included_services.push(s);
        }
    }
    for (pid, d) in every(conn, "SELECT * FROM deliverables ORDER BY n", rows::deliverable)? {
        if let Some(&(i, j)) = purchase_at.get(&pid) {
            recs[i].purchases[j].deliverables.push(d);
        }
    }
    let mut issue_at: HashMap<String, (usize, usize)> = HashMap::new();
    for issue in every(conn, "SELECT * FROM issues ORDER BY n", rows::issue)? {
        if let Some(&i) = place.get(&issue.customer_id) {
            issue_at.insert(issue.id.clone(), (i, recs[i].issues.len()));
            recs[i].issues.push(issue);
        }
    }
    for (iid, u) in every(conn, "SELECT * FROM issue_updates ORDER BY at, n", rows::issue_update)? {
        if let Some(&(i, j)) = issue_at.get(&iid) {
            recs[i].issues[j].updates.push(u);
        }
    }
    Ok(recs)
}

/// A record with the customer and nothing else yet.
pub(crate) fn empty(customer: Customer) -> CustomerRecord {
    CustomerRecord {
        customer,
        contact_points: vec![],
        tags: vec![],
        preferences: vec![],
        facts: vec![],
        goals: vec![],
        purchases: vec![],
        promises: vec![],
        issues: vec![],
        interactions: vec![],
        notes: vec![],
        held_back: vec![],
        reminders: vec![],
        reason_states: vec![],
        notified: vec![],
    }
}

/// Finds the one row of `table` whose id starts with `prefix` (as git does with hashes).
pub(crate) fn resolve(conn: &Connection, table: &'static str, what: &'static str, prefix: &str) -> Result<String> {
    let p = id_prefix(what, prefix)?;
    // A range scan on the unique index: ids in [prefix, prefix + '~') start with prefix.
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || '~' ORDER BY id LIMIT 11");
    let ids = conn
        .prepare_cached(&sql)?
        .query_map(params![p], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    the_one(ids, what, prefix)
}

/// The start of an id as typed, lower-cased; anything but hex digits and dashes matches nothing.
pub(crate) fn id_prefix(what: &'static str, prefix: &str) -> Result<String> {
    let p = prefix.trim().to_ascii_lowercase();
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::NotFound { what, key: prefix.to_string() });
    }
    Ok(p)
}

/// The one id of those starting with `prefix`, or why there is not one.
pub(crate) fn the_one(ids: Vec<String>, what: &'static str, prefix: &str) -> Result<String> {
    match ids.len() {
        0 => Err(Error::NotFound { what, key: prefix.to_string() }),
        1 => Ok(ids.into_iter().next().expect("one id")),
        n => Err(Error::Ambiguous { what, key: prefix.to_string(), count: n }),
    }
}
