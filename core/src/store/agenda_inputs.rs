//! What the reason engine reads of a customer, kept ready in one row per customer (table `agenda_inputs`), so
//! that a big book's agenda reads one row per customer instead of a dozen tables.
//!
//! A row holds the customer's record but for their statements (always read fresh: they are few, and they decide
//! how far back a row must reach), contact points and notes; of their facts, the dated ones and the latest; of
//! their interactions, those from `since` on. Triggers remove a row whenever anything it was made of changes
//! (migration 0006); the agenda makes missing rows again, in a write transaction, from the tables themselves.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::model::*;
use crate::reasons;
use crate::Result;

/// Bumped whenever what a row holds, or a model type in it, changes: rows of another version are made again.
/// 2: a customer's name parts (issue 13).
const VERSION: i64 = 2;

#[derive(Serialize)]
struct Written<'a> {
    customer: &'a Customer,
    tags: &'a [Tag],
    facts: &'a [Fact],
    goals: &'a [Goal],
    purchases: &'a [Purchase],
    promises: &'a [Promise],
    issues: &'a [CustomerIssue],
    interactions: &'a [Interaction],
    reminders: &'a [Reminder],
    reason_states: &'a [ReasonState],
    notified: &'a [Notified],
}

#[derive(Deserialize)]
struct Read {
    customer: Customer,
    tags: Vec<Tag>,
    facts: Vec<Fact>,
    goals: Vec<Goal>,
    purchases: Vec<Purchase>,
    promises: Vec<Promise>,
    issues: Vec<CustomerIssue>,
    interactions: Vec<Interaction>,
    reminders: Vec<Reminder>,
    reason_states: Vec<ReasonState>,
    notified: Vec<Notified>,
}

/// From when a customer's interactions must be read at `now`: the engine's look-back (and its margin for zones,
/// `reasons::DAY_MARGIN`), or further if the salesperson's or the customer's rhythm between contacts reaches
/// further (the Guard's frequency rule, which counts from the moment of the last contact).
pub(super) fn since(statements: &[PreferenceStatement], profile: &Profile, now: DateTime<Utc>) -> DateTime<Utc> {
    let stated = crate::guard::ContactWishes::from_statements(statements).min_days_between.map_or(0, |m| m.value);
    let days =
        (reasons::LOOK_BACK_DAYS + reasons::DAY_MARGIN).max(i64::from(profile.min_days_between)).max(i64::from(stated));
    now - Duration::days(days)
}

/// The ready rows of these customers (by id, in the order of `ids`), with their statements, where a row exists,
/// is of this version and reaches back far enough for `now`; and the ids of those whose row must be made.
/// Reads in one transaction, so rows and statements agree.
pub(super) fn read(
    conn: &Connection,
    ids: &[String],
    profile: &Profile,
    now: DateTime<Utc>,
) -> Result<(Vec<CustomerRecord>, Vec<String>)> {
    conn.execute_batch("BEGIN")?;
    let out = read_in(conn, ids, profile, now);
    conn.execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
    out
}

fn read_in(
    conn: &Connection,
    ids: &[String],
    profile: &Profile,
    now: DateTime<Utc>,
) -> Result<(Vec<CustomerRecord>, Vec<String>)> {
    super::agenda::candidates_table(conn, ids)?;
    let mut statements: Vec<(String, PreferenceStatement)> = super::agenda::bulk(
        conn,
        "SELECT x.* FROM preferences x JOIN temp.agenda_ids k ON k.id = x.customer_id ORDER BY x.customer_id, x.said_at, x.n",
        [],
        |r| {
            let s = super::rows::statement(r)?;
            Ok((s.customer_id.clone(), s))
        },
    )?;
    statements.reverse();
    let mut ready = Vec::with_capacity(ids.len());
    let mut missing = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, d.version, d.since, d.data FROM temp.agenda_ids k LEFT JOIN agenda_inputs d ON d.customer_id = k.id
         ORDER BY k.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let mut own = Vec::new();
        while statements.last().is_some_and(|(c, _)| *c == id) {
            own.push(statements.pop().expect("just seen").1);
        }
        let needed = crate::time::stamp(since(&own, profile, now));
        let fresh =
            r.get::<_, Option<i64>>(1)? == Some(VERSION) && r.get::<_, Option<String>>(2)?.is_some_and(|s| s <= needed);
        let decoded = if fresh { r.get_ref(3)?.as_blob_or_null().ok().flatten().and_then(decode) } else { None };
        match decoded {
            Some(mut rec) => {
                rec.preferences = own;
                ready.push(rec);
            }
            None => missing.push(id),
        }
    }
    Ok((ready, missing))
}

fn decode(bytes: &[u8]) -> Option<CustomerRecord> {
    // All of it and nothing more: a row that reads as a record with bytes left over was written as something else.
    let (r, rest): (Read, _) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let mut rec = super::read::empty(r.customer);
    rec.tags = r.tags;
    rec.facts = r.facts;
    rec.goals = r.goals;
    rec.purchases = r.purchases;
    rec.promises = r.promises;
    rec.issues = r.issues;
    rec.interactions = r.interactions;
    rec.reminders = r.reminders;
    rec.reason_states = r.reason_states;
    rec.notified = r.notified;
    Some(rec)
}

/// Keeps the rows of these records (read from the tables at `now`, in the same transaction).
pub(super) fn write(
    conn: &Connection,
    records: &[CustomerRecord],
    profile: &Profile,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO agenda_inputs (customer_id, version, since, data) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for rec in records {
        let data = postcard::to_allocvec(&Written {
            customer: &rec.customer,
            tags: &rec.tags,
            facts: &rec.facts,
            goals: &rec.goals,
            purchases: &rec.purchases,
            promises: &rec.promises,
            issues: &rec.issues,
            interactions: &rec.interactions,
            reminders: &rec.reminders,
            reason_states: &rec.reason_states,
            notified: &rec.notified,
        })
        .expect("a record always encodes");
        let since = crate::time::stamp(since(&rec.preferences, profile, now));
        put.execute(params![rec.customer.id, VERSION, since, data])?;
    }
    Ok(())
}

/// Sets the triggers that remove rows aside, inside a big write's transaction (an import: one trigger run for
/// every row written was a tenth of its time). Returns their SQL for [`resume`]; a rollback puts them back too.
pub(super) fn pause(conn: &Connection) -> Result<Vec<String>> {
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'agenda\\_inputs\\_%' ESCAPE '\\'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    Ok(triggers.into_iter().map(|(_, sql)| sql).collect())
}

/// Puts the triggers back and removes the rows of the customers the write added to (new customers have none).
pub(super) fn resume(conn: &Connection, triggers: &[String], touched: &[&str]) -> Result<()> {
    for sql in triggers {
        conn.execute_batch(sql)?;
    }
    let mut forget = conn.prepare_cached("DELETE FROM agenda_inputs WHERE customer_id = ?1")?;
    for id in touched {
        forget.execute([id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every table a row is made of (see `agenda::records`), but statements, which are always read fresh.
    const MADE_OF: &[&str] = &[
        "tags",
        "facts",
        "goals",
        "purchases",
        "included_services",
        "deliverables",
        "promises",
        "issues",
        "issue_updates",
        "interactions",
        "reminders",
        "reason_states",
        "notified",
    ];

    #[test]
    fn every_table_a_row_is_made_of_has_its_three_triggers() {
        let store = crate::Store::open_in_memory().unwrap();
        let triggers: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'agenda_inputs_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in MADE_OF {
            for change in ["added", "changed", "removed"] {
                let name = format!("agenda_inputs_{table}_{change}");
                assert!(triggers.contains(&name), "{name} is missing");
            }
        }
        for change in ["added", "changed", "removed"] {
            let name = format!("agenda_inputs_customer_{change}");
            assert!(triggers.contains(&name), "{name} is missing");
        }
        assert_eq!(triggers.len(), (MADE_OF.len() + 1) * 3, "a trigger for a table not listed here: {triggers:?}");
    }
}
