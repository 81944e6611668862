//! The short, editable list of document types (avtal, intyg, referens, …). Types are
//! never deleted (documents refer to them); a type is added by the data-protection
//! role, which holds the device's settings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::error::{Error, Reason, Result};
use crate::store::Store;

/// One document type.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq, sqlx::FromRow)]
#[ts(export)]
pub struct DocumentType {
    pub code: String,
    pub label: String,
}

/// Longest type label, in characters.
const MAX_LABEL_CHARS: usize = 40;

/// The types in their order.
pub async fn types(store: &Store) -> Result<Vec<DocumentType>> {
    Ok(sqlx::query_as(
        "SELECT code, label FROM document_types WHERE retired = 0 ORDER BY position, code",
    )
    .fetch_all(store.pool())
    .await?)
}

/// The stored code of a label: lower case, Swedish letters folded, other characters
/// as `_`.
fn code_of(label: &str) -> String {
    let mut code = String::new();
    for ch in label.trim().to_lowercase().chars() {
        let c = match ch {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if !(c == '_' && code.ends_with('_')) {
            code.push(c);
        }
    }
    code.trim_matches('_').to_owned()
}

/// Adds a type at the end of the list (the data-protection role).
pub async fn add_type(store: &Store, actor: &Actor, label: &str) -> Result<DocumentType> {
    actor.require(Permission::ManageSettings)?;
    let label = crate::validate::required_text("label", label, MAX_LABEL_CHARS)
        .map_err(|f| Error::Invalid(vec![f]))?;
    let code = code_of(&label);
    if code.is_empty() {
        return Err(Error::invalid("label", Reason::Characters));
    }
    let mut tx = store.begin().await?;
    let taken: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM document_types WHERE code = ?1 OR lower(label) = lower(?2))",
    )
    .bind(&code)
    .bind(&label)
    .fetch_one(&mut *tx)
    .await?;
    if taken {
        return Err(Error::invalid("label", Reason::Duplicate));
    }
    sqlx::query(
        "INSERT INTO document_types (code, label, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM document_types))",
    )
    .bind(&code)
    .bind(&label)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(DocumentType { code, label })
}

#[cfg(test)]
mod tests {
    use super::code_of;

    #[test]
    fn codes_are_plain_ascii() {
        assert_eq!(code_of("Läkarutlåtande"), "lakarutlatande");
        assert_eq!(code_of("  Beslut / dom "), "beslut_dom");
        assert_eq!(code_of("???"), "");
    }
}
