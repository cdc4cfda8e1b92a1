//! `intstr.IntOrString`: a count or a percentage, as in maxSurge and maxUnavailable.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    Int(i32),
    Str(String),
}

impl IntOrString {
    /// Mirrors `intstr.GetScaledValueFromIntOrPercent`: an int as is, `N%` of `total` rounded up or down.
    ///
    /// Example: 25% of 3 is 0.75, so 1 rounded up (maxSurge) and 0 rounded down (maxUnavailable).
    pub fn scaled_value(&self, total: i32, round_up: bool) -> Result<i32, String> {
        match self {
            IntOrString::Int(value) => Ok(*value),
            IntOrString::Str(text) => {
                let Some(number) = text.strip_suffix('%') else {
                    return Err(format!("invalid value for IntOrString: invalid type: string is not a percentage"));
                };
                let percent: i64 = number
                    .parse()
                    .map_err(|_| format!("invalid value \"{text}\": strconv.Atoi: parsing \"{number}\": invalid syntax"))?;
                let product = percent * i64::from(total);
                let value = if round_up { (product + 99).div_euclid(100) } else { product.div_euclid(100) };
                Ok(value.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
            }
        }
    }

    /// Mirrors `intstr.Parse`: a number when the text parses as one, else the text
    /// (`kubectl create pdb --min-available=50%`).
    pub fn parse(text: &str) -> IntOrString {
        text.parse::<i32>().map(IntOrString::Int).unwrap_or_else(|_| IntOrString::Str(text.to_string()))
    }

    pub fn is_percent(&self) -> bool {
        matches!(self, IntOrString::Str(text) if text.ends_with('%'))
    }

    /// As kubectl prints it: `1`, `25%`.
    pub fn display(&self) -> String {
        match self {
            IntOrString::Int(value) => value.to_string(),
            IntOrString::Str(text) => text.clone(),
        }
    }
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(value) => serializer.serialize_i32(*value),
            IntOrString::Str(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IntOrString, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = IntOrString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IntOrString, E> {
                i32::try_from(v).map(IntOrString::Int).map_err(|_| E::custom(format!("value {v} is out of range for int32")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IntOrString, E> {
                i32::try_from(v).map(IntOrString::Int).map_err(|_| E::custom(format!("value {v} is out of range for int32")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IntOrString, E> {
                if v.fract() == 0.0 && v.abs() < 2_147_483_648.0 {
                    Ok(IntOrString::Int(v as i32))
                } else {
                    Err(E::custom(format!("cannot unmarshal number {v} into Go value of type int32")))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IntOrString, E> {
                Ok(IntOrString::Str(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_as_kubernetes_does() {
        let check = |value: IntOrString, total, up, expected| assert_eq!(value.scaled_value(total, up), Ok(expected));
        check(IntOrString::Str("25%".into()), 3, true, 1);
        check(IntOrString::Str("25%".into()), 3, false, 0);
        check(IntOrString::Str("50%".into()), 10, true, 5);
        check(IntOrString::Str("33%".into()), 10, true, 4);
        check(IntOrString::Str("33%".into()), 10, false, 3);
        check(IntOrString::Int(2), 10, false, 2);
        assert!(IntOrString::Str("3".into()).scaled_value(10, true).is_err());
    }
}
