//! Moving the whole book in and out of files.

pub mod contact;
pub mod csv;
pub mod ics;
pub mod json;
pub mod vcard;

use std::io::Write;
use std::path::Path;

/// Writes a file whole or not at all: a `.partial` file beside it, synced, then renamed over the target.
/// Exports and the agenda's calendar file go through here, so a full disk never leaves half a file.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".{}.partial", path.file_name().and_then(|n| n.to_str()).unwrap_or("export")));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
