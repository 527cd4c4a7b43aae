//! Real calendar files from other projects' test suites (`../shared/fixtures/calendar/`, sources and licences in
//! its SOURCES.md), read in place — never copied into the project. A clone alone skips this (`io::invite`'s own
//! tests and `tests/cli.rs` prove each quirk with files written for the purpose).

use rapport_core::io::invite;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/calendar")
}

/// What one file must give: file, organizer (or ""), an attendee (or ""), start (UTC), all day, cancelled, summary.
type Expected = (&'static str, &'static str, &'static str, &'static str, bool, bool, &'static str);

/// Every real calendar file reads — the malformed ones too, leaving out the line that cannot be read — and gives
/// who organised it, who was invited, when it starts in UTC (Olson zones, Windows zone names, floating and all-day
/// times), whether it is cancelled, and what it is.
#[test]
fn real_invitations_give_who_when_and_what() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    for f in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|f| f.path()) {
        if f.extension().is_some_and(|e| e == "ics") {
            invite::read(&std::fs::read(&f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        }
    }
    let cases: &[Expected] = &[
        (
            "ny_google_invite_allday_weekly.ics",
            "charles@inboxapp.com",
            "benbitdit@example.com",
            "2014-08-10T12:00:00Z",
            true,
            false,
            "test recurring event",
        ),
        (
            "ny_google_cancel.ics",
            "inboxapptest.french@gmail.com",
            "karim@nilas.com",
            "2015-04-01T14:00:00Z",
            false,
            true,
            "Buffalo Buffalo",
        ),
        (
            "ny_google_reply_tentative.ics",
            "test2@example.com",
            "test1@example.com",
            "2015-04-01T14:00:00Z",
            false,
            false,
            "Spot le chien",
        ),
        // "Romance Standard Time" is Paris: 09:30 there in February.
        (
            "ny_exchange2010_invite_windows_tz.ics",
            "inbox.apptest2@inboxapp.onmicrosoft.com",
            "karim@nilas.com",
            "2015-02-20T08:30:00Z",
            false,
            false,
            "Pommes",
        ),
        (
            "ny_iphone_invite_via_exchange.ics",
            "inbox.apptest2@inboxapp.onmicrosoft.com",
            "khamidou@inboxapp.com",
            "2014-12-27T15:00:00Z",
            false,
            false,
            "Nouvel ?v?nement",
        ),
        (
            "nc_attendees_delegation.ics",
            "jsmith@example.com",
            "jdoe@example.com",
            "2016-08-16T07:00:00Z",
            false,
            false,
            "Test Europe Berlin",
        ),
        (
            "ny_icloud_allday_invite.ics",
            "",
            "benbitdiddle@icloud.com",
            "2015-03-16T12:00:00Z",
            true,
            false,
            "An all-day meeting about meetings",
        ),
        // A malformed TZID swallows a later event's time: that line is left out, the first event reads ("W. Europe
        // Standard Time" is Berlin: 09:00 in September).
        ("ni_exchange_ms_timezones.ics", "", "", "2020-09-10T07:00:00Z", false, false, "test"),
        ("ni_owncloud_yearly_allday_utf8.ics", "", "", "2012-07-14T12:00:00Z", true, false, "Fête Nationale - Férié"),
        (
            "ic_broken_double_semicolon.ics",
            "",
            "",
            "2014-04-09T09:30:00Z",
            false,
            false,
            "An Event with too many semicolons",
        ),
        ("tbc_import_latin1.ics", "", "", "2019-01-01T15:00:00Z", false, false, "Event One"),
    ];
    for &(file, organizer, attendee, starts, all_day, cancelled, summary) in cases {
        let i = invite::read(&std::fs::read(dir.join(file)).unwrap()).unwrap_or_else(|e| panic!("{file}: {e}"));
        if !organizer.is_empty() {
            assert_eq!(i.organizer.as_ref().map(|m| m.address.as_str()), Some(organizer), "{file}");
        }
        assert!(attendee.is_empty() || i.attendees.iter().any(|m| m.address == attendee), "{file}: {:?}", i.attendees);
        let at = i.starts.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        assert_eq!(at.as_deref(), Some(starts), "{file}");
        assert_eq!((i.all_day, i.cancelled), (all_day, cancelled), "{file}");
        assert_eq!(i.summary.as_deref(), Some(summary), "{file}");
    }
}
