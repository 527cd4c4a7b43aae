//! The command line's arguments: what each subcommand takes, as clap reads it. What the commands do is in
//! `cli/mod.rs`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Parser, Subcommand};
use rapport_core::model::*;
use rapport_core::time;

#[derive(Parser, Debug)]
#[command(name = "rapport", version, about = "Rapport: your customers, what they said, and reasons worth their time.")]
#[command(after_help = "Run without a subcommand to open the window.")]
pub struct Args {
    /// The database file (default: the OS data directory), or a dealership book's address
    /// (postgres://USER@HOST/DATABASE)
    // Empty (RAPPORT_DB= in a launcher) counts as not given: the usual book, or the one this computer remembers.
    #[arg(long, global = true, env = "RAPPORT_DB", value_name = "PATH|URL",
          value_parser = clap::builder::TypedValueParser::map(clap::builder::OsStringValueParser::new(), PathBuf::from))]
    pub db: Option<PathBuf>,
    /// Who signs in to a dealership book (their email); the password comes from RAPPORT_PASSWORD, or is typed
    #[arg(long, global = true, env = "RAPPORT_USER", value_name = "EMAIL")]
    pub user: Option<String>,
    /// What time it is, for tests and demos (RFC 3339, or YYYY-MM-DD[THH:MM] read as UTC)
    #[arg(long, global = true, env = "RAPPORT_NOW", value_name = "TIME")]
    pub now: Option<String>,
    /// Print stable JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// Start the window hidden, in the tray (what starting at login does)
    #[arg(long)]
    pub tray: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add, edit, list, show and search customers
    #[command(subcommand)]
    Customers(CustomersCmd),
    /// Phone numbers, emails and addresses
    #[command(subcommand, name = "contact-points")]
    ContactPoints(ContactPointsCmd),
    /// Personal facts the customer shared (hashtags in them become tags)
    #[command(subcommand)]
    Facts(FactsCmd),
    /// What the customer wants to achieve
    #[command(subcommand)]
    Goals(GoalsCmd),
    /// Your notes about a customer (hashtags in them become tags)
    #[command(subcommand)]
    Notes(NotesCmd),
    /// Tags set by hand
    #[command(subcommand)]
    Tags(TagsCmd),
    /// What the customer bought
    #[command(subcommand)]
    Purchases(PurchasesCmd),
    /// What you promised, and keeping it
    #[command(subcommand)]
    Promises(PromisesCmd),
    /// Problems the customer raised: open, update, resolve
    #[command(subcommand)]
    Issues(IssuesCmd),
    /// Contacts that happened, in either direction
    #[command(subcommand)]
    Interactions(InteractionsCmd),
    /// What the customer said about being contacted, in their words
    #[command(subcommand, name = "prefs")]
    Prefs(PrefsCmd),
    /// Your profile: name, dealership, time zone, working hours, signature
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Write the whole book to a file
    #[command(subcommand)]
    Export(ExportCmd),
    /// Read a whole book from a file
    #[command(subcommand)]
    Import(ImportCmd),
    /// Write the demo book into an empty database
    Demo,
    /// Draft a personal thank-you note from the facts of this sale and this person
    #[command(subcommand)]
    Draft(DraftCmd),
    /// What a customer's words — or your own summary of a call — propose to record: what they said about being
    /// contacted, what they asked for, praise or a complaint, what you promised and by when, personal facts.
    /// Nothing is recorded; each suggestion shows the words it came from
    Listen {
        #[arg(long)]
        customer: String,
        /// `in`: the customer's words (the default); `out`: your own summary of the call or visit
        #[arg(long, default_value = "in")]
        direction: Direction,
        /// When it was said (RFC 3339; without an offset, the customer's local time); default now. Relative dates
        /// ("by Friday", "in two weeks") count from it, on the customer's calendar
        #[arg(long)]
        at: Option<String>,
        /// The text's file, or - (the default) for standard input
        file: Option<PathBuf>,
    },
    /// Check any text for what makes a note read like a form letter
    Lint {
        #[arg(long)]
        customer: String,
        /// The text's file, or - (the default) for standard input
        file: Option<PathBuf>,
        #[command(flatten)]
        shape: ShapeArgs,
    },
    /// Today: the reasons worth the customer's time, grouped, and what the Guard held back
    Agenda {
        /// How many days ahead
        #[arg(long, default_value_t = 7)]
        days: u32,
        /// Print the agenda as iCalendar (for calendar apps) instead
        #[arg(long, conflicts_with = "json")]
        ics: bool,
    },
    /// Mark a reason done, snooze it, or dismiss it
    #[command(subcommand)]
    Reasons(ReasonsCmd),
    /// Your own reminders: only with what the customer gains
    #[command(subcommand)]
    Reminders(RemindersCmd),
    /// Make a backup now (kept in `backups/<book>/` beside the database), or list them
    Backup {
        #[arg(long)]
        list: bool,
    },
    /// Replace the book with a backup, after checking it; the current book is backed up first (or, when it cannot
    /// be opened, kept in `backups/<book>/` as `<book>-damaged-<time>.sqlite3`)
    Restore { file: PathBuf },
    /// Encrypt the book and its backups with a passphrase, change it, or remove it (the new passphrase is asked
    /// for, or read from RAPPORT_NEW_PASSPHRASE; an encrypted book opens with RAPPORT_PASSPHRASE or when asked)
    #[command(subcommand)]
    Passphrase(PassphraseCmd),
    /// Remove a mistaken record: interaction, fact, purchase, promise, goal or note (what the customer said about
    /// being contacted is never removed; record a new statement instead)
    Remove {
        /// interaction | fact | purchase | promise | goal | note
        record: rapport_core::store::Record,
        /// Its id, or a unique start of it
        id: String,
    },
    /// Add a large generated book for measuring speed (never your real customers)
    Generate {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
    },
    /// Send the desktop notifications that are due now, once each (for cron)
    Notify {
        /// Check once and exit (the only mode; the window's tray runs the scheduler)
        #[arg(long)]
        once: bool,
    },
    /// Ask the Guard whether a contact is allowed, needs caution, or is blocked — and why
    Check(CheckArgs),
    /// Reach out through your own apps: after the Guard, the mailto:/sms:/tel: address (opened with --open), or for
    /// a meeting in person an invitation for your calendar
    Reach(ReachArgs),
    /// Log emails (.eml) and calendar invitations (.ics) from your own apps: matched to customers by address
    Log {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The customer they belong to, when no address of theirs is in the files
        #[arg(long)]
        customer: Option<String>,
        /// in or out, when the addresses do not tell
        #[arg(long)]
        direction: Option<Direction>,
    },
    /// Persona playbooks: topics never to raise, what to offer instead
    #[command(subcommand)]
    Playbooks(PlaybooksCmd),
    /// A campaign checked against what customers said: who may receive it and who may not, with their words; with
    /// --out, as included.csv and excluded.csv (a suppression list) for your mailing tool. Nothing is sent
    #[command(subcommand)]
    Campaign(CampaignCmd),
    /// The people who work on a dealership book (--db postgres://…): add them, list them
    #[command(subcommand)]
    Users(UsersCmd),
    /// Move this book into a dealership book in one step: every customer, owned by you (--user), with what they
    /// said; nothing is written if any of it cannot be. Out again with `rapport --db postgres://… export json`
    Share {
        /// The dealership book's address (postgres://USER@HOST/DATABASE)
        #[arg(long)]
        to: String,
    },
    /// Remember the dealership book given with --db (and who signs in), so every command and the window go to it
    /// without --db; the password is asked each time unless --remember-password keeps it in a file only you can read
    #[command(name = "sign-in")]
    SignIn {
        /// Keep the password on this computer (in a file readable by you only), so nothing asks for it
        #[arg(long)]
        remember_password: bool,
    },
    /// Forget the dealership book this computer remembers: commands and the window go to your own book again
    #[command(name = "sign-out")]
    SignOut,
    /// What the Guard held back, and why
    HeldBack {
        /// Only this customer
        #[arg(long)]
        customer: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(ClapArgs, Debug)]
pub struct CheckArgs {
    #[arg(long)]
    pub customer: String,
    #[arg(long)]
    pub channel: Channel,
    /// When (RFC 3339; without an offset, the customer's local time); default now
    #[arg(long)]
    pub at: Option<String>,
    /// The subject: buy-back, referrals, service …
    #[arg(long)]
    pub topic: Option<String>,
    /// The message's words
    #[arg(long)]
    pub text: Option<String>,
    /// What the customer gains from it (default: the text)
    #[arg(long)]
    pub reason: Option<String>,
    /// proactive, waiting (a promise, their issue, information they asked for) or reply
    #[arg(long, default_value = "proactive")]
    pub purpose: Purpose,
    /// The outreach is a thank-you note
    #[arg(long)]
    pub thank_you: bool,
}

#[derive(ClapArgs, Debug)]
pub struct ReachArgs {
    #[arg(long)]
    pub customer: String,
    /// email, text, phone or in_person
    #[arg(long)]
    pub channel: Channel,
    /// The words to send (for a call or a meeting: what it is about)
    #[arg(long)]
    pub text: String,
    /// An email's subject
    #[arg(long)]
    pub subject: Option<String>,
    /// When (RFC 3339; without an offset, the customer's local time); default now
    #[arg(long)]
    pub at: Option<String>,
    #[arg(long)]
    pub topic: Option<String>,
    /// What the customer gains from it
    #[arg(long)]
    pub reason: Option<String>,
    /// proactive, waiting (a promise, their issue, information they asked for) or reply
    #[arg(long, default_value = "proactive")]
    pub purpose: Purpose,
    /// Why it is right despite the Guard's caution
    #[arg(long)]
    pub justification: Option<String>,
    /// Open the address in your mail app, messages or phone (for a meeting: the invitation in your calendar)
    #[arg(long)]
    pub open: bool,
    /// A meeting in person: how long, in minutes
    #[arg(long, default_value_t = 30)]
    pub minutes: i64,
    /// A meeting in person: where to write the invitation (.ics); without it, it is printed
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(ClapArgs, Debug)]
pub struct ShapeArgs {
    /// card, prompts (for writing by hand) or email
    #[arg(long, default_value = "card")]
    pub format: rapport_core::notes::Format,
    /// a6 (4×6, about 480 characters), 5x7 (about 800) or folded (about 600)
    #[arg(long, default_value = "a6")]
    pub card: rapport_core::notes::CardSize,
    /// purchase, referral, service or issue (a resolved issue)
    #[arg(long, default_value = "purchase")]
    pub kind: rapport_core::notes::ThankYouKind,
}

#[derive(Subcommand, Debug)]
pub enum DraftCmd {
    /// A thank-you: card text, handwriting prompts, or a short email
    ThankYou {
        #[arg(long)]
        customer: String,
        #[command(flatten)]
        shape: ShapeArgs,
        /// Another variant: a different opening and other details first
        #[arg(long, default_value_t = 0)]
        variant: u32,
        /// A detail to use (repeatable; any unique prefix of its id — see --json's details); default: the preselected ones
        #[arg(long = "use", value_name = "DETAIL")]
        using: Vec<String>,
        /// Keep the draft with the customer's notes
        #[arg(long)]
        save: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReasonsCmd {
    /// Handled: it will not come back
    Done { reason: String },
    /// Out of sight until a day
    Snooze {
        reason: String,
        #[arg(long, value_parser = date_arg)]
        until: NaiveDate,
        #[arg(long)]
        note: Option<String>,
    },
    /// Not worth the customer's time, and why: it will not come back
    Dismiss {
        reason: String,
        #[arg(long)]
        why: String,
    },
    /// Takes back done, snoozed or dismissed (the reason's whole id, as `agenda --json` and the command's own
    /// answer give it): it is on Today again while it is due
    Undo { reason: String },
}

#[derive(Subcommand, Debug)]
pub enum RemindersCmd {
    Add {
        customer: String,
        /// What the customer gains ("Her winter tires are in — book the swap before the snow")
        #[arg(long)]
        value: String,
        #[arg(long, value_parser = date_arg)]
        due: NaiveDate,
        #[arg(long)]
        channel: Option<Channel>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CampaignCmd {
    Check {
        /// The mailing list: a CSV file (a Google or Outlook export, or any sheet with a name, email or phone
        /// column), matched to customers by email, phone or name as an import matches
        #[arg(required_unless_present = "tag", conflicts_with = "tag")]
        list: Option<PathBuf>,
        /// Every customer with this tag instead of a list
        #[arg(long)]
        tag: Option<String>,
        /// The campaign's subject: buy-back, reviews, referrals, financing, extended warranty, service …
        #[arg(long)]
        topic: String,
        #[arg(long)]
        channel: Channel,
        /// A file with the message's words (a pitch in them counts as much as the topic)
        #[arg(long)]
        text: Option<PathBuf>,
        /// A folder to write included.csv and excluded.csv into
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace those files when they exist
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlaybooksCmd {
    List,
    /// Add or replace the playbook of a persona tag
    Set {
        tag: String,
        /// A topic never to raise (repeatable)
        #[arg(long)]
        never: Vec<String>,
        /// Something to offer instead (repeatable)
        #[arg(long)]
        offer: Vec<String>,
        #[arg(long, default_value = "")]
        script: String,
    },
    Remove {
        tag: String,
    },
}

#[derive(ClapArgs, Debug, Default)]
pub struct CustomerFields {
    /// What they like to be called
    #[arg(long)]
    pub preferred: Option<String>,
    /// Their IANA time zone, e.g. America/Denver
    #[arg(long = "tz", value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// How you met
    #[arg(long = "met")]
    pub how_we_met: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    /// Household members, in your words
    #[arg(long)]
    pub household: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum CustomersCmd {
    /// Add a customer
    Add {
        name: String,
        #[command(flatten)]
        fields: CustomerFields,
        #[arg(long)]
        email: Vec<String>,
        #[arg(long)]
        phone: Vec<String>,
        #[arg(long)]
        address: Vec<String>,
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Change a customer's own fields (only the ones given; an empty value clears one)
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: CustomerFields,
    },
    /// Every customer by name (paged only with --limit)
    List {
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        offset: Option<u32>,
    },
    /// A customer's whole page
    Show { id: String },
    /// On a dealership book: hand every customer of one person to another, in one step (a manager's work)
    Reassign {
        /// The email of the person whose customers move
        #[arg(long, required_unless_present = "unowned", conflicts_with = "unowned")]
        from: Option<String>,
        /// Instead of --from: the customers nobody owns yet (those the service desk added)
        #[arg(long)]
        unowned: bool,
        /// The email of the person who takes them on
        #[arg(long)]
        to: String,
        /// The person has left: they can no longer sign in through Rapport (what they entered keeps their name).
        /// They still know the server's password: change it (sudo scripts/serve --new-password)
        #[arg(long, requires = "from")]
        leaving: bool,
    },
    /// Search names, contact points, facts, goals, notes and interactions
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Subcommand, Debug)]
pub enum ContactPointsCmd {
    /// Add a phone, email or address
    Add {
        customer: String,
        /// phone, email or address
        kind: ContactKind,
        value: String,
        #[arg(long)]
        label: Option<String>,
        #[arg(long)]
        preferred: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum FactsCmd {
    Add {
        customer: String,
        text: String,
        /// When you learned it (default today)
        #[arg(long, value_parser = date_arg)]
        learned: Option<NaiveDate>,
        /// Where it came from
        #[arg(long)]
        source: Option<String>,
        /// A date the fact is about (birthday, trip)
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// Correct a fact's text or the date it is about
    Correct {
        fact: String,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, value_parser = date_arg, conflicts_with = "no_date")]
        date: Option<NaiveDate>,
        /// The fact is about no particular date
        #[arg(long)]
        no_date: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum GoalsCmd {
    Add {
        customer: String,
        text: String,
        #[arg(long, value_parser = date_arg)]
        stated: Option<NaiveDate>,
        #[arg(long)]
        source: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum NotesCmd {
    Add {
        customer: String,
        text: String,
    },
    /// Thank-you notes and card prompts to customers across the book, newest first
    List {
        /// Only drafts, written or sent ones
        #[arg(long, value_parser = note_status_arg)]
        status: Option<NoteStatus>,
        /// How many at most
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

fn note_status_arg(s: &str) -> Result<NoteStatus, String> {
    s.parse().map_err(|_| format!("`{s}` is not a note status: say draft, written or sent"))
}

#[derive(Subcommand, Debug)]
pub enum TagsCmd {
    Add {
        customer: String,
        tag: String,
    },
    Remove {
        customer: String,
        tag: String,
    },
    /// Every tag with how many customers carry it
    List,
}

#[derive(Subcommand, Debug)]
pub enum PurchasesCmd {
    /// Add a purchase: `--service "Oil change:6:3"` is one every 6 months, 3 in all; `--deliverable "Plates:2026-12-01"`
    Add {
        customer: String,
        description: String,
        #[arg(long, value_parser = date_arg)]
        on: Option<NaiveDate>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        make: Option<String>,
        #[arg(long)]
        model: Option<String>,
        #[arg(long)]
        trim: Option<String>,
        #[arg(long)]
        vin: Option<String>,
        #[arg(long)]
        feature: Vec<String>,
        #[arg(long, value_parser = date_arg, conflicts_with = "finance_ends")]
        lease_ends: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        finance_ends: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        warranty_ends: Option<NaiveDate>,
        #[arg(long)]
        warranty_terms: Option<String>,
        #[arg(long, value_name = "NAME:EVERY_MONTHS:TOTAL")]
        service: Vec<String>,
        #[arg(long, value_name = "WHAT[:DUE]")]
        deliverable: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PromisesCmd {
    Add {
        customer: String,
        what: String,
        #[arg(long, value_parser = date_arg)]
        due: NaiveDate,
        #[arg(long, value_parser = date_arg)]
        made: Option<NaiveDate>,
    },
    /// Mark a promise kept
    Keep { promise: String },
}

#[derive(Subcommand, Debug)]
pub enum IssuesCmd {
    Open {
        customer: String,
        title: String,
        /// When the customer should next hear how it is going
        #[arg(long, value_parser = date_arg)]
        next_update: Option<NaiveDate>,
    },
    Update {
        issue: String,
        text: String,
        #[arg(long, value_parser = date_arg)]
        next_update: Option<NaiveDate>,
    },
    Resolve {
        issue: String,
        resolution: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum PassphraseCmd {
    /// Encrypt a plain book (and every backup of it) with a new passphrase
    Set,
    /// Change the passphrase of an encrypted book (and of every backup of it)
    Change,
    /// Keep the book (and its backups) plain again
    Remove,
}

#[derive(Subcommand, Debug)]
pub enum InteractionsCmd {
    /// Log a contact that happened
    Add {
        customer: String,
        #[arg(long)]
        channel: Channel,
        /// in (they contacted you) or out (you contacted them)
        #[arg(long)]
        direction: Direction,
        #[arg(long)]
        summary: String,
        /// Their words, verbatim (repeatable)
        #[arg(long)]
        quote: Vec<String>,
        #[arg(long)]
        sentiment: Option<Sentiment>,
        /// Why it was worth their time (outbound)
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        /// Information they asked for
        #[arg(long)]
        asked_for: Option<String>,
        /// When it happened (default now); without an offset it is read in the customer's zone
        #[arg(long)]
        at: Option<String>,
        /// For an outbound contact: proactive, waiting (they were waiting on it) or reply
        #[arg(long)]
        purpose: Option<Purpose>,
        /// Why you go ahead despite a caution from the Guard
        #[arg(long)]
        justification: Option<String>,
    },
    /// Correct when a contact happened or its summary
    Correct {
        interaction: String,
        /// When it really happened; without an offset it is read in the customer's zone
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        summary: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PrefsCmd {
    /// Record what they said: --means prefer:email | decline:phone | allow:phone | hours:10:00-16:00 |
    /// min-days:30 | topic:buy-back | allow-topic:trade-in | do-not-contact | resume
    Add {
        customer: String,
        /// Their words, verbatim
        #[arg(long)]
        words: String,
        #[arg(long)]
        means: String,
        /// When they said it (default now)
        #[arg(long)]
        said: Option<String>,
        /// The interaction in which they said it
        #[arg(long = "from", value_name = "INTERACTION")]
        source: Option<String>,
    },
    /// Every statement, oldest first
    List { customer: String },
}

#[derive(Subcommand, Debug)]
// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ProfileCmd {
    Show,
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        dealership: Option<String>,
        #[arg(long = "tz")]
        time_zone: Option<String>,
        /// Working hours, e.g. 08:30-17:30
        #[arg(long)]
        hours: Option<String>,
        /// Working days, e.g. Mon,Tue,Wed,Thu,Fri,Sat
        #[arg(long)]
        days: Option<String>,
        #[arg(long)]
        signature: Option<String>,
        #[arg(long)]
        voice: Option<String>,
        /// Desktop notifications: on or off
        #[arg(long, value_parser = on_off)]
        notifications: Option<bool>,
        /// Default hours for calls and texts when a customer stated none, e.g. 09:00-19:00
        #[arg(long)]
        contact_hours: Option<String>,
        /// standard (8:00–21:00 their time) or strict (8:00–20:00, at most three calls a day on one subject)
        #[arg(long)]
        calling_rule: Option<CallingRule>,
        /// Fewest days between two proactive contacts when a customer stated none
        #[arg(long)]
        min_days: Option<u32>,
        /// How dates read: day-first (23 Nov 2026), month-first (Nov 23, 2026), year-first (2026-11-23), or
        /// system (as the system's language sets it)
        #[arg(long)]
        dates: Option<String>,
        /// How times read: 24h (17:30) or 12h (5:30 PM)
        #[arg(long)]
        clock: Option<String>,
    },
}

fn on_off(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        other => Err(format!("'{other}' is not on or off")),
    }
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// The whole book as JSON (docs/DATA-FORMAT.md), to stdout or --out FILE
    Json {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the file at --out if there is one
        #[arg(long)]
        force: bool,
    },
    /// Every customer as vCard 4.0 (phones, Apple and Google Contacts, Outlook)
    Vcard {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the file at --out if there is one
        #[arg(long)]
        force: bool,
    },
    /// Every customer as a Google Contacts CSV (spreadsheets, Google, Outlook)
    Csv {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the file at --out if there is one
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// A whole book exported as JSON; all of it lands, or none of it
    Json { file: PathBuf },
    /// Contacts from a vCard file (iPhone/iCloud, Google, Outlook); matches join existing customers
    Vcard {
        file: PathBuf,
        /// Show what would happen, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Lines of possible matches (see --dry-run) that are the same person as the one they share a phone or
        /// email with, and join them; every other possible match stays a customer of their own
        #[arg(long, value_delimiter = ',', value_name = "LINE,…")]
        join: Vec<usize>,
    },
    /// Contacts from a CSV: Google and Outlook exports are recognised; any other needs --mapping
    Csv {
        file: PathBuf,
        /// A JSON column mapping, e.g. {"columns": {"name": "Customer", "email": "E-mail", "vin": "VIN"}},
        /// or `auto` to accept the mapping Rapport proposes from the headers
        #[arg(long)]
        mapping: Option<PathBuf>,
        #[arg(long)]
        dry_run: bool,
        /// Lines of possible matches that join the person they share a phone or email with
        #[arg(long, value_delimiter = ',', value_name = "LINE,…")]
        join: Vec<usize>,
    },
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    time::parse_date(s)
}

#[derive(Subcommand, Debug)]
pub enum UsersCmd {
    /// Add a person (a manager's work); their password comes from RAPPORT_NEW_PASSWORD, or is typed twice
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// salesperson, manager or service
        #[arg(long, default_value = "salesperson")]
        role: String,
        /// Start a new dealership book with this person as its first manager (no sign-in: nobody is in it yet)
        #[arg(long)]
        first: bool,
    },
    /// Everyone who works on the book
    List,
}
