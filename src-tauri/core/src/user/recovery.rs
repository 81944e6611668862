//! The agency's recovery identity vouching for a new data-protection profile: the
//! identity must open the store's recovery wrap, and the key it yields must open the
//! store itself.

use sqlx::{Connection, SqliteConnection};
use zeroize::Zeroizing;

use crate::crypto::{self, RecoveryIdentity};
use crate::error::{Error, Reason, Result};
use crate::store::{connection_options, Store};

/// The field a refused identity is reported on.
const FIELD: &str = "recovery_identity";

/// Reads the agency's identity from the text of its file (`AGE-SECRET-KEY-1…`, comments
/// allowed); empty or anything else is refused on `recovery_identity`.
pub fn parse_identity(text: &str) -> Result<RecoveryIdentity> {
    if text.trim().is_empty() {
        return Err(Error::invalid(FIELD, Reason::Required));
    }
    RecoveryIdentity::parse(text).map_err(|_| Error::invalid(FIELD, Reason::Format))
}

/// `Ok` when `identity` is the agency identity this store's key is wrapped to. A store
/// without a recovery wrap refuses (`not_allowed`); another identity is `unknown`.
pub(super) async fn verify(store: &Store, identity: &RecoveryIdentity) -> Result<()> {
    let path = store.dir().recovery_wrap();
    if !path.exists() {
        return Err(Error::invalid(FIELD, Reason::NotAllowed));
    }
    let wrapped = Zeroizing::new(std::fs::read(&path).map_err(|e| Error::from_io(&e))?);
    let key = crypto::unwrap_with_identity(&wrapped, identity).map_err(not_this_store)?;
    // A wrap put beside the store by someone else holds another key: it must open the
    // store itself.
    let options = connection_options(&store.dir().db(), &key, false);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| not_this_store(e.into()))?;
    let opened = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| not_this_store(e.into()));
    let _ = conn.close().await;
    opened.map(|_| ())
}

fn not_this_store(e: Error) -> Error {
    match e {
        Error::WrongKey | Error::StoreDamaged(_) => Error::invalid(FIELD, Reason::Unknown),
        other => other,
    }
}
