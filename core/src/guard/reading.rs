//! An outreach's intents with what the Guard makes of each: the rule it trips and the customer's own words. The
//! composers underline these as the salesperson types.

use serde::{Deserialize, Serialize};

use super::{ContactWishes, Decision, Rule, Situation};
use crate::language::{self, Intent, IntentKind};

/// One intent of the text, and the Guard's rule about it when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadIntent {
    #[serde(flatten)]
    pub intent: Intent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// The customer's words the rule comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said_on: Option<chrono::NaiveDate>,
}

/// What a text does, intent by intent, and the Guard's whole decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutreachReading {
    pub intents: Vec<ReadIntent>,
    pub decision: Decision,
}

/// Pairs each intent of `text` with the finding of `decision` it explains.
pub fn annotate(situation: &Situation<'_>, text: &str, decision: Decision) -> OutreachReading {
    let wishes = ContactWishes::from_statements(situation.statements);
    let finding = |rule: Rule| decision.reasons.iter().find(|f| f.rule == rule);
    let intents = language::read(text)
        .intents
        .into_iter()
        .map(|intent| {
            let rule = match (intent.intent, intent.topic.as_deref(), intent.channel) {
                (IntentKind::Pitch, Some(topic), _) => {
                    if wishes.declined_topics.iter().any(|d| d.value == topic) {
                        Some(Rule::DeclinedTopic)
                    } else if topic == "referrals" && finding(Rule::ReferralInThankYou).is_some() {
                        Some(Rule::ReferralInThankYou)
                    } else if topic == "referrals" && finding(Rule::ReferralWindow).is_some() {
                        Some(Rule::ReferralWindow)
                    } else if finding(Rule::Playbook).is_some_and(|f| f.message.contains(topic)) {
                        Some(Rule::Playbook)
                    } else if finding(Rule::CoolingOff).is_some_and(|f| f.message.contains(topic)) {
                        Some(Rule::CoolingOff)
                    } else {
                        None
                    }
                }
                (IntentKind::AsksForChannel, _, Some(c)) if wishes.declined(c).is_some() => {
                    Some(Rule::PushesDeclinedChannel).filter(|r| finding(*r).is_some())
                }
                (IntentKind::CheckIn, _, _) => Some(Rule::Contentless).filter(|r| finding(*r).is_some()),
                _ => None,
            };
            let said = match rule {
                Some(Rule::DeclinedTopic) => wishes
                    .declined_topics
                    .iter()
                    .find(|d| Some(d.value.as_str()) == intent.topic.as_deref())
                    .map(|d| &d.statement),
                Some(Rule::PushesDeclinedChannel) => {
                    intent.channel.and_then(|c| wishes.declined(c)).map(|d| &d.statement)
                }
                _ => None,
            };
            let zone = situation.profile.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
            ReadIntent {
                quote: said.map(|s| s.words.clone()),
                said_on: said.map(|s| s.said_at.with_timezone(&zone).date_naive()),
                rule,
                intent,
            }
        })
        .collect();
    OutreachReading { intents, decision }
}
