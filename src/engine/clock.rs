//! Virtual time: integer milliseconds since the cluster started, and wall dates on a fixed epoch.

/// A point of virtual time, in milliseconds since the cluster started. Only `Cluster` advances it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub fn from_secs(secs: u64) -> SimTime {
        SimTime(secs.saturating_mul(1000))
    }

    pub fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    pub fn as_millis(self) -> u64 {
        self.0
    }

    pub fn plus_secs(self, secs: u64) -> SimTime {
        SimTime(self.0.saturating_add(secs.saturating_mul(1000)))
    }

    pub fn plus_millis(self, millis: u64) -> SimTime {
        SimTime(self.0.saturating_add(millis))
    }

    /// API timestamps have one-second precision (RFC 3339 without fractions), as on a real apiserver.
    pub fn to_time(self) -> Time {
        Time(self.as_secs() as i64)
    }
}

/// An API timestamp: whole seconds since the cluster started (the apiserver truncates to seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub i64);

/// The wall date of virtual time zero: 2026-11-23T00:00:00Z, so dates in output look real and never change.
pub const EPOCH_UNIX: i64 = 1_795_392_000;

impl Time {
    pub fn unix(self) -> i64 {
        EPOCH_UNIX + self.0
    }

    pub fn from_unix(unix: i64) -> Time {
        Time(unix - EPOCH_UNIX)
    }

    /// RFC 3339 as the API writes it: `2026-11-23T00:18:37Z`.
    pub fn rfc3339(self) -> String {
        let (y, mo, d, h, mi, s, _) = civil(self.unix());
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// RFC 1123 with a numeric zone, as `kubectl describe` prints: `Mon, 23 Nov 2026 00:18:37 +0000`.
    pub fn rfc1123z(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let (y, mo, d, h, mi, s, days) = civil(self.unix());
        let weekday = DAYS[days.rem_euclid(7) as usize];
        format!("{weekday}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} +0000", MONTHS[(mo - 1) as usize])
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (fractions and offsets tolerated); None when malformed.
    pub fn parse_rfc3339(text: &str) -> Option<Time> {
        let b = text.as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't' && b[10] != b' ') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let days = days_from_civil(y, mo, d);
        Some(Time::from_unix(days * 86_400 + h * 3600 + mi * 60 + s))
    }
}

/// A duration of whole milliseconds as Go prints a `time.Duration` (`%v`): `0s`, `850ms`,
/// `2.45s`, `1m20s`, `5m0s`, `1h2m3.004s`; the fraction of a second keeps no trailing zeros.
///
/// Mirrors Duration.String (Go src/time/time.go) for durations that the kubelet has truncated to
/// the millisecond (`Truncate(time.Millisecond)`), so nothing below a millisecond is shown.
pub fn go_duration(millis: u64) -> String {
    if millis == 0 {
        return "0s".into();
    }
    if millis < 1000 {
        return format!("{millis}ms");
    }
    let (hours, minutes, seconds, fraction) = (millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    let mut text = String::new();
    if hours > 0 {
        text.push_str(&format!("{hours}h"));
    }
    if hours > 0 || minutes > 0 {
        text.push_str(&format!("{minutes}m"));
    }
    text.push_str(&seconds.to_string());
    if fraction > 0 {
        text.push('.');
        text.push_str(format!("{fraction:03}").trim_end_matches('0'));
    }
    text.push('s');
    text
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day, hour, minute, second, days since 1970) of a Unix time.
pub(crate) fn civil(unix: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60, days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_the_recording_day() {
        assert_eq!(Time(0).rfc3339(), "2026-11-23T00:00:00Z");
        assert_eq!(Time(18 * 60 + 37).rfc1123z(), "Mon, 23 Nov 2026 00:18:37 +0000");
        assert_eq!(Time::parse_rfc3339("2026-11-23T00:18:37Z"), Some(Time(18 * 60 + 37)));
        assert_eq!(Time::parse_rfc3339("nonsense"), None);
    }

    #[test]
    fn durations_print_as_go_does() {
        for (millis, expected) in [(0, "0s"), (850, "850ms"), (1000, "1s"), (2450, "2.45s"), (2452, "2.452s"), (3005, "3.005s"), (10_000, "10s"), (80_000, "1m20s"), (300_000, "5m0s"), (3_723_004, "1h2m3.004s"), (3_600_000, "1h0m0s")] {
            assert_eq!(go_duration(millis), expected, "{millis} ms");
        }
    }
}
