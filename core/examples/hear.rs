//! What listening hears in each line of stdin, with the cues it found: for tuning the lexicon on the train half.
//! `echo "please don't call me" | cargo run -p rapport-core --example hear [out]` (`out`: a call summary).

use std::io::BufRead;

use rapport_core::language::listen::{explain, listen};
use rapport_core::model::Direction;

fn main() {
    let direction =
        if std::env::args().nth(1).as_deref() == Some("out") { Direction::Outbound } else { Direction::Inbound };
    let at = "2026-11-20T15:00:00Z".parse().expect("a time");
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("a line of text");
        println!("{line}");
        for cue in explain(&line) {
            println!("    cue  {cue}");
        }
        for s in listen(&line, direction, at, chrono_tz::America::New_York).suggestions {
            println!("    hear {} «{}»", serde_json::to_string(&s.heard).expect("json"), s.words);
        }
    }
}
