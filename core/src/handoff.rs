//! Reaching out through the salesperson's own apps: the address a mail client, a messaging app or a phone opens
//! with — `mailto:` (RFC 6068) with the recipient, subject and words, `sms:` (RFC 5724) with the words, `tel:`
//! (RFC 3966). Rapport sends nothing itself: no mail server, no stored password. The Guard decides first
//! ([`crate::Store::hand_off`]); only then is an address made.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::model::{Channel, ContactKind, ContactPoint, CustomerRecord};
use crate::{Error, Result};

/// Everything but RFC 3986's unreserved characters is escaped: a subject's "&" or "?" never ends it early.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What the salesperson's own app is opened with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandOff {
    /// The `mailto:`, `sms:` or `tel:` address.
    pub url: String,
    pub channel: Channel,
    /// The email address or number it goes to.
    pub to: String,
}

/// The channels Rapport hands off: email, text and a call.
pub fn hands_off(channel: Channel) -> bool {
    matches!(channel, Channel::Email | Channel::Text | Channel::Phone)
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

/// A number as a phone dials it: its digits, with a leading "+" when written ("(312) 555-0142" → "3125550142").
fn dialable(number: &str) -> Result<String> {
    let trimmed = number.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return Err(Error::invalid("phone", format!("'{number}' is not a number a phone can dial")));
    }
    Ok(if trimmed.starts_with('+') { format!("+{digits}") } else { digits })
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
