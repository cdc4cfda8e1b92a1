//! `Shared<T>`: a part of an object that versions of it (and objects made from one template)
//! share until one of them changes it: copy on write behind `Rc`, invisible to serde and `==`.
//! An empty one allocates nothing: it reads as the type's static empty value (`Empty`).

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::engine::api::sparse::Empty;

/// Reads as a `&T`; a write (`DerefMut`) copies the value first if another object shares it
/// (`Rc::make_mut`). Serializes, deserializes, compares and prints exactly as `T`. Empty, it
/// holds no `Rc` (`None`) and reads as `T::empty()`: every `ObjectMeta::default()` has empty
/// labels and owner references, and every Event keeps them so (two allocations saved each).
pub struct Shared<T>(Option<Rc<T>>);

impl<T> Default for Shared<T> {
    /// Allocates nothing.
    fn default() -> Self {
        Shared(None)
    }
}

impl<T: Empty> Shared<T> {
    /// Allocates only when `value` is not empty.
    pub fn new(value: T) -> Shared<T> {
        Shared((!value.is_empty_value()).then(|| Rc::new(value)))
    }
}

impl<T> Shared<T> {
    /// Whether both share one value, or both are the unallocated empty value (then they are
    /// equal without comparing).
    pub fn ptr_eq(&self, other: &Shared<T>) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T> Clone for Shared<T> {
    /// Clones the pointer, not the value.
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Empty> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self.0.as_deref() {
            Some(value) => value,
            None => T::empty(),
        }
    }
}

impl<T: Empty + Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(self.0.get_or_insert_with(Rc::default))
    }
}

impl<T: Empty> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

/// Inserted one by one, not `BTreeMap::from_iter`, which sorts its input first: one more copy
/// of the standard sort in the page's wasm for every key and value type (a later pair with an
/// equal key wins either way).
impl<K: Ord, V> FromIterator<(K, V)> for Shared<std::collections::BTreeMap<K, V>>
where
    std::collections::BTreeMap<K, V>: Empty,
{
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = std::collections::BTreeMap::new();
        for (key, value) in iter {
            map.insert(key, value);
        }
        Shared::new(map)
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>>
where
    Vec<T>: Empty,
{
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Shared::new(iter.into_iter().collect())
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for Shared<std::collections::BTreeMap<K, V>>
where
    std::collections::BTreeMap<K, V>: Empty,
{
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<T: Empty + Eq> Eq for Shared<T> {}

impl<T: Empty> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || **self == **other
    }
}

impl<T: Empty + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Empty + Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: Empty + Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Shared::new)
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>>
where
    Vec<T>: Empty,
{
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>>
where
    Vec<T>: Empty,
{
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter_mut()
    }
}

/// For `skip_serializing_if`: an empty shared list.
pub fn is_empty_vec<T>(list: &Shared<Vec<T>>) -> bool {
    list.0.as_ref().is_none_or(|list| list.is_empty())
}

/// For `skip_serializing_if`: an empty shared map.
pub fn is_empty_map<K, V>(map: &Shared<std::collections::BTreeMap<K, V>>) -> bool {
    map.0.as_ref().is_none_or(|map| map.is_empty())
}

/// Implements `Empty` for lists of each type given: a constant empty list (a `const`, not a
/// `static`, which would have to be `Sync`; `Text` is not).
macro_rules! empty_lists {
    ($($item:ty),* $(,)?) => {$(
        impl Empty for Vec<$item> {
            fn empty() -> &'static Self {
                const EMPTY: &Vec<$item> = &Vec::new();
                EMPTY
            }
            fn is_empty_value(&self) -> bool {
                self.is_empty()
            }
        }
    )*};
}

empty_lists!(
    serde_json::Value,
    crate::engine::api::meta::OwnerReference,
    crate::engine::api::pod::Container,
    crate::engine::api::pod::Volume,
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn empty_allocates_nothing_and_compares_as_its_value() {
        let mut labels: Shared<BTreeMap<String, String>> = Shared::default();
        assert!(labels.0.is_none() && labels.is_empty());
        assert_eq!(labels, Shared::new(BTreeMap::new()));
        assert!(Shared::new(BTreeMap::<String, String>::new()).0.is_none(), "an empty value is not kept");
        let before = labels.clone();
        labels.insert("a".into(), "1".into());
        assert_eq!(labels.get("a").map(String::as_str), Some("1"));
        assert!(before.is_empty(), "a write does not reach a copy");
        labels.remove("a");
        assert_eq!(labels, before, "written and emptied equals never written");
        assert_eq!(std::mem::size_of::<Shared<Vec<serde_json::Value>>>(), std::mem::size_of::<usize>());
        let list: Shared<Vec<serde_json::Value>> = serde_json::from_str("[1]").unwrap();
        assert_eq!(serde_json::to_string(&list).unwrap(), "[1]");
        assert_eq!(serde_json::to_string(&Shared::<Vec<serde_json::Value>>::default()).unwrap(), "[]");
        assert_eq!(format!("{list:?}"), "[Number(1)]");
    }
}
