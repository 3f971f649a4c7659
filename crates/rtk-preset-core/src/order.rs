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
    if !cfg!(target_arch = "wasm32") {
        items.sort_by(compare);
        return;
    }
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

#[inline(never)]
fn sort_indices(order: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably_as_the_standard_sort_does() {
        // The WebAssembly build's way, tried natively.
        let mut items: Vec<(u32, u32)> = (0..50).map(|i| ((i * 7) % 5, i)).collect();
        let mut order: Vec<u32> = (0..items.len() as u32).collect();
        super::sort_indices(&mut order, &|a, b| {
            items[a as usize].0.cmp(&items[b as usize].0)
        });
        let by_indices: Vec<(u32, u32)> = order.iter().map(|&i| items[i as usize]).collect();
        items.sort_by_key(|p| p.0);
        assert_eq!(by_indices, items);
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
            super::sort_by_key(&mut ours, |p| p.0);
            let mut std = items.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
            let mut ours = items.clone();
            super::sort(&mut ours);
            let mut std = items;
            std.sort();
            assert_eq!(ours, std);
        }
    }
}
