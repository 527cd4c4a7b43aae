//! The composer: a thank-you written from this sale and this person — card text sized to the card, prompts for
//! writing by hand, or a short email.
//!
//! Deterministic: the same record, profile, request and `now` give the same words. Variants differ in what they open
//! with and which details lead; the phrasing is picked from the customer's own name and purchase, so two customers
//! with the same car still read differently. Every draft goes through the detector before it is handed back, and a
//! draft that reads like a note already sent to someone else is rephrased.

use chrono::{DateTime, Datelike, Utc};

use super::details::{self, gather, Item, Say};
use super::shorthand::{lower_initial, upper_initial, Said};
use super::{lint, Detail, Draft, Format, Others, Report, Request, Rule, ThankYouKind};
use crate::model::{Channel, CustomerRecord, Playbook, Profile};

/// The body of an email is kept to what fits a 5×7 card: short enough to read on a phone without scrolling.
const EMAIL_BODY: usize = 800;
/// Features that belong to a season, so a note never wishes someone a good winter with the air conditioning.
const SUMMERY: &[&str] = &["a/c", "air conditioning", "hardtop", "moonroof", "sunroof", "convertible", "ventilated"];
const WINTRY: &[&str] = &["heated", "remote start", "plow", "snow"];
/// Prompts are a handful of bullets, never a list to work through.
const MOST_BULLETS: usize = 5;
const FEWEST_BULLETS: usize = 3;

/// Writes a thank-you to the customer of `record` from the details `req` chose (or the preselected ones), signed
/// as `profile`, and checks it with the detector.
pub fn compose(
    record: &CustomerRecord,
    profile: &Profile,
    playbooks: &[Playbook],
    others: &Others,
    req: &Request,
    now: DateTime<Utc>,
) -> Draft {
    let items = gather(record, req.kind, now);
    let pool = Pool::new(&items, req);
    let seed = seed(record);
    let mut best: Option<(String, Vec<String>, Report)> = None;
    for attempt in 0..3 {
        let w = Writer {
            first: details::first_name(&record.customer),
            profile,
            kind: req.kind,
            style: seed.wrapping_add(req.variant as usize).wrapping_add(attempt) % 3,
            season: season(now),
            lead: req.variant as usize % 4,
            reach: crate::guard::ContactWishes::from_statements(&record.preferences).open_channel(Some(Channel::Phone)),
        };
        let (text, used) = match req.format {
            Format::Card => w.card(&pool, req.card.limit()),
            Format::Email => w.email(&pool),
            Format::Prompts => w.prompts(&pool),
        };
        let report = lint(&text, record, profile, playbooks, others, req.shape(), now);
        let copied = report.findings.iter().any(|f| f.rule == Rule::NearCopy);
        if best.as_ref().is_none_or(|b| report.score > b.2.score) {
            best = Some((text, used, report));
        }
        if !copied {
            break;
        }
    }
    let (text, details_used, report) = best.expect("at least one attempt");
    Draft { text, kind: req.kind, format: req.format, card: req.card, variant: req.variant, details_used, report }
}

/// A number from the customer's name and first purchase: picks the phrasing, the same on every run.
fn seed(record: &CustomerRecord) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let key = record.purchases.first().map(|p| p.description.as_str()).unwrap_or("");
    for b in record.customer.name.bytes().chain(key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % 9973) as usize
}

fn season(now: DateTime<Utc>) -> &'static str {
    match now.month() {
        11 | 12 | 1 | 2 => "this winter",
        3..=5 => "this spring",
        6..=8 => "this summer",
        _ => "this fall",
    }
}

/// The details a draft may use, by kind, in the order the variant puts them.
struct Pool<'a> {
    purchase: Option<&'a Item>,
    features: Vec<&'a Item>,
    facts: Vec<&'a Item>,
    goals: Vec<&'a Item>,
    quotes: Vec<&'a Item>,
    deeds: Vec<&'a Item>,
    issues: Vec<&'a Item>,
    services: Vec<&'a Item>,
    household: Option<&'a Item>,
}

impl<'a> Pool<'a> {
    fn new(items: &'a [Item], req: &Request) -> Pool<'a> {
        // Named details that cannot be told apart are left out here; `choose` tells the command line why.
        let named: Option<Vec<String>> = req.chosen.as_ref().map(|wanted| {
            let all: Vec<Detail> = items.iter().map(|i| i.detail.clone()).collect();
            wanted.iter().filter_map(|w| details::choose(&all, std::slice::from_ref(w)).ok()).flatten().collect()
        });
        let take = |i: &&Item| match &named {
            Some(ids) => ids.contains(&i.detail.id),
            // Variants may reach past the ticked details to what else reads well, so they differ.
            None => i.detail.preselected || (req.variant > 0 && i.usable),
        };
        let chosen: Vec<&Item> = items.iter().filter(take).collect();
        let of = |f: fn(&Say) -> bool| {
            let mut v: Vec<&Item> = chosen.iter().copied().filter(|i| f(&i.say)).collect();
            // Ticked details first, then the rest, each in the order `details` ranks them.
            v.sort_by_key(|i| !i.detail.preselected);
            v
        };
        let mut features = of(|s| matches!(s, Say::Feature { .. }));
        let mut facts = of(|s| matches!(s, Say::Fact { .. }));
        let goals = of(|s| matches!(s, Say::Goal(_)));
        let quotes = of(|s| matches!(s, Say::Quote { .. }));
        let deeds = of(|s| matches!(s, Say::Deed(_)));
        let issues = of(|s| matches!(s, Say::Issue(_)));
        let services = of(|s| matches!(s, Say::Service { .. }));
        let purchase = of(|s| matches!(s, Say::Purchase { .. })).first().copied();
        let household = of(|s| matches!(s, Say::Household { .. })).first().copied();
        // Each variant leads with a different feature and fact.
        let v = req.variant as usize;
        if !features.is_empty() {
            let n = v % features.len();
            features.rotate_left(n);
        }
        if !facts.is_empty() {
            let n = v % facts.len();
            facts.rotate_left(n);
        }
        Pool { purchase, features, facts, goals, quotes, deeds, issues, services, household }
    }
}

/// Where a sentence stands in a note, and so how long it is kept when the card runs short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Opening,
    Car,
    Feature,
    Fact,
    Deed,
    Quote,
    Goal,
    MoreFact,
    Household,
    Closing,
}

impl Slot {
    /// Higher is kept longer: what the card cannot do without goes last.
    fn keep(self) -> u8 {
        match self {
            Slot::Opening => 255,
            Slot::Car => 95,
            Slot::Fact => 90,
            Slot::Feature => 85,
            Slot::Quote => 70,
            Slot::Deed => 65,
            Slot::Goal => 60,
            Slot::MoreFact => 50,
            Slot::Household => 40,
            Slot::Closing => 30,
        }
    }
}

struct Piece {
    slot: Slot,
    text: String,
    ids: Vec<String>,
}

struct Writer<'a> {
    first: String,
    profile: &'a Profile,
    kind: ThankYouKind,
    /// Which of the phrasings (0, 1, 2).
    style: usize,
    season: &'static str,
    /// What the variant opens with: 0 the thanks, 1 something they told you, 2 their words or goal, 3 the car.
    lead: usize,
    /// How the customer asked to be reached: the closing offers that way, never one they declined.
    reach: Option<Channel>,
}

fn ids(items: &[&Item]) -> Vec<String> {
    items.iter().map(|i| i.detail.id.clone()).collect()
}

fn number(n: i64) -> String {
    const WORDS: [&str; 13] =
        ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    usize::try_from(n).ok().and_then(|i| WORDS.get(i)).map_or_else(|| n.to_string(), |w| w.to_string())
}

fn years(age_days: i64) -> String {
    match ((age_days + 182) / 365).max(1) {
        1 => "a year".to_string(),
        n => format!("{} years", number(n)),
    }
}

/// Their words without the closing full stop, to sit inside quotation marks.
fn quoted(words: &str) -> String {
    words.trim().trim_end_matches('.').to_string()
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Writer<'_> {
    fn pick<'s>(&self, options: [&'s str; 3]) -> &'s str {
        options[self.style % 3]
    }

    fn car<'i>(&self, pool: &Pool<'i>) -> Option<(&'i Item, &'i str, bool, i64)> {
        pool.purchase.and_then(|i| match &i.say {
            Say::Purchase { model, vehicle, age_days } => Some((i, model.as_str(), *vehicle, *age_days)),
            _ => None,
        })
    }

    /// Every sentence the note could hold, in the variant's order.
    fn pieces(&self, pool: &Pool<'_>) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let car = self.car(pool);
        let mut push = |slot: Slot, text: String, used: Vec<String>| out.push(Piece { slot, text, ids: used });

        // The opening: what the thanks is for.
        match self.kind {
            ThankYouKind::Purchase => match car {
                Some((item, model, vehicle, age)) => {
                    push(Slot::Opening, self.thanks(model, vehicle, age), ids(&[item]))
                }
                None => push(Slot::Opening, "Thank you for your trust in me.".into(), vec![]),
            },
            ThankYouKind::Referral => {
                match pool.deeds.first() {
                    Some(d) => push(Slot::Opening, format!("Thank you for {}.", deed(d)), ids(&[d])),
                    None => push(Slot::Opening, "Thank you for the kind word you put in for me.".into(), vec![]),
                }
                if let Some((item, model, _, _)) = car {
                    let s = self.pick([
                        "I hope the {} is still treating you well.",
                        "I hope you are still enjoying the {}.",
                        "I hope the {} has been good to you.",
                    ]);
                    push(Slot::Car, s.replace("{}", model), ids(&[item]));
                }
            }
            ThankYouKind::Service => {
                let service = pool.services.first().and_then(|s| match &s.say {
                    Say::Service { name } => Some((s, name.as_str())),
                    _ => None,
                });
                match (pool.deeds.first(), service, car) {
                    (Some(d), _, _) => {
                        push(Slot::Opening, format!("Thank you for {}.", deed(d)), ids(&[d]));
                        if let Some((item, model, _, _)) = car {
                            push(
                                Slot::Car,
                                format!("I hope the {model} is running just the way you like it."),
                                ids(&[item]),
                            );
                        }
                    }
                    (None, Some((s, name)), Some((item, model, _, _))) => push(
                        Slot::Opening,
                        format!("Thank you for bringing the {model} in for its {name}."),
                        ids(&[item, s]),
                    ),
                    (None, _, Some((item, model, _, _))) => {
                        push(Slot::Opening, format!("Thank you for bringing the {model} in to see us."), ids(&[item]))
                    }
                    (None, _, None) => push(Slot::Opening, "Thank you for coming in to see us.".into(), vec![]),
                }
            }
            ThankYouKind::ResolvedIssue => {
                match pool.issues.first().map(|i| (i, &i.say)) {
                    Some((i, Say::Issue(trouble))) => push(
                        Slot::Opening,
                        format!("Thank you for your patience while we sorted out {trouble}."),
                        ids(&[i]),
                    ),
                    _ => push(Slot::Opening, "Thank you for your patience while we put things right.".into(), vec![]),
                }
                if let Some((item, model, _, _)) = car {
                    let s = self.pick([
                        "Enjoy the {} the way it was meant to be.",
                        "The {} should be all yours again now.",
                        "I hope the {} feels like new again.",
                    ]);
                    push(Slot::Car, s.replace("{}", model), ids(&[item]));
                }
            }
        }

        if let Some(f) = pool.features.first() {
            if let Say::Feature { name } = &f.say {
                push(Slot::Feature, self.feature(name, car.is_none_or(|c| c.2)), ids(&[f]));
            }
        }
        for (n, f) in pool.facts.iter().take(2).enumerate() {
            if let Say::Fact { phrase, upcoming } = &f.say {
                let slot = if n == 0 { Slot::Fact } else { Slot::MoreFact };
                push(slot, self.fact(&phrase.said, *upcoming, n), ids(&[f]));
            }
        }
        if self.kind == ThankYouKind::Purchase {
            if let Some(d) = pool.deeds.first() {
                let s = self.pick(["Thank you, too, for {}.", "And thank you for {}.", "Thanks as well for {}."]);
                push(Slot::Deed, s.replace("{}", &deed(d)), ids(&[d]));
            }
        }
        if let Some(q) = pool.quotes.first() {
            if let Say::Quote { words, complaint } = &q.say {
                let w = quoted(words);
                let s = if *complaint {
                    format!("“{w}” — I hope that is all behind you now.")
                } else {
                    self.pick([
                        "Your words — “{}” — meant a lot.",
                        "“{}” — that one made my week.",
                        "You said “{}”, and I won't forget it.",
                    ])
                    .replace("{}", &w)
                };
                push(Slot::Quote, s, ids(&[q]));
            }
        }
        if let Some(g) = pool.goals.first() {
            if let Say::Goal(toast) = &g.say {
                let s = self.pick(["Here's to {}.", "Here's to {} — I'm cheering you on.", "I'm rooting for you: {}."]);
                push(Slot::Goal, s.replace("{}", toast), ids(&[g]));
            }
        }
        if let Some(h) = pool.household {
            if let Say::Household { people, pets } = &h.say {
                push(Slot::Household, self.household(people, pets), ids(&[h]));
            }
        }
        // The closing offers the way they asked to be reached: "call me" only to someone who takes calls.
        let closing = match (car, self.reach) {
            (Some((_, model, _, _)), Some(Channel::Phone)) => self
                .pick([
                    "Call me with any question at all.",
                    "If the {} ever needs anything, I'm a phone call away.",
                    "I'm here whenever you need anything.",
                ])
                .replace("{}", model),
            (None, Some(Channel::Phone)) => "Call me with any question at all.".to_string(),
            (_, Some(Channel::Email)) => "Email me with any question at all.".to_string(),
            (_, Some(Channel::Text)) => "Text me with any question at all.".to_string(),
            _ => "I'm here whenever you need anything.".to_string(),
        };
        push(Slot::Closing, closing, vec![]);

        // The variant decides what comes first.
        let leads: &[Slot] = match self.lead {
            1 => &[Slot::Fact],
            2 => &[Slot::Quote, Slot::Goal, Slot::Deed, Slot::MoreFact, Slot::Fact],
            3 => &[Slot::Feature, Slot::Fact],
            _ => &[],
        };
        if let Some(at) = leads.iter().find_map(|s| out.iter().position(|p| p.slot == *s)) {
            let p = out.remove(at);
            out.insert(0, p);
        }
        out
    }

    fn thanks(&self, model: &str, vehicle: bool, age_days: i64) -> String {
        if age_days < 180 {
            let keys = if vehicle {
                format!("It was a real pleasure to hand you the keys to the {model}.")
            } else {
                format!("It was a real pleasure to see the {model} go to work for you.")
            };
            let options = [
                format!("Thank you for choosing the {model}."),
                format!("Thank you for trusting me with the {model}."),
                keys,
            ];
            return options[self.style % 3].clone();
        }
        let y = years(age_days);
        let options = [
            format!("{} with the {model} — thank you for trusting me with it.", upper_initial(&y)),
            format!("Thank you again for choosing the {model}, {y} ago now."),
            format!("{} on, I'm still grateful you chose the {model}.", upper_initial(&y)),
        ];
        options[self.style % 3].clone()
    }

    fn feature(&self, name: &str, vehicle: bool) -> String {
        let plural = name.ends_with('s') && !name.ends_with("ss") && !name.ends_with("us");
        let (earn, its) = if plural { ("earn", "their") } else { ("earns", "its") };
        // Air conditioning is for summer, heated seats for winter, whatever the month.
        let lower = name.to_lowercase();
        let season = match self.season {
            "this summer" if WINTRY.iter().any(|w| lower.contains(w)) => "come winter",
            "this summer" => self.season,
            _ if SUMMERY.iter().any(|w| lower.contains(w)) => "come summer",
            _ => self.season,
        };
        let trip = if vehicle { "drive" } else { "shift" };
        match self.style % 3 {
            0 => format!("I hope the {name} {earn} {its} keep {season}."),
            1 => format!("Enjoy the {name} {season}."),
            _ => format!("May the {name} make every {trip} {season} a little better."),
        }
    }

    /// `n` is the fact's place in the note: the second is said a different way from the first.
    fn fact(&self, said: &Said, upcoming: bool, n: usize) -> String {
        let style = (self.style + n) % 3;
        let s = match said {
            Said::Clause(c) => match style {
                0 => format!("I loved hearing that {c}."),
                1 => format!("It was a treat to learn that {c}."),
                _ => format!("It was good to hear that {c}."),
            },
            Said::Thing(t) if upcoming => format!("I hope {t} is wonderful."),
            Said::Thing(t) => match style {
                0 => format!("I loved hearing about {t}."),
                1 => format!("It was a treat to hear about {t}."),
                _ => format!("I keep thinking about {t}."),
            },
        };
        upper_initial(&s)
    }

    fn household(&self, people: &[String], pets: &[String]) -> String {
        let (people, pets) = (list(people), list(pets));
        match (people.is_empty(), pets.is_empty()) {
            (false, false) => format!("My best to {people}, and a scratch behind the ears for {pets}."),
            (true, false) => format!("A scratch behind the ears for {pets}."),
            _ => self
                .pick(["My best to {}.", "Please give {} my best.", "Say hello to {} for me."])
                .replace("{}", &people),
        }
    }

    fn signature(&self) -> String {
        let s = self.profile.signature.trim();
        if s.is_empty() {
            self.profile.name.trim().to_string()
        } else {
            s.to_string()
        }
    }

    /// The pieces that fit in `limit` characters with the greeting and signature, dropping the least needed first.
    fn fit(&self, mut pieces: Vec<Piece>, limit: usize, frame: impl Fn(&str) -> String) -> (String, Vec<String>) {
        loop {
            let body = pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
            let text = frame(&body);
            let droppable =
                pieces.iter().enumerate().filter(|(_, p)| p.slot != Slot::Opening).min_by_key(|(_, p)| p.slot.keep());
            match droppable {
                Some((at, _)) if text.chars().count() > limit => {
                    pieces.remove(at);
                }
                _ => {
                    let mut used: Vec<String> = Vec::new();
                    for id in pieces.into_iter().flat_map(|p| p.ids) {
                        if !used.contains(&id) {
                            used.push(id);
                        }
                    }
                    return (text, used);
                }
            }
        }
    }

    fn card(&self, pool: &Pool<'_>, limit: usize) -> (String, Vec<String>) {
        let signature = self.signature();
        let first = self.first.clone();
        self.fit(self.pieces(pool), limit, |body| format!("{first},\n\n{body}\n\n{signature}").trim_end().to_string())
    }

    fn email(&self, pool: &Pool<'_>) -> (String, Vec<String>) {
        let signature = self.signature();
        let first = self.first.clone();
        let (body, used) = self.fit(self.pieces(pool), EMAIL_BODY, |body| body.to_string());
        let name = self.profile.name.trim();
        let dealership = self.profile.dealership.trim();
        let footer = match (name.is_empty(), dealership.is_empty()) {
            (false, false) => format!("\n{name}, {dealership}"),
            (false, true) => format!("\n{name}"),
            (true, false) => format!("\n{dealership}"),
            (true, true) => String::new(),
        };
        let text = format!("Subject: Thank you, {first}\n\n{first},\n\n{body}\n\n{signature}{footer}");
        (text.trim_end().to_string(), used)
    }

    /// An opening line, three to five bullets of what to mention in the salesperson's own notes, a closing idea.
    fn prompts(&self, pool: &Pool<'_>) -> (String, Vec<String>) {
        let first = &self.first;
        let pieces = self.pieces(pool);
        let opening = pieces.iter().find(|p| p.slot == Slot::Opening).expect("every note has an opening");
        let mut used: Vec<String> = opening.ids.clone();
        let car = self.car(pool);

        let mut bullets: Vec<(Slot, String, Vec<String>)> = Vec::new();
        if let Some((item, _, _, _)) = car {
            let features: Vec<&&Item> = pool.features.iter().take(2).collect();
            let names: Vec<String> = features.iter().map(|f| f.detail.text.clone()).collect();
            let mut text = format!("- The {}", item.detail.text);
            if !names.is_empty() {
                text = format!("{text}, with {}", list(&names));
            }
            let mut ids = vec![item.detail.id.clone()];
            ids.extend(features.iter().map(|f| f.detail.id.clone()));
            bullets.push((Slot::Feature, text, ids));
        }
        for (n, f) in pool.facts.iter().take(3).enumerate() {
            let slot = if n == 0 { Slot::Fact } else { Slot::MoreFact };
            bullets.push((slot, format!("- {}", f.detail.text), vec![f.detail.id.clone()]));
        }
        if let Some(d) = pool.deeds.first().filter(|_| self.kind == ThankYouKind::Purchase) {
            bullets.push((Slot::Deed, format!("- {}", d.detail.text), vec![d.detail.id.clone()]));
        }
        if let Some(q) = pool.quotes.first() {
            bullets.push((
                Slot::Quote,
                format!("- {first}'s words: “{}”", quoted(&q.detail.text)),
                vec![q.detail.id.clone()],
            ));
        }
        if let Some(h) = pool.household {
            bullets.push((Slot::Household, format!("- {}", h.detail.text), vec![h.detail.id.clone()]));
        }
        if self.lead > 0 {
            // The variant's lead goes first here too.
            let want = match self.lead {
                1 => Slot::Fact,
                2 => Slot::Quote,
                _ => Slot::Feature,
            };
            if let Some(at) = bullets.iter().position(|b| b.0 == want) {
                let b = bullets.remove(at);
                bullets.insert(0, b);
            }
        }
        bullets.truncate(MOST_BULLETS);
        let model = car.map(|c| c.1.to_string());
        let fillers = [
            format!(
                "- One thing you remember from the day {first} drove the {} home",
                model.clone().unwrap_or_else(|| "car".into())
            ),
            format!("- What {first} will enjoy most in the months ahead"),
            format!("- Something {first} said that made you smile"),
        ];
        for f in fillers {
            if bullets.len() >= FEWEST_BULLETS {
                break;
            }
            bullets.push((Slot::Closing, f, vec![]));
        }

        let close = match pool.goals.first() {
            Some(g) => {
                used.push(g.detail.id.clone());
                match &g.say {
                    Say::Goal(toast) => format!("Here's to {toast}"),
                    _ => "Thank you again".to_string(),
                }
            }
            None => match car {
                Some((_, model, true, _)) => format!("Here's to many more good miles in the {model}"),
                Some((_, model, false, _)) => format!("Here's to the {model} earning its keep"),
                None => "Thank you again".to_string(),
            },
        };
        let sign = self.signature().split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines = vec![format!("Open with: {first}, {}", lower_initial(&opening.text))];
        for (_, text, ids) in bullets {
            lines.push(text);
            used.extend(ids);
        }
        lines.push(format!("Close with: {close}, and sign “{sign}”."));
        let mut seen: Vec<String> = Vec::new();
        used.retain(|id| {
            let fresh = !seen.contains(id);
            seen.push(id.clone());
            fresh
        });
        (lines.join("\n"), used)
    }
}

fn deed(item: &Item) -> String {
    match &item.say {
        Say::Deed(d) => d.clone(),
        _ => item.detail.text.clone(),
    }
}
