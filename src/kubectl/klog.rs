//! `-v=N`: the klog lines kubectl writes on stderr at verbosity N, from the virtual clock.
//!
//! At `-v=1` and above kubectl logs client-go's feature gates; from `-v=6` the file it loaded
//! its configuration from and one `round_trippers.go:560` line per API request, with the REST
//! path, the response status and how long it took. Levels above 6 log headers and bodies as
//! well; here they print what `-v=6` prints. The playground's kubectl keeps a warm discovery
//! cache, so no discovery requests are logged.

use super::Ctx;
use crate::engine::resources::ResourceType;
use crate::order::SharedSort;

/// The process id in every line (kubectl prints its own; this one never changes).
pub const PID: u32 = 22712;

/// Where the requests go: the API server `kubectl config view` names.
pub const SERVER: &str = "https://127.0.0.1:6443";

/// The feature gates client-go logs at `-v=1` (client-go/features/envvar.go), in the order a
/// 1.32.5 client printed them with a kubeconfig present.
const FEATURE_GATES: &[&str] = &["WatchListClient", "ClientsAllowCBOR", "ClientsPreferCBOR", "InformerResourceVersion"];

/// The verbosity given by `-v=N`, `--v=N`, `-v N`, `--v N` or `-vN` (the last one wins), 0
/// without one; words after `--` belong to a container and are not looked at. Malformed values
/// count as 0 here: the command's own flag parsing reports them.
pub fn verbosity(words: &[String]) -> u8 {
    let mut level = 0;
    let mut index = 0;
    while index < words.len() {
        let word = words[index].as_str();
        index += 1;
        if word == "--" {
            break;
        }
        let value = if word == "-v" || word == "--v" {
            index += 1;
            words.get(index - 1).map(String::as_str)
        } else if let Some(rest) = word.strip_prefix("--v=") {
            Some(rest)
        } else if let Some(rest) = word.strip_prefix("-v") {
            if word.starts_with("--") {
                None
            } else {
                Some(rest.strip_prefix('=').unwrap_or(rest))
            }
        } else {
            None
        };
        if let Some(value) = value {
            level = value.parse::<i64>().map(|n| n.clamp(0, 10) as u8).unwrap_or(0);
        }
    }
    level
}

/// The reason phrase Go's `http.StatusText` gives a code.
pub fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// The HTTP status the API server answers an error with.
pub fn code_of(error: &crate::engine::error::ApiError) -> u16 {
    use crate::engine::error::ApiError;
    match error {
        ApiError::NotFound { .. } => 404,
        ApiError::AlreadyExists { .. } | ApiError::Conflict { .. } => 409,
        ApiError::Invalid { .. } => 422,
        ApiError::BadRequest { .. } => 400,
        ApiError::Forbidden { .. } => 403,
        ApiError::TooManyRequests { .. } => 429,
        ApiError::InternalError { .. } => 500,
    }
}

/// `/api/v1` or `/apis/GROUP/v1`.
pub fn group_version_path(resource: &ResourceType) -> String {
    if resource.group.is_empty() {
        "/api/v1".to_string()
    } else {
        format!("/apis/{}/v1", resource.group)
    }
}

/// The collection's path: `/api/v1/namespaces/default/pods`, `/api/v1/pods` across namespaces
/// (`namespace` None) and for cluster-scoped types.
pub fn collection_path(resource: &ResourceType, namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) if resource.kind.namespaced() => format!("{}/namespaces/{ns}/{}", group_version_path(resource), resource.plural),
        _ => format!("{}/{}", group_version_path(resource), resource.plural),
    }
}

/// One object's path: `/apis/apps/v1/namespaces/default/deployments/web`.
pub fn item_path(resource: &ResourceType, namespace: &str, name: &str) -> String {
    format!("{}/{name}", collection_path(resource, Some(namespace)))
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, a space is `+`, the rest `%XX`.
pub fn query_escape(text: &str) -> String {
    let mut escaped = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => escaped.push(byte as char),
            b' ' => escaped.push('+'),
            _ => escaped.push_str(&format!("%{byte:02X}")),
        }
    }
    escaped
}

/// Go's `url.Values.Encode`: pairs sorted by key, escaped, joined by `&`; empty values skipped
/// (client-go leaves unset list options out). Starts with `?` unless empty.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut pairs: Vec<&(&str, &str)> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    pairs.shared_sort_by_key(|(k, _)| *k);
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v))).collect();
    format!("?{}", joined.join("&"))
}

/// State kept across one command's log lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Klog {
    pub verbosity: u8,
    /// Lines written so far: each is a little later than the one before.
    lines: u32,
    preamble_done: bool,
}

impl Klog {
    pub fn new(verbosity: u8) -> Klog {
        Klog { verbosity, ..Klog::default() }
    }
}

impl Ctx<'_> {
    /// One klog line at `level` (skipped below it): `I1123 00:00:20.001000   22712 file.go:N] text`.
    pub fn klog(&mut self, level: u8, source: &str, text: &str) {
        if self.klog.verbosity < level {
            return;
        }
        self.klog_line('I', source, text);
    }

    /// A klog warning, written at every verbosity: `W1123 00:00:20.001000   22712 file.go:N] text`.
    pub fn klog_warning(&mut self, source: &str, text: &str) {
        self.klog_line('W', source, text);
    }

    fn klog_line(&mut self, severity: char, source: &str, text: &str) {
        self.klog.lines += 1;
        let micros = self.cluster.now().as_millis() * 1000 + 1000 + u64::from(self.klog.lines) * 213;
        let unix = crate::engine::clock::Time(0).unix() + (micros / 1_000_000) as i64;
        let date = crate::engine::clock::Time::from_unix(unix).rfc3339();
        // `2026-11-23T00:00:20Z`: month and day, then the time.
        let (month, day, time) = (&date[5..7], &date[8..10], &date[11..19]);
        self.out.err(format!("{severity}{month}{day} {time}.{:06} {PID:>7} {source}] {text}\n", micros % 1_000_000));
    }

    /// What a client logs once it is built: the feature gates (`-v=1`), and the kubeconfig
    /// (`-v=6`). Done before the first request.
    fn klog_preamble(&mut self) {
        if self.klog.preamble_done || self.klog.verbosity == 0 {
            return;
        }
        self.klog.preamble_done = true;
        self.klog(6, "loader.go:402", "Config loaded from file:  /root/.kube/config");
        for gate in FEATURE_GATES {
            self.klog(1, "envvar.go:172", &format!("\"Feature gate default state\" feature=\"{gate}\" enabled=false"));
        }
    }

    /// One API request at `-v=6`: `GET https://127.0.0.1:6443/api/v1/pods?limit=500 200 OK in 0 milliseconds`.
    /// `path` includes its query.
    pub fn request(&mut self, method: &str, path: &str, code: u16) {
        self.klog_preamble();
        self.klog(6, "round_trippers.go:560", &format!("{method} {SERVER}{path} {code} {} in 0 milliseconds", status_text(code)));
    }

    /// The Status object kubectl logs at `-v=6` before printing a server error (helpers.go).
    pub fn klog_status(&mut self, code: u16, reason: &str, message: &str, name: &str, resource: &ResourceType) {
        if self.klog.verbosity < 6 {
            return;
        }
        let group = if resource.group.is_empty() { String::new() } else { format!("    \"group\": \"{}\",\n", resource.group) };
        let message = message.replace('\\', "\\\\").replace('"', "\\\"");
        self.klog(
            6,
            "helpers.go:246",
            &format!(
                "server response object: %s[{{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {{}},\n  \"status\": \"Failure\",\n  \"message\": \"{message}\",\n  \"reason\": \"{reason}\",\n  \"details\": {{\n    \"name\": \"{name}\",\n{group}    \"kind\": \"{}\"\n  }},\n  \"code\": {code}\n}}]",
                resource.plural
            ),
        );
    }

    /// The NotFound Status for `resource` `name`.
    pub fn klog_not_found(&mut self, resource: &ResourceType, name: &str) {
        self.klog_status(404, "NotFound", &format!("{} \"{name}\" not found", resource.resource()), name, resource);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn verbosity_is_read_like_pflag() {
        let table = [("get pods", 0), ("get pods -v=6", 6), ("get pods --v=7", 7), ("-v 8 get pods", 8), ("get pods --v 9", 9), ("get pods -v6", 6), ("get pods -v=x", 0), ("exec p -- ls -v=6", 0), ("get pods --value=6", 0)];
        for (line, want) in table {
            assert_eq!(verbosity(&words(line)), want, "{line}");
        }
    }

    #[test]
    fn queries_are_encoded_like_url_values() {
        assert_eq!(query(&[("limit", "500"), ("labelSelector", "app=web"), ("fieldSelector", "")]), "?labelSelector=app%3Dweb&limit=500");
        assert_eq!(query_escape("kubernetes.io/service-name=web,a!=b"), "kubernetes.io%2Fservice-name%3Dweb%2Ca%21%3Db");
        assert_eq!(query(&[]), "");
    }
}
