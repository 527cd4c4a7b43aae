//! The command line: for each subcommand, a few lines over `rapport-core` (its arguments are in `cli/args.rs`).
//!
//! Human text by default, stable JSON with `--json` (documented in `docs/CLI.md`). Errors are one line naming
//! what is wrong, with a non-zero exit, and nothing half-written (every write is one transaction).

mod any_book;
mod args;
mod shared;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use rapport_core::date_style::DateStyle;
use rapport_core::model::*;
use rapport_core::store::Passphrase;
use rapport_core::{time, Book, Error, Store};
use serde::Serialize;

pub use args::*;
pub use shared::{run_shared, sign_in, sign_out, SignInTo};

use crate::present;

/// A command line clap could not read: help and version print as usual; a mistake is one line, exit 2.
pub fn usage_error(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("").trim_start_matches("error: ");
    let json = std::env::args().any(|a| a == "--json");
    if json {
        eprintln!("{}", serde_json::json!({ "error": { "code": "usage", "message": first } }));
    } else {
        eprintln!("rapport: {first} (see rapport --help)");
    }
    std::process::exit(2)
}

/// Prints one error line and exits non-zero.
pub fn fail(json: bool, code: &str, message: &str) -> ! {
    if json {
        eprintln!("{}", serde_json::json!({ "error": { "code": code, "message": message } }));
    } else {
        eprintln!("rapport: {message}");
    }
    std::process::exit(1)
}

/// Runs one subcommand; returns the exit code.
pub fn run(command: Command, db: &Path, user: Option<&str>, now: DateTime<Utc>, json_out: bool) -> i32 {
    let during = command_name(&command);
    // Days and times read in the salesperson's style (their profile's, or the system locale's) from here on.
    let opened = open_book(db).inspect(|s| drop(s.profile().map(|p| rapport_core::date_style::follow(&p))));
    let result = match (opened, command) {
        // The advice a damaged book gives is `rapport restore <backup>`: that must work without opening it.
        (Err(Error::NotADatabase { .. }), Command::Restore { file }) => restore_unopenable(db, &file, now, json_out),
        (opened, Command::Share { to }) => opened.and_then(|store| shared::share(&store, &to, user, now, json_out)),
        (opened, command) => opened.and_then(|mut store| execute(command, &mut store, now, json_out)),
    };
    finish(result, &during, json_out)
}

/// The command's name only (its arguments may be a customer's words), for the error log.
fn command_name(command: &Command) -> String {
    let debug = format!("{command:?}");
    debug.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("command").to_lowercase()
}

/// The exit code of a command that ended with `result`: an unexpected error goes to the error log, any error is one
/// line on standard error, and a command whose output was lost says so (exit 3).
fn finish(result: Result<(), Error>, during: &str, json_out: bool) -> i32 {
    if let Err(e) = &result {
        crate::error_log::record(e, during);
    }
    match result {
        Err(e) if OUTPUT_LOST.load(Ordering::Relaxed) => output_lost(json_out, &e),
        Ok(()) => 0,
        Err(e) => fail(json_out, e.code(), &e.to_string()),
    }
}

/// Set when writing to standard output failed (a closed pipe, a full disk under a redirect). The command's work may
/// already be saved by then — a customer added, a backup made — so that is not reported as "nothing was done".
static OUTPUT_LOST: AtomicBool = AtomicBool::new(false);

/// Exit code of a command that did its work but whose output could not be written.
pub const EXIT_OUTPUT_LOST: i32 = 3;

fn output_lost(json: bool, e: &Error) -> i32 {
    let message = format!(
        "the output could not be written ({}); what the command changed, if anything, is saved — see it with rapport \
         customers show or rapport backup --list",
        e.to_string().trim_start_matches("file: ")
    );
    if json {
        eprintln!("{}", serde_json::json!({ "error": { "code": "output_lost", "message": message } }));
    } else {
        eprintln!("rapport: {message}");
    }
    EXIT_OUTPUT_LOST
}

/// Standard output that remembers a failed write (see [`OUTPUT_LOST`]).
struct Out(std::io::StdoutLock<'static>);

impl Out {
    fn new() -> Out {
        Out(std::io::stdout().lock())
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).inspect_err(|_| OUTPUT_LOST.store(true, Ordering::Relaxed))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().inspect_err(|_| OUTPUT_LOST.store(true, Ordering::Relaxed))
    }
}

/// Opens the book, with its passphrase when it has one: `RAPPORT_PASSPHRASE`, or typed when asked on a terminal.
fn open_book(db: &Path) -> Result<Store, Error> {
    use std::io::IsTerminal;
    let wrong = || Error::WrongPassphrase { path: db.to_path_buf() };
    if let Some(given) = std::env::var("RAPPORT_PASSPHRASE").ok().filter(|p| !p.is_empty()) {
        let key = Passphrase::new(&given).map_err(|_| wrong())?;
        return Store::open_with(db, Some(&key));
    }
    match Store::open(db) {
        Err(Error::Encrypted { .. }) if std::io::stdin().is_terminal() => {
            let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let typed = rpassword::prompt_password(format!("Passphrase for {name}: "))?;
            let key = Passphrase::new(&typed).map_err(|_| wrong())?;
            Store::open_with(db, Some(&key))
        }
        other => other,
    }
}

/// A new passphrase: `RAPPORT_NEW_PASSPHRASE`, or typed twice on a terminal.
fn new_passphrase() -> Result<Passphrase, Error> {
    use std::io::IsTerminal;
    if let Some(given) = std::env::var("RAPPORT_NEW_PASSPHRASE").ok().filter(|p| !p.is_empty()) {
        return Passphrase::new(&given);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "passphrase",
            "give the new passphrase in RAPPORT_NEW_PASSPHRASE, or run this in a terminal to type it",
        ));
    }
    let first = rpassword::prompt_password("New passphrase (at least 8 characters): ")?;
    let key = Passphrase::new(&first)?;
    let again = rpassword::prompt_password("The same again: ")?;
    if Passphrase::new(&again).ok().as_ref() != Some(&key) {
        return Err(Error::invalid("passphrase", "the two did not match; nothing was changed"));
    }
    Ok(key)
}

fn restore_unopenable(db: &Path, file: &Path, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    let kept = rapport_core::store::backup::restore_unopenable(db, file, now)?;
    emit(j, &serde_json::json!({ "restored": file, "damaged_book_kept_as": kept }), || {
        format!("Restored {}. The damaged book is kept as {}", file.display(), kept.display())
    })
}

/// What a command prints: JSON with `--json`, else the text.
/// Human text for a terminal: control characters a customer's name or note might carry (an escape sequence that
/// recolours or rewrites the screen) are shown as `�`; line breaks and tabs stay.
fn for_terminal(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

fn emit<T: Serialize>(json_out: bool, value: &T, text: impl FnOnce() -> String) -> Result<(), Error> {
    let mut out = Out::new();
    if json_out {
        // Standard output flushes at every line, and pretty JSON is a line a value: a month's agenda was a
        // million writes. In blocks of 64 KiB it is a few hundred.
        // Indented for a person at a terminal; compact for a program reading a pipe or a file (a month's agenda is
        // a third smaller, and the reader parses it either way).
        let for_a_person = std::io::IsTerminal::is_terminal(&std::io::stdout());
        let mut blocks = std::io::BufWriter::with_capacity(1 << 16, &mut out);
        let written = if for_a_person {
            serde_json::to_writer_pretty(&mut blocks, value)
        } else {
            serde_json::to_writer(&mut blocks, value)
        };
        written.map_err(|e| Error::Io(e.into()))?;
        writeln!(blocks)?;
        blocks.flush()?;
    } else {
        let t = for_terminal(&text());
        write!(out, "{t}")?;
        if !t.ends_with('\n') {
            writeln!(out)?;
        }
    }
    Ok(out.flush()?)
}

fn execute(command: Command, store: &mut Store, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    match command {
        Command::Customers(cmd) => customers(cmd, store, now, j),
        Command::Users(_) => Err(shared::only_there("users")),
        Command::SignIn { .. } => Err(shared::only_there("sign-in")),
        // Handled before any book opens (lib.rs): signing out needs none.
        Command::SignOut => Ok(()),
        Command::Share { .. } => {
            Err(Error::invalid("command", "share moves the book it opened; see rapport share --help"))
        }
        Command::Passphrase(cmd) => {
            let (new, done) = match (cmd, store.is_encrypted()) {
                (PassphraseCmd::Set, false) => (Some(new_passphrase()?), "encrypted"),
                (PassphraseCmd::Change, true) => (Some(new_passphrase()?), "given its new passphrase"),
                (PassphraseCmd::Remove, true) => (None, "kept plain"),
                (PassphraseCmd::Set, true) => {
                    return Err(Error::invalid("passphrase", "the book is encrypted already; use passphrase change"))
                }
                (_, false) => return Err(Error::invalid("passphrase", "the book has no passphrase")),
            };
            let r = store.set_passphrase(new)?;
            emit(j, &r, || {
                let mut o = format!(
                    "Your book is {done}, and {} backup{} with it.",
                    r.backups,
                    if r.backups == 1 { "" } else { "s" }
                );
                if !r.left_as_they_were.is_empty() {
                    o += &format!(
                        " These backups could not be opened with the old passphrase and are as they were: {}",
                        r.left_as_they_were.join(", ")
                    );
                }
                o
            })
        }
        Command::Backup { list: true } => {
            let all = store.backups()?;
            emit(j, &all, || present::backups(&all, &store.backup_folder()))
        }
        Command::Backup { list: false } => {
            let b = store.backup(now)?;
            emit(j, &b, || format!("Backed up to {}", b.path.display()))
        }
        Command::Restore { file } => {
            let before = store.restore(&file, now)?;
            emit(j, &serde_json::json!({ "restored": file, "previous_book_saved_as": before.name }), || {
                format!("Restored {}. The book as it was is saved as {}", file.display(), before.path.display())
            })
        }
        Command::Generate { customers } => {
            rapport_core::sample::fill(store, customers, now)?;
            emit(j, &serde_json::json!({ "customers": customers }), || format!("Generated {customers} customers"))
        }
        Command::Demo => {
            let summary = store.load_demo(now)?;
            emit(j, &summary, || format!("Wrote the demo book: {} customers", summary.customers))
        }
        // What either kind of book does.
        other => {
            let beside = store.path().to_path_buf();
            any_book::run(other, store, &beside, now, j)
        }
    }
}

/// A customer's fields after `customers edit`: a flag not given keeps the old value; an empty one clears it.
fn edited(old: Customer, name: Option<String>, fields: CustomerFields) -> NewCustomer {
    let keep = |new: Option<String>, old: Option<String>| new.or(old);
    NewCustomer {
        name: name.unwrap_or(old.name),
        preferred_name: keep(fields.preferred, old.preferred_name),
        time_zone: keep(fields.time_zone, old.time_zone),
        how_we_met: keep(fields.how_we_met, old.how_we_met),
        company: keep(fields.company, old.company),
        household: keep(fields.household, old.household),
    }
}

fn customers(cmd: CustomersCmd, store: &mut Store, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    match cmd {
        CustomersCmd::Edit { id, name, fields } => {
            let id = store.lookup_customer(&id)?;
            let input = edited(store.customer(&id)?, name, fields);
            let c = store.edit_customer(&id, input, now)?;
            emit(j, &c, || format!("Saved {} ({})", c.name, c.id))
        }
        CustomersCmd::Reassign { .. } => Err(shared::only_there("customers reassign")),
        other => any_book::customers(other, store, now, j),
    }
}

/// `--dates` and `--clock` over the profile's style (see [`rapport_core::date_style::amend`]).
fn date_style_arg(
    chosen: Option<DateStyle>,
    dates: Option<&str>,
    clock: Option<&str>,
) -> Result<Option<DateStyle>, Error> {
    rapport_core::date_style::amend(chosen, dates, clock).map_err(|(field, m)| bad(field, m))
}

/// `09:00-19:00` as two clock times.
fn hours_arg(field: &str, h: &str) -> Result<(chrono::NaiveTime, chrono::NaiveTime), Error> {
    let (s, e) = h.split_once('-').ok_or_else(|| bad(field, format!("'{h}' must look like 08:30-17:30")))?;
    Ok((time::parse_clock(s).map_err(|m| bad(field, m))?, time::parse_clock(e).map_err(|m| bad(field, m))?))
}

fn bad(field: &str, message: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.to_string(), message: message.into() }
}

/// `--service "Oil change:6:3"`: name, every N months, how many in all.
fn parse_service(text: &str) -> Result<NewIncludedService, Error> {
    let parts: Vec<&str> = text.rsplitn(3, ':').collect();
    let err = || bad("service", format!("'{text}' must look like \"Oil change:6:3\" (name:every months:how many)"));
    if parts.len() != 3 {
        return Err(err());
    }
    Ok(NewIncludedService {
        name: parts[2].trim().to_string(),
        every_months: parts[1].trim().parse().map_err(|_| err())?,
        total: parts[0].trim().parse().map_err(|_| err())?,
        used: 0,
    })
}

/// `--deliverable "Plates:2026-12-01"` or just `--deliverable "Second key"`.
fn parse_deliverable(text: &str) -> Result<NewDeliverable, Error> {
    match text.rsplit_once(':') {
        Some((what, due)) if time::parse_date(due).is_ok() => {
            Ok(NewDeliverable { what: what.trim().to_string(), due_on: time::parse_date(due).ok() })
        }
        _ => Ok(NewDeliverable { what: text.trim().to_string(), due_on: None }),
    }
}

/// A moment typed for a customer: without an offset it is their local time (or UTC when their zone is unknown).
fn moment_for(book: &dyn Book, customer_id: &str, text: &str, field: &str) -> Result<DateTime<Utc>, Error> {
    let zone = book.customer(customer_id)?.time_zone.and_then(|z| time::parse_zone(&z).ok()).unwrap_or(time::Zone::UTC);
    time::parse_moment(text, zone).map_err(|m| bad(field, m))
}

/// A text from a file, or from standard input when there is none or it is `-`.
fn read_text(file: Option<PathBuf>) -> Result<String, Error> {
    match file.filter(|f| f.as_os_str() != "-") {
        Some(f) => {
            String::from_utf8(read_file(&f)?).map_err(|_| Error::BadFile(format!("{}: not UTF-8 text", f.display())))
        }
        None => {
            let mut t = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)
                .map_err(|_| Error::BadFile("standard input: not UTF-8 text".into()))?;
            Ok(t)
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    let len = std::fs::metadata(path).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))?.len();
    rapport_core::io::check_import_size(len).map_err(|e| in_file(path, e))?;
    std::fs::read(path).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))
}

fn in_file(path: &Path, e: Error) -> Error {
    Error::BadFile(format!("{}: {e}", path.display()))
}

/// Writes an export to `out` (whole or not at all) or to standard output.
/// An export never replaces a file unless asked: a mistyped `--out` must not destroy something else.
fn refuse_to_replace(out: Option<&Path>, force: bool) -> Result<(), Error> {
    match out {
        Some(p) if !force && std::fs::symlink_metadata(p).is_ok() => {
            Err(Error::BadFile(format!("{} already exists; give --force to replace it", p.display())))
        }
        _ => Ok(()),
    }
}

fn write_out(customers: usize, out: Option<PathBuf>, text: &str, j: bool) -> Result<(), Error> {
    match out {
        Some(path) => {
            write_whole(&path, text.as_bytes())?;
            if !j {
                eprintln!("Wrote {customers} customers to {}", path.display());
            }
            Ok(())
        }
        None => {
            let mut out = Out::new();
            out.write_all(text.as_bytes())?;
            Ok(out.flush()?)
        }
    }
}

/// Writes a file whole or not at all, naming it in the error.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    rapport_core::io::write_whole(path, bytes).map_err(|e| Error::BadFile(format!("{}: {e}", path.display())))
}
