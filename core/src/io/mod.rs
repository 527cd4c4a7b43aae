//! Moving the whole book in and out of files.

pub mod contact;
pub mod csv;
pub mod ics;
pub mod json;
pub mod vcard;
