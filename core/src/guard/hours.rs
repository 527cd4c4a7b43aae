//! When a call or text may reach the customer: inside their stated hours (or the salesperson's default window)
//! and inside legal calling hours, both in the customer's own time zone, daylight saving included.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{ContactWishes, Findings, Outreach, Rule, Situation, Verdict};
use crate::date_style;
use crate::language::topics;
use crate::model::{CallingRule, Channel, Customer, Direction, PreferenceStatement, Profile};

/// Channels that ring or buzz in the customer's pocket: only these are bound to hours.
pub(crate) fn rings(channel: Channel) -> bool {
    matches!(channel, Channel::Phone | Channel::Text | Channel::Video)
}

fn clock(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

/// Legal calling hours in the customer's local time.
pub(crate) fn legal_hours(rule: CallingRule) -> (NaiveTime, NaiveTime) {
    match rule {
        CallingRule::Standard => (clock(8, 0), clock(21, 0)),
        CallingRule::Strict => (clock(8, 0), clock(20, 0)),
    }
}

/// The customer's zone, or the salesperson's with a flag saying it was assumed.
pub(crate) fn customer_zone(customer: &Customer, profile: &Profile) -> (Tz, bool) {
    match customer.time_zone.as_deref().and_then(|z| z.parse::<Tz>().ok()) {
        Some(z) => (z, false),
        None => (profile.time_zone.parse::<Tz>().unwrap_or(Tz::UTC), true),
    }
}

/// The window calls and texts may use in the customer's day: the hours they stated, else the salesperson's
/// default contact hours — with the statement behind it when the customer said it.
pub(crate) fn contact_hours<'a>(
    wishes: &'a ContactWishes,
    profile: &Profile,
) -> (NaiveTime, NaiveTime, Option<&'a PreferenceStatement>) {
    match &wishes.hours {
        Some(h) => (h.value.start, h.value.end, Some(&h.statement)),
        None => (profile.contact_start, profile.contact_end, None),
    }
}

pub(super) fn check(s: &Situation<'_>, wishes: &ContactWishes, channel: Channel, at: DateTime<Utc>, f: &mut Findings) {
    if !rings(channel) {
        return;
    }
    let (zone, assumed) = customer_zone(s.customer, s.profile);
    if assumed {
        f.add(
            Rule::UnknownTimeZone,
            Verdict::Caution,
            format!(
                "Their time zone is unknown, so your own ({}) was assumed; ask them and record it",
                s.profile.time_zone
            ),
            None,
        );
    }
    let local = at.with_timezone(&zone);
    let t = local.time();
    let (legal_start, legal_end) = legal_hours(s.profile.calling_rule);
    let (start, end, said) = contact_hours(wishes, s.profile);
    let when = date_style::weekday_clock(local.naive_local());
    if t < legal_start || t >= legal_end {
        f.add(
            Rule::LegalHours,
            Verdict::Blocked,
            format!(
                "It is {when} for them; calls and texts are allowed only {} their time",
                date_style::hours(legal_start, legal_end)
            ),
            None,
        );
    } else if t < start || t >= end {
        let whose = if said.is_some() { "the hours they asked for" } else { "your default contact hours" };
        f.add(
            Rule::QuietHours,
            Verdict::Blocked,
            format!("It is {when} for them, outside {whose} ({} their time)", date_style::hours(start, end)),
            said,
        );
    } else {
        return;
    }
    // The next moment inside both windows.
    let (open, close) = (start.max(legal_start), end.min(legal_end));
    if open >= close {
        f.suggest("Their hours fall outside legal calling hours: write instead".to_string());
        return;
    }
    let day = if t < open { local.date_naive() } else { local.date_naive() + Duration::days(1) };
    if let Some(next) = zone.from_local_datetime(&day.and_time(open)).earliest() {
        let mine = s.profile.time_zone.parse::<Tz>().unwrap_or(Tz::UTC);
        f.suggest(format!(
            "Next good time: {} their time ({} yours)",
            date_style::weekday_clock(next.naive_local()),
            date_style::weekday_clock(next.with_timezone(&mine).naive_local())
        ));
    }
}

/// The strict rule: at most three calls in 24 hours on the same subject.
pub(super) fn call_limit(s: &Situation<'_>, o: &Outreach, topics_now: &[String], f: &mut Findings) {
    if s.profile.calling_rule != CallingRule::Strict || o.channel != Channel::Phone {
        return;
    }
    let subject = topics_now.first().cloned();
    let calls = s
        .interactions
        .iter()
        .filter(|i| {
            i.direction == Direction::Outbound
                && i.channel == Channel::Phone
                && i.at <= o.at
                && o.at - i.at < Duration::hours(24)
                && i.topic.as_deref().map(topics::canonical) == subject
        })
        .count();
    if calls >= 3 {
        f.add(
            Rule::CallLimit,
            Verdict::Blocked,
            format!("{calls} calls on this subject in the last 24 hours; the calling rule allows three"),
            None,
        );
    }
}
