//! The structured parts of a name and of a postal address, as vCard's `N` and `ADR` and the CSVs' columns have
//! them: kept when a file gave them, so an export writes them back instead of guessing from the one-line text.

use serde::{Deserialize, Serialize};

/// A name in parts: honorific, given names, additional (middle) names, family name, suffix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NameParts {
    pub prefix: String,
    pub given: String,
    pub additional: String,
    pub family: String,
    pub suffix: String,
}

impl NameParts {
    /// The parts as a file gave them, or `None` when they are all empty.
    pub fn given_as(prefix: &str, given: &str, additional: &str, family: &str, suffix: &str) -> Option<NameParts> {
        let parts = NameParts {
            prefix: tidy(prefix),
            given: tidy(given),
            additional: tidy(additional),
            family: tidy(family),
            suffix: tidy(suffix),
        };
        (!parts.all().iter().all(|p| p.is_empty())).then_some(parts)
    }

    /// A best guess from the whole name, for a customer whose file had no parts (or whose name was changed since):
    /// "Mr. John Doe Sr." is `Mr.`, `John`, `Doe`, `Sr.` — not family name "Sr."; the last other word is the family.
    pub fn guess(name: &str) -> NameParts {
        const PREFIXES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr"];
        const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "dds", "esq", "cpa", "mba"];
        let bare = |w: &str| w.trim_matches(|c: char| c == '.' || c == ',').to_lowercase();
        let mut words: Vec<&str> = name.split_whitespace().collect();
        let mut prefix = Vec::new();
        while words.len() > 1 && PREFIXES.contains(&bare(words[0]).as_str()) {
            prefix.push(words.remove(0));
        }
        let mut suffix = Vec::new();
        while words.len() > 1 && SUFFIXES.contains(&bare(words[words.len() - 1]).as_str()) {
            suffix.insert(0, words.pop().expect("more than one word"));
        }
        let family = if words.len() > 1 { words.pop().unwrap_or("") } else { "" };
        NameParts {
            prefix: prefix.join(" "),
            given: words.join(" ").trim_end_matches(',').to_string(),
            additional: String::new(),
            family: family.trim_end_matches(',').to_string(),
            suffix: suffix.join(" ").trim_start_matches(',').to_string(),
        }
    }

    /// The name as people say it ("Dr. José Ignacio Gómez Raya"), for a file that has parts but no whole name.
    pub fn spoken(&self) -> String {
        let words = [&self.prefix, &self.given, &self.additional, &self.family, &self.suffix];
        words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// Whether these parts are still the parts of `name`: the same letters, whatever the order and spacing (a
    /// Japanese name is written family first with no space; a renamed customer no longer matches their old parts).
    pub fn describe(&self, name: &str) -> bool {
        same_letters(&self.all().concat(), name)
    }

    fn all(&self) -> [&str; 5] {
        [&self.prefix, &self.given, &self.additional, &self.family, &self.suffix]
    }
}

/// A postal address in vCard's parts (RFC 6350 §6.3.1): PO box, extended address, street, locality (city),
/// region, postal code, country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressParts {
    pub po_box: String,
    pub extended: String,
    pub street: String,
    pub locality: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl AddressParts {
    /// The parts in vCard's order, or `None` when they are all empty. Street lines are kept (a street may have two).
    pub fn given_as(parts: &[&str]) -> Option<AddressParts> {
        let at = |i: usize| parts.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        let a = AddressParts {
            po_box: at(0),
            extended: at(1),
            street: at(2),
            locality: at(3),
            region: at(4),
            postal_code: at(5),
            country: at(6),
        };
        (!a.in_order().iter().all(|p| p.is_empty())).then_some(a)
    }

    /// The address on one line, as the book shows it: "12 Elm St, Apt 4, Naperville, IL 60540, USA".
    pub fn line(&self) -> String {
        let street = self.street.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
        let region_postal = [self.region.trim(), self.postal_code.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let pieces = [
            street.as_str(),
            self.extended.trim(),
            self.po_box.trim(),
            self.locality.trim(),
            region_postal.as_str(),
            self.country.trim(),
        ];
        pieces.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
    }

    /// The parts in vCard's order.
    pub fn in_order(&self) -> [&str; 7] {
        [&self.po_box, &self.extended, &self.street, &self.locality, &self.region, &self.postal_code, &self.country]
    }

    /// Whether these parts are still the parts of the one-line `value` (the same letters; an edited address no
    /// longer matches, and is written as one line again).
    pub fn describe(&self, value: &str) -> bool {
        same_letters(&self.in_order().concat(), value)
    }
}

fn tidy(part: &str) -> String {
    part.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The same letters and digits, in any order: spaces, commas and line breaks are how the parts were joined.
fn same_letters(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
        v.sort_unstable();
        v
    };
    letters(a) == letters(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guess_keeps_honorifics_and_suffixes_out_of_the_family_name() {
        let n = NameParts::guess("Mr. John Doe Sr.");
        assert_eq!(
            (n.prefix.as_str(), n.given.as_str(), n.family.as_str(), n.suffix.as_str()),
            ("Mr.", "John", "Doe", "Sr.")
        );
        assert_eq!(NameParts::guess("Cher").given, "Cher");
    }

    #[test]
    fn parts_describe_their_name_in_any_order_until_it_changes() {
        let jp = NameParts::given_as("", "太郎", "", "山田", "").unwrap();
        assert!(jp.describe("山田太郎"));
        assert!(jp.describe("山田 太郎"));
        let es = NameParts::given_as("", "José Ignacio", "", "Gómez Raya", "").unwrap();
        assert!(es.describe("José Ignacio Gómez Raya"));
        assert!(!es.describe("José Gómez"), "a renamed customer's old parts are not used");
        assert_eq!(NameParts::given_as(" ", "", "", "", ""), None);
    }

    #[test]
    fn an_address_reads_as_one_line_and_knows_when_it_was_edited() {
        let a = AddressParts::given_as(&["", "Apt 4", "12 Elm St", "Naperville", "IL", "60540", "USA"]).unwrap();
        assert_eq!(a.line(), "12 Elm St, Apt 4, Naperville, IL 60540, USA");
        assert!(a.describe(&a.line()));
        assert!(a.describe("12 Elm St\nApt 4\nNaperville, IL 60540\nUSA"));
        assert!(!a.describe("14 Elm St, Apt 4, Naperville, IL 60540, USA"));
    }
}
