//! Hashtags written in notes and facts (`#BuyAndHold`) become tags on the customer.

use regex::Regex;
use std::sync::LazyLock;

/// A `#` at the start or after a non-word character, then a letter, then letters, digits, `_` or `-`.
/// So `#BuyAndHold` and `#winter-tires` are tags; `C#`, `page#top` and `#3` are not.
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\p{L}\p{N}_&])#(\p{L}[\p{L}\p{N}_-]*)").expect("valid regex"));

/// The tags written in `text`, in order, without the `#`, each once (compared without case).
pub fn hashtags(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for cap in HASHTAG.captures_iter(text) {
        let tag = cap[1].trim_end_matches(['-', '_']).to_string();
        if !found.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            found.push(tag);
        }
    }
    found
}

/// The tags written in any of `texts` (a customer's facts and notes), in order, each once (compared without case).
pub fn in_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        for tag in hashtags(text) {
            if !found.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                found.push(tag);
            }
        }
    }
    found
}

/// A customer's tags with the text tags made again from `texts`: tags set by hand are kept whatever the text says,
/// and a hashtag that is already a hand-set tag is not added twice.
pub fn with_text_tags<'a>(
    tags: &[crate::model::Tag],
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<crate::model::Tag> {
    use crate::model::{Tag, TagOrigin};
    let mut out: Vec<Tag> = tags.iter().filter(|t| t.origin == TagOrigin::Manual).cloned().collect();
    for tag in in_texts(texts) {
        if !out.iter().any(|t| t.tag == tag) {
            out.push(Tag { tag, origin: TagOrigin::Text });
        }
    }
    out.sort_by_cached_key(|t| t.tag.to_ascii_lowercase());
    out
}

/// A tag typed by hand, with or without its `#`, checked.
pub fn normalize(tag: &str) -> Result<String, String> {
    let t = tag.trim().trim_start_matches('#');
    let ok = t.chars().next().is_some_and(char::is_alphabetic)
        && t.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!("'{tag}' is not a tag: start with a letter, then letters, digits, - or _"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_read_from_text() {
        let cases: &[(&str, &[&str])] = &[
            ("Keeps cars for a decade #BuyAndHold", &["BuyAndHold"]),
            ("#BuyAndHold at the start", &["BuyAndHold"]),
            ("two #winter-tires and #Fleet.", &["winter-tires", "Fleet"]),
            ("same tag twice #vip #VIP", &["vip"]),
            ("not tags: C# code, page#top, #3 cars, &#39;", &[]),
            ("unicode #Großkunde ok", &["Großkunde"]),
            ("trailing dash #tag- here", &["tag"]),
            ("in parentheses (#Referral)", &["Referral"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(hashtags(text), *expected, "{text}");
        }
    }

    #[test]
    fn typed_tags_are_checked() {
        assert_eq!(normalize("#BuyAndHold").unwrap(), "BuyAndHold");
        assert_eq!(normalize(" fleet ").unwrap(), "fleet");
        assert!(normalize("#").is_err());
        assert!(normalize("two words").is_err());
        assert!(normalize("9lives").is_err());
    }
}
