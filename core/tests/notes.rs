//! Thank-you notes as tables: a text and a customer's situation in, the detector's findings and score out; and the
//! composer run over the whole demo book, each draft held to its own detector. A form letter seen in the field
//! becomes one more row.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::guard::ContactWishes;
use rapport_core::model::*;
use rapport_core::notes::*;

fn now() -> DateTime<Utc> {
    "2026-11-23T16:00:00Z".parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Dana, who signs every note.
fn dana() -> Profile {
    Profile {
        name: "Dana Whitfield".into(),
        dealership: "Whitfield Ford & Subaru".into(),
        time_zone: "America/Chicago".into(),
        signature: "Warmly,\nDana".into(),
        voice: Some("warm, brief, plain words".into()),
        ..Profile::default()
    }
}

fn playbooks() -> Vec<Playbook> {
    vec![Playbook {
        tag: "BuyAndHold".into(),
        never_topics: vec!["buy-back".into()],
        offer: vec!["A longevity service plan".into()],
        script: String::new(),
    }]
}

/// A customer's situation, built up a line at a time.
#[derive(Clone)]
struct S {
    r: CustomerRecord,
}

/// Maria Keller: a new Escape with SYNC 4, a beagle, a son named Leo, a teacher.
fn maria() -> S {
    let at = now() - Duration::days(20);
    let customer = Customer {
        id: "maria".into(),
        name: "Maria Keller".into(),
        preferred_name: None,
        time_zone: Some("America/Chicago".into()),
        how_we_met: Some("Walked in after a hailstorm".into()),
        company: None,
        household: Some("Husband Tom; son Leo (9); beagle Biscuit".into()),
        name_parts: None,
        created_at: at,
        updated_at: at,
    };
    let r = CustomerRecord {
        customer,
        contact_points: vec![],
        tags: vec![],
        preferences: vec![],
        facts: vec![
            Fact {
                id: "f1".into(),
                customer_id: "maria".into(),
                text: "Teaches third grade at Ellsworth Elementary".into(),
                learned_on: day("2026-11-03"),
                source: Some("at delivery".into()),
                date: None,
            },
            Fact {
                id: "f2".into(),
                customer_id: "maria".into(),
                text: "Beagle named Biscuit rides in the back on every trip".into(),
                learned_on: day("2026-11-03"),
                source: Some("at delivery".into()),
                date: None,
            },
        ],
        goals: vec![Goal {
            id: "g1".into(),
            customer_id: "maria".into(),
            text: "Drive to Yellowstone with Leo next summer".into(),
            stated_on: day("2026-11-03"),
            source: None,
            achieved_on: None,
        }],
        purchases: vec![Purchase {
            id: "p1".into(),
            customer_id: "maria".into(),
            purchased_on: day("2026-11-03"),
            description: "2027 Ford Escape Platinum".into(),
            vehicle: Some(Vehicle {
                year: Some(2027),
                make: Some("Ford".into()),
                model: Some("Escape".into()),
                trim: Some("Platinum".into()),
                vin: None,
            }),
            features: vec!["SYNC 4".into(), "heated seats".into(), "BlueCruise".into()],
            ownership: Ownership::Cash,
            term_ends_on: None,
            warranty_ends_on: None,
            warranty_terms: None,
            included_services: vec![],
            deliverables: vec![],
        }],
        promises: vec![],
        issues: vec![],
        interactions: vec![Interaction {
            id: "i1".into(),
            customer_id: "maria".into(),
            at: now() - Duration::days(5),
            channel: Channel::Text,
            direction: Direction::Inbound,
            summary: "Texted a photo of Biscuit in the back seat".into(),
            quotes: vec!["The heated seats are my new favorite thing.".into()],
            sentiment: Some(Sentiment::Positive),
            reason: None,
            topic: None,
            asked_for: None,
            justification: None,
            purpose: None,
        }],
        notes: vec![],
        held_back: vec![],
        reminders: vec![],
        reason_states: vec![],
        notified: vec![],
    };
    S { r }
}

/// Gordon, who keeps his cars twelve years and said so.
fn gordon() -> S {
    maria().named("Gordon Pike").tagged("BuyAndHold").said(KEEP12, Meaning::DeclineTopic { topic: "buy-back".into() })
}

const KEEP12: &str = "I keep my cars 12 years, record that, don't ask me to sell it back.";

impl S {
    fn named(mut self, name: &str) -> S {
        self.r.customer.name = name.into();
        self
    }

    fn tagged(mut self, tag: &str) -> S {
        self.r.tags.push(Tag { tag: tag.into(), origin: TagOrigin::Manual });
        self
    }

    fn said(mut self, words: &str, means: Meaning) -> S {
        let n = self.r.preferences.len();
        let at = now() - Duration::days(60);
        self.r.preferences.push(PreferenceStatement {
            id: format!("s{n}"),
            customer_id: "maria".into(),
            said_at: at,
            words: words.into(),
            means,
            source_interaction_id: None,
            recorded_at: at,
        });
        self
    }

    /// An offer the customer turned down `ago` days back.
    fn refused(mut self, ago: i64, topic: &str) -> S {
        let n = self.r.interactions.len();
        self.r.interactions.insert(
            0,
            Interaction {
                id: format!("x{n}"),
                customer_id: "maria".into(),
                at: now() - Duration::days(ago),
                channel: Channel::Phone,
                direction: Direction::Outbound,
                summary: format!("Called about the {topic} event"),
                quotes: vec!["No thanks, not interested.".into()],
                sentiment: Some(Sentiment::Negative),
                reason: Some("Spring event".into()),
                topic: Some(topic.into()),
                asked_for: None,
                justification: None,
                purpose: Some(Purpose::Proactive),
            },
        );
        self
    }
}

/// The rest of the book: other customers (a Leo who is not Maria's son, a May), and a note already sent to Keisha.
fn others() -> Others {
    Others {
        names: vec![
            "Keisha Thompson".into(),
            "Gordon Pike".into(),
            "Leo Marsh".into(),
            "May Lin".into(),
            "Maria Keller".into(),
        ],
        notes: vec![("Keisha Thompson".into(), KEISHA.into())],
    }
}

const KEISHA: &str = "Keisha,\n\nThank you for choosing the Bronco Sport. I hope the G.O.A.T. modes earn their \
                      keep on the trails this winter, and that Biscuit enjoys the back seat on every trip to Starved \
                      Rock. Call me with any question at all.\n\nWarmly,\nDana";

/// The letter from DESIGN.md: a merged name at best, SYNC hedged, a referral ask, and the email's footer printed.
const SYNC_LETTER: &str = "Dear Valued Customer,\n\nThank you for your recent purchase from Whitfield Ford & \
Subaru. We appreciate your business and hope you enjoy your new vehicle. If your new vehicle is equipped with SYNC, \
you can pair your phone by following the steps in your owner's manual.\n\nOur business is built on referrals. If you \
know anyone who is looking for a new or used vehicle, please send them our way!\n\nVisit us at \
www.whitfieldford.example.com | Unsubscribe | View this email in your browser\n© 2026 Whitfield Ford & Subaru. All \
rights reserved.";

const CLEAN: &str = "Maria,\n\nThank you for choosing the Escape. I hope the heated seats earn their keep this \
winter, and that Biscuit keeps his spot in the back on every trip. Here's to Yellowstone with Leo next summer.\n\n\
Warmly,\nDana";

struct Case {
    name: &'static str,
    text: String,
    situation: S,
    format: Format,
    card: CardSize,
    /// Rules that must be found.
    found: &'static [Rule],
    /// Rules that must not be.
    not: &'static [Rule],
    score: (u8, u8),
    /// A rule whose finding must cover these words (and, for the Guard, carry the customer's words).
    span: Option<(Rule, &'static str)>,
}

fn case(name: &'static str, text: impl Into<String>, situation: S, found: &'static [Rule], score: (u8, u8)) -> Case {
    Case {
        name,
        text: text.into(),
        situation,
        format: Format::Card,
        card: CardSize::A6,
        found,
        not: &[],
        score,
        span: None,
    }
}

impl Case {
    fn format(mut self, f: Format) -> Case {
        self.format = f;
        self
    }
    fn card(mut self, c: CardSize) -> Case {
        self.card = c;
        self
    }
    fn not(mut self, rules: &'static [Rule]) -> Case {
        self.not = rules;
        self
    }
    fn span(mut self, rule: Rule, words: &'static str) -> Case {
        self.span = Some((rule, words));
        self
    }
}

use Rule::{
    AboutTheSeller, CoolingOff, DeclinedTopic, DoNotContact, GenericSalutation, Hedging, LinkOrFooter, NearCopy,
    NoSpecificDetail, OtherCustomersName, Placeholder, ReferralAsk, SalesPitch, TooLong,
};

const NOTHING: &[Rule] = &[];
/// Every rule: a clean note trips none of them.
const ANY: &[Rule] = Rule::ALL;

/// What gives a mailing away.
fn form_letters() -> Vec<Case> {
    Vec::from([
        case(
            "the SYNC letter",
            SYNC_LETTER,
            maria(),
            &[GenericSalutation, Hedging, ReferralAsk, LinkOrFooter, NoSpecificDetail],
            (0, 39),
        )
        .span(Hedging, "equipped with SYNC"),
        case(
            "the SYNC letter, short",
            "Dear Valued Customer, thank you for your purchase. If your new vehicle is equipped with SYNC, pair your \
             phone today.",
            maria(),
            &[GenericSalutation, Hedging, NoSpecificDetail],
            (0, 55),
        ),
        case(
            "a note with the email's footer and links",
            format!(
                "{CLEAN}\n\nwww.whitfieldford.example.com | sales@whitfield.example.com\nUnsubscribe | Privacy \
                 Policy\n© 2026 Whitfield Ford & Subaru"
            ),
            maria(),
            &[LinkOrFooter],
            (70, 85),
        )
        .not(&[NoSpecificDetail, GenericSalutation])
        .span(LinkOrFooter, "Unsubscribe"),
        case(
            "a note that asks for referrals",
            format!("{CLEAN}\n\nP.S. If you know anyone looking for a car, please send them my way."),
            maria(),
            &[ReferralAsk],
            (55, 70),
        )
        .span(ReferralAsk, "know anyone"),
        case(
            "a review ask",
            "Maria, thank you for choosing the Escape. Would you leave us a review on Google?",
            maria(),
            &[ReferralAsk],
            (55, 70),
        ),
        case(
            "a pitch: financing and a percentage",
            "Maria, thank you for choosing the Escape. Ask about our special offer: 0.9% APR financing on your next \
             vehicle!",
            maria(),
            &[SalesPitch],
            (70, 85),
        )
        .span(SalesPitch, "special offer"),
        case(
            "a pitch: dollars off an upgrade",
            "Maria, enjoy the heated seats. When you're ready to upgrade, we'll take $500 off.",
            maria(),
            &[SalesPitch],
            (70, 85),
        ),
        case(
            "a {{first_name}} left in",
            "Dear {{first_name}}, thank you for choosing the Escape from us.",
            maria(),
            &[Placeholder],
            (45, 60),
        )
        .span(Placeholder, "{{first_name}}"),
        case(
            "a [NAME] left in",
            "Hi [NAME],\n\nThe heated seats on your Escape are ready for winter.",
            maria(),
            &[Placeholder],
            (45, 60),
        )
        .span(Placeholder, "[NAME]"),
        case(
            "a merge tag left in",
            "*|FNAME|*, thank you for the Escape. Enjoy the BlueCruise.",
            maria(),
            &[Placeholder],
            (45, 60),
        ),
        case("another customer's name", CLEAN.replacen("Maria", "Keisha", 1), maria(), &[OtherCustomersName], (50, 65))
            .span(OtherCustomersName, "Keisha"),
        case("a near-copy of Keisha's note", KEISHA.replace("Keisha", "Maria"), maria(), &[NearCopy], (60, 75)),
        case(
            "all about the seller",
            "Maria,\n\nI wanted to say how proud I am of our team. We at Whitfield Ford & Subaru work hard, and our \
             service department is the best in the state. My goal is to be your dealer for life, and I know we will \
             earn it. I hope the Escape is good.\n\nWarmly,\nDana",
            maria(),
            &[AboutTheSeller],
            (85, 90),
        ),
        case(
            "nothing about her at all",
            "Thank you for your business. We appreciate you and look forward to serving you again.",
            maria(),
            &[NoSpecificDetail],
            (80, 85),
        ),
        case(
            "a generic greeting on a personal note",
            CLEAN.replace("Maria,", "Dear Customer,"),
            maria(),
            &[GenericSalutation],
            (80, 85),
        )
        .span(GenericSalutation, "Dear Customer"),
        case(
            "to whom it may concern",
            "To whom it may concern,\n\nThank you for buying the Escape with BlueCruise.",
            maria(),
            &[GenericSalutation],
            (80, 85),
        ),
        case(
            "in case your car has heated seats, and nothing else about her",
            "Maria, in case your car has heated seats, the button is on the dash.",
            maria(),
            &[Hedging, NoSpecificDetail],
            (60, 70),
        )
        .span(Hedging, "in case your car has heated seats"),
        case("if you have BlueCruise", "Maria, if you have BlueCruise, try it on I-88.", maria(), &[Hedging], (65, 80)),
        case(
            "any questions about BlueCruise is an offer of help, not a hedge",
            "Maria, thank you for the Escape. If you have any questions about BlueCruise, I'm glad to help.",
            maria(),
            &[],
            (90, 100),
        ),
        case(
            "your Escape may include BlueCruise; check the manual",
            "Maria, your Escape may include BlueCruise; check the manual.",
            maria(),
            &[Hedging],
            (60, 80),
        )
        .span(Hedging, "may include BlueCruise"),
        case(
            "SYNC 4, if equipped",
            "Maria, enjoy the Escape and its SYNC 4, if equipped.",
            maria(),
            &[Hedging],
            (75, 80),
        ),
    ])
}

/// What the customer said, and the Guard's call on it.
fn guarded() -> Vec<Case> {
    let dnc = maria().said("Please remove me from your list.", Meaning::DoNotContact);
    let no_referrals = maria().said(
        "Please don't ask me for referrals. If a friend needs a car I'll send them.",
        Meaning::DeclineTopic { topic: "referrals".into() },
    );
    let no_warranty = maria().said(
        "I've said no to the extended warranty three times. Don't offer it again.",
        Meaning::DeclineTopic { topic: "extended warranty".into() },
    );
    Vec::from([
        case(
            "a buy-back line to a #BuyAndHold owner is the Guard's call",
            "Gordon, thank you for the Escape. Whenever you're ready, we'd love to buy it back at top dollar.",
            gordon(),
            &[DeclinedTopic],
            (0, 50),
        )
        .span(DeclinedTopic, "buy it back"),
        case(
            "a trade-in line to a #BuyAndHold owner who never said it: the playbook",
            "Maria, thank you for the Escape. When it's time to trade in, I'm your person. Enjoy the heated seats.",
            maria().tagged("BuyAndHold"),
            &[Rule::Playbook],
            (0, 55),
        )
        .span(Rule::Playbook, "trade in"),
        case(
            "a trade-in line a month after she said no to one",
            "Maria, thank you for the Escape. Come see us about a trade-in when you're ready. Enjoy the heated seats.",
            maria().refused(30, "trade-in"),
            &[CoolingOff],
            (0, 55),
        ),
        case(
            "a referral ask to someone who declined them",
            "Maria, thank you for the Escape. If you know anyone who needs a car, send them my way.",
            no_referrals,
            &[DeclinedTopic, ReferralAsk],
            (0, 30),
        ),
        case(
            "an extended warranty offer after three noes",
            "Maria, thank you for the Escape. Ask me about an extended warranty before winter.",
            no_warranty,
            &[DeclinedTopic, SalesPitch],
            (0, 30),
        ),
        case("a lovely note to someone who asked to be left alone", CLEAN, dnc, &[DoNotContact], (0, 40)),
    ])
}

/// Notes that read like a person wrote them, and the edges the rules must get right.
fn personal() -> Vec<Case> {
    let long_note = format!(
        "Maria,\n\nThank you for choosing the Escape. {}\n\nWarmly,\nDana",
        [
            "I hope the heated seats earn their keep on the cold mornings before school, when the lot at Ellsworth",
            "Elementary is still dark and the windshield needs a minute. I loved hearing that Biscuit rides in the",
            "back on every trip, and I can picture him with his nose at the window all the way to the dog park.",
            "Here's to the drive to Yellowstone with Leo next summer: BlueCruise will take some of the long Nebraska",
            "miles off your shoulders, and SYNC 4 will keep the audiobooks going for both of you. Please give Tom",
            "my best, and call me with any question at all, about the car or anything else on the trip.",
        ]
        .join(" ")
    );
    Vec::from([
        case(
            "a name from her own record is hers to use",
            "Maria, thank you for the Escape. Leo must love the heated seats, and Biscuit the back seat.",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(&[OtherCustomersName]),
        case(
            "a first name that is also a word, opening a sentence, is the word",
            "Maria,\n\nMay the heated seats keep the Ellsworth mornings warm.\n\nWarmly,\nDana",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(ANY),
        case(
            "another customer's first name mid-sentence",
            "Maria, thank you for the Escape. Keisha says the heated seats are the best part.",
            maria(),
            &[OtherCustomersName],
            (55, 60),
        )
        .span(OtherCustomersName, "Keisha"),
        case("too long for an A6 card", long_note.clone(), maria(), &[TooLong], (85, 90)),
        case("the same note fits a 5×7", long_note, maria(), NOTHING, (90, 100)).card(CardSize::FiveBySeven).not(ANY),
        case(
            "hedging about what she did not buy is not hedging",
            "Maria, thank you for the Escape. If you ever add a tow package, Leo's bikes will fit.",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(&[Hedging]),
        case(
            "an if that is not a hedge",
            "Maria, if the heated seats ever act up, call me. Enjoy the Escape, and give Biscuit a pat.",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(ANY),
        case("clean: the car, a feature, the dog, the goal", CLEAN, maria(), NOTHING, (90, 100)).not(ANY),
        case(
            "clean: her own words",
            "Maria,\n\nYou said the heated seats are your new favorite thing, and that made my week. Enjoy every mile \
             of the Escape.\n\nWarmly,\nDana",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(ANY),
        case(
            "clean: SYNC said as the fact it is",
            "Maria,\n\nI hope SYNC 4 keeps the audiobooks going all the way to Yellowstone. Thank you for \
             choosing the Escape.\n\nWarmly,\nDana",
            maria(),
            NOTHING,
            (90, 100),
        )
        .not(ANY),
        case(
            "clean: a short email with a link to the manual is fine",
            "Subject: Thank you, Maria\n\nMaria,\n\nThank you for choosing the Escape. Here is the BlueCruise guide \
             you asked about: https://example.com/bluecruise\n\nWarmly,\nDana\nDana Whitfield, Whitfield Ford & \
             Subaru",
            maria(),
            NOTHING,
            (90, 100),
        )
        .format(Format::Email)
        .not(ANY),
        case(
            "an email still may not carry a mailing footer",
            "Maria,\n\nThank you for choosing the Escape.\n\nWarmly,\nDana\n\nYou are receiving this email because you \
             bought a vehicle. Unsubscribe.",
            maria(),
            &[LinkOrFooter],
            (75, 85),
        )
        .format(Format::Email),
        case(
            "clean: prompts for a handwritten card",
            "Open with: Maria, thank you for choosing the Escape.\n- Heated seats, for the cold mornings at Ellsworth\n\
             - Beagle named Biscuit rides in the back on every trip\n- Drive to Yellowstone with Leo next summer\n\
             Close with: Here's to Yellowstone, and sign “Warmly, Dana”.",
            maria(),
            NOTHING,
            (90, 100),
        )
        .format(Format::Prompts)
        .not(ANY),
        case(
            "offsets count characters, not bytes",
            "Zoë 🎉 — {{first_name}}, enjoy the Escape!",
            maria(),
            &[Placeholder],
            (45, 60),
        )
        .span(Placeholder, "{{first_name}}"),
    ])
}

fn cases() -> Vec<Case> {
    [form_letters(), guarded(), personal()].into_iter().flatten().collect()
}

#[test]
fn the_detector_as_a_table() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let shape = Shape { kind: ThankYouKind::Purchase, format: c.format, card: c.card };
        let report = lint(&c.text, &c.situation.r, &dana(), &playbooks(), &others(), shape, now());
        let found: HashSet<Rule> = report.findings.iter().map(|f| f.rule).collect();
        let missing: Vec<&Rule> = c.found.iter().filter(|r| !found.contains(r)).collect();
        let unwanted: Vec<&Rule> = c.not.iter().filter(|r| found.contains(r) && !c.found.contains(r)).collect();
        let in_bounds = (c.score.0..=c.score.1).contains(&report.score);
        let mut span_ok = true;
        if let Some((rule, words)) = c.span {
            let chars: Vec<char> = c.text.chars().collect();
            span_ok = report.findings.iter().any(|f| {
                let said: String = chars[f.start..f.end].iter().collect();
                f.rule == rule && said.contains(words)
            });
            if matches!(rule, DeclinedTopic) {
                span_ok &= report.findings.iter().any(|f| f.rule == rule && f.quote.as_deref() == Some(KEEP12));
            }
        }
        for f in &report.findings {
            assert!(f.start <= f.end && f.end <= c.text.chars().count(), "{}: {f:?}", c.name);
            assert!(!f.message.is_empty() && !f.suggestion.is_empty(), "{}: {f:?}", c.name);
        }
        if !missing.is_empty() || !unwanted.is_empty() || !in_bounds || !span_ok {
            failures.push(format!(
                "{}: score {} (want {:?}), missing {missing:?}, unwanted {unwanted:?}, span ok {span_ok}\n  {:#?}",
                c.name, report.score, c.score, report.findings
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_guard_block_shows_his_words_and_the_phrase() {
    let text = "Gordon, thank you for the Escape. Whenever you're ready, we'd love to buy it back at top dollar.";
    let shape = Shape::default();
    let report = lint(text, &gordon().r, &dana(), &playbooks(), &others(), shape, now());
    let f = report.findings.iter().find(|f| f.rule == Rule::DeclinedTopic).expect("blocked");
    assert_eq!(f.quote.as_deref(), Some(KEEP12));
    let said: String = text.chars().skip(f.start).take(f.end - f.start).collect();
    assert_eq!(said, "buy it back");
    assert!(f.message.contains("buy-back"), "{}", f.message);
    // The playbook is not a second block for the same words: the customer's own statement decides.
    assert!(!report.has(Rule::Playbook));
}

#[test]
fn the_report_serializes_for_the_command_line_and_the_window() {
    let report = lint("Dear {{first_name}}, thanks!", &maria().r, &dana(), &[], &others(), Shape::default(), now());
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["score"].is_u64());
    let rules: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"placeholder") && rules.contains(&"no_specific_detail"), "{rules:?}");
    let f = &json["findings"][0];
    for key in ["start", "end", "message", "suggestion"] {
        assert!(!f[key].is_null(), "{key}");
    }
    let req = Request { kind: ThankYouKind::ResolvedIssue, card: CardSize::FiveBySeven, ..Request::default() };
    let draft = compose(&maria().r, &dana(), &[], &others(), &req, now());
    let json = serde_json::to_value(&draft).unwrap();
    assert_eq!(
        (json["kind"].as_str(), json["card"].as_str(), json["format"].as_str()),
        (Some("resolved_issue"), Some("5x7"), Some("card"))
    );
    let back: Request =
        serde_json::from_value(serde_json::json!({"kind": "referral", "card": "folded", "variant": 2})).unwrap();
    assert_eq!(
        (back.kind, back.card, back.format, back.variant, back.chosen),
        (ThankYouKind::Referral, CardSize::Folded, Format::Card, 2, None)
    );
}

#[test]
fn the_words_the_command_line_takes() {
    let cards: &[(&str, CardSize)] = &[
        ("a6", CardSize::A6),
        ("4x6", CardSize::A6),
        ("5x7", CardSize::FiveBySeven),
        ("5×7", CardSize::FiveBySeven),
        ("folded", CardSize::Folded),
    ];
    for (word, card) in cards {
        assert_eq!(word.parse::<CardSize>().unwrap(), *card, "{word}");
        assert_eq!(card.as_str().parse::<CardSize>().unwrap(), *card);
    }
    assert_eq!((CardSize::A6.limit(), CardSize::FiveBySeven.limit(), CardSize::Folded.limit()), (480, 800, 600));
    let kinds: &[(&str, ThankYouKind)] = &[
        ("purchase", ThankYouKind::Purchase),
        ("referral", ThankYouKind::Referral),
        ("service", ThankYouKind::Service),
        ("issue", ThankYouKind::ResolvedIssue),
        ("resolved-issue", ThankYouKind::ResolvedIssue),
    ];
    for (word, kind) in kinds {
        assert_eq!(word.parse::<ThankYouKind>().unwrap(), *kind, "{word}");
    }
    for f in Format::ALL {
        assert_eq!(f.as_str().parse::<Format>().unwrap(), *f);
    }
    let err = "postcard".parse::<CardSize>().unwrap_err().to_string();
    assert!(err.contains("a6") && err.contains("5x7") && err.contains("folded"), "{err}");
}

// ---- The composer over the demo book -----------------------------------------------------------------------

fn demo() -> Book {
    rapport_core::demo::book(now())
}

fn asked_not_to_be_contacted(c: &CustomerRecord) -> bool {
    ContactWishes::from_statements(&c.preferences).do_not_contact.is_some()
}

fn draft(b: &Book, c: &CustomerRecord, req: &Request) -> Draft {
    compose(c, &b.profile, &b.playbooks, &Others::from_records(&b.customers, &c.customer.id), req, now())
}

#[test]
fn every_card_draft_passes_its_own_detector() {
    let b = demo();
    let buyers: Vec<&CustomerRecord> = b.customers.iter().filter(|c| !c.purchases.is_empty()).collect();
    assert!(buyers.len() >= 30, "{} customers with a purchase", buyers.len());
    let mut failures = Vec::new();
    for card in CardSize::ALL {
        let req = Request { card: *card, ..Request::default() };
        let mut drafts: Vec<(&str, String)> = Vec::new();
        for c in &buyers {
            let d = draft(&b, c, &req);
            let name = c.customer.name.as_str();
            if asked_not_to_be_contacted(c) {
                // Her words stop the card too: the draft carries the block, not a pass.
                if !d.report.has(Rule::DoNotContact) || d.report.score >= 80 {
                    failures.push(format!("{name}: a card to someone who asked not to be contacted: {:?}", d.report));
                }
                continue;
            }
            let len = d.text.chars().count();
            let known: HashSet<String> = details(c, ThankYouKind::Purchase, now()).into_iter().map(|d| d.id).collect();
            if d.report.score < 80
                || d.details_used.len() < 2
                || d.report.specifics.len() < 2
                || len > card.limit()
                || !d.details_used.iter().all(|id| known.contains(id))
            {
                failures.push(format!(
                    "{name} ({card}): score {}, {} details used, {} found, {len}/{} characters\n{}\n{:#?}",
                    d.report.score,
                    d.details_used.len(),
                    d.report.specifics.len(),
                    card.limit(),
                    d.text,
                    d.report.findings
                ));
            }
            for bad in ["if equipped", "#", "http", "www.", "{{", "Dear Valued"] {
                if d.text.contains(bad) {
                    failures.push(format!("{name}: “{bad}” in\n{}", d.text));
                }
            }
            // Their name, the car by name, and the signature.
            let model =
                c.purchases.iter().max_by_key(|p| p.purchased_on).and_then(|p| p.vehicle.as_ref()?.model.clone());
            if model.is_some_and(|m| !d.text.contains(&m)) || !d.text.ends_with("Warmly,\nDana") {
                failures.push(format!("{name}: no car or no signature in\n{}", d.text));
            }
            drafts.push((name, d.text));
        }
        for (i, (a, ta)) in drafts.iter().enumerate() {
            for (bn, tb) in &drafts[i + 1..] {
                let sim = similarity(ta, tb);
                if sim >= NEAR_COPY || ta == tb {
                    failures.push(format!("{a} and {bn} ({card}) read alike ({sim:.2}):\n{ta}\n---\n{tb}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn variants_differ_and_every_draft_is_the_same_on_every_run() {
    let b = demo();
    for c in b.customers.iter().filter(|c| !c.purchases.is_empty()) {
        let mut texts: Vec<String> = Vec::new();
        for variant in 0..4 {
            let req = Request { variant, ..Request::default() };
            let d = draft(&b, c, &req);
            assert_eq!(d.text, draft(&b, c, &req).text, "{}: not deterministic", c.customer.name);
            assert!(
                !texts.contains(&d.text),
                "{}: variant {variant} repeats an earlier one\n{}",
                c.customer.name,
                d.text
            );
            if !asked_not_to_be_contacted(c) {
                assert!(
                    d.report.score >= 80,
                    "{} variant {variant}: {}\n{:#?}",
                    c.customer.name,
                    d.text,
                    d.report.findings
                );
                assert!(d.text.chars().count() <= CardSize::A6.limit(), "{} variant {variant}", c.customer.name);
            }
            texts.push(d.text);
        }
    }
}

#[test]
fn the_salesperson_chooses_what_to_use() {
    let b = demo();
    let gordon = b.customers.iter().find(|c| c.customer.name == "Gordon Pike").unwrap();
    let offered = details(gordon, ThankYouKind::Purchase, now());
    // What he said about buy-backs is never material for a thank-you.
    assert!(offered.iter().all(|d| !d.text.contains("sell it back") && !d.text.contains('#')), "{offered:#?}");
    let pre: Vec<&Detail> = offered.iter().filter(|d| d.preselected).collect();
    for kind in ["purchase", "feature", "fact", "goal"] {
        assert!(pre.iter().any(|d| d.kind == kind), "{kind} preselected: {pre:#?}");
    }
    let goal = offered.iter().find(|d| d.kind == "goal").unwrap();
    let feature = offered.iter().rfind(|d| d.kind == "feature").unwrap();
    let chosen = vec![goal.id.clone(), feature.id.clone()];
    let req =
        Request { chosen: Some(chosen.clone()), format: Format::Card, card: CardSize::Folded, ..Request::default() };
    let d = draft(&b, gordon, &req);
    assert!(d.details_used.iter().all(|id| chosen.contains(id)), "{:?}", d.details_used);
    assert!(d.text.contains(&feature.text) && d.text.contains("250,000 miles"), "{}", d.text);
    // The command line names a fact by its record id, or a unique prefix; a purchase's id does not tick its features.
    let fact = &gordon.facts.iter().find(|f| f.text.contains("Metra")).unwrap().id;
    let purchase = &gordon.purchases[0].id;
    let unique = (8..fact.len()).map(|n| &fact[..n]).find(|p| offered.iter().filter(|d| d.id.contains(p)).count() == 1);
    let wanted = vec![unique.unwrap().to_string(), purchase.clone()];
    let ids = choose(&offered, &wanted).unwrap();
    assert_eq!(ids, vec![format!("fact:{fact}"), format!("purchase:{purchase}")]);
    let d = draft(&b, gordon, &Request { chosen: Some(wanted), ..Request::default() });
    assert_eq!(d.details_used, vec![format!("purchase:{purchase}"), format!("fact:{fact}")], "{}", d.text);
    assert!(d.text.contains("Metra conductor"), "{}", d.text);
    let err = choose(&offered, &[fact[..4].to_string()]).unwrap_err();
    assert_eq!(err.code(), "ambiguous", "{err}");
    assert_eq!(choose(&offered, &["nothing-like-it".to_string()]).unwrap_err().code(), "not_found");

    // After a referral, after a resolved issue: the right details lead.
    let carlos = b.customers.iter().find(|c| c.customer.name == "Carlos Mendoza").unwrap();
    let req = Request { kind: ThankYouKind::Referral, ..Request::default() };
    let d = draft(&b, carlos, &req);
    assert!(d.text.contains("Thank you for sending your nephew Eddie to us"), "{}", d.text);
    assert!(d.report.score >= 90 && !d.report.has(Rule::OtherCustomersName), "{:#?}", d.report);
    let ben = b.customers.iter().find(|c| c.customer.name == "Ben Okafor").unwrap();
    let req = Request { kind: ThankYouKind::ResolvedIssue, ..Request::default() };
    let d = draft(&b, ben, &req);
    assert!(d.text.contains("why Apple CarPlay keeps disconnecting") && d.text.contains("maddening"), "{}", d.text);
    assert!(d.report.score >= 90, "{:#?}", d.report);
}

#[test]
fn prompts_and_email_have_their_shape() {
    let b = demo();
    for c in b.customers.iter().filter(|c| !c.purchases.is_empty() && !asked_not_to_be_contacted(c)) {
        let name = &c.customer.name;
        for kind in ThankYouKind::ALL {
            let prompts = draft(&b, c, &Request { kind: *kind, format: Format::Prompts, ..Request::default() });
            let lines: Vec<&str> = prompts.text.lines().collect();
            let bullets = lines.iter().filter(|l| l.starts_with("- ")).count();
            assert!(lines[0].starts_with("Open with: "), "{name}:\n{}", prompts.text);
            assert!(lines.last().unwrap().starts_with("Close with: "), "{name}:\n{}", prompts.text);
            assert!((3..=5).contains(&bullets) && lines.len() == bullets + 2, "{name}:\n{}", prompts.text);
            assert!(prompts.report.score >= 80 && prompts.details_used.len() >= 2, "{name}: {:#?}", prompts.report);

            let email = draft(&b, c, &Request { kind: *kind, format: Format::Email, ..Request::default() });
            let first = email.text.lines().nth(2).unwrap_or_default();
            assert!(email.text.starts_with("Subject: ") && first.ends_with(','), "{name}:\n{}", email.text);
            assert!(email.text.contains("Warmly,\nDana") && email.text.ends_with("Whitfield Ford & Subaru"), "{name}");
            assert!(email.text.chars().count() <= EMAIL_LIMIT, "{name}");
            assert!(email.report.score >= 80, "{name}:\n{}\n{:#?}", email.text, email.report.findings);
        }
    }
}

#[test]
fn every_customer_every_shape_gives_a_draft_with_sound_spans() {
    let b = demo();
    for c in &b.customers {
        for kind in ThankYouKind::ALL {
            for format in Format::ALL {
                let cards = if *format == Format::Card { CardSize::ALL } else { &[CardSize::A6] };
                for card in cards {
                    let req = Request { kind: *kind, format: *format, card: *card, ..Request::default() };
                    let d = draft(&b, c, &req);
                    let len = d.text.chars().count();
                    assert!(len > 0 && d.report.score <= 100, "{}", c.customer.name);
                    for f in &d.report.findings {
                        assert!(f.start <= f.end && f.end <= len, "{}: {f:?}", c.customer.name);
                    }
                    if *format == Format::Card {
                        assert!(len <= card.limit(), "{} {kind:?} {card}: {len}\n{}", c.customer.name, d.text);
                    }
                }
            }
        }
    }
}

/// A customer who declined calls gets a draft that does not ask for one, and a note that does is flagged with her
/// words.
#[test]
fn a_note_never_asks_for_a_way_she_declined() {
    let mut record = maria().r;
    record.preferences.push(PreferenceStatement {
        id: "no-calls".into(),
        customer_id: record.customer.id.clone(),
        said_at: now() - Duration::days(5),
        words: "Please don't call me at work, email is best.".into(),
        means: Meaning::DeclineChannel { channel: Channel::Phone },
        source_interaction_id: None,
        recorded_at: now() - Duration::days(5),
    });
    let profile = Profile { name: "Dana".into(), ..Profile::default() };
    let others = Others::default();
    for variant in 0..4 {
        let req = Request { variant, ..Request::default() };
        let draft = compose(&record, &profile, &[], &others, &req, now());
        assert!(!draft.text.to_lowercase().contains("call me"), "{}", draft.text);
        assert!(!draft.report.findings.iter().any(|f| f.rule == Rule::DeclinedChannel), "{:?}", draft.report.findings);
    }
    let shape = Shape { kind: ThankYouKind::Purchase, format: Format::Card, card: CardSize::A6 };
    let text = "Maria, thank you for the Escape with BlueCruise. Give me a ring any time!";
    let report = lint(text, &record, &profile, &[], &others, shape, now());
    let f = report.findings.iter().find(|f| f.rule == Rule::DeclinedChannel).expect("the push is flagged");
    assert_eq!(f.quote.as_deref(), Some("Please don't call me at work, email is best."));
    let said: String = text.chars().skip(f.start).take(f.end - f.start).collect();
    assert!(said.contains("ring"), "{said}");
}
