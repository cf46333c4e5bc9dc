//! Whether a path can be changed under a directory's feet. A directory only
//! its owner can write is still not safe if another user can rename one of
//! the directories above it and put a directory of their own in its place
//! (the socket hijack of issue 9, one level up). As OpenSSH's StrictModes
//! do, every directory above must belong to root or to the trusted user and
//! be writable by nobody else — unless its sticky bit is set (`/tmp`), which
//! keeps others from renaming entries they do not own.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Group- and other-write bits.
const WRITABLE_BY_OTHERS: u32 = 0o022;
const STICKY: u32 = 0o1000;

/// The first directory above `dir` (its real path) that someone other than
/// root and `trusted` could change, with its owner's uid.
pub(super) fn unguarded_ancestor(dir: &Path, trusted: u32) -> Option<(PathBuf, u32)> {
    let real = std::fs::canonicalize(dir).ok()?;
    real.ancestors().skip(1).find_map(|above| {
        let meta = std::fs::metadata(above).ok()?;
        let owned_by_another = meta.uid() != 0 && meta.uid() != trusted;
        let writable_by_another =
            meta.mode() & WRITABLE_BY_OTHERS != 0 && meta.mode() & STICKY == 0;
        (owned_by_another || writable_by_another).then(|| (above.to_path_buf(), meta.uid()))
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn a_directory_above_that_others_can_write_is_found_unless_sticky() {
        let me = nix::unistd::geteuid().as_raw();
        let top = tempfile::tempdir().unwrap();
        let run = top.path().join("run");
        std::fs::create_dir(&run).unwrap();
        chmod(top.path(), 0o755);
        assert_eq!(unguarded_ancestor(&run, me), None, "/tmp above is sticky");
        chmod(top.path(), 0o777);
        let (found, _) = unguarded_ancestor(&run, me).unwrap();
        assert_eq!(found, std::fs::canonicalize(top.path()).unwrap());
        chmod(top.path(), 0o1777);
        assert_eq!(
            unguarded_ancestor(&run, me),
            None,
            "sticky: others cannot rename run"
        );
        chmod(top.path(), 0o700);
    }
}
