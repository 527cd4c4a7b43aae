//! The commands that work on either kind of book — the salesperson's own file or the dealership's shared one —
//! written once over [`Book`]: customers, what they said, logging a contact, the Guard's check, listening, a
//! campaign, the agenda, desktop notifications, export and import of the whole book.

use std::io::Write;

use chrono::{DateTime, Utc};
use rapport_core::guard::Outreach;
use rapport_core::model::*;
use rapport_core::{io::json, Book, Error, ListQuery};

use super::*;
use crate::present;

/// Whether `command` works on either kind of book.
pub(super) fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::Customers(
            CustomersCmd::Add { .. }
                | CustomersCmd::List { .. }
                | CustomersCmd::Show { .. }
                | CustomersCmd::Search { .. }
        ) | Command::Interactions(InteractionsCmd::Add { .. })
            | Command::Prefs(PrefsCmd::Add { .. } | PrefsCmd::List { .. })
            | Command::Export(_)
            | Command::Import(ImportCmd::Json { .. } | ImportCmd::Vcard { .. } | ImportCmd::Csv { .. })
            | Command::Check(_)
            | Command::Campaign(CampaignCmd::Check { .. })
            | Command::Agenda { .. }
            | Command::Listen { .. }
            | Command::Promises(PromisesCmd::Add { .. } | PromisesCmd::Keep { .. })
            | Command::Reasons(_)
            | Command::Reminders(RemindersCmd::Add { .. })
            | Command::Notes(NotesCmd::Add { .. } | NotesCmd::List { .. })
            | Command::Draft(DraftCmd::ThankYou { .. })
            | Command::Lint { .. }
            | Command::Log { .. }
            | Command::Profile(_)
            | Command::Playbooks(_)
            | Command::Reach(_)
            | Command::HeldBack { .. }
            | Command::Notify { .. }
            | Command::Remove { .. }
            | Command::Tags(_)
            | Command::Facts(FactsCmd::Correct { .. })
            | Command::Interactions(InteractionsCmd::Correct { .. })
            | Command::Issues(_)
            | Command::ContactPoints(ContactPointsCmd::Add { .. })
            | Command::Facts(FactsCmd::Add { .. })
            | Command::Goals(GoalsCmd::Add { .. })
            | Command::Purchases(PurchasesCmd::Add { .. })
    )
}

/// Runs one of the commands [`handles`] lets through. `beside`: the file an invitation handed to the calendar app is written beside (one's own book; on the
/// dealership book, where one's own would be).
pub(super) fn run(
    command: Command,
    book: &mut dyn Book,
    beside: &std::path::Path,
    now: DateTime<Utc>,
    j: bool,
) -> Result<(), Error> {
    match command {
        Command::Customers(cmd) => customers(cmd, book, now, j),
        Command::Facts(FactsCmd::Correct { fact, text, date, no_date }) => {
            let date = if no_date { Some(None) } else { date.map(Some) };
            let f = book.correct_fact(&fact, rapport_core::store::FactFix { text, date }, now)?;
            emit(j, &f, || format!("Corrected fact {}: {}", f.id, f.text))
        }
        Command::Interactions(InteractionsCmd::Correct { interaction, at, summary }) => {
            let customer = book.customer_of(rapport_core::store::Record::Interaction, &interaction)?;
            let at = at.map(|text| moment_for(book, &customer, &text, "at")).transpose()?;
            let i = book.correct_interaction(&interaction, rapport_core::store::InteractionFix { at, summary }, now)?;
            emit(j, &i, || {
                format!(
                    "Corrected the {} {} of {} {} UTC",
                    i.channel,
                    i.id,
                    rapport_core::date_style::date(i.at.date_naive()),
                    rapport_core::date_style::clock(i.at.time())
                )
            })
        }
        Command::Remove { record, id } => {
            let r = book.remove(record, &id, now)?;
            emit(j, &r, || {
                let kept = match r.statements_kept {
                    0 => String::new(),
                    n => format!(
                        " The customer's {n} statement{} from it stay{} in force, with their words.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" }
                    ),
                };
                format!("Removed {} {}.{kept}", r.record.as_str(), r.id)
            })
        }
        Command::Tags(cmd) => tags(cmd, book, now, j),
        Command::Notify { once: _ } => {
            let sent = crate::notify::send_due(book, now, None)?;
            emit(j, &sent, || present::notified(&sent))
        }
        Command::ContactPoints(ContactPointsCmd::Add { customer, kind, value, label, preferred }) => {
            let id = book.lookup_customer(&customer)?;
            let p = book.add_contact_point_at(&id, NewContactPoint { kind, label, value, preferred }, now)?;
            emit(j, &p, || format!("Added {} {} ({})", p.kind, p.value, p.id))
        }
        Command::Facts(FactsCmd::Add { customer, text, learned, source, date }) => {
            let id = book.lookup_customer(&customer)?;
            let f = book.add_fact(&id, NewFact { text, learned_on: learned, source, date }, now)?;
            emit(j, &f, || format!("Added fact {}", f.id))
        }
        Command::Goals(GoalsCmd::Add { customer, text, stated, source }) => {
            let id = book.lookup_customer(&customer)?;
            let g = book.add_goal(&id, NewGoal { text, stated_on: stated, source }, now)?;
            emit(j, &g, || format!("Added goal {}", g.id))
        }
        Command::Purchases(PurchasesCmd::Add {
            customer,
            description,
            on,
            year,
            make,
            model,
            trim,
            vin,
            feature,
            lease_ends,
            finance_ends,
            warranty_ends,
            warranty_terms,
            service,
            deliverable,
        }) => {
            let id = book.lookup_customer(&customer)?;
            let ownership = match (lease_ends, finance_ends) {
                (Some(_), _) => Ownership::Lease,
                (_, Some(_)) => Ownership::Finance,
                _ => Ownership::Cash,
            };
            let vehicle = Vehicle { year, make, model, trim, vin };
            let input = NewPurchase {
                purchased_on: on,
                description,
                vehicle: Some(vehicle),
                features: feature,
                ownership,
                term_ends_on: lease_ends.or(finance_ends),
                warranty_ends_on: warranty_ends,
                warranty_terms,
                included_services: service.iter().map(|s| parse_service(s)).collect::<Result<_, _>>()?,
                deliverables: deliverable.iter().map(|d| parse_deliverable(d)).collect::<Result<_, _>>()?,
            };
            let p = book.add_purchase(&id, input, now)?;
            emit(j, &p, || format!("Added purchase {} ({})", p.description, p.id))
        }
        Command::Interactions(InteractionsCmd::Add {
            customer,
            channel,
            direction,
            summary,
            quote,
            sentiment,
            reason,
            topic,
            asked_for,
            at,
            purpose,
            justification,
        }) => {
            let id = book.lookup_customer(&customer)?;
            let at = match at {
                Some(text) => Some(moment_for(book, &id, &text, "at")?),
                None => None,
            };
            let input = NewInteraction {
                at,
                channel,
                direction,
                summary,
                quotes: quote,
                sentiment,
                reason,
                topic,
                asked_for,
                justification,
                purpose,
            };
            let i = book.log_contact(&id, input, now)?;
            emit(j, &i, || format!("Logged {} {} ({})", i.direction, i.channel, i.id))
        }
        Command::Prefs(PrefsCmd::Add { customer, words, means, said, source }) => {
            let id = book.lookup_customer(&customer)?;
            let means = Meaning::parse(&means)?;
            let said_at = match said {
                Some(text) => Some(moment_for(book, &id, &text, "said")?),
                None => None,
            };
            let source_interaction_id = match source {
                Some(prefix) => Some(book.lookup_interaction(&prefix)?),
                None => None,
            };
            let s = book.record_statement(&id, NewStatement { words, means, said_at, source_interaction_id }, now)?;
            emit(j, &s, || format!("Recorded: “{}” — {} ({})", s.words, s.means.describe(), s.id))
        }
        Command::Prefs(PrefsCmd::List { customer }) => {
            let id = book.lookup_customer(&customer)?;
            let rec = book.customer_record(&id)?;
            emit(j, &rec.preferences, || present::statements(&rec.preferences))
        }
        Command::Export(cmd) => {
            use rapport_core::io::ExportFormat;
            let (format, out, force) = match cmd {
                ExportCmd::Json { out, force } => (ExportFormat::Json, out, force),
                ExportCmd::Vcard { out, force } => (ExportFormat::Vcard, out, force),
                ExportCmd::Csv { out, force } => (ExportFormat::Csv, out, force),
            };
            refuse_to_replace(out.as_deref(), force)?;
            let whole = book.export_book()?;
            write_out(whole.customers.len(), out, &format.write(&whole), j)
        }
        Command::Import(ImportCmd::Json { file }) => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| Error::BadFile(format!("{}: {e}", file.display())))?;
            let whole = json::from_json(&text).map_err(|e| Error::BadFile(format!("{}: {e}", file.display())))?;
            let summary = book.import_book(&whole, now)?;
            emit(j, &summary, || format!("Imported {} customers", summary.customers))
        }
        Command::Import(ImportCmd::Vcard { file, dry_run, join }) => {
            let bytes = read_file(&file)?;
            let parsed = rapport_core::io::vcard::parse_bytes(&bytes).map_err(|e| in_file(&file, e))?;
            import_contacts(book, parsed, &join, dry_run, now, j)
        }
        Command::Import(ImportCmd::Csv { file, mapping, dry_run, join }) => {
            use rapport_core::io::csv;
            let bytes = read_file(&file)?;
            let headers = csv::headers(&bytes).map_err(|e| in_file(&file, e))?;
            let auto = mapping.as_ref().is_some_and(|m| m.as_os_str() == "auto");
            let given: Option<csv::Mapping> = match mapping.filter(|_| !auto) {
                Some(m) => {
                    let text = String::from_utf8(read_file(&m)?)
                        .map_err(|_| Error::BadFile(format!("{}: not UTF-8 text", m.display())))?;
                    Some(serde_json::from_str(&text).map_err(|e| {
                        Error::BadFile(format!("{}: line {}, column {}: {e}", m.display(), e.line(), e.column()))
                    })?)
                }
                None => None,
            };
            // `--mapping auto` takes the proposed mapping for a sheet of no known layout.
            let kind = match csv::choose(&headers, given) {
                Ok(kind) => kind,
                Err(proposed) if auto => csv::CsvKind::Mapped(proposed),
                Err(proposed) => {
                    let proposed = serde_json::to_string(&proposed).unwrap_or_default();
                    return Err(Error::BadFile(format!(
                        "{}: not a Google or Outlook export; confirm a column mapping: --mapping auto takes this one, \
                         or save it to a file, edit it and pass --mapping FILE: {proposed}",
                        file.display()
                    )));
                }
            };
            let parsed = csv::parse(&bytes, &kind).map_err(|e| in_file(&file, e))?;
            import_contacts(book, parsed, &join, dry_run, now, j)
        }
        Command::Check(a) => {
            let id = book.lookup_customer(&a.customer)?;
            let at = match a.at {
                Some(text) => moment_for(book, &id, &text, "at")?,
                None => now,
            };
            let outreach = Outreach {
                channel: a.channel,
                at,
                topic: a.topic,
                text: a.text,
                reason: a.reason,
                purpose: a.purpose,
                in_thank_you: a.thank_you,
            };
            let read = book.read_outreach(&id, &outreach)?;
            // The decision as before, with what the text does beside it.
            let out = serde_json::json!({
                "decision": read.decision.decision,
                "reasons": read.decision.reasons,
                "suggestion": read.decision.suggestion,
                "intents": read.intents,
            });
            emit(j, &out, || present::decision_with_intents(&read))
        }
        Command::Campaign(CampaignCmd::Check { list, tag, topic, channel, text, out, force }) => {
            use rapport_core::store::{Campaign, CampaignList};
            let list = match (list, tag) {
                (_, Some(tag)) => CampaignList::Tag(tag),
                (Some(file), None) => {
                    let bytes = read_file(&file)?;
                    CampaignList::Rows(rapport_core::io::csv::read_list(&bytes).map_err(|e| in_file(&file, e))?)
                }
                (None, None) => return Err(bad("list", "give the mailing list's file, or --tag")),
            };
            let text = match text {
                Some(f) => Some(
                    String::from_utf8(read_file(&f)?)
                        .map_err(|_| Error::BadFile(format!("{}: not UTF-8 text", f.display())))?,
                ),
                None => None,
            };
            let files = out.as_ref().map(|d| (d.join("included.csv"), d.join("excluded.csv")));
            if let Some((inc, exc)) = &files {
                refuse_to_replace(Some(inc), force)?;
                refuse_to_replace(Some(exc), force)?;
            }
            let checked = book.check_campaign(list, &Campaign { channel, topic: Some(topic), text }, now)?;
            if let Some((inc, exc)) = &files {
                write_whole(inc, checked.included_csv().as_bytes())?;
                write_whole(exc, checked.excluded_csv().as_bytes())?;
            }
            emit(j, &checked, || present::campaign(&checked, files.as_ref().map(|(i, e)| (i.as_path(), e.as_path()))))
        }
        Command::Agenda { days, ics } => {
            let agenda = book.agenda(now, days)?;
            if ics {
                let mut out = Out::new();
                out.write_all(rapport_core::io::ics::agenda(&agenda).as_bytes())?;
                out.flush()?;
                return Ok(());
            }
            let shown = emit(j, &agenda, || present::agenda(&agenda));
            // The process ends next: a big book's month of reasons, freed one by one, kept the salesperson
            // waiting some 15 ms more for nothing.
            std::mem::forget(agenda);
            shown
        }
        Command::Listen { customer, direction, at, file } => {
            let id = book.lookup_customer(&customer)?;
            let at = match at {
                Some(text) => moment_for(book, &id, &text, "at")?,
                None => now,
            };
            let text = read_text(file)?;
            let heard = book.listen(&id, &text, direction, at)?;
            emit(j, &heard, || present::listening(&heard))
        }
        Command::Promises(PromisesCmd::Add { customer, what, due, made }) => {
            let id = book.lookup_customer(&customer)?;
            let p = book.add_promise(&id, NewPromise { what, due_on: due, made_on: made }, now)?;
            emit(j, &p, || format!("Promised: {} — due {} ({})", p.what, p.due_on, p.id))
        }
        Command::Promises(PromisesCmd::Keep { promise }) => {
            let id = book.lookup_promise(&promise)?;
            let p = book.keep_promise(&id, now)?;
            emit(j, &p, || format!("Kept: {}", p.what))
        }
        Command::Reasons(cmd) => {
            let (prefix, state, until, note) = match cmd {
                ReasonsCmd::Done { reason } => (reason, ReasonStateKind::Done, None, None),
                ReasonsCmd::Snooze { reason, until, note } => (reason, ReasonStateKind::Snoozed, Some(until), note),
                ReasonsCmd::Dismiss { reason, why } => (reason, ReasonStateKind::Dismissed, None, Some(why)),
                ReasonsCmd::Undo { reason } => {
                    let had = book.undo_reason_state(&reason, now)?;
                    return emit(j, &had, || format!("Taken back ({} before): {}", had.state, had.reason_id));
                }
            };
            let (reason_id, customer_id) = book.find_reason(&prefix, now)?;
            let s = book.set_reason_state(&reason_id, &customer_id, state, until, note, now)?;
            emit(j, &s, || format!("{}: {}", s.state, s.reason_id))
        }
        Command::Reminders(RemindersCmd::Add { customer, value, due, channel }) => {
            let id = book.lookup_customer(&customer)?;
            let m = book.add_reminder(&id, NewReminder { value, due_on: due, channel }, now)?;
            emit(j, &m, || format!("Reminder for {}: {} ({})", m.due_on, m.value, m.id))
        }
        Command::Notes(NotesCmd::Add { customer, text }) => {
            let id = book.lookup_customer(&customer)?;
            let n = book.add_note(&id, NewNote::plain(text), now)?;
            emit(j, &n, || format!("Added note {}", n.id))
        }
        Command::Issues(cmd) => issues(cmd, book, now, j),
        Command::Notes(NotesCmd::List { status, limit }) => {
            let notes = book.list_notes(status, limit)?;
            emit(j, &notes, || present::notes(&notes))
        }
        Command::Draft(DraftCmd::ThankYou { customer, shape, variant, using, save }) => {
            use rapport_core::notes;
            let id = book.lookup_customer(&customer)?;
            let rec = book.customer_record(&id)?;
            let details = notes::details(&rec, shape.kind, now);
            let chosen = if using.is_empty() { None } else { Some(notes::choose(&details, &using)?) };
            let request = notes::Request { kind: shape.kind, format: shape.format, card: shape.card, variant, chosen };
            let draft = book.draft_note(&id, &request, now)?;
            if save {
                let kind =
                    if shape.format == notes::Format::Prompts { NoteKind::CardPrompt } else { NoteKind::ThankYou };
                let note = NewNote {
                    text: draft.text.clone(),
                    kind,
                    format: Some(shape.format.as_str().to_string()),
                    status: Some(NoteStatus::Draft),
                };
                book.add_note(&id, note, now)?;
            }
            let out = serde_json::json!({
                "text": draft.text,
                "score": draft.report.score,
                "findings": draft.report.findings,
                "kind": draft.kind,
                "format": draft.format,
                "card": draft.card,
                "variant": draft.variant,
                "details_used": draft.details_used,
                "details": details,
            });
            emit(j, &out, || present::note(&draft.text, &draft.report, Some(shape.card.limit())))
        }
        Command::Lint { customer, file, shape } => {
            let id = book.lookup_customer(&customer)?;
            let text = read_text(file)?;
            let s = rapport_core::notes::Shape { kind: shape.kind, format: shape.format, card: shape.card };
            let report = book.lint_note(&id, &text, s, now)?;
            let out = serde_json::json!({ "text": text, "score": report.score, "findings": report.findings });
            emit(j, &out, || present::note(&text, &report, None))
        }
        Command::Log { files, customer, direction } => {
            // Each file on its own: one that cannot be read or matched is named, the others are logged.
            let mut logged = Vec::new();
            let mut failed = Vec::new();
            for file in &files {
                let done = read_file(file).and_then(|bytes| {
                    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                    let happened = rapport_core::io::Happened::read(&bytes, &name).map_err(|e| in_file(file, e))?;
                    book.log_happened(&happened, customer.as_deref(), direction, now).map_err(|e| in_file(file, e))
                });
                match done {
                    Ok(l) => logged.push((file.display().to_string(), l)),
                    Err(e) => {
                        failed.push(serde_json::json!({ "file": file.display().to_string(), "error": e.to_string() }))
                    }
                }
            }
            let out = serde_json::json!({
                "logged": logged.iter().map(|(f, l)| serde_json::json!({ "file": f, "logged": l })).collect::<Vec<_>>(),
                "failed": failed,
            });
            emit(j, &out, || present::logged_emails(&logged))?;
            if failed.is_empty() {
                Ok(())
            } else {
                let each: Vec<&str> = failed.iter().filter_map(|f| f["error"].as_str()).collect();
                Err(Error::BadFile(format!(
                    "{} of {} files could not be logged:\n{}",
                    failed.len(),
                    files.len(),
                    each.join("\n")
                )))
            }
        }
        Command::Profile(ProfileCmd::Show) => {
            let p = book.profile()?;
            emit(j, &p, || present::profile(&p))
        }
        Command::Profile(ProfileCmd::Set {
            name,
            dealership,
            time_zone,
            hours,
            days,
            signature,
            voice,
            notifications,
            contact_hours,
            calling_rule,
            min_days,
            dates,
            clock,
        }) => {
            let mut p = book.profile()?;
            p.date_style = date_style_arg(p.date_style, dates.as_deref(), clock.as_deref())?;
            if let Some(v) = name {
                p.name = v;
            }
            if let Some(v) = dealership {
                p.dealership = v;
            }
            if let Some(v) = time_zone {
                p.time_zone = v;
            }
            if let Some(h) = hours {
                (p.work_start, p.work_end) = hours_arg("hours", &h)?;
            }
            if let Some(h) = contact_hours {
                (p.contact_start, p.contact_end) = hours_arg("contact hours", &h)?;
            }
            if let Some(v) = notifications {
                p.notifications = v;
            }
            if let Some(v) = calling_rule {
                p.calling_rule = v;
            }
            if let Some(v) = min_days {
                p.min_days_between = v;
            }
            if let Some(d) = days {
                p.work_days = d
                    .split(',')
                    .map(|x| {
                        x.trim()
                            .parse::<chrono::Weekday>()
                            .map_err(|_| bad("days", format!("'{x}' is not a weekday like Mon")))
                    })
                    .collect::<Result<_, _>>()?;
            }
            if let Some(v) = signature {
                p.signature = v.replace("\\n", "\n");
            }
            if voice.is_some() {
                p.voice = voice;
            }
            let p = book.save_profile(p)?;
            rapport_core::date_style::follow(&p);
            emit(j, &p, || present::profile(&p))
        }
        Command::Reach(a) => {
            let id = book.lookup_customer(&a.customer)?;
            let at = match a.at {
                Some(text) => Some(moment_for(&*book, &id, &text, "at")?),
                None => None,
            };
            let contact = NewInteraction {
                at,
                channel: a.channel,
                direction: Direction::Outbound,
                summary: a.text,
                quotes: vec![],
                sentiment: None,
                reason: a.reason,
                topic: a.topic,
                asked_for: None,
                justification: a.justification,
                purpose: Some(a.purpose),
            };
            let asked =
                rapport_core::handoff::HandOffRequest { subject: a.subject, minutes: a.minutes, thank_you: false };
            let hand_off = book.hand_off_with(&id, contact, &asked, now)?;
            if let Some(invitation) = &hand_off.invitation {
                let path = match (&a.out, a.open) {
                    (Some(p), _) => Some(p.clone()),
                    (None, true) => Some(rapport_core::handoff::invitation_path(beside, &hand_off.to, now)),
                    (None, false) => None,
                };
                let Some(path) = path else {
                    return emit(j, &hand_off, || invitation.clone());
                };
                rapport_core::handoff::write_invitation(&path, invitation)?;
                if a.open {
                    crate::reach::open_invitation(&path)?;
                }
                return emit(j, &serde_json::json!({ "hand_off": hand_off, "file": path }), || {
                    format!("The invitation is in {}\n", path.display())
                });
            }
            if a.open {
                crate::reach::open(&hand_off.url)?;
            }
            emit(j, &hand_off, || format!("{}\n", hand_off.url))
        }
        Command::Playbooks(PlaybooksCmd::List) => {
            let list = book.playbooks()?;
            emit(j, &list, || present::playbooks(&list))
        }
        Command::Playbooks(PlaybooksCmd::Set { tag, never, offer, script }) => {
            let p = book.save_playbook(Playbook { tag, never_topics: never, offer, script })?;
            emit(j, &p, || present::playbooks(std::slice::from_ref(&p)))
        }
        Command::Playbooks(PlaybooksCmd::Remove { tag }) => {
            book.delete_playbook(&tag)?;
            emit(j, &serde_json::json!({ "removed": tag }), || {
                format!("Removed the playbook of #{}", tag.trim_start_matches('#'))
            })
        }
        Command::HeldBack { customer, limit } => {
            let id = match customer {
                Some(c) => Some(book.lookup_customer(&c)?),
                None => None,
            };
            let list = book.held_back(id.as_deref(), limit)?;
            emit(j, &list, || present::held_back(&list))
        }
        // `handles` let nothing else through.
        _ => Err(Error::invalid("command", "this command is not one that works on either kind of book")),
    }
}

pub(super) fn customers(cmd: CustomersCmd, book: &mut dyn Book, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    match cmd {
        CustomersCmd::Add { name, fields, email, phone, address, tag } => {
            let input = NewCustomer {
                name,
                preferred_name: fields.preferred,
                time_zone: fields.time_zone,
                how_we_met: fields.how_we_met,
                company: fields.company,
                household: fields.household,
            };
            let points: Vec<NewContactPoint> = email
                .into_iter()
                .map(|v| (ContactKind::Email, v))
                .chain(phone.into_iter().map(|v| (ContactKind::Phone, v)))
                .chain(address.into_iter().map(|v| (ContactKind::Address, v)))
                .map(|(kind, value)| NewContactPoint { kind, label: None, value, preferred: false })
                .collect();
            // The core checks every part before it writes any, so a bad email never leaves a customer without it.
            let c = book.add_customer_with(input, points, tag, now)?;
            emit(j, &c, || format!("Added {} ({})", c.name, c.id))
        }
        CustomersCmd::List { tag, limit, offset } => {
            let list = book.list_customers(&ListQuery { tag, text: None, limit, offset })?;
            emit(j, &list, || present::customer_list(&list))
        }
        CustomersCmd::Show { id } => {
            let id = book.lookup_customer(&id)?;
            let rec = book.customer_record(&id)?;
            let authors = book.entered_by(&id)?;
            if j && book.keeps_who_entered() {
                // The shared book says who entered what beside the record (always, so the shape never depends on
                // whether anyone has entered anything yet).
                let out = serde_json::json!({ "customer": &rec, "entered_by": &authors });
                return emit(j, &out, String::new);
            }
            emit(j, &rec, || present::customer(&rec, &authors, now))
        }
        CustomersCmd::Edit { .. } | CustomersCmd::Reassign { .. } => {
            Err(Error::invalid("command", "this face edits customers and hands them on itself"))
        }
        CustomersCmd::Search { query, limit } => {
            let hits = book.search(&query, limit)?;
            emit(j, &hits, || present::hits(&hits))
        }
    }
}

fn issues(cmd: IssuesCmd, book: &mut dyn Book, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    let issue = match cmd {
        IssuesCmd::Open { customer, title, next_update } => {
            let id = book.lookup_customer(&customer)?;
            book.open_issue(&id, NewIssue { title, opened_on: None, next_update_on: next_update }, now)?
        }
        IssuesCmd::Update { issue, text, next_update } => {
            let id = book.lookup_issue(&issue)?;
            book.update_issue(&id, &text, next_update, now)?
        }
        IssuesCmd::Resolve { issue, resolution } => {
            let id = book.lookup_issue(&issue)?;
            book.resolve_issue(&id, &resolution, now)?
        }
    };
    emit(j, &issue, || format!("Issue {}: {} ({})", issue.status, issue.title, issue.id))
}

/// A contact file's plan, shown; and unless it is a dry run, written in one transaction and searchable when the
/// command ends.
fn import_contacts(
    book: &mut dyn Book,
    parsed: rapport_core::io::contact::Parsed,
    join: &[usize],
    dry_run: bool,
    now: DateTime<Utc>,
    j: bool,
) -> Result<(), Error> {
    let mut plan = book.plan_import(parsed)?;
    plan.join(join)?;
    let report = if dry_run {
        None
    } else {
        let quiet = j || plan.new_customers + plan.merges.len() < 2000;
        let progress = |done: usize, total: usize| {
            if !quiet {
                eprint!("\rimporting {done} of {total}…");
            }
        };
        let r = book.apply_import(&plan, now, &progress, &std::sync::atomic::AtomicBool::new(false))?;
        if !quiet {
            eprintln!();
        }
        Some(r)
    };
    let out = serde_json::json!({ "dry_run": dry_run, "plan": plan, "report": report });
    emit(j, &out, || present::import(&plan, report.as_ref()))
}

fn tags(cmd: TagsCmd, book: &mut dyn Book, now: DateTime<Utc>, j: bool) -> Result<(), Error> {
    match cmd {
        TagsCmd::Add { customer, tag } => {
            let id = book.lookup_customer(&customer)?;
            let t = book.add_tag(&id, &tag, now)?;
            emit(j, &t, || format!("Tagged #{}", t.tag))
        }
        TagsCmd::Remove { customer, tag } => {
            let id = book.lookup_customer(&customer)?;
            book.remove_tag(&id, &tag, now)?;
            emit(j, &serde_json::json!({ "removed": tag }), || format!("Removed #{}", tag.trim_start_matches('#')))
        }
        TagsCmd::List => {
            let counts: Vec<_> = book
                .tag_counts()?
                .into_iter()
                .map(|(tag, customers)| serde_json::json!({ "tag": tag, "customers": customers }))
                .collect();
            emit(j, &counts, || {
                counts.iter().map(|c| format!("#{}  {}\n", c["tag"].as_str().unwrap_or(""), c["customers"])).collect()
            })
        }
    }
}
