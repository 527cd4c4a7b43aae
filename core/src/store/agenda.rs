//! Feeding the reminder engine: the customers who may have a reason (found with indexed queries, so a book of
//! 100,000 customers is not read whole), what the engine reads of them loaded table by table, and what the
//! salesperson did with reasons.
//!
//! A big book's agenda is read on two connections at once, half of the customers on each, and each half goes
//! through the engine on its own thread: loading and checking are most of an agenda's time, and this machine has
//! two cores.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::{read, rows, Store};
use crate::guard::{self, Outreach, Verdict};
use crate::ids::new_id;
use crate::model::*;
use crate::reasons::{self, Agenda, Snapshot};
use crate::{Error, Result};

/// Below this many candidates one connection does it all: a second thread costs more than it saves.
const SPLIT_FROM: usize = 256;

impl Store {
    /// Today: the reasons due within `days`, checked by the Guard, and what was held back.
    pub fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        let (profile, playbooks) = (self.profile()?, self.playbooks()?);
        let ids = self.agenda_candidates(now, days)?;
        let part = |conn: &Connection, ids: &[String]| -> Result<Agenda> {
            let customers = records(conn, ids, now)?;
            Ok(reasons::agenda(
                &Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks },
                now,
                days,
            ))
        };
        if ids.len() < SPLIT_FROM {
            return part(self.conn(), &ids);
        }
        let mut reader = self.reader()?;
        let Some(second) = reader.as_mut() else { return part(self.conn(), &ids) };
        let (mine, theirs) = ids.split_at(ids.len() / 2);
        let part = &part;
        let (a, b) = std::thread::scope(|s| {
            let other = s.spawn(move || part(second, theirs));
            let a = part(self.conn(), mine);
            (a, other.join().expect("the agenda's second half does not panic"))
        });
        Ok(reasons::merge(a?, b?))
    }

    /// What the reason engine needs for an agenda of `days`, read on one connection: the customers who can have
    /// a reason (see `records`), the profile and the playbooks.
    pub fn agenda_snapshot(
        &self,
        now: DateTime<Utc>,
        days: u32,
    ) -> Result<(Vec<CustomerRecord>, Profile, Vec<Playbook>)> {
        let ids = self.agenda_candidates(now, days)?;
        Ok((records(self.conn(), &ids, now)?, self.profile()?, self.playbooks()?))
    }

    /// Customers who may have a reason in the window, in id order: everything else cannot.
    fn agenda_candidates(&self, now: DateTime<Utc>, days: u32) -> Result<Vec<String>> {
        let today = reasons::local_today(&self.profile()?, now);
        let d = |n: i64| (today + Duration::days(n)).format("%Y-%m-%d").to_string();
        let horizon = i64::from(days);
        // No included service of a purchase older than its longest schedule (and the grace after it) is due.
        let longest: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(every_months * total), 0) FROM included_services", [], |r| r.get(0))?;
        let services_since = today
            .checked_sub_months(chrono::Months::new(u32::try_from(longest).unwrap_or(u32::MAX)))
            .map(|s| (s - Duration::days(91 + 31)).format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let sql = "
            SELECT customer_id FROM promises WHERE status = 'open'
            UNION SELECT customer_id FROM issues WHERE status = 'open' OR resolved_on >= ?1
            UNION SELECT p.customer_id FROM deliverables x JOIN purchases p ON p.id = x.purchase_id WHERE x.delivered_on IS NULL
            UNION SELECT p.customer_id FROM purchases p JOIN included_services s ON s.purchase_id = p.id
                  WHERE p.purchased_on >= ?10 AND s.used < s.total
                    AND date(p.purchased_on, '+' || (s.every_months * (s.used + 1)) || ' months') <= ?3
                    AND date(p.purchased_on, '+' || (s.every_months * s.total) || ' months') >= ?2
            UNION SELECT customer_id FROM purchases WHERE warranty_ends_on IS NOT NULL AND warranty_ends_on BETWEEN ?4 AND ?5
            UNION SELECT customer_id FROM purchases WHERE term_ends_on IS NOT NULL AND term_ends_on BETWEEN ?4 AND ?6
                                                          AND ownership <> 'cash'
            UNION SELECT customer_id FROM interactions WHERE asked_for IS NOT NULL AND at >= ?7
            UNION SELECT customer_id FROM interactions WHERE direction = 'in' AND sentiment = 'positive' AND at >= ?8
            UNION SELECT customer_id FROM facts WHERE date IS NOT NULL
                  AND (date BETWEEN ?4 AND ?9
                       OR ((lower(text) LIKE '%birthday%' OR lower(text) LIKE '%anniversary%')
                           AND (strftime('%m-%d', date) BETWEEN strftime('%m-%d', ?4) AND strftime('%m-%d', ?9)
                                OR (strftime('%m-%d', ?9) < strftime('%m-%d', ?4)
                                    AND (strftime('%m-%d', date) >= strftime('%m-%d', ?4)
                                         OR strftime('%m-%d', date) <= strftime('%m-%d', ?9))))))
            UNION SELECT customer_id FROM tags WHERE tag IN (SELECT tag FROM playbooks)
            UNION SELECT customer_id FROM reminders";
        let mut stmt = self.conn().prepare_cached(sql)?;
        let ids = stmt
            .query_map(
                params![
                    d(-31),
                    d(-91),
                    d(horizon + 15),
                    d(0),
                    d(horizon + 61),
                    d(horizon + 91),
                    crate::time::stamp(now - Duration::days(181)),
                    crate::time::stamp(now - Duration::days(15)),
                    // A personal date shows three weeks ahead.
                    d(horizon + 22),
                    services_since,
                ],
                |r| r.get::<_, String>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// Marks a reason done, snoozed until a day, or dismissed (with why).
    pub fn set_reason_state(
        &mut self,
        reason_id: &str,
        customer_id: &str,
        state: ReasonStateKind,
        until: Option<NaiveDate>,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<ReasonState> {
        let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        let today = reasons::local_today(&self.profile()?, now);
        match state {
            ReasonStateKind::Snoozed if until.is_none_or(|u| u <= today) => {
                return Err(Error::invalid("until", "snooze to a day after today"));
            }
            ReasonStateKind::Dismissed if note.is_none() => {
                return Err(Error::invalid("why", "say why it is not worth the customer's time"));
            }
            _ => {}
        }
        let s = ReasonState {
            reason_id: reason_id.to_string(),
            customer_id: customer_id.to_string(),
            state,
            until: if state == ReasonStateKind::Snoozed { until } else { None },
            note,
            at: now,
        };
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            rows::save_reason_state(tx, &s)
        })?;
        Ok(s)
    }

    /// Adds the salesperson's own reminder — only with a value the Guard accepts as something for the customer.
    pub fn add_reminder(&mut self, customer_id: &str, input: NewReminder, now: DateTime<Utc>) -> Result<Reminder> {
        let value = input.value.trim().to_string();
        let facts = self.guard_facts(customer_id)?;
        let channel = input.channel.unwrap_or(Channel::Email);
        let outreach = Outreach::new(channel, now, &value);
        let d = guard::decide(&facts.situation(), &outreach);
        if let Some(f) = d.reasons.iter().find(|f| f.rule == guard::Rule::Contentless) {
            return Err(Error::invalid("value", f.message.clone()));
        }
        if d.decision == Verdict::Blocked && d.reasons.iter().any(|f| matches!(f.rule, guard::Rule::DoNotContact)) {
            return Err(Error::Blocked(Box::new(d)));
        }
        let m = Reminder {
            id: new_id(),
            customer_id: customer_id.to_string(),
            value,
            due_on: input.due_on,
            channel: input.channel,
            created_at: now,
        };
        self.write(|tx| rows::insert_reminder(tx, &m))?;
        Ok(m)
    }

    /// The reason (on the agenda of the coming year) whose id starts with `prefix`: its id and its customer.
    pub fn find_reason(&self, prefix: &str, now: DateTime<Utc>) -> Result<(String, String)> {
        let a = self.agenda(now, 366)?;
        let p = prefix.trim();
        let all = a.reasons.iter().chain(a.held_back.iter().map(|h| &h.reason));
        let found: Vec<_> = all.filter(|r| !p.is_empty() && r.id.starts_with(p)).collect();
        match found.as_slice() {
            [] => Err(Error::NotFound { what: "reason", key: p.to_string() }),
            [r] => Ok((r.id.clone(), r.customer_id.clone())),
            more => Err(Error::Ambiguous { what: "reason", key: p.to_string(), count: more.len() }),
        }
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
/// ([`reasons::LOOK_BACK_DAYS`]) and the latest proactive outbound one (for the customer's rhythm). Not their
/// notes or contact points. The engine reads nothing else, so its reasons are those of the whole record (tested).
///
/// The ids go in a temporary table; small tables are read whole and matched against it, big ones are looked up
/// customer by customer — whichever reads fewer rows.
fn records(conn: &Connection, ids: &[String], now: DateTime<Utc>) -> Result<Vec<CustomerRecord>> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS agenda_ids (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.agenda_ids;",
    )?;
    {
        let mut add = conn.prepare_cached("INSERT OR IGNORE INTO temp.agenda_ids (id) VALUES (?1)")?;
        for id in ids {
            add.execute([id])?;
        }
    }
    let recent = crate::time::stamp(now - Duration::days(reasons::LOOK_BACK_DAYS));
    // `x` joined to the candidates: scanning `x` when it has fewer rows than there are candidates to look up.
    let of = |table: &str| -> Result<String> {
        let rows: i64 = conn.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM {table}"), [], |r| r.get(0))?;
        Ok(if usize::try_from(rows).unwrap_or(usize::MAX) < ids.len() {
            format!("{table} x CROSS JOIN temp.agenda_ids k ON k.id = x.customer_id")
        } else {
            format!("temp.agenda_ids k CROSS JOIN {table} x ON x.customer_id = k.id")
        })
    };
    let mut by_id: HashMap<String, CustomerRecord> = HashMap::with_capacity(ids.len());
    for c in bulk(conn, "SELECT c.* FROM temp.agenda_ids k CROSS JOIN customers c ON c.id = k.id", [], rows::customer)?
    {
        by_id.insert(c.id.clone(), empty(c));
    }
    macro_rules! fill {
        ($field:ident, $sql:expr, $table:expr, $map:expr) => {
            for item in bulk(conn, &format!($sql, of($table)?), [], $map)? {
                if let Some(rec) = by_id.get_mut(&item.customer_id) {
                    rec.$field.push(item);
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
        if let Some(rec) = by_id.get_mut(&customer_id) {
            rec.tags.push(tag);
        }
    }
    for (customer_id, n) in bulk(conn, &format!("SELECT x.* FROM {}", of("notified")?), [], |r| {
        Ok((r.get::<String>("customer_id")?, rows::notified(r)?))
    })? {
        if let Some(rec) = by_id.get_mut(&customer_id) {
            rec.notified.push(n);
        }
    }
    // Facts: the dated ones, and the latest one (one index step each, `facts_latest`).
    let facts = bulk(
        conn,
        "SELECT x.* FROM facts x CROSS JOIN temp.agenda_ids k ON k.id = x.customer_id WHERE x.date IS NOT NULL
         UNION
         SELECT x.* FROM temp.agenda_ids k CROSS JOIN facts x
             ON x.n = (SELECT g.n FROM facts g WHERE g.customer_id = k.id ORDER BY g.learned_on DESC, g.n DESC LIMIT 1)",
        [],
        |r| Ok((r.get::<i64>("n")?, rows::fact(r)?)),
    )?;
    let mut fact_order: HashMap<String, Vec<(i64, Fact)>> = HashMap::new();
    for (n, f) in facts {
        fact_order.entry(f.customer_id.clone()).or_default().push((n, f));
    }
    // Interactions: the look-back, and the latest proactive outbound contact before it.
    let interactions = bulk(
        conn,
        "SELECT x.* FROM temp.agenda_ids k CROSS JOIN interactions x ON x.customer_id = k.id AND x.at >= ?1
         UNION ALL
         SELECT x.* FROM temp.agenda_ids k CROSS JOIN interactions x
             ON x.n = (SELECT o.n FROM interactions o
                       WHERE o.customer_id = k.id AND o.direction = 'out' AND o.at < ?1
                         AND coalesce(o.purpose, 'proactive') = 'proactive'
                       ORDER BY o.at DESC LIMIT 1)",
        [&recent],
        |r| Ok((r.get::<i64>("n")?, rows::interaction(r)?)),
    )?;
    let mut interaction_order: HashMap<String, Vec<(i64, Interaction)>> = HashMap::new();
    for (n, i) in interactions {
        interaction_order.entry(i.customer_id.clone()).or_default().push((n, i));
    }
    // Purchases and issues carry children of their own.
    let mut purchases: HashMap<String, Purchase> = HashMap::new();
    let mut purchase_order: Vec<String> = Vec::new();
    for p in bulk(conn, &format!("SELECT x.* FROM {} ORDER BY x.n", of("purchases")?), [], rows::purchase)? {
        purchase_order.push(p.id.clone());
        purchases.insert(p.id.clone(), p);
    }
    let of_purchases = "temp.agenda_ids k CROSS JOIN purchases p ON p.customer_id = k.id
                        CROSS JOIN {} x ON x.purchase_id = p.id";
    for (pid, s) in bulk(
        conn,
        &format!("SELECT x.* FROM {} ORDER BY x.n", of_purchases.replace("{}", "included_services")),
        [],
        rows::included_service,
    )? {
        if let Some(p) = purchases.get_mut(&pid) {
            p.included_services.push(s);
        }
    }
    for (pid, d) in bulk(
        conn,
        &format!("SELECT x.* FROM {} ORDER BY x.n", of_purchases.replace("{}", "deliverables")),
        [],
        rows::deliverable,
    )? {
        if let Some(p) = purchases.get_mut(&pid) {
            p.deliverables.push(d);
        }
    }
    for pid in purchase_order {
        let p = purchases.remove(&pid).expect("loaded above");
        if let Some(rec) = by_id.get_mut(&p.customer_id) {
            rec.purchases.push(p);
        }
    }
    let mut issues: HashMap<String, CustomerIssue> = HashMap::new();
    let mut issue_order: Vec<String> = Vec::new();
    for i in bulk(conn, &format!("SELECT x.* FROM {} ORDER BY x.n", of("issues")?), [], rows::issue)? {
        issue_order.push(i.id.clone());
        issues.insert(i.id.clone(), i);
    }
    for (iid, u) in bulk(
        conn,
        "SELECT x.* FROM temp.agenda_ids k CROSS JOIN issues i ON i.customer_id = k.id
                CROSS JOIN issue_updates x ON x.issue_id = i.id ORDER BY x.at, x.n",
        [],
        rows::issue_update,
    )? {
        if let Some(i) = issues.get_mut(&iid) {
            i.updates.push(u);
        }
    }
    for iid in issue_order {
        let i = issues.remove(&iid).expect("loaded above");
        if let Some(rec) = by_id.get_mut(&i.customer_id) {
            rec.issues.push(i);
        }
    }
    // In the order the whole record has them: facts as written, interactions by time.
    for (customer_id, mut facts) in fact_order {
        if let Some(rec) = by_id.get_mut(&customer_id) {
            facts.sort_by_key(|(n, _)| *n);
            rec.facts = facts.into_iter().map(|(_, f)| f).collect();
        }
    }
    for (customer_id, mut interactions) in interaction_order {
        if let Some(rec) = by_id.get_mut(&customer_id) {
            interactions.sort_by(|(n, a), (m, b)| (a.at, n).cmp(&(b.at, m)));
            rec.interactions = interactions.into_iter().map(|(_, i)| i).collect();
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn empty(customer: Customer) -> CustomerRecord {
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

fn bulk<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl Fn(&rows::R<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    rows::all(&mut stmt, params, map)
}
