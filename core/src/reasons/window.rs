//! When to reach out: a window inside the customer's hours (their zone) and the salesperson's working hours
//! (their own zone), on a working day — shown in both times.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::guard::{self, ContactWishes};
use crate::model::{Channel, Customer, Profile};

/// A window to reach out in, and how it reads in both time zones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// "Tue 10:00–12:00 their time"
    pub their_time: String,
    /// "Tue 11:00–13:00 yours"
    pub your_time: String,
    /// The only window that fits the customer lies outside your working hours.
    pub outside_your_hours: bool,
}

fn interval(z: Tz, day: NaiveDate, start: NaiveTime, end: NaiveTime) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let s = z.from_local_datetime(&day.and_time(start)).earliest()?.with_timezone(&Utc);
    let e = z.from_local_datetime(&day.and_time(end)).latest()?.with_timezone(&Utc);
    (s < e).then_some((s, e))
}

/// What a contact window depends on: the customer's zone and stated hours, whether the channel rings, the day.
type MemoKey = (Option<String>, Option<(NaiveTime, NaiveTime)>, bool, NaiveDate);

/// Windows already found: customers in the same zone with the same hours share them, and a book has few zones.
#[derive(Default)]
pub struct Memo(std::collections::HashMap<MemoKey, ContactWindow>);

/// As [`find`], remembering the answer for the next customer in the same situation.
pub fn find_memo(
    memo: &mut Memo,
    customer: &Customer,
    wishes: &ContactWishes,
    profile: &Profile,
    channel: Channel,
    from_day: NaiveDate,
    now: DateTime<Utc>,
) -> ContactWindow {
    let rings = guard::rings(channel);
    let key =
        (customer.time_zone.clone(), wishes.hours.as_ref().map(|h| (h.value.start, h.value.end)), rings, from_day);
    memo.0.entry(key).or_insert_with(|| find(customer, wishes, profile, channel, from_day, now)).clone()
}

/// The first window on or after `from_day` (the customer's calendar) that is still open at `now`.
pub fn find(
    customer: &Customer,
    wishes: &ContactWishes,
    profile: &Profile,
    channel: Channel,
    from_day: NaiveDate,
    now: DateTime<Utc>,
) -> ContactWindow {
    // The same hours the Guard checks, so a suggested window is never one it would refuse.
    let (theirs, _) = guard::customer_zone(customer, profile);
    let mine: Tz = profile.time_zone.parse().unwrap_or(Tz::UTC);
    let rings = guard::rings(channel);
    let (legal_start, legal_end) = guard::legal_hours(profile.calling_rule);
    let (cs, ce, _) = guard::contact_hours(wishes, profile);
    let (cs, ce) = (cs.max(legal_start), ce.min(legal_end));
    let works = |d: NaiveDate| profile.work_days.contains(&d.weekday());
    let earliest = now + Duration::minutes(5);

    let mut fallback: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for offset in 0..21 {
        let day = from_day + Duration::days(offset);
        // The customer's acceptable window that day (any time of day for email and post).
        let customer_part = if rings {
            interval(theirs, day, cs, ce)
        } else {
            interval(theirs, day, NaiveTime::MIN, NaiveTime::from_hms_opt(23, 59, 0).expect("valid"))
        };
        let Some((c0, c1)) = customer_part else { continue };
        if c1 <= earliest {
            continue;
        }
        if fallback.is_none() && rings {
            fallback = Some((c0.max(earliest), c1));
        }
        // Intersect with the salesperson's working hours on the days that overlap.
        let local_day = c0.with_timezone(&mine).date_naive();
        for my_day in [local_day - Duration::days(1), local_day, local_day + Duration::days(1)] {
            if !works(my_day) {
                continue;
            }
            if let Some((w0, w1)) = interval(mine, my_day, profile.work_start, profile.work_end) {
                let s = c0.max(w0).max(earliest);
                let e = c1.min(w1);
                if s < e {
                    return describe(round_up(s).min(e), e, theirs, mine, false);
                }
            }
        }
    }
    let (s, e) = fallback.unwrap_or((earliest, earliest + Duration::hours(1)));
    describe(round_up(s).min(e), e, theirs, mine, true)
}

/// Up to the next quarter hour: nobody schedules a call for 10:07.
fn round_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let secs = t.timestamp();
    let q = 15 * 60;
    let up = (secs + q - 1) / q * q;
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

fn describe(start: DateTime<Utc>, end: DateTime<Utc>, theirs: Tz, mine: Tz, outside: bool) -> ContactWindow {
    let span = |z: Tz| {
        let (s, e) = (start.with_timezone(&z), end.with_timezone(&z));
        if s.date_naive() == e.date_naive() {
            format!("{} {}", s.format("%a"), crate::date_style::hours(s.time(), e.time()))
        } else {
            let style = crate::date_style::current();
            format!("{} {}–{} {}", s.format("%a"), style.clock(s.time()), e.format("%a"), style.clock(e.time()))
        }
    };
    ContactWindow {
        start,
        end,
        their_time: format!("{} their time", span(theirs)),
        your_time: format!("{} yours", span(mine)),
        outside_your_hours: outside,
    }
}
