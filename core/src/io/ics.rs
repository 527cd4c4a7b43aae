//! The agenda as iCalendar, for salespeople who live in their calendar: one event per reason, in its contact
//! window, with the value for the customer as the title.

use icalendar::{Calendar, Component, Event, EventLike};

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
        let event = Event::new()
            .uid(&format!("{}@rapport", r.id))
            .summary(&format!("{}: {}", r.customer_name, r.value))
            .description(&description)
            .starts(r.window.start)
            .ends(r.window.start + chrono::Duration::minutes(15))
            .timestamp(a.now)
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}
