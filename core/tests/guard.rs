//! The Guard as a table: a customer's situation and a proposed outreach in, the decision and the rule that
//! decided out. A failure seen in the field becomes one more row.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rapport_core::guard::{decide, Outreach, Rule, Situation, Verdict};
use rapport_core::model::*;

/// The salesperson: Chicago, default contact window 9:00–19:00, standard calling rule, 14 days between contacts.
fn profile() -> Profile {
    Profile { name: "Dana".into(), time_zone: "America/Chicago".into(), ..Profile::default() }
}

fn playbooks() -> Vec<Playbook> {
    vec![Playbook {
        tag: "BuyAndHold".into(),
        never_topics: vec!["buy-back".into()],
        offer: vec!["A longevity service plan".into(), "Winterizing each autumn".into()],
        script: String::new(),
    }]
}

/// A moment written in a zone: `at("America/Denver", "2026-11-24 10:00")`.
fn at(zone: &str, local: &str) -> DateTime<Utc> {
    let tz: Tz = zone.parse().unwrap();
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&naive).earliest().unwrap().with_timezone(&Utc)
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A customer's situation, built up a line at a time.
#[derive(Clone)]
struct S {
    customer: Customer,
    statements: Vec<PreferenceStatement>,
    interactions: Vec<Interaction>,
    tags: Vec<String>,
    profile: Profile,
}

fn customer(tz: Option<&str>) -> S {
    S {
        customer: Customer {
            id: "c".into(),
            name: "Maria Keller".into(),
            preferred_name: Some("Maria".into()),
            time_zone: tz.map(Into::into),
            how_we_met: None,
            company: None,
            household: None,
            name_parts: None,
            created_at: utc("2025-01-01T00:00:00Z"),
            updated_at: utc("2025-01-01T00:00:00Z"),
        },
        statements: vec![],
        interactions: vec![],
        tags: vec![],
        profile: profile(),
    }
}

/// Maria in Denver, the usual case.
fn maria() -> S {
    customer(Some("America/Denver"))
}

impl S {
    fn said(mut self, when: &str, words: &str, means: Meaning) -> S {
        let n = self.statements.len();
        self.statements.push(PreferenceStatement {
            id: format!("s{n}"),
            customer_id: "c".into(),
            said_at: utc(when),
            words: words.into(),
            means,
            source_interaction_id: None,
            recorded_at: utc(when),
        });
        self
    }

    fn contact(
        mut self,
        when: DateTime<Utc>,
        channel: Channel,
        direction: Direction,
        summary: &str,
        sentiment: Option<Sentiment>,
        topic: Option<&str>,
    ) -> S {
        let n = self.interactions.len();
        self.interactions.push(Interaction {
            id: format!("i{n}"),
            customer_id: "c".into(),
            at: when,
            channel,
            direction,
            summary: summary.into(),
            quotes: if sentiment == Some(Sentiment::Negative) {
                vec!["No thanks, not interested.".into()]
            } else {
                vec![]
            },
            sentiment,
            reason: None,
            topic: topic.map(Into::into),
            asked_for: None,
            justification: None,
            purpose: if direction == Direction::Outbound { Some(Purpose::Proactive) } else { None },
        });
        self.interactions.sort_by_key(|i| i.at);
        self
    }

    fn tagged(mut self, tag: &str) -> S {
        self.tags.push(tag.into());
        self
    }

    fn strict(mut self) -> S {
        self.profile.calling_rule = CallingRule::Strict;
        self
    }
}

fn dnc() -> Meaning {
    Meaning::DoNotContact
}
fn prefer(c: Channel) -> Meaning {
    Meaning::PreferChannel { channel: c }
}
fn decline(c: Channel) -> Meaning {
    Meaning::DeclineChannel { channel: c }
}
fn hours(s: (u32, u32), e: (u32, u32)) -> Meaning {
    Meaning::ContactHours {
        start: NaiveTime::from_hms_opt(s.0, s.1, 0).unwrap(),
        end: NaiveTime::from_hms_opt(e.0, e.1, 0).unwrap(),
    }
}
fn topic(t: &str) -> Meaning {
    Meaning::DeclineTopic { topic: t.into() }
}

/// A proactive outreach with a real reason.
fn reach(channel: Channel, when: DateTime<Utc>) -> Outreach {
    Outreach::new(channel, when, "Her second oil change is due; book a slot that suits her")
}

fn with_text(mut o: Outreach, text: &str) -> Outreach {
    o.text = Some(text.into());
    o
}
fn with_topic(mut o: Outreach, t: &str) -> Outreach {
    o.topic = Some(t.into());
    o
}
fn with_reason(mut o: Outreach, r: &str) -> Outreach {
    o.reason = Some(r.into());
    o
}
fn purpose(mut o: Outreach, p: Purpose) -> Outreach {
    o.purpose = p;
    o
}

const DEN: &str = "America/Denver";
/// Tuesday 24 November 2026, 10:00 in Denver — a good time for a call.
fn good_time() -> DateTime<Utc> {
    at(DEN, "2026-11-24 10:00")
}

struct Case {
    name: &'static str,
    situation: S,
    outreach: Outreach,
    verdict: Verdict,
    /// The rule that decided; for Allowed, none.
    rule: Option<Rule>,
}

fn case(name: &'static str, situation: S, outreach: Outreach, verdict: Verdict, rule: Option<Rule>) -> Case {
    Case { name, situation, outreach, verdict, rule }
}

use Channel::*;
use Direction::*;
use Verdict::*;

fn cases() -> Vec<Case> {
    let remove = "Please remove me from your list. I'll call you if I need anything.";
    let keep12 = "I keep my cars 12 years, record that, don't ask me to sell it back.";
    let email_only = "Email only please — I travel most weeks and can't take calls.";
    let buyandhold = maria().tagged("BuyAndHold");
    let dnc_customer = maria().said("2026-10-01T15:00:00Z", remove, dnc());
    let email_customer = maria().said("2026-09-02T15:00:00Z", email_only, prefer(Email)).said(
        "2026-09-02T15:00:00Z",
        email_only,
        decline(Phone),
    );
    vec![
        // --- nothing said: anything reasonable goes
        case("no statement: a call at 10:00 their time", maria(), reach(Phone, good_time()), Allowed, None),
        case(
            "no statement: an email at 3 AM is fine (email does not ring)",
            maria(),
            reach(Email, at(DEN, "2026-11-24 03:00")),
            Allowed,
            None,
        ),
        case("no statement: a letter", maria(), reach(Mail, good_time()), Allowed, None),
        case("no statement: a text at 18:30", maria(), reach(Text, at(DEN, "2026-11-24 18:30")), Allowed, None),
        // --- do not contact
        case(
            "remove me from your list blocks a call",
            dnc_customer.clone(),
            reach(Phone, good_time()),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "remove me from your list blocks an email",
            dnc_customer.clone(),
            reach(Email, good_time()),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "remove me from your list blocks a letter",
            dnc_customer.clone(),
            reach(Mail, good_time()),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "remove me from your list blocks even a waited-on update",
            dnc_customer.clone(),
            purpose(reach(Email, good_time()), Purpose::Waiting),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "a reply on the channel they just used is allowed",
            dnc_customer.clone().contact(
                at(DEN, "2026-11-23 09:00"),
                Email,
                Inbound,
                "Asked where her title is",
                None,
                None,
            ),
            purpose(reach(Email, good_time()), Purpose::Reply),
            Allowed,
            None,
        ),
        case(
            "a 'reply' on another channel than they used is still blocked",
            dnc_customer.clone().contact(
                at(DEN, "2026-11-23 09:00"),
                Email,
                Inbound,
                "Asked where her title is",
                None,
                None,
            ),
            purpose(reach(Phone, good_time()), Purpose::Reply),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "a 'reply' to a message from months ago is not a reply",
            dnc_customer.clone().contact(at(DEN, "2026-07-01 09:00"), Email, Inbound, "Asked about tires", None, None),
            purpose(reach(Email, good_time()), Purpose::Reply),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        case(
            "reversed later by the customer: contact allowed again",
            dnc_customer.clone().said(
                "2026-11-10T15:00:00Z",
                "You can call me again about the new Outback.",
                Meaning::ResumeContact,
            ),
            reach(Phone, good_time()),
            Allowed,
            None,
        ),
        case(
            "reversed, then removed again: blocked",
            dnc_customer.clone().said("2026-11-10T15:00:00Z", "You can call me again.", Meaning::ResumeContact).said(
                "2026-11-20T15:00:00Z",
                "Stop. Take me off your list for good.",
                dnc(),
            ),
            reach(Email, good_time()),
            Blocked,
            Some(Rule::DoNotContact),
        ),
        // --- channels
        case(
            "email-only prospect: a call is blocked",
            email_customer.clone(),
            reach(Phone, good_time()),
            Blocked,
            Some(Rule::DeclinedChannel),
        ),
        case(
            "email-only prospect: a call at 6:30 AM their time is blocked twice over",
            email_customer.clone(),
            reach(Phone, at(DEN, "2026-11-24 06:30")),
            Blocked,
            Some(Rule::DeclinedChannel),
        ),
        case(
            "email-only prospect: an email is allowed",
            email_customer.clone(),
            reach(Email, good_time()),
            Allowed,
            None,
        ),
        case(
            "declined texts block texts",
            maria().said("2026-06-01T12:00:00Z", "No texts please, I never read them.", decline(Text)),
            reach(Text, good_time()),
            Blocked,
            Some(Rule::DeclinedChannel),
        ),
        case(
            "declined texts leave calls alone",
            maria().said("2026-06-01T12:00:00Z", "No texts please.", decline(Text)),
            reach(Phone, good_time()),
            Allowed,
            None,
        ),
        case(
            "a declined channel allowed again later",
            maria().said("2026-06-01T12:00:00Z", "Don't call me.", decline(Phone)).said(
                "2026-10-01T12:00:00Z",
                "Calls are fine now that I'm retired.",
                Meaning::AllowChannel { channel: Phone },
            ),
            reach(Phone, good_time()),
            Allowed,
            None,
        ),
        case(
            "preferring phone later lifts an old phone decline",
            maria().said("2026-06-01T12:00:00Z", "Don't call me.", decline(Phone)).said(
                "2026-10-01T12:00:00Z",
                "Phone is best now.",
                prefer(Phone),
            ),
            reach(Phone, good_time()),
            Allowed,
            None,
        ),
        case(
            "customer calls in by phone, declined phone: calling back is a reply",
            email_customer.clone().contact(
                at(DEN, "2026-11-24 08:00"),
                Phone,
                Inbound,
                "Called about the recall letter",
                None,
                None,
            ),
            purpose(reach(Phone, good_time()), Purpose::Reply),
            Allowed,
            None,
        ),
        // --- hours in the customer's own zone
        case(
            "a call at 7:30 their time is before legal hours",
            maria(),
            reach(Phone, at(DEN, "2026-11-24 07:30")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        case(
            "a call at 21:15 their time is after legal hours",
            maria(),
            reach(Phone, at(DEN, "2026-11-24 21:15")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        case(
            "a call at 8:30 their time is legal but before the default window",
            maria(),
            reach(Phone, at(DEN, "2026-11-24 08:30")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "a call at 19:30 their time is outside the default window",
            maria(),
            reach(Phone, at(DEN, "2026-11-24 19:30")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "nurse on day shifts: only after 18:00 — a call at noon is blocked",
            maria().said(
                "2026-05-01T12:00:00Z",
                "Only call after 6pm, I'm a nurse on day shifts.",
                hours((18, 0), (20, 30)),
            ),
            reach(Phone, at(DEN, "2026-11-24 12:00")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "nurse on day shifts: a call at 19:45 is inside her own window",
            maria().said(
                "2026-05-01T12:00:00Z",
                "Only call after 6pm, I'm a nurse on day shifts.",
                hours((18, 0), (20, 30)),
            ),
            reach(Phone, at(DEN, "2026-11-24 19:45")),
            Allowed,
            None,
        ),
        case(
            "her window runs to 22:00 but legal hours end at 21:00",
            maria().said("2026-05-01T12:00:00Z", "Evenings are best, even late.", hours((18, 0), (22, 0))),
            reach(Phone, at(DEN, "2026-11-24 21:30")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        case(
            "strict region rule: 20:15 is too late",
            maria().strict().said("2026-05-01T12:00:00Z", "Evenings are best.", hours((18, 0), (21, 0))),
            reach(Phone, at(DEN, "2026-11-24 20:15")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        case(
            "strict region rule: 19:30 inside her window is fine",
            maria().strict().said("2026-05-01T12:00:00Z", "Evenings are best.", hours((18, 0), (21, 0))),
            reach(Phone, at(DEN, "2026-11-24 19:30")),
            Allowed,
            None,
        ),
        case(
            "salesperson's 10:00 in Chicago is 8:00 in Los Angeles: too early there",
            customer(Some("America/Los_Angeles")),
            reach(Phone, at("America/Chicago", "2026-11-24 10:00")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "salesperson's 14:00 in Chicago is 7:00 next morning in Sydney",
            customer(Some("Australia/Sydney")),
            reach(Phone, at("America/Chicago", "2026-11-24 14:00")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        case(
            "salesperson's 4:00 is 11:00 in Berlin: fine there",
            customer(Some("Europe/Berlin")),
            reach(Phone, at("America/Chicago", "2026-11-24 04:00")),
            Allowed,
            None,
        ),
        case(
            "DST: 9:30 in New York on the morning clocks sprang forward is inside hours",
            customer(Some("America/New_York")),
            reach(Phone, utc("2026-03-08T13:30:00Z")),
            Allowed,
            None,
        ),
        case(
            "DST: the same UTC moment a day earlier is 8:30 in New York: before the window",
            customer(Some("America/New_York")),
            reach(Phone, utc("2026-03-07T13:30:00Z")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "DST: 1:30 UTC after clocks fell back is 20:30 in Denver: outside the window",
            maria(),
            reach(Phone, utc("2026-11-02T03:30:00Z")),
            Blocked,
            Some(Rule::QuietHours),
        ),
        case(
            "DST in the south: 9:00 in Sydney just after clocks went forward is fine",
            customer(Some("Australia/Sydney")),
            reach(Phone, utc("2026-10-04T22:00:00Z")),
            Allowed,
            None,
        ),
        case(
            "unknown time zone: the salesperson's is assumed, with a caution",
            customer(None),
            reach(Phone, at("America/Chicago", "2026-11-24 10:00")),
            Caution,
            Some(Rule::UnknownTimeZone),
        ),
        case(
            "unknown time zone and 7:00 in the salesperson's zone: blocked",
            customer(None),
            reach(Phone, at("America/Chicago", "2026-11-24 07:00")),
            Blocked,
            Some(Rule::LegalHours),
        ),
        // --- declined topics, playbooks, cooling off
        case(
            "keeps cars 12 years: a buy-back offer is blocked by his words",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy-back")),
            with_topic(reach(Mail, good_time()), "buy-back"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "keeps cars 12 years: 'sell us your car' in the text is the same topic",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy-back")),
            with_text(reach(Email, good_time()), "Great news — we'd love you to sell us your car at a premium!"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "keeps cars 12 years: a trade-in pitch is the same topic",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy back")),
            with_topic(reach(Email, good_time()), "trade-in"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "keeps cars 12 years: an upgrade offer in the reason is the same topic",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy-back")),
            with_reason(reach(Email, good_time()), "Time to upgrade to the 2027 model"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "keeps cars 12 years: winterizing is welcome",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy-back")),
            with_reason(reach(Email, good_time()), "Winterizing before the first frost: battery, tires, coolant"),
            Allowed,
            None,
        ),
        case(
            "declined extended warranty: a service contract pitch is blocked",
            maria().said(
                "2026-03-01T12:00:00Z",
                "I don't want any extended warranty, ever.",
                topic("extended warranty"),
            ),
            with_text(reach(Email, good_time()), "Protect yourself with our vehicle service contract"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "topic allowed again by the customer",
            maria().said("2026-03-01T12:00:00Z", keep12, topic("buy-back")).said(
                "2026-11-01T12:00:00Z",
                "Actually, tell me what you'd give me for it.",
                Meaning::AllowTopic { topic: "buy-back".into() },
            ),
            with_topic(reach(Email, good_time()), "buy-back"),
            Allowed,
            None,
        ),
        case(
            "#BuyAndHold playbook rules out buy-back without any statement",
            buyandhold.clone(),
            with_topic(reach(Email, good_time()), "buy-back"),
            Blocked,
            Some(Rule::Playbook),
        ),
        case(
            "#BuyAndHold playbook: the longevity plan is offered",
            buyandhold.clone(),
            with_reason(reach(Email, good_time()), "A longevity service plan for the next 100,000 miles"),
            Allowed,
            None,
        ),
        case(
            "said no to a trade-in last month: offering again is cooling off",
            maria().contact(
                at(DEN, "2026-10-20 11:00"),
                Phone,
                Outbound,
                "Offered a trade-in appraisal",
                Some(Sentiment::Negative),
                Some("trade-in"),
            ),
            with_topic(reach(Email, good_time()), "buy-back"),
            Blocked,
            Some(Rule::CoolingOff),
        ),
        case(
            "said no to a trade-in six months ago: the cooling off is over",
            maria().contact(
                at(DEN, "2026-05-20 11:00"),
                Phone,
                Outbound,
                "Offered a trade-in appraisal",
                Some(Sentiment::Negative),
                Some("trade-in"),
            ),
            with_topic(reach(Email, good_time()), "trade-in"),
            Allowed,
            None,
        ),
        // --- frequency
        case(
            "a proactive contact 5 days after the last one: caution",
            maria().contact(at(DEN, "2026-11-19 10:00"), Email, Outbound, "Sent the winter tire brochure", None, None),
            reach(Email, good_time()),
            Caution,
            Some(Rule::Frequency),
        ),
        case(
            "once a quarter is plenty: 40 days later is too soon",
            maria()
                .said("2026-01-10T12:00:00Z", "Once a quarter is plenty.", Meaning::MinDaysBetween { days: 90 })
                .contact(at(DEN, "2026-10-15 10:00"), Email, Outbound, "Service reminder", None, None),
            reach(Email, good_time()),
            Caution,
            Some(Rule::Frequency),
        ),
        case(
            "once a quarter: 100 days later is fine",
            maria()
                .said("2026-01-10T12:00:00Z", "Once a quarter is plenty.", Meaning::MinDaysBetween { days: 90 })
                .contact(at(DEN, "2026-08-10 10:00"), Email, Outbound, "Service reminder", None, None),
            reach(Email, good_time()),
            Allowed,
            None,
        ),
        case(
            "a promise coming due is never rate-limited",
            maria().contact(at(DEN, "2026-11-22 10:00"), Email, Outbound, "Sent the brochure", None, None),
            purpose(
                with_reason(reach(Phone, good_time()), "Her plates arrived: tell her where to pick them up"),
                Purpose::Waiting,
            ),
            Allowed,
            None,
        ),
        case(
            "the customer's inbound messages do not count against frequency",
            maria().contact(at(DEN, "2026-11-22 10:00"), Email, Inbound, "Asked about the towing package", None, None),
            reach(Email, good_time()),
            Allowed,
            None,
        ),
        // --- no contentless contact
        case(
            "'just checking in' is blocked",
            maria(),
            with_reason(reach(Phone, good_time()), "Just checking in"),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'touch base and see how it's going' is blocked",
            maria(),
            with_reason(reach(Email, good_time()), "Touch base and see how it's going"),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "an empty reason is blocked",
            maria(),
            with_reason(reach(Email, good_time()), ""),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'follow up' alone is blocked",
            maria(),
            with_reason(reach(Text, good_time()), "follow up"),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'follow up on the towing capacity she asked for' carries value",
            maria(),
            with_reason(reach(Email, good_time()), "Follow up on the towing capacity she asked for"),
            Allowed,
            None,
        ),
        // --- what a text does, in any wording (the language module reads it)
        case(
            "'just checking in to see how everything's been with the Civic' says nothing for her",
            maria(),
            with_reason(
                reach(Email, good_time()),
                "Hi Rita, just checking in to see how everything's been with the Civic!",
            ),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'hope life with the new Accord is treating you right' says nothing for her",
            maria(),
            with_reason(
                reach(Email, good_time()),
                "Hope life with the new Accord is treating you right. Holler if you need me",
            ),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'anything at all I can do for you this week?' says nothing for her",
            maria(),
            with_reason(reach(Text, good_time()), "Anything at all I can do for you this week?"),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "'it's been a few months, so I thought I'd say hello' says nothing for her",
            maria(),
            with_reason(reach(Email, good_time()), "It's been a few months, so I thought I'd say hello"),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "pleasantries around something real are allowed",
            maria(),
            with_reason(
                reach(Email, good_time()),
                "Hope the holidays are treating you well! Your winter tires came in; we can mount them Thursday.",
            ),
            Allowed,
            None,
        ),
        case(
            "an offer on her truck from the pre-owned director, to someone who keeps her cars",
            maria().said("2026-09-01T15:00:00Z", keep12, topic("buy-back")),
            with_text(
                reach(Email, good_time()),
                "Our pre-owned director asked me to see if you'd consider an offer on your Tacoma",
            ),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "'trucks like yours are fetching record prices; let us put a number on it' is a buy-back pitch",
            maria().said("2026-09-01T15:00:00Z", keep12, topic("buy-back")),
            with_text(
                reach(Email, good_time()),
                "Trucks like yours are fetching record prices right now; let us put a number on it",
            ),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "'get into a 2027 for about what you pay today' is a buy-back pitch",
            maria().said("2026-09-01T15:00:00Z", keep12, topic("sell it back")),
            with_text(reach(Email, good_time()), "Get into a 2027 for about what you pay today"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        case(
            "a value message that only mentions the declined topic is allowed",
            maria().said("2026-09-01T15:00:00Z", keep12, topic("buy-back")),
            with_text(
                reach(Email, good_time()),
                "Your title and the trade-in paperwork from your purchase are signed and attached.",
            ),
            Allowed,
            None,
        ),
        case(
            "a referral ask in other words, out of the blue",
            maria(),
            with_text(reach(Email, good_time()), "Please tell your coworkers to ask for me when they shop"),
            Blocked,
            Some(Rule::ReferralWindow),
        ),
        case(
            "'does anyone at your gym need a car?' is a referral ask",
            maria(),
            with_text(reach(Text, good_time()), "Does anyone at your gym need a car?"),
            Blocked,
            Some(Rule::ReferralWindow),
        ),
        case(
            "an email asking for a phone call, to someone who declined calls",
            maria().said("2026-09-02T15:00:00Z", "Please don't call me at work.", decline(Phone)),
            with_text(reach(Email, good_time()), "Do you have five minutes for a phone call tomorrow?"),
            Blocked,
            Some(Rule::PushesDeclinedChannel),
        ),
        case(
            "'send me a number where I can ring you', to someone who declined calls",
            maria().said("2026-09-02T15:00:00Z", "Please don't call me at work.", decline(Phone)),
            with_text(reach(Email, good_time()), "Send me a number where I can ring you"),
            Blocked,
            Some(Rule::PushesDeclinedChannel),
        ),
        case(
            "a call to someone who would much sooner drop by the showroom: caution, with her words",
            maria().said(
                "2026-09-02T15:00:00Z",
                "I'd much sooner drop by the showroom than talk on the phone.",
                prefer(InPerson),
            ),
            reach(Phone, good_time()),
            Caution,
            Some(Rule::NotPreferredChannel),
        ),
        case(
            "'emailed her just checking in' says nothing for her, past tense or not",
            maria(),
            with_reason(reach(Email, good_time()), "Emailed her just checking in."),
            Blocked,
            Some(Rule::Contentless),
        ),
        case(
            "her own warranty covering a repair is news, not a warranty pitch",
            maria().said(
                "2026-03-01T12:00:00Z",
                "I don't want any extended warranty, ever.",
                topic("extended warranty"),
            ),
            with_text(
                reach(Email, good_time()),
                "Your factory warranty covers the infotainment screen, so the repair is free.",
            ),
            Allowed,
            None,
        ),
        case(
            "telling her she can call the service desk is no push for us to call her",
            maria().said("2026-09-02T15:00:00Z", "Please don't call me at work.", decline(Phone)),
            with_text(
                reach(Email, good_time()),
                "Sent the recall letter; she can book online or call the service desk.",
            ),
            Allowed,
            None,
        ),
        case(
            "an anniversary card is the personal date she shared, not a check-in",
            maria(),
            with_reason(reach(Mail, good_time()), "Happy anniversary to you both!"),
            Allowed,
            None,
        ),
        case(
            "a birthday card by post to someone who prefers email: no caution",
            maria().said("2026-09-02T15:00:00Z", "Email is best for me.", prefer(Email)),
            with_reason(reach(Mail, good_time()), "Mailed her a birthday card"),
            Allowed,
            None,
        ),
        // --- referral asks
        case(
            "a referral ask out of the blue is blocked",
            maria(),
            with_text(reach(Email, good_time()), "Know anyone looking for a car?"),
            Blocked,
            Some(Rule::ReferralWindow),
        ),
        case(
            "a referral ask two days after she praised you is allowed",
            maria().contact(
                at(DEN, "2026-11-22 14:00"),
                Phone,
                Inbound,
                "Said the buying experience was the best she's had",
                Some(Sentiment::Positive),
                None,
            ),
            with_reason(
                with_topic(reach(Email, good_time()), "referrals"),
                "Thank her for the kind words and ask if friends might want the same experience",
            ),
            Allowed,
            None,
        ),
        case(
            "a referral ask inside a thank-you is blocked even after praise",
            maria().contact(
                at(DEN, "2026-11-22 14:00"),
                Phone,
                Inbound,
                "Praised the service",
                Some(Sentiment::Positive),
                None,
            ),
            {
                let mut o = with_text(reach(Mail, good_time()), "Thank you! If you know anyone, send them my way.");
                o.in_thank_you = true;
                o
            },
            Blocked,
            Some(Rule::ReferralInThankYou),
        ),
        case(
            "declined referral asks: blocked even right after praise",
            maria().said("2026-01-01T12:00:00Z", "Please never ask me for referrals.", topic("referrals")).contact(
                at(DEN, "2026-11-22 14:00"),
                Phone,
                Inbound,
                "Praised the service",
                Some(Sentiment::Positive),
                None,
            ),
            with_topic(reach(Email, good_time()), "referrals"),
            Blocked,
            Some(Rule::DeclinedTopic),
        ),
        // --- the stricter calling rule
        case(
            "strict rule: a fourth call on the same subject within 24 hours is blocked",
            maria()
                .strict()
                .contact(
                    at(DEN, "2026-11-23 12:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                )
                .contact(
                    at(DEN, "2026-11-23 13:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                )
                .contact(
                    at(DEN, "2026-11-23 16:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                ),
            purpose(with_topic(reach(Phone, good_time()), "recall"), Purpose::Waiting),
            Blocked,
            Some(Rule::CallLimit),
        ),
        case(
            "standard rule: no call limit, but frequency applies to proactive calls",
            maria()
                .contact(
                    at(DEN, "2026-11-23 10:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                )
                .contact(
                    at(DEN, "2026-11-23 13:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                )
                .contact(
                    at(DEN, "2026-11-23 16:00"),
                    Phone,
                    Outbound,
                    "Left a message about the recall",
                    None,
                    Some("recall"),
                ),
            with_topic(reach(Phone, good_time()), "recall"),
            Caution,
            Some(Rule::Frequency),
        ),
    ]
}

#[test]
fn the_guard_decides_every_case_in_the_table() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let playbooks = playbooks();
    let mut failures = Vec::new();
    for c in &cases {
        let s = &c.situation;
        let situation = Situation {
            customer: &s.customer,
            statements: &s.statements,
            interactions: &s.interactions,
            tags: &s.tags,
            playbooks: &playbooks,
            profile: &s.profile,
        };
        let d = decide(&situation, &c.outreach);
        let rule = d.deciding().map(|f| f.rule);
        if d.decision != c.verdict
            || (c.rule.is_some() && rule != c.rule)
            || (c.verdict == Allowed && !d.reasons.is_empty())
        {
            failures.push(format!(
                "{}: expected {:?} by {:?}, got {:?} by {:?}: {:#?}",
                c.name, c.verdict, c.rule, d.decision, rule, d.reasons
            ));
        }
        // Messages name days as the salesperson reads them ("Mon 23 Nov"), never as ISO dates (issue 15).
        for f in &d.reasons {
            let iso = f.message.as_bytes().windows(10).any(|w| {
                w.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
            });
            if iso {
                failures.push(format!("{}: an ISO date in {:?}", c.name, f.message));
            }
        }
        // A rule that comes from the customer's words quotes them.
        if let Some(f) = d.deciding() {
            if matches!(f.rule, Rule::DoNotContact | Rule::DeclinedChannel | Rule::DeclinedTopic) && f.quote.is_none() {
                failures.push(format!("{}: {:?} without the customer's words", c.name, f.rule));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn a_block_quotes_the_customer_and_suggests_what_they_asked_for() {
    let email_only = "Email only please — I travel most weeks and can't take calls.";
    let s = maria().said("2026-09-02T15:00:00Z", email_only, prefer(Email)).said(
        "2026-09-02T15:00:00Z",
        email_only,
        decline(Phone),
    );
    let pb = playbooks();
    let situation = Situation {
        customer: &s.customer,
        statements: &s.statements,
        interactions: &s.interactions,
        tags: &s.tags,
        playbooks: &pb,
        profile: &s.profile,
    };
    let d = decide(&situation, &reach(Phone, at(DEN, "2026-11-24 06:30")));
    let f = d.deciding().unwrap();
    assert_eq!(f.quote.as_deref(), Some(email_only));
    assert_eq!(f.said_on.unwrap().to_string(), "2026-09-02");

    // Said at 21:30 in Chicago (02:30 the next day in UTC): the salesperson's calendar says the 2nd.
    let late = maria().said("2026-09-03T02:30:00Z", email_only, decline(Phone));
    let late_situation = Situation {
        customer: &late.customer,
        statements: &late.statements,
        interactions: &late.interactions,
        tags: &late.tags,
        playbooks: &pb,
        profile: &late.profile,
    };
    let later = decide(&late_situation, &reach(Phone, at(DEN, "2026-11-24 10:30")));
    assert_eq!(later.deciding().unwrap().said_on.unwrap().to_string(), "2026-09-02", "{later:?}");
    assert_eq!(d.suggestion.as_deref(), Some("Use email instead — what Maria asked for"));
    assert!(
        d.reasons.iter().any(|r| r.rule == Rule::QuietHours || r.rule == Rule::LegalHours),
        "6:30 AM is flagged too"
    );

    let d = decide(
        &Situation { tags: &["BuyAndHold".to_string()], ..situation },
        &with_topic(reach(Email, good_time()), "buy-back"),
    );
    assert_eq!(d.suggestion.as_deref(), Some("Offer instead: A longevity service plan"));

    let d = decide(&Situation { statements: &[], ..situation }, &reach(Phone, at(DEN, "2026-11-24 07:00")));
    assert_eq!(d.suggestion.as_deref(), Some("Next good time: Tue 09:00 their time (Tue 10:00 yours)"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_channel() -> impl Strategy<Value = Channel> {
        proptest::sample::select(Channel::ALL.to_vec())
    }

    fn any_purpose() -> impl Strategy<Value = Purpose> {
        proptest::sample::select(Purpose::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// "Remove me from your list" blocks every channel, time, topic and text — whatever purpose is claimed,
        /// as long as the customer has not contacted the salesperson.
        #[test]
        fn a_do_not_contact_customer_is_blocked_for_everything(
            channel in any_channel(),
            purpose in any_purpose(),
            secs in 1_700_000_000i64..1_900_000_000i64,
            zone in proptest::sample::select(vec![Some("America/Denver"), Some("Asia/Tokyo"), Some("Europe/London"), None]),
            topic in proptest::option::of("[a-z -]{0,20}"),
            text in proptest::option::of("\\PC{0,80}"),
            reason in proptest::option::of("\\PC{0,80}"),
            in_thank_you in any::<bool>(),
        ) {
            let s = customer(zone).said("2023-01-01T00:00:00Z", "Remove me from your list.", Meaning::DoNotContact);
            let pb = playbooks();
            let situation = Situation { customer: &s.customer, statements: &s.statements, interactions: &s.interactions, tags: &s.tags, playbooks: &pb, profile: &s.profile };
            let o = Outreach { channel, at: DateTime::from_timestamp(secs, 0).unwrap(), topic, text, reason, purpose, in_thank_you };
            let d = decide(&situation, &o);
            prop_assert_eq!(d.decision, Verdict::Blocked);
            prop_assert!(d.reasons.iter().any(|f| f.rule == Rule::DoNotContact && f.quote.as_deref() == Some("Remove me from your list.")));
        }
    }
}
