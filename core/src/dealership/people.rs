//! The people who work on a dealership book: each signs in as themselves, with a password kept only as an Argon2id
//! hash, and their role decides what they see (a salesperson their own customers' reasons, a manager the team's).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{Error, Result};

/// What a person does at the dealership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Looks after their own customers; Today shows them their customers' reasons.
    Salesperson,
    /// Sees the whole team's reasons, adds people and hands a departed salesperson's customers on.
    Manager,
    /// The service desk: reaches any customer, records what they say, owns none.
    Service,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Salesperson => "salesperson",
            Role::Manager => "manager",
            Role::Service => "service",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        match s.trim().to_lowercase().as_str() {
            "salesperson" | "sales" => Ok(Role::Salesperson),
            "manager" => Ok(Role::Manager),
            "service" => Ok(Role::Service),
            other => {
                Err(Error::invalid("role", format!("'{other}' is not a role: use salesperson, manager or service")))
            }
        }
    }
}

/// Someone who signs in to the dealership book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// A person who left keeps their name on what they entered, and can no longer sign in.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// A person to add.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub password: String,
}

/// The shortest password the book accepts: the server may be reachable by the whole office network.
pub const MIN_PASSWORD_CHARS: usize = 10;

impl NewUser {
    /// Trims the name and email and checks each part.
    pub fn validated(self) -> Result<NewUser> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::invalid("name", "is required"));
        }
        let email = self.email.trim().to_lowercase();
        if !email.contains('@') || email.starts_with('@') || email.contains(char::is_whitespace) {
            return Err(Error::invalid("email", format!("'{email}' is not an email address")));
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::invalid("password", format!("needs at least {MIN_PASSWORD_CHARS} characters")));
        }
        Ok(NewUser { name, email, ..self })
    }
}

/// The password's Argon2id hash with its own random salt, as a PHC string (the parameters travel with it).
pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::SignIn(format!("the password could not be hashed: {e}")))
}

/// A hash (of a password nobody has), checked when an email is unknown so that a wrong email costs the same one
/// Argon2id verification as a wrong password. A constant: made on first use, it cost a second hash in every new
/// process (each command is one), and the clock told an unknown email apart.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$j5aruFnNFJEXAYxkJC7GIw$B2ld/Do+GGT/h9vPj+f3nrZjfzm0ybRpRerO5v4Fn3U";

/// Whether `password` is the one `hash` was made from.
pub(crate) fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_only_as_a_salted_argon2id_hash() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert!(!a.contains("correct horse"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(password_matches("correct horse battery", &a));
        assert!(!password_matches("correct horse batterY", &a));
        assert!(!password_matches("correct horse battery", "not a hash"));
        // The unknown email's stand-in is a real hash with today's parameters, so it costs a real verification.
        let parameters = |h: &str| h.split('$').take(4).collect::<Vec<_>>().join("$");
        assert_eq!(parameters(DUMMY_HASH), parameters(&a));
        assert!(!password_matches("", DUMMY_HASH));
    }

    #[test]
    fn a_new_person_needs_a_name_an_email_and_a_long_enough_password() {
        let person = |name: &str, email: &str, password: &str| NewUser {
            name: name.into(),
            email: email.into(),
            role: Role::Salesperson,
            password: password.into(),
        };
        assert!(person("Dana", "Dana@Example.com ", "long enough!")
            .validated()
            .is_ok_and(|u| u.email == "dana@example.com"));
        assert!(
            matches!(person(" ", "d@x.com", "long enough!").validated(), Err(Error::InvalidInput { field, .. }) if field == "name")
        );
        assert!(
            matches!(person("Dana", "dana", "long enough!").validated(), Err(Error::InvalidInput { field, .. }) if field == "email")
        );
        assert!(
            matches!(person("Dana", "d@x.com", "short").validated(), Err(Error::InvalidInput { field, .. }) if field == "password")
        );
        assert!(Role::parse("Manager").is_ok_and(|r| r == Role::Manager));
        assert!(Role::parse("boss").is_err());
    }
}
