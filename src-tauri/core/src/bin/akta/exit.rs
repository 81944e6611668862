//! How a failed command ends: the error report on stderr (code, message, and a hint
//! where there is a way out) and the process exit code. The exit codes are the CLI's
//! contract with scripts: 0 success; 2 invalid input; 3 store cannot be unlocked;
//! 1 anything else.

use akta_core::error::{Error, ErrorCode};

use crate::output::json_name;

/// The process exit code for an error: 2 for input the user can correct (invalid, not
/// found, already there, no profile or role for it, restricted person), 3 when the store
/// cannot be unlocked, 1 for anything else.
///
/// Every code is listed, so that a new one gets a decision here rather than a default.
pub(crate) fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput
        | ErrorCode::NotFound
        | ErrorCode::StoreExists
        | ErrorCode::ProfileRequired
        | ErrorCode::NotPermitted
        | ErrorCode::PersonRestricted
        | ErrorCode::FileExists
        | ErrorCode::FolderUnavailable => 2,
        ErrorCode::WrongKey | ErrorCode::KeychainUnavailable | ErrorCode::StoreLocked => 3,
        ErrorCode::StoreNotFound
        | ErrorCode::StoreBusy
        | ErrorCode::StoreReadOnly
        | ErrorCode::DiskFull
        | ErrorCode::SchemaTooNew
        | ErrorCode::StoreDamaged
        | ErrorCode::AuditBroken
        | ErrorCode::Internal => 1,
    }
}

/// Prints an error on stderr: its code, its message (never personal data) and a hint.
pub(crate) fn report(e: &Error) {
    let code = json_name(e.code());
    eprintln!("akta: error [{code}]: {e}");
    let hint = match e {
        Error::WrongKey => "check AKTA_PASSPHRASE, or recover with `akta recover --identity FILE`",
        Error::KeychainUnavailable(_) => {
            "unlock with the passphrase (set AKTA_PASSPHRASE) or recover with `akta recover --identity FILE`"
        }
        Error::StoreNotFound => "create one with `akta init`",
        Error::StoreBusy => "another program is using the store; try again",
        Error::Invalid(fields) if fields.iter().any(|f| f.field == "review") => {
            "the extract holds candidates (words that may be other people's names, telephone \
             numbers, e-mail addresses) that no one has reviewed: review them in the app \
             (the request's \"Granska\"), or pass --accept-automatic to rely on the automatic \
             withholding alone"
        }
        Error::Invalid(fields) if fields.iter().any(|f| f.field == "documents") => {
            "documents about the person have no decision: pass --include-document ID or \
             --withhold-document ID --reason TEXT for each (ids from `akta document list`), \
             decide them in the app's review, or pass --accept-automatic to withhold the \
             undecided ones"
        }
        _ => "",
    };
    if !hint.is_empty() {
        eprintln!("akta: {hint}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use akta_core::error::Reason;

    #[test]
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(exit_code(Error::invalid("x", Reason::Required).code()), 2);
        assert_eq!(exit_code(ErrorCode::NotFound), 2);
        assert_eq!(exit_code(ErrorCode::StoreExists), 2);
        assert_eq!(exit_code(ErrorCode::ProfileRequired), 2);
        assert_eq!(exit_code(ErrorCode::NotPermitted), 2);
        assert_eq!(exit_code(ErrorCode::PersonRestricted), 2);
        assert_eq!(exit_code(Error::WrongKey.code()), 3);
        assert_eq!(
            exit_code(Error::KeychainUnavailable(String::new()).code()),
            3
        );
        assert_eq!(exit_code(ErrorCode::StoreLocked), 3);
        assert_eq!(exit_code(Error::DiskFull.code()), 1);
        assert_eq!(exit_code(ErrorCode::StoreNotFound), 1);
        assert_eq!(exit_code(ErrorCode::Internal), 1);
    }
}
