//! Puts the app's own commands under capability control: only those listed here can be granted,
//! and `capabilities/main.json` grants them to the window labelled `main`.

/// Every `#[tauri::command]` the window may call. Keep in step with `src/commands.rs`.
const COMMANDS: &[&str] = &[
    "recovery",
    "recover",
    "app_info",
    "load_demo",
    "list_customers",
    "list_tags",
    "search",
    "customer_page",
    "save_customer",
    "add_contact_point",
    "add_fact",
    "add_goal",
    "add_note",
    "add_purchase",
    "add_promise",
    "keep_promise",
    "open_issue",
    "update_issue",
    "resolve_issue",
    "log_interaction",
    "log_contact_heard",
    "record_preference",
    "check_outreach",
    "read_outreach",
    "hand_off",
    "listen",
    "held_back",
    "list_playbooks",
    "save_playbook",
    "delete_playbook",
    "remove_record",
    "passphrase_state",
    "set_passphrase",
    "agenda",
    "set_reason_state",
    "undo_reason_state",
    "add_reminder",
    "export_agenda_ics",
    "list_backups",
    "backup_now",
    "restore_backup",
    "import_preview",
    "import_apply",
    "cancel_import",
    "export_book",
    "note_details",
    "compose_note",
    "lint_note",
    "set_note_status",
    "list_notes",
    "update_note",
    "get_profile",
    "save_profile",
];

fn main() {
    println!("cargo:rerun-if-changed=../ui");
    println!("cargo:rerun-if-changed=../icons");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
