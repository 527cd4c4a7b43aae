//! A text as the language module reads it: tokens with their places in the original (in characters), each with
//! a lemma, split into sentences, with negation marked where a "not", "never" or "no" reaches.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon;

/// One word (or number, or sign that matters) of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lowercase, as written (apostrophes dropped): "calling", "dont" is split into "do" + "not".
    pub word: String,
    /// The dictionary form the rules match on: "calling" → "call", "sold" → "sell", "u" → "you".
    pub lemma: String,
    /// Where it stands in the original text, in characters.
    pub start: usize,
    pub end: usize,
    /// Written with a capital where a sentence does not start ("Tacoma", "Friday").
    pub capital: bool,
    /// Under a negation ("don't *call*", "no *trade-in* talk").
    pub negated: bool,
    /// Which sentence it belongs to.
    pub sentence: usize,
    /// A punctuation mark (",", "?", "!", ";", ":", "—"), kept because it closes a clause.
    pub mark: bool,
    /// Which clause of its sentence it is in, counted once when the text is read (marks but "?" and "!", and "but",
    /// "so", "though", "although", "however", "because", "and" open a new one).
    pub clause: usize,
}

/// The words of a text, ready for the rules.
#[derive(Debug, Clone)]
pub struct Text {
    pub tokens: Vec<Token>,
    /// Token ranges of each sentence.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// Whether each sentence ends with a question mark.
    pub questions: Vec<bool>,
}

/// Texts longer than this are read up to it: an outreach or a call summary is never this long, and the bound
/// keeps the work small whatever is pasted.
pub const MAX_CHARS: usize = 20_000;

/// Contractions and texting spellings, read as the words they stand for.
static SPELLINGS: LazyLock<HashMap<&'static str, &'static [&'static str]>> = LazyLock::new(|| {
    let pairs: &[(&str, &[&str])] = &[
        ("dont", &["do", "not"]),
        ("doesnt", &["does", "not"]),
        ("didnt", &["did", "not"]),
        ("wont", &["will", "not"]),
        ("wouldnt", &["would", "not"]),
        ("cant", &["can", "not"]),
        ("cannot", &["can", "not"]),
        ("couldnt", &["could", "not"]),
        ("shouldnt", &["should", "not"]),
        ("isnt", &["is", "not"]),
        ("arent", &["are", "not"]),
        ("wasnt", &["was", "not"]),
        ("werent", &["were", "not"]),
        ("havent", &["have", "not"]),
        ("hasnt", &["has", "not"]),
        ("hadnt", &["had", "not"]),
        ("aint", &["is", "not"]),
        ("mustnt", &["must", "not"]),
        ("neednt", &["need", "not"]),
        ("ill", &["i", "will"]),
        ("youll", &["you", "will"]),
        ("theyll", &["they", "will"]),
        ("itll", &["it", "will"]),
        ("youd", &["you", "would"]),
        ("theyd", &["they", "would"]),
        ("im", &["i", "am"]),
        ("ive", &["i", "have"]),
        ("youve", &["you", "have"]),
        ("weve", &["we", "have"]),
        ("theyve", &["they", "have"]),
        ("youre", &["you", "are"]),
        ("theyre", &["they", "are"]),
        ("lets", &["let", "us"]),
        ("wanna", &["want", "to"]),
        ("gonna", &["going", "to"]),
        ("gotta", &["got", "to"]),
        ("lemme", &["let", "me"]),
        ("gimme", &["give", "me"]),
        ("u", &["you"]),
        ("ya", &["you"]),
        ("ur", &["your"]),
        ("yr", &["your"]),
        ("r", &["are"]),
        ("pls", &["please"]),
        ("plz", &["please"]),
        ("thx", &["thanks"]),
        ("thanx", &["thanks"]),
        ("thnx", &["thanks"]),
        ("yday", &["yesterday"]),
        ("tx", &["thanks"]),
        ("ty", &["thanks"]),
        ("txt", &["text"]),
        ("msg", &["message"]),
        ("b4", &["before"]),
        ("tmrw", &["tomorrow"]),
        ("tmr", &["tomorrow"]),
        ("tmw", &["tomorrow"]),
        ("tomorow", &["tomorrow"]),
        ("2morrow", &["tomorrow"]),
        ("2day", &["today"]),
        ("tonite", &["tonight"]),
        ("nite", &["night"]),
        ("cuz", &["because"]),
        ("bc", &["because"]),
        ("w", &["with"]),
        ("abt", &["about"]),
        ("mins", &["minutes"]),
        ("min", &["minute"]),
        ("hrs", &["hours"]),
        ("hr", &["hour"]),
        ("wk", &["week"]),
        ("wks", &["weeks"]),
        ("mo", &["month"]),
        ("mos", &["months"]),
        ("yrs", &["years"]),
        ("appt", &["appointment"]),
        ("cust", &["customer"]),
        ("amt", &["amount"]),
        ("idc", &["i", "do", "not", "care"]),
        ("info", &["information"]),
        ("asap", &["soon"]),
        ("ok", &["okay"]),
        ("k", &["okay"]),
        ("kk", &["okay"]),
        ("thru", &["through"]),
        ("tho", &["though"]),
        ("pic", &["picture"]),
        ("pics", &["pictures"]),
        ("convo", &["conversation"]),
        ("ppl", &["people"]),
        ("bday", &["birthday"]),
        ("bc", &["because"]),
        ("whats", &["what", "is"]),
        ("hows", &["how", "is"]),
        ("howre", &["how", "are"]),
        ("whatre", &["what", "are"]),
        ("gimme", &["give", "me"]),
        ("thats", &["that", "is"]),
        ("theres", &["there", "is"]),
        ("heres", &["here", "is"]),
        ("wheres", &["where", "is"]),
        ("whens", &["when", "is"]),
        ("whos", &["who", "is"]),
        ("everythings", &["everything", "is"]),
        ("alls", &["all", "is"]),
        ("hes", &["he", "is"]),
        ("shes", &["she", "is"]),
        ("didn", &["did", "not"]),
        ("don", &["do", "not"]),
        ("pm", &["pm"]),
        ("am", &["am"]),
    ];
    pairs.iter().copied().collect()
});

/// Contractions that are other words when written without their apostrophe ("well", "its", "ID").
static WITH_APOSTROPHE: LazyLock<HashMap<&'static str, &'static [&'static str]>> = LazyLock::new(|| {
    let pairs: &[(&str, &[&str])] = &[
        ("well", &["we", "will"]),
        ("id", &["i", "would"]),
        ("wed", &["we", "would"]),
        ("hell", &["he", "will"]),
        ("shell", &["she", "will"]),
        ("shed", &["she", "would"]),
        ("hed", &["he", "would"]),
        ("were", &["we", "are"]),
        ("its", &["it", "is"]),
    ];
    pairs.iter().copied().collect()
});

/// Irregular forms, read as their dictionary word.
static IRREGULAR: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    [
        ("is", "be"),
        // A rating is a review's stars, not an interest rate.
        ("rating", "rating"),
        ("ratings", "rating"),
        ("are", "be"),
        ("was", "be"),
        ("were", "be"),
        ("been", "be"),
        ("being", "be"),
        ("am", "be"),
        ("has", "have"),
        ("had", "have"),
        ("having", "have"),
        ("does", "do"),
        ("did", "do"),
        ("done", "do"),
        ("doing", "do"),
        ("sold", "sell"),
        ("bought", "buy"),
        ("gave", "give"),
        ("given", "give"),
        ("told", "tell"),
        ("came", "come"),
        ("went", "go"),
        ("gone", "go"),
        ("got", "get"),
        ("gotten", "get"),
        ("made", "make"),
        ("thought", "think"),
        ("said", "say"),
        ("says", "say"),
        ("spoke", "speak"),
        ("spoken", "speak"),
        ("sent", "send"),
        ("brought", "bring"),
        ("took", "take"),
        ("taken", "take"),
        ("kept", "keep"),
        ("left", "leave"),
        ("met", "meet"),
        ("rang", "ring"),
        ("rung", "ring"),
        ("heard", "hear"),
        ("felt", "feel"),
        ("found", "find"),
        ("paid", "pay"),
        ("saw", "see"),
        ("seen", "see"),
        ("knew", "know"),
        ("known", "know"),
        ("wrote", "write"),
        ("written", "write"),
        ("began", "begin"),
        ("begun", "begin"),
        ("ran", "run"),
        ("let", "let"),
        ("put", "put"),
        ("set", "set"),
        ("read", "read"),
        ("children", "child"),
        ("kids", "kid"),
        ("people", "people"),
        ("men", "man"),
        ("women", "woman"),
        ("wives", "wife"),
        ("lives", "life"),
        ("better", "good"),
        ("best", "best"),
        ("fetching", "fetch"),
        ("news", "news"),
        ("yes", "yes"),
        ("this", "this"),
        ("us", "us"),
        ("its", "it"),
        ("his", "his"),
        ("hers", "her"),
        ("ours", "our"),
        ("yours", "your"),
        ("anyways", "anyway"),
        ("towards", "toward"),
        ("texts", "text"),
        ("texted", "text"),
        ("texting", "text"),
        ("emails", "email"),
        ("emailed", "email"),
        ("emailing", "email"),
        ("e-mail", "email"),
        ("phoned", "phone"),
        ("phoning", "phone"),
        ("sms", "text"),
        ("ringing", "ring"),
        ("meeting", "meeting"),
        ("morning", "morning"),
        ("evening", "evening"),
        ("during", "during"),
        ("nothing", "nothing"),
        ("something", "something"),
        ("anything", "anything"),
        ("everything", "everything"),
        ("thing", "thing"),
        ("things", "thing"),
        ("always", "always"),
        ("less", "less"),
        ("unless", "unless"),
        ("series", "series"),
        ("business", "business"),
        ("glass", "glass"),
        ("thanks", "thanks"),
        ("pants", "pants"),
        ("this", "this"),
        ("plus", "plus"),
        ("bus", "bus"),
        ("gas", "gas"),
        ("yesterday", "yesterday"),
        ("months", "month"),
        ("weeks", "week"),
        ("days", "day"),
        ("years", "year"),
        ("hours", "hour"),
        ("minutes", "minute"),
        ("mornings", "morning"),
        ("evenings", "evening"),
        ("afternoons", "afternoon"),
        ("nights", "night"),
        ("weekends", "weekend"),
        ("weekdays", "weekday"),
        ("mondays", "monday"),
        ("tuesdays", "tuesday"),
        ("wednesdays", "wednesday"),
        ("thursdays", "thursday"),
        ("fridays", "friday"),
        ("saturdays", "saturday"),
        ("sundays", "sunday"),
        ("thus", "thus"),
        ("staring", "stare"),
        ("stared", "stare"),
        ("starring", "star"),
        ("as", "as"),
        ("does", "do"),
        ("feed", "feed"),
        ("shed", "shed"),
        ("used", "use"),
    ]
    .into_iter()
    .collect()
});

/// The dictionary form of a lowercase word: an irregular form's word, else the first of its regular stems
/// ("trading" → "trade", "offers" → "offer") that the rules know, else the word itself.
pub fn lemma(word: &str) -> String {
    if let Some(l) = IRREGULAR.get(word) {
        return (*l).to_string();
    }
    let known = lexicon::known();
    let mut candidates: Vec<String> = Vec::with_capacity(6);
    if let Some(s) = word.strip_suffix("ies").filter(|s| s.len() >= 2) {
        candidates.push(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix('s').filter(|s| s.len() >= 3 && !s.ends_with('s')) {
        candidates.push(s.to_string());
    }
    if let Some(s) = word.strip_suffix("es").filter(|s| s.len() >= 2) {
        candidates.push(s.to_string());
    }
    for suffix in ["ing", "ed"] {
        if let Some(s) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            candidates.push(format!("{s}e"));
            candidates.push(s.to_string());
            // "stopped" → "stop": a doubled last letter (compared as characters: a word may be any script).
            let cs: Vec<char> = s.chars().collect();
            if cs.len() >= 3 && cs[cs.len() - 1] == cs[cs.len() - 2] {
                candidates.push(cs[..cs.len() - 1].iter().collect());
            }
            if let Some(t) = s.strip_suffix('i') {
                candidates.push(format!("{t}y"));
            }
        }
    }
    candidates.into_iter().find(|c| known.contains(c.as_str())).unwrap_or_else(|| word.to_string())
}

/// Words a full stop follows without ending the sentence.
const ABBREVIATIONS: &[&str] =
    &["mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "inc", "co", "approx", "mt", "ft", "no", "e", "g", "i"];

/// Words that open a negation, and how far it reaches (in words) when no mark or "but" ends it first.
pub(crate) const NEGATORS: &[&str] = &["not", "no", "never", "nobody", "none", "nor", "without", "neither"];
const NEGATION_REACH: usize = 8;

/// Word pairs that look negated but are not ("don't hesitate", "no pressure", "why not"): the second word does
/// not open a negation after the first.
const NOT_NEGATIONS: &[(&str, &str)] = &[
    ("not", "hesitate"),
    ("not", "miss"),
    ("not", "wait"),
    ("not", "forget"),
    ("not", "sure"),
    ("not", "certain"),
    ("no", "pressure"),
    ("no", "obligation"),
    ("no", "cost"),
    ("no", "charge"),
    ("no", "commitment"),
    ("no", "strings"),
    ("no", "rush"),
    ("no", "worry"),
    ("no", "problem"),
    ("not", "only"),
    ("no", "matter"),
    ("not", "just"),
    ("no", "longer"),
    ("no", "interest"),
];

/// Words that end a negation's reach: a new clause starts.
const CLAUSE_BREAKS: &[&str] =
    &["but", "and", "so", "because", "though", "although", "however", "instead", "rather", "than", "unless"];

impl Text {
    /// Reads `text` (up to [`MAX_CHARS`] characters).
    pub fn read(text: &str) -> Text {
        let mut tokens: Vec<Token> = Vec::new();
        let mut sentence = 0usize;
        let mut cur = String::new();
        let mut cur_start = 0usize;
        let mut cur_capital = false;
        let mut sentence_open = true;
        let chars: Vec<char> = text.chars().take(MAX_CHARS).collect();
        let mut i = 0usize;
        let mut apostrophe = false;
        let flush = |cur: &mut String,
                     apostrophe: bool,
                     start: usize,
                     end: usize,
                     capital: bool,
                     sentence: usize,
                     opens: &mut bool,
                     tokens: &mut Vec<Token>| {
            if cur.is_empty() {
                return;
            }
            let word = std::mem::take(cur);
            let capital = capital && !*opens;
            *opens = false;
            let spelled = if apostrophe { WITH_APOSTROPHE.get(word.as_str()) } else { None };
            match spelled.or_else(|| SPELLINGS.get(word.as_str())) {
                Some(parts) => {
                    for p in parts.iter() {
                        tokens.push(Token {
                            word: (*p).to_string(),
                            lemma: lemma(p),
                            start,
                            end,
                            capital: false,
                            negated: false,
                            sentence,
                            mark: false,
                            clause: 0,
                        });
                    }
                }
                // "Email's best", "the Civic's been great": the 's is "is" (or "has"), read as be; a possessive
                // ("Rita's car") reads the same, which no rule minds.
                None if apostrophe && word.len() > 2 && word.ends_with('s') && word != "lets" => {
                    let stem = &word[..word.len() - 1];
                    tokens.push(Token {
                        lemma: lemma(stem),
                        word: stem.to_string(),
                        start,
                        end: end - 2,
                        capital,
                        negated: false,
                        sentence,
                        mark: false,
                        clause: 0,
                    });
                    tokens.push(Token {
                        word: "s".into(),
                        lemma: "be".into(),
                        start: end - 2,
                        end,
                        capital: false,
                        negated: false,
                        sentence,
                        mark: false,
                        clause: 0,
                    });
                }
                None => tokens.push(Token {
                    lemma: lemma(&word),
                    word,
                    start,
                    end,
                    capital,
                    negated: false,
                    sentence,
                    mark: false,
                    clause: 0,
                }),
            }
        };
        while i < chars.len() {
            let c = chars[i];
            let in_word = !cur.is_empty();
            // "10:30", "3.5", "12/15": digits joined by a sign stay one token.
            let joins_digits = in_word
                && matches!(c, ':' | '.' | '/' | ',')
                && cur.chars().last().is_some_and(|l| l.is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if c.is_alphanumeric() || c == '$' && !in_word || c == '%' && in_word || joins_digits {
                if cur.is_empty() {
                    apostrophe = false;
                    cur_start = i;
                    cur_capital = c.is_uppercase();
                }
                cur.extend(c.to_lowercase());
                i += 1;
                continue;
            }
            // Apostrophes inside a word are dropped ("don't" → "dont"); a hyphen joining letters splits the word.
            if (c == '\'' || c == '’') && in_word && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
                apostrophe = true;
                i += 1;
                continue;
            }
            flush(&mut cur, apostrophe, cur_start, i, cur_capital, sentence, &mut sentence_open, &mut tokens);
            match c {
                '.' | '!' | '?' | '\n' => {
                    // "Mr." and "Ms." do not end a sentence.
                    let title = c == '.'
                        && tokens
                            .last()
                            .is_some_and(|t: &Token| t.end == i && ABBREVIATIONS.contains(&t.word.as_str()));
                    let closes = !title && (c != '.' || !chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()));
                    if closes && tokens.last().is_some_and(|t| t.sentence == sentence) {
                        if c == '?' || c == '!' {
                            tokens.push(mark(c, i, sentence));
                        }
                        sentence += 1;
                        sentence_open = true;
                    }
                }
                ',' | ';' | ':' | '—' | '–' | '(' | ')' | '"' | '“' | '”' => tokens.push(mark(c, i, sentence)),
                '-' if chars.get(i + 1) == Some(&' ') || i > 0 && chars[i - 1] == ' ' => {
                    tokens.push(mark(c, i, sentence))
                }
                '⭐' | '★' => tokens.push(Token {
                    word: "star".into(),
                    lemma: "star".into(),
                    start: i,
                    end: i + 1,
                    capital: false,
                    negated: false,
                    sentence,
                    mark: false,
                    clause: 0,
                }),
                // In a text, an emoji followed by a space ends what was being said: "your renewal is confirmed ✅
                // Since things are going well, …" is two sentences.
                c if emoji(c) => {
                    let mut k = i + 1;
                    while chars.get(k).is_some_and(|&n| emoji(n) || matches!(n, '\u{fe0f}' | '\u{200d}')) {
                        k += 1;
                    }
                    let ends = chars.get(k).is_none_or(|n| n.is_whitespace());
                    if ends && tokens.last().is_some_and(|t| t.sentence == sentence) {
                        sentence += 1;
                        sentence_open = true;
                    }
                }
                '&' | '+' => tokens.push(Token {
                    word: "and".into(),
                    lemma: "and".into(),
                    start: i,
                    end: i + 1,
                    capital: false,
                    negated: false,
                    sentence,
                    mark: false,
                    clause: 0,
                }),
                '@' => tokens.push(Token {
                    word: "at".into(),
                    lemma: "at".into(),
                    start: i,
                    end: i + 1,
                    capital: false,
                    negated: false,
                    sentence,
                    mark: false,
                    clause: 0,
                }),
                _ => {}
            }
            i += 1;
        }
        flush(&mut cur, apostrophe, cur_start, chars.len(), cur_capital, sentence, &mut sentence_open, &mut tokens);
        // Sentences, renumbered without gaps.
        let mut sentences = Vec::new();
        let mut questions = Vec::new();
        let mut start = 0;
        for k in 0..=tokens.len() {
            if k == tokens.len() || k > start && tokens[k].sentence != tokens[k - 1].sentence {
                if k > start {
                    let n = sentences.len();
                    for t in &mut tokens[start..k] {
                        t.sentence = n;
                    }
                    questions.push(tokens[k - 1].word == "?");
                    sentences.push(start..k);
                }
                start = k;
            }
        }
        for range in &sentences {
            // A token's clause is the number of breaks before it in its sentence.
            let mut c = 0;
            for t in &mut tokens[range.clone()] {
                t.clause = c;
                let breaks = t.mark && t.word != "?" && t.word != "!"
                    || matches!(t.lemma.as_str(), "but" | "so" | "though" | "although" | "however" | "because" | "and");
                if breaks {
                    c += 1;
                }
            }
        }
        let mut text = Text { tokens, sentences, questions };
        text.mark_negation(&chars);
        text
    }

    fn mark_negation(&mut self, chars: &[char]) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let t = &self.tokens[i];
            // "No pressure to refer anyone": what there is no pressure to do is not asked.
            let no_pressure_to = |next: &Token| {
                t.lemma == "no"
                    && ["pressure", "obligation"].contains(&next.lemma.as_str())
                    && self.tokens.get(i + 2).is_some_and(|after| after.lemma == "to")
            };
            let opens = NEGATORS.contains(&t.lemma.as_str())
                // "A no-closing-cost refi", "no-fee checking": a hyphened "no" describes what follows, it denies
                // nothing.
                && !(t.lemma == "no"
                    && chars.get(t.end) == Some(&'-')
                    && !self.tokens.get(i + 1).is_some_and(|n| matches!(n.lemma.as_str(), "one" | "body")))
                && !self.tokens.get(i + 1).is_some_and(|next| {
                    (NOT_NEGATIONS.iter().any(|(a, b)| *a == t.lemma && *b == next.lemma) && !no_pressure_to(next))
                        || t.lemma == "not" && ["why", "or"].contains(&prev_word(&self.tokens, i))
                        // "Why don't you come by?": a suggestion.
                        || t.lemma == "not" && prev_word(&self.tokens, i) == "do" && prev_word(&self.tokens, i - 1) == "why"
                });
            if opens {
                let sentence = t.sentence;
                let mut k = i + 1;
                while k < n && k <= i + NEGATION_REACH {
                    let u = &self.tokens[k];
                    if u.sentence != sentence || u.mark || CLAUSE_BREAKS.contains(&u.lemma.as_str()) {
                        break;
                    }
                    self.tokens[k].negated = true;
                    k += 1;
                }
            }
            i += 1;
        }
    }

    /// The tokens of sentence `s`.
    pub fn sentence(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].clone()]
    }

    /// Whether sentence `s` is a question (a question mark, or an opening "would you", "can I", "do you" …).
    pub fn is_question(&self, s: usize) -> bool {
        if self.questions[s] {
            return true;
        }
        let t = self.sentence(s);
        let first = t.iter().find(|t| !t.mark).map(|t| t.word.as_str()).unwrap_or("");
        let second = t.iter().filter(|t| !t.mark).nth(1).map(|t| t.lemma.as_str()).unwrap_or("");
        matches!(first, "would" | "could" | "can" | "do" | "are" | "is" | "will" | "may" | "have" | "did" | "should")
            && matches!(second, "you" | "i" | "we" | "it" | "there" | "that" | "anyone" | "anybody")
    }
}

fn prev_word(tokens: &[Token], i: usize) -> &str {
    if i == 0 {
        ""
    } else {
        tokens[i - 1].lemma.as_str()
    }
}

fn mark(c: char, at: usize, sentence: usize) -> Token {
    Token {
        word: c.to_string(),
        lemma: c.to_string(),
        start: at,
        end: at + 1,
        capital: false,
        negated: false,
        sentence,
        mark: true,
        clause: 0,
    }
}

/// A pictograph of the kind texts end a thought with (faces, hands, hearts, ticks, suns).
fn emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1F2FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmas(text: &str) -> Vec<String> {
        Text::read(text).tokens.iter().filter(|t| !t.mark).map(|t| t.lemma.clone()).collect()
    }

    #[test]
    fn words_are_read_as_their_dictionary_form() {
        assert_eq!(lemmas("Don't call me"), ["do", "not", "call", "me"]);
        assert_eq!(lemmas("We're trading"), ["we", "be", "trade"]);
        assert_eq!(lemmas("u r the best"), ["you", "be", "the", "best"]);
        assert_eq!(lemmas("She sold it"), ["she", "sell", "it"]);
    }

    #[test]
    fn spans_point_at_the_original_characters() {
        let t = Text::read("Hé, don’t call");
        let call = t.tokens.iter().find(|t| t.lemma == "call").unwrap();
        assert_eq!((call.start, call.end), (10, 14));
        let not = t.tokens.iter().find(|t| t.lemma == "not").unwrap();
        assert_eq!((not.start, not.end), (4, 9));
    }

    #[test]
    fn negation_reaches_to_the_end_of_its_clause() {
        let t = Text::read("No trade-in talk, promise. Your tires are in");
        let trade = t.tokens.iter().find(|t| t.lemma == "trade").unwrap();
        assert!(trade.negated);
        assert!(!t.tokens.iter().find(|t| t.lemma == "tire").unwrap().negated);
        let t = Text::read("Don't hesitate to call");
        assert!(!t.tokens.iter().find(|t| t.lemma == "call").unwrap().negated);
    }

    #[test]
    fn a_hyphened_no_describes_and_no_pressure_to_denies() {
        let negated =
            |text: &str, lemma: &str| Text::read(text).tokens.iter().find(|t| t.lemma == lemma).unwrap().negated;
        // "A no-closing-cost refi" offers a refi; "no trade-in talk" denies one.
        assert!(!negated("Our team is running a no-closing-cost refi this month", "refi"));
        assert!(negated("No trade-in talk, promise", "trade"));
        // There is no pressure *to* refer: not asked. "No pressure, but …" asks what follows.
        assert!(negated("No pressure to refer anyone, here is your receipt", "refer"));
        assert!(!negated("No pressure, but if you know anyone, refer them", "refer"));
    }

    #[test]
    fn sentences_and_questions() {
        let t = Text::read("Hi Rita. Got 5 min for a call? Thanks!");
        assert_eq!(t.sentences.len(), 3);
        assert!(t.is_question(1));
        assert!(!t.is_question(0));
        let t = Text::read("Ends at 10:30. Costs $3.50 today");
        assert!(t.tokens.iter().any(|t| t.word == "10:30"));
        assert!(t.tokens.iter().any(|t| t.word == "$3.50"));
        assert_eq!(t.sentences.len(), 2);
    }

    #[test]
    fn an_emoji_before_a_space_ends_a_texts_sentence() {
        let t = Text::read("your renewal is confirmed ✅ Since things are going well, would you record a testimonial?");
        assert_eq!(t.sentences.len(), 2);
        assert!(!t.is_question(0) && t.is_question(1));
        let t = Text::read("coupon attached 👍🏼 also tell ur buddies");
        assert_eq!(t.sentences.len(), 2, "a skin tone joins its emoji");
        let t = Text::read("Thanks!🙏 see you Friday");
        assert_eq!(t.sentences.len(), 2);
        let t = Text::read("the ☀️panels are clean");
        assert_eq!(t.sentences.len(), 1, "an emoji inside a phrase does not end it");
    }
}
