//! Bringing contacts from another tool into the book: first a plan (what is new, what matches a customer already
//! here and what would be added to them, what cannot be read), then the import itself — one transaction that
//! lands whole or not at all, with progress and a way to cancel.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::{rows, Store};
use crate::ids::new_id;
use crate::io::contact::{BadRow, Contact, ContactPurchase, Labeled, Parsed};
use crate::model::*;
use crate::{tags, Error, Result};

/// How a contact was recognised as a customer already in the book (or earlier in the same file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    SameEmail,
    SamePhone,
    SameNameAndAddress,
}

/// A contact that joins an existing customer, and what it would add to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merge {
    pub line: usize,
    pub name: String,
    pub customer_id: String,
    pub customer_name: String,
    pub matched_by: MatchedBy,
    /// What the customer gains from the file ("email ana@example.com", "a note").
    pub adds: Vec<String>,
    #[serde(skip)]
    contact: Contact,
}

/// The plan of an import: shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPlan {
    /// Contacts that become new customers.
    pub new_customers: usize,
    /// Contacts that match a customer already here (or an earlier row of the file).
    pub merges: Vec<Merge>,
    /// Rows that cannot be read, with their line and why.
    pub bad: Vec<BadRow>,
    #[serde(skip)]
    new: Vec<Contact>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
}

fn email_key(v: &str) -> String {
    v.trim().to_lowercase()
}

/// Phone numbers match on their last ten digits: "+1 (312) 555-0142" and "312.555.0142" are the same phone.
fn phone_key(v: &str) -> Option<String> {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then(|| digits[digits.len().saturating_sub(10)..].to_string())
}

fn name_address_key(name: &str, address: &str) -> String {
    format!(
        "{}|{}",
        name.trim().to_lowercase(),
        address.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    )
}

/// Who is already in the book, by the keys contacts are matched on.
#[derive(Default)]
struct Known {
    by_email: HashMap<String, usize>,
    by_phone: HashMap<String, usize>,
    by_name_address: HashMap<String, usize>,
    /// (customer id, or None for a new customer of this file, name)
    people: Vec<(Option<String>, String)>,
}

impl Known {
    fn find(&self, c: &Contact) -> Option<(usize, MatchedBy)> {
        c.emails
            .iter()
            .find_map(|e| self.by_email.get(&email_key(&e.value)).map(|i| (*i, MatchedBy::SameEmail)))
            .or_else(|| {
                c.phones.iter().find_map(|p| {
                    phone_key(&p.value).and_then(|k| self.by_phone.get(&k)).map(|i| (*i, MatchedBy::SamePhone))
                })
            })
            .or_else(|| {
                c.addresses.iter().find_map(|a| {
                    self.by_name_address
                        .get(&name_address_key(&c.name, &a.value))
                        .map(|i| (*i, MatchedBy::SameNameAndAddress))
                })
            })
    }

    fn learn(&mut self, who: usize, c: &Contact) {
        for e in &c.emails {
            self.by_email.entry(email_key(&e.value)).or_insert(who);
        }
        for p in &c.phones {
            if let Some(k) = phone_key(&p.value) {
                self.by_phone.entry(k).or_insert(who);
            }
        }
        for a in &c.addresses {
            self.by_name_address.entry(name_address_key(&c.name, &a.value)).or_insert(who);
        }
    }
}

/// Checks a contact as the forms check typed input; the message names the field.
fn check(c: &Contact) -> std::result::Result<(), String> {
    let as_customer = NewCustomer { name: c.name.clone(), time_zone: c.time_zone.clone(), ..Default::default() };
    as_customer.validated().map_err(|e| e.to_string())?;
    for (kind, list) in [(ContactKind::Email, &c.emails), (ContactKind::Phone, &c.phones)] {
        for l in list {
            NewContactPoint { kind, label: None, value: l.value.clone(), preferred: false }
                .validated()
                .map_err(|e| e.to_string())?;
        }
    }
    if let Some(p) = &c.purchase {
        as_new_purchase(p).validated().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// An imported purchase as the purchase form would give it: the sale and its vehicle, nothing owed or included.
fn as_new_purchase(p: &ContactPurchase) -> NewPurchase {
    NewPurchase {
        purchased_on: p.purchased_on,
        description: p.description.clone(),
        vehicle: Some(p.vehicle.clone()).filter(|v| *v != Vehicle::default()),
        features: vec![],
        ownership: Ownership::Cash,
        term_ends_on: None,
        warranty_ends_on: None,
        warranty_terms: None,
        included_services: vec![],
        deliverables: vec![],
    }
}

impl Store {
    /// What importing `parsed` would do, without writing anything.
    pub fn plan_import(&self, parsed: Parsed) -> Result<ImportPlan> {
        let mut known = Known::default();
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT c.id, c.name, p.kind, p.value FROM customers c LEFT JOIN contact_points p ON p.customer_id = c.id ORDER BY c.n",
        )?;
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut people_rows = stmt.query([])?;
        while let Some(r) = people_rows.next()? {
            let id: String = r.get(0)?;
            let name: String = r.get(1)?;
            let who = *index_of.entry(id.clone()).or_insert_with(|| {
                known.people.push((Some(id.clone()), name.clone()));
                known.people.len() - 1
            });
            let kind: Option<String> = r.get(2)?;
            let value: Option<String> = r.get(3)?;
            let one = |v: String| Contact { name: name.clone(), ..Contact::default() }.with(kind.as_deref(), v);
            if let Some(v) = value {
                known.learn(who, &one(v));
            }
        }
        let mut plan = ImportPlan { new_customers: 0, merges: Vec::new(), bad: parsed.bad, new: Vec::new() };
        // Which entry of `plan.new` each new person of this file is.
        let mut new_entry: HashMap<usize, usize> = HashMap::new();
        for c in parsed.contacts {
            if let Err(why) = check(&c) {
                plan.bad.push(BadRow { line: c.line, message: why });
                continue;
            }
            match known.find(&c) {
                Some((who, by)) => {
                    let (customer_id, customer_name) = known.people[who].clone();
                    let adds = additions(&c);
                    // A contact matching another row of the same file joins that new customer.
                    match customer_id {
                        Some(id) => plan.merges.push(Merge {
                            line: c.line,
                            name: c.name.clone(),
                            customer_id: id,
                            customer_name,
                            matched_by: by,
                            adds,
                            contact: c.clone(),
                        }),
                        None => {
                            if let Some(first) = new_entry.get(&who).and_then(|i| plan.new.get_mut(*i)) {
                                merge_into(first, &c);
                            }
                            plan.merges.push(Merge {
                                line: c.line,
                                name: c.name.clone(),
                                customer_id: String::new(),
                                customer_name,
                                matched_by: by,
                                adds,
                                contact: Contact::default(),
                            });
                        }
                    }
                    known.learn(who, &c);
                }
                None => {
                    known.people.push((None, c.name.clone()));
                    let who = known.people.len() - 1;
                    known.learn(who, &c);
                    new_entry.insert(who, plan.new.len());
                    plan.new.push(c);
                }
            }
        }
        plan.new_customers = plan.new.len();
        plan.bad.sort_by_key(|b| b.line);
        Ok(plan)
    }

    /// Writes the plan in one transaction: all of it lands, or (on any error, or when `cancel` is set) none of it.
    /// `progress(done, total)` is called every few hundred contacts. The new rows become searchable with
    /// [`Store::catch_up_search`], which the command line runs right after and the window in the background.
    pub fn apply_import(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        let total = plan.new.len() + plan.merges.len();
        let mut done = 0;
        self.write(|tx| {
            // The rows first; their part of the search index right after (`catch_up_search`).
            let before = super::search_backlog::pause(tx)?;
            let agenda = super::agenda_inputs::pause(tx)?;
            let step = |done: &mut usize| -> Result<()> {
                *done += 1;
                if *done % 500 == 0 {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Error::Cancelled);
                    }
                    progress(*done, total);
                }
                Ok(())
            };
            for c in &plan.new {
                let customer = Customer {
                    id: new_id(),
                    name: c.name.trim().to_string(),
                    preferred_name: c.preferred_name.clone().filter(|p| !p.trim().is_empty()),
                    time_zone: c.time_zone.clone(),
                    how_we_met: None,
                    company: c.company.clone().filter(|p| !p.trim().is_empty()),
                    household: None,
                    created_at: now,
                    updated_at: now,
                };
                rows::insert_customer(tx, &customer)?;
                add_details(tx, &customer.id, c, now, &[])?;
                step(&mut done)?;
            }
            for m in plan.merges.iter().filter(|m| !m.customer_id.is_empty()) {
                let existing: Vec<String> = tx
                    .prepare_cached("SELECT value FROM contact_points WHERE customer_id = ?1")?
                    .query_map(params![m.customer_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                add_details(tx, &m.customer_id, &m.contact, now, &existing)?;
                step(&mut done)?;
            }
            let merged: Vec<&str> =
                plan.merges.iter().filter(|m| !m.customer_id.is_empty()).map(|m| m.customer_id.as_str()).collect();
            super::agenda_inputs::resume(tx, &agenda, &merged)?;
            super::search_backlog::resume(tx, &before)
        })?;
        progress(total, total);
        Ok(ImportReport {
            added: plan.new.len(),
            merged: plan.merges.iter().filter(|m| !m.customer_id.is_empty()).count(),
            skipped: plan.bad.len(),
        })
    }
}

/// Folds a later row of the file into the earlier one it matched.
fn merge_into(first: &mut Contact, later: &Contact) {
    for (mine, theirs) in [
        (&mut first.emails, &later.emails),
        (&mut first.phones, &later.phones),
        (&mut first.addresses, &later.addresses),
    ] {
        for l in theirs {
            if !mine.iter().any(|m| m.value.eq_ignore_ascii_case(&l.value)) {
                mine.push(l.clone());
            }
        }
    }
    if let Some(n) = &later.notes {
        first.notes = Some(match first.notes.take() {
            Some(old) if !old.contains(n.as_str()) => format!("{old}\n{n}"),
            Some(old) => old,
            None => n.clone(),
        });
    }
    for t in &later.tags {
        if !first.tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            first.tags.push(t.clone());
        }
    }
}

/// What a matching contact would add to the customer, for the preview.
fn additions(c: &Contact) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(c.emails.iter().map(|e| format!("email {}", e.value)));
    out.extend(c.phones.iter().map(|p| format!("phone {}", p.value)));
    out.extend(c.addresses.iter().map(|a| format!("address {}", a.value)));
    if c.notes.is_some() {
        out.push("a note".into());
    }
    if c.purchase.is_some() {
        out.push("a purchase".into());
    }
    out
}

impl Contact {
    fn with(mut self, kind: Option<&str>, value: String) -> Contact {
        let l = Labeled { label: None, value, preferred: false };
        match kind {
            Some("email") => self.emails.push(l),
            Some("phone") => self.phones.push(l),
            Some("address") => self.addresses.push(l),
            _ => {}
        }
        self
    }
}

/// Adds a contact's points, note, tags, birthday and purchase to a customer, skipping points already there.
fn add_details(
    conn: &rusqlite::Connection,
    customer_id: &str,
    c: &Contact,
    now: DateTime<Utc>,
    existing: &[String],
) -> Result<()> {
    let has = |v: &str| existing.iter().any(|e| e.eq_ignore_ascii_case(v.trim()));
    for (kind, list) in
        [(ContactKind::Email, &c.emails), (ContactKind::Phone, &c.phones), (ContactKind::Address, &c.addresses)]
    {
        for l in list.iter().filter(|l| !l.value.trim().is_empty() && !has(&l.value)) {
            let p = ContactPoint {
                id: new_id(),
                customer_id: customer_id.to_string(),
                kind,
                label: l.label.clone(),
                value: l.value.trim().to_string(),
                preferred: l.preferred,
            };
            rows::insert_contact_point(conn, &p)?;
        }
    }
    let mut text_tags: Vec<String> = Vec::new();
    if let Some(n) = c.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        let note = Note {
            id: new_id(),
            customer_id: customer_id.to_string(),
            kind: NoteKind::Note,
            format: None,
            text: n.to_string(),
            status: None,
            created_at: now,
            updated_at: now,
        };
        rows::insert_note(conn, &note)?;
        text_tags = tags::hashtags(n);
    }
    for t in text_tags {
        rows::insert_tag(conn, customer_id, &Tag { tag: t, origin: TagOrigin::Text })?;
    }
    for t in c.tags.iter().filter_map(|t| tags::normalize(t).ok()) {
        rows::insert_tag(conn, customer_id, &Tag { tag: t, origin: TagOrigin::Manual })?;
    }
    // Readers keep birthdays within the book's years; a contact built otherwise loses the date, not the person.
    if let Some(b) = c.birthday.filter(|b| crate::time::date_in_range(*b).is_ok()) {
        let f = Fact {
            id: new_id(),
            customer_id: customer_id.to_string(),
            text: "Birthday".into(),
            learned_on: now.date_naive(),
            source: Some("imported".into()),
            date: Some(b),
        };
        rows::insert_fact(conn, &f)?;
    }
    if let Some(p) = &c.purchase {
        rows::insert_purchase(conn, &super::records::purchase_from(customer_id, as_new_purchase(p), now))?;
    }
    Ok(())
}
