//! How days and clock times read everywhere in Rapport — the Guard's messages, reasons, the command line and the
//! window: the salesperson's date order ("23 Nov" / "Nov 23" / "2026-11-23") and clock ("17:30" / "5:30 PM").
//!
//! One style serves the whole process. The shell chooses it once from the book's profile (or, when the salesperson
//! chose none, the system locale) and again when the profile is saved; everything that words a day or a time reads
//! it here, so a form, a message and an error never disagree. It is a global because it is presentation only:
//! no decision depends on it, and threading it through every rule would put a display choice into the domain.

use std::sync::atomic::{AtomicU8, Ordering};

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::model::vocabulary;

vocabulary! {
    /// Which part of a date comes first.
    DateOrder {
        /// 23 Nov 2026, 23/11/2026 — most of the world.
        DayFirst => "day_first",
        /// Nov 23, 2026, 11/23/2026 — the United States.
        MonthFirst => "month_first",
        /// 2026-11-23 — ISO 8601, Canada's forms, East Asia, Scandinavia.
        YearFirst => "year_first",
    }
}

vocabulary! {
    /// How a clock time reads.
    ClockStyle {
        /// 17:30.
        TwentyFourHour => "24h",
        /// 5:30 PM.
        TwelveHour => "12h",
    }
}

/// The date order and the clock, together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateStyle {
    pub order: DateOrder,
    pub clock: ClockStyle,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Default for DateStyle {
    /// Day first on a 24-hour clock: what a locale that says nothing (`C`, `POSIX`) gets.
    fn default() -> Self {
        DateStyle { order: DateOrder::DayFirst, clock: ClockStyle::TwentyFourHour }
    }
}

impl DateStyle {
    /// The style a locale name implies: `en_US.UTF-8`, `en-GB`, `sv_SE`, `C`. Region decides the order and clock
    /// where it is known; a language alone (`ja`, `hu`) where it is enough; anything else reads day first, 24 h.
    pub fn from_locale(locale: &str) -> DateStyle {
        let name = locale.split(['.', '@']).next().unwrap_or("").replace('-', "_");
        let mut parts = name.split('_');
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().unwrap_or("").to_ascii_uppercase();
        let (day, month, year) = (DateOrder::DayFirst, DateOrder::MonthFirst, DateOrder::YearFirst);
        let (h24, h12) = (ClockStyle::TwentyFourHour, ClockStyle::TwelveHour);
        let (order, clock) = match (language.as_str(), region.as_str()) {
            (_, "US" | "PH" | "FM" | "MH" | "PW") => (month, h12),
            ("en", "CA") => (year, h12),
            ("fr", "CA") => (year, h24),
            (_, "AU" | "NZ" | "IN" | "PK" | "BD" | "EG" | "SA" | "MY") => (day, h12),
            ("zh", "TW" | "HK") => (year, h12),
            ("ko", _) => (year, h12),
            ("ja" | "zh" | "hu" | "lt" | "sv" | "mn", _) => (year, h24),
            _ => (day, h24),
        };
        DateStyle { order, clock }
    }

    /// The style of the locale the environment names for dates: `LC_ALL`, then `LC_TIME`, then `LANG` (the first
    /// that is set and not empty), as the C library chooses.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> DateStyle {
        ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
            .map(|l| DateStyle::from_locale(&l))
            .unwrap_or_default()
    }

    /// A day with its weekday, no year: "Mon 23 Nov", "Mon, Nov 23", "Mon 2026-11-23".
    pub fn day(self, d: NaiveDate) -> String {
        let (w, m) = (WEEKDAYS[d.weekday().num_days_from_monday() as usize], MONTHS[d.month0() as usize]);
        match self.order {
            DateOrder::DayFirst => format!("{w} {} {m}", d.day()),
            DateOrder::MonthFirst => format!("{w}, {m} {}", d.day()),
            DateOrder::YearFirst => format!("{w} {}", self.numeric(d)),
        }
    }

    /// A day with its weekday and year: "Mon 23 Nov 2026", "Mon, Nov 23, 2026", "Mon 2026-11-23".
    pub fn date(self, d: NaiveDate) -> String {
        match self.order {
            DateOrder::DayFirst => format!("{} {}", self.day(d), d.year()),
            DateOrder::MonthFirst => format!("{}, {}", self.day(d), d.year()),
            DateOrder::YearFirst => self.day(d),
        }
    }

    /// A day in figures, as a date field shows and reads it: "23/11/2026", "11/23/2026", "2026-11-23".
    pub fn numeric(self, d: NaiveDate) -> String {
        match self.order {
            DateOrder::DayFirst => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
            DateOrder::MonthFirst => format!("{:02}/{:02}/{}", d.month(), d.day(), d.year()),
            DateOrder::YearFirst => format!("{}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }

    /// How a date field asks for a date: "day/month/year".
    pub fn pattern(self) -> &'static str {
        match self.order {
            DateOrder::DayFirst => "day/month/year",
            DateOrder::MonthFirst => "month/day/year",
            DateOrder::YearFirst => "year-month-day",
        }
    }

    /// A clock time: "17:30" or "5:30 PM".
    pub fn clock(self, t: NaiveTime) -> String {
        let (h, m) = (t.hour(), t.minute());
        match self.clock {
            ClockStyle::TwentyFourHour => format!("{h:02}:{m:02}"),
            ClockStyle::TwelveHour => {
                let twelve = if h % 12 == 0 { 12 } else { h % 12 };
                format!("{twelve}:{m:02} {}", if h < 12 { "AM" } else { "PM" })
            }
        }
    }
}

/// The style in use, packed as order × 2 + clock (an atomic, so reading it costs nothing in a big agenda).
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The style everything in this process words days and times in.
pub fn current() -> DateStyle {
    unpack(CURRENT.load(Ordering::Relaxed))
}

/// Chooses the style for the whole process (the shell does, from the profile or the locale).
pub fn set_current(style: DateStyle) {
    CURRENT.store(pack(style), Ordering::Relaxed);
}

fn pack(style: DateStyle) -> u8 {
    let order = DateOrder::ALL.iter().position(|o| *o == style.order).unwrap_or(0) as u8;
    order * 2 + u8::from(style.clock == ClockStyle::TwelveHour)
}

fn unpack(packed: u8) -> DateStyle {
    let order = DateOrder::ALL.get(usize::from(packed / 2)).copied().unwrap_or(DateOrder::DayFirst);
    let clock = if packed % 2 == 1 { ClockStyle::TwelveHour } else { ClockStyle::TwentyFourHour };
    DateStyle { order, clock }
}

/// The style the system locale names (the environment's `LC_ALL`, `LC_TIME`, `LANG`).
pub fn system() -> DateStyle {
    DateStyle::from_environment(|k| std::env::var(k).ok())
}

/// Chooses the style a profile asks for (or the system's when it asks for none) for the whole process; the shell
/// calls it when a book opens and when its profile is saved.
pub fn follow(profile: &crate::model::Profile) -> DateStyle {
    let style = profile.date_style_or(system());
    set_current(style);
    style
}

/// A profile's style after the salesperson names an order (`day-first`, `month-first`, `year-first`, or `system`
/// to follow the system's language again) and/or a clock (`24h`, `12h`); what is not named stays as it reads now.
/// The error names the field and what is wrong.
pub fn amend(
    chosen: Option<DateStyle>,
    order: Option<&str>,
    clock: Option<&str>,
) -> Result<Option<DateStyle>, (&'static str, String)> {
    if order.is_some_and(|o| o.trim().eq_ignore_ascii_case("system")) {
        if clock.is_some() {
            return Err(("clock", "the system's language sets the clock too; leave out --clock".into()));
        }
        return Ok(None);
    }
    if order.is_none() && clock.is_none() {
        return Ok(chosen);
    }
    let mut style = chosen.unwrap_or_else(system);
    if let Some(o) = order {
        style.order = o
            .parse()
            .map_err(|_| ("dates", format!("'{o}' is not one of: day-first, month-first, year-first, system")))?;
    }
    if let Some(c) = clock {
        style.clock = c.parse().map_err(|_| ("clock", format!("'{c}' is not one of: 24h, 12h")))?;
    }
    Ok(Some(style))
}

/// "Mon 23 Nov" in the current style: a day as every message names it.
pub fn day(d: NaiveDate) -> String {
    current().day(d)
}

/// "Mon 23 Nov 2026" in the current style.
pub fn date(d: NaiveDate) -> String {
    current().date(d)
}

/// "17:30" or "5:30 PM" in the current style.
pub fn clock(t: NaiveTime) -> String {
    current().clock(t)
}

/// "Mon 09:00" (or "Mon 9:00 AM"): a moment of the week in someone's own time.
pub fn weekday_clock(at: chrono::NaiveDateTime) -> String {
    format!("{} {}", at.format("%a"), clock(at.time()))
}

/// A span of clock times, "09:00–17:30" or "9:00 AM–5:30 PM".
pub fn hours(start: NaiveTime, end: NaiveTime) -> String {
    let s = current();
    format!("{}–{}", s.clock(start), s.clock(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(order: DateOrder, clock: ClockStyle) -> DateStyle {
        DateStyle { order, clock }
    }

    #[test]
    fn a_locale_names_its_order_and_clock() {
        use ClockStyle::*;
        use DateOrder::*;
        for (locale, expected) in [
            ("en_US.UTF-8", style(MonthFirst, TwelveHour)),
            ("en-US", style(MonthFirst, TwelveHour)),
            ("es_US.UTF-8", style(MonthFirst, TwelveHour)),
            ("en_GB.UTF-8", style(DayFirst, TwentyFourHour)),
            ("en_IE", style(DayFirst, TwentyFourHour)),
            ("en_AU.UTF-8", style(DayFirst, TwelveHour)),
            ("en_IN", style(DayFirst, TwelveHour)),
            ("en_CA.UTF-8", style(YearFirst, TwelveHour)),
            ("fr_CA.UTF-8", style(YearFirst, TwentyFourHour)),
            ("de_DE.UTF-8@euro", style(DayFirst, TwentyFourHour)),
            ("sv_SE.UTF-8", style(YearFirst, TwentyFourHour)),
            ("ja_JP.UTF-8", style(YearFirst, TwentyFourHour)),
            ("ko_KR.UTF-8", style(YearFirst, TwelveHour)),
            ("C", DateStyle::default()),
            ("C.UTF-8", DateStyle::default()),
            ("POSIX", DateStyle::default()),
            ("", DateStyle::default()),
        ] {
            assert_eq!(DateStyle::from_locale(locale), expected, "{locale}");
        }
    }

    #[test]
    fn the_environment_is_read_as_the_c_library_reads_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        let us = style(DateOrder::MonthFirst, ClockStyle::TwelveHour);
        assert_eq!(DateStyle::from_environment(env(&[("LANG", "en_US.UTF-8")])), us);
        assert_eq!(DateStyle::from_environment(env(&[("LANG", "en_GB.UTF-8"), ("LC_TIME", "en_US.UTF-8")])), us);
        assert_eq!(
            DateStyle::from_environment(env(&[("LC_ALL", "en_GB.UTF-8"), ("LC_TIME", "en_US.UTF-8")])),
            style(DateOrder::DayFirst, ClockStyle::TwentyFourHour)
        );
        assert_eq!(DateStyle::from_environment(env(&[("LC_ALL", ""), ("LANG", "en_US")])), us, "empty is unset");
        assert_eq!(DateStyle::from_environment(env(&[])), DateStyle::default());
    }

    #[test]
    fn each_style_words_a_day_and_a_time() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (morning, evening) =
            (NaiveTime::from_hms_opt(9, 5, 0).unwrap(), NaiveTime::from_hms_opt(17, 30, 0).unwrap());
        let (midnight, noon) = (NaiveTime::MIN, NaiveTime::from_hms_opt(12, 0, 0).unwrap());
        let day = style(DateOrder::DayFirst, ClockStyle::TwentyFourHour);
        assert_eq!(
            (day.day(d), day.date(d), day.numeric(d)),
            ("Mon 23 Nov".into(), "Mon 23 Nov 2026".into(), "23/11/2026".into())
        );
        assert_eq!((day.clock(morning), day.clock(evening)), ("09:05".into(), "17:30".into()));
        let us = style(DateOrder::MonthFirst, ClockStyle::TwelveHour);
        assert_eq!(
            (us.day(d), us.date(d), us.numeric(d)),
            ("Mon, Nov 23".into(), "Mon, Nov 23, 2026".into(), "11/23/2026".into())
        );
        assert_eq!(
            [us.clock(morning), us.clock(evening), us.clock(midnight), us.clock(noon)],
            ["9:05 AM", "5:30 PM", "12:00 AM", "12:00 PM"]
        );
        let iso = style(DateOrder::YearFirst, ClockStyle::TwentyFourHour);
        assert_eq!(
            (iso.day(d), iso.date(d), iso.numeric(d)),
            ("Mon 2026-11-23".into(), "Mon 2026-11-23".into(), "2026-11-23".into())
        );
    }

    #[test]
    fn a_style_is_amended_one_part_at_a_time() {
        let us = style(DateOrder::MonthFirst, ClockStyle::TwelveHour);
        assert_eq!(
            amend(Some(us), Some("day-first"), None),
            Ok(Some(style(DateOrder::DayFirst, ClockStyle::TwelveHour)))
        );
        assert_eq!(
            amend(Some(us), None, Some("24h")),
            Ok(Some(style(DateOrder::MonthFirst, ClockStyle::TwentyFourHour)))
        );
        assert_eq!(amend(Some(us), Some("system"), None), Ok(None));
        assert_eq!(amend(Some(us), None, None), Ok(Some(us)));
        let (field, message) = amend(None, Some("sideways"), None).unwrap_err();
        assert_eq!(field, "dates");
        assert!(message.contains("sideways") && message.contains("day-first"), "{message}");
        assert_eq!(amend(None, None, Some("25h")).unwrap_err().0, "clock");
        assert_eq!(amend(None, Some("system"), Some("12h")).unwrap_err().0, "clock");
    }

    #[test]
    fn every_style_survives_the_round_trip_through_the_process_setting() {
        // (Not through `set_current`: the other tests of this process read the setting at the same time.)
        assert_eq!(current(), DateStyle::default(), "a process starts with the default");
        for order in DateOrder::ALL {
            for clock in ClockStyle::ALL {
                assert_eq!(unpack(pack(style(*order, *clock))), style(*order, *clock));
            }
        }
    }
}
