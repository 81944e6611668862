//! A small W3C WebDriver client and a tauri-driver launcher for the end-to-end tests.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// tauri-driver (and, under it, WebKitWebDriver) for one test; stopped with SIGTERM on
/// drop, because SIGKILL would orphan WebKitWebDriver.
pub struct Driver {
    child: Child,
    port: u16,
}

fn wait_port(port: u16, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

impl Driver {
    /// Starts tauri-driver on `port` (native driver on `port + 1`) with `envs` passed
    /// down to the app.
    pub fn start(port: u16, envs: &[(&str, &Path)]) -> Driver {
        Self::start_with_output(port, envs, None)
    }

    /// As `start`, with everything the driver and the app print (stdout and stderr:
    /// warnings, panics, crash output) written to `output`.
    pub fn start_with_output(port: u16, envs: &[(&str, &Path)], output: Option<&Path>) -> Driver {
        let native = port + 1;
        let mut cmd = Command::new("tauri-driver");
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .stdin(Stdio::null());
        match output {
            Some(path) => {
                let f = std::fs::File::create(path).unwrap();
                cmd.stdout(f.try_clone().unwrap()).stderr(f);
            }
            None => {
                cmd.stdout(Stdio::null()).stderr(Stdio::null());
            }
        }
        for (k, v) in envs {
            cmd.env(k, v);
        }
        // No Secret Service in this test: the app must say so and use the passphrase.
        cmd.env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/akta-e2e-bus",
        );
        let child = cmd
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver)");
        let driver = Driver { child, port };
        assert!(
            wait_port(port, Duration::from_secs(20)),
            "tauri-driver did not listen on {port}"
        );
        assert!(
            wait_port(native, Duration::from_secs(20)),
            "WebKitWebDriver did not listen on {native}"
        );
        driver
    }

    pub fn session(&self, application: &Path) -> Session {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{}", self.port);
        let caps = json!({ "tauri:options": { "application": application } });
        let body = json!({ "capabilities": { "alwaysMatch": caps }, "desiredCapabilities": caps });
        let v: Value = agent
            .post(&format!("{base}/session"))
            .send_json(&body)
            .expect("new session")
            .body_mut()
            .read_json()
            .expect("session json");
        let id = v["value"]["sessionId"]
            .as_str()
            .or(v["sessionId"].as_str())
            .unwrap_or_else(|| panic!("no session: {v}"));
        Session {
            agent,
            url: format!("{base}/session/{id}"),
        }
    }
}

impl Driver {
    /// tauri-driver's process id (the app and WebKit run below it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver session on the app's window.
pub struct Session {
    agent: ureq::Agent,
    url: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{}", self.url, path);
        let resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(b)) => self.agent.post(&url).send_json(&b),
            (_, None) => self.agent.post(&url).send_json(json!({})),
        };
        let mut resp = resp.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = resp.status();
        let v: Value = resp.body_mut().read_json().unwrap_or(Value::Null);
        if !status.is_success() {
            return json!({ "error": v["value"]["error"], "message": v["value"]["message"] });
        }
        v["value"].clone()
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.call(method, path, body);
        if let Some(e) = v.get("error").filter(|e| !e.is_null()) {
            panic!("{method} {path}: {e} {}", v["message"]);
        }
        v
    }

    /// The element matching `css` now, if any.
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        v.get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .map(|s| Element(s.to_owned()))
    }

    /// Waits up to 20 s for an element matching `css`.
    pub fn find(&self, css: &str) -> Element {
        self.wait_for(&format!("element {css}"), || self.try_find(css))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.ok(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.get(ELEMENT_KEY)?.as_str().map(|s| Element(s.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits up to 20 s for an element matching `css`, looking every 5 ms: for timing a
    /// screen (the benchmark), where [`Session::find`]'s 100 ms would be the figure's
    /// grain.
    pub fn find_soon(&self, css: &str) -> Element {
        self.wait_every(&format!("element {css}"), Duration::from_millis(5), || {
            self.try_find(css)
        })
    }

    /// Polls `f` until it gives a value (20 s at most).
    pub fn wait_for<T>(&self, what: &str, f: impl FnMut() -> Option<T>) -> T {
        self.wait_every(what, Duration::from_millis(100), f)
    }

    /// Polls `f` every `every` until it gives a value (20 s at most).
    fn wait_every<T>(&self, what: &str, every: Duration, mut f: impl FnMut() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let body = self.script("return document.body ? document.body.innerText : ''");
                panic!("timed out waiting for {what}; the screen shows:\n{body}");
            }
            std::thread::sleep(every);
        }
    }

    /// Waits until the page's text contains `needle`.
    pub fn wait_text(&self, needle: &str) {
        self.wait_for(&format!("text {needle:?}"), || {
            self.script("return document.body ? document.body.innerText : ''")
                .as_str()
                .filter(|t| t.contains(needle))
                .map(|_| ())
        });
    }

    /// Clicks an element, first scrolled to the middle of the window (WebKitGTK under
    /// Xvfb can miss elements that its own scrolling leaves at the window's edge).
    pub fn click(&self, e: &Element) {
        let el = json!({ ELEMENT_KEY: e.0 });
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": "arguments[0].scrollIntoView({block: 'center'});", "args": [el] })),
        );
        self.ok("POST", &format!("/element/{}/click", e.0), None);
    }

    pub fn type_into(&self, e: &Element, text: &str) {
        self.ok("POST", &format!("/element/{}/clear", e.0), None);
        if !text.is_empty() {
            self.ok(
                "POST",
                &format!("/element/{}/value", e.0),
                Some(json!({ "text": text })),
            );
        }
    }

    pub fn text(&self, e: &Element) -> String {
        self.ok("GET", &format!("/element/{}/text", e.0), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn attribute(&self, e: &Element, name: &str) -> Option<String> {
        self.ok("GET", &format!("/element/{}/attribute/{name}", e.0), None)
            .as_str()
            .map(str::to_owned)
    }

    /// Types on the keyboard into whatever has focus (`\u{E004}` Tab, `\u{E007}` Enter).
    pub fn keys(&self, text: &str) {
        let mut actions = Vec::new();
        for c in text.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        self.ok(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// Presses `key` while `modifier` is held (`\u{E009}` Control).
    pub fn chord(&self, modifier: &str, key: &str) {
        let actions = vec![
            json!({ "type": "keyDown", "value": modifier }),
            json!({ "type": "keyDown", "value": key }),
            json!({ "type": "keyUp", "value": key }),
            json!({ "type": "keyUp", "value": modifier }),
        ];
        self.ok(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    pub fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": js, "args": [] })),
        )
    }

    /// The element that has keyboard focus, described by id / data-testid / tag.
    pub fn focused(&self) -> String {
        self.script(
            "const e = document.activeElement; return e ? (e.id || e.dataset.testid || e.tagName) : ''",
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    pub fn screenshot(&self, path: &Path) {
        use std::io::Write;
        let v = self.ok("GET", "/screenshot", None);
        if let Some(b64) = v.as_str() {
            if let Ok(bytes) = decode_base64(b64) {
                if let Ok(mut f) = std::fs::File::create(path) {
                    let _ = f.write_all(&bytes);
                }
            }
        }
    }

    pub fn close(self) {
        let _ = self.call("DELETE", "", None);
    }
}

fn decode_base64(s: &str) -> Result<Vec<u8>, ()> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return Err(()),
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Ok(out)
}
