//! A set of object keys that is filled one key at a time and drained in key order: the
//! kubelet's pods to look at, the scheduler's pending pods. A hash set, sorted when drained:
//! cheaper than keeping a sorted tree through every insert and remove when there are
//! hundreds of thousands of pods.

use std::collections::HashSet;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::fast_hash::FastHash;
use crate::engine::store::{Key, KeyRef};
use crate::order::SharedSort;

#[derive(Debug, Clone, Default)]
pub struct KeySet {
    keys: HashSet<Key, FastHash>,
}

impl KeySet {
    pub fn contains(&self, key: KeyRef<'_>) -> bool {
        self.keys.contains(key.q())
    }

    pub fn insert(&mut self, key: Key) {
        self.keys.insert(key);
    }

    /// `insert` of a namespaced object's key, only when it is new; the key shares the
    /// object's strings (`Key::of`).
    pub fn insert_of(&mut self, meta: &ObjectMeta) {
        if !self.contains(KeyRef::of(meta, true)) {
            self.keys.insert(Key::of(meta, true));
        }
    }

    pub fn remove(&mut self, key: KeyRef<'_>) {
        self.keys.remove(key.q());
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Moves every key of `other` here.
    pub fn append(&mut self, other: &mut KeySet) {
        self.keys.extend(other.keys.drain());
    }

    /// Empties the set, returning its keys in key order (namespace, then name).
    pub fn take_sorted(&mut self) -> Vec<Key> {
        let mut keys: Vec<Key> = std::mem::take(&mut self.keys).into_iter().collect();
        keys.shared_sort_unstable();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_out_in_key_order_once_each() {
        let mut set = KeySet::default();
        for (ns, name) in [("b", "x"), ("a", "web-2"), ("a", "web-10"), ("b", "x"), ("a", "web-1")] {
            let meta = ObjectMeta { namespace: Some(ns.into()), name: name.into(), ..Default::default() };
            set.insert_of(&meta);
        }
        set.insert(Key::new("a", "web-3"));
        set.remove(KeyRef("a", "web-3"));
        assert!(set.contains(KeyRef("a", "web-10")) && !set.contains(KeyRef("a", "web-3")));
        assert_eq!(set.len(), 4);
        let keys: Vec<String> = set.take_sorted().iter().map(|k| format!("{}/{}", k.namespace, k.name)).collect();
        assert_eq!(keys, ["a/web-1", "a/web-10", "a/web-2", "b/x"]);
        assert!(set.is_empty());
    }
}
