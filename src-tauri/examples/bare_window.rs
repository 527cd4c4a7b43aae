//! A bare Tauri 2 window built from Rapport's own dependencies and configuration, with nothing of Rapport in it: no
//! book, no commands, a page with one line of text. It is the floor `tests/benches/window.rs` measures the app
//! against, in the same run: `cargo build --release -p rapport --example bare_window`.

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App("bench-bare.html".into()))
                .title("bare")
                .inner_size(1280.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
