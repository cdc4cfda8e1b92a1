//! Cron schedules as robfig/cron v3's standard parser reads them (`cron.ParseStandard`): five
//! fields, descriptors, `TZ=`/`CRON_TZ=` prefixes, and `Next`; plus the time zones kubeplay knows.
//!
//! Mirrors github.com/robfig/cron/v3 `parser.go` (`Parse`, `normalizeFields`, `getField`,
//! `getRange`, `parseIntOrName`, `mustParseInt`, `parseDescriptor`) and `spec.go`
//! (`SpecSchedule.Next`, `dayMatches`), `constantdelay.go` (`Every`), with their error texts.
//! Times are Unix seconds: the CronJob controller only ever asks whole seconds.

use crate::engine::clock::{civil, days_from_civil};

/// The bit that marks a field given as `*` or `?` (`starBit`): day-of-month and day-of-week
/// match together when either was a star, else either one matches (`dayMatches`).
const STAR_BIT: u64 = 1 << 63;

/// A field's bounds and names (`bounds`).
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds { min: 0, max: 59, names: &[] };
const HOURS: Bounds = Bounds { min: 0, max: 23, names: &[] };
const DOM: Bounds = Bounds { min: 1, max: 31, names: &[] };
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12)],
};
const DOW: Bounds = Bounds { min: 0, max: 6, names: &[("sun", 0), ("mon", 1), ("tue", 2), ("wed", 3), ("thu", 4), ("fri", 5), ("sat", 6)] };

/// A parsed schedule (`cron.Schedule`).
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// Fields as bit sets (`SpecSchedule`), in a zone (None: the controller's, UTC).
    Spec { second: u64, minute: u64, hour: u64, dom: u64, month: u64, dow: u64, zone: Option<&'static Zone> },
    /// `@every DURATION` (`ConstantDelaySchedule`): whole seconds, at least one.
    Every { seconds: i64 },
}

/// Mirrors `Parser.Parse` with the standard parser's options (minute, hour, day of month,
/// month, day of week, descriptors). The error is robfig's text.
pub fn parse_standard(spec: &str) -> Result<Schedule, String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    let mut zone = None;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        // Go slices up to the first space; without one it would panic, refused here instead.
        let eq = spec.find('=').unwrap_or(0);
        let Some(space) = spec.find(' ') else { return Err(format!("provided bad location {}: unknown time zone {0}", &spec[eq + 1..])) };
        let name = spec.get(eq + 1..space).unwrap_or("");
        zone = Some(load_location(name).map_err(|e| format!("provided bad location {name}: {e}"))?);
        spec = spec[space..].trim();
    }
    if spec.starts_with('@') {
        return parse_descriptor(spec, zone);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!("expected exactly 5 fields, found {}: [{}]", fields.len(), fields.join(" ")));
    }
    // normalizeFields puts the default second, 0, in front.
    Ok(Schedule::Spec {
        second: 1,
        minute: get_field(fields[0], &MINUTES)?,
        hour: get_field(fields[1], &HOURS)?,
        dom: get_field(fields[2], &DOM)?,
        month: get_field(fields[3], &MONTHS)?,
        dow: get_field(fields[4], &DOW)?,
        zone,
    })
}

/// Mirrors `getField`: the comma-separated ranges OR-ed (an empty list is no bits at all).
fn get_field(field: &str, bounds: &Bounds) -> Result<u64, String> {
    let mut bits = 0;
    for expr in field.split(',').filter(|e| !e.is_empty()) {
        bits |= get_range(expr, bounds)?;
    }
    Ok(bits)
}

/// Mirrors `getRange`: `*`, `?`, `N`, `N-M`, each with an optional `/STEP` (`N/STEP` runs to
/// the field's maximum); a step above 1 drops the star bit.
fn get_range(expr: &str, bounds: &Bounds) -> Result<u64, String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (start, end, extra) = (bounds.min, bounds.max, STAR_BIT);
    } else {
        start = parse_int_or_name(low_and_high[0], bounds.names)?;
        extra = 0;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], bounds.names)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            if single {
                end = bounds.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < bounds.min {
        return Err(format!("beginning of range ({start}) below minimum ({}): {expr}", bounds.min));
    }
    if end > bounds.max {
        return Err(format!("end of range ({end}) above maximum ({}): {expr}", bounds.max));
    }
    if start > end {
        return Err(format!("beginning of range ({start}) beyond end of range ({end}): {expr}"));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    let mut bits = 0u64;
    let mut value = start;
    while value <= end {
        bits |= 1 << value;
        value = value.saturating_add(step);
    }
    Ok(bits | extra)
}

/// Mirrors `parseIntOrName`: a name of the field (any case), else a number.
fn parse_int_or_name(expr: &str, names: &[(&str, u64)]) -> Result<u64, String> {
    if let Some((_, value)) = names.iter().find(|(name, _)| name.eq_ignore_ascii_case(expr)) {
        return Ok(*value);
    }
    must_parse_int(expr)
}

/// Mirrors `mustParseInt` over `strconv.Atoi`, with their texts.
fn must_parse_int(expr: &str) -> Result<u64, String> {
    let digits = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: invalid syntax"));
    }
    let Ok(value) = expr.parse::<i64>() else {
        return Err(format!("failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: value out of range"));
    };
    if value < 0 {
        return Err(format!("negative number ({value}) not allowed: {expr}"));
    }
    Ok(value as u64)
}

fn all(bounds: &Bounds) -> u64 {
    let mut bits = 0;
    for value in bounds.min..=bounds.max {
        bits |= 1 << value;
    }
    bits | STAR_BIT
}

/// Mirrors `parseDescriptor`: `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`,
/// `@hourly`, `@every DURATION`.
fn parse_descriptor(descriptor: &str, zone: Option<&'static Zone>) -> Result<Schedule, String> {
    let spec = |minute: u64, hour: u64, dom: u64, month: u64, dow: u64| Ok(Schedule::Spec { second: 1, minute, hour, dom, month, dow, zone });
    match descriptor {
        "@yearly" | "@annually" => return spec(1, 1, 1 << 1, 1 << 1, all(&DOW)),
        "@monthly" => return spec(1, 1, 1 << 1, all(&MONTHS), all(&DOW)),
        "@weekly" => return spec(1, 1, all(&DOM), all(&MONTHS), 1),
        "@daily" | "@midnight" => return spec(1, 1, all(&DOM), all(&MONTHS), all(&DOW)),
        "@hourly" => return spec(1, all(&HOURS), all(&DOM), all(&MONTHS), all(&DOW)),
        _ => {}
    }
    if let Some(duration) = descriptor.strip_prefix("@every ") {
        let nanos = parse_duration(duration).map_err(|e| format!("failed to parse duration {descriptor}: {e}"))?;
        // `Every`: rounded down to whole seconds, at least one.
        let seconds = (nanos / 1_000_000_000).max(1) as i64;
        return Ok(Schedule::Every { seconds });
    }
    Err(format!("unrecognized descriptor: {descriptor}"))
}

/// Mirrors Go's `time.ParseDuration` (a signed sequence of decimal numbers with units ns, us,
/// µs, ms, s, m, h), in nanoseconds, with its error texts.
pub fn parse_duration(text: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {text:?}");
    let mut rest = text;
    let negative = rest.starts_with('-');
    rest = rest.strip_prefix(['-', '+']).unwrap_or(rest);
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &rest[..int_len];
        rest = &rest[int_len..];
        let mut frac_part = "";
        if let Some(after) = rest.strip_prefix('.') {
            let frac_len = after.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &after[..frac_len];
            rest = &after[frac_len..];
            if int_part.is_empty() && frac_part.is_empty() {
                return Err(invalid());
            }
        } else if int_part.is_empty() {
            return Err(invalid());
        }
        let unit_len = rest.find(|c: char| c == '.' || c.is_ascii_digit()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {text:?}"));
        }
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return Err(format!("time: unknown unit {unit:?} in duration {text:?}")),
        };
        let whole: i128 = if int_part.is_empty() { 0 } else { int_part.parse::<i128>().map_err(|_| invalid())? };
        let mut value = whole.checked_mul(scale).ok_or_else(invalid)?;
        let mut fraction_scale = scale;
        for digit in frac_part.bytes().take(30) {
            fraction_scale /= 10;
            value += i128::from(digit - b'0') * fraction_scale;
        }
        total = total.checked_add(value).ok_or_else(invalid)?;
        if total > i128::from(i64::MAX) {
            return Err(invalid());
        }
    }
    Ok(if negative { -total } else { total })
}

impl Schedule {
    /// The first activation strictly after `t` (Unix seconds), or None when there is none within
    /// five years (Go's zero time). Mirrors `SpecSchedule.Next` on the zone's wall clock, and
    /// `ConstantDelaySchedule.Next`.
    ///
    /// Worked example: `*/15 9-17 * * MON-FRI` after Friday 17:50 is Monday 09:00: the hour
    /// loop wraps past midnight, the day loop skips Saturday and Sunday.
    pub fn next(&self, t: i64) -> Option<i64> {
        match *self {
            Schedule::Every { seconds } => t.checked_add(seconds),
            Schedule::Spec { second, minute, hour, dom, month, dow, zone } => {
                // Years 1 to 9999 (beyond, the date arithmetic would overflow).
                if !(-62_135_596_800..=253_402_300_799).contains(&t) {
                    return None;
                }
                let zone = zone.unwrap_or(&UTC);
                let mut after = t;
                // A wall time repeated when clocks go back can map to an instant not after `t`:
                // search on from there.
                for _ in 0..3 {
                    let local = next_local(zone.to_local(after), [second, minute, hour, dom, month, dow])?;
                    let utc = zone.to_utc(local);
                    if utc > t {
                        return Some(utc);
                    }
                    after = after.max(utc) + 1;
                }
                None
            }
        }
    }
}

/// `SpecSchedule.Next` on wall-clock seconds (the zone's local time as if it were UTC).
fn next_local(t: i64, [second, minute, hour, dom, month, dow]: [u64; 6]) -> Option<i64> {
    let fields = |t: i64| civil(t);
    let date = |y: i64, mo: i64, d: i64| days_from_civil(y, mo, d) * 86_400;
    let mut t = t.checked_add(1)?;
    let mut added = false;
    let year_limit = fields(t).0 + 5;
    'wrap: loop {
        let (y, _, _, _, _, _, _) = fields(t);
        if y > year_limit {
            return None;
        }
        while (1u64 << fields(t).1) & month == 0 {
            let (y, mo, _, _, _, _, _) = fields(t);
            added = true;
            // AddDate(0, 1, 0) from the first of the month.
            let (ny, nmo) = if mo == 12 { (y + 1, 1) } else { (y, mo + 1) };
            t = date(ny, nmo, 1);
            if nmo == 1 {
                continue 'wrap;
            }
        }
        while !day_matches(dom, dow, t) {
            if !added {
                added = true;
                t -= t.rem_euclid(86_400);
            }
            t += 86_400;
            if fields(t).2 == 1 {
                continue 'wrap;
            }
        }
        while (1u64 << fields(t).3) & hour == 0 {
            if !added {
                added = true;
                t -= t.rem_euclid(3_600);
            }
            t += 3_600;
            if fields(t).3 == 0 {
                continue 'wrap;
            }
        }
        while (1u64 << fields(t).4) & minute == 0 {
            if !added {
                added = true;
                t -= t.rem_euclid(60);
            }
            t += 60;
            if fields(t).4 == 0 {
                continue 'wrap;
            }
        }
        while (1u64 << fields(t).5) & second == 0 {
            added = true;
            t += 1;
            if fields(t).5 == 0 {
                continue 'wrap;
            }
        }
        return Some(t);
    }
}

/// Mirrors `dayMatches`: with a star in either day field both must match, else either.
fn day_matches(dom: u64, dow: u64, t: i64) -> bool {
    let (_, _, day, _, _, _, days) = civil(t);
    // 1970-01-01 was a Thursday.
    let weekday = (days + 4).rem_euclid(7);
    let dom_match = (1u64 << day) & dom != 0;
    let dow_match = (1u64 << weekday) & dow != 0;
    if dom & STAR_BIT != 0 || dow & STAR_BIT != 0 {
        dom_match && dow_match
    } else {
        dom_match || dow_match
    }
}

/// Daylight saving rules of the zones kubeplay knows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dst {
    None,
    /// United States and Canada: second Sunday of March 02:00 local to first Sunday of November 02:00 local.
    Us,
    /// European Union and the UK: last Sunday of March to last Sunday of October, 01:00 UTC.
    Eu,
}

/// A time zone: its name, standard offset and daylight saving rule.
#[derive(Debug, PartialEq)]
pub struct Zone {
    pub name: &'static str,
    pub offset_seconds: i64,
    pub dst: Dst,
}

const fn zone(name: &'static str, offset_minutes: i64, dst: Dst) -> Zone {
    Zone { name, offset_seconds: offset_minutes * 60, dst }
}

pub static UTC: Zone = zone("UTC", 0, Dst::None);

/// The IANA zones kubeplay knows (a small table instead of the tz database, for the page's
/// size): UTC and the most used zones, with their current rules.
static ZONES: &[Zone] = &[
    zone("UTC", 0, Dst::None),
    zone("Etc/UTC", 0, Dst::None),
    zone("GMT", 0, Dst::None),
    zone("Etc/GMT", 0, Dst::None),
    zone("America/New_York", -300, Dst::Us),
    zone("America/Toronto", -300, Dst::Us),
    zone("America/Chicago", -360, Dst::Us),
    zone("America/Denver", -420, Dst::Us),
    zone("America/Phoenix", -420, Dst::None),
    zone("America/Los_Angeles", -480, Dst::Us),
    zone("America/Vancouver", -480, Dst::Us),
    zone("America/Anchorage", -540, Dst::Us),
    zone("Pacific/Honolulu", -600, Dst::None),
    zone("America/Mexico_City", -360, Dst::None),
    zone("America/Bogota", -300, Dst::None),
    zone("America/Sao_Paulo", -180, Dst::None),
    zone("America/Argentina/Buenos_Aires", -180, Dst::None),
    zone("Europe/London", 0, Dst::Eu),
    zone("Europe/Dublin", 0, Dst::Eu),
    zone("Europe/Lisbon", 0, Dst::Eu),
    zone("Europe/Paris", 60, Dst::Eu),
    zone("Europe/Berlin", 60, Dst::Eu),
    zone("Europe/Madrid", 60, Dst::Eu),
    zone("Europe/Rome", 60, Dst::Eu),
    zone("Europe/Amsterdam", 60, Dst::Eu),
    zone("Europe/Brussels", 60, Dst::Eu),
    zone("Europe/Vienna", 60, Dst::Eu),
    zone("Europe/Zurich", 60, Dst::Eu),
    zone("Europe/Stockholm", 60, Dst::Eu),
    zone("Europe/Warsaw", 60, Dst::Eu),
    zone("Europe/Prague", 60, Dst::Eu),
    zone("Europe/Athens", 120, Dst::Eu),
    zone("Europe/Helsinki", 120, Dst::Eu),
    zone("Europe/Istanbul", 180, Dst::None),
    zone("Europe/Moscow", 180, Dst::None),
    zone("Africa/Lagos", 60, Dst::None),
    zone("Africa/Johannesburg", 120, Dst::None),
    zone("Africa/Nairobi", 180, Dst::None),
    zone("Asia/Dubai", 240, Dst::None),
    zone("Asia/Karachi", 300, Dst::None),
    zone("Asia/Kolkata", 330, Dst::None),
    zone("Asia/Dhaka", 360, Dst::None),
    zone("Asia/Bangkok", 420, Dst::None),
    zone("Asia/Jakarta", 420, Dst::None),
    zone("Asia/Ho_Chi_Minh", 420, Dst::None),
    zone("Asia/Singapore", 480, Dst::None),
    zone("Asia/Shanghai", 480, Dst::None),
    zone("Asia/Hong_Kong", 480, Dst::None),
    zone("Asia/Taipei", 480, Dst::None),
    zone("Asia/Manila", 480, Dst::None),
    zone("Australia/Perth", 480, Dst::None),
    zone("Asia/Seoul", 540, Dst::None),
    zone("Asia/Tokyo", 540, Dst::None),
    zone("Australia/Brisbane", 600, Dst::None),
];

/// Mirrors `time.LoadLocation` over the table: "", "UTC" and "Local" (kube-controller-manager's
/// zone, UTC in a cluster's containers) are UTC; anything else unknown is Go's
/// `unknown time zone NAME`.
pub fn load_location(name: &str) -> Result<&'static Zone, String> {
    if name.is_empty() || name == "Local" {
        return Ok(&UTC);
    }
    ZONES.iter().find(|z| z.name == name).ok_or_else(|| format!("unknown time zone {name}"))
}

/// Day number (days since 1970) of the `nth` Sunday of a month (`nth` 0 is the last).
fn sunday(year: i64, month: i64, nth: i64) -> i64 {
    if nth == 0 {
        let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        let last = days_from_civil(ny, nm, 1) - 1;
        return last - (last + 4).rem_euclid(7);
    }
    let first = days_from_civil(year, month, 1);
    let first_sunday = first + (7 - (first + 4).rem_euclid(7)) % 7;
    first_sunday + 7 * (nth - 1)
}

impl Zone {
    /// The offset from UTC at the instant `utc` (Unix seconds).
    pub fn offset_at(&self, utc: i64) -> i64 {
        let year = civil(utc).0;
        let (start, end) = match self.dst {
            Dst::None => return self.offset_seconds,
            Dst::Us => (sunday(year, 3, 2) * 86_400 + 7_200 - self.offset_seconds, sunday(year, 11, 1) * 86_400 + 7_200 - self.offset_seconds - 3_600),
            Dst::Eu => (sunday(year, 3, 0) * 86_400 + 3_600, sunday(year, 10, 0) * 86_400 + 3_600),
        };
        self.offset_seconds + if (start..end).contains(&utc) { 3_600 } else { 0 }
    }

    fn to_local(&self, utc: i64) -> i64 {
        utc + self.offset_at(utc)
    }

    /// The instant of a wall time: the earlier one when it happens twice, standard time's when
    /// it is skipped.
    fn to_utc(&self, local: i64) -> i64 {
        let daylight = local - self.offset_seconds - 3_600;
        if self.dst != Dst::None && self.offset_at(daylight) == self.offset_seconds + 3_600 {
            return daylight;
        }
        local - self.offset_seconds
    }

    /// RFC 3339 in this zone, as Go's `Format(time.RFC3339)`: `Z` for UTC, else `-05:00`.
    pub fn rfc3339(&self, utc: i64) -> String {
        let offset = self.offset_at(utc);
        let (y, mo, d, h, mi, s, _) = civil(utc + offset);
        let zone = if offset == 0 { "Z".to_string() } else { format!("{}{:02}:{:02}", if offset < 0 { '-' } else { '+' }, offset.abs() / 3600, offset.abs() % 3600 / 60) };
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix seconds of a UTC date.
    fn at(y: i64, mo: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60
    }

    fn show(t: Option<i64>) -> String {
        t.map_or("none".into(), |t| UTC.rfc3339(t))
    }

    fn check_next(spec: &str, from: i64, want: &str) {
        let schedule = parse_standard(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(show(schedule.next(from)), want, "{spec} after {}", show(Some(from)));
    }

    #[test]
    fn next_activation_as_robfig_computes_it() {
        let friday = at(2026, 11, 27, 17, 50);
        for (spec, from, want) in [
            ("* * * * *", at(2026, 11, 23, 0, 0) + 20, "2026-11-23T00:01:00Z"),
            ("* * * * *", at(2026, 11, 23, 0, 1), "2026-11-23T00:02:00Z"),
            ("*/5 * * * *", at(2026, 11, 23, 0, 1), "2026-11-23T00:05:00Z"),
            ("0 * * * *", at(2026, 11, 23, 23, 30), "2026-11-24T00:00:00Z"),
            ("30 2 * * *", at(2026, 11, 23, 3, 0), "2026-11-24T02:30:00Z"),
            ("*/15 9-17 * * MON-FRI", friday, "2026-11-30T09:00:00Z"),
            ("0 0 1 JAN *", friday, "2027-01-01T00:00:00Z"),
            ("0 0 29 2 *", friday, "2028-02-29T00:00:00Z"),
            ("0 0 30 2 *", friday, "none"),
            ("0 0 13 * 5", friday, "2026-12-04T00:00:00Z"),
            ("0 0 * * 0", friday, "2026-11-29T00:00:00Z"),
            ("5,10-12 1 * * *", at(2026, 11, 23, 1, 10), "2026-11-23T01:11:00Z"),
            ("@hourly", friday, "2026-11-27T18:00:00Z"),
            ("@daily", friday, "2026-11-28T00:00:00Z"),
            ("@midnight", friday, "2026-11-28T00:00:00Z"),
            ("@weekly", friday, "2026-11-29T00:00:00Z"),
            ("@monthly", friday, "2026-12-01T00:00:00Z"),
            ("@yearly", friday, "2027-01-01T00:00:00Z"),
            ("@annually", friday, "2027-01-01T00:00:00Z"),
            ("@every 90s", friday, "2026-11-27T17:51:30Z"),
            ("@every 1h30m", friday, "2026-11-27T19:20:00Z"),
            ("@every 10ms", friday, "2026-11-27T17:50:01Z"),
            ("TZ=Asia/Seoul 0 9 * * *", friday, "2026-11-28T00:00:00Z"),
            ("CRON_TZ=America/New_York 0 9 * * *", friday, "2026-11-28T14:00:00Z"),
            ("CRON_TZ=America/New_York 0 9 * * *", at(2026, 7, 1, 0, 0), "2026-07-01T13:00:00Z"),
            ("TZ=Europe/Berlin 0 9 * * *", at(2026, 7, 1, 0, 0), "2026-07-01T07:00:00Z"),
            ("TZ=Europe/Berlin 0 9 * * *", at(2026, 12, 1, 0, 0), "2026-12-01T08:00:00Z"),
        ] {
            check_next(spec, from, want);
        }
    }

    #[test]
    fn errors_have_robfigs_texts() {
        for (spec, want) in [
            ("", "empty spec string"),
            ("foo", "expected exactly 5 fields, found 1: [foo]"),
            ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
            ("* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"),
            ("*/0 * * * *", "step of range should be a positive number: */0"),
            ("60 * * * *", "end of range (60) above maximum (59): 60"),
            ("* 24 * * *", "end of range (24) above maximum (23): 24"),
            ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("* * * 13 *", "end of range (13) above maximum (12): 13"),
            ("* * * * 7", "end of range (7) above maximum (6): 7"),
            ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
            ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
            ("1/2/3 * * * *", "too many slashes: 1/2/3"),
            ("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
            ("1- * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax"),
            ("99999999999999999999 * * * *", "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range"),
            ("1000000000 * * * *", "end of range (1000000000) above maximum (59): 1000000000"),
            ("@often", "unrecognized descriptor: @often"),
            ("@every", "unrecognized descriptor: @every"),
            ("@every 1d", "failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\""),
            ("@every 5", "failed to parse duration @every 5: time: missing unit in duration \"5\""),
            ("@every x", "failed to parse duration @every x: time: invalid duration \"x\""),
            ("TZ=Mars/Olympus * * * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"),
        ] {
            assert_eq!(parse_standard(spec), Err(want.to_string()), "{spec:?}");
        }
        assert_eq!(parse_standard("-1 * * * *"), Err("failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax".into()));
        // A huge step is accepted: it only sets the start's bit.
        assert!(matches!(parse_standard("*/1000000000 * * * *"), Ok(Schedule::Spec { minute: 1, .. })));
    }

    #[test]
    fn names_steps_and_lists_set_their_bits() {
        let Ok(Schedule::Spec { minute, dow, month, .. }) = parse_standard("0-10/5,30 * * jan-MAR sun,sat") else { panic!() };
        assert_eq!(minute, 1 | 1 << 5 | 1 << 10 | 1 << 30);
        assert_eq!(month, 0b1110);
        assert_eq!(dow, 1 | 1 << 6);
        let Ok(Schedule::Spec { minute, .. }) = parse_standard("50/5 * * * *") else { panic!() };
        assert_eq!(minute, 1 << 50 | 1 << 55);
        let Ok(Schedule::Spec { hour, .. }) = parse_standard("* ? * * *") else { panic!() };
        assert_eq!(hour, all(&HOURS));
    }

    #[test]
    fn zones_know_their_daylight_saving() {
        let ny = load_location("America/New_York").unwrap();
        assert_eq!(ny.rfc3339(at(2026, 11, 23, 0, 1)), "2026-11-22T19:01:00-05:00");
        assert_eq!(ny.rfc3339(at(2026, 7, 1, 12, 0)), "2026-07-01T08:00:00-04:00");
        // 2026: DST from 8 March 07:00 UTC to 1 November 06:00 UTC.
        assert_eq!(ny.offset_at(at(2026, 3, 8, 6, 59)), -5 * 3600);
        assert_eq!(ny.offset_at(at(2026, 3, 8, 7, 0)), -4 * 3600);
        assert_eq!(ny.offset_at(at(2026, 11, 1, 5, 59)), -4 * 3600);
        assert_eq!(ny.offset_at(at(2026, 11, 1, 6, 0)), -5 * 3600);
        let london = load_location("Europe/London").unwrap();
        // 2026: BST from 29 March to 25 October, 01:00 UTC.
        assert_eq!(london.offset_at(at(2026, 3, 29, 0, 59)), 0);
        assert_eq!(london.offset_at(at(2026, 3, 29, 1, 0)), 3600);
        assert_eq!(london.offset_at(at(2026, 10, 25, 1, 0)), 0);
        assert_eq!(load_location("Asia/Kolkata").unwrap().rfc3339(0), "1970-01-01T05:30:00+05:30");
        assert_eq!(load_location("Nowhere/City"), Err("unknown time zone Nowhere/City".into()));
        assert_eq!(load_location("").unwrap().name, "UTC");
        // The skipped hour in spring: 02:30 does not happen on 8 March in New York.
        check_next("TZ=America/New_York 30 2 * * *", at(2026, 3, 8, 0, 0), "2026-03-08T07:30:00Z");
    }

    /// Whatever is typed, parsing returns and every parsed schedule's `next` returns.
    #[test]
    fn odd_schedules_never_panic() {
        let pieces = ["*", "?", "0", "59", "60", "-1", "1-", "-", "/", "*/0", "*/1000000000", "5/", ",", ",,", "1,2", "31", "JAN", "sun", "7", "1e9", "99999999999999999999", "TZ=UTC", "CRON_TZ=", "@every", "@every 1s", "@every -5s", "@every 2540400h", "@daily", "é", "\u{0}", " "];
        let mut seed = 1u64;
        for _ in 0..20_000 {
            let mut spec = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for n in 0..(seed >> 60) {
                let index = ((seed >> (n * 5 % 50)) as usize) % pieces.len();
                spec.push_str(pieces[index]);
                spec.push(if (seed >> (n + 3)) & 3 == 0 { ',' } else { ' ' });
            }
            if let Ok(schedule) = parse_standard(spec.trim_end()) {
                let _ = schedule.next(at(2026, 11, 23, 0, 0));
                let _ = schedule.next(i64::MAX - 10);
            }
        }
        assert_eq!(parse_standard("@every 2540400h").map(|s| s.next(0)), Ok(Some(2_540_400 * 3600)));
    }

    #[test]
    fn durations_parse_as_go_does() {
        for (text, want) in [("1s", Ok(1_000_000_000)), ("1.5h", Ok(5_400_000_000_000)), ("-2m", Ok(-120_000_000_000)), ("0", Ok(0)), ("300ms", Ok(300_000_000)), (".5s", Ok(500_000_000)), ("", Err("time: invalid duration \"\"")), ("1e9h", Err("time: unknown unit \"e\" in duration \"1e9h\""))] {
            assert_eq!(parse_duration(text), want.map_err(str::to_string), "{text}");
        }
        assert!(parse_duration("9999999999999999999999h").is_err());
    }
}
