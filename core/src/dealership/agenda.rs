//! Whom the dealership book's agenda reads: the customers who may have a reason in the window, asked of the server
//! in one question, so a salesperson's Today reads their few candidates' records instead of every record they own.
//! The question reads `agenda_keys`, what the server keeps of each record for it (`migrations-pg/0004_agenda_keys.sql`),
//! and an index of the contacts that ask for something or praise.
//!
//! The question asks what the SQLite book's candidate questions ask (`store/agenda.rs`): an open promise, an open or
//! lately resolved issue, a deliverable not yet delivered, a warranty or a term ending, a contact asking for something
//! or praising, a personal date in the window, a playbook's tag, a reminder, an included service that may come due.
//! It may find more than have a reason (the engine decides on the whole record), never fewer: tested against the
//! engine over every record (`the_agenda_reads_only_candidates_and_finds_every_reason`).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use postgres::Client;

use crate::reasons;
use crate::Result;

/// Whose customers an agenda is of: everyone's (`me` none), one person's, or one person's and nobody's.
pub(super) struct Whose<'a> {
    pub me: Option<&'a str>,
    pub and_nobodys: bool,
}

const CANDIDATES: &str = "
SELECT c.id FROM customers c
WHERE ($1::text IS NULL OR c.owner_id = $1 OR ($2 AND c.owner_id IS NULL))
  AND (
    c.id IN (SELECT p.customer_id FROM promises p WHERE p.promise->>'status' = 'open')
    OR c.id IN (SELECT i.customer_id FROM interactions i
                WHERE (i.interaction->>'asked_for' IS NOT NULL
                       OR (i.interaction->>'direction' = 'in' AND i.interaction->>'sentiment' = 'positive'))
                  AND i.at >= $3
                  AND (i.interaction->>'asked_for' IS NOT NULL OR i.at >= $4))
    OR jsonb_array_length(c.agenda_keys->'open_issues') > 0
    OR jsonb_array_length(c.agenda_keys->'undelivered') > 0
    OR jsonb_array_length(c.agenda_keys->'reminders') > 0
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'resolved_on') d WHERE d >= $5)
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'warranty_ends') d WHERE d BETWEEN $6 AND $7)
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'term_ends') d WHERE d BETWEEN $6 AND $8)
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'dates') d WHERE d BETWEEN $6 AND $9)
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'yearly') d
               WHERE CASE WHEN $11 < $10 THEN substr(d, 6) >= $10 OR substr(d, 6) <= $11
                          ELSE substr(d, 6) BETWEEN $10 AND $11 END)
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.agenda_keys->'tags') t JOIN playbooks b ON lower(b.tag) = lower(t))
  )";

/// Included services that may come due: each schedule with a service left, with what the engine needs to work out
/// its next due date here (as the SQLite book does). Only the records that have one are taken apart.
const SERVICES: &str = "
SELECT c.id, p->>'purchased_on', (s->>'every_months')::bigint, (s->>'used')::bigint, (s->>'total')::bigint
FROM customers c, jsonb_array_elements(c.record->'purchases') p, jsonb_array_elements(p->'included_services') s
WHERE ($1::text IS NULL OR c.owner_id = $1 OR ($2 AND c.owner_id IS NULL))
  AND jsonb_array_length(c.agenda_keys->'services_since') > 0
  AND (s->>'used')::bigint < (s->>'total')::bigint";

/// The ids of the customers who may have a reason within `days` of `today` (the salesperson's day at `now`).
pub(super) fn candidates(
    client: &mut Client,
    whose: &Whose<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
    days: u32,
) -> Result<Vec<String>> {
    let horizon = i64::from(days);
    let d = |n: i64| (today + Duration::days(n)).format("%Y-%m-%d").to_string();
    let (from, to) = (d(0), d(horizon + 22));
    let asked_since = now - Duration::days(reasons::LOOK_BACK_DAYS + reasons::DAY_MARGIN);
    let praised_since = now - Duration::days(reasons::PRAISE_DAYS + reasons::DAY_MARGIN);
    let (resolved_since, warranty_to, term_to) = (d(-31), d(horizon + 61), d(horizon + 91));
    let yearly = crate::store::agenda::yearly_window(&from, &to, horizon);
    let (from_day, to_day) = (yearly[0].clone(), yearly[1].clone());
    let mut ids: Vec<String> = client
        .query(
            CANDIDATES,
            &[
                &whose.me,
                &whose.and_nobodys,
                &asked_since,
                &praised_since,
                &resolved_since,
                &from,
                &warranty_to,
                &term_to,
                &to,
                &from_day,
                &to_day,
            ],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    // Every schedule with a service left is read (a few small columns each) and its next due date worked out by
    // the engine's own function.
    let last_day = today + Duration::days(horizon);
    for row in client.query(SERVICES, &[&whose.me, &whose.and_nobodys])? {
        let Ok(bought) = crate::time::parse_date(row.get::<_, &str>(1)) else { continue };
        let count = |i: usize| u32::try_from(row.get::<_, i64>(i).clamp(0, i64::from(u32::MAX))).unwrap_or(0);
        if reasons::service_shows_by(bought, (count(2), count(3), count(4)), today, last_day) {
            ids.push(row.get(0));
        }
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}
