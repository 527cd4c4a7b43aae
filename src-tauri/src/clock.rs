//! The one reading of the wall clock. `--now` / `RAPPORT_NOW` replace it; a long-running window moves on from
//! that moment by the monotonic time elapsed, so a test can set the day and the app still feels alive.

use std::time::Instant;

use chrono::{DateTime, SubsecRound, Utc};

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: DateTime<Utc>,
    started: Instant,
}

impl Clock {
    /// Reads the wall clock once, unless `given` (RFC 3339, or a date and time read as UTC) says what time it is.
    pub fn start(given: Option<&str>) -> Result<Clock, String> {
        let start = match given.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => rapport_core::time::parse_now(text).map_err(|m| format!("--now / RAPPORT_NOW: {m}"))?,
            None => Utc::now(),
        };
        Ok(Clock { start, started: Instant::now() })
    }

    /// Now, to the whole second (what the book stores).
    pub fn now(&self) -> DateTime<Utc> {
        let now = self.start + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default();
        now.trunc_subsecs(0)
    }
}
