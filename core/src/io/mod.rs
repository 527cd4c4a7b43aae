//! Moving the whole book in and out of files.

pub mod contact;
pub mod csv;
pub mod ics;
pub mod invite;
pub mod json;
pub mod mail;
pub mod vcard;

use std::io::Write;
use std::path::Path;

/// The formats a whole book goes out in, from the command line and the window alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Rapport's own: everything, for a backup or another machine (`docs/DATA-FORMAT.md`).
    Json,
    /// vCard 3.0, for a phone or a mail program.
    Vcard,
    /// Google's CSV layout, for a spreadsheet.
    Csv,
}

impl ExportFormat {
    /// `json`, `vcard` or `csv`.
    pub fn parse(name: &str) -> crate::Result<ExportFormat> {
        match name {
            "json" => Ok(ExportFormat::Json),
            "vcard" => Ok(ExportFormat::Vcard),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(crate::Error::invalid("format", format!("'{other}' is not json, vcard or csv"))),
        }
    }

    /// The file name extension a saved export gets.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Vcard => "vcf",
            ExportFormat::Csv => "csv",
        }
    }

    /// The whole book in this format.
    pub fn write(self, book: &crate::model::Book) -> String {
        match self {
            ExportFormat::Json => json::to_json(book),
            ExportFormat::Vcard => vcard::write(&book.customers),
            ExportFormat::Csv => csv::write(&book.customers),
        }
    }
}

/// The largest file an import reads: a 100,000-row Google export is about 20 MB, a phone's vCard with photos a few
/// hundred. Anything larger is read whole into memory, so it is refused with what to do instead.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// Refuses a file of `len` bytes that is larger than an import reads.
pub fn check_import_size(len: u64) -> crate::Result<()> {
    if len > MAX_IMPORT_BYTES {
        return Err(crate::Error::BadFile(format!(
            "the file is {} MB; Rapport imports files up to {} MB at a time — split it, or export without photos",
            len / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Writes a file whole or not at all: a `.partial` file beside it, synced, then renamed over the target.
/// Exports and the agenda's calendar file go through here, so a full disk never leaves half a file.
///
/// The `.partial` file is made new (never opened if something — a planted symlink — is already at its name) and
/// readable by its owner only: what customers told the salesperson stays theirs.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let (tmp, file) = new_partial(dir, name)?;
    let result = (|| {
        let mut f = file;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A new, owner-only `.partial` file beside the target: `.NAME.PID-N.partial`, the first name free.
fn new_partial(dir: &Path, name: &str) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.{}-{n}.partial", std::process::id()));
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!("could not make a temporary file beside {name}")))
}

/// A file dropped on the window (or given to `rapport log`) to log what happened: an email or a calendar
/// invitation.
#[derive(Debug, Clone)]
pub enum Happened {
    Email(mail::Email),
    Invitation(invite::Invitation),
}

impl Happened {
    /// Everyone the file names — the sender or organizer first, then the recipients or attendees — each once: whom
    /// an unmatched file can be logged with, once the salesperson adds them.
    pub fn people(&self) -> Vec<mail::Mailbox> {
        let all: Vec<&mail::Mailbox> = match self {
            Happened::Email(e) => e.from.iter().chain(&e.to).collect(),
            Happened::Invitation(i) => i.organizer.iter().chain(&i.attendees).collect(),
        };
        let mut out: Vec<mail::Mailbox> = Vec::new();
        for m in all {
            if !out.iter().any(|o| o.address.eq_ignore_ascii_case(&m.address)) {
                out.push(m.clone());
            }
        }
        out
    }

    /// Reads a file by its name's extension (`.ics`/`.ical`: an invitation; anything else an email) or, when the
    /// name says nothing, by its first line.
    pub fn read(bytes: &[u8], name: &str) -> crate::Result<Happened> {
        let lower = name.to_lowercase();
        let calendar = lower.ends_with(".ics")
            || lower.ends_with(".ical")
            || !lower.ends_with(".eml")
                && String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).trim_start().starts_with("BEGIN:VCALENDAR");
        if calendar {
            invite::read(bytes).map(Happened::Invitation)
        } else {
            mail::read(bytes).map(Happened::Email)
        }
    }
}
