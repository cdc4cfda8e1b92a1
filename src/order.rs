//! One stable sort for the whole crate: `shared_sort`, `shared_sort_by` and `shared_sort_by_key`
//! on any slice (`use crate::order::SharedSort`).
//!
//! `[T]::sort_by_key` and friends make a copy of the standard sort for every element type and
//! comparator: in the page's wasm that was 62 copies, 180 KB of its 2.3 MB. In the wasm these
//! methods put every caller on one sort of indices (`sorted_indices`, compared through a `dyn`
//! closure) and then move the elements into place; natively, where size does not matter and
//! the engine sorts on hot paths, they are the standard stable sort itself. Both are stable, so
//! both give the same order: a script's transcript is the same in the page and in `kubeplay run`
//! (`tests/wasm/order.rs` checks the wasm side against the standard sort).

use std::cmp::Ordering;

/// Stable sorting through the crate's one sort (see the module comment).
pub trait SharedSort<T> {
    /// As `sort`: stable, by `Ord`.
    fn shared_sort(&mut self)
    where
        T: Ord;
    /// As `sort_by`.
    fn shared_sort_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering);
    /// As `sort_by_key`, each key computed once (as `sort_by_cached_key`).
    fn shared_sort_by_key<K: Ord>(&mut self, key: impl FnMut(&T) -> K);
    /// As `sort_unstable`, for orders without ties only (keys of a set, unique names): natively
    /// the standard unstable sort (the engine's hot paths), in the page the shared stable one,
    /// which gives the same order when no two elements compare equal.
    fn shared_sort_unstable(&mut self)
    where
        T: Ord;
    /// As `sort_unstable_by`, for orders without ties only (see `shared_sort_unstable`).
    fn shared_sort_unstable_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering);
}

#[cfg(not(target_arch = "wasm32"))]
impl<T> SharedSort<T> for [T] {
    fn shared_sort(&mut self)
    where
        T: Ord,
    {
        self.sort();
    }

    fn shared_sort_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering) {
        self.sort_by(compare);
    }

    fn shared_sort_by_key<K: Ord>(&mut self, key: impl FnMut(&T) -> K) {
        self.sort_by_cached_key(key);
    }

    fn shared_sort_unstable(&mut self)
    where
        T: Ord,
    {
        self.sort_unstable();
    }

    fn shared_sort_unstable_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering) {
        self.sort_unstable_by(compare);
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> SharedSort<T> for [T] {
    fn shared_sort(&mut self)
    where
        T: Ord,
    {
        self.shared_sort_by(T::cmp);
    }

    fn shared_sort_by(&mut self, mut compare: impl FnMut(&T, &T) -> Ordering) {
        let items: &[T] = self;
        let order = sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]));
        permute(self, order);
    }

    fn shared_sort_by_key<K: Ord>(&mut self, key: impl FnMut(&T) -> K) {
        let keys: Vec<K> = self.iter().map(key).collect();
        let order = sorted_indices(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
        permute(self, order);
    }

    fn shared_sort_unstable(&mut self)
    where
        T: Ord,
    {
        self.shared_sort_by(T::cmp);
    }

    fn shared_sort_unstable_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering) {
        self.shared_sort_by(compare);
    }
}

/// The indices `0..n` in the stable order `compare` gives them: the one sort the page carries.
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn sorted_indices(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts `items` in `order` (`order[i]` is the index of the element that goes to place `i`), in
/// place: each element is swapped straight to where it belongs.
#[cfg(target_arch = "wasm32")]
fn permute<T>(items: &mut [T], order: Vec<usize>) {
    // `place[i]`: where the element now at `i` belongs.
    let mut place = vec![0; order.len()];
    for (to, &from) in order.iter().enumerate() {
        place[from] = to;
    }
    for i in 0..items.len() {
        while place[i] != i {
            let j = place[i];
            items.swap(i, j);
            place.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{set_of, CollectMap, SharedSort};
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn collect_map_keeps_a_key_s_last_pair_as_collect_does() {
        let pairs = vec![("b", 1), ("a", 2), ("b", 3)];
        let expected: BTreeMap<&str, i32> = pairs.clone().into_iter().collect();
        let got: BTreeMap<&str, i32> = pairs.into_iter().collect_map();
        assert_eq!(got, expected);
        assert_eq!(got["b"], 3);
        assert_eq!(set_of([3, 1, 3]), BTreeSet::from([1, 3]));
    }

    #[test]
    fn sorts_stably_as_the_standard_sort() {
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let mut expected = pairs.clone();
        expected.sort_by_key(|p| p.0);
        pairs.shared_sort_by_key(|p| p.0);
        assert_eq!(pairs, expected);
        pairs.shared_sort_by(|a, b| b.1.cmp(&a.1));
        assert_eq!(pairs.iter().map(|p| p.1).collect::<String>(), "edcba");
        let mut words = vec!["b", "a", "c"];
        words.shared_sort();
        assert_eq!(words, ["a", "b", "c"]);
    }
}

/// Builds a map (`BTreeMap`, or anything made from one: `Shared<BTreeMap>`, a JSON object) from
/// pairs inserted one by one (`use crate::order::CollectMap`). `collect()` and `From<[(K, V); N]>`
/// into a `BTreeMap` sort their input first: in the page's wasm, one more copy of the standard
/// sort for every key and value type. A later pair with an equal key wins, as with `collect()`.
pub trait CollectMap<K: Ord, V>: IntoIterator<Item = (K, V)> + Sized {
    fn collect_map<M: From<std::collections::BTreeMap<K, V>>>(self) -> M {
        let mut map = std::collections::BTreeMap::new();
        for (key, value) in self {
            map.insert(key, value);
        }
        M::from(map)
    }
}

impl<K: Ord, V, I: IntoIterator<Item = (K, V)>> CollectMap<K, V> for I {}

/// A set from items inserted one by one (see `CollectMap`).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> std::collections::BTreeSet<T> {
    let mut set = std::collections::BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}
