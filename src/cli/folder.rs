//! Writing a report folder as one atomic step: the files go into a
//! temporary sibling folder, `.NAME.new-PID`, which is then exchanged with
//! the previous folder in one system call (`renameat2(RENAME_EXCHANGE)` on
//! Linux), so at every instant `NAME` is either the whole previous report or
//! the whole new one. Where the exchange is not available (another system,
//! or a file system without it) the previous folder is renamed aside to
//! `.NAME.old-PID` first, and the next run puts it back if a crash came
//! between the two renames.
//!
//! Runs writing into the same parent folder take turns: each holds an
//! exclusive lock (on the parent folder itself on Unix, so nothing is left
//! behind; on a `.valuedesign.lock` file elsewhere) while it fills and swaps.
//! Holding the lock also means that no other run is writing a temporary
//! folder there, so every `.NAME.new-*` and `.NAME.old-*` found is what a
//! killed run left behind, and it is removed. A previous folder made
//! read-only is made writable again to be removed; if it still cannot be,
//! the run says so.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::report::ReportFile;

/// What writing a folder left to say, when it worked.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Folders left behind that could not be removed, with why.
    pub leftovers: Vec<(PathBuf, io::Error)>,
}

/// Writes `files` into the folder `dir`, replacing what was there as one
/// atomic step (see the module doc).
pub(crate) fn write_folder(dir: &Path, files: &[ReportFile]) -> io::Result<Written> {
    let parent = super::output::parent_folder(dir)?;
    if dir.is_file() {
        return Err(io::Error::other(format!(
            "`{}` is a file; move it away to write the report there",
            dir.display()
        )));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _lock = lock(parent)?;
    let mut written = Written::default();
    recover_and_clean(parent, &name, dir, &mut written);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let filled = (|| {
        std::fs::create_dir(&tmp)?;
        for f in files {
            std::fs::write(tmp.join(&f.name), &f.bytes)?;
        }
        Ok::<(), io::Error>(())
    })();
    if let Err(e) = filled {
        let _ = remove_all(&tmp);
        return Err(e);
    }
    if !dir.exists() {
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = remove_all(&tmp);
            return Err(e);
        }
        return Ok(written);
    }
    // `tmp` now holds the previous report.
    let previous = match exchange(&tmp, dir) {
        Ok(()) => tmp,
        Err(_) => {
            let old = parent.join(format!(".{name}.old-{pid}"));
            if let Err(e) = std::fs::rename(dir, &old) {
                let _ = remove_all(&tmp);
                return Err(e);
            }
            if let Err(e) = std::fs::rename(&tmp, dir) {
                // Put the previous report back.
                let _ = std::fs::rename(&old, dir);
                let _ = remove_all(&tmp);
                return Err(e);
            }
            old
        }
    };
    if let Err(e) = remove_all(&previous) {
        written.leftovers.push((previous, e));
    }
    Ok(written)
}

/// Under the lock: if a run died between the two renames of the fallback
/// (no `dir`, a `.NAME.old-*` there), the previous report goes back first;
/// then every temporary folder of `name` is removed.
fn recover_and_clean(parent: &Path, name: &str, dir: &Path, written: &mut Written) {
    let new_prefix = format!(".{name}.new-");
    let old_prefix = format!(".{name}.old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut stale: Vec<PathBuf> = Vec::new();
    let mut olds: Vec<PathBuf> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        let pid_part = n
            .strip_prefix(&new_prefix)
            .map(|p| (p, false))
            .or_else(|| n.strip_prefix(&old_prefix).map(|p| (p, true)));
        if let Some((pid, is_old)) = pid_part {
            if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) {
                if is_old {
                    olds.push(entry.path());
                } else {
                    stale.push(entry.path());
                }
            }
        }
    }
    olds.sort();
    if !dir.exists() {
        if let Some(old) = olds.pop() {
            let _ = std::fs::rename(&old, dir);
        }
    }
    stale.extend(olds);
    stale.sort();
    for p in stale {
        if let Err(e) = remove_all(&p) {
            written.leftovers.push((p, e));
        }
    }
}

/// Removes a folder and everything in it; a read-only folder (or one inside
/// it) is made writable first, as `rm -rf` does for its owner.
fn remove_all(path: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            make_writable(path);
            std::fs::remove_dir_all(path)
        }
    }
}

/// Gives the owner write permission on `path` and every folder under it.
fn make_writable(path: &Path) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_dir() {
        return;
    }
    let mut perms = meta.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(perms.mode() | 0o700);
    }
    #[cfg(not(unix))]
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    let _ = std::fs::set_permissions(path, perms);
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.filter_map(Result::ok) {
            make_writable(&e.path());
        }
    }
}

/// Exchanges two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Exchanges two paths in one step: not available here, so the caller
/// falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Waits for, then holds, the exclusive lock of `parent` until dropped.
fn lock(parent: &Path) -> io::Result<File> {
    #[cfg(unix)]
    let f = File::open(parent)?;
    #[cfg(not(unix))]
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(".valuedesign.lock"))?;
    f.lock()?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::write_folder;
    use crate::report::ReportFile;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    fn files(text: &str) -> Vec<ReportFile> {
        vec![
            ReportFile {
                name: "index.html".into(),
                bytes: text.as_bytes().to_vec(),
            },
            ReportFile {
                name: "map.svg".into(),
                bytes: b"<svg/>".to_vec(),
            },
        ]
    }

    /// While one thread replaces the folder again and again, another never
    /// finds it missing: the swap is one step.
    #[test]
    fn the_folder_is_never_missing_while_it_is_replaced() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("design");
        write_folder(&dir, &files("first")).expect("first write");
        let done = AtomicBool::new(false);
        let missing = AtomicUsize::new(0);
        let looks = AtomicUsize::new(0);
        std::thread::scope(|s| {
            s.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if !dir.join("index.html").exists() {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                    looks.fetch_add(1, Ordering::Relaxed);
                }
            });
            for k in 0..300 {
                let w = write_folder(&dir, &files(&format!("run {k}"))).expect("write");
                assert!(w.leftovers.is_empty());
            }
            done.store(true, Ordering::Relaxed);
        });
        assert!(looks.load(Ordering::Relaxed) > 0);
        assert_eq!(missing.load(Ordering::Relaxed), 0, "the folder was missing");
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).expect("read"),
            "run 299"
        );
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["design"]);
    }

    /// A run killed between the two renames of the fallback leaves only
    /// `.NAME.old-PID`: the next run puts it back before anything else, and
    /// removes every temporary folder it finds.
    #[test]
    fn a_killed_runs_leftovers_are_put_back_or_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("design");
        let old = tmp.path().join(".design.old-4000001");
        std::fs::create_dir(&old).expect("mkdir");
        std::fs::write(old.join("index.html"), "previous").expect("write");
        let new = tmp.path().join(".design.new-4000002");
        std::fs::create_dir(&new).expect("mkdir");
        std::fs::write(new.join("half.svg"), "<sv").expect("write");
        // A folder of another design is not touched.
        let other = tmp.path().join(".designs.new-4000003");
        std::fs::create_dir(&other).expect("mkdir");
        write_folder(&dir, &files("new")).expect("write");
        let mut names: Vec<String> = std::fs::read_dir(tmp.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec![".designs.new-4000003", "design"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).expect("read"),
            "new"
        );
    }
}
