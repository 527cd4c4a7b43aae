//! The words of outreach: which topic a text is about (a built-in vocabulary of synonyms), and whether a stated
//! reason says anything the customer would gain from.

/// A topic family: its name and the phrases that raise it. Phrases are matched on whole words, without case.
struct Family {
    name: &'static str,
    phrases: &'static [&'static str],
}

/// Topics customers decline most often, and the many ways a rep raises them. "Don't ask to buy back my car"
/// covers a trade-in pitch and an upgrade offer just the same: each asks the customer to give up the car.
const FAMILIES: &[Family] = &[
    Family {
        name: "buy-back",
        phrases: &[
            "buy back",
            "buy-back",
            "buyback",
            "buy your car",
            "buy your vehicle",
            "buy it back",
            "sell it back",
            "sell us your car",
            "sell us your vehicle",
            "sell your car",
            "sell your vehicle",
            "sell back",
            "trade in",
            "trade-in",
            "trade-ins",
            "trade up",
            "trade your",
            "upgrade offer",
            "upgrade your car",
            "upgrade your vehicle",
            "time to upgrade",
            "into a new",
            "equity in your",
            "what your car is worth",
            "what your vehicle is worth",
            "top dollar for your",
            "acquire your vehicle",
            "vehicle acquisition",
        ],
    },
    Family {
        name: "referrals",
        phrases: &[
            "referral",
            "referrals",
            "refer a friend",
            "refer someone",
            "refer anyone",
            "know anyone",
            "know someone",
            "friends or family",
            "friends and family who",
            "send anyone my way",
            "send them my way",
            "pass my name",
            "pass along my name",
            "word of mouth",
        ],
    },
    Family {
        name: "extended warranty",
        phrases: &[
            "extended warranty",
            "extended warranties",
            "service contract",
            "protection plan",
            "extended coverage",
            "vehicle service agreement",
            "warranty extension",
            "extend your warranty",
        ],
    },
    Family {
        name: "reviews",
        phrases: &["review", "reviews", "rate us", "rating", "survey", "five stars", "5 stars", "5-star"],
    },
    Family {
        name: "financing",
        phrases: &["refinance", "refinancing", "lower your payment", "lower payment", "financing offer", "special apr"],
    },
];

/// The families with their phrases normalized and padded once (" buy back "), for fast matching.
static NORMALIZED: std::sync::LazyLock<Vec<(&'static Family, String, Vec<String>)>> = std::sync::LazyLock::new(|| {
    FAMILIES
        .iter()
        .map(|f| (f, normalize(f.name), f.phrases.iter().map(|p| format!(" {} ", normalize(p))).collect()))
        .collect()
});

/// The topic family a typed topic names (`"sell back"` → `"buy-back"`), or the topic itself, lowercased.
pub fn canonical(topic: &str) -> String {
    let t = normalize(topic);
    let padded = format!(" {t} ");
    for (f, name, phrases) in NORMALIZED.iter() {
        if *name == t || phrases.iter().any(|p| padded.contains(p.as_str())) {
            return f.name.to_string();
        }
    }
    t
}

/// Whether `text` raises `topic` (a canonical topic): any phrase of its family, or the topic's own words.
/// Returns the phrase found, to show the salesperson what tripped it.
pub fn raises(text: &str, topic: &str) -> Option<String> {
    raises_normalized(&format!(" {} ", normalize(text)), &canonical(topic))
}

/// As [`raises`], for text already normalized and padded with a space on each side, and a canonical topic.
fn raises_normalized(padded: &str, name: &str) -> Option<String> {
    if let Some((f, _, phrases)) = NORMALIZED.iter().find(|(f, _, _)| f.name == name) {
        if let Some(i) = phrases.iter().position(|p| padded.contains(p.as_str())) {
            return Some(f.phrases[i].to_string());
        }
    }
    let own = format!(" {} ", normalize(name));
    (own.trim() != "" && padded.contains(&own)).then(|| name.to_string())
}

/// Every topic family `text` raises.
pub fn topics_in(text: &str) -> Vec<&'static str> {
    let padded = format!(" {} ", normalize(text));
    NORMALIZED
        .iter()
        .filter(|(_, _, phrases)| phrases.iter().any(|p| padded.contains(p.as_str())))
        .map(|(f, _, _)| f.name)
        .collect()
}

/// Lowercase words separated by single spaces; hyphens and punctuation are spaces, apostrophes dropped.
pub fn normalize(text: &str) -> String {
    let mapped: String = text
        .to_lowercase()
        .chars()
        .filter(|c| *c != '\'' && *c != '’')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Phrases that carry no value for the customer on their own.
const EMPTY_PHRASES: &[&str] = &[
    "just checking in",
    "checking in",
    "check in",
    "touch base",
    "touching base",
    "see how it s going",
    "see how its going",
    "see how things are going",
    "see how you are",
    "see how you re doing",
    "how s it going",
    "hows it going",
    "how are things",
    "follow up",
    "following up",
    "circle back",
    "circling back",
    "reach out",
    "reaching out",
    "quick call",
    "quick chat",
    "catch up",
    "say hi",
    "say hello",
    "stay in touch",
    "keep in touch",
    "stay top of mind",
    "touch point",
    "touchpoint",
];

/// Words that say nothing by themselves.
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "to",
    "and",
    "or",
    "with",
    "you",
    "your",
    "yours",
    "u",
    "i",
    "we",
    "me",
    "my",
    "our",
    "us",
    "just",
    "quick",
    "quickly",
    "quick",
    "again",
    "on",
    "in",
    "at",
    "of",
    "for",
    "about",
    "up",
    "how",
    "it",
    "its",
    "s",
    "is",
    "are",
    "be",
    "see",
    "if",
    "any",
    "anything",
    "things",
    "thing",
    "going",
    "doing",
    "want",
    "wanted",
    "need",
    "needs",
    "call",
    "calling",
    "email",
    "emailing",
    "text",
    "texting",
    "message",
    "ping",
    "them",
    "him",
    "her",
    "they",
    "he",
    "she",
    "some",
    "time",
    "today",
    "this",
    "week",
    "soon",
    "there",
    "here",
    "hi",
    "hello",
    "hey",
    "customer",
    "client",
    "contact",
    "contacting",
    "still",
    "all",
    "good",
    "ok",
    "okay",
    "well",
    "so",
    "do",
    "does",
    "let",
    "know",
    "that",
    "what",
    "whats",
    "re",
    "general",
    "update",
    "updates",
    "generally",
    "maybe",
];

/// Whether a stated reason says nothing the customer would gain: empty, or only "checking in"-style phrases
/// and filler words.
pub fn is_contentless(reason: &str) -> bool {
    let mut text = format!(" {} ", normalize(reason));
    for p in EMPTY_PHRASES {
        let needle = format!(" {} ", normalize(p));
        while let Some(i) = text.find(&needle) {
            text.replace_range(i..i + needle.len(), " ");
        }
    }
    text.split_whitespace().all(|w| FILLER.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for r in empty {
            assert!(is_contentless(r), "{r:?} says nothing for the customer");
        }
        let real = [
            "Her plates arrived — tell her they're ready for pickup",
            "Follow up on the towing capacity she asked for",
            "Oil change #2 is due next week",
            "Warranty ends in 60 days: book the inspection",
            "Winterizing before the first frost",
        ];
        for r in real {
            assert!(!is_contentless(r), "{r:?} carries value");
        }
    }

    #[test]
    fn synonyms_map_to_their_topic() {
        assert_eq!(canonical("Buy Back"), "buy-back");
        assert_eq!(canonical("trade-in"), "buy-back");
        assert_eq!(canonical("sell us your car"), "buy-back");
        assert_eq!(canonical("Referrals"), "referrals");
        assert_eq!(canonical("service contract"), "extended warranty");
        assert_eq!(canonical("Golf"), "golf");
        assert_eq!(raises("We'd love to BUY BACK your Outback at top dollar", "buy-back").as_deref(), Some("buy back"));
        assert_eq!(raises("Ready to trade up to the 2027 model?", "trade-in").as_deref(), Some("trade up"));
        assert!(raises("Your winter tires are in", "buy-back").is_none());
        assert_eq!(raises("Any tips for golf season?", "golf").as_deref(), Some("golf"));
        assert_eq!(
            topics_in("Know anyone who needs a car? Also, what your car is worth today"),
            vec!["buy-back", "referrals"]
        );
    }
}
