//! Sorting through one sort of indices in the WebAssembly build: every element type given to
//! `slice::sort_by` brings its own copy of the standard sort (some 5 KB of WebAssembly each);
//! sorting `u32` indices with a comparator behind a reference keeps one copy for the whole crate.
//! Native builds, where size matters less than the allocations this costs, sort in place.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `sort_by` does.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    if cfg!(target_arch = "wasm32") {
        through_indices(items, &compare);
    } else {
        items.sort_by(compare);
    }
}

/// The WebAssembly build's sort: indices sorted by one shared sort, then the items moved.
fn through_indices<T>(items: &mut Vec<T>, compare: &impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    sort_indices(&mut order, &|a, b| {
        compare(&items[a as usize], &items[b as usize])
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots[i as usize].take()));
}

/// Sorts `items` stably by the key `key` gives, as `sort_by_key` does.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, as `sort` does.
pub(crate) fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// For each item, where the same key came before it: the positions of the first and of the
/// latest earlier item with that key (`None` for a key not seen before). Found by sorting
/// positions, not with a hash table: each key type would bring its own copy of one into the
/// WebAssembly.
pub(crate) fn repeats<K: Ord>(keys: &[K]) -> Vec<Option<(usize, usize)>> {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    // Stable: the positions of one key stay in document order.
    sort_indices(&mut order, &|a, b| keys[a as usize].cmp(&keys[b as usize]));
    let mut out = vec![None; keys.len()];
    for run in order.chunk_by(|&a, &b| keys[a as usize] == keys[b as usize]) {
        let first = run[0] as usize;
        for pair in run.windows(2) {
            out[pair[1] as usize] = Some((first, pair[0] as usize));
        }
    }
    out
}

#[inline(never)]
fn sort_indices(order: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    #[test]
    fn repeats_name_the_first_and_the_latest_earlier_item() {
        let keys = ["a", "b", "a", "c", "a", "b"];
        assert_eq!(
            super::repeats(&keys),
            [None, None, Some((0, 0)), None, Some((0, 2)), Some((1, 1))]
        );
        // Against a direct quadratic search, on random keys.
        let mut state = 11u64;
        for len in [0, 1, 2, 50, 500] {
            let keys: Vec<u64> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (state >> 33) % 17
                })
                .collect();
            let expected: Vec<Option<(usize, usize)>> = (0..len)
                .map(|i| {
                    let earlier = || (0..i).filter(|&j| keys[j] == keys[i]);
                    earlier().next().zip(earlier().next_back())
                })
                .collect();
            assert_eq!(super::repeats(&keys), expected, "{keys:?}");
        }
    }

    #[test]
    fn the_index_sort_is_stable_as_the_standard_sort_is() {
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        for len in [0, 1, 2, 3, 17, 100, 1000] {
            let items: Vec<(u32, u32)> = (0..len).map(|i| (next() % 10, i)).collect();
            let mut ours = items.clone();
            super::through_indices(&mut ours, &|a: &(u32, u32), b: &(u32, u32)| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
        }
    }
}
