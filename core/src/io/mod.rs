//! Moving the whole book in and out of files.

pub mod ics;
pub mod contact;
pub mod csv;
pub mod json;
pub mod vcard;
