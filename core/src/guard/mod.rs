//! The Guard: the one place that decides whether an outreach to a customer is allowed, needs caution, or is
//! blocked — and says why, in the customer's own words where they said it.
//!
//! Pure functions over the customer's statements, history, tags and the salesperson's profile; the store only
//! feeds it a [`Situation`]. The agenda, notifications, note drafts and logging an outbound contact all call
//! [`decide`]; none of them re-implements a rule. Rules are explained for salespeople in `docs/GUARD.md`.
//! What a message *does* — a check-in, a pitch on a topic, a push for a channel — the Guard asks of
//! [`crate::language`]; it keeps no word list of its own.

mod hours;
mod reading;
mod wishes;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::language;
use crate::model::*;
pub(crate) use hours::{contact_hours, customer_zone, legal_hours, rings};
pub use reading::{annotate, OutreachReading, ReadIntent};
pub use wishes::{ContactWishes, Hours, Said};

/// How long after a customer's message a contact on that channel counts as a reply.
pub const REPLY_WINDOW_DAYS: i64 = 14;
/// How long an offer the customer said no to stays off the table, even without a statement.
pub const COOLING_OFF_DAYS: i64 = 90;
/// How long after a customer praised you a referral ask is welcome.
pub const REFERRAL_WINDOW_DAYS: i64 = 14;

/// What the Guard needs to know about the customer and the salesperson.
#[derive(Debug, Clone, Copy)]
pub struct Situation<'a> {
    pub customer: &'a Customer,
    pub statements: &'a [PreferenceStatement],
    pub interactions: &'a [Interaction],
    pub tags: &'a [String],
    pub playbooks: &'a [Playbook],
    pub profile: &'a Profile,
}

/// A proposed contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outreach {
    pub channel: Channel,
    /// When the contact would happen.
    pub at: DateTime<Utc>,
    /// The subject (`buy-back`, `service`, `referrals` …), when there is one.
    #[serde(default)]
    pub topic: Option<String>,
    /// The words of the message, when there are some.
    #[serde(default)]
    pub text: Option<String>,
    /// What the customer gains from this contact.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default = "proactive")]
    pub purpose: Purpose,
    /// The outreach is a thank-you note (no referral asks or pitches inside one).
    #[serde(default)]
    pub in_thank_you: bool,
}

fn proactive() -> Purpose {
    Purpose::Proactive
}

impl Outreach {
    /// A proactive contact on `channel` at `at` for `reason`.
    pub fn new(channel: Channel, at: DateTime<Utc>, reason: &str) -> Outreach {
        Outreach {
            channel,
            at,
            topic: None,
            text: None,
            reason: Some(reason.to_string()),
            purpose: Purpose::Proactive,
            in_thank_you: false,
        }
    }
}

/// The verdict, from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Allowed,
    Caution,
    Blocked,
}

/// Which rule spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    DoNotContact,
    NotAReply,
    DeclinedChannel,
    LegalHours,
    QuietHours,
    UnknownTimeZone,
    DeclinedTopic,
    Playbook,
    CoolingOff,
    Frequency,
    Contentless,
    ReferralWindow,
    ReferralInThankYou,
    CallLimit,
    PushesDeclinedChannel,
    NotPreferredChannel,
}

impl Rule {
    /// Whether the rule is about the message or the moment (it gives nothing; the hours; the calls of a day) rather
    /// than about this customer — what they said, their tags, their history with you.
    pub fn about_the_message(self) -> bool {
        matches!(
            self,
            Rule::Contentless | Rule::LegalHours | Rule::QuietHours | Rule::UnknownTimeZone | Rule::CallLimit
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::DoNotContact => "do_not_contact",
            Rule::NotAReply => "not_a_reply",
            Rule::DeclinedChannel => "declined_channel",
            Rule::LegalHours => "legal_hours",
            Rule::QuietHours => "quiet_hours",
            Rule::UnknownTimeZone => "unknown_time_zone",
            Rule::DeclinedTopic => "declined_topic",
            Rule::Playbook => "playbook",
            Rule::CoolingOff => "cooling_off",
            Rule::Frequency => "frequency",
            Rule::Contentless => "contentless",
            Rule::ReferralWindow => "referral_window",
            Rule::ReferralInThankYou => "referral_in_thank_you",
            Rule::CallLimit => "call_limit",
            Rule::PushesDeclinedChannel => "pushes_declined_channel",
            Rule::NotPreferredChannel => "not_preferred_channel",
        }
    }
}

/// One reason for the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Verdict,
    pub message: String,
    /// The customer's own words, when the rule comes from something they said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// When they said it: the day on the salesperson's calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said_on: Option<chrono::NaiveDate>,
}

/// The Guard's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub decision: Verdict,
    pub reasons: Vec<Finding>,
    /// What to do instead, when there is something better.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The channel the customer asked for, when the suggestion is to use it instead: the window offers it as a
    /// one-click switch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<Channel>,
}

impl Decision {
    pub fn is_blocked(&self) -> bool {
        self.decision == Verdict::Blocked
    }

    /// The finding that decided (the first of the most severe).
    pub fn deciding(&self) -> Option<&Finding> {
        self.reasons.iter().find(|f| f.severity == self.decision)
    }
}

struct Findings {
    list: Vec<Finding>,
    suggestion: Option<String>,
    instead: Option<Channel>,
    /// The salesperson's zone: the day something was said is the day on their calendar.
    zone: chrono_tz::Tz,
}

impl Findings {
    fn add(&mut self, rule: Rule, severity: Verdict, message: String, said: Option<&PreferenceStatement>) {
        self.list.push(Finding {
            rule,
            severity,
            message,
            quote: said.map(|s| s.words.clone()),
            said_on: said.map(|s| self.day(s.said_at)),
        });
    }

    fn quoting(
        &mut self,
        rule: Rule,
        severity: Verdict,
        message: String,
        quote: Option<String>,
        on: Option<chrono::NaiveDate>,
    ) {
        self.list.push(Finding { rule, severity, message, quote, said_on: on });
    }

    fn day(&self, at: DateTime<Utc>) -> chrono::NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    fn suggest(&mut self, s: String) {
        if self.suggestion.is_none() {
            self.suggestion = Some(s);
        }
    }
}

/// Decides whether `outreach` is allowed for the customer in `situation`. Time enters as `outreach.at`.
pub fn decide(situation: &Situation<'_>, outreach: &Outreach) -> Decision {
    decide_with(situation, &ContactWishes::from_statements(situation.statements), outreach)
}

/// As [`decide`], with the customer's wishes already folded (the agenda checks many reasons per customer).
pub fn decide_with(situation: &Situation<'_>, wishes: &ContactWishes, outreach: &Outreach) -> Decision {
    let zone = situation.profile.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let mut f = Findings { list: Vec::new(), suggestion: None, instead: None, zone };
    let who = situation.customer.preferred_name.as_deref().unwrap_or(&situation.customer.name);
    let at = outreach.at;

    // Is it really a reply? Only if they wrote or called on this channel lately.
    let reply = outreach.purpose == Purpose::Reply && replied_to(situation, outreach.channel, at);
    if outreach.purpose == Purpose::Reply && !reply {
        f.add(
            Rule::NotAReply,
            Verdict::Caution,
            format!("{who} has not contacted you by {} in the last {REPLY_WINDOW_DAYS} days, so this is not a reply; it is treated as a new contact", outreach.channel.label()),
            None,
        );
    }
    let purpose = if outreach.purpose == Purpose::Reply && !reply { Purpose::Proactive } else { outreach.purpose };

    // Do not contact: every proactive contact, on every channel, for good — until they say otherwise.
    if let Some(dnc) = &wishes.do_not_contact {
        if !reply {
            f.add(
                Rule::DoNotContact,
                Verdict::Blocked,
                format!("{who} asked not to be contacted. Only a reply to a message from them, on the channel they used, is allowed"),
                Some(&dnc.statement),
            );
        }
    }

    // Channels they declined.
    if let Some(declined) = wishes.declined(outreach.channel) {
        if !reply {
            let instead = wishes.open_channel(None);
            f.add(
                Rule::DeclinedChannel,
                Verdict::Blocked,
                format!("{who} declined {}", outreach.channel.label()),
                Some(&declined.statement),
            );
            if let Some(c) = instead {
                if f.suggestion.is_none() {
                    f.instead = Some(c);
                }
                f.suggest(format!("Use {} instead — what {who} asked for", c.label()));
            }
        }
    }

    hours::check(situation, wishes, outreach.channel, at, &mut f);

    // What the message and the reason do — a pitch on a topic, a push for a channel, a check-in, something of
    // value — is read once by the language module, for every rule below.
    // The reason is Rapport's own line about the customer: read without their name and its days (see
    // `language::impersonal`); the message as written. Words found are quoted as each line has them.
    let first_name = situation.customer.first_name();
    let text_seen = outreach.text.as_deref().map(language::Impersonal::as_is);
    let reason_seen = outreach.reason.as_deref().map(|t| language::impersonal(t, &first_name));
    let readings: Vec<(language::Reading, &language::Impersonal)> =
        text_seen.iter().chain(reason_seen.iter()).map(|s| (language::read(&s.text), s)).collect();
    let reads = || readings.iter().map(|(r, _)| r);
    let topics = topics_of(outreach, reads());
    let raised = |topic: &str| {
        readings.iter().find_map(|(r, s)| language::topics::raised(r, &s.text, topic).map(|w| s.words_in_line(&w)))
    };
    for said in &wishes.declined_topics {
        let words = raised(&said.value);
        if topics.iter().any(|t| t == &said.value) || words.is_some() {
            let shown = words.map(|w| format!(" (“{w}”)")).unwrap_or_default();
            f.add(
                Rule::DeclinedTopic,
                Verdict::Blocked,
                format!("{who} asked not to hear about {}{shown}", said.value),
                Some(&said.statement),
            );
        }
    }

    // Pushing for a channel they declined, in a message on another one: "can I give you a ring?" to someone who
    // said no calls.
    if !reply {
        for declined in &wishes.declined_channels {
            if declined.value == outreach.channel {
                continue;
            }
            if let Some(words) =
                readings.iter().find_map(|(r, s)| r.push_for(declined.value).map(|p| s.words_in_line(&p.words)))
            {
                f.add(
                    Rule::PushesDeclinedChannel,
                    Verdict::Blocked,
                    format!("“{words}” asks {who} for {}, which {who} declined", declined.value.label()),
                    Some(&declined.statement),
                );
            }
        }
    }

    // A contact on another channel than the one they said they prefer: allowed, with their words.
    if let Some(preferred) = &wishes.preferred_channel {
        // A thank-you is the exception: it answers what the customer did and asks nothing of them; so is a card by
        // post for a personal occasion (the birthday or anniversary they shared).
        let occasion_card = outreach.channel == Channel::Mail && reads().any(|r| r.occasion);
        let card = outreach.in_thank_you || occasion_card;
        if preferred.value != outreach.channel && !reply && !card && wishes.declined(outreach.channel).is_none() {
            f.add(
                Rule::NotPreferredChannel,
                Verdict::Caution,
                format!("{who} prefers {}; this is {}", preferred.value.label(), outreach.channel.label()),
                Some(&preferred.statement),
            );
            if f.suggestion.is_none() {
                f.instead = Some(preferred.value);
            }
            f.suggest(format!("Use {} instead — what {who} asked for", preferred.value.label()));
        }
    }
    for book in situation.playbooks.iter().filter(|p| situation.tags.iter().any(|t| t.eq_ignore_ascii_case(&p.tag))) {
        for never in &book.never_topics {
            let never = language::topics::canonical(never);
            let tripped = topics.contains(&never) || raised(&never).is_some();
            if tripped && !wishes.declined_topics.iter().any(|d| d.value == never) {
                f.add(
                    Rule::Playbook,
                    Verdict::Blocked,
                    format!("#{} customers are never offered {never}", book.tag),
                    None,
                );
                if let Some(offer) = book.offer.first() {
                    f.suggest(format!("Offer instead: {offer}"));
                }
            }
        }
    }
    let since = at - Duration::days(COOLING_OFF_DAYS);
    for topic in &topics {
        let refused = situation.interactions.iter().rev().find(|i| {
            i.at >= since
                && i.at <= at
                && i.sentiment == Some(Sentiment::Negative)
                && (i.topic.as_deref().map(language::topics::canonical).as_ref() == Some(topic)
                    || language::topics::mentions(&i.summary, topic))
        });
        if let Some(i) = refused {
            if !wishes.declined_topics.iter().any(|d| &d.value == topic) {
                let (said, until) = (f.day(i.at), f.day(i.at + Duration::days(COOLING_OFF_DAYS)));
                f.quoting(
                    Rule::CoolingOff,
                    Verdict::Blocked,
                    format!(
                        "{who} said no to {topic} on {}; it stays off the table until {}",
                        crate::date_style::day(said),
                        crate::date_style::day(until)
                    ),
                    i.quotes.first().cloned(),
                    Some(said),
                );
            }
        }
    }

    // Referral asks: only right after praise, never in a thank-you.
    if topics.iter().any(|t| t == "referrals") && !wishes.declined_topics.iter().any(|d| d.value == "referrals") {
        if outreach.in_thank_you {
            f.add(
                Rule::ReferralInThankYou,
                Verdict::Blocked,
                "A thank-you note never asks for referrals: it would turn the thanks into a request".into(),
                None,
            );
        } else {
            let praise_since = at - Duration::days(REFERRAL_WINDOW_DAYS);
            let praised = situation.interactions.iter().any(|i| {
                i.direction == Direction::Inbound
                    && i.sentiment == Some(Sentiment::Positive)
                    && i.at >= praise_since
                    && i.at <= at
            });
            if !praised {
                f.add(
                    Rule::ReferralWindow,
                    Verdict::Blocked,
                    format!("Ask for referrals only within {REFERRAL_WINDOW_DAYS} days after {who} praised you or the product"),
                    None,
                );
            }
        }
    }

    // Frequency: proactive contacts need space; what the customer is waiting on never waits.
    if purpose == Purpose::Proactive {
        let (days, said) = match &wishes.min_days_between {
            Some(m) => (m.value, Some(&m.statement)),
            None => (situation.profile.min_days_between, None),
        };
        let last = situation
            .interactions
            .iter()
            .filter(|i| {
                i.direction == Direction::Outbound
                    && i.at <= at
                    && i.purpose.unwrap_or(Purpose::Proactive) == Purpose::Proactive
            })
            .map(|i| i.at)
            .max();
        if let Some(last) = last {
            if at - last < Duration::days(i64::from(days)) {
                let whose = if said.is_some() {
                    format!("{who} asked for at most one contact every {days} days")
                } else {
                    format!("your rule is at most one proactive contact every {days} days")
                };
                f.add(
                    Rule::Frequency,
                    Verdict::Caution,
                    format!("The last proactive contact was on {}; {whose}", crate::date_style::day(f.day(last))),
                    said,
                );
            }
        }

        // Nothing for the customer in it.
        // The reason when there is one (it is read last), else the message.
        if reads().next_back().is_none_or(language::topics::is_contentless) {
            f.add(
                Rule::Contentless,
                Verdict::Blocked,
                "What will the customer gain from this contact? Say it in the reason, or do not reach out".into(),
                None,
            );
        }
    }

    hours::call_limit(situation, outreach, &topics, &mut f);

    let decision = f.list.iter().map(|x| x.severity).max().unwrap_or(Verdict::Allowed);
    let allowed = decision == Verdict::Allowed;
    Decision {
        decision,
        reasons: f.list,
        suggestion: if allowed { None } else { f.suggestion },
        instead: if allowed { None } else { f.instead },
    }
}

/// The canonical topics an outreach raises: its topic, and what its words pitch.
fn topics_of<'r>(o: &Outreach, readings: impl Iterator<Item = &'r language::Reading>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(t) = o.topic.as_deref().filter(|t| !t.trim().is_empty()) {
        out.push(language::topics::canonical(t));
    }
    for r in readings {
        for t in r.topics() {
            if !out.iter().any(|x| x == t) {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// Whether the customer contacted us on `channel` in the reply window before `at`.
fn replied_to(s: &Situation<'_>, channel: Channel, at: DateTime<Utc>) -> bool {
    s.interactions.iter().any(|i| {
        i.direction == Direction::Inbound
            && i.channel == channel
            && i.at <= at
            && at - i.at <= Duration::days(REPLY_WINDOW_DAYS)
    })
}
