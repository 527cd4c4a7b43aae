//! The dealership book from the command line: the real binary, `--db postgres://…`, on the throwaway PostgreSQL
//! cluster `scripts/test` starts — people signing in, one customer's words binding everyone a moment later, who
//! heard what, moving a salesperson's own book in and out again.

use rapport_tests::{throwaway_postgres_database, Sandbox};
use serde_json::Value;

/// A sandbox whose commands go to a new dealership book, started by Maria (the manager), with Dana (sales) and Sam
/// (the service desk) added. Commands run as Maria unless `as_person` says otherwise.
struct Dealership {
    sandbox: Sandbox,
    url: String,
}

impl Dealership {
    fn start() -> Option<Dealership> {
        let url = throwaway_postgres_database()?;
        let d = Dealership { sandbox: Sandbox::new(), url };
        d.run_as(
            None,
            &["users", "add", "--first", "--name", "Maria", "--email", "maria@dealer.example"],
            Some("Maria's password"),
        )
        .expect("the first person starts the book");
        for (name, role) in [("Dana", "salesperson"), ("Sam", "service")] {
            let email = format!("{}@dealer.example", name.to_lowercase());
            let password = format!("{name}'s password");
            d.run_as(
                Some("Maria"),
                &["users", "add", "--name", name, "--email", &email, "--role", role],
                Some(&password),
            )
            .expect("the manager adds people");
        }
        Some(d)
    }

    /// `rapport ARGS --json` on the dealership book as `who`; the JSON printed, or the error's JSON.
    fn run_as(&self, who: Option<&str>, args: &[&str], new_password: Option<&str>) -> Result<Value, Value> {
        let out = rapport_tests::on_dealership_book(&self.sandbox, &self.url, who, args, new_password);
        if out.status.success() {
            Ok(serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
        } else {
            Err(serde_json::from_slice(&out.stderr)
                .unwrap_or_else(|_| panic!("an error that is not JSON: {}", String::from_utf8_lossy(&out.stderr))))
        }
    }

    fn ok(&self, who: &str, args: &[&str]) -> Value {
        self.run_as(Some(who), args, None).unwrap_or_else(|e| panic!("rapport {args:?} as {who} failed: {e}"))
    }

    fn fails(&self, who: &str, args: &[&str]) -> Value {
        match self.run_as(Some(who), args, None) {
            Ok(v) => panic!("rapport {args:?} as {who} should have failed, printed {v}"),
            Err(e) => e["error"].clone(),
        }
    }
}

#[test]
fn what_the_service_desk_hears_binds_the_salesperson_a_moment_later() {
    let Some(d) = Dealership::start() else { return };
    let rita = d.ok("Dana", &["customers", "add", "Rita Kowalski", "--email", "rita@example.com", "--tag", "fleet"]);
    let rita = rita["id"].as_str().unwrap().to_string();

    // Sam, at the service desk, on his own connection.
    d.ok("Sam", &["prefs", "add", &rita, "--words", "Take me off every list you have", "--means", "do-not-contact"]);

    // Dana's call is refused with Rita's words, and kept as held back.
    let refused = d.fails(
        "Dana",
        &["interactions", "add", &rita, "--channel", "phone", "--direction", "out", "--summary", "Your plates are in"],
    );
    assert_eq!(refused["code"], "blocked_by_preference", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("off every list"), "{refused}");
    let check = d.ok("Dana", &["check", "--customer", &rita, "--channel", "email", "--reason", "Your plates are in"]);
    assert_eq!(check["decision"], "blocked");

    // Her page says who heard it: "told Sam".
    let page = d.ok("Dana", &["customers", "show", &rita]);
    let statement = &page["customer"]["preferences"][0];
    let by = page["entered_by"].as_array().unwrap().iter().find(|e| e["record_id"] == statement["id"]).cloned();
    assert_eq!(by.expect("who entered the statement")["name"], "Sam");
    let out = std::process::Command::new(rapport_tests::binary())
        .args(["customers", "show", &rita])
        .envs(d.sandbox.env())
        .env("RAPPORT_DB", &d.url)
        .env("RAPPORT_USER", "dana@dealer.example")
        .env("RAPPORT_PASSWORD", "Dana's password")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(told Sam on"), "{text}");

    // A campaign by tag leaves her out, with her words.
    let campaign = d.ok("Maria", &["campaign", "check", "--tag", "fleet", "--topic", "service", "--channel", "email"]);
    assert_eq!(campaign["excluded"][0]["customer_id"], rita.as_str());
    assert!(campaign["included"].as_array().unwrap().is_empty());
}

#[test]
fn a_salesperson_drafts_a_thank_you_and_logs_her_email_on_the_shared_book() {
    let Some(d) = Dealership::start() else { return };
    let rita = d.ok("Dana", &["customers", "add", "Rita Kowalski", "--email", "rita@example.com"]);
    let rita = rita["id"].as_str().unwrap().to_string();
    d.ok("Dana", &["purchases", "add", &rita, "2024 Tacoma TRD", "--feature", "tow package"]);

    // The draft reads her record; kept, it is on the Notes list as a draft, entered by Dana.
    let draft = d.ok("Dana", &["draft", "thank-you", "--customer", &rita, "--save"]);
    let text = draft["text"].as_str().unwrap();
    assert!(text.contains("Rita") && text.contains("Tacoma"), "{text}");
    let notes = d.ok("Dana", &["notes", "list", "--status", "draft"]);
    assert_eq!(notes[0]["text"].as_str(), Some(text), "{notes}");
    assert_eq!(notes[0]["customer_name"], "Rita Kowalski");

    // The same words checked for Sam's customer are a near-copy of Rita's note.
    let noor = d.ok("Sam", &["customers", "add", "Noor Haddad"]);
    let copy = d.sandbox.dir.path().join("copy.txt");
    std::fs::write(&copy, text).unwrap();
    let lint = d.ok("Sam", &["lint", "--customer", noor["id"].as_str().unwrap(), copy.to_str().unwrap()]);
    let rules: Vec<&str> = lint["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"near_copy"), "{rules:?}");

    // Her email, saved from the mail app, is logged with her by her address, once.
    let eml = d.sandbox.dir.path().join("plates.eml");
    let mail = "From: Rita <rita@example.com>\r\nTo: dana@dealer.example\r\nSubject: Plates\r\n\
                Date: Mon, 23 Nov 2026 09:15:00 -0700\r\n\r\nAny news on my plates?\r\n";
    std::fs::write(&eml, mail).unwrap();
    let logged = d.ok("Dana", &["log", eml.to_str().unwrap()]);
    assert_eq!(logged["logged"][0]["logged"]["customer_id"], rita.as_str(), "{logged}");
    assert_eq!(logged["logged"][0]["logged"]["direction"], "in");
    let again = d.ok("Maria", &["log", eml.to_str().unwrap()]);
    assert!(again["logged"][0]["logged"]["interaction"].is_null(), "logged once: {again}");
    let page = d.ok("Maria", &["customers", "show", &rita]);
    assert_eq!(page["customer"]["interactions"].as_array().unwrap().len(), 1);
}

#[test]
fn people_sign_in_as_themselves_and_roles_decide_what_they_may_do() {
    let Some(d) = Dealership::start() else { return };
    let wrong = d.run_as(None, &["customers", "list"], None).unwrap_err();
    assert_eq!(wrong["error"]["code"], "sign_in", "no --user: {wrong}");
    let mut env = d.sandbox.env();
    env.extend([
        ("RAPPORT_DB".to_string(), d.url.clone()),
        ("RAPPORT_USER".to_string(), "dana@dealer.example".to_string()),
        ("RAPPORT_PASSWORD".to_string(), "not Dana's password".to_string()),
    ]);
    let out = std::process::Command::new(rapport_tests::binary())
        .args(["customers", "list", "--json"])
        .envs(env)
        .output()
        .unwrap();
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["code"], "sign_in", "{e}");

    let refused = d.run_as(
        Some("Dana"),
        &["users", "add", "--name", "Zed", "--email", "zed@dealer.example"],
        Some("Zed's password"),
    );
    assert_eq!(refused.unwrap_err()["error"]["code"], "not_allowed");
    let again = d.run_as(
        None,
        &["users", "add", "--first", "--name", "Eve", "--email", "eve@dealer.example"],
        Some("Eve's password1"),
    );
    assert_eq!(again.unwrap_err()["error"]["code"], "not_allowed", "a started book is not started again");
    let people = d.ok("Dana", &["users", "list"]);
    let names: Vec<&str> = people.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Dana", "Maria", "Sam"]);
    assert!(!people.to_string().contains("argon2"), "no hash leaves the book");

    // Dana leaves: the manager hands her customers to Maria in one step, and Dana can no longer sign in.
    d.ok("Dana", &["customers", "add", "Rita Kowalski"]);
    let moved = d.ok(
        "Maria",
        &["customers", "reassign", "--from", "dana@dealer.example", "--to", "maria@dealer.example", "--leaving"],
    );
    assert_eq!(moved["moved"], 1);
    assert_eq!(d.fails("Dana", &["customers", "list"])["code"], "sign_in");

    // What the shared book does not do yet says so, and names what it does.
    let e = d.fails("Maria", &["backup"]);
    assert!(e["message"].as_str().unwrap().contains("own book only"), "{e}");
    // The window signs in first: with a wrong password no window opens, and the reason is said.
    let out = std::process::Command::new(rapport_tests::binary())
        .envs(d.sandbox.env())
        .env("RAPPORT_DB", &d.url)
        .env("RAPPORT_USER", "maria@dealer.example")
        .env("RAPPORT_PASSWORD", "not Maria's password")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("do not sign in"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_managers_own_book_moves_in_whole_and_comes_out_again() {
    // The manager, who sells too: their book brings the dealership's rules (a salesperson's brings only customers,
    // core/tests/dealership.rs).
    let Some(d) = Dealership::start() else { return };
    let own = Sandbox::new();
    own.ok(&["demo"]);
    let before: Value = serde_json::from_str(&own.ok(&["export", "json"])).unwrap();
    let customers = before["customers"].as_array().unwrap().len();
    assert!(customers > 5);

    let mut env = own.env();
    env.extend([
        ("RAPPORT_USER".to_string(), "maria@dealer.example".to_string()),
        ("RAPPORT_PASSWORD".to_string(), "Maria's password".to_string()),
    ]);
    let share = |env: &[(String, String)]| {
        std::process::Command::new(rapport_tests::binary())
            .args(["share", "--to", &d.url, "--json"])
            .envs(env.iter().cloned())
            .output()
            .unwrap()
    };
    let out = share(&env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let moved: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(moved["customers"], customers);
    // Twice is refused whole: nothing is written the second time.
    let again = share(&env);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in this book"));
    assert_eq!(d.ok("Maria", &["customers", "list"]).as_array().unwrap().len(), customers);

    // Maria's Today on the shared book is the one she had on her own.
    let own_agenda = own.json(&["agenda", "--days", "30"]);
    let shared_agenda = d.ok("Maria", &["agenda", "--days", "30"]);
    let ids = |a: &Value| {
        let mut ids: Vec<String> =
            a["reasons"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    };
    assert!(!ids(&own_agenda).is_empty());
    assert_eq!(ids(&own_agenda), ids(&shared_agenda));

    // And out again: the shared book's export reads back into a new book of one's own, every statement with it.
    let out_again = d.ok("Maria", &["export", "json"]);
    let fresh = Sandbox::new();
    let file = fresh.dir.path().join("from-the-dealership.json");
    std::fs::write(&file, out_again.to_string()).unwrap();
    fresh.ok(&["import", "json", file.to_str().unwrap()]);
    let after: Value = serde_json::from_str(&fresh.ok(&["export", "json"])).unwrap();
    let statements = |b: &Value| -> usize {
        b["customers"].as_array().unwrap().iter().map(|c| c["preferences"].as_array().unwrap().len()).sum()
    };
    assert_eq!(after["customers"].as_array().unwrap().len(), customers);
    assert_eq!(statements(&after), statements(&before));
}

/// Drops the cluster `scripts/serve` made for a test, however the test ends.
struct ServedCluster(String);

impl Drop for ServedCluster {
    fn drop(&mut self) {
        let version = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).max())
            .unwrap_or_default();
        let _ = std::process::Command::new("pg_dropcluster").args(["--stop", &version, &self.0]).status();
    }
}

#[test]
fn scripts_serve_sets_up_a_server_a_salesperson_reaches_over_tls_with_a_password() {
    // It makes (and then drops) a cluster of the distribution's PostgreSQL: that takes root, as on the dealership's
    // server. Under scripts/test on CI it runs as root.
    let is_root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let has_tools = std::path::Path::new("/usr/bin/pg_createcluster").exists();
    if !is_root || !has_tools {
        assert!(std::env::var_os("RAPPORT_TEST_POSTGRES_REQUIRED").is_none() || !has_tools || !is_root, "unreachable");
        eprintln!("skipped: scripts/serve needs root and the postgresql-common tools (pg_createcluster)");
        return;
    }
    let name = format!("rapport_serve_{}", std::process::id());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
    let _cleanup = ServedCluster(name.clone());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let served = std::process::Command::new("bash")
        .arg(root.join("scripts/serve"))
        .args(["--cluster", &name, "--port", &port, "--database", "dealership"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&served.stdout);
    assert!(served.status.success(), "{said}{}", String::from_utf8_lossy(&served.stderr));
    assert!(said.contains("letting Rapport in: over TLS"), "{said}");
    // Run again, it only checks.
    let again = std::process::Command::new("bash")
        .arg(root.join("scripts/serve"))
        .args(["--cluster", &name, "--port", &port])
        .output()
        .unwrap();
    assert!(again.status.success());
    let said_again = String::from_utf8_lossy(&again.stdout);
    for not_twice in ["creating", "restarting", "setting ", "letting"] {
        assert!(!said_again.contains(not_twice), "a second run only checks: {said_again}");
    }

    // A salesperson on another machine: this machine's network address, the certificate, the server's password.
    let address = String::from_utf8_lossy(&std::process::Command::new("hostname").arg("-I").output().unwrap().stdout)
        .split_whitespace()
        .next()
        .map(String::from)
        .unwrap_or_else(|| "localhost".into());
    let conf = std::path::PathBuf::from(format!(
        "/etc/postgresql/{}/{name}",
        std::fs::read_dir("/usr/lib/postgresql")
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .max()
            .unwrap()
    ));
    let password = std::fs::read_to_string(conf.join("rapport.password")).unwrap();
    let cert = conf.join("rapport-server.crt");
    let url = format!("postgres://rapport@{address}:{port}/dealership?sslrootcert={}", cert.display());
    let sandbox = Sandbox::new();
    let rapport = |url: &str, server_password: &str, args: &[&str]| {
        std::process::Command::new(rapport_tests::binary())
            .args(args)
            .arg("--json")
            .envs(sandbox.env())
            .env("RAPPORT_DB", url)
            .env("PGPASSWORD", server_password)
            .env("RAPPORT_USER", "maria@dealer.example")
            .env("RAPPORT_PASSWORD", "Maria's password")
            .env("RAPPORT_NEW_PASSWORD", "Maria's password")
            .output()
            .unwrap()
    };
    let started =
        rapport(&url, &password, &["users", "add", "--first", "--name", "Maria", "--email", "maria@dealer.example"]);
    assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
    let listed = rapport(&url, &password, &["users", "list"]);
    assert!(listed.status.success() && String::from_utf8_lossy(&listed.stdout).contains("Maria"));

    // A wrong server password, no certificate, or asking for no TLS: refused, each said plainly.
    let wrong = rapport(&url, "not the password", &["users", "list"]);
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("\"sign_in\""),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    let bare = format!("postgres://rapport@{address}:{port}/dealership");
    let untrusted = rapport(&bare, &password, &["users", "list"]);
    assert!(
        String::from_utf8_lossy(&untrusted.stderr).contains("certificate"),
        "{}",
        String::from_utf8_lossy(&untrusted.stderr)
    );
    let plain = format!("{url}&sslmode=disable");
    let forced = rapport(&plain, &password, &["users", "list"]);
    assert!(
        forced.status.success(),
        "TLS is used however the address asks: {}",
        String::from_utf8_lossy(&forced.stderr)
    );
}

#[test]
fn a_salesperson_brings_a_contact_file_into_the_shared_book_as_her_own_customers() {
    let Some(d) = Dealership::start() else { return };
    let rita = d.ok("Maria", &["customers", "add", "Rita Kowalski", "--email", "rita@example.com"]);
    let rita = rita["id"].as_str().unwrap().to_string();
    let sheet = d.sandbox.dir.path().join("contacts.csv");
    std::fs::write(
        &sheet,
        "Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Notes\n\
         Rita Kowalski,Rita,Kowalski,rita@example.com,+1 720 555 0199,Met at fleet day\n\
         Tomás Ortega,Tomás,Ortega,tomas@example.com,,Wants a #HeavyDuty truck\n",
    )
    .unwrap();
    let path = sheet.to_str().unwrap();
    let everyone = || d.ok("Maria", &["customers", "list"]).as_array().unwrap().len();
    let preview = d.ok("Dana", &["import", "csv", path, "--dry-run"]);
    assert_eq!(preview["plan"]["new_customers"], 1, "{preview}");
    assert_eq!(everyone(), 1, "a dry run writes nothing");

    let done = d.ok("Dana", &["import", "csv", path]);
    assert_eq!((done["report"]["added"].as_u64(), done["report"]["merged"].as_u64()), (Some(1), Some(1)), "{done}");
    assert_eq!(everyone(), 2, "Rita is found again, not added twice");
    // Tomás is Dana's, on her Today and in her export; Rita keeps her place, with the file's phone and note.
    let mine = d.ok("Dana", &["export", "json"]);
    assert!(mine.to_string().contains("Tomás Ortega"), "{mine}");
    let found = d.ok("Maria", &["customers", "search", "HeavyDuty"]);
    assert!(found.to_string().contains("Tomás Ortega"), "searchable at once: {found}");
    let rita = d.ok("Maria", &["customers", "show", &rita]);
    assert!(rita.to_string().contains("+1 720 555 0199") && rita.to_string().contains("Met at fleet day"), "{rita}");
}

#[test]
fn a_computer_remembers_its_dealership_book_until_it_signs_out() {
    let Some(d) = Dealership::start() else { return };
    d.ok("Dana", &["customers", "add", "Rita Kowalski", "--email", "rita@example.com"]);
    let settings = d.sandbox.dir.path().join("config/org.rapport.desktop/dealership-book.json");
    // No --db, no --user and no password: what this computer remembers, or one's own book.
    let plain = |args: &[&str], password: Option<&str>| {
        let mut command = std::process::Command::new(rapport_tests::binary());
        command.args(args).arg("--json").envs(d.sandbox.env()).env_remove("RAPPORT_DB");
        if let Some(p) = password {
            command.env("RAPPORT_PASSWORD", p);
        }
        command.stdin(std::process::Stdio::null()).output().unwrap()
    };
    let names = |out: std::process::Output| -> Vec<String> {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let list: Value = serde_json::from_slice(&out.stdout).unwrap();
        list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert!(names(plain(&["customers", "list"], None)).is_empty(), "one's own book, empty, before signing in");

    // Dana signs in once and keeps her password here: from then on every command goes to the shared book.
    let signed = d.ok("Dana", &["sign-in", "--remember-password"]);
    assert_eq!(signed["password_remembered"], true, "{signed}");
    let server_password = d.url.split_once("://").unwrap().1.split('@').next().unwrap().split(':').nth(1);
    if let Some(secret) = server_password {
        assert!(
            !signed["book"].as_str().unwrap().contains(secret),
            "the address is shown without the server's password"
        );
    }
    assert_eq!(names(plain(&["customers", "list"], None)), ["Rita Kowalski"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&settings).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The password is in that one file only: nowhere in the data folder (one's own book, its log), nor the cache.
    for folder in ["data", "cache", "home"] {
        for file in walk(&d.sandbox.dir.path().join(folder)) {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("Dana's password"),
                "{} holds the password",
                file.display()
            );
        }
    }
    let book_files = walk(&d.sandbox.dir.path().join("data"));
    assert!(
        book_files.iter().any(|f| f.ends_with("rapport.sqlite3")),
        "one's own book was there to look in: {book_files:?}"
    );

    // Signed in again without keeping the password: it is asked for (here: none can be typed) and never guessed.
    d.ok("Dana", &["sign-in"]);
    assert!(!std::fs::read_to_string(&settings).unwrap().contains("Dana's password"));
    let asked = plain(&["customers", "list"], None);
    assert!(!asked.status.success());
    let e: Value = serde_json::from_slice(&asked.stderr).unwrap();
    assert_eq!(e["error"]["code"], "sign_in", "{e}");
    assert!(e["error"]["message"].as_str().unwrap().contains("no password for dana@dealer.example"), "{e}");
    assert_eq!(names(plain(&["customers", "list"], Some("Dana's password"))), ["Rita Kowalski"]);

    // A remembered file others could read is not used, and the error says how to mend it; signing out still works.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&settings, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = plain(&["customers", "list"], Some("Dana's password"));
        assert!(!refused.status.success());
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("chmod 600"),
            "{}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
    let out = plain(&["sign-out"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["forgot"], true);
    assert!(!settings.exists());
    assert!(names(plain(&["customers", "list"], None)).is_empty(), "one's own book again");
    // Signing in needs the dealership book's address.
    let e = d.sandbox.fails(&["sign-in"]);
    assert!(e.contains("works on a dealership book"), "{e}");
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_salesperson_corrects_her_own_customers_record_from_the_command_line_and_no_one_elses() {
    let Some(d) = Dealership::start() else { return };
    d.run_as(
        Some("Maria"),
        &["users", "add", "--name", "Leo", "--email", "leo@dealer.example"],
        Some("Leo's password"),
    )
    .expect("the manager adds Leo");
    let rita = d.ok("Dana", &["customers", "add", "Rita Kowalski", "--email", "rita@example.com"]);
    let rita = rita["id"].as_str().unwrap().to_string();
    let fact = d.ok("Dana", &["facts", "add", &rita, "Coaches #Soccer on Saturdays"]);
    let fact = fact["id"].as_str().unwrap().to_string();
    let fixed = d.ok("Dana", &["facts", "correct", &fact[..10], "--text", "Coaches #Hockey on Saturdays"]);
    assert_eq!(fixed["text"], "Coaches #Hockey on Saturdays");
    d.ok("Dana", &["tags", "add", &rita, "VIP"]);
    let tags: Vec<String> = d
        .ok("Dana", &["tags", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        tags.contains(&"vip".into()) && tags.contains(&"hockey".into()) && !tags.contains(&"soccer".into()),
        "{tags:?}"
    );

    // Leo may not correct Dana's customer; the refusal names why, and nothing changes.
    let refused = d.fails("Leo", &["remove", "fact", &fact]);
    assert_eq!(refused["code"], "not_allowed", "{refused}");
    let refused = d.fails("Leo", &["tags", "remove", &rita, "VIP"]);
    assert_eq!(refused["code"], "not_allowed", "{refused}");
    let page = d.ok("Maria", &["customers", "show", &rita]);
    assert_eq!(page["customer"]["facts"].as_array().map(Vec::len), Some(1), "{page}");

    let removed = d.ok("Dana", &["remove", "fact", &fact]);
    assert_eq!(removed["customer_id"], rita.as_str());
    let page = d.ok("Maria", &["customers", "show", &rita]);
    assert!(page["customer"]["facts"].as_array().unwrap().is_empty());
}
