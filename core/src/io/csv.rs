//! CSV files of contacts in and out: Google Contacts (current and legacy headers), Outlook, and any other sheet
//! — a dealer system's export — through a column mapping the salesperson confirms.
//!
//! Decisions:
//! - Encoding as for vCard ([`super::vcard`]): UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1252.
//! - Line numbers are the physical line a record starts on (a quoted note can run over several lines).
//! - A row whose fields are all empty is skipped without a report (spreadsheets leave them at the end).
//! - A ragged row (more or fewer fields than the header) is read when it has a name; when one of its fields
//!   runs over several lines it is reported instead, as a quote that was never closed swallowed the lines.
//! - LinkedIn's connections export opens with a "Notes:" paragraph before its header: lines before the header
//!   that a line ending in ":" opens, up to the first blank line, are not the sheet (their line numbers still count).
//!   Its columns are read as Outlook's reader reads them; the position, the profile address and the day of
//!   connecting go into the note.
//! - Google: `* Home` is the label "home", and the `*` marks the value preferred; ` ::: ` separates values
//!   in one cell; the system groups `* myContacts` and `* starred` are not tags, other groups are.
//! - Dates in a mapped sheet follow the mapping's `date_format` (chrono's `%m/%d/%Y`); without one,
//!   `2024-03-14`, `03/14/2024` (month first), `03/14/24`, `20240314` and `14.03.2024` are read. A purchase date,
//!   VIN or model year that cannot be read reports the row, naming the column and the value; a birthday that
//!   cannot be read is kept as a line of the notes instead (see [`super::vcard`]).

use std::collections::{BTreeMap, HashMap};

use chrono::format::{Item, StrftimeItems};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use csv::StringRecord;
use serde::{Deserialize, Serialize};

use super::contact::{BadRow, Contact, ContactPurchase, Labeled, Parsed};
use super::vcard::{decode, joined_notes, label_text, points, push_tag, read_birthday};
use super::vcard::{to_tag, Birthday};
use crate::model::{AddressParts, ContactKind, ContactPoint, CustomerRecord, NameParts, Vehicle};
use crate::{Error, Result};

/// How a CSV file's columns are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    /// Google Contacts, current or legacy headers.
    Google,
    /// Outlook (desktop or outlook.com).
    Outlook,
    /// Any other sheet, read through the columns the salesperson confirmed.
    Mapped(Mapping),
}

/// What a column of a mapped sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Nickname,
    Company,
    Email,
    Phone,
    Mobile,
    Address,
    Notes,
    Tags,
    Birthday,
    TimeZone,
    Vehicle,
    Year,
    Make,
    Model,
    Trim,
    Vin,
    PurchasedOn,
}

impl Field {
    pub const ALL: [Field; 20] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Nickname,
        Field::Company,
        Field::Email,
        Field::Phone,
        Field::Mobile,
        Field::Address,
        Field::Notes,
        Field::Tags,
        Field::Birthday,
        Field::TimeZone,
        Field::Vehicle,
        Field::Year,
        Field::Make,
        Field::Model,
        Field::Trim,
        Field::Vin,
        Field::PurchasedOn,
    ];

    /// Header names that mean this field, squashed (lower case, letters and digits only).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "name",
                "fullname",
                "customer",
                "customername",
                "customerfullname",
                "contact",
                "contactname",
                "displayname",
                "client",
                "clientname",
                "buyer",
                "buyername",
            ],
            Field::FirstName => &["firstname", "first", "givenname", "fname", "forename", "customerfirstname"],
            Field::LastName => &["lastname", "last", "surname", "familyname", "lname", "customerlastname"],
            Field::Nickname => &["nickname", "preferredname", "goesby"],
            Field::Company => {
                &["company", "companyname", "organization", "organisation", "org", "business", "employer"]
            }
            Field::Email => &["email", "emailaddress", "mail", "primaryemail", "customeremail"],
            Field::Phone => &[
                "phone",
                "phonenumber",
                "telephone",
                "tel",
                "homephone",
                "workphone",
                "dayphone",
                "businessphone",
                "primaryphone",
            ],
            Field::Mobile => &["mobile", "cell", "cellphone", "mobilephone", "cellnumber", "mobilenumber", "cellular"],
            Field::Address => &["address", "streetaddress", "mailingaddress", "homeaddress", "fulladdress"],
            Field::Notes => &["notes", "note", "comments", "comment", "remarks", "memo"],
            Field::Tags => &["tags", "tag", "labels", "categories", "category", "groups", "groupmembership"],
            Field::Birthday => &["birthday", "birthdate", "dateofbirth", "dob", "bday"],
            Field::TimeZone => &["timezone", "tz", "zone"],
            Field::Vehicle => &["vehicle", "car", "vehicledescription", "yearmakemodel", "ymm", "unit"],
            Field::Year => &["year", "modelyear", "vehicleyear"],
            Field::Make => &["make", "vehiclemake", "brand"],
            Field::Model => &["model", "vehiclemodel"],
            Field::Trim => &["trim", "trimlevel", "series"],
            Field::Vin => &["vin", "vinnumber", "vehicleidentificationnumber", "stockvin", "vinno"],
            Field::PurchasedOn => &[
                "purchasedate",
                "purchasedon",
                "purchased",
                "dateofpurchase",
                "solddate",
                "datesold",
                "sold",
                "saledate",
                "dateofsale",
                "deliverydate",
                "delivered",
                "deliveredon",
                "dealdate",
                "contractdate",
            ],
        }
    }
}

/// Which column holds which field (by header, as the file writes it), and how dates are written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub columns: BTreeMap<Field, String>,
    /// A chrono format such as `%m/%d/%Y`; `None` reads the common ones (month first when ambiguous).
    pub date_format: Option<String>,
}

/// The column names of a CSV file (BOM dropped, spaces trimmed).
pub fn headers(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(preview(bytes, 0)?.0)
}

/// The column names and the first `rows` records, for the window to show while the mapping is confirmed.
pub fn preview(bytes: &[u8], rows: usize) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let text = sheet_of(decode(bytes)?);
    let mut rdr = reader(&text);
    let headers: Vec<String> = rdr.headers().map_err(bad_csv)?.iter().map(|h| h.trim().to_string()).collect();
    let mut out = Vec::new();
    let mut rec = StringRecord::new();
    while out.len() < rows && rdr.read_record(&mut rec).map_err(bad_csv)? {
        out.push(rec.iter().map(str::to_string).collect());
    }
    Ok((headers, out))
}

/// How a sheet is read, as both faces decide it: with the mapping the salesperson gave; else in Google's or
/// Outlook's layout when its headers are one of theirs; else not yet — with a mapping proposed from its headers for
/// the salesperson to confirm (the window shows it; the command line asks for `--mapping`).
pub fn choose(headers: &[String], given: Option<Mapping>) -> Result<CsvKind, Mapping> {
    match (given, detect(headers)) {
        (Some(m), _) => Ok(CsvKind::Mapped(m)),
        (None, Some(kind)) => Ok(kind),
        (None, None) => Err(propose(headers)),
    }
}

impl CsvKind {
    /// `google`, `outlook` or `mapped`: what the window calls the kind.
    pub fn name(&self) -> &'static str {
        match self {
            CsvKind::Google => "google",
            CsvKind::Outlook => "outlook",
            CsvKind::Mapped(_) => "mapped",
        }
    }
}

/// Google (current or legacy) or Outlook (and Thunderbird, whose columns Outlook's reader also knows) by their
/// headers; `None` for any other sheet (it needs a mapping).
pub fn detect(headers: &[String]) -> Option<CsvKind> {
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|h| h == name);
    let numbered_value =
        |h: &String| ["e-mail ", "phone "].iter().any(|p| h.strip_prefix(p).is_some_and(|r| numbered(r, " - value")));
    // Numbered "E-mail 1 - Value" columns are Google's alone; a sheet of names only still has its groups column.
    if lower.iter().any(numbered_value) || has("group membership") || (has("labels") && has("file as")) {
        return Some(CsvKind::Google);
    }
    let outlook_phone = ["mobile phone", "business phone", "home phone"].iter().any(|h| has(h));
    let thunderbird = has("primary email") && has("display name");
    let linkedin = has("connected on") && has("url");
    if has("e-mail address") || (has("first name") && outlook_phone) || thunderbird || linkedin {
        return Some(CsvKind::Outlook);
    }
    None
}

/// "3 - value" is a number then `rest`.
fn numbered(text: &str, rest: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && &text[digits..] == rest
}

/// A mapping proposed from header names alone (case, spaces and punctuation ignored, common synonyms known);
/// each column is proposed for one field at most. The salesperson confirms or changes it.
pub fn propose(headers: &[String]) -> Mapping {
    let squashed: Vec<String> = headers.iter().map(|h| squash(h)).collect();
    let mut used = vec![false; headers.len()];
    let mut columns = BTreeMap::new();
    for field in Field::ALL {
        let found = (0..headers.len()).find(|&i| !used[i] && field.synonyms().contains(&squashed[i].as_str()));
        if let Some(i) = found {
            used[i] = true;
            columns.insert(field, headers[i].trim().to_string());
        }
    }
    Mapping { columns, date_format: None }
}

fn squash(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A header and its rows as CSV text, as every sheet Rapport writes: CRLF lines, fields quoted where they need it.
pub fn write_table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("written from strings")
}

/// A list of people in any CSV layout (a mailing list, a campaign's recipients): a Google or Outlook export as
/// such, any other sheet by the mapping its headers propose (name, email, phone columns).
pub fn read_list(bytes: &[u8]) -> Result<Parsed> {
    let headers = headers(bytes)?;
    parse(bytes, &choose(&headers, None).unwrap_or_else(CsvKind::Mapped))
}

/// Reads the contacts of a CSV file. Errors are for the whole file (empty, binary, a mapping naming a column the
/// file does not have); a row that cannot be read is in `bad`, with its line and why.
pub fn parse(bytes: &[u8], kind: &CsvKind) -> Result<Parsed> {
    let text = sheet_of(decode(bytes)?);
    let mut rdr = reader(&text);
    let headers = rdr.headers().map_err(bad_csv)?.clone();
    let cols = Columns::new(&headers);
    let layout = match kind {
        CsvKind::Google => Layout::Google(GoogleLayout::new(&cols)),
        CsvKind::Outlook => Layout::Outlook(OutlookLayout::new(&cols)),
        CsvKind::Mapped(m) => Layout::Mapped(MappedLayout::new(m, &headers, &cols)?),
    };
    // One record per line at most: reserving it once saves copying a growing list of 100,000 contacts.
    let most = text.bytes().filter(|b| *b == b'\n').count();
    let mut parsed = Parsed { contacts: Vec::with_capacity(most), bad: Vec::new() };
    let mut rec = StringRecord::new();
    let mut lines = Lines { text: text.as_bytes(), at: 0, line: 1 };
    let mut memo = Memo::default();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.at_byte(e.position().map_or(0, |p| p.byte() as usize));
                parsed.bad.push(BadRow { line, message: format!("the row cannot be read: {e}") });
                continue;
            }
        }
        let line = lines.at_byte(rec.position().map_or(0, |p| p.byte() as usize));
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match read_row(&layout, &rec, headers.len(), &mut memo) {
            Ok(mut c) => {
                c.line = line;
                parsed.contacts.push(c);
            }
            Err(message) => parsed.bad.push(BadRow { line, message }),
        }
    }
    Ok(parsed)
}

/// The physical line a record starts on. csv's own line count stops short on CRLF files (a record's position is
/// the `\n` of the CRLF before it), so lines are counted here, from the record's first byte.
struct Lines<'t> {
    text: &'t [u8],
    /// Counted up to this byte, which is on `line`.
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn at_byte(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text[self.at..start].iter().filter(|b| **b == b'\n').count();
        self.at = start;
        self.line
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().flexible(true).has_headers(true).delimiter(separator(text)).from_reader(text.as_bytes())
}

/// The separator a sheet uses: `,`, or `;` (what a spreadsheet in a comma-decimal locale writes) or a tab, when its
/// header line has more of those than commas (outside quotes).
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))) {
        Some((1, n)) if *n > 0 => b';',
        Some((2, n)) if *n > 0 => b'\t',
        _ => b',',
    }
}

/// The sheet in a file's text: bare-CR line ends (an old Mac's) read as line ends, and a preamble before the header
/// (LinkedIn's "Notes:" paragraph) blanked — each a character or a line for one, so line numbers stay right.
fn sheet_of(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let text = if text.contains('\r') && !text.contains('\n') {
        std::borrow::Cow::Owned(text.replace('\r', "\n"))
    } else {
        text
    };
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("").trim();
    let opens_a_note = first.ends_with(':') && !first.contains([',', ';', '\t']);
    if !opens_a_note {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_preamble = true;
    for line in text.split_inclusive('\n') {
        if in_preamble {
            in_preamble = !line.trim().is_empty();
            out.push_str(if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            });
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn bad_csv(e: csv::Error) -> Error {
    match e.position() {
        Some(p) => Error::BadFile(format!("line {}: {e}", p.line())),
        None => Error::BadFile(e.to_string()),
    }
}

/// Column indexes by lower-cased header; the first of two same-named columns wins.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn new(headers: &StringRecord) -> Self {
        let mut map = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            map.entry(h.trim().to_lowercase()).or_insert(i);
        }
        Columns(map)
    }

    /// The first of `names` the file has.
    fn get(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.0.get(&n.to_lowercase()).copied())
    }
}

enum Layout {
    Google(GoogleLayout),
    Outlook(OutlookLayout),
    Mapped(MappedLayout),
}

fn cell(rec: &StringRecord, at: Option<usize>) -> &str {
    at.and_then(|i| rec.get(i)).map_or("", str::trim)
}

/// The parts present, joined by a space.
fn joined(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Values of a cell holding several, Google style: `a@example.com ::: b@example.com`.
fn multi(text: &str) -> impl Iterator<Item = &str> {
    text.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

fn some(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// Labels and groups repeat on every row ("* Home", "Customers"): each is worked out once per file.
#[derive(Default)]
struct Memo {
    labels: HashMap<String, Option<String>>,
    tags: HashMap<String, Option<String>>,
}

impl Memo {
    fn label(&mut self, raw: &str) -> Option<String> {
        cached(&mut self.labels, raw, label_text)
    }

    fn tag(&mut self, raw: &str) -> Option<String> {
        cached(&mut self.tags, raw, to_tag)
    }
}

fn cached(memo: &mut HashMap<String, Option<String>>, raw: &str, work: fn(&str) -> Option<String>) -> Option<String> {
    if let Some(done) = memo.get(raw) {
        return done.clone();
    }
    let done = work(raw);
    // A file of all-different labels should not grow the memo without end.
    if memo.len() < 4096 {
        memo.insert(raw.to_string(), done.clone());
    }
    done
}

/// A notes cell; Outlook ends its lines with CRLF inside the quotes.
fn note(text: &str) -> Option<String> {
    some(text).map(|t| t.replace("\r\n", "\n"))
}

fn read_row(
    layout: &Layout,
    rec: &StringRecord,
    width: usize,
    memo: &mut Memo,
) -> std::result::Result<Contact, String> {
    let ragged = rec.len() != width;
    if ragged && rec.iter().any(|f| f.contains('\n')) {
        return Err(format!(
            "the row has {} fields where the header has {width}, and a field runs over several lines: a quote (\") \
             is probably not closed",
            rec.len()
        ));
    }
    let mut c = match layout {
        Layout::Google(l) => l.read(rec, memo),
        Layout::Outlook(l) => l.read(rec, memo),
        Layout::Mapped(l) => l.read(rec, memo)?,
    };
    if c.name.is_empty() {
        c.name = c.preferred_name.clone().or_else(|| c.company.clone()).unwrap_or_default();
        if c.preferred_name == Some(c.name.clone()) {
            c.preferred_name = None;
        }
    }
    if !c.named_from_what_it_has() {
        let why = if ragged {
            format!("no name (and the row has {} fields where the header has {width})", rec.len())
        } else {
            "no name, email or phone (no name, first or last name, nickname, company, email or phone)".to_string()
        };
        return Err(why);
    }
    Ok(c)
}

/// Sets the birthday, or adds its line to the notes when it has no year or cannot be read.
fn set_birthday(c: &mut Contact, text: &str, date_format: Option<&str>) {
    let t = text.trim();
    if t.is_empty() || t.starts_with("0/0/") {
        return; // Outlook writes 0/0/00 for "none".
    }
    let read = match read_date(t, date_format) {
        Some(d) if crate::time::date_in_range(d).is_ok() => Birthday::Date(d),
        _ => read_birthday(t, None),
    };
    match read {
        Birthday::Date(d) | Birthday::Yearless(d) => c.birthday = Some(d),
        Birthday::Note(n) => {
            c.notes = Some(match c.notes.take() {
                Some(old) => format!("{old}\n\n{n}"),
                None => n,
            })
        }
        Birthday::None => {}
    }
}

/// A date as `format` writes it, or (without one) in a common form; years outside 1900–2100 are not read (a
/// two-digit year read by `%Y` would be year 24).
fn read_date(text: &str, format: Option<&str>) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(f) = format {
        return NaiveDate::parse_from_str(t, f)
            .ok()
            .or_else(|| NaiveDateTime::parse_from_str(t, f).ok().map(|d| d.date()));
    }
    let formats = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%B %d, %Y"];
    let read = |t: &str| {
        formats.iter().filter_map(|f| NaiveDate::parse_from_str(t, f).ok()).find(|d| (1900..=2100).contains(&d.year()))
    };
    // "03/14/2024 10:30 AM" or "2024-03-14T10:30:00": the date is the first word.
    read(t).or_else(|| t.split([' ', 'T']).next().and_then(read))
}

// ----- Google -----

struct AddressColumns {
    label: Option<usize>,
    formatted: Option<usize>,
    /// PO box, extended address, street, city, region, postal code, country (vCard's order).
    parts: [Option<usize>; 7],
}

struct GoogleLayout {
    name: Option<usize>,
    /// Prefix, first, middle, last, suffix.
    parts: [Option<usize>; 5],
    nickname: Option<usize>,
    company: Option<usize>,
    notes: Option<usize>,
    groups: Option<usize>,
    birthday: Option<usize>,
    time_zone: Option<usize>,
    rapport_id: Option<usize>,
    emails: Vec<(Option<usize>, usize)>,
    phones: Vec<(Option<usize>, usize)>,
    addresses: Vec<AddressColumns>,
}

/// Google numbers its repeated columns from 1 ("E-mail 1 - Value", "E-mail 2 - Value" …).
const MOST_NUMBERED: usize = 50;

impl GoogleLayout {
    fn new(cols: &Columns) -> Self {
        let pairs = |what: &str| -> Vec<(Option<usize>, usize)> {
            (1..=MOST_NUMBERED)
                .filter_map(|n| {
                    let value = cols.get(&[&format!("{what} {n} - Value")])?;
                    let label = cols.get(&[&format!("{what} {n} - Label"), &format!("{what} {n} - Type")]);
                    Some((label, value))
                })
                .collect()
        };
        let addresses = (1..=MOST_NUMBERED)
            .map(|n| {
                let col = |suffix: &str| cols.get(&[&format!("Address {n} - {suffix}")]);
                AddressColumns {
                    label: col("Label").or_else(|| col("Type")),
                    formatted: col("Formatted"),
                    parts: [
                        col("PO Box"),
                        col("Extended Address"),
                        col("Street"),
                        col("City"),
                        col("Region"),
                        col("Postal Code"),
                        col("Country"),
                    ],
                }
            })
            .filter(|a| a.formatted.is_some() || a.parts.iter().any(Option::is_some))
            .collect();
        GoogleLayout {
            name: cols.get(&["Name"]),
            parts: [
                cols.get(&["Name Prefix"]),
                cols.get(&["First Name", "Given Name"]),
                cols.get(&["Middle Name", "Additional Name"]),
                cols.get(&["Last Name", "Family Name"]),
                cols.get(&["Name Suffix"]),
            ],
            nickname: cols.get(&["Nickname"]),
            company: cols.get(&["Organization Name", "Organization 1 - Name"]),
            notes: cols.get(&["Notes"]),
            groups: cols.get(&["Labels", "Group Membership"]),
            birthday: cols.get(&["Birthday"]),
            time_zone: cols.get(&["Time Zone"]),
            rapport_id: cols.get(&["Rapport ID"]),
            emails: pairs("E-mail"),
            phones: pairs("Phone"),
            addresses,
        }
    }

    fn read(&self, rec: &StringRecord, memo: &mut Memo) -> Contact {
        let get = |at| cell(rec, at);
        let mut name = get(self.name).to_string();
        if name.is_empty() {
            name = joined(&self.parts.map(get));
        }
        let [prefix, given, additional, family, suffix] = self.parts.map(get);
        let name_parts = NameParts::given_as(prefix, given, additional, family, suffix).filter(|p| p.describe(&name));
        let mut c = Contact {
            name,
            name_parts,
            preferred_name: some(get(self.nickname)),
            company: some(get(self.company)),
            notes: note(get(self.notes)),
            ..Contact::default()
        };
        for &(label, value) in &self.emails {
            google_values(get(label), get(Some(value)), &mut c.emails, memo);
        }
        for &(label, value) in &self.phones {
            google_values(get(label), get(Some(value)), &mut c.phones, memo);
        }
        for a in &self.addresses {
            let start = c.addresses.len();
            let (lines, parts) = google_addresses(a, &get);
            google_values(get(a.label), &lines.join(" ::: "), &mut c.addresses, memo);
            // Parts go with their address only when each line came out as one value (a line never holds " ::: ").
            if c.addresses.len() - start == parts.len() {
                for (l, p) in c.addresses[start..].iter_mut().zip(parts) {
                    l.parts = p;
                }
            }
        }
        for g in multi(get(self.groups)) {
            if let Some(tag) = memo.tag(g) {
                push_tag(&mut c.tags, tag);
            }
        }
        set_birthday(&mut c, get(self.birthday), None);
        let tz = get(self.time_zone);
        if !tz.is_empty() && crate::time::parse_zone(tz).is_ok() {
            c.time_zone = Some(tz.to_string());
        }
        c.rapport_id = some(get(self.rapport_id));
        c
    }
}

/// One Google address column group's addresses, each on one line, with its parts when the file has them (the
/// "Formatted" cell when there is one, else the line made of the parts). Several addresses sharing the group are
/// separated by " ::: " in every cell; their parts are kept only when every part cell has as many as the lines.
fn google_addresses<'r>(
    a: &AddressColumns,
    get: &impl Fn(Option<usize>) -> &'r str,
) -> (Vec<String>, Vec<Option<AddressParts>>) {
    let split = |text: &'r str| -> Vec<&'r str> {
        if text.trim().is_empty() {
            Vec::new()
        } else {
            text.split(":::").map(str::trim).collect()
        }
    };
    let cells: Vec<Vec<&str>> = a.parts.iter().map(|&p| split(get(p))).collect();
    let count = cells.iter().map(Vec::len).max().unwrap_or(0);
    let aligned = cells.iter().all(|c| c.is_empty() || c.len() == count);
    let parts: Vec<Option<AddressParts>> = (0..count)
        .map(|i| {
            let part = |c: &Vec<&'r str>| c.get(i).copied().unwrap_or("");
            if aligned {
                AddressParts::given_as(&cells.iter().map(part).collect::<Vec<_>>())
            } else {
                None
            }
        })
        .collect();
    let formatted: Vec<String> = multi(get(a.formatted))
        .map(|f| f.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "))
        .collect();
    if !formatted.is_empty() {
        let parts = if formatted.len() == parts.len() { parts } else { vec![None; formatted.len()] };
        return (formatted, parts);
    }
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    for (i, p) in parts.into_iter().enumerate() {
        let line = match &p {
            Some(p) => p.line(),
            // Parts that do not line up: each cell's i-th value, as before.
            None if !aligned => {
                AddressParts::given_as(&cells.iter().map(|c| c.get(i).copied().unwrap_or("")).collect::<Vec<_>>())
                    .map(|p| p.line())
                    .unwrap_or_default()
            }
            None => String::new(),
        };
        if !line.is_empty() {
            lines.push(line);
            kept.push(p);
        }
    }
    (lines, kept)
}

/// A Google label cell and its value cell: several values share the label, or each has its own (` ::: ` in
/// both); `* Home` is "home" and marks the (first) value preferred.
fn google_values(labels: &str, values: &str, out: &mut Vec<Labeled>, memo: &mut Memo) {
    let labels: Vec<&str> = multi(labels).collect();
    for (i, value) in multi(values).enumerate() {
        let (raw, first) =
            if labels.len() > 1 { (labels.get(i).copied(), true) } else { (labels.first().copied(), i == 0) };
        let raw = raw.unwrap_or("");
        let preferred = raw.starts_with('*') && first;
        out.push(Labeled {
            label: memo.label(raw.trim_start_matches('*')),
            value: value.to_string(),
            preferred,
            parts: None,
        });
    }
}

// ----- Outlook -----

struct OutlookLayout {
    /// Title (prefix), first, middle, last, suffix.
    parts: [Option<usize>; 5],
    name: Option<usize>,
    nickname: Option<usize>,
    company: Option<usize>,
    notes: Option<usize>,
    categories: Option<usize>,
    birthday: Option<usize>,
    /// Thunderbird writes the birthday as three columns: year, month, day.
    birth_parts: [Option<usize>; 3],
    emails: Vec<usize>,
    phones: Vec<(&'static str, bool, usize)>,
    addresses: Vec<(&'static str, Vec<Option<usize>>)>,
    /// Outlook's "Job Title", LinkedIn's "Position", "URL" and "Connected On": lines of the note.
    about: Vec<(&'static str, usize)>,
}

impl OutlookLayout {
    fn new(cols: &Columns) -> Self {
        let phones = [
            ("Mobile Phone", "mobile", false),
            ("Primary Phone", "", true),
            ("Business Phone", "work", false),
            ("Business Phone 2", "work", false),
            ("Home Phone", "home", false),
            ("Home Phone 2", "home", false),
            ("Company Main Phone", "main", false),
            ("Other Phone", "other", false),
            ("Car Phone", "car", false),
            ("Pager", "pager", false),
            ("Business Fax", "work fax", false),
            ("Home Fax", "home fax", false),
            ("Other Fax", "fax", false),
            ("Assistant's Phone", "assistant", false),
            // Thunderbird's names for the same things.
            ("Work Phone", "work", false),
            ("Mobile Number", "mobile", false),
            ("Fax Number", "fax", false),
            ("Pager Number", "pager", false),
        ];
        // Outlook's "Business Street", "Home City" …; Thunderbird's "Work Address", "Home ZipCode" ….
        let addresses =
            [("Business", "work"), ("Work", "work"), ("Home", "home"), ("Other", "other")].map(|(prefix, label)| {
                let col = |suffix: &str| cols.get(&[&format!("{prefix} {suffix}")]);
                // PO box, street 2 and 3 (as extended), street, city, state, postal code, country.
                let parts = vec![
                    col("Address PO Box").or_else(|| col("PO Box")),
                    col("Street 2").or_else(|| col("Address 2")),
                    col("Street 3"),
                    col("Street").or_else(|| col("Address")),
                    col("City"),
                    col("State"),
                    col("Postal Code").or_else(|| col("ZipCode")),
                    col("Country/Region").or_else(|| col("Country")),
                ];
                (label, parts)
            });
        OutlookLayout {
            parts: [
                cols.get(&["Title"]),
                cols.get(&["First Name"]),
                cols.get(&["Middle Name"]),
                cols.get(&["Last Name"]),
                cols.get(&["Suffix"]),
            ],
            name: cols.get(&["Name", "Display Name"]),
            nickname: cols.get(&["Nickname"]),
            company: cols.get(&["Company", "Organization"]),
            notes: cols.get(&["Notes"]),
            categories: cols.get(&["Categories"]),
            birthday: cols.get(&["Birthday"]),
            birth_parts: [cols.get(&["Birth Year"]), cols.get(&["Birth Month"]), cols.get(&["Birth Day"])],
            about: [
                ("Job title", "Job Title"),
                ("Job title", "Position"),
                ("LinkedIn", "URL"),
                ("Connected on LinkedIn", "Connected On"),
            ]
            .iter()
            .filter_map(|&(what, h)| Some((what, cols.get(&[h])?)))
            .collect(),
            emails: [
                "E-mail Address",
                "E-mail 2 Address",
                "E-mail 3 Address",
                "Primary Email",
                "Secondary Email",
                "Email Address",
            ]
            .iter()
            .filter_map(|h| cols.get(&[h]))
            .collect(),
            phones: phones.iter().filter_map(|&(h, label, pref)| Some((label, pref, cols.get(&[h])?))).collect(),
            addresses: addresses.into_iter().filter(|(_, parts)| parts.iter().any(Option::is_some)).collect(),
        }
    }

    fn read(&self, rec: &StringRecord, memo: &mut Memo) -> Contact {
        let get = |at| cell(rec, at);
        let mut name = joined(&self.parts.map(get));
        if name.is_empty() {
            name = get(self.name).to_string();
        }
        let [prefix, given, additional, family, suffix] = self.parts.map(get);
        let name_parts = NameParts::given_as(prefix, given, additional, family, suffix).filter(|p| p.describe(&name));
        let mut c = Contact {
            name,
            name_parts,
            preferred_name: some(get(self.nickname)),
            company: some(get(self.company)),
            notes: note(get(self.notes)),
            ..Contact::default()
        };
        let about: Vec<String> =
            self.about.iter().filter_map(|&(what, at)| some(get(Some(at))).map(|v| format!("{what}: {v}"))).collect();
        if !about.is_empty() {
            let mut lines: Vec<String> = c.notes.take().into_iter().collect();
            lines.extend(about);
            c.notes = Some(lines.join("\n"));
        }
        for &e in &self.emails {
            if let Some(value) = some(get(Some(e))) {
                c.emails.push(Labeled { label: None, value, preferred: false, parts: None });
            }
        }
        for &(label, preferred, at) in &self.phones {
            let value = get(Some(at));
            // "Primary Phone" usually repeats one of the others: it only marks that one preferred.
            if let Some(same) = c.phones.iter_mut().find(|p| p.value == value) {
                same.preferred |= preferred;
            } else if !value.is_empty() {
                c.phones.push(Labeled { label: some(label), value: value.to_string(), preferred, parts: None });
            }
        }
        for (label, parts) in &self.addresses {
            let p: Vec<&str> = parts.iter().map(|&at| get(at)).collect();
            // Street 2 and 3 are further lines of the street.
            let street = [p[3], p[1], p[2]].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("\n");
            if let Some(parts) = AddressParts::given_as(&[p[0], "", &street, p[4], p[5], p[6], p[7]]) {
                c.addresses.push(Labeled {
                    label: some(label),
                    value: parts.line(),
                    preferred: false,
                    parts: Some(parts),
                });
            }
        }
        for t in get(self.categories).split([';', ',']) {
            if let Some(tag) = memo.tag(t) {
                push_tag(&mut c.tags, tag);
            }
        }
        set_birthday(&mut c, get(self.birthday), None);
        if let [Some(y), Some(m), Some(d)] = self.birth_parts.map(|at| some(get(at))) {
            let (m, d) = (m.parse::<u32>().unwrap_or(0), d.parse::<u32>().unwrap_or(0));
            set_birthday(&mut c, &format!("{y}-{m:02}-{d:02}"), Some("%Y-%m-%d"));
        }
        c
    }
}

// ----- Mapped -----

struct MappedLayout {
    /// Column index and header, by field.
    cols: BTreeMap<Field, (usize, String)>,
    date_format: Option<String>,
}

impl MappedLayout {
    fn new(m: &Mapping, headers: &StringRecord, cols: &Columns) -> Result<Self> {
        let mut found = BTreeMap::new();
        for (&field, header) in &m.columns {
            let at = cols.get(&[header.trim()]).or_else(|| headers.iter().position(|h| squash(h) == squash(header)));
            let Some(at) = at else {
                return Err(Error::invalid("mapping", format!("the file has no column '{header}'")));
            };
            found.insert(field, (at, headers.get(at).unwrap_or_default().trim().to_string()));
        }
        let named = [Field::Name, Field::FirstName, Field::LastName, Field::Nickname, Field::Company];
        if !named.iter().any(|f| found.contains_key(f)) {
            return Err(Error::invalid(
                "mapping",
                "choose the column with the name (or first name, last name, nickname or company)",
            ));
        }
        if let Some(f) = &m.date_format {
            if f.trim().is_empty() || StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
                return Err(Error::invalid(
                    "date format",
                    format!("'{f}' is not a date format Rapport can read; pick how the file writes 14 March 2024 (03/14/2024, 14/03/2024, 2024-03-14 …)"),
                ));
            }
        }
        Ok(MappedLayout { cols: found, date_format: m.date_format.clone().filter(|f| !f.trim().is_empty()) })
    }

    fn read(&self, rec: &StringRecord, memo: &mut Memo) -> std::result::Result<Contact, String> {
        let get = |f: Field| cell(rec, self.cols.get(&f).map(|(i, _)| *i));
        let header = |f: Field| self.cols.get(&f).map_or("", |(_, h)| h.as_str());
        let mut name = get(Field::Name).to_string();
        if name.is_empty() {
            name = joined(&[get(Field::FirstName), get(Field::LastName)]);
        }
        let mut c = Contact {
            name,
            preferred_name: some(get(Field::Nickname)),
            company: some(get(Field::Company)),
            notes: note(get(Field::Notes)),
            ..Contact::default()
        };
        let several = |text: &str| -> Vec<String> {
            text.split(":::")
                .flat_map(|v| v.split([';', ',']))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
                .collect()
        };
        for value in several(get(Field::Email)) {
            c.emails.push(Labeled { label: None, value, preferred: false, parts: None });
        }
        for (field, label) in [(Field::Mobile, Some("mobile")), (Field::Phone, None)] {
            for value in multi(get(field)) {
                let label = label.map(String::from);
                c.phones.push(Labeled { label, value: value.to_string(), preferred: false, parts: None });
            }
        }
        for value in multi(get(Field::Address)) {
            let value = value.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
            c.addresses.push(Labeled { label: None, value, preferred: false, parts: None });
        }
        for t in several(get(Field::Tags)) {
            if let Some(tag) = memo.tag(&t) {
                push_tag(&mut c.tags, tag);
            }
        }
        let tz = get(Field::TimeZone);
        if !tz.is_empty() {
            crate::time::parse_zone(tz).map_err(|m| format!("{}: {m}", header(Field::TimeZone)))?;
            c.time_zone = Some(tz.to_string());
        }
        set_birthday(&mut c, get(Field::Birthday), self.date_format.as_deref());
        c.purchase = self.purchase(rec)?;
        Ok(c)
    }

    fn purchase(&self, rec: &StringRecord) -> std::result::Result<Option<ContactPurchase>, String> {
        let get = |f: Field| cell(rec, self.cols.get(&f).map(|(i, _)| *i));
        let header = |f: Field| self.cols.get(&f).map_or("", |(_, h)| h.as_str());
        let fields =
            [Field::Vehicle, Field::Year, Field::Make, Field::Model, Field::Trim, Field::Vin, Field::PurchasedOn];
        if fields.iter().all(|&f| get(f).is_empty()) {
            return Ok(None);
        }
        let mut v = Vehicle {
            year: None,
            make: some(get(Field::Make)),
            model: some(get(Field::Model)),
            trim: some(get(Field::Trim)),
            vin: None,
        };
        let year = get(Field::Year);
        if !year.is_empty() {
            match year.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => v.year = Some(y),
                _ => return Err(format!("{}: '{}' is not a model year", header(Field::Year), cut(year))),
            }
        }
        let vin = get(Field::Vin);
        if !vin.is_empty() {
            let upper = vin.to_ascii_uppercase();
            if upper.len() != 17 || !upper.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("{}: '{}' is not a VIN (17 letters and digits)", header(Field::Vin), cut(vin)));
            }
            v.vin = Some(upper);
        }
        let on = get(Field::PurchasedOn);
        let purchased_on = if on.is_empty() {
            None
        } else {
            let Some(d) = read_date(on, self.date_format.as_deref()) else {
                let like = match &self.date_format {
                    // The format as the file would write 14 March 2024 ("03/14/2024"), not chrono's "%m/%d/%Y".
                    Some(f) => {
                        format!("written like {}", NaiveDate::from_ymd_opt(2024, 3, 14).unwrap_or_default().format(f))
                    }
                    None => "like 2024-03-14 or 03/14/2024".to_string(),
                };
                return Err(format!("{}: '{}' is not a date ({like})", header(Field::PurchasedOn), cut(on)));
            };
            Some(d)
        };
        let text = get(Field::Vehicle);
        if v.make.is_none() && v.model.is_none() {
            read_vehicle_text(text, &mut v);
        }
        let year_text = v.year.map(|y| y.to_string()).unwrap_or_default();
        let parts = [get(Field::Make), get(Field::Model), get(Field::Trim)];
        let description = if parts.iter().any(|p| !p.is_empty()) {
            joined(&[&year_text, parts[0], parts[1], parts[2]])
        } else if !text.is_empty() {
            text.to_string()
        } else if let Some(vin) = &v.vin {
            format!("VIN {vin}")
        } else {
            joined(&[&year_text, "vehicle"])
        };
        Ok(Some(ContactPurchase { description, vehicle: v, purchased_on }))
    }
}

/// "2024 Subaru Outback Touring" → year 2024 (unless a Year column gave one), make Subaru, model "Outback
/// Touring": the sheet does not say where the model ends and the trim begins, so the rest is the model.
fn read_vehicle_text(text: &str, v: &mut Vehicle) {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if let Some(y) = words.first().and_then(|w| w.parse::<i32>().ok()).filter(|y| (1900..=2100).contains(y)) {
        v.year = v.year.or(Some(y));
        words.remove(0);
    }
    let two_word = ["land rover", "alfa romeo", "aston martin", "rolls royce"];
    let make_words = match words.as_slice() {
        [a, b, ..] if two_word.contains(&format!("{a} {b}").to_lowercase().as_str()) => 2,
        [_, ..] => 1,
        [] => 0,
    };
    if make_words > 0 && words.len() > make_words {
        v.make = Some(words[..make_words].join(" "));
        v.model = Some(words[make_words..].join(" "));
    }
}

/// A value short enough for a message (a field can be a megabyte).
fn cut(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

// ----- Writing -----

const GOOGLE_HEAD: [&str; 17] = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
];

const ADDRESS_PARTS: [&str; 9] =
    ["Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country", "Extended Address"];

/// Values of one kind sharing a label, as one Google column pair: label cell ("* home" when one is
/// preferred — it then comes first) and the values. An address is a group of its own, so its parts stay with it.
struct Group<'a> {
    label: String,
    values: Vec<&'a ContactPoint>,
}

fn groups(r: &CustomerRecord, kind: ContactKind) -> Vec<Group<'_>> {
    let mut pts: Vec<_> = points(r, kind).collect();
    pts.sort_by_key(|p| !p.preferred);
    let mut out: Vec<(Option<&str>, bool, Vec<&ContactPoint>)> = Vec::new();
    for p in pts {
        let label = p.label.as_deref().map(str::trim).filter(|l| !l.is_empty());
        match out.iter_mut().find(|(l, _, _)| *l == label && kind != ContactKind::Address) {
            Some((_, _, values)) => values.push(p),
            None => out.push((label, p.preferred, vec![p])),
        }
    }
    out.into_iter()
        .map(|(label, preferred, values)| {
            let label = label.unwrap_or("");
            Group { label: if preferred { format!("* {label}") } else { label.to_string() }, values }
        })
        .collect()
}

/// The customers as a Google Contacts CSV (current headers), so Google and Rapport both read it back: one
/// column pair per label (values sharing a label joined by " ::: "), tags as Google labels, and at the end the
/// whole name as the book writes it ("Name", Google's older header: a name written family name first stays so)
/// and Rapport's own "Rapport ID" and "Time Zone" columns, which a Google import ignores. CRLF, quoted as needed.
pub fn write(customers: &[CustomerRecord]) -> String {
    let all: Vec<[Vec<Group<'_>>; 3]> = customers
        .iter()
        .map(|r| [groups(r, ContactKind::Email), groups(r, ContactKind::Phone), groups(r, ContactKind::Address)])
        .collect();
    let most = |k: usize| all.iter().map(|g| g[k].len()).max().unwrap_or(0).max(1);
    let (emails, phones, addresses) = (most(0), most(1), most(2));
    let mut head: Vec<String> = GOOGLE_HEAD.iter().map(|h| h.to_string()).collect();
    for n in 1..=emails {
        head.extend([format!("E-mail {n} - Label"), format!("E-mail {n} - Value")]);
    }
    for n in 1..=phones {
        head.extend([format!("Phone {n} - Label"), format!("Phone {n} - Value")]);
    }
    for n in 1..=addresses {
        head.extend(ADDRESS_PARTS.iter().map(|p| format!("Address {n} - {p}")));
    }
    head.extend(["Name".to_string(), "Rapport ID".to_string(), "Time Zone".to_string()]);

    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(&head).expect("writing to memory");
    for (r, [email_groups, phone_groups, address_groups]) in customers.iter().zip(&all) {
        let c = &r.customer;
        let n = c.name_in_parts();
        let mut labels = vec!["* myContacts".to_string()];
        labels.extend(r.tags.iter().map(|t| t.tag.clone()));
        let mut row: Vec<String> = vec![String::new(); head.len()];
        // First, middle, last, prefix and suffix in their own columns (GOOGLE_HEAD's 0, 1, 2, 6 and 7).
        row[0] = n.given;
        row[1] = n.additional;
        row[2] = n.family;
        row[6] = n.prefix;
        row[7] = n.suffix;
        row[8] = c.preferred_name.clone().unwrap_or_default();
        row[10] = c.company.clone().unwrap_or_default();
        row[14] = joined_notes(r);
        row[16] = labels.join(" ::: ");
        if let (Some(b), Some(at)) = (super::contact::birthday_of(r), GOOGLE_HEAD.iter().position(|h| *h == "Birthday"))
        {
            // Google writes a birthday without a year as `--MM-DD`.
            let year_known = b.year() != super::contact::NO_YEAR;
            row[at] = if year_known { b.format("%Y-%m-%d") } else { b.format("--%m-%d") }.to_string();
        }
        let mut at = GOOGLE_HEAD.len();
        for (groups, columns) in [(email_groups, emails), (phone_groups, phones)] {
            for g in groups {
                row[at] = g.label.clone();
                row[at + 1] = g.values.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(" ::: ");
                at += 2;
            }
            at += 2 * (columns - groups.len());
        }
        for g in address_groups {
            // ADDRESS_PARTS' order: label, formatted, street, city, PO box, region, postal code, country, extended.
            let point = g.values[0];
            let a = point.address_in_parts();
            row[at] = g.label.clone();
            row[at + 1] = point.value.clone();
            for (i, part) in [&a.street, &a.locality, &a.po_box, &a.region, &a.postal_code, &a.country, &a.extended]
                .into_iter()
                .enumerate()
            {
                row[at + 2 + i] = part.clone();
            }
            at += ADDRESS_PARTS.len();
        }
        let end = row.len();
        row[end - 3] = c.name.clone();
        row[end - 2] = c.id.clone();
        row[end - 1] = c.time_zone.clone().unwrap_or_default();
        w.write_record(&row).expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("written from strings")
}
