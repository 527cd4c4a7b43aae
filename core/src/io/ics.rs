//! The agenda as iCalendar, for salespeople who live in their calendar: one event per reason, in its contact
//! window, with the value for the customer as the title and a reminder 15 minutes before (a promise due at a time
//! is an event with its reminder).

use icalendar::{Alarm, Calendar, Component, Event, EventLike};

use crate::reasons::Agenda;

pub fn agenda(a: &Agenda) -> String {
    let mut cal = Calendar::new();
    cal.name("Rapport — reasons worth your customers' time");
    for r in &a.reasons {
        let mut description = format!("{} — by {}\n{}\n", r.customer_name, r.channel.word(), r.why_now);
        description += &format!("{} · {}\n", r.window.their_time, r.window.your_time);
        for p in &r.talking_points {
            description += &format!("• {p}\n");
        }
        let title = format!("{}: {}", r.customer_name, r.value);
        let event = Event::new()
            .uid(&format!("{}@rapport", r.id))
            .summary(&title)
            .description(&description)
            .starts(r.window.start)
            .ends(r.window.start + chrono::Duration::minutes(15))
            .timestamp(a.now)
            .alarm(Alarm::display(&title, -chrono::Duration::minutes(15)))
            .done();
        cal.push(event);
    }
    crate::handoff::without_alarm_stamps(&cal.done().to_string())
}

/// The calendar file a calendar app subscribes to: `<book>-calendar.ics` beside the book (`rapport-calendar.ics`
/// for the default book), so two books in one folder never share one.
pub fn subscription_path(book: &std::path::Path) -> std::path::PathBuf {
    let stem = book.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "rapport".into());
    book.with_file_name(format!("{stem}-calendar.ics"))
}

/// Whether two calendar files hold the same events: only their `DTSTAMP`s (when each was written) may differ.
pub fn same_events(a: &str, b: &str) -> bool {
    let events = |t: &str| t.lines().filter(|l| !l.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\n");
    events(a) == events(b)
}

/// Keeps the subscription file at `path` current with the next `days` days' reasons that are the reader's own
/// ([`crate::Book::own_agenda`]), rewritten whole only when an event changed — so a calendar app that refreshes it
/// sees a change only when there is one. Returns whether it wrote.
pub fn keep_calendar_file_at(
    book: &dyn crate::Book,
    path: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
    days: u32,
) -> crate::Result<bool> {
    let text = agenda(&book.own_agenda(now, days)?);
    let before = std::fs::read_to_string(path).unwrap_or_default();
    if same_events(&before, &text) {
        return Ok(false);
    }
    super::write_whole(path, text.as_bytes()).map_err(|e| crate::Error::BadFile(format!("{}: {e}", path.display())))?;
    Ok(true)
}

impl crate::Store {
    /// Keeps the subscription file ([`subscription_path`]) current ([`keep_calendar_file_at`]).
    ///
    /// An encrypted book keeps no calendar file (its customers' names would lie beside it in plain text); one
    /// written before the passphrase was set is removed.
    pub fn keep_calendar_file(&self, now: chrono::DateTime<chrono::Utc>, days: u32) -> crate::Result<bool> {
        let path = subscription_path(self.path());
        if self.is_encrypted() {
            let _ = std::fs::remove_file(&path);
            return Ok(false);
        }
        keep_calendar_file_at(self, &path, now, days)
    }
}

#[cfg(test)]
mod tests {
    use crate::Book as _;

    #[test]
    fn every_reason_is_an_event_with_its_reminder_and_nothing_from_the_wall_clock() {
        let now = "2026-11-23T16:00:00Z".parse().unwrap();
        let book = crate::demo::book(now);
        let mut store = crate::Store::open_in_memory().unwrap();
        store.import_book(&book).unwrap();
        let agenda = store.agenda(now, 30).unwrap();
        assert!(!agenda.reasons.is_empty());
        let text = super::agenda(&agenda);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), agenda.reasons.len());
        assert_eq!(text.matches("BEGIN:VALARM").count(), agenda.reasons.len());
        assert!(text.contains("TRIGGER:-PT900S"));
        assert_eq!(text, super::agenda(&agenda), "the same agenda, the same file");
    }

    #[test]
    fn the_subscription_file_is_rewritten_only_when_an_event_changes() {
        let dir = tempfile::TempDir::new().unwrap();
        let now: chrono::DateTime<chrono::Utc> = "2026-11-23T16:00:00Z".parse().unwrap();
        let mut store = crate::Store::open(&dir.path().join("alice.sqlite3")).unwrap();
        store.import_book(&crate::demo::book(now)).unwrap();
        let file = dir.path().join("alice-calendar.ics");
        assert_eq!(super::subscription_path(store.path()), file);
        assert!(store.keep_calendar_file(now, 30).unwrap(), "written the first time");
        let first = std::fs::read_to_string(&file).unwrap();
        assert!(first.contains("BEGIN:VEVENT"));
        let later = now + chrono::Duration::seconds(30);
        assert!(!store.keep_calendar_file(later, 30).unwrap(), "nothing changed: not rewritten");
        // A new promise is a new event.
        let ana = &store.export_book().unwrap().customers[0].customer.id.clone();
        let promise = crate::model::NewPromise {
            what: "Send the towing specs".into(),
            due_on: (now + chrono::Duration::days(2)).date_naive(),
            made_on: None,
        };
        store.add_promise(ana, promise, now).unwrap();
        assert!(store.keep_calendar_file(later, 30).unwrap(), "a new promise rewrites it");
        assert!(std::fs::read_to_string(&file).unwrap().contains("Send the towing specs"));
    }
}
