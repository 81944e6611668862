//! The egenkontroll's fixed questions: the one place their Swedish texts are written.
//! The catalogue's labels for `home_surveys` (catalogue/tables/support.rs) take them
//! from [`survey_question!`], the PDF and the CLI from [`QUESTIONS`], and the UI's
//! `survey.q.<code>` texts in sv.json are checked against them (see the tests).

/// A question's Swedish text by its column, as a literal (so that `concat!` can add to
/// it, as the catalogue does).
macro_rules! survey_question {
    (reachability) => {
        "Vi når vår konsulent när vi behöver"
    };
    (supervision) => {
        "Handledningen hjälper oss i uppdraget"
    };
    (information) => {
        "Vi får den information vi behöver"
    };
    (training) => {
        "Utbildningen är till nytta"
    };
    (overall) => {
        "Sammantaget nöjda med stödet"
    };
}
pub(crate) use survey_question;

/// One fixed question: its column in `home_surveys` and its Swedish text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub code: &'static str,
    pub text: &'static str,
}

/// The questions, in the order they are asked (answers 1–5: 1 not at all, 5 fully).
pub const QUESTIONS: [Question; 5] = [
    Question {
        code: "reachability",
        text: survey_question!(reachability),
    },
    Question {
        code: "supervision",
        text: survey_question!(supervision),
    },
    Question {
        code: "information",
        text: survey_question!(information),
    },
    Question {
        code: "training",
        text: survey_question!(training),
    },
    Question {
        code: "overall",
        text: survey_question!(overall),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_asks_the_same_questions_in_swedish() {
        let sv: serde_json::Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../ui/src/i18n/sv.json"
        )))
        .unwrap_or_default();
        for q in QUESTIONS {
            assert_eq!(
                sv[format!("survey.q.{}", q.code)].as_str(),
                Some(q.text),
                "{}",
                q.code
            );
        }
    }
}
