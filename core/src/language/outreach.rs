//! What an outreach is: a check-in, a pitch on a topic, a push for a channel, a message with value — each with
//! the words that show it.
//!
//! The lexicon's cues are weighed sentence by sentence: a topic's words pitch only where the sentence also
//! offers or sells and the topic is not the customer's own business ("your trade-in paperwork is attached"); a
//! channel's words push only where the sentence asks or announces, not where it recalls a past call; a negated cue
//! counts for nothing. A text with value in it is never a check-in, whatever pleasantries surround it.

use serde::{Deserialize, Serialize};

use super::lexicon::{Cue, CHANNELS, FAMILIES, OUTREACH};
use super::pattern::{Hit, Patterns};
use super::text::Text;
use crate::model::Channel;

/// What an outreach does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentKind {
    /// Nothing the customer gains: pleasantries, "how is everything", open-ended offers of help.
    CheckIn,
    /// A pitch on a topic family (`topic`).
    Pitch,
    /// Asks to move the conversation to `channel`.
    AsksForChannel,
    /// Something concrete the customer gains.
    Value,
}

impl IntentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IntentKind::CheckIn => "check_in",
            IntentKind::Pitch => "pitch",
            IntentKind::AsksForChannel => "asks_for_channel",
            IntentKind::Value => "value",
        }
    }
}

/// One intent found, with the words that show it (character offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    pub intent: IntentKind,
    /// For a pitch: the topic family (`buy-back`, `extended warranty`, `reviews`, `financing`, `referrals`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub topic: Option<String>,
    /// For a push: the channel asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub channel: Option<Channel>,
    pub start: usize,
    pub end: usize,
    pub words: String,
}

impl Intent {
    /// The label the corpora use: `check_in`, `value`, `pitch:buy-back`, `asks_for_channel:phone`.
    pub fn label(&self) -> String {
        match (&self.topic, self.channel) {
            (Some(t), _) => format!("{}:{t}", self.intent.as_str()),
            (None, Some(c)) => format!("{}:{}", self.intent.as_str(), c.as_str()),
            _ => self.intent.as_str().to_string(),
        }
    }
}

/// What an outreach text does, in the order the words appear.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub intents: Vec<Intent>,
    /// Every word is filler ("call her", "touch base", or nothing at all): nothing for the customer either.
    #[serde(skip)]
    pub filler_only: bool,
    /// The text marks a personal occasion — a birthday, an anniversary, a wedding, a new baby, condolences, get
    /// well: a card for it is the personal date the customer shared, not a check-in to refuse.
    #[serde(skip)]
    pub occasion: bool,
}

impl Reading {
    pub fn has(&self, kind: IntentKind) -> bool {
        self.intents.iter().any(|i| i.intent == kind)
    }

    /// The first pitch on `topic` (a family name).
    pub fn pitch(&self, topic: &str) -> Option<&Intent> {
        self.intents.iter().find(|i| i.intent == IntentKind::Pitch && i.topic.as_deref() == Some(topic))
    }

    /// Every topic family pitched.
    pub fn topics(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for i in &self.intents {
            if let Some(t) = i.topic.as_deref() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// The first push for `channel`.
    pub fn push_for(&self, channel: Channel) -> Option<&Intent> {
        self.intents.iter().find(|i| i.intent == IntentKind::AsksForChannel && i.channel == Some(channel))
    }

    /// Nothing for the customer: a check-in and no value.
    pub fn is_check_in(&self) -> bool {
        self.has(IntentKind::CheckIn) && !self.has(IntentKind::Value)
    }
}

static CUES: std::sync::LazyLock<Patterns<Cue>> = std::sync::LazyLock::new(|| Patterns::new(OUTREACH));

fn channel(n: u8) -> Channel {
    CHANNELS[n as usize].parse().expect("lexicon channels are channels")
}

/// Every cue the lexicon finds in a text.
pub(crate) fn cues(t: &Text) -> Vec<Hit<Cue>> {
    CUES.find(t)
}

/// Reads an outreach text: what it does, and where.
///
/// Short texts are remembered: a dealership's agenda puts tens of thousands of reasons through the Guard, and
/// their words repeat ("Oil change 2 of 3 is due"), so each is read once per process.
pub fn read(text: &str) -> Reading {
    if text.len() > REMEMBERED_LEN {
        return read_text(&Text::read(text), text);
    }
    if let Some(r) = REMEMBERED.lock().ok().and_then(|m| m.get(text).cloned()) {
        return r;
    }
    let r = read_text(&Text::read(text), text);
    if let Ok(mut m) = REMEMBERED.lock() {
        if m.len() >= REMEMBERED_MAX {
            m.clear();
        }
        m.insert(text.into(), r.clone());
    }
    r
}

/// Texts up to this many bytes are remembered, up to this many of them (then the memory starts again).
const REMEMBERED_LEN: usize = 240;
const REMEMBERED_MAX: usize = 32768;
static REMEMBERED: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<Box<str>, Reading>>> =
    std::sync::LazyLock::new(Default::default);

/// [`read`] over a text already split into words.
pub fn read_text(t: &Text, original: &str) -> Reading {
    read_with(t, original, &Opinion::checked_in())
}

/// How the second opinion weighs in: the model, and how unlikely a rule's pitch must be for the model to veto it.
pub struct Opinion<'a> {
    pub model: &'a super::second_opinion::SecondOpinion,
    /// How sure the model must be to add a pitch or value the rules did not find.
    pub adds_at: f64,
    /// A pitch the rules found is dropped when the model gives it less than this chance (0 never vetoes).
    pub veto_below: f64,
    /// The same for a pitch in a topic's own strong words ("trade in", "refinance"): only where the model finds it
    /// next to impossible ("your trade-in's title arrived").
    pub strong_veto_below: f64,
    /// The same for a push to another channel.
    pub channel_veto_below: f64,
    /// The same for value the rules found.
    pub value_veto_below: f64,
    /// How sure the model must be to add a push for another channel the rules did not find.
    pub channel_adds_at: f64,
}

impl Opinion<'static> {
    /// The checked-in model with the checked-in veto.
    pub fn checked_in() -> Opinion<'static> {
        Opinion {
            model: &super::second_opinion::MODEL,
            adds_at: super::second_opinion::CONFIDENT,
            veto_below: super::second_opinion::VETO,
            strong_veto_below: super::second_opinion::STRONG_VETO,
            channel_veto_below: super::second_opinion::CHANNEL_VETO,
            value_veto_below: super::second_opinion::VALUE_VETO,
            channel_adds_at: super::second_opinion::CHANNEL_ADDS,
        }
    }
}

/// [`read_text`] with a given second opinion (the cross-validation in `examples/cross_validate.rs` tries others).
pub fn read_with(t: &Text, original: &str, opinion: &Opinion<'_>) -> Reading {
    let hits = CUES.find(t);
    let chars: Vec<char> = original.chars().collect();
    let mut intents: Vec<Intent> = Vec::new();
    let push =
        |intents: &mut Vec<Intent>, intent: IntentKind, topic: Option<&str>, channel: Option<Channel>, h: &Hit<Cue>| {
            if intents.iter().any(|i| i.intent == intent && i.topic.as_deref() == topic && i.channel == channel) {
                return;
            }
            intents.push(Intent {
                intent,
                topic: topic.map(String::from),
                channel,
                start: h.start,
                end: h.end,
                words: chars[h.start.min(chars.len())..h.end.min(chars.len())].iter().collect(),
            });
        };

    // Whether the text offers, asks or urges anywhere: a pitch needs a frame somewhere.
    // The text asks for the customer's own car, house or plan somewhere: payments and buyers around it are the
    // trade's, not a loan or a referral asked for.
    let asks_for_theirs = hits.iter().any(|x| x.cue == Cue::Pitch(0) && !x.negated);
    let refers = hits.iter().any(|x| x.cue == Cue::Pitch(4) && !x.negated);
    let text_offers = (0..t.sentences.len()).any(|s| {
        t.is_question(s)
            || imperative(t, s)
            || hits.iter().any(|h| {
                h.sentence == s && !h.negated && matches!(h.cue, Cue::Offer | Cue::Ask | Cue::Frame | Cue::Sell)
            })
    });
    // A number asked for where the text asks to text is for texting.
    let texts = hits.iter().any(|h| matches!(h.cue, Cue::Push(1)) && !h.negated);
    // Each token's clause, counted once: the rules ask for it often.
    let clauses = clauses(t);
    // Families pitched in a topic's own strong words ("trade in", "refinance"): the model never vetoes these.
    let mut strongly_pitched: Vec<&str> = Vec::new();
    // Families whose words the rules read as something else: an age ("the twins turn seven in March"), a review
    // already written. The model, which sees the same words, does not add that family back in that sentence.
    let mut explained: Vec<(&str, usize)> = Vec::new();
    for s in 0..t.sentences.len() {
        let here: Vec<&Hit<Cue>> = hits.iter().filter(|h| h.sentence == s && !h.negated).collect();
        let has = |cue: Cue| here.iter().any(|h| h.cue == cue);
        let question = t.is_question(s);
        // Words of a topic pitch only where the sentence sells or asks the customer a question.
        let offers = has(Cue::Offer) || question;
        // "Know anyone buying or selling?": the selling is someone else's.
        let referral_here = here.iter().any(|h| h.cue == Cue::Pitch(4) && !let_me_know(t, h));
        let clause_of = |h: &Hit<Cue>| clauses[h.first];

        // Pitches.
        for (f, family) in FAMILIES.iter().enumerate() {
            let f = f as u8;
            for h in here.iter().filter(|h| h.cue == Cue::Pitch(f) || h.cue == Cue::Topic(f)) {
                // "Know anyone buying or selling?", "does anyone in your family need a mortgage?": in a referral
                // ask, the other topics are the friend's business, not an offer to the customer.
                if f == 4
                    && (let_me_know(t, h)
                        || thanks_for_one(t, h)
                        || consults(t, h)
                        || rates_us(t, h)
                        || contact_me(t, h)
                        || asks_for_theirs && wants_theirs(t, h))
                {
                    continue;
                }
                let after_referral = here.iter().any(|r| r.cue == Cue::Pitch(4) && r.first <= h.first);
                if (f == 0 || f == 3) && after_referral {
                    continue;
                }
                // "$200 for every friend you send who drives home in a new car": in a text that asks for
                // referrals, the new car after the friend is the friend's.
                if f == 0 && refers && friend_before(t, h) {
                    explained.push((family, s));
                    continue;
                }
                if f == 3 && (asks_for_theirs && money_of_a_trade(t, h) || past_deal(t, h)) {
                    // "A new one for the same payment you have now": the payment measures the trade; the model,
                    // which sees "payment", does not add a loan back.
                    if asks_for_theirs && money_of_a_trade(t, h) && same_as_now(t, h) {
                        explained.push((family, s));
                    }
                    continue;
                }
                if f == 2 && their_review(t, h) || f == 0 && (not_a_trade(t, h) || seen_about(t, h)) {
                    explained.push((family, s));
                    continue;
                }
                // "The Platinum Protection package" is a protection plan, not an upgrade tier.
                let overlaps = |g: &Hit<Cue>| g.first < h.last && h.first < g.last;
                if f == 0 && here.iter().any(|g| matches!(g.cue, Cue::Pitch(1) | Cue::Subject(1)) && overlaps(g)) {
                    continue;
                }
                let c = clause_of(h);
                let in_clause = |cue: Cue| here.iter().any(|x| x.cue == cue && clause_of(x) == c);
                // The customer's own matter ("the service contract you bought") is not an offer, unless the
                // sentence asks them something. A sentence that gives the customer something and sells nothing only mentions the topic ("your
                // refinance closed today").
                // A value word that is part of the pitch's own words ("you're pre-approved") gives nothing.
                let gives = here.iter().any(|x| {
                    x.cue == Cue::Value
                        && clause_of(x) == c
                        && !here.iter().any(|p| p.cue == Cue::Pitch(f) && p.first <= x.first && x.last <= p.last)
                });
                let reports = !question && !has(Cue::Offer) && !has(Cue::Sell) && !imperative(t, s);
                let own_matter = reports && their_own_matter(t, h);
                let mention = (in_clause(Cue::Mention) || gives || own_matter) && reports;
                let strong = h.cue == Cue::Pitch(f);
                // "Worth a look", "well worth having": worth followed by a verb or "a" is not what something is worth.
                if !strong && t.tokens[h.first].lemma == "worth" {
                    let next = t.tokens.get(h.first + 1).map(|x| x.word.as_str()).unwrap_or("");
                    let selling = matches!(next, "switching" | "upgrading" | "trading" | "selling");
                    if next.ends_with("ing") && !selling || matches!(next, "a" | "it" | "the" | "every") {
                        continue;
                    }
                }
                // "The sellers accepted your offer", "we extended your warranty": a pitch's words in the past
                // tense report what happened, unless they are asked about ("Have you considered trading up?").
                let first = &t.tokens[h.first];
                let after = h.first.checked_sub(1).map(|k| t.tokens[k].lemma.as_str()).unwrap_or("");
                let adjective =
                    matches!(after, "" | "a" | "an" | "the" | "your" | "our" | "my" | "this" | "that" | "be");
                let past = first.word.ends_with("ed") && first.word != first.lemma && first.lemma != "interest";
                if strong && !question && past && !adjective {
                    continue;
                }
                // Even a strong word sells only in a text that offers, asks or urges somewhere; stated flat
                // ("the APR on your card dropped to 19.9%") it reports.
                // A referral ask is often said flat ("the kindest compliment is to recommend us"): it needs no frame.
                let gives_anything = hits.iter().any(|x| x.cue == Cue::Value && !x.negated);
                let asks_for_us = t.tokens[h.first..h.last]
                    .iter()
                    .any(|x| matches!(x.lemma.as_str(), "me" | "us" | "my" | "our" | "i"));
                let framed = text_offers || strong && f == 4 && asks_for_us && !gives_anything;
                // Named as a thing of the customer's own, the family's words are not the model's to add back in this
                // sentence either ("your extended warranty paperwork is attached", "your refinance question").
                if own_matter {
                    explained.push((family, s));
                }
                if mention {
                    continue;
                }
                if !framed || (!strong && !offers) || f == 0 && !strong && referral_here {
                    continue;
                }
                if strong {
                    strongly_pitched.push(family);
                }
                push(&mut intents, IntentKind::Pitch, Some(family), None, h);
            }
        }

        // Pushes for a channel.
        let past = has(Cue::Past);
        let asks = has(Cue::Ask) || question || imperative(t, s);
        let errand = has(Cue::Errand);
        let conditional = t.sentence(s).iter().any(|x| x.lemma == "if");
        let talk_about = here.iter().any(|h| matches!(h.cue, Cue::Channel(0)));
        let mut pushed: Vec<u8> = Vec::new();
        for h in &here {
            let (n, strong) = match h.cue {
                Cue::Push(n) => (n, true),
                Cue::Number if texts => (1, false),
                Cue::Number => (0, false),
                Cue::Channel(n) => (n, false),
                _ => continue,
            };
            if (past || !strong) && !asks || pushed.contains(&n) {
                continue;
            }
            // The push word must itself not sit in a past-contact phrase, nor be a past tense ("you came in").
            if here.iter().any(|p| p.cue == Cue::Past && p.first <= h.first && h.first < p.last)
                || t.tokens[h.first..h.last].iter().any(|x| PAST_FORMS.contains(&x.word.as_str())) && !conditional
            {
                continue;
            }
            // "The service desk will call you", "Sipho will WhatsApp you": someone else's call, not a push; nor is
            // "call the service desk at 555-1234" (their call to a desk, not ours to them).
            if someone_else_speaks(t, s, h.first) || n == 0 && calls_a_desk(t, h) {
                continue;
            }
            if n == 2 && errand && !talk_about {
                continue;
            }
            // "Tell them to come see me": the friends are asked in, not the customer.
            if here.iter().any(|r| r.cue == Cue::Pitch(4) && r.first <= h.first && h.first <= r.last + 1) {
                continue;
            }
            // Nor, in a referral ask, are the friends' own visit and call: "ask for me when they come in", "tell
            // em to call me direct".
            let before = |k: usize| h.first.checked_sub(k).map(|j| t.tokens[j].lemma.as_str()).unwrap_or("");
            let theirs = matches!(before(1), "they" | "he" | "she")
                || before(1) == "to" && matches!(before(2), "them" | "em" | "him" | "her");
            if theirs && here.iter().any(|r| r.cue == Cue::Pitch(4)) {
                continue;
            }
            // "Text STOP to opt out" is how to leave the reminders, and "Tuesday's call" is one that was had.
            if n == 1 && opts_out(t, h) || n == 0 && (had(t, h) || the_call_itself(t, h)) || only_a_call_away(t, h) {
                continue;
            }
            // "Please rate your recent call", "rate your visit by replying to this text": what is rated, and how a
            // rating is sent, are not a way to talk asked for.
            if rated(t, s, h) {
                continue;
            }
            // "Would video suit you better than the phone?": the channel compared against is not the one asked for.
            if t.tokens[h.first.saturating_sub(2)..h.first].iter().any(|x| x.lemma == "than") {
                continue;
            }
            pushed.push(n);
        }
        // "Got five minutes to talk?" is a call unless the sentence names another way to meet; a "Teams call" or
        // a "Google Meet" is a video call.
        let says = |words: &[&str]| t.sentence(s).iter().any(|x| words.contains(&x.lemma.as_str()));
        if pushed.contains(&3) {
            if !says(&["phone", "ring", "dial", "cell", "number"]) {
                pushed.retain(|&n| n != 0);
            }
            if !says(&["person", "coffee", "lunch", "office", "showroom"]) {
                pushed.retain(|&n| n != 2);
            }
        }
        if pushed.contains(&3) && !says(&["text", "sms", "message", "txt"]) {
            // "A WhatsApp video call" is video.
            pushed.retain(|&n| n != 1);
        }
        if pushed.contains(&0) && pushed.iter().any(|&n| n != 0) && !says(&["phone", "ring", "dial", "call"]) {
            pushed.retain(|&n| n != 0);
        }
        for n in pushed {
            let number = if n <= 1 { Some(Cue::Number) } else { None };
            // The words of the push: every cue for that channel in the sentence, from the first to the last.
            let of_channel: Vec<&&Hit<Cue>> = here
                .iter()
                .filter(|h| h.cue == Cue::Push(n) || h.cue == Cue::Channel(n) || Some(h.cue) == number)
                .collect();
            let mut h = **of_channel[0];
            h.start = of_channel.iter().map(|x| x.start).min().unwrap_or(h.start);
            h.end = of_channel.iter().map(|x| x.end).max().unwrap_or(h.end);
            push(&mut intents, IntentKind::AsksForChannel, None, Some(channel(n)), &h);
        }

        // Value, where the sentence is not selling.
        let sells = intents
            .iter()
            .any(|i| i.intent == IntentKind::Pitch && t.tokens.iter().any(|x| x.sentence == s && x.start == i.start));
        // "Hope your policy has been a non-event", "hope it's everything you wanted": a wish gives nothing.
        let wish = t
            .sentence(s)
            .iter()
            .find(|x| !x.mark)
            .is_some_and(|x| matches!(x.lemma.as_str(), "hope" | "hoping" | "wish" | "trust"));
        let in_pitch = |x: &Hit<Cue>| {
            here.iter().any(|p| matches!(p.cue, Cue::Pitch(_)) && p.first <= x.first && x.last <= p.last)
        };
        if let Some(h) = here.iter().find(|h| h.cue == Cue::Value && !in_pitch(h)).filter(|_| !sells && !wish) {
            push(&mut intents, IntentKind::Value, None, None, h);
        }
    }
    // In a text that pitches, what "could save you" or "may cover" is the pitch's promise, not something given.
    if intents.iter().any(|i| i.intent == IntentKind::Pitch) {
        intents.retain(|i| i.intent != IntentKind::Value || !hypothetical(t, i.start));
    }

    // A second opinion on pitches the rules did not find, when the model is confident.
    let model = opinion.model;
    let features = super::second_opinion::features(t, &hits);
    let chances = model.chances(&features);
    // And against a rule's pitch the model finds all but impossible: a cue that misfired in words the lexicon's
    // exceptions do not cover ("your trade-in's title arrived", "the survey link was broken").
    // A push to another channel likewise ("as we discussed on the phone", "the glass shop will call you").
    let pushes_label = model.labels.iter().position(|x| x == "asks_for_channel");
    let value_label = model.labels.iter().position(|x| x == "value");
    let gives = intents.iter().any(|i| i.intent == IntentKind::Value)
        || value_label.is_some_and(|l| chances[l] >= opinion.adds_at);
    intents.retain(|i| match i.intent {
        IntentKind::Pitch => {
            let family = i.topic.as_deref();
            // A topic's own strong words are vetoed only in a text that gives something ("your trade-in's title
            // arrived"): a thank-you that says "when it's time to trade in, I'm your person" still pitches.
            let protected = family.is_some_and(|f| strongly_pitched.contains(&f)) && !gives;
            let veto = if protected { opinion.strong_veto_below } else { opinion.veto_below };
            let l = model.labels.iter().position(|x| x.strip_prefix("pitch:") == family);
            l.is_none_or(|l| chances[l] >= veto)
        }
        // Likewise a push said as an imperative ("give me a ring any time!") is vetoed only in a text that gives
        // something: a thank-you that ends with one still asks for a call.
        IntentKind::AsksForChannel => {
            let sentence = t.tokens.iter().find(|x| x.start >= i.start).map(|x| x.sentence);
            let protected = !gives && sentence.is_some_and(|s| imperative(t, s));
            protected || pushes_label.is_none_or(|l| chances[l] >= opinion.channel_veto_below)
        }
        IntentKind::Value => value_label.is_none_or(|l| chances[l] >= opinion.value_veto_below),
        _ => true,
    });
    for family in FAMILIES {
        let Some(l) = model.labels.iter().position(|x| x.strip_prefix("pitch:") == Some(family)) else { continue };
        let found = intents.iter().any(|i| i.topic.as_deref() == Some(family));
        if chances[l] < opinion.adds_at || found {
            continue;
        }
        let strongest = model.strongest(&features, l).and_then(|k| sentence_of(t, k, Cue::Pitch(0)));
        if let Some(h) = strongest.filter(|h| !explained.contains(&(family, h.sentence))) {
            push(&mut intents, IntentKind::Pitch, Some(family), None, &h);
        }
    }

    // And on a push for another channel the rules did not find ("whats the best # to reach u?", "please call our
    // office to confirm"), when the model is confident and the text names the channel.
    if pushes_label.is_some_and(|l| chances[l] >= opinion.channel_adds_at) {
        let found = intents.iter().any(|i| i.intent == IntentKind::AsksForChannel);
        // The channel asked for: one the text pushes, else a video call named ("hop on a quick FaceTime": the
        // hopping on is the FaceTime's), else the first named.
        let named = |h: &&Hit<Cue>| {
            !h.negated
                && matches!(h.cue, Cue::Push(_) | Cue::Channel(_) | Cue::Number)
                && !opts_out(t, h)
                && !had(t, h)
                && !the_call_itself(t, h)
                && !only_a_call_away(t, h)
        };
        let named = hits
            .iter()
            .filter(named)
            .find(|h| matches!(h.cue, Cue::Push(_)))
            .or_else(|| hits.iter().filter(named).find(|h| h.cue == Cue::Channel(3)))
            .or_else(|| hits.iter().find(named))
            .map(|h| match h.cue {
                Cue::Push(n) | Cue::Channel(n) => (n, *h),
                _ => (0, *h),
            });
        if let (false, Some((n, h))) = (found, named) {
            push(&mut intents, IntentKind::AsksForChannel, None, Some(channel(n)), &h);
        }
    }

    // And on value, where the rules found none and no pitch: a message that gives something in words the lexicon
    // does not know is not a check-in to refuse.
    // Beside a pitch, too, when the words it rests on are in a sentence that sells nothing and says what is rather
    // than what could be ("your new account is open and the card is on its way. You also pre-qualify for a loan").
    if let Some(l) = value_label.filter(|&l| chances[l] >= opinion.adds_at) {
        let found = intents.iter().any(|i| i.intent == IntentKind::Value);
        let pitches = intents.iter().filter(|i| i.intent == IntentKind::Pitch).collect::<Vec<_>>();
        let sells = |sentence: usize, start: usize| {
            pitches.iter().any(|i| t.tokens.iter().any(|x| x.sentence == sentence && x.start == i.start))
                || !pitches.is_empty() && hypothetical(t, start)
        };
        let strongest = model
            .strongest_where(&features, l, |k| !sells(t.tokens[k].sentence, t.tokens[k].start))
            .and_then(|k| sentence_of(t, k, Cue::Value));
        if let Some(h) = strongest.filter(|_| !found) {
            push(&mut intents, IntentKind::Value, None, None, &h);
        }
    }

    // A check-in only where there is neither value nor a pitch.
    let value = intents.iter().any(|i| i.intent == IntentKind::Value);
    let pitch = intents.iter().any(|i| i.intent == IntentKind::Pitch);
    if !value && !pitch {
        // A thank-you that ends "enjoy the boat!" is a thank-you: it asks nothing and is not a check-in.
        let thanks = t.tokens.iter().enumerate().any(|(k, x)| {
            matches!(x.lemma.as_str(), "thank" | "thanks" | "thx" | "ty")
                || x.lemma == "cheer" && t.tokens.get(k + 1).is_some_and(|n| n.lemma == "for")
        });
        let asks_nothing = (0..t.sentences.len()).all(|s| !t.is_question(s));
        let wish_only = |h: &&Hit<Cue>| thanks && asks_nothing && matches!(h.source, "enjoy" | "cheer");
        let check = hits
            .iter()
            .find(|h| h.cue == Cue::CheckIn && !h.negated && !wish_only(h))
            .copied()
            .or_else(|| warm_question(t));
        let pushes = intents.iter().find(|i| i.intent == IntentKind::AsksForChannel).cloned();
        if let Some(h) = check {
            push(&mut intents, IntentKind::CheckIn, None, None, &h);
        } else if let Some(p) = pushes {
            intents.push(Intent { intent: IntentKind::CheckIn, topic: None, channel: None, ..p });
        }
    }
    intents.sort_by_key(|i| (i.start, i.end, i.intent));
    let filler_only = t.tokens.iter().filter(|x| !x.mark).all(|x| super::lexicon::in_class("filler", &x.lemma));
    let occasion = t.tokens.iter().any(|x| super::lexicon::in_class("occasion", &x.lemma));
    Reading { intents, filler_only, occasion }
}

/// Verbs that, opening a clause, ask the customer to do something ("Swing by Friday", "Call me").
const IMPERATIVES: &[&str] = &[
    "call",
    "give",
    "ring",
    "text",
    "shoot",
    "drop",
    "swing",
    "stop",
    "come",
    "pop",
    "meet",
    "join",
    "hop",
    "grab",
    "send",
    "book",
    "schedule",
    "reply",
    "email",
    "hit",
    "let",
    "pick",
    "holler",
    "buzz",
    "message",
    "dial",
    "protect",
    "save",
    "lock",
    "upgrade",
    "refinance",
    "trade",
    "switch",
    "learn",
    "discover",
    "claim",
    "apply",
    "act",
    "ask",
    "explore",
    "consider",
    "treat",
    "start",
    "shop",
    "compare",
    "leave",
    "tell",
    "rate",
    "review",
    "move",
    "pay",
    "lease",
    "bring",
    "share",
    "give",
    "get",
    "refer",
];
/// Words before an imperative that leave it one ("Please call", "Just swing by").
const SOFTENERS: &[&str] = &["please", "just", "so", "hey", "oh", "and", "then", "feel", "free", "to", "kindly"];

/// Past forms of contact verbs: "you came in", "when we met" recall a contact, they do not ask for one.
const PAST_FORMS: &[&str] = &[
    "came",
    "met",
    "stopped",
    "visited",
    "dropped",
    "swung",
    "popped",
    "called",
    "texted",
    "rang",
    "phoned",
    "talked",
    "spoke",
    "chatted",
    "emailed",
    "zoomed",
    "facetimed",
    "messaged",
    "toured",
];

/// People and desks that call customers on their own account: "the adjuster will phone you tomorrow".
const THIRD_PARTIES: &[&str] = &[
    "he",
    "she",
    "they",
    "desk",
    "team",
    "tech",
    "technician",
    "installer",
    "adjuster",
    "office",
    "department",
    "agent",
    "someone",
    "somebody",
    "lender",
    "underwriter",
    "crew",
    "lead",
    "driver",
    "courier",
    "dispatcher",
    "service",
    "store",
    "company",
    "bank",
    "insurer",
    "carrier",
    "manufacturer",
    "dealer",
    "attorney",
    "inspector",
];

/// Whether the clause before token `i` has someone else as its subject and no "I", "we" or "let me".
fn someone_else_speaks(t: &Text, s: usize, i: usize) -> bool {
    let start = t.sentences[s].start;
    let clause_start = (start..i)
        .rev()
        .find(|&k| t.tokens[k].mark || t.tokens[k].lemma == "and" || t.tokens[k].lemma == "but")
        .map_or(start, |k| k + 1);
    let before = &t.tokens[clause_start..i];
    // Someone named who "will call you", or "have them call me": their call, not ours.
    let named = before.windows(2).any(|w| w[0].capital && matches!(w[1].lemma.as_str(), "will" | "would" | "shall"));
    let have_them =
        before.windows(2).any(|w| w[0].lemma == "have" && matches!(w[1].word.as_str(), "them" | "em" | "him" | "her"));
    let them = before.iter().any(|x| THIRD_PARTIES.contains(&x.lemma.as_str())) || named || have_them;
    let us =
        before.iter().any(|x| matches!(x.lemma.as_str(), "i" | "we" | "me" | "us" | "let" | "can" | "could" | "may"));
    them && !us
}

/// "Call the service desk", "ring our office on 555-0100": the customer calling a desk or a line.
fn calls_a_desk(t: &Text, h: &Hit<Cue>) -> bool {
    let next: Vec<&str> = t.tokens[h.first..].iter().skip(1).take(4).map(|x| x.lemma.as_str()).collect();
    matches!(next.first(), Some(&"the") | Some(&"our") | Some(&"their"))
        && next.iter().any(|w| {
            matches!(
                *w,
                "desk"
                    | "office"
                    | "line"
                    | "number"
                    | "service"
                    | "team"
                    | "dealership"
                    | "branch"
                    | "store"
                    | "shop"
                    | "department"
                    | "hotline"
                    | "helpline"
            )
        })
}

/// Whether a clause of sentence `s` opens with an imperative.
fn imperative(t: &Text, s: usize) -> bool {
    let tokens = t.sentence(s);
    let mut open = true;
    for tok in tokens {
        if tok.mark {
            open = true;
            continue;
        }
        if open {
            if SOFTENERS.contains(&tok.lemma.as_str()) {
                continue;
            }
            if IMPERATIVES.contains(&tok.word.as_str()) {
                return true;
            }
        }
        open = false;
    }
    false
}

/// A question about how the customer's life is going ("How's the commute from the new place?") or a wish, when
/// nothing else is in the text: a check-in in other words.
fn warm_question(t: &Text) -> Option<Hit<Cue>> {
    (0..t.sentences.len()).find_map(|s| {
        let words: Vec<&super::text::Token> = t.sentence(s).iter().filter(|x| !x.mark).collect();
        let first = words.first()?;
        let opens = matches!(
            first.lemma.as_str(),
            "how" | "hope" | "wish" | "wishing" | "congrat" | "congratulations" | "congrats"
        );
        (opens && (t.is_question(s) || first.lemma != "how")).then(|| Hit {
            cue: Cue::CheckIn,
            first: t.sentences[s].start,
            last: t.sentences[s].end,
            start: first.start,
            end: words.last().map_or(first.end, |w| w.end),
            negated: false,
            sentence: s,
            source: "a question about their life",
        })
    })
}

/// "Let me know if you have any questions" tells; it does not ask whom the customer knows.
fn let_me_know(t: &Text, h: &Hit<Cue>) -> bool {
    t.tokens[h.first].lemma == "know" && h.first > 0 && matches!(t.tokens[h.first - 1].lemma.as_str(), "me" | "us")
}

/// "Thank you for referring your sister", "thanks again for sending her our way": thanks for a referral already
/// made asks for nothing — unless the thanks are in advance ("thanks for any referrals you can send").
fn thanks_for_one(t: &Text, h: &Hit<Cue>) -> bool {
    let words = t.sentence(t.tokens[h.first].sentence);
    let before: Vec<&str> =
        words.iter().filter(|x| x.end <= t.tokens[h.first].start).map(|x| x.lemma.as_str()).collect();
    let Some(thanks) =
        before.iter().rposition(|w| matches!(*w, "thank" | "thanks" | "appreciate" | "grateful" | "cheer" | "cheers"))
    else {
        return false;
    };
    // "for referring", "for sending her our way", "for telling the Garcias about us": what they did.
    let plain: Vec<&str> = words.iter().filter(|x| x.end <= t.tokens[h.first].start).map(|x| x.word.as_str()).collect();
    let did = match before[thanks..].iter().rposition(|w| *w == "for") {
        Some(k) => {
            let next = plain.get(thanks + k + 1).copied().unwrap_or(t.tokens[h.first].word.as_str());
            // "thanks for the referral, Doug": the one they made.
            let made = matches!(next.to_lowercase().as_str(), "the" | "your" | "that" | "this" | "a")
                && thanks + k + 2 == before.len()
                && t.tokens[h.first].lemma.starts_with("referral");
            next.ends_with("ing") || made
        }
        None => before[thanks] == "appreciate" && t.tokens[h.first].word.ends_with("ing"),
    };
    let ahead = words
        .iter()
        .filter(|x| x.start >= t.tokens[h.first].start)
        .chain(words.iter().filter(|x| x.end <= t.tokens[h.first].start).skip(thanks))
        .any(|x| {
            matches!(x.lemma.as_str(), "any" | "can" | "could" | "will" | "would" | "future" | "more" | "advance")
        });
    did && !ahead
}

/// "Same monthly, newer truck", "yours is basically your down payment", "a relocating family, pre-approved": in a
/// text that asks for the customer's own car or house (the caller knows), payments and equity are the trade's
/// arithmetic, not a loan offered. A word of lending itself (a rate, a refinance, an APR) still pitches financing too.
fn money_of_a_trade(t: &Text, h: &Hit<Cue>) -> bool {
    !t.tokens[h.first..h.last].iter().any(|x| {
        let l = x.lemma.as_str();
        l.starts_with("refi")
            || matches!(l, "rate" | "apr" | "interest" | "lender" | "credit" | "finance" | "financing")
    })
}

/// "Thanks for the kind review on Yelp", "I replied to your Zillow review", "the completed security questionnaire
/// is attached": a review the customer already wrote, or a form they filled in, not one asked for.
fn their_review(t: &Text, h: &Hit<Cue>) -> bool {
    let start = t.tokens[h.first].start;
    let before: Vec<&super::text::Token> =
        t.sentence(t.tokens[h.first].sentence).iter().filter(|x| x.end <= start).collect();
    let filled = before.iter().rev().take(2).any(|x| {
        matches!(
            x.word.to_lowercase().as_str(),
            "completed" | "signed" | "filled" | "finished" | "returned" | "submitted"
        )
    });
    // The thanks or the reply must be what the review is the object of: "thanks for coming in, please leave us a
    // review" still asks.
    let acted = before.iter().rposition(|x| {
        let w = x.word.to_lowercase();
        matches!(x.lemma.as_str(), "thank" | "thanks" | "appreciate" | "grateful")
            || matches!(x.lemma.as_str(), "reply" | "respond" | "read" | "see" | "answer" | "love" | "enjoy")
                && (w.ends_with("ed") || w == "saw")
    });
    let asked_between = acted.is_some_and(|k| {
        before[k + 1..].iter().any(|x| {
            x.mark
                || matches!(x.lemma.as_str(), "leave" | "write" | "post" | "share" | "drop" | "give" | "please" | "pls")
        })
    });
    let acted = acted.is_some() && !asked_between;
    let ahead = t.sentence(t.tokens[h.first].sentence).iter().any(|x| {
        matches!(x.lemma.as_str(), "any" | "can" | "could" | "would" | "future" | "more" | "advance" | "another")
    });
    filled || acted && !ahead
}

/// "Lower what you pay each month" lowers a payment (a loan's business), and "your business plan" is a document:
/// neither asks for what the customer owns.
fn not_a_trade(t: &Text, h: &Hit<Cue>) -> bool {
    let first = &t.tokens[h.first];
    let previous = h.first.checked_sub(1).map(|k| t.tokens[k].lemma.as_str()).unwrap_or("");
    first.lemma == "what" && matches!(previous, "lower" | "reduce" | "cut" | "drop" | "shrink" | "slash" | "trim")
        || first.lemma == "business" && previous == "your"
        // "The twins turn seven in March", "she turns 16 in May": an age, not a trade-in.
        || first.lemma == "turn" && t.tokens.get(h.first + 1).is_some_and(|x| a_number(&x.word))
}

/// "Your refinance file", "your $100 referral check", "your extended warranty paperwork": a topic's words naming a
/// thing of the customer's own, which a sentence reports on rather than sells.
fn their_own_matter(t: &Text, h: &Hit<Cue>) -> bool {
    let next = t.tokens.get(h.last).map(|x| x.lemma.as_str()).unwrap_or("");
    let a_thing = super::lexicon::in_class("thing", next)
        || matches!(next, "question" | "file" | "application" | "papers" | "bonus" | "reward" | "gift" | "documents");
    let yours = t.tokens[h.first.saturating_sub(3)..h.first]
        .iter()
        .rev()
        .take_while(|x| !matches!(x.lemma.as_str(), "to" | "for" | "into" | "a" | "an"))
        .any(|x| x.lemma == "your");
    // "Your upgrade … went through", "the coverage rider you added": theirs, and said to be done or chosen.
    let directly_yours = h.first.checked_sub(1).is_some_and(|k| t.tokens[k].lemma == "your");
    let they_chose = t.tokens.get(h.last..h.last + 3).is_some_and(|after| {
        after.first().is_some_and(|x| x.lemma == "you")
            && after.iter().any(|x| matches!(x.lemma.as_str(), "add" | "buy" | "purchase" | "choose" | "pick" | "sign"))
    }) || t.tokens.get(h.last + 1).is_some_and(|x| x.lemma == "you")
        && t.tokens.get(h.last..h.last + 4).is_some_and(|after| {
            after.iter().any(|x| matches!(x.word.as_str(), "added" | "bought" | "purchased" | "chose" | "picked"))
        });
    let sentence = t.tokens[h.first].sentence;
    // The rest of the sentence, from the hit's last word on.
    let rest: Vec<&super::text::Token> = t.tokens[h.last..].iter().take_while(|x| x.sentence == sentence).collect();
    // "Your refinance was approved" is news of their application; "pre-approved" is what a loan pitch offers.
    let approved = rest
        .iter()
        .enumerate()
        .any(|(k, x)| x.word == "approved" && !(k > 0 && matches!(rest[k - 1].word.as_str(), "pre" | "-")));
    let done = approved
        || rest.iter().any(|x| {
            matches!(
                x.word.as_str(),
                "went"
                    | "cleared"
                    | "closed"
                    | "posted"
                    | "processed"
                    | "completed"
                    | "finalized"
                    | "dropped"
                    | "funded"
            )
        });
    let lemmas: Vec<&str> = rest.iter().map(|x| x.lemma.as_str()).collect();
    // What the sentence goes on to offer ("we can get you 3.9% today") sells, whatever it answers or recalls.
    let offers_more = lemmas.windows(2).any(|w| {
        matches!(w, ["we" | "i", "can" | "could" | "will"] | ["get", "you"])
            || matches!(w[0], "still" | "until" | "available" | "expire")
    });
    // "To your question about refinancing: …", "about your question on the Sportage financing": an answer.
    let before: Vec<&str> =
        t.tokens[..h.first].iter().rev().take_while(|x| x.sentence == sentence).map(|x| x.lemma.as_str()).collect();
    let answers = before
        .windows(3)
        .take(4)
        .any(|w| matches!(w[0], "about" | "on" | "regarding" | "re") && w[1] == "question" && w[2] == "your");
    // "The refinance rate I quoted you last week is locked": what was already offered them, now done and theirs.
    let quoted = rest[..rest.len().min(4)]
        .windows(2)
        .any(|w| matches!(w[0].word.as_str(), "quoted" | "promised") && w[1].lemma == "you")
        && lemmas.iter().any(|w| matches!(*w, "locked" | "lock" | "attached" | "confirmed" | "signed" | "guaranteed"));
    a_thing && yours || directly_yours && done || they_chose || (answers || quoted) && !offers_more
}

/// A channel's word in a sentence that asks for a rating, naming the customer's own visit or call ("rate your
/// recent branch visit") or the message a rating is sent back in ("by replying to this text").
fn rated(t: &Text, s: usize, h: &Hit<Cue>) -> bool {
    // "Rate" as a verb or a score, not a price of money ("our rates just dropped", "your rate").
    let words = t.sentence(s);
    let rating = words.iter().enumerate().any(|(k, x)| {
        let before = k.checked_sub(1).map(|j| words[j].lemma.as_str()).unwrap_or("");
        x.word == "rate"
            && !matches!(before, "interest" | "apr" | "our" | "your" | "the" | "a" | "low" | "lower" | "new")
            || matches!(x.word.as_str(), "rating" | "score" | "satisfied")
    });
    let before = &t.tokens[t.sentences[s].start.max(h.first.saturating_sub(3))..h.first];
    rating && before.iter().any(|x| matches!(x.lemma.as_str(), "your" | "this" | "today"))
}

/// "Please contact me should you need anything": contact as a verb, not one of the customer's contacts.
fn contact_me(t: &Text, h: &Hit<Cue>) -> bool {
    t.tokens[h.first].lemma == "contact"
        && t.tokens.get(h.first + 1).is_some_and(|x| matches!(x.lemma.as_str(), "me" | "us" | "you"))
}

/// Whether a friend, a coworker or anyone else (the lexicon's people) comes before the hit in its sentence.
fn friend_before(t: &Text, h: &Hit<Cue>) -> bool {
    let sentence = t.tokens[h.first].sentence;
    t.tokens[..h.first].iter().filter(|x| x.sentence == sentence).any(|x| super::lexicon::in_class("people", &x.lemma))
}

/// "Saw a green Bronco just like yours on the highway", "a Mazda3 like yours rolled past": one seen about town, which
/// made the salesperson think of them — not theirs wanted.
fn seen_about(t: &Text, h: &Hit<Cue>) -> bool {
    let like_yours = t.tokens[h.first..h.last].iter().any(|x| x.lemma == "like")
        && t.tokens.get(h.last.saturating_sub(1)).is_some_and(|x| x.word == "yours");
    // A sighting told in the past tense, before the car ("saw a … like yours") or right after it ("… rolled past"),
    // in a sentence that neither asks nor offers.
    let sighted = |x: &super::text::Token| {
        matches!(x.word.as_str(), "saw" | "spotted" | "rolled" | "drove" | "passed" | "noticed" | "seen")
    };
    let sentence = t.tokens[h.first].sentence;
    let before = t.tokens[..h.first].iter().rev().take_while(|x| x.sentence == sentence).any(sighted);
    let after = t.tokens[h.last..].iter().take(3).any(|x| x.sentence == sentence && sighted(x));
    let asks = t.is_question(sentence)
        || t.tokens
            .iter()
            .any(|x| x.sentence == sentence && matches!(x.lemma.as_str(), "offer" | "buy" | "need" | "want"));
    like_yours && (before || after) && !asks
}

/// A number in digits or in words, as an age is said.
fn a_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
                | "hundred"
        )
}

/// "Text STOP to this number to opt out", "reply STOP": the way out of automated texts, not a push to text.
fn opts_out(t: &Text, h: &Hit<Cue>) -> bool {
    t.tokens
        .get(h.first + 1)
        .is_some_and(|x| matches!(x.word.as_str(), "stop" | "unsubscribe" | "end" | "cancel" | "quit"))
}

/// "The agenda from Tuesday's call", "yesterday's call": a call that happened (the reader splits the possessive
/// off as "s"). "Next Tuesday's call" is one to come, and "in two weeks call me" no possessive at all.
fn had(t: &Text, h: &Hit<Cue>) -> bool {
    let before = |n: usize| h.first.checked_sub(n).map(|k| t.tokens[k].word.as_str()).unwrap_or("");
    let day = matches!(
        before(2),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "yesterday" | "morning"
    );
    let ahead = matches!(before(3), "next" | "this" | "upcoming" | "tomorrow");
    t.tokens[h.first].lemma == "call" && before(1) == "s" && day && !ahead
}

/// "The reason I'm calling: your Prius is due", "I'm calling about your claim": in a call script, the call under
/// way, told of as it happens, not one asked for ("I'm calling you Tuesday" still announces one); and the "Call
/// script:" that heads it.
fn the_call_itself(t: &Text, h: &Hit<Cue>) -> bool {
    let words = &t.tokens;
    // "Call script: …" heads what is said on the call.
    let heading = words.get(h.last).is_some_and(|x| matches!(x.word.as_str(), "script" | "scripts" | "notes" | "plan"));
    heading
        || (h.first..h.last).filter(|&k| words[k].word == "calling").any(|k| {
            let said_now =
                k.checked_sub(1).is_some_and(|j| words[j].lemma == "be" && words[j].sentence == words[k].sentence);
            let about = words.get(k + 1).is_none_or(|x| {
                x.mark
                    || x.sentence != words[k].sentence
                    || matches!(
                        x.word.as_str(),
                        "because" | "about" | "to" | "regarding" | "re" | "with" | "from" | "today"
                    )
            });
            said_now && about
        })
}

/// "We're always just a phone call away": there when needed, no call asked for.
fn only_a_call_away(t: &Text, h: &Hit<Cue>) -> bool {
    let word = |k: usize| t.tokens.get(k).map(|x| x.word.as_str()).unwrap_or("");
    let reaching = |k: usize| matches!(word(k), "call" | "text" | "phone" | "ring" | "message" | "email" | "click");
    word(h.last) == "away" || reaching(h.last) && word(h.last + 1) == "away"
}

/// "For the same monthly payment", "about what you pay now": a payment the same as today's.
fn same_as_now(t: &Text, h: &Hit<Cue>) -> bool {
    let near = &t.tokens[h.first.saturating_sub(3)..(h.last + 4).min(t.tokens.len())];
    near.iter().any(|x| matches!(x.lemma.as_str(), "same" | "similar" | "now" | "today" | "current" | "currently"))
}

/// "How smoothly the refi went", "your refinance closed": a deal done, told of, not offered.
fn past_deal(t: &Text, h: &Hit<Cue>) -> bool {
    t.tokens.get(h.last).is_some_and(|x| matches!(x.word.as_str(), "went" | "closed" | "funded" | "helped" | "was"))
}

/// "How likely are you to recommend us to a friend, 0 to 10?": the survey's score (a review ask), not a referral.
fn rates_us(t: &Text, h: &Hit<Cue>) -> bool {
    let recommend = t.tokens[h.first..h.last].iter().any(|x| x.lemma.starts_with("recommend"));
    recommend && t.sentence(t.tokens[h.first].sentence).iter().any(|x| matches!(x.lemma.as_str(), "likely" | "scale"))
}

/// "A customer's wife wants a Bronco exactly like yours — would you sell it?", "asked if I knew anyone with a
/// low-mileage Camry … would you ever sell?": in a text that asks for the customer's own (the caller knows), a buyer
/// for it, not someone for the salesperson to sell to. ("Know anyone shopping for a truck like yours?" alone still
/// asks for a referral.)
fn wants_theirs(t: &Text, h: &Hit<Cue>) -> bool {
    let rest = &t.tokens[h.last..t.sentences[t.tokens[h.first].sentence].end];
    let seeks_owner = rest.first().is_some_and(|x| x.lemma == "with");
    seeks_owner || rest.iter().any(|x| x.word == "yours")
}

/// "Please refer to page 3": to refer *to* something is to consult it, not to send someone.
fn consults(t: &Text, h: &Hit<Cue>) -> bool {
    let next = t.tokens.get(h.first + 1).map(|x| x.lemma.as_str());
    let after = t.tokens.get(h.first + 2).map(|x| x.lemma.as_str()).unwrap_or("");
    t.tokens[h.first].lemma == "refer" && next == Some("to") && !matches!(after, "me" | "us" | "our" | "my")
}

/// The sentence holding token `k`, as a finding of the second opinion (its words, first to last, are the span).
fn sentence_of(t: &Text, k: usize, cue: Cue) -> Option<Hit<Cue>> {
    let s = t.tokens[k].sentence;
    let mut words = t.sentence(s).iter().filter(|x| !x.mark);
    let first = words.next()?;
    let end = words.next_back().map_or(first.end, |w| w.end);
    Some(Hit {
        cue,
        first: t.sentences[s].start,
        last: t.sentences[s].end,
        start: first.start,
        end,
        negated: false,
        sentence: s,
        source: "the second opinion",
    })
}

/// Whether the clause holding the character `start` says what could or might happen ("could save you", "may
/// qualify") rather than what is.
fn hypothetical(t: &Text, start: usize) -> bool {
    let Some(i) = t.tokens.iter().position(|x| x.start >= start) else { return false };
    let s = t.tokens[i].sentence;
    t.tokens[..i]
        .iter()
        .rev()
        .take_while(|x| x.sentence == s && !x.mark)
        .any(|x| matches!(x.lemma.as_str(), "could" | "can" | "might" | "may" | "would"))
}

/// Which clause of its sentence each token is in: clauses are split at marks and at "but", "so", "also".
fn clauses(t: &Text) -> Vec<usize> {
    let mut out = vec![0; t.tokens.len()];
    for range in &t.sentences {
        let mut c = 0;
        for k in range.clone() {
            out[k] = c;
            let x = &t.tokens[k];
            if x.mark && x.word != "?" || matches!(x.lemma.as_str(), "but" | "so" | "also" | "plus" | "and") {
                c += 1;
            }
        }
    }
    out
}

/// The topic family a typed topic names ("sell back" → "buy-back"), if any.
pub fn family_of(topic: &str) -> Option<&'static str> {
    let t = Text::read(topic);
    let hits = CUES.find(&t);
    hits.iter().find_map(|h| match h.cue {
        Cue::Pitch(f) | Cue::Topic(f) => Some(FAMILIES[f as usize]),
        _ => None,
    })
}

/// The family whose subject words `text` is ("service contract" → extended warranty), if it is one.
pub fn subject_family(text: &str) -> Option<&'static str> {
    let t = Text::read(text);
    CUES.find(&t).iter().find_map(|h| match h.cue {
        Cue::Subject(f) if !h.negated => Some(FAMILIES[f as usize]),
        _ => None,
    })
}

/// Every place `text` uses a topic family's words, pitched or not, unless denied: (family, start, end).
pub fn family_words(text: &str) -> Vec<(usize, usize, usize)> {
    let t = Text::read(text);
    CUES.find(&t)
        .iter()
        .filter(|h| !h.negated)
        .filter_map(|h| match h.cue {
            Cue::Pitch(f) | Cue::Topic(f) | Cue::Subject(f) => Some((f as usize, h.start, h.end)),
            _ => None,
        })
        .collect()
}

/// Every cue the lexicon finds in `text`, one line each: what tuning the lexicon reads.
pub fn explain(text: &str) -> Vec<String> {
    let t = Text::read(text);
    let hits = CUES.find(&t);
    let mut out: Vec<String> = hits
        .iter()
        .map(|h| {
            let words: String = text.chars().skip(h.start).take(h.end - h.start).collect();
            format!("s{} {:?}{} «{words}» ← {}", h.sentence, h.cue, if h.negated { " (negated)" } else { "" }, h.source)
        })
        .collect();
    // And the second opinion's chances.
    let model = &*super::second_opinion::MODEL;
    let chances = model.chances(&super::second_opinion::features(&t, &hits));
    out.extend(model.labels.iter().zip(chances).map(|(label, c)| format!("model {label}: {c:.3}")));
    out
}
