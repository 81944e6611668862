//! The store itself: where it is, how it is unlocked (passphrase from AKTA_PASSPHRASE,
//! else the OS keychain), and the profile a command acts as; `init`, `status`,
//! `recover`, `recovery-keygen`, and the `user` and `audit` commands.

use std::path::{Path, PathBuf};

use akta_core::crypto::{self, OsKeychain, Passphrase, PassphraseCost, RecoveryIdentity};
use akta_core::error::{Error, Reason};
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use akta_core::user::{self, Actor, Role, UserInput};
use akta_core::{audit, files, organisation, person};
use clap::Subcommand;
use serde_json::json;

use crate::output::{json_name, print_json, yes};

/// The environment variable that holds the passphrase (passphrase mode).
const PASSPHRASE_ENV: &str = "AKTA_PASSPHRASE";

#[derive(Subcommand)]
pub(crate) enum UserCommand {
    /// Add a profile.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        title: Option<String>,
        /// handlaggare or dataskyddsansvarig. A data-protection profile is added by a
        /// profile of that role (--user), as a store's first profile, or with
        /// --recovery-identity.
        #[arg(long, default_value = "handlaggare")]
        role: String,
        /// The agency's recovery identity file (AGE-SECRET-KEY-1…): vouches for a
        /// data-protection profile when the store's key is wrapped to it.
        #[arg(long, value_name = "FILE")]
        recovery_identity: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List profiles.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum AuditCommand {
    /// Check the hash chain; reports the first broken link (exit 1 when broken).
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The newest events.
    List {
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
}

/// The store folder: the one given with --store, else the default location.
pub(crate) fn store_dir(cli_store: Option<PathBuf>) -> Result<StoreDir, Error> {
    match cli_store {
        Some(p) => Ok(StoreDir::new(p)),
        None => StoreDir::default_location(),
    }
}

/// The passphrase in AKTA_PASSPHRASE, if it is set and not empty.
pub(crate) fn env_passphrase() -> Option<Passphrase> {
    std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|s| !s.is_empty())
        .map(Passphrase::new)
}

async fn unlock(dir: &StoreDir) -> Result<Store, Error> {
    match env_passphrase() {
        Some(p) => Store::open(dir, Unlock::Passphrase(p)).await,
        None => Store::open(dir, Unlock::Keychain(&OsKeychain::new())).await,
    }
}

/// Unlocks the store, runs `f` on it, and closes it again whatever `f` returned.
pub(crate) async fn with_store<T>(
    dir: &StoreDir,
    f: impl AsyncFnOnce(&Store) -> Result<T, Error>,
) -> Result<T, Error> {
    let store = unlock(dir).await?;
    let result = f(&store).await;
    store.close().await;
    result
}

/// Unlocks the store, runs `f` on it as the profile to act as (see [`actor`]), and
/// closes the store again whatever `f` returned.
pub(crate) async fn with_actor<T>(
    dir: &StoreDir,
    user_id: Option<i64>,
    f: impl AsyncFnOnce(&Store, &Actor) -> Result<T, Error>,
) -> Result<T, Error> {
    with_store(dir, async |store| {
        let actor = actor(store, user_id).await?;
        f(store, &actor).await
    })
    .await
}

/// The profile to act as: the one named, else the default.
async fn actor(store: &Store, user_id: Option<i64>) -> Result<Actor, Error> {
    match user_id {
        Some(id) => match user::get(store, id).await {
            Ok(u) => Ok(Actor::user(u)),
            Err(Error::NotFound(_)) => Err(Error::invalid("user", Reason::Format)),
            Err(e) => Err(e),
        },
        None => user::default_actor(store).await,
    }
}

/// `akta init`.
pub(crate) async fn init(dir: &StoreDir, recovery_recipient: Option<String>) -> Result<(), Error> {
    let passphrase = match env_passphrase() {
        Some(p) => Some(Passphrase::new_for_store(p.expose().to_owned())?),
        None => None,
    };
    if passphrase.is_none() && recovery_recipient.is_none() {
        eprintln!(
            "akta: without AKTA_PASSPHRASE the key lives only in the OS keychain; \
             give --recovery-recipient so it can be recovered"
        );
        return Err(Error::invalid("recovery_recipient", Reason::Required));
    }
    let keychain = if passphrase.is_some() {
        KeychainUse::Off
    } else {
        KeychainUse::Required
    };
    let opts = CreateOptions {
        passphrase,
        recovery_recipient,
        keychain,
        passphrase_cost: PassphraseCost::Interactive,
    };
    let store = Store::create(dir, opts, &OsKeychain::new()).await?;
    let info = store.info().await?;
    println!(
        "created store {} at {}",
        info.store_id,
        dir.root().display()
    );
    store.close().await;
    Ok(())
}

/// `akta status`.
pub(crate) async fn status(dir: &StoreDir, json: bool) -> Result<(), Error> {
    if !dir.has_any_store_file() {
        if json {
            print_json(&json!({ "store": dir.root(), "exists": false }))?;
        } else {
            println!("no store at {}", dir.root().display());
        }
        return Ok(());
    }
    let store = unlock(dir).await?;
    let info = store.info().await?;
    let persons = person::count(&store).await?;
    let organisations = organisation::list(&store).await?.len();
    // A damaged store is an error (exit 1, `store_damaged`), not a line.
    store.integrity_check().await?;
    if json {
        print_json(&json!({
            "store": dir.root(),
            "exists": true,
            "unlocked": true,
            "store_id": info.store_id,
            "schema_version": info.schema_version,
            "cipher_version": info.cipher_version,
            "keychain": info.keychain,
            "passphrase_wrap": info.passphrase_wrap,
            "recovery_wrap": info.recovery_wrap,
            "counts": { "persons": persons, "organisations": organisations },
            "integrity": "ok",
        }))?;
    } else {
        println!("store:        {}", dir.root().display());
        println!("store id:     {}", info.store_id);
        println!(
            "schema:       {} (SQLCipher {})",
            info.schema_version, info.cipher_version
        );
        println!(
            "unlock:       keychain {}, passphrase {}, recovery {}",
            yes(info.keychain),
            yes(info.passphrase_wrap),
            yes(info.recovery_wrap)
        );
        println!("persons:      {persons}");
        println!("organisations: {organisations}");
        println!("integrity:    ok");
    }
    store.close().await;
    Ok(())
}

/// Reads the agency's recovery identity from its file.
pub(crate) fn read_identity(path: &Path) -> Result<RecoveryIdentity, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|_| Error::invalid("identity", Reason::Required))?;
    RecoveryIdentity::parse(&text)
}

/// `akta recover`.
pub(crate) async fn recover(dir: &StoreDir, identity: &Path) -> Result<(), Error> {
    let id = read_identity(identity)?;
    let store = match env_passphrase() {
        Some(p) => {
            let p = Passphrase::new_for_store(p.expose().to_owned())?;
            Store::recover(dir, &id, None, Some((p, PassphraseCost::Interactive))).await?
        }
        None => Store::recover(dir, &id, Some(&OsKeychain::new()), None).await?,
    };
    println!("access restored to store {}", store.meta().store_id);
    store.close().await;
    Ok(())
}

/// `akta recovery-keygen`.
pub(crate) fn recovery_keygen(out: &Path) -> Result<(), Error> {
    files::check_new(out, "out")?;
    let id = crypto::generate_recovery_identity();
    let text = format!(
        "# Akta agency recovery identity. Keep it off caseworkers' devices.\n# recipient: {}\n{}\n",
        id.recipient(),
        id.expose_secret().as_str()
    );
    files::write_new_private(out, text.as_bytes())?;
    println!("{}", id.recipient());
    Ok(())
}

/// `akta user …`.
pub(crate) async fn user_command(
    dir: &StoreDir,
    user_id: Option<i64>,
    command: UserCommand,
) -> Result<(), Error> {
    with_store(dir, async |store| {
        // Listing needs no profile: it is how one finds the id for --user.
        let actor = match command {
            UserCommand::List { .. } => Actor::device(),
            _ => actor(store, user_id).await?,
        };
        match command {
            UserCommand::Add {
                name,
                title,
                role,
                recovery_identity,
                json,
            } => {
                let role: Role = role.parse()?;
                let input = UserInput { name, title, role };
                let u = match recovery_identity {
                    Some(path) => {
                        let id = read_identity(&path)?;
                        user::add_vouched(store, &actor, &input, &id).await?
                    }
                    None => user::add(store, &actor, &input).await?,
                };
                if json {
                    print_json(&u)?;
                } else {
                    println!("added user {}", u.id);
                }
            }
            UserCommand::List { json } => {
                let list = user::list(store).await?;
                if json {
                    print_json(&list)?;
                } else {
                    for u in list {
                        let role = json_name(u.role);
                        println!("{:>5}  {}  ({})", u.id, u.name, role);
                    }
                }
            }
        }
        Ok(())
    })
    .await
}

/// `akta audit …`.
pub(crate) async fn audit_command(store: &Store, command: AuditCommand) -> Result<(), Error> {
    match command {
        AuditCommand::Verify { json } => {
            let v = audit::verify(store).await?;
            if json {
                print_json(&v)?;
            } else if v.intact {
                println!("audit log intact: {} events", v.events);
            } else {
                println!(
                    "audit log BROKEN at event {}: {}",
                    v.first_broken.unwrap_or_default(),
                    v.problem.as_deref().unwrap_or_default()
                );
            }
            if !v.intact {
                return Err(Error::AuditBroken(v.first_broken.unwrap_or_default()));
            }
        }
        AuditCommand::List { limit, json } => {
            let events = audit::list(store, limit.clamp(1, 100_000)).await?;
            if json {
                print_json(&events)?;
            } else {
                for e in events {
                    let id = e.entity_id.map(|i| i.to_string()).unwrap_or_default();
                    let user = e
                        .user_id
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "-".into());
                    println!(
                        "{:>7}  {}  user {:>4}  {:<7} {} {}",
                        e.seq,
                        e.at.format("%Y-%m-%d %H:%M:%S"),
                        user,
                        e.action,
                        e.entity_kind,
                        id
                    );
                }
            }
        }
    }
    Ok(())
}
