//! `rtk-preset pull`: the app's presets into the folder, all or nothing.

use super::client::Listed;
use super::state::Entry;
use super::{context, exit, run, state, usage, PullArgs};
use serde_json::{Map, Value};

/// `rtk-preset pull`.
pub(crate) fn pull(args: PullArgs) -> u8 {
    run(|| {
        let context = context(&args.remote, true, args.force)?;
        // The lock of this app (another app's is replaced only with --force: see `context`).
        let previous = context.lock.clone();
        let old = previous
            .clone()
            .filter(|l| l.account == context.account && l.app == context.app);
        let listed = context.client.list()?;
        let ids: Vec<&str> = listed.iter().map(|l| l.id.as_str()).collect();
        let bodies = context.client.get_all(&ids)?;
        let remote: Vec<(&Listed, Map<String, Value>)> = listed
            .iter()
            .zip(bodies.iter().map(state::body_of))
            .collect();
        // Files of the folder that are presets but not in the lock: a preset of the app with
        // their name goes there (not into a second file of the same name).
        let locals = match state::read_local(&context.dir) {
            Ok(locals) => locals,
            // A broken or doubled preset file would hide which file a preset belongs in.
            Err(problem) if !args.force => {
                return Err(usage(format!(
                    "nothing pulled: {problem} (or pull --force)"
                )))
            }
            Err(_) => Vec::new(),
        };
        let on_disk: Vec<String> = std::fs::read_dir(&context.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let managed = |file: &str| {
            previous
                .as_ref()
                .is_some_and(|l| l.presets.contains_key(file))
        };
        let mut lock = context.lock_or_new();
        lock.presets.clear();
        // Every preset's file, its new bytes, and whether the file already holds them.
        let mut writes: Vec<(String, Vec<u8>, bool)> = Vec::new();
        let mut conflicts = Vec::new();
        let (mut new, mut updated, mut unchanged) = (0, 0, 0);
        for (preset, body) in &remote {
            let kept = old.as_ref().and_then(|l| l.file_of(&preset.id));
            let named = locals
                .iter()
                .find(|l| l.name == preset.name && !managed(&l.file))
                .map(|l| l.file.as_str());
            let file = match (kept, named) {
                // The file was moved (renamed): the preset goes where it is now.
                (Some(kept), Some(named)) if !context.dir.join(kept).exists() => named.to_owned(),
                (Some(kept), Some(named)) => {
                    conflicts.push(format!(
                        "`{named}` and `{kept}` are both preset `{}` (`{kept}` is the one pulled \
                         before): remove one",
                        preset.name
                    ));
                    kept.to_owned()
                }
                (Some(file), None) | (None, Some(file)) => file.to_owned(),
                // A new name: not one this pull writes, not a file another preset of the app
                // keeps, not a file of the folder the last pull did not write (compared
                // ignoring case, as many file systems do).
                (None, None) => state::file_name(&preset.name, &|candidate| {
                    let taken = |f: &str| f.eq_ignore_ascii_case(candidate);
                    writes.iter().any(|(w, _, _)| taken(w))
                        || remote.iter().any(|(p, _)| {
                            old.as_ref()
                                .and_then(|l| l.file_of(&p.id))
                                .is_some_and(taken)
                        })
                        || on_disk.iter().any(|f| taken(f) && !managed(f))
                }),
            };
            let bytes = state::file_text(body, context.api);
            let mut same = false;
            match std::fs::read(context.dir.join(&file)) {
                Ok(disk) if disk == bytes => {
                    unchanged += 1;
                    same = true;
                }
                Ok(disk) => {
                    // Safe to overwrite: the file as last synced (under this preset's id, or
                    // under its own name: a preset deleted and created again), or one that says
                    // what the app says in other words (another key order or indentation).
                    let hash = state::hash(&disk);
                    let synced = old.as_ref().is_some_and(|l| {
                        l.presets
                            .values()
                            .find(|e| e.id == preset.id)
                            .or_else(|| l.presets.get(&file))
                            .is_some_and(|e| e.file == hash)
                    }) || state::same_body(&disk, body);
                    if !synced && !args.force {
                        conflicts.push(format!(
                            "`{file}` has changes that are not in the app (push them, or \
                             pull --force to drop them)"
                        ));
                    }
                    updated += 1;
                }
                Err(_) => new += 1,
            }
            lock.presets.insert(
                file.clone(),
                Entry {
                    id: preset.id.clone(),
                    name: preset.name.clone(),
                    file: state::hash(&bytes),
                    remote: state::body_hash(body),
                    filled: Vec::new(),
                },
            );
            writes.push((file, bytes, same));
        }
        // Files of the last pull with no preset now: deleted in the app (or, after pull
        // --force from another app, that app's).
        let mut removes = Vec::new();
        for (file, entry) in previous.iter().flat_map(|l| &l.presets) {
            // A file whose create is on the way was never in the app: it stays.
            if lock.presets.contains_key(file) || entry.pending() {
                continue;
            }
            match std::fs::read(context.dir.join(file)) {
                Ok(disk) if state::hash(&disk) != entry.file && !args.force => {
                    conflicts.push(format!(
                        "`{file}`'s preset `{}` is not in the app, and the file has changes \
                         since the last pull (move it away, or pull --force to delete it)",
                        entry.name
                    ))
                }
                Ok(_) => removes.push(file.clone()),
                Err(_) => {}
            }
        }
        if !conflicts.is_empty() {
            for conflict in &conflicts {
                eprintln!("rtk-preset: {conflict}");
            }
            return Err(usage(format!(
                "nothing pulled: {} file(s) would lose changes",
                conflicts.len()
            )));
        }
        // Files that already hold their bytes are not written again (each was read once, above).
        let changed: Vec<(String, Vec<u8>)> = writes
            .into_iter()
            .filter(|(_, _, same)| !same)
            .map(|(file, bytes, _)| (file, bytes))
            .collect();
        state::apply(&context.dir, &changed, &removes, &lock).map_err(|e| {
            usage(format!(
                "cannot write into `{}`: {e}",
                context.dir.display()
            ))
        })?;
        println!(
            "pulled {} preset(s) of app `{}` into `{}`: {new} new, {updated} updated, {unchanged} \
             unchanged, {} removed",
            remote.len(),
            context.app,
            context.dir.display(),
            removes.len()
        );
        Ok(exit::OK)
    })
}
