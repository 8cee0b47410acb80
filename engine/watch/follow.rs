//! File-system events into bursts: one reload per burst of saves.
//!
//! The policy folder is watched recursively, and its parent folder without subfolders: a
//! checkout or a sync tool may replace the whole folder (remove it and copy a new one, or
//! rename a new one into place), and the watch on the old folder would then see nothing more.
//! When the folder goes or comes back, the recursive watch is set up again on what is there
//! now. Each data file's and table's folder is watched without its subfolders (not the file:
//! editors save by writing a temporary file and renaming it over the old one). Events are
//! grouped by the debouncer, then gathered until the watched paths have been quiet for the
//! debounce delay, so a burst of saves (or a `git checkout`) gives one [`Burst`]. Reads (our
//! own reloads open the files), editor swap and backup files, and other files in the watched
//! folders are not changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};

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
    /// The policy folder was replaced (or came back after it was removed) and is watched
    /// again.
    pub rewatched: bool,
    /// Errors the file watcher reported (it may have missed changes; a reload follows).
    pub errors: Vec<Msg>,
}

impl Burst {
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.errors.is_empty()
    }
}

/// Watches a session's policy folder, data files and tables.
pub struct Watcher {
    // Dropping the debouncer stops watching.
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    /// The policy folder being watched (device and inode), `None` while it is not.
    watched: Option<Identity>,
    /// The data files and tables.
    data: BTreeSet<PathBuf>,
    quiet: Duration,
}

/// Which folder a path names: a replaced folder has the same path but not the same identity.
type Identity = (u64, u64);

impl Watcher {
    /// Starts watching what `session` serves. A burst ends once nothing changed for
    /// `debounce`; the debouncer itself holds each change for half of it to group the events
    /// of one save, so a reload starts about 1.5 × `debounce` after the last change. A policy
    /// folder that does not exist yet is watched for from its parent.
    pub fn new(session: &Session, debounce: Duration) -> Result<Watcher, Problem> {
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(debounce / 2, None, tx)
            .map_err(|e| Problem::in_file(session.policy_root(), watch_error(&e)))?;
        let root = session.policy_root();
        let cannot_watch = |path: &Path, e: std::io::Error| {
            let message = Msg::new("watch-cannot-watch-policies").arg("error", e.to_string());
            Problem::in_file(path, message)
        };
        let root = match root.canonicalize() {
            Ok(root) => root,
            // Not there (yet): its parent must be.
            Err(e) => {
                let absolute = absolute(root)?;
                let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
                    return Err(cannot_watch(root, e));
                };
                let parent = parent.canonicalize().map_err(|e| cannot_watch(root, e))?;
                parent.join(name)
            }
        };
        let mut folders = BTreeSet::new();
        if let Some(parent) = root.parent() {
            folders.insert(parent.to_path_buf());
        }
        let mut data = BTreeSet::new();
        let files = session.inputs().iter();
        for file in files.flat_map(|i| std::iter::once(&i.data).chain(&i.tables)) {
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
        let watched = identity(&root);
        if watched.is_some() {
            debouncer
                .watch(&root, RecursiveMode::Recursive)
                .map_err(|e| Problem::in_file(&root, watch_error(&e)))?;
        }
        Ok(Watcher {
            debouncer,
            events,
            root,
            watched,
            data,
            quiet: debounce,
        })
    }

    /// Waits up to `wait` for a change, then gathers changes until none came for the debounce
    /// delay. `None` when nothing changed within `wait`.
    pub fn next_burst(&mut self, wait: Duration) -> Option<Burst> {
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
                    let mut moved = false;
                    for event in events {
                        moved |= self.moves_root(&event);
                        if event.need_rescan() {
                            burst.paths.insert(self.root.clone());
                        }
                        if !is_change(&event.kind) {
                            continue;
                        }
                        let paths = event.paths.iter().filter(|p| self.concerns(p));
                        burst.paths.extend(paths.cloned());
                    }
                    self.follow_root(moved, &mut burst);
                }
                Ok(Err(errors)) => burst.errors.extend(errors.iter().map(watch_error)),
                // Timed out (or the debouncer is gone, which only happens on drop).
                Err(_) => return (!burst.is_empty()).then_some(burst),
            }
        }
    }

    /// Whether an event creates, removes or renames the policy folder itself.
    fn moves_root(&self, event: &DebouncedEvent) -> bool {
        let kind = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        kind && event.paths.contains(&self.root)
    }

    /// Watches the policy folder again when it was moved, removed or replaced: the watch on
    /// the old folder sees nothing of the new one. `moved` says events named the folder
    /// itself (a new folder may reuse the old one's inode).
    fn follow_root(&mut self, moved: bool, burst: &mut Burst) {
        let now = identity(&self.root);
        if !moved && now == self.watched {
            return;
        }
        if self.watched.take().is_some() {
            // Already gone when the folder was removed or moved away.
            let _ = self.debouncer.unwatch(&self.root);
        }
        burst.paths.insert(self.root.clone());
        if now.is_none() {
            return;
        }
        match self.debouncer.watch(&self.root, RecursiveMode::Recursive) {
            Ok(()) => {
                self.watched = now;
                burst.rewatched = true;
            }
            // Gone again: watched for from the parent folder.
            Err(e) => burst.errors.push(watch_error(&e)),
        }
    }

    /// Whether a changed path can change what is served: a data file or table, the policy
    /// folder itself, or a file under it that is not an editor's swap, backup or temporary
    /// file.
    fn concerns(&self, path: &Path) -> bool {
        if self.data.contains(path) || path == self.root {
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

/// The device and inode of a folder; `None` when there is no folder at `path`.
fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        // Without inodes, a replacement is known by the events naming the folder.
        let _ = meta;
        Some((0, 0))
    }
}

fn absolute(path: &Path) -> Result<PathBuf, Problem> {
    std::path::absolute(path).map_err(|e| {
        Problem::in_file(
            path,
            Msg::new("watch-no-absolute-path").arg("error", e.to_string()),
        )
    })
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
