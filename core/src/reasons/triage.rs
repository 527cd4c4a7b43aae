//! Today for a big book: what the window shows of an agenda with thousands of reasons. A summary line first (in
//! their hours now, due today, long overdue), a channel filter, what can be done now before the rest of its group,
//! one customer's reasons together, and the long overdue set aside in a review pile to clear in one go — so the
//! first screen holds what to do next, not the fifty stalest rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Agenda, Group, Reason, PAGE};
use crate::model::Channel;

/// A reason overdue by more than this many days goes to the review pile: a month late, it needs a decision
/// (do it, move it, drop it) more than a place in the day's list.
pub const REVIEW_AFTER_DAYS: i64 = 30;

/// What the window asks of Today.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TodayAsk {
    /// How many reasons each list shows (`waiting_on_you`, `time_sensitive`, `worth_offering`, `review`,
    /// `held_back`); [`PAGE`] for any not named.
    #[serde(default)]
    pub shown: HashMap<String, usize>,
    /// Only the reasons by this channel (and the held back ones by it).
    #[serde(default)]
    pub channel: Option<Channel>,
}

/// The line above the groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Reasons whose contact window is open at the agenda's `now`: the customer may be reached right now.
    pub open_now: usize,
    /// Reasons due today (not overdue).
    pub due_today: usize,
    /// Reasons overdue by more than [`REVIEW_AFTER_DAYS`]: the review pile.
    pub long_overdue: usize,
}

impl Agenda {
    /// The page of Today the window shows on `today` (the salesperson's day): filtered by channel, the long
    /// overdue moved to [`Agenda::review`], each group ordered with what can be done now first and a customer's
    /// reasons together, each list cut to its page (never between two reasons of one customer), with every list's
    /// whole count, the count per channel and the [`Summary`].
    pub fn triage(mut self, today: NaiveDate, ask: &TodayAsk) -> Agenda {
        let mut by_channel: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &self.reasons {
            *by_channel.entry(r.channel.as_str()).or_default() += 1;
        }
        if let Some(c) = ask.channel {
            self.reasons.retain(|r| r.channel == c);
            self.held_back.retain(|h| h.reason.channel == c);
        }
        let now = self.now;
        let open_now = |r: &Reason| r.window.start <= now && now < r.window.end;
        let (review, mut rest): (Vec<Reason>, Vec<Reason>) =
            self.reasons.drain(..).partition(|r| r.overdue_days > REVIEW_AFTER_DAYS);
        // Stable: within "open now" and "later" the agenda's own order (most overdue first, then by day) holds.
        rest.sort_by_key(|r| (r.group, !open_now(r)));
        let summary = Summary {
            open_now: rest.iter().filter(|r| open_now(r)).count(),
            due_today: rest.iter().filter(|r| r.due == today).count(),
            long_overdue: review.len(),
        };
        let shown = |list: &str| ask.shown.get(list).copied().unwrap_or(PAGE);
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut reasons = Vec::new();
        for g in [Group::WaitingOnYou, Group::TimeSensitive, Group::WorthOffering] {
            let mine: Vec<Reason> = rest.iter().filter(|r| r.group == g).cloned().collect();
            counts.insert(g.as_str(), mine.len());
            reasons.extend(first_page(together(mine), shown(g.as_str())));
        }
        counts.insert("review", review.len());
        counts.insert("held_back", self.held_back.len());
        self.held_back.truncate(shown("held_back"));
        self.review = Some(first_page(together(review), shown("review")));
        self.reasons = reasons;
        self.counts = counts;
        self.by_channel = by_channel;
        self.summary = Some(summary);
        self
    }
}

/// A customer's reasons right after their first one, the customers in the order of their first reason.
fn together(reasons: Vec<Reason>) -> Vec<Reason> {
    let mut order: Vec<String> = Vec::new();
    let mut of: HashMap<String, Vec<Reason>> = HashMap::new();
    for r in reasons {
        if !of.contains_key(&r.customer_id) {
            order.push(r.customer_id.clone());
        }
        of.entry(r.customer_id.clone()).or_default().push(r);
    }
    order.into_iter().flat_map(|c| of.remove(&c).unwrap_or_default()).collect()
}

/// The first `n` reasons, and the rest of the last customer's: a page never ends inside a customer's row.
fn first_page(mut reasons: Vec<Reason>, n: usize) -> Vec<Reason> {
    let mut end = n.min(reasons.len());
    while end > 0 && end < reasons.len() && reasons[end].customer_id == reasons[end - 1].customer_id {
        end += 1;
    }
    reasons.truncate(end);
    reasons
}
