//! A contact as read from another tool's file (vCard, CSV), before it becomes — or joins — a customer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{AddressParts, NameParts, Vehicle};

/// A phone, email or address with its label ("mobile", "work") and whether the file marked it preferred.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labeled {
    pub label: Option<String>,
    pub value: String,
    pub preferred: bool,
    /// An address's parts, when the file gave them (vCard `ADR`, a CSV's street/city/… columns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<AddressParts>,
}

/// A purchase read from a dealer spreadsheet's columns (vehicle, VIN, purchase date).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactPurchase {
    /// "2024 Subaru Outback Touring", or the vehicle column as written.
    pub description: String,
    pub vehicle: Vehicle,
    pub purchased_on: Option<NaiveDate>,
}

/// One person from an imported file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// The line of the file where this contact starts (1-based), for messages.
    pub line: usize,
    pub name: String,
    /// The name's parts, when the file gave them (vCard `N`, first/middle/last columns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_parts: Option<NameParts>,
    pub preferred_name: Option<String>,
    pub company: Option<String>,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    /// Postal addresses, each on one line ("12 Elm St, Naperville, IL 60540, USA").
    pub addresses: Vec<Labeled>,
    /// Free text; becomes a note (so its hashtags become tags).
    pub notes: Option<String>,
    /// Groups or categories from the file, as tags (without `#`).
    pub tags: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub time_zone: Option<String>,
    pub purchase: Option<ContactPurchase>,
    /// The customer's id when the file is Rapport's own export (vCard `X-RAPPORT-ID`, the CSV's "Rapport ID"):
    /// matched before anything else, so a round trip never joins two customers who share a phone.
    pub rapport_id: Option<String>,
    /// What the reader left out of this contact (a line it could not read), with its line and why: reported in the
    /// preview's values left out; the person is imported with the rest.
    pub skipped: Vec<BadRow>,
}

impl Contact {
    /// A contact with no name is named from what it has — its first email, else its first phone — rather than left
    /// out: a salesperson can rename them, but cannot get back a person the import dropped.
    pub fn named_from_what_it_has(&mut self) -> bool {
        if !self.name.trim().is_empty() {
            return true;
        }
        if let Some(v) = self.emails.first().or_else(|| self.phones.first()).map(|l| l.value.trim().to_string()) {
            self.name = v;
            return true;
        }
        false
    }
}

/// A row or card that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    pub line: usize,
    pub message: String,
}

/// What a parser read: the contacts, and every row it could not read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub contacts: Vec<Contact>,
    pub bad: Vec<BadRow>,
}

/// The year a birthday without one is kept on (a leap year, so 29 February is kept; never shown — the fact says
/// "Birthday (no year)", and only its day and month make the yearly reason).
pub const NO_YEAR: i32 = 1904;

/// The customer's birthday, as the book keeps it: the dated fact called "Birthday" (what an import makes of a
/// `BDAY` or a Birthday column), written back by the exports.
pub(crate) fn birthday_of(r: &crate::model::CustomerRecord) -> Option<chrono::NaiveDate> {
    r.facts
        .iter()
        .filter(|f| {
            let t = f.text.trim().to_lowercase();
            t == "birthday" || t == "birthday (no year)"
        })
        .find_map(|f| f.date)
}
