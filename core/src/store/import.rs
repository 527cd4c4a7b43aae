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
    /// Rapport's own export: the customer's id, read back.
    SameRapportId,
    /// The same name and nothing else to go by (a name-only contact imported again).
    SameName,
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
    pub(crate) contact: Contact,
}

/// Two people who share an email or a phone but not a name: kept apart (colleagues on one office line, a family on
/// one email), and shown so the salesperson can join them by hand if they are one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PossibleMatch {
    pub line: usize,
    pub name: String,
    /// The customer already in the book, or empty for an earlier row of the same file.
    pub customer_id: String,
    pub customer_name: String,
    /// What they share ("phone 312-555-0142").
    pub shares: String,
    /// The line of that earlier row (0 for a customer already in the book).
    pub with_line: usize,
    /// What joining them would add to that customer.
    pub adds: Vec<String>,
    /// Added by [`ImportPlan::join`]: the email or phone they share.
    #[serde(skip)]
    matched_by: Option<MatchedBy>,
}

/// The plan of an import: shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPlan {
    /// Contacts that become new customers.
    pub new_customers: usize,
    /// Contacts that match a customer already here (or an earlier row of the file).
    pub merges: Vec<Merge>,
    /// Contacts that share an email or phone with someone of another name: imported as their own customer.
    pub possible_matches: Vec<PossibleMatch>,
    /// Rows that cannot be read, with their line and why.
    pub bad: Vec<BadRow>,
    /// Values left out of a contact that was otherwise imported (a phone like `911`, an email without `@`), with
    /// the line and why: the person is never dropped for one bad value.
    pub skipped_values: Vec<BadRow>,
    #[serde(skip)]
    pub(crate) new: Vec<Contact>,
    /// Rows joined by the salesperson to an earlier row: the line of the row they went into.
    #[serde(skip)]
    folded_into: HashMap<usize, usize>,
}

impl ImportPlan {
    /// The salesperson's decision in the preview: the possible matches at these lines are the same person as the
    /// one they share a phone or email with, and join them (a customer in the book, or the earlier row of the file)
    /// instead of becoming customers of their own. Every other possible match stays apart. A line that is not a
    /// possible match of this plan is an error naming it, and the plan is left as it was.
    pub fn join(&mut self, lines: &[usize]) -> Result<()> {
        if let Some(line) = lines.iter().find(|l| !self.possible_matches.iter().any(|m| m.line == **l)) {
            return Err(Error::invalid(
                "join",
                format!("line {line} is not one of this file's possible matches (they are listed in the preview)"),
            ));
        }
        // Earlier rows first, so a row joined to one that was itself joined follows it there.
        let mut chosen: Vec<PossibleMatch> =
            self.possible_matches.iter().filter(|m| lines.contains(&m.line)).cloned().collect();
        chosen.sort_by_key(|m| m.line);
        self.possible_matches.retain(|m| !lines.contains(&m.line));
        for m in chosen {
            let Some(at) = self.new.iter().position(|c| c.line == m.line) else { continue };
            let contact = self.new.remove(at);
            let by = m.matched_by.unwrap_or(MatchedBy::SamePhone);
            // An earlier row that was joined to a customer in the book takes this one along.
            let into_book = if m.customer_id.is_empty() {
                self.merges.iter().find(|g| g.line == m.with_line && !g.customer_id.is_empty()).cloned()
            } else {
                None
            };
            let (customer_id, customer_name) = match into_book {
                Some(g) => (g.customer_id, g.customer_name),
                None => (m.customer_id.clone(), m.customer_name.clone()),
            };
            if customer_id.is_empty() {
                // The earlier row of the file: where it went, if it was itself folded into a row before it.
                let mut target = m.with_line;
                while let Some(&earlier) = self.folded_into.get(&target) {
                    target = earlier;
                }
                if let Some(first) = self.new.iter_mut().find(|c| c.line == target) {
                    merge_into(first, &contact);
                }
                self.folded_into.insert(m.line, target);
                self.merges.push(Merge {
                    line: m.line,
                    name: m.name,
                    customer_id: String::new(),
                    customer_name,
                    matched_by: by,
                    adds: m.adds,
                    contact: Contact::default(),
                });
            } else {
                self.merges.push(Merge {
                    line: m.line,
                    name: m.name,
                    customer_id,
                    customer_name,
                    matched_by: by,
                    adds: m.adds,
                    contact,
                });
            }
        }
        self.merges.sort_by_key(|g| g.line);
        self.new_customers = self.new.len();
        Ok(())
    }
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub added: usize,
    /// Rows that joined a customer already in the book.
    pub merged: usize,
    /// Rows that were the same person as an earlier row of the file, and joined that new customer.
    pub joined_rows: usize,
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

/// A name as matching compares it: lowercase words without punctuation or honorifics.
fn name_words(name: &str) -> Vec<String> {
    const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "prof", "sr", "jr", "ii", "iii"];
    name.split(|c: char| !c.is_alphanumeric() && c != '@' && c != '.')
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty() && !HONORIFICS.contains(&w.as_str()))
        .collect()
}

/// Whether two names can be one person: one's words are all in the other ("Ana" and "Ana Souza", "Dr. Ana Souza"),
/// or one of them was only made from the shared email or phone.
fn same_person(a: &str, b: &str) -> bool {
    let (x, y) = (name_words(a), name_words(b));
    if x.is_empty() || y.is_empty() || a.contains('@') || b.contains('@') || !a.chars().any(char::is_alphabetic) {
        return true;
    }
    // A word matches the same word or one it shortens ("Ben" for "Benjamin", "Chris" for "Christopher"); a
    // shortening has three letters at least, so the "O" of "O'Neil" never stands for "Oaks".
    let matches = |w: &String, other: &[String]| {
        other.iter().any(|o| {
            let short = w.chars().count().min(o.chars().count());
            o == w || short >= 3 && (o.starts_with(w.as_str()) || w.starts_with(o.as_str()))
        })
    };
    x.iter().all(|w| matches(w, &y)) || y.iter().all(|w| matches(w, &x))
}

/// Who is already in the book, by the keys contacts are matched on.
#[derive(Default)]
struct Known {
    by_rapport_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Everyone with this email or phone (people can share one), in the order they were met.
    by_email: HashMap<String, Vec<usize>>,
    by_phone: HashMap<String, Vec<usize>>,
    by_name_address: HashMap<String, usize>,
    /// (customer id, or None for a new customer of this file, name)
    people: Vec<(Option<String>, String)>,
}

impl Known {
    fn find(&self, c: &Contact) -> Option<(usize, MatchedBy)> {
        // Rapport's own export: its id decides alone, so two exported customers who share a phone stay two.
        if let Some(id) = &c.rapport_id {
            return self.by_rapport_id.get(id).map(|i| (*i, MatchedBy::SameRapportId));
        }
        // Of everyone with the same email or phone, the one of the same name; else the first (a possible match).
        let pick = |list: &Vec<usize>| -> usize {
            list.iter().copied().find(|&w| same_person(&self.people[w].1, &c.name)).unwrap_or(list[0])
        };
        c.emails
            .iter()
            .find_map(|e| self.by_email.get(&email_key(&e.value)).map(|l| (pick(l), MatchedBy::SameEmail)))
            .or_else(|| {
                c.phones.iter().find_map(|p| {
                    phone_key(&p.value).and_then(|k| self.by_phone.get(&k)).map(|l| (pick(l), MatchedBy::SamePhone))
                })
            })
            .or_else(|| {
                c.addresses.iter().find_map(|a| {
                    self.by_name_address
                        .get(&name_address_key(&c.name, &a.value))
                        .map(|i| (*i, MatchedBy::SameNameAndAddress))
                })
            })
            .or_else(|| {
                // A contact with only a name, imported again, is the one customer of that name (if there is one).
                let only_a_name = c.emails.is_empty() && c.phones.is_empty() && c.addresses.is_empty();
                match self.by_name.get(&name_words(&c.name).join(" ")).map(Vec::as_slice) {
                    Some([one]) if only_a_name => Some((*one, MatchedBy::SameName)),
                    _ => None,
                }
            })
    }

    fn learn(&mut self, who: usize, c: &Contact) {
        if let Some(id) = &c.rapport_id {
            self.by_rapport_id.entry(id.clone()).or_insert(who);
        }
        let add = |map: &mut HashMap<String, Vec<usize>>, key: String| {
            let list = map.entry(key).or_default();
            if !list.contains(&who) {
                list.push(who);
            }
        };
        let name = name_words(&c.name).join(" ");
        if !name.is_empty() {
            add(&mut self.by_name, name);
        }
        for e in &c.emails {
            add(&mut self.by_email, email_key(&e.value));
        }
        for k in c.phones.iter().filter_map(|p| phone_key(&p.value)) {
            add(&mut self.by_phone, k);
        }
        for a in &c.addresses {
            self.by_name_address.entry(name_address_key(&c.name, &a.value)).or_insert(who);
        }
    }
}

/// Checks a contact as the forms check typed input. A bad name leaves the contact out (the message names the
/// field); a bad email, phone, time zone or purchase leaves out that value only, reported in `skipped`.
fn check(c: &mut Contact, skipped: &mut Vec<BadRow>) -> std::result::Result<(), String> {
    skipped.append(&mut c.skipped);
    let as_customer = NewCustomer { name: c.name.clone(), ..Default::default() };
    as_customer.validated().map_err(|e| e.to_string())?;
    let mut skip = |what: String| skipped.push(BadRow { line: c.line, message: what });
    if let Some(tz) = c.time_zone.take() {
        match crate::time::parse_zone(&tz) {
            Ok(_) => c.time_zone = Some(tz),
            Err(m) => skip(format!("{}: time zone left out: {m}", c.name)),
        }
    }
    // Short service numbers (`911`, `*86`) and vanity numbers (`1-800-FLOWERS`) are kept as written, labelled: a
    // phone's contacts have them, and the salesperson may need them; they are never matched on.
    for p in c.phones.iter_mut() {
        if let Some(kind) = special_number(&p.value) {
            if p.label.is_none() {
                p.label = Some(kind.to_string());
            }
        }
    }
    for (kind, list) in [(ContactKind::Email, &mut c.emails), (ContactKind::Phone, &mut c.phones)] {
        list.retain(|l| {
            if kind == ContactKind::Phone && special_number(&l.value).is_some() {
                return true;
            }
            let ok = NewContactPoint { kind, label: None, value: l.value.clone(), preferred: false }.validated();
            if let Err(e) = &ok {
                skipped.push(BadRow { line: c.line, message: format!("{}: {} left out: {e}", c.name, l.value) });
            }
            ok.is_ok()
        });
    }
    if let Some(p) = &c.purchase {
        if let Err(e) = as_new_purchase(p).validated() {
            skipped.push(BadRow { line: c.line, message: format!("{}: purchase left out: {e}", c.name) });
            c.purchase = None;
        }
    }
    Ok(())
}

/// `service` for a short number (2–6 digits, maybe with `*` or `#`: `911`, `*86`), `vanity` for a number spelled
/// with letters (`1-800-FLOWERS`); `None` for anything else (a full number, or no number at all: `-`, `none`).
fn special_number(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let letters = v.chars().filter(char::is_ascii_alphabetic).count();
    let allowed = |extra: &str| v.chars().all(|ch| ch.is_ascii_alphanumeric() || extra.contains(ch));
    if (2..=6).contains(&digits) && letters == 0 && allowed("*# -") {
        Some("service")
    } else if digits >= 1 && letters >= 3 && digits + letters >= 7 && allowed("+-. ()") {
        Some("vanity")
    } else {
        None
    }
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

/// What a contact shares with person `who` ("phone 312-555-0142").
fn shared(c: &Contact, known: &Known, who: usize) -> String {
    c.emails
        .iter()
        .find(|e| known.by_email.get(&email_key(&e.value)).is_some_and(|l| l.contains(&who)))
        .map(|e| format!("email {}", e.value))
        .or_else(|| {
            c.phones
                .iter()
                .find(|p| phone_key(&p.value).and_then(|k| known.by_phone.get(&k)).is_some_and(|l| l.contains(&who)))
                .map(|p| format!("phone {}", p.value))
        })
        .unwrap_or_default()
}

impl Store {
    /// What importing `parsed` would do, without writing anything.
    pub fn plan_import(&self, parsed: Parsed) -> Result<ImportPlan> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.name, p.kind, p.value FROM customers c LEFT JOIN contact_points p ON p.customer_id = c.id ORDER BY c.n",
        )?;
        let known = stmt
            .query_map([], |r| Ok(KnownRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, value: r.get(3)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(plan(known, parsed))
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
        self.apply_import_with(plan, now, progress, cancel, false)
    }

    /// [`Store::apply_import`] with the new rows made searchable in the same transaction (the command line, which
    /// waits for search before it ends): one commit instead of the write's and then a catch-up's, step by step.
    pub fn apply_import_searchable(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        self.apply_import_with(plan, now, progress, cancel, true)
    }

    fn apply_import_with(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &AtomicBool,
        index_now: bool,
    ) -> Result<ImportReport> {
        let total = plan.new.len() + plan.merges.len();
        let mut done = 0;
        self.write(|tx| {
            // The rows first; their part of the search index right after (`catch_up_search`).
            let mut big = super::big_write::BigWrite::begin(tx, plan.new.len())?;
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
                let customer = customer_of(c, kept_id(tx, c.rapport_id.as_deref())?.unwrap_or_else(new_id), now);
                rows::insert_customer(tx, &customer)?;
                add_details(tx, &customer.id, c, now, &Has::default())?;
                step(&mut done)?;
            }
            // Before the merges: they look customers' points up by the indexes.
            big.indexes_back(tx)?;
            for m in plan.merges.iter().filter(|m| !m.customer_id.is_empty()) {
                let column = |sql: &str| -> Result<Vec<String>> {
                    Ok(tx
                        .prepare_cached(sql)?
                        .query_map(params![m.customer_id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?)
                };
                let existing = Has {
                    values: column("SELECT value FROM contact_points WHERE customer_id = ?1")?,
                    notes: column("SELECT text FROM notes WHERE customer_id = ?1")?,
                    dates: column("SELECT date FROM facts WHERE customer_id = ?1 AND date IS NOT NULL")?
                        .iter()
                        .filter_map(|d| d.parse().ok())
                        .collect(),
                    purchases: column("SELECT description FROM purchases WHERE customer_id = ?1")?,
                };
                add_details(tx, &m.customer_id, &m.contact, now, &existing)?;
                step(&mut done)?;
            }
            // A cancel pressed any time before the commit wins, however small the file.
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            let merged: Vec<&str> =
                plan.merges.iter().filter(|m| !m.customer_id.is_empty()).map(|m| m.customer_id.as_str()).collect();
            big.finish(tx, &merged, index_now)
        })?;
        progress(total, total);
        Ok(ImportReport {
            added: plan.new.len(),
            merged: plan.merges.iter().filter(|m| !m.customer_id.is_empty()).count(),
            joined_rows: plan.merges.iter().filter(|m| m.customer_id.is_empty()).count(),
            skipped: plan.bad.len(),
        })
    }
}

/// The id a customer of Rapport's own export had, kept when the export is imported into another book (moving to a
/// new machine), so importing the same file again finds them by it instead of adding them twice. Only an id of
/// Rapport's shape that no customer here has is kept.
fn kept_id(tx: &rusqlite::Transaction<'_>, rapport_id: Option<&str>) -> Result<Option<String>> {
    let Some(id) = rapport_shaped(rapport_id) else { return Ok(None) };
    let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)", [id], |r| r.get(0))?;
    Ok((!taken).then(|| id.to_string()))
}

/// The id a contact carries when it has one of Rapport's shape (both books keep such an id where no one has it).
pub(crate) fn rapport_shaped(rapport_id: Option<&str>) -> Option<&str> {
    rapport_id.map(str::trim).filter(|id| uuid::Uuid::parse_str(id).is_ok())
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
/// What a contact would add to person `who`: the emails, phones and addresses they do not have yet (the preview
/// never says "adds" a number the customer already has), a note, a purchase.
fn additions(c: &Contact, known: &Known, who: usize) -> Vec<String> {
    let has = |list: Option<&Vec<usize>>| list.is_some_and(|l| l.contains(&who));
    let mut out: Vec<String> = Vec::new();
    out.extend(
        c.emails
            .iter()
            .filter(|e| !has(known.by_email.get(&email_key(&e.value))))
            .map(|e| format!("email {}", e.value)),
    );
    out.extend(
        c.phones
            .iter()
            .filter(|p| !has(phone_key(&p.value).and_then(|k| known.by_phone.get(&k))))
            .map(|p| format!("phone {}", p.value)),
    );
    out.extend(
        c.addresses
            .iter()
            .filter(|a| known.by_name_address.get(&name_address_key(&c.name, &a.value)) != Some(&who))
            .map(|a| format!("address {}", a.value)),
    );
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
        let l = Labeled { label: None, value, preferred: false, parts: None };
        match kind {
            Some("email") => self.emails.push(l),
            Some("phone") => self.phones.push(l),
            Some("address") => self.addresses.push(l),
            _ => {}
        }
        self
    }
}

/// What a contact brings a customer: the points they do not have yet (`existing` holds the values they have), its
/// note, its tags (the note's hashtags, then the file's own), its birthday and its purchase. The same for both kinds
/// of book: the SQLite book writes these as rows, the dealership book into the customer's record.
pub(crate) struct Details {
    pub points: Vec<ContactPoint>,
    pub note: Option<Note>,
    pub tags: Vec<Tag>,
    pub birthday: Option<Fact>,
    pub purchase: Option<Purchase>,
}

/// What a customer already has that a contact could bring again (the same file imported twice adds nothing).
#[derive(Debug, Default)]
pub(crate) struct Has {
    /// Their contact points' values.
    pub values: Vec<String>,
    /// Their notes' texts.
    pub notes: Vec<String>,
    /// The dates of their dated facts.
    pub dates: Vec<chrono::NaiveDate>,
    /// Their purchases' descriptions.
    pub purchases: Vec<String>,
}

impl Has {
    /// What `rec` has.
    pub(crate) fn of(rec: &CustomerRecord) -> Has {
        Has {
            values: rec.contact_points.iter().map(|p| p.value.clone()).collect(),
            notes: rec.notes.iter().map(|n| n.text.clone()).collect(),
            dates: rec.facts.iter().filter_map(|f| f.date).collect(),
            purchases: rec.purchases.iter().map(|p| p.description.clone()).collect(),
        }
    }
}

pub(crate) fn details(customer_id: &str, c: &Contact, now: DateTime<Utc>, existing: &Has) -> Details {
    let has = |v: &str| existing.values.iter().any(|e| e.eq_ignore_ascii_case(v.trim()));
    let mut points = Vec::new();
    for (kind, list) in
        [(ContactKind::Email, &c.emails), (ContactKind::Phone, &c.phones), (ContactKind::Address, &c.addresses)]
    {
        points.extend(list.iter().filter(|l| !l.value.trim().is_empty() && !has(&l.value)).map(|l| ContactPoint {
            id: new_id(),
            customer_id: customer_id.to_string(),
            kind,
            label: l.label.clone(),
            value: l.value.trim().to_string(),
            preferred: l.preferred,
            parts: l.parts.clone(),
        }));
    }
    let known_note = |n: &str| existing.notes.iter().any(|e| e.trim() == n);
    let note = c.notes.as_deref().map(str::trim).filter(|n| !n.is_empty() && !known_note(n)).map(|n| Note {
        id: new_id(),
        customer_id: customer_id.to_string(),
        kind: NoteKind::Note,
        format: None,
        text: n.to_string(),
        status: None,
        created_at: now,
        updated_at: now,
    });
    let text_tags = note.iter().flat_map(|n| tags::hashtags(&n.text)).map(|t| Tag { tag: t, origin: TagOrigin::Text });
    let own_tags =
        c.tags.iter().filter_map(|t| tags::normalize(t).ok()).map(|t| Tag { tag: t, origin: TagOrigin::Manual });
    // One spelling of a tag per customer, as the book keeps it: the first the file gave.
    let mut tags: Vec<Tag> = Vec::new();
    for t in text_tags.chain(own_tags) {
        if !tags.iter().any(|x| x.tag.eq_ignore_ascii_case(&t.tag)) {
            tags.push(t);
        }
    }
    // Readers keep birthdays within the book's years; a contact built otherwise loses the date, not the person.
    let birthday =
        c.birthday.filter(|b| crate::time::date_in_range(*b).is_ok() && !existing.dates.contains(b)).map(|b| {
            let yearless = chrono::Datelike::year(&b) == crate::io::contact::NO_YEAR;
            Fact {
                id: new_id(),
                customer_id: customer_id.to_string(),
                text: if yearless { "Birthday (no year)" } else { "Birthday" }.into(),
                learned_on: now.date_naive(),
                source: Some("imported".into()),
                date: Some(b),
            }
        });
    Details {
        points,
        note,
        tags,
        birthday,
        purchase: c
            .purchase
            .as_ref()
            .filter(|p| !existing.purchases.iter().any(|d| d.eq_ignore_ascii_case(p.description.trim())))
            .map(|p| super::records::purchase_from(customer_id, as_new_purchase(p), now)),
    }
}

/// The customer a contact becomes (with `id`: a new one, or the one Rapport's export gave them).
pub(crate) fn customer_of(c: &Contact, id: String, now: DateTime<Utc>) -> Customer {
    Customer {
        id,
        name: c.name.trim().to_string(),
        preferred_name: c.preferred_name.clone().filter(|p| !p.trim().is_empty()),
        time_zone: c.time_zone.clone(),
        how_we_met: None,
        company: c.company.clone().filter(|p| !p.trim().is_empty()),
        household: None,
        name_parts: c.name_parts.clone(),
        created_at: now,
        updated_at: now,
    }
}

/// Adds a contact's points, note, tags, birthday and purchase to a customer, skipping points already there.
fn add_details(
    conn: &rusqlite::Connection,
    customer_id: &str,
    c: &Contact,
    now: DateTime<Utc>,
    existing: &Has,
) -> Result<()> {
    let d = details(customer_id, c, now, existing);
    for p in &d.points {
        rows::insert_contact_point(conn, p)?;
    }
    if let Some(note) = &d.note {
        rows::insert_note(conn, note)?;
    }
    for t in &d.tags {
        rows::insert_tag(conn, customer_id, t)?;
    }
    if let Some(f) = &d.birthday {
        rows::insert_fact(conn, f)?;
    }
    if let Some(p) = &d.purchase {
        rows::insert_purchase(conn, p)?;
    }
    Ok(())
}

/// One customer of the book and one of their contact points (none for a customer with none), in the book's order:
/// what an import's rows are matched against.
pub(crate) struct KnownRow {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub value: Option<String>,
}

/// What importing `parsed` into a book of `known` customers would do (either backend reads `known` its own way).
pub(crate) fn plan(known_rows: Vec<KnownRow>, parsed: Parsed) -> ImportPlan {
    let mut known = Known::default();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for KnownRow { id, name, kind, value } in known_rows {
        let who = match index_of.get(&id) {
            Some(who) => *who,
            None => {
                known.people.push((Some(id.clone()), name.clone()));
                let who = known.people.len() - 1;
                index_of.insert(id.clone(), who);
                // Its id (Rapport's own export reads it back) and its name (for name-only contacts).
                known.learn(who, &Contact { name: name.clone(), rapport_id: Some(id.clone()), ..Contact::default() });
                who
            }
        };
        let one = |v: String| Contact { name: name.clone(), ..Contact::default() }.with(kind.as_deref(), v);
        if let Some(v) = value {
            known.learn(who, &one(v));
        }
    }
    let mut plan = ImportPlan {
        new_customers: 0,
        merges: Vec::new(),
        possible_matches: Vec::new(),
        bad: parsed.bad,
        skipped_values: Vec::new(),
        new: Vec::new(),
        folded_into: HashMap::new(),
    };
    // Which entry of `plan.new` each new person of this file is.
    let mut new_entry: HashMap<usize, usize> = HashMap::new();
    for mut c in parsed.contacts {
        if let Err(why) = check(&mut c, &mut plan.skipped_values) {
            plan.bad.push(BadRow { line: c.line, message: why });
            continue;
        }
        // A shared email or phone under another name is someone else (colleagues on one office line): kept
        // apart, and listed so the salesperson can join them if they are one person.
        let found = known.find(&c);
        let found = match found {
            Some((who, by))
                if matches!(by, MatchedBy::SameEmail | MatchedBy::SamePhone)
                    && !same_person(&known.people[who].1, &c.name) =>
            {
                let (customer_id, customer_name) = known.people[who].clone();
                let with_line = new_entry.get(&who).and_then(|i| plan.new.get(*i)).map_or(0, |e| e.line);
                plan.possible_matches.push(PossibleMatch {
                    line: c.line,
                    name: c.name.clone(),
                    customer_id: customer_id.unwrap_or_default(),
                    customer_name,
                    shares: shared(&c, &known, who),
                    with_line,
                    adds: additions(&c, &known, who),
                    matched_by: Some(by),
                });
                None
            }
            other => other,
        };
        match found {
            Some((who, by)) => {
                let (customer_id, customer_name) = known.people[who].clone();
                let adds = additions(&c, &known, who);
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
    plan
}
