//! Feeding the Guard from the book, logging outbound contacts through it, and keeping what it held back.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{read, rows, Store};
use crate::guard::{self, Decision, Outreach, Situation, Verdict};
use crate::ids::new_id;
use crate::model::*;
use crate::{Error, Result};

/// Everything the Guard needs about one customer, owned.
#[derive(Debug, Clone)]
pub struct Facts {
    pub customer: Customer,
    pub statements: Vec<PreferenceStatement>,
    pub interactions: Vec<Interaction>,
    pub tags: Vec<String>,
    pub playbooks: Vec<Playbook>,
    pub profile: Profile,
}

impl Facts {
    pub fn situation(&self) -> Situation<'_> {
        Situation {
            customer: &self.customer,
            statements: &self.statements,
            interactions: &self.interactions,
            tags: &self.tags,
            playbooks: &self.playbooks,
            profile: &self.profile,
        }
    }
}

impl Store {
    /// What the Guard needs to decide for this customer.
    pub fn guard_facts(&self, customer_id: &str) -> Result<Facts> {
        let rec = read::record(self.conn(), customer_id)?;
        Ok(Facts {
            tags: rec.tags.iter().map(|t| t.tag.clone()).collect(),
            statements: rec.preferences,
            interactions: rec.interactions,
            customer: rec.customer,
            playbooks: self.playbooks()?,
            profile: self.profile()?,
        })
    }

    /// The Guard's decision on a proposed contact.
    pub fn check(&self, customer_id: &str, outreach: &Outreach) -> Result<Decision> {
        let facts = self.guard_facts(customer_id)?;
        Ok(guard::decide(&facts.situation(), outreach))
    }

    /// What an outreach's words do, intent by intent, with the Guard's rule about each and its whole decision
    /// (the composers underline these live).
    pub fn read_outreach(&self, customer_id: &str, outreach: &Outreach) -> Result<guard::OutreachReading> {
        let facts = self.guard_facts(customer_id)?;
        let situation = facts.situation();
        let decision = guard::decide(&situation, outreach);
        Ok(guard::annotate(&situation, outreach.text.as_deref().unwrap_or(""), decision))
    }

    /// What the customer's words (or the salesperson's call summary) propose to record, with relative dates on
    /// the customer's calendar (their zone, else the salesperson's). Nothing is written.
    pub fn listen(
        &self,
        customer_id: &str,
        text: &str,
        direction: Direction,
        at: DateTime<Utc>,
    ) -> Result<crate::language::listen::Listening> {
        let (zone, _) = guard::customer_zone(&self.customer(customer_id)?, &self.profile()?);
        Ok(crate::language::listen::listen(text, direction, at, zone))
    }

    /// Logs a contact and what was heard in it — statements (their source: this contact), promises, facts — in
    /// one transaction: all of it is recorded, or none of it. An outbound contact goes through the Guard first, as
    /// [`Store::log_contact`]. Every item is checked before anything is written.
    pub fn log_contact_heard(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        heard: HeardToRecord,
        now: DateTime<Utc>,
    ) -> Result<(Interaction, HeardToRecord)> {
        let input = input.validated()?;
        let statements: Vec<NewStatement> =
            heard.statements.into_iter().map(NewStatement::validated).collect::<Result<_>>()?;
        let promises: Vec<NewPromise> = heard.promises.into_iter().map(NewPromise::validated).collect::<Result<_>>()?;
        let facts: Vec<NewFact> = heard.facts.into_iter().map(NewFact::validated).collect::<Result<_>>()?;
        if input.direction == Direction::Outbound {
            self.guard_outbound(customer_id, &input, now, false)?;
        }
        let interaction = self.interaction_of(customer_id, input, now);
        // What was heard was said in this contact (never later than now): its source and its time.
        let said_at = interaction.at.min(now);
        let statements: Vec<PreferenceStatement> = statements
            .into_iter()
            .map(|s| {
                let s =
                    NewStatement { said_at: Some(said_at), source_interaction_id: Some(interaction.id.clone()), ..s };
                super::records::statement_from(customer_id, s, now)
            })
            .collect::<Result<_>>()?;
        let promises: Vec<Promise> =
            promises.into_iter().map(|p| super::records::promise_from(customer_id, p, now)).collect::<Result<_>>()?;
        let facts: Vec<Fact> = facts.into_iter().map(|f| super::customers::fact_from(customer_id, f, now)).collect();
        self.write(|tx| {
            read::customer(tx, customer_id)?;
            rows::insert_interaction(tx, &interaction)?;
            for s in &statements {
                rows::insert_statement(tx, s)?;
            }
            for p in &promises {
                rows::insert_promise(tx, p)?;
            }
            for f in &facts {
                rows::insert_fact(tx, f)?;
            }
            super::customers::refresh_text_tags(tx, customer_id)
        })?;
        let recorded = HeardToRecord {
            statements: statements
                .iter()
                .map(|s| NewStatement {
                    words: s.words.clone(),
                    means: s.means.clone(),
                    said_at: Some(s.said_at),
                    source_interaction_id: s.source_interaction_id.clone(),
                })
                .collect(),
            promises: promises
                .iter()
                .map(|p| NewPromise { what: p.what.clone(), due_on: p.due_on, made_on: Some(p.made_on) })
                .collect(),
            facts: facts
                .iter()
                .map(|f| NewFact {
                    text: f.text.clone(),
                    learned_on: Some(f.learned_on),
                    source: f.source.clone(),
                    date: f.date,
                })
                .collect(),
        };
        Ok((interaction, recorded))
    }

    /// Logs a contact. An outbound one goes through the Guard first: a block refuses it (and is kept as held
    /// back, with the customer's words); a caution needs a typed justification, stored with the interaction.
    pub fn log_contact(&mut self, customer_id: &str, input: NewInteraction, now: DateTime<Utc>) -> Result<Interaction> {
        self.log_contact_as(customer_id, input, now, false)
    }

    /// [`Store::log_contact`], saying whether the contact is a thank-you note (a card by post is then no caution
    /// off the customer's preferred channel, and never a referral ask).
    pub(crate) fn log_contact_as(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        now: DateTime<Utc>,
        in_thank_you: bool,
    ) -> Result<Interaction> {
        let input = input.validated()?;
        if input.direction == Direction::Outbound {
            self.guard_outbound(customer_id, &input, now, in_thank_you)?;
            let purpose = Some(input.purpose.unwrap_or(Purpose::Proactive));
            return self.log_interaction(customer_id, NewInteraction { purpose, ..input }, now);
        }
        self.log_interaction(customer_id, input, now)
    }

    /// Hands an outbound contact to the salesperson's own app (mail, messages, phone): the Guard decides first, on
    /// the real channel, time and words — a block refuses it and keeps it as held back, a caution needs the typed
    /// justification, exactly as logging it would — and only then is the address made. Nothing is logged here: the
    /// window asks "Sent?" when the salesperson comes back, and logs the contact then.
    pub fn hand_off(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        subject: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<crate::handoff::HandOff> {
        let asked = crate::handoff::HandOffRequest { subject: subject.map(String::from), ..Default::default() };
        self.hand_off_with(customer_id, input, &asked, now)
    }

    /// [`Store::hand_off`] as asked: an email's subject, a meeting's length, and whether it is a thank-you note by
    /// email (the Guard then reads it as a thank-you: never a referral ask, a pitch inside it blocked).
    pub fn hand_off_with(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        asked: &crate::handoff::HandOffRequest,
        now: DateTime<Utc>,
    ) -> Result<crate::handoff::HandOff> {
        let subject = asked.subject.as_deref();
        let input = input.validated()?;
        if input.direction != Direction::Outbound {
            return Err(Error::invalid("direction", "only a contact you start is handed to your apps"));
        }
        if !crate::handoff::hands_off(input.channel) {
            return Err(Error::invalid(
                "channel",
                "Rapport opens your mail app, your messages, your phone or your calendar: choose email, text, phone \
                 or in person",
            ));
        }
        let record = self.customer_record(customer_id)?;
        let to = crate::handoff::recipient(&record, input.channel)?;
        self.guard_outbound(customer_id, &input, now, asked.thank_you)?;
        if input.channel == Channel::InPerson {
            let profile = self.profile()?;
            let meeting = crate::handoff::Meeting {
                customer: &record,
                starts: input.at.unwrap_or(now),
                minutes: asked.minutes,
                about: subject.or(input.reason.as_deref()).unwrap_or(""),
                words: &input.summary,
                place: &profile.dealership,
                stamp: now,
            };
            let invitation = Some(crate::handoff::invitation(&meeting));
            return Ok(crate::handoff::HandOff { url: String::new(), channel: input.channel, to, invitation });
        }
        let url = crate::handoff::url(input.channel, &to, subject, &input.summary)?;
        Ok(crate::handoff::HandOff { url, channel: input.channel, to, invitation: None })
    }

    /// The Guard on an outbound contact about to be logged: a block is kept as held back and refused; a caution
    /// needs the typed justification.
    fn guard_outbound(
        &mut self,
        customer_id: &str,
        input: &NewInteraction,
        now: DateTime<Utc>,
        in_thank_you: bool,
    ) -> Result<()> {
        let outreach = Outreach {
            channel: input.channel,
            at: input.at.unwrap_or(now),
            topic: input.topic.clone(),
            text: Some(input.summary.clone()),
            reason: input.reason.clone(),
            purpose: input.purpose.unwrap_or(Purpose::Proactive),
            in_thank_you,
        };
        let decision = self.check(customer_id, &outreach)?;
        match decision.decision {
            Verdict::Blocked => {
                self.hold_back(customer_id, &outreach, &decision, "log", now)?;
                Err(Error::Blocked(Box::new(decision)))
            }
            Verdict::Caution if input.justification.is_none() => Err(Error::NeedsJustification(Box::new(decision))),
            _ => Ok(()),
        }
    }

    /// The interaction `input` describes (validated), as it will be stored; an outbound one is proactive unless
    /// said otherwise.
    fn interaction_of(&self, customer_id: &str, input: NewInteraction, now: DateTime<Utc>) -> Interaction {
        let purpose = match input.direction {
            Direction::Outbound => Some(input.purpose.unwrap_or(Purpose::Proactive)),
            Direction::Inbound => input.purpose,
        };
        Interaction {
            id: new_id(),
            customer_id: customer_id.to_string(),
            at: input.at.unwrap_or(now),
            channel: input.channel,
            direction: input.direction,
            summary: input.summary,
            quotes: input.quotes,
            sentiment: input.sentiment,
            reason: input.reason,
            topic: input.topic,
            asked_for: input.asked_for,
            justification: input.justification,
            purpose,
        }
    }

    /// Keeps a blocked outreach so the salesperson can see what was held back and why.
    pub fn hold_back(
        &mut self,
        customer_id: &str,
        o: &Outreach,
        d: &Decision,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<HeldBack> {
        let f = d.deciding().ok_or_else(|| Error::invalid("decision", "nothing was blocked"))?;
        let h = HeldBack {
            id: new_id(),
            customer_id: customer_id.to_string(),
            at: now,
            planned_for: o.at,
            channel: o.channel,
            topic: o.topic.clone(),
            text: o.text.clone().or_else(|| o.reason.clone()),
            rule: f.rule.as_str().to_string(),
            message: f.message.clone(),
            quote: f.quote.clone(),
            said_on: f.said_on,
            source: source.to_string(),
        };
        self.write(|tx| rows::insert_held_back(tx, &h))?;
        Ok(h)
    }

    /// What the Guard held back, newest first, for one customer or all.
    pub fn held_back(&self, customer_id: Option<&str>, limit: u32) -> Result<Vec<HeldBack>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM held_back WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY at DESC, n DESC LIMIT ?2",
        )?;
        let out = rows::all(&mut stmt, params![customer_id, limit], rows::held_back)?;
        Ok(out)
    }

    /// Every persona playbook, by tag.
    pub fn playbooks(&self) -> Result<Vec<Playbook>> {
        let mut stmt = self.conn().prepare_cached("SELECT * FROM playbooks ORDER BY tag COLLATE NOCASE")?;
        let out = rows::all(&mut stmt, [], rows::playbook)?;
        Ok(out)
    }

    /// Adds or replaces the playbook of a tag.
    pub fn save_playbook(&mut self, playbook: Playbook) -> Result<Playbook> {
        let p = playbook.validated()?;
        self.write(|tx| rows::save_playbook(tx, &p))?;
        Ok(p)
    }

    pub fn delete_playbook(&mut self, tag: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM playbooks WHERE tag = ?1", params![tag.trim_start_matches('#')])?;
            if n == 0 {
                return Err(Error::NotFound { what: "playbook", key: tag.to_string() });
            }
            Ok(())
        })
    }

    /// The customer's wishes in force, each with the statement behind it.
    pub fn wishes(&self, customer_id: &str) -> Result<guard::ContactWishes> {
        let rec = read::record(self.conn(), customer_id)?;
        Ok(guard::ContactWishes::from_statements(&rec.preferences))
    }
}

/// What the salesperson ticked of what was heard in a contact, to record with it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeardToRecord {
    #[serde(default)]
    pub statements: Vec<NewStatement>,
    #[serde(default)]
    pub promises: Vec<NewPromise>,
    #[serde(default)]
    pub facts: Vec<NewFact>,
}
