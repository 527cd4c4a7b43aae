//! The salesperson: who signs the notes, where they work, their own zone and hours.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::{clean, required};
use crate::date_style::DateStyle;
use crate::{Error, Result};

vocabulary! {
    /// Which calling-hours law the salesperson follows.
    CallingRule {
        /// Calls and texts between 8:00 and 21:00 in the customer's time.
        Standard => "standard",
        /// A stricter regional rule: 8:00–20:00, and at most three calls in 24 hours on the same subject.
        Strict => "strict",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub dealership: String,
    /// The salesperson's own IANA zone.
    pub time_zone: String,
    pub work_start: NaiveTime,
    pub work_end: NaiveTime,
    pub work_days: Vec<Weekday>,
    /// How notes are signed ("Warmly, Dana").
    pub signature: String,
    /// A few words on how the salesperson writes ("warm, brief, no exclamation marks").
    pub voice: Option<String>,
    /// Calls and texts go inside this window of the customer's day when they stated none.
    #[serde(default = "default_contact_start")]
    pub contact_start: NaiveTime,
    #[serde(default = "default_contact_end")]
    pub contact_end: NaiveTime,
    #[serde(default = "default_calling_rule")]
    pub calling_rule: CallingRule,
    /// Fewest days between two proactive contacts when the customer stated none.
    #[serde(default = "default_min_days")]
    pub min_days_between: u32,
    /// Desktop notifications for reasons as their time comes.
    #[serde(default = "yes")]
    pub notifications: bool,
    /// Start Rapport (in the tray) when the salesperson logs in.
    #[serde(default)]
    pub start_at_login: bool,
    /// How dates and clock times read; `None` follows the system locale.
    #[serde(default)]
    pub date_style: Option<DateStyle>,
}

fn yes() -> bool {
    true
}

fn default_contact_start() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).expect("valid time")
}

fn default_contact_end() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).expect("valid time")
}

fn default_calling_rule() -> CallingRule {
    CallingRule::Standard
}

fn default_min_days() -> u32 {
    14
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: String::new(),
            dealership: String::new(),
            time_zone: "UTC".to_string(),
            work_start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
            work_end: NaiveTime::from_hms_opt(17, 30, 0).expect("valid time"),
            work_days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
            signature: String::new(),
            voice: None,
            contact_start: default_contact_start(),
            contact_end: default_contact_end(),
            calling_rule: default_calling_rule(),
            min_days_between: default_min_days(),
            notifications: true,
            start_at_login: false,
            date_style: None,
        }
    }
}

impl Profile {
    /// The dealership's settings in `self` with one person's own in `own` — their name, signature, voice, zone,
    /// working hours, notifications and how dates read — as a dealership book gives each person their profile.
    pub fn with_own(self, own: &Profile) -> Profile {
        // Every field named, so a new one must be placed on one side or the other before this compiles.
        let Profile {
            name,
            dealership: _,
            time_zone,
            work_start,
            work_end,
            work_days,
            signature,
            voice,
            contact_start: _,
            contact_end: _,
            calling_rule: _,
            min_days_between: _,
            notifications,
            start_at_login,
            date_style,
        } = own.clone();
        Profile {
            name,
            time_zone,
            work_start,
            work_end,
            work_days,
            signature,
            voice,
            notifications,
            start_at_login,
            date_style,
            ..self
        }
    }

    /// The dealership's settings that differ between `self` and `other` (its name, the contact hours, the calling
    /// rule, the days between contacts): what only a manager changes on a dealership book.
    pub fn dealership_changes(&self, other: &Profile) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.dealership != other.dealership {
            changed.push("the dealership's name");
        }
        if (self.contact_start, self.contact_end) != (other.contact_start, other.contact_end) {
            changed.push("the contact hours");
        }
        if self.calling_rule != other.calling_rule {
            changed.push("the calling rule");
        }
        if self.min_days_between != other.min_days_between {
            changed.push("the days between contacts");
        }
        changed
    }

    /// The style dates and times read in: the one chosen, or the system's (`system`, from the locale).
    pub fn date_style_or(&self, system: DateStyle) -> DateStyle {
        self.date_style.unwrap_or(system)
    }

    pub fn validated(self) -> Result<Self> {
        let time_zone = required("time zone", &self.time_zone)?;
        crate::time::parse_zone(&time_zone).map_err(|m| Error::invalid("time zone", m))?;
        if self.work_start >= self.work_end {
            return Err(Error::invalid("working hours", "the start must be before the end"));
        }
        if self.contact_start >= self.contact_end {
            return Err(Error::invalid("contact hours", "the start must be before the end"));
        }
        if !(1..=3650).contains(&self.min_days_between) {
            return Err(Error::invalid("days between contacts", "must be from 1 to 3650"));
        }
        Ok(Profile {
            name: self.name.trim().to_string(),
            dealership: self.dealership.trim().to_string(),
            time_zone,
            signature: self.signature.trim().to_string(),
            voice: clean(self.voice),
            ..self
        })
    }
}
