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

#[cfg(test)]
mod tests {
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
}
