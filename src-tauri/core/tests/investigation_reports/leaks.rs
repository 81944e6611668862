//! No personal data by accident: a refused save or signing of the written
//! familjehemsutredning (too long, bad characters, a section of another version, a
//! co-investigator on several lines, a signed version, another caseworker's draft, an
//! unchosen recommendation, a justification too long) and the database's own lock on a
//! signed version put no text, no name and no personnummer in the error (as shown, as
//! debugged, as sent to the UI) or in anything logged, and write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use std::sync::{Arc, Mutex};

use crate::common::*;
use crate::privacy_world::*;
use akta_core::error::Reason;
use akta_core::investigation_report::{self as written, ReportSave, MAX_BODY_CHARS};

/// A writer of everything logged on this thread, at every level.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn refused_saves_and_signings_put_no_text_or_name_in_the_error_or_the_logs() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let s = &w.staff;
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let kim = other_caseworker(s).await;
    let v2 = written::get(&s.store, &s.karin, w.v2, today())
        .await
        .unwrap();
    let v1 = written::get(&s.store, &s.karin, w.v1, today())
        .await
        .unwrap();
    let number = bengt_number();
    let secret = format!("{BENGT_HEALTH} Bengt Sandberg {number}");
    let relationship = section(&v2, "relationship", None);
    let save = |sections: Vec<(i64, String)>, co: Option<String>| ReportSave {
        sections: sections
            .into_iter()
            .map(|(id, body)| text(id, &body))
            .collect(),
        co_investigator: co,
        recommendation: v2.recommendation,
    };
    let too_long = secret.repeat(MAX_BODY_CHARS / secret.chars().count() + 1);
    let events = audit_count(&s.store).await;

    let mut refused = Vec::new();
    for (actor, id, input, field, reason) in [
        (
            &s.karin,
            w.v2,
            save(vec![(relationship, too_long)], None),
            "body",
            Reason::TooLong,
        ),
        (
            &s.karin,
            w.v2,
            save(vec![(relationship, format!("{secret}\u{0007}"))], None),
            "body",
            Reason::Characters,
        ),
        (
            // A section of version 1 is not one of the draft's.
            &s.karin,
            w.v2,
            save(
                vec![(section(&v1, "health", Some(w.bengt)), secret.clone())],
                None,
            ),
            "sections",
            Reason::Unknown,
        ),
        (
            &s.karin,
            w.v2,
            save(vec![], Some(format!("Bengt Sandberg\n{number}"))),
            "co_investigator",
            Reason::Characters,
        ),
        (
            &s.karin,
            w.v1,
            save(
                vec![(section(&v1, "relationship", None), secret.clone())],
                None,
            ),
            "report",
            Reason::NotAllowed,
        ),
        (
            &kim,
            w.v2,
            save(vec![(relationship, secret.clone())], None),
            "report",
            Reason::NotAllowed,
        ),
    ] {
        let e = written::save(&s.store, actor, id, &input, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), vec![(field, reason)]);
        refused.push(e);
    }
    let long_reason = format!("{secret} ").repeat(100);
    for (actor, id, why) in [
        (&kim, w.v2, Some(secret.as_str())),
        (&s.karin, w.v1, Some(secret.as_str())),
        (&s.karin, w.v2, Some(long_reason.as_str())),
    ] {
        refused.push(
            written::sign(&s.store, actor, id, why, today())
                .await
                .unwrap_err(),
        );
    }
    assert_eq!(
        refusals(refused.last().unwrap()),
        vec![("justification", Reason::TooLong)]
    );
    // The store's own lock refuses a change to a signed version, in words without it.
    let locked =
        sqlx::query("UPDATE investigation_report_sections SET body = ? WHERE report_id = ?")
            .bind(&secret)
            .bind(w.v1)
            .execute(s.store.pool())
            .await
            .unwrap_err();
    refused.push(locked.into());
    assert_eq!(
        audit_count(&s.store).await,
        events,
        "a refusal writes nothing"
    );
    let after = written::get(&s.store, &s.karin, w.v2, today())
        .await
        .unwrap();
    assert_eq!(after.sections, v2.sections, "nothing was saved");
    assert_eq!(after.co_investigator, v2.co_investigator);

    // Unchosen recommendation and unwritten recommendation: refused by field.
    let cleared = ReportSave {
        sections: vec![text(section(&v2, "recommendation", None), "  ")],
        co_investigator: None,
        recommendation: None,
    };
    written::save(&s.store, &s.karin, w.v2, &cleared, today())
        .await
        .unwrap();
    let e = written::sign(&s.store, &s.karin, w.v2, Some(JUSTIFICATION), today())
        .await
        .unwrap_err();
    let fields = refusals(&e);
    assert!(fields.contains(&("recommendation", Reason::Required)));
    assert!(fields.contains(&("recommendation_text", Reason::Required)));
    refused.push(e);

    let mut secrets = vec![
        "Bengt",
        "Sandberg",
        "Astrid",
        "Lund",
        "Ella",
        "diabetes",
        "Malmberget",
        "trädgårdsdesign",
        "Holmström",
    ];
    let forms = number_forms(&number);
    secrets.extend(forms.iter().map(String::as_str));
    for e in &refused {
        // What the shell logs of a refused command, and more: the message too.
        tracing::warn!(code = ?e.code(), message = %e.to_ui().message, "command failed");
        let shown = format!("{e}\n{e:?}\n{}", serde_json::to_string(&e.to_ui()).unwrap());
        for bad in &secrets {
            assert!(!shown.contains(bad), "the error shows {bad:?}: {shown}");
        }
    }
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("command failed"), "the logs were captured");
    for bad in &secrets {
        assert!(!logged.contains(bad), "the logs show {bad:?}");
    }
}
