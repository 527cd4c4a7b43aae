//! Embeds every file of `migrations/` in order, so a new migration can never be silently left out, and the language
//! module's checked-in weights deflated (1.1 MB of JSON is a twentieth of the binary; deflated it is a quarter of that).

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("core/migrations exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    for (i, f) in files.iter().enumerate() {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let number: usize = name.split('_').next().and_then(|n| n.parse().ok()).unwrap_or(0);
        assert_eq!(number, i + 1, "migrations must be numbered 0001_, 0002_ … without gaps; {name} is out of place");
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let body: String = files.iter().map(|f| format!("    include_str!({:?}),\n", f.display().to_string())).collect();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).join("migrations.rs");
    fs::write(
        out,
        format!("/// The schema migrations, oldest first.\npub(crate) const MIGRATIONS: &[&str] = &[\n{body}];\n"),
    )
    .expect("OUT_DIR is writable");
    deflate_weights();
}

/// The weights stay readable JSON in the repository (a retrain shows as a diff); the binary carries them deflated.
fn deflate_weights() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("src/language");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).to_path_buf();
    for name in ["second_opinion.json", "listening.json"] {
        let from = dir.join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        let json = fs::read(&from).expect("the checked-in weights are there");
        let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
        fs::write(out.join(format!("{name}.deflate")), packed).expect("OUT_DIR is writable");
    }
}
