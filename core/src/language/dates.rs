//! Dates in what people say — "by Friday", "next Tuesday", "in two weeks", "end of the month", "June 14",
//! "12/15" — resolved on the customer's calendar from the day something was said.
//!
//! The conventions (docs/LANGUAGE.md): a weekday is the first one strictly after today, whether said plain or with
//! "this", "next", "by" or "on"; "end of the week" is the coming Friday (today on a Friday); "next week" is the
//! Friday of the week after; "end of the month" is its last day, "next month" next month's last day; "June 14"
//! is the next June 14 on or after today. No crate read all of these ("in two weeks" among them), so this is our
//! own, with tests.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

/// A date found in a text, with where it was said (character offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|tue|weds|thurs|thur|thu|fri";
const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december\
                      |jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const COUNTS: &str = r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve\
                       |a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?ix)\b(?:
          (?P<after>day\s+after\s+tomorrow)
        | (?:end\s+of\s+(?:the\s+)?day|eod|cob)\s+(?:on\s+)?(?P<wd3>{WEEKDAYS}|mon|wed)\b
        | (?P<rel>today|tonight|tomorrow|tmrw|tmr|end\s+of\s+(?:the\s+)?day|eod\b|cob\b)
        | (?P<eow>eow\b|end\s+of\s+(?:the\s+|this\s+)?w(?:ee)?k\b|later\s+this\s+week|this\s+w(?:ee)?k\b|by\s+the\s+weekend|this\s+weekend)
        | (?P<nw>end\s+of\s+next\s+w(?:ee)?k\b|next\s+w(?:ee)?k\b)
        | (?P<eom>end\s+of\s+(?:the\s+|this\s+)?month|later\s+this\s+month|this\s+month)
        | (?P<nm>end\s+of\s+next\s+month|next\s+month)
        | (?P<eoy>end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end)
        | in\s+(?P<n>{COUNTS})\s+(?P<unit>days?|weeks?|wks?|months?|mos?|mths?)\b
        | (?P<n2>{COUNTS})\s+(?P<unit2>days?|weeks?|wks?|months?|mos?|mths?)\s+from\s+(?:now|today)
        | (?P<aweek>a\s+week)\s+from\s+(?:today|now)
        | (?:(?:this|next|coming|this\s+coming)\s+)?(?P<wd>{WEEKDAYS})\b
        | (?:by|on|this|next|before|till|til|until)\s+(?P<wd2>mon|wed|sat|sun)\b
        | (?P<mon>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?
        | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTHS})\b(?:,?\s+(?P<y2>\d{{4}}))?
        | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
        | (?P<m3>\d{{1,2}})/(?P<d3>\d{{1,2}})(?:/(?P<y3>\d{{2,4}}))?
        | the\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)\b
        )"
    );
    Regex::new(&pattern).expect("the date pattern builds")
});

/// A count in words or digits: "a", "a couple of", "few", "twelve", "30".
pub(super) fn count(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match w.as_str() {
        "a" | "an" | "one" => 1,
        "two" | "a couple" | "a couple of" | "couple" | "couple of" => 2,
        "three" | "a few" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        n => n.parse().ok()?,
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    Some(match &w[..3.min(w.len())] {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    names.iter().position(|n| w.starts_with(n)).map(|i| i as u32 + 1)
}

/// The first `day` strictly after `today`.
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// The coming Friday, today on a Friday.
fn end_of_week(today: NaiveDate) -> NaiveDate {
    if today.weekday() == Weekday::Fri {
        today
    } else {
        next_weekday(today, Weekday::Fri)
    }
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).map(|d| d - Duration::days(1))
}

fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let total = date.year() as i64 * 12 + date.month0() as i64 + months;
    let (y, m) = (i32::try_from(total.div_euclid(12)).ok()?, total.rem_euclid(12) as u32 + 1);
    let last = last_of_month(y, m)?.day();
    NaiveDate::from_ymd_opt(y, m, date.day().min(last))
}

/// The next `month`/`day` on or after `today` (or in `year` when one was said).
fn next_date(today: NaiveDate, month: u32, day: u32, year: Option<i32>) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let this = NaiveDate::from_ymd_opt(today.year(), month, day);
            match this {
                Some(d) if d >= today => Some(d),
                _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
            }
        }
    }
}

fn resolve(c: &regex::Captures<'_>, today: NaiveDate) -> Option<NaiveDate> {
    let get = |n: &str| c.name(n).map(|m| m.as_str());
    if get("after").is_some() {
        return Some(today + Duration::days(2));
    }
    if let Some(r) = get("rel") {
        let r = r.to_ascii_lowercase();
        return Some(if r.starts_with("tom") || r.starts_with("tm") { today + Duration::days(1) } else { today });
    }
    if let Some(w) = get("eow") {
        let w = w.to_ascii_lowercase();
        return Some(if w.contains("weekend") {
            next_weekday(today - Duration::days(1), Weekday::Sat)
        } else {
            end_of_week(today)
        });
    }
    if get("nw").is_some() {
        return Some(end_of_week(today) + Duration::days(7));
    }
    if get("eom").is_some() {
        return last_of_month(today.year(), today.month());
    }
    if get("nm").is_some() {
        return last_of_month(add_months(today, 1)?.year(), add_months(today, 1)?.month());
    }
    if get("eoy").is_some() {
        return NaiveDate::from_ymd_opt(today.year(), 12, 31);
    }
    if let (Some(n), Some(unit)) = (get("n").or(get("n2")), get("unit").or(get("unit2"))) {
        let n = count(n)?;
        let unit = unit.to_ascii_lowercase();
        return if unit.starts_with("day") {
            Some(today + Duration::days(n))
        } else if unit.starts_with("week") || unit.starts_with("wk") {
            Some(today + Duration::days(7 * n))
        } else {
            add_months(today, n)
        };
    }
    if get("aweek").is_some() {
        return Some(today + Duration::days(7));
    }
    if let Some(w) = get("wd").or(get("wd2")).or(get("wd3")) {
        return Some(next_weekday(today, weekday(w)?));
    }
    if let (Some(m), Some(d)) = (get("mon").or(get("mon2")), get("d").or(get("d2"))) {
        let year = get("y").or(get("y2")).and_then(|y| y.parse().ok());
        return next_date(today, month(m)?, d.parse().ok()?, year);
    }
    if let Some(iso) = get("iso") {
        return NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok();
    }
    if let (Some(m), Some(d)) = (get("m3"), get("d3")) {
        let year = get("y3").and_then(|y| y.parse::<i32>().ok()).map(|y| if y < 100 { 2000 + y } else { y });
        return next_date(today, m.parse().ok()?, d.parse().ok()?, year);
    }
    if let Some(d) = get("d4") {
        let day: u32 = d.parse().ok()?;
        let this = NaiveDate::from_ymd_opt(today.year(), today.month(), day).filter(|x| *x >= today);
        return this.or_else(|| {
            let next = add_months(today.with_day(1)?, 1)?;
            NaiveDate::from_ymd_opt(next.year(), next.month(), day)
        });
    }
    None
}

/// Every date said in `text`, resolved from `today` (the day it was said, on the customer's calendar).
pub fn find(text: &str, today: NaiveDate) -> Vec<Found> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let m = c.get(0).expect("a whole match");
        // "may 5" is a month; "May I" is not matched at all (a day number is required).
        if let Some(date) = resolve(&c, today) {
            let start = text[..m.start()].chars().count();
            let end = start + m.as_str().chars().count();
            out.push(Found { date, start, end });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str, today: &str) -> Option<String> {
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        find(text, today).first().map(|f| f.date.to_string())
    }

    #[test]
    fn relative_dates_follow_the_conventions() {
        // 2026-11-20 is a Friday.
        let cases = [
            ("I'll get your plates to you by Friday", "2026-11-20", Some("2026-11-27")),
            ("by Friday", "2026-11-18", Some("2026-11-20")),
            ("next Tuesday", "2026-11-20", Some("2026-11-24")),
            ("this Tuesday", "2026-11-23", Some("2026-11-24")),
            ("in two weeks", "2026-11-20", Some("2026-12-04")),
            ("in a couple of days", "2026-11-20", Some("2026-11-22")),
            ("in 3 months", "2026-11-30", Some("2027-02-28")),
            ("end of the month", "2026-11-20", Some("2026-11-30")),
            ("next month", "2026-11-20", Some("2026-12-31")),
            ("end of the week", "2026-11-18", Some("2026-11-20")),
            ("end of the week", "2026-11-20", Some("2026-11-20")),
            ("next week", "2026-11-18", Some("2026-11-27")),
            ("tomorrow", "2026-12-31", Some("2027-01-01")),
            ("June 14", "2026-11-20", Some("2027-06-14")),
            ("the 14th of December", "2026-11-20", Some("2026-12-14")),
            ("Dec. 3rd, 2027", "2026-11-20", Some("2027-12-03")),
            ("on 12/15", "2026-11-20", Some("2026-12-15")),
            ("2027-01-05", "2026-11-20", Some("2027-01-05")),
            ("the 5th", "2026-11-20", Some("2026-12-05")),
            // A note's shorthand: end of the week, the end of a named day.
            ("sending EOW", "2026-11-18", Some("2026-11-20")),
            ("by EOD Weds", "2026-11-16", Some("2026-11-18")),
            ("pricing by COB", "2026-11-16", Some("2026-11-16")),
            ("redline by Weds", "2026-11-20", Some("2026-11-25")),
            ("two weeks from now", "2026-11-20", Some("2026-12-04")),
            ("May I ask", "2026-11-20", None),
            ("nothing here", "2026-11-20", None),
            ("February 30", "2026-11-20", None),
        ];
        for (text, today, want) in cases {
            assert_eq!(on(text, today).as_deref(), want, "{text} on {today}");
        }
    }

    #[test]
    fn spans_are_characters() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let f = find("Héllo — by Friday", today);
        assert_eq!((f[0].start, f[0].end), (11, 17));
    }
}
