//! The command line, run as the real binary on real database files.

use rapport_tests::Sandbox;
use serde_json::Value;

fn first_id(list: &Value) -> String {
    list[0]["id"].as_str().expect("an id").to_string()
}

#[test]
fn the_demo_book_lists_every_customer_as_json() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let list = s.json(&["customers", "list"]);
    let list = list.as_array().expect("an array");
    assert!(list.len() >= 40, "{} customers", list.len());
    for c in list {
        assert!(c["id"].as_str().is_some_and(|id| id.len() == 36), "{c}");
        assert!(c["name"].as_str().is_some_and(|n| !n.is_empty()), "{c}");
    }
    let zones: std::collections::HashSet<_> = list.iter().filter_map(|c| c["time_zone"].as_str()).collect();
    assert!(zones.len() >= 5, "several time zones: {zones:?}");
    // Paging only when asked.
    let page = s.json(&["customers", "list", "--limit", "10", "--offset", "5"]);
    assert_eq!(page.as_array().unwrap().len(), 10);
    assert_eq!(page[0]["id"], list[5]["id"]);
    // The demo goes only into an empty book.
    assert!(s.fails(&["demo"]).contains("empty book"));
}

#[test]
fn export_import_export_gives_identical_bytes() {
    let a = Sandbox::new();
    a.ok(&["demo"]);
    let out = a.dir.path().join("book.json");
    a.ok(&["export", "json", "--out", out.to_str().unwrap()]);
    let first = std::fs::read(&out).unwrap();
    assert_eq!(a.ok(&["export", "json"]).as_bytes(), first, "--out and stdout write the same bytes");

    let b = Sandbox::new();
    b.ok(&["import", "json", out.to_str().unwrap()]);
    let second = b.ok(&["export", "json"]);
    assert_eq!(second.as_bytes(), first);
}

#[test]
fn a_customer_built_up_from_the_command_line_shows_on_their_page() {
    let s = Sandbox::new();
    let c = s.json(&[
        "customers",
        "add",
        "Ana Souza",
        "--preferred",
        "Ana",
        "--tz",
        "America/Sao_Paulo",
        "--email",
        "ana@example.com",
        "--phone",
        "+55 11 5555 0100",
    ]);
    let id = c["id"].as_str().unwrap().to_string();
    assert_eq!(c["created_at"], "2026-11-23T16:00:00Z", "the clock is RAPPORT_NOW");
    let short = &id[..28];
    s.ok(&["facts", "add", short, "Twins, Leo and Bia, turn 7 in March", "--source", "at delivery"]);
    s.ok(&["goals", "add", short, "Keep the car until the twins can drive"]);
    s.ok(&["notes", "add", short, "Careful planner, reads every clause #BuyAndHold"]);
    s.ok(&[
        "purchases",
        "add",
        short,
        "2025 Honda Odyssey EX-L",
        "--year",
        "2025",
        "--make",
        "Honda",
        "--model",
        "Odyssey",
        "--feature",
        "rear entertainment",
        "--service",
        "Oil change:6:3",
        "--deliverable",
        "Second key:2026-12-05",
        "--lease-ends",
        "2028-11-20",
    ]);
    let promise = s.json(&["promises", "add", short, "Order the second key", "--due", "2026-12-05"]);
    let issue = s.json(&["issues", "open", short, "Sliding door squeaks", "--next-update", "2026-11-26"]);
    s.ok(&["issues", "update", issue["id"].as_str().unwrap(), "Part ordered", "--next-update", "2026-11-30"]);
    let call = s.json(&[
        "interactions",
        "add",
        short,
        "--channel",
        "phone",
        "--direction",
        "in",
        "--summary",
        "Called about the door",
        "--quote",
        "Please, only WhatsApp or email — I'm in meetings all day",
        "--sentiment",
        "neutral",
    ]);
    s.ok(&[
        "prefs",
        "add",
        short,
        "--words",
        "Please, only WhatsApp or email — I'm in meetings all day",
        "--means",
        "decline:phone",
        "--from",
        call["id"].as_str().unwrap(),
    ]);
    s.ok(&["prefs", "add", short, "--words", "Mornings before nine are best", "--means", "hours:07:30-09:00"]);
    s.ok(&["promises", "keep", promise["id"].as_str().unwrap()]);

    let page = s.json(&["customers", "show", short]);
    assert_eq!(page["name"], "Ana Souza");
    assert_eq!(page["tags"][0]["tag"], "BuyAndHold");
    assert_eq!(page["preferences"][0]["means"]["kind"], "decline_channel");
    assert_eq!(page["preferences"][0]["source_interaction_id"], call["id"]);
    assert_eq!(
        page["preferences"][1]["means"],
        serde_json::json!({"kind": "contact_hours", "start": "07:30:00", "end": "09:00:00"})
    );
    assert_eq!(page["promises"][0]["status"], "kept");
    assert_eq!(page["issues"][0]["updates"][0]["text"], "Part ordered");
    assert_eq!(page["issues"][0]["next_update_on"], "2026-11-30");
    assert_eq!(page["purchases"][0]["included_services"][0]["every_months"], 6);
    assert_eq!(page["purchases"][0]["ownership"], "lease");

    let text = s.ok(&["customers", "show", short]);
    for expected in [
        "How to reach me",
        "“Mornings before nine are best”",
        "Sliding door squeaks",
        // Keeping the promise to order the second key delivered it.
        "Second key: delivered Mon 23 Nov 2026",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    let hits = s.json(&["customers", "search", "whats"]);
    assert_eq!(hits[0]["customer_id"], id.as_str());
    assert_eq!(s.json(&["customers", "list", "--tag", "buyandhold"]).as_array().unwrap().len(), 1);
    assert_eq!(s.json(&["tags", "list"])[0]["tag"], "BuyAndHold");
    assert_eq!(s.json(&["prefs", "list", short]).as_array().unwrap().len(), 2);
}

#[test]
fn errors_are_one_line_that_names_what_is_wrong_and_nothing_is_written() {
    let s = Sandbox::new();
    let id = first_id(&serde_json::json!([s.json(&["customers", "add", "Ann Berger"])]));
    let cases: &[(&[&str], &str)] = &[
        (&["customers", "add", "Zed", "--tz", "Mars/Olympus"], "Mars/Olympus"),
        (&["customers", "add", "Zed", "--email", "zed-at-example"], "zed-at-example"),
        (&["customers", "show", "ffffffff"], "no customer matches 'ffffffff'"),
        (&["facts", "add", &id, "   "], "fact: is required"),
        (&["prefs", "add", &id, "--words", "call me whenever", "--means", "hours:18:00-09:00"], "start must be before"),
        (&["prefs", "add", &id, "--words", "", "--means", "do-not-contact"], "their words: is required"),
        (&["purchases", "add", &id, "Outback", "--vin", "SHORT"], "VIN"),
        (&["purchases", "add", &id, "Outback", "--service", "Oil change every 6 months"], "Oil change:6:3"),
        (&["promises", "add", &id, "Plates", "--due", "2026-02-30"], "2026-02-30"),
        (&["interactions", "add", &id, "--channel", "pigeon", "--direction", "out", "--summary", "x"], "pigeon"),
        (&["--now", "yesterday", "customers", "list"], "yesterday"),
    ];
    for (args, expected) in cases {
        let err = s.fails(args);
        assert!(err.contains(expected), "rapport {args:?}: {err:?} should mention {expected:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    }
    let page = s.json(&["customers", "show", &id]);
    for part in ["facts", "preferences", "purchases", "promises", "interactions"] {
        assert_eq!(page[part].as_array().unwrap().len(), 0, "nothing half-written in {part}");
    }
    assert_eq!(s.json(&["customers", "list"]).as_array().unwrap().len(), 1);
    let json_err = s.rapport(&["customers", "show", "ffffffff", "--json"]);
    let v: Value = serde_json::from_slice(&json_err.stderr).expect("a JSON error with --json");
    assert_eq!(v["error"]["code"], "not_found");
}

#[test]
fn a_broken_import_names_the_line_and_leaves_the_book_as_it_was() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let before = s.ok(&["export", "json"]);
    let good = Sandbox::new();
    good.ok(&["demo"]);
    let mut other = good.ok(&["export", "json"]);
    let file = s.dir.path().join("broken.json");
    std::fs::write(&file, "{\n \"format\": \"rapport-book\",\n \"version\": 1,\n \"customers\": [ {\"id\": }\n")
        .unwrap();
    let err = s.fails(&["import", "json", file.to_str().unwrap()]);
    assert!(err.contains("broken.json") && err.contains("line 4"), "{err}");
    // A valid file whose customers are new, with one bad time zone in the middle: none of it lands.
    other = other.replacen("\"time_zone\": \"America/", "\"time_zone\": \"Nowhere/", 20);
    std::fs::write(&file, other).unwrap();
    let err = s.fails(&["import", "json", file.to_str().unwrap()]);
    assert!(err.contains("Nowhere/"), "{err}");
    assert_eq!(s.ok(&["export", "json"]), before);
}

#[test]
fn the_now_flag_and_rapport_now_set_the_clock() {
    let s = Sandbox::new();
    let a = s.json(&["customers", "add", "Ann"]);
    assert_eq!(a["created_at"], "2026-11-23T16:00:00Z");
    let b = s.json(&["--now", "2027-01-05T08:30:00-06:00", "customers", "add", "Bo"]);
    assert_eq!(b["created_at"], "2027-01-05T14:30:00Z", "--now wins over RAPPORT_NOW");
    // Times typed for a customer without an offset are their local time.
    let c = s.json(&["customers", "add", "Cy", "--tz", "Asia/Tokyo"]);
    let i = s.json(&[
        "interactions",
        "add",
        c["id"].as_str().unwrap(),
        "--channel",
        "email",
        "--direction",
        "in",
        "--summary",
        "Asked for the brochure",
        "--at",
        "2026-11-20 09:00",
    ]);
    assert_eq!(i["at"], "2026-11-20T00:00:00Z");
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_untouched() {
    let s = Sandbox::new();
    s.ok(&["customers", "add", "Ann"]);
    rusqlite::Connection::open(&s.db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 999;")
        .unwrap();
    let before = std::fs::read(&s.db).unwrap();
    let err = s.fails(&["customers", "list"]);
    assert!(err.contains("newer version of Rapport"), "{err}");
    assert_eq!(std::fs::read(&s.db).unwrap(), before);
}

#[test]
fn a_damaged_database_file_is_reported_and_not_overwritten() {
    let s = Sandbox::new();
    std::fs::write(&s.db, b"PK\x03\x04 this is a zip file, not a book".repeat(100)).unwrap();
    let before = std::fs::read(&s.db).unwrap();
    let err = s.fails(&["customers", "list"]);
    assert!(err.contains("not a readable Rapport database") && err.contains("book.sqlite3"), "{err}");
    assert_eq!(std::fs::read(&s.db).unwrap(), before);
}

#[test]
fn notes_to_customers_are_listed_across_the_book_by_status() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let sent = s.json(&["notes", "list", "--status", "sent", "--limit", "100"]);
    let sent = sent.as_array().unwrap();
    assert!(sent.len() >= 3, "the demo book has sent thank-yous: {sent:?}");
    assert!(sent.iter().all(|n| n["status"] == "sent" && !n["customer_name"].as_str().unwrap().is_empty()));
    let days: Vec<&str> = sent.iter().map(|n| n["created_at"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first: {days:?}");

    let list = s.json(&["customers", "list"]);
    let id = first_id(&list);
    s.ok(&["draft", "thank-you", "--customer", &id, "--save"]);
    let drafts = s.json(&["notes", "list", "--status", "draft"]);
    assert!(drafts.as_array().unwrap().iter().any(|n| n["customer_id"] == id.as_str()), "{drafts}");
    assert!(s.ok(&["notes", "list", "--status", "draft"]).contains("draft"));

    let wrong = s.fails(&["notes", "list", "--status", "posted"]);
    assert!(wrong.contains("posted") && wrong.contains("draft, written or sent"), "{wrong}");
}

/// Issue 15: what was done with a reason can be taken back — a dismissal by mistake is not final.
#[test]
fn a_dismissed_reason_comes_back_with_undo() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let on_today = |s: &Sandbox| -> Vec<String> {
        s.json(&["agenda", "--days", "7"])["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let id = on_today(&s).into_iter().next().expect("the demo book has reasons this week");
    let dismissed = s.json(&["reasons", "dismiss", &id, "--why", "Clicked the wrong row"]);
    assert_eq!(dismissed["state"], "dismissed");
    assert!(!on_today(&s).contains(&id), "dismissed: off Today");
    let had = s.json(&["reasons", "undo", &id]);
    assert_eq!(had["state"], "dismissed", "the answer is the state it had: {had}");
    assert_eq!(had["note"], "Clicked the wrong row");
    assert!(on_today(&s).contains(&id), "taken back: on Today again");
    // Nothing left to take back.
    let again = s.fails(&["reasons", "undo", &id]);
    assert!(again.contains("not found") || again.contains("reason"), "{again}");
}

/// Issue 16: `rapport reach` hands a contact to the salesperson's own apps only after the Guard — it prints the
/// `mailto:` / `tel:` address for an allowed one, and refuses a text to a customer who declined texts with her
/// words (kept as held back; nothing is logged).
#[test]
fn reach_makes_the_address_only_after_the_guard() {
    let s = Sandbox::new();
    let ana = s.json(&[
        "customers",
        "add",
        "Ana Souza",
        "--tz",
        "America/Chicago",
        "--email",
        "ana@home.example",
        "--phone",
        "+1 312 555 0142",
    ]);
    let id = ana["id"].as_str().unwrap().to_string();
    s.ok(&["prefs", "add", &id, "--words", "Please don't text me.", "--means", "decline:text"]);
    let words = "Your plates arrived today; they are at the front desk until Friday.";
    let base = ["reach", "--customer", &id, "--text", words, "--purpose", "waiting", "--at", "2026-12-01 10:00"];
    let email = s.json(&[&base[..], &["--channel", "email", "--subject", "Your plates"]].concat());
    assert_eq!(email["to"], "ana@home.example");
    let url = email["url"].as_str().unwrap();
    assert!(url.starts_with("mailto:ana@home.example?subject=Your%20plates&body=Your%20plates%20arrived"), "{url}");
    assert_eq!(s.ok(&[&base[..], &["--channel", "phone"]].concat()).trim(), "tel:+13125550142");
    let err = s.fails(&[&base[..], &["--channel", "text"]].concat());
    assert!(err.contains("Please don't text me."), "{err}");
    // A meeting in person: an invitation for the calendar, written where asked.
    let file = s.dir.path().join("meet.ics");
    let meet =
        s.json(&[&base[..], &["--channel", "in_person", "--minutes", "45", "--out", file.to_str().unwrap()]].concat());
    assert_eq!(meet["file"], file.to_str().unwrap());
    let ics = std::fs::read_to_string(&file).unwrap().replace("\r\n ", "");
    assert!(ics.contains("DTSTART:20261201T160000Z") && ics.contains("DTEND:20261201T164500Z"), "{ics}");
    assert!(ics.contains("mailto:ana@home.example") && ics.contains("BEGIN:VALARM"), "{ics}");
    let page = s.json(&["customers", "show", &id]);
    assert!(page["interactions"].as_array().unwrap().is_empty(), "reaching out logs nothing by itself");
}

/// Issue 16: `rapport log FILE…` logs emails from the salesperson's own mail app — matched to the customer by
/// address (from them: inbound, with their own words as a quote; to them: outbound), the date, subject and new
/// words (not the quoted reply) — once, however often the file is logged; a file whose addresses are nobody's is
/// named with them, and the other files are still logged.
#[test]
fn log_records_emails_from_your_own_mail_app() {
    let s = Sandbox::new();
    let ana = s.json(&["customers", "add", "Ana Souza", "--email", "Ana@Example.com"]);
    let id = ana["id"].as_str().unwrap().to_string();
    let dir = s.dir.path();
    let from_ana = dir.join("from-ana.eml");
    std::fs::write(
        &from_ana,
        "From: Ana Souza <ana@example.com>\r\nTo: Dana <dana@dealer.example>\r\nSubject: Re: Your plates\r\n\
         Date: Tue, 01 Dec 2026 09:30:00 -0600\r\nIn-Reply-To: <x@dealer.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Thanks! I'll pick them up Friday. Please don't call me at work.\r\n\r\nOn Mon, Nov 30, 2026 at 4:00 PM Dana <dana@dealer.example> wrote:\r\n> Your plates arrived.\r\n",
    )
    .unwrap();
    let to_ana = dir.join("to-ana.eml");
    std::fs::write(
        &to_ana,
        "From: Dana <dana@dealer.example>\r\nTo: ana@example.com\r\nSubject: Your plates\r\nDate: Mon, 30 Nov 2026 16:00:00 -0600\r\n\r\nYour plates arrived; they are at the front desk.\r\n",
    )
    .unwrap();
    let stranger = dir.join("stranger.eml");
    std::fs::write(&stranger, "From: someone@else.example\r\nTo: dana@dealer.example\r\nSubject: Hi\r\n\r\nHello\r\n")
        .unwrap();

    let files = [from_ana.to_str().unwrap(), to_ana.to_str().unwrap(), stranger.to_str().unwrap()];
    let err = s.fails(&["log", files[0], files[1], files[2]]);
    assert!(err.contains("someone@else.example") && err.contains("stranger.eml"), "{err}");
    let page = s.json(&["customers", "show", &id]);
    let interactions = page["interactions"].as_array().unwrap();
    assert_eq!(interactions.len(), 2, "the two emails of Ana's are logged: {page}");
    let inbound = interactions.iter().find(|i| i["direction"] == "in").unwrap();
    assert_eq!(inbound["channel"], "email");
    assert_eq!(inbound["at"], "2026-12-01T15:30:00Z");
    let summary = inbound["summary"].as_str().unwrap();
    assert!(summary.starts_with("Re: Your plates") && summary.contains("pick them up Friday"), "{summary}");
    assert!(!summary.contains("Your plates arrived."), "the quoted reply is left out: {summary}");
    assert_eq!(inbound["quotes"][0], "Thanks! I'll pick them up Friday. Please don't call me at work.");
    let outbound = interactions.iter().find(|i| i["direction"] == "out").unwrap();
    assert_eq!(outbound["purpose"], "proactive");

    // Again: nothing doubled.
    let again = s.json(&["log", files[0], files[1]]);
    assert!(again["logged"].as_array().unwrap().iter().all(|l| l["logged"]["interaction"].is_null()), "{again}");
    assert_eq!(s.json(&["customers", "show", &id])["interactions"].as_array().unwrap().len(), 2);
    // The stranger's email, given to Ana by hand: which way it went must be said.
    let err = s.fails(&["log", files[2], "--customer", &id]);
    assert!(err.contains("came in or went out"), "{err}");
    s.ok(&["log", files[2], "--customer", &id, "--direction", "in"]);
    assert_eq!(s.json(&["customers", "show", &id])["interactions"].as_array().unwrap().len(), 3);
}

/// Issue 16: an invitation (`.ics`) from the salesperson's calendar logs the meeting with the customer invited
/// (outbound; in person, or video when it is on Zoom), at its start in UTC; a cancellation logs nothing.
#[test]
fn log_records_a_meeting_from_a_calendar_invitation() {
    let s = Sandbox::new();
    let ana = s.json(&["customers", "add", "Ana Souza", "--email", "ana@example.com"]);
    let id = ana["id"].as_str().unwrap().to_string();
    let invite = |method: &str, location: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\nUID:test-1\r\n\
             DTSTART;TZID=America/Chicago:20261203T150000\r\nDTEND;TZID=America/Chicago:20261203T153000\r\n\
             SUMMARY:Test drive\\, the Outback\r\nLOCATION:{location}\r\nORGANIZER;CN=Dana:mailto:dana@dealer.example\r\n\
             ATTENDEE;CN=Ana Souza:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let dir = s.dir.path();
    std::fs::write(dir.join("drive.ics"), invite("REQUEST", "Whitfield Ford, Naperville")).unwrap();
    std::fs::write(dir.join("call.ics"), invite("REQUEST", "https://zoom.us/j/123")).unwrap();
    std::fs::write(dir.join("cancel.ics"), invite("CANCEL", "Whitfield Ford")).unwrap();
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    let done = s.json(&["log", &p("drive.ics")]);
    let logged = &done["logged"][0]["logged"];
    assert_eq!(logged["direction"], "out");
    assert_eq!(logged["interaction"]["channel"], "in_person");
    assert_eq!(logged["interaction"]["at"], "2026-12-03T21:00:00Z", "15:00 in Chicago");
    assert!(logged["interaction"]["summary"].as_str().unwrap().starts_with("Meeting: Test drive, the Outback"));
    // The same invitation on Zoom is a video call (another meeting: another place in its words).
    let call = s.json(&["log", &p("call.ics")]);
    assert_eq!(call["logged"][0]["logged"]["interaction"]["channel"], "video");
    let err = s.fails(&["log", &p("cancel.ics")]);
    assert!(err.contains("cancellation"), "{err}");
    assert_eq!(s.json(&["customers", "show", &id])["interactions"].as_array().unwrap().len(), 2);
}

/// Issue 15: one way of reading dates and times everywhere — the system's language by default (US English: month
/// first, 12-hour clock), or what the salesperson chose; the Guard's messages, Today and the customer's page follow
/// it, and a mistyped choice is named.
#[test]
fn dates_and_times_read_in_the_salespersons_style_everywhere() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let in_us = |args: &[&str]| {
        let out = std::process::Command::new(rapport_tests::binary())
            .args(args)
            .envs(s.env())
            .env_remove("LC_ALL")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(s.ok(&["profile", "show"]).contains("Dates and times: Mon 23 Nov 2026 · 17:30 (as the system's language"));
    let profile = in_us(&["profile", "show"]);
    assert!(profile.contains("Dates and times: Mon, Nov 23, 2026 · 5:30 PM (as the system's language"), "{profile}");
    assert!(profile.contains("Calls and texts by default: 9:00 AM–7:00 PM their time"), "{profile}");
    let agenda = in_us(&["agenda"]);
    assert!(agenda.contains("Chloe asked on Sat, Oct 24 for"), "{agenda}");
    assert!(!agenda.contains("Sat 24 Oct"), "{agenda}");

    // Chosen in the profile, it wins over the system's language: the Guard's hours, the page's days.
    s.ok(&["profile", "set", "--dates", "year-first", "--clock", "12h"]);
    let book: serde_json::Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    let id = book["customers"][0]["id"].as_str().unwrap().to_string();
    let late = in_us(&[
        "check",
        "--customer",
        &id,
        "--channel",
        "phone",
        "--at",
        "2026-11-24T04:00:00Z",
        "--reason",
        "Her plates are in",
    ]);
    assert!(late.contains("allowed only 8:00 AM–9:00 PM their time"), "the Guard's clock is 12-hour: {late}");
    let page = in_us(&["customers", "show", &id]);
    assert!(!page.contains(", 2026") && page.contains("2026-"), "days year first: {page}");

    let bad = s.fails(&["profile", "set", "--dates", "sideways"]);
    assert!(bad.contains("'sideways' is not one of: day-first, month-first, year-first, system"), "{bad}");
    assert!(s.ok(&["profile", "set", "--dates", "system"]).contains("(as the system's language sets it)"));
}

#[test]
fn the_command_line_loads_none_of_the_windows_libraries() {
    // What a command costs to start is what it loads: WebKit and GTK are some 60 ms and 55 MB of every command
    // when linked in (docs/PERFORMANCE.md). `ldd` lists what the loader would map, transitively.
    let listed = |program: &std::path::Path| {
        let out = std::process::Command::new("ldd").arg(program).output().expect("ldd runs");
        assert!(out.status.success(), "ldd {}: {}", program.display(), String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_lowercase()
    };
    let command_line = listed(&rapport_tests::binary());
    for window_library in ["webkit", "gtk", "gdk", "javascriptcore", "soup"] {
        assert!(!command_line.contains(window_library), "rapport loads {window_library}:\n{command_line}");
    }
    // The window's program, beside it, does (so the check above could fail).
    assert!(listed(&rapport_tests::binary().with_file_name("rapport-window")).contains("webkit"));
}

#[test]
fn without_the_windows_program_rapport_says_what_is_missing() {
    let s = Sandbox::new();
    let alone = s.dir.path().join("rapport");
    std::fs::copy(rapport_tests::binary(), &alone).expect("a copy of rapport on its own");
    let out =
        std::process::Command::new(&alone).args(["--db"]).arg(&s.db).envs(s.env()).output().expect("rapport runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "it cannot open a window it does not have");
    assert!(said.contains("cannot open the window") && said.contains("rapport-window"), "{said}");
}
