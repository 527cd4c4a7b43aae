//! stub
pub const LISTS: &[(u8, &[&str])] = &[];
