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
use std::ops::Deref;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Rc<str>),
}

impl Text {
    /// A literal: no allocation, ever.
    pub const fn from_static(text: &'static str) -> Text {
        Text(Repr::Static(text))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            Repr::Shared(text) => text,
        }
    }

    /// Whether both are the same characters in memory (then equal without comparing).
    pub fn ptr_eq(&self, other: &Text) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        a.as_ptr() == b.as_ptr() && a.len() == b.len()
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
        Text(Repr::Shared(Rc::from(text)))
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
        Text(Repr::Shared(Rc::from(text)))
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
    fn serializes_and_deserializes_as_a_string() {
        let text: Text = serde_json::from_str("\"10.244.0.5\"").unwrap();
        assert_eq!(text, "10.244.0.5");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"10.244.0.5\"");
        let set: std::collections::BTreeSet<Text> = ["b", "a"].into_iter().map(Text::from).collect();
        assert!(set.contains("a"));
    }
}
