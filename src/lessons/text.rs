//! Text in the learner's language: a lesson writes `{ en: ..., ko: ... }`, or one string for both.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// The languages of the page and its lessons; kubectl output stays English in both.
pub const LANGUAGES: [&str; 2] = ["en", "ko"];

/// One text in English and Korean. A missing language falls back to the other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    /// The text in `lang` (`en`, `ko`); the other language when this one is missing.
    pub fn get(&self, lang: &str) -> &str {
        let (first, second) = if lang == "ko" { (&self.ko, &self.en) } else { (&self.en, &self.ko) };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.trim().is_empty() && self.ko.trim().is_empty()
    }

    /// Which languages are missing (`["ko"]`), for the catalog's completeness test.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.en.trim().is_empty() {
            missing.push("en");
        }
        if self.ko.trim().is_empty() {
            missing.push("ko");
        }
        missing
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a mapping with `en` and `ko` texts")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Text, E> {
                Ok(Text { en: value.to_string(), ko: value.to_string() })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value: String = map.next_value()?;
                    match key.as_str() {
                        "en" => text.en = value,
                        "ko" => text.ko = value,
                        other => return Err(de::Error::unknown_field(other, &LANGUAGES)),
                    }
                }
                Ok(text)
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}
