//! The salesperson's shorthand, said to the customer: "Hikes Starved Rock most weekends" becomes "you hike Starved
//! Rock most weekends", "Golden retriever Maple" becomes "your golden retriever Maple".
//!
//! A little English, from tables: the verbs facts are written with, the pronouns to turn, the words that name a job.
//! What the tables do not know is said as a thing ("I loved hearing about …"), which reads right for any noun
//! phrase — so an unusual fact makes a plainer sentence, never a broken one.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How a piece of shorthand can be said to the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Said {
    /// A clause with its subject: "you hike Starved Rock most weekends", "Felix keeps goal for the team".
    Clause(String),
    /// A noun phrase: "your golden retriever Maple".
    Thing(String),
}

/// A fact said to the customer, and how sure we are it reads well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub said: Said,
    /// False for shapes that read stiffly ("you were referred by …"): offered, not preselected.
    pub natural: bool,
}

/// Verbs facts and summaries are written with: base, past, -ing. The third person is made by rule.
const VERBS: &[(&str, &str, &str)] = &[
    ("ask", "asked", "asking"),
    ("attend", "attended", "attending"),
    ("bake", "baked", "baking"),
    ("bike", "biked", "biking"),
    ("book", "booked", "booking"),
    ("bring", "brought", "bringing"),
    ("build", "built", "building"),
    ("buy", "bought", "buying"),
    ("call", "called", "calling"),
    ("camp", "camped", "camping"),
    ("care", "cared", "caring"),
    ("carry", "carried", "carrying"),
    ("charge", "charged", "charging"),
    ("check", "checked", "checking"),
    ("coach", "coached", "coaching"),
    ("collect", "collected", "collecting"),
    ("come", "came", "coming"),
    ("commute", "commuted", "commuting"),
    ("cook", "cooked", "cooking"),
    ("do", "did", "doing"),
    ("drive", "drove", "driving"),
    ("email", "emailed", "emailing"),
    ("enjoy", "enjoyed", "enjoying"),
    ("find", "found", "finding"),
    ("finish", "finished", "finishing"),
    ("fish", "fished", "fishing"),
    ("fly", "flew", "flying"),
    ("garden", "gardened", "gardening"),
    ("get", "got", "getting"),
    ("give", "gave", "giving"),
    ("go", "went", "going"),
    ("golf", "golfed", "golfing"),
    ("graduate", "graduated", "graduating"),
    ("grow", "grew", "growing"),
    ("hand", "handed", "handing"),
    ("haul", "hauled", "hauling"),
    ("have", "had", "having"),
    ("help", "helped", "helping"),
    ("hike", "hiked", "hiking"),
    ("host", "hosted", "hosting"),
    ("hunt", "hunted", "hunting"),
    ("join", "joined", "joining"),
    ("keep", "kept", "keeping"),
    ("land", "landed", "landing"),
    ("lead", "led", "leading"),
    ("learn", "learned", "learning"),
    ("lease", "leased", "leasing"),
    ("like", "liked", "liking"),
    ("live", "lived", "living"),
    ("love", "loved", "loving"),
    ("make", "made", "making"),
    ("manage", "managed", "managing"),
    ("marry", "married", "marrying"),
    ("meet", "met", "meeting"),
    ("move", "moved", "moving"),
    ("mow", "mowed", "mowing"),
    ("name", "named", "naming"),
    ("need", "needed", "needing"),
    ("own", "owned", "owning"),
    ("paint", "painted", "painting"),
    ("pass", "passed", "passing"),
    ("pay", "paid", "paying"),
    ("pick", "picked", "picking"),
    ("plan", "planned", "planning"),
    ("play", "played", "playing"),
    ("plow", "plowed", "plowing"),
    ("practice", "practiced", "practicing"),
    ("pull", "pulled", "pulling"),
    ("race", "raced", "racing"),
    ("raise", "raised", "raising"),
    ("refer", "referred", "referring"),
    ("restore", "restored", "restoring"),
    ("retire", "retired", "retiring"),
    ("return", "returned", "returning"),
    ("ride", "rode", "riding"),
    ("row", "rowed", "rowing"),
    ("run", "ran", "running"),
    ("sail", "sailed", "sailing"),
    ("say", "said", "saying"),
    ("send", "sent", "sending"),
    ("serve", "served", "serving"),
    ("ship", "shipped", "shipping"),
    ("show", "showed", "showing"),
    ("shuttle", "shuttled", "shuttling"),
    ("sign", "signed", "signing"),
    ("sing", "sang", "singing"),
    ("ski", "skied", "skiing"),
    ("snowboard", "snowboarded", "snowboarding"),
    ("spend", "spent", "spending"),
    ("start", "started", "starting"),
    ("stay", "stayed", "staying"),
    ("stop", "stopped", "stopping"),
    ("study", "studied", "studying"),
    ("swim", "swam", "swimming"),
    ("take", "took", "taking"),
    ("teach", "taught", "teaching"),
    ("tell", "told", "telling"),
    ("test", "tested", "testing"),
    ("text", "texted", "texting"),
    ("thank", "thanked", "thanking"),
    ("tow", "towed", "towing"),
    ("train", "trained", "training"),
    ("travel", "traveled", "traveling"),
    ("turn", "turned", "turning"),
    ("visit", "visited", "visiting"),
    ("volunteer", "volunteered", "volunteering"),
    ("walk", "walked", "walking"),
    ("want", "wanted", "wanting"),
    ("wash", "washed", "washing"),
    ("watch", "watched", "watching"),
    ("waterski", "waterskied", "waterskiing"),
    ("wear", "wore", "wearing"),
    ("win", "won", "winning"),
    ("work", "worked", "working"),
    ("write", "wrote", "writing"),
];

/// Helpers that carry a clause on their own ("the Expedition will shuttle …"), with their form after "you".
const AUXILIARIES: &[(&str, &str)] = &[
    ("is", "are"),
    ("are", "are"),
    ("was", "were"),
    ("were", "were"),
    ("has", "have"),
    ("have", "have"),
    ("will", "will"),
    ("would", "would"),
    ("can", "can"),
    ("could", "could"),
    ("may", "may"),
    ("might", "might"),
    ("should", "should"),
];

/// Words that name what someone does for a living: "Retired Metra conductor" is "you're a retired Metra conductor".
const ROLES: &[&str] = &[
    "accountant",
    "architect",
    "artist",
    "attorney",
    "captain",
    "carpenter",
    "carrier",
    "chef",
    "conductor",
    "consultant",
    "contractor",
    "dentist",
    "designer",
    "developer",
    "doctor",
    "driver",
    "electrician",
    "engineer",
    "farmer",
    "firefighter",
    "guide",
    "instructor",
    "lawyer",
    "lifeguard",
    "machinist",
    "manager",
    "mechanic",
    "minister",
    "musician",
    "nurse",
    "officer",
    "owner",
    "paramedic",
    "pastor",
    "pharmacist",
    "photographer",
    "physician",
    "pilot",
    "plumber",
    "professor",
    "rancher",
    "realtor",
    "researcher",
    "resident",
    "retiree",
    "scientist",
    "student",
    "surgeon",
    "teacher",
    "therapist",
    "veteran",
    "veterinarian",
    "writer",
];

/// Small words after which a verb is not the start of a clause, and before which an -ing word is an activity.
const PREPOSITIONS: &[&str] = &[
    "about", "across", "after", "around", "as", "at", "back", "before", "between", "by", "for", "from", "in", "into",
    "of", "off", "on", "out", "over", "through", "to", "toward", "towards", "up", "with", "without",
];

/// Words between "she" and her verb that do not change it: "she ever buys" → "you ever buy".
const ADVERBS: &[&str] = &["also", "always", "ever", "just", "never", "now", "often", "really", "still", "usually"];

/// Words that start a clause about someone else: "the boys waterski", "they're painting the nursery".
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "their", "they", "they're", "our"];

fn third_person(base: &str) -> String {
    match base {
        "have" => "has".into(),
        "do" => "does".into(),
        "go" => "goes".into(),
        _ if base.ends_with('y') && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) => {
            format!("{}ies", &base[..base.len() - 1])
        }
        _ if ["s", "sh", "ch", "x", "z"].iter().any(|e| base.ends_with(e)) => format!("{base}es"),
        _ => format!("{base}s"),
    }
}

/// The verb a word is, if the tables know it: (base, how it is used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Base,
    Third,
    Past,
    Ing,
}

/// Every form of every verb the tables know, looked up by the word.
static FORMS: LazyLock<HashMap<String, (&'static str, Form)>> = LazyLock::new(|| {
    let mut forms = HashMap::new();
    // Later entries do not overwrite earlier ones: "read" is first the base form.
    for (base, past, ing) in VERBS {
        for (word, form) in [(base.to_string(), Form::Base), (third_person(base), Form::Third)] {
            forms.entry(word).or_insert((*base, form));
        }
        forms.entry(past.to_string()).or_insert((*base, Form::Past));
        forms.entry(ing.to_string()).or_insert((*base, Form::Ing));
    }
    forms
});

fn verb(word: &str) -> Option<(&'static str, Form)> {
    FORMS.get(&bare(word).to_lowercase()).copied()
}

fn ing(base: &str) -> &'static str {
    VERBS.iter().find(|v| v.0 == base).map(|v| v.2).unwrap_or("doing")
}

fn auxiliary(word: &str) -> Option<&'static str> {
    let w = bare(word).to_lowercase();
    AUXILIARIES.iter().find(|a| a.0 == w).map(|a| a.1)
}

/// A word without the punctuation around it (apostrophes inside stay).
pub(crate) fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Replaces the letters of `word` by `by`, keeping the punctuation around it ("his," → "your,").
fn swap(word: &str, by: &str) -> String {
    let start = word.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let end = word.rfind(|c: char| c.is_alphanumeric()).map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8));
    let end = end.unwrap_or(word.len());
    format!("{}{}{}", &word[..start], by, &word[end..])
}

fn is_capitalized(word: &str) -> bool {
    word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

/// "ER", "ICU", "CarPlay", "EyeSight": kept as written wherever they land.
fn keeps_case(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().skip(1).any(|c| c.is_uppercase())
}

/// Lowercases the first word when it moves into the middle of a sentence, unless it is a name.
fn lower_first(words: &mut [String], is_name: &dyn Fn(&str) -> bool) {
    if let Some(w) = words.first_mut() {
        if !keeps_case(w) && !is_name(bare(w)) {
            *w = lower_initial(w);
        }
    }
}

pub(crate) fn lower_initial(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn upper_initial(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Removes `#tags` and tidies spaces: tags are for the salesperson, never for the customer's eyes.
pub(crate) fn without_tags(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !(w.starts_with('#') && w.chars().nth(1).is_some_and(char::is_alphabetic)))
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ' '])
        .to_string()
}

/// Clauses of shorthand: "Retired Metra conductor; volunteers on the Riverwalk" is two.
fn clauses(text: &str) -> Vec<Vec<String>> {
    let text = without_tags(text);
    text.split(';')
        .flat_map(|c| c.split(" — "))
        .flat_map(|c| c.split(" – "))
        .map(|c| c.split_whitespace().map(String::from).collect::<Vec<_>>())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Turns the customer's pronouns to "you" in a clause the customer is the subject of: "his last Outback" → "your
/// last Outback", "she drives" → "you drive", "he'll own" → "you'll own". A possessive after someone else's name
/// stays theirs ("a photo of Haruto in his uniform").
fn to_you(words: &mut [String], is_name: &dyn Fn(&str) -> bool) {
    // Where the last name other than the customer's stood: "Haruto in his uniform" is Haruto's.
    let mut last_name: Option<usize> = None;
    for i in 0..words.len() {
        let w = words[i].clone();
        let b = bare(&w).to_lowercase().replace('’', "'");
        let next_is_word = words.get(i + 1).is_some_and(|n| {
            let nb = bare(n).to_lowercase();
            !nb.is_empty() && !PREPOSITIONS.contains(&nb.as_str()) && !w.ends_with([',', '.', ':', ';'])
        });
        let theirs = last_name.is_some_and(|at| i - at <= 2);
        match b.as_str() {
            "he" | "she" => {
                words[i] = swap(&w, if is_capitalized(&w) { "You" } else { "you" });
                // The verb that follows agrees with "you", past adverbs like "ever".
                let mut j = i + 1;
                while j < words.len() && ADVERBS.contains(&bare(&words[j]).to_lowercase().as_str()) {
                    j += 1;
                }
                if let Some(v) = words.get(j).cloned() {
                    if let Some(a) = auxiliary(&v) {
                        words[j] = swap(&v, a);
                    } else if let Some((base, Form::Third)) = verb(&v) {
                        words[j] = swap(&v, base);
                    }
                }
            }
            "he's" | "she's" => words[i] = swap(&w, "you're"),
            "he'll" | "she'll" => words[i] = swap(&w, "you'll"),
            "he'd" | "she'd" => words[i] = swap(&w, "you'd"),
            "himself" | "herself" => words[i] = swap(&w, "yourself"),
            "him" => words[i] = swap(&w, "you"),
            "his" if !theirs => words[i] = swap(&w, "your"),
            "her" if !theirs => words[i] = swap(&w, if next_is_word { "your" } else { "you" }),
            _ => {
                if i > 0 && is_capitalized(&w) && is_name(bare(&w)) && !keeps_case(&w) {
                    last_name = Some(i);
                }
            }
        }
    }
}

/// After a comma or "and", a verb in the third person joins the list in `form`: "charges at home, commutes to
/// Aurora" → "charge at home, commute to Aurora".
fn agree_lists(words: &mut [String], to: Form) {
    for i in 1..words.len() {
        let prev = &words[i - 1];
        let after_list = prev.ends_with(',')
            || (["and", "or"].contains(&bare(prev).to_lowercase().as_str()) && i >= 2 && words[i - 2].ends_with(','));
        if !after_list {
            continue;
        }
        if let Some((base, form)) = verb(&words[i]) {
            if form == Form::Third || (to == Form::Ing && form == Form::Base) {
                let by = if to == Form::Ing { ing(base) } else { base };
                words[i] = swap(&words[i].clone(), by);
            }
        }
    }
}

/// What a clause of shorthand is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// The customer does it: "you hike Starved Rock" (without the "you" in `.1`).
    You(String, bool),
    /// Someone or something else does it, named or with "the": "Felix keeps goal", "the boys waterski".
    Other(String),
    /// Someone else, without a name or "the": "airport runs at 4 a.m." — said alone, never joined.
    Loose(String),
    Thing(String),
}

fn join(words: &[String]) -> String {
    words.join(" ")
}

fn article(word: &str) -> &'static str {
    let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && word.len() >= 2;
    let first = word.chars().next().unwrap_or('x').to_ascii_lowercase();
    let vowel = if acronym { "aefhilmnorsx".contains(first) } else { "aeiou".contains(first) };
    if vowel {
        "an"
    } else {
        "a"
    }
}

/// Reads one clause of shorthand.
fn shape(clause: &[String], is_name: &dyn Fn(&str) -> bool) -> Shape {
    let mut w: Vec<String> = clause.to_vec();
    let first = bare(&w[0]).to_lowercase().replace('’', "'");
    let second = w.get(1).map(|s| bare(s).to_lowercase()).unwrap_or_default();

    // A job: "Retired Metra conductor", "ER physician at Edward Hospital".
    let role_at = w.iter().take(4).position(|x| ROLES.contains(&bare(x).to_lowercase().as_str()));
    if let Some(r) = role_at {
        let blocked = w[..r].iter().any(|x| {
            let b = bare(x).to_lowercase();
            PREPOSITIONS.contains(&b.as_str()) || auxiliary(&b).is_some() || ["he", "she"].contains(&b.as_str())
        });
        if !blocked {
            let a = article(&w[0]);
            to_you(&mut w, is_name);
            lower_first(&mut w, is_name);
            return Shape::You(format!("are {a} {}", join(&w)), true);
        }
    }
    // "She drives to DeKalb", "he's retired".
    if ["he", "she", "he's", "she's", "he'll", "she'll", "he'd", "she'd"].contains(&first.as_str()) {
        to_you(&mut w, is_name);
        let rest = join(&w);
        let rest = rest.split_once(' ').map_or("", |x| x.1).to_string();
        return match first.as_str() {
            "he's" | "she's" => Shape::You(format!("are {rest}"), true),
            "he'll" | "she'll" => Shape::You(format!("will {rest}"), true),
            "he'd" | "she'd" => Shape::You(format!("would {rest}"), true),
            _ => Shape::You(rest, true),
        };
    }
    // "Training for the marathon", "Back in Tokyo".
    if let Some((_, Form::Ing)) = verb(&w[0]) {
        if PREPOSITIONS.contains(&second.as_str()) || DETERMINERS.contains(&second.as_str()) {
            to_you(&mut w, is_name);
            lower_first(&mut w, is_name);
            return Shape::You(format!("are {}", join(&w)), true);
        }
    }
    if ["back", "home", "away"].contains(&first.as_str())
        && (second.is_empty() || PREPOSITIONS.contains(&second.as_str()))
    {
        to_you(&mut w, is_name);
        lower_first(&mut w, is_name);
        return Shape::You(format!("are {}", join(&w)), true);
    }
    // "Hikes Starved Rock", "Drove his last Outback", "may return next year".
    if let Some((base, form)) = verb(&w[0]) {
        if form == Form::Third || form == Form::Past || (form == Form::Base && w[0] == lower_initial(&w[0])) {
            let passive = form == Form::Past && second == "by";
            to_you(&mut w[1..], is_name);
            agree_lists(&mut w, Form::Base);
            let head = match form {
                Form::Third => base.to_string(),
                _ => lower_initial(bare(&w[0])),
            };
            let rest = join(&w[1..]);
            let said = if passive { format!("were {head} {rest}") } else { format!("{head} {rest}") };
            return Shape::You(said.trim().to_string(), !passive);
        }
    }
    if let Some(a) = auxiliary(&w[0]).filter(|_| w[0] == lower_initial(&w[0])) {
        to_you(&mut w[1..], is_name);
        return Shape::You(format!("{a} {}", join(&w[1..])).trim().to_string(), true);
    }
    // Something else leads: a verb before any pronoun makes it a clause about them.
    let mut possessive = false;
    if ["his", "her"].contains(&first.as_str()) {
        w[0] = swap(&w[0], "Your");
        possessive = true;
    }
    let has_verb = w.iter().enumerate().skip(1).take(7).take_while(|(_, x)| {
        !["he", "she", "he's", "she's", "he'll", "she'll"].contains(&bare(x).to_lowercase().as_str())
    });
    // "they're painting the nursery" carries its verb in the contraction.
    let mut clause = first.ends_with("'re");
    for (i, x) in has_verb {
        let prev = &w[i - 1];
        let after_comma = prev.ends_with(',');
        let plural_before = bare(prev).ends_with('s') || after_comma;
        match verb(x) {
            Some((_, Form::Third)) | Some((_, Form::Past)) if !after_comma && x == &lower_initial(x) => clause = true,
            Some((_, Form::Base)) if plural_before && x == &lower_initial(x) => clause = true,
            _ if auxiliary(x).is_some() && x == &lower_initial(x) => clause = true,
            _ => {}
        }
        if clause {
            break;
        }
    }
    let named = is_name(bare(&w[0])) || keeps_case(&w[0]);
    let determined = DETERMINERS.contains(&first.as_str());
    // "Baby girl due" is "your baby girl is due".
    let last = w.last().map(|x| bare(x).to_lowercase()).unwrap_or_default();
    if !clause && w.len() >= 2 && ["due", "expected", "arriving"].contains(&last.as_str()) {
        let at = w.len() - 1;
        w.insert(at, "is".to_string());
        clause = true;
    }
    if !clause {
        to_you(&mut w, is_name);
    }
    let lead_named = named && !possessive;
    if !lead_named {
        lower_first(&mut w, is_name);
    }
    let common = !lead_named && !determined && !possessive;
    let text =
        if common && !first.chars().all(|c| c.is_ascii_digit()) { format!("your {}", join(&w)) } else { join(&w) };
    match (clause, common) {
        (true, false) => Shape::Other(text),
        (true, true) => Shape::Loose(text),
        (false, _) => Shape::Thing(text),
    }
}

/// A fact, said to the customer: at most two of its clauses, joined the way speech joins them.
pub(crate) fn fact(text: &str, is_name: &dyn Fn(&str) -> bool) -> Phrase {
    let parts = clauses(text);
    let Some(head) = parts.first() else {
        return Phrase { said: Said::Thing(String::new()), natural: false };
    };
    let first = shape(head, is_name);
    let second = parts.get(1).map(|c| shape(c, is_name));
    let (mut clause, natural) = match first {
        Shape::You(s, natural) => (format!("you {s}"), natural),
        Shape::Other(s) | Shape::Loose(s) => (s, true),
        Shape::Thing(s) => return Phrase { said: Said::Thing(s), natural: true },
    };
    match (second, clause.starts_with("you ")) {
        (Some(Shape::You(s, true)), true) => clause = format!("{clause} and {s}"),
        (Some(Shape::You(s, true)), false) => clause = format!("{clause} and you {s}"),
        (Some(Shape::Other(s)), _) => clause = format!("{clause} and {s}"),
        _ => {}
    }
    Phrase { said: Said::Clause(contract(&clause)), natural }
}

/// "you are" reads as "you're" in a note.
fn contract(s: &str) -> String {
    match s.strip_prefix("you are ") {
        Some(rest) => format!("you're {rest}"),
        None => s.to_string(),
    }
}

/// A goal as something to toast: "Keep the Outback to 250,000 miles" → "keeping the Outback to 250,000 miles";
/// "Every truck ready by November 1" → "every truck ready by November 1".
pub(crate) fn goal(text: &str, is_name: &dyn Fn(&str) -> bool) -> String {
    let clean = without_tags(text);
    let mut w: Vec<String> = clean.split_whitespace().map(String::from).collect();
    if w.is_empty() {
        return String::new();
    }
    to_you(&mut w, is_name);
    if let Some((base, Form::Base)) = verb(&w[0]) {
        w[0] = swap(&w[0], ing(base));
        agree_lists(&mut w, Form::Ing);
    } else {
        lower_first(&mut w, is_name);
    }
    join(&w)
}

/// What the customer did, as something to thank them for: "Sent his nephew Eddie to us" → "sending your nephew Eddie
/// to us". `None` when the summary does not start with what they did.
pub(crate) fn deed(summary: &str, is_name: &dyn Fn(&str) -> bool) -> Option<String> {
    let parts = clauses(summary);
    let head = parts.first()?;
    let (base, form) = verb(&head[0])?;
    if form != Form::Past {
        return None;
    }
    let mut w = head.clone();
    to_you(&mut w[1..], is_name);
    agree_lists(&mut w, Form::Ing);
    w[0] = if base == "say" { "telling me".to_string() } else { ing(base).to_string() };
    let mut out = join(&w);
    if let Some(next) = parts.get(1) {
        if let Some((b, Form::Past | Form::Third)) = verb(&next[0]) {
            let mut n = next.clone();
            to_you(&mut n[1..], is_name);
            n[0] = ing(b).to_string();
            out = format!("{out} and {}", join(&n));
        }
    }
    Some(out)
}

/// An issue's title as what was sorted out: "Rattle in the dashboard" → "the rattle in the dashboard";
/// "Apple CarPlay keeps disconnecting" → "why Apple CarPlay keeps disconnecting".
pub(crate) fn trouble(title: &str, is_name: &dyn Fn(&str) -> bool) -> String {
    let parts = clauses(title);
    let Some(head) = parts.first() else {
        return String::new();
    };
    let keep = |w: &str| is_name(w) || head.get(1).is_some_and(|n| is_capitalized(n));
    match shape(head, &keep) {
        Shape::Other(s) | Shape::Loose(s) => format!("why {}", s.trim_start_matches("your ")),
        Shape::You(s, _) => format!("why you {s}"),
        Shape::Thing(s) => {
            let s = s.trim_start_matches("your ").to_string();
            if DETERMINERS.iter().any(|d| s.starts_with(&format!("{d} "))) {
                s
            } else {
                format!("the {s}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(w: &str) -> bool {
        ["Felix", "Jack", "Mateo", "Haruto", "Steven", "Linh", "Friday", "Eddie", "Ruth", "Metra", "Riverwalk"]
            .contains(&w)
    }

    #[test]
    fn facts_are_said_to_the_customer() {
        let cases: &[(&str, &str)] = &[
            ("Hikes Starved Rock most weekends", "you hike Starved Rock most weekends"),
            (
                "#BuyAndHold Drove his last Outback 12 years; keeps every receipt in a binder",
                "you drove your last Outback 12 years and keep every receipt in a binder",
            ),
            (
                "Retired Metra conductor; volunteers on the Riverwalk cleanup crew",
                "you're a retired Metra conductor and volunteer on the Riverwalk cleanup crew",
            ),
            (
                "ER physician at Edward Hospital; three 12-hour shifts a week",
                "you're an ER physician at Edward Hospital",
            ),
            (
                "Software engineer; charges at home, commutes to Aurora",
                "you're a software engineer and charge at home, commute to Aurora",
            ),
            (
                "Mateo studies engineering at NIU; she drives to DeKalb most Sundays",
                "Mateo studies engineering at NIU and you drive to DeKalb most Sundays",
            ),
            (
                "The twins' booster seats live in the back; she asked about rear sunshades",
                "the twins' booster seats live in the back and you asked about rear sunshades",
            ),
            (
                "Beagle named Biscuit rides in the back on every trip",
                "your beagle named Biscuit rides in the back on every trip",
            ),
            ("Training for the Chicago Marathon in October", "you're training for the Chicago Marathon in October"),
            (
                "Back in Tokyo; may return on a new assignment in about two years",
                "you're back in Tokyo and may return on a new assignment in about two years",
            ),
            ("Says this is the last truck he'll own #BuyAndHold", "you say this is the last truck you'll own"),
            ("Jack carries his rowing gear on the roof rails", "Jack carries his rowing gear on the roof rails"),
            (
                "His last F-150 went 15 years and 290,000 miles #BuyAndHold",
                "your last F-150 went 15 years and 290,000 miles",
            ),
            (
                "Haruto's first baseball game was the Cubs tickets we found for him",
                "Haruto's first baseball game was the Cubs tickets we found for him",
            ),
            ("Tows a ski boat at the lake; the boys waterski", "you tow a ski boat at the lake and the boys waterski"),
            ("Turns 80; the family is throwing a party", "you turn 80 and the family is throwing a party"),
            ("Drives about a thousand miles a week; airport runs at 4 a.m.", "you drive about a thousand miles a week"),
        ];
        for (shorthand, said) in cases {
            assert_eq!(fact(shorthand, &names).said, Said::Clause(said.to_string()), "{shorthand}");
        }
        let things: &[(&str, &str)] = &[
            ("Golden retriever Maple; wants seat covers for the third row", "your golden retriever Maple"),
            (
                "Three rescue greyhounds: Comet, Pepper and Moose",
                "your three rescue greyhounds: Comet, Pepper and Moose",
            ),
            (
                "Fishing trip to Alaska for king salmon with his brother",
                "your fishing trip to Alaska for king salmon with your brother",
            ),
            ("Her birthday — mentioned it while signing", "your birthday"),
            (
                "The first car she has ever owned; got her license this year #FirstCar",
                "the first car you have ever owned",
            ),
            ("Twenty-eight years with Aurora Fire; retired as a captain", "your twenty-eight years with Aurora Fire"),
            ("First car, bought for his first job #FirstCar", "your first car, bought for your first job"),
        ];
        for (shorthand, said) in things {
            assert_eq!(fact(shorthand, &names).said, Said::Thing(said.to_string()), "{shorthand}");
        }
        assert!(!fact("Referred by his cousin Eddie Ruiz #Referral", &names).natural);
    }

    #[test]
    fn goals_deeds_and_troubles() {
        let n = &names;
        assert_eq!(goal("Keep the Outback to 250,000 miles", n), "keeping the Outback to 250,000 miles");
        assert_eq!(
            goal("Pay off the Escape, hand it to Steven Jr., and get something bigger", n),
            "paying off the Escape, handing it to Steven Jr., and getting something bigger"
        );
        assert_eq!(goal("Make this the last truck he ever buys", n), "making this the last truck you ever buy");
        assert_eq!(
            goal("Every truck ready for plowing by November 1", n),
            "every truck ready for plowing by November 1"
        );
        assert_eq!(
            deed("Sent his nephew Eddie to us for a Ranger", n).unwrap(),
            "sending your nephew Eddie to us for a Ranger"
        );
        assert_eq!(
            deed("Stopped by at his oil change; showed me photos of last year's catch", n).unwrap(),
            "stopping by at your oil change and showing me photos of last year's catch"
        );
        assert_eq!(
            deed("Sent a photo of Haruto in his baseball uniform; says hello to the service team", n).unwrap(),
            "sending a photo of Haruto in his baseball uniform and saying hello to the service team"
        );
        assert_eq!(deed("Rattle from the passenger side", n), None);
        assert_eq!(
            trouble("Rattle in the dashboard, passenger side, above 40 mph", n),
            "the rattle in the dashboard, passenger side, above 40 mph"
        );
        assert_eq!(trouble("Apple CarPlay keeps disconnecting", n), "why Apple CarPlay keeps disconnecting");
    }
}
