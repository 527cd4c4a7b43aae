//! Retrains the second opinion on pitches (`core/src/language/second_opinion.json`) from the train half of the
//! outreach corpora: `cargo run -p rapport-core --example retrain`. The test half is never read.

use std::collections::BTreeSet;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora");
    let examples = rapport_core::language::second_opinion::train_half(dir).expect("the corpora read");
    let model = rapport_core::language::second_opinion::SecondOpinion::train(&examples);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/language/second_opinion.json");
    std::fs::write(path, model.to_json()).expect("the weights are written");
    let labelled: BTreeSet<&String> = examples.iter().flat_map(|(_, l)| l).collect();
    println!(
        "{} texts, {} labels seen, {} features weighed → {path}",
        examples.len(),
        labelled.len(),
        model.weights.len()
    );
}
