//! Feeding the Guard from the book, logging outbound contacts through it, and keeping what it held back.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{read, rows, Store};
use crate::guard::{self, Situation};
use crate::model::*;
use crate::Book;
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
