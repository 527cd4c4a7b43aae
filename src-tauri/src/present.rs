//! Human text for the command line: what a salesperson reads in a terminal.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use rapport_core::date_style;
use rapport_core::model::*;
use rapport_core::SearchHit;

/// A day as every line here names it: "Mon 23 Nov 2026" in the salesperson's style.
fn day(d: chrono::NaiveDate) -> String {
    date_style::date(d)
}

pub fn customer_list(list: &[CustomerSummary]) -> String {
    if list.is_empty() {
        return "No customers.\n".to_string();
    }
    let mut out = String::new();
    for c in list {
        let mut line = format!("{}  {}", c.id, c.name);
        if let Some(p) = &c.preferred_name {
            let _ = write!(line, " ({p})");
        }
        if let Some(co) = &c.company {
            let _ = write!(line, " — {co}");
        }
        for t in &c.tags {
            let _ = write!(line, " #{t}");
        }
        if c.open_promises > 0 {
            let _ = write!(line, "  [{} promise{} open]", c.open_promises, plural(c.open_promises));
        }
        if c.open_issues > 0 {
            let _ = write!(line, "  [{} issue{} open]", c.open_issues, plural(c.open_issues));
        }
        if c.do_not_contact {
            line += "  [DO NOT CONTACT]";
        }
        out += &line;
        out.push('\n');
    }
    out
}

pub fn customer(rec: &CustomerRecord, authors: &[rapport_core::book::EnteredBy], now: DateTime<Utc>) -> String {
    let c = &rec.customer;
    let mut o = String::new();
    let _ = write!(o, "{}", c.name);
    if let Some(p) = &c.preferred_name {
        let _ = write!(o, " (goes by {p})");
    }
    let _ = writeln!(o, "   id {}", c.id);
    match c.time_zone.as_deref().and_then(|z| rapport_core::time::parse_zone(z).ok()) {
        Some(zone) => {
            let _ = writeln!(
                o,
                "Their time: {} ({})",
                date_style::weekday_clock(now.with_timezone(&zone).naive_local()),
                zone
            );
        }
        None => o += "Their time zone is unknown.\n",
    }
    for (label, value) in [("Company", &c.company), ("Household", &c.household), ("How we met", &c.how_we_met)] {
        if let Some(v) = value {
            let _ = writeln!(o, "{label}: {v}");
        }
    }
    if !rec.tags.is_empty() {
        let tags: Vec<String> = rec.tags.iter().map(|t| format!("#{}", t.tag)).collect();
        let _ = writeln!(o, "Tags: {}", tags.join(" "));
    }

    o += "\nHow to reach me\n";
    for p in &rec.contact_points {
        let _ = writeln!(
            o,
            "  {} {}{}{}",
            p.kind,
            p.value,
            p.label.as_deref().map(|l| format!(" ({l})")).unwrap_or_default(),
            if p.preferred { " — preferred" } else { "" }
        );
    }
    if rec.preferences.is_empty() {
        o += "  No statements yet.\n";
    } else {
        o += &statements_told(&rec.preferences, authors);
    }

    let open_promises: Vec<&Promise> = rec.promises.iter().filter(|p| p.status == PromiseStatus::Open).collect();
    let open_issues: Vec<&CustomerIssue> = rec.issues.iter().filter(|i| i.status == IssueStatus::Open).collect();
    if !open_promises.is_empty() || !open_issues.is_empty() {
        o += "\nWaiting on you\n";
        for p in open_promises {
            let overdue = if p.due_on < now.date_naive() { " — OVERDUE" } else { "" };
            let _ = writeln!(o, "  promise: {} — due {}{}   ({})", p.what, day(p.due_on), overdue, p.id);
        }
        for i in open_issues {
            let next = i.next_update_on.map(|d| format!(", next update {}", day(d))).unwrap_or_default();
            let _ = writeln!(o, "  issue: {} — opened {}{}   ({})", i.title, day(i.opened_on), next, i.id);
        }
    }
    if !rec.purchases.is_empty() {
        o += "\nPurchases\n";
        for p in &rec.purchases {
            let _ = writeln!(o, "  {} — {} ({})", day(p.purchased_on), p.description, p.ownership);
            if let Some(vin) = p.vehicle.as_ref().and_then(|v| v.vin.as_ref()) {
                let _ = writeln!(o, "    VIN {vin}");
            }
            if !p.features.is_empty() {
                let _ = writeln!(o, "    features: {}", p.features.join(", "));
            }
            if let Some(d) = p.term_ends_on {
                let _ = writeln!(o, "    {} ends {}", p.ownership, day(d));
            }
            if let Some(d) = p.warranty_ends_on {
                let _ = writeln!(
                    o,
                    "    warranty ends {}{}",
                    day(d),
                    p.warranty_terms.as_deref().map(|t| format!(" ({t})")).unwrap_or_default()
                );
            }
            for s in &p.included_services {
                let _ = writeln!(
                    o,
                    "    included: {} every {} months, {} of {} used",
                    s.name, s.every_months, s.used, s.total
                );
            }
            for d in &p.deliverables {
                let state = match (d.delivered_on, d.due_on) {
                    (Some(on), _) => format!("delivered {}", day(on)),
                    (None, Some(due)) => format!("owed, due {}", day(due)),
                    (None, None) => "owed".to_string(),
                };
                let _ = writeln!(o, "    {}: {state}", d.what);
            }
        }
    }
    if !rec.facts.is_empty() || !rec.goals.is_empty() {
        o += "\nFacts and goals\n";
        for f in &rec.facts {
            let src = f.source.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
            let _ = writeln!(o, "  {} (learned {}{src})", f.text, day(f.learned_on));
        }
        for g in &rec.goals {
            let _ = writeln!(o, "  goal: {} (since {})", g.text, day(g.stated_on));
        }
    }
    let mut timeline: Vec<(DateTime<Utc>, String)> = Vec::new();
    for i in &rec.interactions {
        let mut line = format!("{} {} {}: {}", day(i.at.date_naive()), i.direction, i.channel, i.summary);
        for q in &i.quotes {
            let _ = write!(line, " — “{q}”");
        }
        timeline.push((i.at, line));
    }
    for n in &rec.notes {
        let status = n.status.map(|s| format!(" ({s})")).unwrap_or_default();
        timeline.push((n.created_at, format!("{} {}{status}: {}", day(n.created_at.date_naive()), n.kind, n.text)));
    }
    if !timeline.is_empty() {
        timeline.sort_by_key(|t| std::cmp::Reverse(t.0));
        o += "\nTimeline (newest first)\n";
        for (_, line) in timeline {
            let _ = writeln!(o, "  {line}");
        }
    }
    o
}

pub fn statements(list: &[PreferenceStatement]) -> String {
    statements_told(list, &[])
}

/// Statements, each with who heard it where a shared book keeps that ("told Dana on 4 Nov").
pub fn statements_told(list: &[PreferenceStatement], authors: &[rapport_core::book::EnteredBy]) -> String {
    let mut o = String::new();
    for s in list {
        let when = day(s.said_at.date_naive());
        let heard = match authors.iter().find(|a| a.record_id == s.id) {
            Some(a) => format!("told {} on {when}", a.name),
            None => format!("said {when}"),
        };
        let _ = writeln!(o, "  {} — “{}” ({heard})", s.means.describe(), s.words);
    }
    o
}

pub fn hits(hits: &[SearchHit]) -> String {
    if hits.is_empty() {
        return "Nothing found.\n".to_string();
    }
    hits.iter().map(|h| format!("{}  {} — {}: {}\n", h.customer_id, h.customer_name, h.kind, h.text)).collect()
}

pub fn profile(p: &Profile) -> String {
    let days: Vec<String> = p.work_days.iter().map(|d| d.to_string()).collect();
    format!(
        "Name: {}\nDealership: {}\nTime zone: {}\nWorking hours: {} on {}\nSignature: {}\nVoice: {}\n\
         Calls and texts by default: {} their time ({} calling rule)\nAt most one proactive contact every {} days\n\
         Notifications: {}\nDates and times: {} · {}{}\n",
        p.name,
        p.dealership,
        p.time_zone,
        date_style::hours(p.work_start, p.work_end),
        days.join(", "),
        p.signature.replace('\n', " / "),
        p.voice.as_deref().unwrap_or(""),
        date_style::hours(p.contact_start, p.contact_end),
        p.calling_rule,
        p.min_days_between,
        if p.notifications { "on" } else { "off" },
        date_style::date(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()),
        date_style::clock(chrono::NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default()),
        if p.date_style.is_none() { " (as the system's language sets it)" } else { "" }
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn decision(d: &rapport_core::guard::Decision) -> String {
    let verdict = match d.decision {
        rapport_core::guard::Verdict::Allowed => "ALLOWED",
        rapport_core::guard::Verdict::Caution => "CAUTION",
        rapport_core::guard::Verdict::Blocked => "BLOCKED",
    };
    let mut o = format!("{verdict}\n");
    for f in &d.reasons {
        let _ = write!(o, "  {} [{}]", f.message, f.rule.as_str());
        if let Some(q) = &f.quote {
            let _ = write!(o, "\n    they said: “{q}”");
            if let Some(on) = f.said_on {
                let _ = write!(o, " ({})", day(on));
            }
        }
        o.push('\n');
    }
    if let Some(s) = &d.suggestion {
        let _ = writeln!(o, "  → {s}");
    }
    o
}

/// The decision, then what the text does: each intent with its words and, where it trips a rule, the
/// customer's own words.
pub fn decision_with_intents(r: &rapport_core::guard::OutreachReading) -> String {
    let mut o = decision(&r.decision);
    if !r.intents.is_empty() {
        o.push_str("  the text:\n");
    }
    for i in &r.intents {
        let _ = write!(o, "    {} “{}”", i.intent.label().replace('_', " "), i.intent.words);
        if let Some(rule) = i.rule {
            let _ = write!(o, " [{}]", rule.as_str());
        }
        if let Some(q) = &i.quote {
            let _ = write!(o, " — they said: “{q}”");
        }
        o.push('\n');
    }
    o
}

/// What listening proposes, one line each, with the words it came from.
pub fn listening(l: &rapport_core::language::listen::Listening) -> String {
    use rapport_core::language::listen::Heard;
    if l.suggestions.is_empty() {
        return "Nothing to record in these words.\n".to_string();
    }
    let mut o = String::new();
    for s in &l.suggestions {
        let what = match &s.heard {
            Heard::Statement { means } => format!("said: {}", means.describe()),
            Heard::Request { what } => format!("asked for: {what}"),
            Heard::Sentiment { sentiment } => {
                (if *sentiment == Sentiment::Positive { "praise" } else { "a complaint" }).to_string()
            }
            Heard::Promise { what, due_on } => match due_on {
                Some(d) => format!("you promised, by {}: {what}", day(*d)),
                None => format!("you promised (no date said): {what}"),
            },
            Heard::Fact { text, date } => match date {
                Some(d) => format!("a fact, dated {}: {text}", day(*d)),
                None => format!("a fact: {text}"),
            },
        };
        let _ = writeln!(o, "{what}\n    from “{}” (characters {}–{})", s.words, s.start, s.end);
    }
    if l.truncated {
        let _ = writeln!(o, "Only the first {} characters were read.", rapport_core::language::text::MAX_CHARS);
    }
    o.push_str("Nothing was recorded: record what is right with `prefs add`, `promises add` …\n");
    o
}

pub fn playbooks(list: &[Playbook]) -> String {
    let mut o = String::new();
    for p in list {
        let _ = writeln!(o, "#{}", p.tag);
        if !p.never_topics.is_empty() {
            let _ = writeln!(o, "  never: {}", p.never_topics.join(", "));
        }
        for offer in &p.offer {
            let _ = writeln!(o, "  offer: {offer}");
        }
        if !p.script.is_empty() {
            let _ = writeln!(o, "  script: {}", p.script);
        }
    }
    if o.is_empty() {
        o = "No playbooks.\n".into();
    }
    o
}

pub fn campaign(c: &rapport_core::store::CampaignCheck, files: Option<(&std::path::Path, &std::path::Path)>) -> String {
    let mut o = format!(
        "{} may receive it, {} may not, {} match nobody.\n",
        c.included.len(),
        c.excluded.len(),
        c.unmatched.len()
    );
    for m in &c.about_the_message {
        let _ = writeln!(o, "The message: {m}");
    }
    if !c.excluded.is_empty() {
        o += "\nMay not receive it\n";
        for e in &c.excluded {
            let _ = write!(o, "  {} — {} [{}]", e.name, e.message, e.rule);
            if let Some(q) = &e.quote {
                let _ = write!(o, " — they said: “{q}”");
            }
            o.push('\n');
        }
    }
    if !c.unmatched.is_empty() {
        o += "\nMatch nobody\n";
        for u in &c.unmatched {
            let name = if u.name.is_empty() { String::new() } else { format!(" {}", u.name) };
            let _ = writeln!(o, "  line {}{name}: {}", u.line, u.why);
        }
    }
    if let Some((inc, exc)) = files {
        let _ = writeln!(o, "\nWrote {} and {} (the suppression list).", inc.display(), exc.display());
    }
    o
}

pub fn held_back(list: &[HeldBack]) -> String {
    if list.is_empty() {
        return "Nothing held back.\n".into();
    }
    let mut o = String::new();
    for h in list {
        let _ = write!(
            o,
            "{} {}  {} for {} — {} [{}]",
            day(h.at.date_naive()),
            date_style::clock(h.at.time()),
            h.channel,
            h.customer_id,
            h.message,
            h.rule
        );
        if let Some(q) = &h.quote {
            let _ = write!(o, " — they said: “{q}”");
        }
        o.push('\n');
    }
    o
}

pub fn agenda(a: &rapport_core::reasons::Agenda) -> String {
    use rapport_core::reasons::Group;
    let mut o = String::new();
    let groups = [
        (Group::WaitingOnYou, "Waiting on you"),
        (Group::TimeSensitive, "Time-sensitive"),
        (Group::WorthOffering, "Worth offering"),
    ];
    for (group, title) in groups {
        let rows: Vec<_> = a.reasons.iter().filter(|r| r.group == group).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{title}");
        for r in rows {
            let overdue = if r.overdue_days > 0 { format!(" [overdue {}d]", r.overdue_days) } else { String::new() };
            let _ = writeln!(o, "  {} — {}{overdue}", r.customer_name, r.value);
            let _ = writeln!(o, "    {} · {} · {}   ({})", r.channel, r.window.their_time, r.window.your_time, r.id);
            for c in &r.cautions {
                let _ = writeln!(o, "    caution: {}", c.message);
            }
        }
        o.push('\n');
    }
    if a.reasons.is_empty() {
        o += "Nobody is waiting on you today.\n\n";
    }
    if !a.held_back.is_empty() {
        let _ = writeln!(o, "Held back ({})", a.held_back.len());
        for h in &a.held_back {
            let _ = write!(o, "  {} — {}: {}", h.reason.customer_name, h.reason.kind.as_str(), h.message);
            if let Some(q) = &h.quote {
                let _ = write!(o, " — they said: “{q}”");
            }
            o.push('\n');
        }
    }
    o
}

pub fn notified(sent: &[crate::notify::Sent]) -> String {
    if sent.is_empty() {
        return "Nothing to notify now.\n".into();
    }
    sent.iter().map(|n| format!("Notified: {} — {}\n", n.summary, n.body)).collect()
}

pub fn backups(list: &[rapport_core::store::backup::Backup], folder: &std::path::Path) -> String {
    if list.is_empty() {
        return format!("No backups yet in {}.\n", folder.display());
    }
    let mut o = format!("Backups in {} (newest first):\n", folder.display());
    for b in list {
        let _ = writeln!(o, "  {}  {:>8} KB  {}", b.taken_at.format("%Y-%m-%d %H:%M UTC"), b.bytes / 1024, b.name);
    }
    o
}

pub fn import(plan: &rapport_core::store::ImportPlan, report: Option<&rapport_core::store::ImportReport>) -> String {
    let mut o = format!("{} new customer{}\n", plan.new_customers, if plan.new_customers == 1 { "" } else { "s" });
    let in_book = plan.merges.iter().filter(|m| !m.customer_id.is_empty()).count();
    let in_file = plan.merges.len() - in_book;
    if !plan.merges.is_empty() {
        let mut heads = Vec::new();
        if in_book > 0 {
            heads.push(format!("{in_book} join{} customers already in your book", if in_book == 1 { "s" } else { "" }));
        }
        if in_file > 0 {
            let s = if in_file == 1 { "row is" } else { "rows are" };
            heads.push(format!("{in_file} {s} the same person as an earlier row of this file"));
        }
        let _ = writeln!(o, "{}:", heads.join("; "));
        for m in &plan.merges {
            let whom = if m.customer_id.is_empty() {
                format!("an earlier row ({})", m.customer_name)
            } else {
                m.customer_name.clone()
            };
            let by = match m.matched_by {
                rapport_core::store::MatchedBy::SameRapportId => "same Rapport id",
                rapport_core::store::MatchedBy::SameName => "same name, nothing else to go by",
                rapport_core::store::MatchedBy::SameEmail => "same email",
                rapport_core::store::MatchedBy::SamePhone => "same phone",
                rapport_core::store::MatchedBy::SameNameAndAddress => "same name and address",
            };
            let adds =
                if m.adds.is_empty() { "nothing new".to_string() } else { format!("adds {}", m.adds.join(", ")) };
            let _ = writeln!(o, "  line {}: {} → {whom} ({by}); {adds}", m.line, m.name);
        }
    }
    if !plan.possible_matches.is_empty() {
        let n = plan.possible_matches.len();
        let _ = writeln!(
            o,
            "{n} {} a phone or email with someone of another name (kept as separate customers; --join LINE,… joins them):",
            if n == 1 { "shares" } else { "share" }
        );
        for m in &plan.possible_matches {
            let whom = if m.customer_id.is_empty() {
                format!("{} (the row on line {})", m.customer_name, m.with_line)
            } else {
                m.customer_name.clone()
            };
            let _ = writeln!(o, "  line {}: {} and {whom} share {}", m.line, m.name, m.shares);
        }
    }
    if !plan.skipped_values.is_empty() {
        let n = plan.skipped_values.len();
        let _ = writeln!(o, "{n} value{} left out (the people are imported):", if n == 1 { "" } else { "s" });
        for b in &plan.skipped_values {
            let _ = writeln!(o, "  line {}: {}", b.line, b.message);
        }
    }
    if !plan.bad.is_empty() {
        let _ = writeln!(o, "{} row{} cannot be read:", plan.bad.len(), if plan.bad.len() == 1 { "" } else { "s" });
        for b in &plan.bad {
            let _ = writeln!(o, "  line {}: {}", b.line, b.message);
        }
    }
    match report {
        Some(r) => {
            let joined = match r.joined_rows {
                0 => String::new(),
                1 => " (1 more row joined them)".to_string(),
                n => format!(" ({n} more rows joined them)"),
            };
            let _ = writeln!(o, "Imported: {} added{joined}, {} merged, {} skipped.", r.added, r.merged, r.skipped);
        }
        None => o += "Dry run: nothing was written.\n",
    }
    o
}

/// A note with its score and each finding under the words it is about.
pub fn note(text: &str, report: &rapport_core::notes::Report, limit: Option<usize>) -> String {
    let mut o = format!("{text}\n\n");
    let length = text.chars().count();
    let _ = write!(o, "Score: {}/100", report.score);
    if let Some(l) = limit {
        let _ = write!(o, "   ({length} of about {l} characters)");
    }
    o.push('\n');
    let chars: Vec<char> = text.chars().collect();
    for f in &report.findings {
        let span: String = chars.get(f.start..f.end.min(chars.len())).map(|c| c.iter().collect()).unwrap_or_default();
        let _ = writeln!(o, "  [{}] “{}” — {}", f.rule.as_str(), span.replace('\n', " "), f.message);
        if let Some(q) = &f.quote {
            let _ = writeln!(o, "      they said: “{q}”");
        }
        if !f.suggestion.is_empty() {
            let _ = writeln!(o, "      → {}", f.suggestion);
        }
    }
    o
}

/// Notes to customers, one line each: when, to whom, what, status, the first words and the note's id.
pub fn notes(notes: &[rapport_core::model::ListedNote]) -> String {
    if notes.is_empty() {
        return "No thank-you notes or card prompts.".into();
    }
    let lines: Vec<String> = notes
        .iter()
        .map(|n| {
            let status = n.note.status.map_or("draft", |s| s.as_str());
            let words = n.note.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut first: String = words.chars().take(56).collect();
            if words.chars().count() > 56 {
                first.push('…');
            }
            format!(
                "{}  {:<22} {:<11} {:<7} {:<57}  {}",
                n.note.created_at.format("%Y-%m-%d"),
                n.customer_name,
                n.note.kind.as_str(),
                status,
                first,
                n.note.id
            )
        })
        .collect();
    lines.join("\n")
}

/// What `rapport log` did: one line per file.
pub fn logged_emails(logged: &[(String, rapport_core::store::LoggedEmail)]) -> String {
    let mut o = String::new();
    for (file, l) in logged {
        let way = if l.direction == Direction::Inbound { "from" } else { "to" };
        match &l.interaction {
            Some(i) => {
                let _ = writeln!(
                    o,
                    "{file}: logged an email {way} {} ({})",
                    l.customer_name,
                    i.at.format("%a %-d %b %Y %H:%M UTC")
                );
            }
            None => {
                let _ = writeln!(o, "{file}: already logged (an email {way} {})", l.customer_name);
            }
        }
        if let Some(d) = &l.guard {
            for r in &d.reasons {
                let _ = writeln!(o, "  the Guard would have said: {}", r.message);
            }
        }
    }
    o
}
