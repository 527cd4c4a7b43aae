//! Reaching out through the salesperson's own apps: the address a mail client, a messaging app or a phone opens
//! with — `mailto:` (RFC 6068) with the recipient, subject and words, `sms:` (RFC 5724) with the words, `tel:`
//! (RFC 3966). Rapport sends nothing itself: no mail server, no stored password. The Guard decides first
//! ([`crate::Book::hand_off`], on either book); only then is an address made.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use chrono::{DateTime, Utc};

use crate::model::{Channel, ContactKind, ContactPoint, CustomerRecord, Direction, NewInteraction};
use crate::{Book, Error, Result};

/// Everything but RFC 3986's unreserved characters is escaped: a subject's "&" or "?" never ends it early.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What the salesperson's own app is opened with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandOff {
    /// The `mailto:`, `sms:` or `tel:` address; empty for a meeting.
    pub url: String,
    pub channel: Channel,
    /// The email address or number it goes to (for a meeting: their email, else their name).
    pub to: String,
    /// For a meeting in person: the invitation, as an iCalendar file for the salesperson's calendar app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitation: Option<String>,
}

/// How a hand-off is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOffRequest {
    /// An email's subject, or a meeting's title.
    pub subject: Option<String>,
    /// How long a meeting in person lasts, in minutes (ignored for the other channels).
    pub minutes: i64,
    /// A thank-you note by email: the Guard reads it as one.
    pub thank_you: bool,
}

impl Default for HandOffRequest {
    fn default() -> Self {
        HandOffRequest { subject: None, minutes: 30, thank_you: false }
    }
}

/// The channels Rapport hands off: email, text, a call, and a meeting in person (an invitation file).
pub fn hands_off(channel: Channel) -> bool {
    matches!(channel, Channel::Email | Channel::Text | Channel::Phone | Channel::InPerson)
}

/// Where a meeting's invitation is written: `invitations/` beside the book, named after whom it is for and when.
pub fn invitation_path(book: &std::path::Path, to: &str, now: chrono::DateTime<chrono::Utc>) -> std::path::PathBuf {
    let who: String = to.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let dir = book.parent().unwrap_or(std::path::Path::new(".")).join("invitations");
    dir.join(format!("{}-{}.ics", who.trim_matches('-'), now.format("%Y%m%dT%H%M%S")))
}

/// Writes an invitation file whole (its folder made when missing).
pub fn write_invitation(path: &std::path::Path, ics: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::BadFile(format!("{}: {e}", dir.display())))?;
    }
    crate::io::write_whole(path, ics.as_bytes()).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))
}

/// A meeting in person, as the invitation file describes it.
pub struct Meeting<'a> {
    pub customer: &'a CustomerRecord,
    pub starts: chrono::DateTime<chrono::Utc>,
    pub minutes: i64,
    /// What it is for, in the customer's terms (the reason), and the words about it.
    pub about: &'a str,
    pub words: &'a str,
    /// Where: the dealership.
    pub place: &'a str,
    pub stamp: chrono::DateTime<chrono::Utc>,
}

/// The meeting as an iCalendar event (RFC 5545) the salesperson's calendar app opens: the customer as attendee
/// (by their email when Rapport has one), the dealership as the place, a reminder an hour before.
pub fn invitation(m: &Meeting<'_>) -> String {
    use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};
    let name = &m.customer.customer.name;
    let title =
        if m.about.trim().is_empty() { format!("Meeting with {name}") } else { format!("{name}: {}", m.about.trim()) };
    let mut event = Event::new();
    event
        .uid(&format!("{}@rapport", crate::ids::new_id()))
        .summary(&title)
        .description(m.words)
        .starts(m.starts)
        .ends(m.starts + chrono::Duration::minutes(m.minutes.clamp(5, 600)))
        .timestamp(m.stamp)
        .alarm(Alarm::display(&title, -chrono::Duration::hours(1)));
    if !m.place.trim().is_empty() {
        event.location(m.place.trim());
    }
    if let Ok(email) = address_for(m.customer, Channel::Email) {
        let mut attendee = Property::new("ATTENDEE", format!("mailto:{email}"));
        attendee.add_parameter("CN", name).add_parameter("ROLE", "REQ-PARTICIPANT");
        event.append_multi_property(attendee);
    }
    let mut cal = Calendar::new();
    cal.push(event.done());
    without_alarm_stamps(&cal.done().to_string())
}

/// The calendar text without the `DTSTAMP` and `UID` the iCalendar crate gives each alarm from the wall clock and
/// a random number: RFC 5545 has neither in a `VALARM`, and Rapport's files depend on `now` alone.
pub(crate) fn without_alarm_stamps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_alarm = false;
    for line in text.split_inclusive("\r\n") {
        match line.trim_end() {
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            l if in_alarm && (l.starts_with("DTSTAMP:") || l.starts_with("UID:")) => continue,
            _ => {}
        }
        out.push_str(line);
    }
    out
}

/// The customer's address for `channel`: their preferred email (or the first), their preferred phone — a mobile
/// before others for a text. An error names what is missing, in the salesperson's words.
pub fn address_for(record: &CustomerRecord, channel: Channel) -> Result<String> {
    let kind = if channel == Channel::Email { ContactKind::Email } else { ContactKind::Phone };
    let points: Vec<&ContactPoint> = record.contact_points.iter().filter(|p| p.kind == kind).collect();
    let mobile = |p: &&&ContactPoint| p.label.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("mobile"));
    let chosen = match channel {
        Channel::Text => points.iter().find(mobile).or_else(|| points.iter().find(|p| p.preferred)),
        _ => points.iter().find(|p| p.preferred),
    }
    .or(points.first());
    match chosen {
        Some(p) => Ok(p.value.clone()),
        None => {
            let what = if kind == ContactKind::Email { "email address" } else { "phone number" };
            Err(Error::invalid(
                channel.as_str(),
                format!("{} has no {what} in Rapport: add one on their page", record.customer.name),
            ))
        }
    }
}

/// The address that opens the salesperson's app for `channel`, to `to`, with `subject` (email only) and `words`.
pub fn url(channel: Channel, to: &str, subject: Option<&str>, words: &str) -> Result<String> {
    let enc = |s: &str| utf8_percent_encode(s, ESCAPED).to_string();
    // RFC 6068: line breaks in a body are CRLF.
    let body = words.replace("\r\n", "\n").replace('\n', "\r\n");
    match channel {
        Channel::Email => {
            let mut query = Vec::new();
            if let Some(s) = subject.map(str::trim).filter(|s| !s.is_empty()) {
                query.push(format!("subject={}", enc(s)));
            }
            if !body.trim().is_empty() {
                query.push(format!("body={}", enc(&body)));
            }
            let q = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
            // The address's "@" stays as it is; anything else unusual is escaped.
            let (user, host) = to
                .trim()
                .split_once('@')
                .ok_or_else(|| Error::invalid("email", format!("'{to}' is not an email address")))?;
            Ok(format!("mailto:{}@{}{q}", enc(user), enc(host)))
        }
        Channel::Text | Channel::Phone => {
            let number = dialable(to)?;
            if channel == Channel::Phone {
                return Ok(format!("tel:{number}"));
            }
            let q = if body.trim().is_empty() { String::new() } else { format!("?body={}", enc(&body)) };
            Ok(format!("sms:{number}{q}"))
        }
        other => Err(Error::invalid(
            "channel",
            format!("Rapport opens your mail app, your messages or your phone — not {}", other.as_str()),
        )),
    }
}

/// Whom a hand-off on `channel` goes to: an address for email, texts and calls; for a meeting, their email when
/// Rapport has one, else their name.
pub fn recipient(record: &CustomerRecord, channel: Channel) -> Result<String> {
    match channel {
        Channel::InPerson => Ok(address_for(record, Channel::Email).unwrap_or_else(|_| record.customer.name.clone())),
        _ => address_for(record, channel),
    }
}

/// A number as a phone dials it: its digits, with a leading "+" when written ("(312) 555-0142" → "3125550142").
fn dialable(number: &str) -> Result<String> {
    let trimmed = number.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return Err(Error::invalid("phone", format!("'{number}' is not a number a phone can dial")));
    }
    Ok(if trimmed.starts_with('+') { format!("+{digits}") } else { digits })
}

/// [`Book::hand_off`] as asked: an email's subject, a meeting's length, and whether it is a thank-you note by
/// email (the Guard then reads it as a thank-you: never a referral ask, a pitch inside it blocked).
pub(crate) fn hand_off_with(
    book: &mut (impl Book + ?Sized),
    customer_id: &str,
    input: NewInteraction,
    asked: &HandOffRequest,
    now: DateTime<Utc>,
) -> Result<HandOff> {
    let subject = asked.subject.as_deref();
    let input = input.validated()?;
    if input.direction != Direction::Outbound {
        return Err(Error::invalid("direction", "only a contact you start is handed to your apps"));
    }
    if !hands_off(input.channel) {
        return Err(Error::invalid(
            "channel",
            "Rapport opens your mail app, your messages, your phone or your calendar: choose email, text, phone \
             or in person",
        ));
    }
    let record = book.customer_record(customer_id)?;
    let to = recipient(&record, input.channel)?;
    book.guard_outbound(customer_id, &input, now, asked.thank_you)?;
    if input.channel == Channel::InPerson {
        let profile = book.profile()?;
        let meeting = Meeting {
            customer: &record,
            starts: input.at.unwrap_or(now),
            minutes: asked.minutes,
            about: subject.or(input.reason.as_deref()).unwrap_or(""),
            words: &input.summary,
            place: &profile.dealership,
            stamp: now,
        };
        let invitation = Some(invitation(&meeting));
        return Ok(HandOff { url: String::new(), channel: input.channel, to, invitation });
    }
    let url = url(input.channel, &to, subject, &input.summary)?;
    Ok(HandOff { url, channel: input.channel, to, invitation: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_address_carries_subject_and_words_escaped() {
        let u =
            url(Channel::Email, "ana.souza@example.com", Some("Your plates & title"), "Hi Ana,\nThey're in!").unwrap();
        assert_eq!(
            u,
            "mailto:ana.souza@example.com?subject=Your%20plates%20%26%20title&body=Hi%20Ana%2C%0D%0AThey%27re%20in%21"
        );
        assert_eq!(url(Channel::Email, "a@b.co", None, "").unwrap(), "mailto:a@b.co");
        assert!(url(Channel::Email, "not an address", None, "").is_err());
    }

    #[test]
    fn texts_and_calls_dial_the_digits() {
        assert_eq!(
            url(Channel::Text, "+1 (312) 555-0142", None, "Ready at 4?").unwrap(),
            "sms:+13125550142?body=Ready%20at%204%3F"
        );
        assert_eq!(url(Channel::Phone, "(312) 555-0142", None, "ignored").unwrap(), "tel:3125550142");
        assert!(url(Channel::Phone, "none", None, "").is_err());
        assert!(url(Channel::Mail, "12 Elm St", None, "").is_err());
    }
}
