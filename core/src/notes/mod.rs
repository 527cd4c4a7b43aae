//! Thank-you notes that read like a person wrote them, and the form-letter detector that keeps them that way.
//!
//! The composer writes from the facts of this sale and this person ([`details`] → [`compose`]): the car by its
//! name and a feature the customer has, said as a fact; something they told you or said; signed by the salesperson.
//! The detector ([`lint`]) flags what gives a form letter away — a generic salutation, an unfilled merge field,
//! hedging about what the book says they bought, a referral ask or a pitch inside a thank-you, links and footers in
//! a handwritten note, nothing specific, another customer's name, a near-copy of another note, too long for the card,
//! all about the seller — each with where it is, why it matters and what to write instead.
//!
//! Declined topics, persona playbooks and do-not-contact are the Guard's call ([`crate::guard::decide`], asked with
//! `in_thank_you`); the detector shows its findings with the customer's own words. Everything here is pure and
//! deterministic: the same inputs and `now` give the same draft and the same findings.

mod compose;
mod details;
mod detect;
pub(crate) mod life;
mod shorthand;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::{CustomerRecord, NoteKind, ParseWordError};

pub use compose::compose;
pub use details::{choose, details};
pub use detect::{lint, similarity, NEAR_COPY};
pub use life::MAX_NOTE_CHARS;

/// How long a thank-you email may be before it reads like a newsletter (characters).
pub const EMAIL_LIMIT: usize = 1200;

/// What the thanks is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThankYouKind {
    /// They bought from you.
    #[default]
    Purchase,
    /// They sent someone to you.
    Referral,
    /// They brought the car in for service.
    Service,
    /// An issue they raised is resolved.
    ResolvedIssue,
}

/// How the note will be written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// The words for a card, sized to it.
    #[default]
    Card,
    /// For writing by hand: an opening line, what to mention, a closing idea.
    Prompts,
    /// A short email.
    Email,
}

/// The card the note is written on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardSize {
    /// A6 or 4×6 inches.
    #[default]
    #[serde(rename = "a6")]
    A6,
    /// 5×7 inches.
    #[serde(rename = "5x7")]
    FiveBySeven,
    /// A folded note card.
    #[serde(rename = "folded")]
    Folded,
}

impl ThankYouKind {
    pub const ALL: &'static [ThankYouKind] =
        &[ThankYouKind::Purchase, ThankYouKind::Referral, ThankYouKind::Service, ThankYouKind::ResolvedIssue];

    pub fn as_str(self) -> &'static str {
        match self {
            ThankYouKind::Purchase => "purchase",
            ThankYouKind::Referral => "referral",
            ThankYouKind::Service => "service",
            ThankYouKind::ResolvedIssue => "resolved_issue",
        }
    }
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Card, Format::Prompts, Format::Email];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Card => "card",
            Format::Prompts => "prompts",
            Format::Email => "email",
        }
    }
}

impl CardSize {
    pub const ALL: &'static [CardSize] = &[CardSize::A6, CardSize::FiveBySeven, CardSize::Folded];

    pub fn as_str(self) -> &'static str {
        match self {
            CardSize::A6 => "a6",
            CardSize::FiveBySeven => "5x7",
            CardSize::Folded => "folded",
        }
    }

    /// How many characters of handwriting fit the card.
    pub fn limit(self) -> usize {
        match self {
            CardSize::A6 => 480,
            CardSize::FiveBySeven => 800,
            CardSize::Folded => 600,
        }
    }

    /// The card's face, landscape, in millimetres (width, height), for the window's preview.
    pub fn size_mm(self) -> (u32, u32) {
        match self {
            CardSize::A6 => (148, 105),
            CardSize::FiveBySeven => (178, 127),
            CardSize::Folded => (140, 108),
        }
    }

    /// The card as a salesperson names it.
    pub fn label(self) -> &'static str {
        match self {
            CardSize::A6 => "A6",
            CardSize::FiveBySeven => "5×7",
            CardSize::Folded => "folded",
        }
    }
}

fn unknown(word: &str, allowed: Vec<&'static str>) -> ParseWordError {
    ParseWordError { word: word.to_string(), allowed }
}

fn word(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

impl FromStr for ThankYouKind {
    type Err = ParseWordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match word(s).as_str() {
            "purchase" | "sale" => Ok(ThankYouKind::Purchase),
            "referral" => Ok(ThankYouKind::Referral),
            "service" => Ok(ThankYouKind::Service),
            "issue" | "resolved_issue" | "resolved" => Ok(ThankYouKind::ResolvedIssue),
            _ => Err(unknown(s, vec!["purchase", "referral", "service", "issue"])),
        }
    }
}

impl FromStr for Format {
    type Err = ParseWordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match word(s).as_str() {
            "card" => Ok(Format::Card),
            "prompts" | "prompt" => Ok(Format::Prompts),
            "email" => Ok(Format::Email),
            _ => Err(unknown(s, vec!["card", "prompts", "email"])),
        }
    }
}

impl FromStr for CardSize {
    type Err = ParseWordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match word(s).replace('×', "x").as_str() {
            "a6" | "4x6" => Ok(CardSize::A6),
            "5x7" => Ok(CardSize::FiveBySeven),
            "folded" | "folded_note" => Ok(CardSize::Folded),
            _ => Err(unknown(s, vec!["a6", "5x7", "folded"])),
        }
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(ThankYouKind, Format, CardSize);

/// Something from the customer's record a note can use: a checkbox in the composer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    /// `purchase:<id>`, `feature:<purchase id>:<n>`, `fact:<id>`, `goal:<id>`, `quote:<interaction id>:<n>`,
    /// `interaction:<id>`, `issue:<id>`, `service:<id>` or `household`.
    pub id: String,
    /// `purchase`, `feature`, `fact`, `goal`, `quote`, `interaction`, `issue` or `service`.
    pub kind: &'static str,
    /// As the book has it (the salesperson's own words; tags left out).
    pub text: String,
    /// Ticked to begin with.
    pub preselected: bool,
}

/// What kind of note, in what format, on what card: what the detector checks a text as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    #[serde(default)]
    pub kind: ThankYouKind,
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub card: CardSize,
}

/// What the salesperson asks the composer for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    #[serde(default)]
    pub kind: ThankYouKind,
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub card: CardSize,
    /// 0 is the first draft; each other number opens differently and leads with other details.
    #[serde(default)]
    pub variant: u32,
    /// The details to use, as [`choose`] reads them (a detail's id, a record's id, or a unique prefix); `None` uses
    /// the preselected ones.
    #[serde(default)]
    pub chosen: Option<Vec<String>>,
}

impl Request {
    pub fn shape(&self) -> Shape {
        Shape { kind: self.kind, format: self.format, card: self.card }
    }
}

/// A draft note, with what it used and what the detector found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub text: String,
    pub kind: ThankYouKind,
    pub format: Format,
    pub card: CardSize,
    pub variant: u32,
    /// The ids of the details the text uses.
    pub details_used: Vec<String>,
    pub report: Report,
}

/// The rest of the book, as far as a note to one customer needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Others {
    /// Other customers' names (full and preferred).
    pub names: Vec<String>,
    /// Notes already written to other customers: (their name, the text).
    pub notes: Vec<(String, String)>,
}

impl Others {
    /// Everyone in `records` but the customer `me`: their names and the thank-you notes and card prompts written to
    /// them.
    pub fn from_records(records: &[CustomerRecord], me: &str) -> Others {
        let mut others = Others::default();
        for r in records.iter().filter(|r| r.customer.id != me) {
            others.names.push(r.customer.name.clone());
            others.names.extend(r.customer.preferred_name.clone());
            let written = r.notes.iter().filter(|n| matches!(n.kind, NoteKind::ThankYou | NoteKind::CardPrompt));
            others.notes.extend(written.map(|n| (r.customer.name.clone(), n.text.clone())));
        }
        others
    }
}

/// A detector rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// "Dear Valued Customer", "Dear Occupant".
    GenericSalutation,
    /// `{{first_name}}`, `[NAME]`.
    Placeholder,
    /// "If your vehicle is equipped with SYNC" when the book records SYNC.
    Hedging,
    /// Referrals, reviews or surveys asked for in a thank-you.
    ReferralAsk,
    /// An offer, a price, an upgrade in a thank-you.
    SalesPitch,
    /// Links, email addresses, unsubscribe lines and footers (links are allowed in an email).
    LinkOrFooter,
    /// Nothing from this customer's record.
    NoSpecificDetail,
    /// Someone else's name.
    OtherCustomersName,
    /// Reads almost the same as a note to another customer.
    NearCopy,
    /// Over the card's length.
    TooLong,
    /// Far more about the seller than the customer.
    AboutTheSeller,
    /// The Guard: a topic the customer declined, with their words.
    DeclinedTopic,
    /// The Guard: a topic the customer's persona playbook rules out.
    Playbook,
    /// The Guard: an offer the customer said no to lately.
    CoolingOff,
    /// The Guard: the customer asked not to be contacted.
    DoNotContact,
    /// The Guard: the note pushes for a channel the customer declined ("call me any time" to someone who said
    /// no calls), with their words.
    DeclinedChannel,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::GenericSalutation,
        Rule::Placeholder,
        Rule::Hedging,
        Rule::ReferralAsk,
        Rule::SalesPitch,
        Rule::LinkOrFooter,
        Rule::NoSpecificDetail,
        Rule::OtherCustomersName,
        Rule::NearCopy,
        Rule::TooLong,
        Rule::AboutTheSeller,
        Rule::DeclinedTopic,
        Rule::Playbook,
        Rule::CoolingOff,
        Rule::DoNotContact,
        Rule::DeclinedChannel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::GenericSalutation => "generic_salutation",
            Rule::Placeholder => "placeholder",
            Rule::Hedging => "hedging",
            Rule::ReferralAsk => "referral_ask",
            Rule::SalesPitch => "sales_pitch",
            Rule::LinkOrFooter => "link_or_footer",
            Rule::NoSpecificDetail => "no_specific_detail",
            Rule::OtherCustomersName => "other_customers_name",
            Rule::NearCopy => "near_copy",
            Rule::TooLong => "too_long",
            Rule::AboutTheSeller => "about_the_seller",
            Rule::DeclinedTopic => "declined_topic",
            Rule::Playbook => "playbook",
            Rule::CoolingOff => "cooling_off",
            Rule::DoNotContact => "do_not_contact",
            Rule::DeclinedChannel => "declined_channel",
        }
    }

    /// Points off the score of 100, once per rule however often it is found. What the customer would take as a
    /// mistake or an insult weighs most; what makes a note weaker, least.
    pub fn weight(self) -> u8 {
        match self {
            Rule::DoNotContact => 60,
            Rule::DeclinedTopic | Rule::DeclinedChannel => 50,
            Rule::Playbook | Rule::CoolingOff => 45,
            Rule::Placeholder | Rule::OtherCustomersName => 40,
            Rule::ReferralAsk => 35,
            Rule::NearCopy => 30,
            Rule::Hedging | Rule::SalesPitch | Rule::LinkOrFooter => 20,
            Rule::GenericSalutation | Rule::NoSpecificDetail => 15,
            Rule::TooLong | Rule::AboutTheSeller => 10,
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the detector found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    /// Where, in characters (Unicode scalar values) from the start of the text; a finding about the whole note
    /// spans all of it.
    pub start: usize,
    pub end: usize,
    /// Why it matters, in words a salesperson can act on.
    pub message: String,
    /// What to write instead.
    pub suggestion: String,
    /// The customer's own words, for the Guard's findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The words to put in place of `start..end` when the fix is certain (their name for a generic salutation or
    /// an unfilled name field; nothing for a mailing's footer): the composer's *Apply*.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// The detector's verdict on a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// 0–100: 100 is a personal note with nothing to fix.
    pub score: u8,
    /// In the order they appear in the text.
    pub findings: Vec<Finding>,
    /// The ids of the details of the customer's record the text mentions (see [`Detail::id`]).
    pub specifics: Vec<String>,
}

impl Report {
    /// Whether `rule` found something.
    pub fn has(&self, rule: Rule) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }
}
