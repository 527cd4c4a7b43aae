//! Feeding the reminder engine: the customers who may have a reason (found with indexed queries, so a book of
//! 100,000 customers is not read whole), their records loaded in bulk, and what the salesperson did with reasons.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::{read, rows, Store};
use crate::guard::{self, Outreach, Verdict};
use crate::ids::new_id;
use crate::model::*;
use crate::reasons::{self, Agenda, Snapshot};
use crate::{Error, Result};

impl Store {
    /// Today: the reasons due within `days`, checked by the Guard, and what was held back.
    pub fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        let (customers, profile, playbooks) = self.agenda_snapshot(now, days)?;
        Ok(reasons::agenda(&Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks }, now, days))
    }

    /// What the reason engine needs for an agenda of `days`: the customers who can have a reason (see `records`).
    pub fn agenda_snapshot(
        &self,
        now: DateTime<Utc>,
        days: u32,
    ) -> Result<(Vec<CustomerRecord>, Profile, Vec<Playbook>)> {
        let ids = self.agenda_candidates(now, days)?;
        Ok((self.records(&ids, now)?, self.profile()?, self.playbooks()?))
    }

    /// Customers who may have a reason in the window: everything else cannot.
    fn agenda_candidates(&self, now: DateTime<Utc>, days: u32) -> Result<Vec<String>> {
        let today = reasons::local_today(&self.profile()?, now);
        let d = |n: i64| (today + Duration::days(n)).format("%Y-%m-%d").to_string();
        let horizon = i64::from(days);
        let sql = "
            SELECT customer_id FROM promises WHERE status = 'open'
            UNION SELECT customer_id FROM issues WHERE status = 'open' OR resolved_on >= ?1
            UNION SELECT p.customer_id FROM deliverables x JOIN purchases p ON p.id = x.purchase_id WHERE x.delivered_on IS NULL
            UNION SELECT p.customer_id FROM included_services s JOIN purchases p ON p.id = s.purchase_id
                  WHERE s.used < s.total
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
                ],
                |r| r.get::<_, String>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// What the reason engine reads of these customers, table by table rather than customer by customer: their
    /// statements, tags, promises, issues, purchases, goals, reminders and reason states whole; of their facts, the
    /// dated ones and the latest; of their interactions, those of the last 400 days and the latest outbound one
    /// (the longest look back any rule takes). Not their notes or contact points.
    pub(crate) fn records(&self, ids: &[String], now: DateTime<Utc>) -> Result<Vec<CustomerRecord>> {
        let conn = self.conn();
        let keys = serde_json::to_string(ids).expect("ids serialize");
        let recent = crate::time::stamp(now - Duration::days(400));
        let mut by_id: HashMap<String, CustomerRecord> = HashMap::with_capacity(ids.len());
        for c in bulk(
            conn,
            "SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?1))",
            [&keys],
            rows::customer,
        )? {
            by_id.insert(
                c.id.clone(),
                CustomerRecord {
                    customer: c,
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
                },
            );
        }
        let of = "WHERE customer_id IN (SELECT value FROM json_each(?1))";
        macro_rules! fill {
            ($field:ident, $sql:expr, $map:expr) => {
                for item in bulk(conn, &format!($sql, of), [&keys], $map)? {
                    if let Some(rec) = by_id.get_mut(&item.customer_id) {
                        rec.$field.push(item);
                    }
                }
            };
        }
        fill!(preferences, "SELECT * FROM preferences {} ORDER BY said_at, n", rows::statement);
        fill!(
            facts,
            "SELECT * FROM facts {} AND (date IS NOT NULL
                  OR n IN (SELECT (SELECT g.n FROM facts g WHERE g.customer_id = c.value ORDER BY g.learned_on DESC, g.n DESC LIMIT 1)
                           FROM json_each(?1) c))
             ORDER BY n",
            rows::fact
        );
        fill!(goals, "SELECT * FROM goals {} ORDER BY n", rows::goal);
        fill!(promises, "SELECT * FROM promises {} ORDER BY n", rows::promise);
        let interactions = bulk(
            conn,
            &format!(
                "SELECT * FROM interactions {of} AND (at >= ?2
                     OR n IN (SELECT (SELECT o.n FROM interactions o WHERE o.customer_id = c.value AND o.direction = 'out'
                                      ORDER BY o.at DESC LIMIT 1)
                              FROM json_each(?1) c))
                 ORDER BY at, n"
            ),
            params![keys, recent],
            rows::interaction,
        )?;
        for item in interactions {
            if let Some(rec) = by_id.get_mut(&item.customer_id) {
                rec.interactions.push(item);
            }
        }
        fill!(reminders, "SELECT * FROM reminders {} ORDER BY n", rows::reminder);
        fill!(reason_states, "SELECT * FROM reason_states {} ORDER BY reason_id", rows::reason_state);
        for (customer_id, tag) in
            bulk(conn, &format!("SELECT customer_id, tag, origin FROM tags {of} ORDER BY tag"), [&keys], |r| {
                Ok((r.get::<String>("customer_id")?, rows::tag(r)?))
            })?
        {
            if let Some(rec) = by_id.get_mut(&customer_id) {
                rec.tags.push(tag);
            }
        }
        for (customer_id, n) in bulk(conn, &format!("SELECT * FROM notified {of}"), [&keys], |r| {
            Ok((r.get::<String>("customer_id")?, rows::notified(r)?))
        })? {
            if let Some(rec) = by_id.get_mut(&customer_id) {
                rec.notified.push(n);
            }
        }
        // Purchases and issues carry children of their own.
        let mut purchases: HashMap<String, Purchase> = HashMap::new();
        let mut purchase_order: Vec<String> = Vec::new();
        for p in bulk(conn, &format!("SELECT * FROM purchases {of} ORDER BY n"), [&keys], rows::purchase)? {
            purchase_order.push(p.id.clone());
            purchases.insert(p.id.clone(), p);
        }
        let of_purchases =
            "WHERE purchase_id IN (SELECT id FROM purchases WHERE customer_id IN (SELECT value FROM json_each(?1)))";
        for (pid, s) in bulk(
            conn,
            &format!("SELECT * FROM included_services {of_purchases} ORDER BY n"),
            [&keys],
            rows::included_service,
        )? {
            if let Some(p) = purchases.get_mut(&pid) {
                p.included_services.push(s);
            }
        }
        for (pid, d) in
            bulk(conn, &format!("SELECT * FROM deliverables {of_purchases} ORDER BY n"), [&keys], rows::deliverable)?
        {
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
        for i in bulk(conn, &format!("SELECT * FROM issues {of} ORDER BY n"), [&keys], rows::issue)? {
            issue_order.push(i.id.clone());
            issues.insert(i.id.clone(), i);
        }
        let of_issues =
            "WHERE issue_id IN (SELECT id FROM issues WHERE customer_id IN (SELECT value FROM json_each(?1)))";
        for (iid, u) in
            bulk(conn, &format!("SELECT * FROM issue_updates {of_issues} ORDER BY at, n"), [&keys], rows::issue_update)?
        {
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
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
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

fn bulk<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl Fn(&rows::R<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    rows::all(&mut stmt, params, map)
}
