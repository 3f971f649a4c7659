//! Writing fixes: atomically, through symbolic links, and never apart for a file with several
//! hard links.

use super::{canonical, file_id, parent};
use std::path::{Path, PathBuf};

/// Writes `text` to the file `path` names, atomically: a temporary file in that file's directory,
/// with its permissions, renamed over it. A symbolic link is written through (the file it points
/// to gets the text, and the link stays a link).
pub(crate) fn write_atomically(path: &Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(path)?;
    let mut file = tempfile::NamedTempFile::new_in(parent(&target))?;
    file.write_all(text)?;
    file.as_file().sync_all()?;
    std::fs::set_permissions(file.path(), std::fs::metadata(&target)?.permissions())?;
    file.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// The other names of a file with several hard links, among the files of `candidates` and of
/// the file's own directory; `None` when it has one name. A rewrite by rename would give `path` a
/// new file and leave the other names with the old text, so such a file is not fixed.
pub(crate) fn hard_links<'a>(
    path: &Path,
    candidates: impl Iterator<Item = &'a Path>,
) -> Option<(u64, Vec<PathBuf>)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let metadata = std::fs::metadata(path).ok()?;
        if metadata.nlink() < 2 {
            return None;
        }
        let id = file_id(path);
        let same = |other: &Path| file_id(other) == id;
        let dir = parent(path);
        let siblings = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| match dir.as_os_str() == "." {
                true => PathBuf::from(e.file_name()),
                false => e.path(),
            });
        let own = canonical(path);
        let mut others: Vec<PathBuf> = candidates
            .map(Path::to_owned)
            .chain(siblings)
            .filter(|other| canonical(other) != own && same(other))
            .collect();
        others.sort();
        others.dedup();
        Some((metadata.nlink(), others))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, candidates);
        None
    }
}
