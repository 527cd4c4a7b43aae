//! The whole book as one value: the unit of export, import and the demo.

use serde::{Deserialize, Serialize};

use super::{CustomerRecord, Playbook, Profile};

/// Names the file format so another JSON file is refused with a clear message.
pub const BOOK_FORMAT: &str = "rapport-book";
/// Bumped when the format changes; an importer reads every version up to its own.
pub const BOOK_VERSION: u32 = 1;

/// Everything: the salesperson's profile and every customer with all their records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub format: String,
    pub version: u32,
    pub profile: Profile,
    /// Persona playbooks, by tag.
    #[serde(default)]
    pub playbooks: Vec<Playbook>,
    pub customers: Vec<CustomerRecord>,
}

impl Book {
    pub fn new(profile: Profile, customers: Vec<CustomerRecord>) -> Self {
        Book { format: BOOK_FORMAT.to_string(), version: BOOK_VERSION, profile, playbooks: Vec::new(), customers }
    }
}
