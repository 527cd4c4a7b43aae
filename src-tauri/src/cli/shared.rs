//! The command line on a dealership book (`--db postgres://…`): signing in, the people, handing customers on,
//! moving the salesperson's own book in; every other command that works on either book is `any_book`'s.

use chrono::{DateTime, Utc};
use rapport_core::dealership::remembered::{self, Remembered};
use rapport_core::dealership::{DealershipBook, NewUser, Role};
use rapport_core::{Book, Error, Store};

use super::*;

/// A dealership book to sign in to: its address, who signs in and their password, as given (`--db`, `--user`,
/// RAPPORT_PASSWORD) or as this computer remembers them (`rapport sign-in`, or the window's Settings).
#[derive(Clone)]
pub struct SignInTo {
    pub address: String,
    pub user: Option<String>,
    /// RAPPORT_PASSWORD, or the remembered password of the same person; else it is typed at a terminal.
    pub password: Option<String>,
    /// Whether the password came from RAPPORT_PASSWORD (a script's choice, which a sign-in page must not override).
    pub password_given: bool,
    /// Whether the book is the one this computer remembers (no `--db`).
    pub remembered: bool,
}

impl SignInTo {
    /// The book `--db` names, or else the one this computer remembers; `None` for one's own book. The password is
    /// read here, once, so the window can take it out of its environment.
    pub fn chosen(db: Option<&std::path::Path>, user: Option<&str>) -> Result<Option<SignInTo>, Error> {
        let given_password = std::env::var("RAPPORT_PASSWORD").ok().filter(|p| !p.is_empty());
        let password_given = given_password.is_some();
        match db.filter(|d| !d.as_os_str().is_empty()) {
            Some(d) => Ok(d.to_str().filter(|a| rapport_core::dealership::is_address(a)).map(|address| SignInTo {
                address: address.to_string(),
                user: user.map(str::to_owned),
                password: given_password,
                password_given,
                remembered: false,
            })),
            None => {
                let Some(r) = remembered::load(&crate::location::settings_folder()?)? else { return Ok(None) };
                // The remembered password is the remembered person's only.
                let same_person = user.is_none_or(|u| u.trim().eq_ignore_ascii_case(r.user.trim()));
                Ok(Some(SignInTo {
                    address: r.address,
                    user: Some(user.map(str::to_owned).unwrap_or(r.user)),
                    password: given_password.or(r.password.filter(|_| same_person)),
                    password_given,
                    remembered: true,
                }))
            }
        }
    }
}

/// Runs one subcommand on the dealership book `to` names; returns the exit code.
pub fn run_shared(command: Command, to: &SignInTo, now: DateTime<Utc>, j: bool) -> i32 {
    let during = command_name(&command);
    finish(execute(command, to, now, j), &during, j)
}

/// `rapport sign-out`: this computer forgets the dealership book (and any password kept for it); commands and the
/// window go to one's own book again.
pub fn sign_out(j: bool) -> i32 {
    let forgot = crate::location::settings_folder().and_then(|folder| remembered::forget(&folder));
    crate::location::forget_dealership_calendar();
    let result = forgot.and_then(|forgot| {
        let out = serde_json::json!({ "forgot": forgot });
        emit(j, &out, || {
            if forgot {
                "Signed out: this computer no longer remembers the dealership book; Rapport opens your own book".into()
            } else {
                "No dealership book was remembered here; Rapport opens your own book".into()
            }
        })
    });
    finish(result, "sign-out", j)
}

fn execute(command: Command, to: &SignInTo, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    let address = to.address.as_str();
    // The first person starts the book: nobody can sign in to it before.
    if let Command::Users(UsersCmd::Add { name, email, role: _, first: true }) = command {
        let password = new_password(&email)?;
        let book = DealershipBook::start(address, NewUser { name, email, role: Role::Manager, password }, now)?;
        let me = book.me();
        return emit(j, me, || format!("Started the dealership book with {} ({}), its manager", me.name, me.email));
    }
    let mut book = sign_in(to, true)?;
    if any_book::handles(&command) {
        // Only an invitation handed to the calendar app needs a folder here: where one's own book would be.
        let beside = match &command {
            Command::Reach(_) => crate::location::database_path(None).map_err(|m| Error::invalid("home", m))?,
            _ => std::path::PathBuf::new(),
        };
        return any_book::run(command, &mut book, &beside, now, j);
    }
    match command {
        Command::Users(UsersCmd::Add { name, email, role, first: false }) => {
            let role = Role::parse(&role)?;
            let password = new_password(&email)?;
            let u = book.add_user(NewUser { name, email, role, password }, now)?;
            emit(j, &u, || format!("Added {} ({}, {})", u.name, u.email, u.role.as_str()))
        }
        Command::Users(UsersCmd::List) => {
            let people = book.users()?;
            emit(j, &people, || {
                people
                    .iter()
                    .map(|u| {
                        let left = if u.active { "" } else { " — left" };
                        format!("{}  {}  {}{left}\n", u.name, u.email, u.role.as_str())
                    })
                    .collect()
            })
        }
        Command::Customers(CustomersCmd::Reassign { from, unowned: _, to, leaving }) => {
            let moved = book.reassign(from.as_deref(), &to, leaving, now)?;
            let out = serde_json::json!({ "moved": moved, "from": from, "to": to, "leaving": leaving });
            let whose = from.as_deref().unwrap_or("nobody");
            emit(j, &out, || {
                let mut text = format!("{moved} customers moved from {whose} to {to}");
                if leaving {
                    text += &format!(
                        "\n{whose} can no longer sign in through Rapport, but knows the server's password: change it \
                         on the server (sudo scripts/serve --new-password) and give the new one to the others"
                    );
                }
                text
            })
        }
        Command::SignIn { remember_password } => {
            let me = book.me();
            let kept = Remembered {
                address: address.to_string(),
                user: me.email.clone(),
                password: if remember_password {
                    to.password.clone().or_else(|| typed_password(&me.email))
                } else {
                    None
                },
            };
            remembered::remember(&crate::location::settings_folder()?, &kept)?;
            let out = serde_json::json!({
                "book": remembered::shown(address), "user": me.email, "password_remembered": kept.password.is_some(),
            });
            emit(j, &out, || {
                let password = if kept.password.is_some() {
                    "; your password is kept in a file only you can read"
                } else {
                    "; your password is asked for each time"
                };
                format!(
                    "Signed in to {} as {}: commands and the window go to the dealership book until rapport sign-out{password}",
                    remembered::shown(address),
                    me.name
                )
            })
        }
        Command::Customers(CustomersCmd::Edit { id, name, fields }) => {
            let id = book.lookup_customer(&id)?;
            // The version read here goes back with the edit: anyone's save in between is not overwritten.
            let (old, version) = book.customer_at(&id)?;
            let input = edited(old, name, fields);
            let c = book.edit_customer(&id, input, version, now)?;
            emit(j, &c, || format!("Saved {} ({})", c.name, c.id))
        }
        other => {
            let name = command_name(&other);
            // A remembered book took a command meant for one's own: say how to reach that.
            let remembered = if to.remembered {
                "; this computer signs in to the dealership book (rapport sign-in): give --db PATH for your own \
                 book, or rapport sign-out"
            } else {
                ""
            };
            Err(Error::invalid(
                "command",
                format!(
                    "`rapport {name}` works on your own book only in this version; on a dealership book: customers, \
                     prefs, contact-points add, facts add|correct, goals add, purchases add, interactions add|correct, \
                     remove, tags, log, reach, held-back, notes add|list, draft thank-you, lint, issues, promises \
                     add|keep, reminders add, reasons, check, listen, campaign check, profile, playbooks, agenda, \
                     notify, export, import, users, sign-in, sign-out{remembered}"
                ),
            ))
        }
    }
}

/// Moves the salesperson's own book into the dealership book, in one transaction.
pub(super) fn share(store: &Store, to: &str, user: Option<&str>, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    if !rapport_core::dealership::is_address(to) {
        return Err(Error::invalid("to", "give the dealership book's address, postgres://USER@HOST/DATABASE"));
    }
    let to = SignInTo {
        address: to.to_string(),
        user: user.map(str::to_owned),
        password: std::env::var("RAPPORT_PASSWORD").ok().filter(|p| !p.is_empty()),
        password_given: true,
        remembered: false,
    };
    let mut book = sign_in(&to, true)?;
    let whole = store.export_book()?;
    let summary = book.import_book(&whole, now)?;
    let me = book.me().name.clone();
    emit(j, &summary, || {
        format!(
            "Moved {} customers into the dealership book, owned by {me}; your own book is unchanged",
            summary.customers
        )
    })
}

/// A command for a dealership book, given one's own book.
pub(super) fn only_there(what: &str) -> Error {
    Error::invalid(
        "command",
        format!("`rapport {what}` works on a dealership book: give --db postgres://USER@HOST/DATABASE"),
    )
}

/// Signs in as `--user` (RAPPORT_USER) with RAPPORT_PASSWORD or the remembered password, or else the password typed
/// at a terminal when `at_terminal` allows (the window asks on its own sign-in page instead).
pub fn sign_in(to: &SignInTo, at_terminal: bool) -> Result<DealershipBook, Error> {
    let Some(email) = to.user.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
        return Err(Error::SignIn("sign in to the dealership book with --user EMAIL (or RAPPORT_USER)".into()));
    };
    let password = match to.password.clone() {
        Some(p) => p,
        None => match at_terminal.then(|| typed_password(email)).flatten() {
            Some(p) => p,
            None => {
                return Err(Error::SignIn(format!(
                    "no password for {email}: set RAPPORT_PASSWORD, or type it at a terminal"
                )))
            }
        },
    };
    DealershipBook::open(&to.address, email, &password)
}

/// The password typed at a terminal, when there is one.
fn typed_password(email: &str) -> Option<String> {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal().then(|| rpassword::prompt_password(format!("Password for {email}: ")).ok()).flatten()
}

/// The new person's password: RAPPORT_NEW_PASSWORD, or typed twice at a terminal.
fn new_password(email: &str) -> Result<String, Error> {
    use std::io::IsTerminal;
    if let Some(given) = std::env::var("RAPPORT_NEW_PASSWORD").ok().filter(|p| !p.is_empty()) {
        return Ok(given);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "password",
            format!("give {email}'s password in RAPPORT_NEW_PASSWORD, or type it at a terminal"),
        ));
    }
    let first = rpassword::prompt_password(format!("New password for {email}: "))?;
    let again = rpassword::prompt_password("Once more: ")?;
    if first != again {
        return Err(Error::invalid("password", "the two did not match; nothing was changed"));
    }
    Ok(first)
}
