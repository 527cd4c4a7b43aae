//! Reading times, dates and zones typed by people; the clock itself is never read here (`now` is an input).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// An IANA time zone.
pub use chrono_tz::Tz as Zone;

/// An IANA zone such as `America/Chicago`, or a message saying why the text is not one.
pub fn parse_zone(text: &str) -> Result<Tz, String> {
    text.trim().parse::<Tz>().map_err(|_| {
        format!("'{}' is not an IANA time zone (for example America/Chicago or Europe/Berlin)", text.trim())
    })
}

/// A clock time: `9:30`, `09:30`, `17:00`.
pub fn parse_clock(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map_err(|_| format!("'{t}' is not a time of day like 09:30"))
}

/// The years a date in a book may fall in. Outside them a date is a typing mistake, and one such value once broke
/// every read of the whole book (a year +10000 cannot be written back as a timestamp).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Whether `date` falls in [`YEARS`]; the message names it.
pub fn date_in_range(date: NaiveDate) -> Result<NaiveDate, String> {
    if YEARS.contains(&chrono::Datelike::year(&date)) {
        Ok(date)
    } else {
        Err(format!("{date} is outside the years {}–{}", YEARS.start(), YEARS.end()))
    }
}

/// Whether `at` falls in [`YEARS`]; the message names it.
pub fn moment_in_range(at: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    date_in_range(at.date_naive()).map(|_| at)
}

/// A calendar date: `2026-11-23`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| format!("'{t}' is not a date like 2026-11-23"))?;
    date_in_range(d)
}

/// A moment: RFC 3339 (`2026-11-23T15:00:00Z`, `2026-11-23T09:00:00-06:00`), or a date and time without an
/// offset (`2026-11-23T15:00`, `2026-11-23 15:00`) read in `zone`, or a bare date (09:00 in `zone`).
pub fn parse_moment(text: &str, zone: Tz) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return moment_in_range(dt.with_timezone(&Utc));
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| parse_date(t).ok().and_then(|d| d.and_hms_opt(9, 0, 0)));
    let naive = naive.ok_or_else(|| format!("'{t}' is not a time like 2026-11-23T15:00:00Z or 2026-11-23 15:00"))?;
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| format!("{t} does not exist in {zone} (the clocks skip it)"))
        .and_then(moment_in_range)
}

/// The moment `--now` / `RAPPORT_NOW` give: as [`parse_moment`], with times without an offset read as UTC.
pub fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    parse_moment(text, Tz::UTC)
}

/// The timestamp text the database and the export use: RFC 3339 in UTC with a `Z`, to the second.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_in_the_given_zone() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        let cases = [
            ("2026-11-23T15:00:00Z", "2026-11-23T15:00:00Z"),
            ("2026-11-23T09:00:00-06:00", "2026-11-23T15:00:00Z"),
            ("2026-11-23 09:00", "2026-11-23T15:00:00Z"),
            ("2026-07-01T09:00", "2026-07-01T14:00:00Z"),
            ("2026-11-23", "2026-11-23T15:00:00Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(stamp(parse_moment(input, chicago).unwrap()), expected, "{input}");
        }
    }

    #[test]
    fn bad_inputs_name_what_is_wrong() {
        assert!(parse_zone("Mars/Olympus").unwrap_err().contains("Mars/Olympus"));
        assert!(parse_clock("25:00").unwrap_err().contains("25:00"));
        assert!(parse_date("2026-02-30").unwrap_err().contains("2026-02-30"));
        assert!(parse_moment("next tuesday", Tz::UTC).unwrap_err().contains("next tuesday"));
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused() {
        let ny: Tz = "America/New_York".parse().unwrap();
        assert!(parse_moment("2026-03-08 02:30", ny).unwrap_err().contains("skip"));
    }
}
