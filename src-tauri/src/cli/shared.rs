//! The command line on a dealership book (`--db postgres://…`): signing in, the people, handing customers on,
//! moving the salesperson's own book in; every other command that works on either book is `any_book`'s.

use chrono::{DateTime, Utc};
use rapport_core::dealership::{DealershipBook, NewUser, Role};
use rapport_core::{Book, Error, Store};

use super::*;

/// Runs one subcommand on the dealership book at `address`; returns the exit code.
pub fn run_shared(command: Command, address: &str, user: Option<&str>, now: DateTime<Utc>, j: bool) -> i32 {
    let during = command_name(&command);
    finish(execute(command, address, user, now, j), &during, j)
}

fn execute(command: Command, address: &str, user: Option<&str>, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    // The first person starts the book: nobody can sign in to it before.
    if let Command::Users(UsersCmd::Add { name, email, role: _, first: true }) = command {
        let password = new_password(&email)?;
        let book = DealershipBook::start(address, NewUser { name, email, role: Role::Manager, password }, now)?;
        let me = book.me();
        return emit(j, me, || format!("Started the dealership book with {} ({}), its manager", me.name, me.email));
    }
    let mut book = sign_in(address, user)?;
    if any_book::handles(&command) {
        return any_book::run(command, &mut book, now, j);
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
            Err(Error::invalid(
                "command",
                format!(
                    "`rapport {name}` works on your own book only in this version; on a dealership book: customers, \
                     prefs, interactions add, notes add, issues, promises add|keep, reminders add, reasons, check, listen, campaign check, agenda, \
                     export, import json, users"
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
    let mut book = sign_in(to, user)?;
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

/// Signs in as `--user` (RAPPORT_USER) with RAPPORT_PASSWORD, or the password typed at a terminal.
pub fn sign_in(address: &str, user: Option<&str>) -> Result<DealershipBook, Error> {
    use std::io::IsTerminal;
    let Some(email) = user.map(str::trim).filter(|u| !u.is_empty()) else {
        return Err(Error::SignIn("sign in to the dealership book with --user EMAIL (or RAPPORT_USER)".into()));
    };
    let password = match std::env::var("RAPPORT_PASSWORD").ok().filter(|p| !p.is_empty()) {
        Some(p) => p,
        None if std::io::stdin().is_terminal() => rpassword::prompt_password(format!("Password for {email}: "))?,
        None => {
            return Err(Error::SignIn(format!(
                "no password for {email}: set RAPPORT_PASSWORD, or type it at a terminal"
            )))
        }
    };
    DealershipBook::open(address, email, &password)
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
