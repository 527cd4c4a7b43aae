//! A campaign checked against what customers said (issue 17): a mailing list or a tag, a topic, a channel and
//! perhaps the words, sorted into who may receive it and who may not — each excluded customer with the Guard's rule
//! and their own words — and the rows of the list that match nobody. Written as two CSV files a mailing tool takes
//! (the second is its suppression list). Nothing is sent and nothing is written to the book.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::guard::{Outreach, Rule, Verdict};
use crate::io::contact::Parsed;
use crate::model::{Channel, ContactKind, Purpose};
use crate::{Book, ListQuery, Result};

/// Who a campaign goes to.
pub enum CampaignList {
    /// The rows of a mailing list, matched to customers by email, phone or name as an import matches them.
    Rows(Parsed),
    /// Every customer with this tag.
    Tag(String),
}

/// The campaign itself.
pub struct Campaign {
    pub channel: Channel,
    /// Its subject (`buy-back`, `reviews`, `service` …).
    pub topic: Option<String>,
    /// Its words, when they are written: a pitch in them counts as much as the topic.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Included {
    pub customer_id: String,
    pub name: String,
    /// The list's line (none for a tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Their addresses on the campaign's channel (emails, phone numbers or postal addresses), preferred first.
    pub addresses: Vec<String>,
    /// Cautions the Guard raised for this customer (a channel other than the one they prefer …), in their words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    pub customer_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Every address of theirs on the campaign's channel: what the mailing tool suppresses.
    pub addresses: Vec<String>,
    pub rule: &'static str,
    pub message: String,
    /// The customer's own words, when the rule comes from something they said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub line: usize,
    pub name: String,
    /// Why: it matches no customer, or the row could not be read.
    pub why: String,
}

/// The answer: who may receive it, who may not and why, what matches nobody; and what the Guard says of the
/// message itself (it gives nothing, say), which holds for everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CampaignCheck {
    pub included: Vec<Included>,
    pub excluded: Vec<Excluded>,
    pub unmatched: Vec<Unmatched>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about_the_message: Vec<String>,
}

/// Sorts a campaign's list by what each customer said (see the module's note), in either kind of book.
pub(crate) fn check<B: Book + ?Sized>(
    book: &B,
    list: CampaignList,
    campaign: &Campaign,
    now: DateTime<Utc>,
) -> Result<CampaignCheck> {
    let mut out = CampaignCheck::default();
    // A topic or words left blank are none, whichever face asked.
    let said = |s: &Option<String>| s.clone().filter(|t| !t.trim().is_empty());
    let (topic, text) = (said(&campaign.topic), said(&campaign.text));
    // (customer, line) in the list's order, each customer once.
    let mut people: Vec<(String, Option<usize>)> = Vec::new();
    match list {
        CampaignList::Tag(tag) => {
            let query = ListQuery { tag: Some(tag.trim_start_matches('#').to_string()), ..ListQuery::default() };
            people.extend(book.list_customers(&query)?.into_iter().map(|c| (c.id, None)));
        }
        CampaignList::Rows(parsed) => {
            let plan = book.plan_import(parsed)?;
            for m in &plan.merges {
                if m.customer_id.is_empty() {
                    out.unmatched.push(Unmatched {
                        line: m.line,
                        name: m.name.clone(),
                        why: "matches no customer (a second row of someone new)".into(),
                    });
                } else {
                    people.push((m.customer_id.clone(), Some(m.line)));
                }
            }
            // A shared email or phone under another name still reaches that customer's inbox or phone: their
            // words count.
            for p in plan.possible_matches.iter().filter(|p| !p.customer_id.is_empty()) {
                people.push((p.customer_id.clone(), Some(p.line)));
            }
            let shared: std::collections::HashSet<usize> = plan.possible_matches.iter().map(|p| p.line).collect();
            for c in plan.new.iter().filter(|c| !shared.contains(&c.line)) {
                out.unmatched.push(Unmatched { line: c.line, name: c.name.clone(), why: "matches no customer".into() });
            }
            for b in plan.bad.iter().chain(&plan.skipped_values) {
                out.unmatched.push(Unmatched { line: b.line, name: String::new(), why: b.message.clone() });
            }
            out.unmatched.sort_by_key(|u| u.line);
            people.sort_by_key(|(_, line)| *line);
        }
    }
    let mut seen = std::collections::HashSet::new();
    people.retain(|(id, _)| seen.insert(id.clone()));
    let outreach = Outreach {
        channel: campaign.channel,
        at: now,
        topic: topic.clone(),
        text: text.clone(),
        // What the customer gains is the words' business; with none, only the customers' own words decide.
        reason: text.clone().or_else(|| topic.clone()),
        purpose: Purpose::Proactive,
        in_thank_you: false,
    };
    let kind = match campaign.channel {
        Channel::Email => Some(ContactKind::Email),
        Channel::Phone | Channel::Text => Some(ContactKind::Phone),
        Channel::Mail => Some(ContactKind::Address),
        Channel::InPerson | Channel::Video => None,
    };
    for (id, line) in people {
        let rec = book.customer_record(&id)?;
        let name = rec.customer.name.clone();
        let mut points: Vec<_> = rec.contact_points.iter().filter(|p| Some(p.kind) == kind).collect();
        points.sort_by_key(|p| !p.preferred);
        let addresses: Vec<String> = points.iter().map(|p| p.value.clone()).collect();
        let decision = book.check(&id, &outreach)?;
        // The message's and the moment's rules hold for the whole list alike (the mailing tool sends at its own
        // time, so the hours are its business): said once, never a reason to leave someone out.
        for f in decision.reasons.iter().filter(|f| f.rule.about_the_message()) {
            if f.rule == Rule::Contentless && !out.about_the_message.contains(&f.message) {
                out.about_the_message.push(f.message.clone());
            }
        }
        let theirs: Vec<_> = decision.reasons.iter().filter(|f| !f.rule.about_the_message()).collect();
        match theirs.iter().find(|f| f.severity == Verdict::Blocked) {
            Some(f) => out.excluded.push(Excluded {
                customer_id: id,
                name,
                line,
                addresses,
                rule: f.rule.as_str(),
                message: f.message.clone(),
                quote: f.quote.clone(),
            }),
            None => {
                let cautions = theirs
                    .iter()
                    .map(|f| match &f.quote {
                        Some(q) => format!("{} — “{q}”", f.message),
                        None => f.message.clone(),
                    })
                    .collect();
                out.included.push(Included { customer_id: id, name, line, addresses, cautions });
            }
        }
    }
    Ok(out)
}

impl CampaignCheck {
    /// Who may receive it, one row per customer (their first address on the channel), for the mailing tool.
    pub fn included_csv(&self) -> String {
        let rows = self.included.iter().map(|c| {
            let first = c.addresses.first().cloned().unwrap_or_default();
            vec![c.customer_id.clone(), c.name.clone(), first, c.cautions.join("; ")]
        });
        crate::io::csv::write_table(&["customer_id", "name", "address", "cautions"], rows)
    }

    /// Who may not, one row per address (a suppression list matches by address), with the rule and their words.
    pub fn excluded_csv(&self) -> String {
        let rows = self.excluded.iter().flat_map(|c| {
            let addresses = if c.addresses.is_empty() { vec![String::new()] } else { c.addresses.clone() };
            addresses.into_iter().map(move |a| {
                let quote = c.quote.clone().unwrap_or_default();
                vec![c.customer_id.clone(), c.name.clone(), a, c.rule.to_string(), c.message.clone(), quote]
            })
        });
        crate::io::csv::write_table(&["customer_id", "name", "address", "rule", "message", "their_words"], rows)
    }
}
