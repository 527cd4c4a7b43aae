//! A second opinion on pitches: a small linear model over a text's lemmas, its word pairs and the lexicon's cues,
//! trained from the labelled corpora's train half.
//!
//! The lexicon's rules say *why* a text pitches and are right when they fire; they miss wordings nobody wrote a
//! pattern for ("once the factory cover ends, a blown turbo is on you"). The model weighs every word the train half
//! has seen, so it carries a family's vocabulary further than the patterns do. It only ever *adds* a pitch the rules
//! missed, when it is confident; it never removes one. Its weights are checked in (`second_opinion.json`),
//! `cargo run -p rapport-core --example retrain` makes them again from the corpora, and a test shows that retraining
//! reproduces them exactly. Training is plain logistic regression, one model per family, in a fixed order with a
//! fixed schedule: no randomness, so the same corpora give the same weights.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use super::lexicon::{Cue, FAMILIES};
use super::pattern::Hit;
use super::text::Text;

/// How sure the model must be before it adds a pitch the rules did not find.
pub const CONFIDENT: f64 = 0.5;

/// Below this chance the model vetoes a pitch the rules found. Chosen by cross-validation over the train half's
/// batches (`cargo run --release -p rapport-core --example cross_validate`; docs/LANGUAGE.md has the figures).
pub const VETO: f64 = 0.10;

/// Below this chance the model vetoes a pitch the rules found in a topic's own strong words, in a text that gives
/// nothing. Never: cross-validation over sixteen batches (2026-12-06) found 0.10 would raise every family's
/// precision by 1.6–4.6 points for half a point of recall, but the model then vetoes the pitch in "thank you for
/// the Escape — when it's time to trade in, I'm your person" (0.017): the very line a thank-you must not carry.
pub const STRONG_VETO: f64 = 0.0;

/// Below this chance the model vetoes a push to another channel the rules found (0.20: +1.2 points of precision
/// for 0.1 of recall in the same cross-validation; "let's talk about refinancing" names no channel).
pub const CHANNEL_VETO: f64 = 0.20;

/// How sure the model must be to add a push for another channel the rules did not find, in a text that names the
/// channel ("please call our office to confirm"). Cross-validated over seventeen batches (2026-12-07): never,
/// 94.7 / 92.2; at 0.9, 94.5 / 93.9; at 0.7, 94.3 / 94.0; at 0.5, 94.1 / 94.3 — 0.9 buys most of the recall for
/// the least precision.
pub const CHANNEL_ADDS: f64 = 0.9;

/// Below this chance the model vetoes value the rules found.
pub const VALUE_VETO: f64 = 0.05;

/// A feature must appear in at least this many training texts to be weighed: rarer ones are names and typos.
const MIN_TEXTS: usize = 2;
const EPOCHS: usize = 40;
const LEARNING_RATE: f64 = 0.2;
const L2: f64 = 1e-4;

/// One trained model per pitch family.
#[derive(Debug, Clone)]
pub struct SecondOpinion {
    /// `pitch:buy-back`, … in the order of [`FAMILIES`], then `value` and `asks_for_channel`.
    pub labels: Vec<String>,
    pub bias: Vec<f64>,
    /// Feature → one weight per label.
    pub weights: HashMap<String, Vec<f64>>,
    /// The same weights by [`key_of`] their name: what reading a text looks up.
    keyed: HashMap<u64, Vec<f64>, Prehashed>,
}

impl PartialEq for SecondOpinion {
    fn eq(&self, other: &Self) -> bool {
        self.labels == other.labels && self.bias == other.bias && self.weights == other.weights
    }
}

/// One feature of a text, with the token that shows it (for the span of what the model found). `key` is the
/// feature's name hashed ([`key_of`]): reading a text builds no strings.
pub struct Feature {
    pub key: u64,
    pub token: usize,
}

/// Keys are hashes already: the maps use them as they are.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Prehashed = std::hash::BuildHasherDefault<KeyHasher>;

/// FNV-1a over the parts of a feature's name, as if they were one string: `key_of(&["w:", "trade"])` is the key of
/// the name `"w:trade"` in the weights file.
pub fn key_of(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A cue as a feature: its family prefix (`c:` the outreach lexicon, `l:` listening), whether it is negated, its
/// name and the token that shows it.
pub struct CueFeature<'a> {
    pub prefix: &'static str,
    pub negated: bool,
    pub name: &'a str,
    pub token: usize,
}

/// Calls `each` with every feature of a text, as the parts of its name and the token that shows it: each lemma and
/// pair of neighbouring lemmas (negated ones marked `!`), each cue the lexicon found, whether it asks a question,
/// and the flags the caller adds (the direction of an utterance).
fn visit(t: &Text, cues: &[CueFeature<'_>], flags: &[&str], mut each: impl FnMut(&[&str], usize)) {
    let mut previous: Option<(usize, &str)> = None;
    for (i, x) in t.tokens.iter().enumerate() {
        if x.mark {
            previous = None;
            continue;
        }
        let lemma = if x.word.chars().any(|c| c.is_ascii_digit()) { "#" } else { x.lemma.as_str() };
        let not = if x.negated { "!" } else { "" };
        each(&["w:", not, lemma], i);
        if let Some((p, before)) = previous.filter(|(p, _)| t.tokens[*p].sentence == x.sentence) {
            each(&["b:", before, "_", lemma], p);
        }
        previous = Some((i, lemma));
    }
    for c in cues {
        each(&[c.prefix, if c.negated { "!" } else { "" }, c.name], c.token);
    }
    if (0..t.sentences.len()).any(|s| t.is_question(s)) {
        each(&["q"], 0);
    }
    for flag in flags {
        each(&["f:", flag], 0);
    }
}

/// The outreach lexicon's cues as features.
pub fn outreach_cues(hits: &[Hit<Cue>]) -> Vec<CueFeature<'static>> {
    hits.iter()
        .map(|h| CueFeature { prefix: "c:", negated: h.negated, name: cue_name(h.cue), token: h.first })
        .collect()
}

/// A cue's name in feature names (as `{:?}` writes it).
fn cue_name(c: Cue) -> &'static str {
    const PITCH: [&str; 5] = ["Pitch(0)", "Pitch(1)", "Pitch(2)", "Pitch(3)", "Pitch(4)"];
    const TOPIC: [&str; 5] = ["Topic(0)", "Topic(1)", "Topic(2)", "Topic(3)", "Topic(4)"];
    const SUBJECT: [&str; 5] = ["Subject(0)", "Subject(1)", "Subject(2)", "Subject(3)", "Subject(4)"];
    const PUSH: [&str; 6] = ["Push(0)", "Push(1)", "Push(2)", "Push(3)", "Push(4)", "Push(5)"];
    const CHANNEL: [&str; 6] = ["Channel(0)", "Channel(1)", "Channel(2)", "Channel(3)", "Channel(4)", "Channel(5)"];
    let at = |list: &'static [&'static str], n: u8| list.get(n as usize).copied().unwrap_or("?");
    match c {
        Cue::CheckIn => "CheckIn",
        Cue::Value => "Value",
        Cue::Pitch(n) => at(&PITCH, n),
        Cue::Topic(n) => at(&TOPIC, n),
        Cue::Subject(n) => at(&SUBJECT, n),
        Cue::Offer => "Offer",
        Cue::Mention => "Mention",
        Cue::Push(n) => at(&PUSH, n),
        Cue::Channel(n) => at(&CHANNEL, n),
        Cue::Frame => "Frame",
        Cue::Sell => "Sell",
        Cue::Number => "Number",
        Cue::Ask => "Ask",
        Cue::Past => "Past",
        Cue::Errand => "Errand",
    }
}

/// The features of an outreach text, as keys.
pub fn features(t: &Text, hits: &[Hit<Cue>]) -> Vec<Feature> {
    features_with(t, &outreach_cues(hits), &[])
}

/// The features of a text with the given cues and flags, as keys.
pub fn features_with(t: &Text, cues: &[CueFeature<'_>], flags: &[&str]) -> Vec<Feature> {
    let mut out = Vec::with_capacity(t.tokens.len() * 2 + cues.len() + flags.len() + 1);
    visit(t, cues, flags, |parts, token| out.push(Feature { key: key_of(parts), token }));
    out
}

/// The features of a text, as names (what training counts and the weights file holds).
pub fn feature_names(t: &Text, cues: &[CueFeature<'_>], flags: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    visit(t, cues, flags, |parts, _| out.push(parts.concat()));
    out.sort();
    out.dedup();
    out
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl SecondOpinion {
    pub fn new(labels: Vec<String>, bias: Vec<f64>, weights: HashMap<String, Vec<f64>>) -> SecondOpinion {
        let keyed = weights.iter().map(|(name, w)| (key_of(&[name]), w.clone())).collect();
        SecondOpinion { labels, bias, weights, keyed }
    }

    /// How likely each family's pitch is, given a text's features.
    pub fn chances(&self, features: &[Feature]) -> Vec<f64> {
        let mut z = self.bias.clone();
        let mut seen: std::collections::HashSet<u64, Prehashed> =
            std::collections::HashSet::with_capacity_and_hasher(features.len(), Prehashed::default());
        for f in features {
            if !seen.insert(f.key) {
                continue;
            }
            if let Some(w) = self.keyed.get(&f.key) {
                for (zi, wi) in z.iter_mut().zip(w) {
                    *zi += wi;
                }
            }
        }
        z.into_iter().map(sigmoid).collect()
    }

    /// The token whose features speak most for `label` (where the span of the finding is drawn).
    pub fn strongest(&self, features: &[Feature], label: usize) -> Option<usize> {
        self.strongest_where(features, label, |_| true)
    }

    /// The same among the tokens `keep` accepts.
    pub fn strongest_where(&self, features: &[Feature], label: usize, keep: impl Fn(usize) -> bool) -> Option<usize> {
        features
            .iter()
            .filter(|f| keep(f.token))
            .filter_map(|f| self.keyed.get(&f.key).map(|w| (w[label], f.token)))
            .filter(|(w, _)| *w > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, token)| token)
    }

    /// Trains one model per family (and value, and channel pushes) from outreach `(text, labels)` pairs, in the
    /// order given.
    pub fn train(examples: &[(String, BTreeSet<String>)]) -> SecondOpinion {
        let mut labels: Vec<String> = FAMILIES.iter().map(|f| format!("pitch:{f}")).collect();
        labels.push("value".into());
        // Any push to another channel (which one is the rules' to say): the model may only veto these.
        labels.push("asks_for_channel".into());
        let texts: Vec<Vec<String>> = examples
            .iter()
            .map(|(text, _)| {
                let t = Text::read(text);
                feature_names(&t, &outreach_cues(&super::outreach::cues(&t)), &[])
            })
            .collect();
        let wanted: Vec<Vec<bool>> =
            examples.iter().map(|(_, want)| labels.iter().map(|l| wants(want, l)).collect()).collect();
        SecondOpinion::fit(labels, &texts, &wanted)
    }

    /// Plain logistic regression, one model per label, over texts given as their feature names: `wanted[i][l]`
    /// says whether text `i` is an example of label `l`. Fixed order, fixed schedule, no randomness.
    pub fn fit(labels: Vec<String>, texts: &[Vec<String>], wanted: &[Vec<bool>]) -> SecondOpinion {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for names in texts {
            for n in names {
                *counts.entry(n).or_default() += 1;
            }
        }
        let vocabulary: BTreeMap<&str, usize> =
            counts.into_iter().filter(|(_, c)| *c >= MIN_TEXTS).map(|(n, _)| n).zip(0..).collect();
        let rows: Vec<Vec<usize>> = texts
            .iter()
            .map(|names| names.iter().filter_map(|n| vocabulary.get(n.as_str()).copied()).collect())
            .collect();
        let mut bias = vec![0.0; labels.len()];
        let mut w = vec![vec![0.0; labels.len()]; vocabulary.len()];
        for epoch in 0..EPOCHS {
            let rate = LEARNING_RATE / (1.0 + epoch as f64 * 0.1);
            for (row, want) in rows.iter().zip(wanted) {
                for l in 0..labels.len() {
                    let z = bias[l] + row.iter().map(|&k| w[k][l]).sum::<f64>();
                    let gradient = sigmoid(z) - if want[l] { 1.0 } else { 0.0 };
                    bias[l] -= rate * gradient;
                    for &k in row {
                        w[k][l] -= rate * (gradient + L2 * w[k][l]);
                    }
                }
            }
        }
        // Three decimals, and what is nearer nothing than 0.005 is nothing: a text has a few dozen features, so
        // such a weight never moves a decision (nor does its fourth decimal), and writing it would double the file.
        let round = |x: f64| if x.abs() < 0.005 { 0.0 } else { (x * 1_000.0).round() / 1_000.0 };
        let weights = vocabulary
            .iter()
            .map(|(name, &k)| (name.to_string(), w[k].iter().map(|&x| round(x)).collect::<Vec<f64>>()))
            .filter(|(_, ws)| ws.iter().any(|x| x.abs() >= 0.01))
            .collect();
        SecondOpinion::new(labels, bias.into_iter().map(round).collect(), weights)
    }

    /// The weights as the checked-in file holds them: one feature per line, sorted, three decimals at most, written
    /// as short as they read ("0.5", "0" — most weights of a feature are near nothing for most labels).
    pub fn to_json(&self) -> String {
        let short = |x: f64| if x == 0.0 { "0".to_string() } else { format!("{x}") };
        let list = |v: &[f64]| v.iter().map(|&x| short(x)).collect::<Vec<_>>().join(",");
        let mut out = String::from("{\n");
        out += &format!("\"labels\":{},\n", serde_json::to_string(&self.labels).expect("strings"));
        out += &format!("\"bias\":[{}],\n\"weights\":{{\n", list(&self.bias));
        let sorted: BTreeMap<&String, &Vec<f64>> = self.weights.iter().collect();
        let lines: Vec<String> = sorted
            .into_iter()
            .map(|(name, w)| format!("{}:[{}]", serde_json::to_string(name).expect("a string"), list(w)))
            .collect();
        out += &lines.join(",\n");
        out += "\n}}\n";
        out
    }

    pub fn from_json(text: &str) -> Result<SecondOpinion, String> {
        #[derive(serde::Deserialize)]
        struct File {
            labels: Vec<String>,
            bias: Vec<f64>,
            weights: HashMap<String, Vec<f64>>,
        }
        let f: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if f.bias.len() != f.labels.len() || f.weights.values().any(|w| w.len() != f.labels.len()) {
            return Err("every weight needs one value per label".into());
        }
        Ok(SecondOpinion::new(f.labels, f.bias, f.weights))
    }
}

/// Whether a text labelled `want` is an example of the model's `label` (`asks_for_channel` stands for every
/// `asks_for_channel:<channel>`).
fn wants(want: &BTreeSet<String>, label: &str) -> bool {
    if label == "asks_for_channel" {
        want.iter().any(|w| w.starts_with("asks_for_channel:"))
    } else {
        want.contains(label)
    }
}

/// The train half of the outreach corpora in `dir` (`outreach-train*.jsonl`, in name order): what the model is
/// trained on. The test half is never read here.
pub fn train_half(dir: &str) -> Result<Vec<(String, BTreeSet<String>)>, String> {
    Ok(train_batches(dir)?.into_iter().flat_map(|(_, examples)| examples).collect())
}

/// [`train_half`] batch by batch (each file was written by other hands): the cross-validation holds out one at a
/// time.
#[allow(clippy::type_complexity)]
pub fn train_batches(dir: &str) -> Result<Vec<(String, Vec<(String, BTreeSet<String>)>)>, String> {
    let example = |row: &serde_json::Value| {
        let labels = row["intents"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).map(String::from);
        (row["text"].as_str().unwrap_or_default().to_string(), labels.collect())
    };
    Ok(train_rows(dir, "outreach-train")?
        .into_iter()
        .map(|(name, rows)| (name, rows.iter().map(example).collect()))
        .collect())
}

/// What the listening model weighs, in this order: whether a text states a wish about being contacted, asks for
/// something, praises, complains, holds a promise of the salesperson's, or a personal fact.
pub const HEARD: [&str; 6] = ["statement", "request", "sentiment:positive", "sentiment:negative", "promise", "fact"];

/// Below these chances (in the order of [`HEARD`]) the listening model drops what the rules heard of that kind.
/// Chosen by cross-validation over the utterance batches (`examples/cross_validate.rs`).
pub const HEARD_VETO: [f64; 6] = [0.0, 0.0, 0.10, 0.10, 0.0, 0.15];

/// At or above these chances the listening model proposes a request or a sentiment the rules missed (above 1:
/// never). Praise and complaints at 0.7 with their veto at 0.10 (2026-12-07): 88.2 / 73.2 cross-validated against
/// 86.7 / 65.7 with no adds and the veto at 0.05 — plain feelings ("the car's been a dream") name no cue.
pub const HEARD_ADDS: [f64; 6] = [2.0, 0.5, 0.7, 0.7, 2.0, 2.0];

/// One labelled utterance: its text, who speaks, and which of [`HEARD`] it holds.
pub type Utterance = (String, crate::model::Direction, BTreeSet<String>);

impl SecondOpinion {
    /// Trains the listening model from labelled utterances, in the order given.
    pub fn train_listening(examples: &[Utterance]) -> SecondOpinion {
        let labels: Vec<String> = HEARD.iter().map(|l| l.to_string()).collect();
        let texts: Vec<Vec<String>> =
            examples.iter().map(|(text, direction, _)| super::listen::model_feature_names(text, *direction)).collect();
        let wanted: Vec<Vec<bool>> =
            examples.iter().map(|(_, _, want)| labels.iter().map(|l| want.contains(l)).collect()).collect();
        SecondOpinion::fit(labels, &texts, &wanted)
    }
}

/// The train half of the utterance corpora in `dir`, batch by batch; each utterance labelled with the kinds of
/// [`HEARD`] it expects.
#[allow(clippy::type_complexity)]
pub fn utterance_batches(dir: &str) -> Result<Vec<(String, Vec<Utterance>)>, String> {
    let utterance = |row: &serde_json::Value| -> Utterance {
        let direction = if row["direction"] == "out" {
            crate::model::Direction::Outbound
        } else {
            crate::model::Direction::Inbound
        };
        let labels = row["expect"].as_array().into_iter().flatten().filter_map(|e| match e["kind"].as_str()? {
            "sentiment" => Some(format!("sentiment:{}", e["sentiment"].as_str()?)),
            kind => Some(kind.to_string()),
        });
        (row["text"].as_str().unwrap_or_default().to_string(), direction, labels.collect())
    };
    Ok(train_rows(dir, "utterances-train")?
        .into_iter()
        .map(|(name, rows)| (name, rows.iter().map(utterance).collect()))
        .collect())
}

/// Every utterance of the train half.
pub fn utterance_half(dir: &str) -> Result<Vec<Utterance>, String> {
    Ok(utterance_batches(dir)?.into_iter().flat_map(|(_, u)| u).collect())
}

/// The rows of every train file of one kind in `dir`, file by file in name order (blank lines and `//` comments
/// skipped); a line that is not JSON is an error naming the file and the line.
#[allow(clippy::type_complexity)]
pub fn train_rows(dir: &str, prefix: &str) -> Result<Vec<(String, Vec<serde_json::Value>)>, String> {
    let mut files = Vec::new();
    for name in train_files(dir, prefix)? {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).map_err(|e| format!("{name}: {e}"))?;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            rows.push(serde_json::from_str(line).map_err(|e| format!("{name} line {}: {e}", i + 1))?);
        }
        files.push((name, rows));
    }
    Ok(files)
}

/// The train files of one kind in `dir`, in name order.
fn train_files(dir: &str, prefix: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".jsonl"))
        .collect();
    names.sort();
    Ok(names)
}

/// The checked-in listening model.
pub static LISTENING: LazyLock<SecondOpinion> = LazyLock::new(|| {
    checked_in(include_bytes!(concat!(env!("OUT_DIR"), "/listening.json.deflate")))
        .expect("the checked-in listening weights read")
});

/// The checked-in model.
pub static MODEL: LazyLock<SecondOpinion> = LazyLock::new(|| {
    checked_in(include_bytes!(concat!(env!("OUT_DIR"), "/second_opinion.json.deflate")))
        .expect("the checked-in weights read")
});

/// A weights file as `build.rs` embedded it: the JSON, deflated.
fn checked_in(deflated: &[u8]) -> Result<SecondOpinion, String> {
    let json = miniz_oxide::inflate::decompress_to_vec(deflated).map_err(|e| format!("the weights inflate: {e:?}"))?;
    SecondOpinion::from_json(std::str::from_utf8(&json).map_err(|e| e.to_string())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_names_are_what_the_weights_file_was_written_with() {
        let mut all = vec![Cue::CheckIn, Cue::Value, Cue::Offer, Cue::Mention, Cue::Frame, Cue::Sell, Cue::Number];
        all.extend([Cue::Ask, Cue::Past, Cue::Errand]);
        for n in 0..5 {
            all.extend([Cue::Pitch(n), Cue::Topic(n), Cue::Subject(n)]);
        }
        for n in 0..6 {
            all.extend([Cue::Push(n), Cue::Channel(n)]);
        }
        for c in all {
            assert_eq!(cue_name(c), format!("{c:?}"));
        }
    }

    #[test]
    fn a_key_is_its_names_key_however_the_name_is_cut() {
        assert_eq!(key_of(&["w:", "!", "trade"]), key_of(&["w:!trade"]));
        assert_ne!(key_of(&["w:trade"]), key_of(&["w:!trade"]));
    }
}
