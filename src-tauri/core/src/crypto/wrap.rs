//! The store key wrapped with age, in files beside the store: to a passphrase (scrypt)
//! and/or to the agency's recovery recipient (`age1…`).

use std::io::{Read, Write};
use std::iter;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::{DbKey, Passphrase};
use crate::error::{Error, Reason, Result};

/// How hard the passphrase wrap is to brute-force.
#[derive(Debug, Clone, Copy, Default)]
pub enum PassphraseCost {
    /// age's own choice: about one second on this device. Use this for real stores.
    #[default]
    Interactive,
    /// scrypt with N = 2^log_n. Only for tests, where a second per store adds up.
    TestOnly(u8),
}

/// The highest scrypt cost (log2 N) a passphrase wrap may ask for when opened.
const MAX_WORK_FACTOR: u8 = 21;

/// Encrypts the key to a passphrase.
pub fn wrap_to_passphrase(key: &DbKey, pass: &Passphrase, cost: PassphraseCost) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(pass.expose().to_owned()));
    if let PassphraseCost::TestOnly(log_n) = cost {
        recipient.set_work_factor(log_n.clamp(1, 63));
    }
    encrypt(&recipient, key)
}

/// Encrypts the key to an age x25519 recipient.
pub fn wrap_to_recipient(key: &DbKey, recipient: &age::x25519::Recipient) -> Result<Vec<u8>> {
    encrypt(recipient, key)
}

fn encrypt(recipient: &dyn age::Recipient, key: &DbKey) -> Result<Vec<u8>> {
    let enc = age::Encryptor::with_recipients(iter::once(recipient))
        .map_err(|e| Error::Internal(format!("age: {e}")))?;
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out)?;
    w.write_all(key.expose_hex().as_bytes())?;
    w.finish()?;
    Ok(out)
}

/// Decrypts a passphrase wrap. A wrong passphrase is [`Error::WrongKey`].
pub fn unwrap_with_passphrase(wrapped: &[u8], pass: &Passphrase) -> Result<DbKey> {
    let mut identity = age::scrypt::Identity::new(SecretString::from(pass.expose().to_owned()));
    // A fixed ceiling, not age's default (a timing of this machine now, plus 4): on a
    // device busy with other work that timing comes out low and refused the store's own
    // key file as "excessive work". 2^21 is above any cost a wrap is made with here.
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    decrypt(wrapped, &identity)
}

/// Decrypts a recovery wrap with the agency's identity.
pub fn unwrap_with_identity(wrapped: &[u8], identity: &RecoveryIdentity) -> Result<DbKey> {
    decrypt(wrapped, &identity.0)
}

fn decrypt(wrapped: &[u8], identity: &dyn age::Identity) -> Result<DbKey> {
    let dec = age::Decryptor::new_buffered(wrapped).map_err(map_decrypt)?;
    let mut r = dec.decrypt(iter::once(identity)).map_err(map_decrypt)?;
    let mut hex = Zeroizing::new(String::new());
    r.read_to_string(&mut hex)
        .map_err(|_| Error::StoreDamaged("key file cannot be decrypted"))?;
    DbKey::from_hex(&hex)
}

fn map_decrypt(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed
        | age::DecryptError::DecryptionFailed => Error::WrongKey,
        age::DecryptError::ExcessiveWork { .. } => {
            Error::StoreDamaged("key file asks for excessive work")
        }
        // The wrap is read from memory: an I/O error is a file cut short or garbled.
        age::DecryptError::Io(_) => Error::StoreDamaged("key file is cut short or damaged"),
        _ => Error::StoreDamaged("key file is not a valid age file"),
    }
}

/// Parses an agency recovery recipient (`age1…`).
pub fn parse_recipient(s: &str) -> Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(s.trim())
        .map_err(|_| Error::invalid("recovery_recipient", Reason::Format))
}

/// The agency's recovery identity (`AGE-SECRET-KEY-1…`), kept off the device.
pub struct RecoveryIdentity(age::x25519::Identity);

impl RecoveryIdentity {
    /// Reads an identity from the text of an identity file (comments allowed).
    pub fn parse(text: &str) -> Result<Self> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .ok_or(Error::invalid("identity", Reason::Format))?;
        age::x25519::Identity::from_str(line)
            .map(RecoveryIdentity)
            .map_err(|_| Error::invalid("identity", Reason::Format))
    }

    /// The public recipient (`age1…`) that wraps to this identity.
    /// The identity, to open what was sealed to its recipient (backups).
    pub fn age_identity(&self) -> &dyn age::Identity {
        &self.0
    }

    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    /// The secret identity line, to be written to the agency's identity file.
    pub fn expose_secret(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.to_string().expose_secret().to_owned())
    }
}

impl std::fmt::Debug for RecoveryIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryIdentity(<redacted>)")
    }
}

/// A new agency recovery identity.
pub fn generate_recovery_identity() -> RecoveryIdentity {
    RecoveryIdentity(age::x25519::Identity::generate())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_wrap_round_trip_and_wrong_passphrase() {
        let key = DbKey::generate();
        let pass = Passphrase::new("rätt lösenfras 123".into());
        let wrapped = wrap_to_passphrase(&key, &pass, PassphraseCost::TestOnly(4)).unwrap();
        assert!(!String::from_utf8_lossy(&wrapped).contains(key.expose_hex().as_str()));
        assert!(unwrap_with_passphrase(&wrapped, &pass).unwrap() == key);
        let wrong = Passphrase::new("fel lösenfras 123".into());
        assert!(matches!(
            unwrap_with_passphrase(&wrapped, &wrong),
            Err(Error::WrongKey)
        ));
        assert!(matches!(
            unwrap_with_passphrase(b"garbage", &pass),
            Err(Error::StoreDamaged(_))
        ));
    }

    #[test]
    fn recipient_wrap_round_trip() {
        let id = generate_recovery_identity();
        let key = DbKey::generate();
        let r = parse_recipient(&id.recipient()).unwrap();
        let wrapped = wrap_to_recipient(&key, &r).unwrap();
        let id2 = RecoveryIdentity::parse(&format!("# agency\n{}\n", id.expose_secret().as_str()))
            .unwrap();
        assert!(unwrap_with_identity(&wrapped, &id2).unwrap() == key);
        let other = generate_recovery_identity();
        assert!(matches!(
            unwrap_with_identity(&wrapped, &other),
            Err(Error::WrongKey)
        ));
        let e = parse_recipient("age1nope").unwrap_err();
        assert_eq!(e.fields()[0].field, "recovery_recipient");
    }
}
