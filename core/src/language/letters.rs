//! What gives a letter away as a mailing rather than a person writing: a generic salutation, an email footer,
//! hedging about what the customer has ("if equipped", "may include … check the manual"), promotions and
//! prices. The form-letter detector asks these; the words live here, with the rest of the language.

use std::sync::LazyLock;

use regex::Regex;

/// A place in a text, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Hedging, and the words it hedges about (the object a feature should be found in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hedge {
    pub start: usize,
    pub end: usize,
    pub object: Span,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// Character offsets of byte offsets in one text: its character starts listed once, then searched, so a long
/// text costs one pass rather than one per match.
struct Offsets(Vec<usize>);

impl Offsets {
    fn of(text: &str) -> Offsets {
        Offsets(text.char_indices().map(|(b, _)| b).collect())
    }

    fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|&b| b < byte)
    }
}

fn spans(re: &Regex, text: &str) -> Vec<Span> {
    let at = Offsets::of(text);
    re.find_iter(text).map(|m| Span { start: at.at(m.start()), end: at.at(m.end()) }).collect()
}

/// "Dear Valued Customer", "Hello Ford Owner", "To whom it may concern", at the start of a line.
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?im)^[ \t]*(?:(?:dear|hello|hi|hey|greetings|attention)[ ,]+",
        r"(?:(?:valued|loyal|esteemed|preferred|dear|new|happy|fellow)\s+)*",
        r"(?:customers?|clients?|guests?|owners?|friends?|occupant|residents?|homeowners?|members?|buyers?|drivers?",
        r"|neighbou?rs?|patrons?|sir(?:\s+or\s+madam)?|madam|sir/madam|(?:ford|subaru|vehicle|car|truck)\s+owners?)\b",
        r"|to\s+whom\s+it\s+may\s+concern|(?:hi|hello|hey)\s+there\b)",
    ))
});

/// Generic salutations at the start of a line: "Dear Valued Customer", "Hello there". The span starts at the
/// greeting (spaces before it are left out).
pub fn salutations(text: &str) -> Vec<Span> {
    let at = Offsets::of(text);
    SALUTATION
        .find_iter(text)
        .map(|m| {
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            Span { start: at.at(m.start() + lead), end: at.at(m.end()) }
        })
        .collect()
}

/// What an email's footer says: none of it belongs in a card, nor in a personal email.
const FOOTERS: &[&str] = &[
    r"\bunsubscribe\b",
    r"\bview\s+(?:this\s+(?:email|message)\s+)?(?:in|on)\s+(?:your\s+|a\s+)?(?:web\s+)?browser\b",
    r"\bview\s+online\b",
    r"\bprivacy\s+policy\b",
    r"\bterms\s+of\s+(?:use|service)\b",
    r"\ball\s+rights\s+reserved\b",
    r"©",
    r"\(c\)\s*(?:19|20)\d\d",
    r"\bcopyright\s+(?:©\s*)?(?:19|20)\d\d",
    r"\bthis\s+(?:e-?mail|message)\s+was\s+sent\s+to\b",
    r"\byou(?:\s+are|'re|’re)\s+receiving\s+this\b",
    r"\byou\s+received\s+this\s+(?:e-?mail|message)\b",
    r"\bmanage\s+(?:your\s+)?(?:e-?mail\s+)?(?:preferences|subscriptions?)\b",
    r"\bupdate\s+your\s+(?:e-?mail\s+)?preferences\b",
    r"\bopt[\s-]out\b",
    r"\bclick\s+here\b",
    r"\bfollow\s+us\s+on\b",
    r"\bdo\s+not\s+reply\b",
    r"\bno-?reply\b",
    r"\bto\s+stop\s+receiving\b",
];
static FOOTER: LazyLock<Regex> = LazyLock::new(|| regex(&format!("(?i){}", FOOTERS.join("|"))));

/// Footers of a mailing: "unsubscribe", "view in browser", "all rights reserved" …
pub fn footers(text: &str) -> Vec<Span> {
    spans(&FOOTER, text)
}

/// "may include CarPlay", "might have SYNC", "could come with …": the object runs to the clause's end.
static HEDGE_MAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\b(?:may|might|could|should)\s+(?:also\s+|already\s+)?",
        r"(?:be\s+equipped\s+with|have|include|come\s+with|feature|offer|support|be\s+compatible\s+with)\b",
        r"(?P<object>[^.!?;\n]{1,60})",
    ))
});
/// "if your vehicle is equipped with …", "in case your car has …", "should you have …".
static HEDGE_IF: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\b(?:if|in\s+case|whether|should|assuming|provided)\b[^.!?\n]{0,60}?",
        r"\b(?:equipped\s+with|equipped|has|have|had|came\s+with|comes\s+with|includes?|included|features?|got|offers",
        r"|supports|option(?:al)?)\b",
        r"(?P<object>[^.!?;,\n]{0,40})",
    ))
});
/// "SYNC, if equipped", "CarPlay (where available)": the object is the words before.
static HEDGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?P<object>[^.!?;,\n]{1,40}?)[\s,(]{0,3}(?:if|when|where)\s+(?:so\s+)?(?:equipped|available|applicable)\b",
    )
});
/// Words that send the customer to find out what they have: "check the manual", "depending on your trim".
static HEDGE_VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\b(?:check|see|consult|refer\s+to)\s+(?:your\s+|the\s+)?(?:owner'?s\s+|owners\s+)?(?:manual|handbook|guide)",
        r"|\bdepending\s+on\s+(?:your\s+|the\s+)?(?:trim|model|package|options?|configuration)",
        r"|\b(?:select|certain|some)\s+(?:models|trims|vehicles)\b",
    ))
});

/// Every place `text` hedges about what the customer has, with the words it hedges about. A vague hedge ("check
/// the manual") hedges about its whole sentence.
pub fn hedges(text: &str) -> Vec<Hedge> {
    let at = Offsets::of(text);
    let mut out = Vec::new();
    let object = |c: &regex::Captures<'_>| {
        let o = c.name("object").expect("the pattern names its object");
        Span { start: at.at(o.start()), end: at.at(o.end()) }
    };
    for re in [&*HEDGE_MAY, &*HEDGE_IF] {
        for c in re.captures_iter(text) {
            let m = c.get(0).expect("a match");
            // "If you have any questions about BlueCruise" offers help; it hedges about nothing.
            let said = m.as_str().to_lowercase();
            if ["any question", "questions", "any problem", "any trouble", "any issue", "any concern"]
                .iter()
                .any(|w| said.contains(w))
            {
                continue;
            }
            out.push(Hedge { start: at.at(m.start()), end: at.at(m.end()), object: object(&c) });
        }
    }
    for c in HEDGE_AFTER.captures_iter(text) {
        let m = c.get(0).expect("a match");
        let o = object(&c);
        // The hedge is the "if equipped" after its object.
        out.push(Hedge { start: o.end, end: at.at(m.end()), object: o });
    }
    for m in HEDGE_VAGUE.find_iter(text) {
        // The sentence around it.
        let from = text[..m.start()].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let to = text[m.end()..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| m.end() + i);
        out.push(Hedge {
            start: at.at(m.start()),
            end: at.at(m.end()),
            object: Span { start: at.at(from), end: at.at(to) },
        });
    }
    out.sort_by_key(|h| (h.start, h.end));
    out
}

/// Selling words: offers, prices, deals — what turns a thank-you into an advertisement.
const PROMOTIONS: &[&str] = &[
    "special offer",
    "exclusive offer",
    "limited time",
    "act now",
    "dont miss",
    "do not miss",
    "upgrade",
    "upgrading",
    "financing",
    "finance offer",
    "apr",
    "percent off",
    "rebate",
    "rebates",
    "discount",
    "discounts",
    "coupon",
    "coupons",
    "promotion",
    "promo",
    "sale event",
    "sales event",
    "on sale",
    "clearance",
    "lowest price",
    "lowest prices",
    "best price",
    "price",
    "prices",
    "pricing",
    "trade in value",
    "buy now",
    "call today",
    "hurry",
    "while supplies last",
    "offer ends",
    "offer expires",
    "new inventory",
    "great deals",
    "extended warranty",
    "protection plan",
    "service contract",
    "monthly payment",
    "per month",
    "lease special",
    "lease deals",
];

static PROMOTION: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> =
        PROMOTIONS.iter().map(|p| p.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"[\s'’-]*")).collect();
    regex(&format!(r"(?i)\b(?:{})\b", words.join("|")))
});

static MONEY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\$\s?\d[\d,]*(?:\.\d\d)?|\b\d{1,3}(?:\.\d+)?\s?%(?:\s*(?:off|apr))?"));

/// Promotions and prices: "special offer", "0.9% APR", "$299 a month".
pub fn promotions(text: &str) -> Vec<Span> {
    let mut out = spans(&PROMOTION, text);
    out.extend(spans(&MONEY, text));
    out.sort_by_key(|s| (s.start, s.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_find_their_object() {
        let text = "Rita, your Civic may include CarPlay; check the manual";
        let h = hedges(text);
        assert_eq!(h.len(), 2, "{h:?}");
        let object: String = text.chars().skip(h[0].object.start).take(h[0].object.end - h[0].object.start).collect();
        assert_eq!(object.trim(), "CarPlay");
        let text = "Enjoy SYNC, if equipped!";
        let h = hedges(text);
        let object: String = text.chars().skip(h[0].object.start).take(h[0].object.end - h[0].object.start).collect();
        assert!(object.contains("SYNC"), "{object:?}");
    }

    #[test]
    fn salutations_footers_promotions() {
        assert_eq!(salutations("  Dear Valued Customer,\nThanks"), vec![Span { start: 2, end: 22 }]);
        assert_eq!(footers("Unsubscribe | Privacy Policy").len(), 2);
        assert!(!promotions("Our lease specials end Friday: $199 per month").is_empty());
        assert!(promotions("Thanks for choosing us, Rita").is_empty());
    }
}
