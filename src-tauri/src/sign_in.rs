//! Signing in to the dealership book from the window: the sign-in page shown at start when the book this computer
//! remembers could not be signed in to, and Settings' Dealership book card (sign in, back to one's own book, forget
//! the password). Each a few lines over `rapport_core::dealership`.

use rapport_core::dealership::remembered::{self, Remembered};
use rapport_core::dealership::{is_address, DealershipBook};
use rapport_core::{Error, Store};
use tauri::{AppHandle, Manager, State};

use crate::commands::{Book, Open, Reply, SignedIn, WaitingSignIn};
use crate::recovery::Recovery;

/// Signs in to the dealership book at `address` (or the one the window waits for) and works on it from now on;
/// this computer remembers it, with the password only when `remember` says so. A wrong password changes nothing.
#[tauri::command(async)]
pub fn sign_in_shared(
    app: AppHandle,
    book: State<'_, Book>,
    waiting: State<'_, WaitingSignIn>,
    address: Option<String>,
    user: String,
    password: String,
    remember: bool,
) -> Reply<SignedIn> {
    let address = address
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .or_else(|| waiting.0.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|w| w.address.clone()))
        .ok_or_else(|| Error::invalid("book", "give the dealership book's address, postgres://USER@HOST/DATABASE"))?;
    if !is_address(&address) {
        return Err(Error::invalid("book", "give the dealership book's address, postgres://USER@HOST/DATABASE").into());
    }
    if user.trim().is_empty() {
        return Err(Error::invalid("user", "give the email you sign in with").into());
    }
    // The PostgreSQL client blocks on a runtime of its own, which it may not start — nor drop its connection — on the
    // window's async workers: signing in and remembering happen on a thread of their own, and the book leaves it only
    // once nothing more can fail.
    let (shared, me) = {
        let (address, user) = (address.clone(), user.clone());
        std::thread::spawn(move || -> Result<(DealershipBook, rapport_core::dealership::User), Error> {
            let shared = DealershipBook::open(&address, &user, &password)?;
            let me = shared.me().clone();
            let kept = Remembered { address, user: me.email.clone(), password: remember.then_some(password) };
            remembered::remember(&crate::location::settings_folder()?, &kept)?;
            Ok((shared, me))
        })
        .join()
        .unwrap_or_else(|_| Err(Error::SharedBook("signing in stopped unexpectedly".into())))?
    };
    book.switch_to(Book::shared_open(shared, &address));
    // Its notifications and calendar file, if the window started waiting for this sign-in with no book open.
    app.state::<crate::transfer::Transfer>().forget_plan();
    crate::scheduler::start(app);
    *waiting.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    Ok(SignedIn {
        name: me.name,
        email: me.email,
        role: me.role,
        book: remembered::shown(&address),
        password_remembered: remember,
    })
}

/// Back to one's own book: this computer forgets the dealership book (and its password). A book that does not open
/// as it is (encrypted, damaged) brings Rapport up again on its own start, with the passphrase or recovery page.
#[tauri::command(async)]
pub fn use_own_book(
    app: AppHandle,
    book: State<'_, Book>,
    waiting: State<'_, WaitingSignIn>,
    recovery: State<'_, Recovery>,
) -> Reply<()> {
    remembered::forget(&crate::location::settings_folder()?)?;
    crate::location::forget_dealership_calendar();
    *waiting.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    if !book.is_shared() {
        return Ok(());
    }
    // Whatever Rapport makes of one's own book stays one's own (a window started on the dealership book had no
    // reason to close up its files yet).
    crate::privacy::owner_only(&recovery.db, true);
    match Store::open(&recovery.db) {
        Ok(store) => {
            book.switch_to(Open::Own(store));
            app.state::<crate::transfer::Transfer>().forget_plan();
            crate::scheduler::start(app);
            Ok(())
        }
        Err(_) => app.restart(),
    }
}

/// Forgets the dealership book's password on this computer; the book stays chosen, and the password is asked for
/// at the next start.
#[tauri::command(async)]
pub fn forget_shared_password() -> Reply<()> {
    let folder = crate::location::settings_folder()?;
    if let Some(kept) = remembered::load(&folder)? {
        remembered::remember(&folder, &Remembered { password: None, ..kept })?;
    }
    Ok(())
}

/// Whether this computer keeps the password for the book shown as `shown`.
pub fn password_remembered(shown: &str) -> bool {
    crate::location::settings_folder()
        .and_then(|folder| remembered::load(&folder))
        .ok()
        .flatten()
        .is_some_and(|r| r.password.is_some() && remembered::shown(&r.address) == shown)
}
