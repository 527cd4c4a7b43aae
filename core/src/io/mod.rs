//! Moving the whole book in and out of files.

pub mod json;
