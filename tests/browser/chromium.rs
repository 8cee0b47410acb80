//! A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`):
//! the browser reads commands from its descriptor 3 and writes replies and events to its
//! descriptor 4, each a JSON message ending in a NUL byte. No port, no websocket, no
//! dependency beyond `serde_json` and `libc`, and every console message, exception and network
//! request of a page arrives as an event the tests can look at.
//!
//! The browser runs in its own process group with a fresh profile in a temporary folder; the
//! whole group is killed when the `Chromium` is dropped, a failing test included. Should the
//! test process itself be killed, its end of the command pipe closes and the browser quits.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, PipeWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one command or awaited event may take before the test gives up on the browser.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The browser binary: `$COGOV_CHROMIUM` when set, else `chromium` on the `PATH`.
pub fn binary() -> PathBuf {
    std::env::var_os("COGOV_CHROMIUM").map_or_else(|| PathBuf::from("chromium"), PathBuf::from)
}

/// What to do when the browser cannot be started.
pub fn missing(binary: &Path, error: &std::io::Error) -> String {
    format!(
        "cannot start Chromium `{}`: {error}\n\
         The browser tests need Chromium and CJK fonts: install the Debian packages \
         `chromium` and `fonts-noto-cjk` (apt-get install chromium fonts-noto-cjk), or run \
         `.ci/run`, which installs them. $COGOV_CHROMIUM names another Chromium binary.",
        binary.display()
    )
}

/// A running browser and the protocol messages received from it.
pub struct Chromium {
    child: Child,
    to_browser: PipeWriter,
    from_browser: Receiver<Value>,
    next_id: u64,
    /// Every event received so far, in order (`method`, `params`, `sessionId`).
    events: Vec<Value>,
    stderr: PathBuf,
    _profile: tempfile::TempDir,
}

impl Chromium {
    /// Starts `binary` headless, sandbox and GPU off (CI runs as root, without a display),
    /// with a fresh profile, every host name resolving to nothing, and `env` set.
    pub fn launch(binary: &Path, env: &[(&str, &OsStr)]) -> Result<Chromium, String> {
        let profile = tempfile::tempdir().map_err(|e| format!("profile folder: {e}"))?;
        let stderr = profile.path().join("stderr.log");
        let log = std::fs::File::create(&stderr).map_err(|e| format!("{e}"))?;
        let (commands, to_browser) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
        let (from_browser, replies) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
        let mut command = Command::new(binary);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--mute-audio",
                "about:blank",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .process_group(0);
        let (command_fd, reply_fd) = (commands.as_raw_fd(), replies.as_raw_fd());
        // SAFETY: between fork and exec the closure only calls fcntl, dup2 and close, which
        // are async-signal-safe, and touches no memory but its two integers.
        unsafe {
            command.pre_exec(move || {
                // Both ends go above 4 first, so that placing one on 3 or 4 cannot close the
                // other; the copies on 3 and 4 are not closed on exec, the originals are.
                let command_copy = libc::fcntl(command_fd, libc::F_DUPFD, 10);
                let reply_copy = libc::fcntl(reply_fd, libc::F_DUPFD, 10);
                if command_copy < 0
                    || reply_copy < 0
                    || libc::dup2(command_copy, 3) < 0
                    || libc::dup2(reply_copy, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                libc::close(command_copy);
                libc::close(reply_copy);
                Ok(())
            });
        }
        let child = command.spawn().map_err(|e| missing(binary, &e))?;
        // The browser holds its own ends now; ours are closed, so that its exit ends the
        // reader below.
        drop((commands, replies));
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from_browser);
            let mut message = Vec::new();
            while matches!(reader.read_until(0, &mut message), Ok(n) if n > 0) {
                if message.last() == Some(&0) {
                    message.pop();
                }
                let Ok(value) = serde_json::from_slice(&message) else {
                    break;
                };
                if sender.send(value).is_err() {
                    break;
                }
                message.clear();
            }
        });
        Ok(Chromium {
            child,
            to_browser,
            from_browser: receiver,
            next_id: 1,
            events: Vec::new(),
            stderr,
            _profile: profile,
        })
    }

    /// Sends a command, to the browser or to a page's session, and waits for its result.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&message).expect("a command is JSON");
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .map_err(|e| format!("Chromium is not running ({method}: {e}){}", self.log_tail()))?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut message = self.receive(deadline, method)?;
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(message["result"].take());
            }
        }
    }

    /// The number of events received so far: a mark to wait for events after it.
    pub fn mark(&self) -> usize {
        self.events.len()
    }

    /// Waits until an event `method` of `session` has arrived after `mark`.
    pub fn wait_for(&mut self, session: &str, method: &str, mark: usize) -> Result<(), String> {
        let deadline = Instant::now() + TIMEOUT;
        let seen = |events: &[Value]| {
            events[mark..]
                .iter()
                .any(|e| e["method"] == method && e["sessionId"] == session)
        };
        while !seen(&self.events) {
            self.receive(deadline, method)?;
        }
        Ok(())
    }

    /// The events of `session` received after `mark`, each as (`method`, `params`).
    pub fn events_of<'a>(
        &'a self,
        session: &'a str,
        mark: usize,
    ) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.events[mark..]
            .iter()
            .filter(move |e| e["sessionId"] == session)
            .map(|e| (e["method"].as_str().unwrap_or_default(), &e["params"]))
    }

    /// The next message; an event is also kept in `events`.
    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.from_browser.recv_timeout(left) {
            Ok(message) => {
                if message.get("method").is_some() {
                    self.events.push(message.clone());
                }
                Ok(message)
            }
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "Chromium gave no answer to {waiting_for} within {} s{}",
                TIMEOUT.as_secs(),
                self.log_tail()
            )),
            Err(RecvTimeoutError::Disconnected) => Err(format!(
                "Chromium exited while the test waited for {waiting_for}{}",
                self.log_tail()
            )),
        }
    }

    /// The end of the browser's standard error, for a message about its failure.
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("\nChromium's standard error ends:\n{tail}")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // The group holds the browser and the renderer, GPU and zygote processes it started;
        // its id is the browser's, which stays reserved until the browser is reaped below.
        let group = -(self.child.id() as libc::pid_t);
        // SAFETY: kill has no memory effects; the group is the one this test started.
        unsafe {
            libc::kill(group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// Decodes the base64 in which the protocol carries screenshots and PDFs.
pub fn base64(text: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for c in text.bytes().filter(|&c| c != b'=') {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("not base64: {:?}", c as char)),
        };
        bits = bits << 6 | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Ok(bytes)
}
