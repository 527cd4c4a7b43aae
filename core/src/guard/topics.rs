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

/// Every family phrase, normalized and padded once (" buy back "), in one automaton: a text is read once for all
/// of them. (Matching phrase by phrase made the Guard most of the cost of a big agenda.)
struct Vocabulary {
    /// Each family's name, normalized.
    names: Vec<String>,
    /// For each pattern of the automaton: its family and its place in the family's list.
    patterns: Vec<(usize, usize)>,
    phrases: aho_corasick::AhoCorasick,
}

static VOCABULARY: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut padded = Vec::new();
    for (fi, f) in FAMILIES.iter().enumerate() {
        for (pi, p) in f.phrases.iter().enumerate() {
            patterns.push((fi, pi));
            padded.push(format!(" {} ", normalize(p)));
        }
    }
    Vocabulary {
        names: FAMILIES.iter().map(|f| normalize(f.name)).collect(),
        patterns,
        phrases: aho_corasick::AhoCorasick::new(padded).expect("the vocabulary builds"),
    }
});

/// A text's words, normalized once ([`normalize`]) and padded with a space on each side, so that phrases match
/// on whole words. The Guard reads an outreach's words once for every rule that looks at them.
pub struct Words(String);

impl Words {
    pub fn of(text: &str) -> Words {
        let mut padded = String::with_capacity(text.len() + 2);
        padded.push(' ');
        normalize_into(text, &mut padded);
        padded.push(' ');
        Words(padded)
    }

    /// For each family, the first phrase of its list found in the text (by place in the list, not in the text).
    fn found(&self) -> [Option<usize>; FAMILIES.len()] {
        let v = &*VOCABULARY;
        let mut found = [None; FAMILIES.len()];
        for m in v.phrases.find_overlapping_iter(&self.0) {
            let (fi, pi) = v.patterns[m.pattern().as_usize()];
            found[fi] = Some(found[fi].map_or(pi, |q: usize| q.min(pi)));
        }
        found
    }

    /// Every topic family the text raises.
    pub fn topics(&self) -> Vec<&'static str> {
        self.found().iter().zip(FAMILIES).filter(|(f, _)| f.is_some()).map(|(_, f)| f.name).collect()
    }

    /// Whether the text raises `topic` (a canonical topic): any phrase of its family, or the topic's own words.
    /// Returns the phrase found, to show the salesperson what tripped it.
    pub fn raises(&self, topic: &str) -> Option<String> {
        if let Some(fi) = FAMILIES.iter().position(|f| f.name == topic) {
            if let Some(pi) = self.found()[fi] {
                return Some(FAMILIES[fi].phrases[pi].to_string());
            }
        }
        let own = format!(" {} ", normalize(topic));
        (own.trim() != "" && self.0.contains(&own)).then(|| topic.to_string())
    }

    /// Whether the text says nothing the customer would gain: empty, or only "checking in"-style phrases and
    /// filler words.
    pub fn is_contentless(&self) -> bool {
        let (quiet, phrases) = &*QUIET;
        // A word that is neither filler nor part of an empty phrase is content, whatever else the text says.
        if self.0.split_whitespace().any(|w| !quiet.contains(w)) {
            return false;
        }
        let mut text = self.0.clone();
        for needle in phrases {
            while let Some(i) = text.find(needle.as_str()) {
                text.replace_range(i..i + needle.len(), " ");
            }
        }
        text.split_whitespace().all(|w| FILLER.contains(&w))
    }
}

/// The topic family a typed topic names (`"sell back"` → `"buy-back"`), or the topic itself, lowercased.
pub fn canonical(topic: &str) -> String {
    let words = Words::of(topic);
    let t = words.0.trim();
    let found = words.found();
    match VOCABULARY.names.iter().zip(found).position(|(name, f)| name == t || f.is_some()) {
        Some(fi) => FAMILIES[fi].name.to_string(),
        None => t.to_string(),
    }
}

/// Whether `text` raises `topic`: any phrase of its family, or the topic's own words (see [`Words::raises`]).
pub fn raises(text: &str, topic: &str) -> Option<String> {
    Words::of(text).raises(&canonical(topic))
}

/// Every topic family `text` raises.
pub fn topics_in(text: &str) -> Vec<&'static str> {
    Words::of(text).topics()
}

/// Lowercase words separated by single spaces; hyphens and punctuation are spaces, apostrophes dropped.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], appending to `out`: one pass, no intermediate strings.
fn normalize_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    };
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), out);
        } else {
            for l in c.to_lowercase() {
                push(l, out);
            }
        }
    }
}

/// Words that may make up a contentless reason (filler and the words of the empty phrases), and the empty
/// phrases normalized and padded.
static QUIET: std::sync::LazyLock<(std::collections::HashSet<String>, Vec<String>)> = std::sync::LazyLock::new(|| {
    let phrases: Vec<String> = EMPTY_PHRASES.iter().map(|p| format!(" {} ", normalize(p))).collect();
    let mut words: std::collections::HashSet<String> = FILLER.iter().map(|w| w.to_string()).collect();
    words.extend(phrases.iter().flat_map(|p| p.split_whitespace().map(String::from)));
    (words, phrases)
});

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

/// Whether a stated reason says nothing the customer would gain (see [`Words::is_contentless`]).
pub fn is_contentless(reason: &str) -> bool {
    Words::of(reason).is_contentless()
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

    /// The words the vocabulary is made of, with punctuation, case and filler around them.
    fn pieces() -> Vec<String> {
        let mut out: Vec<String> = FAMILIES
            .iter()
            .flat_map(|f| f.phrases.iter())
            .chain(EMPTY_PHRASES)
            .flat_map(|p| p.split([' ', '-']))
            .map(String::from)
            .collect();
        out.extend(
            ["BUY", "Trade-In", "it's", "’s", "!", ", ", "—", "Ölwechsel", "İstanbul", "5-star", "x"].map(String::from),
        );
        out.sort();
        out.dedup();
        out
    }

    /// What matching read phrase by phrase, as it was before the automaton.
    fn by_phrase(text: &str) -> (String, Vec<&'static str>, bool) {
        let lower: String = text
            .to_lowercase()
            .chars()
            .filter(|c| *c != '\'' && *c != '’')
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let words = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        let padded = format!(" {words} ");
        let topics = FAMILIES
            .iter()
            .filter(|f| f.phrases.iter().any(|p| padded.contains(&format!(" {} ", normalize(p)))))
            .map(|f| f.name)
            .collect();
        let mut rest = padded.clone();
        for p in EMPTY_PHRASES {
            let needle = format!(" {} ", normalize(p));
            while let Some(i) = rest.find(&needle) {
                rest.replace_range(i..i + needle.len(), " ");
            }
        }
        (words, topics, rest.split_whitespace().all(|w| FILLER.contains(&w)))
    }

    proptest::proptest! {
        #[test]
        fn one_pass_finds_what_phrase_by_phrase_found(picks in proptest::collection::vec(0usize..1000, 0..14), spaces in proptest::collection::vec(0usize..4, 14)) {
            let pieces = pieces();
            let text: String = picks
                .iter()
                .zip(&spaces)
                .map(|(i, s)| format!("{}{}", pieces[i % pieces.len()], [" ", "  ", "-", ". "][*s]))
                .collect();
            let (words, topics, empty) = by_phrase(&text);
            proptest::prop_assert_eq!(normalize(&text), words);
            proptest::prop_assert_eq!(Words::of(&text).topics(), topics);
            proptest::prop_assert_eq!(is_contentless(&text), empty);
        }
    }
}
