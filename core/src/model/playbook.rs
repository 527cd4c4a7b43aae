//! A persona's playbook: what never to raise with customers tagged so, and what to offer instead.

use serde::{Deserialize, Serialize};

use super::required;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playbook {
    /// The persona tag, without `#` (`BuyAndHold`).
    pub tag: String,
    /// Topics never to raise with these customers (`buy-back`, `extended warranty` …).
    pub never_topics: Vec<String>,
    /// What to offer instead, each worth the customer's time.
    pub offer: Vec<String>,
    /// How to pivot on the phone.
    pub script: String,
}

impl Playbook {
    pub fn validated(self) -> Result<Self> {
        let tag = crate::tags::normalize(&self.tag).map_err(|m| Error::invalid("tag", m))?;
        let clean = |list: Vec<String>| {
            list.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect::<Vec<_>>()
        };
        let never_topics = clean(self.never_topics);
        let offer = clean(self.offer);
        if never_topics.is_empty() && offer.is_empty() {
            required("topics or offers", "")?;
        }
        Ok(Playbook { tag, never_topics, offer, script: self.script.trim().to_string() })
    }
}
