//! The language module measured on the labelled corpora (`core/corpora/`): per-intent precision and recall for
//! outreach, exact meanings for what customers say. The train half is what the rules were tuned on; the test
//! half was written separately before any tuning and is only measured. `LANGUAGE_MISSES=1` lists the train
//! half's misses (never the test half's: reading them would be tuning on them).

use std::collections::{BTreeMap, BTreeSet};

use rapport_core::language;

fn corpus(name: &str) -> Vec<serde_json::Value> {
    let path = format!("{}/corpora/{name}", env!("CARGO_MANIFEST_DIR"));
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
    for row in corpus(name) {
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
            println!("MISS {text}\n     want {want:?}\n     got  {got:?}");
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
        println!("{:?}", language::read(&text).intents.iter().map(|i| i.label()).collect::<Vec<_>>());
    }
}

#[test]
fn outreach_intents_on_both_halves() {
    let show = std::env::var("LANGUAGE_MISSES").is_ok();
    let train = score_outreach("outreach-train.jsonl", show);
    print_outreach("outreach, train half", &train);
    let test = score_outreach("outreach-test.jsonl", false);
    print_outreach("outreach, test half (never tuned on)", &test);
}
