//! Which dealership book this computer signs in to, kept between starts: its address, who signs in, and — only when
//! the salesperson asks — their password. One small file that only its owner may read (the choice and its reasons:
//! docs/DECISIONS.md), so the window opened from the desktop and every command go to the shared book without
//! `--db`, and the book itself never holds a password.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The file's name in the app's configuration folder.
pub const FILE_NAME: &str = "dealership-book.json";

/// The dealership book this computer signs in to.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    /// The address as given (it may carry the server's password: the file is the owner's only).
    pub address: String,
    /// Who signs in: their email.
    pub user: String,
    /// Kept only when asked ("remember the password on this computer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl std::fmt::Debug for Remembered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never a password, the address's or the person's.
        f.debug_struct("Remembered")
            .field("book", &shown(&self.address))
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "(kept)"))
            .finish()
    }
}

/// The file in `folder`.
pub fn file_in(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

/// The book remembered in `folder`, if any. A file others could read is not used: whoever could read it may have
/// changed it too (the way ssh treats a key file), and the error says how to mend it.
pub fn load(folder: &Path) -> Result<Option<Remembered>> {
    let file = file_in(folder);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::invalid("remembered", format!("{} cannot be read: {e}", file.display()))),
    };
    if let Some(mode) = others_may_read(&file) {
        return Err(Error::invalid(
            "remembered",
            format!(
                "{} can be read by others on this computer (mode {mode:o}), so Rapport does not use it: make it \
                 yours only (chmod 600) or sign out (rapport sign-out) and sign in again",
                file.display()
            ),
        ));
    }
    let remembered: Remembered = serde_json::from_str(&text).map_err(|e| {
        Error::invalid("remembered", format!("{} is not a remembered dealership book: {e}", file.display()))
    })?;
    if !super::is_address(&remembered.address) {
        return Err(Error::invalid(
            "remembered",
            format!("{} names no dealership book (postgres://…); sign out and sign in again", file.display()),
        ));
    }
    Ok(Some(remembered))
}

/// Remembers `what` in `folder`: written whole to a new file readable by its owner only, then put in place, so a
/// crash leaves the old choice or the new one and never a password in a file others can read.
pub fn remember(folder: &Path, what: &Remembered) -> Result<()> {
    if !super::is_address(&what.address) {
        return Err(Error::invalid("book", "give the dealership book's address, postgres://USER@HOST/DATABASE"));
    }
    if what.user.trim().is_empty() {
        return Err(Error::invalid("user", "give the email you sign in with"));
    }
    std::fs::create_dir_all(folder)?;
    let file = file_in(folder);
    let json = serde_json::to_string_pretty(what).map_err(std::io::Error::other)?;
    crate::io::write_whole(&file, json.as_bytes())
        .map_err(|e| Error::invalid("remembered", format!("{} cannot be written: {e}", file.display())))?;
    Ok(())
}

/// Forgets the remembered book (and its password); whether there was one.
pub fn forget(folder: &Path) -> Result<bool> {
    match std::fs::remove_file(file_in(folder)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The address as it may be shown: without a password (`postgres://rapport:secret@office/book` reads
/// `postgres://rapport@office/book`) and without its settings after `?`.
pub fn shown(address: &str) -> String {
    let Some((scheme, rest)) = address.split_once("://") else {
        return address.split('?').next().unwrap_or(address).to_string();
    };
    // The PostgreSQL client reads who signs in up to the first "@", whatever it holds ("/" and "?" included), so
    // the password is cut there before anything else.
    let (who, place) = match rest.split_once('@') {
        Some((who, place)) => (Some(who.split(':').next().unwrap_or(who)), place),
        None => (None, rest),
    };
    let place = place.split('?').next().unwrap_or(place);
    match who {
        Some(who) => format!("{scheme}://{who}@{place}"),
        None => format!("{scheme}://{place}"),
    }
}

#[cfg(unix)]
fn others_may_read(file: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn others_may_read(_file: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dana(password: Option<&str>) -> Remembered {
        Remembered {
            address: "postgres://rapport:server-secret@office.example/book?sslmode=require".into(),
            user: "dana@dealer.example".into(),
            password: password.map(str::to_owned),
        }
    }

    #[test]
    fn a_remembered_book_comes_back_from_a_file_only_its_owner_can_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), None);
        remember(dir.path(), &dana(Some("Dana's password"))).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(dana(Some("Dana's password"))));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file_in(dir.path())).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // Remembered again without the password, the password is gone from the file.
        remember(dir.path(), &dana(None)).unwrap();
        let text = std::fs::read_to_string(file_in(dir.path())).unwrap();
        assert!(!text.contains("Dana's password"), "{text}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no half-written file is left beside it");
        assert!(forget(dir.path()).unwrap());
        assert!(!forget(dir.path()).unwrap());
        assert_eq!(load(dir.path()).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_not_used_and_the_error_says_how_to_mend_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        remember(dir.path(), &dana(Some("Dana's password"))).unwrap();
        std::fs::set_permissions(file_in(dir.path()), std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = load(dir.path()).unwrap_err();
        let message = e.to_string();
        assert!(message.contains("read by others") && message.contains("chmod 600"), "{message}");
        assert!(!message.contains("Dana's password"), "{message}");
    }

    #[test]
    fn what_is_not_a_remembered_book_is_named_and_never_guessed() {
        let dir = tempfile::tempdir().unwrap();
        let broken = |text: &str| {
            remember(dir.path(), &dana(None)).unwrap();
            std::fs::write(file_in(dir.path()), text).unwrap();
            load(dir.path()).unwrap_err().to_string()
        };
        assert!(broken("{\"address\": \"postgres://x@h/db\"").contains("is not a remembered dealership book"));
        assert!(broken(r#"{"address": "/home/dana/book.sqlite3", "user": "d@x"}"#).contains("names no dealership book"));
        let refused = remember(dir.path(), &Remembered { address: "book.sqlite3".into(), ..dana(None) });
        assert!(matches!(refused, Err(Error::InvalidInput { field, .. }) if field == "book"));
    }

    #[test]
    fn an_address_is_shown_without_its_passwords_or_settings() {
        assert_eq!(
            shown("postgres://rapport:server-secret@office.example/book?sslmode=require"),
            "postgres://rapport@office.example/book"
        );
        assert_eq!(shown("postgresql://office:5433/book"), "postgresql://office:5433/book");
        assert_eq!(shown("postgres://a:b@[::1]:5432/db"), "postgres://a@[::1]:5432/db");
        // A password holding "/" or "?" is still cut whole.
        assert_eq!(shown("postgres://rapport:pa/ss@office/book"), "postgres://rapport@office/book");
        assert_eq!(shown("postgres://u:pa?ss@h/db?sslmode=require"), "postgres://u@h/db");
        assert!(!format!("{:?}", dana(Some("Dana's password"))).contains("secret"));
        assert!(!format!("{:?}", dana(Some("Dana's password"))).contains("Dana's password"));
    }
}
