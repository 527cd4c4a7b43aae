//! A calendar invitation file (`.ics`, RFC 5545 / iTIP) read as a meeting to log: who organised it and who was
//! invited, when it starts (in the zone the file names — IANA or Windows names — as UTC), what it is, where, and
//! whether it is on video. Parsing is the `icalendar` crate's; a file that is not UTF-8 is read as Windows-1252.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{read_calendar, unfold, Component, Property};
use serde::Serialize;

use super::mail::Mailbox;
use crate::{Error, Result};

/// What a logged invitation is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    /// REQUEST, REPLY, CANCEL … (none for a plain calendar file).
    pub method: Option<String>,
    pub organizer: Option<Mailbox>,
    pub attendees: Vec<Mailbox>,
    /// When it starts; an all-day event at noon UTC of its day.
    pub starts: Option<DateTime<Utc>>,
    pub all_day: bool,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub description: String,
    /// A cancellation (`METHOD:CANCEL` or `STATUS:CANCELLED`): nothing happened to log.
    pub cancelled: bool,
    /// On Zoom, Teams, Meet, Webex or FaceTime rather than in person.
    pub video: bool,
}

/// Reads the first event of an invitation file; an error names what is wrong.
pub fn read(bytes: &[u8]) -> Result<Invitation> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    if !text.to_ascii_uppercase().contains("BEGIN:VCALENDAR") && !text.to_ascii_uppercase().contains("BEGIN:VEVENT") {
        return Err(Error::BadFile("this is not a calendar file (it has no BEGIN:VCALENDAR)".into()));
    }
    let mut unfolded = unfold(&text);
    // A line the parser cannot read (one Exchange export's TZID swallows its time) is left out, as an import leaves
    // out a bad value, and the rest is read; at most a few, so a file that is not a calendar still says so.
    let mut left_out = 0;
    let calendar = loop {
        let error = match read_calendar(&unfolded) {
            Ok(_) => break read_calendar(&unfolded).map_err(Error::BadFile)?,
            Err(e) => e,
        };
        let line = error
            .split("at line ")
            .nth(1)
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok());
        match line {
            Some(n) if n >= 1 && left_out < 5 && n <= unfolded.lines().count() => {
                left_out += 1;
                unfolded = unfolded
                    .lines()
                    .enumerate()
                    .filter(|(i, _)| i + 1 != n)
                    .map(|(_, l)| l)
                    .collect::<Vec<_>>()
                    .join("\n");
                unfolded.push('\n');
            }
            _ => {
                let at = line.map(|n| format!(" (line {n})")).unwrap_or_default();
                return Err(Error::BadFile(format!("this calendar file cannot be read{at}")));
            }
        }
    };
    let method = calendar.properties.iter().find(|p| p.name == "METHOD").map(|p| p.val.as_str().trim().to_uppercase());
    let event = first_event(&calendar.components)
        .ok_or_else(|| Error::BadFile("this calendar file holds no event (no VEVENT)".into()))?;
    let prop = |name: &str| event.properties.iter().find(|p| p.name == name);
    let text_of = |name: &str| {
        prop(name).map(|p| p.val.clone().unescape_text().as_str().trim().to_string()).filter(|v| !v.is_empty())
    };
    let person = |p: &Property<'_>| -> Option<Mailbox> {
        let v = p.val.as_str().trim();
        let address = v.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &v[7..]).unwrap_or(v).trim();
        let name = param(p, "CN").map(|n| n.trim_matches('"').trim().to_string()).filter(|n| !n.is_empty());
        address.contains('@').then(|| Mailbox { name, address: address.to_string() })
    };
    let organizer = prop("ORGANIZER").and_then(person);
    let attendees = event.properties.iter().filter(|p| p.name == "ATTENDEE").filter_map(person).collect();
    let (starts, all_day) = match prop("DTSTART") {
        Some(p) => start_of(p),
        None => (None, false),
    };
    let summary = text_of("SUMMARY");
    let location = text_of("LOCATION");
    let description = text_of("DESCRIPTION").unwrap_or_default();
    let cancelled =
        method.as_deref() == Some("CANCEL") || text_of("STATUS").is_some_and(|s| s.eq_ignore_ascii_case("cancelled"));
    let all_words =
        format!("{} {} {}", location.as_deref().unwrap_or(""), description, summary.as_deref().unwrap_or(""))
            .to_lowercase();
    let video = [
        "zoom.us",
        "zoom meeting",
        "teams.microsoft",
        "microsoft teams",
        "teams meeting",
        "meet.google",
        "google meet",
        "webex",
        "facetime",
    ]
    .iter()
    .any(|w| all_words.contains(w));
    Ok(Invitation { method, organizer, attendees, starts, all_day, summary, location, description, cancelled, video })
}

fn first_event<'a>(components: &'a [Component<'a>]) -> Option<&'a Component<'a>> {
    components.iter().find_map(|c| if c.name == "VEVENT" { Some(c) } else { first_event(&c.components) })
}

fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params.iter().find(|x| x.key.as_str().eq_ignore_ascii_case(key)).and_then(|x| x.val.as_ref()).map(|v| v.as_str())
}

/// When an event starts, as UTC: `…Z` is UTC; with a `TZID` (IANA, or one of Windows' names) in that zone;
/// floating, as UTC; a date alone (all day), noon UTC of that day.
fn start_of(p: &Property<'_>) -> (Option<DateTime<Utc>>, bool) {
    let v = p.val.as_str().trim();
    if v.len() == 8 || param(p, "VALUE").is_some_and(|x| x.eq_ignore_ascii_case("DATE")) {
        let day = NaiveDate::parse_from_str(&v[..v.len().min(8)], "%Y%m%d").ok();
        return (day.and_then(|d| d.and_hms_opt(12, 0, 0)).map(|t| t.and_utc()), true);
    }
    if let Some(utc) = v.strip_suffix('Z').or_else(|| v.strip_suffix('z')) {
        return (NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok().map(|t| t.and_utc()), false);
    }
    let Ok(local) = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S") else { return (None, false) };
    let zone = param(p, "TZID").and_then(zone_named);
    let at = match zone {
        Some(z) => z.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)),
        None => Some(local.and_utc()),
    };
    (at, false)
}

/// An IANA zone ("Europe/Paris", "/Europe/Paris"), or the zone one of Windows' common names stands for.
fn zone_named(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim_start_matches('/');
    if let Ok(z) = name.parse::<Tz>() {
        return Some(z);
    }
    const WINDOWS: &[(&str, &str)] = &[
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Mountain Standard Time", "America/Denver"),
        ("US Mountain Standard Time", "America/Phoenix"),
        ("Central Standard Time", "America/Chicago"),
        ("Eastern Standard Time", "America/New_York"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("Alaskan Standard Time", "America/Anchorage"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("GMT Standard Time", "Europe/London"),
        ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("UTC", "UTC"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("E. Europe Standard Time", "Europe/Chisinau"),
        ("FLE Standard Time", "Europe/Kyiv"),
        ("GTB Standard Time", "Europe/Bucharest"),
        ("Russian Standard Time", "Europe/Moscow"),
        ("Jordan Standard Time", "Asia/Amman"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("India Standard Time", "Asia/Kolkata"),
        ("China Standard Time", "Asia/Shanghai"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("New Zealand Standard Time", "Pacific/Auckland"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
    ];
    WINDOWS.iter().find(|(w, _)| w.eq_ignore_ascii_case(name)).and_then(|(_, iana)| iana.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_gives_who_when_what_and_where() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\n\
                   DTSTART;TZID=Eastern Standard Time:20261201T100000\r\nSUMMARY:Test drive\\, the Outback\r\n\
                   LOCATION:Zoom: https://zoom.us/j/123\r\nORGANIZER;CN=Ana Souza:mailto:ana@example.com\r\n\
                   ATTENDEE;CN=\"Dana\":MAILTO:dana@dealer.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let i = read(ics.as_bytes()).unwrap();
        assert_eq!(i.method.as_deref(), Some("REQUEST"));
        assert_eq!(i.organizer.as_ref().map(|m| m.address.as_str()), Some("ana@example.com"));
        assert_eq!(i.attendees[0].address, "dana@dealer.example");
        assert_eq!(i.attendees[0].name.as_deref(), Some("Dana"));
        assert_eq!(i.starts, Some("2026-12-01T15:00:00Z".parse().unwrap()), "10:00 in New York");
        assert_eq!(i.summary.as_deref(), Some("Test drive, the Outback"));
        assert!(i.video && !i.cancelled && !i.all_day);
    }

    #[test]
    fn all_day_cancelled_and_broken_files() {
        let ics = "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nSUMMARY:Party\nEND:VEVENT\nEND:VCALENDAR\n";
        let i = read(ics.as_bytes()).unwrap();
        assert!(i.all_day && i.cancelled);
        assert_eq!(i.starts, Some("2026-12-24T12:00:00Z".parse().unwrap()));
        assert!(read(b"hello").unwrap_err().to_string().contains("not a calendar file"));
        assert!(read(b"BEGIN:VCALENDAR\nEND:VCALENDAR\n").unwrap_err().to_string().contains("no event"));
    }
}
