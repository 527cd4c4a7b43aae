//! The harness every end-to-end test uses: a sandbox folder per test (its own database, HOME and XDG folders),
//! the real `rapport` binary, and the real window driven through `tauri-driver` (WebDriver) under Xvfb.
//!
//! `scripts/test` builds the binary once and runs `cargo test` inside `xvfb-run` and `dbus-run-session`;
//! these tests use that build rather than building their own.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use tempfile::TempDir;

/// The moment every test runs at, unless it moves the clock itself.
pub const NOW: &str = "2026-11-23T16:00:00Z";

/// Cargo's target folder (`CARGO_TARGET_DIR`, else the workspace's `target/`): where the builds and the benchmarks'
/// kept books are.
pub fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The `rapport` binary built by `cargo build` (or `RAPPORT_BIN`).
pub fn binary() -> PathBuf {
    if let Ok(p) = std::env::var("RAPPORT_BIN") {
        return PathBuf::from(p);
    }
    let bin = target_dir().join("debug/rapport");
    assert!(bin.exists(), "{} is missing: run `cargo build -p rapport` first (scripts/test does)", bin.display());
    bin
}

/// A folder of one's own: the database, HOME and XDG folders live here and vanish with it.
pub struct Sandbox {
    pub dir: TempDir,
    pub db: PathBuf,
    pub now: String,
    /// More of the environment for this sandbox's app (a GTK theme, a locale).
    pub more_env: Vec<(String, String)>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = TempDir::new().expect("temp dir");
        let db = dir.path().join("book.sqlite3");
        for sub in ["home", "data", "config", "cache", "runtime"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("sandbox folders");
        }
        Sandbox { dir, db, now: NOW.to_string(), more_env: Vec::new() }
    }

    /// The environment the app runs with: our database and clock, our own HOME and XDG folders.
    pub fn env(&self) -> Vec<(String, String)> {
        let p = |s: &str| self.dir.path().join(s).display().to_string();
        let mut env: Vec<(String, String)> = vec![
            ("RAPPORT_DB".into(), self.db.display().to_string()),
            ("RAPPORT_NOW".into(), self.now.clone()),
            ("HOME".into(), p("home")),
            ("XDG_DATA_HOME".into(), p("data")),
            ("XDG_CONFIG_HOME".into(), p("config")),
            ("XDG_CACHE_HOME".into(), p("cache")),
            // Days and times read day first on a 24-hour clock whatever this machine's language (a test of
            // another locale's style sets its own).
            ("LC_ALL".into(), "C.UTF-8".into()),
        ];
        env.extend(self.more_env.iter().cloned());
        env
    }

    /// `rapport ARGS…` in this sandbox.
    pub fn rapport(&self, args: &[&str]) -> Output {
        Command::new(binary()).args(args).envs(self.env()).stdin(Stdio::null()).output().expect("rapport runs")
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.rapport(args);
        assert!(
            out.status.success(),
            "rapport {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs a command with `--json` that must succeed; returns the parsed JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(&all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("rapport {args:?} --json printed invalid JSON ({e}): {text}"))
    }

    /// The names of the book's customers, in the order `customers list` gives them.
    pub fn customer_names(&self) -> Vec<String> {
        let list = self.json(&["customers", "list"]);
        list.as_array().expect("a list").iter().map(|c| c["name"].as_str().expect("a name").to_string()).collect()
    }

    /// Runs a command that must fail; returns its standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.rapport(args);
        assert!(
            !out.status.success(),
            "rapport {args:?} should have failed but printed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 errors")
    }
}

/// Where screenshots go: `target/screenshots/` (printed by every test that takes one).
pub fn screenshot_dir() -> PathBuf {
    let dir = binary().parent().and_then(Path::parent).expect("target dir").join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port()
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin/tauri-driver");
    if in_cargo_home.exists() {
        return in_cargo_home;
    }
    PathBuf::from("tauri-driver")
}

/// How long a test waits for what it expects to happen (generously: a busy CI machine can take seconds to start
/// WebKit). Every wait in the tests goes through `wait_until` / `eventually` with this limit: no test sleeps a
/// fixed time and hopes (`tests/tidy.rs` checks).
pub const WAIT: Duration = Duration::from_secs(25);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

/// Polls `check` until it gives a value, and returns it; fails the test naming `what` after `WAIT`.
pub async fn wait_until<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(Instant::now() < deadline, "waited {}s for {what}", WAIT.as_secs());
        tokio::time::sleep(POLL).await;
    }
}

/// `wait_until` for tests without an async runtime (processes, files, the bus).
pub fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(found) = check() {
            return found;
        }
        assert!(Instant::now() < deadline, "waited {}s for {what}", WAIT.as_secs());
        std::thread::sleep(POLL);
    }
}

/// The real window of the real binary, driven through WebDriver. Dropping it ends the app and the driver.
pub struct Window {
    pub client: Client,
    driver: Child,
    pub shots: PathBuf,
    name: String,
}

impl Window {
    /// Starts `tauri-driver` on free ports and opens a session that launches `rapport` in `sandbox`.
    pub async fn open(sandbox: &Sandbox, name: &str) -> Window {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "no display: run the tests with scripts/test, which starts Xvfb and a D-Bus session"
        );
        // The driver, not the app, sometimes drops the very first request on a busy machine (seen here: "hyper
        // IncompleteMessage" while WebKit's own driver starts on its port): a fresh driver on fresh ports, up to
        // three times. Only the session's start is tried again; everything the test asserts runs once.
        let mut tries = 0;
        loop {
            tries += 1;
            let (port, native_port) = (free_port(), free_port());
            let mut cmd = Command::new(tauri_driver());
            cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
                .envs(sandbox.env())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt;
                cmd.process_group(0);
            }
            let mut driver = cmd.spawn().expect("tauri-driver starts (scripts/setup --test installs it)");
            let url = format!("http://127.0.0.1:{port}");
            wait_until(&format!("tauri-driver to listen on {port}"), || async {
                std::net::TcpStream::connect(("127.0.0.1", port)).ok().map(drop)
            })
            .await;
            let mut caps = serde_json::Map::new();
            caps.insert("tauri:options".into(), serde_json::json!({ "application": binary().display().to_string() }));
            // An app that ends at once (a bad argument) leaves the driver waiting forever: the test fails instead.
            let mut builder = ClientBuilder::native();
            builder.capabilities(caps);
            let session = tokio::time::timeout(WAIT * 2, builder.connect(&url)).await.unwrap_or_else(|_| {
                panic!("{name}: the app did not start within {}s (run it by hand to see why)", 2 * WAIT.as_secs())
            });
            match session {
                Ok(client) => {
                    let shots = screenshot_dir();
                    eprintln!("screenshots of {name}: {}", shots.display());
                    return Window { client, driver, shots, name: name.to_string() };
                }
                Err(e) if tries < 3 => {
                    eprintln!("{name}: the WebDriver session did not start ({e}); a fresh driver");
                    #[cfg(unix)]
                    {
                        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", driver.id())]).status();
                    }
                    let _ = driver.kill();
                    let _ = driver.wait();
                }
                Err(e) => panic!("a WebDriver session with the app: {e}"),
            }
        }
    }

    /// Waits for an element matching `css` (generously: a busy CI machine can take seconds to start WebKit).
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until `css` matches an element whose text contains `text`.
    pub async fn find_text(&self, css: &str, text: &str) -> fantoccini::elements::Element {
        wait_until(&format!("{css} containing {text:?}"), || async {
            for e in self.client.find_all(Locator::Css(css)).await.unwrap_or_default() {
                if e.text().await.unwrap_or_default().contains(text) {
                    return Some(e);
                }
            }
            None
        })
        .await
    }

    /// Saves a screenshot as `<test>-<step>.png` after the page has painted.
    pub async fn shot(&self, step: &str) -> PathBuf {
        // Two animation frames and a little time, or the picture can show the page from before the last click.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));",
                vec![],
            )
            .await;
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = self.shots.join(format!("{}-{step}.png", self.name));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }

    /// Ends the session (which closes the app) and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        #[cfg(unix)]
        {
            let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.driver.id())]).status();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

/// A customer's first email address in a book exported as JSON (`rapport export json`).
pub fn email_in_export(customer: &serde_json::Value) -> String {
    let points = customer["contact_points"].as_array().expect("contact points");
    let email = points.iter().find(|p| p["kind"] == "email").expect("an email address");
    email["value"].as_str().expect("a value").to_string()
}

/// A process a test started, ended when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The real notification daemon (dunst), once it owns its name on the session bus. Another test may have started
/// one on this bus already; then ours just exits.
pub fn notification_daemon() -> Running {
    let dunst = Running(Command::new("dunst").stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("dunst runs"));
    eventually("a notification daemon on the bus", || {
        let owner = Command::new("dbus-send")
            .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications"])
            .output()
            .expect("dbus-send (package dbus-bin) runs");
        String::from_utf8_lossy(&owner.stdout).contains("boolean true").then_some(())
    });
    dunst
}

/// A fresh, empty database on the throwaway PostgreSQL cluster `scripts/test` starts (`RAPPORT_TEST_POSTGRES`), or
/// `None` and a line saying the test skips when there is none. Where `scripts/test` requires it
/// (`RAPPORT_TEST_POSTGRES_REQUIRED`), a missing cluster fails the test instead.
pub fn throwaway_postgres_database() -> Option<String> {
    let Some(admin) = std::env::var("RAPPORT_TEST_POSTGRES").ok().filter(|u| !u.is_empty()) else {
        assert!(
            std::env::var_os("RAPPORT_TEST_POSTGRES_REQUIRED").is_none(),
            "RAPPORT_TEST_POSTGRES is not set, and scripts/test requires the PostgreSQL tests to run"
        );
        eprintln!("skipped: no PostgreSQL server (scripts/test starts a throwaway one and sets RAPPORT_TEST_POSTGRES)");
        return None;
    };
    let name =
        format!("cli_{}_{}", std::process::id(), NEXT_DATABASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("the throwaway cluster answers");
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("an old database of that name goes");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("a database");
    let (base, _) = admin.rsplit_once('/').expect("an address ending in a database");
    Some(format!("{base}/{name}"))
}

/// `rapport ARGS --json` on the dealership book at `url`, signed in as `who` (`who@dealer.example`, password
/// "`who`'s password"; no one for the first person, who starts the book), with `new_password` for a person being
/// added: the command's output as it ended.
pub fn on_dealership_book(
    sandbox: &Sandbox,
    url: &str,
    who: Option<&str>,
    args: &[&str],
    new_password: Option<&str>,
) -> Output {
    let mut env = sandbox.env();
    env.push(("RAPPORT_DB".into(), url.to_string()));
    if let Some(name) = who {
        env.push(("RAPPORT_USER".into(), format!("{}@dealer.example", name.to_lowercase())));
        env.push(("RAPPORT_PASSWORD".into(), format!("{name}'s password")));
    }
    if let Some(p) = new_password {
        env.push(("RAPPORT_NEW_PASSWORD".into(), p.into()));
    }
    Command::new(binary()).args(args).arg("--json").envs(env).stdin(Stdio::null()).output().expect("rapport runs")
}

static NEXT_DATABASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The release binary the benchmarks time (`cargo build --release -p rapport` first, or `RAPPORT_BIN`).
pub fn release_binary() -> PathBuf {
    let bin = std::env::var("RAPPORT_BIN").map(PathBuf::from).unwrap_or_else(|_| target_dir().join("release/rapport"));
    assert!(bin.exists(), "{} is missing: run `cargo build --release -p rapport` first", bin.display());
    bin
}

/// The benchmarks' clock.
pub const BENCH_NOW: &str = "2026-11-23T16:00:00Z";

/// Runs the release binary on the book `db` (a file or a dealership book's address) with `env`; returns its
/// standard output (it must succeed).
pub fn run_release(db: &std::ffi::OsStr, env: &[(&str, &str)], args: &[&str]) -> String {
    let out = Command::new(release_binary())
        .args(args)
        .env("RAPPORT_DB", db)
        .env("RAPPORT_NOW", BENCH_NOW)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("rapport runs");
    assert!(out.status.success(), "rapport {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The benchmarks' generated book of `customers`, made once into `target/bench/` (copy it before writing to it).
pub fn generated_book(customers: usize) -> PathBuf {
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("cli-book-{customers}.sqlite3"));
    if !path.exists() {
        let partial = dir.join(format!("cli-book-{customers}.partial"));
        let _ = std::fs::remove_file(&partial);
        let started = std::time::Instant::now();
        run_release(partial.as_os_str(), &[], &["generate", "--customers", &customers.to_string()]);
        std::fs::rename(&partial, &path).unwrap();
        println!("generated {customers} customers in {:.1} s", started.elapsed().as_secs_f64());
    }
    path
}

/// Times the release binary's `rapport ARGS` from start to exit on the book `db` (a file or an address) with `env`,
/// its output to /dev/null (as to a file: no terminal's drawing), once to warm the caches and then `runs` times;
/// prints the median, the fastest and the slowest under `name`.
pub fn time_command(name: &str, runs: usize, db: &std::ffi::OsStr, env: &[(String, String)], args: &[&str]) {
    let run = || {
        let t = Instant::now();
        let status = Command::new(release_binary())
            .args(args)
            .env("RAPPORT_DB", db)
            .env("RAPPORT_NOW", BENCH_NOW)
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .expect("rapport runs");
        assert!(status.success(), "rapport {args:?} failed");
        t.elapsed()
    };
    run();
    let mut times: Vec<Duration> = (0..runs).map(|_| run()).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<62} median {:>8.1} ms   min {:>8.1}   max {:>8.1}   ({runs} runs)",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}
