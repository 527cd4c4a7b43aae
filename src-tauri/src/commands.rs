//! The window's commands: each a few lines over `rapport-core`. The list is mirrored in `build.rs`, which puts
//! them under capability control, and documented in `docs/IPC.md`.

use std::sync::{mpsc, Mutex, RwLock, RwLockReadGuard};

use chrono::NaiveDate;
use rapport_core::date_style::DateStyle;
use rapport_core::dealership::DealershipBook;
use rapport_core::guard::{ContactWishes, Decision, Outreach, OutreachReading};
use rapport_core::language::listen::Listening;
use rapport_core::model::*;
use rapport_core::notes::{self, ThankYouKind};
use rapport_core::reasons::Agenda;
use rapport_core::store::backup::Backup;
use rapport_core::{Error, ListQuery, SearchHit, Store};
use serde::Serialize;
use tauri::State;

use crate::clock::Clock;

/// Which book the window has open: the salesperson's own file, or the dealership's shared book.
pub enum Open {
    Own(Store),
    Shared(SharedBook),
}

/// The dealership book on a thread of its own. Its client blocks (on a runtime of its own, which it may not start
/// on one of the window's async workers), and one thread keeps what it learns of its connection from one call to
/// the next (a lost connection is made again by the next call). A command waits for its answer at most
/// [`ANSWER_WITHIN`]; the calls queue in order behind one another.
pub struct SharedBook {
    jobs: mpsc::Sender<Job>,
    me: rapport_core::dealership::User,
    /// Its address as it may be shown (no password).
    shown: String,
}

type Job = Box<dyn FnOnce(&mut DealershipBook) + Send>;

/// Longer than the server's own lock timeout and the client's connection timeouts, so the server's answer (or the
/// connection's end) usually comes first; the window is never held longer.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(90);

impl SharedBook {
    fn start(book: DealershipBook, address: &str) -> SharedBook {
        let me = book.me().clone();
        let shown = rapport_core::dealership::remembered::shown(address);
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("dealership-book".into())
            .spawn(move || {
                let mut book = book;
                // Dates read as the book's profile asks, before any command's answer is written.
                if let Ok(profile) = rapport_core::Book::profile(&book) {
                    rapport_core::date_style::follow(&profile);
                }
                for job in queue {
                    job(&mut book);
                }
            })
            .expect("a thread for the dealership book");
        SharedBook { jobs, me, shown }
    }

    /// Runs `work` on the book's thread and waits for its answer.
    fn run<T: Send + 'static>(
        jobs: &mpsc::Sender<Job>,
        work: impl FnOnce(&mut DealershipBook) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let (answer, answered) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |book| {
            let _ = answer.send(work(book));
        });
        jobs.send(job).map_err(|_| Error::Unreachable("the dealership book's connection stopped".into()))?;
        answered.recv_timeout(ANSWER_WITHIN).unwrap_or_else(|e| {
            Err(match e {
                mpsc::RecvTimeoutError::Timeout => {
                    Error::Unreachable(format!("no answer within {} seconds", ANSWER_WITHIN.as_secs()))
                }
                mpsc::RecvTimeoutError::Disconnected => Error::Unreachable("the work stopped".into()),
            })
        })
    }
}

/// What every command shares: the open book and the clock.
/// Where the window is signed in (the dealership book's address as shown) and as whom (the person's id).
pub type SignedInAs = (String, String);

pub struct Book {
    /// The window's own connection. Work that runs beside the window (an import, the scheduler's minute) opens
    /// another (`beside`), so a window command never waits for it.
    open: Mutex<Open>,
    pub clock: Clock,
    /// Shared by the work running beside the window, and taken whole by what replaces the book's file (a restore, a
    /// new passphrase) — which would otherwise pull the file from under an import and lose what it wrote.
    file: RwLock<()>,
}

impl Book {
    pub fn new(store: Store, clock: Clock) -> Book {
        if let Ok(profile) = store.profile() {
            rapport_core::date_style::follow(&profile);
        }
        Book { open: Mutex::new(Open::Own(store)), clock, file: RwLock::new(()) }
    }

    /// The window on the dealership's shared book at `address`.
    pub fn shared(book: DealershipBook, address: &str, clock: Clock) -> Book {
        Book { open: Mutex::new(Book::shared_open(book, address)), clock, file: RwLock::new(()) }
    }

    /// Puts `book` in the window's hands instead of the book it had open (signing in from the window, or back to
    /// one's own). What runs beside the window keeps the connection it opened until it is done.
    pub(crate) fn switch_to(&self, next: Open) {
        let profile = match &next {
            Open::Own(store) => store.profile().ok(),
            Open::Shared(_) => None,
        };
        if let Some(profile) = profile {
            rapport_core::date_style::follow(&profile);
        }
        *self.open.lock().unwrap_or_else(|p| p.into_inner()) = next;
    }

    /// [`Open::Shared`] for a book just signed in to at `address`.
    pub(crate) fn shared_open(book: DealershipBook, address: &str) -> Open {
        Open::Shared(SharedBook::start(book, address))
    }

    /// A connection of its own for work beside the window, and the share of the file that keeps the file in place
    /// while it works. One's own book only: the dealership book has no file here.
    pub fn beside(&self) -> Result<(Store, RwLockReadGuard<'_, ()>), Error> {
        let share = self.file.read().unwrap_or_else(|p| p.into_inner());
        let store = match &*self.open.lock().unwrap_or_else(|p| p.into_inner()) {
            Open::Own(store) => store.reopen()?,
            Open::Shared(_) => return Err(own_book_only()),
        };
        Ok((store, share))
    }

    /// The file beside which the window keeps what it writes (an invitation handed to the calendar app): one's own
    /// book's, or on the dealership book where one's own book would be.
    pub fn beside_path(&self) -> Result<std::path::PathBuf, Error> {
        match &*self.open.lock().unwrap_or_else(|p| p.into_inner()) {
            Open::Own(store) => Ok(store.path().to_path_buf()),
            Open::Shared(_) => crate::location::database_path(None).map_err(|m| Error::invalid("home", m)),
        }
    }

    /// Where the window is signed in and as whom (the book's address as shown, the person's id), on the dealership
    /// book; `None` on one's own.
    pub fn signed_in_as(&self) -> Option<SignedInAs> {
        match &*self.open.lock().unwrap_or_else(|p| p.into_inner()) {
            Open::Shared(shared) => Some((shared.shown.clone(), shared.me.id.clone())),
            Open::Own(_) => None,
        }
    }

    /// What connects to the dealership book the window is on, as the same person, for work beside the window (the
    /// scheduler's minute), with who and where it is (as [`Book::signed_in_as`]) read from the same book; `None` on
    /// one's own. Nothing is connected on the book's thread: the window's commands never wait for it.
    pub fn shared_beside(&self) -> Option<Result<(SignedInAs, rapport_core::dealership::Beside), Error>> {
        let (who, jobs) = match &*self.open.lock().unwrap_or_else(|p| p.into_inner()) {
            Open::Shared(shared) => ((shared.shown.clone(), shared.me.id.clone()), shared.jobs.clone()),
            Open::Own(_) => return None,
        };
        Some(SharedBook::run(&jobs, |book| Ok(book.beside())).map(|beside| (who, beside)))
    }

    /// Whether the window is on the dealership's shared book.
    pub fn is_shared(&self) -> bool {
        matches!(&*self.open.lock().unwrap_or_else(|p| p.into_inner()), Open::Shared(_))
    }
}

/// What the window does on one's own book only in this version.
pub(crate) fn own_book_only() -> Error {
    Error::invalid(
        "book",
        "this works on your own book only in this version; on the dealership book the window has Today, customers, \
         search, a customer's page, adding and editing a customer, their facts, goals, purchases and ways to reach \
         them, logging a contact or an email, reaching out through your apps, what they said, notes, thank-you notes \
         and cards, promises, issues, reminders, removing a mistaken record, your profile, playbooks and checking a \
         campaign",
    )
}

/// Runs `work` that replaces the book's file — unless an import is writing to it: then the salesperson is told the
/// book is busy and nothing happens.
fn replacing_file<T>(
    book: &State<'_, Book>,
    work: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<T, Error>,
) -> Reply<T> {
    let _whole = match book.file.try_write() {
        Ok(whole) => whole,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return Err(Error::Busy.into()),
    };
    with(book, work)
}

/// An error as the window receives it: a stable code, a message a salesperson can act on, and the field it is
/// about. Never a file path or SQL text.
#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    /// For `blocked_by_preference` and `needs_justification`: the Guard's whole decision, with the customer's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<Decision>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        crate::error_log::record(&e, "window");
        let (field, message, decision) = match &e {
            Error::InvalidInput { field, message } => (Some(field.clone()), message.clone(), None),
            Error::Blocked(d) | Error::NeedsJustification(d) => (None, e.public_message(), Some((**d).clone())),
            _ => (None, e.public_message(), None),
        };
        IpcError { code: e.code(), message, field, decision }
    }
}

pub(crate) type Reply<T> = Result<T, IpcError>;

/// Runs `work` on one's own book (the dealership book says it is for one's own book only).
pub(crate) fn with<T>(
    book: &State<'_, Book>,
    work: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<T, Error>,
) -> Reply<T> {
    let mut open = book.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match &mut *open {
        Open::Own(store) => Ok(work(store, book.clock.now())?),
        Open::Shared(_) => Err(own_book_only().into()),
    }
}

/// Runs `work` on whichever book is open: what both books do, written once over [`rapport_core::Book`]. On the
/// dealership book it runs on the book's own thread, and the window's lock is not held while the server answers.
pub(crate) fn with_any<T: Send + 'static>(
    book: &State<'_, Book>,
    work: impl FnOnce(&mut dyn rapport_core::Book, chrono::DateTime<chrono::Utc>) -> Result<T, Error> + Send + 'static,
) -> Reply<T> {
    Ok(book.run_any(work)?)
}

impl Book {
    /// Runs `work` on the dealership book (what only it has: versions, people); one's own book says it has none.
    pub(crate) fn run_shared<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DealershipBook, chrono::DateTime<chrono::Utc>) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let now = self.clock.now();
        let jobs = match &*self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Open::Shared(shared) => shared.jobs.clone(),
            Open::Own(_) => {
                return Err(Error::invalid(
                    "book",
                    "this works on the dealership book; sign in to it in Settings first",
                ))
            }
        };
        SharedBook::run(&jobs, move |shared| work(shared, now))
    }

    /// [`with_any`] for work beside the window's commands (an import's thread).
    pub(crate) fn run_any<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn rapport_core::Book, chrono::DateTime<chrono::Utc>) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, Error> {
        let now = self.clock.now();
        let jobs = {
            let mut open = self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match &mut *open {
                Open::Own(store) => return work(store, now),
                Open::Shared(shared) => shared.jobs.clone(),
            }
        };
        SharedBook::run(&jobs, move |shared| work(shared, now))
    }
}

#[derive(Serialize)]
pub struct AppInfo {
    now: chrono::DateTime<chrono::Utc>,
    customers: i64,
    version: &'static str,
    profile: Profile,
    /// How dates and times read (the profile's choice, or the system's), and the system's (Settings names it).
    date_style: DateStyle,
    system_date_style: DateStyle,
    /// The calendar file a calendar app can subscribe to (none for an encrypted book, or a dealership book).
    calendar_file: Option<String>,
    /// On the dealership's shared book: who is signed in (none on one's own book).
    shared: Option<SignedIn>,
    /// A dealership book this computer signs in to that could not be signed in to at start: the window shows its
    /// sign-in page (over one's own book, which is open meanwhile).
    sign_in: Option<Waiting>,
}

/// The dealership book the window waits to sign in to, and why it could not at start.
#[derive(Serialize, Clone)]
pub struct Waiting {
    /// Its address as it may be shown; none when what this computer remembers could not be read.
    book: Option<String>,
    user: Option<String>,
    problem: String,
    /// The address itself stays here, never sent to the page (it may carry the server's password).
    #[serde(skip)]
    pub(crate) address: Option<String>,
}

impl Waiting {
    pub fn new(to: Option<&crate::cli::SignInTo>, problem: String) -> Waiting {
        Waiting {
            book: to.map(|t| rapport_core::dealership::remembered::shown(&t.address)),
            user: to.and_then(|t| t.user.clone()),
            problem,
            address: to.map(|t| t.address.clone()),
        }
    }
}

/// The sign-in the window waits for, until it is done or the salesperson chooses their own book.
#[derive(Default)]
pub struct WaitingSignIn(pub Mutex<Option<Waiting>>);

#[tauri::command(async)]
pub fn app_info(book: State<'_, Book>, waiting: State<'_, WaitingSignIn>) -> Reply<AppInfo> {
    let now = book.clock.now();
    let (customers, profile, calendar_file, shared) = {
        let mut open = book.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &mut *open {
            Open::Own(s) => {
                let calendar_file = (!s.is_encrypted())
                    .then(|| rapport_core::io::ics::subscription_path(s.path()).display().to_string());
                (s.customer_count()?, s.profile()?, calendar_file, None)
            }
            Open::Shared(shared) => {
                let me = &shared.me;
                let signed_in = SignedIn {
                    name: me.name.clone(),
                    email: me.email.clone(),
                    role: me.role,
                    book: shared.shown.clone(),
                    password_remembered: crate::sign_in::password_remembered(&shared.shown),
                };
                let jobs = shared.jobs.clone();
                drop(open);
                let (count, profile) =
                    SharedBook::run(&jobs, |b| Ok((b.customer_count()?, rapport_core::Book::profile(b)?)))?;
                let calendar_file = crate::location::dealership_calendar_file().ok().map(|p| p.display().to_string());
                (count, profile, calendar_file, Some(signed_in))
            }
        }
    };
    Ok(AppInfo {
        now,
        customers,
        version: env!("CARGO_PKG_VERSION"),
        date_style: rapport_core::date_style::current(),
        system_date_style: rapport_core::date_style::system(),
        profile,
        calendar_file,
        shared,
        sign_in: waiting.0.lock().unwrap_or_else(|p| p.into_inner()).clone(),
    })
}

/// Who is signed in to the dealership book the window has open.
#[derive(Serialize)]
pub struct SignedIn {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) role: rapport_core::dealership::Role,
    /// The book's address as it may be shown.
    pub(crate) book: String,
    /// Whether this computer keeps the password (Settings offers to forget it).
    pub(crate) password_remembered: bool,
}

#[derive(Serialize)]
pub struct Loaded {
    customers: usize,
}

#[tauri::command(async)]
pub fn load_demo(book: State<'_, Book>) -> Reply<Loaded> {
    with(&book, |s, now| Ok(Loaded { customers: s.load_demo(now)?.customers }))
}

#[tauri::command(async)]
pub fn list_customers(
    book: State<'_, Book>,
    query: Option<String>,
    tag: Option<String>,
    limit: Option<u32>,
) -> Reply<Vec<CustomerSummary>> {
    let tag = tag.filter(|t| !t.trim().is_empty());
    with_any(&book, move |s, _| s.list_customers(&ListQuery { tag, text: query, limit, offset: None }))
}

#[derive(Serialize)]
pub struct TagCount {
    tag: String,
    customers: u32,
}

#[tauri::command(async)]
pub fn list_tags(book: State<'_, Book>) -> Reply<Vec<TagCount>> {
    with_any(&book, move |s, _| {
        Ok(s.tag_counts()?.into_iter().map(|(tag, customers)| TagCount { tag, customers }).collect())
    })
}

#[tauri::command(async)]
pub fn search(book: State<'_, Book>, query: String) -> Reply<Vec<SearchHit>> {
    with_any(&book, move |s, _| s.search(&query, 50))
}

/// A customer's page: the whole record, and what their statements add up to now.
#[derive(Serialize)]
pub struct CustomerPage {
    #[serde(flatten)]
    record: CustomerRecord,
    wishes: ContactWishes,
    /// On the dealership book: who entered each statement, contact, promise and note ("told Sam").
    entered_by: Vec<rapport_core::book::EnteredBy>,
    /// On the dealership book: the customer's version as read, which an edit sends back so that nobody's save in
    /// between is overwritten.
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
}

fn page_of(s: &dyn rapport_core::Book, id: &str, version: Option<i64>) -> Result<CustomerPage, Error> {
    let record = s.customer_record(id)?;
    let wishes = ContactWishes::from_statements(&record.preferences);
    let entered_by = s.entered_by(id)?;
    Ok(CustomerPage { record, wishes, entered_by, version })
}

#[tauri::command(async)]
pub fn customer_page(book: State<'_, Book>, id: String) -> Reply<CustomerPage> {
    if book.is_shared() {
        // The version first: a save in between makes it older than the record shown, so an edit is refused
        // rather than overwriting.
        return Ok(book.run_shared(move |b, _| {
            let (_, version) = b.customer_at(&id)?;
            page_of(b, &id, Some(version))
        })?);
    }
    with_any(&book, move |s, _| page_of(s, &id, None))
}

#[tauri::command(async)]
pub fn check_outreach(book: State<'_, Book>, customer_id: String, outreach: Outreach) -> Reply<Decision> {
    with_any(&book, move |s, _| s.check(&customer_id, &outreach))
}

/// What an outreach's words do, intent by intent, with the Guard's rule and the customer's words about each, and
/// the Guard's whole decision (the composers underline these live).
#[tauri::command(async)]
pub fn read_outreach(book: State<'_, Book>, customer_id: String, outreach: Outreach) -> Reply<OutreachReading> {
    with_any(&book, move |s, _| s.read_outreach(&customer_id, &outreach))
}

/// What the customer's words (`in`) or the salesperson's own summary (`out`) propose to record, said `at` (default:
/// the app's clock). Nothing is written.
#[tauri::command(async)]
pub fn listen(
    book: State<'_, Book>,
    customer_id: String,
    text: String,
    direction: Direction,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Reply<Listening> {
    with_any(&book, move |s, now| s.listen(&customer_id, &text, direction, at.unwrap_or(now)))
}

#[tauri::command(async)]
pub fn held_back(book: State<'_, Book>, customer_id: Option<String>, limit: Option<u32>) -> Reply<Vec<HeldBack>> {
    with_any(&book, move |s, _| s.held_back(customer_id.as_deref(), limit.unwrap_or(100)))
}

#[tauri::command(async)]
pub fn list_playbooks(book: State<'_, Book>) -> Reply<Vec<Playbook>> {
    with_any(&book, move |s, _| s.playbooks())
}

#[tauri::command(async)]
pub fn save_playbook(book: State<'_, Book>, playbook: Playbook) -> Reply<Playbook> {
    with_any(&book, move |s, _| s.save_playbook(playbook))
}

/// Whether the book is encrypted (Settings shows set, or change and remove).
#[tauri::command(async)]
pub fn passphrase_state(book: State<'_, Book>) -> Reply<bool> {
    with(&book, |s, _| Ok(s.is_encrypted()))
}

/// Encrypts the book and its backups with `new`, changes the passphrase to `new`, or with no `new` removes it. An
/// encrypted book's `current` passphrase must be given: an unlocked window left open is not enough to change it.
#[tauri::command(async)]
pub fn set_passphrase(
    book: State<'_, Book>,
    current: Option<String>,
    new: Option<String>,
) -> Reply<rapport_core::store::Rekeyed> {
    replacing_file(&book, |s, _| {
        if s.is_encrypted() && !current.as_deref().is_some_and(|c| s.has_passphrase(c)) {
            return Err(Error::WrongPassphrase { path: s.path().to_path_buf() });
        }
        let new = new.as_deref().filter(|n| !n.is_empty()).map(rapport_core::store::Passphrase::new).transpose()?;
        s.set_passphrase(new)
    })
}

/// Removes a mistaken interaction, fact, purchase, promise, goal or note (statements are never removed).
#[tauri::command(async)]
pub fn remove_record(book: State<'_, Book>, record: String, id: String) -> Reply<rapport_core::store::Removed> {
    let record = record.parse().map_err(|m: String| Error::invalid("record", m))?;
    with_any(&book, move |s, now| s.remove(record, &id, now))
}

#[tauri::command(async)]
pub fn delete_playbook(book: State<'_, Book>, tag: String) -> Reply<()> {
    with_any(&book, move |s, _| s.delete_playbook(&tag))
}

#[tauri::command(async)]
pub fn save_customer(
    book: State<'_, Book>,
    id: Option<String>,
    customer: NewCustomer,
    version: Option<i64>,
) -> Reply<Customer> {
    if book.is_shared() {
        // The version read goes back with the edit: anyone's save in between is not overwritten.
        return Ok(book.run_shared(move |b, now| match id {
            Some(id) => {
                let version = version.ok_or_else(|| {
                    Error::invalid("version", "open the customer again before editing: the dealership book needs it")
                })?;
                b.edit_customer(&id, customer, version, now)
            }
            None => rapport_core::Book::add_customer_with(b, customer, Vec::new(), Vec::new(), now),
        })?);
    }
    with(&book, |s, now| match id {
        Some(id) => s.edit_customer(&id, customer, now),
        None => s.add_customer(customer, now),
    })
}

#[tauri::command(async)]
pub fn add_contact_point(book: State<'_, Book>, customer_id: String, point: NewContactPoint) -> Reply<ContactPoint> {
    with_any(&book, move |s, now| s.add_contact_point_at(&customer_id, point, now))
}

#[tauri::command(async)]
pub fn add_fact(book: State<'_, Book>, customer_id: String, fact: NewFact) -> Reply<Fact> {
    with_any(&book, move |s, now| s.add_fact(&customer_id, fact, now))
}

#[tauri::command(async)]
pub fn add_goal(book: State<'_, Book>, customer_id: String, goal: NewGoal) -> Reply<Goal> {
    with_any(&book, move |s, now| s.add_goal(&customer_id, goal, now))
}

#[tauri::command(async)]
pub fn add_note(book: State<'_, Book>, customer_id: String, note: NewNote) -> Reply<Note> {
    with_any(&book, move |s, now| s.add_note(&customer_id, note, now))
}

#[tauri::command(async)]
pub fn add_purchase(book: State<'_, Book>, customer_id: String, purchase: NewPurchase) -> Reply<Purchase> {
    with_any(&book, move |s, now| s.add_purchase(&customer_id, purchase, now))
}

#[tauri::command(async)]
pub fn add_promise(book: State<'_, Book>, customer_id: String, promise: NewPromise) -> Reply<Promise> {
    with_any(&book, move |s, now| s.add_promise(&customer_id, promise, now))
}

#[tauri::command(async)]
pub fn keep_promise(book: State<'_, Book>, promise_id: String) -> Reply<Promise> {
    with_any(&book, move |s, now| s.keep_promise(&promise_id, now))
}

#[tauri::command(async)]
pub fn open_issue(book: State<'_, Book>, customer_id: String, issue: NewIssue) -> Reply<CustomerIssue> {
    with_any(&book, move |s, now| s.open_issue(&customer_id, issue, now))
}

#[tauri::command(async)]
pub fn update_issue(
    book: State<'_, Book>,
    issue_id: String,
    text: String,
    next_update_on: Option<NaiveDate>,
) -> Reply<CustomerIssue> {
    with_any(&book, move |s, now| s.update_issue(&issue_id, &text, next_update_on, now))
}

#[tauri::command(async)]
pub fn resolve_issue(book: State<'_, Book>, issue_id: String, resolution: String) -> Reply<CustomerIssue> {
    with_any(&book, move |s, now| s.resolve_issue(&issue_id, &resolution, now))
}

#[tauri::command(async)]
pub fn log_interaction(book: State<'_, Book>, customer_id: String, interaction: NewInteraction) -> Reply<Interaction> {
    with_any(&book, move |s, now| s.log_contact(&customer_id, interaction, now))
}

/// A contact and what was heard in it, recorded in one transaction.
#[derive(Serialize)]
pub struct LoggedHeard {
    interaction: Interaction,
    recorded: rapport_core::store::HeardToRecord,
}

#[tauri::command(async)]
pub fn log_contact_heard(
    book: State<'_, Book>,
    customer_id: String,
    interaction: NewInteraction,
    heard: rapport_core::store::HeardToRecord,
) -> Reply<LoggedHeard> {
    with_any(&book, move |s, now| {
        let (interaction, recorded) = s.log_contact_heard(&customer_id, interaction, heard, now)?;
        Ok(LoggedHeard { interaction, recorded })
    })
}

#[tauri::command(async)]
pub fn record_preference(
    book: State<'_, Book>,
    customer_id: String,
    statement: NewStatement,
) -> Reply<PreferenceStatement> {
    with_any(&book, move |s, now| s.record_statement(&customer_id, statement, now))
}

#[tauri::command(async)]
pub fn get_profile(book: State<'_, Book>) -> Reply<Profile> {
    with_any(&book, move |s, _| s.profile())
}

#[tauri::command(async)]
pub fn save_profile(book: State<'_, Book>, profile: Profile) -> Reply<Profile> {
    let saved = with_any(&book, move |s, _| s.save_profile(profile))?;
    rapport_core::date_style::follow(&saved);
    crate::autostart::apply(saved.start_at_login).map_err(|e| IpcError {
        code: "io",
        message: format!("saved, but starting at login could not be set up ({})", e.kind()),
        field: Some("start at login".into()),
        decision: None,
    })?;
    Ok(saved)
}

/// A page of Today, triaged ([`rapport_core::reasons::TodayAsk`]): `shown` says how many rows of each list the
/// window shows, `channel` filters by channel; the answer carries every list's count, the count per channel, the
/// review pile and the summary line.
#[tauri::command(async)]
pub fn agenda(
    book: State<'_, Book>,
    days: Option<u32>,
    shown: Option<std::collections::HashMap<String, usize>>,
    channel: Option<Channel>,
) -> Reply<Agenda> {
    let ask = rapport_core::reasons::TodayAsk { shown: shown.unwrap_or_default(), channel };
    with_any(&book, move |s, now| s.today(now, days.unwrap_or(7), &ask))
}

#[tauri::command(async)]
pub fn set_reason_state(
    book: State<'_, Book>,
    reason_id: String,
    customer_id: String,
    state: ReasonStateKind,
    until: Option<NaiveDate>,
    note: Option<String>,
) -> Reply<ReasonState> {
    with_any(&book, move |s, now| s.set_reason_state(&reason_id, &customer_id, state, until, note, now))
}

/// The review pile's Snooze and Dismiss: several reasons (`[reasonId, customerId]` pairs) with one day and one why.
#[tauri::command(async)]
pub fn set_reason_states(
    book: State<'_, Book>,
    reasons: Vec<(String, String)>,
    state: ReasonStateKind,
    until: Option<NaiveDate>,
    note: Option<String>,
) -> Reply<Vec<ReasonState>> {
    with_any(&book, move |s, now| {
        let pairs: Vec<(&str, &str)> = reasons.iter().map(|(r, c)| (r.as_str(), c.as_str())).collect();
        s.set_reason_states(&pairs, state, until, note, now)
    })
}

/// Undo: takes back done, snoozed or dismissed, and returns the state the reason had.
#[tauri::command(async)]
pub fn undo_reason_state(book: State<'_, Book>, reason_id: String) -> Reply<ReasonState> {
    with_any(&book, move |s, now| s.undo_reason_state(&reason_id, now))
}

#[tauri::command(async)]
pub fn add_reminder(book: State<'_, Book>, customer_id: String, reminder: NewReminder) -> Reply<Reminder> {
    with_any(&book, move |s, now| s.add_reminder(&customer_id, reminder, now))
}

/// Where the agenda was saved, for the window to say.
#[derive(Serialize)]
pub struct Saved {
    file: String,
    events: usize,
}

/// Writes the agenda as iCalendar into the Downloads folder (or home), named by the day.
#[tauri::command(async)]
pub fn export_agenda_ics(book: State<'_, Book>, days: Option<u32>) -> Reply<Saved> {
    let (text, events, now) = with_any(&book, move |s, now| {
        let a = s.agenda(now, days.unwrap_or(30))?;
        Ok((rapport_core::io::ics::agenda(&a), a.reasons.len(), now))
    })?;
    let dirs = directories::UserDirs::new();
    let folder = dirs
        .as_ref()
        .and_then(|d| d.download_dir().map(|p| p.to_path_buf()))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .ok_or_else(|| IpcError {
            code: "io",
            message: "no Downloads or home folder to save into".into(),
            field: None,
            decision: None,
        })?;
    let name = format!("rapport-agenda-{}.ics", now.format("%Y-%m-%d"));
    let path = folder.join(&name);
    std::fs::create_dir_all(&folder).and_then(|_| rapport_core::io::write_whole(&path, text.as_bytes())).map_err(
        |e| IpcError {
            code: "io",
            message: format!("the calendar file could not be written ({})", e.kind()),
            field: None,
            decision: None,
        },
    )?;
    // The window shows the folder by name only (never a full path).
    Ok(Saved {
        file: format!("{} in {}", name, folder.file_name().and_then(|f| f.to_str()).unwrap_or("your home folder")),
        events,
    })
}

#[tauri::command(async)]
pub fn list_backups(book: State<'_, Book>) -> Reply<Vec<Backup>> {
    with(&book, |s, _| s.backups())
}

#[tauri::command(async)]
pub fn backup_now(book: State<'_, Book>) -> Reply<Backup> {
    with(&book, |s, now| s.backup(now))
}

/// Restores a backup from the book's own backups folder, by name (the window never sends paths).
#[tauri::command(async)]
pub fn restore_backup(book: State<'_, Book>, name: String) -> Reply<Backup> {
    replacing_file(&book, |s, now| {
        let found = s.backups()?.into_iter().find(|b| b.name == name);
        let b = found.ok_or_else(|| Error::NotFound { what: "backup", key: name.clone() })?;
        s.restore(&b.path, now)
    })
}

#[tauri::command(async)]
pub fn note_details(book: State<'_, Book>, customer_id: String, kind: ThankYouKind) -> Reply<Vec<notes::Detail>> {
    with_any(&book, move |s, now| Ok(notes::details(&s.customer_record(&customer_id)?, kind, now)))
}

#[tauri::command(async)]
pub fn compose_note(book: State<'_, Book>, customer_id: String, request: notes::Request) -> Reply<notes::Draft> {
    with_any(&book, move |s, now| s.draft_note(&customer_id, &request, now))
}

#[tauri::command(async)]
pub fn lint_note(
    book: State<'_, Book>,
    customer_id: String,
    text: String,
    shape: notes::Shape,
) -> Reply<notes::Report> {
    with_any(&book, move |s, now| s.lint_note(&customer_id, &text, shape, now))
}

/// What marking a note sent did: the note, and the contact it logged.
#[derive(Serialize)]
pub struct NoteMarked {
    note: Note,
    logged: Option<Interaction>,
}

/// Notes to customers across the book, newest first (the Notes place).
#[tauri::command(async)]
pub fn list_notes(book: State<'_, Book>, status: Option<NoteStatus>, limit: Option<u32>) -> Reply<Vec<ListedNote>> {
    with_any(&book, move |s, _| s.list_notes(status, limit.unwrap_or(200).min(1000)))
}

/// Saves the edited text of a draft (the composer's Save, again).
#[tauri::command(async)]
pub fn update_note(
    book: State<'_, Book>,
    note_id: String,
    text: String,
    seen: Option<chrono::DateTime<chrono::Utc>>,
) -> Reply<Note> {
    with_any(&book, move |s, now| match seen {
        Some(seen) => s.update_note_seen(&note_id, &text, seen, now),
        None => s.update_note(&note_id, &text, now),
    })
}

#[tauri::command(async)]
pub fn set_note_status(book: State<'_, Book>, note_id: String, status: NoteStatus) -> Reply<NoteMarked> {
    with_any(&book, move |s, now| {
        let (note, logged) = s.set_note_status(&note_id, status, now)?;
        Ok(NoteMarked { note, logged })
    })
}
