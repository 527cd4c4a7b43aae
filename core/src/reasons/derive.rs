//! From one customer's record to the reasons worth their time. Each reason names its source, says what the
//! customer gains, and carries talking points drawn from what they shared.

use std::cell::RefCell;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};

use super::{window, Reason, ReasonKind, Source};
use crate::guard::ContactWishes;
use crate::model::*;

/// How long an open information request stays a reason.
const REQUEST_DAYS: i64 = super::LOOK_BACK_DAYS;
/// How long after resolving an issue "tell them it's done" stays a reason.
const RESOLVED_DAYS: i64 = 30;
/// How long a missed included service stays a reason before it is treated as lapsed.
pub const SERVICE_GRACE_DAYS: i64 = 90;
/// How long after praise a referral moment lasts.
pub const PRAISE_DAYS: i64 = 14;

/// One customer's reasons, whatever their date; the agenda picks those in its window.
pub fn derive(
    rec: &CustomerRecord,
    wishes: &ContactWishes,
    profile: &Profile,
    playbooks: &[Playbook],
    now: DateTime<Utc>,
) -> Vec<Reason> {
    derive_memo(rec, wishes, profile, playbooks, now, None, &RefCell::new(window::Memo::default()))
}

/// As [`derive`], leaving out what shows only after `until`, and sharing contact windows already found for other
/// customers.
pub(crate) fn derive_memo(
    rec: &CustomerRecord,
    wishes: &ContactWishes,
    profile: &Profile,
    playbooks: &[Playbook],
    now: DateTime<Utc>,
    until: Option<NaiveDate>,
    memo: &RefCell<window::Memo>,
) -> Vec<Reason> {
    let mut b = Builder {
        until,
        rec,
        wishes,
        profile,
        now,
        today: super::local_today(profile, now),
        first: rec.customer.first_name(),
        memo,
        background: Vec::new(),
    };
    b.background = b.background();
    let mut out = Vec::new();
    b.promises(&mut out);
    b.issues(&mut out);
    b.purchases(&mut out);
    b.requests(&mut out);
    b.personal_dates(&mut out);
    b.playbook_offers(playbooks, &mut out);
    b.referral_moment(&mut out);
    b.reminders(&mut out);
    out
}

/// "Mon 23 Nov".
fn day(d: NaiveDate) -> String {
    crate::date_style::day(d)
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn days_word(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// What a reason is, before it gets a channel, a window and talking points.
struct Draft {
    kind: ReasonKind,
    id: String,
    /// The day to act by.
    due: NaiveDate,
    /// The first day it is shown; the agenda includes it when this falls inside its window.
    shows_from: NaiveDate,
    value: String,
    why_now: String,
    topic: Option<&'static str>,
    natural_channel: Channel,
    sources: Vec<Source>,
    points: Vec<String>,
}

struct Builder<'a> {
    memo: &'a RefCell<window::Memo>,
    /// Reasons that show only after this day are left out (not worked out for nothing).
    until: Option<NaiveDate>,
    /// The customer's background talking points, worked out once for all their reasons.
    background: Vec<String>,
    rec: &'a CustomerRecord,
    wishes: &'a ContactWishes,
    profile: &'a Profile,
    now: DateTime<Utc>,
    today: NaiveDate,
    first: String,
}

impl Builder<'_> {
    fn add(&self, out: &mut Vec<Reason>, d: Draft) {
        if self.until.is_none_or(|u| d.shows_from <= u) {
            out.push(self.finish(d));
        }
    }

    fn finish(&self, d: Draft) -> Reason {
        let channel = self.channel(d.natural_channel);
        let suggest_day = self.today.max(d.shows_from);
        let window = window::find_memo(
            &mut self.memo.borrow_mut(),
            &self.rec.customer,
            self.wishes,
            self.profile,
            channel,
            suggest_day,
            self.now,
        );
        let overdue_days =
            if d.kind.group() == super::Group::WaitingOnYou { (self.today - d.due).num_days().max(0) } else { 0 };
        let mut points = d.points;
        points.extend(self.background.iter().cloned());
        points.truncate(5);
        Reason {
            id: d.id,
            customer_id: self.rec.customer.id.clone(),
            customer_name: self.rec.customer.name.clone(),
            kind: d.kind,
            group: d.kind.group(),
            value: d.value,
            why_now: d.why_now,
            due: d.due,
            overdue_days,
            channel,
            purpose: d.kind.purpose(),
            topic: d.topic.map(String::from),
            window,
            talking_points: points,
            sources: d.sources,
            shows_from: d.shows_from,
            cautions: Vec::new(),
        }
    }

    /// The customer's preferred channel, else the natural one for the reason, never one they declined.
    fn channel(&self, natural: Channel) -> Channel {
        // With every channel declined the Guard holds the reason back anyway.
        self.wishes.open_channel(Some(natural)).unwrap_or(natural)
    }

    /// What to have in mind on any contact: the car, a goal, something personal, their last words.
    fn background(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(p) = self.rec.purchases.iter().max_by_key(|p| p.purchased_on) {
            out.push(format!(
                "Their {} (since {} {})",
                p.description,
                MONTHS[p.purchased_on.month0() as usize],
                p.purchased_on.year()
            ));
        }
        if let Some(g) = self.rec.goals.iter().rev().find(|g| g.achieved_on.is_none()) {
            out.push(format!("Their goal: {}", g.text));
        }
        if let Some(f) = self.rec.facts.iter().max_by_key(|f| f.learned_on) {
            out.push(f.text.clone());
        }
        let since = self.now - Duration::days(super::LOOK_BACK_DAYS);
        if let Some(q) = self.rec.interactions.iter().rev().filter(|i| i.at >= since).find_map(|i| i.quotes.first()) {
            out.push(format!("Last said: “{q}”"));
        }
        out
    }

    fn promises(&self, out: &mut Vec<Reason>) {
        for p in self.rec.promises.iter().filter(|p| p.status == PromiseStatus::Open) {
            let late = (self.today - p.due_on).num_days();
            let value = if late > 0 {
                format!("{} late: “{}” — tell {} where it stands", days_word(late), p.what, self.first)
            } else if late == 0 {
                format!("Due today: “{}” — {} is counting on it", p.what, self.first)
            } else {
                format!("Due {}: “{}” — {} is counting on it", day(p.due_on), p.what, self.first)
            };
            self.add(
                out,
                Draft {
                    kind: ReasonKind::PromiseDue,
                    id: format!("promise_due:{}", p.id),
                    due: p.due_on,
                    shows_from: p.due_on,
                    value,
                    why_now: format!("You promised it on {} for {}", day(p.made_on), day(p.due_on)),
                    topic: None,
                    natural_channel: Channel::Phone,
                    sources: vec![Source { kind: "promise", id: p.id.clone() }],
                    points: vec![format!("Promised: {}", p.what)],
                },
            );
        }
    }

    fn issues(&self, out: &mut Vec<Reason>) {
        for i in &self.rec.issues {
            match i.status {
                IssueStatus::Open => {
                    let last = i.updates.last().map(|u| u.at.date_naive()).unwrap_or(i.opened_on);
                    let due = i.next_update_on.unwrap_or(last + Duration::days(7));
                    let mut points = vec![format!("Their issue since {}: {}", day(i.opened_on), i.title)];
                    if let Some(u) = i.updates.last() {
                        points.push(format!("Last update ({}): {}", day(u.at.date_naive()), u.text));
                    }
                    self.add(
                        out,
                        Draft {
                            kind: ReasonKind::IssueUpdate,
                            id: format!("issue_update:{}:{}", i.id, due),
                            due,
                            shows_from: due,
                            value: format!(
                                "{} is waiting to hear about “{}” — give an update, even if it is still in progress",
                                self.first, i.title
                            ),
                            why_now: format!("An update was due {}", day(due)),
                            topic: None,
                            natural_channel: Channel::Phone,
                            sources: vec![Source { kind: "issue", id: i.id.clone() }],
                            points,
                        },
                    );
                }
                IssueStatus::Resolved => {
                    let Some(resolved) = i.resolved_on else { continue };
                    let told = self
                        .rec
                        .interactions
                        .iter()
                        .any(|x| x.direction == Direction::Outbound && x.at.date_naive() >= resolved);
                    if told || (self.today - resolved).num_days() > RESOLVED_DAYS {
                        continue;
                    }
                    self.add(
                        out,
                        Draft {
                            kind: ReasonKind::IssueResolved,
                            id: format!("issue_resolved:{}", i.id),
                            due: resolved,
                            shows_from: resolved,
                            value: format!("Fixed: “{}” — tell {} it's done", i.title, self.first),
                            why_now: format!("Resolved {}; they have not heard yet", day(resolved)),
                            topic: None,
                            natural_channel: Channel::Phone,
                            sources: vec![Source { kind: "issue", id: i.id.clone() }],
                            points: i.resolution.iter().map(|r| format!("What was done: {r}")).collect(),
                        },
                    );
                }
            }
        }
    }

    fn purchases(&self, out: &mut Vec<Reason>) {
        for p in &self.rec.purchases {
            let thing = p.vehicle.as_ref().and_then(|v| v.model.clone()).unwrap_or_else(|| p.description.clone());
            // A deliverable with its own open promise is one reason, not two.
            let promised = |what: &str| {
                let w = what.to_lowercase();
                self.rec.promises.iter().any(|p| p.status == PromiseStatus::Open && p.what.to_lowercase().contains(&w))
            };
            for d in p.deliverables.iter().filter(|d| d.delivered_on.is_none() && !promised(&d.what)) {
                let due = d.due_on.unwrap_or(p.purchased_on + Duration::days(14));
                let late = (self.today - due).num_days();
                let value = if late > 0 {
                    format!(
                        "{} for {}'s {}: {} late — tell {} where things stand",
                        d.what,
                        self.first,
                        thing,
                        days_word(late),
                        self.first
                    )
                } else {
                    format!("{} for {}'s {}: due {} — make sure it arrives", d.what, self.first, thing, day(due))
                };
                self.add(
                    out,
                    Draft {
                        kind: ReasonKind::DeliverableDue,
                        id: format!("deliverable_due:{}", d.id),
                        due,
                        shows_from: due - Duration::days(3),
                        value,
                        why_now: format!("Owed since the sale on {}", day(p.purchased_on)),
                        topic: None,
                        natural_channel: Channel::Phone,
                        sources: vec![Source { kind: "purchase", id: p.id.clone() }],
                        points: vec![format!("Owed: {}", d.what)],
                    },
                );
            }
            for s in &p.included_services {
                let Some((k, due)) = next_service(p.purchased_on, (s.every_months, s.used, s.total), self.today) else {
                    continue;
                };
                self.add(
                    out,
                    Draft {
                        kind: ReasonKind::ServiceDue,
                        id: format!("service_due:{}:{k}", s.id),
                        due,
                        shows_from: due - Duration::days(SERVICE_NOTICE_DAYS),
                        value: format!(
                            "{}'s free {} ({} of {}) is due {} — book it so it isn't lost",
                            self.first,
                            s.name.to_lowercase(),
                            k,
                            s.total,
                            day(due)
                        ),
                        why_now: format!("Included with the {}, every {} months", thing, s.every_months),
                        topic: Some("service"),
                        natural_channel: Channel::Phone,
                        sources: vec![Source { kind: "purchase", id: p.id.clone() }],
                        points: vec![format!("{} of {} {} used", s.used, s.total, s.name.to_lowercase())],
                    },
                );
            }
            if let Some(end) = p.warranty_ends_on.filter(|e| *e >= self.today) {
                self.add(
                    out,
                    Draft {
                        kind: ReasonKind::WarrantyEnding,
                        id: format!("warranty_ending:{}", p.id),
                        due: end,
                        shows_from: end - Duration::days(60),
                        value: format!(
                            "The {} warranty ends {} — an inspection before then catches anything still covered",
                            thing,
                            day(end)
                        ),
                        why_now: format!("{} days before the warranty ends", (end - self.today).num_days()),
                        topic: Some("service"),
                        natural_channel: Channel::Phone,
                        sources: vec![Source { kind: "purchase", id: p.id.clone() }],
                        points: p.warranty_terms.iter().map(|t| format!("Warranty: {t}")).collect(),
                    },
                );
            }
            if let Some(end) = p.term_ends_on.filter(|e| *e >= self.today && p.ownership != Ownership::Cash) {
                let what = if p.ownership == Ownership::Lease { "lease" } else { "loan" };
                self.add(
                    out,
                    Draft {
                        kind: ReasonKind::TermEnding,
                        id: format!("term_ending:{}", p.id),
                        due: end,
                        shows_from: end - Duration::days(90),
                        value: format!(
                            "{}'s {} on the {} ends {} — walk through the options in good time, without pressure",
                            self.first,
                            what,
                            thing,
                            day(end)
                        ),
                        why_now: format!("{} days before the {} ends", (end - self.today).num_days(), what),
                        topic: Some("lease end"),
                        natural_channel: Channel::Phone,
                        sources: vec![Source { kind: "purchase", id: p.id.clone() }],
                        points: vec![],
                    },
                );
            }
        }
    }

    fn requests(&self, out: &mut Vec<Reason>) {
        for (n, i) in self.rec.interactions.iter().enumerate() {
            let Some(asked) = &i.asked_for else { continue };
            let answered =
                self.rec.interactions[n + 1..].iter().any(|x| x.direction == Direction::Outbound && x.at > i.at);
            let asked_on = i.at.date_naive();
            if answered || (self.today - asked_on).num_days() > REQUEST_DAYS {
                continue;
            }
            let due = asked_on + Duration::days(2);
            self.add(
                out,
                Draft {
                    kind: ReasonKind::InfoRequested,
                    id: format!("info_requested:{}", i.id),
                    due,
                    shows_from: asked_on,
                    value: format!("{} asked on {} for: {} — send it", self.first, day(asked_on), asked),
                    why_now: "They asked; they are waiting".into(),
                    topic: None,
                    natural_channel: i.channel,
                    sources: vec![Source { kind: "interaction", id: i.id.clone() }],
                    points: i.quotes.iter().map(|q| format!("They asked: “{q}”")).collect(),
                },
            );
        }
    }

    fn personal_dates(&self, out: &mut Vec<Reason>) {
        for f in &self.rec.facts {
            let Some(date) = f.date else { continue };
            let lower = f.text.to_lowercase();
            let yearly = crate::language::lexicon::YEARLY.iter().any(|w| lower.contains(w));
            let next = if yearly { next_yearly(date, self.today) } else { Some(date) };
            let Some(on) = next.filter(|d| *d >= self.today) else { continue };
            self.add(
                out,
                Draft {
                    kind: ReasonKind::PersonalDate,
                    id: format!("personal_date:{}:{}", f.id, on.year()),
                    due: on - Duration::days(5),
                    shows_from: on - Duration::days(21),
                    value: format!(
                        "{} shared: “{}” — {}; a card in time would mean something",
                        self.first,
                        f.text,
                        day(on)
                    ),
                    why_now: format!(
                        "{} away; a card takes a few days by post",
                        days_word((on - self.today).num_days())
                    ),
                    topic: None,
                    natural_channel: Channel::Mail,
                    sources: vec![Source { kind: "fact", id: f.id.clone() }],
                    points: vec![],
                },
            );
        }
    }

    fn playbook_offers(&self, playbooks: &[Playbook], out: &mut Vec<Reason>) {
        let goal = self.rec.goals.iter().rev().find(|g| g.achieved_on.is_none());
        for book in playbooks.iter().filter(|b| self.rec.tags.iter().any(|t| t.tag.eq_ignore_ascii_case(&b.tag))) {
            for (n, offer) in book.offer.iter().enumerate() {
                let Some((from, until)) = offer_season(offer, self.today, self.rec) else { continue };
                let why = match goal {
                    Some(g) => format!("it serves {}'s goal: {}", self.first, g.text),
                    None => format!("what #{} customers value", book.tag),
                };
                self.add(
                    out,
                    Draft {
                        kind: ReasonKind::PlaybookOffer,
                        id: format!("playbook_offer:{}:{}:{n}:{}", self.rec.customer.id, book.tag, from.year()),
                        due: until,
                        shows_from: from,
                        value: format!("{offer} — {why}"),
                        why_now: format!("In season until {}", day(until)),
                        topic: Some("service"),
                        natural_channel: Channel::Email,
                        sources: vec![Source { kind: "playbook", id: book.tag.clone() }],
                        points: if book.script.is_empty() { vec![] } else { vec![book.script.clone()] },
                    },
                );
            }
        }
    }

    fn referral_moment(&self, out: &mut Vec<Reason>) {
        let praise = self.rec.interactions.iter().rev().find(|i| {
            i.direction == Direction::Inbound
                && i.sentiment == Some(Sentiment::Positive)
                && (self.today - i.at.date_naive()).num_days() <= PRAISE_DAYS
        });
        let Some(i) = praise else { return };
        let on = i.at.date_naive();
        self.add(
            out,
            Draft {
                kind: ReasonKind::ReferralMoment,
                id: format!("referral_moment:{}", i.id),
                due: on + Duration::days(PRAISE_DAYS),
                shows_from: on,
                value: format!(
                    "{} praised you on {} — thank them; if it feels right, ask who else would want the same care",
                    self.first,
                    day(on)
                ),
                why_now: "Right after praise is the only good moment to ask".into(),
                topic: Some("referrals"),
                natural_channel: Channel::Phone,
                sources: vec![Source { kind: "interaction", id: i.id.clone() }],
                points: i.quotes.iter().map(|q| format!("They said: “{q}”")).collect(),
            },
        );
    }

    fn reminders(&self, out: &mut Vec<Reason>) {
        for m in &self.rec.reminders {
            self.add(
                out,
                Draft {
                    kind: ReasonKind::Reminder,
                    id: format!("reminder:{}", m.id),
                    due: m.due_on,
                    shows_from: m.due_on,
                    value: m.value.clone(),
                    why_now: format!("Your reminder for {}", day(m.due_on)),
                    topic: None,
                    natural_channel: m.channel.unwrap_or(Channel::Email),
                    sources: vec![Source { kind: "reminder", id: m.id.clone() }],
                    points: vec![],
                },
            );
        }
    }
}

/// How many days before an included service is due it shows.
const SERVICE_NOTICE_DAYS: i64 = 14;

/// The next included service not yet had (its number and day), for a schedule of (every months, used, total);
/// one missed by more than the grace period has lapsed.
fn next_service(
    bought: NaiveDate,
    (every, used, total): (u32, u32, u32),
    today: NaiveDate,
) -> Option<(u32, NaiveDate)> {
    // Schedules are checked when entered; a row an older version let in ("4,294,967,295 of them") is held to the
    // same bounds here, so it cannot stall every agenda.
    let (every, total) = (every.min(crate::model::MAX_SERVICE_MONTHS), total.min(crate::model::MAX_SERVICES));
    (used + 1..=total).find_map(|k| {
        let due = bought.checked_add_months(Months::new(every.checked_mul(k)?))?;
        ((today - due).num_days() <= SERVICE_GRACE_DAYS).then_some((k, due))
    })
}

/// Whether an included service of a purchase on `bought` shows on the agenda on or before `last_day`.
pub fn service_shows_by(bought: NaiveDate, schedule: (u32, u32, u32), today: NaiveDate, last_day: NaiveDate) -> bool {
    next_service(bought, schedule, today).is_some_and(|(_, due)| due - Duration::days(SERVICE_NOTICE_DAYS) <= last_day)
}

/// The next birthday or anniversary on or after `today` (29 February falls on 28 February in other years).
fn next_yearly(date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let on = |y: i32| {
        NaiveDate::from_ymd_opt(y, date.month(), date.day())
            .or_else(|| NaiveDate::from_ymd_opt(y, date.month(), date.day() - 1))
    };
    let this_year = on(today.year())?;
    if this_year >= today {
        Some(this_year)
    } else {
        on(today.year() + 1)
    }
}

/// When a playbook offer is worth making: its season (autumn, winter, spring, summer named in it), or the weeks
/// around the anniversary of the latest purchase. Returns the season's first and last day around `today`.
fn offer_season(offer: &str, today: NaiveDate, rec: &CustomerRecord) -> Option<(NaiveDate, NaiveDate)> {
    let o = offer.to_lowercase();
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let season = |m0: u32, d0: u32, m1: u32, d1: u32| -> Option<(NaiveDate, NaiveDate)> {
        let (s, e) = (ymd(today.year(), m0, d0)?, ymd(today.year(), m1, d1)?);
        if today <= e {
            Some((s, e))
        } else {
            Some((ymd(today.year() + 1, m0, d0)?, ymd(today.year() + 1, m1, d1)?))
        }
    };
    if o.contains("autumn") || o.contains("fall") || o.contains("winter") {
        season(10, 1, 11, 30)
    } else if o.contains("spring") {
        season(3, 15, 5, 15)
    } else if o.contains("summer") {
        season(6, 1, 7, 31)
    } else {
        let bought = rec.purchases.iter().map(|p| p.purchased_on).max()?;
        let anniversary = next_yearly(bought, today - Duration::days(30))?;
        if anniversary.year() == bought.year() {
            return None;
        }
        Some((anniversary - Duration::days(14), anniversary + Duration::days(30)))
    }
}
