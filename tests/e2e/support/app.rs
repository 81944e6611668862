//! The app under test: tauri-driver started with the store's environment, one
//! WebDriver session on the app's window, both ended in order by [`App::close`].
//!
//! The app's save dialog is answered by [`SAVE_DIR`] (this test build only): a story
//! that saves a file passes `(SAVE_DIR, &folder)` and finds the file there under the
//! name the dialog proposes; [`choose_save_place`] walks past the warning before it.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::webdriver::{Driver, Session};

/// The passphrase of every store the stories make.
pub const PASS: &str = "en riktigt lång lösenfras";

/// The environment variable that answers the app's save dialog (`AKTA_E2E_SAVE_DIR`):
/// the file goes to `<that folder>/<proposed name>` without a native dialog.
pub use akta_core::files::E2E_SAVE_DIR as SAVE_DIR;

/// After a button that saves a file outside Akta (`concern-pdf`, `make-extract`,
/// `handover-offer`, `backup-save-as`): the warning says the file is not encrypted;
/// go on to the save dialog (answered by [`SAVE_DIR`]) and wait until the file is
/// saved ("Visa i mappen" shows).
pub fn choose_save_place(s: &Session) {
    let go_on = s.find("[data-testid=save-warning-yes]");
    s.click(&go_on);
    s.find("[data-testid=save-reveal]");
}

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_akta-app"))
}

/// The running app. It dereferences to its [`Session`], so a story reads the screen
/// (`wait_text`, `focused`, `keys`) on it directly.
pub struct App {
    driver: Driver,
    session: Session,
}

impl App {
    /// Starts the app on `store` with the webview's own storage (language choice) in a
    /// fresh folder beside it, saved files in `saved` beside it ([`App::saved_dir`]),
    /// and waits for the first heading. Also gives the cold start: new session to first
    /// heading, in milliseconds.
    pub fn start(port: u16, store: &Path) -> (App, u128) {
        let home = store.with_file_name("xdg");
        let (data, config, cache) = (home.join("data"), home.join("config"), home.join("cache"));
        let saved = App::saved_dir(store);
        let driver = Driver::start(
            port,
            &[
                ("AKTA_STORE", store),
                ("XDG_DATA_HOME", &data),
                ("XDG_CONFIG_HOME", &config),
                ("XDG_CACHE_HOME", &cache),
                (SAVE_DIR, &saved),
            ],
        );
        let t = Instant::now();
        let session = driver.session(binary());
        session.find("h1");
        let cold_start_ms = t.elapsed().as_millis();
        (App { driver, session }, cold_start_ms)
    }

    /// Where an app made by [`App::start`] on `store` saves files.
    pub fn saved_dir(store: &Path) -> PathBuf {
        store.with_file_name("saved")
    }

    /// Starts the app with exactly `envs`; with `output`, everything the driver and the
    /// app print goes to that file.
    pub fn start_with(port: u16, envs: &[(&str, &Path)], output: Option<&Path>) -> App {
        let driver = Driver::start_with_output(port, envs, output);
        let session = driver.session(binary());
        App { driver, session }
    }

    /// Everything the window shows as text now.
    pub fn visible_text(&self) -> String {
        self.session
            .script("return document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Ends the session, then stops the driver (and the app and WebKit under it).
    pub fn close(self) {
        let App { driver, session } = self;
        session.close();
        drop(driver);
    }
}

impl Deref for App {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}
