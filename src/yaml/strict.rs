//! Strict decoding over a JSON value in one deserializer: the path of the first error and the
//! paths of unknown fields.
//!
//! It reports what `serde_path_to_error` wrapping `serde_ignored` wrapping serde_json's `Value`
//! deserializer reported, with one layer instead of three generic adapters around every visitor
//! (those cost ~90 KB of brotli'd wasm, one copy per API type). Scalars go straight to
//! serde_json's `&Value` deserializer, so every type error is worded by serde_json as before;
//! maps and sequences go through `Fields` and `Items`, which keep the current path.
//!
//! Kept as those crates had it:
//! - The error path is where the first error came out: the innermost value whose
//!   deserialization failed (`spec.template.spec.containers[0].ports[1].containerPort`), its
//!   parent for a missing field, `.` for the root; a map key that fails names the key.
//! - An unknown field is a value deserialized as `IgnoredAny` (serde's derive does that for a
//!   key that is no field), reported as `spec.replica`. Values read into a flattened bag
//!   (`extra`) are not ignored; `schema::unknown_extras` checks those.
//! - Map keys are plain strings (every API map has `String` keys); enums go to serde_json
//!   whole (the API types have no derived enums, so no path inside one is ever needed).

use std::cell::RefCell;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde_json::{Error, Map, Value};

/// Decodes `value` as `T`. Ok: the object and the unknown fields' paths, in the order met.
/// Err: the first error and its path, as `serde_path_to_error::Path` displays it.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<(T, Vec<String>), (Error, String)> {
    let track = RefCell::new(Track::default());
    let res = T::deserialize(Strict { value, track: &track });
    let (ignored, error_path) = track.into_inner().finish();
    match res {
        Ok(object) => Ok((object, ignored)),
        Err(error) => Err((error, error_path)),
    }
}

enum Segment<'de> {
    Key(&'de str),
    Index(usize),
}

#[derive(Default)]
struct Track<'de> {
    path: Vec<Segment<'de>>,
    error_path: Option<String>,
    ignored: Vec<String>,
}

impl Track<'_> {
    /// The unknown fields and the error's path (`.` if nothing marked one).
    fn finish(self) -> (Vec<String>, String) {
        (self.ignored, self.error_path.unwrap_or_else(|| ".".to_string()))
    }

    /// Remembers where the first error came out (serde_path_to_error's `Track::trigger`).
    fn trigger(&mut self) {
        if self.error_path.is_some() {
            return;
        }
        // `a.b[0].c`; the root is `.`.
        let mut text = String::new();
        for (index, segment) in self.path.iter().enumerate() {
            match segment {
                Segment::Key(key) => {
                    if index > 0 {
                        text.push('.');
                    }
                    text.push_str(key);
                }
                Segment::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        if self.path.is_empty() {
            text.push('.');
        }
        self.error_path = Some(text);
    }

    /// Records an unknown field at the current path, worded as the old `format_ignored` did
    /// (a key after an empty parent has no dot).
    fn ignore(&mut self) {
        let mut text = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(key) => {
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                }
                Segment::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        self.ignored.push(text);
    }
}

type Shared<'t, 'de> = &'t RefCell<Track<'de>>;

// The helpers below are not generic and never inlined: one copy serves every visitor.

/// Marks an error's path.
#[cold]
#[inline(never)]
fn fail(track: Shared<'_, '_>, error: Error) -> Error {
    track.borrow_mut().trigger();
    error
}

#[inline(never)]
fn enter<'de>(track: Shared<'_, 'de>, segment: Segment<'de>) {
    track.borrow_mut().path.push(segment);
}

#[inline(never)]
fn leave(track: Shared<'_, '_>) {
    track.borrow_mut().path.pop();
}

/// serde_json's wording for a value of the wrong kind (`Value::invalid_type`).
#[cold]
#[inline(never)]
fn invalid_type(value: &Value, expected: &dyn de::Expected) -> Error {
    let unexpected = match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            (None, None) => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    };
    de::Error::invalid_type(unexpected, expected)
}

/// Deserializes `value` under `segment` with the path tracked.
fn nested<'de, S: DeserializeSeed<'de>>(track: Shared<'_, 'de>, segment: Segment<'de>, value: &'de Value, seed: S) -> Result<S::Value, Error> {
    enter(track, segment);
    let res = seed.deserialize(Strict { value, track }).map_err(|error| fail(track, error));
    leave(track);
    res
}

/// A value at the current path.
struct Strict<'t, 'de> {
    value: &'de Value,
    track: Shared<'t, 'de>,
}

impl<'de> Strict<'_, 'de> {
    fn map<V: Visitor<'de>>(self, map: &'de Map<String, Value>, visitor: V) -> Result<V::Value, Error> {
        let mut fields = Fields { iter: map.iter(), value: None, track: self.track };
        let res = visitor.visit_map(&mut fields)?;
        if fields.iter.len() == 0 {
            Ok(res)
        } else {
            Err(de::Error::invalid_length(map.len(), &"fewer elements in map"))
        }
    }

    fn seq<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut seq = Items { iter: items.iter(), index: 0, track: self.track };
        let res = visitor.visit_seq(&mut seq)?;
        if seq.iter.len() == 0 {
            Ok(res)
        } else {
            Err(de::Error::invalid_length(items.len(), &"fewer elements in array"))
        }
    }
}

/// Scalars: serde_json's own `&Value` deserializer, the path marked on error.
macro_rules! scalar {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let track = self.track;
            self.value.$method(visitor).map_err(|error| fail(track, error))
        }
    )*};
}

/// Containers: a map or a sequence where serde_json would visit one, else its type error
/// (not a call into serde_json, whose own map and sequence arms would be a second copy of the
/// visitor, never run).
macro_rules! container {
    ($($method:ident($($arg:ident: $ty:ty),*) $object:literal $array:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
            $(let _ = $arg;)*
            let track = self.track;
            let res = match self.value {
                Value::Object(map) if $object => self.map(map, visitor),
                Value::Array(items) if $array => self.seq(items, visitor),
                value => Err(invalid_type(value, &visitor)),
            };
            res.map_err(|error| fail(track, error))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Strict<'_, 'de> {
    type Error = Error;

    scalar!(deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64
        deserialize_char deserialize_str deserialize_string deserialize_unit deserialize_identifier);

    container! {
        deserialize_map() true false;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) true true;
        deserialize_seq() false true;
        deserialize_tuple(len: usize) false true;
        deserialize_tuple_struct(name: &'static str, len: usize) false true;
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        let res = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, visitor),
            Value::Object(map) => self.map(map, visitor),
        };
        res.map_err(|error| fail(track, error))
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        let res = match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, visitor),
            value => Err(invalid_type(value, &visitor)),
        };
        res.map_err(|error| fail(track, error))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        self.value.deserialize_unit_struct(name, visitor).map_err(|error| fail(track, error))
    }

    fn deserialize_enum<V: Visitor<'de>>(self, name: &'static str, variants: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        self.value.deserialize_enum(name, variants, visitor).map_err(|error| fail(track, error))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        let res = match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        res.map_err(|error| fail(track, error))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        visitor.visit_newtype_struct(self).map_err(|error| fail(track, error))
    }

    /// An unknown field (or any value a visitor skips): recorded, never an error.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.track.borrow_mut().ignore();
        let track = self.track;
        visitor.visit_unit().map_err(|error| fail(track, error))
    }
}

/// An object's entries; each value deserialized under its key.
struct Fields<'t, 'de> {
    iter: serde_json::map::Iter<'de>,
    value: Option<(&'de str, &'de Value)>,
    track: Shared<'t, 'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.value = Some((key, value));
        seed.deserialize(BorrowedStrDeserializer::<Error>::new(key)).map(Some).map_err(|error| {
            enter(self.track, Segment::Key(key));
            let error = fail(self.track, error);
            leave(self.track);
            error
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match self.value.take() {
            Some((key, value)) => nested(self.track, Segment::Key(key), value, seed),
            None => Err(fail(self.track, de::Error::custom("value is missing"))),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An array's elements; each deserialized under its index.
struct Items<'t, 'de> {
    iter: std::slice::Iter<'de, Value>,
    index: usize,
    track: Shared<'t, 'de>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(value) = self.iter.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        nested(self.track, Segment::Index(index), value, seed).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::deployment::Deployment;

    /// Decodes a Deployment; the unknown fields, or the error and its path.
    fn check(json: Value, expected: &str) {
        let actual = match from_value::<Deployment>(&json) {
            Ok((_, ignored)) => format!("ignored {ignored:?}"),
            Err((error, path)) => format!("{path}: {error}"),
        };
        assert_eq!(actual, expected);
    }

    #[test]
    fn paths_of_errors_and_unknown_fields() {
        use serde_json::json;
        check(json!({"spec": {"replicas": 2}}), "ignored []");
        // `nmae` in a container goes to its pass-through bag (`schema::unknown_extras` checks it).
        let ports = json!([{"containerPort": 80}, {"contianerPort": 81}]);
        check(json!({"spec": {"replica": 2, "template": {"spec": {"containers": [{"nmae": "a"}, {"ports": ports}]}}}}), r#"ignored ["spec.replica", "spec.template.spec.containers[1].ports[1].contianerPort"]"#);
        check(json!({"spec": {"replicas": "2"}}), r#"spec.replicas: invalid type: string "2", expected i32"#);
        check(json!({"spec": {"replicas": 3000000000u64}}), "spec.replicas: invalid value: integer `3000000000`, expected i32");
        check(json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "ports": [{}, {"containerPort": true}]}]}}}}), "spec.template.spec.containers[0].ports[1].containerPort: invalid type: boolean `true`, expected i32");
        check(json!({"spec": {"template": {"spec": {"volumes": [{"name": "v", "configMap": {"items": [{"key": "k"}]}}]}}}}), "spec.template.spec.volumes[0].configMap.items[0]: missing field `path`");
        check(json!({"metadata": {"creationTimestamp": "noon"}}), r#"metadata.creationTimestamp: parsing time "noon" as "2006-01-02T15:04:05Z07:00": cannot parse"#);
        check(json!({"spec": {"strategy": {"rollingUpdate": {"maxSurge": [1]}}}}), "spec.strategy.rollingUpdate.maxSurge: invalid type: sequence, expected an integer or a string");
        check(json!({"spec": 1}), "spec: invalid type: integer `1`, expected struct DeploymentSpec");
        check(json!("x"), r#".: invalid type: string "x", expected struct Deployment"#);
        check(json!([{}, 1]), "[1]: invalid type: integer `1`, expected struct DeploymentSpec");
    }
}
