//! House rules that no compiler checks, read from the source tree (in the manner of rust-analyzer's tidy tests):
//! the window's commands are listed alike wherever they must be, customer text reaches the page only through the one
//! escaping module, only the IPC module touches the backend, and no test sleeps a fixed time and hopes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_path_buf()
}

fn read(path: &str) -> String {
    let full = root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every file under `dir` (relative to the workspace) whose name ends with `ext`, as (relative path, text).
fn files(dir: &str, ext: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&root().join(dir), ext, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..from + to]
}

/// The `"…"` strings in a piece of source.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

/// A name's last `::` segment (`crate::transfer::import_preview` → `import_preview`).
fn last_segment(path: &str) -> String {
    path.rsplit("::").next().unwrap().trim().to_string()
}

/// Every function marked `#[tauri::command]` in the shell.
fn command_functions() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, text) in files("src-tauri/src", ".rs") {
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("#[tauri::command") {
                let signature = lines.by_ref().find(|l| l.contains("fn ")).expect("a function after #[tauri::command]");
                let after = signature.split("fn ").nth(1).unwrap();
                out.insert(after.split(['(', '<']).next().unwrap().trim().to_string());
            }
        }
    }
    out
}

fn differences(what: &str, got: &BTreeSet<String>, want: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for missing in want.difference(got) {
        out.push(format!("{what} lacks `{missing}`"));
    }
    for extra in got.difference(want) {
        out.push(format!("{what} has `{extra}`, which is no command"));
    }
    out
}

#[test]
fn every_command_is_listed_alike_in_the_shell_the_capability_the_window_and_the_docs() {
    let commands = command_functions();
    assert!(commands.len() > 40, "found the commands: {commands:?}");

    let build = quoted(between(&read("src-tauri/build.rs"), "const COMMANDS: &[&str] = &[", "];"));
    let handler: BTreeSet<String> = between(&read("src-tauri/src/window.rs"), "generate_handler![", "]")
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(last_segment)
        .collect();
    let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let ipc = read("ui/lib/ipc.js");
    // `call('name', …)`, and `invoke('name', bytes, …)` for the one command that takes a file's raw bytes.
    let called: BTreeSet<String> = ["call('", "invoke('"]
        .iter()
        .flat_map(|opening| ipc.split(opening).skip(1))
        .map(|rest| rest.split('\'').next().unwrap().to_string())
        .collect();
    let documented: BTreeSet<String> = read("docs/IPC.md")
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect();

    let mut problems = Vec::new();
    problems.extend(differences("src-tauri/build.rs COMMANDS", &build, &commands));
    problems.extend(differences("window.rs generate_handler!", &handler, &commands));
    problems.extend(differences("capabilities/main.json", &granted, &commands));
    problems.extend(differences("ui/lib/ipc.js", &called, &commands));
    problems.extend(differences("docs/IPC.md's table", &documented, &commands));
    assert!(problems.is_empty(), "the command lists disagree:\n{}", problems.join("\n"));
}

#[test]
fn the_capability_grants_nothing_but_the_apps_own_commands_and_its_events() {
    let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let foreign: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.starts_with("allow-") && !["core:event:allow-listen", "core:event:allow-unlisten"].contains(p))
        .collect();
    assert!(foreign.is_empty(), "permissions beyond the app's own commands: {foreign:?}");
}

#[test]
fn markup_is_written_only_by_the_escaping_module() {
    let writes_markup = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment"];
    let mut problems = Vec::new();
    for (path, text) in files("ui", ".js") {
        if path == "ui/lib/html.js" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for word in writes_markup.iter().filter(|w| line.contains(**w)) {
                problems.push(format!("{path}:{}: {word}", n + 1));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "only ui/lib/html.js may write markup (it escapes customer text):\n{}",
        problems.join("\n")
    );
}

#[test]
fn only_the_ipc_module_touches_the_backend() {
    let mut problems = Vec::new();
    for (path, text) in files("ui", ".js").into_iter().chain(files("ui", ".html")) {
        if path == "ui/lib/ipc.js" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if line.contains("__TAURI__") || line.contains("invoke(") {
                problems.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(problems.is_empty(), "only ui/lib/ipc.js may call the backend:\n{}", problems.join("\n"));
}

/// A test waits for what it expects through `wait_until` / `eventually` (tests/src/lib.rs), never a fixed sleep.
#[test]
fn no_test_sleeps_a_fixed_time() {
    // The only sleeps allowed: the waits themselves, the fault suite's timer, whose length *is* the fault (a
    // process killed that many milliseconds into its work), and the window benchmark's settling before it reads
    // memory (the time left alone is what is measured after).
    let allowed = ["tests/src/lib.rs", "tests/faults.rs", "tests/tidy.rs", "tests/benches/window.rs"];
    let mut problems = Vec::new();
    let sources = files("tests", ".rs").into_iter().chain(files("core/tests", ".rs"));
    for (path, text) in sources {
        if allowed.contains(&path.as_str()) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if line.contains("sleep(") {
                problems.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(problems.is_empty(), "use wait_until / eventually instead:\n{}", problems.join("\n"));
}

/// The page asks up front (`<link rel="modulepreload">` in ui/index.html) for exactly the modules its first view
/// needs: what ui/main.js imports statically, directly or through other modules. The other views are loaded with
/// `import()` when first shown; preloading them would make the first Today wait for them.
#[test]
fn the_page_preloads_exactly_what_its_first_view_imports() {
    let page = read("ui/index.html");
    let listed: BTreeSet<String> = page
        .split("<link rel=\"modulepreload\" href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    // Static imports only (`… from './x.js'`), followed from main.js; paths relative to ui/.
    let mut needed: BTreeSet<String> = BTreeSet::new();
    let mut waiting = vec!["main.js".to_string()];
    while let Some(module) = waiting.pop() {
        let folder = module.rsplit_once('/').map(|(f, _)| f.to_string()).unwrap_or_default();
        for rest in read(&format!("ui/{module}")).split(" from '").skip(1) {
            let mut path: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
            for part in rest.split('\'').next().unwrap().split('/') {
                match part {
                    "." => {}
                    ".." => {
                        path.pop();
                    }
                    name => path.push(name),
                }
            }
            let path = path.join("/");
            if needed.insert(path.clone()) {
                waiting.push(path);
            }
        }
    }
    let missing: Vec<&String> = needed.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&needed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ui/index.html preloads no {missing:?}, which the first view imports, and preloads {extra:?}, which it does not"
    );
}
