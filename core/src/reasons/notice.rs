//! Which reasons become a desktop notification now: their window has come, the salesperson is at work, and
//! notifications are on. Held-back reasons are never among them (the agenda already set them apart).

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;

use super::{Agenda, Reason};
use crate::model::Profile;

/// How close the start of a reason's window must be for "its time has come".
const LEAD_MINUTES: i64 = 20;

/// Whether `now` is inside the salesperson's working hours, in their own zone.
pub fn at_work(profile: &Profile, now: DateTime<Utc>) -> bool {
    let zone: Tz = profile.time_zone.parse().unwrap_or(Tz::UTC);
    let local = now.with_timezone(&zone);
    profile.work_days.contains(&local.weekday())
        && local.time() >= profile.work_start
        && local.time() < profile.work_end
}

/// The reasons to notify now (before removing those already notified).
pub fn due_now<'a>(agenda: &'a Agenda, profile: &Profile, now: DateTime<Utc>) -> Vec<&'a Reason> {
    if !profile.notifications || !at_work(profile, now) {
        return Vec::new();
    }
    agenda
        .reasons
        .iter()
        .filter(|r| {
            r.shows_from <= now.date_naive()
                && r.window.start - now <= Duration::minutes(LEAD_MINUTES)
                && !r.window.outside_your_hours
        })
        .collect()
}
