//! The editable list of themes a contact can touch (the child's needs, school, health,
//! umgänge…). Themes are never deleted (contacts refer to them by code); a retired one
//! is no longer offered. A theme holds no personal data: any caseworker may add one.

use super::{ContactTheme, MAX_THEME_LABEL_CHARS};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;

/// The themes offered for new contacts, in the list's order.
pub async fn themes(store: &Store) -> Result<Vec<ContactTheme>> {
    Ok(sqlx::query_as!(
        ContactTheme,
        r#"SELECT code AS "code!", label, retired AS "retired: bool" FROM contact_themes
           WHERE retired = 0 ORDER BY position, code"#
    )
    .fetch_all(store.pool())
    .await?)
}

/// The stored code of a label: lower case, Swedish letters folded, other characters as
/// `_` (as the document types' codes).
pub(crate) fn code_of(label: &str) -> String {
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

/// Adds a theme at the end of the list; its code is derived from the label. Refused
/// (`label`) when blank, too long, without a letter or digit, or when a theme (retired
/// ones too) has that code or label already.
pub async fn add_theme(store: &Store, _actor: &Actor, label: &str) -> Result<ContactTheme> {
    let label = crate::validate::required_text("label", label, MAX_THEME_LABEL_CHARS)
        .map_err(|f| Error::Invalid(vec![f]))?;
    let code = code_of(&label);
    if code.is_empty() {
        return Err(Error::invalid("label", Reason::Characters));
    }
    let mut tx = store.begin().await?;
    let taken = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM contact_themes WHERE code = ?1 OR lower(label) = lower(?2))
           AS "x!: bool""#,
        code,
        label
    )
    .fetch_one(&mut *tx)
    .await?;
    if taken {
        return Err(Error::invalid("label", Reason::Duplicate));
    }
    sqlx::query!(
        "INSERT INTO contact_themes (code, label, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM contact_themes))",
        code,
        label
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(ContactTheme {
        code,
        label,
        retired: false,
    })
}

#[cfg(test)]
mod tests {
    use super::code_of;

    #[test]
    fn theme_codes_are_plain_ascii() {
        assert_eq!(code_of("Umgänge med syskon"), "umgange_med_syskon");
        assert_eq!(code_of("  Skola / förskola "), "skola_forskola");
        assert_eq!(code_of("!!!"), "");
    }
}
