//! The reminder engine: from what the book knows, the reasons why reaching out now is worth the customer's time —
//! each put through the Guard — and the Today agenda they make.
//!
//! Pure over a snapshot of the book and `now`: [`derive`] finds reasons, [`agenda`] checks each with the Guard and
//! groups them. There is no "check in" reason: every reason has a value for the customer.

mod derive;
pub mod notice;
mod triage;
mod window;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::guard::{self, ContactWishes, Finding, Outreach, Situation, Verdict};
use crate::model::*;
pub use derive::{derive, service_shows_by, PRAISE_DAYS, SERVICE_GRACE_DAYS};
pub use triage::{Summary, TodayAsk, REVIEW_AFTER_DAYS};
pub use window::ContactWindow;

/// Where a reason came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    PromiseDue,
    IssueUpdate,
    IssueResolved,
    DeliverableDue,
    InfoRequested,
    ServiceDue,
    WarrantyEnding,
    TermEnding,
    PlaybookOffer,
    PersonalDate,
    ReferralMoment,
    Reminder,
}

impl ReasonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::PromiseDue => "promise_due",
            ReasonKind::IssueUpdate => "issue_update",
            ReasonKind::IssueResolved => "issue_resolved",
            ReasonKind::DeliverableDue => "deliverable_due",
            ReasonKind::InfoRequested => "info_requested",
            ReasonKind::ServiceDue => "service_due",
            ReasonKind::WarrantyEnding => "warranty_ending",
            ReasonKind::TermEnding => "term_ending",
            ReasonKind::PlaybookOffer => "playbook_offer",
            ReasonKind::PersonalDate => "personal_date",
            ReasonKind::ReferralMoment => "referral_moment",
            ReasonKind::Reminder => "reminder",
        }
    }

    pub fn group(self) -> Group {
        match self {
            ReasonKind::PromiseDue
            | ReasonKind::IssueUpdate
            | ReasonKind::IssueResolved
            | ReasonKind::DeliverableDue
            | ReasonKind::InfoRequested => Group::WaitingOnYou,
            ReasonKind::ServiceDue | ReasonKind::WarrantyEnding | ReasonKind::TermEnding | ReasonKind::PersonalDate => {
                Group::TimeSensitive
            }
            ReasonKind::PlaybookOffer | ReasonKind::ReferralMoment | ReasonKind::Reminder => Group::WorthOffering,
        }
    }

    /// The customer is waiting on it: never rate-limited.
    pub fn purpose(self) -> Purpose {
        match self.group() {
            Group::WaitingOnYou => Purpose::Waiting,
            _ => Purpose::Proactive,
        }
    }
}

/// The three groups of Today, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    WaitingOnYou,
    TimeSensitive,
    WorthOffering,
}

/// A record a reason came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub kind: &'static str,
    pub id: String,
}

/// Why reaching out now is worth the customer's time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Stable across runs: derived from the source (`promise_due:<promise id>`).
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub kind: ReasonKind,
    pub group: Group,
    /// One line from the customer's side: "Her plates are two weeks late — tell her where they are".
    pub value: String,
    pub why_now: String,
    /// The day to act by.
    pub due: NaiveDate,
    /// The first day the reason is shown.
    pub shows_from: NaiveDate,
    /// Days past `due` for what the customer is waiting on (0 when not overdue).
    pub overdue_days: i64,
    /// The customer's preferred channel, or the natural one for this reason if they stated none.
    pub channel: Channel,
    pub purpose: Purpose,
    pub topic: Option<String>,
    pub window: ContactWindow,
    pub talking_points: Vec<String>,
    pub sources: Vec<Source>,
    /// What the Guard said to be careful about (frequency, unknown time zone …).
    pub cautions: Vec<Finding>,
}

/// A reason the Guard blocked, with the rule and the customer's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldReason {
    #[serde(flatten)]
    pub reason: Reason,
    pub rule: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said_on: Option<NaiveDate>,
}

/// How many rows of each list a page of Today shows at first, and how many more each "Show more" adds.
pub const PAGE: usize = 50;

/// Today: what is worth doing, and what was held back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agenda {
    pub now: DateTime<Utc>,
    pub days: u32,
    pub reasons: Vec<Reason>,
    pub held_back: Vec<HeldReason>,
    /// On a page of the agenda ([`Agenda::page`]): how many reasons each group has in all (`waiting_on_you`,
    /// `time_sensitive`, `worth_offering`) and how many were held back (`held_back`), however few are shown.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: BTreeMap<&'static str, usize>,
    /// On Today's page ([`Agenda::triage`]): the reasons overdue by more than [`REVIEW_AFTER_DAYS`], out of their
    /// groups, to be cleared together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Vec<Reason>>,
    /// On Today's page: how many reasons go by each channel, before the channel filter.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_channel: BTreeMap<&'static str, usize>,
    /// On Today's page: the line above the groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

impl Group {
    /// The group's name, as it is written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::WaitingOnYou => "waiting_on_you",
            Group::TimeSensitive => "time_sensitive",
            Group::WorthOffering => "worth_offering",
        }
    }
}

/// How far back the engine and the Guard read a customer's interactions: an information request stays open this
/// long, and every other look-back (cooling off, praise, replies) is shorter. Before it, only the latest
/// proactive contact counts (for the customer's rhythm). The store loads exactly this much.
pub const LOOK_BACK_DAYS: i64 = 180;
/// Some look-backs count calendar days — the salesperson's today against the UTC day of a contact — so whoever
/// reads contacts for the engine reaches this many days further back than a look-back: enough for any zone.
pub const DAY_MARGIN: i64 = 2;
const _: () = assert!(
    guard::COOLING_OFF_DAYS <= LOOK_BACK_DAYS
        && guard::REFERRAL_WINDOW_DAYS <= LOOK_BACK_DAYS
        && guard::REPLY_WINDOW_DAYS <= LOOK_BACK_DAYS
);

/// What the engine needs: customers (with their records), the salesperson, the playbooks.
pub struct Snapshot<'a> {
    pub customers: &'a [CustomerRecord],
    pub profile: &'a Profile,
    pub playbooks: &'a [Playbook],
}

/// The reasons due within `days` (and everything overdue the customer is waiting on), each checked by the Guard,
/// minus what the salesperson marked done, dismissed, or snoozed past today.
pub fn agenda(snapshot: &Snapshot<'_>, now: DateTime<Utc>, days: u32) -> Agenda {
    let today = local_today(snapshot.profile, now);
    let horizon = today + Duration::days(i64::from(days));
    let mut reasons = Vec::new();
    let mut held_back = Vec::new();
    let memo = std::cell::RefCell::new(window::Memo::default());
    for rec in snapshot.customers {
        let wishes = ContactWishes::from_statements(&rec.preferences);
        let found = derive::derive_memo(rec, &wishes, snapshot.profile, snapshot.playbooks, now, Some(horizon), &memo);
        if found.is_empty() {
            continue;
        }
        let tags: Vec<String> = rec.tags.iter().map(|t| t.tag.clone()).collect();
        let situation = Situation {
            customer: &rec.customer,
            statements: &rec.preferences,
            interactions: &rec.interactions,
            tags: &tags,
            playbooks: snapshot.playbooks,
            profile: snapshot.profile,
        };
        for mut r in found {
            if r.shows_from > horizon || set_aside(rec, &r.id, today) {
                continue;
            }
            let outreach = Outreach {
                channel: r.channel,
                at: r.window.start,
                topic: r.topic.clone(),
                text: None,
                reason: Some(r.value.clone()),
                purpose: r.purpose,
                in_thank_you: false,
            };
            let d = guard::decide_with(&situation, &wishes, &outreach);
            if d.decision == Verdict::Blocked {
                let f = d.deciding().cloned().expect("a blocked decision has a deciding finding");
                held_back.push(HeldReason {
                    reason: r,
                    rule: f.rule.as_str().to_string(),
                    message: f.message,
                    quote: f.quote,
                    said_on: f.said_on,
                });
            } else {
                r.cautions = d.reasons;
                reasons.push(r);
            }
        }
    }
    let mut a = Agenda {
        now,
        days,
        reasons,
        held_back,
        counts: BTreeMap::new(),
        review: None,
        by_channel: BTreeMap::new(),
        summary: None,
    };
    a.sort();
    a
}

/// One agenda from agendas of parts of the book (for the same `now` and `days`).
pub fn merge(mut a: Agenda, b: Agenda) -> Agenda {
    a.reasons.extend(b.reasons);
    a.held_back.extend(b.held_back);
    a.sort();
    a
}

impl Agenda {
    /// A page of the agenda, as a window shows it: the first `shown(list)` reasons of each group and of the held
    /// back (lists named as in [`Agenda::counts`]), with every list's whole count. A book with thousands of reasons
    /// costs the window what the page shows, not what the book holds.
    pub fn page(mut self, shown: impl Fn(&str) -> usize) -> Agenda {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        self.reasons.retain(|r| {
            let seen = counts.entry(r.group.as_str()).or_default();
            *seen += 1;
            *seen <= shown(r.group.as_str())
        });
        counts.insert("held_back", self.held_back.len());
        self.held_back.truncate(shown("held_back"));
        for g in [Group::WaitingOnYou, Group::TimeSensitive, Group::WorthOffering] {
            counts.entry(g.as_str()).or_default();
        }
        self.counts = counts;
        self
    }

    /// What the customer waits on first, the most overdue first; then by day and name.
    fn sort(&mut self) {
        // The id last: the same order however the book was read.
        fn reason(r: &Reason) -> (Group, std::cmp::Reverse<i64>, NaiveDate, &str, &str) {
            (r.group, std::cmp::Reverse(r.overdue_days), r.due, &r.customer_name, &r.id)
        }
        fn held(h: &HeldReason) -> (Group, NaiveDate, &str, &str) {
            (h.reason.group, h.reason.due, &h.reason.customer_name, &h.reason.id)
        }
        arrange(&mut self.reasons, |a, b| reason(a).cmp(&reason(b)));
        arrange(&mut self.held_back, |a, b| held(a).cmp(&held(b)));
    }
}

/// Sorts by `key` moving each item once: sorting the items themselves moved each of them (a few hundred bytes)
/// a dozen times, which was a tenth of a big agenda's time.
fn arrange<T>(items: &mut Vec<T>, order_of: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| order_of(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().map(|i| slots[i].take().expect("each place is taken once")));
}

/// The salesperson's calendar day at `now` (their zone decides when "today" begins).
pub fn local_today(profile: &Profile, now: DateTime<Utc>) -> NaiveDate {
    let zone: chrono_tz::Tz = profile.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    now.with_timezone(&zone).date_naive()
}

/// Done and dismissed reasons never come back; snoozed ones come back on their day.
fn set_aside(rec: &CustomerRecord, reason_id: &str, today: NaiveDate) -> bool {
    rec.reason_states.iter().any(|s| {
        s.reason_id == reason_id
            && match s.state {
                ReasonStateKind::Done | ReasonStateKind::Dismissed => true,
                ReasonStateKind::Snoozed => s.until.is_none_or(|u| u > today),
            }
    })
}
