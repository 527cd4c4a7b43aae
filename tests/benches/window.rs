//! What the salesperson waits for when the window opens, and what it costs the machine, next to a bare Tauri 2
//! window built from the same dependencies in the same run (`src-tauri/examples/bare_window.rs`): launch → the
//! page's first script, launch → Today complete, and the memory (PSS, shared pages counted once) of the app and
//! its WebKit processes once settled — with the demo book and with a 100,000-customer book.
//!
//! Needs the release builds (`cargo build --release -p rapport --bins --example bare_window`), a display
//! (Xvfb) and `tauri-driver`: `xvfb-run -a cargo bench -p rapport-tests --bench window`. Launch times include
//! starting `tauri-driver` and WebKit's WebDriver, alike for both windows.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use rapport_tests::{Sandbox, Window};

const RUNS: usize = 5;
/// How long a window is left alone before its memory is read: WebKit's processes settle after the first paint.
const SETTLE: Duration = Duration::from_secs(4);

/// Every process whose parent chain reaches `root` (and `root` itself).
fn family(root: u32) -> Vec<u32> {
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name may hold spaces or brackets: the fields after its closing bracket are plain.
        stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
    };
    let pids: Vec<u32> =
        std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect();
    pids.into_iter()
        .filter(|&p| {
            let mut at = Some(p);
            for _ in 0..16 {
                match at {
                    Some(q) if q == root => return true,
                    Some(q) if q > 1 => at = parent_of(q),
                    _ => return false,
                }
            }
            false
        })
        .collect()
}

/// The process running `binary` (the app tauri-driver started).
fn process_of(binary: &Path) -> Option<u32> {
    let binary = std::fs::canonicalize(binary).ok()?;
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
}

/// The proportional set size of `pids` together, in MiB: all of it, and the part that is the processes' own memory
/// (anonymous: the heap, SQLite's page cache) rather than files mapped in (libraries, and the book itself, which
/// SQLite reads through a memory map: those pages are the kernel's page cache, given back when memory is short).
fn pss_mib(pids: &[u32]) -> (f64, f64) {
    let field = |text: &str, name: &str| -> u64 {
        text.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()).unwrap_or(0)
    };
    let (mut all, mut anon) = (0u64, 0u64);
    for pid in pids {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
            all += field(&text, "Pss:");
            anon += field(&text, "Pss_Anon:");
        }
    }
    (all as f64 / 1024.0, anon as f64 / 1024.0)
}

struct Run {
    first_script: Duration,
    today: Option<Duration>,
    pss: f64,
    /// The anonymous part of `pss`.
    anon: f64,
    /// The app process's own anonymous memory (without WebKit's processes).
    app_anon: f64,
    /// The page's own milestones in ms from its start (parsed, loaded, its marks), where it has them.
    marks: Option<String>,
}

/// Opens `binary`'s window in `sandbox`, times it and reads its memory.
async fn run(binary: &Path, sandbox: &Sandbox, name: &str, today: bool) -> Run {
    // The harness launches what RAPPORT_BIN names (edition 2021: setting it is safe; runs are one at a time).
    std::env::set_var("RAPPORT_BIN", binary);
    let started = Instant::now();
    let w = Window::open(sandbox, name).await;
    w.client.execute("return document.readyState", vec![]).await.expect("the page runs a script");
    let first_script = started.elapsed();
    let today = if today {
        w.client
            .wait()
            .at_most(Duration::from_secs(60))
            // Looked for every 10 ms: fantoccini's default of 250 ms added up to a quarter second to the figure.
            .every(Duration::from_millis(10))
            .for_element(Locator::Css("#today-body:not([aria-busy]) .today-group, #today-empty"))
            .await
            .expect("Today is complete");
        Some(started.elapsed())
    } else {
        None
    };
    // Where the page's time went, from its own start: the page's marks (ui/main.js, ui/views/today.js).
    let marks = {
        let script = "const n = performance.getEntriesByType('navigation')[0];
            const at = (t) => t.toFixed(0);
            return [`parsed ${n ? at(n.domInteractive) : '?'}`, `loaded ${n ? at(n.domContentLoadedEventEnd) : '?'}`,
              ...performance.getEntriesByType('mark').map((e) => `${e.name} ${at(e.startTime)}`),
              ...(() => { const r = performance.getEntriesByType('resource');
                return r.length ? [`${r.length} files fetched ${at(Math.min(...r.map((e) => e.startTime)))}–${at(Math.max(...r.map((e) => e.responseEnd)))}`] : []; })()].join(', ')";
        w.client.execute(script, vec![]).await.ok().and_then(|v| v.as_str().map(String::from))
    };
    std::thread::sleep(SETTLE);
    // `rapport` becomes `rapport-window` (the same process, another program file).
    let window = if binary.ends_with("rapport") { binary.with_file_name("rapport-window") } else { binary.to_owned() };
    let app = process_of(&window);
    let (pss, anon) = app.map(|pid| pss_mib(&family(pid))).unwrap_or((f64::NAN, f64::NAN));
    let app_anon = app.map(|pid| pss_mib(&[pid]).1).unwrap_or(f64::NAN);
    w.close().await;
    Run { first_script, today, pss, anon, app_anon, marks }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let rapport = rapport_tests::target_dir().join("release/rapport");
    let bare = rapport_tests::target_dir().join("release/examples/bare_window");
    for b in [&rapport, &bare] {
        assert!(
            b.exists(),
            "{} is missing: cargo build --release -p rapport --bins --example bare_window",
            b.display()
        );
    }
    let big = rapport_tests::target_dir().join("bench/cli-book-100000.sqlite3");
    let mut rows: Vec<(String, Vec<Run>)> = Vec::new();
    for (label, binary, book) in [
        ("bare Tauri 2 window", &bare, None),
        ("Rapport, demo book", &rapport, Some("demo")),
        ("Rapport, 100,000 customers", &rapport, Some("big")),
    ] {
        if book == Some("big") && !big.exists() {
            println!("{label}: skipped ({} is made by `cargo bench -p rapport-tests --bench commands`)", big.display());
            continue;
        }
        let mut runs = Vec::new();
        for n in 0..=RUNS {
            let s = Sandbox::new();
            match book {
                Some("demo") => {
                    let out = std::process::Command::new(&rapport).arg("demo").envs(s.env()).output().unwrap();
                    assert!(out.status.success(), "the demo book loads");
                }
                Some(_) => {
                    std::fs::copy(&big, &s.db).unwrap();
                }
                None => {}
            }
            let r = run(binary, &s, "bench", book.is_some()).await;
            // The first run warms the page cache for the others.
            if n > 0 {
                runs.push(r);
            }
        }
        rows.push((label.to_string(), runs));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("window start-up and memory, release builds, {RUNS} runs each (medians; launch includes the WebDriver)");
    let floor = rows.first().map(|(_, r)| {
        (median(r.iter().map(|x| ms(x.first_script)).collect()), median(r.iter().map(|x| x.pss).collect()))
    });
    for (label, runs) in &rows {
        let first = median(runs.iter().map(|x| ms(x.first_script)).collect());
        let pss = median(runs.iter().map(|x| x.pss).collect());
        let today = runs.iter().filter_map(|x| x.today.map(ms)).collect::<Vec<_>>();
        let today = if today.is_empty() { "—".to_string() } else { format!("{:.0} ms", median(today)) };
        let anon = median(runs.iter().map(|x| x.anon).collect());
        let app_anon = median(runs.iter().map(|x| x.app_anon).collect());
        let (f0, p0) = floor.unwrap_or((first, pss));
        println!(
            "{label:<28} first script {first:>6.0} ms ({:.2} × bare)   Today complete {today:>8}   PSS {pss:>6.1} MiB ({:.2} × bare; anonymous {anon:.1}, of it the app process {app_anon:.1})",
            first / f0,
            pss / p0
        );
        for marks in runs.iter().filter_map(|x| x.marks.as_deref()) {
            println!("    the page, ms from its start: {marks}");
        }
    }
}
