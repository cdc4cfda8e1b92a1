//! Numbers for SVG attributes (the page's traffic lines, the timeline's areas): an `f64` with a
//! fixed number of digits after the point, written with integer arithmetic. `format!("{x:.2}")`
//! would do, but it brings Rust's float formatting (Grisu with its Dragon fallback, several
//! KB of code and tables) into the page's first load; with this, the split of the page's wasm
//! (scripts/split-wasm.mjs) leaves that to the rest. The one difference: a tie rounds away from
//! zero here (`f64::round`), to even there; a coordinate's last digit may differ, never the
//! drawing.

/// `x` with `decimals` digits after the point (at most 9), as `Display`: written where it goes,
/// with no string of its own. A NaN is 0, an infinity the largest number that fits.
pub fn fixed(x: f64, decimals: u32) -> Fixed {
    Fixed { x, decimals: decimals.min(9) }
}

/// What [`fixed`] returns.
#[derive(Debug, Clone, Copy)]
pub struct Fixed {
    x: f64,
    decimals: u32,
}

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scale = 10u64.pow(self.decimals);
        // `as` saturates (and makes a NaN 0).
        let scaled = (self.x * scale as f64).round() as i64;
        let sign = if scaled < 0 { "-" } else { "" };
        let magnitude = scaled.unsigned_abs();
        if self.decimals == 0 {
            return write!(f, "{sign}{magnitude}");
        }
        write!(f, "{sign}{}.{:0width$}", magnitude / scale, magnitude % scale, width = self.decimals as usize)
    }
}

/// `x` as `format!("{x}")` writes it when it has at most `decimals` digits after the point
/// (`0.25`, `1`, `20`): `fixed` without the trailing zeros.
pub fn short(x: f64, decimals: u32) -> String {
    let text = fixed(x, decimals).to_string();
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::{fixed, short};

    #[test]
    fn short_drops_trailing_zeros_as_display_does() {
        for x in [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 0.0, 40.0, 1.5, -2.75] {
            assert_eq!(short(x, 2), format!("{x}"));
        }
        assert_eq!(short(100.0, 0), "100");
    }

    #[test]
    fn fixed_writes_what_format_writes_but_for_ties() {
        let cases: &[(f64, u32, &str)] = &[
            (0.0, 2, "0.00"),
            (1.0, 1, "1.0"),
            (12.345678, 2, "12.35"),
            (12.344, 2, "12.34"),
            (-3.14159, 1, "-3.1"),
            (-0.04, 1, "0.0"),
            (-0.06, 1, "-0.1"),
            (0.999, 2, "1.00"),
            (1234.5, 0, "1235"),
            (99.95, 1, "100.0"),
            (0.125, 2, "0.13"),
            (f64::NAN, 2, "0.00"),
        ];
        for &(x, decimals, expected) in cases {
            assert_eq!(fixed(x, decimals).to_string(), expected, "fixed({x}, {decimals})");
        }
        // Away from ties, the same text as Rust's own formatting.
        for i in 0..2000 {
            let x = (i as f64) * 0.731 - 500.0;
            if ((x * 100.0).abs().fract() - 0.5).abs() < 1e-6 {
                continue;
            }
            let ours = fixed(x, 2).to_string();
            let rust = format!("{x:.2}");
            let rust = if rust == "-0.00" { "0.00".to_string() } else { rust };
            assert_eq!(ours, rust, "{x}");
        }
    }
}
