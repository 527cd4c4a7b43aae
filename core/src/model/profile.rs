//! The salesperson: who signs the notes, where they work, their own zone and hours.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{clean, required};
use crate::{Error, Result};

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
        }
    }
}

impl Profile {
    pub fn validated(self) -> Result<Self> {
        let time_zone = required("time zone", &self.time_zone)?;
        crate::time::parse_zone(&time_zone).map_err(|m| Error::invalid("time zone", m))?;
        if self.work_start >= self.work_end {
            return Err(Error::invalid("working hours", "the start must be before the end"));
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
