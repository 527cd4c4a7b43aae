//! Desktop notifications on a real D-Bus session with a real notification daemon (dunst), checked with
//! `dbus-monitor`: what reached the bus, once per reason, never for held-back reasons, only in working hours.
//! `scripts/test` runs every test inside `dbus-run-session` (and Xvfb, which dunst needs).

use std::process::{Command, Stdio};

use rapport_tests::{eventually, notification_daemon as daemon, wait_until, Running, Sandbox, Window};
use serde_json::Value;

/// One test at a time sends on the session bus: each counts the Notify calls it sees.
static BUS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn bus_to_myself() -> std::sync::MutexGuard<'static, ()> {
    BUS.lock().unwrap_or_else(|e| e.into_inner())
}

fn session_bus() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session: run the tests with scripts/test (dbus-run-session)"
    );
}

/// Records every Notify call on the session bus into a file.
fn monitor(s: &Sandbox) -> (Running, std::path::PathBuf) {
    let log = s.dir.path().join("bus.log");
    let file = std::fs::File::create(&log).unwrap();
    let child = Command::new("dbus-monitor")
        .args(["--session", "interface='org.freedesktop.Notifications',member='Notify'"])
        .stdout(file)
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-monitor (package dbus-bin) runs");
    // dbus-monitor prints its own NameAcquired signal once it listens.
    eventually("dbus-monitor to listen", || {
        (!std::fs::read_to_string(&log).unwrap_or_default().is_empty()).then_some(())
    });
    (Running(child), log)
}

/// Every Notify call the monitor has seen so far. What `rapport` sent reached the bus before it exited; the monitor
/// may still be writing it, so this sends a Notify signal of its own behind them and waits until the monitor logged it:
/// then everything before it is in the file. The test's own calls are left out of the answer.
fn notify_calls(log: &std::path::Path) -> String {
    static SENT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let marker = format!("rapport-test-barrier-{}", SENT.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
    let sent = Command::new("dbus-send")
        .args(["--session", "--dest=org.freedesktop.Notifications", "/org/freedesktop/Notifications"])
        .args(["org.freedesktop.Notifications.Notify", &format!("string:{marker}")])
        .status()
        .expect("dbus-send (package dbus-bin) runs");
    assert!(sent.success(), "the marker call was sent");
    let seen = eventually(&format!("the monitor to log {marker}"), || {
        Some(std::fs::read_to_string(log).unwrap()).filter(|seen| seen.contains(&marker))
    });
    // dbus-monitor starts each message on a line of its own ("method call time=… member=Notify", "signal time=…")
    // and indents its arguments. (The marker goes out as a signal: nothing for the daemon to answer.)
    let mut messages: Vec<String> = Vec::new();
    for line in seen.lines() {
        match messages.last_mut() {
            Some(message) if line.starts_with(' ') => {
                message.push('\n');
                message.push_str(line);
            }
            _ => messages.push(line.to_string()),
        }
    }
    messages.retain(|m| !m.contains("rapport-test-barrier-"));
    messages.join("\n")
}

#[test]
fn due_reasons_reach_the_notification_daemon_once_and_held_back_ones_never() {
    session_bus();
    let _bus = bus_to_myself();
    let _dunst = daemon();
    let s = Sandbox::new(); // Monday 23 November 2026, 10:00 in Chicago: Dana is at work.
    s.ok(&["demo"]);
    let (_monitor, log) = monitor(&s);

    let sent = s.json(&["notify", "--once"]);
    let sent = sent.as_array().unwrap();
    assert!(!sent.is_empty(), "something is due this Monday morning");
    let calls = notify_calls(&log);
    for n in sent {
        let summary = n["summary"].as_str().unwrap();
        assert!(calls.contains(summary), "{summary:?} reached the bus:\n{calls}");
        assert!(calls.contains("\"Rapport\""), "sent as Rapport");
    }
    assert_eq!(calls.matches("member=Notify").count(), sent.len());

    // Held back reasons never become notifications.
    let agenda = s.json(&["agenda", "--days", "0"]);
    for h in agenda["held_back"].as_array().unwrap() {
        assert!(!calls.contains(h["value"].as_str().unwrap()), "held back: {}", h["value"]);
    }
    let diane = agenda["held_back"].as_array().unwrap().iter().any(|h| h["customer_name"] == "Diane Kowalski");
    assert!(diane || agenda["held_back"].as_array().unwrap().is_empty() || !calls.contains("Diane"));
    assert!(!calls.contains("Diane Kowalski"), "she asked to be removed from every list");

    // A restart sends nothing twice.
    let again: Value = s.json(&["notify", "--once"]);
    assert_eq!(again.as_array().unwrap().len(), 0, "{again}");
    assert_eq!(notify_calls(&log).matches("member=Notify").count(), sent.len());
}

#[test]
fn nothing_is_sent_outside_working_hours_or_when_notifications_are_off() {
    session_bus();
    let s = Sandbox::new();
    s.ok(&["demo"]);
    // Sunday: Dana works Monday to Saturday.
    let sunday = s.rapport(&["notify", "--once", "--json", "--now", "2026-11-22T16:00:00Z"]);
    assert!(sunday.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&sunday.stdout).unwrap().as_array().unwrap().len(), 0);
    // 22:00 on Monday in Chicago.
    let late = s.json(&["notify", "--once", "--now", "2026-11-24T04:00:00Z"]);
    assert_eq!(late.as_array().unwrap().len(), 0);
    // Notifications off.
    let profile = s.json(&["profile", "show"]);
    assert_eq!(profile["notifications"], true);
    s.ok(&["profile", "set", "--notifications", "off"]);
    assert_eq!(s.json(&["notify", "--once"]).as_array().unwrap().len(), 0);
}

/// A customer's name is text in the notification, never markup: no bold, no hidden link.
#[test]
fn a_customers_name_is_never_markup_in_a_notification() {
    session_bus();
    let _bus = bus_to_myself();
    let _dunst = daemon();
    let s = Sandbox::new(); // Monday 23 November 2026, 10:00 in Chicago.
    s.ok(&["profile", "set", "--name", "Dana", "--tz", "America/Chicago"]);
    let name = "<b>Eve</b> <a href=\"http://example.com\">Open your invoice</a>";
    let eve = s.json(&["customers", "add", name, "--tz", "America/Chicago"]);
    let id = eve["id"].as_str().unwrap();
    s.ok(&["promises", "add", id, "Bring the second key", "--due", "2026-11-23"]);
    let (_monitor, log) = monitor(&s);
    let sent = s.json(&["notify", "--once"]);
    assert!(sent.as_array().unwrap().iter().any(|n| n["customer_id"] == id), "{sent}");
    let calls = notify_calls(&log);
    assert!(calls.contains("&lt;b&gt;Eve&lt;/b&gt;"), "the name went out escaped:\n{calls}");
    assert!(!calls.contains("<a href"), "no link reached the daemon:\n{calls}");
}

/// The click itself: the real daemon invokes the notification's default action (as a click does), and the real
/// window comes up on that customer.
#[test]
fn clicking_a_notification_opens_that_customer_in_the_window() {
    session_bus();
    let _bus = bus_to_myself();
    let _dunst = daemon();
    let s = Sandbox::new(); // Monday 23 November 2026, 10:00 in Chicago.
    let c = s.json(&["customers", "add", "Rosa Delgado", "--tz", "America/Chicago"]);
    let id = c["id"].as_str().unwrap().to_string();
    s.ok(&["promises", "add", &id, "Send Rosa the winter tire quote", "--due", "2026-11-23"]);
    // The bus stays ours while the window runs (a plain test holding the lock, the window in a runtime of its own).
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let w = Window::open(&s, "notification-click").await;
        w.find("#today").await;
        // The window's scheduler sends what is due now; the daemon shows it.
        let shown = || {
            let out =
                Command::new("dunstctl").args(["count", "displayed"]).output().expect("dunstctl (package dunst) runs");
            String::from_utf8_lossy(&out.stdout).trim().parse::<u32>().unwrap_or(0)
        };
        wait_until("the daemon to show the notification", || async { (shown() > 0).then_some(()) }).await;
        // The salesperson clicks it: the daemon invokes its default action, and the window opens Rosa.
        let clicked = Command::new("dunstctl").args(["action", "0"]).status().expect("dunstctl runs");
        assert!(clicked.success());
        w.find_text("#customer-name", "Rosa Delgado").await;
        w.shot("opened-from-notification").await;
        w.close().await;
    });
}

/// On the dealership book each reason pings the salesperson who looks after the customer, once, and what anyone
/// at the dealership heard — a do-not-contact at the service desk — keeps it off everyone's desktop.
#[test]
fn on_the_dealership_book_a_reason_pings_its_salesperson_once_and_a_do_not_contact_stops_it() {
    session_bus();
    let Some(url) = rapport_tests::throwaway_postgres_database() else { return };
    let _bus = bus_to_myself();
    let _dunst = daemon();
    let s = Sandbox::new(); // Monday 23 November 2026, 16:00 UTC: inside everyone's working hours (UTC, 9 to 5:30).
    let run = |who: Option<&str>, args: &[&str], password: Option<&str>| -> Value {
        let out = rapport_tests::on_dealership_book(&s, &url, who, args, password);
        assert!(out.status.success(), "rapport {args:?} as {who:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    };
    run(
        None,
        &["users", "add", "--first", "--name", "Maria", "--email", "maria@dealer.example"],
        Some("Maria's password"),
    );
    for (name, role) in [("Dana", "salesperson"), ("Leo", "salesperson"), ("Sam", "service")] {
        let email = format!("{}@dealer.example", name.to_lowercase());
        let password = format!("{name}'s password");
        run(Some("Maria"), &["users", "add", "--name", name, "--email", &email, "--role", role], Some(&password));
    }
    let customer = |who: &str, name: &str, promise: &str| -> String {
        let id = run(Some(who), &["customers", "add", name], None)["id"].as_str().unwrap().to_string();
        run(Some(who), &["promises", "add", &id, promise, "--due", "2026-11-23"], None);
        id
    };
    customer("Dana", "Rita Kowalski", "Plates by today");
    let tom = customer("Leo", "Tom Becker", "Loaner booked by today");
    run(
        Some("Sam"),
        &["prefs", "add", &tom, "--words", "Stop calling me, all of you", "--means", "do-not-contact"],
        None,
    );
    let (_monitor, log) = monitor(&s);

    let dana = run(Some("Dana"), &["notify", "--once"], None);
    let dana = dana.as_array().unwrap();
    assert_eq!(dana.len(), 1, "{dana:?}");
    assert!(dana[0]["summary"].as_str().unwrap().contains("Plates"), "{dana:?}");
    assert!(notify_calls(&log).contains("Rita Kowalski"), "it reached the bus");
    assert_eq!(run(Some("Dana"), &["notify", "--once"], None), Value::Array(vec![]), "never twice");
    assert_eq!(run(Some("Maria"), &["notify", "--once"], None), Value::Array(vec![]), "Dana's customer, not Maria's");
    assert_eq!(run(Some("Leo"), &["notify", "--once"], None), Value::Array(vec![]), "Tom said stop to Sam");
    let calls = notify_calls(&log);
    assert_eq!(calls.matches("member=Notify").count(), 1, "{calls}");
    assert!(!calls.contains("Tom Becker"), "{calls}");
}

/// The window on the dealership book: its scheduler, as Dana, sends her customer's reason to the real daemon and
/// keeps her calendar file; her click opens Rita on the shared book.
#[test]
fn the_window_on_the_dealership_book_notifies_its_salesperson_and_keeps_her_calendar() {
    session_bus();
    let Some(url) = rapport_tests::throwaway_postgres_database() else { return };
    let _bus = bus_to_myself();
    let _dunst = daemon();
    let mut s = Sandbox::new(); // Monday 23 November 2026, 16:00 UTC.
    let run = |s: &Sandbox, who: Option<&str>, args: &[&str], password: Option<&str>| -> Value {
        let out = rapport_tests::on_dealership_book(s, &url, who, args, password);
        assert!(out.status.success(), "rapport {args:?} as {who:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    };
    run(
        &s,
        None,
        &["users", "add", "--first", "--name", "Maria", "--email", "maria@dealer.example"],
        Some("Maria's password"),
    );
    run(
        &s,
        Some("Maria"),
        &["users", "add", "--name", "Dana", "--email", "dana@dealer.example"],
        Some("Dana's password"),
    );
    let rita = run(&s, Some("Dana"), &["customers", "add", "Rita Kowalski"], None)["id"].as_str().unwrap().to_string();
    run(&s, Some("Dana"), &["promises", "add", &rita, "Plates by today", "--due", "2026-11-23"], None);
    s.more_env.push(("RAPPORT_DB".into(), url.clone()));
    s.more_env.push(("RAPPORT_USER".into(), "dana@dealer.example".into()));
    s.more_env.push(("RAPPORT_PASSWORD".into(), "Dana's password".into()));
    let calendar = s.dir.path().join("data/org.rapport.desktop/dealership-calendar.ics");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let w = Window::open(&s, "dealership-notification").await;
        w.find_text("#sidebar-foot", "Dealership book · Dana").await;
        let shown = || {
            let out =
                Command::new("dunstctl").args(["count", "displayed"]).output().expect("dunstctl (package dunst) runs");
            String::from_utf8_lossy(&out.stdout).trim().parse::<u32>().unwrap_or(0)
        };
        wait_until("the daemon to show Dana's notification", || async { (shown() > 0).then_some(()) }).await;
        let text = eventually("the calendar file", || std::fs::read_to_string(&calendar).ok());
        assert!(text.contains("Rita Kowalski: ") && text.contains("Plates by today"), "{text}");
        let clicked = Command::new("dunstctl").args(["action", "0"]).status().expect("dunstctl runs");
        assert!(clicked.success());
        w.find_text("#customer-name", "Rita Kowalski").await;
        w.shot("opened-from-notification").await;
        w.close().await;
    });
    // The scheduler recorded it for Dana: the command line, as Dana, has nothing left to send.
    assert_eq!(run(&s, Some("Dana"), &["notify", "--once"], None), Value::Array(vec![]));
}
