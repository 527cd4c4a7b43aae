//! What customers told the salesperson stays the salesperson's: every file Rapport writes is readable by its owner
//! only, whatever the umask, and a book made readable to others before is made private again when opened.

use std::path::Path;

/// Makes this process create files `0600` and folders `0700` (book, WAL, backups, exports, the data folder), and
/// closes up what already exists of the book at `db`: the file, its `-wal` and `-shm`, its folder when it is
/// Rapport's own data folder, and the `backups` beside it with each book's folder in it.
pub fn owner_only(db: &Path, own_folder: bool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
        let set = |p: &Path, mode: u32| {
            if p.exists() {
                let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
            }
        };
        for suffix in ["", "-wal", "-shm"] {
            set(Path::new(&format!("{}{suffix}", db.display())), 0o600);
        }
        if let Some(folder) = db.parent().filter(|f| !f.as_os_str().is_empty()) {
            if own_folder {
                set(folder, 0o700);
            }
            // `backups/` holds a folder per book (and, from before, backups of the default book).
            fn close_up(dir: &Path, depth: u8, set: &dyn Fn(&Path, u32)) {
                set(dir, 0o700);
                for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                    match e.file_type() {
                        Ok(t) if t.is_dir() && depth > 0 => close_up(&e.path(), depth - 1, set),
                        Ok(t) if t.is_file() => set(&e.path(), 0o600),
                        _ => {}
                    }
                }
            }
            close_up(&folder.join("backups"), 1, &set);
        }
    }
    #[cfg(not(unix))]
    let _ = (db, own_folder);
}
