//! The form-letter detector: what gives a thank-you away as a mailing, each with where it is, why it matters and
//! what to write instead, and a score from 100 down.
//!
//! Every rule is a pure function of the text and the customer's record. Declined topics, persona playbooks and
//! do-not-contact are not re-implemented here: the Guard decides them, and its findings come through with the
//! customer's own words.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

use super::details::{self, Names};
use super::{Finding, Format, Others, Report, Rule, Shape, EMAIL_LIMIT};
use crate::guard::{self, ContactWishes, Outreach, Situation};
use crate::language;
use crate::model::{Channel, CustomerRecord, Playbook, Profile, Purpose};

/// Word 3-gram overlap (Jaccard) at which a note reads as a copy of another.
pub const NEAR_COPY: f64 = 0.6;

/// Checks `text` as a thank-you to the customer of `record`, written by `profile`'s salesperson.
pub fn lint(
    text: &str,
    record: &CustomerRecord,
    profile: &Profile,
    playbooks: &[Playbook],
    others: &Others,
    shape: Shape,
    now: DateTime<Utc>,
) -> Report {
    let words = words(text);
    let names = Names::of(record, profile);
    let first = details::first_name(&record.customer);
    let c = Check { text, words: &words, record, first: &first, shape };
    let mut found = Vec::new();
    c.salutation(&mut found);
    c.placeholders(&mut found);
    let hedges = c.hedging(&mut found);
    c.asks_and_pitches(&mut found);
    c.links_and_footers(&mut found);
    c.other_names(others, &names, &mut found);
    c.near_copies(others, profile, &mut found);
    c.length(&mut found);
    if shape.format != Format::Prompts {
        c.about_the_seller(profile, &mut found);
    }
    c.guard(profile, playbooks, now, &mut found);
    let specifics = details::mentioned(record, &words, &hedges, &names);
    if specifics.is_empty() {
        found.push(Finding::whole(
            Rule::NoSpecificDetail,
            text,
            format!(
                "Nothing in this note is about {first}: no car by name, no feature, nothing {first} told you. Any \
                 customer could get it, and {first} will feel that"
            ),
            format!("Add one thing only {first} would recognise — {}", details::example(record)),
        ));
    }
    found.sort_by_key(|f| (f.start, f.end));
    Report::new(found, specifics)
}

/// A word of the text: its letters as written, lowercased, and where it stands (in characters).
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// As written, without apostrophes ("ONeill").
    pub raw: String,
    /// Lowercase, without apostrophes.
    pub norm: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, split as [`language::topics::normalize`] splits them: letters and digits, apostrophes dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<Word> = None;
    for (i, ch) in text.chars().enumerate() {
        if ch.is_alphanumeric() {
            let w = cur.get_or_insert(Word { raw: String::new(), norm: String::new(), start: i, end: i });
            w.raw.push(ch);
            w.norm.extend(ch.to_lowercase());
            w.end = i + 1;
        } else if (ch == '\'' || ch == '’') && cur.is_some() {
            // Inside a word ("don't"): dropped, the word goes on.
        } else if let Some(w) = cur.take() {
            out.push(w);
        }
    }
    out.extend(cur);
    out
}

/// Where `phrase` occurs in `words`, compared without case and punctuation: (start, end) in characters.
pub(crate) fn find_phrase(words: &[Word], phrase: &str) -> Vec<(usize, usize)> {
    let want: Vec<String> = self::words(phrase).into_iter().map(|w| w.norm).collect();
    find_seq(words, &want, |w| &w.norm)
}

/// Where the exact (case-sensitive) words of `name` occur.
pub(crate) fn find_name(words: &[Word], name: &[String]) -> Vec<(usize, usize)> {
    find_seq(words, name, |w| &w.raw)
}

fn find_seq(words: &[Word], want: &[String], key: impl Fn(&Word) -> &String) -> Vec<(usize, usize)> {
    if want.is_empty() || words.len() < want.len() {
        return Vec::new();
    }
    (0..=words.len() - want.len())
        .filter(|&i| want.iter().enumerate().all(|(k, w)| key(&words[i + k]) == w))
        .map(|i| (words[i].start, words[i + want.len() - 1].end))
        .collect()
}

/// Character offset of a byte offset.
fn char_at(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The text between two character offsets.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static PLACEHOLDERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\{\{[^{}\n]*\}\}",
        r"\{\s*[A-Za-z_][A-Za-z0-9_. ]{0,30}\}",
        r"\[\s*[A-Z][A-Z0-9_ ]{1,30}\]",
        concat!(
            r"(?i)\[\s*(?:customer|first|last|full|client|dealer|vehicle|car|your|sales(?:person)?|rep)?[ _]?",
            r"(?:name|model|date|vehicle|dealer(?:ship)?|make|trim|feature)\s*\]",
        ),
        r"<<[^<>\n]{1,40}>>",
        r"%%?[A-Z][A-Z_]{1,30}%%?",
        r"\*\|[A-Z_]+\|\*",
        r"\$\{[^}\n]{1,40}\}",
    ]
    .iter()
    .map(|p| regex(p))
    .collect()
});

static URL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b(?:https?://|www\.)[^\s<>()]+"));
static EMAIL_ADDRESS: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b"));
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b[a-z0-9][a-z0-9-]*\.(?:com|net|org|io|co|us|biz|info|ca)\b(?:/[^\s]*)?"));
/// Words after which a capitalised word opening a sentence is a word, not a name: "May the", "Will you".
const SMALL_WORDS: &[&str] = &[
    "the", "a", "an", "you", "your", "we", "i", "it", "this", "that", "there", "all", "be", "not", "he", "she", "they",
    "our", "my", "his", "her", "to", "of", "in", "on", "and", "or", "as", "if", "so", "is", "are", "was",
];

/// Words for the seller and for the customer, for "more about the seller than the customer".
const SELF_WORDS: &[&str] =
    &["i", "im", "ive", "ill", "id", "me", "my", "mine", "myself", "we", "weve", "us", "our", "ours", "ourselves"];
const YOU_WORDS: &[&str] = &["you", "youre", "youve", "youll", "youd", "your", "yours", "yourself", "yourselves"];

struct Check<'a> {
    text: &'a str,
    words: &'a [Word],
    record: &'a CustomerRecord,
    first: &'a str,
    shape: Shape,
}

impl Check<'_> {
    fn at(&self, rule: Rule, start: usize, end: usize, message: String, suggestion: String) -> Finding {
        Finding { rule, start, end, message, suggestion, quote: None, replacement: None }
    }

    fn matched(&self, m: regex::Match<'_>) -> (usize, usize, String) {
        (char_at(self.text, m.start()), char_at(self.text, m.end()), m.as_str().trim().to_string())
    }

    fn salutation(&self, out: &mut Vec<Finding>) {
        for sp in language::letters::salutations(self.text) {
            let said = slice(self.text, sp.start, sp.end).trim().to_string();
            let mut f = self.at(
                Rule::GenericSalutation,
                sp.start,
                sp.end,
                format!(
                    "“{said}” is what a mailing says when it has no name: {} knows at once this went to everyone",
                    self.first
                ),
                format!("Open with their name: “{},”", self.first),
            );
            f.replacement = Some(named_salutation(&slice(self.text, sp.start, sp.end), self.first));
            out.push(f);
        }
    }
    fn placeholders(&self, out: &mut Vec<Finding>) {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for re in PLACEHOLDERS.iter() {
            for m in re.find_iter(self.text) {
                let (s, e, said) = self.matched(m);
                if seen.iter().any(|&(a, b)| s < b && a < e) {
                    continue;
                }
                seen.push((s, e));
                let of_name = said.to_lowercase().contains("name");
                let fix = if of_name {
                    format!("Write “{}” instead", self.first)
                } else {
                    "Write the real words, or take it out".to_string()
                };
                let mut f = self.at(
                    Rule::Placeholder,
                    s,
                    e,
                    format!(
                        "“{said}” is a mail-merge field that was never filled in: {} would see it exactly like this",
                        self.first
                    ),
                    fix,
                );
                // A field for the first name is theirs: the fix is certain. Any other field needs the salesperson.
                if of_name && !said.to_lowercase().contains("last") {
                    f.replacement = Some(self.first.to_string());
                }
                out.push(f);
            }
        }
    }

    /// Hedging about what the book says the customer has: the language module finds the hedges and what each is
    /// about; a feature of theirs in that object is a finding. Returns the hedged spans: a hedged feature is not a
    /// specific detail.
    fn hedging(&self, out: &mut Vec<Finding>) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let hedges = language::letters::hedges(self.text);
        for p in &self.record.purchases {
            for feature in &p.features {
                for h in &hedges {
                    let object: Vec<Word> = self
                        .words
                        .iter()
                        .filter(|w| w.start >= h.object.start && w.end <= h.object.end)
                        .cloned()
                        .collect();
                    let Some((fs, fe)) = details::feature_in(feature, &object) else { continue };
                    let (s, e) = (h.start.min(fs), h.end.max(fe));
                    if spans.iter().any(|&(a, b)| s < b && a < e) {
                        continue;
                    }
                    spans.push((s, e));
                    let said = slice(self.text, s, e);
                    out.push(self.at(
                        Rule::Hedging,
                        s,
                        e,
                        format!(
                            "“{}”: you sold {} the {} with {feature}. Hedging about it says this letter was not \
                             written for them",
                            said.trim(),
                            self.first,
                            details::model(p)
                        ),
                        format!("Say it as the fact it is: “I hope the {feature} …”"),
                    ));
                }
            }
        }
        spans
    }

    /// What the note is read as: each line on its own for prompts (a list, not one message), else the whole note;
    /// with each part's place in the note, in characters.
    fn parts(&self) -> Vec<(usize, &str)> {
        if self.shape.format != Format::Prompts {
            return vec![(0, self.text)];
        }
        let mut at = 0;
        let mut out = Vec::new();
        for line in self.text.split('\n') {
            out.push((at, line));
            at += line.chars().count() + 1;
        }
        out
    }

    /// The language module's intents in the note, placed in the note.
    fn intents(&self) -> Vec<language::Intent> {
        let mut out = Vec::new();
        for (at, part) in self.parts() {
            for mut i in language::read(part).intents {
                i.start += at;
                i.end += at;
                out.push(i);
            }
        }
        out
    }

    /// Asking for referrals or reviews, and selling, inside a thank-you: what the language module reads as a
    /// pitch, and promotions and prices.
    fn asks_and_pitches(&self, out: &mut Vec<Finding>) {
        // Prompts are a list — what to open with, what to mention, how to close — not one message: each line is
        // read on its own, so words of unrelated lines ("his last F-150 went 15 years", "the last truck you ever
        // buy") never add up to a pitch no line makes.
        let intents = self.intents();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for i in intents.iter().filter(|i| i.intent == language::IntentKind::Pitch) {
            let (s, e) = (i.start, i.end);
            if taken.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            taken.push((s, e));
            let said = slice(self.text, s, e);
            match i.topic.as_deref() {
                Some(t @ ("referrals" | "reviews")) => {
                    let what = if t == "reviews" { "a review" } else { "referrals" };
                    out.push(
                        self.at(
                            Rule::ReferralAsk,
                            s,
                            e,
                            format!(
                            "“{said}” asks for {what} in a thank-you: the thanks turns into a request, and {} feels it",
                            self.first
                        ),
                            "Take it out and thank them for nothing but what they did. The moment to ask comes later, \
                         when they praise you on their own"
                                .to_string(),
                        ),
                    );
                }
                _ => out.push(self.pitch(s, e)),
            }
        }
        for sp in language::letters::promotions(self.text) {
            if taken.iter().any(|&(a, b)| sp.start < b && a < sp.end) {
                continue;
            }
            taken.push((sp.start, sp.end));
            out.push(self.pitch(sp.start, sp.end));
        }
    }

    fn pitch(&self, s: usize, e: usize) -> Finding {
        let said = slice(self.text, s, e);
        self.at(
            Rule::SalesPitch,
            s,
            e,
            format!("“{said}” is a sales pitch inside a thank-you: it turns the note into an advertisement"),
            "Take it out. An offer worth their time belongs in its own message, at the right moment".to_string(),
        )
    }
    fn links_and_footers(&self, out: &mut Vec<Finding>) {
        let email = self.shape.format == Format::Email;
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut add = |s: usize, e: usize, footer: bool, out: &mut Vec<Finding>| {
            if seen.iter().any(|&(a, b)| s < b && a < e) {
                return;
            }
            seen.push((s, e));
            let said = slice(self.text, s, e);
            let message = match (footer, email) {
                (true, true) => format!("“{said}” is a mailing-list footer: a personal email has none"),
                (true, false) => {
                    format!(
                        "“{said}” is an email footer: printed in a card it shows the note was copied from a mailing"
                    )
                }
                (false, _) => format!(
                    "“{said}” is a web or email address: in a handwritten note it shows the text came from an email \
                     template"
                ),
            };
            let suggestion = if email {
                "Delete the footer; sign with your name, as you would a letter".to_string()
            } else {
                "Delete it. The card carries your signature, and they already have your number".to_string()
            };
            out.push(Finding {
                rule: Rule::LinkOrFooter,
                start: s,
                end: e,
                message,
                suggestion,
                quote: None,
                replacement: None,
            });
        };
        for sp in language::letters::footers(self.text) {
            add(sp.start, sp.end, true, out);
        }
        if !email {
            for re in [&*URL, &*EMAIL_ADDRESS, &*DOMAIN] {
                for m in re.find_iter(self.text) {
                    let (s, e, _) = self.matched(m);
                    add(s, e, false, out);
                }
            }
        }
    }

    fn other_names(&self, others: &Others, names: &Names, out: &mut Vec<Finding>) {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        // A book has many names and a note few words: only names whose first word is in the note are looked at.
        let present: HashSet<&str> = self.words.iter().map(|w| w.raw.as_str()).collect();
        let chars: Vec<char> = self.text.chars().collect();
        for name in &others.names {
            for form in name_forms(name) {
                if !form.first().is_some_and(|w| present.contains(w.as_str())) || names.knows_all(&form) {
                    continue;
                }
                for (s, e) in find_name(self.words, &form) {
                    if seen.iter().any(|&(a, b)| s < b && a < e) {
                        continue;
                    }
                    // A first name alone opening a sentence before a small word ("May the seats …", "Will you …")
                    // is that word, not a name.
                    let opens = chars[..s]
                        .iter()
                        .rev()
                        .find(|c| *c != &' ' && *c != &'\t')
                        .is_none_or(|c| ".!?\n".contains(*c));
                    let next = self.words.iter().find(|w| w.start >= e).map(|w| w.norm.as_str());
                    let small = next.is_some_and(|n| SMALL_WORDS.contains(&n)) && chars.get(e) == Some(&' ');
                    if form.len() == 1 && opens && small {
                        continue;
                    }
                    seen.push((s, e));
                    let said = slice(self.text, s, e);
                    out.push(self.at(
                        Rule::OtherCustomersName,
                        s,
                        e,
                        format!(
                            "“{said}” is another customer's name ({name}): it reads as a mail merge gone wrong, and \
                             tells {} who else you sell to",
                            self.first
                        ),
                        format!("Write “{}”, or take it out", self.first),
                    ));
                }
            }
        }
    }

    fn near_copies(&self, others: &Others, profile: &Profile, out: &mut Vec<Finding>) {
        let mine = grams(&masked(self.text, &own_names(self.record), profile));
        let mut worst: Option<(f64, &str)> = None;
        for (name, note) in &others.notes {
            let theirs = masked(note, &name_forms(name), profile);
            let sim = jaccard(&mine, &grams(&theirs));
            if sim >= NEAR_COPY && worst.is_none_or(|(w, _)| sim > w) {
                worst = Some((sim, name));
            }
        }
        if let Some((sim, name)) = worst {
            out.push(Finding::whole(
                Rule::NearCopy,
                self.text,
                format!(
                    "Reads almost the same as the note to {name} ({:.0}% the same wording): customers compare \
                     notes, and a copied thank-you undoes both",
                    sim * 100.0
                ),
                format!("Write from what {} told you, not from another customer's note", self.first),
            ));
        }
    }

    fn length(&self, out: &mut Vec<Finding>) {
        let len = self.text.chars().count();
        let (limit, what) = match self.shape.format {
            Format::Card => (self.shape.card.limit(), format!("the {} card's", self.shape.card.label())),
            Format::Email => (EMAIL_LIMIT, "a short email's".to_string()),
            Format::Prompts => return,
        };
        if len > limit {
            out.push(self.at(
                Rule::TooLong,
                limit,
                len,
                format!(
                    "{} characters over {what} {limit}: the end will not fit, or the writing gets cramped",
                    len - limit
                ),
                format!("Cut a sentence; keep the ones only {} would recognise", self.first),
            ));
        }
    }

    fn about_the_seller(&self, profile: &Profile, out: &mut Vec<Finding>) {
        let count = |list: &[&str]| self.words.iter().filter(|w| list.contains(&w.norm.as_str())).count();
        // The dealership named on the signature line is a signature, not a boast.
        let last_line = self.text.trim_end().rfind('\n').map_or(usize::MAX, |b| char_at(self.text, b));
        let dealership = if profile.dealership.trim().is_empty() {
            0
        } else {
            find_phrase(self.words, &profile.dealership).into_iter().filter(|(s, _)| *s < last_line).count()
        };
        let seller = count(SELF_WORDS) + dealership;
        let customer = count(YOU_WORDS);
        if seller >= 6 && seller > 2 * customer {
            out.push(Finding::whole(
                Rule::AboutTheSeller,
                self.text,
                format!(
                    "The note talks about you and the dealership {seller} times and about {} {customer} times: a \
                     thank-you is about them",
                    self.first
                ),
                "Turn the sentences toward them: “you”, their car, what they told you".to_string(),
            ));
        }
    }

    /// The Guard's answer for a thank-you by post (or email), mapped to findings on the phrase that raised it.
    fn guard(&self, profile: &Profile, playbooks: &[Playbook], now: DateTime<Utc>, out: &mut Vec<Finding>) {
        let tags: Vec<String> = self.record.tags.iter().map(|t| t.tag.clone()).collect();
        let situation = Situation {
            customer: &self.record.customer,
            statements: &self.record.preferences,
            interactions: &self.record.interactions,
            tags: &tags,
            playbooks,
            profile,
        };
        let outreach = |text: &str| Outreach {
            channel: if self.shape.format == Format::Email { Channel::Email } else { Channel::Mail },
            at: now,
            topic: None,
            text: Some(text.to_string()),
            reason: None,
            purpose: Purpose::Proactive,
            in_thank_you: true,
        };
        // Each part on its own (prompts line by line); what any part raises is raised once.
        let mut decision = guard::decide(&situation, &outreach(self.parts()[0].1));
        for (_, part) in self.parts().into_iter().skip(1) {
            let more = guard::decide(&situation, &outreach(part));
            for r in more.reasons {
                if !decision.reasons.iter().any(|x| x.rule == r.rule && x.message == r.message) {
                    decision.reasons.push(r);
                }
            }
            decision.suggestion = decision.suggestion.or(more.suggestion);
        }
        // Topics the Guard may have spoken about: what they declined, what their playbooks rule out, the families.
        let wishes = ContactWishes::from_statements(&self.record.preferences);
        let mut candidates: Vec<String> = wishes.declined_topics.iter().map(|d| d.value.clone()).collect();
        for p in playbooks.iter().filter(|p| tags.iter().any(|t| t.eq_ignore_ascii_case(&p.tag))) {
            candidates.extend(p.never_topics.iter().map(|t| language::topics::canonical(t)));
        }
        candidates.extend(language::topics::topics_in(self.text).into_iter().map(String::from));
        for f in decision.reasons {
            let rule = match f.rule {
                guard::Rule::DoNotContact => Rule::DoNotContact,
                guard::Rule::DeclinedTopic => Rule::DeclinedTopic,
                guard::Rule::Playbook => Rule::Playbook,
                guard::Rule::CoolingOff => Rule::CoolingOff,
                guard::Rule::ReferralInThankYou => Rule::ReferralAsk,
                guard::Rule::PushesDeclinedChannel => Rule::DeclinedChannel,
                _ => continue,
            };
            if rule == Rule::DeclinedChannel {
                // The push's own words, as the language module found them.
                let push = self
                    .intents()
                    .into_iter()
                    .find(|i| i.intent == language::IntentKind::AsksForChannel && f.message.contains(&i.words));
                let (start, end) = push.map_or((0, self.text.chars().count()), |i| (i.start, i.end));
                out.push(Finding {
                    rule,
                    start,
                    end,
                    suggestion: decision
                        .suggestion
                        .clone()
                        .unwrap_or_else(|| "Take it out: they asked not to be reached that way".to_string()),
                    message: f.message,
                    quote: f.quote,
                    replacement: None,
                });
                continue;
            }
            let span = candidates
                .iter()
                .filter(|t| f.message.contains(t.as_str()) || (rule == Rule::ReferralAsk && t.as_str() == "referrals"))
                .find_map(|t| language::topics::raises(self.text, t))
                .and_then(|phrase| find_phrase(self.words, &phrase).into_iter().next());
            if rule == Rule::ReferralAsk {
                // Already found by the language module's reading of the note, unless the Guard's span is another.
                let known = out
                    .iter()
                    .any(|x| x.rule == Rule::ReferralAsk && span.is_none_or(|(s, e)| x.start < e && s < x.end));
                if known {
                    continue;
                }
            }
            let (start, end) = span.unwrap_or((0, self.text.chars().count()));
            let suggestion = match rule {
                Rule::DoNotContact => format!("Do not send it: {} asked not to be contacted, in any way", self.first),
                _ => {
                    let instead = decision.suggestion.as_deref().map(|s| format!(". {s}")).unwrap_or_default();
                    format!("Take out “{}”{instead}", slice(self.text, start, end))
                }
            };
            out.push(Finding { rule, start, end, message: f.message, suggestion, quote: f.quote, replacement: None });
        }
    }
}

/// The ways a customer's name shows in a note: in full, the name in parentheses, and the first name.
pub(crate) fn name_forms(name: &str) -> Vec<Vec<String>> {
    let mut forms: Vec<Vec<String>> = Vec::new();
    let mut add = |ws: Vec<String>| {
        if !ws.is_empty() && !forms.contains(&ws) {
            forms.push(ws);
        }
    };
    let raw = |s: &str| words(s).into_iter().map(|w| w.raw).collect::<Vec<_>>();
    let (outer, inner) = match name.split_once('(') {
        Some((o, i)) => (o.trim(), Some(i.trim_end_matches(')').trim())),
        None => (name.trim(), None),
    };
    add(raw(name));
    for part in [Some(outer), inner].into_iter().flatten() {
        let ws = raw(part);
        add(ws.clone());
        if let Some(first) = ws.first() {
            let cased = first.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_lowercase());
            if first.chars().count() >= 3 && cased {
                add(vec![first.clone()]);
            }
        }
    }
    forms
}

fn own_names(record: &CustomerRecord) -> Vec<Vec<String>> {
    let mut forms = name_forms(&record.customer.name);
    if let Some(p) = &record.customer.preferred_name {
        forms.extend(name_forms(p));
    }
    forms
}

/// The words of a note for comparing, with the customer's name and the signature taken out: two notes that differ
/// only by the name are the same note.
fn masked(text: &str, names: &[Vec<String>], profile: &Profile) -> Vec<String> {
    let ws = words(text);
    let mut out: Vec<String> = Vec::with_capacity(ws.len());
    let mut i = 0;
    let profile_words: HashSet<String> = words(&profile.name).into_iter().map(|w| w.norm).collect();
    while i < ws.len() {
        let hit = names
            .iter()
            .filter(|f| !f.is_empty())
            .find(|f| i + f.len() <= ws.len() && f.iter().enumerate().all(|(k, n)| &ws[i + k].raw == n));
        if let Some(f) = hit {
            out.push("<name>".into());
            i += f.len();
        } else {
            if !profile_words.contains(&ws[i].norm) {
                out.push(ws[i].norm.clone());
            }
            i += 1;
        }
    }
    out
}

fn grams(words: &[String]) -> HashSet<String> {
    words.windows(3).map(|w| w.join(" ")).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// How alike two notes read: the share of word 3-grams they have in common (Jaccard), from 0 to 1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let plain = |t: &str| words(t).into_iter().map(|w| w.norm).collect::<Vec<_>>();
    jaccard(&grams(&plain(a)), &grams(&plain(b)))
}

/// The salutation with the customer's name in place of the generic words: "Dear Valued Customer," → "Dear Rita,",
/// "Hello friend!" → "Hello Rita!" (its greeting word and its closing mark kept).
fn named_salutation(said: &str, first: &str) -> String {
    let lead = said.len() - said.trim_start().len();
    let trimmed = said.trim();
    let greeting = trimmed
        .split_whitespace()
        .next()
        .filter(|w| {
            matches!(
                w.trim_end_matches([',', '!', ':']).to_lowercase().as_str(),
                "dear" | "hi" | "hello" | "hey" | "greetings" | "good"
            )
        })
        .map(|w| w.trim_end_matches([',', '!', ':']));
    let mark = trimmed.chars().last().filter(|c| matches!(c, ',' | '!' | ':')).map(String::from).unwrap_or_default();
    let tail = &said[lead + trimmed.len()..];
    let body = match greeting {
        Some(g) if !g.eq_ignore_ascii_case("good") && !g.eq_ignore_ascii_case("greetings") => format!("{g} {first}"),
        _ => format!("Dear {first}"),
    };
    format!("{}{body}{mark}{tail}", &said[..lead])
}

impl Finding {
    /// A finding about the note as a whole.
    fn whole(rule: Rule, text: &str, message: String, suggestion: String) -> Finding {
        Finding { rule, start: 0, end: text.chars().count(), message, suggestion, quote: None, replacement: None }
    }
}

impl Report {
    /// Scores the findings: 100, less each rule's weight once, however many times it was found.
    fn new(findings: Vec<Finding>, specifics: Vec<String>) -> Report {
        let mut rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
        rules.sort();
        rules.dedup();
        let lost: u32 = rules.iter().map(|r| u32::from(r.weight())).sum();
        let score = 100u32.saturating_sub(lost) as u8;
        Report { score, findings, specifics }
    }
}

#[cfg(test)]
mod fixes {
    use super::named_salutation;

    #[test]
    fn a_generic_salutation_is_given_their_name_with_its_greeting_and_mark() {
        assert_eq!(named_salutation("Dear Valued Customer", "Rita"), "Dear Rita");
        assert_eq!(named_salutation("Hello friend!", "Rita"), "Hello Rita!");
        assert_eq!(named_salutation("Hi there,", "Rita"), "Hi Rita,");
        assert_eq!(named_salutation("To whom it may concern:", "Rita"), "Dear Rita:");
        assert_eq!(named_salutation("Greetings, valued client", "Rita"), "Dear Rita");
    }
}
