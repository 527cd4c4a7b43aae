//! Identifiers: UUIDv7 text, time-ordered, stable across export and import.

/// A new id. UUIDv7 sorts by creation time, so ids keep the order things were added in.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
