//! Shared helpers for the core's integration tests: real encrypted stores in temp dirs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use akta_core::audit::{self, AuditEvent};
use akta_core::crypto::{Passphrase, PassphraseCost};
use akta_core::error::Reason;
use akta_core::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, StatusChangeInput};
use akta_core::person::PersonInput;
use akta_core::rights::{self, RequestInput, RequestKind};
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir};
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::NaiveDate;

/// A cheap scrypt cost: tests create many stores. Real stores use `Interactive`.
pub const TEST_COST: PassphraseCost = PassphraseCost::TestOnly(10);
pub const PASSPHRASE: &str = "korrekt häst batteri häftklammer";

/// A keychain that is never reached: a named test double for "no OS keychain here".
pub struct UnreachableKeychainTestDouble;

impl akta_core::crypto::Keychain for UnreachableKeychainTestDouble {
    fn get(&self, _: &str) -> akta_core::Result<Option<akta_core::crypto::DbKey>> {
        Err(akta_core::Error::KeychainUnavailable(
            "test double: no keychain".into(),
        ))
    }
    fn set(&self, _: &str, _: &akta_core::crypto::DbKey) -> akta_core::Result<()> {
        Err(akta_core::Error::KeychainUnavailable(
            "test double: no keychain".into(),
        ))
    }
    fn delete(&self, _: &str) -> akta_core::Result<()> {
        Ok(())
    }
}

pub fn passphrase() -> Passphrase {
    Passphrase::new(PASSPHRASE.into())
}

pub fn options(recipient: Option<String>) -> CreateOptions {
    CreateOptions {
        passphrase: Some(passphrase()),
        recovery_recipient: recipient,
        keychain: KeychainUse::Off,
        passphrase_cost: TEST_COST,
    }
}

pub async fn new_store(dir: &Path) -> Store {
    Store::create(
        &StoreDir::new(dir.to_path_buf()),
        options(None),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap()
}

/// Every file under `dir` with its bytes. A file that SQLite removes while it is being
/// read (a closing connection's -wal or -shm) is left out.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                out.insert(entry.file_name().to_string_lossy().into_owned(), bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("cannot read {}: {e}", entry.path().display()),
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A valid personnummer for a date and serial (check digit computed).
pub fn pnr(yyyymmdd: &str, serial: &str) -> String {
    let nine = format!("{}{serial}", &yyyymmdd[2..]);
    format!(
        "{}{nine}{}",
        &yyyymmdd[..2],
        akta_core::validate::luhn_check_digit(&nine)
    )
}

/// Asserts two snapshots are the same, naming the files that differ (not their bytes).
///
/// SQLite's `-wal` and `-shm` files are left out: any connection to a WAL database
/// creates them and the last one to close removes them, on a worker thread that can
/// lag behind under load. What must not change is the database and the key files.
pub fn assert_same(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let lasting = |n: &&String| !(n.ends_with("-wal") || n.ends_with("-shm"));
    let mut differ = Vec::new();
    for name in before.keys().chain(after.keys()).filter(lasting) {
        if before.get(name) != after.get(name) && !differ.contains(name) {
            differ.push(name.clone());
        }
    }
    assert!(differ.is_empty(), "{what}: files changed: {differ:?}");
}

/// The passphrase of the stores the CLI tests make.
pub const CLI_PASS: &str = "en lång och hemlig lösenfras";

/// Runs the real `akta` binary on `store` with the CLI tests' passphrase; neither the
/// store nor the profile comes from the environment.
pub fn akta(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_akta"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("AKTA_STORE")
        .env_remove("AKTA_USER")
        .env("AKTA_PASSPHRASE", CLI_PASS)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A person with every field filled in.
pub fn anna() -> PersonInput {
    PersonInput {
        personal_number: Some("19811218-9876".into()),
        given_name: "Åsa".into(),
        family_name: "Öberg".into(),
        email: Some("asa.oberg@example.se".into()),
        phone: Some("070-123 45 67".into()),
        street_address: Some("Ängsvägen 7".into()),
        postal_code: Some("50464".into()),
        city: Some("Borås".into()),
        protected_identity: false,
    }
}

/// A person with a name and nothing else.
pub fn named(given: &str, family: &str) -> PersonInput {
    PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        ..PersonInput::default()
    }
}

/// A familjehem in Mölndal.
pub fn home_input(name: &str) -> FosterHomeInput {
    FosterHomeInput {
        name: name.into(),
        kind: HomeKind::Familjehem,
        street_address: Some("Björkvägen 12".into()),
        postal_code: Some("43137".into()),
        city: Some("Mölndal".into()),
        municipality_id: None,
    }
}

/// Closes a home on `on` (also the day the service is told it is), with a reason.
pub async fn close_home(store: &Store, actor: &Actor, home_id: i64, on: NaiveDate) {
    let change = StatusChangeInput {
        to: HomeStatus::Avslutad,
        on_date: Some(on),
        reason: Some("Flyttar".into()),
    };
    foster_home::change_status(store, actor, home_id, &change, on)
        .await
        .unwrap();
}

/// A new store and two profiles in it: Dana (data protection) and Karin (caseworker).
pub struct Staff {
    pub store: Store,
    pub dpo: Actor,
    pub karin: Actor,
}

pub async fn store_with_staff(dir: &Path) -> Staff {
    let store = new_store(dir).await;
    let dpo = profile(&store, "Dana Dataskydd", Role::Dataskyddsansvarig).await;
    let karin = profile(&store, "Karin Konsulent", Role::Handlaggare).await;
    Staff { store, dpo, karin }
}

/// A new profile of `role`, added by the device, as the actor.
pub async fn profile(store: &Store, name: &str, role: Role) -> Actor {
    let u = user::add(
        store,
        &Actor::device(),
        &UserInput {
            name: name.into(),
            title: None,
            role,
        },
    )
    .await
    .unwrap();
    Actor::user(u)
}

/// A data-subject request of `kind`, received and verified (BankID) on `on`; its id.
pub async fn verified_request(
    store: &Store,
    dpo: &Actor,
    person_id: i64,
    kind: RequestKind,
    on: NaiveDate,
) -> i64 {
    let input = RequestInput {
        person_id,
        kind,
        received_on: on,
        identity_method: Some("BankID".into()),
        identity_verified_on: Some(on),
    };
    rights::create(store, dpo, &input, on).await.unwrap().id
}

/// The fields an error refuses, each with its reason, in order.
pub fn refusals(e: &akta_core::Error) -> Vec<(&str, Reason)> {
    e.fields()
        .iter()
        .map(|f| (f.field.as_str(), f.reason))
        .collect()
}

/// How many events the audit log holds.
pub async fn audit_count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_events")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// The newest audit event.
pub async fn last_event(store: &Store) -> AuditEvent {
    audit::list(store, 1).await.unwrap().remove(0)
}

/// SQLCipher 4 pages, decrypted with the raw key: AES-256-CBC over each page but its
/// reserved tail (16-byte IV, 64-byte HMAC); page 1 starts after the 16-byte salt.
pub fn decrypted_pages(db: &std::path::Path, key: &[u8; 32]) -> Vec<Vec<u8>> {
    use aes::cipher::{block_padding::NoPadding, BlockDecryptMut, KeyIvInit};
    type Dec = cbc::Decryptor<aes::Aes256>;
    const PAGE: usize = 4096;
    const RESERVE: usize = 80;
    let bytes = std::fs::read(db).unwrap();
    assert_eq!(bytes.len() % PAGE, 0);
    bytes
        .chunks(PAGE)
        .enumerate()
        .map(|(i, page)| {
            let start = if i == 0 { 16 } else { 0 };
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
            let mut data = page[start..PAGE - RESERVE].to_vec();
            Dec::new(key.into(), iv.into())
                .decrypt_padded_mut::<NoPadding>(&mut data)
                .unwrap();
            data
        })
        .collect()
}

/// The store's raw key, unwrapped from its passphrase file as any unlock does.
pub fn raw_key(dir: &std::path::Path) -> [u8; 32] {
    let dir = akta_core::store::StoreDir::new(dir.to_path_buf());
    let wrapped = std::fs::read(dir.passphrase_wrap()).unwrap();
    let key = akta_core::crypto::unwrap_with_passphrase(&wrapped, &passphrase()).unwrap();
    hex::decode(key.expose_hex().as_str())
        .unwrap()
        .try_into()
        .unwrap()
}

/// A new document of `owner`: a received certificate (intyg) dated today, with no
/// sender and naming nobody. Tests change the fields they are about.
pub fn document_input(
    owner: akta_core::document::DocumentOwner,
    title: &str,
) -> akta_core::document::DocumentInput {
    use akta_core::document::{Direction, DocumentDescription, DocumentInput};
    DocumentInput::new(
        owner,
        DocumentDescription {
            title: title.into(),
            direction: Direction::Incoming,
            doc_type: "intyg".into(),
            dated_on: today(),
            counterpart: None,
            counterpart_org_id: None,
            persons: Vec::new(),
        },
    )
}

/// A small PDF whose one page shows `marker` (a document's kind is told from its bytes).
pub fn pdf_showing(marker: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 10 100 Td ({marker}) Tj ET");
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
         3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n\
         4 0 obj<</Length {}>>stream\n{content}\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        content.len()
    )
    .into_bytes()
}

/// A JPEG (by its markers) holding `body` between its JFIF header and its end.
pub fn jpeg_of(body: &[u8]) -> Vec<u8> {
    let mut b = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    b.extend_from_slice(body);
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

/// A foster home (`Familjen <family>`) with an adult member (Åsa Öberg) and a child
/// (Lina <family>) who is not placed there.
pub struct Family {
    pub home: i64,
    pub adult: i64,
    pub child: i64,
}

pub async fn family(store: &Store, actor: &Actor, family: &str) -> Family {
    use akta_core::foster_home::MemberRole;
    use akta_core::person;
    let home = foster_home::add(
        store,
        actor,
        &home_input(&format!("Familjen {family}")),
        today(),
    )
    .await
    .unwrap()
    .id;
    let adult = person::add(store, actor, &anna(), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(store, actor, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let child = person::add(store, actor, &named("Lina", family), today())
        .await
        .unwrap()
        .id;
    Family { home, adult, child }
}

/// A new store (sealed to `recipient` when given) with one profile: Karin (caseworker).
pub async fn caseworker_store(dir: &Path, recipient: Option<String>) -> (Store, Actor) {
    let store = Store::create(
        &StoreDir::new(dir.to_path_buf()),
        options(recipient),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap();
    let karin = profile(&store, "Karin Konsulent", Role::Handlaggare).await;
    (store, karin)
}

/// A new store with its staff (see [`store_with_staff`]) and a [`family`] Karin added.
pub async fn store_with_family(dir: &Path, name: &str) -> (Staff, Family) {
    let staff = store_with_staff(dir).await;
    let family = family(&staff.store, &staff.karin, name).await;
    (staff, family)
}

/// The files in a store's document folder (none when it has no such folder).
pub fn document_files(dir: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir.join("documents")) {
        Ok(e) => e.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// A foster home named `name`, moved through investigation to approved (so children
/// can be placed there); its id.
pub async fn approved_home(store: &Store, actor: &Actor, name: &str) -> i64 {
    let home = foster_home::add(store, actor, &home_input(name), today())
        .await
        .unwrap()
        .id;
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(store, actor, home, &change, today())
            .await
            .unwrap();
    }
    home
}

/// The municipality Göteborgs Stad in the registry; its id.
pub async fn kommun(store: &Store, actor: &Actor) -> i64 {
    use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
    organisation::add(
        store,
        actor,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id
}

/// Places `child` in `home` for `kommun` from `from` (YYYY-MM-DD); the placement's id.
pub async fn place(
    store: &Store,
    actor: &Actor,
    child: i64,
    home: i64,
    kommun: i64,
    from: &str,
) -> i64 {
    use akta_core::placement::{self, PlacementInput};
    let input = PlacementInput {
        child_id: child,
        home_id: home,
        municipality_id: kommun,
        start_date: from.parse().unwrap(),
    };
    placement::place(store, actor, &input, today())
        .await
        .unwrap()
        .id
}

/// Makes a store at `store` for the CLI's tests, as `akta init` would with
/// `AKTA_PASSPHRASE` set to [`CLI_PASS`], but with the test cost of scrypt: every CLI
/// call of a test unlocks it, and at the real cost (a second or more each) the CLI
/// test files took minutes. Runs on a thread of its own, so it can be called from a
/// test with or without a runtime.
pub fn cli_init(store: &Path) {
    let dir = StoreDir::new(store.to_path_buf());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let options = CreateOptions {
                passphrase: Some(Passphrase::new(CLI_PASS.into())),
                ..options(None)
            };
            Store::create(&dir, options, &UnreachableKeychainTestDouble)
                .await
                .unwrap()
                .close()
                .await;
        });
    })
    .join()
    .unwrap();
}
