//! `Sparse<T>`: a part of an object that is almost always empty (annotations, finalizers, the
//! unknown fields of metadata), one word instead of three, allocated only once written.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Reads as a `&T`, the empty `T` while nothing was written; a write (`DerefMut`) makes room.
/// Serializes, deserializes, compares and prints exactly as `T`. Every `ObjectMeta` holds three,
/// and a pod version or an Event is one allocation whose size rounds up to the allocator's next
/// size class: three words saved each are 48 bytes on every one.
#[derive(Clone, Default)]
pub struct Sparse<T: Empty>(Option<Box<T>>);

/// A value with a shared empty instance.
pub trait Empty: Default + PartialEq + 'static {
    fn empty() -> &'static Self;
    fn is_empty_value(&self) -> bool;
}

impl Empty for BTreeMap<String, String> {
    fn empty() -> &'static Self {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        &EMPTY
    }
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl Empty for BTreeMap<String, serde_json::Value> {
    fn empty() -> &'static Self {
        static EMPTY: BTreeMap<String, serde_json::Value> = BTreeMap::new();
        &EMPTY
    }
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl Empty for Vec<String> {
    fn empty() -> &'static Self {
        static EMPTY: Vec<String> = Vec::new();
        &EMPTY
    }
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Empty> Deref for Sparse<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self.0.as_deref() {
            Some(value) => value,
            None => T::empty(),
        }
    }
}

impl<T: Empty> DerefMut for Sparse<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(Box::default)
    }
}

impl<T: Empty> From<T> for Sparse<T> {
    fn from(value: T) -> Self {
        Sparse((!value.is_empty_value()).then(|| Box::new(value)))
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for Sparse<BTreeMap<K, V>>
where
    BTreeMap<K, V>: Empty,
{
    fn from(pairs: [(K, V); N]) -> Self {
        let mut map = BTreeMap::new();
        for (key, value) in pairs {
            map.insert(key, value);
        }
        Sparse::from(map)
    }
}

impl<T: Empty> PartialEq for Sparse<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Empty + fmt::Debug> fmt::Debug for Sparse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Empty + Serialize> Serialize for Sparse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: Empty + Deserialize<'de>> Deserialize<'de> for Sparse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sparse::from)
    }
}

impl<'a, K, V> IntoIterator for &'a Sparse<BTreeMap<K, V>>
where
    BTreeMap<K, V>: Empty,
{
    type Item = (&'a K, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'a, T> IntoIterator for &'a Sparse<Vec<T>>
where
    Vec<T>: Empty,
{
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

/// For `skip_serializing_if`.
pub fn is_empty<T: Empty>(value: &Sparse<T>) -> bool {
    value.is_empty_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_empty_until_written_and_compares_as_its_value() {
        let mut annotations: Sparse<BTreeMap<String, String>> = Sparse::default();
        assert!(annotations.is_empty() && annotations.get("a").is_none());
        assert_eq!(annotations, Sparse::from(BTreeMap::new()));
        annotations.insert("a".into(), "1".into());
        assert_eq!(annotations.get("a").map(String::as_str), Some("1"));
        annotations.remove("a");
        assert_eq!(annotations, Sparse::default(), "written and emptied equals never written");
        assert_eq!(std::mem::size_of::<Sparse<Vec<String>>>(), std::mem::size_of::<usize>());
        let list: Sparse<Vec<String>> = serde_json::from_str("[\"x\"]").unwrap();
        assert_eq!(serde_json::to_string(&list).unwrap(), "[\"x\"]");
        assert_eq!(format!("{list:?}"), "[\"x\"]");
    }
}
