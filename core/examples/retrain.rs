//! Retrains the second opinions from the train half of the corpora: the outreach model
//! (`core/src/language/second_opinion.json`) and the listening model (`core/src/language/listening.json`).
//! `cargo run -p rapport-core --example retrain`. The test half is never read.

use rapport_core::language::second_opinion::{train_half, utterance_half, SecondOpinion};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora");
    let examples = train_half(dir).expect("the outreach corpora read");
    let model = SecondOpinion::train(&examples);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/language/second_opinion.json");
    std::fs::write(path, model.to_json()).expect("the weights are written");
    println!("outreach: {} texts, {} features weighed → {path}", examples.len(), model.weights.len());

    let utterances = utterance_half(dir).expect("the utterance corpora read");
    let model = SecondOpinion::train_listening(&utterances);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/language/listening.json");
    std::fs::write(path, model.to_json()).expect("the weights are written");
    println!("listening: {} utterances, {} features weighed → {path}", utterances.len(), model.weights.len());
}
