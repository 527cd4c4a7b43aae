//! What a book does for the window and the command line, whichever backend keeps it: the salesperson's own SQLite
//! file ([`crate::Store`]) or a dealership's shared PostgreSQL book ([`crate::dealership::DealershipBook`]).
//!
//! The decisions that read the book — the Guard's on a contact about to be logged, a campaign's list sorted by what
//! each customer said — are written once here, over the few reads and writes each backend provides, so the shared
//! book can never honour a customer's words differently from the salesperson's own.

use chrono::{DateTime, NaiveDate, Utc};

use crate::guard::{self, Decision, Outreach, Verdict};
use crate::ids::new_id;
use crate::io::contact::Parsed;
use crate::model::*;
use crate::notes::{Draft, Report, Shape};
use crate::reasons::Agenda;
use crate::store::{
    Campaign, CampaignCheck, CampaignList, FactFix, Facts, HeardToRecord, ImportPlan, ImportReport, InteractionFix,
    Record, Removed, SearchHit,
};
use crate::{Error, ListQuery, Result};

/// A contact and what was heard in it, as it will be written: all of it, or none of it.
#[derive(Debug, Clone)]
pub struct Contact {
    pub interaction: Interaction,
    pub statements: Vec<PreferenceStatement>,
    pub promises: Vec<Promise>,
    pub facts: Vec<Fact>,
    /// When it is written (the contact itself may have happened earlier).
    pub recorded_at: DateTime<Utc>,
    /// For a contact the Guard allowed: how many statements of the customer it read. If anyone recorded another
    /// since, the contact is not written — the Guard decided without it.
    pub statements_seen: Option<usize>,
}

/// Who entered a record in a shared book, and when ("told Dana on 4 Nov"). The salesperson's own book has one
/// person in it, so it names nobody.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EnteredBy {
    /// The statement's, interaction's, promise's or note's id.
    pub record_id: String,
    pub user_id: String,
    pub name: String,
}

/// The operations both backends provide, and the decisions made over them.
pub trait Book {
    // What each backend reads.

    fn profile(&self) -> Result<Profile>;
    fn playbooks(&self) -> Result<Vec<Playbook>>;
    /// A customer's own fields.
    fn customer(&self, id: &str) -> Result<Customer>;
    fn customer_record(&self, id: &str) -> Result<CustomerRecord>;
    /// The one customer whose id starts with `prefix`.
    fn lookup_customer(&self, prefix: &str) -> Result<String>;
    /// The one interaction whose id starts with `prefix`.
    fn lookup_interaction(&self, prefix: &str) -> Result<String>;
    /// The one promise whose id starts with `prefix`.
    fn lookup_promise(&self, prefix: &str) -> Result<String>;
    /// The one customer issue whose id starts with `prefix`.
    fn lookup_issue(&self, prefix: &str) -> Result<String>;
    fn list_customers(&self, q: &ListQuery) -> Result<Vec<CustomerSummary>>;
    /// Customers found by the words typed (name, company, addresses, facts, notes), best first.
    fn search(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>>;
    /// Every tag of the book with how many customers have it, by name (letters folded).
    fn tag_counts(&self) -> Result<Vec<(String, u32)>>;
    /// How the rows of a contact file match the customers in the book (an import's plan; a campaign's list).
    fn plan_import(&self, parsed: Parsed) -> Result<ImportPlan>;
    /// The reasons due within `days` of the customers the reader looks after.
    fn agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda>;
    /// The reasons due within `days` that are the reader's own to act on: what their desktop notifications and
    /// their calendar carry. On one's own book, the agenda; on the dealership book, their own customers' reasons
    /// (a manager's too: Today shows a manager the team's, but each reason pings only the salesperson who looks
    /// after the customer) and, for a manager, those of customers nobody looks after.
    fn own_agenda(&self, now: DateTime<Utc>, days: u32) -> Result<Agenda> {
        self.agenda(now, days)
    }
    /// Whether the reader was notified of this reason already.
    fn was_notified(&self, reason_id: &str) -> Result<bool>;
    /// The customer a record belongs to (its id may be a unique prefix).
    fn customer_of(&self, record: Record, id_prefix: &str) -> Result<String>;
    /// Who entered each of a customer's records, where the book keeps it (a shared book does).
    fn entered_by(&self, customer_id: &str) -> Result<Vec<EnteredBy>>;
    /// Whether the book keeps who entered each record (the dealership book), so what shows a record says who.
    fn keeps_who_entered(&self) -> bool {
        false
    }
    /// Other customers' names, and the latest thank-you notes and card prompts written to them: what the
    /// form-letter detector compares a note with.
    fn others_for(&self, customer_id: &str) -> Result<crate::notes::Others>;
    /// One note, by its id.
    fn note(&self, note_id: &str) -> Result<Note>;
    /// What the Guard held back, newest first, for one customer or all (on the dealership book, all of a
    /// salesperson's own and the team's customers' and what they tried; a manager's, everyone's).
    fn held_back(&self, customer_id: Option<&str>, limit: u32) -> Result<Vec<HeldBack>>;
    /// The customer one of `addresses` belongs to (the first address that is someone's email, in any case).
    fn customer_with_email(&self, addresses: &[String]) -> Result<Option<String>>;
    /// Notes to customers (thank-you notes and card prompts), newest first, at most `limit`; `status` keeps only
    /// drafts, written or sent ones (a note without a status is a draft). On the dealership book a manager sees
    /// everyone's; anyone else, their own customers', the team's (owned by nobody) and the notes they wrote — the
    /// notes they may change.
    fn list_notes(&self, status: Option<NoteStatus>, limit: u32) -> Result<Vec<ListedNote>>;
    /// The whole book, as the JSON export carries it, read as of one moment.
    fn export_book(&self) -> Result<crate::model::Book>;

    // What each backend writes, each in one transaction.

    /// Adds a customer with their contact points and hand-set tags.
    fn add_customer_with(
        &mut self,
        input: NewCustomer,
        points: Vec<NewContactPoint>,
        tags: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<Customer>;
    /// Adds a fact, goal, purchase or way to reach them to a customer's own record (their text tags made again).
    fn add_to_customer(&mut self, addition: &Addition, now: DateTime<Utc>) -> Result<()>;
    /// Records what the customer said about being contacted, in their words. Earlier statements stay as they were.
    fn record_statement(
        &mut self,
        customer_id: &str,
        input: NewStatement,
        now: DateTime<Utc>,
    ) -> Result<PreferenceStatement>;
    /// Writes a contact and what was heard in it, after checking the customer is in the book.
    fn write_contact(&mut self, contact: &Contact) -> Result<()>;
    /// Keeps an outreach the Guard stopped.
    fn keep_held_back(&mut self, held: &HeldBack) -> Result<()>;
    /// Records that the reader was notified of a reason; false if they already were (a restart, or their second
    /// computer, never repeats one).
    fn mark_notified(&mut self, reason_id: &str, customer_id: &str, now: DateTime<Utc>) -> Result<bool>;

    // Correcting the record (`store/corrections.rs`, `dealership/corrections.rs`). What a customer said is never
    // removed or changed: a statement from a removed contact stays in force, with their words.

    /// Removes a mistaken contact, fact, purchase, promise, goal or note by its id (or a unique prefix of it).
    fn remove(&mut self, record: Record, id_prefix: &str, now: DateTime<Utc>) -> Result<Removed>;
    /// Corrects when a contact happened or what was said in it.
    fn correct_interaction(&mut self, id_prefix: &str, fix: InteractionFix, now: DateTime<Utc>) -> Result<Interaction>;
    /// Corrects a fact's text or the date it is about.
    fn correct_fact(&mut self, id_prefix: &str, fix: FactFix, now: DateTime<Utc>) -> Result<Fact>;
    /// Tags a customer by hand: the tag stays whatever their notes say.
    fn add_tag(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<Tag>;
    /// Removes a tag set by hand; one still written in a note or fact comes back from the text.
    fn remove_tag(&mut self, customer_id: &str, tag: &str, now: DateTime<Utc>) -> Result<()>;
    /// Writes a promise made (checked by [`Book::add_promise`]) to a customer who is in the book.
    fn insert_promise(&mut self, promise: &Promise, now: DateTime<Utc>) -> Result<()>;
    /// Marks an open promise kept today; a deliverable of theirs it names is delivered with it.
    fn keep_promise(&mut self, promise_id: &str, now: DateTime<Utc>) -> Result<Promise>;
    /// Writes a note about the customer (made by [`Book::add_note`]); `#hashtags` in it become their tags.
    fn insert_note(&mut self, note: &Note) -> Result<()>;
    /// Saves `note` (its text or status changed) over `was` — unless someone changed the note since `was` was read:
    /// then nothing is overwritten ([`Error::Changed`]).
    fn change_note(&mut self, was: &Note, note: &Note) -> Result<()>;
    /// Saves the profile: on the dealership book each person's own settings, and the dealership's (its name,
    /// contact hours, calling rule, days between contacts) only when a manager saves them.
    fn save_profile(&mut self, profile: Profile) -> Result<Profile>;
    /// Adds or replaces the playbook of a tag (on the dealership book, a manager's to set).
    fn save_playbook(&mut self, playbook: Playbook) -> Result<Playbook>;
    /// Removes the playbook of a tag.
    fn delete_playbook(&mut self, tag: &str) -> Result<()>;
    /// Opens an issue the customer raised (the rules are `CustomerIssue::open`'s).
    fn open_issue(&mut self, customer_id: &str, input: NewIssue, now: DateTime<Utc>) -> Result<CustomerIssue>;
    /// Adds an update to an open issue (`CustomerIssue::add_update`'s rules), in one transaction with reading it.
    fn update_issue(
        &mut self,
        issue_id: &str,
        text: &str,
        next_update_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CustomerIssue>;
    /// Resolves an open issue (`CustomerIssue::resolve`'s rules), in one transaction with reading it.
    fn resolve_issue(&mut self, issue_id: &str, resolution: &str, now: DateTime<Utc>) -> Result<CustomerIssue>;
    /// Writes the salesperson's own reminder (checked by [`Book::add_reminder`]).
    fn insert_reminder(&mut self, reminder: &Reminder) -> Result<()>;
    /// Saves what was done with reasons (checked by [`Book::set_reason_states`]), replacing what was said of each
    /// before: all of them, or — a customer not found — none.
    fn save_reason_states(&mut self, states: &[ReasonState]) -> Result<()>;
    /// Takes back what was done with a reason (the window's Undo); returns the state it had. A reason never
    /// marked is not found.
    fn undo_reason_state(&mut self, reason_id: &str, now: DateTime<Utc>) -> Result<ReasonState>;
    /// Adds every customer of an exported book, keeping ids; into an empty book its profile and playbooks come
    /// too. Every record is checked first, and a customer already here stops it with nothing written.
    fn import_book(&mut self, book: &crate::model::Book, now: DateTime<Utc>) -> Result<crate::ImportSummary>;
    /// Writes an import's plan (a contact file's new customers and what it adds to those already here) in one
    /// transaction, all of it or none; what it added is searchable when it returns. `progress(done, total)` every
    /// few hundred contacts.
    /// `cancel`, set from elsewhere, stops it with [`Error::Cancelled`] and nothing written.
    fn apply_import(
        &mut self,
        plan: &ImportPlan,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<ImportReport>;

    // The decisions, written once.

    /// A page of Today: the agenda as the window shows it ([`Agenda::triage`]), days counted in the salesperson's zone.
    fn today(&self, now: DateTime<Utc>, days: u32, ask: &crate::reasons::TodayAsk) -> Result<Agenda> {
        let today = crate::reasons::local_today(&self.profile()?, now);
        Ok(self.agenda(now, days)?.triage(today, ask))
    }

    /// Everything the Guard needs about one customer, read fresh: a statement anyone recorded a moment ago counts.
    fn guard_facts(&self, customer_id: &str) -> Result<Facts> {
        let rec = self.customer_record(customer_id)?;
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
    fn check(&self, customer_id: &str, outreach: &Outreach) -> Result<Decision> {
        let facts = self.guard_facts(customer_id)?;
        Ok(guard::decide(&facts.situation(), outreach))
    }

    /// What an outreach's words do, intent by intent, with the Guard's rule about each and its whole decision
    /// (the composers underline these live).
    fn read_outreach(&self, customer_id: &str, outreach: &Outreach) -> Result<guard::OutreachReading> {
        let facts = self.guard_facts(customer_id)?;
        let situation = facts.situation();
        let decision = guard::decide(&situation, outreach);
        Ok(guard::annotate(&situation, outreach.text.as_deref().unwrap_or(""), decision))
    }

    /// What the customer's words (or the salesperson's call summary) propose to record, with relative dates on
    /// the customer's calendar (their zone, else the salesperson's). Nothing is written.
    fn listen(
        &self,
        customer_id: &str,
        text: &str,
        direction: Direction,
        at: DateTime<Utc>,
    ) -> Result<crate::language::listen::Listening> {
        let (zone, _) = guard::customer_zone(&self.customer(customer_id)?, &self.profile()?);
        Ok(crate::language::listen::listen(text, direction, at, zone))
    }

    /// Logs a contact. An outbound one goes through the Guard first: a block refuses it (and is kept as held
    /// back, with the customer's words); a caution needs a typed justification, stored with the interaction.
    fn log_contact(&mut self, customer_id: &str, input: NewInteraction, now: DateTime<Utc>) -> Result<Interaction> {
        self.log_contact_as(customer_id, input, now, false)
    }

    /// [`Book::log_contact`], saying whether the contact is a thank-you note (a card by post is then no caution
    /// off the customer's preferred channel, and never a referral ask).
    fn log_contact_as(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        now: DateTime<Utc>,
        in_thank_you: bool,
    ) -> Result<Interaction> {
        let input = input.validated()?;
        let statements_seen = match input.direction {
            Direction::Outbound => Some(self.guard_outbound(customer_id, &input, now, in_thank_you)?),
            Direction::Inbound => None,
        };
        let contact = Contact {
            interaction: interaction_of(customer_id, input, now),
            statements: vec![],
            promises: vec![],
            facts: vec![],
            recorded_at: now,
            statements_seen,
        };
        self.write_contact(&contact)?;
        Ok(contact.interaction)
    }

    /// Logs a contact and what was heard in it — statements (their source: this contact), promises, facts — in
    /// one transaction: all of it is recorded, or none of it. An outbound contact goes through the Guard first, as
    /// [`Book::log_contact`]. Every item is checked before anything is written.
    fn log_contact_heard(
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
        let statements_seen = match input.direction {
            Direction::Outbound => Some(self.guard_outbound(customer_id, &input, now, false)?),
            Direction::Inbound => None,
        };
        let interaction = interaction_of(customer_id, input, now);
        // What was heard was said in this contact (never later than now): its source and its time.
        let said_at = interaction.at.min(now);
        let statements: Vec<PreferenceStatement> = statements
            .into_iter()
            .map(|s| {
                let s =
                    NewStatement { said_at: Some(said_at), source_interaction_id: Some(interaction.id.clone()), ..s };
                statement_from(customer_id, s, now)
            })
            .collect::<Result<_>>()?;
        let promises: Vec<Promise> =
            promises.into_iter().map(|p| promise_from(customer_id, p, now)).collect::<Result<_>>()?;
        let facts: Vec<Fact> = facts.into_iter().map(|f| fact_from(customer_id, f, now)).collect();
        let contact = Contact { interaction, statements, promises, facts, recorded_at: now, statements_seen };
        self.write_contact(&contact)?;
        let recorded = HeardToRecord {
            statements: contact
                .statements
                .iter()
                .map(|s| NewStatement {
                    words: s.words.clone(),
                    means: s.means.clone(),
                    said_at: Some(s.said_at),
                    source_interaction_id: s.source_interaction_id.clone(),
                })
                .collect(),
            promises: contact
                .promises
                .iter()
                .map(|p| NewPromise { what: p.what.clone(), due_on: p.due_on, made_on: Some(p.made_on) })
                .collect(),
            facts: contact
                .facts
                .iter()
                .map(|f| NewFact {
                    text: f.text.clone(),
                    learned_on: Some(f.learned_on),
                    source: f.source.clone(),
                    date: f.date,
                })
                .collect(),
        };
        Ok((contact.interaction, recorded))
    }

    /// The Guard on an outbound contact about to be logged or handed to the salesperson's apps: a block is kept as
    /// held back and refused; a caution needs the typed justification. Returns how many of the customer's
    /// statements it read (see [`Contact::statements_seen`]).
    fn guard_outbound(
        &mut self,
        customer_id: &str,
        input: &NewInteraction,
        now: DateTime<Utc>,
        in_thank_you: bool,
    ) -> Result<usize> {
        let outreach = Outreach {
            channel: input.channel,
            at: input.at.unwrap_or(now),
            topic: input.topic.clone(),
            text: Some(input.summary.clone()),
            reason: input.reason.clone(),
            purpose: input.purpose.unwrap_or(Purpose::Proactive),
            in_thank_you,
        };
        let facts = self.guard_facts(customer_id)?;
        let decision = guard::decide(&facts.situation(), &outreach);
        match decision.decision {
            Verdict::Blocked => {
                self.hold_back(customer_id, &outreach, &decision, "log", now)?;
                Err(Error::Blocked(Box::new(decision)))
            }
            Verdict::Caution if input.justification.is_none() => Err(Error::NeedsJustification(Box::new(decision))),
            _ => Ok(facts.statements.len()),
        }
    }

    /// Keeps a blocked outreach so the salesperson can see what was held back and why.
    fn hold_back(
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
        self.keep_held_back(&h)?;
        Ok(h)
    }

    /// A personal fact the customer shared (hashtags in it become tags).
    fn add_fact(&mut self, customer_id: &str, input: NewFact, now: DateTime<Utc>) -> Result<Fact> {
        let fact = fact_from(customer_id, input.validated()?, now);
        self.add_to_customer(&Addition::Fact(fact.clone()), now)?;
        Ok(fact)
    }

    /// What the customer wants to achieve.
    fn add_goal(&mut self, customer_id: &str, input: NewGoal, now: DateTime<Utc>) -> Result<Goal> {
        let goal = goal_from(customer_id, input.validated()?, now);
        self.add_to_customer(&Addition::Goal(goal.clone()), now)?;
        Ok(goal)
    }

    /// What the customer bought.
    fn add_purchase(&mut self, customer_id: &str, input: NewPurchase, now: DateTime<Utc>) -> Result<Purchase> {
        let purchase = purchase_from(customer_id, input.validated()?, now);
        self.add_to_customer(&Addition::Purchase(purchase.clone()), now)?;
        Ok(purchase)
    }

    /// A phone number, email or address; a preferred one replaces the preferred one of its kind.
    fn add_contact_point_at(
        &mut self,
        customer_id: &str,
        input: NewContactPoint,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint> {
        let point = contact_point_from(customer_id, input.validated()?);
        self.add_to_customer(&Addition::ContactPoint(point.clone()), now)?;
        Ok(point)
    }

    /// Records a promise to the customer: made today unless said otherwise, and never due before it was made.
    fn add_promise(&mut self, customer_id: &str, input: NewPromise, now: DateTime<Utc>) -> Result<Promise> {
        let promise = promise_from(customer_id, input.validated()?, now)?;
        self.insert_promise(&promise, now)?;
        Ok(promise)
    }

    /// Adds a note about the customer (the salesperson's own, or a thank-you draft); its `#hashtags` become tags.
    fn add_note(&mut self, customer_id: &str, input: NewNote, now: DateTime<Utc>) -> Result<Note> {
        let n = input.validated()?;
        let note = Note {
            id: new_id(),
            customer_id: customer_id.to_string(),
            kind: n.kind,
            format: n.format,
            text: n.text,
            status: n.status,
            created_at: now,
            updated_at: now,
        };
        self.insert_note(&note)?;
        Ok(note)
    }

    /// Adds the salesperson's own reminder — only with a value the Guard accepts as something for the customer.
    fn add_reminder(&mut self, customer_id: &str, input: NewReminder, now: DateTime<Utc>) -> Result<Reminder> {
        let value = input.value.trim().to_string();
        let facts = self.guard_facts(customer_id)?;
        let channel = input.channel.unwrap_or(Channel::Email);
        let outreach = Outreach::new(channel, now, &value);
        let d = guard::decide(&facts.situation(), &outreach);
        if let Some(f) = d.reasons.iter().find(|f| f.rule == guard::Rule::Contentless) {
            return Err(Error::invalid("value", f.message.clone()));
        }
        if d.decision == Verdict::Blocked && d.reasons.iter().any(|f| matches!(f.rule, guard::Rule::DoNotContact)) {
            return Err(Error::Blocked(Box::new(d)));
        }
        let m = Reminder {
            id: new_id(),
            customer_id: customer_id.to_string(),
            value,
            due_on: input.due_on,
            channel: input.channel,
            created_at: now,
        };
        self.insert_reminder(&m)?;
        Ok(m)
    }

    /// The reason (on the agenda of the coming year) whose id starts with `prefix`: its id and its customer.
    fn find_reason(&self, prefix: &str, now: DateTime<Utc>) -> Result<(String, String)> {
        let a = self.agenda(now, 366)?;
        let p = prefix.trim();
        let all = a.reasons.iter().chain(a.held_back.iter().map(|h| &h.reason));
        let found: Vec<_> = all.filter(|r| !p.is_empty() && r.id.starts_with(p)).collect();
        match found.as_slice() {
            [] => Err(Error::NotFound { what: "reason", key: p.to_string() }),
            [r] => Ok((r.id.clone(), r.customer_id.clone())),
            more => Err(Error::Ambiguous { what: "reason", key: p.to_string(), count: more.len() }),
        }
    }

    /// Marks a reason done, snoozed until a day, or dismissed (with why).
    fn set_reason_state(
        &mut self,
        reason_id: &str,
        customer_id: &str,
        state: ReasonStateKind,
        until: Option<NaiveDate>,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<ReasonState> {
        let mut done = self.set_reason_states(&[(reason_id, customer_id)], state, until, note, now)?;
        Ok(done.remove(0))
    }

    /// [`Book::set_reason_state`] for several reasons at once, with one day and one why (the review pile's
    /// Snooze and Dismiss): all of them, or — when one customer is not found — none.
    fn set_reason_states(
        &mut self,
        reasons: &[(&str, &str)],
        state: ReasonStateKind,
        until: Option<NaiveDate>,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Vec<ReasonState>> {
        let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        let today = crate::reasons::local_today(&self.profile()?, now);
        match state {
            ReasonStateKind::Snoozed if until.is_none_or(|u| u <= today) => {
                return Err(Error::invalid("until", "snooze to a day after today"));
            }
            ReasonStateKind::Dismissed if note.is_none() => {
                return Err(Error::invalid("why", "say why it is not worth the customer's time"));
            }
            _ => {}
        }
        let states: Vec<ReasonState> = reasons
            .iter()
            .map(|(reason_id, customer_id)| ReasonState {
                reason_id: reason_id.to_string(),
                customer_id: customer_id.to_string(),
                state,
                until: if state == ReasonStateKind::Snoozed { until } else { None },
                note: note.clone(),
                at: now,
            })
            .collect();
        self.save_reason_states(&states)?;
        Ok(states)
    }

    /// Logs what an email or a calendar invitation says happened, with the customer it was from or to (see
    /// `store::logged`).
    fn log_happened(
        &mut self,
        file: &crate::io::Happened,
        customer_id: Option<&str>,
        direction: Option<Direction>,
        now: DateTime<Utc>,
    ) -> Result<crate::store::LoggedEmail> {
        crate::store::logged::log_happened(self, file, customer_id, direction, now)
    }

    /// Hands an outbound contact to the salesperson's own app (mail, messages, phone, calendar): the Guard decides
    /// first, on the real channel, time and words — a block refuses it and keeps it as held back, a caution needs the
    /// typed justification, exactly as logging it would — and only then is the address made. Nothing is logged here:
    /// the window asks "Sent?" when the salesperson comes back, and logs the contact then.
    fn hand_off(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        subject: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<crate::handoff::HandOff> {
        let asked = crate::handoff::HandOffRequest { subject: subject.map(String::from), ..Default::default() };
        self.hand_off_with(customer_id, input, &asked, now)
    }

    /// [`Book::hand_off`] as asked: an email's subject, a meeting's length, a thank-you by email.
    fn hand_off_with(
        &mut self,
        customer_id: &str,
        input: NewInteraction,
        asked: &crate::handoff::HandOffRequest,
        now: DateTime<Utc>,
    ) -> Result<crate::handoff::HandOff> {
        crate::handoff::hand_off_with(self, customer_id, input, asked, now)
    }

    /// A thank-you draft for the customer (see `notes::life`).
    fn draft_note(&self, customer_id: &str, request: &crate::notes::Request, now: DateTime<Utc>) -> Result<Draft> {
        crate::notes::life::draft(self, customer_id, request, now)
    }

    /// The form-letter detector's findings on any text for the customer.
    fn lint_note(&self, customer_id: &str, text: &str, shape: Shape, now: DateTime<Utc>) -> Result<Report> {
        crate::notes::life::lint(self, customer_id, text, shape, now)
    }

    /// Saves the edited text of a draft; written and sent notes stay as the customer got them.
    fn update_note(&mut self, note_id: &str, text: &str, now: DateTime<Utc>) -> Result<Note> {
        crate::notes::life::edit(self, note_id, text, None, now)
    }

    /// [`Book::update_note`] from an editor that read the note at `seen` (its `updated_at`): if anyone saved it
    /// since, nothing is overwritten (`changed_meanwhile`).
    fn update_note_seen(&mut self, note_id: &str, text: &str, seen: DateTime<Utc>, now: DateTime<Utc>) -> Result<Note> {
        crate::notes::life::edit(self, note_id, text, Some(seen), now)
    }

    /// Marks a note written or sent; sending logs the contact through the Guard.
    fn set_note_status(
        &mut self,
        note_id: &str,
        status: NoteStatus,
        now: DateTime<Utc>,
    ) -> Result<(Note, Option<Interaction>)> {
        crate::notes::life::mark(self, note_id, status, now)
    }

    /// Sorts a campaign's list by what each customer said (see `store::campaign`).
    fn check_campaign(&self, list: CampaignList, campaign: &Campaign, now: DateTime<Utc>) -> Result<CampaignCheck> {
        crate::store::campaign::check(self, list, campaign, now)
    }
}

/// The interaction `input` describes (validated), as it will be stored; an outbound one is proactive unless said
/// otherwise.
pub fn interaction_of(customer_id: &str, input: NewInteraction, now: DateTime<Utc>) -> Interaction {
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

/// A statement from checked input: said now unless said otherwise, and never in the future.
pub(crate) fn statement_from(customer_id: &str, s: NewStatement, now: DateTime<Utc>) -> Result<PreferenceStatement> {
    let said_at = s.said_at.unwrap_or(now);
    if said_at > now {
        return Err(Error::invalid("said", "a customer cannot have said it in the future"));
    }
    Ok(PreferenceStatement {
        id: new_id(),
        customer_id: customer_id.to_string(),
        said_at,
        words: s.words,
        means: s.means,
        source_interaction_id: s.source_interaction_id,
        recorded_at: now,
    })
}

/// A promise from checked input: made today unless said otherwise, and never due before it was made.
pub(crate) fn promise_from(customer_id: &str, p: NewPromise, now: DateTime<Utc>) -> Result<Promise> {
    let made_on = p.made_on.unwrap_or(now.date_naive());
    if p.due_on < made_on {
        return Err(Error::invalid("due", format!("{} is before the promise was made ({made_on})", p.due_on)));
    }
    Ok(Promise {
        id: new_id(),
        customer_id: customer_id.to_string(),
        what: p.what,
        made_on,
        due_on: p.due_on,
        status: PromiseStatus::Open,
        closed_on: None,
    })
}

/// What is added by hand to a customer's own record, on either book.
#[derive(Debug, Clone)]
pub enum Addition {
    Fact(Fact),
    Goal(Goal),
    Purchase(Purchase),
    ContactPoint(ContactPoint),
}

impl Addition {
    /// The customer it is added to.
    pub fn customer_id(&self) -> &str {
        match self {
            Addition::Fact(f) => &f.customer_id,
            Addition::Goal(g) => &g.customer_id,
            Addition::Purchase(p) => &p.customer_id,
            Addition::ContactPoint(p) => &p.customer_id,
        }
    }
}

/// A goal from checked input: stated today unless said otherwise.
pub(crate) fn goal_from(customer_id: &str, g: NewGoal, now: DateTime<Utc>) -> Goal {
    Goal {
        id: new_id(),
        customer_id: customer_id.to_string(),
        text: g.text,
        stated_on: g.stated_on.unwrap_or(now.date_naive()),
        source: g.source,
        achieved_on: None,
    }
}

/// A contact point from checked input, with a fresh id.
pub(crate) fn contact_point_from(customer_id: &str, p: NewContactPoint) -> ContactPoint {
    ContactPoint {
        id: new_id(),
        customer_id: customer_id.to_string(),
        kind: p.kind,
        label: p.label,
        value: p.value,
        preferred: p.preferred,
        parts: None,
    }
}

pub(crate) use crate::store::records::purchase_from;

/// A fact from checked input: learned today unless said otherwise.
pub(crate) fn fact_from(customer_id: &str, f: NewFact, now: DateTime<Utc>) -> Fact {
    Fact {
        id: new_id(),
        customer_id: customer_id.to_string(),
        text: f.text,
        learned_on: f.learned_on.unwrap_or(now.date_naive()),
        source: f.source,
        date: f.date,
    }
}

/// A new customer, their contact points and hand-set tags from checked input, with fresh ids: every part is
/// checked before any is written, so a bad email never leaves a customer without it.
pub(crate) fn new_customer(
    input: NewCustomer,
    points: Vec<NewContactPoint>,
    tags: Vec<String>,
    now: DateTime<Utc>,
) -> Result<(Customer, Vec<ContactPoint>, Vec<Tag>)> {
    let c = input.validated()?;
    let points = points.into_iter().map(NewContactPoint::validated).collect::<Result<Vec<_>>>()?;
    let tags = tags
        .iter()
        .map(|t| crate::tags::normalize(t).map(|tag| Tag { tag, origin: TagOrigin::Manual }))
        .collect::<std::result::Result<Vec<_>, String>>()
        .map_err(|m| Error::invalid("tag", m))?;
    let customer = Customer {
        id: new_id(),
        name: c.name,
        preferred_name: c.preferred_name,
        time_zone: c.time_zone,
        how_we_met: c.how_we_met,
        company: c.company,
        household: c.household,
        name_parts: None,
        created_at: now,
        updated_at: now,
    };
    let points = points
        .into_iter()
        .map(|p| ContactPoint {
            id: new_id(),
            customer_id: customer.id.clone(),
            kind: p.kind,
            label: p.label,
            value: p.value,
            preferred: p.preferred,
            parts: None,
        })
        .collect();
    Ok((customer, points, tags))
}
