//! Full-text search over the whole book: names, contact points, facts, goals, notes and interactions.
//!
//! One FTS5 index with a prefix index ('2 3'), so search-as-you-type prefix queries stay fast on big books.
//! Results come newest first (`ORDER BY rowid DESC` is cheap; ranking by relevance is not, on common words).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::Store;
use crate::Result;

/// One place a search matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub customer_id: String,
    pub customer_name: String,
    /// customer, contact, fact, goal, note or interaction.
    pub kind: String,
    /// The text that matched.
    pub text: String,
}

/// The tables behind each kind code of the index's rowid (`rowid = n * 8 + kind`).
const SOURCES: &[(&str, &str)] = &[
    ("customer", "SELECT c.id, c.name, c.name FROM customers c WHERE c.n = ?1"),
    (
        "contact",
        "SELECT c.id, c.name, x.value FROM contact_points x JOIN customers c ON c.id = x.customer_id WHERE x.n = ?1",
    ),
    ("fact", "SELECT c.id, c.name, x.text FROM facts x JOIN customers c ON c.id = x.customer_id WHERE x.n = ?1"),
    ("goal", "SELECT c.id, c.name, x.text FROM goals x JOIN customers c ON c.id = x.customer_id WHERE x.n = ?1"),
    ("note", "SELECT c.id, c.name, x.text FROM notes x JOIN customers c ON c.id = x.customer_id WHERE x.n = ?1"),
    (
        "interaction",
        "SELECT c.id, c.name, x.summary FROM interactions x JOIN customers c ON c.id = x.customer_id WHERE x.n = ?1",
    ),
];

/// Turns what a person typed into an FTS5 query: every word must match as a prefix, and nothing typed is read
/// as FTS5 syntax (quotes, stars, AND/OR/NEAR are just text).
pub(crate) fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Where `typed` matches, newest first, at most `limit` places.
    pub fn search(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(typed) else { return Ok(Vec::new()) };
        let mut stmt = self.conn().prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        )?;
        let rowids = stmt
            .query_map(params![query, limit as i64], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut hits = Vec::with_capacity(rowids.len());
        for rowid in rowids {
            let (kind, sql) = SOURCES[(rowid % 8) as usize];
            let mut source = self.conn().prepare_cached(sql)?;
            let mut found = source.query_map(params![rowid / 8], |r| {
                Ok(SearchHit {
                    customer_id: r.get(0)?,
                    customer_name: r.get(1)?,
                    kind: kind.to_string(),
                    text: r.get(2)?,
                })
            })?;
            if let Some(hit) = found.next() {
                hits.push(hit?);
            }
        }
        Ok(hits)
    }

    /// The ids of customers anything of whom matches `typed`, at most `limit` customers.
    pub(crate) fn matching_customer_ids(&self, typed: &str, limit: usize) -> Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for hit in self.search(typed, limit * 4)? {
            if seen.insert(hit.customer_id.clone()) {
                ids.push(hit.customer_id);
                if ids.len() == limit {
                    break;
                }
            }
        }
        Ok(ids)
    }
}
