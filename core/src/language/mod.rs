//! Language: the one place in Rapport that reads natural language.
//!
//! - [`outreach`]: what a message to a customer does — a check-in, a pitch on a topic, a push for a channel,
//!   something of value — each with the words that show it. The Guard and the form-letter detector ask it.
//! - [`listen`]: what a customer's words (or the salesperson's call summary) mean — statements about being
//!   contacted, requests, praise and complaints, promises with their dates, personal facts — as suggestions the
//!   salesperson confirms.
//! - [`dates`]: relative dates ("by Friday", "in two weeks") on the customer's calendar.
//!
//! Underneath: [`text`] splits words (with their places), lemmas and negation; [`lexicon`] holds the word lists the
//! rules read by, written as patterns over lemmas ([`pattern`]). Every finding carries character offsets
//! into the text it came from, so the window can underline the very words.

pub mod dates;
pub mod letters;
pub mod lexicon;
pub mod listen;
pub mod outreach;
pub(crate) mod pattern;
pub mod second_opinion;
pub mod text;
pub mod topics;

pub use outreach::{read, Intent, IntentKind, Reading};

use std::ops::Range;
use std::sync::LazyLock;

/// A day as Rapport writes one in its own lines, in any of its date styles ("Wed 27 May", "Wed, May 27",
/// "Wed 2026-05-27", with or without the year).
static WRITTEN_DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
    let months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
    regex::Regex::new(&format!(
        r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?: \d{{1,2}} (?:{months})\b(?: \d{{4}}\b)?|, (?:{months}) \d{{1,2}}\b(?:, \d{{4}}\b)?| \d{{4}}-\d{{2}}-\d{{2}}\b)"
    ))
    .expect("the written-day pattern compiles")
});

/// The name and the day that stand in for the customer's and the reason's in [`impersonal`].
const STAND_IN_NAME: &str = "Noor";
const STAND_IN_DAY: &str = "Mon 1 Jun";

/// A line Rapport wrote about a customer, as it is read: see [`impersonal`].
#[derive(Debug, Clone, PartialEq)]
pub struct Impersonal<'a> {
    line: &'a str,
    /// The line with the stand-ins: what is read.
    pub text: String,
    /// Each stand-in: where it is in `text`, and the range of `line` it stands for.
    swaps: Vec<(Range<usize>, Range<usize>)>,
}

impl<'a> Impersonal<'a> {
    /// A line read as it is written (a message the salesperson wrote): no stand-ins.
    pub fn as_is(line: &'a str) -> Impersonal<'a> {
        Impersonal { line, text: line.to_string(), swaps: Vec::new() }
    }

    /// The words of the line that `words` (found in [`Impersonal::text`]) stand for, to quote them as written.
    pub fn words_in_line(&self, words: &str) -> String {
        let Some(start) = self.text.find(words) else { return words.to_string() };
        let (from, to) = (self.in_line(start, false), self.in_line(start + words.len(), true));
        self.line.get(from..to).unwrap_or(words).to_string()
    }

    /// Where a place in `text` is in the line: a place inside a stand-in is at the edge of what it stands for.
    fn in_line(&self, at: usize, end: bool) -> usize {
        let mut shift = 0isize;
        for (stand_in, was) in &self.swaps {
            if at <= stand_in.start {
                break;
            }
            if at < stand_in.end {
                return if end { was.end } else { was.start };
            }
            shift = was.end as isize - stand_in.end as isize;
        }
        at.saturating_add_signed(shift)
    }
}

/// A line Rapport wrote about a customer ("Will asked on Fri 29 May for: the towing capacity — send it") as it is
/// read: the customer's first name and the days in it are who and when, not words, so each stands in as one
/// fixed name and one fixed day. A customer called Will or a day in May is then not read as "will" or "may", and
/// a month of reasons — 7,400 lines on a 100,000-customer book — is read as the few dozen lines it really is
/// (a reading is remembered by its text).
pub fn impersonal<'a>(line: &'a str, first_name: &str) -> Impersonal<'a> {
    let mut found: Vec<(Range<usize>, &str)> = WRITTEN_DAY.find_iter(line).map(|m| (m.range(), STAND_IN_DAY)).collect();
    let name = first_name.trim();
    if name.chars().count() >= 2 {
        for (at, _) in line.match_indices(name) {
            let was = at..at + name.len();
            let before = line[..at].chars().next_back();
            let after = line[was.end..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
            if whole && !found.iter().any(|(r, _)| r.start < was.end && was.start < r.end) {
                found.push((was, STAND_IN_NAME));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    let mut text = String::with_capacity(line.len());
    let mut swaps = Vec::with_capacity(found.len());
    let mut from = 0;
    for (was, stand_in) in found {
        text.push_str(&line[from..was.start]);
        swaps.push((text.len()..text.len() + stand_in.len(), was.clone()));
        text.push_str(stand_in);
        from = was.end;
    }
    text.push_str(&line[from..]);
    Impersonal { line, text, swaps }
}

/// Makes ready what reading takes the first time — both models inflated and parsed, the lexicon's patterns
/// compiled — so the window can do it on a spare thread while its page loads, not while Today waits.
pub fn warm_up() {
    let _ = read("Your order came in; pick it up any time.");
    let _ = listen::listen(
        "Please text, no calls.",
        crate::model::Direction::Inbound,
        chrono::DateTime::UNIX_EPOCH,
        chrono_tz::UTC,
    );
}

#[cfg(test)]
mod tests {
    use crate::model::Direction;

    proptest::proptest! {
        /// Any text — any script, any marks, any length up to a few thousand characters — gets an answer.
        #[test]
        fn any_text_gets_an_answer_never_a_panic(text in "\\PC{0,400}", tail in "[a-zA-Z\u{0}-\u{7f}\u{80}-\u{2fff}]{0,200}") {
            let t = format!("{text}{tail}");
            let at = "2026-11-20T15:00:00Z".parse().unwrap();
            let _ = super::read(&t);
            let _ = super::listen::listen(&t, Direction::Inbound, at, chrono_tz::Europe::Istanbul);
            let _ = super::listen::listen(&t, Direction::Outbound, at, chrono_tz::Asia::Tokyo);
            let _ = super::letters::hedges(&t);
            let _ = super::letters::promotions(&t);
            let _ = super::letters::salutations(&t);
            let _ = super::dates::find(&t, at.date_naive());
        }
    }

    #[test]
    fn a_line_about_a_customer_is_read_without_their_name_and_its_days() {
        use super::impersonal;
        let text = |line: &str, name: &str| impersonal(line, name).text;
        assert_eq!(
            text("Will asked on Fri 29 May for: the towing capacity — send it", "Will"),
            "Noor asked on Mon 1 Jun for: the towing capacity — send it"
        );
        assert_eq!(text("Due Wed, May 27, 2026: “call Willa back”", "Will"), "Due Mon 1 Jun: “call Willa back”");
        assert_eq!(
            text("Will's free oil change is due Thu 2026-12-03", "Will"),
            "Noor's free oil change is due Mon 1 Jun"
        );
        assert_eq!(text("Winterizing each autumn", "Bo"), "Winterizing each autumn");
        assert_eq!(text("Mon is due", "M"), "Mon is due");
        // Read alike whoever the customer is and whenever it is due.
        assert_eq!(
            text("May asked on Thu 21 May for: the quote — send it", "May"),
            text("Rita asked on Mon 8 Jun for: the quote — send it", "Rita")
        );
    }

    #[test]
    fn words_found_in_the_impersonal_line_are_quoted_as_the_line_has_them() {
        let line = "Josefina shared: “we will trade in the Civic” — Thu 17 Dec; Josefina would like a card";
        let seen = super::impersonal(line, "Josefina");
        assert_eq!(seen.text, "Noor shared: “we will trade in the Civic” — Mon 1 Jun; Noor would like a card");
        assert_eq!(seen.words_in_line("trade in the Civic"), "trade in the Civic");
        assert_eq!(seen.words_in_line("Mon 1 Jun; Noor would"), "Thu 17 Dec; Josefina would");
        assert_eq!(seen.words_in_line("Noor shared"), "Josefina shared");
        assert_eq!(seen.words_in_line("1 Jun"), "Thu 17 Dec");
        assert_eq!(seen.words_in_line("not in it"), "not in it");
    }

    #[test]
    fn words_of_any_script_and_case_never_panic() {
        let at = "2026-11-20T15:00:00Z".parse().unwrap();
        for t in [
            "もing",
            "ぁed",
            "xyz၁ing",
            "İlker here — please call\u{a0}after 5",
            "ẞẞẞẞ call me 9 to 5",
            "ǅǆing stopped",
        ] {
            let _ = super::read(t);
            let _ = super::listen::listen(t, Direction::Inbound, at, chrono_tz::UTC);
        }
    }

    /// A run-on text of 20,000 characters with no full stop is read (it took 15 s before each word's clause was
    /// counted once; the benchmark times listening, this only reads it whole).
    #[test]
    fn a_long_run_on_text_is_read() {
        let at = "2026-11-20T15:00:00Z".parse().unwrap();
        let t = "please don't call me after 5 and email is best and ".repeat(400);
        let heard = super::listen::listen(&t, Direction::Inbound, at, chrono_tz::UTC);
        assert!(!heard.suggestions.is_empty());
        assert_eq!(super::letters::hedges(&"check the manual. ".repeat(3000)).len(), 3000);
    }
}
