//! Correcting the dealership book's record, as one's own book does (`store/corrections.rs`): a mistaken contact,
//! fact, purchase, promise, goal or note removed, a contact's time or words or a fact's text or date corrected, and
//! tags set by hand. What the customer said is never removed: a statement from a removed contact stays, with their
//! words.
//!
//! Who may: a manager; the salesperson who looks after the customer; anyone, for the team's customers (nobody looks
//! after them yet); and whoever entered a contact, promise or note — the rest of a customer's record is theirs who
//! look after the customer.

use chrono::{DateTime, Utc};
use postgres::Transaction;

use super::{rows, DealershipBook};
use crate::model::{CustomerRecord, Fact, Interaction, Tag, TagOrigin};
use crate::store::{FactFix, InteractionFix, Record, Removed};
use crate::{Error, Result};

/// Where a kind of record lives on the dealership book: rows of its own (with who entered each), or a list in the
/// customer's document.
enum Place {
    Row { table: &'static str },
    Document { field: &'static str },
}

fn place(record: Record) -> Place {
    match record {
        Record::Interaction => Place::Row { table: "interactions" },
        Record::Promise => Place::Row { table: "promises" },
        Record::Note => Place::Row { table: "notes" },
        Record::Fact => Place::Document { field: "facts" },
        Record::Purchase => Place::Document { field: "purchases" },
        Record::Goal => Place::Document { field: "goals" },
    }
}

impl DealershipBook {
    /// A record's whole id (from a unique prefix of it) and its customer's id.
    pub(super) fn locate(&self, record: Record, id_prefix: &str) -> Result<(String, String)> {
        match place(record) {
            Place::Row { table } => {
                let id = self.resolve(table, record.as_str(), id_prefix)?;
                let sql = format!("SELECT customer_id FROM {table} WHERE id = $1");
                let row = self.client()?.query_opt(&sql, &[&id])?;
                let row = row.ok_or_else(|| Error::NotFound { what: record.as_str(), key: id.clone() })?;
                Ok((id, row.get(0)))
            }
            Place::Document { field } => {
                let p = crate::store::read::id_prefix(record.as_str(), id_prefix)?;
                // Read from every record's list: corrections are rare, and a prefix needs no index of its own.
                let rows = self.client()?.query(
                    "SELECT x->>'id', c.id FROM customers c, jsonb_array_elements(c.record->$2) x
                     WHERE starts_with(x->>'id', $1) ORDER BY 1 LIMIT 11",
                    &[&p, &field],
                )?;
                let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
                let id = crate::store::read::the_one(ids, record.as_str(), id_prefix)?;
                let customer = rows.iter().find(|r| r.get::<_, String>(0) == id).map(|r| r.get(1));
                Ok((id.clone(), customer.ok_or(Error::NotFound { what: record.as_str(), key: id })?))
            }
        }
    }

    /// Refuses unless the signed-in person may correct this customer's record (`entered_by`: who entered the row
    /// being corrected, if it is one).
    fn may_correct(&self, tx: &mut Transaction<'_>, customer_id: &str, entered_by: Option<&str>) -> Result<()> {
        if self.may_change(tx, customer_id, entered_by)? {
            return Ok(());
        }
        Err(Error::NotAllowed(format!(
            "this is another salesperson's customer; {} can correct only their own and the team's customers and \
             what they entered themselves",
            self.me.name
        )))
    }

    /// Whether the signed-in person may change what another entered about this customer: a manager, the
    /// salesperson who looks after them, anyone for the team's customers (nobody looks after them), and whoever
    /// entered it (`entered_by`). One rule for corrections and for notes.
    pub(super) fn may_change(
        &self,
        tx: &mut Transaction<'_>,
        customer_id: &str,
        entered_by: Option<&str>,
    ) -> Result<bool> {
        let Some(me) = self.owner_filter() else { return Ok(true) };
        let owner: Option<String> =
            tx.query_one("SELECT owner_id FROM customers WHERE id = $1", &[&customer_id])?.get(0);
        Ok(owner.as_deref().is_none_or(|o| o == me) || entered_by == Some(me))
    }

    /// The customer's record, read under its row's lock for a change in this transaction.
    fn record_for_change(tx: &mut Transaction<'_>, customer_id: &str) -> Result<CustomerRecord> {
        rows::customer_is_there(tx, customer_id, rows::Lock::Update)?;
        let row = tx.query_one("SELECT record::text FROM customers WHERE id = $1", &[&customer_id])?;
        rows::from_text("customer", row.get(0))
    }

    pub(super) fn remove_record(&mut self, record: Record, id_prefix: &str, now: DateTime<Utc>) -> Result<Removed> {
        let (id, customer_id) = self.locate(record, id_prefix)?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let mut rec = Self::record_for_change(&mut tx, &customer_id)?;
        let mut statements_kept = 0;
        match place(record) {
            Place::Row { table } => {
                let sql = format!("SELECT entered_by FROM {table} WHERE id = $1");
                let row = tx.query_opt(&sql, &[&id])?;
                let row = row.ok_or_else(|| Error::NotFound { what: record.as_str(), key: id.clone() })?;
                self.may_correct(&mut tx, &customer_id, row.get::<_, Option<String>>(0).as_deref())?;
                if record == Record::Interaction {
                    // The customer's words stay in force; only their pointer to the contact goes.
                    let kept = tx.execute(
                        "UPDATE statements SET statement = jsonb_set(statement, '{source_interaction_id}', 'null')
                         WHERE customer_id = $2 AND statement->>'source_interaction_id' = $1",
                        &[&id, &customer_id],
                    )?;
                    statements_kept = u32::try_from(kept).unwrap_or(u32::MAX);
                }
                tx.execute(&format!("DELETE FROM {table} WHERE id = $1"), &[&id])?;
            }
            Place::Document { field } => {
                self.may_correct(&mut tx, &customer_id, None)?;
                let before = (rec.facts.len(), rec.purchases.len(), rec.goals.len());
                match field {
                    "facts" => rec.facts.retain(|f| f.id != id),
                    "purchases" => rec.purchases.retain(|p| p.id != id),
                    _ => rec.goals.retain(|g| g.id != id),
                }
                if before == (rec.facts.len(), rec.purchases.len(), rec.goals.len()) {
                    return Err(Error::NotFound { what: record.as_str(), key: id });
                }
            }
        }
        // What search reads and the tags written in facts and notes, made again without it.
        rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
        rows::commit(tx)?;
        Ok(Removed { record, id, customer_id, statements_kept })
    }

    pub(super) fn correct_contact(
        &mut self,
        id_prefix: &str,
        fix: InteractionFix,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        let fix = fix.checked()?;
        let (id, customer_id) = self.locate(Record::Interaction, id_prefix)?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let rec = Self::record_for_change(&mut tx, &customer_id)?;
        let row = tx.query_opt("SELECT interaction::text, entered_by FROM interactions WHERE id = $1", &[&id])?;
        let row = row.ok_or_else(|| Error::NotFound { what: "interaction", key: id.clone() })?;
        self.may_correct(&mut tx, &customer_id, row.get::<_, Option<String>>(1).as_deref())?;
        let mut interaction: Interaction = rows::from_text("interaction", row.get(0))?;
        fix.apply(&mut interaction);
        tx.execute(
            "UPDATE interactions SET at = $2, interaction = $3 WHERE id = $1",
            &[&id, &interaction.at, &rows::to_json(&interaction)?],
        )?;
        if fix.summary.is_some() {
            rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
        }
        rows::commit(tx)?;
        Ok(interaction)
    }

    pub(super) fn correct_fact_of(&mut self, id_prefix: &str, fix: FactFix, now: DateTime<Utc>) -> Result<Fact> {
        let fix = fix.checked()?;
        let (id, customer_id) = self.locate(Record::Fact, id_prefix)?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let mut rec = Self::record_for_change(&mut tx, &customer_id)?;
        self.may_correct(&mut tx, &customer_id, None)?;
        let fact = rec.facts.iter_mut().find(|f| f.id == id).ok_or(Error::NotFound { what: "fact", key: id })?;
        fix.apply(fact);
        let fact = fact.clone();
        rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
        rows::commit(tx)?;
        Ok(fact)
    }

    pub(super) fn tag_by_hand(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<Tag> {
        let tag =
            Tag { tag: crate::tags::normalize(tag).map_err(|m| Error::invalid("tag", m))?, origin: TagOrigin::Manual };
        self.change_tags(customer_id, now, |tags| {
            // A hand-set tag outlives the text it may also appear in.
            tags.retain(|t| !t.tag.eq_ignore_ascii_case(&tag.tag));
            tags.push(tag.clone());
            Ok(())
        })?;
        Ok(tag)
    }

    pub(super) fn untag(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<()> {
        let tag = crate::tags::normalize(tag).map_err(|m| Error::invalid("tag", m))?;
        self.change_tags(customer_id, now, |tags| {
            let before = tags.len();
            tags.retain(|t| !t.tag.eq_ignore_ascii_case(&tag));
            match tags.len() < before {
                true => Ok(()),
                false => Err(Error::NotFound { what: "tag", key: tag.clone() }),
            }
        })
    }

    /// Changes a customer's tags, then makes the text tags again from their facts and notes (a tag removed by hand
    /// that is still written there comes back from the text, as on one's own book).
    fn change_tags(
        &mut self,
        customer_id: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Vec<Tag>) -> Result<()>,
    ) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let mut rec = Self::record_for_change(&mut tx, customer_id)?;
        self.may_correct(&mut tx, customer_id, None)?;
        change(&mut rec.tags)?;
        rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
        rows::commit(tx)
    }
}
