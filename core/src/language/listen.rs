//! Listening: what a customer's words — or the salesperson's own summary of a call — propose to record.
//!
//! Each suggestion carries the words it came from and their place: a statement about being contacted (in the
//! `means` vocabulary of docs/DATA-FORMAT.md), something the customer asked for, praise or a complaint, a promise
//! the salesperson made (with its date on the customer's calendar), a personal fact. Nothing is recorded here:
//! the salesperson confirms each one.
//!
//! Sentences are read clause by clause. A channel's words are weighed against what surrounds them: a refusal
//! ("please don't call", "no more emails", "I never pick up") declines it, a preference ("email is best",
//! "I'd much sooner drop by than talk on the phone") prefers the first and says nothing of the second, "again"
//! lifts a refusal, and "I don't mind calls" says nothing at all. A time of day with a contact word becomes
//! hours; "once a quarter is plenty" a frequency.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::dates;
use super::lexicon::{self, Cue, FAMILIES};
use super::pattern::{Hit, Patterns};
use super::second_opinion::{self, CueFeature, SecondOpinion};
use super::text::Text;
use crate::model::{Channel, Direction, Meaning, Sentiment};

/// What a cue of listening stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Said {
    /// Words for channel `n` of [`CHANNELS`].
    Channel(u8),
    /// A refusal of what follows ("please don't", "no more", "stop", "I never pick up").
    Refuse,
    /// A refusal of what came before ("… is not for me", "… doesn't work for me").
    RefuseAfter,
    /// "I don't mind", "is fine", "no problem": no statement at all.
    Neutral,
    /// A preference ("prefer", "is best", "only", "instead", "reach me by").
    Prefer,
    /// "rather … than", "sooner … than": the first is preferred, the second left alone.
    Than,
    /// "again", "anymore", "back to", "changed my mind": a refusal lifted.
    Again,
    /// Remove me from your list.
    Remove,
    /// Put me back on the list.
    Resume,
    /// Contacting in general ("contact", "reach out", "hear from you").
    Contact,
    /// Interest in a topic ("open to", "tell me about", "interested in").
    Interest,
    /// "I keep my cars for years", "not selling": a refusal of buy-back in its own words.
    Keeping,
    /// A question or ask for something.
    Request,
    Positive,
    Negative,
    /// The salesperson commits to something.
    Promise,
    /// The customer recalls a promise the salesperson made ("you said you'd …").
    Reminded,
    /// A personal fact's words.
    Fact,
}

/// The channels a customer speaks of, in the order `Said::Channel` numbers them.
pub const CHANNELS: &[Channel] =
    &[Channel::Phone, Channel::Text, Channel::Email, Channel::Mail, Channel::InPerson, Channel::Video];

/// The cues of listening. Refusals spell their "not" out.
pub const LISTS: &[(Said, &[&str])] = &[
    (
        Said::Channel(0),
        &[
            "call", "phone", "ring", "cell", "voicemail", "buzz", "cellphone", "landline", "phone call", "telephone",
            // "I never pick up numbers I don't recognise": a caller's number is a call.
            "unknown|unrecognised|unrecognized|private|blocked number|numbers|caller|callers",
            "number|numbers i do not recognise|recognize|know",
        ],
    ),
    (Said::Channel(1), &["text", "sms", "whatsapp", "imessage", "signal", "text message", "message me"]),
    (Said::Channel(2), &["email", "inbox", "gmail", "e mail", "outlook", "drop|shoot|flick me a line"]),
    (
        Said::Channel(3),
        &[
            "mail", "letters", "by letter", "postcard", "letterbox", "mailbox", "letter box",
            "paper statement|statements|bill|bills|copy|copies|mail", "flyer", "mailer", "catalog", "catalogue", "snail mail", "junk mail",
            "by post", "in the post", "post", "send .. to the|my|his|her|their house|home|address", "statement .. mail",
        ],
    ),
    (
        Said::Channel(4),
        &[
            "in person", "face to face", "drop|stop|swing|come|pop .. by|in|into|round|around", "visit", "showroom", "meet",
            "turn|turning|rock|rocking up",
            "drop_ins", "drop_in", "show up", "showing up", "come out to", "drive .. in|over",
            "send .. rep|reps|someone|anyone|people .. round|over|out|by", "door knock|knocking", "door_to_door",
            "stop in", "come see", "sit down", "with my own eyes",
            "lunch|coffee|breakfast meeting|meetings|catch_up|catch_ups",
            "come|coming|go|going into|to the|your branch|office|showroom|store|dealership|bank|lot",
            "come|coming|show_up|showing_up to|by|at my house|home|place|door|work",
        ],
    ),
    (
        Said::Channel(5),
        &["video", "zoom", "teams", "facetime", "google meet", "webex", "skype", "video|zoom|teams|facetime|skype|webex call|chat|meeting"],
    ),
    (
        Said::Refuse,
        &[
            "no more",
            "stop",
            "quit",
            "enough",
            "hate",
            "can not stand",
                        "not a fan of",
            "hard no",
            "no go",
            "not a big fan of",
            "rather not",
            "refrain from",
            "rather you|we not",
            "rather you|we did not",
            "prefer you|we did not|do not|would not|not",
            "avoid",
            "do not like",
            "do not want",
            "not by",
            "not through|via|over",
            "not on",
            "no longer",
            "sick of",
            "tired of",
            "fed up",
            "done with",
            "not into",
            "please no",
            "less",
            "without",
            "cut out|back",
            "spare me",
            "keep .. off",
            "not .. anymore|any_more",
            "no interest in",
            "skip",
            "not leave me|us",
            "not go to|gonna leave|write|post|give|do|fill|send|provide|hand",
            "never pick up|answer",
            "not be asking|ask me|us for|about",
            "do not answer|pick_up",
            "grateful|appreciate_it if you do not|did_not|would_not",
            "screen|screens every|all|my|most|unknown",
        ],
    ),
    (
        Said::RefuseAfter,
        &[
            "be not for me|us",
            "be .. black hole",
            "be hopeless",
            "be wasted on",
            "straight in|into the bin|trash|recycling|garbage",
            "get|getting .. old",
            "be off the table",
            "be pointless|useless|a_lost_cause",
            "be the|a worst|terrible|bad|last way",
            "do not work for me",
            "not work",
            "be a no",
            "be not ok|okay|good|great|ideal|an_option",
            "be annoying|intrusive|too_much",
            "intrusive|invasive",
            "drive me crazy|nut",
            "go straight to",
            "go to spam",
            "never check",
            "never answer",
            "never pick up",
            "never read",
            "rarely check",
            "can not answer|take|pick",
            "not bother me",
            "have|has|need|needs|got to stop|end|go",
            "must stop|end",
        ],
    ),
    (
        Said::Neutral,
        &[
            "do not mind",
            "not mind",
            "be fine",
            "be ok|okay|alright",
            "no problem",
            "not a problem",
            "do not hesitate",
            "not hesitate",
            "no worry",
            "not bother me",
            "not ask you to",
            "do not worry",
            "too",
            "also",
            "either",
            "or",
            "as well",
            "whatever work|works|suit|suits",
            "i be easy",
            "any way",
            "either way",
        ],
    ),
    (
        Said::Prefer,
        &[
            "prefer",
            "preferred",
            "preference",
            // "wants texts not calls": the channel wanted, before the one refused.
            "want|wants|wanted texts|text|email|emails|calls|call|letters|mail not",
                        "be .. best|easiest|better|easier|ideal|quicker|faster",
            "keep .. on|to|there",
            "beat|beats|trump|trumps",
            "default",
            "want|wants|like .. on|by|via|over",
            "want|wants|would_like to meet|see|talk .. in_person|face_to_face",
            "work best|better",
            "best way",
            "easiest way",
            "best to",
            "best bet",
            "go to",
            "only",
            "instead",
            "stick to|with",
            "reach me by|on|via|at",
            "write me|to_me on|via|by|at",
            "going forward",
            "from now on",
            "from here on",
            "be reached on|by|via|at",
            "the way to reach|contact|get",
            "way to get hold|ahold of",
            "get hold|ahold of me",
            "get me by|on|via|at",
            "use",
            "favor",
            "favorite",
            "i be a",
            "rather",
            "sooner",
            "let us|me do",
            "shoot|drop|flick|fire me|us a|an",
            "like .. better",
            "easier for me",
            "the way to go",
            "be the way",
            "i will .. answer|read|check|see",
            "can|could go in|by|via",
            "better",
            "send .. by|via|through",
            "by|via|through|over",
        ],
    ),
    (
        Said::Than,
        &[
            "rather|sooner|prefer|better|more|easier ... than",
            "over",
            "rather_than",
            "instead_of",
            "prefer|prefers ... to phone|email|text|call|calls|texts|emails|post|mail|letters|video|zoom|visits|driving|coming|going|visiting|meeting",
        ],
    ),
    (
        Said::Again,
        &[
            "again",
            "anymore",
            "any more",
            "back to",
            "back on",
            "change my mind",

            "resume",
            "start .. again",
            "after all",
                        "no longer mind",
            "lift|lifted|scratch",
            "withdraw|withdrew|reverse|reversed",
            "allow|allowed .. back|again",
            "back on the table",
            "ok now",
            "fine now",
        ],
    ),
    (
        Said::Remove,
        &[
            "remove me|us|my|our",
            "remove|delete|take .. from your|the|this|all|any list|lists|database|system|mailing_list",
            "take me|us|my|our .. off",
            "off your|the|this .. list",
            "unsubscribe",
            "opt out",
                        "stop .. contact|bother|reach_out|reach|message|pester|hound|spam",
            "stop all",
            "do not .. contact me|us",
            "never .. contact me|us|him|her|them",
            "no further communication|contact|correspondence|emails|calls",
            "no more contact",
            "not want any_more|more|further|anymore contact|communication|communications|calls|emails|messages|mail",
            "leave me|us alone",
            "lose my number",
            "lose|delete|bin|scrap|shred my details|info|information|data|address",
            "all|any contact|communication|communications|calls|emails .. to stop|to end|to cease",
            "delete my",
            "done hearing",
            "do not want to hear from",
            "do not .. hear from you|anyone",
            "no longer want to hear",
            "cease",
            "want .. off",
            "be removed",
            "not .. contact me|us|her|him|them",
            "do not contact",
            "dnc",
            "not disturb|bother .. further|again|anymore",
            "no further contact",
            "taken|take off .. list|lists|mailing_list",
            "pause|paused|suspend|stop all|any .. outreach|contact|communication|communications|marketing",
            "hold off on all|any .. contact|outreach|communication",
            "no need to contact|reach|reach_out|call|email .. further|again|anymore|any_more",
            "not .. reach out|reach_out|get_in_touch .. again|anymore|any_more",
            "quit .. contact|contacting|bothering",
            "unsub",
        ],
    ),
    (
        Said::Resume,
        &[
            "back on .. list",
            "put me|us back",
            "add me|us back",
            // In a note: "put her back on the newsletter".
            "put|add him|her|them back on|onto",
            "resubscribe",
            "re subscribe",
            "contact|reach|hear_from|get_in_touch|reach_out .. again",
            "good|ok|okay|fine|free to talk|chat .. again",
            "start .. contact|send|hear|reach .. again",
            "open to hear from",
            "ok|okay|fine .. to contact|reach|get in touch",
            "feel free to .. contact|reach|get in touch",
                        "you can contact|reach",
            "reach_out|contact_me|get_in_touch|reach_me .. whenever|anytime|any_time",
            "happy|glad .. to hear from",
            "get back in touch",
            "withdraw|withdrew|reverse|reversed|lift|lifted .. opt|optout|unsubscribe|request|do_not_contact",
            "undo|cancel|remove|drop|reverse the .. do_not_contact|no_contact",
            "opt_out|optout|request|do_not_contact|no_contact .. withdrawn|cancelled|canceled|lifted|off",
            "want|wants back on|in",
            "pick|start|take .. back up",
        ],
    ),
    (Said::Contact, &["contact", "reach out", "reach", "hear from", "get in touch", "touch base", "check in", "bother", "update", "newsletter", "message"]),
    (
        Said::Interest,
        &[
            "open to",
            "interest in",
            "interested",
            "tell me about|more",
            "you can|may .. bring_up|talk|tell|mention|send|ask|pitch|show",
            "send me",
            "would like to hear|know",
            "love to hear|know",
            "curious",
            "go ahead",
            "let us talk",
            "i be ready",
            "ready to",
            "thinking about",
            "consider",
            "look into",
            "fine to|with",
            "ok to|with",
            "happy to hear|talk",
            "willing to hear|talk|listen|look",
            "open to hearing",
            "i will hear",
            "back on the table",
            "welcome",
            "can go back to",
            "can .. talk|bring_up|ask|mention .. again",
        ],
    ),
    (
        Said::Keeping,
        &[
            "keep .. car|truck|it|vehicle|this_one|house|home|@model .. until|till|forever|year|long|for",
            "keep my|mine .. car|truck|vehicle|ride|house|home|@model",
            "keeper",
            "not sell|selling|trading|trade",
            "never sell|selling|trade|trading",
            "not go to sell|trade",
            "drive .. until|till|forever|into_the_ground|wheel_fall_off",
            "run it|her .. into the ground",
            "not in the market",
            "not looking to",
            "if i want|decide .. sell|trade|upgrade",
            "when i be ready|want",
            "i will let you know|come to you",
            "i will reach out",
            "i know where to find you",
            "not for sale",
            "no plan to",
            "buy and hold",
            "one owner",
            "for life",
        ],
    ),
    (
        Said::Request,
        &[
            "can|could|would you .. send|email|text|get|check|find|look|tell|let|give|forward|share|confirm|quote|price|order|hold|mail|call|put|see|pull|run|ask|help|explain|bring|drop|update|fix|set|schedule|book|arrange|sort|reserve|write|resend|remind",
            "please .. send|email|text|get|check|find|look|tell|let|give|forward|share|confirm|quote|price|order|hold|mail|call|put|pull|run|explain|bring|drop|update|fix|schedule|book|arrange|resend|remind",
            "i|we need|want .. a|an|the|to_know|copy|quote|price|info|information|detail|spec|number",
            "i|we would like|love .. a|an|the|to_know|to_see|copy|quote|info|to_get",
            "do you .. have",
            "please advise",
            "kindly",
            "please provide|share|forward|send|resend|confirm",
            "hoping you can|could",
            "how do|can|would|should i|we",
            "how many|much|long",
            "do you do|offer|carry|have",
            "what do i|we need",
            "be after",
            "advise",
            "can|could|would someone|anyone|somebody",
            "be .. in|ready|here|done|available|back .. yet",
            "yet ?",
            "do you know",
            "do you carry|sell|offer",
            "is there .. way|chance|option|discount|any",
            "how much",
            "what be the|my|your .. price|cost|rate|payment|number|status|deal|option|deadline|date|hour|plan|difference",
            "what do .. cost|charge",
            "when will|can|do|be .. my|the|it|they|you|i",
            "where be|can|do",
            "is it possible",
            "be it possible",
            "wonder if|whether|what|how",
            "wondering",
            "looking for",
            "any update|news|word",
            "let me know .. when|what|if|how|whether",
            "send me",
            "need .. by",
            "can i get|have|see|bring|pick|come",
            "could i get|have|see",
            "what about",
            "how do i",
            "how long",
            "which",
            "i be look for",
            "ask .. about|for|if|whether|me_to_send|us_to_send",
            "want .. to know|a|the|more",

            "request",
            "can you",
            "could you",
        ],
    ),
    (
        Said::Positive,
        &[
            "love", "great", "amazing", "awesome", "fantastic", "excellent", "wonderful", "perfect", "happy",
            "pleased", "thrilled", "impressed", "smooth", "painless", "helpful", "appreciate", "grateful",
            "recommend", "beautiful", "delighted", "glad", "superb", "outstanding", "terrific", "brilliant",
            "thank you so much", "thanks so much", "so glad", "exceed", "pleasure", "blown away",
            "stellar", "top notch", "phenomenal", "kudos", "rave", "praise", "five star", "5 star",
            "over the moon", "spot on", "lifesaver", "nailed", "above and beyond", "well done", "good job",
            "nice job", "great job", "first class", "class act", "satisfied", "good service", "very good", "kind",
            "friendly", "professional", "rock", "you rock", "the best", "best ever", "like a dream", "smoothest",
            "never had .. so|that quick|fast|good|easy", "blew me away", "couldn't be happier", "love it",
            // Praise said plainly, without a feeling word: what someone did that they did not have to.
            "didn't|did_not have to", "won't|will_not|never forget", "mean|means|meant a lot", "made my day",
            "make my day", "bless", "out of .. way", "didn't rush", "without rushing", "never rushed",
            "ever done that|this for", "so much easier|better", "much easier than", "stayed late|past|after",
            "walked me through", "remembered my|me|i|that|what", "took the time", "went the extra mile",
            "slick", "lovely", "rockstar", "rock star", "straight|honest|upfront with me",
            "impressive", "know|knows their|his|her stuff", "went|go|gone smoothly", "legend", "cheers again",
            "clear and fair", "well run", "top marks", "made a nice change", "tidy and quick",
        ],
    ),
    (
        Said::Negative,
        &[
            "disappoint", "disappointed", "disappointing", "frustrate", "frustrated", "frustrating", "angry",
            "upset", "annoy", "annoyed", "annoying", "terrible", "awful", "horrible", "worst", "unhappy",
            "broken", "broke", "leak", "leaking", "noise", "rattle", "still wait", "still waiting",
            "never call back", "never got back", "no one call", "nobody call", "ridiculous", "unacceptable",
            "waste", "rude", "mess", "complaint", "complain", "stop work", "not work", "won't start",
            "check engine", "overcharge", "overcharged", "lie", "lied", "mislead", "misled", "ignore",
            "furious", "livid", "fed up", "sick of", "tired of", "nightmare",
            "problem", "issue", "fault", "defect", "error", "fail", "failed", "meh",
            "useless", "poor", "bad", "sucks", "hate", "ripped off", "scam", "unprofessional", "pushy",
            "unresponsive", "cancel", "refund", "regret", "not happy", "not impressed", "not pleased",
            "concern", "concerned", "worried", "glitch", "bug", "crash", "down again", "outage", "dent",
            "scratch", "damage", "damaged", "stain", "smell", "squeak", "grind", "vibration", "warning light",
            "dissapoint", "dissapointed", "disapointed", "not a fan", "slower", "thanks for nothing", "charge twice",
            "charged twice", "double charge", "dirty", "never show|showed up", "no-show", "a joke", "still no",
            // A complaint said plainly: what nobody did, what still has not happened, what was done again.
            "nobody tell|mention|return|explain|warn", "no one tell|mention|return|explain|warn",
            "still hasn't|haven't|isn't|hasnt|havent", "still have|has not", "drove|came|waited .. for nothing",
            "kept pushing|calling|asking", "waited .. hours|hour|days|weeks", "past when you said",
            "later than you said", "called|sent|asked|emailed .. three|four|five|six|several|multiple times",
            "never asked for", "never wanted", "reek", "reeked", "stink", "stank", "greasy", "filthy", "fiasco",
            "insult", "overpriced", "hidden fee", "short with me", "talked down",
            // Said in other words (the thirty-fourth utterance batch's cold misses, 2026-12-07): "the update is a
            // disaster", "the online form not so much", "less thrilled about the price", "finance took 3 hours".
            "disaster", "not so much", "less thrilled|happy|impressed|pleased|keen", "took .. hours|forever|ages",
            "on hold for", "minutes|hours on hold",
            // The thirty-fifth batch's cold misses: "the wait was nearly four hours", "the wrong address again",
            // "came back dirtier", "shame about the valuation".
            "wait be .. hours|hour|forever", "wrong .. again", "dirtier", "shame about", "a crime",
            "less so", "expected more", "not what .. promise|promised|expected", "ate my card", "a shock",
            "no word on|from",
        ],
    ),
    (
        Said::Promise,
        &[
            "i|we will",
            "i|we be go to",
            "i|we plan to",
            "tell .. i|we would",
            "say i|we would",
            "let .. know i|we would",
            "promise",
            "i|we owe",
            "need_to|have_to|got_to|gotta",
            "will .. send|get|call|email|text|drop|bring|follow|order|check|find|look|have|mail|ship|confirm|update|put|pull|set|book|schedule|run|reach|work|write|prepare|loop|get_back|swing|process",
            // A note to oneself: "owe him a callback re: rebate".
            "owe him|her|them|the_customer",
            "to do",
            "todo",
            "follow_up",
            "get_back to",
            "make_sure",
            "action item",
            "next step",
            "commit|committed to",
            "agree|agreed to",
            "assure|assured",

            "give|gave .. my word",
            "will hear back from me",
            "book|booked myself",
            "will .. courier|deliver|drop|ship|post|fedex|run|demo|walk|review|present",
            "on me",
            "my job to",
            "let me",
        ],
    ),
    (
        Said::Reminded,
        &["you say you would|will", "you promise", "you be go to", "you mention you would|will", "you tell me you would|will", "still wait"],
    ),
    (
        Said::Fact,
        &[
            "my|our|her|his|their .. wife|husband|son|daughter|kid|child|baby|grandkid|grandson|granddaughter|grandbaby|mom|dad|mother|father|sister|brother|partner|fiance|fiancee|twin|parent|family|dog|cat|puppy|kitten|horse|boy|girl|in law",
            "wedding",
            "graduate",
            "graduation",
            "birthday",
            "anniversary",
            "retire",
            "retirement",
            "move to",
            "moving",
            // The thirty-sixth batch's cold misses, 2026-12-07: a reason given with a wish is a fact of their life
            // ("I work nights at the depot", "I'm on the tools all day"); milestones in a few words.
            "work|works|working nights|days|shifts|weekends|lates|earlies",
            "night|nights shift|shifts",
            "on the tools",
            "parental|maternity|paternity leave",
            "get|getting|got the keys",
            // A business's milestones (the fortieth batch): "our grand opening is next Friday", "our lease ends
            // November 30", "her company turns 10".
            "grand opening",
            "our|my|her|his|their .. opening|launch|relaunch|merger|acquisition|ipo|expansion|audit",
            "lease .. end|ends|runs_out|expire|expires|up",
            "company|business|firm|shop|practice|restaurant|store turn|turns|celebrate|celebrates",
            "turn|turns|turning 1|2|3|5|10|15|20|25",
            "complete|completing on the|our",
            "wheelchair",
            "dementia",
            "power of attorney",
            "relocate",
            "pregnant",
            "expect a baby",
            "due in",
            "surgery",
            "hospital",
            "vacation",
            "trip",
            "travel",
            "traveling",
            "travelling",
            "out of town",
            "twins",
            "cruise",
            "honeymoon",
            "marathon",
            "tournament",
            "recital",
            "new job",
            "promotion",
            "promote",
            "start .. job|school|college",
            "college",
            "adopt",
            "get a puppy|dog|cat",
            "just had|have a",
            "baby",
            "passed away",
            "funeral",
            "divorce",
            "engaged",
            "married",
            "season",
            "fishing",
            "golf",
            "hunting",
            "camping",
            "ski",
            "garden",
            "coach",
            "soccer",
            "hockey",
            "baseball",
            "football",
            "dance",
            "band",
            "hobby",
            "volunteer",
            "deploy",
            "deployed",
            "visit .. family|parent|kid|grandkid|son|daughter",
            "go to|visiting|in .. for the holiday",
            "new house|home",
            "move|moving|moved .. to|up to|down to|into|out",
            "procedure",
            "chemo",
            "cast",
            "born",
            "expecting",
            "pass|passed away|in|on",
            "turn|turning 16|18|21|30|40|50|60|65|70|80",
            "start|starting .. university|college|school|kindergarten|job",
            "off to",
            "leave for",
            "close on",
            "lease|tenancy .. end|ends|run_out|runs_out",
            "financial|fiscal year",
            "work nights|shifts|night_shift",
            "i be a|an bartender|nurse|teacher|doctor|pilot|chef|farmer|firefighter|officer|student|contractor",
            "i run a",
            "grandfather|grandmother|grandparent|grandpa|grandma",
            "license|licence|permit",
            "closing on",
            "renovat",
            "remodel",
            // Life changes said in passing (the seventeenth utterance batch, read cold).
            "turn|turns|turning 16|17|18|21|30|40|50|60|65|70|80",
            "laid off",
            "lose|lost .. job",
            "new role|position",
            "job transfer",
            "leave|leaving .. the company|the firm|the job",
            "open|opening .. a|second|new .. location|store|shop|bakery|restaurant|office|practice|business",
            "sold the|his|her|their|my|our boat|car|house|home|business|company|truck|condo|place|practice",
            "become|became a grandma|grandpa|grandparent|grandmother|grandfather|mom|dad|mother|father",
            "school start|starts",
            "quinceañera|quinceanera|bar_mitzvah|bat_mitzvah|christening|baptism",
            // Health, travel, home and work said in passing (the eighteenth utterance batch, read cold).
            "break|broke|broken .. leg|arm|hip|wrist|ankle|foot|collarbone|back",
            "hard of hearing",
            "rehab",
            "assisted living",
            "nursing home",
            "memory care",
            "hip|knee|shoulder replacement",
            "newborn",
            "new baby",
            "overseas",
            "abroad",
            "in @name until|till|through|from",
            "go|going|head|headed|heading|fly|flying|drive|driving to @name",
            "on leave",
            "maternity|paternity|medical leave",
            "move|moves|moving|moved in with",
            "sell|selling .. the|our|my|his|her|their house|home|condo|place",
            "just bought|buy|purchased a|an",
            "work|works|working nights|weekends|overnights|overnight|doubles",
            "grandkid|grandkids|grandchildren|in_laws|family .. visit|visiting|in_town|come|coming",
            "host|hosting .. party|birthday|reunion|shower|dinner|80th|70th|60th|50th|40th|30th",
            "start|starts|starting at @name",
            // Milestones and upheavals in a line (the twenty-second utterance batch, read cold): "passed the bar",
            // "got my citizenship", "jury duty", "split up", "became a widow", "the in-laws arrive Wednesday".
            "pass|passed .. driving|bar|test|exam|boards|boater",
            "citizenship",
            "jury duty",
            "graduates|graduating",
            "got|get into .. academy|college|university|school|program|programme",
            "accepted to|into",
            "split up",
            "separated",
            "widow|widower|widowed",
            "sworn in",
            "grandkid|grandkids|grandchildren|in_laws|family|kid|baby .. arrive|arrives|arriving|arrived",
            "wisdom teeth",
            "grandbaby",
            "downsize|downsizing",
            "sending|transferring|posting me|us to",
        ],
    ),
];

static CUES: LazyLock<Patterns<Said>> = LazyLock::new(|| Patterns::new(LISTS).spelling_negation());
static OUTREACH_CUES: LazyLock<Patterns<Cue>> = LazyLock::new(|| Patterns::new(lexicon::OUTREACH));

/// What a suggestion proposes to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Heard {
    /// What the customer said about being contacted.
    Statement { means: Meaning },
    /// Information or a thing the customer asked for.
    Request { what: String },
    /// Praise or a complaint.
    Sentiment { sentiment: Sentiment },
    /// What the salesperson committed to, and by when.
    Promise { what: String, due_on: Option<NaiveDate> },
    /// A personal fact, with its date when one was said.
    Fact { text: String, date: Option<NaiveDate> },
}

/// One suggestion, with the words it came from (character offsets into the text). Written out, a statement also
/// carries `reads`: its meaning in the salesperson's words, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "SuggestionOut")]
pub struct Suggestion {
    #[serde(flatten)]
    pub heard: Heard,
    pub words: String,
    pub start: usize,
    pub end: usize,
}

/// [`Suggestion`] as it is written out.
#[derive(Serialize)]
struct SuggestionOut {
    #[serde(flatten)]
    heard: Heard,
    #[serde(skip_serializing_if = "Option::is_none")]
    reads: Option<String>,
    words: String,
    start: usize,
    end: usize,
}

impl From<Suggestion> for SuggestionOut {
    fn from(s: Suggestion) -> Self {
        let reads = match &s.heard {
            Heard::Statement { means } => Some(means.describe()),
            _ => None,
        };
        SuggestionOut { heard: s.heard, reads, words: s.words, start: s.start, end: s.end }
    }
}

/// Everything a text proposes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listening {
    pub suggestions: Vec<Suggestion>,
    /// Set when the text was longer than [`super::text::MAX_CHARS`] characters: only that much was read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// Reads `text` — the customer's words (`Inbound`) or the salesperson's own summary (`Outbound`) — said at `at`,
/// with relative dates on `zone`'s calendar.
pub fn listen(text: &str, direction: Direction, at: DateTime<Utc>, zone: Tz) -> Listening {
    listen_with(text, direction, at, zone, &Hearing::checked_in())
}

/// How the listening model weighs in on what the rules heard, per kind (in the order of [`second_opinion::HEARD`]):
/// below `veto[k]` the model's chance drops the rules' suggestions of that kind; at or above `adds_at[k]` it
/// proposes a request or a sentiment the rules missed (statements, promises and facts need the rules' reading of
/// what they mean, so they are never added).
pub struct Hearing<'a> {
    pub model: &'a SecondOpinion,
    pub veto: [f64; 6],
    pub adds_at: [f64; 6],
}

impl Hearing<'static> {
    /// The checked-in model with the checked-in thresholds.
    pub fn checked_in() -> Hearing<'static> {
        Hearing {
            model: &second_opinion::LISTENING,
            veto: second_opinion::HEARD_VETO,
            adds_at: second_opinion::HEARD_ADDS,
        }
    }
}

/// Which of [`second_opinion::HEARD`] a suggestion is.
fn heard_label(h: &Heard) -> Option<&'static str> {
    Some(match h {
        Heard::Statement { .. } => "statement",
        Heard::Request { .. } => "request",
        Heard::Sentiment { sentiment: Sentiment::Positive } => "sentiment:positive",
        Heard::Sentiment { sentiment: Sentiment::Negative } => "sentiment:negative",
        Heard::Promise { .. } => "promise",
        Heard::Fact { .. } => "fact",
        Heard::Sentiment { sentiment: Sentiment::Neutral } => return None,
    })
}

/// Calls `with` on the cues the listening model reads: the outreach lexicon's (`c:`) and listening's own (`l:`, by
/// their names).
fn with_model_cues<R>(hits: &[Hit<Said>], topics: &[Hit<Cue>], with: impl FnOnce(&[CueFeature<'_>]) -> R) -> R {
    let names: Vec<String> = hits.iter().map(|h| format!("{:?}", h.cue)).collect();
    let mut cues = second_opinion::outreach_cues(topics);
    cues.extend(hits.iter().zip(&names).map(|(h, name)| CueFeature {
        prefix: "l:",
        negated: h.negated,
        name,
        token: h.first,
    }));
    with(&cues)
}

fn direction_flag(direction: Direction) -> &'static str {
    if direction == Direction::Outbound {
        "out"
    } else {
        "in"
    }
}

/// The listening model's features of a text, by name (what training counts).
pub fn model_feature_names(text: &str, direction: Direction) -> Vec<String> {
    let t = Text::read(text);
    with_model_cues(&CUES.find(&t), &OUTREACH_CUES.find(&t), |cues| {
        second_opinion::feature_names(&t, cues, &[direction_flag(direction)])
    })
}

/// The listening model's chances for a piece of text on its own.
fn model_chances(model: &SecondOpinion, text: &str, direction: Direction) -> Vec<f64> {
    let t = Text::read(text);
    with_model_cues(&CUES.find(&t), &OUTREACH_CUES.find(&t), |cues| {
        model.chances(&second_opinion::features_with(&t, cues, &[direction_flag(direction)]))
    })
}

/// [`listen`] with a given listening model (the cross-validation tries others).
pub fn listen_with(text: &str, direction: Direction, at: DateTime<Utc>, zone: Tz, hearing: &Hearing<'_>) -> Listening {
    let t = Text::read(text);
    let chars: Vec<char> = text.chars().take(super::text::MAX_CHARS).collect();
    let today = at.with_timezone(&zone).date_naive();
    let hits = CUES.find(&t);
    let topics = OUTREACH_CUES.find(&t);
    let dates = dates::find(&chars.iter().collect::<String>(), today);
    let mut out = Reader { t: &t, chars: &chars, hits: &hits, topics: &topics, suggestions: Vec::new() };
    for s in 0..t.sentences.len() {
        out.statements(s, direction);
        out.request(s, direction);
        out.promise(s, direction, &dates);
        out.fact(s, &dates);
    }
    out.sentiment();
    out.opt_out_keyword(direction);
    out.second_opinion(hearing, direction);
    let mut suggestions = settle(out.suggestions);
    suggestions.sort_by_key(|x| (x.start, x.end));
    Listening { suggestions, truncated: text.chars().nth(super::text::MAX_CHARS).is_some() }
}

/// What the whole text says, once each sentence has spoken: "I said no more review requests, but fine, you can send
/// the survey again" ends allowing reviews (the later word on a topic wins); and a customer who asks to hear nothing
/// more ("unsubscribe me from everything — calls, emails, all of it") prefers no channel.
fn settle(suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    let topic_of = |x: &Suggestion| match &x.heard {
        Heard::Statement { means: Meaning::DeclineTopic { topic } | Meaning::AllowTopic { topic } } => {
            Some(topic.clone())
        }
        _ => None,
    };
    let stops = suggestions.iter().any(|x| matches!(x.heard, Heard::Statement { means: Meaning::DoNotContact }));
    let mut kept: Vec<Suggestion> = Vec::with_capacity(suggestions.len());
    for (i, x) in suggestions.iter().enumerate() {
        if stops && matches!(x.heard, Heard::Statement { means: Meaning::PreferChannel { .. } }) {
            continue;
        }
        if let Some(topic) = topic_of(x) {
            let later = suggestions[i + 1..]
                .iter()
                .chain(suggestions[..i].iter())
                .any(|y| topic_of(y).as_ref() == Some(&topic) && y.heard != x.heard && y.start > x.start);
            if later {
                continue;
            }
        }
        kept.push(x.clone());
    }
    kept
}

struct Reader<'a> {
    t: &'a Text,
    chars: &'a [char],
    hits: &'a [Hit<Said>],
    topics: &'a [Hit<Cue>],
    suggestions: Vec<Suggestion>,
}

/// Clause number of token `i` in sentence `s`: clauses split at marks and at "but", "and", "so", "though".
fn clause(t: &Text, i: usize) -> usize {
    t.tokens[i].clause
}

/// The words that alone, as a whole text message, opt out of all messages (the carriers' and the FCC's standard
/// keywords: "STOP" answered to a text is a do-not-contact, however short).
const OPT_OUT_KEYWORDS: &[&str] =
    &["stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit", "optout", "opt out", "opt-out", "revoke"];

impl Reader<'_> {
    /// A customer's whole message that is one of [`OPT_OUT_KEYWORDS`] (any case, with or without a full stop).
    fn opt_out_keyword(&mut self, direction: Direction) {
        let text: String = self.chars.iter().collect();
        let word = text.trim().trim_end_matches(['.', '!']).trim();
        if direction == Direction::Inbound && OPT_OUT_KEYWORDS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
            let start = self.chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
            self.add(Heard::Statement { means: Meaning::DoNotContact }, start, start + word.chars().count());
        }
    }

    fn words(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())].iter().collect::<String>().trim().to_string()
    }

    fn add(&mut self, heard: Heard, start: usize, end: usize) {
        if self.suggestions.iter().any(|s| s.heard == heard) {
            return;
        }
        let words = self.words(start, end);
        self.suggestions.push(Suggestion { heard, words, start, end });
    }

    /// The listening model's word: it drops what the rules heard where it finds that kind all but impossible
    /// ("your email went to spam" states no wish; "the kids hate it when the phone rings" is no complaint), and
    /// proposes a request or a feeling the rules' words did not reach ("on hold for 40 minutes").
    fn second_opinion(&mut self, hearing: &Hearing<'_>, direction: Direction) {
        let features = with_model_cues(self.hits, self.topics, |cues| {
            second_opinion::features_with(self.t, cues, &[direction_flag(direction)])
        });
        let model = hearing.model;
        let chances = model.chances(&features);
        let chance = |label: &str| model.labels.iter().position(|l| l == label).map(|l| (l, chances[l]));
        // A veto weighs the suggestion's own sentences, not the whole text: in a call summary that also tells of a
        // sale and a promise, "her daughter Mia graduates on June 12" is still a fact.
        let keep: Vec<bool> = self
            .suggestions
            .iter()
            .map(|x| {
                let Some(label) = heard_label(&x.heard) else { return true };
                let veto = second_opinion::HEARD.iter().position(|l| *l == label).map_or(0.0, |k| hearing.veto[k]);
                let Some(l) = model.labels.iter().position(|l| l == label).filter(|_| veto > 0.0) else { return true };
                let (a, b) = self.sentences_around(x.start, x.end);
                let whole = a == 0 && b >= self.chars.len();
                let c = if whole { chances[l] } else { model_chances(model, &self.words(a, b), direction)[l] };
                c >= veto
            })
            .collect();
        let mut keep = keep.into_iter();
        self.suggestions.retain(|_| keep.next().unwrap_or(true));
        // A request or a feeling the rules missed, on the sentence whose words speak most for it.
        let add = [
            ("request", None),
            ("sentiment:positive", Some(Sentiment::Positive)),
            ("sentiment:negative", Some(Sentiment::Negative)),
        ];
        for (label, sentiment) in add {
            let adds_at = second_opinion::HEARD.iter().position(|l| *l == label).map_or(2.0, |k| hearing.adds_at[k]);
            let Some((l, _)) = chance(label).filter(|(_, c)| *c >= adds_at) else { continue };
            let present = self.suggestions.iter().any(|x| {
                matches!((&x.heard, sentiment), (Heard::Request { .. }, None) | (Heard::Sentiment { .. }, Some(_)))
            });
            let Some(k) = model.strongest(&features, l).filter(|_| !present) else { continue };
            let (a, b) = self.sentence_span(self.t.tokens[k].sentence);
            let heard = match sentiment {
                Some(sentiment) => Heard::Sentiment { sentiment },
                None => Heard::Request { what: self.words(a, b) },
            };
            self.add(heard, a, b);
        }
    }

    /// From the start of the sentence holding `start` to the end of the one holding `end` (character offsets).
    fn sentences_around(&self, start: usize, end: usize) -> (usize, usize) {
        let t = self.t;
        let first = t.tokens.iter().find(|x| x.end > start).map_or(0, |x| x.sentence);
        let last = t.tokens.iter().rev().find(|x| x.start < end).map_or(first, |x| x.sentence).max(first);
        (self.sentence_span(first).0.min(start), self.sentence_span(last).1.max(end))
    }

    /// Whether sentence `s` names a day (one of `dates`, found in the whole text).
    fn says_a_day(&self, s: usize, dates: &[dates::Found]) -> bool {
        let (a, b) = self.sentence_span(s);
        dates.iter().any(|d| d.start >= a && d.end <= b)
    }

    fn sentence_span(&self, s: usize) -> (usize, usize) {
        let r = self.t.sentences[s].clone();
        let toks = &self.t.tokens[r];
        let first = toks.iter().find(|x| !x.mark).unwrap_or(&toks[0]);
        (first.start, toks.last().map_or(first.end, |x| x.end))
    }

    fn in_sentence(&self, s: usize, cue: Said) -> Vec<&Hit<Said>> {
        self.hits.iter().filter(|h| h.sentence == s && h.cue == cue).collect()
    }

    fn statements(&mut self, s: usize, direction: Direction) {
        let t = self.t;
        let (ss, se) = self.sentence_span(s);
        let here: Vec<&Hit<Said>> = self.hits.iter().filter(|h| h.sentence == s).collect();
        let has = |cue: Said| here.iter().any(|h| h.cue == cue && !h.negated);
        let mut found: Vec<(Meaning, usize, usize)> = Vec::new();

        // Do not contact, and its lifting.
        // "Put her back on the newsletter, she'd opted out by mistake": an opt-out undone — said with "by
        // mistake", "in error" or "by accident" right after it, in a sentence that puts them back on.
        let puts_back = here.iter().any(|h| h.cue == Said::Resume && !h.negated);
        let mistaken = |h: &&&Hit<Said>| {
            let after: Vec<&str> =
                t.tokens[h.last..t.sentences[s].end].iter().take(3).map(|x| x.lemma.as_str()).collect();
            puts_back && after.windows(2).any(|w| matches!(w, ["by", "mistake"] | ["in", "error"] | ["by", "accident"]))
        };
        // "Please do not hesitate to contact me" invites contact: that hit is no removal, while any other in the
        // sentence still is ("remove me from your list, and do not hesitate to contact us if …").
        let hesitant = |h: &&&Hit<Said>| {
            let words: Vec<&str> = t.tokens[h.first..h.last].iter().map(|x| x.lemma.as_str()).collect();
            words
                .windows(4)
                .any(|w| w[0] == "hesitate" && w[1] == "to" && w[2] == "contact" && matches!(w[3], "me" | "us"))
        };
        let remove =
            here.iter().rfind(|h| h.cue == Said::Remove && !h.negated && !hesitant(h)).filter(|h| !mistaken(h));
        let resume = here.iter().rfind(|h| h.cue == Said::Resume && !h.negated);
        let later_resume = match (remove, resume) {
            // "I withdraw my earlier opt-out": the lifting contains the removal it lifts.
            (Some(a), Some(b)) => b.first > a.first || b.last > a.first,
            (None, Some(_)) => true,
            _ => false,
        };
        // "Stop sending me survey emails" is about the surveys; "stop texting" about texts: a removal counts
        // only where its clause names neither a channel nor a topic.
        let specific = |h: &Hit<Said>| {
            let c = clause(t, h.first);
            here.iter().any(|x| matches!(x.cue, Said::Channel(_)) && clause(t, x.first) == c && !generic_contact(t, x))
                || self.topics.iter().any(|x| {
                    x.sentence == s && clause(t, x.first) == c && matches!(x.cue, Cue::Subject(_) | Cue::Pitch(_))
                })
        };
        let general = |h: &Hit<Said>| {
            t.tokens[h.first..h.last].iter().any(|x| {
                matches!(
                    x.lemma.as_str(),
                    "list" | "unsubscribe" | "remove" | "contact" | "alone" | "disturb" | "further" | "bother"
                )
            })
        };
        // "I told him to stop worrying" is advice; "Heidi told me never to contact her again" is her wish.
        let advised = |h: &Hit<Said>| {
            let before = &t.tokens[t.sentences[s].start..h.first];
            before.iter().enumerate().any(|(k, x)| {
                matches!(x.lemma.as_str(), "tell" | "telling" | "told")
                    && !before.get(k + 1).is_some_and(|n| matches!(n.lemma.as_str(), "me" | "us"))
            })
        };
        let only_less = |h: &Hit<Said>| {
            t.tokens[h.last..t.sentences[s].end].iter().take(3).any(|x| matches!(x.lemma.as_str(), "more" | "often"))
        };
        // "Don't contact me after 7pm": when, not whether — the hours say it.
        let hours = self.hours(s, direction);
        let timed = |h: &Hit<Said>| {
            hours.as_ref().is_some_and(|(_, a, _)| {
                t.sentence(s)
                    .iter()
                    .position(|x| x.start >= *a)
                    .is_some_and(|k| clause(t, t.sentences[s].start + k) == clause(t, h.first))
            })
        };
        // "My neighbour said she asked your office to take her off the list": someone else's removal.
        let others = |h: &Hit<Said>| {
            direction == Direction::Inbound
                && t.tokens[t.sentences[s].start..h.first].iter().any(|x| OTHERS.contains(&x.lemma.as_str()))
        };
        let remove =
            remove.filter(|h| (!specific(h) || general(h)) && !advised(h) && !only_less(h) && !timed(h) && !others(h));
        // "I said don't contact me but I changed my mind", "take me off the do-not-contact list": the removal
        // taken back, or the removal of one.
        // Only "off the DNC list" itself, word after word: "remove me from everything and do not call" removes.
        let sentence = t.sentence(s);
        let off_the_list = sentence.iter().enumerate().any(|(k, x)| {
            let mut next = sentence[k + 1..].iter().map(|n| n.lemma.as_str()).peekable();
            if next.peek().is_some_and(|n| matches!(*n, "the" | "your" | "that" | "this")) {
                next.next();
            }
            let next: Vec<&str> = next.take(3).collect();
            matches!(x.lemma.as_str(), "off" | "from")
                && (next.first() == Some(&"dnc")
                    || next.starts_with(&["do", "not", "contact"])
                    || next.starts_with(&["do", "not", "call"]))
        });
        // "I asked to be removed, but I've changed my mind" — not "unsubscribe me, I've changed my mind about the
        // newsletter", nor "you won't change my mind".
        let changed_mind = remove.is_some_and(|h| {
            let rest = &t.tokens[h.last..t.sentences[s].end];
            rest.windows(3).enumerate().any(|(k, w)| {
                w[0].lemma == "change"
                    && !w[0].negated
                    && matches!(w[1].lemma.as_str(), "my" | "our")
                    && w[2].lemma == "mind"
                    && rest.get(k + 3).is_none_or(|n| n.lemma != "about")
                    && rest[..k].iter().any(|x| x.lemma == "but")
            })
        });
        let taken_back = remove.is_some() && (changed_mind || off_the_list);
        if let (Some(h), true) = (remove, taken_back) {
            found.push((Meaning::ResumeContact, h.start, h.end));
        } else if let (Some(h), false) = (remove, later_resume) {
            found.push((Meaning::DoNotContact, h.start, h.end));
        } else if let (Some(h), true) = (resume, later_resume) {
            let channel_again = here.iter().any(|c| {
                matches!(c.cue, Said::Channel(_)) && !generic_contact(t, c) && clause(t, c.first) == clause(t, h.first)
            });
            if !channel_again {
                found.push((Meaning::ResumeContact, h.start, h.end));
            }
        }

        // Topics: declined or open again.
        let topic_hits: Vec<&Hit<Cue>> =
            self.topics.iter().filter(|h| h.sentence == s && matches!(h.cue, Cue::Subject(_))).collect();
        let mut topic_clauses: Vec<usize> = Vec::new();
        let keeping = here.iter().find(|h| h.cue == Said::Keeping && !h.negated).copied();
        let mut recalled_topics: Vec<String> = Vec::new();
        for h in &topic_hits {
            let f = match h.cue {
                Cue::Pitch(f) | Cue::Subject(f) => f as usize,
                _ => continue,
            };
            // "The policy review", "our quarterly business review": a meeting about their account, not a rating.
            let prev = h.first.checked_sub(1).map(|k| t.tokens[k].lemma.as_str()).unwrap_or("");
            if FAMILIES[f] == "reviews"
                && matches!(
                    prev,
                    "policy"
                        | "annual"
                        | "account"
                        | "portfolio"
                        | "quarterly"
                        | "business"
                        | "performance"
                        | "rate"
                        | "coverage"
                        | "insurance"
                        | "yearly"
                        | "benefit"
                        | "benefits"
                        | "plan"
                        | "financial"
                )
            {
                continue;
            }
            let c = clause(t, h.first);
            // A word naming the topic is refused only by what is said right around it ("no more survey emails",
            // "stop with the warranty pitches"); a pitch's own words by anything before them in the sentence.
            let subject = matches!(h.cue, Cue::Subject(_));
            let near = |cue: Said| {
                here.iter().any(|x| {
                    x.cue == cue
                        && !x.negated
                        && (clause(t, x.first) == c && (!subject || x.first <= h.first || cue != Said::Refuse)
                            || x.last <= h.first
                                && x.sentence == s
                                && !t.tokens[x.last..h.first]
                                    .iter()
                                    .any(|y| matches!(y.lemma.as_str(), "but" | "though" | "however" | "although")))
                })
            };
            let refused = (if subject { self.topic_negated_near(h.first) } else { h.negated })
                || near(Said::Refuse)
                || here.iter().any(|x| x.cue == Said::RefuseAfter && x.first >= h.first && clause(t, x.first) == c)
                || f == 0 && keeping.is_some();
            // "No longer interested in refinance offers": the interest is over — in that clause ("…, but open to
            // hearing about warranties" is another).
            let over = here.iter().any(|x| {
                x.cue == Said::Refuse
                    && clause(t, x.first) == c
                    && t.tokens[x.first].lemma == "no"
                    && t.tokens.get(x.last).is_some_and(|n| n.lemma.starts_with("interest"))
            });
            let open = near(Said::Interest) && !over;
            let lifted =
                has(Said::Again) || t.sentence(s).iter().any(|x| matches!(x.lemma.as_str(), "now" | "actually"));
            // "Calls or the warranty pitch, either is fine" is easy-going; the "or" of "no more trade-in or
            // financing spam" is under the refusal.
            let easy = here.iter().any(|x| x.cue == Said::Neutral && !x.negated && clause(t, x.first) == c);
            // "I know I said no more financing talk, but send me the refi options": a refusal recalled, then
            // taken back.
            let recalled = t.tokens[t.sentences[s].start..h.first]
                .windows(2)
                .any(|w| w[0].lemma == "i" && matches!(w[1].word.as_str(), "said" | "told" | "asked" | "say" | "tell"))
                && t.tokens[h.last..t.sentences[s].end].iter().enumerate().any(|(k, x)| {
                    // …and taken back after the "but" ("but go ahead", "but send me the rates", "but I'm open
                    // now"), not complained of ("but you keep calling").
                    let after = &t.tokens[h.last + k + 1..t.sentences[s].end];
                    x.lemma == "but"
                        && after.iter().any(|y| {
                            !y.negated
                                && matches!(
                                    y.lemma.as_str(),
                                    "ahead"
                                        | "send"
                                        | "now"
                                        | "actually"
                                        | "again"
                                        | "fine"
                                        | "ok"
                                        | "okay"
                                        | "open"
                                        | "interest"
                                        | "interested"
                                )
                        })
                });
            if refused && recalled {
                recalled_topics.push(FAMILIES[f].to_string());
            }
            let means = if refused && recalled {
                Some(Meaning::AllowTopic { topic: FAMILIES[f].to_string() })
            } else if refused && !open && !easy {
                Some(Meaning::DeclineTopic { topic: FAMILIES[f].to_string() })
            } else if open && lifted {
                Some(Meaning::AllowTopic { topic: FAMILIES[f].to_string() })
            } else {
                None
            };
            if let Some(m) = means {
                if !found.iter().any(|(x, _, _)| *x == m) {
                    found.push((m, h.start, h.end));
                    topic_clauses.push(c);
                }
            }
        }
        if let Some(k) = keeping {
            let m = Meaning::DeclineTopic { topic: FAMILIES[0].to_string() };
            if !found.iter().any(|(x, _, _)| *x == m) {
                found.push((m, k.start, k.end));
                topic_clauses.push(clause(t, k.first));
            }
        }
        if let Some((m, a, b)) = self.other_topic(s) {
            let same_kind = found.iter().any(|(x, _, _)| std::mem::discriminant(x) == std::mem::discriminant(&m));
            if !same_kind {
                if let Some(k) = t.sentence(s).iter().position(|x| x.start >= a) {
                    topic_clauses.push(clause(t, t.sentences[s].start + k));
                }
                found.push((m, a, b));
            }
        }
        // A topic whose refusal was recalled and taken back is allowed, whatever else in the sentence names it.
        found.retain(|(m, _, _)| !matches!(m, Meaning::DeclineTopic { topic } if recalled_topics.contains(topic)));

        // Hours and frequency.
        if let Some((m, a, b)) = &hours {
            found.push((m.clone(), *a, *b));
        }
        if let Some((m, a, b)) = self.frequency(s) {
            found.push((m, a, b));
        }

        // Channels: the longest words for each place ("Teams call" is video, not a call).
        let dnc = found.iter().any(|(m, _, _)| matches!(m, Meaning::DoNotContact | Meaning::ResumeContact));
        // "come by mail" is mail, not a visit: a visit's "by" before another channel's word is that channel's.
        let names_channel = |k: usize| here.iter().any(|x| matches!(x.cue, Said::Channel(n) if n != 4) && x.first == k);
        let mut channels: Vec<&Hit<Said>> = here
            .iter()
            .filter(|h| matches!(h.cue, Said::Channel(_)))
            .filter(|h| !(h.cue == Said::Channel(4) && t.tokens[h.last - 1].lemma == "by" && names_channel(h.last)))
            // "Stop dropping by": the "stop" refuses the visit, it is not "stop by".
            .filter(|h| {
                !(h.cue == Said::Channel(4)
                    && t.tokens[h.first].lemma == "stop"
                    && t.tokens.get(h.first + 1).is_some_and(|n| n.word.ends_with("ing")))
            })
            .copied()
            .collect();
        channels.sort_by_key(|h| (std::cmp::Reverse(h.last - h.first), h.first));
        let mut kept: Vec<&Hit<Said>> = Vec::new();
        for h in channels {
            if !kept.iter().any(|k| h.first < k.last && k.first < h.last) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.first);
        let overlaps_channel = |x: &Hit<Said>| kept.iter().any(|k| x.first < k.last && k.first < x.last);
        // "rather A than B": B is only the comparison.
        // The comparison starts after "than", "to", "over" or "instead of".
        let than_at = here.iter().find(|h| h.cue == Said::Than).map(|h| {
            (h.first..h.last)
                .rev()
                .find(|&k| matches!(t.tokens[k].lemma.as_str(), "than" | "to" | "over" | "of"))
                .map_or(h.last, |k| k + 1)
        });
        let hours_clause = hours
            .as_ref()
            .and_then(|(_, a, _)| t.sentence(s).iter().position(|x| x.start >= *a))
            .map(|k| clause(t, t.sentences[s].start + k));
        let freq_clause = self.frequency_mention(s);

        // "I'd rather you emailed", "she'd rather we texted than called": a wish in the past tense, not what happened.
        let wished = |h: &Hit<Said>| {
            t.tokens[t.sentences[s].start..h.first]
                .iter()
                .rev()
                .take(4)
                .any(|x| matches!(x.lemma.as_str(), "rather" | "sooner" | "prefer" | "than"))
        };
        // "Don't call, text or email me": the channels listed after a refused one are refused with it.
        let mut refused_until: Option<usize> = None;
        for h in &kept {
            let Said::Channel(n) = h.cue else { continue };
            let past = t.tokens[h.first..h.last].iter().any(|x| PAST.contains(&x.word.as_str())) && !wished(h);
            if generic_contact(t, h) || past {
                continue;
            }
            // "She doesn't post reviews", "I'll post it online": to post is to publish, not the post.
            let posted = h.cue == Said::Channel(3)
                && h.last - h.first == 1
                && t.tokens[h.first].lemma == "post"
                && h.first > 0
                && matches!(
                    t.tokens[h.first - 1].lemma.as_str(),
                    "do" | "not"
                        | "never"
                        | "will"
                        | "to"
                        | "i"
                        | "she"
                        | "he"
                        | "they"
                        | "we"
                        | "you"
                        | "can"
                        | "would"
                        | "should"
                        | "might"
                        | "always"
                        | "rarely"
                        | "just"
                );
            if posted {
                continue;
            }
            let c = clause(t, h.first);
            if topic_clauses.contains(&c) || freq_clause == Some(c) {
                continue;
            }
            let channel = CHANNELS[n as usize];
            let in_clause = |cue: Said| {
                here.iter()
                    .filter(|x| {
                        x.cue == cue
                            && clause(t, x.first) == c
                            && !x.negated
                            && (cue != Said::Refuse || !overlaps_channel(x) && !t.tokens[x.first].word.ends_with("ed"))
                            // "The email went to spam but I found it": what happened once, not a rule.
                            && (cue != Said::RefuseAfter
                                || !(t.tokens[x.first].word.ends_with("ed") || PAST.contains(&t.tokens[x.first].word.as_str())))
                            && (cue != Said::Prefer || x.last - x.first > 1 || !overlaps_channel(x))
                            // "It went to spam": "go to" said of where something went is no favourite.
                            && (cue != Said::Prefer
                                || !matches!(
                                    t.tokens[x.first].word.to_lowercase().as_str(),
                                    "went" | "goes" | "going" | "gone" | "kept"
                                ))
                            && (cue != Said::Neutral || !joins_sentences(t, x))
                            // "the texts are coming through fine": arriving, not a way to reach them.
                            && (cue != Said::Prefer
                                || x.last - x.first > 1
                                || !matches!(t.tokens[x.first].lemma.as_str(), "through" | "over" | "by")
                                || x.first == 0
                                || !matches!(t.tokens[x.first - 1].lemma.as_str(), "come" | "coming" | "go" | "get" | "went" | "came"))
                    })
                    .copied()
                    .collect::<Vec<_>>()
            };
            let neutral = !in_clause(Said::Neutral).is_empty()
                || t.sentence(s).iter().any(|x| matches!(x.lemma.as_str(), "whatever" | "either" | "any"))
                    && t.sentence(s).iter().any(|x| {
                        matches!(
                            x.lemma.as_str(),
                            "work" | "fine" | "way" | "okay" | "easiest" | "easy" | "suit" | "best"
                        )
                    });
            let refuse_before: Vec<&Hit<Said>> =
                in_clause(Said::Refuse).into_iter().filter(|x| x.first <= h.first).collect();
            // "My husband hates calls": someone else's wish.
            let someone_else = refuse_before.iter().any(|x| {
                (t.sentences[s].start..x.first)
                    .any(|k| clause(t, k) == c && OTHERS.contains(&t.tokens[k].lemma.as_str()))
            });
            let refuse_after = in_clause(Said::RefuseAfter).into_iter().any(|x| x.first >= h.first);
            let negated_near = self.negated_near(h.first);
            // "instead of calling": the second is declined, unlike "rather than".
            let instead_of =
                here.iter().any(|x| x.cue == Said::Than && x.last <= h.first && t.tokens[x.first].lemma == "instead");
            // A comma alone lists only where the list goes on ("call, text or email"); "don't call or text, email
            // is best" turns to what they want.
            let listed_after_a_refusal = refused_until.is_some_and(|end| {
                let gap = &t.tokens[end.min(h.first)..h.first];
                let joined = gap.iter().any(|x| matches!(x.word.as_str(), "or" | "and" | "nor" | "/"));
                let goes_on =
                    t.tokens.get(h.last).is_some_and(|x| matches!(x.word.as_str(), "," | "or" | "and" | "nor"));
                // "Please don't call, text or email is fine": the list ends in what they accept.
                let accepted = t.tokens[h.last..t.sentences[s].end].iter().take_while(|x| !x.mark).any(|x| {
                    matches!(
                        x.lemma.as_str(),
                        "fine" | "best" | "ok" | "okay" | "good" | "great" | "better" | "prefer" | "preferred"
                    )
                });
                end <= h.first
                    && gap.iter().all(|x| matches!(x.word.as_str(), "," | "or" | "and" | "nor" | "/"))
                    && (joined || goes_on)
                    && !accepted
            });
            let refused = ((negated_near || !refuse_before.is_empty() || refuse_after || instead_of) && !neutral
                || listed_after_a_refusal)
                && !someone_else;
            if refused {
                refused_until = Some(h.last);
            }
            // "my calls", "nobody returns my calls": the customer's own calls, not ours; "a new phone" is a device.
            let prev = |k: usize| h.first.checked_sub(k).map(|p| t.tokens[p].lemma.as_str()).unwrap_or("");
            let theirs = matches!(prev(1), "new" | "old")
                || matches!(prev(1), "my" | "our")
                    && matches!(
                        prev(2),
                        "return" | "returns" | "answer" | "miss" | "check" | "read" | "ignore" | "get" | "got"
                    )
                || device(t, h);
            // In a summary, "I'd mail it", "I'll email it" is what the salesperson does.
            let mine = direction == Direction::Outbound && (self.said_by_me(h.first) || !self.about_them(s));
            // A voicemail's "call me back" asks for this one call, and "I'm calling about the policy", "returning
            // a call" is the customer's own call: neither sets a rule about how to reach them.
            let next_is_back =
                t.tokens[h.last..t.sentences[s].end].iter().take(2).any(|x| x.lemma == "back" && !x.mark);
            let callers_own = t.tokens[h.first].word.ends_with("ing") && matches!(prev(1), "be" | "m" | "i" | "s")
                || matches!(prev(1), "a") && prev(2) == "return";
            let one_call = direction == Direction::Inbound
                && !refused
                && in_clause(Said::Prefer).is_empty()
                && (next_is_back || callers_own);
            // "The parts still haven't come in": a thing that has not arrived, not a customer who will not come.
            let thing_arrives = t.tokens[h.first].lemma == "come" && {
                let start = t.sentences[s].start;
                let subject = (start..h.first).rev().find(|&k| {
                    !matches!(
                        t.tokens[k].lemma.as_str(),
                        "have"
                            | "has"
                            | "had"
                            | "not"
                            | "n't"
                            | "still"
                            | "yet"
                            | "never"
                            | "be"
                            | "do"
                            | "will"
                            | "wo"
                            | "ca"
                            | "can"
                            | "could"
                            | "would"
                            | "should"
                            | "already"
                            | "finally"
                    )
                });
                // A thing named with its article: "the parts", "my title", "our loaner" — not "my husband", "our
                // family", who come in or do not as people do.
                subject.is_some_and(|k| {
                    let word = t.tokens[k].lemma.as_str();
                    k > start
                        && !t.tokens[k].mark
                        && matches!(
                            t.tokens[k - 1].lemma.as_str(),
                            "the" | "my" | "our" | "your" | "his" | "her" | "its"
                        )
                        && !lexicon::in_class("people", word)
                        && !OTHERS.contains(&word)
                })
            };
            if theirs || mine || one_call || thing_arrives {
                continue;
            }
            // "He doesn't want calls anymore": the "anymore" of a refusal lifts nothing; nor does the "back" of
            // "his wife called back to say".
            let lifting = |x: &Hit<Said>| {
                let inside_refusal =
                    here.iter().any(|r| r.cue == Said::Refuse && r.first <= x.first && x.last <= r.last);
                let called_back = t.tokens[x.first].lemma == "back"
                    && x.first > 0
                    && matches!(
                        t.tokens[x.first - 1].word.to_lowercase().as_str(),
                        "call" | "called" | "calling" | "phoned" | "rang" | "wrote" | "texted" | "emailed" | "got"
                    );
                !inside_refusal && !called_back
            };
            let again_words: Vec<&Hit<Said>> = in_clause(Said::Again).into_iter().filter(|x| lifting(x)).collect();
            let again = !again_words.is_empty()
                || here.iter().any(|x| x.cue == Said::Again && !x.negated && clause(t, x.first) <= c && lifting(x))
                || (h.last..t.sentences[s].end).take_while(|&k| !t.tokens[k].mark).any(|k| {
                    // "now and then" is how often, not a change of mind.
                    let lemma = |k: usize| t.tokens.get(k).map_or("", |x| x.lemma.as_str());
                    lemma(k) == "now" && !(lemma(k + 1) == "and" && lemma(k + 2) == "then")
                });
            // "Call me whenever": open to it, no rule about how.
            let whenever = t.tokens[h.last..t.sentences[s].end]
                .iter()
                .take(3)
                .any(|x| matches!(x.lemma.as_str(), "whenever" | "anytime" | "any" | "wherever"));
            let imperative = clause_opens_with(t, h.first) && !whenever;
            // "Ring me on my lunch, 12:30 to 1:30" says when, not how.
            let prefer = !in_clause(Said::Prefer).is_empty() || imperative && hours.is_none();
            // "Don't email me the receipt": about that one thing, not about email.
            let about_a_thing = t.tokens.get(h.last).is_some_and(|x| matches!(x.lemma.as_str(), "me" | "us"))
                && t.tokens
                    .get(h.last + 1)
                    .is_some_and(|x| matches!(x.lemma.as_str(), "the" | "a" | "an" | "your" | "my" | "that" | "this"));
            // "If I ever want you to stop texting": a hypothetical.
            let before: Vec<&super::text::Token> =
                t.tokens[t.sentences[s].start..h.first].iter().rev().take_while(|x| !x.mark).collect();
            let hypothetical = before.iter().enumerate().any(|(k, x)| {
                // "I would be grateful if …", "if you could …" ask politely; they are no hypothetical.
                x.lemma == "if"
                    && !before.get(k + 1).is_some_and(|p| {
                        matches!(
                            p.lemma.as_str(),
                            "grateful" | "appreciate" | "great" | "nice" | "helpful" | "better" | "it"
                        )
                    })
                    && (before.get(k.wrapping_sub(1)).is_none_or(|n| n.lemma != "you")
                        // "… is best if you need to call": when, not how.
                        || before.get(k.wrapping_sub(2)).is_some_and(|n| matches!(n.lemma.as_str(), "need" | "want" | "have" | "ever")))
            });
            if about_a_thing && in_clause(Said::Prefer).is_empty() || hypothetical {
                continue;
            }
            // Within its clause, or the stretch after "than" up to a mark or a "so"/"but" ("rather come in than go
            // back and forth over email"), only: "I check my inbox more than my voicemail, so email's your best bet".
            let unbroken = |at: usize| {
                (at..h.first).all(|k| {
                    !t.tokens[k].mark && !matches!(t.tokens[k].lemma.as_str(), "so" | "but" | "because" | "since")
                })
            };
            let after_than = than_at
                .is_some_and(|at| h.first >= at && (clause(t, at.min(t.tokens.len() - 1)) == c || unbroken(at)))
                && !instead_of;
            let time_bound = hours_clause == Some(c);
            // "Honestly text, email, ring — I'm easy": nothing preferred anywhere in the sentence.
            // …but not across a "but": "calls are fine, but I really prefer email" prefers email.
            let easy = here.iter().any(|x| {
                let (a, b) = if x.first < h.first { (x.last, h.first) } else { (h.last, x.first) };
                let but =
                    t.tokens[a.min(b)..b].iter().any(|y| matches!(y.lemma.as_str(), "but" | "though" | "however"));
                x.cue == Said::Neutral && !x.negated && !joins_sentences(t, x) && !but
            });
            let said_prefer = !in_clause(Said::Prefer).is_empty();
            // "Text or email, but no calls", "so text or email only": the "or" lists what they accept, not that
            // any way will do.
            let listed = {
                let words = |k: usize| t.tokens[k].lemma.as_str();
                let sentence = t.sentences[s].clone();
                sentence.clone().any(|k| clause(t, k) == c && words(k) == "only")
                    || sentence.clone().any(|k| {
                        words(k) == "but"
                            && k > h.first
                            && t.tokens.get(k + 1).is_some_and(|n| matches!(n.lemma.as_str(), "no" | "not" | "never"))
                    })
            };
            // A relative's or colleague's wish before the channel in its clause is theirs ("her sister only does
            // email").
            let others_wish = (t.sentences[s].start..h.first)
                .any(|k| clause(t, k) == c && OTHERS.contains(&t.tokens[k].lemma.as_str()));
            let means = if after_than {
                None
            } else if refused && again && self.lifts(s, c) {
                Some(Meaning::AllowChannel { channel })
            } else if refused && !time_bound && !dnc {
                Some(Meaning::DeclineChannel { channel })
            } else if said_prefer
                && !refused
                && (listed || !neutral && !easy)
                && !time_bound
                && !someone_else
                && !others_wish
            {
                Some(Meaning::PreferChannel { channel })
            } else if again && !refused && self.permits(s, h.first) {
                Some(Meaning::AllowChannel { channel })
            } else if prefer
                && !refused
                && (listed || !neutral && !easy)
                && !time_bound
                && !someone_else
                && !others_wish
            {
                Some(Meaning::PreferChannel { channel })
            } else {
                None
            };
            if let Some(m) = means {
                found.push((m, h.start, h.end));
            }
        }
        // A later word on the same channel in the sentence wins ("she lifted her no-calls rule — phoning her is
        // fine again").
        let channel_of = |m: &Meaning| match m {
            Meaning::PreferChannel { channel }
            | Meaning::DeclineChannel { channel }
            | Meaning::AllowChannel { channel } => Some(*channel),
            _ => None,
        };
        let mut latest: Vec<(Meaning, usize, usize)> = Vec::new();
        for f in found.into_iter().rev() {
            if channel_of(&f.0).is_some_and(|c| latest.iter().any(|k| channel_of(&k.0) == Some(c))) {
                continue;
            }
            latest.push(f);
        }
        latest.reverse();
        let mut found = latest;
        // "Do not call, text or email me ever again": every way to reach them refused, and none left open, is no
        // contact at all.
        let refused: Vec<Channel> = found
            .iter()
            .filter_map(|(m, _, _)| match m {
                Meaning::DeclineChannel { channel } => Some(*channel),
                _ => None,
            })
            .collect();
        let opens =
            found.iter().any(|(m, _, _)| matches!(m, Meaning::PreferChannel { .. } | Meaning::AllowChannel { .. }));
        if !opens && [Channel::Phone, Channel::Text, Channel::Email].iter().all(|c| refused.contains(c)) {
            found.retain(|(m, _, _)| !matches!(m, Meaning::DeclineChannel { .. }));
            found.push((Meaning::DoNotContact, ss, se));
        }
        // A statement is recorded with the customer's own sentence: it is what the Guard will quote.
        for (m, _, _) in found {
            self.add(Heard::Statement { means: m }, ss, se);
        }
    }

    /// Whether a negation right before token `i` refuses it ("no calls", "don't call", "never text me"), not one
    /// far off or about something else ("I didn't say stop calling", "glad I didn't have to come in").
    fn negated_near(&self, i: usize) -> bool {
        self.negated_near_as(i, false)
    }

    /// [`Self::negated_near`] for a word naming a topic: "not interested in a refi", "not going to refinance".
    fn topic_negated_near(&self, i: usize) -> bool {
        self.negated_near_as(i, true)
    }

    fn negated_near_as(&self, i: usize, topic: bool) -> bool {
        let t = self.t;
        if !t.tokens[i].negated {
            return false;
        }
        let start = t.sentences[t.tokens[i].sentence].start;
        let Some(n) = (start..i).rev().find(|&k| super::text::NEGATORS.contains(&t.tokens[k].lemma.as_str())) else {
            return false;
        };
        let strong = matches!(t.tokens[n].lemma.as_str(), "nothing" | "never" | "no");
        // "I never told anyone not to call me": a negated saying turns the refusal around.
        // "I'm not saying don't call" takes it back the same way.
        let said_not = t.tokens[start..n].iter().any(|x| {
            x.negated && matches!(x.word.as_str(), "told" | "said" | "asked" | "saying" | "asking" | "say" | "ask")
        });
        // "You didn't call too early": what did not happen once, not a wish.
        let did_not = n > start && t.tokens[n - 1].word.eq_ignore_ascii_case("did");
        // "It's not that I don't want the warranty info": the refusal is denied.
        let not_that = (start..n)
            .any(|k| t.tokens[k].lemma == "not" && t.tokens.get(k + 1).is_some_and(|x| x.lemma == "that") && k + 1 < n);
        // Between the "not" and the channel only words that keep it a refusal: "don't want calls", "no more phone
        // calls", "not by text" — not "I wasn't annoyed about the texts" nor "I'm not refusing the ...".
        let plain = t.tokens[n + 1..i].iter().all(|x| {
            x.mark
                || matches!(
                    x.lemma.as_str(),
                    "want"
                        | "like"
                        | "do"
                        | "more"
                        | "any"
                        | "by"
                        | "via"
                        | "on"
                        | "over"
                        | "through"
                        | "a"
                        | "the"
                        | "at"
                        | "to"
                        | "me"
                        | "us"
                        | "really"
                        | "ever"
                        | "please"
                        | "send"
                        | "use"
                        | "even"
                        | "much"
                        | "be"
                        | "get"
                        | "so"
                        | "many"
                        | "further"
                        | "personal"
                        | "work"
                        | "early"
                        | "late"
                        | "cold"
                        | "phone"
                        | "mobile"
                        | "cell"
                        | "home"
                        | "house"
                        | "sent"
                        | "his"
                        | "her"
                        | "their"
                        | "my"
                        | "anymore"
                        | "bother"
                        | "point"
                        | "anything"
                        | "everything"
                        | "stuff"
                        | "take"
                        | "answer"
                        | "pick"
                        | "up"
                        | "receive"
                        | "handle"
                        | "deal"
                        | "with"
                        | "in"
                        | "from"
                        | "these"
                )
                || topic
                    && matches!(
                        x.lemma.as_str(),
                        "interested"
                            | "interest"
                            | "go"
                            | "going"
                            | "keen"
                            | "look"
                            | "looking"
                            | "for"
                            | "of"
                            | "about"
                            | "an"
                            | "plan"
                            | "planning"
                            | "want"
                            | "need"
                            | "google"
                            | "online"
                            | "yelp"
                            | "any"
                            | "ask"
                            | "pitch"
                            | "offer"
                            | "talk"
                            | "hear"
                            | "mention"
                            | "discuss"
                            | "into"
                            | "consider"
                            | "considering"
                    )
        });
        (i - n <= 4 || strong)
            && plain
            && !said_not
            && !did_not
            && !not_that
            && !t.tokens[n + 1..i].iter().any(|x| {
                matches!(
                    x.word.as_str(),
                    "say"
                        | "said"
                        | "told"
                        | "asked"
                        | "mean"
                        | "have"
                        | "need"
                        | "get"
                        | "return"
                        | "returns"
                        | "answer"
                        | "pick"
                ) || x.lemma == "have"
                    || x.lemma == "need"
            })
    }

    /// Whether sentence `s` of a summary speaks of the customer's wishes ("she said", "he asked", "they prefer").
    fn about_them(&self, s: usize) -> bool {
        self.shorthand_wish(s)
            || self.t.sentence(s).iter().any(|x| {
                matches!(
                    x.lemma.as_str(),
                    "she"
                        | "he"
                        | "they"
                        | "customer"
                        | "client"
                        | "say"
                        | "ask"
                        | "want"
                        | "prefer"
                        | "mention"
                        | "request"
                        | "her"
                        | "his"
                        | "their"
                        | "him"
                        | "them"
                )
            })
    }

    /// A note's shorthand for the customer's wish, with no one named: "no texts, email only", "evenings only,
    /// after 5", "not before 10am pls". The salesperson writes their own doings with a verb first ("will try
    /// again Tuesday after 5", "left a voicemail") or with "I".
    fn shorthand_wish(&self, s: usize) -> bool {
        let words: Vec<&str> = self.t.sentence(s).iter().filter(|x| !x.mark).map(|x| x.lemma.as_str()).collect();
        let mine = words.iter().any(|l| matches!(*l, "i" | "me" | "my" | "we" | "us" | "our" | "myself"));
        // Each clause's first word: "spoke w/ Dana — no calls at work, email instead".
        let t = self.t;
        let range = t.sentences[s].start..t.sentences[s].end;
        // "no answer", "no luck": what happened, not a wish.
        let report = |k: usize| {
            t.tokens.get(k + 1).is_some_and(|n| {
                matches!(
                    n.lemma.as_str(),
                    "answer" | "luck" | "reply" | "response" | "change" | "news" | "show" | "one" | "voicemail" | "vm"
                )
            })
        };
        let opens: Vec<&str> = range
            .clone()
            .filter(|&k| !t.tokens[k].mark && (k == range.start || t.tokens[k - 1].mark) && !report(k))
            .map(|k| t.tokens[k].lemma.as_str())
            .collect();
        // "will try again tomorrow after 5": the salesperson's plan, however it opens.
        let plan = words.iter().any(|l| matches!(*l, "will" | "try" | "plan" | "gonna"));
        let wish_first = opens.iter().any(|first| {
            matches!(
                *first,
                "no" | "not"
                    | "never"
                    | "between"
                    | "mornings"
                    | "evenings"
                    | "afternoons"
                    | "weekdays"
                    | "weekends"
                    | "weekday"
                    | "weekend"
            )
        }) || words.starts_with(&["do", "not"]);
        !mine && !plan && (wish_first || words.contains(&"only") || words.windows(2).any(|w| w == ["per", "customer"]))
    }

    /// Whether the clause of token `i` is the salesperson speaking of themselves ("I'll email it over").
    fn said_by_me(&self, i: usize) -> bool {
        let t = self.t;
        let c = clause(t, i);
        let start = t.sentences[t.tokens[i].sentence].start;
        let before: Vec<&str> = (start..i).filter(|&k| clause(t, k) == c).map(|k| t.tokens[k].lemma.as_str()).collect();
        let me = before.iter().rposition(|l| matches!(*l, "i" | "we"));
        let them = before.iter().rposition(|l| matches!(*l, "she" | "he" | "they" | "customer" | "client"));
        // "She asked that we stop phoning", "Mr. Petrov asked that we not visit": reported speech, their wish;
        // "Said I'd ring him back" is the salesperson's own plan.
        let someone = t.tokens[start..i]
            .iter()
            .any(|x| x.capital || matches!(x.lemma.as_str(), "she" | "he" | "they" | "customer" | "client"));
        let reported = someone
            && t.tokens[start..i]
                .iter()
                .any(|x| matches!(x.lemma.as_str(), "ask" | "say" | "tell" | "want" | "request" | "prefer"));
        match (me, them) {
            (Some(m), Some(th)) => th > m && !reported,
            (Some(_), None) => !reported,
            _ => false,
        }
    }

    /// "Don't mind calls anymore", "no longer hate texts": a refusal turned around.
    fn lifts(&self, s: usize, c: usize) -> bool {
        self.t.sentence(s).iter().enumerate().any(|(k, x)| {
            let i = self.t.sentences[s].start + k;
            clause(self.t, i) <= c
                && matches!(
                    x.lemma.as_str(),
                    "mind"
                        | "longer"
                        | "anymore"
                        | "withdraw"
                        | "withdrew"
                        | "lift"
                        | "lifted"
                        | "reverse"
                        | "reversed"
                        | "scratch"
                        | "cancel"
                        | "drop"
                        | "dropped"
                )
        })
    }

    /// "You can call me again", "texts are fine again", "go ahead and email me again": a permission in the
    /// sentence up to the channel's clause end.
    fn permits(&self, s: usize, at: usize) -> bool {
        let c = clause(self.t, at);
        self.t.sentence(s).iter().enumerate().any(|(k, x)| {
            let i = self.t.sentences[s].start + k;
            clause(self.t, i) <= c
                && matches!(
                    x.lemma.as_str(),
                    "can"
                        | "may"
                        | "fine"
                        | "okay"
                        | "free"
                        | "ahead"
                        | "start"
                        | "resume"
                        | "back"
                        | "welcome"
                        | "good"
                        | "allow"
                        | "allowed"
                        | "work"
                        | "mind"
                        | "change"
                        | "happy"
                        | "glad"
                )
        })
    }

    /// A topic outside the families, declined or open again: "please don't talk to me about politics", "no
    /// roadside assistance upsell", "keep politics out of it", "solar panels are a hard no", "you can mention pet
    /// insurance again". The topic is the words that follow (or precede) the refusal, without articles.
    fn other_topic(&self, s: usize) -> Option<(Meaning, usize, usize)> {
        let all = self.t.sentence(s);
        // "asked me not to bring up": "to", "please", "ever", "me", "us" say nothing here.
        let toks: Vec<&super::text::Token> = all
            .iter()
            .filter(|x| !matches!(x.lemma.as_str(), "to" | "please" | "ever" | "me" | "us" | "try" | "keep" | "really"))
            .collect();
        let lemmas: Vec<&str> = toks.iter().map(|x| x.lemma.as_str()).collect();
        let chars = self.chars;
        let found = |topic: Vec<&super::text::Token>,
                     start: usize,
                     end: usize,
                     allow: bool|
         -> Option<(Meaning, usize, usize)> {
            let words: Vec<&super::text::Token> =
                topic.into_iter().filter(|w| !DETERMINERS.contains(&w.lemma.as_str()) && !w.mark).collect();
            if words.is_empty() || words.len() > 3 || words.iter().any(|w| NOT_TOPICS.contains(&w.word.as_str())) {
                return None;
            }
            // As written ("ex-husband"), lowercase.
            let (a, b) = (words[0].start, words[words.len() - 1].end);
            let joined: String =
                chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>().to_lowercase();
            // A family's own words name the family.
            let topic = super::outreach::subject_family(&joined).map_or(joined, String::from);
            Some((if allow { Meaning::AllowTopic { topic } } else { Meaning::DeclineTopic { topic } }, start, end))
        };
        // The words after position `from`, up to a mark or a word that ends a topic.
        let after = |from: usize| -> (Vec<&super::text::Token>, usize) {
            let mut words = Vec::new();
            let mut end = toks.get(from).map_or(0, |x| x.start);
            for x in toks.iter().skip(from) {
                if x.mark || TOPIC_ENDS.contains(&x.lemma.as_str()) {
                    break;
                }
                if !DETERMINERS.contains(&x.lemma.as_str()) || !words.is_empty() {
                    words.push(*x);
                    end = x.end;
                }
                if words.len() == 4 {
                    break;
                }
            }
            (words, end)
        };
        // "Keep politics out of it", "leave religion out of our conversations".
        if let Some(p) = all.iter().position(|x| matches!(x.lemma.as_str(), "keep" | "leave" | "left")) {
            let rest: Vec<&super::text::Token> = all[p + 1..].iter().collect();
            if let Some(q) = rest.iter().position(|x| x.lemma == "out") {
                let words: Vec<&super::text::Token> = rest[..q].to_vec();
                if q > 0 {
                    return found(words, all[p].start, rest[q].end, false);
                }
            }
        }
        // "Solar panels are a hard no", "crypto is off the table".
        for (k, w) in lemmas.windows(3).enumerate() {
            let no =
                matches!(w, ["be", "a", "no"] | ["be", "hard", "no"] | ["be", "off", "limit"] | ["be", "off", "table"])
                    || matches!(w, ["be", "a", "hard"]);
            if no && k > 0 {
                let words: Vec<&super::text::Token> = toks[..k].iter().filter(|x| !x.mark).copied().collect();
                return found(words, toks[0].start, toks[k + 2].end, false);
            }
        }
        // "No roadside assistance upsell please", "no crypto pitches".
        if let Some(p) = lemmas.iter().position(|l| *l == "no") {
            if let Some(q) = lemmas[p + 1..].iter().position(|l| PITCH_NOUNS.contains(l)).map(|q| p + 1 + q) {
                if q > p + 1 && q <= p + 4 {
                    let words: Vec<&super::text::Token> = toks[p + 1..q].to_vec();
                    return found(words, toks[p].start, toks[q].end, false);
                }
            }
        }
        // A refusal or an opening, a verb of raising a subject, and the subject.
        for k in 0..toks.len() {
            let refuses = matches!(lemmas[k], "not" | "no" | "never" | "stop" | "quit" | "enough")
                || lemmas[k] == "more" && k > 0 && lemmas[k - 1] == "no";
            let opens = matches!(lemmas[k], "can" | "may" | "free" | "open" | "fine" | "okay" | "happy" | "ahead");
            if !refuses && !opens {
                continue;
            }
            let mut v = k + 1;
            while v < toks.len()
                && matches!(lemmas[v], "want" | "need" | "be" | "keen" | "interested" | "interest" | "with")
            {
                v += 1;
            }
            if v >= toks.len()
                || !(RAISE_VERBS.contains(&lemmas[v]) || refuses && matches!(lemmas[v], "interested" | "interest"))
            {
                continue;
            }
            // "bring up", "talk about", "hear about", "upsell on".
            let mut from = v + 1;
            while from < toks.len() && matches!(lemmas[from], "up" | "about" | "on" | "with" | "regarding") {
                from += 1;
            }
            let (words, end) = after(from);
            let allow = opens && !refuses;
            if allow && !all.iter().any(|x| matches!(x.lemma.as_str(), "again" | "now" | "next" | "anymore")) {
                continue;
            }
            // Channels and contacting in general are no topic.
            let contact = self.hits.iter().any(|h| {
                h.sentence == s
                    && matches!(h.cue, Said::Channel(_) | Said::Contact | Said::Remove)
                    && h.start >= toks[k].start
                    && h.start < end
            });
            if contact {
                return None;
            }
            if let Some(f) = found(words, toks[k].start, end, allow) {
                return Some(f);
            }
        }
        None
    }

    /// Contact hours said in sentence `s`, in the customer's own time.
    fn hours(&self, s: usize, direction: Direction) -> Option<(Meaning, usize, usize)> {
        let (ss, se) = self.sentence_span(s);
        let text: String = self.chars[ss..se].iter().collect();
        // In a summary, "I'll call her back tomorrow morning" is the salesperson's plan.
        if direction == Direction::Outbound && !self.about_them(s) {
            return None;
        }
        let short = self.t.sentence(s).iter().filter(|x| !x.mark).count() <= 10;
        let contact = self.hits.iter().any(|h| {
            h.sentence == s && matches!(h.cue, Said::Channel(_) | Said::Contact | Said::Prefer | Said::Refuse)
        }) || CONTACT_TIME_WORDS.iter().any(|w| text.to_lowercase().contains(w));
        if !contact && !short {
            return None;
        }
        let (start, end, a, b) = hours_in(&text)?;
        // "I'll call her back by 5 today": in a summary, a time something is done by is a deadline.
        let before: String = text.chars().take(a).collect::<String>().to_lowercase();
        let said: String = text.chars().skip(a).take(b - a).collect::<String>().to_lowercase();
        let by = before.trim_end().ends_with(" by") || said.starts_with("by ");
        // "Can you get the quote to me by 4?": without a word of calling or contact, a "by" is a deadline whoever
        // says it ("call me by 4" is a time to call).
        let channel_said =
            self.hits.iter().any(|h| h.sentence == s && matches!(h.cue, Said::Channel(_) | Said::Contact));
        if by && (direction == Direction::Outbound || !channel_said) {
            return None;
        }
        (start < end).then(|| (Meaning::ContactHours { start, end }, ss + a, ss + b))
    }

    /// At most one contact every so many days.
    fn frequency(&self, s: usize) -> Option<(Meaning, usize, usize)> {
        let (ss, se) = self.sentence_span(s);
        let text: String = self.chars[ss..se].iter().collect();
        let lower = text.to_lowercase();
        // "Every six months is good": a sentence that only says how often is about being contacted.
        let only_how_often = self.t.sentence(s).iter().filter(|x| !x.mark).count() <= 6
            && self.t.sentence(s).iter().any(|x| {
                matches!(
                    x.lemma.as_str(),
                    "good" | "great" | "perfect" | "ideal" | "best" | "grand" | "heaps" | "ample" | "plenty" | "fine"
                )
            });
        let limit =
            ["no more than", "not more than", "no more often", "not more often"].iter().any(|w| lower.contains(w));
        let about_contact =
            self.hits.iter().any(|h| h.sentence == s && matches!(h.cue, Said::Channel(_) | Said::Contact))
                || limit
                || FREQUENCY_WORDS.iter().any(|w| lower.contains(w))
                || only_how_often;
        if !about_contact {
            return None;
        }

        // Each "how often" in turn: "stop with the weekly emails, monthly is enough" wishes for the second.
        let mut from = 0;
        while let Some((days, a, b)) = frequency_in(&text.chars().skip(from).collect::<String>()) {
            let (a, b) = (a + from, b + from);
            from = b;
            // "I don't need weekly emails" is no wish for weekly ones; "I don't need to hear from you more than
            // once a quarter" is.
            let before = lower.chars().take(a).collect::<String>();
            let clause_before = before.rsplit([',', ';', '.', '—']).next().unwrap_or("");
            let at_most = clause_before.trim_end().ends_with("more than")
                || clause_before.trim_end().ends_with("more often than");
            let negated = ["n't", "not ", "no need", "dont", "never"].iter().any(|n| clause_before.contains(n));
            let refused = ["stop", "no more", "fewer", "less ", "instead of", "cut out"]
                .iter()
                .any(|n| clause_before.contains(n));
            if negated && !limit && !at_most || refused && !at_most {
                continue;
            }
            // "I know I said once a month, but every two weeks is fine", "weekly is too much, but monthly is
            // fine": a frequency taken back is not the wish.
            let after = lower.chars().skip(b).collect::<String>();
            let clause_after = after.split([',', ';', '.', '—']).next().unwrap_or("");
            let then_but = after.contains(" but ") || after.contains('—') || after.contains(" now");
            let withdrawn = !at_most
                && (["i said", "what i said", "said before", "used to say"].iter().any(|n| clause_before.contains(n))
                    && then_but
                    || ["too much", "too often", "too many", "overkill"].iter().any(|n| clause_after.contains(n)));
            // "Charged twice for the monthly fee": how often money moves, not contact.
            let next_word =
                clause_after.split_whitespace().next().unwrap_or("").trim_end_matches(|c: char| !c.is_alphanumeric());
            let money = [
                "fee",
                "payment",
                "premium",
                "bill",
                "statement",
                "charge",
                "due",
                "rent",
                "membership",
                "subscription",
            ]
            .iter()
            .any(|w| next_word == *w || next_word.strip_suffix('s') == Some(w));
            if withdrawn || money {
                continue;
            }
            return Some((Meaning::MinDaysBetween { days }, ss + a, ss + b));
        }
        None
    }

    /// The clause of sentence `s` that speaks of how often ("weekly emails", "every day"), said or negated.
    fn frequency_mention(&self, s: usize) -> Option<usize> {
        let (ss, se) = self.sentence_span(s);
        let text: String = self.chars[ss..se].iter().collect();
        let m = FREQUENCY.find(&text)?;
        let at = ss + text[..m.start()].chars().count();
        let k = self.t.sentences[s].clone().find(|&k| self.t.tokens[k].start >= at)?;
        Some(clause(self.t, k))
    }

    fn request(&mut self, s: usize, direction: Direction) {
        // "Please don't send me an email" refuses; it asks for nothing.
        let cued = self
            .in_sentence(s, Said::Request)
            .into_iter()
            .find(|h| {
                !h.negated
                    && !self.t.tokens[h.first..h.last]
                        .iter()
                        .any(|x| x.negated || super::text::NEGATORS.contains(&x.lemma.as_str()))
            })
            .copied();
        // A customer's question about a thing of theirs is a request too ("Is the second key fob in yet?").
        let asked_thing = direction == Direction::Inbound
            && self.t.is_question(s)
            && self.t.sentence(s).iter().any(|x| lexicon::in_class("thing", &x.lemma));
        // A note's "needs the towing specs", "wants payoff amt", "asked if we can match the offer": the customer is
        // the one left out.
        let first = self.t.sentences[s].start;
        let noted = direction == Direction::Outbound
            && first < self.t.sentences[s].end
            && matches!(
                self.t.tokens[first].word.as_str(),
                "needs" | "wants" | "asked" | "asks" | "requested" | "requests" | "wondering" | "wonders"
            )
            // "asked how my weekend was": small talk about the salesperson.
            && !self.t.sentence(s).iter().any(|x| matches!(x.lemma.as_str(), "my" | "i"));
        let h = match cued {
            Some(h) => h,
            None if asked_thing || noted => {
                let first = self.t.sentences[s].start;
                Hit {
                    cue: Said::Request,
                    first,
                    last: first + 1,
                    start: self.sentence_span(s).0,
                    end: self.sentence_span(s).1,
                    negated: false,
                    sentence: s,
                    source: "",
                }
            }
            None => return,
        };
        let t = self.t;
        // Small talk is not a request; neither is a statement about being contacted.
        let lemmas: Vec<&str> = t.sentence(s).iter().map(|x| x.lemma.as_str()).collect();
        let small_talk = lemmas.windows(2).any(|w| matches!(w, ["how", "be"] | ["what", "up"] | ["how", "do"]))
            && !lemmas.iter().any(|l| ["much", "long", "price", "cost", "many", "i", "we"].contains(l));
        let stated = self.suggestions.iter().any(|x| {
            matches!(x.heard, Heard::Statement { .. })
                && x.start >= self.sentence_span(s).0
                && x.end <= self.sentence_span(s).1
        });
        // In a summary, what the customer asked: "Mr. Ferreira asked for his payoff", "she wants the schedule".
        let by_them = direction == Direction::Inbound
            || noted
            || t.tokens[t.sentences[s].start..h.first.max(t.sentences[s].start)]
                .iter()
                .any(|x| x.capital || matches!(x.lemma.as_str(), "she" | "he" | "they" | "customer" | "client"));
        // One request a message: a second sentence ("need it for the credit union") explains the first.
        let asked = self.suggestions.iter().any(|x| matches!(x.heard, Heard::Request { .. }));
        if small_talk || stated || asked || !by_them && !t.is_question(s) {
            return;
        }
        let (a, b) = self.sentence_span(s);
        let what = self.words(h.start, b).trim_end_matches(['?', '.', '!']).to_string();
        self.add(Heard::Request { what }, a, b);
    }

    fn promise(&mut self, s: usize, direction: Direction, dates: &[dates::Found]) {
        let cue = if direction == Direction::Outbound { Said::Promise } else { Said::Reminded };
        let t = self.t;
        let Some(h) = self
            .in_sentence(s, cue)
            .into_iter()
            .find(|h| !h.negated)
            .copied()
            .or_else(|| (direction == Direction::Outbound).then(|| self.note_to_self(s, dates)).flatten())
        else {
            return;
        };
        // A promise does something for the customer: a verb of doing follows.
        let acts = t.tokens[h.first..t.sentences[s].end].iter().any(|x| ACTIONS.contains(&x.lemma.as_str()))
            || t.tokens[h.first..h.last]
                .iter()
                .any(|x| matches!(x.lemma.as_str(), "promise" | "commit" | "owe" | "assure" | "word" | "agree"));
        // "She'll bring it in", "said they'd get back to us", "needs to know which docs to bring": the customer's
        // plan or need, not the salesperson's promise.
        let subject = t.tokens[h.first].lemma.as_str();
        let them = |x: &super::text::Token| {
            matches!(
                x.lemma.as_str(),
                "she"
                    | "he"
                    | "they"
                    | "customer"
                    | "client"
                    | "buyer"
                    | "wife"
                    | "husband"
                    | "team"
                    | "office"
                    | "lender"
                    | "bank"
                    | "company"
            )
        };
        let auxiliary =
            |x: &&super::text::Token| matches!(x.lemma.as_str(), "will" | "would" | "be" | "shall" | "ll" | "d");
        let before = t.tokens[t.sentences[s].start..h.first].iter().rev().find(|x| !auxiliary(x));
        let third_person = matches!(t.tokens[h.first].word.as_str(), "needs" | "has" | "wants" | "owes");
        let theirs = matches!(subject, "she" | "he" | "they") || before.is_some_and(them) || third_person;
        // "Pet insurance follow-up w/ Lena:" heads a log (with no day on it: "quick follow up w/ Lena tomorrow" is
        // a to-do).
        let dated = self.says_a_day(s, dates);
        let heading = matches!(t.tokens[h.first].lemma.as_str(), "follow_up" | "follow")
            && !dated
            && before.is_some_and(|x| {
                !x.mark
                    && !matches!(
                        x.lemma.as_str(),
                        "i" | "we"
                            | "to"
                            | "will"
                            | "need"
                            | "must"
                            | "should"
                            | "and"
                            | "then"
                            | "gotta"
                            | "can"
                            | "could"
                            | "please"
                            | "pls"
                    )
            })
            && t.tokens.get(h.last).is_some_and(|n| matches!(n.lemma.as_str(), "with" | "w" | "call" | "re"));
        // "Followed up with Aisha" is done, not promised.
        let first = t.tokens[h.first].word.as_str();
        let past = first.ends_with("ed") && t.tokens[h.first].lemma != first;
        if past && !matches!(first, "promised" | "committed" | "agreed" | "assured" | "pledged" | "vowed") {
            return;
        }
        if !acts || theirs || heading {
            return;
        }
        let (a, b) = self.sentence_span(s);
        // The date said after the promise is its due date.
        let due = dates
            .iter()
            .find(|d| d.start >= h.start && d.end <= b)
            .or_else(|| dates.iter().find(|d| d.start >= a && d.end <= b))
            .map(|d| d.date);
        let what = self.words(h.start, b).trim_end_matches(['.', '!']).to_string();
        self.add(Heard::Promise { what, due_on: due }, a, b);
    }

    /// A note's to-do with a day on it, said without "I": "sending the title paperwork next week", "get him the
    /// payoff in a couple of days", and after a dash or a semicolon: "wants the HOA docs — getting those over by
    /// thurs". A verb of doing first, and a date after it in the sentence.
    fn note_to_self(&self, s: usize, dates: &[dates::Found]) -> Option<Hit<Said>> {
        let t = self.t;
        let (first, end) = (t.sentences[s].start, t.sentences[s].end);
        let after_a_break = (first..end)
            .filter(|&k| t.tokens[k].mark && matches!(t.tokens[k].word.as_str(), ";" | "—" | "–" | ":" | "-"))
            .map(|k| k + 1);
        std::iter::once(first).chain(after_a_break).filter(|&k| k < end).find_map(|k| self.to_do_at(k, s, dates))
    }

    /// The to-do [`Reader::note_to_self`] looks for, opening at token `k` of sentence `s`.
    fn to_do_at(&self, k: usize, s: usize, dates: &[dates::Found]) -> Option<Hit<Said>> {
        let t = self.t;
        let x = &t.tokens[k];
        let dated = dates.iter().any(|d| d.start >= x.end && d.end <= self.sentence_span(s).1);
        // "Call with Diane: …" heads a log; "call her back Fri" and "confirming w/ the listing agent by tonight"
        // are to-dos.
        let heading = t.tokens.get(k + 1).is_some_and(|n| {
            n.mark
                || matches!(n.lemma.as_str(), "with" | "from" | "to" | "at" | "about" | "re" | "for" | "log" | "note")
                    && !(x.word.ends_with("ing") && dated)
        });
        // After a break, "— having her knee replaced next month", "; getting married in June" is their news.
        let news = k > t.sentences[s].start
            && matches!(x.lemma.as_str(), "have" | "get")
            && t.tokens.get(k + 1).is_some_and(|n| {
                n.word.ends_with("ed")
                    || matches!(n.lemma.as_str(), "her" | "his" | "their" | "a" | "twins" | "engaged")
            });
        let doing = ACTIONS.contains(&x.lemma.as_str())
            && (x.word.ends_with("ing") || x.word == x.lemma)
            && !matches!(x.lemma.as_str(), "check" | "look" | "find")
            && !heading
            && !news;
        // "Owe Brent the window sticker": owed, with or without a day ("owes 12k on the trade" is the customer's).
        let owes = x.word == "owe";
        ((doing && dated || owes) && !x.negated).then(|| Hit {
            cue: Said::Promise,
            first: k,
            last: k + 1,
            start: x.start,
            end: x.end,
            negated: false,
            sentence: s,
            source: "",
        })
    }

    fn fact(&mut self, s: usize, dates: &[dates::Found]) {
        let Some(h) = self.in_sentence(s, Said::Fact).into_iter().find(|h| !h.negated) else { return };

        let (a, b) = self.sentence_span(s);
        // The fact's date is the one nearest after its words ("surgery on December 9; told her I'd deliver the car
        // by December 7").
        let date = dates
            .iter()
            .find(|d| d.start >= h.start && d.end <= b)
            .or_else(|| dates.iter().find(|d| d.start >= a && d.end <= b))
            .map(|d| d.date);
        let text = self.words(a, b);
        self.add(Heard::Fact { text, date }, a, b);
    }

    fn sentiment(&mut self) {
        let mut score = 0i32;
        let mut felt: Vec<(&Hit<Said>, i32)> = Vec::new();
        let mut strongest: Option<(&Hit<Said>, i32)> = None;
        // "Wow, charged twice. Great job guys." — next to a complaint, a bare exclamation of praise is sarcasm.
        let complains = self.hits.iter().any(|h| h.cue == Said::Negative && !h.negated);
        let sarcastic = |h: &Hit<Said>| {
            let words: Vec<&str> =
                self.t.sentence(h.sentence).iter().filter(|x| !x.mark).map(|x| x.lemma.as_str()).collect();
            complains && (words.len() <= 4 || matches!(words.first(), Some(&"oh")) || words.contains(&"really"))
        };
        for h in self.hits {
            let v = match h.cue {
                Said::Positive if sarcastic(h) => continue,
                Said::Positive => 1,
                Said::Negative => -1,
                _ => continue,
            };
            // "Happy Thanksgiving" greets; it does not praise.
            let next = self.t.tokens.get(h.last).map(|x| x.lemma.as_str()).unwrap_or("");
            if matches!(self.t.tokens[h.first].lemma.as_str(), "happy" | "merry") && lexicon::in_class("event", next)
                || ["thanksgiving", "holiday", "holidays", "birthday", "anniversary", "hanukkah", "diwali", "easter"]
                    .contains(&next)
            {
                continue;
            }
            // A sentence that says how to reach them uses feeling words about that ("I hate typing on this screen",
            // "happy to hear from you again"): no praise, no complaint.
            let (a, b) = self.sentence_span(h.sentence);
            let states = self
                .suggestions
                .iter()
                .any(|x| matches!(x.heard, Heard::Statement { .. }) && x.start >= a && x.end <= b);
            // "happy to help", "glad to", "I'd appreciate it if": politeness.
            let polite = matches!(self.t.tokens[h.first].lemma.as_str(), "happy" | "glad" | "appreciate")
                && self.t.tokens.get(h.last).is_some_and(|x| matches!(x.lemma.as_str(), "to" | "it" | "for"))
                // "I would be grateful if you did not telephone": a request, put politely.
                || self.t.tokens[h.first].lemma == "grateful"
                    && self.t.tokens.get(h.last).is_some_and(|x| x.lemma == "if");
            // "No problem", "not bad": a negated complaint is no feeling either way.
            // "No problem at all": no complaint.
            let no_problem = v < 0 && h.first > 0 && matches!(self.t.tokens[h.first - 1].lemma.as_str(), "no" | "not");
            if states || polite || no_problem || h.negated && v < 0 {
                continue;
            }
            let v = if h.negated { -v } else { v };
            felt.push((h, v));
            score += v;
            if strongest.is_none_or(|(_, w)| w.signum() != score.signum()) {
                strongest = Some((h, v));
            }
        }
        // "The advisor was fantastic, but the wait was four hours": praise and a complaint in one sentence, each in its
        // own clause on either side of a "but" — both are heard.
        let praise = felt.iter().find(|(_, v)| *v > 0).map(|(h, _)| *h);
        let complaint = felt.iter().find(|(_, v)| *v < 0).map(|(h, _)| *h);
        if let (Some(p), Some(c)) = (praise, complaint) {
            let (first, last) = if p.first < c.first { (p, c) } else { (c, p) };
            let contrast = p.sentence == c.sentence
                && (first.last..last.first).any(|i| {
                    let w = self.t.tokens[i].lemma.as_str();
                    let even = i > 0 && self.t.tokens[i - 1].lemma == "even";
                    matches!(w, "but" | "though" | "although" | "however" | "except" | "whereas") && !even
                });
            if contrast {
                for (h, sentiment) in [(p, Sentiment::Positive), (c, Sentiment::Negative)] {
                    let (a, b) = self.sentence_span(h.sentence);
                    self.add(Heard::Sentiment { sentiment }, a, b);
                }
                return;
            }
        }
        if score == 0 {
            return;
        }
        let sentiment = if score > 0 { Sentiment::Positive } else { Sentiment::Negative };
        let h = self
            .hits
            .iter()
            .find(|h| {
                let v: i32 = match h.cue {
                    Said::Positive => 1,
                    Said::Negative => -1,
                    _ => 0,
                };
                v != 0 && (if h.negated { -v } else { v }).signum() == score.signum()
            })
            .or(strongest.map(|(h, _)| h));
        if let Some(h) = h {
            let s = h.sentence;
            let (a, b) = self.sentence_span(s);
            self.add(Heard::Sentiment { sentiment }, a, b);
        }
    }
}

/// Past forms of contacting: "nobody called me back" recalls, it does not ask.
const PAST: &[&str] = &[
    "called",
    "texted",
    "emailed",
    "rang",
    "phoned",
    "mailed",
    "met",
    "visited",
    "stopped",
    "came",
    "dropped",
    "messaged",
    "zoomed",
    "facetimed",
    "returned",
    "returning",
    "missed",
    "showed",
    "went",
];

/// What a phone as a thing has or suffers ("my phone plan", "the spam thing on my phone is sorted", "I fixed my
/// phone"): the device, not calls.
const DEVICE: &[&str] = &[
    "plan",
    "bill",
    "screen",
    "battery",
    "mount",
    "case",
    "charger",
    "provider",
    "carrier",
    "contract",
    "app",
    "setting",
    "settings",
    "die",
    "died",
    "dead",
    "broke",
    "broken",
    "sort",
    "sorted",
    "fix",
    "fixed",
    "crack",
    "cracked",
    "storage",
    "upgrade",
    "insurance",
];

fn device(t: &Text, h: &Hit<Said>) -> bool {
    let word = t.tokens[h.last - 1].lemma.as_str();
    if !matches!(word, "phone" | "cell" | "cellphone" | "landline") {
        return false;
    }
    let at = |k: usize| t.tokens.get(k).filter(|x| x.sentence == t.tokens[h.first].sentence).map(|x| x.lemma.as_str());
    let next = at(h.last).unwrap_or("");
    let then = at(h.last + 1).unwrap_or("");
    let prev = |k: usize| h.first.checked_sub(k).and_then(at).unwrap_or("");
    DEVICE.contains(&next)
        || matches!(next, "be" | "is" | "was" | "s") && DEVICE.contains(&then)
        || matches!(prev(1), "my" | "the" | "a")
            && matches!(
                prev(2),
                "fix"
                    | "fixed"
                    | "lost"
                    | "lose"
                    | "broke"
                    | "drop"
                    | "dropped"
                    | "replace"
                    | "replaced"
                    | "charge"
                    | "charged"
                    | "upgrade"
                    | "upgraded"
            )
}

/// People whose wishes are their own, not the customer's ("my husband hates calls").
const OTHERS: &[&str] = &[
    "husband",
    "wife",
    "son",
    "daughter",
    "kid",
    "partner",
    "boss",
    "assistant",
    "mom",
    "dad",
    "mother",
    "father",
    "brother",
    "sister",
    "spouse",
    "team",
    "accountant",
    "lawyer",
    "colleague",
    "coworker",
    "neighbour",
    "neighbor",
    "friend",
    "cousin",
    "aunt",
    "uncle",
];

/// "Also, texting is better for me": a one-word "also", "too" or "or" opening its sentence joins it to the last
/// one; it does not make this one easy-going.
fn joins_sentences(t: &Text, x: &Hit<Said>) -> bool {
    x.last - x.first == 1
        && x.first == t.sentences[t.tokens[x.first].sentence].start
        && matches!(t.tokens[x.first].lemma.as_str(), "also" | "too" | "or")
}

/// Whether token `i` opens its clause (after "please", "just", "so"): "email me", "please text me".
fn clause_opens_with(t: &Text, i: usize) -> bool {
    let s = t.tokens[i].sentence;
    // "Calling me at 8pm was grand" is no request.
    let w = t.tokens[i].word.as_str();
    if w.len() > 5 && (w.ends_with("ing") || w.ends_with("ed")) {
        return false;
    }
    let start = t.sentences[s].start;
    t.tokens[start..i]
        .iter()
        .rev()
        .take_while(|x| !x.mark && !matches!(x.lemma.as_str(), "and" | "but" | "so"))
        .all(|x| matches!(x.lemma.as_str(), "please" | "just" | "pls" | "then" | "only" | "instead" | "rather"))
        && t.tokens.get(i + 1).is_none_or(|n| {
            n.mark
                || n.sentence != s
                || matches!(n.lemma.as_str(), "me" | "us" | "instead" | "only" | "from" | "please" | "pls")
        })
}

/// Every cue of listening found in `text`, one line each (for tuning the lexicon).
pub fn explain(text: &str) -> Vec<String> {
    let t = Text::read(text);
    CUES.find(&t)
        .iter()
        .map(|h| {
            let words: String = text.chars().skip(h.start).take(h.end - h.start).collect();
            format!(
                "s{} c{} {:?}{} «{words}» ← {}",
                h.sentence,
                clause(&t, h.first),
                h.cue,
                if h.negated { " (negated)" } else { "" },
                h.source
            )
        })
        .collect()
}

/// Words that make a time of day about being contacted.
const CONTACT_TIME_WORDS: &[&str] = &[
    "best time",
    "good time",
    "available",
    "reach",
    "free",
    "only",
    "works for me",
    "work for me",
    "sweet spot",
    "try me",
    "anytime",
    "any time",
    "catch me",
    "please",
    "pls",
    "nothing after",
    "nothing before",
    "works for",
    "when i can",
    "window",
    "reached",
    "keep it",
    "keep calls",
];

/// Words that make "every few months" a wish about contact.
const FREQUENCY_WORDS: &[&str] = &[
    " between ",
    "works better",
    "work better",
    "suits me",
    "plenty",
    "be fine",
    "chase",
    "nudge",
    "pester",
    "bug",
    "bother",
    "hassle",
    "ping",
    "enough",
    "max",
    "at most",
    "no more",
    "tops",
    "not more than",
    "limit",
    "follow-up",
    "follow up",
    "check-in",
    "check in",
    "reminder",
    "space",
    "between",
    "all i want",
    "all i need",
    "that's it",
    "that's all",
    "about right",
    "is fine",
    "at least",
    "keep it to",
    "for me",
    "hear from",
    "min",
    "msgs",
    "messages",
    "contact",
    "touchpoint",
    "will do",
    "often",
];

/// Verbs of raising a subject with someone: what a customer asks not to hear about.
const RAISE_VERBS: &[&str] = &[
    "ask", "talk", "bring", "mention", "tell", "pitch", "upsell", "offer", "push", "raise", "raising", "send",
    "discuss", "sell", "hound", "bug", "pester", "bother", "email", "call", "hear", "hearing",
];

/// Nouns that name a pitch: "no roadside assistance upsell".
const PITCH_NOUNS: &[&str] = &["upsell", "pitch", "pitches", "offer", "talk", "spiel", "question", "push", "promo"];

/// Words a topic is read without.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "any", "your", "my", "his", "her", "their", "our", "of", "about", "more", "other", "some", "all",
];

/// Words that end a topic's words.
const TOPIC_ENDS: &[&str] = &[
    "please", "anymore", "again", "thanks", "thank", "either", "at", "and", "or", "but", "because", "i", "it", "every",
    "each", "when", "if", "since", "as", "with", "from", "for", "now", "then", "than", "next", "whenever", "stuff",
    "thing", "so", "though", "too", "there", "here",
];

/// Words that are never a declined topic: people, contacting, pronouns.
const NOT_TOPICS: &[&str] = &[
    // "couldn't talk long": how, not what.
    "long",
    "much",
    "now",
    "me",
    "you",
    "us",
    "it",
    "that",
    "this",
    "them",
    "call",
    "calls",
    "email",
    "emails",
    "text",
    "texts",
    "message",
    "messages",
    "spam",
    "one",
    "than",
    "often",
    "once",
    "every",
    "anything",
    "something",
    "everything",
    "up",
    "him",
    "her",
    "he",
    "she",
    "they",
    "we",
    "i",
    "contact",
    "anyone",
    "people",
    "mail",
    "phone",
    "letter",
    "letters",
    "visit",
    "visits",
    "again",
    "now",
    "need",
    "point",
    "offering",
    "bringing",
];

/// Verbs of doing something for the customer.
const ACTIONS: &[&str] = &[
    "send",
    "get",
    "call",
    "email",
    "text",
    "bring",
    "drop",
    "deliver",
    "order",
    "check",
    "find",
    "look",
    "follow",
    "schedule",
    "book",
    "set",
    "have",
    "mail",
    "ship",
    "put",
    "run",
    "pull",
    "price",
    "quote",
    "confirm",
    "update",
    "ask",
    "talk",
    "reach",
    "arrange",
    "handle",
    "fix",
    "take",
    "pick",
    "swing",
    "stop",
    "come",
    "install",
    "research",
    "forward",
    "share",
    "write",
    "prepare",
    "loop",
    "connect",
    "introduce",
    "hold",
    "reserve",
    "waive",
    "cover",
    "refund",
    "credit",
    "sort",
    "chase",
    "push",
    "escalate",
    "dig",
    "track",
    "line",
    "work",
    "make",
    "give",
    "see",
    "figure",
    "email",
    "ring",
    "text",
    "let",
    "pass",
    "return",
    "replace",
    "review",
    "file",
    "submit",
    "process",
    "try",
];

/// Whether a channel hit is really a word for contacting in general ("message me" aside): "call" in "you can
/// contact me", or "mail" inside "mailing list".
fn generic_contact(t: &Text, h: &Hit<Said>) -> bool {
    let w = t.tokens[h.first].word.as_str();
    let next = t.tokens.get(h.last).map(|x| x.lemma.as_str());
    w == "mailing" && next == Some("list") || w == "messages" || w == "message" && h.last - h.first == 1
}

/// A clock time: "10", "10am", "4:30 pm", "noon". Hours without am/pm from 1 to 7 are afternoon.
fn clock(word: &str, suffix: Option<&str>) -> Option<NaiveTime> {
    let w = word.trim().to_ascii_lowercase();
    if w == "noon" || w == "midday" {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    let (h, m) = match w.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (w.parse::<u32>().ok()?, 0),
    };
    let h = match suffix.map(|s| s.to_ascii_lowercase().replace('.', "")) {
        Some(s) if s.starts_with('p') && h < 12 => h + 12,
        Some(s) if s.starts_with('a') && h == 12 => 0,
        Some(_) => h,
        None if (1..=7).contains(&h) => h + 12,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Contact hours in a sentence: (start, end, span in characters). Explicit ranges win over "after 5", which
/// wins over "mornings"; among equals, the last said wins ("I said mornings before, but afternoons work now").
fn hours_in(text: &str) -> Option<(NaiveTime, NaiveTime, usize, usize)> {
    // "Half nine" is 9:30 in British English: read as the clock it is, in the same number of characters so every
    // place found still points into the words as written.
    let halves = HALF_PAST.replace_all(text, |c: &regex::Captures<'_>| {
        match number(&c[1].to_lowercase()).filter(|h| (1..=12).contains(h)) {
            Some(hour) => format!("{:>width$}", format!("{hour}:30"), width = c[0].chars().count()),
            None => c[0].to_string(),
        }
    });
    let text: &str = &halves;
    let at = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).expect("a whole hour");
    let lower = text.to_lowercase();
    // "I work 7 to 3", "I'm on shift till 2": the hours said are when they are busy, so contact is after them.
    // Not "call me at work between 9 and 5" (a call's words first) nor "after work 6 to 8" (the time after it).
    let busy = |start: usize| {
        let before = text[..start].to_lowercase();
        let clause = before.rsplit([',', ';', '.']).next().unwrap_or("");
        let words: Vec<&str> = clause.split_whitespace().collect();
        let contact = words.iter().any(|w| {
            matches!(*w, "call" | "ring" | "reach" | "text" | "try" | "phone" | "contact" | "email" | "message")
        });
        let near = words.len().saturating_sub(4);
        !contact
            && words.iter().enumerate().skip(near).any(|(k, w)| {
                matches!(*w, "work" | "working" | "shift" | "shifts" | "busy" | "school" | "class" | "meetings")
                    && !(k > 0 && matches!(words[k - 1], "after" | "before"))
            })
    };
    let span = |m: &regex::Match<'_>| (text[..m.start()].chars().count(), text[..m.end()].chars().count());
    fn g<'t>(c: &regex::Captures<'t>, i: usize) -> Option<&'t str> {
        c.get(i).map(|x| x.as_str())
    }
    // A "before"/"after" under a refusal in its own clause turns around: "don't call before 10" is from 10.
    let refused = |start: usize| {
        let before = text[..start].to_lowercase();
        let clause = before.rsplit([',', ';', '.']).next().unwrap_or("").rsplit(" and ").next().unwrap_or("");
        ["don't", "dont", "do not", "never", "no calls", "no texts", "no messages", "not ", "avoid", "nothing"]
            .iter()
            .any(|n| clause.contains(n))
    };
    // "Mornings are out", "anything after 6 is family time", "mornings I'm at the gym": the time said is when they are
    // not to be reached.
    let unavailable = |end: usize| {
        let rest = text[end..].to_lowercase().replace('’', "'");
        let rest = rest.trim_start().trim_start_matches([',', '—', '-']).trim_start();
        [
            "is out",
            "are out",
            "is family time",
            "are family time",
            "is off limits",
            "are off limits",
            "is no good",
            "are no good",
            "are a no",
            "is a no",
            "i'm at work",
            "i'm at the gym",
            "i'm at school",
            "i am at work",
            "im at work",
            "i'm busy",
            "i am busy",
            "are busy",
            "is busy",
            "are chaos",
            "is chaos",
            "are mad",
            "are hectic",
            "is hectic",
            "i'm out",
            "i'm with",
        ]
        .iter()
        .any(|w| rest.starts_with(w))
    };
    let evening = |end: usize| {
        let rest = text[end..].to_lowercase();
        let rest = rest.trim_start();
        rest.starts_with("in the evening") || rest.starts_with("at night") || rest.starts_with("in the afternoon")
    };
    let found = if let Some(c) = RANGE.captures_iter(text).last() {
        let m = c.get(0)?;
        let mut a = clock(g(&c, 1)?, g(&c, 2))?;
        let mut b = clock(g(&c, 3)?, g(&c, 4))?;
        // "from 9 to 5" with no marks: 9 is morning, 5 afternoon; "8-11" both morning.
        let evening_said = ["evening", "night", "pm", "after work", "kids"].iter().any(|w| lower.contains(w));
        if a > b && g(&c, 2).is_none() && a.hour() >= 13 && !evening_said {
            a -= chrono::Duration::hours(12);
        } else if a > b && evening_said && b.hour() < 12 {
            b += chrono::Duration::hours(12);
        }
        if evening(m.end()) && b.hour() < 12 {
            a = if a.hour() < 12 { a + chrono::Duration::hours(12) } else { a };
            b += chrono::Duration::hours(12);
        }
        if busy(m.start()) && b < at(21) {
            // Their working day's end is the start of when they may be reached (a 3 without "pm" is 15:00).
            let end = if b.hour() < 8 && g(&c, 4).is_none() { b + chrono::Duration::hours(12) } else { b };
            return Some((end, at(21), span(&m).0, span(&m).1));
        }
        Some((a, b, span(&m)))
    } else if let Some(c) = BOUND.captures_iter(text).last() {
        let m = c.get(0)?;
        let word = g(&c, 1)?.to_lowercase();
        let mut t = clock(g(&c, 2)?, g(&c, 3))?;
        let negative = word.starts_with("not")
            || word.starts_with("never")
            || word.starts_with("no")
            || word.starts_with("nothing");
        let after = word.contains("after") || word.contains("later") || word.contains("past") || word.contains("from");
        // "Not around for calls until after 3": the "not" is the until's, so it is from 3.
        let until = ["until", "till", "til"].iter().any(|u| text[..m.start()].to_lowercase().trim_end().ends_with(u))
            || word.contains("until ")
            || word.contains("till ")
            || word.contains(" til ");
        // "I work till 2": busy until then, so from 2.
        let busy_until = busy(m.start()) && matches!(word.as_str(), "until" | "till" | "til");
        let turned = (negative || refused(m.start())) && !until || busy_until || unavailable(m.end());
        // "No calls after 8": an evening's end, not the morning's; "before 8 in the evening" likewise.
        if g(&c, 3).is_none() && t.hour() < 12 && (after && turned && t.hour() >= 8 || evening(m.end())) {
            t += chrono::Duration::hours(12);
        }
        Some(match (after, turned) {
            (true, false) => (t, at(21), span(&m)),
            (true, true) => (at(8), t, span(&m)),
            (false, false) => (at(8), t, span(&m)),
            (false, true) => (t, at(21), span(&m)),
        })
    } else if let Some(m) = {
        // The part of the day the sentence favours ("afternoons work better, I'm at the gym most mornings"),
        // else the last said.
        let parts: Vec<regex::Match<'_>> = PART_OF_DAY.find_iter(text).filter(|m| !unavailable(m.end())).collect();
        let favoured = parts.iter().find(|m| {
            let rest = text[m.end()..].to_lowercase();
            let next: Vec<&str> = rest.split_whitespace().take(3).collect();
            next.iter().any(|w| {
                matches!(
                    w.trim_matches(|c: char| !c.is_alphanumeric()),
                    "better" | "best" | "good" | "fine" | "great" | "ideal" | "easier" | "preferred"
                )
            })
        });
        favoured.or(parts.last()).copied()
    } {
        let w = m.as_str().to_lowercase();
        let (a, b) = if w.starts_with("morning") {
            (8, 12)
        } else if w.starts_with("afternoon") {
            (12, 17)
        } else if w.starts_with("lunch") {
            (12, 13)
        } else {
            (17, 21)
        };
        Some((at(a), at(b), span(&m)))
    } else {
        None
    };
    found.map(|(a, b, (s, e))| (a, b, s, e))
}

const CLOCK: &str = r"(\d{1,2}(?:[:.]\d\d)?|noon|midday)\s*(a\.?m\.?|p\.?m\.?)?";

/// "between 10 and 4", "from 9 to 5", "10am-4pm", "12:30 to 1:30".
static RANGE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"(?i)(?:\b(?:between|from)\s+)?{CLOCK}\s*(?:and|to|-|–|till|until|up\s+to|through|thru)\s*{CLOCK}"
    ))
    .expect("the range pattern builds")
});

/// "after 6", "not before 9", "nothing after 8pm", "before noon", "until 5".
static BOUND: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"(?i)\b((?:not|never|no|nothing)\s+(?:\w+\s+){{0,3}}?(?:before|b4|earlier\s+than|after|later\s+than|past)|anytime\s+after|after|from|past|before|b4|until|till|by)\s+{CLOCK}"
    ))
    .expect("the bound pattern builds")
});

/// "mornings", "afternoons", "evenings", "after work", "lunch".
static PART_OF_DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:mornings|afternoons|evenings|in\s+the\s+(?:morning|afternoon|evening)|after\s+work|lunch\s*(?:time|break|hour))\b")
        .expect("the parts of the day build")
});

use chrono::Timelike;

/// "half nine", "half 11": half past the hour, as British English says it.
static HALF_PAST: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\bhalf\s+(?:past\s+)?(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,2})\b",
    )
    .expect("the half-past pattern builds")
});

static FREQUENCY: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?ix)
        \b(?P<times>once|one\s+time|one|twice|two\s+times|three\s+times|a\s+couple(?:\s+of)?\s+times|a\s+few\s+times)\s+(?:a|per|every|each)\s+(?P<unit>week|month|quarter|year|season)
      | (?P<half>half[-\s]?yearly|semi[-\s]?annual(?:ly)?|bi[-\s]?annual(?:ly)?|every\s+six\s+months|half\s+a\s+year\s+between)
      | every\s+(?P<n>\d+|other|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple(?:\s+of)?)?\s*(?P<unit2>days?|weeks?|wks?|months?|mos?|quarters?|years?|yrs?)
      | (?P<ly>weekly|monthly|quarterly|yearly|annually|biweekly|bimonthly)
      | \b(?P<n3>\d+|one|two|three|four|five|six)\s+(?:times|contacts?|e-?mails?|calls?|messages?|updates?|texts?|check-?ins?|letters?|notes?|touch(?:es)?|touchpoints?|visits?|reminders?|mailings?|newsletters?|pings?)\s+(?:a|per|each)\s+(?P<unit3>week|month|quarter|year)
      | (?P<fortnight>once\s+(?:a|every)\s+fortnight|(?:every|each|per)\s+fortnight|fortnightly)
      | \b(?P<n4>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple(?:\s+of)?|a\s+few|a)\s+(?P<unit4>days?|weeks?|wks?|months?|mos?)\s+(?:min(?:imum)?\s+|at\s+least\s+)?between",
    )
    .expect("the frequency pattern builds")
});

/// A count in words or digits ("three", "a couple of", "12"), as dates read it.
fn number(w: &str) -> Option<u32> {
    super::dates::count(w).and_then(|n| u32::try_from(n).ok())
}

fn unit_days(u: &str) -> u32 {
    let u = u.to_ascii_lowercase();
    if u.starts_with("day") {
        1
    } else if u.starts_with("week") || u.starts_with("wk") {
        7
    } else if u.starts_with("mo") {
        30
    } else if u.starts_with("quarter") || u.starts_with("season") {
        90
    } else {
        365
    }
}

/// At most one contact every so many days: (days, span in characters).
fn frequency_in(text: &str) -> Option<(u32, usize, usize)> {
    let c = FREQUENCY.captures(text)?;
    let m = c.get(0)?;
    let span = (text[..m.start()].chars().count(), text[..m.end()].chars().count());
    let days = if let (Some(times), Some(unit)) = (c.name("times"), c.name("unit")) {
        let per = unit_days(unit.as_str());
        let t = times.as_str().to_ascii_lowercase();
        let n = if t.starts_with("once") || t.starts_with("one") {
            1
        } else if t.starts_with("twice") || t.starts_with("two") || t.contains("couple") {
            2
        } else {
            3
        };
        if per == 365 && n == 2 {
            180
        } else {
            per / n
        }
    } else if let Some(unit) = c.name("unit2") {
        let n = match c.name("n") {
            Some(x) if x.as_str().eq_ignore_ascii_case("other") => 2,
            Some(x) => number(x.as_str()).unwrap_or(1),
            None => 1,
        };
        unit_days(unit.as_str()) * n
    } else if let Some(ly) = c.name("ly") {
        match ly.as_str().to_ascii_lowercase().as_str() {
            "weekly" => 7,
            "biweekly" => 14,
            "monthly" => 30,
            "bimonthly" => 60,
            "quarterly" => 90,
            _ => 365,
        }
    } else if c.name("half").is_some() {
        180
    } else if c.name("fortnight").is_some() {
        14
    } else if let (Some(n), Some(u)) = (c.name("n4"), c.name("unit4")) {
        number(n.as_str())? * unit_days(u.as_str())
    } else {
        let n = number(c.name("n3")?.as_str())?.max(1);
        let per = unit_days(c.name("unit3")?.as_str());
        // Four times a year is a quarter, twice a year half of one.
        match (per, n) {
            (365, 2) => 180,
            (365, 4) => 90,
            (365, 12) => 30,
            _ => per / n,
        }
    };
    (1..=3650).contains(&days).then_some((days, span.0, span.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heard(text: &str, direction: Direction) -> Vec<Heard> {
        let at = "2026-11-20T15:00:00Z".parse().unwrap();
        listen(text, direction, at, chrono_tz::America::New_York).suggestions.into_iter().map(|s| s.heard).collect()
    }

    fn statement(m: Meaning) -> Heard {
        Heard::Statement { means: m }
    }

    #[test]
    fn negation_and_reversal_are_understood() {
        assert!(heard("I don't mind calls", Direction::Inbound).is_empty());
        assert_eq!(
            heard("Please don't call me, email is best.", Direction::Inbound),
            vec![
                statement(Meaning::DeclineChannel { channel: Channel::Phone }),
                statement(Meaning::PreferChannel { channel: Channel::Email })
            ]
        );
        assert_eq!(
            heard("You can call me again", Direction::Inbound),
            vec![statement(Meaning::AllowChannel { channel: Channel::Phone })]
        );
    }

    #[test]
    fn small_words_do_not_turn_the_meaning() {
        assert_eq!(
            heard("I'm not interested in an extended warranty", Direction::Inbound),
            vec![statement(Meaning::DeclineTopic { topic: "extended warranty".into() })]
        );
        assert!(heard("No problem at all, the car is fine", Direction::Inbound).is_empty());
        assert!(!heard("Please don't send me an email", Direction::Inbound)
            .iter()
            .any(|h| matches!(h, Heard::Request { .. })));
    }

    #[test]
    fn hours_are_read() {
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        assert_eq!(
            hours_in("Only call between 10 and 4").map(|h| (h.0, h.1)),
            Some((ten, NaiveTime::from_hms_opt(16, 0, 0).unwrap()))
        );
        assert_eq!(
            hours_in("Don't call before 10am").map(|h| (h.0, h.1)),
            Some((ten, NaiveTime::from_hms_opt(21, 0, 0).unwrap()))
        );
    }

    #[test]
    fn hours_and_frequency() {
        let h = |a: u32, b: u32| {
            statement(Meaning::ContactHours {
                start: NaiveTime::from_hms_opt(a, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(b, 0, 0).unwrap(),
            })
        };
        assert_eq!(heard("Only call between 10 and 4", Direction::Inbound), vec![h(10, 16)]);
        assert_eq!(heard("Don't call before 9am", Direction::Inbound), vec![h(9, 21)]);
        assert_eq!(
            heard("Honestly once a quarter is plenty.", Direction::Inbound),
            vec![statement(Meaning::MinDaysBetween { days: 90 })]
        );
    }

    #[test]
    fn promises_carry_their_date() {
        let got = heard("I'll get your plates to you by Friday.", Direction::Outbound);
        assert!(
            matches!(&got[..], [Heard::Promise { due_on: Some(d), .. }] if d.to_string() == "2026-11-27"),
            "{got:?}"
        );
    }

    /// A salesperson's note names no one: its wishes are the customer's, its plans the salesperson's own.
    #[test]
    fn a_note_in_shorthand_is_heard_and_the_salespersons_own_plan_is_not() {
        let out = |text: &str| heard(text, Direction::Outbound);
        assert_eq!(
            out("no texts, email only"),
            vec![
                statement(Meaning::DeclineChannel { channel: Channel::Text }),
                statement(Meaning::PreferChannel { channel: Channel::Email })
            ]
        );
        let evenings = Meaning::ContactHours {
            start: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        assert_eq!(out("evenings only, after 5"), vec![statement(evenings)]);
        assert!(out("no answer, will try again tomorrow after 5").is_empty(), "the salesperson's plan");
        assert!(out("no answer on her cell, left a voicemail").is_empty());
        let got = out("sending brochure tmrw");
        assert!(
            matches!(&got[..], [Heard::Promise { due_on: Some(d), .. }] if d.to_string() == "2026-11-21"),
            "{got:?}"
        );
        assert!(
            !out("Call with Diane: baby due April 18").iter().any(|h| matches!(h, Heard::Promise { .. })),
            "a log's heading promises nothing"
        );
        assert!(matches!(&out("wants payoff amt + lien release")[..], [Heard::Request { .. }]));
        assert!(out("asked how my weekend was").is_empty(), "small talk");
        assert_eq!(
            out("Brendan wants texts not calls."),
            vec![
                statement(Meaning::PreferChannel { channel: Channel::Text }),
                statement(Meaning::DeclineChannel { channel: Channel::Phone })
            ]
        );
        assert_eq!(
            heard("I'd rather pop into the branch than do all this over the phone.", Direction::Inbound),
            vec![statement(Meaning::PreferChannel { channel: Channel::InPerson })]
        );
    }

    /// Whose plan a note's sentence is: the salesperson's own ("owe Dana the payoff letter"), the customer's ("she'll
    /// reach out if she's interested"), or a log's heading ("Service follow-up w/ Leona:").
    #[test]
    fn a_note_tells_the_salespersons_promise_from_the_customers_plan_and_a_heading() {
        let out = |text: &str| heard(text, Direction::Outbound);
        let promises = |text: &str| out(text).into_iter().filter(|h| matches!(h, Heard::Promise { .. })).count();
        assert_eq!(promises("Owe Dana the payoff letter by Friday."), 1);
        assert_eq!(promises("Owe him a callback."), 1);
        assert_eq!(promises("Owes 12k on the trade."), 0, "the customer's payoff");
        assert_eq!(promises("Declined the add-ons - she'll reach out if she changes her mind."), 0);
        assert_eq!(promises("Said they'd get back to us after the board meeting."), 0);
        assert_eq!(promises("Their IT team will send the user list by Wed."), 0);
        assert_eq!(promises("Needs to know which forms to bring."), 0);
        assert_eq!(promises("Service follow-up w/ Leona: tires are great."), 0);
        assert_eq!(promises("Follow up w/ Leona re: tires tomorrow."), 1, "a to-do, not a heading");
        assert_eq!(promises("Gotta follow up w/ Dana."), 1);
        assert_eq!(promises("Will process the refund and confirm by email tomorrow."), 1);
    }

    /// A note's shorthand days and to-dos after a dash; a rule taken back; every channel refused is no contact.
    #[test]
    fn a_notes_shorthand_a_rule_taken_back_and_every_channel_refused_are_heard() {
        // 2026-11-20 is a Friday in New York.
        let due = |text: &str| {
            heard(text, Direction::Outbound).into_iter().find_map(|h| match h {
                Heard::Promise { due_on, .. } => due_on.map(|d| d.to_string()),
                _ => None,
            })
        };
        assert_eq!(
            due("Ran the numbers on the F-250 — emailing the buyer's order EOW.").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(due("Wants the trim options; getting him a price by EOD Weds.").as_deref(), Some("2026-11-25"));
        assert_eq!(due("Needs a payoff letter — sending it tmrw.").as_deref(), Some("2026-11-21"));
        let got = heard(
            "She's upset about the delay. I'll chase the body shop and call her back by 4 today.",
            Direction::Outbound,
        );
        assert!(!got.iter().any(|h| matches!(h, Heard::Statement { means: Meaning::ContactHours { .. } })), "{got:?}");

        let inbound = |text: &str| heard(text, Direction::Inbound);
        let every = |days| vec![statement(Meaning::MinDaysBetween { days })];
        assert_eq!(inbound("I know I said every week, but once a month works better now."), every(30));
        assert_eq!(inbound("Monthly feels like too much; quarterly is plenty."), every(90));
        assert_eq!(inbound("Max one message every 10 days please."), every(10));
        let resume = vec![statement(Meaning::ResumeContact)];
        assert_eq!(inbound("I asked to be removed from your list, but I've changed my mind."), resume);
        assert_eq!(inbound("You can take us off the DNC list now."), resume);
        assert_eq!(inbound("No calls, texts or emails please."), vec![statement(Meaning::DoNotContact)]);
        assert_eq!(
            inbound("Please don't call or text, email is best."),
            vec![
                statement(Meaning::DeclineChannel { channel: Channel::Phone }),
                statement(Meaning::DeclineChannel { channel: Channel::Text }),
                statement(Meaning::PreferChannel { channel: Channel::Email }),
            ]
        );
        let hours = |h: u32| Meaning::ContactHours {
            start: NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        assert_eq!(inbound("No calls b4 9am please"), vec![statement(hours(9))]);
        assert_eq!(inbound("We're not free for calls until after 2 most days."), vec![statement(hours(14))]);
        for text in ["He's in Denver through the 14th for work.", "His wife works overnights at the hospital."] {
            assert!(heard(text, Direction::Outbound).iter().any(|h| matches!(h, Heard::Fact { .. })), "{text}");
        }
    }

    #[test]
    fn a_voicemails_call_back_sets_no_rule_and_a_recalled_refusal_is_lifted() {
        let inbound = |text: &str| heard(text, Direction::Inbound);
        let statements =
            |text: &str| inbound(text).into_iter().filter(|h| matches!(h, Heard::Statement { .. })).collect::<Vec<_>>();
        assert_eq!(
            statements(
                "Hi, it's Raj, I'm calling about the renewal on the boat policy, call me back when you get a chance."
            ),
            vec![]
        );
        assert!(inbound(
            "Hi, it's Raj, I'm calling about the renewal on the boat policy, call me back when you get a chance."
        )
        .iter()
        .any(|h| matches!(h, Heard::Request { .. })));
        assert_eq!(statements("I'm returning a call from your office."), vec![]);
        assert_eq!(
            statements("Please call me back, not email, phone is best for me."),
            vec![
                statement(Meaning::DeclineChannel { channel: Channel::Email }),
                statement(Meaning::PreferChannel { channel: Channel::Phone }),
            ],
            "a call back said with a preference is still the preference"
        );
        assert_eq!(statements("My card was charged twice for the monthly dues, can someone fix it?"), vec![]);
        assert_eq!(
            statements("I know I said no more refinance talk, but go ahead and send me the new rates."),
            vec![statement(Meaning::AllowTopic { topic: "financing".into() })]
        );
        assert_eq!(
            statements("I told you no warranty pitches, and I meant it."),
            vec![statement(Meaning::DeclineTopic { topic: "extended warranty".into() })]
        );
        // What must stay a refusal (an independent review's cases).
        let dnc = vec![statement(Meaning::DoNotContact)];
        assert_eq!(statements("Remove me from everything and do not call again."), dnc);
        assert_eq!(statements("Stop contacting me, you won't change my mind."), dnc);
        assert_eq!(
            statements("I told you no more warranty calls, but you keep calling."),
            vec![statement(Meaning::DeclineTopic { topic: "extended warranty".into() })]
        );
        let hours = |h: u32| Meaning::ContactHours {
            start: NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        assert_eq!(statements("I'm not around until after 3."), vec![statement(hours(15))]);
        assert!(
            !statements("Please don't call, text or email is fine.").contains(&statement(Meaning::DoNotContact)),
            "the list ends in what they accept"
        );
    }

    /// Interest that is over is a refusal; an opt-out made by mistake is undone; life changes said in passing are facts.
    #[test]
    fn an_interest_that_is_over_and_an_opt_out_undone_are_heard() {
        assert_eq!(
            heard("I'm no longer interested in refinance offers, thanks.", Direction::Inbound),
            vec![statement(Meaning::DeclineTopic { topic: "financing".into() })]
        );
        let got = heard(
            "I'm no longer interested in refinance offers, but I'm actually interested in the extended warranty now.",
            Direction::Inbound,
        );
        assert!(got.contains(&statement(Meaning::DeclineTopic { topic: "financing".into() })), "{got:?}");
        assert!(
            got.contains(&statement(Meaning::AllowTopic { topic: "extended warranty".into() })),
            "the interest in the other clause is not over: {got:?}"
        );
        assert_eq!(
            heard("Put him back on the newsletter, he'd opted out by mistake.", Direction::Outbound),
            vec![statement(Meaning::ResumeContact)]
        );
        assert_eq!(
            heard("Take me off the list, accidentally signed up.", Direction::Inbound),
            vec![statement(Meaning::DoNotContact)],
            "an opt-out is kept"
        );
        for text in
            ["Her son turns 17 on Aug 9.", "His wife just got laid off.", "She's opening a second location in May."]
        {
            assert!(heard(text, Direction::Outbound).iter().any(|h| matches!(h, Heard::Fact { .. })), "{text}");
        }
    }

    #[test]
    fn bad_input_gets_an_answer() {
        assert!(heard("", Direction::Inbound).is_empty());
        let long = "Please don't call. ".repeat(60_000);
        assert!(!heard(&long, Direction::Inbound).is_empty());
        let _ = heard("電話はしないでください。メールでお願いします。", Direction::Inbound);
        let _ = heard("\u{0}\u{202e}ﷺ🎉", Direction::Inbound);
    }
}
