//! The salesperson's own SQLite book as a [`Book`]: each operation is the store's own, and a contact with what
//! was heard in it is one transaction.

use chrono::{DateTime, Utc};

use super::{
    customers, read, rows, FactFix, ImportPlan, ImportReport, InteractionFix, Record, Removed, SearchHit, Store,
};
use crate::book::{Book, Contact, EnteredBy};
use crate::io::contact::Parsed;
use crate::model::*;
use crate::reasons::Agenda;
use crate::{ListQuery, Result};

impl Book for Store {
    fn profile(&self) -> Result<Profile> {
        Store::profile(self)
    }

    fn playbooks(&self) -> Result<Vec<Playbook>> {
        Store::playbooks(self)
    }

    fn customer(&self, id: &str) -> Result<Customer> {
        Store::customer(self, id)
    }

    fn customer_record(&self, id: &str) -> Result<CustomerRecord> {
        Store::customer_record(self, id)
    }

    fn lookup_customer(&self, prefix: &str) -> Result<String> {
        Store::lookup_customer(self, prefix)
    }

    fn lookup_interaction(&self, prefix: &str) -> Result<String> {
        Store::lookup_interaction(self, prefix)
    }

    fn lookup_promise(&self, prefix: &str) -> Result<String> {
        Store::lookup_promise(self, prefix)
    }

    fn lookup_issue(&self, prefix: &str) -> Result<String> {
        Store::lookup_issue(self, prefix)
    }

    fn list_customers(&self, q: &ListQuery) -> Result<Vec<CustomerSummary>> {
        Store::list_customers(self, q)
    }

    fn search(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Store::search(self, typed, limit)
    }

    fn tag_counts(&self) -> Result<Vec<(String, u32)>> {
        Store::tag_counts(self)
    }

    fn plan_import(&self, parsed: Parsed) -> Result<ImportPlan> {
        Store::plan_import(self, parsed)
    }

    fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        Store::agenda(self, now, days)
    }

    fn was_notified(&self, reason_id: &str) -> Result<bool> {
        Store::was_notified(self, reason_id)
    }

    fn customer_of(&self, record: Record, id_prefix: &str) -> Result<String> {
        Store::customer_of(self, record, id_prefix)
    }

    fn entered_by(&self, _customer_id: &str) -> Result<Vec<EnteredBy>> {
        // One salesperson, one book: everything in it was entered by its owner.
        Ok(Vec::new())
    }

    fn others_for(&self, customer_id: &str) -> Result<crate::notes::Others> {
        Store::others_for(self, customer_id)
    }

    fn note(&self, note_id: &str) -> Result<Note> {
        Store::note(self, note_id)
    }

    fn held_back(&self, customer_id: Option<&str>, limit: u32) -> Result<Vec<HeldBack>> {
        Store::held_back(self, customer_id, limit)
    }

    fn customer_with_email(&self, addresses: &[String]) -> Result<Option<String>> {
        Store::customer_with_email(self, addresses)
    }

    fn list_notes(&self, status: Option<NoteStatus>, limit: u32) -> Result<Vec<ListedNote>> {
        Store::list_notes(self, status, limit)
    }

    fn export_book(&self) -> Result<crate::model::Book> {
        Store::export_book(self)
    }

    fn add_customer_with(
        &mut self,
        input: NewCustomer,
        points: Vec<NewContactPoint>,
        tags: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        Store::add_customer_with(self, input, points, tags, now)
    }

    fn record_statement(
        &mut self,
        customer_id: &str,
        input: NewStatement,
        now: DateTime<Utc>,
    ) -> Result<PreferenceStatement> {
        Store::record_statement(self, customer_id, input, now)
    }

    fn add_to_customer(&mut self, addition: &crate::book::Addition, _now: DateTime<Utc>) -> Result<()> {
        self.write_addition(addition)
    }

    fn write_contact(&mut self, contact: &Contact) -> Result<()> {
        let customer_id = &contact.interaction.customer_id;
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            if let Some(seen) = contact.statements_seen {
                // Another window or command recorded what the customer said after the Guard read it.
                let now: i64 =
                    tx.query_row("SELECT count(*) FROM preferences WHERE customer_id = ?1", [customer_id], |r| {
                        r.get(0)
                    })?;
                if now as usize != seen {
                    return Err(crate::Error::Changed {
                        what: "what the customer said about being contacted".into(),
                        by: "another window or command".into(),
                        at: "this moment".into(),
                    });
                }
            }
            rows::insert_interaction(tx, &contact.interaction)?;
            for s in &contact.statements {
                rows::insert_statement(tx, s)?;
            }
            for p in &contact.promises {
                rows::insert_promise(tx, p)?;
            }
            for f in &contact.facts {
                rows::insert_fact(tx, f)?;
            }
            customers::refresh_text_tags(tx, customer_id)
        })
    }

    fn keep_held_back(&mut self, held: &HeldBack) -> Result<()> {
        self.write(|tx| rows::insert_held_back(tx, held))
    }

    fn mark_notified(&mut self, reason_id: &str, customer_id: &str, now: DateTime<Utc>) -> Result<bool> {
        Store::mark_notified(self, reason_id, customer_id, now)
    }

    fn remove(&mut self, record: Record, id_prefix: &str, _now: DateTime<Utc>) -> Result<Removed> {
        Store::remove(self, record, id_prefix)
    }

    fn correct_interaction(
        &mut self,
        id_prefix: &str,
        fix: InteractionFix,
        _now: DateTime<Utc>,
    ) -> Result<Interaction> {
        Store::correct_interaction(self, id_prefix, fix)
    }

    fn correct_fact(&mut self, id_prefix: &str, fix: FactFix, _now: DateTime<Utc>) -> Result<Fact> {
        Store::correct_fact(self, id_prefix, fix)
    }

    fn add_tag(&mut self, customer_id: &str, tag: &str, _now: DateTime<Utc>) -> Result<Tag> {
        Store::add_tag(self, customer_id, tag)
    }

    fn remove_tag(&mut self, customer_id: &str, tag: &str, _now: DateTime<Utc>) -> Result<()> {
        Store::remove_tag(self, customer_id, tag)
    }

    fn insert_promise(&mut self, promise: &Promise, _now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            read::customer(tx, &promise.customer_id)?;
            rows::insert_promise(tx, promise)
        })
    }

    fn keep_promise(&mut self, promise_id: &str, now: DateTime<Utc>) -> Result<Promise> {
        Store::keep_promise(self, promise_id, now)
    }

    fn open_issue(&mut self, customer_id: &str, input: NewIssue, now: DateTime<Utc>) -> Result<CustomerIssue> {
        Store::open_issue(self, customer_id, input, now)
    }

    fn update_issue(
        &mut self,
        issue_id: &str,
        text: &str,
        next_update_on: Option<chrono::NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CustomerIssue> {
        Store::update_issue(self, issue_id, text, next_update_on, now)
    }

    fn resolve_issue(&mut self, issue_id: &str, resolution: &str, now: DateTime<Utc>) -> Result<CustomerIssue> {
        Store::resolve_issue(self, issue_id, resolution, now)
    }

    fn insert_note(&mut self, note: &Note) -> Result<()> {
        self.write(|tx| {
            read::customer(tx, &note.customer_id)?;
            rows::insert_note(tx, note)?;
            customers::refresh_text_tags(tx, &note.customer_id)
        })
    }

    fn change_note(&mut self, was: &Note, note: &Note) -> Result<()> {
        Store::change_note(self, was, note)
    }

    fn save_profile(&mut self, profile: Profile) -> Result<Profile> {
        Store::save_profile(self, profile)
    }

    fn save_playbook(&mut self, playbook: Playbook) -> Result<Playbook> {
        Store::save_playbook(self, playbook)
    }

    fn delete_playbook(&mut self, tag: &str) -> Result<()> {
        Store::delete_playbook(self, tag)
    }

    fn insert_reminder(&mut self, reminder: &Reminder) -> Result<()> {
        self.write(|tx| rows::insert_reminder(tx, reminder))
    }

    fn save_reason_states(&mut self, states: &[ReasonState]) -> Result<()> {
        Store::save_reason_states(self, states)
    }

    fn undo_reason_state(&mut self, reason_id: &str, _now: DateTime<Utc>) -> Result<ReasonState> {
        Store::undo_reason_state(self, reason_id)
    }

    fn import_book(&mut self, book: &crate::model::Book, _now: DateTime<Utc>) -> Result<crate::ImportSummary> {
        Store::import_book(self, book)
    }

    fn apply_import(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<ImportReport> {
        // Searchable in the same transaction: one commit instead of the write's and a catch-up's.
        let report = self.apply_import_searchable(plan, now, progress, cancel)?;
        // And whatever an earlier, interrupted import left waiting.
        self.catch_up_search(&|_| {})?;
        Ok(report)
    }
}
