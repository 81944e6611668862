//! Keys and secrets: the store key, passphrases, the age wraps beside the store and the
//! OS keychain.

mod keychain;
mod secret;
mod wrap;

pub use keychain::{Keychain, OsKeychain};
pub use secret::{DbKey, Passphrase, MIN_PASSPHRASE_CHARS};
pub use wrap::{
    generate_recovery_identity, parse_recipient, unwrap_with_identity, unwrap_with_passphrase,
    wrap_to_passphrase, wrap_to_recipient, PassphraseCost, RecoveryIdentity,
};
