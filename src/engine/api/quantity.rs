//! Resource quantities (`500m`, `1Gi`, `2`) with exact arithmetic, as `resource.Quantity`
//! (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go) reads, adds, compares and
//! prints them.

use std::cmp::Ordering;
use std::fmt;

/// How a quantity prints: the family of its suffix, as `resource.Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, ... `Ei`.
    BinarySI,
    /// `n`, `u`, `m`, none, `k`, `M`, ... `E`.
    DecimalSI,
    /// `e3`, `E6`.
    DecimalExponent,
}

/// A quantity: its value in billionths (nano units) and its format. Values finer than a
/// nano unit round up, as `ParseQuantity` does.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    nanos: i128,
    pub format: Format,
}

/// The largest value kept: about 10^27 nano units (beyond `E`); larger text is no quantity here.
const MAX_NANOS: i128 = 10i128.pow(30);
const NANO: i128 = 1_000_000_000;

const DECIMAL_SUFFIXES: [(&str, i32); 10] = [("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];
const BINARY_SUFFIXES: [(&str, u32); 6] = [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)];

impl Quantity {
    /// Zero, printed `0` (`resource.Quantity{Format: DecimalSI}`).
    pub fn zero() -> Quantity {
        Quantity { nanos: 0, format: Format::DecimalSI }
    }

    /// `NewQuantity(value, format)`.
    pub fn new(value: i64, format: Format) -> Quantity {
        Quantity { nanos: value as i128 * NANO, format }
    }

    /// `NewQuantity(value, DecimalSI)`.
    pub fn from_int(value: i64) -> Quantity {
        Quantity { nanos: value as i128 * NANO, format: Format::DecimalSI }
    }

    /// Mirrors `ParseQuantity`: an optionally signed decimal number, then a suffix (binary,
    /// decimal or an exponent). None for anything else.
    pub fn parse(text: &str) -> Option<Quantity> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let number_end = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
        let (number, suffix) = body.split_at(number_end);
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
            return None;
        }
        let significant = format!("{whole}{fraction}");
        let significant = significant.trim_start_matches('0');
        if significant.len() > 36 {
            return None;
        }
        let digits: i128 = if significant.is_empty() { 0 } else { significant.parse().ok()? };
        // value = digits * 10^(-fraction.len()) * scale, scale being 10^exp10 * 2^exp2.
        let (format, exp10, exp2) = if let Some((_, bits)) = BINARY_SUFFIXES.iter().find(|(s, _)| *s == suffix) {
            (Format::BinarySI, 0, *bits)
        } else if let Some((_, exp)) = DECIMAL_SUFFIXES.iter().find(|(s, _)| *s == suffix) {
            (Format::DecimalSI, *exp, 0)
        } else {
            let exponent = suffix.strip_prefix(['e', 'E'])?;
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(rest) => (-1, rest),
                None => (1, exponent.strip_prefix('+').unwrap_or(exponent)),
            };
            if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (Format::DecimalExponent, sign * digits.parse::<i32>().ok()?, 0)
        };
        // In nano units: digits * 2^exp2 * 10^(exp10 + 9 - fraction digits), rounded up.
        let shift = exp10 + 9 - fraction.len() as i32;
        let scaled = digits.checked_mul(1i128.checked_shl(exp2)?)?;
        let nanos = if shift >= 0 {
            if shift > 36 {
                return if scaled == 0 { Some(Quantity { nanos: 0, format }) } else { None };
            }
            scaled.checked_mul(10i128.pow(shift as u32))?
        } else {
            let divisor = 10i128.checked_pow((-shift) as u32).unwrap_or(i128::MAX);
            scaled / divisor + i128::from(scaled % divisor != 0)
        };
        if nanos > MAX_NANOS {
            return None;
        }
        Some(Quantity { nanos: if negative { -nanos } else { nanos }, format })
    }

    /// A quantity from a JSON value as stored (`"500m"`, or a bare number).
    pub fn from_json(value: &serde_json::Value) -> Option<Quantity> {
        match value {
            serde_json::Value::String(text) => Quantity::parse(text),
            serde_json::Value::Number(number) => Quantity::parse(&number.to_string()),
            _ => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `Sign`.
    pub fn sign(&self) -> i32 {
        self.nanos.signum() as i32
    }

    /// `MilliValue`: thousandths, rounded up.
    pub fn milli_value(&self) -> i64 {
        saturate(div_ceil(self.nanos, 1_000_000))
    }

    /// `Value`: whole units, rounded up.
    pub fn value(&self) -> i64 {
        saturate(div_ceil(self.nanos, NANO))
    }

    /// Mirrors `Quantity.Add`: a zero quantity takes the other's format.
    pub fn add(&self, other: &Quantity) -> Quantity {
        let format = if self.is_zero() { other.format } else { self.format };
        Quantity { nanos: (self.nanos + other.nanos).clamp(-MAX_NANOS, MAX_NANOS), format }
    }

    /// Mirrors `Quantity.Sub`.
    pub fn sub(&self, other: &Quantity) -> Quantity {
        let format = if self.is_zero() { other.format } else { self.format };
        Quantity { nanos: (self.nanos - other.nanos).clamp(-MAX_NANOS, MAX_NANOS), format }
    }

    /// The JSON value the apiserver stores: the canonical text.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(self.to_string())
    }
}

fn saturate(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

fn div_ceil(value: i128, by: i128) -> i128 {
    let quotient = value / by;
    if value % by != 0 && value > 0 {
        quotient + 1
    } else {
        quotient
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    /// `Cmp`: by value, whatever the formats.
    fn cmp(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

/// Mirrors `Quantity.String` (`CanonicalizeBytes`): the largest suffix that keeps the number an
/// integer. Binary quantities under 1024, or not whole, print as decimal ones. Worked examples:
/// 1.5 (cpu) is 1500 thousandths, and 1500 is no multiple of 1000, so `1500m`; 0.5Gi is 512Mi;
/// 1024Mi is 1Gi; 1536Mi stays 1536Mi; 2000 (decimal) is `2k`.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nanos == 0 {
            return f.write_str("0");
        }
        let sign = if self.nanos < 0 { "-" } else { "" };
        let magnitude = self.nanos.abs();
        if self.format == Format::BinarySI && magnitude >= 1024 * NANO && magnitude % NANO == 0 {
            let mut value = magnitude / NANO;
            let mut suffix = "";
            for (name, _) in BINARY_SUFFIXES {
                if value % 1024 != 0 {
                    break;
                }
                value /= 1024;
                suffix = name;
            }
            return write!(f, "{sign}{value}{suffix}");
        }
        // Decimal: the largest exponent (a multiple of 3, from -9) that divides the value.
        let mut exponent = -9;
        let mut value = magnitude;
        while exponent < 18 && value % 1000 == 0 {
            value /= 1000;
            exponent += 3;
        }
        if self.format == Format::DecimalExponent {
            return if exponent == 0 { write!(f, "{sign}{value}") } else { write!(f, "{sign}{value}e{exponent}") };
        }
        let suffix = DECIMAL_SUFFIXES.iter().find(|(_, e)| *e == exponent).map(|(s, _)| *s).unwrap_or("");
        write!(f, "{sign}{value}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(given: &str, want: &str) {
        let parsed = Quantity::parse(given).unwrap_or_else(|| panic!("{given} should parse"));
        assert_eq!(parsed.to_string(), want, "{given}");
    }

    #[test]
    fn quantities_print_canonically() {
        for (given, want) in [
            ("500m", "500m"),
            ("1.5", "1500m"),
            ("0.5", "500m"),
            ("1", "1"),
            ("2000m", "2"),
            ("800m", "800m"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("0.5Gi", "512Mi"),
            ("1536Mi", "1536Mi"),
            ("600Mi", "600Mi"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("512", "512"),
            ("1e3", "1e3"),
            ("100e-3", "100e-3"),
            ("0", "0"),
            ("0Mi", "0"),
            ("1G", "1G"),
            ("2000M", "2G"),
            ("+3", "3"),
            ("-2Gi", "-2Gi"),
            ("0.1m", "100u"),
            ("1n", "1n"),
            (".5", "500m"),
        ] {
            check(given, want);
        }
    }

    #[test]
    fn text_that_is_no_quantity_does_not_parse() {
        for given in ["", "lots", "1.2.3", "1Mib", "Mi", ".", "1e", "1ex", "5 m", "1e99999", "99999999999999999999999999999999999999999Ei", "1e999Ei"] {
            assert!(Quantity::parse(given).is_none(), "{given}");
        }
    }

    #[test]
    fn sums_keep_the_first_nonzero_format_and_compare_by_value() {
        let q = |text: &str| Quantity::parse(text).expect("a quantity");
        for (a, b, sum) in [("0", "600Mi", "600Mi"), ("600Mi", "700Mi", "1300Mi"), ("400m", "400m", "800m"), ("500m", "1500m", "2"), ("1Gi", "1G", "2073741824"), ("0", "0", "0"), ("1", "1", "2")] {
            assert_eq!(q(a).add(&q(b)).to_string(), sum, "{a} + {b}");
        }
        assert_eq!(q("2Gi").sub(&q("1536Mi")).to_string(), "512Mi");
        assert!(q("1Gi") > q("1000Mi"));
        assert_eq!(q("1"), q("1000m"));
        assert_eq!(q("1.5").milli_value(), 1500);
        assert_eq!(q("1m").value(), 1);
        assert_eq!(q("1Ki").value(), 1024);
        assert_eq!(q("900E").milli_value(), i64::MAX);
        assert_eq!(q("0.000000000001").to_string(), "1n");
        assert_eq!(q("1e-999").to_string(), "1e-9");
    }
}
