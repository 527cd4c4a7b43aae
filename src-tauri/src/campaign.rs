//! The window's campaign check (issue 17): a mailing list's bytes (or a tag) and the campaign in, who may and who
//! may not receive it out — decided by `Store::check_campaign` — and its two CSV files saved in a folder the
//! salesperson picks.

use std::sync::Mutex;

use rapport_core::io::csv;
use rapport_core::model::Channel;
use rapport_core::store::{Campaign, CampaignCheck, CampaignList};
use rapport_core::Error;
use serde::{Deserialize, Serialize};
use tauri::ipc::Request;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_any, Book, IpcError};
use crate::transfer::{file_bytes, header};

/// The last check, for saving its files.
#[derive(Default)]
pub struct LastCampaign(Mutex<Option<CampaignCheck>>);

/// The campaign, sent beside the list's bytes (in the `x-campaign` header, as ASCII JSON).
#[derive(Deserialize)]
struct Asked {
    tag: Option<String>,
    topic: String,
    channel: Channel,
    text: Option<String>,
}

#[tauri::command(async)]
pub fn check_campaign(
    book: State<'_, Book>,
    last: State<'_, LastCampaign>,
    request: Request<'_>,
) -> Result<CampaignCheck, IpcError> {
    let asked: Asked = serde_json::from_str(&header(&request, "x-campaign").unwrap_or_default())
        .map_err(|e| Error::invalid("campaign", e.to_string()))?;
    let list = match asked.tag.filter(|t| !t.trim().is_empty()) {
        Some(tag) => CampaignList::Tag(tag),
        None => {
            let bytes = file_bytes(&request, ("list", "choose the mailing list's file, or a tag"))?;
            CampaignList::Rows(csv::read_list(bytes)?)
        }
    };
    let campaign = Campaign { channel: asked.channel, topic: Some(asked.topic), text: asked.text };
    let checked = with_any(&book, move |s, now| s.check_campaign(list, &campaign, now))?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(checked.clone());
    Ok(checked)
}

#[derive(Serialize)]
pub struct Saved {
    /// The folder's name (the window never shows full paths); null when the salesperson cancelled.
    folder: Option<String>,
}

/// Asks for a folder (a native dialog), then writes the last check as `campaign-included.csv` and
/// `campaign-excluded.csv` (the suppression list). Files already there are not replaced.
#[tauri::command]
pub async fn save_campaign(app: AppHandle) -> Result<Saved, IpcError> {
    let checked = app.state::<LastCampaign>().0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let checked = checked.ok_or_else(|| Error::invalid("campaign", "check a list first"))?;
    let Some(dir) = app.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok()) else {
        return Ok(Saved { folder: None });
    };
    let files = [("campaign-included.csv", checked.included_csv()), ("campaign-excluded.csv", checked.excluded_csv())];
    for (name, _) in &files {
        if dir.join(name).exists() {
            return Err(Error::invalid("folder", format!("{name} is already there; pick another folder")).into());
        }
    }
    for (name, text) in &files {
        rapport_core::io::write_whole(&dir.join(name), text.as_bytes()).map_err(|e| IpcError::from(Error::Io(e)))?;
    }
    Ok(Saved { folder: dir.file_name().map(|f| f.to_string_lossy().to_string()) })
}
