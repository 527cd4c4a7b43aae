//! Topics as the Guard and the composer speak of them: the canonical name of a typed topic, whether a text
//! raises one, and whether a stated reason carries anything for the customer. A façade over
//! [`super::outreach`], so the Guard asks questions and never reads words itself.

use super::lexicon::FAMILIES;
use super::outreach::{self, Reading};
use super::text::Text;

/// The topic family a typed topic names (`"sell back"` → `"buy-back"`, `"service contract"` →
/// `"extended warranty"`), or the topic itself, lowercased and trimmed.
pub fn canonical(topic: &str) -> String {
    // Topics are few and asked of for every reason on a big agenda: each is worked out once.
    static KNOWN: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(c) = KNOWN.lock().ok().and_then(|m| m.get(topic).cloned()) {
        return c;
    }
    let c = work_out(topic);
    if let Ok(mut m) = KNOWN.lock() {
        if m.len() > 4096 {
            m.clear();
        }
        m.insert(topic.to_string(), c.clone());
    }
    c
}

fn work_out(topic: &str) -> String {
    let plain = normalize(topic);
    if let Some(f) = FAMILIES.iter().find(|f| normalize(f) == plain) {
        return (*f).to_string();
    }
    match outreach::family_of(topic) {
        Some(f) => f.to_string(),
        None => plain,
    }
}

/// Whether `reading` of `text` raises `topic` (canonical): a pitch on its family, or — for a topic outside the
/// families — the topic's own words. Returns the words that show it.
pub fn raised(reading: &Reading, text: &str, topic: &str) -> Option<String> {
    if FAMILIES.contains(&topic) {
        return reading.pitch(topic).map(|i| i.words.clone());
    }
    own_words(text, topic)
}

/// Whether `text` raises `topic` (see [`raised`]).
pub fn raises(text: &str, topic: &str) -> Option<String> {
    raised(&outreach::read(text), text, &canonical(topic))
}

/// Whether `text` speaks of `topic` at all — pitched or only mentioned, but not denied ("she said no to the
/// trade-in appraisal" is about buy-back).
pub fn mentions(text: &str, topic: &str) -> bool {
    let topic = canonical(topic);
    match FAMILIES.iter().position(|f| *f == topic) {
        Some(f) => outreach::family_words(text).iter().any(|&(g, _, _)| g == f),
        None => own_words(text, &topic).is_some(),
    }
}

/// Every topic family `text` pitches.
pub fn topics_in(text: &str) -> Vec<&'static str> {
    let r = outreach::read(text);
    FAMILIES.iter().copied().filter(|f| r.pitch(f).is_some()).collect()
}

/// Whether `text` speaks of any topic family, pitched or only mentioned.
pub fn speaks_of_any(text: &str) -> bool {
    !outreach::family_words(text).is_empty()
}

/// Whether a stated reason or message says nothing the customer would gain: empty, a check-in with no value,
/// or only filler words ("call her", "touch base").
pub fn is_contentless(reading: &Reading) -> bool {
    // A birthday or sympathy card is the personal date the customer shared: it carries itself.
    if reading.is_check_in() {
        return !reading.occasion;
    }
    if reading.intents.iter().any(|i| i.intent != outreach::IntentKind::AsksForChannel) {
        return false;
    }
    reading.filler_only
}

/// The topic's own words in the text, on whole words and lemmas ("golf" in "Any tips for golf season?").
fn own_words(text: &str, topic: &str) -> Option<String> {
    let want: Vec<String> = Text::read(topic).tokens.into_iter().filter(|t| !t.mark).map(|t| t.lemma).collect();
    if want.is_empty() {
        return None;
    }
    let t = Text::read(text);
    let words: Vec<&super::text::Token> = t.tokens.iter().filter(|t| !t.mark).collect();
    words
        .windows(want.len())
        .find(|w| w.iter().zip(&want).all(|(a, b)| &a.lemma == b) && !w[0].negated)
        .map(|_| topic.to_string())
}

/// Lowercase words separated by single spaces; hyphens and punctuation are spaces, apostrophes dropped.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_to_their_topic() {
        assert_eq!(canonical("Buy Back"), "buy-back");
        assert_eq!(canonical("trade-in"), "buy-back");
        assert_eq!(canonical("sell us your car"), "buy-back");
        assert_eq!(canonical("Referrals"), "referrals");
        assert_eq!(canonical("service contract"), "extended warranty");
        assert_eq!(canonical("Golf"), "golf");
        assert!(raises("We'd love to BUY BACK your Outback at top dollar", "buy-back").is_some());
        assert!(raises("Ready to trade up to the 2027 model?", "trade-in").is_some());
        assert!(raises("Your winter tires are in", "buy-back").is_none());
        assert_eq!(raises("Any tips for golf season?", "golf").as_deref(), Some("golf"));
        assert_eq!(
            topics_in("Know anyone who needs a car? Also, what is your car worth today?"),
            vec!["buy-back", "referrals"]
        );
    }

    #[test]
    fn contentless_reasons_are_recognised() {
        let empty = [
            "",
            "   ",
            "Just checking in!",
            "touch base",
            "Follow up",
            "see how it's going",
            "Just wanted to touch base and see how things are going",
            "quick call to catch up",
            "Checking in with her",
            "follow-up call",
            "Hi Rita, just checking in to see how everything's been with the Civic!",
            "Anything at all I can do for you this week?",
        ];
        for r in empty {
            assert!(is_contentless(&outreach::read(r)), "{r:?} says nothing for the customer");
        }
        let real = [
            "Her plates arrived — tell her they're ready for pickup",
            "Follow up on the towing capacity she asked for",
            "Oil change #2 is due next week",
            "Warranty ends in 60 days: book the inspection",
            "Winterizing before the first frost",
        ];
        for r in real {
            assert!(!is_contentless(&outreach::read(r)), "{r:?} carries value");
        }
    }
}
