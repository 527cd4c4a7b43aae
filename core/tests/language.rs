//! The language module measured on the labelled corpora (`core/corpora/`): per-intent precision and recall for
//! outreach, exact meanings for what customers say. The train half is what the rules were tuned on; the test
//! half was written separately before any tuning and is only measured. `LANGUAGE_MISSES=1` lists the train
//! half's misses (never the test half's: reading them would be tuning on them).

use std::collections::{BTreeMap, BTreeSet};

use rapport_core::language;

/// A corpus half: the test half's file, or every `KIND-train*.jsonl` (the train half grew in batches).
fn half(kind: &str, half: &str) -> Vec<serde_json::Value> {
    if half == "test" {
        return corpus(&format!("{kind}-test.jsonl"));
    }
    if half == "dev" {
        // A fresh batch being read before it joins the train half (`LANGUAGE_DEV_OUTREACH=/path/file.jsonl`).
        let var = format!("LANGUAGE_DEV_{}", kind.to_uppercase());
        return std::env::var(&var).map(|p| corpus(&p)).unwrap_or_default();
    }
    let dir = format!("{}/corpora", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!("{kind}-train")) && n.ends_with(".jsonl"))
        .collect();
    names.sort();
    names.iter().flat_map(|n| corpus(n)).collect()
}

fn corpus(name: &str) -> Vec<serde_json::Value> {
    let path =
        if name.starts_with('/') { name.to_string() } else { format!("{}/corpora/{name}", env!("CARGO_MANIFEST_DIR")) };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name} line {}: {e}", i + 1)))
        .collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// Per-intent counts over an outreach corpus, and the share of value messages the Guard would block.
struct OutreachScore {
    per: BTreeMap<String, Count>,
    value_blocked: (usize, usize),
}

/// The intent a label is measured under: pitches per family, pushes per channel folded into one.
fn family(label: &str) -> String {
    if label.starts_with("asks_for_channel") {
        "asks_for_channel".into()
    } else {
        label.to_string()
    }
}

fn score_outreach(name: &str, show: bool) -> OutreachScore {
    let mut per: BTreeMap<String, Count> = BTreeMap::new();
    let mut value_blocked = (0, 0);
    for row in half("outreach", name) {
        let text = row["text"].as_str().unwrap();
        let want: BTreeSet<String> =
            row["intents"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        let reading = language::read(text);
        let got: BTreeSet<String> = reading.intents.iter().map(|i| i.label()).collect();
        for l in want.union(&got) {
            let c = per.entry(family(l)).or_default();
            match (want.contains(l), got.contains(l)) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
            if l.starts_with("asks_for_channel") {
                // Per channel too.
                let c = per.entry(l.clone()).or_default();
                match (want.contains(l), got.contains(l)) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    _ => {}
                }
            }
        }
        // A value message (value, no pitch) is wrongly blocked when it reads as a check-in or as any pitch.
        if want.contains("value") && !want.iter().any(|l| l.starts_with("pitch")) {
            value_blocked.1 += 1;
            if reading.is_check_in() || !reading.topics().is_empty() {
                value_blocked.0 += 1;
            }
        }
        if show && want != got {
            println!("MISS {}\n     want {want:?}\n     got  {got:?}", serde_json::to_string(text).unwrap());
        }
    }
    OutreachScore { per, value_blocked }
}

fn print_outreach(name: &str, s: &OutreachScore) {
    println!("{name}");
    for (label, c) in &s.per {
        println!(
            "  {label:<32} precision {:>5.1}%  recall {:>5.1}%  (tp {} fp {} fn {})",
            100.0 * c.precision(),
            100.0 * c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let (b, n) = s.value_blocked;
    println!("  value messages wrongly blocked: {b} of {n} ({:.1}%)", 100.0 * b as f64 / n.max(1) as f64);
}

/// `LANGUAGE_EXPLAIN="some text"` prints the cues found in it.
#[test]
fn explain() {
    if let Ok(text) = std::env::var("LANGUAGE_EXPLAIN") {
        for line in language::outreach::explain(&text) {
            println!("{line}");
        }
        for line in language::listen::explain(&text) {
            println!("listen {line}");
        }
        let at = "2026-11-20T15:00:00Z".parse().unwrap();
        let direction = if std::env::var("LANGUAGE_OUT").is_ok() {
            rapport_core::model::Direction::Outbound
        } else {
            rapport_core::model::Direction::Inbound
        };
        let l = language::listen::listen(&text, direction, at, chrono_tz::UTC);
        println!("{}", serde_json::to_string(&l).unwrap());
        println!("{:?}", language::read(&text).intents.iter().map(|i| i.label()).collect::<Vec<_>>());
    }
}

#[test]
fn outreach_intents_on_both_halves() {
    let show = std::env::var("LANGUAGE_MISSES").is_ok();
    let train = score_outreach("train", show);
    print_outreach("outreach, train half", &train);
    let test = score_outreach("test", false);
    print_outreach("outreach, test half (never tuned on)", &test);
    if std::env::var("LANGUAGE_DEV_OUTREACH").is_ok() {
        print_outreach("outreach, dev batch", &score_outreach("dev", std::env::var("LANGUAGE_DEV_MISSES").is_ok()));
    }

    // Floors: a few points under what each half measured when they were set (docs/LANGUAGE.md has the figures and
    // the issue's targets, which are higher). A change that makes the module worse fails here.
    let mut worse = Vec::new();
    let floors_test: &[(&str, f64, f64)] = &[
        ("asks_for_channel", 0.92, 0.90),
        ("check_in", 0.94, 0.92),
        ("value", 0.95, 0.93),
        // Retrained with the twelfth batch (hard negatives for buy-back, none for reviews), the model vetoes one
        // more buy-back and one more review text of the test half (17 and 16 in all); the thresholds, chosen by
        // cross-validation over the train half, did not change (docs/LANGUAGE.md).
        // After the review of the thirteenth session narrowed what counts as the customer's own matter (an answer or
        // a quote that goes on to offer still sells), one more test-half text reads as a buy-back pitch (1 of 16);
        // which one was not looked at.
        ("pitch:buy-back", 0.93, 0.80),
        ("pitch:extended warranty", 0.95, 0.88),
        ("pitch:financing", 0.90, 0.90),
        // Retrained with the sixteenth batch, the model lets one more referral ask of the test half through (2
        // false of 18): the train half grows with every batch read cold, and the figures are reported as they fall.
        ("pitch:referrals", 0.88, 0.95),
        ("pitch:reviews", 0.95, 0.85),
    ];
    // The train half's figures are near 100 % where the second opinion weighs: it was trained on them. The floors
    // catch a rule that breaks what it was written for; the cross-validation is the honest measure.
    let floors_train: &[(&str, f64, f64)] = &[
        ("asks_for_channel", 0.95, 0.88),
        ("check_in", 0.97, 0.92),
        ("value", 0.97, 0.97),
        ("pitch:buy-back", 0.92, 0.97),
        ("pitch:extended warranty", 0.96, 0.97),
        ("pitch:financing", 0.94, 0.97),
        ("pitch:referrals", 0.90, 0.97),
        ("pitch:reviews", 0.97, 0.97),
    ];
    for (half, score, floors, blocked) in [("test", &test, floors_test, 0.03), ("train", &train, floors_train, 0.02)] {
        for (label, p, r) in floors {
            let c = score.per.get(*label).copied().unwrap_or_default();
            if c.precision() < *p || c.recall() < *r {
                worse.push(format!(
                    "{half} {label}: precision {:.3} (floor {p}), recall {:.3} (floor {r})",
                    c.precision(),
                    c.recall()
                ));
            }
        }
        let (b, n) = score.value_blocked;
        if b as f64 / n as f64 > blocked {
            worse.push(format!("{half}: {b} of {n} value messages blocked (ceiling {blocked})"));
        }
    }
    assert!(worse.is_empty(), "the language module got worse:\n{}", worse.join("\n"));
}

/// What the listener proposed for one utterance, in the corpus's terms.
fn heard(row: &serde_json::Value) -> Vec<serde_json::Value> {
    let at = row["at"].as_str().unwrap().parse().unwrap();
    let zone: chrono_tz::Tz = row["zone"].as_str().unwrap().parse().unwrap();
    let direction = if row["direction"] == "out" {
        rapport_core::model::Direction::Outbound
    } else {
        rapport_core::model::Direction::Inbound
    };
    let text = row["text"].as_str().unwrap();
    language::listen::listen(text, direction, at, zone)
        .suggestions
        .into_iter()
        .map(|s| serde_json::to_value(&s.heard).unwrap())
        .collect()
}

/// The part of a suggestion the corpus labels: the meaning, the sentiment, a promise's date, a fact's date.
fn key(v: &serde_json::Value) -> String {
    let kind = v["kind"].as_str().unwrap_or("");
    match kind {
        "statement" => format!("statement {}", v["means"]),
        "sentiment" => format!("sentiment {}", v["sentiment"]),
        "promise" => format!("promise {}", v["due_on"]),
        "fact" => "fact".to_string(),
        _ => kind.to_string(),
    }
}

struct UtteranceScore {
    per: BTreeMap<String, Count>,
    exact: (usize, usize),
    chatter: (usize, usize),
}

fn score_utterances(name: &str, show: bool) -> UtteranceScore {
    let mut per: BTreeMap<String, Count> = BTreeMap::new();
    let (mut exact, mut chatter) = ((0, 0), (0, 0));
    for row in half("utterances", name) {
        let want: Vec<String> = row["expect"].as_array().unwrap().iter().map(key).collect();
        let got: Vec<String> = heard(&row).iter().map(key).collect();
        let kind = |k: &String| k.split(' ').next().unwrap().to_string();
        // Multisets: each wanted item is matched by one got item at most.
        let mut left = got.clone();
        for w in &want {
            let c = per.entry(kind(w)).or_default();
            if let Some(i) = left.iter().position(|g| g == w) {
                left.remove(i);
                c.tp += 1;
            } else {
                c.fn_ += 1;
            }
        }
        for g in &left {
            per.entry(kind(g)).or_default().fp += 1;
        }
        let statements = |v: &[String]| {
            let mut s: Vec<String> = v.iter().filter(|k| k.starts_with("statement")).cloned().collect();
            s.sort();
            s
        };
        if statements(&want).is_empty() {
            chatter.1 += 1;
            if !statements(&got).is_empty() {
                chatter.0 += 1;
            }
        } else {
            exact.1 += 1;
            if statements(&want) == statements(&got) {
                exact.0 += 1;
            }
        }
        if show && {
            let (mut a, mut b) = (want.clone(), got.clone());
            a.sort();
            b.sort();
            a != b
        } {
            println!("MISS [{}] {}\n     want {want:?}\n     got  {got:?}", row["direction"], row["text"]);
        }
    }
    UtteranceScore { per, exact, chatter }
}

fn print_utterances(name: &str, s: &UtteranceScore) {
    println!("{name}");
    for (label, c) in &s.per {
        println!(
            "  {label:<32} precision {:>5.1}%  recall {:>5.1}%  (tp {} fp {} fn {})",
            100.0 * c.precision(),
            100.0 * c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let pct = |(a, b): (usize, usize)| 100.0 * a as f64 / b.max(1) as f64;
    println!("  utterances given the exact meaning: {} of {} ({:.1}%)", s.exact.0, s.exact.1, pct(s.exact));
    println!("  chatter given any statement: {} of {} ({:.1}%)", s.chatter.0, s.chatter.1, pct(s.chatter));
}

#[test]
fn utterances_on_both_halves() {
    let show = std::env::var("LANGUAGE_MISSES").is_ok();
    let train = score_utterances("train", show);
    print_utterances("utterances, train half", &train);
    let test = score_utterances("test", false);
    print_utterances("utterances, test half (never tuned on)", &test);
    if std::env::var("LANGUAGE_DEV_UTTERANCES").is_ok() {
        let dev = score_utterances("dev", std::env::var("LANGUAGE_DEV_MISSES").is_ok());
        print_utterances("utterances, dev batch", &dev);
    }

    // Floors, as for outreach: under what each half measured when they were set.
    let mut worse = Vec::new();
    let floors_test: &[(&str, f64, f64)] = &[
        ("statement", 0.82, 0.80),
        ("promise", 0.90, 0.85),
        ("fact", 0.85, 0.85),
        ("request", 0.72, 0.65),
        ("sentiment", 0.85, 0.50),
    ];
    // The fifth batch (indirect wordings, read cold at 67 % exact meanings) lowered the train half's figures, and the
    // seventh to ninth (read cold at 64–79 %) lowered them again; the listening model's vetoes trade sentiment
    // recall for precision (chosen by cross-validation, `examples/cross_validate.rs`). The fourteenth (praise and
    // complaints in indirect words and sarcasm, read cold at 47 % sentiment recall) lowered sentiment and facts; the
    // fifteenth (facts read cold at 71 % recall) facts and requests again.
    let floors_train: &[(&str, f64, f64)] = &[
        ("statement", 0.90, 0.84),
        ("promise", 0.92, 0.88),
        ("fact", 0.80, 0.86),
        ("request", 0.89, 0.76),
        ("sentiment", 0.80, 0.65),
    ];
    for (half, score, floors, exact, chatter) in
        [("test", &test, floors_test, 0.77, 0.09), ("train", &train, floors_train, 0.81, 0.05)]
    {
        for (kind, p, r) in floors {
            let c = score.per.get(*kind).copied().unwrap_or_default();
            if c.precision() < *p || c.recall() < *r {
                worse.push(format!(
                    "{half} {kind}: precision {:.3} (floor {p}), recall {:.3} (floor {r})",
                    c.precision(),
                    c.recall()
                ));
            }
        }
        let share = |(a, b): (usize, usize)| a as f64 / b.max(1) as f64;
        if share(score.exact) < exact {
            worse.push(format!("{half}: exact meaning {:.3} (floor {exact})", share(score.exact)));
        }
        if share(score.chatter) > chatter {
            worse.push(format!("{half}: chatter given a statement {:.3} (ceiling {chatter})", share(score.chatter)));
        }
    }
    assert!(worse.is_empty(), "listening got worse:\n{}", worse.join("\n"));
}

/// The second opinion's weights are what the corpora's train half make: retraining gives the checked-in file,
/// byte for byte (`cargo run -p rapport-core --example retrain` writes it after the train half changes).
#[test]
fn retraining_the_second_opinion_reproduces_the_checked_in_weights() {
    use rapport_core::language::second_opinion::{train_half, SecondOpinion};
    let examples = train_half(concat!(env!("CARGO_MANIFEST_DIR"), "/corpora")).unwrap();
    assert!(examples.len() >= 1000, "the train half: {} texts", examples.len());
    let checked_in = include_str!("../src/language/second_opinion.json");
    let retrained = SecondOpinion::train(&examples).to_json();
    assert!(
        retrained == checked_in,
        "the checked-in weights are not what the train half makes: run `cargo run -p rapport-core --example retrain`"
    );
    // Seven models (five families, value, channel pushes) over ~10,000 features: about 700 KB.
    assert!(checked_in.len() < 1024 * 1024, "small weights: {} bytes", checked_in.len());
}

/// Referral asks against their look-alikes: a survey's "how likely are you to recommend us" is a review ask; a buyer
/// who wants a car like the customer's, in a text that asks for it, is a buy-back pitch; thanks for a referral made
/// ask for nothing. A plain ask for buyers is still a referral ask.
#[test]
fn a_referral_ask_is_told_from_a_survey_score_a_buyer_for_theirs_and_thanks() {
    let table: &[(&str, &[&str])] = &[
        ("Just curious, how likely would you be to recommend us to a friend, 0 to 10?", &["pitch:reviews"]),
        ("A customer's wife wants a white Bronco Sport exactly like yours. Would you sell it?", &["pitch:buy-back"]),
        ("Cheers for the referral last month, Dave, really appreciated.", &[]),
        ("Know anyone shopping for a truck like yours? Send them my way.", &["pitch:referrals"]),
        ("If you liked working with us, please recommend us to your friends.", &["pitch:referrals"]),
    ];
    reads_as(table);
}

/// Financing against its look-alikes: in a text that asks for the customer's car or house, payments and equity are
/// the trade's arithmetic; a refinance that went well is the subject of a review ask. A word of lending next to a
/// trade still pitches financing too.
#[test]
fn a_loan_offer_is_told_from_the_arithmetic_of_a_trade_and_a_deal_done() {
    let table: &[(&str, &[&str])] = &[
        (
            "Same monthly, newer truck. We could put you in a '25 without your payment moving. Want me to run it?",
            &["pitch:buy-back"],
        ),
        (
            "Would you be up for a short quote in our brochure? Something about how smoothly the refi went.",
            &["pitch:reviews"],
        ),
        ("Trade in your Civic and we can refinance you at 3.9%.", &["pitch:buy-back", "pitch:financing"]),
        ("Rates dropped — want me to see if we can lower your monthly payment?", &["pitch:financing"]),
    ];
    reads_as(table);
}

/// Look-alikes from other trades (the eighteenth batch's gaps, in other words): a review the customer already wrote,
/// an introduction offered rather than asked for, an opt-out line, a call that happened, a FaceTime hopped on, an
/// invitation, and lowering a payment (a loan's business, not a trade).
#[test]
fn a_review_written_an_intro_offered_and_an_opt_out_line_ask_for_nothing() {
    let table: &[(&str, &[&str])] = &[
        ("Thanks again for the lovely review you left on Google last week.", &[]),
        ("Thanks for coming in today, please leave us a Google review.", &["pitch:reviews"]),
        ("In two weeks call me and we'll go over the numbers.", &["check_in", "asks_for_channel:phone"]),
        ("I responded to your Yelp review this morning, and the parking sign you mentioned is fixed.", &["value"]),
        ("Would you be open to making an intro to your head of IT?", &["pitch:referrals"]),
        ("If it helps, I can make an introduction to a great contractor I trust.", &[]),
        ("You can text STOP at any time to end these reminders. Your oil change is booked for Monday at 9.", &["value"]),
        ("The notes from Monday's call are attached, with the revised quote.", &["value"]),
        ("Want to grab coffee sometime next month?", &["check_in", "asks_for_channel:in_person"]),
        (
            "We'd love to see you at our customer appreciation dinner on the 12th. Can you make it?",
            &["check_in", "asks_for_channel:in_person"],
        ),
        (
            "We can spread your premium over monthly installments to lower what you pay each month. Want me to set it up?",
            &["pitch:financing"],
        ),
    ];
    reads_as(table);
}

/// Voices of the nineteenth batch's gaps, in other words: a suggestion that sounds negated ("why don't you …"),
/// the friends' own visit and call in a referral ask, a number asked for as "digits", a video call offered, and an
/// age, which is no trade-in.
#[test]
fn a_suggestion_a_friends_visit_digits_and_an_age_are_read_for_what_they_are() {
    let table: &[(&str, &[&str])] = &[
        ("Why don't you stop by the lot Saturday and see the new colors?", &["check_in", "asks_for_channel:in_person"]),
        ("Ask your teammates to mention my name when they come in, I'll take care of them.", &["pitch:referrals"]),
        ("If your brother is shopping, tell him to call me directly.", &["pitch:referrals"]),
        ("What are the best digits to reach you at?", &["check_in", "asks_for_channel:phone"]),
        ("We could FaceTime later if that's easier for you.", &["check_in", "asks_for_channel:video"]),
        ("Her boys turn ten in June, so a card then would mean something.", &[]),
        ("When your lease is up, turn it in and we'll set you up in the new one.", &["pitch:buy-back"]),
    ];
    reads_as(table);
}

/// Invitations of the twentieth batch's kind, in other words: an event hoped to be seen at, a seminar to join, a
/// webinar (a video call), a callback asked a time for.
#[test]
fn an_event_a_webinar_and_a_callback_ask_the_customer_somewhere() {
    let table: &[(&str, &[&str])] = &[
        (
            "Our spring tent sale is this Saturday from 10 to 4, hot dogs on the grill. Hope to see you there!",
            &["check_in", "asks_for_channel:in_person"],
        ),
        (
            "We're hosting a free seminar on retirement income at the branch next Tuesday; hope you can join us.",
            &["check_in", "asks_for_channel:in_person"],
        ),
        (
            "Join our webinar next Wednesday for a walkthrough of the new reporting tools.",
            &["check_in", "asks_for_channel:video"],
        ),
        ("Is there a good time today for a quick callback?", &["check_in", "asks_for_channel:phone"]),
    ];
    reads_as(table);
}

/// The twenty-first batch's kind, in other words: what a customer owns paying for the next one, buying it outright,
/// a plan one step up, a walk-through — and the same words where nothing is sold.
#[test]
fn what_they_own_paying_for_the_next_one_is_a_buy_back_pitch() {
    let table: &[(&str, &[&str])] = &[
        ("Honestly, your Civic would go a long way toward the new Accord.", &["pitch:buy-back"]),
        ("If you're ever curious, we'd happily buy the Jeep outright.", &["pitch:buy-back"]),
        ("The next tier up would give your whole team unlimited seats. Worth a look?", &["pitch:buy-back"]),
        (
            "Could I walk through your office on Thursday to measure for the new copier?",
            &["check_in", "asks_for_channel:in_person"],
        ),
        ("Your loaner is ready, and the rental company confirmed it covers the whole week.", &["value"]),
    ];
    reads_as(table);
}

/// Each text of `table` read as exactly its labels (in any order).
fn reads_as(table: &[(&str, &[&str])]) {
    for (text, want) in table {
        let mut got: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        got.sort();
        got.dedup();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}

/// The twenty-second batch's kinds, in other words: the call under way in a call script is no call asked for,
/// "a phone call away" asks for nothing, something given beside a pitch is still given, and a payment the same as
/// today's measures a trade, not a loan.
#[test]
fn a_call_under_way_is_no_push_and_value_beside_a_pitch_is_still_value() {
    let table: &[(&str, &[&str])] = &[
        (
            "Call script: 'Hello Mrs. Ortiz, this is Ben at Lakeside Ford. I'm calling because the brake recall on \
             your Escape now has parts in stock.'",
            &["value"],
        ),
        ("Hi Tom, our whole office sends its best. Remember we're only ever a phone call away.", &["check_in"]),
        ("I'm calling you Thursday afternoon to see how the move went.", &["check_in", "asks_for_channel:phone"]),
        (
            "Your new savings account is open and the welcome packet is on its way. You may also qualify for a \
             personal loan at 7.4% if you ever want one.",
            &["value", "pitch:financing"],
        ),
        ("We could put you in a brand-new Tucson for roughly the same payment you make today.", &["pitch:buy-back"]),
        ("Good news, the dent on your tailgate polished out perfectly.", &["value"]),
    ];
    reads_as(table);
}

/// The twenty-third outreach and twenty-second utterance batches' kinds, in other words: a car like theirs seen
/// about town is no buy-back pitch; something done, told in a few words as a text is, is value; milestones said in a
/// line are facts.
#[test]
fn a_car_like_theirs_seen_in_town_terse_news_and_milestones_in_a_line() {
    let table: &[(&str, &[&str])] = &[
        (
            "Spotted a silver Tundra just like yours at the lake this weekend and smiled. Hope all is well!",
            &["check_in"],
        ),
        ("glass guy en route, 15 min out", &["value"]),
        ("loaner booked for fri 8am 👍", &["value"]),
        ("your brake inspection came back clean", &["value"]),
    ];
    reads_as(table);
    // A sighting word does not excuse a pitch: here they are asked to come and see an offer for theirs.
    let pitch = "We need SUVs like yours on the lot, so come see what we'd offer you for it.";
    let read: Vec<String> = language::read(pitch).intents.iter().map(|i| i.label()).collect();
    assert!(read.contains(&"pitch:buy-back".to_string()), "{pitch}: {read:?}");
    for line in [
        "My nephew passed his driving test today, so we need to add him to the policy",
        "we're downsizing to a condo after the holidays",
        "i have jury duty all next week",
    ] {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "America/Chicago" });
        let kinds: Vec<String> = heard(&row).iter().map(|h| h["kind"].as_str().unwrap_or("").to_string()).collect();
        assert!(kinds.iter().any(|k| k == "fact"), "{line}: {kinds:?}");
    }
}

/// Cold batch 30: the customer's own paperwork, a referral bonus or an answer to their question is news, not a pitch
/// of its topic; praise and complaint said plainly, with no feeling word, are heard.
#[test]
fn the_customers_own_paperwork_is_news_and_plain_praise_and_complaint_are_heard() {
    let table: &[(&str, &[&str])] = &[
        ("Your service contract paperwork is attached, and coverage starts today.", &["value"]),
        ("Your referral bonus for sending us the Okafors is on its way.", &["value"]),
        ("Your refinance application cleared underwriting this morning.", &["value"]),
        (
            "Re your question about refinancing: the loan has to be six months old first, so March is the earliest.",
            &["value"],
        ),
        ("The tire and wheel protection you bought in May now shows on your account.", &["value"]),
    ];
    reads_as(table);
    // Said to sell, the same words still pitch.
    for (text, pitch) in [
        ("Want to upgrade to the Premium plan? It went live last week.", "pitch:buy-back"),
        (
            "Have you thought again about the extended coverage you passed on? Happy to add it today.",
            "pitch:extended warranty",
        ),
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(read.contains(&pitch.to_string()), "{text}: {read:?}");
    }
    let feeling = |line: &str| -> Option<String> {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "America/Chicago" });
        heard(&row).iter().find(|h| h["kind"] == "sentiment").map(|h| h["sentiment"].as_str().unwrap().to_string())
    };
    for line in [
        "The porter carried my groceries out to the car. He didn't have to.",
        "Honestly, that call meant a lot after the week I had.",
    ] {
        assert_eq!(feeling(line).as_deref(), Some("positive"), "{line}");
    }
    for line in [
        "Three weeks later the parts still haven't come in.",
        "No one explained the dealer fees until I was signing.",
        "I've emailed five times about the title.",
    ] {
        assert_eq!(feeling(line).as_deref(), Some("negative"), "{line}");
    }
    // Nothing felt: waiting offered, not suffered.
    assert_eq!(feeling("I don't mind waiting a few days for the part."), None);
}

#[test]
fn an_answer_about_their_loan_a_rating_and_an_invitation_to_write_ask_for_nothing() {
    let table: &[(&str, &[&str])] = &[
        ("About your question regarding the refinance: the early-payoff fee ends in June.", &["value"]),
        ("The mortgage rate I promised you is locked; the confirmation is attached.", &["value"]),
        ("Please rate your last showroom visit from 1 to 5.", &["pitch:reviews"]),
    ];
    reads_as(table);
    // "Contact me should you need" is no friend who needs a car.
    let read: Vec<String> = language::read("Should you need anything, please do not hesitate to contact us.")
        .intents
        .iter()
        .map(|i| i.label())
        .collect();
    assert!(!read.iter().any(|l| l.starts_with("pitch")), "{read:?}");
    // Nor is it a customer asking not to be contacted; beside a real removal, the removal stands.
    let statements = |text: &str| -> Vec<serde_json::Value> {
        let row = serde_json::json!({ "text": text, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "America/Chicago" });
        heard(&row).into_iter().filter(|h| h["kind"] == "statement").collect()
    };
    assert!(statements("Don't hesitate to contact me if the plates are late.").is_empty());
    for text in [
        "Take me off your list, and do not hesitate to contact us if the recall needs us.",
        "Stop calling me or I will not hesitate to contact them.",
    ] {
        let heard = statements(text);
        assert!(heard.iter().any(|h| h["means"]["kind"] == "do_not_contact"), "{text}: {heard:?}");
    }
    // What sells after an answer or a quote still sells; a rate that fell is no request for a rating.
    for (text, pitch) in [
        ("Regarding your question about refinancing: we can get you 3.9% today.", "pitch:financing"),
        ("The refinance rate I quoted you last week is still available.", "pitch:financing"),
        ("Your loan refinance has been pre-approved at 3.9%.", "pitch:financing"),
        ("Our rates just dropped, so call your salesperson this week.", "asks_for_channel:phone"),
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(read.contains(&pitch.to_string()), "{text}: {read:?}");
    }
}

#[test]
fn how_long_they_will_keep_what_they_own_is_asked_to_buy_it() {
    for text in [
        "Any idea how long you're planning to keep the Outback? A family here keeps asking for one.",
        "Is it time to hear an offer on your boat?",
        "We pay top money for used Tacomas right now.",
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(read.contains(&"pitch:buy-back".to_string()), "{text}: {read:?}");
    }
    // Keeping something else going, or a thing looked at, is no offer for what they own.
    for text in [
        "How are you planning to keep the kids busy over the break?",
        "We can appraise the hail damage on Monday.",
        "Investors are looking at our new branch downtown.",
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(!read.contains(&"pitch:buy-back".to_string()), "{text}: {read:?}");
    }
}

#[test]
fn news_done_in_other_words_a_catch_up_a_look_from_the_appraiser_and_a_feeling_said_plainly_are_read() {
    let table: &[(&str, &[&str])] = &[
        ("How're you and the family? It's been ages since we talked.", &["check_in"]),
        ("Title transfer on your Silverado cleared this morning; nothing owed.", &["value"]),
        ("The fix for your login error: we tracked down the cause, and it is patched.", &["value"]),
        ("Your timing belt job is complete; the invoice is in your inbox.", &["value"]),
    ];
    reads_as(table);
    for (text, pitch) in [
        ("Bring the Highlander in next week and I'll have our appraiser take a look at it.", "pitch:buy-back"),
        ("You'd be amazed how much that old Civic could still fetch.", "pitch:buy-back"),
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(read.contains(&pitch.to_string()), "{text}: {read:?}");
    }
    let feeling = |line: &str| -> Option<String> {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "Europe/Dublin" });
        heard(&row).iter().find(|h| h["kind"] == "sentiment").map(|h| h["sentiment"].as_str().unwrap().to_string())
    };
    assert_eq!(feeling("The new online banking is a disaster.").as_deref(), Some("negative"));
    assert_eq!(feeling("Forty minutes on hold this morning.").as_deref(), Some("negative"));
    assert_eq!(feeling("Thanks for being upfront with me about the fees.").as_deref(), Some("positive"));
}

#[test]
fn praise_and_a_complaint_either_side_of_a_but_are_both_heard_and_a_polite_refusal_is_a_refusal() {
    let heard_in = |line: &str| -> Vec<String> {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "Europe/Lisbon" });
        heard(&row).iter().map(|h| h.to_string()).collect()
    };
    for line in [
        "The salesman was brilliant, but the handover took three hours.",
        "Lovely car, though the paperwork was a nightmare.",
    ] {
        let h = heard_in(line);
        assert!(h.iter().any(|x| x.contains("positive")) && h.iter().any(|x| x.contains("negative")), "{line}: {h:?}");
    }
    // One feeling when the "but" joins no opposite.
    let h = heard_in("Great service, but I expected nothing less from you.");
    assert!(!h.iter().any(|x| x.contains("negative")), "{h:?}");
    // Gratitude put as a request is no praise: the refusal stands.
    let h = heard_in("I'd be grateful if you did not phone me at the office.");
    assert!(h.iter().any(|x| x.contains("decline_channel") && x.contains("phone")), "{h:?}");
    assert!(!h.iter().any(|x| x.contains("positive")), "{h:?}");
    let h = heard_in("Please keep it to one text a month.");
    assert!(h.iter().any(|x| x.contains("min_days_between") && x.contains("30")), "{h:?}");
    let h = heard_in("Please never come to my house unannounced again.");
    assert!(h.iter().any(|x| x.contains("decline_channel") && x.contains("in_person")), "{h:?}");
    // The reason given with a wish is a fact of their life.
    let h = heard_in("After 6 is best, I work days at the port.");
    assert!(h.iter().any(|x| x.contains("contact_hours")) && h.iter().any(|x| x.contains("fact")), "{h:?}");
}

/// The session's review: the new words of news and of selling must not turn a check-in or an advertisement into news,
/// nor news about what the customer already has into a pitch — and "one a week" is not read inside "phone a week".
#[test]
fn news_words_and_selling_words_keep_to_what_they_say() {
    for text in [
        "Now that you're all settled in, just checking in to see how it's going!",
        "You're bound to have questions, so just checking in.",
        "We're closed today for the holiday, just checking in to wish you well.",
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(read.contains(&"check_in".to_string()) && !read.contains(&"value".to_string()), "{text}: {read:?}");
    }
    let text = "Our rates moved to 3.9% — want me to rerun your loan?";
    let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
    assert!(read.contains(&"pitch:financing".to_string()), "{text}: {read:?}");
    for (text, not) in [
        ("Your warranty covers the new one as well; the replacement ships Monday.", "pitch:buy-back"),
        ("Reviewing your loan documents, we found a fee to refund you: $85, back this week.", "pitch:financing"),
        ("Tell your wife we have her spare key ready at the desk.", "pitch:referrals"),
        ("I'd love to take the lead on booking your recall visit.", "pitch:referrals"),
        ("There's a loaner with your name on it for Tuesday's recall.", "pitch:buy-back"),
    ] {
        let read: Vec<String> = language::read(text).intents.iter().map(|i| i.label()).collect();
        assert!(!read.contains(&not.to_string()), "{text}: {read:?}");
    }
    let heard_in = |line: &str| -> Vec<String> {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "America/Denver" });
        heard(&row).iter().map(|h| h.to_string()).collect()
    };
    for line in ["Please phone a week before my lease ends.", "Had the service done a month ago, all good."] {
        let h = heard_in(line);
        assert!(!h.iter().any(|x| x.contains("min_days_between")), "{line}: {h:?}");
    }
    let h = heard_in("One call a week is plenty for me.");
    assert!(h.iter().any(|x| x.contains("min_days_between") && x.contains('7')), "{h:?}");
    // Two feelings only within one sentence, either side of its "but".
    let h = heard_in("Thanks for the loaner. But the car came back dirtier than I left it.");
    assert!(!h.iter().any(|x| x.contains("positive")), "{h:?}");
}

/// Asks put sideways (the thirty-eighth batch's gaps, in other words than its own): a video walkthrough, a phone
/// chat, a visit while nearby, referrals through a relative or a forwarded note; and a buyer's own offers are no
/// buy-back, a no-fee refi is still a refi, no pressure to refer asks nothing.
#[test]
fn asks_put_sideways_are_heard_and_look_alikes_are_not() {
    let read = |text: &str| -> Vec<String> { language::read(text).intents.iter().map(|i| i.label()).collect() };
    for (text, want) in [
        ("Happy to set up a quick video walkthrough of the new dashboard, does Friday suit?", "asks_for_channel:video"),
        ("Could we do the onboarding via video next week?", "asks_for_channel:video"),
        ("When's a good day for a phone chat about your renewal?", "asks_for_channel:phone"),
        ("I'll be near your office Thursday, could I pop up for ten minutes?", "asks_for_channel:in_person"),
        ("If your brother still needs a mortgage, I can run the numbers for him.", "pitch:referrals"),
        ("Could you forward my details to whoever runs purchasing at your parent company?", "pitch:referrals"),
        ("Would you intro me to another practice manager who might like it?", "pitch:referrals"),
        ("Our lenders have a no-fee refi running until March. Worth a look?", "pitch:financing"),
        ("Thinking of remortgaging? Our broker can beat your current deal.", "pitch:financing"),
        ("We'll give you a free month for every client you introduce to us.", "pitch:referrals"),
        ("Would you consider switching from your current carrier? Most of my clients save.", "pitch:buy-back"),
    ] {
        assert!(read(text).contains(&want.to_string()), "{text}: {:?}", read(text));
    }
    for (text, not) in [
        ("With a pre-approval letter, sellers take your offers more seriously.", "pitch:buy-back"),
        ("No pressure to refer anyone! Your detailing receipt is attached.", "pitch:referrals"),
        ("Saturday is free for your party, come by and we'll lock it in.", "pitch:financing"),
    ] {
        assert!(!read(text).contains(&not.to_string()), "{text}: {:?}", read(text));
    }
}

/// Hours and how-often said the way people say them (the thirty-ninth batch's gaps, in other words): half past as
/// the British say it, a working day's end as the start of when to call, "heaps" and "grand" as enough; a visit
/// allowed again, details to be lost.
#[test]
fn hours_and_rhythm_in_everyday_words() {
    let heard_in = |line: &str| -> Vec<String> {
        let row = serde_json::json!({ "text": line, "direction": "in", "at": "2026-11-20T15:00:00Z", "zone": "Europe/London" });
        heard(&row).iter().map(|h| h.to_string()).collect()
    };
    let has = |line: &str, want: &str| {
        let h = heard_in(line);
        assert!(h.iter().any(|x| x.contains(want)), "{line}: {h:?}");
    };
    has("Ring between half ten and half twelve, please.", r#""start":"10:30:00""#);
    has("Ring between half ten and half twelve, please.", r#""end":"12:30:00""#);
    has("I'm at work till 4, so any time after that is fine.", r#""start":"16:00:00""#);
    has("I work 8 to 2 so try me after that.", r#""start":"14:00:00""#);
    has("Once a quarter is heaps for me.", r#""days":90"#);
    has("Feel free to pop round again now the kitchen's done.", "allow_channel");
    has("Lose my info please, I've moved on.", "do_not_contact");
    // Times they are not to be reached (the fortieth batch's gaps, in other words).
    has("Anything past 7 is family time, so call before then.", r#""end":"19:00:00""#);
    let h = heard_in("Evenings are out for me, I coach the under-tens.");
    assert!(!h.iter().any(|x| x.contains(r#""start":"17:00:00""#)), "{h:?}");
    has("Don't hassle me more than once a month, ta.", r#""days":30"#);
    has("Teams calls from now on, please.", r#""channel":"video""#);
    // Work named as where to call, or what comes after it, is no busy time; being at home is no absence.
    has("Call me at work between 9 and 5.", r#""start":"09:00:00""#);
    has("I'm free after work, 6 to 8 is best.", r#""start":"18:00:00""#);
    has("Evenings I'm at home, ring then.", r#""start":"17:00:00""#);
    // A deadline is no working day: "get it to me by 4" sets no hours.
    let h = heard_in("Can you get the quote to me by 4?");
    assert!(!h.iter().any(|x| x.contains("contact_hours")), "{h:?}");
}
