//! vCard files (2.1, 3.0, 4.0) in and out: the contacts of phones, iCloud, Google and Outlook.
//!
//! Reading forgives what address books disagree on (labels in `item1.X-ABLabel` groups or in `TYPE`, folded or
//! quoted-printable lines, three encodings) and is strict where data would be lost: a card that cannot be read
//! whole is reported with its line and left out, never half-read.
//!
//! Decisions:
//! - Encoding ([`parse_bytes`]): UTF-8 (BOM or not); UTF-16 LE/BE with a BOM, or without one when the file
//!   starts with an ASCII character. A file that is not UTF-8 as a whole is read line by line: UTF-8 lines as
//!   they are (a character split by a fold is mended), other lines in their property's `CHARSET`, else as
//!   Shift-JIS when they read as Japanese there, else as Windows-1252 (Outlook's default, and a superset of
//!   Latin-1, so no byte is refused). An empty file, or one holding a NUL byte (binary), is an error.
//! - Birthdays: `YYYY-MM-DD`, `YYYYMMDD` or a date-time (its date) become the birthday. A birthday without a
//!   year (`--MMDD`, `--MM-DD`, Apple's year 1604, any year before 1900) is kept on the book's "no year" leap year
//!   (`contact::NO_YEAR`), never invented a year; one that cannot be read is a last line of the notes.
//! - Labels: an `itemN.X-ABLabel` of the same group wins over `TYPE`; Apple's `_$!<HomeFAX>!$_` reads
//!   "home fax"; labels made only of common words (home, work, mobile, cell …) are lower-cased, `cell` reads
//!   "mobile"; any other label is kept as written. Preferred: `TYPE=pref`, `PREF=1` or 2.1's bare `PREF`.
//! - `CATEGORIES` become tags: "Top Customers" reads `TopCustomers`; Google's system groups (`myContacts`,
//!   `starred`) are dropped, and so is a category that cannot be a tag (one starting with a digit).
//! - `TZ` is kept only when it is an IANA name; offsets are dropped (a zone is never guessed).
//! - Name: `FN`, else built from `N`, else `NICKNAME`, else `ORG`; a card with none of them is reported.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::contact::{BadRow, Contact, Labeled, Parsed};
use crate::model::{AddressParts, ContactKind, ContactPoint, CustomerRecord, NameParts, NoteKind};
use crate::{Error, Result};

/// Reads the cards of a vCard file's text. Never fails: what cannot be read is in `bad`, with its line.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parsed = Parsed::default();
    let mut card: Option<Card> = None;
    // Text outside any card is reported once per run of such lines, at its first line.
    let mut in_stray_run = false;
    for line in logical_lines(text) {
        let prop = split_line(&line.text);
        let is = |name: &str| prop.as_ref().is_some_and(|p| p.name.eq_ignore_ascii_case(name) && p.group.is_none());
        let vcard = || prop.as_ref().is_some_and(|p| p.value.trim().eq_ignore_ascii_case("VCARD"));
        if is("BEGIN") && vcard() {
            if let Some(open) = card.take() {
                parsed.bad.push(BadRow {
                    line: open.start,
                    message: format!(
                        "the card starting on line {} has no END:VCARD before the next BEGIN:VCARD on line {}; \
                         it was left out",
                        open.start, line.no
                    ),
                });
            }
            card = Some(Card::new(line.no));
            in_stray_run = false;
        } else if is("END") && vcard() && card.is_some() {
            let done = card.take().expect("checked above");
            match done.build() {
                Ok(c) => parsed.contacts.push(c),
                Err(bad) => parsed.bad.push(bad),
            }
        } else if let Some(open) = card.as_mut() {
            match prop {
                Some(p) => open.props.push(p.owned()),
                // One line that cannot be read costs that line, never the card.
                None => open.skipped.push(BadRow {
                    line: line.no,
                    message: format!(
                        "line {} is not a vCard line (a property name, then ':'): '{}'; left out of the card \
                         starting on line {}",
                        line.no,
                        excerpt(&line.text),
                        open.start
                    ),
                }),
            }
        } else if !in_stray_run {
            in_stray_run = true;
            parsed.bad.push(BadRow {
                line: line.no,
                message: format!(
                    "line {} is outside any card (BEGIN:VCARD … END:VCARD): '{}'",
                    line.no,
                    excerpt(&line.text)
                ),
            });
        }
    }
    if let Some(open) = card {
        parsed.bad.push(BadRow {
            line: open.start,
            message: format!(
                "the card starting on line {} has no END:VCARD (the file may be cut short); it was left out",
                open.start
            ),
        });
    }
    parsed
}

/// Reads a vCard file's bytes: decoded as the module documentation says, then [`parse`]d. An empty or binary
/// file, or one without a single `BEGIN:VCARD`, is an error naming why.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed> {
    let text = match std::str::from_utf8(bytes) {
        // A file that is not UTF-8 as a whole is read line by line (unless it is UTF-16).
        Err(_) if Encoding::for_bom(bytes).is_none() && !looks_utf16(bytes) => checked(decode_lines(bytes).into())?,
        _ => decode(bytes)?,
    };
    let parsed = parse(&text);
    if parsed.contacts.is_empty() && !text.to_ascii_uppercase().contains("BEGIN:VCARD") {
        return Err(Error::BadFile("line 1: this is not a vCard file (it has no BEGIN:VCARD)".into()));
    }
    Ok(parsed)
}

/// The customers as vCard 4.0, one card each, CRLF line ends, lines folded at 75 octets.
///
/// Labels vCard has a word for go in `TYPE` (`mobile` is `TYPE=cell`); any other label goes in an
/// `itemN.X-ABLabel` beside its value, as Apple and Google write them. A name and an address are written
/// in the parts their file gave while those still describe them; otherwise the name's parts are guessed and the
/// address's one line is the street component. Notes (the salesperson's own, not thank-you notes) are joined by a blank line.
pub fn write(customers: &[CustomerRecord]) -> String {
    let mut out = String::new();
    for r in customers {
        write_card(&mut out, r);
    }
    out
}

fn write_card(out: &mut String, r: &CustomerRecord) {
    let c = &r.customer;
    fold(out, "BEGIN:VCARD");
    fold(out, "VERSION:4.0");
    fold(out, &format!("FN:{}", escape(&c.name)));
    let n = c.name_in_parts();
    let n = [&n.family, &n.given, &n.additional, &n.prefix, &n.suffix].map(|p| escape(p));
    fold(out, &format!("N:{}", n.join(";")));
    if let Some(n) = &c.preferred_name {
        fold(out, &format!("NICKNAME:{}", escape(n)));
    }
    if let Some(o) = &c.company {
        fold(out, &format!("ORG:{}", escape(o)));
    }
    let mut item = 0;
    for p in &r.contact_points {
        let (name, value) = match p.kind {
            ContactKind::Email => ("EMAIL", escape(&p.value)),
            ContactKind::Phone => ("TEL", escape(&p.value)),
            ContactKind::Address => ("ADR", p.address_in_parts().in_order().map(escape).join(";")),
        };
        let mut params = String::new();
        let mut custom = None;
        if let Some(label) = p.label.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            match vcard_types(p.kind, label) {
                Some(types) => params += &format!(";TYPE={types}"),
                None => custom = Some(label),
            }
        }
        if p.preferred {
            params += ";PREF=1";
        }
        match custom {
            Some(label) => {
                item += 1;
                fold(out, &format!("item{item}.{name}{params}:{value}"));
                fold(out, &format!("item{item}.X-ABLabel:{}", escape(label)));
            }
            None => fold(out, &format!("{name}{params}:{value}")),
        }
    }
    if let Some(b) = super::contact::birthday_of(r) {
        // vCard 4 writes a birthday without a year as `--MMDD`.
        let day = if b.year() == super::contact::NO_YEAR { b.format("--%m%d") } else { b.format("%Y%m%d") };
        fold(out, &format!("BDAY:{day}"));
    }
    let notes = joined_notes(r);
    if !notes.is_empty() {
        fold(out, &format!("NOTE:{}", escape(&notes)));
    }
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|t| escape(&t.tag)).collect();
        fold(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    if let Some(tz) = &c.time_zone {
        fold(out, &format!("TZ:{}", escape(tz)));
    }
    fold(out, &format!("X-RAPPORT-ID:{}", escape(&c.id)));
    fold(out, "END:VCARD");
}

/// The customer's own notes (not thank-you notes or card prompts), oldest first, joined by a blank line.
pub(crate) fn joined_notes(r: &CustomerRecord) -> String {
    let texts: Vec<&str> =
        r.notes.iter().filter(|n| n.kind == NoteKind::Note).map(|n| n.text.trim()).filter(|t| !t.is_empty()).collect();
    texts.join("\n\n")
}

/// The `TYPE` values vCard has for a label, or `None` when it needs an `X-ABLabel`.
fn vcard_types(kind: ContactKind, label: &str) -> Option<&'static str> {
    let l = label.to_lowercase();
    match (kind, l.as_str()) {
        (_, "home") => Some("home"),
        (_, "work") => Some("work"),
        (ContactKind::Phone, "mobile") => Some("cell"),
        (ContactKind::Phone, "fax") => Some("fax"),
        (ContactKind::Phone, "pager") => Some("pager"),
        (ContactKind::Phone, "home fax") => Some("home,fax"),
        (ContactKind::Phone, "work fax") => Some("work,fax"),
        _ => None,
    }
}

/// Escapes a text value (RFC 6350 §3.4); a lone CR is dropped, as lines end in CRLF.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets (never inside a character), with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

// ----- Reading: lines -----

/// A content line after unfolding, with the physical line it starts on (1-based).
struct LogicalLine<'a> {
    no: usize,
    text: Cow<'a, str>,
}

/// Joins folded lines (CRLF or LF, then a space or tab), quoted-printable soft breaks (a line ending in `=`)
/// and the unindented base64 lines some 2.1 writers leave after a `PHOTO`; drops blank lines.
fn logical_lines(text: &str) -> Vec<LogicalLine<'_>> {
    let mut out: Vec<LogicalLine<'_>> = Vec::new();
    // The last line is quoted-printable and ended with '=' (a soft break); or it is base64 (2.1).
    let (mut soft_break, mut base64) = (false, false);
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let folded = line.starts_with([' ', '\t']);
        if line.trim().is_empty() {
            // A blank line ends a 2.1 base64 block; a soft break before it has nothing to join.
            (soft_break, base64) = (false, false);
            continue;
        }
        let last = out.last_mut();
        match last {
            Some(last) if folded => {
                last.text.to_mut().push_str(&line[1..]);
            }
            Some(last) if soft_break && !line.trim().eq_ignore_ascii_case("END:VCARD") => {
                last.text.to_mut().push_str(line);
            }
            Some(last) if base64 && !line.contains(':') => {
                last.text.to_mut().push_str(line.trim());
                continue;
            }
            _ => {
                out.push(LogicalLine { no: i + 1, text: Cow::Borrowed(line) });
                let head = head_of(line).to_ascii_uppercase();
                base64 = head.contains("BASE64") || head.contains("ENCODING=B");
            }
        }
        let last = out.last_mut().expect("a line was just pushed or joined");
        soft_break = last.text.ends_with('=') && head_of(&last.text).to_ascii_uppercase().contains("QUOTED-PRINTABLE");
        if soft_break {
            let keep = last.text.len() - 1;
            last.text.to_mut().truncate(keep);
        }
    }
    out
}

/// The name and parameters of a content line: everything before the first ':' outside quotes.
fn head_of(line: &str) -> &str {
    let mut quoted = false;
    for (i, ch) in line.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            ':' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// A property of a card: `item1.TEL;TYPE=CELL,VOICE;TYPE=pref:+1 555 0100`.
struct Prop<'a> {
    group: Option<&'a str>,
    name: &'a str,
    params: Vec<(String, Vec<String>)>,
    value: &'a str,
}

/// The same, owned, with its line, once it belongs to a card.
struct OwnedProp {
    group: Option<String>,
    /// Upper case.
    name: String,
    /// Upper-case keys; a 2.1 bare parameter (`TEL;CELL;PREF`) is read as a TYPE, or as the ENCODING it names.
    params: Vec<(String, Vec<String>)>,
    value: String,
}

impl Prop<'_> {
    fn owned(self) -> OwnedProp {
        OwnedProp {
            group: self.group.map(str::to_ascii_lowercase),
            name: self.name.to_ascii_uppercase(),
            params: self.params,
            value: self.value.to_string(),
        }
    }
}

/// Splits a content line, or `None` when it is not one (no ':' or no property name).
fn split_line(line: &str) -> Option<Prop<'_>> {
    let head = head_of(line);
    if head.len() == line.len() {
        return None;
    }
    let value = &line[head.len() + 1..];
    let mut parts = split_outside_quotes(head, ';').into_iter();
    let full_name = parts.next()?.trim();
    let (group, name) = match full_name.split_once('.') {
        Some((g, n)) => (Some(g), n),
        None => (None, full_name),
    };
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid(name) || !group.is_none_or(valid) {
        return None;
    }
    let mut params = Vec::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let (key, values) = match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v),
            None => {
                let bare = p.to_ascii_uppercase();
                let key = if ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"].contains(&bare.as_str()) {
                    "ENCODING"
                } else {
                    "TYPE"
                };
                (key.to_string(), p)
            }
        };
        // TYPE=CELL,VOICE and TYPE="cell,text" are both lists.
        let values = split_outside_quotes(values, ',').into_iter().flat_map(|v| v.trim().trim_matches('"').split(','));
        params.push((key, values.map(|v| v.trim().to_string()).collect()));
    }
    Some(Prop { group, name, params, value })
}

fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, ch) in text.char_indices() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == sep && !quoted {
            out.push(&text[start..i]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out
}

// ----- Reading: cards -----

struct Card {
    start: usize,
    props: Vec<OwnedProp>,
    /// Lines of the card that could not be read: left out, and reported with the contact.
    skipped: Vec<BadRow>,
}

impl Card {
    fn new(start: usize) -> Self {
        Card { start, props: Vec::new(), skipped: Vec::new() }
    }

    fn build(self) -> std::result::Result<Contact, BadRow> {
        let old = self.props.iter().any(|p| p.name == "VERSION" && p.value.trim() == "2.1");
        let labels: HashMap<&str, String> = self
            .props
            .iter()
            .filter(|p| p.name == "X-ABLABEL")
            .filter_map(|p| Some((p.group.as_deref()?, label_text(&text_value(p, old))?)))
            .collect();
        let mut c = Contact { line: self.start, ..Contact::default() };
        let (mut full, mut from_n, mut nickname) = (None, None, None);
        let mut notes: Vec<String> = Vec::new();
        let mut birthday_note = None;
        for p in &self.props {
            match p.name.as_str() {
                "FN" => full = full.or(non_empty(text_value(p, old))),
                "N" => {
                    // family; given; additional; prefix; suffix — written the way people say a name.
                    let parts = components(p, old);
                    let part = |i: usize| parts.get(i).map(|s| s.replace(',', " ")).unwrap_or_default();
                    if from_n.is_none() {
                        from_n = NameParts::given_as(&part(3), &part(1), &part(2), &part(0), &part(4));
                    }
                }
                "NICKNAME" => {
                    let text = text_value(p, old);
                    nickname = nickname.or(split_unescaped(&text, ',').into_iter().find_map(non_empty));
                }
                "ORG" => c.company = c.company.or(components(p, old).into_iter().find_map(non_empty)),
                "EMAIL" | "TEL" => {
                    let text = text_value(p, old);
                    let value = text.trim();
                    let value = value.strip_prefix("mailto:").or_else(|| value.strip_prefix("tel:")).unwrap_or(value);
                    // `"Omega" <omega@example.com>`, as mail programs write an address: the address.
                    let value = match (p.name == "EMAIL", value.rfind('<'), value.rfind('>')) {
                        (true, Some(a), Some(b)) if a < b && value[a + 1..b].contains('@') => &value[a + 1..b],
                        _ => value,
                    };
                    if !value.trim().is_empty() {
                        let (label, preferred) = label_of(p, &labels);
                        let l = Labeled { label, value: value.trim().to_string(), preferred, parts: None };
                        if p.name == "EMAIL" { &mut c.emails } else { &mut c.phones }.push(l);
                    }
                }
                "ADR" => {
                    let parts = components(p, old);
                    if let Some(parts) = AddressParts::given_as(&parts.iter().map(String::as_str).collect::<Vec<_>>()) {
                        let (label, preferred) = label_of(p, &labels);
                        c.addresses.push(Labeled { label, value: parts.line(), preferred, parts: Some(parts) });
                    }
                }
                "NOTE" => notes.extend(non_empty(text_value(p, old))),
                "CATEGORIES" => {
                    let raw = raw_value(p);
                    for t in split_unescaped(&raw, ',') {
                        if let Some(tag) = to_tag(&unescape(t, old)) {
                            push_tag(&mut c.tags, tag);
                        }
                    }
                }
                "BDAY" => {
                    let text = text_value(p, old);
                    let omitted = param(p, "X-APPLE-OMIT-YEAR").and_then(|v| v.first()).and_then(|y| y.parse().ok());
                    match read_birthday(&text, omitted) {
                        Birthday::Date(d) => c.birthday = c.birthday.or(Some(d)),
                        Birthday::Yearless(d) => {
                            if c.birthday.is_none() {
                                c.birthday = Some(d);
                            }
                        }
                        Birthday::Note(n) => birthday_note = birthday_note.or(Some(n)),
                        Birthday::None => {}
                    }
                }
                "X-RAPPORT-ID" => c.rapport_id = c.rapport_id.take().or(non_empty(text_value(p, old))),
                "TZ" => {
                    let text = text_value(p, old);
                    if crate::time::parse_zone(&text).is_ok() {
                        c.time_zone = c.time_zone.or(Some(text.trim().to_string()));
                    }
                }
                _ => {}
            }
        }
        notes.extend(birthday_note);
        c.notes = non_empty(notes.join("\n\n"));
        let Some(name) = full
            .or(from_n.as_ref().map(NameParts::spoken))
            .or_else(|| nickname.clone())
            .or_else(|| c.company.clone())
            .or_else(|| {
                // No name at all: named from an email or a phone, so the person is not lost.
                c.named_from_what_it_has().then(|| std::mem::take(&mut c.name))
            })
        else {
            return Err(BadRow {
                line: self.start,
                message: format!(
                    "the card starting on line {} has no name, email or phone (no FN, N, NICKNAME, ORG, EMAIL or TEL); it was left out",
                    self.start
                ),
            });
        };
        c.preferred_name = nickname.filter(|n| *n != name);
        // The parts are kept only while they are this name's (an FN that says something else keeps none).
        c.name_parts = from_n.filter(|p| p.describe(&name));
        c.name = name;
        c.skipped = self.skipped;
        Ok(c)
    }
}

fn param<'p>(p: &'p OwnedProp, key: &str) -> Option<&'p Vec<String>> {
    p.params.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The label (from the group's `X-ABLabel`, else from `TYPE`) and whether the value is marked preferred.
fn label_of(p: &OwnedProp, labels: &HashMap<&str, String>) -> (Option<String>, bool) {
    let types: Vec<String> =
        p.params.iter().filter(|(k, _)| k == "TYPE").flat_map(|(_, v)| v.iter().map(|t| t.to_lowercase())).collect();
    let preferred = types.iter().any(|t| t == "pref") || param(p, "PREF").is_some_and(|v| v.iter().any(|x| x == "1"));
    if let Some(label) = p.group.as_deref().and_then(|g| labels.get(g)) {
        return (Some(label.clone()), preferred);
    }
    // Where first (home, work), then what (mobile, fax): TYPE=FAX,WORK reads "work fax".
    let ignored = ["pref", "voice", "internet", "x400", "msg", "text", "dom", "intl", "postal", "parcel", "uri"];
    let mut words: Vec<String> = Vec::new();
    for t in types.iter().filter(|t| !ignored.contains(&t.as_str())) {
        let word = match t.trim_start_matches("x-") {
            "cell" => "mobile".to_string(),
            "iphone" => "iPhone".to_string(),
            other => other.to_string(),
        };
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    if words.iter().any(|w| w == "iPhone") {
        words.retain(|w| w != "mobile"); // Apple writes TYPE=IPHONE,CELL for its "iPhone" label.
    }
    words.sort_by_key(|w| !["home", "work", "other"].contains(&w.as_str()));
    (non_empty(words.join(" ")), preferred)
}

/// A label as people read it: Apple's `_$!<HomeFAX>!$_` is "home fax"; common words are lower-cased.
pub(crate) fn label_text(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let label = match raw.strip_prefix("_$!<").and_then(|r| r.strip_suffix(">!$_")) {
        Some(inner) => split_camel(inner),
        None => raw.to_string(),
    };
    let common = [
        "home", "work", "mobile", "cell", "other", "main", "pager", "fax", "personal", "business", "school", "car",
        "iphone", "office", "private",
    ];
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !words.is_empty() && words.iter().all(|w| common.contains(w)) {
        let words: Vec<&str> = words.into_iter().map(|w| if w == "cell" { "mobile" } else { w }).collect();
        return Some(words.join(" "));
    }
    non_empty(label)
}

/// "HomeFAX" → "Home FAX": a space before an upper-case letter that follows a lower-case one.
fn split_camel(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for ch in s.chars() {
        if ch.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = ch.is_lowercase();
        out.push(ch);
    }
    out
}

/// The value as text: quoted-printable decoded (in its CHARSET), escapes undone.
fn text_value(p: &OwnedProp, old: bool) -> String {
    unescape(&raw_value(p), old)
}

/// The components of a structured value (N, ADR, ORG), each unescaped.
fn components(p: &OwnedProp, old: bool) -> Vec<String> {
    let raw = raw_value(p);
    split_unescaped(&raw, ';').into_iter().map(|c| unescape(c, old)).collect()
}

/// The value with quoted-printable decoded; otherwise as written.
fn raw_value(p: &OwnedProp) -> Cow<'_, str> {
    let qp = param(p, "ENCODING").is_some_and(|v| v.iter().any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE")));
    if !qp {
        return Cow::Borrowed(&p.value);
    }
    let bytes = decode_quoted_printable(&p.value);
    let charset = param(p, "CHARSET").and_then(|v| v.first()).and_then(|c| Encoding::for_label(c.as_bytes()));
    let text = match (charset, std::str::from_utf8(&bytes)) {
        (Some(enc), _) => enc.decode_without_bom_handling(&bytes).0.into_owned(),
        (None, Ok(s)) => s.to_string(),
        (None, Err(_)) => WINDOWS_1252.decode_without_bom_handling(&bytes).0.into_owned(),
    };
    Cow::Owned(text.replace("\r\n", "\n"))
}

fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits at `sep` not preceded by a backslash escape.
fn split_unescaped(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == sep {
            out.push(&text[start..i]);
            start = i + sep.len_utf8();
        }
    }
    out.push(&text[start..]);
    out
}

/// Undoes text escapes: `\n` `\,` `\;` `\\` (3.0, 4.0). vCard 2.1 only escapes `;`, so a 2.1 backslash stays.
fn unescape(text: &str, old: bool) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match (old, chars.peek().copied()) {
            (_, Some(';')) => out.push(';'),
            (false, Some('n' | 'N')) => out.push('\n'),
            (false, Some(c @ (',' | '\\' | ':'))) => out.push(c),
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}

fn non_empty(s: impl Into<String>) -> Option<String> {
    let s: String = s.into();
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

fn excerpt(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// A vCard file that is not UTF-8 as a whole, line by line, keeping its lines where they were (their numbers are
/// the ones a bad card is reported at): a line that is UTF-8 stays as it is — first moving back the rest of a
/// character that a fold split ("…\xd0" + CRLF + " \xbb…") — and any other line is read in the CHARSET its
/// property names (`N;CHARSET=SHIFT_JIS:…`), else as Shift-JIS when it reads as Japanese there, else as
/// Windows-1252. So one Latin-1 card no longer garbles the UTF-8 names around it, and a Japanese phone's cards read.
fn decode_lines(bytes: &[u8]) -> String {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    for i in 0..lines.len().saturating_sub(1) {
        let end = lines[i].len() - usize::from(lines[i].last() == Some(&b'\r'));
        let cut_short = matches!(std::str::from_utf8(&lines[i][..end]), Err(e) if e.error_len().is_none());
        let folded = matches!(lines[i + 1].first(), Some(b' ' | b'\t'));
        if cut_short && folded {
            let rest: Vec<u8> =
                lines[i + 1][1..].iter().take(3).take_while(|&&b| (0x80..0xc0).contains(&b)).copied().collect();
            lines[i + 1].drain(1..1 + rest.len());
            lines[i].splice(end..end, rest);
        }
    }
    let declared = |line: &[u8]| -> Option<&'static Encoding> {
        let head = &line[..line.iter().position(|&b| b == b':')?];
        let head = String::from_utf8_lossy(head).to_ascii_uppercase();
        let at = head.find("CHARSET=")? + "CHARSET=".len();
        let name = head[at..].split([';', ':', ',']).next()?.trim_matches('"');
        Encoding::for_label(name.as_bytes())
    };
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    // The charset of the property a folded line continues.
    let mut current: Option<&'static Encoding> = None;
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.first(), Some(b' ' | b'\t')) {
            current = declared(line);
        }
        if i > 0 {
            out.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(_) => {
                let encoding = current.unwrap_or_else(|| legacy(line, WINDOWS_1252));
                out.push_str(&encoding.decode_without_bom_handling(line).0);
            }
        }
    }
    out
}

/// The legacy encoding of bytes that are not UTF-8: Shift-JIS when they read there without a fault and hold
/// Japanese (kana or kanji) — a Japanese phone's export, Thunderbird's Shift-JIS CSV — else `otherwise`.
/// Latin-1 text almost never passes: its accented letters are not followed by what Shift-JIS needs, and it holds
/// no kana.
fn legacy(bytes: &[u8], otherwise: &'static Encoding) -> &'static Encoding {
    let (text, faulty) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    let japanese = text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    if !faulty && japanese {
        encoding_rs::SHIFT_JIS
    } else {
        otherwise
    }
}

// ----- Shared with the CSV reader -----

/// Whether a file without a BOM looks like UTF-16 (an ASCII character, then a zero byte, or the other way round).
fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.len() >= 2
        && (bytes[0] != 0 && bytes[0].is_ascii() && bytes[1] == 0
            || bytes[0] == 0 && bytes[1] != 0 && bytes[1].is_ascii())
}

/// The text of an imported file, decoded as the module documentation says.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    let text: Cow<'_, str> = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling(&bytes[bom..]).0
    } else if bytes.len() >= 2 && bytes[0] != 0 && bytes[0].is_ascii() && bytes[1] == 0 {
        UTF_16LE.decode_without_bom_handling(bytes).0
    } else if bytes.len() >= 2 && bytes[0] == 0 && bytes[1] != 0 && bytes[1].is_ascii() {
        UTF_16BE.decode_without_bom_handling(bytes).0
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => legacy(bytes, WINDOWS_1252).decode_without_bom_handling(bytes).0,
        }
    };
    checked(text)
}

/// Refuses decoded text that is empty or holds binary data.
fn checked(text: Cow<'_, str>) -> Result<Cow<'_, str>> {
    if text.trim().is_empty() {
        return Err(Error::BadFile("the file is empty".into()));
    }
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(Error::BadFile(format!(
            "line {line}: the file holds binary data (a NUL byte); it is not a text export of contacts"
        )));
    }
    Ok(text)
}

/// A group or category as a tag: "Top Customers" → `TopCustomers`, Google's "* Friends" → `Friends`; `None`
/// when it cannot be one, or is one of Google's system groups (`myContacts`, "My Contacts", `starred`).
pub(crate) fn to_tag(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches('*').trim_start().trim_start_matches('#');
    let squashed: String = t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if ["mycontacts", "starred"].contains(&squashed.as_str()) {
        return None;
    }
    let words: Vec<&str> =
        t.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).filter(|w| !w.is_empty()).collect();
    let tag = match words.as_slice() {
        [one] => one.to_string(),
        many => many
            .iter()
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map(|f| f.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
            })
            .collect(),
    };
    crate::tags::normalize(&tag).ok()
}

/// Adds a tag unless it is there already (compared without case).
pub(crate) fn push_tag(tags: &mut Vec<String>, tag: String) {
    if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
        tags.push(tag);
    }
}

/// What a birthday field holds.
pub(crate) enum Birthday {
    Date(NaiveDate),
    /// A day and month with no year (`--0305`, Apple's year 1604), on [`super::contact::NO_YEAR`].
    Yearless(NaiveDate),
    /// Unreadable (or past the book's years): a line for the notes, so the day is not lost.
    Note(String),
    None,
}

/// Reads a birthday: `YYYY-MM-DD`, `YYYYMMDD`, a date-time, `--MMDD`, `--MM-DD`; a year before 1900 (Apple
/// writes 1604 for "no year") or `omitted_year` means no year.
pub(crate) fn read_birthday(text: &str, omitted_year: Option<i32>) -> Birthday {
    let t = text.trim();
    if t.is_empty() {
        return Birthday::None;
    }
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    // No year: the day is kept on the leap year the book uses for "no year", so 29 February stays.
    let yearless = |m: u32, d: u32| NaiveDate::from_ymd_opt(super::contact::NO_YEAR, m, d).map(Birthday::Yearless);
    if let Some(md) = date_part.strip_prefix("--") {
        let digits: String = md.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            if let Some(b) = yearless(digits[..2].parse().unwrap_or(0), digits[2..].parse().unwrap_or(0)) {
                return b;
            }
        }
    }
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date_part, "%Y%m%d"))
        .ok()
        .filter(|d| (0..=9999).contains(&d.year()));
    match date {
        Some(d) if d.year() < 1900 || Some(d.year()) == omitted_year => {
            yearless(d.month(), d.day()).unwrap_or(Birthday::None)
        }
        // A year past what the book keeps (`BDAY:9999-12-31`) is not a birthday: kept as a line, never as a date.
        Some(d) if crate::time::date_in_range(d).is_err() => Birthday::Note(format!("Birthday: {}", excerpt(t))),
        Some(d) => Birthday::Date(d),
        None => Birthday::Note(format!("Birthday: {}", excerpt(t))),
    }
}

/// The contact points of one kind, for the writers.
pub(crate) fn points(r: &CustomerRecord, kind: ContactKind) -> impl Iterator<Item = &ContactPoint> {
    r.contact_points.iter().filter(move |p| p.kind == kind)
}
