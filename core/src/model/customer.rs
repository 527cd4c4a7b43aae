//! A customer and what we know of them: contact points, personal facts, goals and tags.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::{clean, required};
use super::{AddressParts, NameParts};
use super::{
    CustomerIssue, HeldBack, Interaction, Note, Notified, PreferenceStatement, Promise, Purchase, ReasonState, Reminder,
};
use crate::{Error, Result};

/// A person the salesperson serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// What they like to be called ("Bob" for Robert).
    pub preferred_name: Option<String>,
    /// IANA zone such as `America/Denver`; `None` when we do not know it (never guessed).
    pub time_zone: Option<String>,
    pub how_we_met: Option<String>,
    pub company: Option<String>,
    /// Household members, in the salesperson's words ("wife Ana, son Leo (16)").
    pub household: Option<String>,
    /// The name's parts as the imported file gave them (vCard `N`, a CSV's name columns); used while they still
    /// describe `name`, so an export writes "Gómez Raya" as the family name, not a guess. Always written (`null`
    /// when none): the agenda's ready rows are postcard, which has no field names to leave one out by.
    #[serde(default)]
    pub name_parts: Option<NameParts>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Customer {
    /// What Rapport calls them in its own lines ("Rita asked on …"): the name they go by, else the first word.
    pub fn first_name(&self) -> String {
        self.preferred_name
            .clone()
            .unwrap_or_else(|| self.name.split_whitespace().next().unwrap_or(&self.name).to_string())
    }

    /// The name in parts for an export: the file's own parts while they still describe the name, else a guess.
    pub fn name_in_parts(&self) -> NameParts {
        match &self.name_parts {
            Some(p) if p.describe(&self.name) => p.clone(),
            _ => NameParts::guess(&self.name),
        }
    }
}

/// What the add and edit forms send for a customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCustomer {
    pub name: String,
    pub preferred_name: Option<String>,
    pub time_zone: Option<String>,
    pub how_we_met: Option<String>,
    pub company: Option<String>,
    pub household: Option<String>,
}

impl NewCustomer {
    /// Trims every field and checks the name and the time zone.
    pub fn validated(self) -> Result<Self> {
        let time_zone = clean(self.time_zone);
        if let Some(tz) = &time_zone {
            crate::time::parse_zone(tz).map_err(|m| Error::invalid("time zone", m))?;
        }
        Ok(NewCustomer {
            name: required("name", &self.name)?,
            preferred_name: clean(self.preferred_name),
            time_zone,
            how_we_met: clean(self.how_we_met),
            company: clean(self.company),
            household: clean(self.household),
        })
    }
}

vocabulary! {
    /// The kind of a contact point.
    ContactKind { Phone => "phone", Email => "email", Address => "address" }
}

/// A phone number, email address or postal address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactPoint {
    pub id: String,
    pub customer_id: String,
    pub kind: ContactKind,
    /// "mobile", "work", "home" …
    pub label: Option<String>,
    pub value: String,
    pub preferred: bool,
    /// An address's parts as the imported file gave them; used while they still describe `value`.
    #[serde(default)]
    pub parts: Option<AddressParts>,
}

impl ContactPoint {
    /// An address in parts for an export: the file's own parts while they still describe the value, else the
    /// whole line as the street.
    pub fn address_in_parts(&self) -> AddressParts {
        match &self.parts {
            Some(p) if p.describe(&self.value) => p.clone(),
            _ => AddressParts { street: self.value.clone(), ..AddressParts::default() },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewContactPoint {
    pub kind: ContactKind,
    #[serde(default)]
    pub label: Option<String>,
    pub value: String,
    #[serde(default)]
    pub preferred: bool,
}

impl NewContactPoint {
    pub fn validated(self) -> Result<Self> {
        let value = required(self.kind.as_str(), &self.value)?;
        match self.kind {
            ContactKind::Email if !looks_like_email(&value) => {
                return Err(Error::invalid("email", format!("'{value}' is not an email address")));
            }
            ContactKind::Phone if value.chars().filter(|c| c.is_ascii_digit()).count() < 5 => {
                return Err(Error::invalid("phone", format!("'{value}' has too few digits for a phone number")));
            }
            _ => {}
        }
        Ok(NewContactPoint { label: clean(self.label), value, ..self })
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !host.starts_with('.') && !s.contains(' '),
        None => false,
    }
}

/// Something personal the customer shared: family, pets, hobbies, plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub customer_id: String,
    pub text: String,
    pub learned_on: NaiveDate,
    /// Where it came from ("at delivery", "phone call 3 May").
    pub source: Option<String>,
    /// A date the fact is about, when the customer shared one (a birthday, a trip, an anniversary).
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewFact {
    pub text: String,
    /// Defaults to today.
    #[serde(default)]
    pub learned_on: Option<NaiveDate>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl NewFact {
    pub fn validated(self) -> Result<Self> {
        for d in [self.date, self.learned_on].into_iter().flatten() {
            crate::time::date_in_range(d).map_err(|m| crate::Error::invalid("date", m))?;
        }
        Ok(NewFact { text: required("fact", &self.text)?, source: clean(self.source), ..self })
    }
}

/// Something the customer wants ("keep this car to 250,000 miles").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub customer_id: String,
    pub text: String,
    pub stated_on: NaiveDate,
    pub source: Option<String>,
    pub achieved_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewGoal {
    pub text: String,
    #[serde(default)]
    pub stated_on: Option<NaiveDate>,
    #[serde(default)]
    pub source: Option<String>,
}

impl NewGoal {
    pub fn validated(self) -> Result<Self> {
        Ok(NewGoal { text: required("goal", &self.text)?, source: clean(self.source), ..self })
    }
}

vocabulary! {
    /// Whether a tag was set by hand or read from a `#hashtag` in a note or fact.
    TagOrigin { Manual => "manual", Text => "text" }
}

/// A persona or grouping tag such as `BuyAndHold` (shown as `#BuyAndHold`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub tag: String,
    pub origin: TagOrigin,
}

/// A customer with everything the book holds about them: the customer's page, and one entry of the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    #[serde(flatten)]
    pub customer: Customer,
    pub contact_points: Vec<ContactPoint>,
    pub tags: Vec<Tag>,
    /// Every statement the customer made about being contacted, oldest first; never rewritten.
    pub preferences: Vec<PreferenceStatement>,
    pub facts: Vec<Fact>,
    pub goals: Vec<Goal>,
    pub purchases: Vec<Purchase>,
    pub promises: Vec<Promise>,
    pub issues: Vec<CustomerIssue>,
    pub interactions: Vec<Interaction>,
    pub notes: Vec<Note>,
    /// Outreach the Guard stopped, oldest first.
    #[serde(default)]
    pub held_back: Vec<HeldBack>,
    /// The salesperson's own reminders.
    #[serde(default)]
    pub reminders: Vec<Reminder>,
    /// What the salesperson did with reasons on the agenda (done, snoozed, dismissed).
    #[serde(default)]
    pub reason_states: Vec<ReasonState>,
    /// Reasons already sent as notifications.
    #[serde(default)]
    pub notified: Vec<Notified>,
}

/// One row of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: String,
    pub name: String,
    pub preferred_name: Option<String>,
    pub company: Option<String>,
    pub time_zone: Option<String>,
    pub tags: Vec<String>,
    pub open_promises: u32,
    pub open_issues: u32,
    pub do_not_contact: bool,
}
