//! `Text`: an immutable string that is cheap to copy. API objects are copied on every write (a
//! status update copies the whole status), and most of their strings repeat: a phase, a reason,
//! an image, a node's IP, the pod's own name in each of its versions. A `Text` clone copies a
//! pointer (`Rc<str>`) or a `&'static str`, never the characters.
//!
//! It reads as a `&str` (`Deref`), compares, orders and hashes as its characters, and
//! serializes and deserializes as a string, so it stands where `String` stood in an API type.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Two words, as a `&str` (and `Option<Text>` too): the characters' address and length, the
/// length's top bit telling an `Rc<str>` this `Text` holds a count of from a `&'static str`.
/// (An enum of the two was three words; API objects hold dozens of `Text`s, a pod version
/// about thirty.)
pub struct Text {
    ptr: NonNull<u8>,
    len: usize,
    /// Not `Send` or `Sync`, as the `Rc` it may be.
    _rc: PhantomData<Rc<str>>,
}

/// The top bit of `Text::len`: the characters belong to an `Rc<str>`.
const SHARED: usize = 1 << (usize::BITS - 1);

impl Text {
    /// A literal: no allocation, ever.
    pub const fn from_static(text: &'static str) -> Text {
        // SAFETY: a reference is never null.
        Text { ptr: unsafe { NonNull::new_unchecked(text.as_ptr() as *mut u8) }, len: text.len(), _rc: PhantomData }
    }

    fn from_rc(text: Rc<str>) -> Text {
        let len = text.len();
        let raw = Rc::into_raw(text);
        // SAFETY: `Rc::into_raw` is never null; `len` < isize::MAX leaves the top bit free.
        Text { ptr: unsafe { NonNull::new_unchecked(raw as *const u8 as *mut u8) }, len: len | SHARED, _rc: PhantomData }
    }

    fn shared(&self) -> Option<*const str> {
        (self.len & SHARED != 0).then(|| std::ptr::slice_from_raw_parts(self.ptr.as_ptr() as *const u8, self.len & !SHARED) as *const str)
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: `ptr` and the length are those of a `&'static str`, or of an `Rc<str>` this
        // `Text` keeps alive.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr.as_ptr(), self.len & !SHARED)) }
    }

    /// Whether both are the same characters in memory (then equal without comparing).
    pub fn ptr_eq(&self, other: &Text) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        a.as_ptr() == b.as_ptr() && a.len() == b.len()
    }
}

impl Clone for Text {
    fn clone(&self) -> Text {
        if let Some(raw) = self.shared() {
            // SAFETY: `raw` came from `Rc::into_raw` and this `Text` holds one of its counts.
            unsafe { Rc::increment_strong_count(raw) };
        }
        Text { ptr: self.ptr, len: self.len, _rc: PhantomData }
    }
}

impl Drop for Text {
    fn drop(&mut self) {
        if let Some(raw) = self.shared() {
            // SAFETY: as in `clone`; this gives back this `Text`'s count.
            unsafe { Rc::decrement_strong_count(raw) };
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from_static("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt(f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.ptr_eq(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        if text.is_empty() {
            return Text::default();
        }
        Text::from_rc(Rc::from(text))
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::from(text.as_str())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        if text.is_empty() {
            return Text::default();
        }
        Text::from_rc(Rc::from(text))
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn reads_compares_and_orders_as_its_characters() {
        let shared = Text::from("Running");
        let literal = Text::from_static("Running");
        assert_eq!(shared, literal);
        assert_eq!(shared, "Running");
        assert_eq!("Running", shared);
        assert_eq!(shared, String::from("Running"));
        assert!(Text::from("a") < Text::from_static("b"));
        assert_eq!(&*shared, "Running");
        assert_eq!(format!("{shared}|{literal:?}"), "Running|\"Running\"");
        assert!(Text::from(String::new()).is_empty());
        assert_eq!(Text::default(), "");
    }

    #[test]
    fn a_clone_shares_the_characters() {
        let text = Text::from(String::from("web-7d4b9c-abcde"));
        let copy = text.clone();
        assert!(text.ptr_eq(&copy));
        assert!(!text.ptr_eq(&Text::from("web-7d4b9c-abcde")));
    }

    #[test]
    fn is_two_words_and_counts_its_copies() {
        assert_eq!(std::mem::size_of::<Text>(), 2 * std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Option<Text>>(), 2 * std::mem::size_of::<usize>());
        let text = Text::from("web-7d4b9c-abcde");
        let copies: Vec<Text> = (0..3).map(|_| text.clone()).collect();
        drop(text);
        assert!(copies.iter().all(|c| c == "web-7d4b9c-abcde" && c.ptr_eq(&copies[0])));
        let word: &'static str = "Running";
        assert_eq!(Text::from_static(word).clone().as_str().as_ptr(), word.as_ptr());
    }

    #[test]
    fn serializes_and_deserializes_as_a_string() {
        let text: Text = serde_json::from_str("\"10.244.0.5\"").unwrap();
        assert_eq!(text, "10.244.0.5");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"10.244.0.5\"");
        let set: std::collections::BTreeSet<Text> = ["b", "a"].into_iter().map(Text::from).collect();
        assert!(set.contains("a"));
    }
}
