//! The whole book in and out of the store: export reads every record; import checks every record first and
//! then writes them all in one transaction, keeping their ids.

use chrono::{DateTime, Utc};

use super::{customers::refresh_text_tags, read, rows, Store};
use crate::model::*;
use crate::{Error, Result};

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportSummary {
    pub customers: usize,
    pub profile_imported: bool,
}

impl Store {
    /// The whole book, customers in the order they were added, each record's children oldest first.
    pub fn export_book(&self) -> Result<Book> {
        // One read transaction: every table as of the same moment.
        let tx = self.conn().unchecked_transaction()?;
        let customers = read::all_records(&tx)?;
        tx.commit()?;
        let mut book = Book::new(self.profile()?, customers);
        book.playbooks = self.playbooks()?;
        Ok(book)
    }

    /// Adds every customer of `book`, keeping ids. Into an empty book the profile comes too; into a book that
    /// already has customers, the profile there is kept. A customer whose id is already here stops the import.
    /// Every record is checked before anything is written, and the writing is one transaction.
    pub fn import_book(&mut self, book: &Book) -> Result<ImportSummary> {
        check_book(book)?;
        let empty = self.customer_count()? == 0;
        self.write(|tx| {
            for (i, rec) in book.customers.iter().enumerate() {
                let exists: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)", [&rec.customer.id], |r| {
                        r.get(0)
                    })?;
                if exists {
                    return Err(Error::BadFile(format!(
                        "customers[{i}] ({}): id {} is already in this book; nothing was imported",
                        rec.customer.name, rec.customer.id
                    )));
                }
                insert_record(tx, rec)
                    .map_err(|e| Error::BadFile(format!("customers[{i}] ({}): {e}", rec.customer.name)))?;
            }
            if empty {
                rows::save_profile(tx, &book.profile)?;
                if !book.playbooks.is_empty() {
                    tx.execute("DELETE FROM playbooks", [])?;
                }
                for p in &book.playbooks {
                    rows::save_playbook(tx, p)?;
                }
            }
            Ok(())
        })?;
        Ok(ImportSummary { customers: book.customers.len(), profile_imported: empty })
    }

    /// Writes the demo book into an empty book.
    pub fn load_demo(&mut self, now: DateTime<Utc>) -> Result<ImportSummary> {
        if self.customer_count()? > 0 {
            return Err(Error::invalid("demo", "the book already has customers; the demo goes into an empty book"));
        }
        self.import_book(&crate::demo::book(now))
    }
}

fn insert_record(conn: &rusqlite::Connection, rec: &CustomerRecord) -> Result<()> {
    rows::insert_customer(conn, &rec.customer)?;
    for p in &rec.contact_points {
        rows::insert_contact_point(conn, p)?;
    }
    for f in &rec.facts {
        rows::insert_fact(conn, f)?;
    }
    for g in &rec.goals {
        rows::insert_goal(conn, g)?;
    }
    for i in &rec.interactions {
        rows::insert_interaction(conn, i)?;
    }
    for s in &rec.preferences {
        rows::insert_statement(conn, s)?;
    }
    for p in &rec.purchases {
        rows::insert_purchase(conn, p)?;
    }
    for p in &rec.promises {
        rows::insert_promise(conn, p)?;
    }
    for i in &rec.issues {
        rows::insert_issue(conn, i)?;
    }
    for n in &rec.notes {
        rows::insert_note(conn, n)?;
    }
    for h in &rec.held_back {
        rows::insert_held_back(conn, h)?;
    }
    for m in &rec.reminders {
        rows::insert_reminder(conn, m)?;
    }
    for s in &rec.reason_states {
        rows::save_reason_state(conn, s)?;
    }
    for n in &rec.notified {
        rows::insert_notified(conn, &rec.customer.id, n)?;
    }
    for t in &rec.tags {
        rows::insert_tag(conn, &rec.customer.id, t)?;
    }
    // Hashtags in the text are tags whatever the file says.
    let manual: Vec<&Tag> = rec.tags.iter().filter(|t| t.origin == TagOrigin::Manual).collect();
    refresh_text_tags(conn, &rec.customer.id)?;
    for t in manual {
        rows::insert_tag(conn, &rec.customer.id, t)?;
    }
    Ok(())
}

/// Checks a book the way the forms check typed input, naming the customer and the field.
pub(crate) fn check_book(book: &Book) -> Result<()> {
    if book.format != BOOK_FORMAT {
        return Err(Error::BadFile(format!(
            "this is not a Rapport book (format '{}', expected '{BOOK_FORMAT}')",
            book.format
        )));
    }
    if book.version == 0 || book.version > BOOK_VERSION {
        return Err(Error::BadFile(format!(
            "this book is format version {}; this Rapport reads versions 1 to {BOOK_VERSION} — update Rapport",
            book.version
        )));
    }
    book.profile.clone().validated().map_err(|e| Error::BadFile(format!("profile: {e}")))?;
    for (i, p) in book.playbooks.iter().enumerate() {
        p.clone().validated().map_err(|e| Error::BadFile(format!("playbooks[{i}]: {e}")))?;
    }
    let mut seen = std::collections::HashSet::new();
    for (i, rec) in book.customers.iter().enumerate() {
        let at = |e: Error| Error::BadFile(format!("customers[{i}] ({}): {e}", rec.customer.name));
        if !seen.insert(rec.customer.id.as_str()) {
            return Err(at(Error::invalid("id", format!("{} appears twice in the file", rec.customer.id))));
        }
        check_record(rec).map_err(at)?;
    }
    Ok(())
}

fn check_record(rec: &CustomerRecord) -> Result<()> {
    let c = &rec.customer;
    if uuid::Uuid::parse_str(&c.id).is_err() {
        return Err(Error::invalid("id", format!("'{}' is not a UUID", c.id)));
    }
    NewCustomer {
        name: c.name.clone(),
        preferred_name: c.preferred_name.clone(),
        time_zone: c.time_zone.clone(),
        how_we_met: c.how_we_met.clone(),
        company: c.company.clone(),
        household: c.household.clone(),
    }
    .validated()?;
    let owned = |what: &str, customer_id: &str| -> Result<()> {
        if customer_id != c.id {
            return Err(Error::invalid(what, format!("belongs to customer {customer_id}, not to this one")));
        }
        Ok(())
    };
    for p in &rec.contact_points {
        owned("contact point", &p.customer_id)?;
        NewContactPoint { kind: p.kind, label: p.label.clone(), value: p.value.clone(), preferred: p.preferred }
            .validated()?;
    }
    for s in &rec.preferences {
        owned("statement", &s.customer_id)?;
        NewStatement { words: s.words.clone(), means: s.means.clone(), said_at: None, source_interaction_id: None }
            .validated()?;
        if let Some(src) = &s.source_interaction_id {
            if !rec.interactions.iter().any(|i| &i.id == src) {
                return Err(Error::invalid("statement", format!("its source interaction {src} is not in this record")));
            }
        }
    }
    for f in &rec.facts {
        owned("fact", &f.customer_id)?;
        crate::model::required("fact", &f.text)?;
    }
    for g in &rec.goals {
        owned("goal", &g.customer_id)?;
        crate::model::required("goal", &g.text)?;
    }
    let in_range = |field: &str, at: chrono::DateTime<chrono::Utc>| {
        crate::time::moment_in_range(at).map(|_| ()).map_err(|m| Error::invalid(field, m))
    };
    let date_in_range = |field: &str, d: chrono::NaiveDate| {
        crate::time::date_in_range(d).map(|_| ()).map_err(|m| Error::invalid(field, m))
    };
    for i in &rec.interactions {
        owned("interaction", &i.customer_id)?;
        crate::model::required("summary", &i.summary)?;
        in_range("interaction at", i.at)?;
    }
    for s in &rec.preferences {
        in_range("statement said_at", s.said_at)?;
    }
    for f in &rec.facts {
        if let Some(d) = f.date {
            date_in_range("fact date", d)?;
        }
    }
    for p in &rec.promises {
        date_in_range("promise due_on", p.due_on)?;
    }
    for p in &rec.purchases {
        date_in_range("purchased_on", p.purchased_on)?;
        for d in [p.term_ends_on, p.warranty_ends_on].into_iter().flatten() {
            date_in_range("purchase date", d)?;
        }
    }
    for p in &rec.purchases {
        owned("purchase", &p.customer_id)?;
        NewPurchase {
            purchased_on: Some(p.purchased_on),
            description: p.description.clone(),
            vehicle: p.vehicle.clone(),
            features: p.features.clone(),
            ownership: p.ownership,
            term_ends_on: p.term_ends_on,
            warranty_ends_on: p.warranty_ends_on,
            warranty_terms: p.warranty_terms.clone(),
            included_services: p
                .included_services
                .iter()
                .map(|s| NewIncludedService {
                    name: s.name.clone(),
                    every_months: s.every_months,
                    total: s.total,
                    used: s.used,
                })
                .collect(),
            deliverables: p
                .deliverables
                .iter()
                .map(|d| NewDeliverable { what: d.what.clone(), due_on: d.due_on })
                .collect(),
        }
        .validated()?;
    }
    for p in &rec.promises {
        owned("promise", &p.customer_id)?;
        crate::model::required("promise", &p.what)?;
    }
    for i in &rec.issues {
        owned("issue", &i.customer_id)?;
        crate::model::required("issue", &i.title)?;
    }
    for n in &rec.notes {
        owned("note", &n.customer_id)?;
        crate::model::required("note", &n.text)?;
    }
    for h in &rec.held_back {
        owned("held back", &h.customer_id)?;
    }
    for m in &rec.reminders {
        owned("reminder", &m.customer_id)?;
        crate::model::required("reminder", &m.value)?;
    }
    for s in &rec.reason_states {
        owned("reason state", &s.customer_id)?;
    }
    for t in &rec.tags {
        crate::tags::normalize(&t.tag).map_err(|m| Error::invalid("tag", m))?;
    }
    Ok(())
}
