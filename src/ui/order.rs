//! Stable sorting for the page through one shared sort of indices: `[T]::sort_by_key` makes a
//! copy of the standard sort (about 4 KB of wasm) for every element type and key, while these
//! put every caller on the same machine code and only permute per type. Same order as the
//! standard stable sort (tested in `tests/wasm`).

use std::cmp::Ordering;

/// Sorts `items` stably by `key`, as `items.sort_by_key(key)` does (each key computed once).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_indices(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, &order);
}

/// Sorts `items` stably with `compare`, as `items.sort_by(compare)` does.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// The indices `0..n` in the stable order `compare` gives them: the one sort the page carries.
fn sorted_indices(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts `items` in `order` (a permutation of their indices).
fn permute<T>(items: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&index| slots[index].take()));
}
