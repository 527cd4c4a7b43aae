//! Reading and writing the dealership book's rows: a customer's record document beside the rows many people add at
//! once (statements, interactions, promises, notes, outreach held back), and what search reads.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use postgres::{GenericClient, Row, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::people::{Role, User};
use crate::model::*;
use crate::store::SearchHit;
use crate::{Error, Result};

pub(super) fn from_json<T: DeserializeOwned>(what: &str, value: serde_json::Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| Error::UnreadableRecord(format!("a {what} in the dealership book: {e}")))
}

/// A document read as text: straight into the type, without the intermediate `Value` (a big agenda reads many).
pub(super) fn from_text<T: DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::UnreadableRecord(format!("a {what} in the dealership book: {e}")))
}

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::SharedBook(format!("a record could not be written: {e}")))
}

pub(super) fn user(row: &Row) -> Result<User> {
    Ok(User {
        id: row.get("id"),
        name: row.get("name"),
        email: row.get("email"),
        role: Role::parse(row.get("role"))?,
        active: row.get("active"),
        created_at: row.get("created_at"),
    })
}

/// Customers by name as the SQLite book sorts them (`COLLATE NOCASE`: letters folded, then byte order — not the
/// server's language rules, which skip spaces and punctuation), then in the order they were added.
pub(super) const BY_NAME: &str = "lower(c.name) COLLATE \"C\", c.n";

/// Customers whose row meets `condition` (SQL over `customers c`), each with every row of theirs, by name.
pub(super) fn records(
    client: &mut impl GenericClient,
    condition: &str,
    params: &[&(dyn ToSql + Sync)],
    limit: Option<usize>,
) -> Result<Vec<CustomerRecord>> {
    records_in_order(client, condition, params, limit, None)
}

/// [`records`] in another order than by name (`c.n`: the order they were added, as an export has them).
pub(super) fn records_in_order(
    client: &mut impl GenericClient,
    condition: &str,
    params: &[&(dyn ToSql + Sync)],
    limit: Option<usize>,
    order: Option<&str>,
) -> Result<Vec<CustomerRecord>> {
    let limit = limit.map_or(String::new(), |n| format!(" LIMIT {n}"));
    let order = order.unwrap_or(BY_NAME);
    let sql =
        format!("SELECT c.id, c.record::text AS record FROM customers c WHERE {condition} ORDER BY {order}{limit}");
    let rows = client.query(&sql, params)?;
    let mut recs = Vec::with_capacity(rows.len());
    let mut at: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let mut rec: CustomerRecord = from_text("customer", row.get("record"))?;
        // As the SQLite book reads them: tags by tag without case (NOCASE), what was done with reasons by reason.
        rec.tags.sort_by_cached_key(|t| t.tag.to_ascii_lowercase());
        rec.reason_states.sort_by(|a, b| a.reason_id.cmp(&b.reason_id));
        // Whatever the document holds of these, the rows are what count.
        rec.preferences.clear();
        rec.interactions.clear();
        rec.promises.clear();
        rec.notes.clear();
        rec.held_back.clear();
        at.insert(row.get("id"), recs.len());
        recs.push(rec);
    }
    if recs.is_empty() {
        return Ok(recs);
    }
    let ids: Vec<String> = recs.iter().map(|r| r.customer.id.clone()).collect();
    macro_rules! fill {
        ($field:ident, $column:literal, $table:literal, $order:literal) => {
            let sql = concat!(
                "SELECT customer_id, ",
                $column,
                "::text FROM ",
                $table,
                " WHERE customer_id = ANY($1) ORDER BY ",
                $order
            );
            for row in client.query(sql, &[&ids])? {
                let who: String = row.get(0);
                if let Some(i) = at.get(&who) {
                    recs[*i].$field.push(from_text($table, row.get(1))?);
                }
            }
        };
    }
    fill!(preferences, "statement", "statements", "said_at, n");
    fill!(interactions, "interaction", "interactions", "at, n");
    fill!(promises, "promise", "promises", "n");
    fill!(notes, "note", "notes", "entered_at, n");
    fill!(held_back, "held", "held_back", "at, n");
    Ok(recs)
}

/// How a write holds the customer's row until it commits.
pub(super) enum Lock {
    /// Rows are added beside it: a removal meanwhile waits for this write, or this write for the removal.
    Share,
    /// The record itself will change in this transaction.
    Update,
}

pub(super) fn customer_is_there(tx: &mut Transaction<'_>, id: &str, lock: Lock) -> Result<()> {
    let sql = match lock {
        Lock::Share => "SELECT 1 FROM customers WHERE id = $1 FOR SHARE",
        Lock::Update => "SELECT 1 FROM customers WHERE id = $1 FOR NO KEY UPDATE",
    };
    match tx.query_opt(sql, &[&id])? {
        Some(_) => Ok(()),
        None => Err(Error::NotFound { what: "customer", key: id.to_string() }),
    }
}

/// The record as its document: what has rows of its own is left out.
fn document(rec: &CustomerRecord) -> Result<serde_json::Value> {
    let doc = CustomerRecord {
        preferences: vec![],
        interactions: vec![],
        promises: vec![],
        notes: vec![],
        held_back: vec![],
        // Who was notified of what is each person's own (`notified` rows), never the record's.
        notified: vec![],
        ..rec.clone()
    };
    to_json(&doc)
}

/// Everything search reads of a record, lower-cased.
fn search_text(rec: &CustomerRecord) -> String {
    let c = &rec.customer;
    let mut parts: Vec<&str> = vec![&c.name];
    parts
        .extend([&c.preferred_name, &c.company, &c.household, &c.how_we_met].into_iter().flatten().map(String::as_str));
    parts.extend(rec.contact_points.iter().map(|p| p.value.as_str()));
    parts.extend(rec.tags.iter().map(|t| t.tag.as_str()));
    parts.extend(rec.facts.iter().map(|f| f.text.as_str()));
    parts.extend(rec.goals.iter().map(|g| g.text.as_str()));
    parts.extend(rec.purchases.iter().map(|p| p.description.as_str()));
    // Notes and contacts live in rows of their own: here when a whole record moves in, read from their rows on a save.
    parts.extend(rec.notes.iter().map(|n| n.text.as_str()));
    parts.extend(rec.interactions.iter().map(|i| i.summary.as_str()));
    parts.join(" \n ").to_lowercase()
}

pub(super) fn insert_record(
    tx: &mut Transaction<'_>,
    rec: &CustomerRecord,
    owner: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let text = search_text(rec);
    tx.execute(
        "INSERT INTO customers (id, owner_id, name, record, search_words, search_text, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, to_tsvector('simple', $5), $5, $6, $7)",
        &[&rec.customer.id, &owner, &rec.customer.name, &document(rec)?, &text, &now, &by],
    )?;
    Ok(())
}

/// Saves an edited record over the one read `FOR UPDATE` in the same transaction, one version on.
pub(super) fn save_record(tx: &mut Transaction<'_>, rec: &CustomerRecord, by: &str, now: DateTime<Utc>) -> Result<()> {
    let texts = row_texts(tx, &rec.customer.id)?;
    write_record(tx, rec, &texts, by, now)
}

/// The texts of a customer's notes and of what was said in their contacts, which live in rows of their own.
struct RowTexts {
    notes: Vec<String>,
    said: Vec<String>,
}

fn row_texts(tx: &mut Transaction<'_>, customer_id: &str) -> Result<RowTexts> {
    let column = |tx: &mut Transaction<'_>, sql: &str| -> Result<Vec<String>> {
        Ok(tx.query(sql, &[&customer_id])?.iter().filter_map(|r| r.get::<_, Option<String>>(0)).collect())
    };
    Ok(RowTexts {
        notes: column(tx, "SELECT note->>'text' FROM notes WHERE customer_id = $1 ORDER BY n")?,
        said: column(tx, "SELECT interaction->>'summary' FROM interactions WHERE customer_id = $1")?,
    })
}

/// Writes the record, what search reads of it taking in its notes and contacts too, as on one's own book.
fn write_record(
    tx: &mut Transaction<'_>,
    rec: &CustomerRecord,
    rows: &RowTexts,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut text = search_text(rec);
    for more in rows.notes.iter().chain(&rows.said) {
        text.push_str(" \n ");
        text.push_str(&more.to_lowercase());
    }
    tx.execute(
        "UPDATE customers SET name = $2, record = $3, search_words = to_tsvector('simple', $4), search_text = $4,
                version = version + 1, updated_at = $5, updated_by = $6
         WHERE id = $1",
        &[&rec.customer.id, &rec.customer.name, &document(rec)?, &text, &now, &by],
    )?;
    Ok(())
}

/// Adds `items` (a JSON array) to the list `field` of the customer's document, and `words` to what search reads, in
/// one statement under the row's lock, one version on. A customer not in the book is [`Error::NotFound`].
pub(super) fn append(
    tx: &mut Transaction<'_>,
    customer_id: &str,
    field: &str,
    items: &serde_json::Value,
    words: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE customers SET record = jsonb_set(record, ARRAY[$6::text], coalesce(record->$6, '[]'::jsonb) || $2),
                search_words = search_words || to_tsvector('simple', $3),
                search_text = CASE WHEN $3 = '' THEN search_text ELSE search_text || ' \n ' || $3 END,
                version = version + 1, updated_at = $4, updated_by = $5
         WHERE id = $1",
        &[&customer_id, items, &words, &now, &by, &field],
    )?;
    if changed == 0 {
        return Err(Error::NotFound { what: "customer", key: customer_id.to_string() });
    }
    Ok(())
}

/// Puts what was done with a reason into the customer's document, in place of what was said of it before.
pub(super) fn save_reason_state(tx: &mut Transaction<'_>, state: &ReasonState, by: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE customers SET record = jsonb_set(record, '{reason_states}',
                    coalesce((SELECT jsonb_agg(x) FROM jsonb_array_elements(coalesce(record->'reason_states', '[]'::jsonb)) x
                              WHERE x->>'reason_id' <> $2), '[]'::jsonb) || jsonb_build_array($3::jsonb)),
                version = version + 1, updated_at = $4, updated_by = $5
         WHERE id = $1",
        &[&state.customer_id, &state.reason_id, &to_json(state)?, &state.at, &by],
    )?;
    if changed == 0 {
        return Err(Error::NotFound { what: "customer", key: state.customer_id.clone() });
    }
    Ok(())
}

pub(super) fn insert_statement(
    tx: &mut impl GenericClient,
    s: &PreferenceStatement,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO statements (id, customer_id, said_at, statement, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[&s.id, &s.customer_id, &s.said_at, &to_json(s)?, &by, &now],
    )?;
    Ok(())
}

pub(super) fn insert_interaction(
    tx: &mut impl GenericClient,
    i: &Interaction,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO interactions (id, customer_id, at, interaction, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[&i.id, &i.customer_id, &i.at, &to_json(i)?, &by, &now],
    )?;
    // What was said in the contact is found by search, as on one's own book.
    tx.execute(
        "UPDATE customers SET search_words = search_words || to_tsvector('simple', $2),
                search_text = search_text || ' \n ' || lower($2)
         WHERE id = $1",
        &[&i.customer_id, &i.summary],
    )?;
    Ok(())
}

/// Whole records moved in (a salesperson's own book), their documents and every row of them, entered by `by`:
/// with `COPY` rather than a statement a row (row by row, 100,000 customers took 245 s), in the caller's
/// transaction. The customers keep the file's order (`n`).
pub(super) fn copy_in_records(
    tx: &mut Transaction<'_>,
    recs: &[CustomerRecord],
    owner: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    use postgres::binary_copy::BinaryCopyInWriter;
    use postgres::types::Type;
    tx.batch_execute(
        "CREATE TEMP TABLE moving_in (k BIGINT, id TEXT, name TEXT, record JSONB, search_text TEXT) ON COMMIT DROP",
    )?;
    let mut w = BinaryCopyInWriter::new(
        tx.copy_in("COPY moving_in (k, id, name, record, search_text) FROM STDIN BINARY")?,
        &[Type::INT8, Type::TEXT, Type::TEXT, Type::JSONB, Type::TEXT],
    );
    for (k, rec) in recs.iter().enumerate() {
        let k = k as i64;
        w.write(&[&k, &rec.customer.id, &rec.customer.name, &document(rec)?, &search_text(rec)])?;
    }
    w.finish()?;
    tx.execute(
        "INSERT INTO customers (id, owner_id, name, record, search_words, search_text, updated_at, updated_by)
         SELECT id, $1, name, record, to_tsvector('simple', search_text), search_text, $2, $3 FROM moving_in ORDER BY k",
        &[&owner, &now, &by],
    )?;
    // Each kind of row, in the record's order.
    macro_rules! copy_rows {
        ($table:literal, $columns:literal, $types:expr, $items:expr, $values:expr) => {{
            let mut w = BinaryCopyInWriter::new(
                tx.copy_in(concat!("COPY ", $table, " (", $columns, ") FROM STDIN BINARY"))?,
                $types,
            );
            for x in $items {
                let values = $values(x)?;
                let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
                w.write(&refs)?;
            }
            w.finish()?;
        }};
    }
    type Values = Vec<Box<dyn ToSql + Sync>>;
    let stamped = [Type::TEXT, Type::TEXT, Type::TIMESTAMPTZ, Type::JSONB, Type::TEXT, Type::TIMESTAMPTZ];
    copy_rows!(
        "statements",
        "id, customer_id, said_at, statement, entered_by, entered_at",
        &stamped,
        recs.iter().flat_map(|r| &r.preferences),
        |x: &PreferenceStatement| -> Result<Values> {
            Ok(vec![
                Box::new(x.id.clone()),
                Box::new(x.customer_id.clone()),
                Box::new(x.said_at),
                Box::new(to_json(x)?),
                Box::new(by.to_string()),
                Box::new(x.recorded_at),
            ])
        }
    );
    copy_rows!(
        "interactions",
        "id, customer_id, at, interaction, entered_by, entered_at",
        &stamped,
        recs.iter().flat_map(|r| &r.interactions),
        |x: &Interaction| -> Result<Values> {
            Ok(vec![
                Box::new(x.id.clone()),
                Box::new(x.customer_id.clone()),
                Box::new(x.at),
                Box::new(to_json(x)?),
                Box::new(by.to_string()),
                Box::new(now),
            ])
        }
    );
    copy_rows!(
        "promises",
        "id, customer_id, due_on, promise, entered_by, entered_at",
        &[Type::TEXT, Type::TEXT, Type::DATE, Type::JSONB, Type::TEXT, Type::TIMESTAMPTZ],
        recs.iter().flat_map(|r| &r.promises),
        |x: &Promise| -> Result<Values> {
            Ok(vec![
                Box::new(x.id.clone()),
                Box::new(x.customer_id.clone()),
                Box::new(x.due_on),
                Box::new(to_json(x)?),
                Box::new(by.to_string()),
                Box::new(now),
            ])
        }
    );
    copy_rows!(
        "notes",
        "id, customer_id, note, entered_by, entered_at",
        &[Type::TEXT, Type::TEXT, Type::JSONB, Type::TEXT, Type::TIMESTAMPTZ],
        recs.iter().flat_map(|r| &r.notes),
        |x: &Note| -> Result<Values> {
            Ok(vec![
                Box::new(x.id.clone()),
                Box::new(x.customer_id.clone()),
                Box::new(to_json(x)?),
                Box::new(by.to_string()),
                Box::new(x.created_at),
            ])
        }
    );
    copy_rows!(
        "held_back",
        "id, customer_id, at, held, entered_by",
        &[Type::TEXT, Type::TEXT, Type::TIMESTAMPTZ, Type::JSONB, Type::TEXT],
        recs.iter().flat_map(|r| &r.held_back),
        |x: &HeldBack| -> Result<Values> {
            Ok(vec![
                Box::new(x.id.clone()),
                Box::new(x.customer_id.clone()),
                Box::new(x.at),
                Box::new(to_json(x)?),
                Box::new(by.to_string()),
            ])
        }
    );
    Ok(())
}

pub(super) fn insert_promise(tx: &mut impl GenericClient, p: &Promise, by: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO promises (id, customer_id, due_on, promise, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[&p.id, &p.customer_id, &p.due_on, &to_json(p)?, &by, &now],
    )?;
    Ok(())
}

/// One line of the customer list.
pub(super) fn summary(row: &Row) -> Result<CustomerSummary> {
    let rec: CustomerRecord = from_json("customer", row.get("record"))?;
    let open_promises: i64 = row.get("open_promises");
    let switch: Option<String> = row.get("contact_switch");
    let mut tags: Vec<String> = rec.tags.iter().map(|t| t.tag.clone()).collect();
    tags.sort();
    Ok(CustomerSummary {
        open_issues: rec.issues.iter().filter(|i| i.status == IssueStatus::Open).count() as u32,
        id: rec.customer.id,
        name: rec.customer.name,
        preferred_name: rec.customer.preferred_name,
        company: rec.customer.company,
        time_zone: rec.customer.time_zone,
        tags,
        open_promises: open_promises as u32,
        do_not_contact: switch.as_deref() == Some("do_not_contact"),
    })
}

/// What a person typed, as search reads it: each word a prefix (`tsquery`), or a part of a word or number
/// (`like`, through the trigram index); nothing typed is read as query syntax.
#[derive(Default)]
pub(super) struct Words {
    pub tsquery: Option<String>,
    pub like: Vec<String>,
    pub plain: Vec<String>,
}

impl Words {
    /// The SQL that keeps the customers these words find, its parameters numbered from `$first` (see
    /// [`Words::params`]): PostgreSQL's word index for prefixes, or'ed with the trigram index for parts of words
    /// and numbers — as a list of ids, so each index is used (or'ed inside one `WHERE`, neither was: 516 ms).
    /// Words shorter than three characters have no trigram: the prefix search alone finds them.
    pub fn condition(&self, first: usize) -> String {
        let mut sql = format!("c.id IN (SELECT id FROM customers WHERE search_words @@ to_tsquery('simple', ${first})");
        if self.plain.iter().all(|w| w.chars().count() >= 3) {
            let likes: Vec<String> =
                (0..self.like.len()).map(|i| format!("search_text LIKE ${}", first + 1 + i)).collect();
            sql += &format!(" UNION ALL SELECT id FROM customers WHERE {}", likes.join(" AND "));
        }
        sql + ")"
    }

    /// The parameters of [`Words::condition`], in order.
    pub fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        let mut out: Vec<&(dyn ToSql + Sync)> = vec![&self.tsquery];
        if self.plain.iter().all(|w| w.chars().count() >= 3) {
            out.extend(self.like.iter().map(|l| l as &(dyn ToSql + Sync)));
        }
        out
    }
}

pub(super) fn search_words(typed: &str) -> Words {
    let plain: Vec<String> =
        typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    Words {
        tsquery: (!plain.is_empty()).then(|| plain.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & ")),
        like: plain.iter().map(|w| format!("%{w}%")).collect(),
        plain,
    }
}

/// Where in a found customer's record the words are: their name, an address, a fact, a goal, a note or a contact.
pub(super) fn hit(rec: &CustomerRecord, words: &[String]) -> SearchHit {
    let has_all = |text: &str| {
        let text = text.to_lowercase();
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let c = &rec.customer;
    let places = std::iter::once(("customer", c.name.as_str()))
        .chain(c.company.iter().map(|t| ("customer", t.as_str())))
        .chain(rec.contact_points.iter().map(|p| ("contact", p.value.as_str())))
        .chain(rec.facts.iter().map(|f| ("fact", f.text.as_str())))
        .chain(rec.goals.iter().map(|g| ("goal", g.text.as_str())))
        .chain(rec.notes.iter().map(|n| ("note", n.text.as_str())))
        .chain(rec.interactions.iter().map(|i| ("interaction", i.summary.as_str())));
    let (kind, text) = places.into_iter().find(|(_, t)| has_all(t)).unwrap_or(("customer", c.name.as_str()));
    SearchHit { customer_id: c.id.clone(), customer_name: c.name.clone(), kind: kind.into(), text: text.into() }
}

/// Commits `tx`. A connection lost while committing may have lost the work or saved it — the server does not say —
/// so that is not reported as "nothing was saved".
pub(super) fn commit(tx: Transaction<'_>) -> Result<()> {
    tx.commit().map_err(|e| match Error::from(e) {
        Error::Unreachable(why) => Error::UnreachableWhileSaving(why),
        other => other,
    })
}

/// A customer's record with what is added to it, text tags made again from its facts and notes (as the SQLite
/// book does on every write), saved one version on. The caller holds the row (`FOR NO KEY UPDATE`), so nothing
/// another person saves meanwhile is lost.
pub(super) fn save_with_text_tags(
    tx: &mut Transaction<'_>,
    customer_id: &str,
    add_facts: &[Fact],
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let row = tx.query_one("SELECT record::text FROM customers WHERE id = $1", &[&customer_id])?;
    let mut rec: CustomerRecord = from_text("customer", row.get(0))?;
    rec.facts.extend(add_facts.iter().cloned());
    save_tagged_from_texts(tx, rec, by, now)
}

/// Saves an edited record (read in this transaction under the row's lock) with its text tags made again from its
/// facts and every note of the customer's, one version on.
pub(super) fn save_tagged_from_texts(
    tx: &mut Transaction<'_>,
    mut rec: CustomerRecord,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let rows = row_texts(tx, &rec.customer.id)?;
    let texts = rec.facts.iter().map(|f| f.text.as_str()).chain(rows.notes.iter().map(String::as_str));
    rec.tags = crate::tags::with_text_tags(&rec.tags, texts);
    write_record(tx, &rec, &rows, by, now)
}
