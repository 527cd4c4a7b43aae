//! One place that maps each model type to and from its table rows.
//!
//! Both adding (a new value with a fresh id) and importing (a value from a book file) write through these
//! `insert_*` functions, so an export followed by an import writes exactly what was read.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use rusqlite::types::{FromSql, Type};
use rusqlite::{params, Connection, Params, Row, Statement};

use crate::date_style::DateStyle;
use crate::model::*;
use crate::time::stamp;
use crate::Result;

// ---- reading rows by column name, fast ---------------------------------------------------------------------

/// A statement's column names, read once. (rusqlite's by-name lookup asks SQLite for every column's name on
/// every call, which dominated loading big books.)
pub(super) struct Cols(Vec<String>);

impl Cols {
    pub(super) fn of(stmt: &Statement<'_>) -> Cols {
        Cols(stmt.column_names().into_iter().map(String::from).collect())
    }

    fn index(&self, name: &str) -> rusqlite::Result<usize> {
        self.0.iter().position(|c| c == name).ok_or_else(|| rusqlite::Error::InvalidColumnName(name.to_string()))
    }
}

/// A row and its statement's column names.
pub(super) struct R<'a, 'b> {
    row: &'a Row<'b>,
    cols: &'a Cols,
}

impl R<'_, '_> {
    pub(super) fn get<T: FromSql>(&self, name: &str) -> rusqlite::Result<T> {
        self.row.get(self.cols.index(name)?)
    }
}

/// Every row of a prepared statement, mapped.
pub(super) fn all<T, P: Params>(
    stmt: &mut Statement<'_>,
    params: P,
    map: impl Fn(&R<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let cols = Cols::of(stmt);
    let out = stmt.query_map(params, |row| map(&R { row, cols: &cols }))?.collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(out)
}

/// The one row `sql` finds, mapped; `QueryReturnedNoRows` when there is none.
pub(super) fn one<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl Fn(&R<'_, '_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let mut stmt = conn.prepare_cached(sql)?;
    let cols = Cols::of(&stmt);
    stmt.query_row(params, |row| map(&R { row, cols: &cols }))
}

// ---- reading column values -------------------------------------------------------------------------------

fn conversion_error(col: &str, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Text, format!("{col}: {message}").into())
}

/// A value of a row that cannot be read (written by an older version that let it in, or by hand): the message names
/// the record and its field, shows the value, and says how to repair it, so one bad row is never a dead end.
fn unreadable(row: &R<'_, '_>, col: &str, value: &str, message: String) -> rusqlite::Error {
    let shown: String = value.chars().take(40).collect();
    let id = row.get::<String>("id").ok();
    let of = row.get::<String>("customer_id").map(|c| format!(" of customer {c}")).unwrap_or_default();
    match id {
        Some(id) => {
            let text = format!(
                "record {id}{of}: its {col} '{shown}' cannot be read ({message}); the rest of the book is fine — \
                 correct or remove that record (rapport remove <interaction|fact|purchase|promise|goal|note> {id})"
            );
            rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(crate::error::Unreadable(text)))
        }
        None => conversion_error(col, format!("'{shown}' cannot be read: {message}")),
    }
}

pub(super) fn moment(row: &R<'_, '_>, col: &str) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(col)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| unreadable(row, col, &text, e.to_string()))
}

fn date(row: &R<'_, '_>, col: &str) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(col)?;
    crate::time::parse_date(&text).map_err(|m| unreadable(row, col, &text, m))
}

fn maybe_date(row: &R<'_, '_>, col: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| crate::time::parse_date(&t).map_err(|m| unreadable(row, col, &t, m))).transpose()
}

fn clock(row: &R<'_, '_>, col: &str) -> rusqlite::Result<Option<NaiveTime>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| crate::time::parse_clock(&t).map_err(|m| conversion_error(col, m))).transpose()
}

fn word<T: std::str::FromStr<Err = ParseWordError>>(row: &R<'_, '_>, col: &str) -> rusqlite::Result<T> {
    let text: String = row.get(col)?;
    text.parse().map_err(|e: ParseWordError| conversion_error(col, e.to_string()))
}

fn maybe_word<T: std::str::FromStr<Err = ParseWordError>>(row: &R<'_, '_>, col: &str) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| t.parse().map_err(|e: ParseWordError| conversion_error(col, e.to_string()))).transpose()
}

fn strings(row: &R<'_, '_>, col: &str) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(col)?;
    serde_json::from_str(&text).map_err(|e| conversion_error(col, e.to_string()))
}

/// Structured parts kept as JSON (a name's, an address's); NULL when there are none.
fn parts<T: serde::de::DeserializeOwned>(row: &R<'_, '_>, col: &str) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| conversion_error(col, e.to_string()))).transpose()
}

fn parts_json<T: serde::Serialize>(parts: &Option<T>) -> Option<String> {
    parts.as_ref().map(|p| serde_json::to_string(p).expect("parts always serialize"))
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).expect("a list of strings always serializes")
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn maybe_day(d: Option<NaiveDate>) -> Option<String> {
    d.map(day)
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M:%S").to_string()
}

// ---- profile -----------------------------------------------------------------------------------------------

pub(super) fn profile(conn: &Connection) -> Result<Profile> {
    Ok(one(conn, "SELECT * FROM profile WHERE id = 1", [], |r| {
        let days: String = r.get("work_days")?;
        let work_days = days
            .split(',')
            .filter(|d| !d.is_empty())
            .map(|d| d.parse::<Weekday>().map_err(|_| conversion_error("work_days", d.to_string())))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Profile {
            name: r.get("name")?,
            dealership: r.get("dealership")?,
            time_zone: r.get("time_zone")?,
            work_start: clock(r, "work_start")?.unwrap_or_default(),
            work_end: clock(r, "work_end")?.unwrap_or_default(),
            work_days,
            signature: r.get("signature")?,
            voice: r.get("voice")?,
            contact_start: clock(r, "contact_start")?.unwrap_or_default(),
            contact_end: clock(r, "contact_end")?.unwrap_or_default(),
            calling_rule: word(r, "calling_rule")?,
            min_days_between: r.get("min_days_between")?,
            notifications: r.get("notifications")?,
            start_at_login: r.get("start_at_login")?,
            date_style: match (maybe_word(r, "date_order")?, maybe_word(r, "clock")?) {
                (Some(order), Some(clock)) => Some(DateStyle { order, clock }),
                _ => None,
            },
        })
    })?)
}

pub(super) fn save_profile(conn: &Connection, p: &Profile) -> Result<()> {
    let days: Vec<String> = p.work_days.iter().map(|d| d.to_string()).collect();
    conn.prepare_cached(
        "UPDATE profile SET name = ?1, dealership = ?2, time_zone = ?3, work_start = ?4, work_end = ?5,
                work_days = ?6, signature = ?7, voice = ?8, contact_start = ?9, contact_end = ?10, calling_rule = ?11,
                min_days_between = ?12, notifications = ?13, start_at_login = ?14, date_order = ?15, clock = ?16
         WHERE id = 1",
    )?
    .execute(params![
        p.name,
        p.dealership,
        p.time_zone,
        hhmm(p.work_start),
        hhmm(p.work_end),
        days.join(","),
        p.signature,
        p.voice,
        hhmm(p.contact_start),
        hhmm(p.contact_end),
        p.calling_rule.as_str(),
        p.min_days_between,
        p.notifications,
        p.start_at_login,
        p.date_style.map(|s| s.order.as_str()),
        p.date_style.map(|s| s.clock.as_str()),
    ])?;
    Ok(())
}

// ---- customers and what we know of them ----------------------------------------------------------------------

pub(super) fn customer(r: &R<'_, '_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get("id")?,
        name: r.get("name")?,
        preferred_name: r.get("preferred_name")?,
        time_zone: r.get("time_zone")?,
        how_we_met: r.get("how_we_met")?,
        company: r.get("company")?,
        household: r.get("household")?,
        name_parts: parts(r, "name_parts")?,
        created_at: moment(r, "created_at")?,
        updated_at: moment(r, "updated_at")?,
    })
}

pub(super) fn insert_customer(conn: &Connection, c: &Customer) -> Result<()> {
    conn.prepare_cached("INSERT INTO customers (id, name, preferred_name, time_zone, how_we_met, company, household, created_at, updated_at, name_parts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(params![
            c.id, c.name, c.preferred_name, c.time_zone, c.how_we_met, c.company, c.household,
            stamp(c.created_at), stamp(c.updated_at), parts_json(&c.name_parts)
        ],
    )?;
    Ok(())
}

pub(super) fn contact_point(r: &R<'_, '_>) -> rusqlite::Result<ContactPoint> {
    Ok(ContactPoint {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        kind: word(r, "kind")?,
        label: r.get("label")?,
        value: r.get("value")?,
        preferred: r.get("preferred")?,
        parts: parts(r, "parts")?,
    })
}

pub(super) fn insert_contact_point(conn: &Connection, p: &ContactPoint) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO contact_points (id, customer_id, kind, label, value, preferred, parts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        p.id,
        p.customer_id,
        p.kind.as_str(),
        p.label,
        p.value,
        p.preferred,
        parts_json(&p.parts)
    ])?;
    Ok(())
}

pub(super) fn tag(r: &R<'_, '_>) -> rusqlite::Result<Tag> {
    Ok(Tag { tag: r.get("tag")?, origin: word(r, "origin")? })
}

pub(super) fn insert_tag(conn: &Connection, customer_id: &str, t: &Tag) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO tags (customer_id, tag, origin) VALUES (?1, ?2, ?3)")?
        .execute(params![customer_id, t.tag, t.origin.as_str()])?;
    Ok(())
}

pub(super) fn fact(r: &R<'_, '_>) -> rusqlite::Result<Fact> {
    Ok(Fact {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        text: r.get("text")?,
        learned_on: date(r, "learned_on")?,
        source: r.get("source")?,
        date: maybe_date(r, "date")?,
    })
}

pub(super) fn insert_fact(conn: &Connection, f: &Fact) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO facts (id, customer_id, text, learned_on, source, date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![f.id, f.customer_id, f.text, day(f.learned_on), f.source, maybe_day(f.date)])?;
    Ok(())
}

pub(super) fn goal(r: &R<'_, '_>) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        text: r.get("text")?,
        stated_on: date(r, "stated_on")?,
        source: r.get("source")?,
        achieved_on: maybe_date(r, "achieved_on")?,
    })
}

pub(super) fn insert_goal(conn: &Connection, g: &Goal) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO goals (id, customer_id, text, stated_on, source, achieved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![g.id, g.customer_id, g.text, day(g.stated_on), g.source, maybe_day(g.achieved_on)])?;
    Ok(())
}

pub(super) fn note(r: &R<'_, '_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        kind: word(r, "kind")?,
        format: r.get("format")?,
        text: r.get("text")?,
        status: maybe_word(r, "status")?,
        created_at: moment(r, "created_at")?,
        updated_at: moment(r, "updated_at")?,
    })
}

pub(super) fn insert_note(conn: &Connection, n: &Note) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO notes (id, customer_id, kind, format, text, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        n.id,
        n.customer_id,
        n.kind.as_str(),
        n.format,
        n.text,
        n.status.map(|s| s.as_str()),
        stamp(n.created_at),
        stamp(n.updated_at)
    ])?;
    Ok(())
}

// ---- contacts and what the customer said ---------------------------------------------------------------------

pub(super) fn interaction(r: &R<'_, '_>) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        at: moment(r, "at")?,
        channel: word(r, "channel")?,
        direction: word(r, "direction")?,
        summary: r.get("summary")?,
        quotes: strings(r, "quotes")?,
        sentiment: maybe_word(r, "sentiment")?,
        reason: r.get("reason")?,
        topic: r.get("topic")?,
        asked_for: r.get("asked_for")?,
        justification: r.get("justification")?,
        purpose: maybe_word(r, "purpose")?,
    })
}

pub(super) fn insert_interaction(conn: &Connection, i: &Interaction) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO interactions (id, customer_id, at, channel, direction, summary, quotes, sentiment, reason, topic,
                                   asked_for, justification, purpose)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        i.id,
        i.customer_id,
        stamp(i.at),
        i.channel.as_str(),
        i.direction.as_str(),
        i.summary,
        json(&i.quotes),
        i.sentiment.map(|s| s.as_str()),
        i.reason,
        i.topic,
        i.asked_for,
        i.justification,
        i.purpose.map(|p| p.as_str())
    ])?;
    Ok(())
}

pub(super) fn statement(r: &R<'_, '_>) -> rusqlite::Result<PreferenceStatement> {
    let kind: String = r.get("kind")?;
    let channel = || -> rusqlite::Result<Channel> { word(r, "channel") };
    let topic = || -> rusqlite::Result<String> { r.get("topic") };
    let means = match kind.as_str() {
        "prefer_channel" => Meaning::PreferChannel { channel: channel()? },
        "decline_channel" => Meaning::DeclineChannel { channel: channel()? },
        "allow_channel" => Meaning::AllowChannel { channel: channel()? },
        "contact_hours" => Meaning::ContactHours {
            start: clock(r, "start_time")?.ok_or_else(|| conversion_error("start_time", "missing".into()))?,
            end: clock(r, "end_time")?.ok_or_else(|| conversion_error("end_time", "missing".into()))?,
        },
        "min_days_between" => Meaning::MinDaysBetween { days: r.get("days")? },
        "decline_topic" => Meaning::DeclineTopic { topic: topic()? },
        "allow_topic" => Meaning::AllowTopic { topic: topic()? },
        "do_not_contact" => Meaning::DoNotContact,
        "resume_contact" => Meaning::ResumeContact,
        other => return Err(conversion_error("kind", format!("unknown statement kind '{other}'"))),
    };
    Ok(PreferenceStatement {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        said_at: moment(r, "said_at")?,
        words: r.get("words")?,
        means,
        source_interaction_id: r.get("source_interaction_id")?,
        recorded_at: moment(r, "recorded_at")?,
    })
}

pub(super) fn insert_statement(conn: &Connection, s: &PreferenceStatement) -> Result<()> {
    let (mut channel, mut topic, mut start, mut end, mut days) = (None, None, None, None, None);
    match &s.means {
        Meaning::PreferChannel { channel: c }
        | Meaning::DeclineChannel { channel: c }
        | Meaning::AllowChannel { channel: c } => channel = Some(c.as_str()),
        Meaning::ContactHours { start: s0, end: e0 } => {
            start = Some(hhmm(*s0));
            end = Some(hhmm(*e0));
        }
        Meaning::MinDaysBetween { days: d } => days = Some(*d),
        Meaning::DeclineTopic { topic: t } | Meaning::AllowTopic { topic: t } => topic = Some(t.as_str()),
        Meaning::DoNotContact | Meaning::ResumeContact => {}
    }
    conn.prepare_cached(
        "INSERT INTO preferences (id, customer_id, said_at, words, kind, channel, topic, start_time, end_time, days,
                                  source_interaction_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        s.id,
        s.customer_id,
        stamp(s.said_at),
        s.words,
        s.means.kind(),
        channel,
        topic,
        start,
        end,
        days,
        s.source_interaction_id,
        stamp(s.recorded_at)
    ])?;
    Ok(())
}

// ---- purchases -------------------------------------------------------------------------------------------------

/// A purchase row without its services and deliverables (the caller adds them).
pub(super) fn purchase(r: &R<'_, '_>) -> rusqlite::Result<Purchase> {
    let vehicle = Vehicle {
        year: r.get("vehicle_year")?,
        make: r.get("vehicle_make")?,
        model: r.get("vehicle_model")?,
        trim: r.get("vehicle_trim")?,
        vin: r.get("vehicle_vin")?,
    };
    Ok(Purchase {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        purchased_on: date(r, "purchased_on")?,
        description: r.get("description")?,
        vehicle: Some(vehicle).filter(|v| *v != Vehicle::default()),
        features: strings(r, "features")?,
        ownership: word(r, "ownership")?,
        term_ends_on: maybe_date(r, "term_ends_on")?,
        warranty_ends_on: maybe_date(r, "warranty_ends_on")?,
        warranty_terms: r.get("warranty_terms")?,
        included_services: Vec::new(),
        deliverables: Vec::new(),
    })
}

fn bounded(n: i64, most: u32) -> u32 {
    u32::try_from(n.clamp(0, i64::from(most))).unwrap_or(most)
}

pub(super) fn included_service(r: &R<'_, '_>) -> rusqlite::Result<(String, IncludedService)> {
    Ok((
        r.get("purchase_id")?,
        IncludedService {
            id: r.get("id")?,
            name: r.get("name")?,
            // Held to the bounds new schedules are checked against: a row an older version let in ("every
            // 4,294,967,295 months") reads as the longest schedule allowed instead of stalling every agenda.
            every_months: bounded(r.get("every_months")?, MAX_SERVICE_MONTHS),
            total: bounded(r.get("total")?, MAX_SERVICES),
            used: bounded(r.get("used")?, MAX_SERVICES),
        },
    ))
}

pub(super) fn deliverable(r: &R<'_, '_>) -> rusqlite::Result<(String, Deliverable)> {
    Ok((
        r.get("purchase_id")?,
        Deliverable {
            id: r.get("id")?,
            what: r.get("what")?,
            due_on: maybe_date(r, "due_on")?,
            delivered_on: maybe_date(r, "delivered_on")?,
        },
    ))
}

pub(super) fn insert_purchase(conn: &Connection, p: &Purchase) -> Result<()> {
    let v = p.vehicle.clone().unwrap_or_default();
    conn.prepare_cached("INSERT INTO purchases (id, customer_id, purchased_on, description, vehicle_year, vehicle_make, vehicle_model,
                                vehicle_trim, vehicle_vin, features, ownership, term_ends_on, warranty_ends_on, warranty_terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")?.execute(params![
            p.id, p.customer_id, day(p.purchased_on), p.description, v.year, v.make, v.model, v.trim, v.vin,
            json(&p.features), p.ownership.as_str(), maybe_day(p.term_ends_on), maybe_day(p.warranty_ends_on),
            p.warranty_terms
        ],
    )?;
    for s in &p.included_services {
        conn.prepare_cached("INSERT INTO included_services (id, purchase_id, name, every_months, total, used) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![s.id, p.id, s.name, s.every_months, s.total, s.used],
        )?;
    }
    for d in &p.deliverables {
        conn.prepare_cached(
            "INSERT INTO deliverables (id, purchase_id, what, due_on, delivered_on) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![d.id, p.id, d.what, maybe_day(d.due_on), maybe_day(d.delivered_on)])?;
    }
    Ok(())
}

// ---- promises and issues -----------------------------------------------------------------------------------------

pub(super) fn promise(r: &R<'_, '_>) -> rusqlite::Result<Promise> {
    Ok(Promise {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        what: r.get("what")?,
        made_on: date(r, "made_on")?,
        due_on: date(r, "due_on")?,
        status: word(r, "status")?,
        closed_on: maybe_date(r, "closed_on")?,
    })
}

pub(super) fn insert_promise(conn: &Connection, p: &Promise) -> Result<()> {
    conn.prepare_cached("INSERT INTO promises (id, customer_id, what, made_on, due_on, status, closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![p.id, p.customer_id, p.what, day(p.made_on), day(p.due_on), p.status.as_str(), maybe_day(p.closed_on)],
    )?;
    Ok(())
}

/// An issue row without its updates (the caller adds them).
pub(super) fn issue(r: &R<'_, '_>) -> rusqlite::Result<CustomerIssue> {
    Ok(CustomerIssue {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        title: r.get("title")?,
        opened_on: date(r, "opened_on")?,
        status: word(r, "status")?,
        next_update_on: maybe_date(r, "next_update_on")?,
        resolved_on: maybe_date(r, "resolved_on")?,
        resolution: r.get("resolution")?,
        updates: Vec::new(),
    })
}

pub(super) fn issue_update(r: &R<'_, '_>) -> rusqlite::Result<(String, IssueUpdate)> {
    Ok((r.get("issue_id")?, IssueUpdate { id: r.get("id")?, at: moment(r, "at")?, text: r.get("text")? }))
}

pub(super) fn insert_issue(conn: &Connection, i: &CustomerIssue) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO issues (id, customer_id, title, opened_on, status, next_update_on, resolved_on, resolution)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        i.id,
        i.customer_id,
        i.title,
        day(i.opened_on),
        i.status.as_str(),
        maybe_day(i.next_update_on),
        maybe_day(i.resolved_on),
        i.resolution
    ])?;
    for u in &i.updates {
        insert_issue_update(conn, &i.id, u)?;
    }
    Ok(())
}

pub(super) fn insert_issue_update(conn: &Connection, issue_id: &str, u: &IssueUpdate) -> Result<()> {
    conn.prepare_cached("INSERT INTO issue_updates (id, issue_id, at, text) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![u.id, issue_id, stamp(u.at), u.text])?;
    Ok(())
}

// ---- playbooks and what was held back ----------------------------------------------------------------------

pub(super) fn playbook(r: &R<'_, '_>) -> rusqlite::Result<Playbook> {
    Ok(Playbook {
        tag: r.get("tag")?,
        never_topics: strings(r, "never_topics")?,
        offer: strings(r, "offer")?,
        script: r.get("script")?,
    })
}

pub(super) fn save_playbook(conn: &Connection, p: &Playbook) -> Result<()> {
    conn.prepare_cached("INSERT INTO playbooks (tag, never_topics, offer, script) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (tag) DO UPDATE SET tag = excluded.tag, never_topics = excluded.never_topics, offer = excluded.offer,
                                         script = excluded.script")?.execute(params![p.tag, json(&p.never_topics), json(&p.offer), p.script],
    )?;
    Ok(())
}

pub(super) fn held_back(r: &R<'_, '_>) -> rusqlite::Result<HeldBack> {
    Ok(HeldBack {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        at: moment(r, "at")?,
        planned_for: moment(r, "planned_for")?,
        channel: word(r, "channel")?,
        topic: r.get("topic")?,
        text: r.get("text")?,
        rule: r.get("rule")?,
        message: r.get("message")?,
        quote: r.get("quote")?,
        said_on: maybe_date(r, "said_on")?,
        source: r.get("source")?,
    })
}

pub(super) fn insert_held_back(conn: &Connection, h: &HeldBack) -> Result<()> {
    conn.prepare_cached("INSERT INTO held_back (id, customer_id, at, planned_for, channel, topic, text, rule, message, quote, source, said_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?.execute(params![
            h.id,
            h.customer_id,
            stamp(h.at),
            stamp(h.planned_for),
            h.channel.as_str(),
            h.topic,
            h.text,
            h.rule,
            h.message,
            h.quote,
            h.source,
            maybe_day(h.said_on)
        ],
    )?;
    Ok(())
}

// ---- reminders, reason states, notifications ------------------------------------------------------------------

pub(super) fn reminder(r: &R<'_, '_>) -> rusqlite::Result<Reminder> {
    Ok(Reminder {
        id: r.get("id")?,
        customer_id: r.get("customer_id")?,
        value: r.get("value")?,
        due_on: date(r, "due_on")?,
        channel: maybe_word(r, "channel")?,
        created_at: moment(r, "created_at")?,
    })
}

pub(super) fn insert_reminder(conn: &Connection, m: &Reminder) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO reminders (id, customer_id, value, due_on, channel, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        m.id,
        m.customer_id,
        m.value,
        day(m.due_on),
        m.channel.map(|c| c.as_str()),
        stamp(m.created_at)
    ])?;
    Ok(())
}

pub(super) fn reason_state(r: &R<'_, '_>) -> rusqlite::Result<ReasonState> {
    Ok(ReasonState {
        reason_id: r.get("reason_id")?,
        customer_id: r.get("customer_id")?,
        state: word(r, "state")?,
        until: maybe_date(r, "until")?,
        note: r.get("note")?,
        at: moment(r, "at")?,
    })
}

pub(super) fn save_reason_state(conn: &Connection, s: &ReasonState) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO reason_states (reason_id, customer_id, state, until, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (reason_id) DO UPDATE SET state = excluded.state, until = excluded.until, note = excluded.note,
                                               at = excluded.at",
    )?
    .execute(params![s.reason_id, s.customer_id, s.state.as_str(), maybe_day(s.until), s.note, stamp(s.at)])?;
    Ok(())
}

pub(super) fn notified(r: &R<'_, '_>) -> rusqlite::Result<Notified> {
    Ok(Notified { reason_id: r.get("reason_id")?, at: moment(r, "at")? })
}

pub(super) fn insert_notified(conn: &Connection, customer_id: &str, n: &Notified) -> Result<bool> {
    let added = conn
        .prepare_cached("INSERT OR IGNORE INTO notified (reason_id, customer_id, at) VALUES (?1, ?2, ?3)")?
        .execute(params![n.reason_id, customer_id, stamp(n.at)])?;
    Ok(added == 1)
}
