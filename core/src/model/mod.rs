//! Plain data types of the book (serde): what the store keeps, the export format carries and the window shows.
//!
//! Ids are UUIDv7 text, times are UTC, dates are calendar dates; a customer's IANA zone is data.

mod book;
mod commitments;
mod customer;
mod held_back;
mod interaction;
mod note;
mod parts;
mod playbook;
mod preference;
mod profile;
mod purchase;
mod reminder;
mod words;

pub use book::{Book, BOOK_FORMAT, BOOK_VERSION};
pub use commitments::{CustomerIssue, IssueStatus, IssueUpdate, NewIssue, NewPromise, Promise, PromiseStatus};
pub use customer::{
    ContactKind, ContactPoint, Customer, CustomerRecord, CustomerSummary, Fact, Goal, NewContactPoint, NewCustomer,
    NewFact, NewGoal, Tag, TagOrigin,
};
pub use held_back::HeldBack;
pub use interaction::{Channel, Direction, Interaction, NewInteraction, Purpose, Sentiment};
pub use note::{ListedNote, NewNote, Note, NoteKind, NoteStatus};
pub use parts::{AddressParts, NameParts};
pub use playbook::Playbook;
pub use preference::{Meaning, NewStatement, PreferenceStatement};
pub use profile::{CallingRule, Profile};
pub use purchase::{
    Deliverable, IncludedService, NewDeliverable, NewIncludedService, NewPurchase, Ownership, Purchase, Vehicle,
    MAX_SERVICES, MAX_SERVICE_MONTHS,
};
pub use reminder::{NewReminder, Notified, ReasonState, ReasonStateKind, Reminder};
pub(crate) use words::vocabulary;
pub use words::ParseWordError;

/// Trims a text field and turns an empty one into `None`.
pub(crate) fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Trims a required text field, or names it as missing.
pub(crate) fn required(field: &str, text: &str) -> crate::Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(crate::Error::invalid(field, "is required"));
    }
    Ok(t.to_string())
}
