//! What a note can say about this customer — the purchase and its features, what they told you, their goals, their
//! own words — each a [`Detail`] the salesperson can tick, the sensible ones ticked; and how the detector recognises
//! those details in a text.

use std::cmp::Reverse;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::detect::{find_name, find_phrase, words, Word};
use super::shorthand::{self, Phrase};
use super::{Detail, ThankYouKind};
use crate::guard::ContactWishes;
use crate::language;
use crate::language::lexicon::{BUYING, REFERRED, SERVICED};
use crate::model::{Customer, CustomerRecord, Direction, IssueStatus, Profile, Purchase, Sentiment};
use crate::{Error, Result};

/// How a dated fact counts as coming up: a wedding in three weeks is worth a line.
const UPCOMING_DAYS: i64 = 60;
/// How far back something the customer did is still worth thanking them for.
const DEED_DAYS: i64 = 365;

/// How a detail is said in a note.
#[derive(Debug, Clone)]
pub(crate) enum Say {
    Purchase {
        model: String,
        vehicle: bool,
        age_days: i64,
    },
    Feature {
        name: String,
    },
    Fact {
        phrase: Phrase,
        upcoming: bool,
    },
    /// A goal as something to toast ("keeping the Outback to 250,000 miles").
    Goal(String),
    /// The customer's own words; a complaint is only used once the issue is resolved.
    Quote {
        words: String,
        complaint: bool,
    },
    /// Something the customer did, to thank them for ("sending your nephew Eddie to us").
    Deed(String),
    /// What was sorted out ("the rattle in the dashboard").
    Issue(String),
    Service {
        name: String,
    },
    Household {
        people: Vec<String>,
        pets: Vec<String>,
    },
}

/// A detail with how to say it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub detail: Detail,
    pub say: Say,
    /// May be used by a variant without being ticked: it reads well and is not tender or about buying again.
    pub usable: bool,
}

/// What can be used in a `kind` of thank-you to this customer, the sensible details preselected.
pub fn details(record: &CustomerRecord, kind: ThankYouKind, now: DateTime<Utc>) -> Vec<Detail> {
    gather(record, kind, now).into_iter().map(|i| i.detail).collect()
}

/// The details `wanted` names, as the command line's `--use` takes them: a detail's id (`fact:<id>`), a record's id,
/// or a unique prefix of either. A feature or a quote is named by its whole id or a prefix of it, so naming a purchase
/// does not tick its features too.
pub fn choose(details: &[Detail], wanted: &[String]) -> Result<Vec<String>> {
    let record = |d: &Detail| d.id.split_once(':').map(|(_, rest)| rest.to_string()).filter(|r| !r.contains(':'));
    let mut out: Vec<String> = Vec::new();
    for w in wanted.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        let exact: Vec<&Detail> = details.iter().filter(|d| d.id == w || record(d).as_deref() == Some(w)).collect();
        let found = if exact.is_empty() {
            details.iter().filter(|d| d.id.starts_with(w) || record(d).is_some_and(|r| r.starts_with(w))).collect()
        } else {
            exact
        };
        match found.as_slice() {
            [] => return Err(Error::NotFound { what: "detail", key: w.to_string() }),
            [one] => {
                if !out.contains(&one.id) {
                    out.push(one.id.clone());
                }
            }
            many => return Err(Error::Ambiguous { what: "detail", key: w.to_string(), count: many.len() }),
        }
    }
    Ok(out)
}

/// Words that mark a fact as tender: true, but not for a thank-you card unless the salesperson chooses it.
const TENDER: &[&str] = &[
    "tight",
    "money",
    "debt",
    "passed",
    "late",
    "died",
    "funeral",
    "sick",
    "illness",
    "cancer",
    "surgery",
    "divorce",
    "divorced",
    "lost",
    "totaled",
    "accident",
    "rear-ended",
    "break-in",
    "upset",
    "stolen",
    "laid",
    "caring",
];

/// Relations and pets before a name in the household line ("Wife Ruth; beagle Biscuit").
const RELATIONS: &[&str] = &[
    "wife",
    "husband",
    "partner",
    "son",
    "sons",
    "daughter",
    "daughters",
    "twins",
    "kids",
    "children",
    "girlfriend",
    "boyfriend",
    "fiancé",
    "fiancée",
    "fiance",
    "fiancee",
    "mother",
    "father",
    "mom",
    "dad",
    "sister",
    "brother",
    "parents",
    "grandson",
    "grandsons",
    "granddaughter",
    "granddaughters",
    "grandchildren",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
];
const PETS: &[&str] = &[
    "dog",
    "dogs",
    "cat",
    "cats",
    "beagle",
    "husky",
    "retriever",
    "lab",
    "labrador",
    "greyhound",
    "greyhounds",
    "terrier",
    "poodle",
    "puppy",
    "kitten",
    "spaniel",
    "shepherd",
    "collie",
    "doodle",
    "horse",
    "parrot",
];

pub(crate) fn gather(record: &CustomerRecord, kind: ThankYouKind, now: DateTime<Utc>) -> Vec<Item> {
    let today = now.date_naive();
    let names = Names::of(record, &Profile::default());
    let is_name = |w: &str| names.is_name(w);
    let wishes = ContactWishes::from_statements(&record.preferences);
    let declined: Vec<String> = wishes.declined_topics.iter().map(|d| d.value.clone()).collect();
    // Nothing a thank-you draws on may raise a topic: no referral, buy-back, warranty or finance words at all.
    let quiet = |text: &str| {
        !language::topics::speaks_of_any(text) && declined.iter().all(|t| !language::topics::mentions(text, t))
    };

    let mut purchases: Vec<&Purchase> = record.purchases.iter().collect();
    purchases.sort_by_key(|p| Reverse(p.purchased_on));
    let latest = purchases.first().copied();
    let bought_on = latest.map(|p| p.purchased_on);

    let mut items = Vec::new();
    for (n, p) in purchases.iter().enumerate() {
        let say = Say::Purchase {
            model: model(p),
            vehicle: p.vehicle.is_some(),
            age_days: (today - p.purchased_on).num_days(),
        };
        items.push(item(format!("purchase:{}", p.id), "purchase", p.description.clone(), n == 0, say, n == 0));
    }

    let facts = facts(record, kind, today, bought_on, &is_name, &quiet);
    let goals = goals(record, kind, &is_name, &quiet);
    let chosen_words: Vec<String> =
        facts.iter().chain(goals.iter()).filter(|i| i.detail.preselected).flat_map(|i| stems(&i.detail.text)).collect();

    for (n, p) in purchases.iter().enumerate() {
        let usable: Vec<(usize, &String)> = p.features.iter().enumerate().filter(|(_, f)| quiet(f)).collect();
        // The feature that goes with what they told you ("tow package" for the man who tows a boat), else the first.
        let best = usable
            .iter()
            .find(|(_, f)| stems(f).iter().any(|s| chosen_words.contains(s)))
            // A count ("12 passengers") is a fact about the van, not a feature to enjoy.
            .or(usable.iter().find(|(_, f)| !f.starts_with(|c: char| c.is_ascii_digit()) || f.contains(['-', '.'])))
            .or(usable.first())
            .map(|(i, _)| *i);
        for (i, f) in usable {
            let pre = n == 0 && Some(i) == best;
            let say = Say::Feature { name: f.clone() };
            items.push(item(format!("feature:{}:{i}", p.id), "feature", f.clone(), pre, say, n == 0));
        }
    }
    items.extend(facts);
    items.extend(goals);
    items.extend(quotes(record, kind, &quiet));
    items.extend(deeds(record, kind, today, &is_name, &quiet));

    let mut resolved: Vec<_> = record.issues.iter().filter(|i| i.status == IssueStatus::Resolved).collect();
    resolved.sort_by_key(|i| Reverse(i.resolved_on));
    for (n, issue) in resolved.iter().enumerate() {
        let pre = kind == ThankYouKind::ResolvedIssue && n == 0;
        let text = match &issue.resolution {
            Some(r) => format!("{} — {r}", issue.title),
            None => issue.title.clone(),
        };
        let say = Say::Issue(shorthand::trouble(&issue.title, &is_name));
        items.push(item(format!("issue:{}", issue.id), "issue", text, pre, say, kind == ThankYouKind::ResolvedIssue));
    }

    let mut first_service = true;
    for p in &purchases {
        for s in p.included_services.iter().filter(|s| s.used > 0) {
            let pre = kind == ThankYouKind::Service && first_service;
            first_service = false;
            let text = format!("{} ({} of {} used)", s.name, s.used, s.total);
            let say = Say::Service { name: s.name.to_lowercase() };
            items.push(item(format!("service:{}", s.id), "service", text, pre, say, kind == ThankYouKind::Service));
        }
    }

    if let Some(h) = record.customer.household.as_deref().filter(|h| quiet(h)) {
        let (people, pets) = household(h);
        if !people.is_empty() || !pets.is_empty() {
            let say = Say::Household { people, pets };
            items.push(item("household".into(), "fact", h.to_string(), true, say, true));
        }
    }
    items
}

fn item(id: String, kind: &'static str, text: String, preselected: bool, say: Say, usable: bool) -> Item {
    Item { detail: Detail { id, kind, text, preselected }, say, usable: usable || preselected }
}

fn facts(
    record: &CustomerRecord,
    kind: ThankYouKind,
    today: NaiveDate,
    bought_on: Option<NaiveDate>,
    is_name: &dyn Fn(&str) -> bool,
    quiet: &dyn Fn(&str) -> bool,
) -> Vec<Item> {
    let mut ranked = Vec::new();
    for f in &record.facts {
        let text = shorthand::without_tags(&f.text);
        if text.is_empty() || !quiet(&text) {
            continue;
        }
        let phrase = shorthand::fact(&text, is_name);
        let upcoming = f.date.is_some_and(|d| (0..=UPCOMING_DAYS).contains(&(d - today).num_days()));
        let tender = words(&text).iter().any(|w| TENDER.contains(&w.norm.as_str()));
        let good = phrase.natural && !tender;
        // Upcoming dates first, then what reads well; for a purchase, what they told you around the sale.
        let near = match (kind, bought_on) {
            (ThankYouKind::Purchase, Some(d)) => (f.learned_on - d).num_days().abs(),
            _ => (today - f.learned_on).num_days(),
        };
        let rank = (!upcoming, !good, near);
        ranked.push((rank, f, text, phrase, upcoming, good));
    }
    ranked.sort_by_key(|r| r.0);
    // Two things they told you make a card; after a resolved issue, the issue leads and one is enough.
    let room = if kind == ThankYouKind::ResolvedIssue { 1 } else { 2 };
    let mut picked = 0;
    let mut out = Vec::new();
    for (_, f, text, phrase, upcoming, good) in ranked {
        let pre = good && picked < room;
        if pre {
            picked += 1;
        }
        out.push(item(format!("fact:{}", f.id), "fact", text, pre, Say::Fact { phrase, upcoming }, good));
    }
    out
}

fn goals(
    record: &CustomerRecord,
    kind: ThankYouKind,
    is_name: &dyn Fn(&str) -> bool,
    quiet: &dyn Fn(&str) -> bool,
) -> Vec<Item> {
    let mut out = Vec::new();
    let mut picked = false;
    for g in record.goals.iter().rev().filter(|g| g.achieved_on.is_none()) {
        let text = shorthand::without_tags(&g.text);
        if text.is_empty() || !quiet(&text) {
            continue;
        }
        let buying = words(&text).iter().any(|w| BUYING.contains(&w.norm.as_str()));
        let pre = !buying && !picked && kind != ThankYouKind::ResolvedIssue;
        picked |= pre;
        out.push(item(
            format!("goal:{}", g.id),
            "goal",
            text.clone(),
            pre,
            Say::Goal(shorthand::goal(&text, is_name)),
            !buying,
        ));
    }
    out
}

fn quotes(record: &CustomerRecord, kind: ThankYouKind, quiet: &dyn Fn(&str) -> bool) -> Vec<Item> {
    let said: HashSet<&str> = record.preferences.iter().map(|s| s.words.as_str()).collect();
    // The complaint behind a resolved issue: said around the day it was opened.
    let complaint = |day: NaiveDate| {
        record
            .issues
            .iter()
            .filter(|i| i.status == IssueStatus::Resolved)
            .any(|i| (day - i.opened_on).num_days().abs() <= 2)
    };
    let mut out = Vec::new();
    let mut picked = false;
    for i in record.interactions.iter().rev().filter(|i| i.direction == Direction::Inbound) {
        for (n, q) in i.quotes.iter().enumerate() {
            if said.contains(q.as_str()) || !quiet(q) {
                continue;
            }
            let positive = i.sentiment == Some(Sentiment::Positive);
            let about_issue = complaint(i.at.date_naive()) && !positive;
            if !positive && !about_issue {
                continue;
            }
            let fits = if kind == ThankYouKind::ResolvedIssue { about_issue } else { positive };
            let pre = fits && !picked;
            picked |= pre;
            let say = Say::Quote { words: q.clone(), complaint: about_issue };
            out.push(item(format!("quote:{}:{n}", i.id), "quote", q.clone(), pre, say, fits));
        }
    }
    out
}

fn deeds(
    record: &CustomerRecord,
    kind: ThankYouKind,
    today: NaiveDate,
    is_name: &dyn Fn(&str) -> bool,
    quiet: &dyn Fn(&str) -> bool,
) -> Vec<Item> {
    let mut out = Vec::new();
    let mut picked = false;
    for i in record.interactions.iter().rev() {
        if i.direction != Direction::Inbound || i.sentiment == Some(Sentiment::Negative) || !quiet(&i.summary) {
            continue;
        }
        let Some(deed) = shorthand::deed(&i.summary, is_name) else { continue };
        // Questions and complaints are not favours: "thank you for asking whether the plates are in" is not a note.
        let head = deed.split_whitespace().next().unwrap_or("");
        if ["asking", "calling", "thanking", "texting", "emailing", "replying"].contains(&head) {
            continue;
        }
        let lower = i.summary.to_lowercase();
        let referral = REFERRED.iter().any(|w| lower.contains(w));
        let service = SERVICED.iter().any(|w| lower.contains(w));
        let gesture = ["sending", "writing", "stopping", "coming", "bringing"].contains(&head) && !referral;
        let recent = (today - i.at.date_naive()).num_days() <= DEED_DAYS;
        let fits = match kind {
            ThankYouKind::Referral => referral,
            ThankYouKind::Service => service && recent,
            ThankYouKind::Purchase => gesture && recent,
            ThankYouKind::ResolvedIssue => false,
        };
        let pre = fits && !picked;
        picked |= pre;
        out.push(item(format!("interaction:{}", i.id), "interaction", i.summary.clone(), pre, Say::Deed(deed), fits));
    }
    out
}

/// The people and pets named in the household line: "Husband Darnell; beagle Biscuit" → ([Darnell], [Biscuit]).
pub(crate) fn household(line: &str) -> (Vec<String>, Vec<String>) {
    let (mut people, mut pets) = (Vec::new(), Vec::new());
    for clause in line.split(';') {
        let ws: Vec<&str> = clause.split_whitespace().filter(|w| !w.starts_with('(')).collect();
        let mut pet = false;
        let mut naming = false;
        let mut in_name = false;
        for w in ws {
            let b = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if RELATIONS.contains(&b.as_str()) {
                naming = true;
                in_name = false;
            } else if PETS.contains(&b.as_str()) {
                naming = true;
                pet = true;
                in_name = false;
            } else if b == "named" || (b == "and" && naming) {
                in_name = false;
            } else if capital && naming && !in_name {
                let name = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_string();
                if pet {
                    pets.push(name)
                } else {
                    people.push(name)
                }
                in_name = !w.ends_with(',');
            } else if capital && in_name {
                // A surname after a first name: "Eddie Ruiz" is Eddie.
            } else {
                naming = naming && w.ends_with(',');
                in_name = false;
            }
        }
    }
    people.truncate(3);
    pets.truncate(3);
    (people, pets)
}

/// The name a note opens with: what they like to be called, else the first name.
pub(crate) fn first_name(c: &Customer) -> String {
    if let Some(p) = c.preferred_name.as_deref().filter(|p| !p.trim().is_empty()) {
        return p.trim().to_string();
    }
    // "渡辺健二 (Kenji Watanabe)": the name in parentheses is the one they go by in English.
    let name = match c.name.split_once('(') {
        Some((_, inner)) => inner.trim_end_matches(')'),
        None => &c.name,
    };
    name.split_whitespace().next().unwrap_or(&c.name).to_string()
}

/// What the customer calls what they bought: "Outback", or the product's description.
pub(crate) fn model(p: &Purchase) -> String {
    p.vehicle.as_ref().and_then(|v| v.model.clone()).unwrap_or_else(|| p.description.clone())
}

/// The ways a feature shows in a text: "SYNC 4" is also "SYNC".
/// Where `feature` (or a distinctive word of it: "CarPlay" of "Apple CarPlay") is named among `words`.
pub(crate) fn feature_in(feature: &str, words: &[Word]) -> Option<(usize, usize)> {
    for key in feature_keys(feature) {
        if let Some(span) = find_phrase(words, &key).into_iter().next() {
            return Some(span);
        }
    }
    let parts: Vec<String> = super::detect::words(feature).into_iter().map(|w| w.norm).collect();
    if parts.len() < 2 {
        return None;
    }
    // The longest word of several, when it is distinctive enough to stand for the feature.
    let longest = parts.iter().max_by_key(|p| p.chars().count())?;
    (longest.chars().count() >= 5)
        .then(|| words.iter().find(|w| &w.norm == longest).map(|w| (w.start, w.end)))
        .flatten()
}

pub(crate) fn feature_keys(feature: &str) -> Vec<String> {
    let mut keys = vec![feature.to_string()];
    let ws: Vec<&str> = feature.split_whitespace().collect();
    if ws.len() >= 2 {
        let last = ws[ws.len() - 1];
        let version = last.len() <= 3 && last.chars().next().is_some_and(|c| c.is_ascii_digit());
        let rest = ws[..ws.len() - 1].join(" ");
        if version && rest.chars().count() >= 3 {
            keys.push(rest);
        }
    }
    keys
}

/// Names as the customer's record uses them, and every word it holds.
pub(crate) struct Names {
    /// Words written with a capital where a sentence does not start: "Biscuit", "Metra", "Friday".
    proper: HashSet<String>,
    /// Every word of the record and of the salesperson's own name and dealership.
    known: HashSet<String>,
}

impl Names {
    pub fn of(record: &CustomerRecord, profile: &Profile) -> Names {
        let mut proper = HashSet::new();
        let mut known = HashSet::new();
        for text in record_texts(record) {
            let chars: Vec<char> = text.chars().collect();
            for w in words(text) {
                let before = chars[..w.start].iter().rev().find(|c| !c.is_whitespace() && **c != '(' && **c != '“');
                let starts = before.is_none_or(|c| ".!?:".contains(*c));
                if !starts && w.raw.chars().next().is_some_and(char::is_uppercase) && w.raw != "I" {
                    proper.insert(w.raw.clone());
                }
                known.insert(w.raw);
            }
        }
        for w in
            words(&record.customer.name).into_iter().chain(record.customer.preferred_name.iter().flat_map(|p| words(p)))
        {
            proper.insert(w.raw.clone());
            known.insert(w.raw);
        }
        for text in [&profile.name, &profile.dealership, &profile.signature] {
            known.extend(words(text).into_iter().map(|w| w.raw));
        }
        Names { proper, known }
    }

    /// Whether a word is a name in this customer's record.
    pub fn is_name(&self, word: &str) -> bool {
        words(word).first().is_some_and(|w| self.proper.contains(&w.raw))
    }

    /// Whether every word of `form` is somewhere in this customer's record (so it is theirs to mention).
    pub fn knows_all(&self, form: &[String]) -> bool {
        form.iter().all(|w| self.known.contains(w))
    }
}

fn record_texts(r: &CustomerRecord) -> Vec<&str> {
    let c = &r.customer;
    let mut out: Vec<&str> = vec![&c.name];
    out.extend(c.preferred_name.as_deref());
    out.extend(c.how_we_met.as_deref());
    out.extend(c.company.as_deref());
    out.extend(c.household.as_deref());
    out.extend(r.facts.iter().map(|f| f.text.as_str()));
    out.extend(r.goals.iter().map(|g| g.text.as_str()));
    for p in &r.purchases {
        out.push(&p.description);
        out.extend(p.features.iter().map(String::as_str));
        out.extend(p.deliverables.iter().map(|d| d.what.as_str()));
    }
    for i in &r.interactions {
        out.push(&i.summary);
        out.extend(i.quotes.iter().map(String::as_str));
    }
    out.extend(r.notes.iter().map(|n| n.text.as_str()));
    for i in &r.issues {
        out.push(&i.title);
        out.extend(i.resolution.as_deref());
        out.extend(i.updates.iter().map(|u| u.text.as_str()));
    }
    out.extend(r.promises.iter().map(|p| p.what.as_str()));
    out.extend(r.preferences.iter().map(|s| s.words.as_str()));
    out
}

/// Common words that say nothing about one customer, as stems.
const COMMON: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "always",
    "around",
    "away",
    "back",
    "been",
    "before",
    "being",
    "best",
    "both",
    "call",
    "came",
    "care",
    "choosing",
    "come",
    "could",
    "days",
    "does",
    "done",
    "down",
    "drive",
    "each",
    "enjoy",
    "even",
    "ever",
    "every",
    "first",
    "four",
    "from",
    "full",
    "gave",
    "give",
    "good",
    "great",
    "have",
    "hear",
    "hearing",
    "here",
    "heres",
    "home",
    "hope",
    "into",
    "just",
    "keep",
    "keys",
    "know",
    "last",
    "learn",
    "like",
    "little",
    "long",
    "look",
    "love",
    "loved",
    "made",
    "make",
    "many",
    "mile",
    "miles",
    "more",
    "morning",
    "most",
    "much",
    "must",
    "need",
    "never",
    "next",
    "night",
    "once",
    "only",
    "other",
    "over",
    "phone",
    "pleasure",
    "question",
    "really",
    "said",
    "same",
    "says",
    "second",
    "some",
    "still",
    "such",
    "sure",
    "take",
    "than",
    "thank",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "think",
    "this",
    "those",
    "three",
    "through",
    "time",
    "today",
    "told",
    "treat",
    "trusting",
    "very",
    "want",
    "week",
    "weekend",
    "well",
    "were",
    "what",
    "when",
    "whenever",
    "where",
    "which",
    "while",
    "will",
    "with",
    "wonderful",
    "would",
    "year",
    "your",
    "yours",
    "youre",
    "anything",
    "something",
    "thanks",
    "warmly",
    "dear",
    "smiling",
    "thinking",
    "rooting",
    "cheering",
    "behind",
];

fn stem(norm: &str) -> String {
    let w = if norm.chars().count() > 4 { norm.strip_suffix('s').unwrap_or(norm) } else { norm };
    w.chars().take(5).collect()
}

/// The words of a text that could only be about this customer, as stems: "conductor", "dahlias".
fn stems(text: &str) -> Vec<String> {
    let common: HashSet<String> = COMMON.iter().map(|w| stem(w)).collect();
    words(text)
        .into_iter()
        .filter(|w| w.norm.chars().count() >= 4 && !w.norm.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(&w.norm))
        .filter(|s| s.chars().count() >= 4 && !common.contains(s))
        .collect()
}

/// What marks a detail in a text.
struct Marker {
    id: String,
    /// Case-sensitive word sequences, any one of which is enough: a model, a name, a number.
    exact: Vec<Vec<String>>,
    /// Phrases compared without case: a feature.
    phrases: Vec<String>,
    /// Content stems, and how many must show.
    stems: Vec<String>,
    need: usize,
}

/// The detail ids of this customer's record that `text` (as `words`) mentions; hedged spans do not count.
pub(crate) fn mentioned(record: &CustomerRecord, ws: &[Word], hedged: &[(usize, usize)], names: &Names) -> Vec<String> {
    let outside = |(s, e): (usize, usize)| !hedged.iter().any(|&(a, b)| s < b && a < e);
    let text_stems: HashSet<String> = ws.iter().filter(|w| outside((w.start, w.end))).map(|w| stem(&w.norm)).collect();
    let mut found = Vec::new();
    for m in markers(record, names) {
        let exact = m.exact.iter().any(|f| find_name(ws, f).into_iter().any(outside));
        let phrase = m.phrases.iter().any(|p| find_phrase(ws, p).into_iter().any(outside));
        let distinct: HashSet<&String> = m.stems.iter().filter(|s| text_stems.contains(*s)).collect();
        let content = m.need > 0 && distinct.len() >= m.need;
        if (exact || phrase || content) && !found.contains(&m.id) {
            found.push(m.id);
        }
    }
    found
}

fn markers(r: &CustomerRecord, names: &Names) -> Vec<Marker> {
    // The customer's own name and the car's make and model are not details of a fact.
    let mut plain: HashSet<String> = HashSet::new();
    for w in words(&r.customer.name).into_iter().chain(r.customer.preferred_name.iter().flat_map(|p| words(p))) {
        plain.insert(w.raw);
    }
    let mut out = Vec::new();
    for p in &r.purchases {
        let mut exact = Vec::new();
        if let Some(v) = &p.vehicle {
            for part in [v.make.as_deref(), v.model.as_deref(), v.trim.as_deref()].into_iter().flatten() {
                plain.extend(words(part).into_iter().map(|w| w.raw));
            }
            if let Some(m) = &v.model {
                exact.push(words(m).into_iter().map(|w| w.raw).collect());
                if let Some(head) = m.split_whitespace().next().filter(|h| h.chars().count() >= 3) {
                    exact.push(words(head).into_iter().map(|w| w.raw).collect());
                }
            }
        } else {
            let common: HashSet<String> = COMMON.iter().map(|w| stem(w)).collect();
            for w in p.description.split_whitespace() {
                let ws: Vec<String> = words(w).into_iter().map(|w| w.raw).collect();
                let long = w.chars().filter(|c| c.is_alphanumeric()).count() >= 4;
                if long && !common.contains(&stem(&w.to_lowercase())) && !w.chars().all(|c| c.is_ascii_digit()) {
                    exact.push(ws);
                }
            }
        }
        out.push(Marker { id: format!("purchase:{}", p.id), exact, phrases: vec![], stems: vec![], need: 0 });
        for (i, f) in p.features.iter().enumerate() {
            out.push(Marker {
                id: format!("feature:{}:{i}", p.id),
                exact: vec![],
                phrases: feature_keys(f),
                stems: vec![],
                need: 0,
            });
        }
    }
    let text_marker = |id: String, text: &str| {
        let clean = shorthand::without_tags(text);
        let chars: Vec<char> = clean.chars().collect();
        let mut exact: Vec<Vec<String>> = Vec::new();
        for w in words(&clean) {
            let before = chars[..w.start].iter().rev().find(|c| !c.is_whitespace());
            let starts = before.is_none_or(|c| ".!?".contains(*c));
            let capital = w.raw.chars().next().is_some_and(char::is_uppercase);
            let number = w.raw.chars().count() >= 3 && w.raw.chars().all(|c| c.is_ascii_digit()) && w.raw != "000";
            let name = capital && (!starts || names.is_name(&w.raw)) && w.raw != "I";
            if (name || number) && !plain.contains(&w.raw) {
                exact.push(vec![w.raw]);
            }
        }
        let mut st = stems(&clean);
        st.retain(|s| !plain.iter().any(|p| stem(&p.to_lowercase()) == *s));
        st.sort();
        st.dedup();
        let need = if st.len() <= 3 { 1 } else { 2 };
        Marker { id, exact, phrases: vec![], stems: st, need }
    };
    for f in &r.facts {
        out.push(text_marker(format!("fact:{}", f.id), &f.text));
    }
    for g in &r.goals {
        out.push(text_marker(format!("goal:{}", g.id), &g.text));
    }
    for i in r.interactions.iter().filter(|i| i.direction == Direction::Inbound) {
        for (n, q) in i.quotes.iter().enumerate() {
            out.push(text_marker(format!("quote:{}:{n}", i.id), q));
        }
        out.push(text_marker(format!("interaction:{}", i.id), &i.summary));
    }
    for i in &r.issues {
        out.push(text_marker(format!("issue:{}", i.id), &i.title));
    }
    if let Some(h) = &r.customer.household {
        let (people, pets) = household(h);
        let exact = people.iter().chain(pets.iter()).map(|n| words(n).into_iter().map(|w| w.raw).collect()).collect();
        out.push(Marker { id: "household".into(), exact, phrases: vec![], stems: vec![], need: 0 });
    }
    out
}

/// One thing only this customer would recognise, for a suggestion.
pub(crate) fn example(r: &CustomerRecord) -> String {
    let latest = r.purchases.iter().max_by_key(|p| p.purchased_on);
    let car = latest.map(|p| match p.features.first() {
        Some(f) => format!("the {f} on the {}", model(p)),
        None => format!("the {}", model(p)),
    });
    let fact = r.facts.last().map(|f| {
        let t = shorthand::without_tags(&f.text);
        let short: String = t.chars().take(60).collect();
        if short.len() < t.len() {
            format!("“{short}…”")
        } else {
            format!("“{short}”")
        }
    });
    match (car, fact) {
        (Some(c), Some(f)) => format!("{c}, or something they told you: {f}"),
        (Some(c), None) => c,
        (None, Some(f)) => format!("something they told you: {f}"),
        (None, None) => "something they told you the day you met".to_string(),
    }
}
