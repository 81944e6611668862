//! The app under test: tauri-driver started with the store's environment, one
//! WebDriver session on the app's window, both ended in order by [`App::close`].

use std::ops::Deref;
use std::path::Path;
use std::time::Instant;

use crate::webdriver::{Driver, Session};

/// The passphrase of every store the stories make.
pub const PASS: &str = "en riktigt lång lösenfras";

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
    /// fresh folder beside it, and waits for the first heading. Also gives the cold
    /// start: new session to first heading, in milliseconds.
    pub fn start(port: u16, store: &Path) -> (App, u128) {
        let home = store.with_file_name("xdg");
        let (data, config, cache) = (home.join("data"), home.join("config"), home.join("cache"));
        let driver = Driver::start(
            port,
            &[
                ("AKTA_STORE", store),
                ("XDG_DATA_HOME", &data),
                ("XDG_CONFIG_HOME", &config),
                ("XDG_CACHE_HOME", &cache),
            ],
        );
        let t = Instant::now();
        let session = driver.session(binary());
        session.find("h1");
        let cold_start_ms = t.elapsed().as_millis();
        (App { driver, session }, cold_start_ms)
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
