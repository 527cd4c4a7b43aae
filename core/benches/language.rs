//! `cargo bench -p rapport-core --bench language`: how long the language module takes on what a salesperson
//! waits for — one outreach read as it is typed, the first time (target: median under 50 µs), and listening to a 2,000-character
//! call summary (target: under 5 ms). The texts are the corpora's own (core/corpora/), each read many times.

use std::time::{Duration, Instant};

use rapport_core::language;
use rapport_core::model::Direction;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn texts(name: &str) -> Vec<String> {
    let path = format!("{}/corpora/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let mut outreach = Vec::new();
    for name in
        ["outreach-train.jsonl", "outreach-train-more.jsonl", "outreach-train-third.jsonl", "outreach-test.jsonl"]
    {
        outreach.extend(texts(name));
    }
    // Warm the lexicon once: the first reading compiles it.
    let _ = language::read("warm up");
    for run in 1..=3 {
        let mut times = Vec::with_capacity(outreach.len() * 20);
        for _ in 0..20 {
            for t in &outreach {
                // The whole work of a first reading (language::read remembers short texts it has read).
                let start = Instant::now();
                let words = language::text::Text::read(std::hint::black_box(t));
                std::hint::black_box(language::outreach::read_text(&words, t));
                times.push(start.elapsed());
            }
        }
        let max = *times.iter().max().unwrap();
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        println!(
            "run {run}: one outreach text read: median {:.1} µs, mean {:.1} µs, max {:.0} µs ({} texts × 20)",
            median(times).as_secs_f64() * 1e6,
            mean.as_secs_f64() * 1e6,
            max.as_secs_f64() * 1e6,
            outreach.len()
        );
    }

    // Read again, as a big agenda reads its repeated reasons: remembered.
    for t in &outreach {
        let _ = language::read(t);
    }
    let mut again = Vec::with_capacity(outreach.len());
    for t in &outreach {
        let start = Instant::now();
        std::hint::black_box(language::read(std::hint::black_box(t)));
        again.push(start.elapsed());
    }
    println!("the same texts read again (remembered): median {:.2} µs", median(again).as_secs_f64() * 1e6);

    // A call summary of about 2,000 characters, made of the utterance corpus's lines.
    let mut lines = texts("utterances-train.jsonl");
    lines.extend(texts("utterances-test.jsonl"));
    let mut summaries = Vec::new();
    for start in 0..40 {
        let mut s = String::new();
        let mut i = start * 7;
        while s.chars().count() < 2000 {
            s.push_str(&lines[i % lines.len()]);
            s.push(' ');
            i += 1;
        }
        summaries.push(s.chars().take(2000).collect::<String>());
    }
    let at = "2026-11-20T15:00:00Z".parse().unwrap();
    for run in 1..=3 {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..10 {
            for s in &summaries {
                let start = Instant::now();
                let l = language::listen::listen(s, Direction::Outbound, at, chrono_tz::America::Chicago);
                times.push(start.elapsed());
                found += l.suggestions.len();
            }
        }
        println!(
            "run {run}: listen on a 2,000-character summary: median {:.2} ms, max {:.2} ms ({} suggestions each on average)",
            median(times.clone()).as_secs_f64() * 1e3,
            times.iter().max().unwrap().as_secs_f64() * 1e3,
            found / times.len()
        );
    }
}
