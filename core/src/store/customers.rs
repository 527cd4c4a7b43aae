//! Adding, editing and listing customers and what we know of them: contact points, facts, goals, notes, tags.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{read, rows, Store};
use crate::model::*;
use crate::time::stamp;
use crate::{tags, Error, Result};

/// What the customer list asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Only customers with this tag (without `#`, any case).
    pub tag: Option<String>,
    /// Full-text prefix search over names, contact points, facts, goals, notes and interactions.
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

impl Store {
    /// Adds a customer.
    pub fn add_customer(&mut self, input: NewCustomer, now: DateTime<Utc>) -> Result<Customer> {
        self.add_customer_with(input, Vec::new(), Vec::new(), now)
    }

    /// Adds a customer with their contact points and hand-set tags, all in one transaction.
    pub fn add_customer_with(
        &mut self,
        input: NewCustomer,
        points: Vec<NewContactPoint>,
        tags: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        let (customer, points, tags) = crate::book::new_customer(input, points, tags, now)?;
        self.write(|tx| {
            rows::insert_customer(tx, &customer)?;
            for point in &points {
                rows::insert_contact_point(tx, point)?;
            }
            for tag in &tags {
                rows::insert_tag(tx, &customer.id, tag)?;
            }
            Ok(())
        })?;
        Ok(customer)
    }

    /// Replaces a customer's own fields (not their records).
    pub fn edit_customer(&mut self, id: &str, input: NewCustomer, now: DateTime<Utc>) -> Result<Customer> {
        let c = input.validated()?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE customers SET name = ?2, preferred_name = ?3, time_zone = ?4, how_we_met = ?5, company = ?6,
                        household = ?7, updated_at = ?8 WHERE id = ?1",
                params![id, c.name, c.preferred_name, c.time_zone, c.how_we_met, c.company, c.household, stamp(now)],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { what: "customer", key: id.to_string() });
            }
            read::customer(tx, id)
        })
    }

    /// One customer's own fields.
    pub fn customer(&self, id: &str) -> Result<Customer> {
        read::customer(self.conn(), id)
    }

    /// Everything about one customer.
    pub fn customer_record(&self, id: &str) -> Result<CustomerRecord> {
        read::record(self.conn(), id)
    }

    /// The full id of the one customer whose id starts with `prefix`.
    pub fn lookup_customer(&self, prefix: &str) -> Result<String> {
        read::resolve(self.conn(), "customers", "customer", prefix)
    }

    /// The full id of the one promise whose id starts with `prefix`.
    pub fn lookup_promise(&self, prefix: &str) -> Result<String> {
        read::resolve(self.conn(), "promises", "promise", prefix)
    }

    /// The full id of the one issue whose id starts with `prefix`.
    pub fn lookup_issue(&self, prefix: &str) -> Result<String> {
        read::resolve(self.conn(), "issues", "issue", prefix)
    }

    /// The full id of the one interaction whose id starts with `prefix`.
    pub fn lookup_interaction(&self, prefix: &str) -> Result<String> {
        read::resolve(self.conn(), "interactions", "interaction", prefix)
    }

    /// The customer list: by name, filtered by tag and text, paged only when asked.
    pub fn list_customers(&self, q: &ListQuery) -> Result<Vec<CustomerSummary>> {
        let text_ids = match q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => Some(self.matching_customer_ids(text, 1000)?),
            None => None,
        };
        let tag = match &q.tag {
            Some(t) => Some(tags::normalize(t).map_err(|m| Error::invalid("tag", m))?),
            None => None,
        };
        let mut sql = String::from(
            "SELECT c.id, c.name, c.preferred_name, c.company, c.time_zone,
                    (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags t WHERE t.customer_id = c.id ORDER BY tag)) AS tag_list,
                    (SELECT count(*) FROM promises p WHERE p.customer_id = c.id AND p.status = 'open') AS open_promises,
                    (SELECT count(*) FROM issues i WHERE i.customer_id = c.id AND i.status = 'open') AS open_issues,
                    (SELECT kind FROM preferences s WHERE s.customer_id = c.id AND s.kind IN ('do_not_contact', 'resume_contact')
                      ORDER BY s.said_at DESC, s.n DESC LIMIT 1) AS contact_switch
             FROM customers c WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(tag) = &tag {
            args.push(tag.clone());
            sql +=
                &format!(" AND EXISTS (SELECT 1 FROM tags t WHERE t.customer_id = c.id AND t.tag = ?{})", args.len());
        }
        if let Some(ids) = &text_ids {
            args.push(serde_json::to_string(ids).expect("ids serialize"));
            sql += &format!(" AND c.id IN (SELECT value FROM json_each(?{}))", args.len());
        }
        sql += " ORDER BY c.name COLLATE NOCASE, c.n";
        if let Some(limit) = q.limit {
            sql += &format!(" LIMIT {limit} OFFSET {}", q.offset.unwrap_or(0));
        } else if let Some(offset) = q.offset {
            sql += &format!(" LIMIT -1 OFFSET {offset}");
        }
        let mut stmt = self.conn().prepare(&sql)?;
        let out = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let tag_list: Option<String> = r.get("tag_list")?;
                let switch: Option<String> = r.get("contact_switch")?;
                Ok(CustomerSummary {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    preferred_name: r.get("preferred_name")?,
                    company: r.get("company")?,
                    time_zone: r.get("time_zone")?,
                    tags: tag_list.map(|t| t.split(' ').map(String::from).collect()).unwrap_or_default(),
                    open_promises: r.get("open_promises")?,
                    open_issues: r.get("open_issues")?,
                    do_not_contact: switch.as_deref() == Some("do_not_contact"),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    /// Every tag in the book with how many customers carry it.
    pub fn tag_counts(&self) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn().prepare(
            "SELECT min(tag) AS tag, count(DISTINCT customer_id) AS n FROM tags GROUP BY tag COLLATE NOCASE ORDER BY tag COLLATE NOCASE",
        )?;
        let out = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    pub fn add_contact_point(&mut self, customer_id: &str, input: NewContactPoint) -> Result<ContactPoint> {
        // One's own book keeps no time on a contact point: the clock is not read.
        let point = crate::book::contact_point_from(customer_id, input.validated()?);
        self.write_addition(&crate::book::Addition::ContactPoint(point.clone()))?;
        Ok(point)
    }

    /// Writes what is added by hand to a customer's record, in one transaction.
    pub(crate) fn write_addition(&mut self, addition: &crate::book::Addition) -> Result<()> {
        use crate::book::Addition;
        let customer_id = addition.customer_id().to_string();
        self.write(|tx| {
            read::customer(tx, &customer_id)?;
            match addition {
                Addition::Fact(fact) => {
                    rows::insert_fact(tx, fact)?;
                    refresh_text_tags(tx, &customer_id)
                }
                Addition::Goal(goal) => rows::insert_goal(tx, goal),
                Addition::Purchase(purchase) => rows::insert_purchase(tx, purchase),
                Addition::ContactPoint(point) => {
                    if point.preferred {
                        // One preferred point per kind.
                        tx.execute(
                            "UPDATE contact_points SET preferred = 0 WHERE customer_id = ?1 AND kind = ?2",
                            params![customer_id, point.kind.as_str()],
                        )?;
                    }
                    rows::insert_contact_point(tx, point)
                }
            }
        })
    }

    /// Adds a tag by hand.
    pub fn add_tag(&mut self, customer_id: &str, tag: &str) -> Result<Tag> {
        let tag = Tag { tag: tags::normalize(tag).map_err(|m| Error::invalid("tag", m))?, origin: TagOrigin::Manual };
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            // A hand-set tag outlives the text it may also appear in.
            tx.execute(
                "INSERT INTO tags (customer_id, tag, origin) VALUES (?1, ?2, 'manual')
                 ON CONFLICT (customer_id, tag) DO UPDATE SET origin = 'manual'",
                params![customer_id, tag.tag],
            )?;
            Ok(())
        })?;
        Ok(tag)
    }

    /// Removes a tag set by hand; a tag still written in a note or fact comes back from the text.
    pub fn remove_tag(&mut self, customer_id: &str, tag: &str) -> Result<()> {
        let tag = tags::normalize(tag).map_err(|m| Error::invalid("tag", m))?;
        self.write(|tx| {
            let n = tx.execute("DELETE FROM tags WHERE customer_id = ?1 AND tag = ?2", params![customer_id, tag])?;
            if n == 0 {
                return Err(Error::NotFound { what: "tag", key: tag.clone() });
            }
            refresh_text_tags(tx, customer_id)
        })
    }

    pub fn add_fact(&mut self, customer_id: &str, input: NewFact, now: DateTime<Utc>) -> Result<Fact> {
        crate::Book::add_fact(self, customer_id, input, now)
    }

    pub fn add_goal(&mut self, customer_id: &str, input: NewGoal, now: DateTime<Utc>) -> Result<Goal> {
        crate::Book::add_goal(self, customer_id, input, now)
    }
}

/// Makes the customer's text tags exactly the hashtags written in their facts and notes.
/// Tags set by hand are kept whatever the text says.
pub(super) fn refresh_text_tags(conn: &Connection, customer_id: &str) -> Result<()> {
    let mut found: Vec<String> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT text FROM facts WHERE customer_id = ?1 UNION ALL SELECT text FROM notes WHERE customer_id = ?1",
    )?;
    let texts =
        stmt.query_map(params![customer_id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    found.extend(tags::in_texts(texts.iter().map(String::as_str)));
    conn.execute("DELETE FROM tags WHERE customer_id = ?1 AND origin = 'text'", params![customer_id])?;
    for tag in found {
        rows::insert_tag(conn, customer_id, &Tag { tag, origin: TagOrigin::Text })?;
    }
    Ok(())
}
