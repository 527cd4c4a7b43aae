//! Thank-you notes and the form-letter detector (being written).
mod shorthand;
