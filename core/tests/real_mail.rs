//! Real email messages from other projects' test suites (`../shared/fixtures/mail/`, sources and licences in its
//! SOURCES.md), read in place — never copied into the project. A clone alone skips this (`io::mail`'s own tests
//! and `tests/cli.rs` prove each quirk with messages written for the purpose).

use rapport_core::io::mail;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/mail")
}

/// What one message must give: file, from, a recipient (or ""), date (UTC), subject, its own words (or "").
type Expected = (&'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>, &'static str);

/// Every message reads — or, when it names nobody, says so — and never panics.
#[test]
fn every_real_message_reads_or_says_why_not() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let mut read = 0;
    let mut refused = Vec::new();
    for f in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|f| f.path()) {
        if f.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        match mail::read(&std::fs::read(&f).unwrap()) {
            Ok(_) => read += 1,
            Err(e) => refused.push(format!("{}: {e}", f.file_name().unwrap().to_string_lossy())),
        }
    }
    // The one message with no address at all: 37 bytes, a lone broken Subject header.
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].starts_with("rm_bad_encoded_subject.eml") && refused[0].contains("no sender and no recipient"));
    assert!(read >= 39, "{read} read");
}

/// Per message: who wrote to whom, when, the subject, and the message's own words — replies without what they
/// quote (top- and bottom-posted, in English and Russian attributions, Outlook's header block, Yahoo's "Original
/// Message"), in every charset the folder has.
#[test]
fn real_messages_give_sender_date_subject_and_their_own_words() {
    let dir = dir();
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let cases: &[Expected] = &[
        (
            "tl_gmail_reply.eml",
            "xxx@gmail.com",
            "bob@example.com",
            Some("2012-04-02T16:21:52Z"),
            Some("Re: Test"),
            "Hello",
        ),
        (
            "tl_thunderbird_reply.eml",
            "bob@xxx.mailgun.org",
            "xxx@gmail.com",
            Some("2012-04-02T14:27:08Z"),
            Some("Re: Test"),
            "Hello",
        ),
        (
            "tl_android_gmail_reply_ru.eml",
            "bob@example.com",
            "bob@xxx.mailgun.org",
            Some("2012-04-02T14:22:10Z"),
            Some("Re: Test"),
            "Hello",
        ),
        ("tl_outlook_reply_header_block.eml", "me@example.com", "you@example.com", None, Some("Test"), "Hello"),
        (
            "tl_yahoo_original_message.eml",
            "xxx@yahoo.com",
            "bob@xxx.mailgun.org",
            Some("2012-04-02T13:45:30Z"),
            Some("Re: Test"),
            "Hello",
        ),
        (
            "tl_iphone_reply_qp.eml",
            "xxx@gmail.com",
            "bob@example.com",
            Some("2012-04-03T12:23:59Z"),
            Some("Re: Test"),
            "Hello",
        ),
        (
            "tl_hotmail_reply.eml",
            "xxx@hotmail.com",
            "bob@xxx.mailgun.org",
            Some("2012-04-02T13:47:37Z"),
            Some("RE: Test"),
            "Hello",
        ),
        (
            "mk_thunderbird_iso2022jp.eml",
            "x@x.com",
            "x@x.com",
            Some("2015-07-21T16:02:29Z"),
            Some("日本語メールテスト (testing Japanese emails)"),
            "Let's see if both subject and body works fine...\n\n日本語が\n正常に\n送れているか\nテスト.",
        ),
        (
            "tb_koi8r_subject_body.eml",
            "new@thunderbird.bug",
            "",
            Some("2001-05-27T20:23:35Z"),
            Some("Алфавит"),
            "Вопрос",
        ),
        (
            "tb_html_only_qp.eml",
            "test@example.com",
            "test@example.com",
            Some("2017-12-30T18:12:38Z"),
            Some("23 HTML"),
            "Search for höhö Test that we assemble HTML bodies correctly when there is a softbreak involved.",
        ),
        (
            "tb_plain_base64_latin1.eml",
            "joe@example.org",
            "jane@example.org",
            Some("2008-07-12T00:03:07Z"),
            Some("base64 content"),
            "You have decoded this text from base64.",
        ),
        (
            "tb_encoded_name_with_comma.eml",
            "K.Hoerst@invalid",
            "new@thunderbird.bug",
            Some("2024-09-23T14:16:47Z"),
            Some("Message for Bug 1919244"),
            "Test",
        ),
        (
            "rm_rfc2822_group_syntax.eml",
            "pete@silly.example",
            "jdoe@one.test",
            Some("1969-02-14T03:02:54Z"),
            None,
            "Testing.",
        ),
        (
            "ny_icloud_invite_fr.eml",
            "noreply@insideicloud.icloud.com",
            "karim@nilas.com",
            Some("2015-03-16T03:59:34Z"),
            Some("Karim Hamidou vous a invité à « Nilas test drive »"),
            "",
        ),
    ];
    for &(file, from, to, at, subject, words) in cases {
        let e = mail::read(&std::fs::read(dir.join(file)).unwrap()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(e.from.first().map(|m| m.address.as_str()), Some(from), "{file}");
        assert!(to.is_empty() || e.to.iter().any(|m| m.address == to), "{file}: {:?}", e.to);
        assert_eq!(e.at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).as_deref(), at, "{file}");
        assert_eq!(e.subject.as_deref(), subject, "{file}");
        if !words.is_empty() {
            assert_eq!(e.words, words, "{file}");
        }
    }
    // The Spanish message that declares no charset reads as Windows-1252, not as broken UTF-8.
    let spanish = mail::read(&std::fs::read(dir.join("tb_windows1252_undeclared.eml")).unwrap()).unwrap();
    assert!(
        spanish.words.starts_with("Aquí tenemos texto en español:") && !spanish.words.contains('\u{fffd}'),
        "{}",
        spanish.words
    );
    // The display name "Hörst, Kenny" is one person, not two.
    let comma = mail::read(&std::fs::read(dir.join("tb_encoded_name_with_comma.eml")).unwrap()).unwrap();
    assert_eq!(comma.from.len(), 1);
    assert_eq!(comma.from[0].name.as_deref(), Some("Hörst, Kenny"));
}
