//! Secret newtypes: no `Serialize`, `Debug` prints `<redacted>`, zeroized on drop, and
//! reading one is a deliberately named call.

use std::fmt;

use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Reason, Result};

/// The 256-bit raw SQLCipher key of a store.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl DbKey {
    /// A fresh random key from the OS's secure random source.
    pub fn generate() -> Self {
        let mut k = [0u8; 32];
        rand::rng().fill_bytes(&mut k);
        DbKey(k)
    }

    /// The key as 64 lowercase hex digits, for the SQLCipher `key` pragma and wraps.
    pub fn expose_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0))
    }

    /// Parses 64 hex digits (from a wrap or the keychain).
    pub fn from_hex(s: &str) -> Result<Self> {
        let s = Zeroizing::new(s.trim().to_owned());
        let mut k = [0u8; 32];
        hex::decode_to_slice(s.as_bytes(), &mut k)
            .map_err(|_| Error::StoreDamaged("key material is not 64 hex digits"))?;
        Ok(DbKey(k))
    }
}

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

/// The fewest characters a store passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// A passphrase typed by a person.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase without checking it (for unlocking).
    pub fn new(s: String) -> Self {
        Passphrase(s)
    }

    /// Wraps a passphrase for a new store, refusing one that is too short.
    pub fn new_for_store(s: String) -> Result<Self> {
        let p = Passphrase(s);
        if p.0.trim().is_empty() {
            return Err(Error::invalid("passphrase", Reason::Required));
        }
        if p.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid("passphrase", Reason::TooShort));
        }
        Ok(p)
    }

    /// The passphrase's text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let k = DbKey::generate();
        let p = Passphrase::new("hemligt-lösenord".into());
        assert_eq!(format!("{k:?}"), "DbKey(<redacted>)");
        assert!(!format!("{p:?}").contains("hemligt"));
    }

    #[test]
    fn key_hex_round_trip() {
        let k = DbKey::generate();
        let k2 = DbKey::from_hex(&k.expose_hex()).unwrap();
        assert!(k == k2);
        assert_eq!(k.expose_hex().len(), 64);
        assert!(DbKey::from_hex("zz").is_err());
    }

    #[test]
    fn short_passphrase_is_refused() {
        let e = Passphrase::new_for_store("kort".into()).unwrap_err();
        assert_eq!(e.fields()[0].field, "passphrase");
        assert_eq!(e.fields()[0].reason, Reason::TooShort);
        let e = Passphrase::new_for_store("   ".into()).unwrap_err();
        assert_eq!(e.fields()[0].reason, Reason::Required);
        assert!(Passphrase::new_for_store("tillräckligt lång".into()).is_ok());
    }
}
