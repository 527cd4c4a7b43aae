//! What listening hears in each line of stdin, with the cues it found: for tuning the lexicon on the train half.
//! `echo "please don't call me" | cargo run -p rapport-core --example hear [out]` (`out`: a call summary);
//! `hear send` reads each line as outreach instead: its cues and the intents found.

use std::io::BufRead;

use rapport_core::language::listen::{explain, listen};
use rapport_core::model::Direction;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("send") {
        for line in std::io::stdin().lock().lines() {
            let line = line.expect("a line of text");
            println!("{line}");
            for cue in rapport_core::language::outreach::explain(&line) {
                println!("    cue  {cue}");
            }
            let intents: Vec<String> = rapport_core::language::read(&line).intents.iter().map(|i| i.label()).collect();
            println!("    sees {intents:?}");
        }
        return;
    }
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
