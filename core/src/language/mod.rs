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
