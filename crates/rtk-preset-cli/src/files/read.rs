//! Reading an input with bounded memory: a file or standard input, kept whole up to the size limit
//! and only counted past it.

use super::Source;
use std::io::Read as _;
use std::path::Path;

/// What reading an input gave.
pub(crate) enum Text {
    /// The whole input.
    Whole(Vec<u8>),
    /// An input above the size limit, of `size` bytes: only its first bytes are kept, to tell
    /// whether it is a preset.
    TooLarge {
        /// The whole input's size in bytes.
        size: u64,
        /// Its first bytes (a little more than the limit).
        prefix: Vec<u8>,
    },
}

/// Reads one input, keeping at most `max` bytes.
pub(super) fn read(source: &Source, max: usize) -> Result<Text, String> {
    match source {
        Source::Stdin(_) => read_bounded(&mut std::io::stdin().lock(), max, |_| None),
        Source::File(file) => std::fs::File::open(file).and_then(|mut f| {
            read_bounded(&mut f, max, |f: &std::fs::File| {
                f.metadata().ok().map(|m| m.len())
            })
        }),
    }
    .map_err(|e| format!("cannot read `{}`: {e}", source.name()))
}

/// Reads a file for `--fix`: the whole of it, or `None` when it is above `max` bytes (such a file
/// is not a preset, and the check that follows reports it).
pub(crate) fn read_for_fix(path: &Path, max: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut file = std::fs::File::open(path)?;
    Ok(match read_bounded(&mut file, max, |_| None)? {
        Text::Whole(text) => Some(text),
        Text::TooLarge { .. } => None,
    })
}

/// Reads standard input for `check --fix -`: the whole of it, or an error above `max` bytes.
pub(crate) fn read_stdin(max: usize) -> Result<Vec<u8>, String> {
    match read_bounded(&mut std::io::stdin().lock(), max, |_| None) {
        Ok(Text::Whole(text)) => Ok(text),
        Ok(Text::TooLarge { size, .. }) => Err(format!(
            "standard input is {size} bytes, above the limit of {max} bytes: not fixed"
        )),
        Err(e) => Err(format!("cannot read standard input: {e}")),
    }
}

/// Reads `reader` to its end, keeping at most `max` bytes: memory stays bounded whatever the input
/// (a 200 MB file, an endless pipe). Past the limit the rest is counted, not kept, unless `size`
/// knows the total. No size is asked first: presets are small, and `std::fs::read`'s `statx` was a
/// tenth of the kernel's time on a directory of presets.
fn read_bounded<R: std::io::Read>(
    reader: &mut R,
    max: usize,
    size: impl Fn(&R) -> Option<u64>,
) -> std::io::Result<Text> {
    let limit = max as u64 + 1;
    let mut text = Vec::with_capacity(16 * 1024);
    // Through `Take`, `read_to_end` reads into the spare capacity without a size hint.
    reader.by_ref().take(limit).read_to_end(&mut text)?;
    if text.len() <= max {
        return Ok(Text::Whole(text));
    }
    let total = match size(reader) {
        Some(total) => total,
        None => limit + std::io::copy(reader, &mut std::io::sink())?,
    };
    Ok(Text::TooLarge {
        size: total,
        prefix: text,
    })
}
