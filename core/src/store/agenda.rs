//! Feeding the reminder engine: the customers who may have a reason (found with indexed queries, so a book of
//! 100,000 customers is not read whole), what the engine reads of them loaded table by table, and what the
//! salesperson did with reasons.
//!
//! A big book's agenda is read on two connections at once, half of the customers on each, and each half goes
//! through the engine on its own thread: loading and checking are most of an agenda's time, and this machine has
//! two cores.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{agenda_inputs, read, rows, Store};
use crate::model::*;
use crate::reasons::{self, Agenda, Snapshot, SERVICE_GRACE_DAYS};
use crate::{Error, Result};

/// Below this many candidates one connection does it all: a second thread costs more than it saves.
const SPLIT_FROM: usize = 256;

/// Below this many pages (64 MiB of book, some 10,000 customers) one connection asks the agenda's questions.
const SPLIT_PAGES: i64 = 16_384;

impl Store {
    /// Today: the reasons due within `days`, checked by the Guard, and what was held back.
    pub fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        check_days(days)?;
        let (profile, playbooks) = (self.profile()?, self.playbooks()?);
        let ids = self.agenda_candidates(now, days)?;
        let engine = |customers: &[CustomerRecord]| {
            reasons::agenda(&Snapshot { customers, profile: &profile, playbooks: &playbooks }, now, days)
        };
        let part = |conn: &Connection, ids: &[String]| -> Result<(Agenda, Vec<String>)> {
            let (ready, missing) = agenda_inputs::read(conn, ids, &profile, now)?;
            Ok((engine(&ready), missing))
        };
        let (mut agenda, missing) = if ids.len() < SPLIT_FROM {
            part(self.conn(), &ids)?
        } else {
            // Without a second connection (it could not be opened), one does it all.
            let mut reader = self.reader().ok();
            match reader.as_mut().and_then(|r| r.as_mut()) {
                None => part(self.conn(), &ids)?,
                Some(second) => {
                    let (mine, theirs) = ids.split_at(ids.len() / 2);
                    let part = &part;
                    let (a, b) = std::thread::scope(|s| {
                        let other = s.spawn(move || part(second, theirs));
                        let a = part(self.conn(), mine);
                        (a, other.join().expect("the agenda's second half does not panic"))
                    });
                    let ((a, mut missing), (b, more)) = (a?, b?);
                    missing.extend(more);
                    (reasons::merge(a, b), missing)
                }
            }
        };
        if !missing.is_empty() {
            agenda = reasons::merge(agenda, engine(&self.make_agenda_inputs(&missing, &profile, now)?));
        }
        Ok(agenda)
    }

    /// What the reason engine reads for an agenda of `days`, on one connection: the records of the customers who
    /// can have a reason (see `agenda_inputs`), the profile and the playbooks.
    pub fn agenda_snapshot(
        &self,
        now: DateTime<Utc>,
        days: u32,
    ) -> Result<(Vec<CustomerRecord>, Profile, Vec<Playbook>)> {
        check_days(days)?;
        let (ids, profile) = (self.agenda_candidates(now, days)?, self.profile()?);
        let (mut ready, missing) = agenda_inputs::read(self.conn(), &ids, &profile, now)?;
        if !missing.is_empty() {
            ready.extend(self.make_agenda_inputs(&missing, &profile, now)?);
            ready.sort_by(|a, b| a.customer.id.cmp(&b.customer.id));
        }
        Ok((ready, profile, self.playbooks()?))
    }

    /// Reads these customers' records from the tables and keeps their agenda rows, in one write transaction, so
    /// that nothing written meanwhile is missed. Keeping them is a saving, not a duty: when the book cannot be
    /// written at once (another program is writing, a read-only file, a full disk), the records are read and
    /// returned all the same, and the rows are made another time.
    fn make_agenda_inputs(&self, ids: &[String], profile: &Profile, now: DateTime<Utc>) -> Result<Vec<CustomerRecord>> {
        let conn = self.conn();
        // Not waiting for another program's write: the agenda would stand still for the busy timeout.
        conn.busy_timeout(std::time::Duration::ZERO)?;
        let began = conn.execute_batch("BEGIN IMMEDIATE");
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        if began.is_err() {
            return records(conn, ids, profile, now);
        }
        let read = records(conn, ids, profile, now);
        let kept = match &read {
            Ok(recs) => agenda_inputs::write(conn, recs, profile, now).and_then(|()| Ok(conn.execute_batch("COMMIT")?)),
            Err(_) => Ok(()),
        };
        if (read.is_err() || kept.is_err()) && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        read
    }

    /// Customers who may have a reason in the window, in id order: everything else cannot.
    fn agenda_candidates(&self, now: DateTime<Utc>, days: u32) -> Result<Vec<String>> {
        let today = reasons::local_today(&self.profile()?, now);
        let horizon = i64::from(days);
        // No included service of a purchase older than its longest schedule (and the grace after it) is due.
        let longest: i64 = self
            .conn()
            // Bounded as new schedules are (120 months, 100 times), so a row an older version let in cannot overflow.
            .query_row(
                "SELECT coalesce(max(min(every_months, 120) * min(total, 100)), 0) FROM included_services",
                [],
                |r| r.get(0),
            )?;
        let services_since = today
            .checked_sub_months(chrono::Months::new(u32::try_from(longest).unwrap_or(u32::MAX)))
            .map(|s| (s - Duration::days(SERVICE_GRACE_DAYS + 31)).format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        // Each question on its own, merged here: as one UNION, SQLite reads whole tables in customer order.
        let questions = candidate_questions(today, now, horizon);
        let ask = |conn: &Connection, questions: &[(&str, Vec<String>)]| -> Result<Vec<String>> {
            let mut ids = Vec::new();
            for (sql, values) in questions {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
                while let Some(r) = rows.next()? {
                    ids.push(r.get::<_, String>(0)?);
                }
            }
            Ok(ids)
        };
        // Included services: the schedules of recent purchases, read from an index, and due dates worked out
        // here as the engine works them out.
        let last_day = today + Duration::days(horizon);
        let services = |conn: &Connection| -> Result<Vec<String>> {
            let mut stmt = conn.prepare_cached(SERVICES_QUESTION)?;
            let mut rows = stmt.query([&services_since])?;
            let mut ids = Vec::new();
            while let Some(r) = rows.next()? {
                let bought =
                    crate::time::parse_date(&r.get::<_, String>(1)?).map_err(|m| Error::invalid("purchased_on", m))?;
                let schedule = (r.get::<_, u32>(2)?, r.get::<_, u32>(3)?, r.get::<_, u32>(4)?);
                if reasons::service_shows_by(bought, schedule, today, last_day) {
                    ids.push(r.get(0)?);
                }
            }
            Ok(ids)
        };
        // On a big book the services and the personal dates (the last two questions; the most pages to read) are
        // asked on the second connection while the rest are asked here: a new process reads its pages from the
        // file on both at once. A small book is not worth opening a second connection for (an encrypted one
        // derives its key again).
        let (here, there) = questions.split_at(questions.len() - 2);
        let pages: i64 = self.conn().query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let mut reader = if pages >= SPLIT_PAGES { self.reader().ok() } else { None };
        let theirs_on = |conn: &Connection| -> Result<Vec<String>> {
            let mut ids = services(conn)?;
            ids.extend(ask(conn, there)?);
            Ok(ids)
        };
        let (mine, theirs) = match reader.as_mut().and_then(|r| r.as_mut()) {
            None => (ask(self.conn(), here), theirs_on(self.conn())),
            Some(second) => std::thread::scope(|s| {
                let theirs_on = &theirs_on;
                let other = s.spawn(move || theirs_on(second));
                let mine = ask(self.conn(), here);
                (mine, other.join().expect("the agenda's second question does not panic"))
            }),
        };
        let mut ids: Vec<String> = mine?;
        // The second connection failed (the file moved, a read error there): its questions are asked again here.
        ids.extend(match theirs {
            Ok(found) => found,
            Err(_) => theirs_on(self.conn())?,
        });
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// Saves what was done with reasons, all or none (see [`Book::save_reason_states`]).
    pub(crate) fn save_reason_states(&mut self, states: &[ReasonState]) -> Result<()> {
        self.write(|tx| {
            for s in states {
                read::customer(tx, &s.customer_id)?;
                rows::save_reason_state(tx, s)?;
            }
            Ok(())
        })
    }

    /// Takes back what was done with a reason — done, snoozed or dismissed — so it is on Today again while it is
    /// due (the window's Undo); returns the state it had. A reason never marked is not found.
    pub fn undo_reason_state(&mut self, reason_id: &str) -> Result<ReasonState> {
        self.write(|tx| {
            let sql = "SELECT * FROM reason_states WHERE reason_id = ?1";
            let had = rows::one(tx, sql, params![reason_id], rows::reason_state)
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "reason", key: reason_id.to_string() })?;
            tx.execute("DELETE FROM reason_states WHERE reason_id = ?1", [reason_id])?;
            Ok(had)
        })
    }

    /// Records that a reason was notified; false if it already was (a restart never repeats one).
    pub fn mark_notified(&mut self, reason_id: &str, customer_id: &str, now: DateTime<Utc>) -> Result<bool> {
        self.write(|tx| rows::insert_notified(tx, customer_id, &Notified { reason_id: reason_id.to_string(), at: now }))
    }

    /// Whether a reason was notified already.
    pub fn was_notified(&self, reason_id: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM notified WHERE reason_id = ?1)", [reason_id], |r| r.get(0))?)
    }
}

/// What the reason engine reads of these customers, on `conn`, table by table rather than customer by customer:
/// their statements, tags, promises, issues, purchases, goals, reminders and reason states whole; of their facts,
/// the dated ones and the latest; of their interactions, those of the engine's look-back
/// ([`reasons::LOOK_BACK_DAYS`]), or as far back as the customer's or the salesperson's rhythm between contacts
/// reaches (the Guard's frequency rule). Not their
/// notes or contact points. The engine reads nothing else, so its reasons are those of the whole record (tested).
///
/// The ids go in a temporary table; small tables are read whole and matched against it, big ones are looked up
/// customer by customer — whichever reads fewer rows.
fn records(conn: &Connection, ids: &[String], profile: &Profile, now: DateTime<Utc>) -> Result<Vec<CustomerRecord>> {
    candidates_table(conn, ids)?;
    // `x` joined to the candidates: scanning `x` when it has fewer rows than there are candidates to look up.
    let of = |table: &str| -> Result<String> {
        let rows: i64 = conn.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM {table}"), [], |r| r.get(0))?;
        Ok(if usize::try_from(rows).unwrap_or(usize::MAX) < ids.len() {
            format!("{table} x CROSS JOIN temp.agenda_ids k ON k.id = x.customer_id")
        } else {
            format!("temp.agenda_ids k CROSS JOIN {table} x ON x.customer_id = k.id")
        })
    };
    // The records, in id order (the temporary table's): a customer's place is found by halving, not hashing.
    let mut recs: Vec<CustomerRecord> =
        bulk(conn, "SELECT c.* FROM temp.agenda_ids k CROSS JOIN customers c ON c.id = k.id ORDER BY k.id", [], |r| {
            rows::customer(r).map(read::empty)
        })?;
    macro_rules! fill {
        ($field:ident, $sql:expr, $table:expr, $map:expr) => {
            for item in bulk(conn, &format!($sql, of($table)?), [], $map)? {
                if let Some(i) = place(&recs, &item.customer_id) {
                    recs[i].$field.push(item);
                }
            }
        };
    }
    fill!(preferences, "SELECT x.* FROM {} ORDER BY x.said_at, x.n", "preferences", rows::statement);
    fill!(goals, "SELECT x.* FROM {} ORDER BY x.n", "goals", rows::goal);
    fill!(promises, "SELECT x.* FROM {} ORDER BY x.n", "promises", rows::promise);
    fill!(reminders, "SELECT x.* FROM {} ORDER BY x.n", "reminders", rows::reminder);
    fill!(reason_states, "SELECT x.* FROM {} ORDER BY x.reason_id", "reason_states", rows::reason_state);
    // Tags are kept by customer (their primary key): one step each.
    let tags = "SELECT x.customer_id, x.tag, x.origin FROM temp.agenda_ids k CROSS JOIN tags x ON x.customer_id = k.id
                ORDER BY x.tag";
    for (customer_id, tag) in bulk(conn, tags, [], |r| Ok((r.get::<String>("customer_id")?, rows::tag(r)?)))? {
        if let Some(i) = place(&recs, &customer_id) {
            recs[i].tags.push(tag);
        }
    }
    for (customer_id, n) in bulk(conn, &format!("SELECT x.* FROM {}", of("notified")?), [], |r| {
        Ok((r.get::<String>("customer_id")?, rows::notified(r)?))
    })? {
        if let Some(i) = place(&recs, &customer_id) {
            recs[i].notified.push(n);
        }
    }
    // Facts: the dated ones, and the latest one (one index step each, `facts_latest`); each question on its own,
    // as one UNION SQLite reads every fact of the book. Kept in the order they were written, as in the record.
    let mut facts = bulk(
        conn,
        "SELECT x.* FROM facts x CROSS JOIN temp.agenda_ids k ON k.id = x.customer_id WHERE x.date IS NOT NULL",
        [],
        |r| Ok((r.get::<i64>("n")?, rows::fact(r)?)),
    )?;
    facts.extend(bulk(
        conn,
        "SELECT x.* FROM temp.agenda_ids k CROSS JOIN facts x
             ON x.n = (SELECT g.n FROM facts g WHERE g.customer_id = k.id ORDER BY g.learned_on DESC, g.n DESC LIMIT 1)
         WHERE x.date IS NULL",
        [],
        |r| Ok((r.get::<i64>("n")?, rows::fact(r)?)),
    )?);
    facts.sort_unstable_by_key(|(n, _)| *n);
    for (_, f) in facts {
        if let Some(i) = place(&recs, &f.customer_id) {
            recs[i].facts.push(f);
        }
    }
    // Interactions: the look-back, or further back for a customer whose rhythm between contacts reaches further
    // (see `agenda_inputs::since`). In time order, as in the record.
    {
        let mut since = conn.prepare_cached("UPDATE temp.agenda_ids SET since = ?2 WHERE id = ?1")?;
        for rec in &recs {
            since.execute(params![
                rec.customer.id,
                crate::time::stamp(agenda_inputs::since(&rec.preferences, profile, now))
            ])?;
        }
    }
    for i in bulk(
        conn,
        "SELECT x.* FROM temp.agenda_ids k CROSS JOIN interactions x ON x.customer_id = k.id AND x.at >= k.since
         ORDER BY k.id, x.at, x.n",
        [],
        rows::interaction,
    )? {
        if let Some(p) = place(&recs, &i.customer_id) {
            recs[p].interactions.push(i);
        }
    }
    // Purchases, in the order they were written, with their included services and deliverables.
    let mut purchases = bulk(conn, &format!("SELECT x.* FROM {}", of("purchases")?), [], |r| {
        Ok((r.get::<i64>("n")?, rows::purchase(r)?))
    })?;
    purchases.sort_unstable_by_key(|(n, _)| *n);
    for (_, p) in purchases {
        if let Some(i) = place(&recs, &p.customer_id) {
            recs[i].purchases.push(p);
        }
    }
    let of_purchases = |table: &str| {
        format!(
            "SELECT k.id AS of_customer, x.* FROM temp.agenda_ids k CROSS JOIN purchases p ON p.customer_id = k.id
             CROSS JOIN {table} x ON x.purchase_id = p.id"
        )
    };
    for (customer_id, (pid, s)) in bulk(conn, &of_purchases("included_services"), [], |r| {
        Ok((r.get::<String>("of_customer")?, rows::included_service(r)?))
    })? {
        if let Some(p) = purchase_of(&mut recs, &customer_id, &pid) {
            p.included_services.push(s);
        }
    }
    for (customer_id, (pid, d)) in
        bulk(conn, &of_purchases("deliverables"), [], |r| Ok((r.get::<String>("of_customer")?, rows::deliverable(r)?)))?
    {
        if let Some(p) = purchase_of(&mut recs, &customer_id, &pid) {
            p.deliverables.push(d);
        }
    }
    // Issues, with their updates.
    for issue in bulk(conn, &format!("SELECT x.* FROM {} ORDER BY x.n", of("issues")?), [], rows::issue)? {
        if let Some(i) = place(&recs, &issue.customer_id) {
            recs[i].issues.push(issue);
        }
    }
    for (customer_id, (iid, u)) in bulk(
        conn,
        "SELECT k.id AS of_customer, x.* FROM temp.agenda_ids k CROSS JOIN issues i ON i.customer_id = k.id
                CROSS JOIN issue_updates x ON x.issue_id = i.id ORDER BY x.at, x.n",
        [],
        |r| Ok((r.get::<String>("of_customer")?, rows::issue_update(r)?)),
    )? {
        if let Some(i) = place(&recs, &customer_id) {
            if let Some(issue) = recs[i].issues.iter_mut().find(|x| x.id == iid) {
                issue.updates.push(u);
            }
        }
    }
    Ok(recs)
}

/// The place of a customer's record among records in id order.
fn place(recs: &[CustomerRecord], id: &str) -> Option<usize> {
    recs.binary_search_by(|r| r.customer.id.as_str().cmp(id)).ok()
}

/// A customer's purchase among records in id order.
fn purchase_of<'a>(recs: &'a mut [CustomerRecord], customer_id: &str, purchase_id: &str) -> Option<&'a mut Purchase> {
    let i = place(recs, customer_id)?;
    recs[i].purchases.iter_mut().find(|p| p.id == purchase_id)
}

/// Who has an included service that may come due: the schedules of purchases since `?1`.
const SERVICES_QUESTION: &str = "SELECT p.customer_id, p.purchased_on, s.every_months, s.used, s.total
     FROM purchases p JOIN included_services s ON s.purchase_id = p.id
     WHERE p.purchased_on >= ?1 AND s.used < s.total";

/// The agenda's questions, each with its values: who has an open promise, an open or lately resolved issue, a
/// deliverable not yet delivered, a warranty or a term ending, an interaction asking for something or praising, a
/// personal date in the window, a playbook's tag, a reminder. Each is answered from an index alone
/// (`every_agenda_question_reads_an_index_alone`): a new process starts with an empty page cache, and a table
/// page per customer found was a read from the file each.
fn candidate_questions(today: NaiveDate, now: DateTime<Utc>, horizon: i64) -> [(&'static str, Vec<String>); 12] {
    let d = |n: i64| (today + Duration::days(n)).format("%Y-%m-%d").to_string();
    let (from, to) = (d(0), d(horizon + 22));
    [
        ("SELECT customer_id FROM promises WHERE status = 'open'", vec![]),
        ("SELECT customer_id FROM issues WHERE status = 'open'", vec![]),
        ("SELECT customer_id FROM issues WHERE resolved_on IS NOT NULL AND resolved_on >= ?1", vec![d(-31)]),
        (
            "SELECT p.customer_id FROM deliverables x JOIN purchases p ON p.id = x.purchase_id
             WHERE x.delivered_on IS NULL",
            vec![],
        ),
        (
            "SELECT customer_id FROM purchases WHERE warranty_ends_on IS NOT NULL
             AND warranty_ends_on BETWEEN ?1 AND ?2",
            vec![d(0), d(horizon + 61)],
        ),
        (
            "SELECT customer_id FROM purchases WHERE term_ends_on IS NOT NULL AND term_ends_on BETWEEN ?1 AND ?2
             AND ownership <> 'cash'",
            vec![d(0), d(horizon + 91)],
        ),
        (
            "SELECT customer_id FROM interactions WHERE asked_for IS NOT NULL AND at >= ?1",
            vec![crate::time::stamp(now - Duration::days(reasons::LOOK_BACK_DAYS + reasons::DAY_MARGIN))],
        ),
        (
            "SELECT customer_id FROM interactions WHERE direction = 'in' AND sentiment = 'positive' AND at >= ?1",
            vec![crate::time::stamp(now - Duration::days(reasons::PRAISE_DAYS + reasons::DAY_MARGIN))],
        ),
        ("SELECT customer_id FROM tags WHERE tag IN (SELECT tag FROM playbooks)", vec![]),
        ("SELECT customer_id FROM reminders", vec![]),
        // A personal date shows three weeks ahead; birthdays and anniversaries come back every year (each
        // question in the words of its index, `facts_by_date` and `facts_yearly`).
        (
            "SELECT customer_id FROM facts WHERE date IS NOT NULL AND date BETWEEN ?1 AND ?2",
            vec![from.clone(), to.clone()],
        ),
        (
            "SELECT customer_id FROM facts INDEXED BY facts_yearly
             WHERE date IS NOT NULL AND (lower(text) LIKE '%birthday%' OR lower(text) LIKE '%anniversary%')
             AND (CASE WHEN ?2 < ?1 THEN substr(date, 6) >= ?1 OR substr(date, 6) <= ?2
                       ELSE substr(date, 6) BETWEEN ?1 AND ?2 END)",
            yearly_window(&from, &to, horizon),
        ),
    ]
}

/// The month-days a yearly date (a birthday, an anniversary) must fall between to show in the window from `from`
/// to `to`: a window of a year or more takes in every day of the year (its month-days would wrap round and leave
/// most of them out).
pub(crate) fn yearly_window(from: &str, to: &str, horizon: i64) -> Vec<String> {
    if horizon + 22 >= 365 {
        return vec!["01-01".into(), "12-31".into()];
    }
    vec![from[5..].to_string(), to[5..].to_string()]
}

/// Puts these customer ids in the connection's temporary table `agenda_ids`, which the agenda's queries join.
/// (`since`, from when a customer's interactions are read, is set by `records` once their statements are read.)
pub(super) fn candidates_table(conn: &Connection, ids: &[String]) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS agenda_ids (id TEXT PRIMARY KEY, since TEXT) WITHOUT ROWID;
         DELETE FROM temp.agenda_ids;",
    )?;
    let ids = serde_json::to_string(ids).expect("ids serialize");
    conn.prepare_cached("INSERT OR IGNORE INTO temp.agenda_ids (id) SELECT value FROM json_each(?1)")?
        .execute([ids])?;
    Ok(())
}

pub(super) fn bulk<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl Fn(&rows::R<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    rows::all(&mut stmt, params, map)
}

/// The most days ahead an agenda looks: ten years. Further is no agenda, and past the calendar's end.
pub const MAX_AGENDA_DAYS: u32 = 3660;

pub(crate) fn check_days(days: u32) -> Result<()> {
    if days > MAX_AGENDA_DAYS {
        return Err(crate::Error::invalid(
            "days",
            format!("{days} days is too far ahead; at most {MAX_AGENDA_DAYS} (ten years)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each of the agenda's questions is answered from an index: SQLite's plan names a covering index for every
    /// table it searches (but the birthdays' index, whose words are in the row, and a join's lookup of the one row
    /// it found by its id), so a new process reads index pages, not one table page per customer found.
    #[test]
    fn every_agenda_question_reads_an_index_alone() {
        let store = Store::open_in_memory().unwrap();
        let now = "2026-11-23T16:00:00Z".parse().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut questions: Vec<(&str, Vec<String>)> = candidate_questions(today, now, 30).into();
        questions.push((SERVICES_QUESTION, vec!["2024-01-01".into()]));
        for (sql, values) in questions {
            let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            // A join may look up the one row it found by its unique id (a pending deliverable's purchase), and the
            // birthdays' index holds only birthdays and anniversaries (whose words are in the row); no question
            // walks a whole table's rows to find whom it asks about.
            let reads_rows = plan.iter().any(|step| {
                (step.starts_with("SCAN") || step.starts_with("SEARCH"))
                    && !step.contains("COVERING INDEX")
                    && !(step.starts_with("SEARCH") && step.ends_with("(id=?)"))
                    && !step.contains("USING INDEX facts_yearly")
            });
            assert!(!reads_rows, "{sql}\n{}", plan.join("\n"));
        }
    }
}
