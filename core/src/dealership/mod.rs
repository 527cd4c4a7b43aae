//! The dealership book (issue 17): one book on a PostgreSQL server that every salesperson, the service desk and the
//! manager work on, so what a customer said binds everyone who can reach them.
//!
//! It is a [`Book`] like the salesperson's own file: the Guard, the campaign check and the reasons are the same code
//! over it. What differs is said here: people sign in ([`people`]), customers have an owner, every statement,
//! contact, promise and note keeps who entered it, and two people editing one customer never overwrite each other
//! unseen (`version`). The schema and its reasons are in `core/migrations-pg/`.

mod agenda;
mod corrections;
mod people;
pub mod remembered;
mod rows;

use std::cell::{RefCell, RefMut};
use std::time::Duration;

use chrono::{DateTime, Utc};
use postgres::config::{Host, SslMode};
use postgres::error::SqlState;
use postgres::{Client, Config, Transaction};
use postgres_native_tls::MakeTlsConnector;

use crate::book::{self, Book, Contact, EnteredBy};
use crate::io::contact::Parsed;
use crate::model::*;
use crate::reasons::{self, Agenda, Snapshot};
use crate::store::{ImportPlan, ImportReport, SearchHit};
use crate::{Error, ListQuery, Result};

pub use people::{NewUser, Role, User, MIN_PASSWORD_CHARS};

/// The schema's versions, oldest first; a book of a newer one is refused untouched.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations-pg/0001_dealership.sql"),
    include_str!("../../migrations-pg/0002_own_settings_and_note_changes.sql"),
    include_str!("../../migrations-pg/0003_notified_per_person.sql"),
    include_str!("../../migrations-pg/0004_agenda_keys.sql"),
];

/// The schema version this build writes on a dealership book.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Whether a book's address names a PostgreSQL server rather than a file.
pub fn is_address(book: &str) -> bool {
    book.starts_with("postgres://") || book.starts_with("postgresql://")
}

/// The server's password from `PGPASSWORD`, kept for the window's later sign-ins once the window has taken it out
/// of its environment (which WebKit's processes and every app it opens would otherwise inherit).
static SERVER_PASSWORD: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Keeps the server's password for this process's connections (see [`SERVER_PASSWORD`]).
pub fn keep_server_password(password: String) {
    let _ = SERVER_PASSWORD.set(password);
}

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// One lock id for schema changes ("Rapp"), so two programs opening a new book never both migrate it.
const MIGRATION_LOCK: i64 = 0x5261_7070;

/// The dealership's shared book, signed in as one person.
pub struct DealershipBook {
    /// One connection; reads take it briefly and never call back into the book while holding it.
    client: RefCell<Client>,
    config: Config,
    tls: MakeTlsConnector,
    me: User,
}

/// A second connection to a dealership book, as the person signed in there, not yet made ([`DealershipBook::beside`]).
pub struct Beside {
    config: Config,
    tls: MakeTlsConnector,
    me: User,
}

impl Beside {
    /// Connects (on the calling thread).
    pub fn connect(self) -> Result<DealershipBook> {
        let client = self.config.connect(self.tls.clone())?;
        Ok(DealershipBook { client: RefCell::new(client), config: self.config, tls: self.tls, me: self.me })
    }
}

impl std::fmt::Debug for DealershipBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the address's password.
        f.debug_struct("DealershipBook").field("me", &self.me.email).finish()
    }
}

impl DealershipBook {
    /// Signs in to the book at `address` as the person with this email and password.
    pub fn open(address: &str, email: &str, password: &str) -> Result<DealershipBook> {
        let (mut client, config, tls) = connect(address)?;
        let found = client.query_opt(
            "SELECT id, name, email, role, active, created_at, password_hash FROM users WHERE lower(email) = lower($1)",
            &[&email.trim()],
        )?;
        let wrong = || Error::SignIn("that email and password do not sign in to this dealership book".into());
        let Some(row) = found else {
            let anyone: i64 = client.query_one("SELECT count(*) FROM users", &[])?.get(0);
            if anyone == 0 {
                return Err(Error::SignIn(
                    "this dealership book has nobody in it yet: add its first person, a manager, with \
                     rapport users add --first"
                        .into(),
                ));
            }
            // The same time either way, so a wrong email is not told apart from a wrong password by the clock.
            let _ = people::password_matches(password, people::DUMMY_HASH);
            return Err(wrong());
        };
        let hash: String = row.get("password_hash");
        if !people::password_matches(password, &hash) {
            return Err(wrong());
        }
        let me = rows::user(&row)?;
        if !me.active {
            return Err(Error::SignIn(format!("{} no longer signs in to this dealership book", me.name)));
        }
        Ok(DealershipBook { client: RefCell::new(client), config, tls, me })
    }

    /// Starts a new dealership book with its first person, a manager. Refused once anyone is in it.
    pub fn start(address: &str, first: NewUser, now: DateTime<Utc>) -> Result<DealershipBook> {
        let first = NewUser { role: Role::Manager, ..first.validated()? };
        let (mut client, config, tls) = connect(address)?;
        let me = {
            let mut tx = client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            let anyone: i64 = tx.query_one("SELECT count(*) FROM users", &[])?.get(0);
            if anyone > 0 {
                return Err(Error::NotAllowed(
                    "this dealership book already has people in it: a manager adds you with rapport users add".into(),
                ));
            }
            let me = insert_user(&mut tx, &first, now)?;
            rows::commit(tx)?;
            me
        };
        Ok(DealershipBook { client: RefCell::new(client), config, tls, me })
    }

    /// What connects a second time to the same book as the same person, for work that runs beside the window (the
    /// scheduler's minute): taken from the window's book at once, connected on the thread that will use it, so
    /// neither waits for the other.
    pub fn beside(&self) -> Beside {
        Beside { config: self.config.clone(), tls: self.tls.clone(), me: self.me.clone() }
    }

    /// Who is signed in.
    pub fn me(&self) -> &User {
        &self.me
    }

    /// How many customers the book holds (everyone's).
    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.client()?.query_one("SELECT count(*) FROM customers", &[])?.get(0))
    }

    /// Everyone who works on the book, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        let rows = self
            .client()?
            .query("SELECT id, name, email, role, active, created_at FROM users ORDER BY lower(name), id", &[])?;
        rows.iter().map(rows::user).collect()
    }

    /// Adds a person (a manager's work).
    pub fn add_user(&mut self, person: NewUser, now: DateTime<Utc>) -> Result<User> {
        self.managers_only("add people")?;
        let person = person.validated()?;
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let user = insert_user(&mut tx, &person, now)?;
        rows::commit(tx)?;
        Ok(user)
    }

    /// Hands every customer of one person — or, `from` being `None`, every customer nobody owns (those the service
    /// desk added) — to another, in one step (a manager's work, when someone leaves); the one who left can no
    /// longer sign in if `leaving`. Returns how many customers moved.
    pub fn reassign(
        &mut self,
        from_email: Option<&str>,
        to_email: &str,
        leaving: bool,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        self.managers_only("hand customers on")?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let from = from_email.map(|e| user_by_email(&mut tx, e)).transpose()?;
        let to = user_by_email(&mut tx, to_email)?;
        if !to.active {
            return Err(Error::invalid("to", format!("{} no longer works on this book", to.name)));
        }
        if to.role == Role::Service {
            return Err(Error::invalid("to", format!("{} is at the service desk, which owns no customers", to.name)));
        }
        if from.as_ref().is_some_and(|f| f.id == to.id) {
            return Err(Error::invalid("to", "give the customers to someone else"));
        }
        if leaving {
            let Some(from) = &from else {
                return Err(Error::invalid("leaving", "say who is leaving with --from"));
            };
            let managers: i64 = tx
                .query_one("SELECT count(*) FROM users WHERE role = 'manager' AND active AND id <> $1", &[&from.id])?
                .get(0);
            if from.role == Role::Manager && managers == 0 {
                return Err(Error::invalid(
                    "leaving",
                    format!("{} is the book's only manager: make someone else a manager first", from.name),
                ));
            }
        }
        let moved = tx.execute(
            "UPDATE customers SET owner_id = $2, version = version + 1, updated_at = $3, updated_by = $4
             WHERE owner_id IS NOT DISTINCT FROM $1",
            &[&from.as_ref().map(|f| f.id.as_str()), &to.id, &now, &me],
        )?;
        if let (true, Some(from)) = (leaving, &from) {
            tx.execute("UPDATE users SET active = FALSE WHERE id = $1", &[&from.id])?;
        }
        rows::commit(tx)?;
        Ok(moved)
    }

    /// A customer's own fields and the version they were read at: an edit sends that version back.
    pub fn customer_at(&self, id: &str) -> Result<(Customer, i64)> {
        let row = self
            .client()?
            .query_opt("SELECT record, version FROM customers WHERE id = $1", &[&id])?
            .ok_or_else(|| Error::NotFound { what: "customer", key: id.to_string() })?;
        let rec: CustomerRecord = rows::from_json("customer", row.get("record"))?;
        Ok((rec.customer, row.get("version")))
    }

    /// Replaces a customer's own fields, if nobody saved them since `read_version`; otherwise nothing is written
    /// and the error says who changed them and when.
    pub fn edit_customer(
        &mut self,
        id: &str,
        input: NewCustomer,
        read_version: i64,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        let c = input.validated()?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let row = tx
            .query_opt(
                "SELECT c.record, c.version, c.updated_at, coalesce(u.name, 'someone') AS by
                 FROM customers c LEFT JOIN users u ON u.id = c.updated_by WHERE c.id = $1 FOR UPDATE OF c",
                &[&id],
            )?
            .ok_or_else(|| Error::NotFound { what: "customer", key: id.to_string() })?;
        let version: i64 = row.get("version");
        let mut rec: CustomerRecord = rows::from_json("customer", row.get("record"))?;
        if version != read_version {
            let by: String = row.get("by");
            return Err(Error::changed(format!("{}'s record", rec.customer.name), by, row.get("updated_at")));
        }
        rec.customer = Customer {
            name: c.name,
            preferred_name: c.preferred_name,
            time_zone: c.time_zone,
            how_we_met: c.how_we_met,
            company: c.company,
            household: c.household,
            updated_at: now,
            ..rec.customer
        };
        rows::save_record(&mut tx, &rec, &me, now)?;
        rows::commit(tx)?;
        Ok(rec.customer)
    }

    /// The connection, made again if the server went away and came back.
    fn client(&self) -> Result<RefMut<'_, Client>> {
        let mut client = self.client.borrow_mut();
        // The blocking client learns its connection closed only when it next uses it: an error that said the
        // server went away (on this thread, where the book is used) is the sign to connect again.
        if client.is_closed() || CONNECTION_LOST.with(|lost| lost.replace(false)) {
            *client = self.config.connect(self.tls.clone())?;
        }
        Ok(client)
    }

    /// Refuses unless the signed-in person is, right now, an active manager (their role and whether they still
    /// work here are read from the book, not from when they signed in).
    fn managers_only(&self, to: &str) -> Result<()> {
        let row = self.client()?.query_opt("SELECT role, active FROM users WHERE id = $1", &[&self.me.id])?;
        let (role, active) = match &row {
            Some(r) => (Role::parse(r.get(0))?, r.get::<_, bool>(1)),
            None => (self.me.role, false),
        };
        if !active {
            return Err(Error::SignIn(format!("{} no longer signs in to this dealership book", self.me.name)));
        }
        if role != Role::Manager {
            return Err(Error::NotAllowed(format!("only a manager can {to}; {} is a {}", self.me.name, role.as_str())));
        }
        Ok(())
    }

    /// Whose customers the signed-in person looks after: a manager, everyone's.
    fn owner_filter(&self) -> Option<&str> {
        (self.me.role != Role::Manager).then_some(self.me.id.as_str())
    }
}

impl Book for DealershipBook {
    fn profile(&self) -> Result<Profile> {
        let mut client = self.client()?;
        let dealership = match client.query_opt("SELECT profile::text FROM profile WHERE id = 1", &[])? {
            Some(row) => rows::from_text("profile", row.get(0))?,
            None => Profile::default(),
        };
        // Each person's own settings; before they saved any, the dealership's with their own name.
        let own: Option<String> =
            client.query_one("SELECT profile::text FROM users WHERE id = $1", &[&self.me.id])?.get(0);
        Ok(match own {
            Some(own) => dealership.with_own(&rows::from_text("profile", &own)?),
            // Nobody's own settings are another's: the defaults, with their name and the dealership's zone.
            None => {
                let own = Profile {
                    name: self.me.name.clone(),
                    time_zone: dealership.time_zone.clone(),
                    ..Profile::default()
                };
                dealership.with_own(&own)
            }
        })
    }

    fn playbooks(&self) -> Result<Vec<Playbook>> {
        let rows = self.client()?.query("SELECT playbook FROM playbooks ORDER BY lower(tag)", &[])?;
        rows.iter().map(|r| rows::from_json("playbook", r.get(0))).collect()
    }

    fn customer(&self, id: &str) -> Result<Customer> {
        Ok(self.customer_at(id)?.0)
    }

    fn customer_record(&self, id: &str) -> Result<CustomerRecord> {
        let mut client = self.client()?;
        let mut recs = rows::records(&mut *client, "c.id = $1", &[&id], None)?;
        recs.pop().ok_or_else(|| Error::NotFound { what: "customer", key: id.to_string() })
    }

    fn lookup_customer(&self, prefix: &str) -> Result<String> {
        self.resolve("customers", "customer", prefix)
    }

    fn lookup_interaction(&self, prefix: &str) -> Result<String> {
        self.resolve("interactions", "interaction", prefix)
    }

    fn lookup_promise(&self, prefix: &str) -> Result<String> {
        self.resolve("promises", "promise", prefix)
    }

    fn lookup_issue(&self, prefix: &str) -> Result<String> {
        let p = crate::store::read::id_prefix("issue", prefix)?;
        let mut client = self.client()?;
        // A whole id through the index; the start of one by reading the issues of every record.
        let whole =
            "SELECT $1::text FROM customers WHERE jsonb_path_query_array(record, '$.issues[*].id') ? $1 LIMIT 1";
        if let Some(row) = client.query_opt(whole, &[&p])? {
            return Ok(row.get(0));
        }
        let ids = client
            .query(
                "SELECT i->>'id' FROM customers c, jsonb_array_elements(c.record->'issues') i
                 WHERE i->>'id' >= $1 AND i->>'id' < $1 || '~' ORDER BY 1 LIMIT 11",
                &[&p],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        crate::store::read::the_one(ids, "issue", prefix)
    }

    fn list_customers(&self, q: &ListQuery) -> Result<Vec<CustomerSummary>> {
        let tag = match &q.tag {
            Some(t) => Some(crate::tags::normalize(t).map_err(|m| Error::invalid("tag", m))?),
            None => None,
        };
        let words = q.text.as_deref().map(rows::search_words).unwrap_or_default();
        let limit = q.limit.map_or(i64::MAX, i64::from);
        let offset = i64::from(q.offset.unwrap_or(0));
        let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![&tag, &limit, &offset];
        let found = match words.tsquery {
            Some(_) => {
                params.extend(words.params());
                format!("AND {}", words.condition(4))
            }
            None => String::new(),
        };
        let sql = format!(
            "SELECT c.record,
                    (SELECT count(*) FROM promises p WHERE p.customer_id = c.id AND p.promise->>'status' = 'open')
                      AS open_promises,
                    (SELECT s.statement->'means'->>'kind' FROM statements s WHERE s.customer_id = c.id
                       AND s.statement->'means'->>'kind' IN ('do_not_contact', 'resume_contact')
                     ORDER BY s.said_at DESC, s.n DESC LIMIT 1) AS contact_switch
             FROM customers c
             WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.record->'tags') t
                                                 WHERE lower(t->>'tag') = lower($1::text))) {found}
             ORDER BY {} LIMIT $2 OFFSET $3",
            rows::BY_NAME
        );
        let rows = self.client()?.query(&sql, &params)?;
        rows.iter().map(rows::summary).collect()
    }

    fn search(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let words = rows::search_words(typed);
        if words.tsquery.is_none() {
            return Ok(Vec::new());
        }
        let mut client = self.client()?;
        let recs = rows::records(&mut *client, &words.condition(1), &words.params(), Some(limit))?;
        Ok(recs.iter().map(|r| rows::hit(r, &words.plain)).collect())
    }

    fn tag_counts(&self) -> Result<Vec<(String, u32)>> {
        // As the SQLite book counts them: one name per spelling folded to lower case, the first spelling shown.
        let rows = self.client()?.query(
            "SELECT min(t->>'tag'), count(DISTINCT c.id) FROM customers c, jsonb_array_elements(c.record->'tags') t
             GROUP BY lower(t->>'tag') ORDER BY lower(t->>'tag') COLLATE \"C\"",
            &[],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), u32::try_from(r.get::<_, i64>(1)).unwrap_or(u32::MAX))).collect())
    }

    fn plan_import(&self, parsed: Parsed) -> Result<ImportPlan> {
        let rows = self.client()?.query("SELECT id, name, record->'contact_points' FROM customers ORDER BY n", &[])?;
        let mut known = Vec::new();
        for row in &rows {
            let (id, name): (String, String) = (row.get(0), row.get(1));
            let points: Vec<ContactPoint> = rows::from_json("contact point", row.get(2))?;
            if points.is_empty() {
                known.push(crate::store::import::KnownRow {
                    id: id.clone(),
                    name: name.clone(),
                    kind: None,
                    value: None,
                });
            }
            for p in points {
                let kind = Some(p.kind.as_str().to_string());
                known.push(crate::store::import::KnownRow {
                    id: id.clone(),
                    name: name.clone(),
                    kind,
                    value: Some(p.value),
                });
            }
        }
        Ok(crate::store::import::plan(known, parsed))
    }

    fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        self.agenda_of(&agenda::Whose { me: self.owner_filter(), and_nobodys: false }, now, days)
    }

    fn own_agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        let whose = agenda::Whose { me: Some(&self.me.id), and_nobodys: self.me.role == Role::Manager };
        self.agenda_of(&whose, now, days)
    }

    fn customer_of(&self, record: crate::store::Record, id_prefix: &str) -> Result<String> {
        Ok(self.locate(record, id_prefix)?.1)
    }

    fn was_notified(&self, reason_id: &str) -> Result<bool> {
        let row = self.client()?.query_one(
            "SELECT EXISTS (SELECT 1 FROM notified WHERE user_id = $1 AND reason_id = $2)",
            &[&self.me.id, &reason_id],
        )?;
        Ok(row.get(0))
    }

    fn keeps_who_entered(&self) -> bool {
        true
    }

    fn entered_by(&self, customer_id: &str) -> Result<Vec<EnteredBy>> {
        let rows = self.client()?.query(
            "SELECT x.id, u.id, u.name FROM (
                 SELECT id, entered_by FROM statements WHERE customer_id = $1
                 UNION ALL SELECT id, entered_by FROM interactions WHERE customer_id = $1
                 UNION ALL SELECT id, entered_by FROM promises WHERE customer_id = $1
                 UNION ALL SELECT id, entered_by FROM notes WHERE customer_id = $1
                 UNION ALL SELECT id, entered_by FROM held_back WHERE customer_id = $1
             ) x JOIN users u ON u.id = x.entered_by",
            &[&customer_id],
        )?;
        Ok(rows.iter().map(|r| EnteredBy { record_id: r.get(0), user_id: r.get(1), name: r.get(2) }).collect())
    }

    fn others_for(&self, customer_id: &str) -> Result<crate::notes::Others> {
        let mut client = self.client()?;
        let mut others = crate::notes::Others::default();
        let rows = client.query(
            "SELECT name, record->>'preferred_name' FROM customers WHERE id <> $1 ORDER BY n",
            &[&customer_id],
        )?;
        for row in &rows {
            others.names.push(row.get(0));
            others.names.extend(row.get::<_, Option<String>>(1));
        }
        let recent = i64::from(crate::notes::life::RECENT_NOTES);
        let rows = client.query(
            "SELECT c.name, n.note->>'text' FROM notes n JOIN customers c ON c.id = n.customer_id
             WHERE n.customer_id <> $1 AND n.note->>'kind' IN ('thank_you', 'card_prompt')
             ORDER BY n.entered_at DESC, n.n DESC LIMIT $2",
            &[&customer_id, &recent],
        )?;
        others.notes = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        Ok(others)
    }

    fn held_back(&self, customer_id: Option<&str>, limit: u32) -> Result<Vec<HeldBack>> {
        let owner = customer_id.is_none().then(|| self.owner_filter()).flatten();
        let rows = self.client()?.query(
            "SELECT h.held::text FROM held_back h
             WHERE ($1::text IS NULL OR h.customer_id = $1)
               AND ($2::text IS NULL OR h.entered_by = $2
                    OR h.customer_id IN (SELECT id FROM customers WHERE owner_id = $2 OR owner_id IS NULL))
             ORDER BY h.at DESC, h.n DESC LIMIT $3",
            &[&customer_id, &owner, &i64::from(limit)],
        )?;
        rows.iter().map(|r| rows::from_text("held back", r.get(0))).collect()
    }

    fn note(&self, note_id: &str) -> Result<Note> {
        match self.client()?.query_opt("SELECT note::text FROM notes WHERE id = $1", &[&note_id])? {
            Some(row) => rows::from_text("note", row.get(0)),
            None => Err(Error::NotFound { what: "note", key: note_id.to_string() }),
        }
    }

    fn customer_with_email(&self, addresses: &[String]) -> Result<Option<String>> {
        let mut client = self.client()?;
        for a in addresses.iter().map(|a| a.trim().to_lowercase()).filter(|a| !a.is_empty()) {
            // The trigram index finds the few whose search text holds the address; their email points decide.
            let like = format!("%{}%", a.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let found = client.query_opt(
                "SELECT id FROM customers WHERE search_text LIKE $1 AND EXISTS (
                     SELECT 1 FROM jsonb_array_elements(record->'contact_points') p
                     WHERE p->>'kind' = 'email' AND lower(btrim(p->>'value')) = $2)
                 ORDER BY n LIMIT 1",
                &[&like, &a],
            )?;
            if let Some(row) = found {
                return Ok(Some(row.get(0)));
            }
        }
        Ok(None)
    }

    fn list_notes(&self, status: Option<NoteStatus>, limit: u32) -> Result<Vec<ListedNote>> {
        let (status, limit) = (status.map(|s| s.as_str()), i64::from(limit));
        let rows = self.client()?.query(
            "SELECT n.note::text, c.name FROM notes n JOIN customers c ON c.id = n.customer_id
             WHERE n.note->>'kind' IN ('thank_you', 'card_prompt')
               AND ($1::text IS NULL OR coalesce(n.note->>'status', 'draft') = $1)
               AND ($2::text IS NULL OR c.owner_id = $2 OR c.owner_id IS NULL OR n.entered_by = $2)
             ORDER BY n.entered_at DESC, n.n DESC LIMIT $3",
            &[&status, &self.owner_filter(), &limit],
        )?;
        rows.iter()
            .map(|r| Ok(ListedNote { note: rows::from_text("note", r.get(0))?, customer_name: r.get(1) }))
            .collect()
    }

    fn export_book(&self) -> Result<crate::model::Book> {
        let mut client = self.client()?;
        // Every table as of one moment.
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let profile = match tx.query_opt("SELECT profile::text FROM profile WHERE id = 1", &[])? {
            Some(row) => rows::from_text("profile", row.get(0))?,
            None => Profile::default(),
        };
        let playbooks = tx
            .query("SELECT playbook::text FROM playbooks ORDER BY lower(tag)", &[])?
            .iter()
            .map(|r| rows::from_text("playbook", r.get(0)))
            .collect::<Result<Vec<Playbook>>>()?;
        // A salesperson takes out their own customers; the manager, the whole book.
        let order = Some("c.n");
        let customers = match self.owner_filter() {
            Some(me) => rows::records_in_order(&mut tx, "c.owner_id = $1", &[&me], None, order)?,
            None => rows::records_in_order(&mut tx, "TRUE", &[], None, order)?,
        };
        tx.commit()?;
        let mut book = crate::model::Book::new(profile, customers);
        book.playbooks = playbooks;
        Ok(book)
    }

    fn add_customer_with(
        &mut self,
        input: NewCustomer,
        points: Vec<NewContactPoint>,
        tags: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        let (customer, points, tags) = book::new_customer(input, points, tags, now)?;
        let rec = CustomerRecord { contact_points: points, tags, ..crate::store::read::empty(customer) };
        let owner = self.owner_of_new_customers();
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        rows::insert_record(&mut tx, &rec, owner.as_deref(), &me, now)?;
        rows::commit(tx)?;
        Ok(rec.customer)
    }

    fn add_to_customer(&mut self, addition: &book::Addition, now: DateTime<Utc>) -> Result<()> {
        use book::Addition;
        let me = self.me.id.clone();
        let customer_id = addition.customer_id().to_string();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // The whole record is read and saved under the row's lock: nothing another person saves meanwhile is lost.
        let row = tx
            .query_opt("SELECT record::text FROM customers WHERE id = $1 FOR NO KEY UPDATE", &[&customer_id])?
            .ok_or_else(|| Error::NotFound { what: "customer", key: customer_id.clone() })?;
        let mut rec: CustomerRecord = rows::from_text("customer", row.get(0))?;
        match addition {
            Addition::Fact(fact) => rec.facts.push(fact.clone()),
            Addition::Goal(goal) => rec.goals.push(goal.clone()),
            Addition::Purchase(purchase) => rec.purchases.push(purchase.clone()),
            Addition::ContactPoint(point) => {
                if point.preferred {
                    // One preferred point per kind.
                    for p in rec.contact_points.iter_mut().filter(|p| p.kind == point.kind) {
                        p.preferred = false;
                    }
                }
                rec.contact_points.push(point.clone());
            }
        }
        rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
        rows::commit(tx)
    }

    fn record_statement(
        &mut self,
        customer_id: &str,
        input: NewStatement,
        now: DateTime<Utc>,
    ) -> Result<PreferenceStatement> {
        let statement = book::statement_from(customer_id, input.validated()?, now)?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // The same lock a contact the Guard allowed takes: one of them waits, so the Guard never decides on
        // statements that change before its contact is written.
        rows::customer_is_there(&mut tx, customer_id, rows::Lock::Update)?;
        if let Some(source) = &statement.source_interaction_id {
            let owner: Option<String> =
                tx.query_opt("SELECT customer_id FROM interactions WHERE id = $1", &[source])?.map(|r| r.get(0));
            if owner.as_deref() != Some(customer_id) {
                return Err(Error::invalid("source interaction", "is not one of this customer's interactions"));
            }
        }
        rows::insert_statement(&mut tx, &statement, &me, now)?;
        rows::commit(tx)?;
        Ok(statement)
    }

    fn write_contact(&mut self, contact: &Contact) -> Result<()> {
        let me = self.me.id.clone();
        let now = contact.recorded_at;
        let customer_id = &contact.interaction.customer_id;
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // Facts go into her record: take its row for that at once, so two writers queue instead of deadlocking
        // (each holding a share lock and waiting to update). A contact the Guard allowed takes it too, as recording
        // a statement does, so the statements it counts below cannot change before this commits.
        let lock = match contact.facts.is_empty() && contact.statements_seen.is_none() {
            true => rows::Lock::Share,
            false => rows::Lock::Update,
        };
        rows::customer_is_there(&mut tx, customer_id, lock)?;
        if let Some(seen) = contact.statements_seen {
            let latest = tx.query_opt(
                "SELECT (SELECT count(*) FROM statements WHERE customer_id = $1), coalesce(u.name, 'someone'), s.entered_at
                 FROM statements s LEFT JOIN users u ON u.id = s.entered_by
                 WHERE s.customer_id = $1 ORDER BY s.n DESC LIMIT 1",
                &[customer_id],
            )?;
            if let Some(row) = latest.filter(|r| r.get::<_, i64>(0) as usize != seen) {
                // The Guard decided without what was just said: nothing is logged; checking again reads it.
                let by: String = row.get(1);
                return Err(Error::changed("what the customer said about being contacted", by, row.get(2)));
            }
        }
        rows::insert_interaction(&mut tx, &contact.interaction, &me, now)?;
        for s in &contact.statements {
            rows::insert_statement(&mut tx, s, &me, s.recorded_at)?;
        }
        for p in &contact.promises {
            rows::insert_promise(&mut tx, p, &me, now)?;
        }
        if !contact.facts.is_empty() {
            rows::save_with_text_tags(&mut tx, customer_id, &contact.facts, &me, now)?;
        }
        rows::commit(tx)?;
        Ok(())
    }

    fn import_book(&mut self, book: &crate::model::Book, now: DateTime<Utc>) -> Result<crate::ImportSummary> {
        crate::store::book::check_book(book)?;
        let owner = self.owner_of_new_customers();
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // The dealership's settings (hours, calling rule, playbooks) are the Guard's for everyone: only a manager
        // brings them in, and only into a book that has none yet.
        let no_profile = tx.query_one("SELECT NOT EXISTS (SELECT 1 FROM profile)", &[])?.get::<_, bool>(0);
        let empty = no_profile && self.me.role == Role::Manager;
        let ids: Vec<&str> = book.customers.iter().map(|c| c.customer.id.as_str()).collect();
        if let Some(row) = tx.query_opt("SELECT id FROM customers WHERE id = ANY($1) LIMIT 1", &[&ids])? {
            let id: String = row.get(0);
            let i = ids.iter().position(|x| *x == id).unwrap_or(0);
            return Err(Error::BadFile(format!(
                "customers[{i}] ({}): id {id} is already in this book; nothing was imported",
                book.customers[i].customer.name
            )));
        }
        rows::copy_in_records(&mut tx, &book.customers, owner.as_deref(), &me, now)?;
        // What the book's owner was notified of stays notified for them.
        let (mut reasons, mut whose, mut when) = (Vec::new(), Vec::new(), Vec::new());
        for c in &book.customers {
            for n in &c.notified {
                reasons.push(n.reason_id.as_str());
                whose.push(c.customer.id.as_str());
                when.push(n.at);
            }
        }
        tx.execute(
            "INSERT INTO notified (user_id, reason_id, customer_id, at)
             SELECT $1, r, c, a FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS x (r, c, a)
             ON CONFLICT (user_id, reason_id) DO NOTHING",
            &[&me, &reasons, &whose, &when],
        )?;
        if empty {
            tx.execute(
                "INSERT INTO profile (id, profile) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET profile = $1",
                &[&rows::to_json(&book.profile)?],
            )?;
            // The manager whose book moved in keeps their own signature, voice and hours as theirs.
            tx.execute(
                "UPDATE users SET profile = $2 WHERE id = $1 AND profile IS NULL",
                &[&me, &rows::to_json(&book.profile)?],
            )?;
            for p in &book.playbooks {
                tx.execute(
                    "INSERT INTO playbooks (tag, playbook) VALUES ($1, $2) ON CONFLICT (tag) DO UPDATE SET playbook = $2",
                    &[&p.tag, &rows::to_json(p)?],
                )?;
            }
        }
        rows::commit(tx)?;
        Ok(crate::ImportSummary { customers: book.customers.len(), profile_imported: empty })
    }

    fn apply_import(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<ImportReport> {
        use crate::store::import::{customer_of, details, rapport_shaped, Has};
        // Dropped unfinished, the transaction rolls back: a cancelled import leaves the book as it was.
        let go_on = || match cancel.load(std::sync::atomic::Ordering::Relaxed) {
            true => Err(Error::Cancelled),
            false => Ok(()),
        };
        let owner = self.owner_of_new_customers();
        let me = self.me.id.clone();
        let merges: Vec<_> = plan.merges.iter().filter(|m| !m.customer_id.is_empty()).collect();
        let total = plan.new.len() + merges.len();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // A customer of Rapport's own export keeps their id where no one here has it, so the same file imported
        // again finds them by it.
        let given: Vec<&str> = plan.new.iter().filter_map(|c| c.rapport_id.as_deref().map(str::trim)).collect();
        let taken: std::collections::HashSet<String> =
            tx.query("SELECT id FROM customers WHERE id = ANY($1)", &[&given])?.iter().map(|r| r.get(0)).collect();
        let mut kept = std::collections::HashSet::new();
        let mut recs = Vec::with_capacity(plan.new.len());
        for c in &plan.new {
            let id = rapport_shaped(c.rapport_id.as_deref())
                .filter(|id| !taken.contains(*id) && kept.insert(id.to_string()))
                .map_or_else(crate::ids::new_id, str::to_string);
            let d = details(&id, c, now, &Has::default());
            let mut rec = crate::store::read::empty(customer_of(c, id, now));
            rec.contact_points = d.points;
            rec.notes.extend(d.note);
            rec.tags = crate::tags::with_text_tags(&d.tags, rec.notes.iter().map(|n| n.text.as_str()));
            rec.facts.extend(d.birthday);
            rec.purchases.extend(d.purchase);
            recs.push(rec);
        }
        go_on()?;
        rows::copy_in_records(&mut tx, &recs, owner.as_deref(), &me, now)?;
        progress(recs.len(), total);
        for (k, m) in merges.iter().enumerate() {
            go_on()?;
            rows::customer_is_there(&mut tx, &m.customer_id, rows::Lock::Update)?;
            let row = tx.query_one("SELECT record::text FROM customers WHERE id = $1", &[&m.customer_id])?;
            let mut rec: CustomerRecord = rows::from_text("customer", row.get(0))?;
            // Notes are rows of their own: what the customer has is read with them.
            let mut existing = Has::of(&rec);
            existing.notes = tx
                .query("SELECT note->>'text' FROM notes WHERE customer_id = $1", &[&m.customer_id])?
                .iter()
                .filter_map(|r| r.get::<_, Option<String>>(0))
                .collect();
            let d = details(&m.customer_id, &m.contact, now, &existing);
            rec.contact_points.extend(d.points);
            for t in d.tags.into_iter().filter(|t| t.origin == TagOrigin::Manual) {
                if !rec.tags.iter().any(|x| x.tag.eq_ignore_ascii_case(&t.tag)) {
                    rec.tags.push(t);
                }
            }
            rec.facts.extend(d.birthday);
            rec.purchases.extend(d.purchase);
            if let Some(note) = &d.note {
                tx.execute(
                    "INSERT INTO notes (id, customer_id, note, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5)",
                    &[&note.id, &note.customer_id, &rows::to_json(note)?, &me, &note.created_at],
                )?;
            }
            // One save, one version on, the note's hashtags read with the rest of the customer's texts.
            rows::save_tagged_from_texts(&mut tx, rec, &me, now)?;
            if (k + 1) % 500 == 0 {
                progress(recs.len() + k + 1, total);
            }
        }
        go_on()?;
        rows::commit(tx)?;
        progress(total, total);
        Ok(ImportReport {
            added: plan.new.len(),
            merged: merges.len(),
            joined_rows: plan.merges.len() - merges.len(),
            skipped: plan.bad.len(),
        })
    }

    fn insert_promise(&mut self, promise: &Promise, now: DateTime<Utc>) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        rows::customer_is_there(&mut tx, &promise.customer_id, rows::Lock::Share)?;
        rows::insert_promise(&mut tx, promise, &me, now)?;
        rows::commit(tx)?;
        Ok(())
    }

    fn keep_promise(&mut self, promise_id: &str, now: DateTime<Utc>) -> Result<Promise> {
        let me = self.me.id.clone();
        let today = now.date_naive();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let row = tx
            .query_opt("SELECT customer_id, promise::text FROM promises WHERE id = $1 FOR UPDATE", &[&promise_id])?
            .ok_or_else(|| Error::NotFound { what: "promise", key: promise_id.to_string() })?;
        let customer_id: String = row.get(0);
        let mut promise: Promise = rows::from_text("promise", row.get(1))?;
        if promise.status != PromiseStatus::Open {
            return Err(Error::invalid("promise", format!("it is already {}", promise.status)));
        }
        promise.status = PromiseStatus::Kept;
        promise.closed_on = Some(today);
        tx.execute("UPDATE promises SET promise = $2 WHERE id = $1", &[&promise_id, &rows::to_json(&promise)?])?;
        // A promise to bring the plates, kept, means the plates were delivered: the deliverable closes with it.
        let row =
            tx.query_one("SELECT record::text FROM customers WHERE id = $1 FOR NO KEY UPDATE", &[&customer_id])?;
        let mut rec: CustomerRecord = rows::from_text("customer", row.get(0))?;
        let mut delivered = false;
        for d in rec.purchases.iter_mut().flat_map(|p| p.deliverables.iter_mut()) {
            if d.delivered_on.is_none() && promise.names(&d.what) {
                d.delivered_on = Some(today);
                delivered = true;
            }
        }
        if delivered {
            rows::save_record(&mut tx, &rec, &me, now)?;
        }
        rows::commit(tx)?;
        Ok(promise)
    }

    fn open_issue(&mut self, customer_id: &str, input: NewIssue, now: DateTime<Utc>) -> Result<CustomerIssue> {
        let issue = CustomerIssue::open(customer_id, input, now)?;
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let items = serde_json::Value::Array(vec![rows::to_json(&issue)?]);
        rows::append(&mut tx, customer_id, "issues", &items, "", &me, now)?;
        rows::commit(tx)?;
        Ok(issue)
    }

    fn update_issue(
        &mut self,
        issue_id: &str,
        text: &str,
        next_update_on: Option<chrono::NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CustomerIssue> {
        self.change_issue(issue_id, now, |issue| issue.add_update(text, next_update_on, now).map(drop))
    }

    fn resolve_issue(&mut self, issue_id: &str, resolution: &str, now: DateTime<Utc>) -> Result<CustomerIssue> {
        self.change_issue(issue_id, now, |issue| issue.resolve(resolution, now))
    }

    fn insert_note(&mut self, note: &Note) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        rows::customer_is_there(&mut tx, &note.customer_id, rows::Lock::Update)?;
        tx.execute(
            "INSERT INTO notes (id, customer_id, note, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5)",
            &[&note.id, &note.customer_id, &rows::to_json(note)?, &me, &note.created_at],
        )?;
        rows::save_with_text_tags(&mut tx, &note.customer_id, &[], &me, note.created_at)?;
        rows::commit(tx)?;
        Ok(())
    }

    fn change_note(&mut self, was: &Note, note: &Note) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        rows::customer_is_there(&mut tx, &note.customer_id, rows::Lock::Update)?;
        // A note of a customer of someone else's, written by someone else, is theirs to change (a manager's, anyone's).
        if self.owner_filter().is_some() {
            let entered = tx.query_opt(
                "SELECT entered_by FROM notes WHERE id = $1 AND customer_id = $2",
                &[&note.id, &note.customer_id],
            )?;
            let allowed = match entered {
                Some(row) => self.may_change(&mut tx, &note.customer_id, row.get::<_, Option<String>>(0).as_deref())?,
                None => false,
            };
            if !allowed {
                return Err(Error::NotAllowed(format!(
                    "this note is to another salesperson's customer; {} can change only their own customers' notes \
                     and the notes they wrote",
                    self.me.name
                )));
            }
        }
        // Changed only if its text, status and time are still what was read (not the whole document: a field added
        // to `Note` later must not make every saved note look changed).
        let (old, field) =
            (rows::to_json(was)?, |v: &serde_json::Value, k: &str| v.get(k).cloned().unwrap_or_default());
        let changed = tx.execute(
            "UPDATE notes SET note = $2, updated_by = $3, updated_at = $4
             WHERE id = $1 AND note->'text' = $5 AND coalesce(note->'status', 'null') = $6
               AND note->'updated_at' = $7",
            &[
                &note.id,
                &rows::to_json(note)?,
                &me,
                &note.updated_at,
                &field(&old, "text"),
                &field(&old, "status"),
                &field(&old, "updated_at"),
            ],
        )?;
        if changed == 0 {
            let by = tx.query_opt(
                "SELECT coalesce(u.name, 'someone'), coalesce(n.updated_at, n.entered_at) FROM notes n
                 LEFT JOIN users u ON u.id = coalesce(n.updated_by, n.entered_by) WHERE n.id = $1",
                &[&note.id],
            )?;
            return Err(match by {
                Some(row) => Error::changed("this note", row.get::<_, String>(0), row.get(1)),
                None => Error::NotFound { what: "note", key: note.id.clone() },
            });
        }
        // Only new words can make new tags: a card marked sent leaves the customer's record, and its version — a
        // colleague's open edit of the customer — alone.
        if note.text != was.text {
            rows::save_with_text_tags(&mut tx, &note.customer_id, &[], &me, note.updated_at)?;
        }
        rows::commit(tx)
    }

    fn save_profile(&mut self, profile: Profile) -> Result<Profile> {
        let profile = profile.validated()?;
        let was = self.profile()?;
        let changed = profile.dealership_changes(&was);
        if !changed.is_empty() {
            self.managers_only(&format!("change {}", changed.join(", ")))?;
        }
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        if !changed.is_empty() {
            tx.execute(
                "INSERT INTO profile (id, profile) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET profile = $1",
                &[&rows::to_json(&profile)?],
            )?;
        }
        tx.execute("UPDATE users SET profile = $2 WHERE id = $1", &[&me, &rows::to_json(&profile)?])?;
        rows::commit(tx)?;
        drop(client);
        self.profile()
    }

    fn save_playbook(&mut self, playbook: Playbook) -> Result<Playbook> {
        self.managers_only("set a persona playbook")?;
        let p = playbook.validated()?;
        self.client()?.execute(
            "INSERT INTO playbooks (tag, playbook) VALUES ($1, $2) ON CONFLICT (tag) DO UPDATE SET playbook = $2",
            &[&p.tag, &rows::to_json(&p)?],
        )?;
        Ok(p)
    }

    fn delete_playbook(&mut self, tag: &str) -> Result<()> {
        self.managers_only("remove a persona playbook")?;
        let tag = tag.trim_start_matches('#');
        match self.client()?.execute("DELETE FROM playbooks WHERE tag = $1", &[&tag])? {
            0 => Err(Error::NotFound { what: "playbook", key: tag.to_string() }),
            _ => Ok(()),
        }
    }

    fn insert_reminder(&mut self, reminder: &Reminder) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let items = serde_json::Value::Array(vec![rows::to_json(reminder)?]);
        rows::append(&mut tx, &reminder.customer_id, "reminders", &items, "", &me, reminder.created_at)?;
        rows::commit(tx)?;
        Ok(())
    }

    fn save_reason_states(&mut self, states: &[ReasonState]) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // Customers locked in one order by everyone, so two people snoozing the same reasons never deadlock.
        let mut states: Vec<&ReasonState> = states.iter().collect();
        states.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
        for s in states {
            rows::save_reason_state(&mut tx, s, &me)?;
        }
        rows::commit(tx)?;
        Ok(())
    }

    fn undo_reason_state(&mut self, reason_id: &str, now: DateTime<Utc>) -> Result<ReasonState> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let wanted = serde_json::json!([{ "reason_id": reason_id }]);
        let row = tx
            .query_opt(
                "SELECT id, record::text FROM customers WHERE record->'reason_states' @> $1 FOR NO KEY UPDATE",
                &[&wanted],
            )?
            .ok_or_else(|| Error::NotFound { what: "reason", key: reason_id.to_string() })?;
        let mut rec: CustomerRecord = rows::from_text("customer", row.get(1))?;
        let at = rec.reason_states.iter().position(|s| s.reason_id == reason_id);
        let had = at
            .map(|i| rec.reason_states.remove(i))
            .ok_or_else(|| Error::NotFound { what: "reason", key: reason_id.to_string() })?;
        rows::save_record(&mut tx, &rec, &me, now)?;
        rows::commit(tx)?;
        Ok(had)
    }

    fn remove(
        &mut self,
        record: crate::store::Record,
        id_prefix: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::store::Removed> {
        self.remove_record(record, id_prefix, now)
    }

    fn correct_interaction(
        &mut self,
        id_prefix: &str,
        fix: crate::store::InteractionFix,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.correct_contact(id_prefix, fix, now)
    }

    fn correct_fact(&mut self, id_prefix: &str, fix: crate::store::FactFix, now: DateTime<Utc>) -> Result<Fact> {
        self.correct_fact_of(id_prefix, fix, now)
    }

    fn add_tag(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<Tag> {
        self.tag_by_hand(customer_id, tag, now)
    }

    fn remove_tag(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<()> {
        self.untag(customer_id, tag, now)
    }

    fn mark_notified(&mut self, reason_id: &str, customer_id: &str, now: DateTime<Utc>) -> Result<bool> {
        let added = self.client()?.execute(
            "INSERT INTO notified (user_id, reason_id, customer_id, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id, reason_id) DO NOTHING",
            &[&self.me.id, &reason_id, &customer_id, &now],
        )?;
        Ok(added == 1)
    }

    fn keep_held_back(&mut self, held: &HeldBack) -> Result<()> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        client.execute(
            "INSERT INTO held_back (id, customer_id, at, held, entered_by) VALUES ($1, $2, $3, $4, $5)",
            &[&held.id, &held.customer_id, &held.at, &rows::to_json(held)?, &me],
        )?;
        Ok(())
    }
}

impl DealershipBook {
    /// The agenda of `whose` customers: the records of those who may have a reason in the window (one question to
    /// the server), through the engine.
    fn agenda_of(&self, whose: &agenda::Whose<'_>, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        crate::store::agenda::check_days(days)?;
        let (profile, playbooks) = (self.profile()?, self.playbooks()?);
        let today = reasons::local_today(&profile, now);
        let mut client = self.client()?;
        let ids = agenda::candidates(&mut client, whose, today, now, days)?;
        let customers = rows::records(&mut *client, "c.id = ANY($1)", &[&ids], None)?;
        Ok(reasons::agenda(&Snapshot { customers: &customers, profile: &profile, playbooks: &playbooks }, now, days))
    }

    /// Reads an issue with its customer's record held, changes it by the model's rules, and saves the record.
    fn change_issue(
        &mut self,
        issue_id: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut CustomerIssue) -> Result<()>,
    ) -> Result<CustomerIssue> {
        let me = self.me.id.clone();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let row = tx
            .query_opt(
                "SELECT record::text FROM customers WHERE jsonb_path_query_array(record, '$.issues[*].id') ? $1
                 FOR NO KEY UPDATE",
                &[&issue_id],
            )?
            .ok_or_else(|| Error::NotFound { what: "issue", key: issue_id.to_string() })?;
        let mut rec: CustomerRecord = rows::from_text("customer", row.get(0))?;
        let issue = rec
            .issues
            .iter_mut()
            .find(|i| i.id == issue_id)
            .ok_or_else(|| Error::NotFound { what: "issue", key: issue_id.to_string() })?;
        change(issue)?;
        let changed = issue.clone();
        rows::save_record(&mut tx, &rec, &me, now)?;
        rows::commit(tx)?;
        Ok(changed)
    }

    fn owner_of_new_customers(&self) -> Option<String> {
        // The service desk owns no customers: one they add is the team's until a manager hands them on.
        (self.me.role != Role::Service).then(|| self.me.id.clone())
    }

    fn resolve(&self, table: &'static str, what: &'static str, prefix: &str) -> Result<String> {
        let p = crate::store::read::id_prefix(what, prefix)?;
        let sql = format!("SELECT id FROM {table} WHERE id >= $1 AND id < $1 || '~' ORDER BY id LIMIT 11");
        let ids = self.client()?.query(&sql, &[&p])?.iter().map(|r| r.get(0)).collect();
        crate::store::read::the_one(ids, what, prefix)
    }
}

/// Connects to the book at `address` and brings its schema up to date; a newer schema, or a database that holds
/// another program's tables, is refused untouched.
fn connect(address: &str) -> Result<(Client, Config, MakeTlsConnector)> {
    let (config, tls) = connection(address)?;
    let mut client = config.connect(tls.clone())?;
    migrate(&mut client)?;
    Ok((client, config, tls))
}

/// How to reach the book at `address`. A server on another machine is always reached over TLS, its certificate
/// checked against the system's trusted roots and the dealership's own (`sslrootcert=FILE` in the address, or
/// `PGSSLROOTCERT`) and its name against the address — never in the clear. On this machine, TLS only if the address
/// asks for it (`sslmode=require`). The server's password comes from the address or `PGPASSWORD`, and is never
/// written anywhere by Rapport.
pub(crate) fn connection(address: &str) -> Result<(Config, MakeTlsConnector)> {
    let (address, root) = without_root_certificate(address);
    let mut config: Config = address.parse().map_err(|e| {
        Error::invalid("book", format!("not a PostgreSQL address (postgres://USER@HOST/DATABASE): {e}"))
    })?;
    // Where the connection really goes: `hostaddr` wins over the host's name; with neither, the default socket.
    let elsewhere = config.get_hostaddrs().iter().any(|ip| !ip.is_loopback())
        || config.get_hosts().iter().any(|h| matches!(h, Host::Tcp(name) if !is_this_machine(name)));
    match (elsewhere, config.get_ssl_mode()) {
        (true, _) => {
            config.ssl_mode(SslMode::Require);
        }
        // Left to the default, a local server is reached directly: TLS adds nothing on one machine.
        (false, SslMode::Prefer) => {
            config.ssl_mode(SslMode::Disable);
        }
        (false, _) => {}
    }
    if config.get_password().is_none() {
        let given = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty());
        if let Some(p) = given.or_else(|| SERVER_PASSWORD.get().cloned()) {
            config.password(p);
        }
    }
    config.connect_timeout(CONNECT_TIMEOUT);
    config.application_name("rapport");
    // A salesperson whose network drops mid-write must not hold a customer's row for hours: the server gives up on
    // a silent connection, a lock waited on, or a transaction left open, and the others carry on.
    // And the client gives up on a silent server too: unanswered keepalives or unacknowledged data end the
    // connection within about a minute, so a call never hangs for the kernel's quarter of an hour.
    config.keepalives(true);
    config.keepalives_idle(Duration::from_secs(30));
    config.keepalives_interval(Duration::from_secs(10));
    config.keepalives_retries(3);
    config.tcp_user_timeout(Duration::from_secs(60));
    config.options("-c lock_timeout=10s -c statement_timeout=120s -c idle_in_transaction_session_timeout=60s");
    let mut tls = native_tls::TlsConnector::builder();
    if let Some(path) = root.or_else(|| std::env::var("PGSSLROOTCERT").ok().filter(|p| !p.is_empty())) {
        let pem = std::fs::read(&path).map_err(|e| {
            Error::invalid("sslrootcert", format!("the server's certificate {path} cannot be read: {e}"))
        })?;
        let cert = native_tls::Certificate::from_pem(&pem)
            .map_err(|e| Error::invalid("sslrootcert", format!("{path} is not a PEM certificate: {e}")))?;
        tls.add_root_certificate(cert);
    }
    let tls = tls.build().map_err(|e| Error::SharedBook(format!("TLS could not be set up: {e}")))?;
    Ok((config, MakeTlsConnector::new(tls)))
}

/// The address without its `sslrootcert=` part (which the PostgreSQL client library does not read), and that part.
fn without_root_certificate(address: &str) -> (String, Option<String>) {
    let Some((base, query)) = address.split_once('?') else { return (address.to_string(), None) };
    let mut root = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("sslrootcert=") {
            Some(path) => {
                root = Some(percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned());
                false
            }
            None => true,
        })
        .collect();
    match kept.is_empty() {
        true => (base.to_string(), root),
        false => (format!("{base}?{}", kept.join("&")), root),
    }
}

/// `localhost` or a loopback address: never a name that merely starts with "127." (`127.office.example`).
fn is_this_machine(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    let ours: bool = tx.query_one("SELECT to_regclass('rapport_schema') IS NOT NULL", &[])?.get(0);
    let found: i64 = if ours {
        tx.query_one("SELECT version FROM rapport_schema", &[])?.get::<_, i32>(0).into()
    } else {
        let tables: i64 =
            tx.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", &[])?.get(0);
        if tables > 0 {
            return Err(Error::BadFile(
                "that database holds another program's tables, not a Rapport dealership book; it was not changed — \
                 give Rapport a database of its own"
                    .into(),
            ));
        }
        0
    };
    if found > schema_version() {
        return Err(Error::NewerDatabase { found, supported: schema_version() });
    }
    if found == schema_version() {
        return Ok(());
    }
    for sql in &MIGRATIONS[found as usize..] {
        tx.batch_execute(sql)?;
    }
    let version = schema_version() as i32;
    if ours {
        tx.execute("UPDATE rapport_schema SET version = $1", &[&version])?;
    } else {
        tx.batch_execute("CREATE TABLE rapport_schema (version INTEGER NOT NULL)")?;
        tx.execute("INSERT INTO rapport_schema (version) VALUES ($1)", &[&version])?;
    }
    rows::commit(tx)?;
    Ok(())
}

fn insert_user(tx: &mut Transaction<'_>, person: &NewUser, now: DateTime<Utc>) -> Result<User> {
    let taken: bool =
        tx.query_one("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1))", &[&person.email])?.get(0);
    if taken {
        return Err(Error::invalid("email", format!("{} already signs in to this book", person.email)));
    }
    let user = User {
        id: crate::ids::new_id(),
        name: person.name.clone(),
        email: person.email.clone(),
        role: person.role,
        active: true,
        created_at: now,
    };
    tx.execute(
        "INSERT INTO users (id, name, email, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&user.id, &user.name, &user.email, &user.role.as_str(), &people::hash_password(&person.password)?, &now],
    )?;
    Ok(user)
}

fn user_by_email(tx: &mut Transaction<'_>, email: &str) -> Result<User> {
    let row = tx
        .query_opt(
            "SELECT id, name, email, role, active, created_at FROM users WHERE lower(email) = lower($1)",
            &[&email.trim()],
        )?
        .ok_or_else(|| Error::NotFound { what: "person", key: email.to_string() })?;
    rows::user(&row)
}

thread_local! {
    /// Set when an error says the server went away; the next call connects again (see `DealershipBook::client`).
    static CONNECTION_LOST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        let error = Error::from_postgres(e);
        if matches!(error, Error::Unreachable(_)) {
            CONNECTION_LOST.with(|lost| lost.set(true));
        }
        error
    }
}

impl Error {
    fn from_postgres(e: postgres::Error) -> Error {
        if let Some(db) = e.as_db_error() {
            let code = db.code();
            if *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW
            {
                return Error::Unreachable("the server is shutting down or starting".into());
            }
            if *code == SqlState::T_R_SERIALIZATION_FAILURE
                || *code == SqlState::T_R_DEADLOCK_DETECTED
                || *code == SqlState::LOCK_NOT_AVAILABLE
            {
                return Error::Busy;
            }
            if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
                return Error::SignIn(format!("the dealership's server refused the connection: {}", db.message()));
            }
            return Error::SharedBook(db.message().to_string());
        }
        if let Some(tls) = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<native_tls::Error>()) {
            return Error::SharedBook(format!(
                "the server's certificate is not one this machine trusts, or not for this address ({tls}); give the \
                 dealership's certificate with sslrootcert=FILE in the address (or PGSSLROOTCERT); nothing was sent"
            ));
        }
        if e.is_closed() || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
            let why =
                std::error::Error::source(&e).map_or_else(|| "the connection closed".to_string(), |s| s.to_string());
            return Error::Unreachable(why);
        }
        Error::SharedBook(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_machine_is_reached_over_tls_only_and_this_one_directly() {
        let mode = |address: &str| connection(address).map(|(c, _)| c.get_ssl_mode());
        assert_eq!(mode("postgres://rapport@192.0.2.10/book").unwrap(), SslMode::Require);
        assert_eq!(mode("postgres://rapport@office.dealer.example/book?sslmode=disable").unwrap(), SslMode::Require);
        assert_eq!(mode("postgres://rapport@localhost/book").unwrap(), SslMode::Disable);
        assert_eq!(mode("postgres://rapport@127.0.0.1/book?sslmode=require").unwrap(), SslMode::Require);
        // Where the connection really goes decides, not how the host is named.
        assert_eq!(mode("postgres://rapport@localhost/book?hostaddr=203.0.113.9").unwrap(), SslMode::Require);
        assert_eq!(mode("postgres://rapport@/book?hostaddr=203.0.113.9").unwrap(), SslMode::Require);
        assert_eq!(mode("postgres://rapport@127.office.example/book").unwrap(), SslMode::Require);
        assert_eq!(mode("postgres://rapport@[::1]/book").unwrap(), SslMode::Disable);
        assert!(matches!(mode("mysql://nope"), Err(Error::InvalidInput { .. })));
        let missing = connection("postgres://rapport@office/book?sslrootcert=/nonexistent/ca.pem");
        assert!(matches!(missing, Err(Error::InvalidInput { field, .. }) if field == "sslrootcert"));
    }

    #[test]
    fn the_certificate_file_is_taken_out_of_the_address() {
        assert_eq!(
            without_root_certificate("postgres://a@h/db?sslmode=require&sslrootcert=%2Fetc%2Fca.pem"),
            ("postgres://a@h/db?sslmode=require".to_string(), Some("/etc/ca.pem".to_string()))
        );
        assert_eq!(
            without_root_certificate("postgres://a@h/db?sslrootcert=ca.pem"),
            ("postgres://a@h/db".into(), Some("ca.pem".into()))
        );
        assert_eq!(without_root_certificate("postgres://a@h/db"), ("postgres://a@h/db".into(), None));
    }
}
