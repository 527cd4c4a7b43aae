//! Notes about a customer, and thank-you notes and card prompts written to them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::{clean, required};
use crate::Result;

vocabulary! {
    NoteKind {
        /// The salesperson's own note about the customer (hashtags in it become tags).
        Note => "note",
        /// A thank-you note to the customer.
        ThankYou => "thank_you",
        /// Prompts for a handwritten card.
        CardPrompt => "card_prompt",
    }
}

vocabulary! {
    NoteStatus { Draft => "draft", Written => "written", Sent => "sent" }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub customer_id: String,
    pub kind: NoteKind,
    /// For notes to the customer: card, prompts or email.
    pub format: Option<String>,
    pub text: String,
    /// For notes to the customer: draft, written or sent.
    pub status: Option<NoteStatus>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewNote {
    pub text: String,
    #[serde(default = "plain_note")]
    pub kind: NoteKind,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub status: Option<NoteStatus>,
}

fn plain_note() -> NoteKind {
    NoteKind::Note
}

impl NewNote {
    pub fn plain(text: impl Into<String>) -> Self {
        NewNote { text: text.into(), kind: NoteKind::Note, format: None, status: None }
    }

    pub fn validated(self) -> Result<Self> {
        Ok(NewNote { text: required("note", &self.text)?, format: clean(self.format), ..self })
    }
}

/// A note to a customer in the book-wide list (the Notes place), with whom it is to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedNote {
    #[serde(flatten)]
    pub note: Note,
    pub customer_name: String,
}
