//! An email file (`.eml`, RFC 5322 / MIME) read as a contact to log: who wrote to whom, when, the subject, and the
//! new words of the message — the quoted reply under "On … wrote:", "----- Original Message -----" or Outlook's
//! "From: … Sent: …" block is left out, as is a "Sent from my iPhone" signature.
//!
//! Parsing is `mail-parser`'s (encodings, encoded words, quoted-printable, HTML-only messages turned to text,
//! broken multiparts); what is read here is what a salesperson's log needs.

use chrono::{DateTime, Utc};
use mail_parser::{Address, MessageParser};
use serde::Serialize;

use crate::{Error, Result};

/// How long a logged email's words may be: a summary, not an archive.
pub const MOST_WORDS: usize = 4_000;

/// One side of an email: a name as written, and the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
}

/// What a logged email is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email {
    pub from: Vec<Mailbox>,
    /// To and Cc.
    pub to: Vec<Mailbox>,
    /// The Date header; `None` when the message has none.
    pub at: Option<DateTime<Utc>>,
    pub subject: Option<String>,
    /// The new words of the message (without the quoted reply), at most [`MOST_WORDS`] characters.
    pub words: String,
    /// An answer to an earlier message (`In-Reply-To`, or a subject starting "Re:").
    pub reply: bool,
}

/// Reads an email file. A file with neither a sender nor a recipient is not an email to log: the error says so.
pub fn read(bytes: &[u8]) -> Result<Email> {
    // Blank lines before the first header (one iCloud invitation starts with a line of spaces) are not the message.
    let start = bytes
        .split_inclusive(|b| *b == b'\n')
        .take_while(|line| line.iter().all(u8::is_ascii_whitespace))
        .map(<[u8]>::len)
        .sum::<usize>();
    let bytes = &bytes[start.min(bytes.len())..];
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| Error::BadFile("this is not an email message (no headers could be read)".into()))?;
    let boxes = |a: Option<&Address<'_>>| -> Vec<Mailbox> {
        a.map(|a| {
            a.iter()
                .filter_map(|x| {
                    let address = x.address.as_deref()?.trim().to_string();
                    address.contains('@').then(|| Mailbox {
                        name: x.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(String::from),
                        address,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let from = boxes(message.from());
    let mut to = boxes(message.to());
    to.extend(boxes(message.cc()));
    if from.is_empty() && to.is_empty() {
        return Err(Error::BadFile("this email names no sender and no recipient (no From, To or Cc address)".into()));
    }
    let at = message.date().and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0));
    let subject =
        message.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    let mut body = message.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
    // 8-bit text that says no charset and is not UTF-8 is Windows-1252, as mail programs have long read it.
    if body.contains('\u{fffd}') {
        if let Some(part) = message.text_part(0).filter(|p| p.encoding == mail_parser::Encoding::None) {
            let raw = message.raw_message();
            let (a, b) = (part.offset_body as usize, (part.offset_end as usize).min(raw.len()));
            if a < b {
                body = encoding_rs::WINDOWS_1252.decode(&raw[a..b]).0.into_owned();
            }
        }
    }
    // An empty text part beside an HTML one (Outlook's invitations): the HTML's words.
    if body.trim().is_empty() {
        if let Some(html) = message.body_html(0) {
            body = mail_parser::decoders::html::html_to_text(&html);
        }
    }
    let reply = !message.in_reply_to().is_empty()
        || subject
            .as_deref()
            .is_some_and(|s| s.to_lowercase().starts_with("re:") || s.to_lowercase().starts_with("aw:"));
    Ok(Email { from, to, at, subject, words: new_words(&body), reply })
}

/// The message's own words: up to the first line that opens a quoted earlier message, without `>` lines and a
/// phone's signature, blank runs squeezed, at most [`MOST_WORDS`] characters.
pub fn new_words(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let lines: Vec<&str> = body.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let lower = t.to_lowercase();
        let next = lines.get(i + 1).map(|l| l.trim().to_lowercase()).unwrap_or_default();
        // "On Mon, Apr 2, 2012 at 6:26 PM, Megan One <…> wrote:" (in any language: a line naming an address that
        // ends in ":") introduces a `>` quote, below which a bottom-posted reply may go on: skipped, not an end.
        let attribution = |l: &str| l.ends_with(':') && l.contains('@');
        let introduces = (lower.starts_with("on ") && (lower.ends_with("wrote:") || next.ends_with("wrote:")))
            || lower.ends_with(" wrote:")
            || attribution(&lower)
            || lower.contains('@') && attribution(&next);
        if introduces {
            continue;
        }
        let opens_quote = lower.contains("original message")
            || lower.starts_with("-----") && lower.contains("message")
            || lower.starts_with("from:")
                && (next.starts_with("sent:") || next.starts_with("date:") || next.starts_with("to:"))
            || lower.starts_with("________________");
        if opens_quote {
            break;
        }
        if t.starts_with('>')
            || lower == "sent from my iphone"
            || lower == "sent from my ipad"
            || lower.starts_with("sent from my ")
        {
            continue;
        }
        if t.is_empty() && kept.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        kept.push(line.trim_end());
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    let text = kept.join("\n");
    match text.char_indices().nth(MOST_WORDS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_keeps_its_own_words_only() {
        let mail = "From: Ana Souza <ana@example.com>\r\nTo: dana@dealer.example\r\nSubject: Re: Your plates\r\n\
                    Date: Tue, 01 Dec 2026 09:30:00 -0600\r\nIn-Reply-To: <a@b>\r\n\r\nThanks! I'll pick them up Friday.\r\n\
                    \r\nSent from my iPhone\r\n\r\nOn Mon, Nov 30, 2026 at 4:00 PM Dana <dana@dealer.example> wrote:\r\n> Your plates arrived.\r\n";
        let e = read(mail.as_bytes()).unwrap();
        assert_eq!(e.from, vec![Mailbox { name: Some("Ana Souza".into()), address: "ana@example.com".into() }]);
        assert_eq!(e.to[0].address, "dana@dealer.example");
        assert_eq!(e.at, Some("2026-12-01T15:30:00Z".parse().unwrap()));
        assert_eq!(e.subject.as_deref(), Some("Re: Your plates"));
        assert_eq!(e.words, "Thanks! I'll pick them up Friday.");
        assert!(e.reply);
    }

    #[test]
    fn an_outlook_block_and_an_original_message_end_the_words() {
        assert_eq!(new_words("Hello\n\nFrom: a@b.c [mailto:a@b.c]\nSent: Friday\nTo: Dan\n\nOld text"), "Hello");
        assert_eq!(new_words("Hi there\n\n----- Original Message -----\nFrom: x"), "Hi there");
        assert_eq!(new_words("Yes.\n\n\n\nSee you"), "Yes.\n\nSee you");
    }

    #[test]
    fn what_is_not_an_email_is_named() {
        assert!(read(b"").is_err());
        let e = read(b"Subject: hello\r\n\r\nno addresses").unwrap_err().to_string();
        assert!(e.contains("no sender and no recipient"), "{e}");
    }
}
