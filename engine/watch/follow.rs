//! File-system events into bursts: one reload per burst of saves.
//!
//! The policy folder is watched recursively and each data file's folder (not the file:
//! editors save by writing a temporary file and renaming it over the old one) without its
//! subfolders. Events are grouped by the debouncer, then gathered until the watched paths have
//! been quiet for the debounce delay, so a burst of saves (or a `git checkout`) gives one
//! [`Burst`]. Reads (our own reloads open the files), editor swap and backup files, and other
//! files in the data folders are not changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Session;
use crate::diagnostic::Problem;
use crate::message::Msg;

/// The debounce delay `cogov watch` uses: a burst ends after this long without a change.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Changes seen together: the paths that changed and any trouble the watcher had.
#[derive(Debug, Default)]
pub struct Burst {
    /// Watched paths that changed, sorted.
    pub paths: BTreeSet<PathBuf>,
    /// Errors the file watcher reported (it may have missed changes; a reload follows).
    pub errors: Vec<Msg>,
}

impl Burst {
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.errors.is_empty()
    }
}

/// Watches a session's policy folder and data files.
pub struct Watcher {
    // Dropping the debouncer stops watching.
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    data: BTreeSet<PathBuf>,
    quiet: Duration,
}

impl Watcher {
    /// Starts watching what `session` serves. A burst ends once nothing changed for
    /// `debounce`; the debouncer itself holds each change for half of it to group the events
    /// of one save, so a reload starts about 1.5 × `debounce` after the last change.
    pub fn new(session: &Session, debounce: Duration) -> Result<Watcher, Problem> {
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(debounce / 2, None, tx)
            .map_err(|e| Problem::in_file(session.policy_root(), watch_error(&e)))?;
        let absolute = |p: &Path| -> Result<PathBuf, Problem> {
            std::path::absolute(p).map_err(|e| {
                Problem::in_file(
                    p,
                    Msg::new("watch-no-absolute-path").arg("error", e.to_string()),
                )
            })
        };
        let root = session.policy_root();
        let root = root.canonicalize().map_err(|e| {
            let message = Msg::new("watch-cannot-watch-policies").arg("error", e.to_string());
            Problem::in_file(root, message)
        })?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| Problem::in_file(&root, watch_error(&e)))?;
        let mut data = BTreeSet::new();
        let mut folders = BTreeSet::new();
        for file in session.data_files() {
            let file = absolute(file)?;
            let (Some(folder), Some(name)) = (file.parent(), file.file_name()) else {
                return Err(Problem::in_file(&file, Msg::new("watch-not-a-data-file")));
            };
            let folder = folder.canonicalize().map_err(|e| {
                let message = Msg::new("watch-cannot-watch-data").arg("error", e.to_string());
                Problem::in_file(folder, message)
            })?;
            data.insert(folder.join(name));
            if !folder.starts_with(&root) {
                folders.insert(folder);
            }
        }
        for folder in folders {
            debouncer
                .watch(&folder, RecursiveMode::NonRecursive)
                .map_err(|e| Problem::in_file(&folder, watch_error(&e)))?;
        }
        Ok(Watcher {
            _debouncer: debouncer,
            events,
            root,
            data,
            quiet: debounce,
        })
    }

    /// Waits up to `wait` for a change, then gathers changes until none came for the debounce
    /// delay. `None` when nothing changed within `wait`.
    pub fn next_burst(&self, wait: Duration) -> Option<Burst> {
        let deadline = Instant::now() + wait;
        let mut burst = Burst::default();
        loop {
            let timeout = if burst.is_empty() {
                deadline.saturating_duration_since(Instant::now())
            } else {
                self.quiet
            };
            match self.events.recv_timeout(timeout) {
                Ok(Ok(events)) => {
                    for event in events {
                        if event.need_rescan() {
                            burst.paths.insert(self.root.clone());
                        }
                        if !is_change(&event.kind) {
                            continue;
                        }
                        let paths = event.paths.iter().filter(|p| self.concerns(p));
                        burst.paths.extend(paths.cloned());
                    }
                }
                Ok(Err(errors)) => burst.errors.extend(errors.iter().map(watch_error)),
                // Timed out (or the debouncer is gone, which only happens on drop).
                Err(_) => return (!burst.is_empty()).then_some(burst),
            }
        }
    }

    /// Whether a changed path can change what is served: a data file, or a file under the
    /// policy folder that is not an editor's swap, backup or temporary file.
    fn concerns(&self, path: &Path) -> bool {
        if self.data.contains(path) {
            return true;
        }
        if !path.starts_with(&self.root) {
            return false;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let scratch = name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || [".swp", ".swx", ".tmp"].iter().any(|s| name.ends_with(s));
        !scratch
    }
}

/// Writes, creations, removals and renames; not reads.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn watch_error(e: &notify_debouncer_full::notify::Error) -> Msg {
    Msg::new("watch-failed").arg("error", e.to_string())
}
