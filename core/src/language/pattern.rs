//! Patterns over lemmas: the small notation the lexicon is written in, and the matcher that finds them in a
//! sentence.
//!
//! A pattern is words separated by spaces, each element one of:
//! - `call` — a token whose lemma (or word as written) is `call`;
//! - `call|ring|phone` — any of them; `reach_out` (words joined by `_`) is several words in a row;
//! - `@car` — any word of the lexicon's class `car` (`@name` is a capitalised word inside a sentence);
//! - `*` — any one word;
//! - a trailing `?` makes an element optional (`a|the?`);
//! - `..` lets up to three words pass, `...` up to six (never across a comma or other mark).
//!
//! A match is *negated* when a negation reaches into it ("no *trade-in* talk", "we won't be *calling*"). A set
//! made [`Patterns::spelling_negation`] spells its "not" out itself ("do not call"): there only a negation from
//! before the pattern's own "not" counts.

use std::collections::HashMap;

use super::lexicon;
use super::text::{Text, Token, NEGATORS};

#[derive(Debug, Clone)]
enum Atom {
    Word(&'static str),
    /// Several words in a row (`reach_out`).
    Words(Vec<&'static str>),
    Class(&'static str),
    Name,
    Any,
    Mark(&'static str),
}

#[derive(Debug, Clone)]
struct Element {
    atoms: Vec<Atom>,
    optional: bool,
    /// Words that may pass before this element.
    gap: usize,
}

/// One compiled pattern, with what it stands for.
#[derive(Debug, Clone)]
pub struct Pattern<C> {
    elements: Vec<Element>,
    pub cue: C,
    pub source: &'static str,
}

/// Where a pattern was found: token range and characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit<C> {
    pub cue: C,
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub negated: bool,
    pub sentence: usize,
    /// The pattern as written in the lexicon (to explain a finding while tuning).
    pub source: &'static str,
}

/// A set of patterns, indexed by the words they can start with.
pub struct Patterns<C> {
    patterns: Vec<Pattern<C>>,
    by_first: HashMap<&'static str, Vec<usize>>,
    by_name: Vec<usize>,
    by_any: Vec<usize>,
    spells_negation: bool,
}

fn compile_element(spec: &'static str, gap: usize) -> Element {
    let (body, optional) = match spec.strip_suffix('?') {
        Some(b) if !b.is_empty() => (b, true),
        _ => (spec, false),
    };
    let atoms = body
        .split('|')
        .map(|a| match a {
            "*" => Atom::Any,
            "@name" => Atom::Name,
            "," | "?" | ":" => Atom::Mark(a),
            _ if a.starts_with('@') => {
                let class = &a[1..];
                assert!(lexicon::class(class).is_some(), "unknown class @{class} in pattern {spec:?}");
                Atom::Class(class)
            }
            _ if a.contains('_') => Atom::Words(a.split('_').collect()),
            _ => Atom::Word(a),
        })
        .collect();
    Element { atoms, optional, gap }
}

impl<C: Copy> Patterns<C> {
    /// Compiles `(cue, patterns)` lists. Panics on a malformed pattern: the lexicon is code, and its tests
    /// build every set.
    pub fn new(lists: &[(C, &[&'static str])]) -> Patterns<C> {
        let mut patterns = Vec::new();
        for (cue, list) in lists {
            for source in list.iter() {
                let mut elements = Vec::new();
                let mut gap = 0;
                for part in source.split_whitespace() {
                    match part {
                        ".." => gap = 3,
                        "..." => gap = 6,
                        _ => {
                            elements.push(compile_element(part, gap));
                            gap = 0;
                        }
                    }
                }
                assert!(!elements.is_empty() && !elements[0].optional, "pattern {source:?} must start with a word");
                patterns.push(Pattern { elements, cue: *cue, source });
            }
        }
        let mut by_first: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_name = Vec::new();
        let mut by_any = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            for atom in &p.elements[0].atoms {
                match atom {
                    Atom::Word(w) => by_first.entry(w).or_default().push(i),
                    Atom::Words(ws) => by_first.entry(ws[0]).or_default().push(i),
                    Atom::Class(c) => {
                        for w in lexicon::class(c).unwrap_or(&[]) {
                            by_first.entry(w).or_default().push(i);
                        }
                    }
                    Atom::Name => by_name.push(i),
                    Atom::Any | Atom::Mark(_) => by_any.push(i),
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Patterns { patterns, by_first, by_name, by_any, spells_negation: false }
    }

    /// Patterns that spell their own "not" ("do not call me"): a match is negated only by a negation before it.
    pub fn spelling_negation(mut self) -> Patterns<C> {
        self.spells_negation = true;
        self
    }

    /// Every match in `text`, sentence by sentence; at each place, the longest match of each pattern.
    pub fn find(&self, text: &Text) -> Vec<Hit<C>> {
        let mut hits = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        for range in &text.sentences {
            let tokens = &text.tokens[range.clone()];
            for i in 0..tokens.len() {
                let t = &tokens[i];
                candidates.clear();
                if let Some(list) = self.by_first.get(t.lemma.as_str()) {
                    candidates.extend(list);
                }
                if t.word != t.lemma {
                    if let Some(list) = self.by_first.get(t.word.as_str()) {
                        candidates.extend(list);
                    }
                }
                if is_name(t) {
                    candidates.extend(&self.by_name);
                }
                candidates.extend(&self.by_any);
                if candidates.is_empty() {
                    continue;
                }
                candidates.sort_unstable();
                candidates.dedup();
                for &pi in &candidates {
                    let p = &self.patterns[pi];
                    if let Some(end) = match_from(&p.elements, 0, tokens, i) {
                        let last = tokens[end - 1].end;
                        // Negated when a negation from outside reaches into the match; a "not" the pattern spells
                        // out itself ("do not call") does not negate what follows it.
                        let negated = if self.spells_negation {
                            tokens[i..end]
                                .iter()
                                .take_while(|x| !NEGATORS.contains(&x.lemma.as_str()))
                                .any(|x| x.negated)
                        } else {
                            // A "no" inside the match counts only when it opens a negation ("no trade-in talk"), not
                            // in "no-interest plan".
                            tokens[i..end].iter().enumerate().any(|(k, x)| {
                                x.negated
                                    || NEGATORS.contains(&x.lemma.as_str())
                                        && tokens.get(i + k + 1).is_none_or(|n| n.negated)
                            })
                        };
                        hits.push(Hit {
                            cue: p.cue,
                            first: range.start + i,
                            last: range.start + end,
                            start: t.start,
                            end: last,
                            negated,
                            sentence: t.sentence,
                            source: p.source,
                        });
                    }
                }
            }
        }
        hits
    }
}

fn is_name(t: &Token) -> bool {
    !t.mark && (t.capital || lexicon::class("model").is_some_and(|m| m.contains(&t.lemma.as_str())))
}

/// How many tokens from `tokens[i]` the atom takes, if it matches there.
fn atom_len(atom: &Atom, tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let word = |t: &Token, w: &str| !t.mark && (t.lemma == w || t.word == w);
    let one = match atom {
        Atom::Mark(m) => t.mark && t.word == *m,
        _ if t.mark => false,
        Atom::Word(w) => word(t, w),
        Atom::Words(ws) => {
            return ws
                .iter()
                .enumerate()
                .all(|(k, w)| tokens.get(i + k).is_some_and(|t| word(t, w)))
                .then_some(ws.len())
        }
        Atom::Class(c) => lexicon::in_class(c, &t.lemma) || t.word != t.lemma && lexicon::in_class(c, &t.word),
        Atom::Name => is_name(t),
        Atom::Any => true,
    };
    one.then_some(1)
}

/// The end (one past the last token) of the longest match of `elements[e..]` starting at `tokens[i]`.
fn match_from(elements: &[Element], e: usize, tokens: &[Token], i: usize) -> Option<usize> {
    if e == elements.len() {
        return Some(i);
    }
    let el = &elements[e];
    let mut best: Option<usize> = None;
    // Words the gap lets pass: never a mark.
    for skip in 0..=el.gap {
        let at = i + skip;
        if skip > 0 && tokens.get(at - 1).is_none_or(|t| t.mark) {
            break;
        }
        for atom in &el.atoms {
            if let Some(n) = atom_len(atom, tokens, at) {
                if let Some(end) = match_from(elements, e + 1, tokens, at + n) {
                    best = Some(best.map_or(end, |b: usize| b.max(end)));
                }
            }
        }
        if el.optional && skip == 0 {
            if let Some(end) = match_from(elements, e + 1, tokens, i) {
                best = Some(best.map_or(end, |b: usize| b.max(end)));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_lemmas_gaps_and_classes() {
        let p = Patterns::new(&[(1, &["give you a? call|ring|buzz", "what ... @car be worth"][..])]);
        let t = Text::read("I'll give you a ring Tuesday. What do you think your truck is worth?");
        let hits = p.find(&t);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (5, 20));
        assert!(!hits[0].negated);
        let t = Text::read("I won't give you a call");
        assert!(p.find(&t)[0].negated);
        let t = Text::read("give you, a call");
        assert!(p.find(&t).is_empty());
    }
}
