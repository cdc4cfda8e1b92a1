//! The simulated image catalogue: how each container image behaves when the kubelet runs it.
//!
//! Any well-formed image runs and is healthy, except:
//! - `kubeplay/never-ready:<tag>` runs but never passes readiness;
//! - `kubeplay/crash-loop:<tag>` exits with code 1 right after it starts;
//! - `kubeplay/missing:<tag>`, and tags of known repositories that do not exist (e.g. `nginx:1.161`,
//!   `luksa/kubia:v9`), fail to pull (ErrImagePull, then ImagePullBackOff);
//! - `gcr.io/google-samples/kubernetes-bootcamp:v1` and `jocatalin/kubernetes-bootcamp:v2` (the
//!   kubernetes.io basics tutorial) answer `Hello Kubernetes bootcamp! | Running on: POD | v=N`;
//!   its `v10` does not exist;
//! - `luksa/kubia:v3` answers HTTP 500 from its fifth request on, so a readiness probe on it fails;
//! - images whose entrypoint is a shell (busybox, alpine, ubuntu, kubia's node.js) ignore SIGTERM and
//!   are killed at the end of the grace period; nginx, httpd and most servers stop within a second.

/// How an image behaves in the simulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBehaviour {
    /// Pulling fails: the message of the `Failed` event.
    pub pull_error: Option<String>,
    /// Seconds a first pull takes on a node in the realistic profile.
    pub pull_seconds: u64,
    /// Size shown in the `Pulled` event.
    pub size_bytes: u64,
    /// The process exits right after start with this code.
    pub exits_with: Option<i32>,
    /// Readiness never passes, whatever the probe.
    pub never_ready: bool,
    /// HTTP requests after this many get status 500 (kubia v3: 5).
    pub http_fails_after: Option<u32>,
    /// Seconds the process needs to stop after SIGTERM; None ignores SIGTERM (killed at the grace end).
    pub stop_seconds: Option<u64>,
}

/// The normalised reference, as container statuses show it (`docker.io/library/nginx:1.14`).
pub fn full_name(image: &str) -> String {
    let (repo, tag) = split_image(image);
    normalise(repo, tag)
}

/// Splits `repo[:tag][@digest]` into repository and tag (default `latest`).
pub fn split_image(image: &str) -> (&str, &str) {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    match without_digest[last_slash..].rfind(':') {
        Some(colon) => {
            let at = last_slash + colon;
            (&without_digest[..at], &without_digest[at + 1..])
        }
        None => (without_digest, "latest"),
    }
}

/// Whether an image reference is well formed (`docker.io/library/...` rules, lower case repository).
pub fn parse_error(image: &str) -> Option<String> {
    let (repo, tag) = split_image(image);
    let repo_ok = !repo.is_empty()
        && repo.split('/').all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-' | b':'))
        });
    let tag_ok = !tag.is_empty() && tag.len() <= 128 && tag.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if repo.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(format!("couldn't parse image name \"{image}\": invalid reference format: repository name must be lowercase"));
    }
    if !repo_ok || !tag_ok || image.contains(char::is_whitespace) {
        return Some(format!("couldn't parse image name \"{image}\": invalid reference format"));
    }
    None
}

fn normalise(repo: &str, tag: &str) -> String {
    let first = repo.split('/').next().unwrap_or("");
    let has_registry = repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        format!("{repo}:{tag}")
    } else if repo.contains('/') {
        format!("docker.io/{repo}:{tag}")
    } else {
        format!("docker.io/library/{repo}:{tag}")
    }
}

/// Whether a tag of a repository the catalogue knows exists; None for repositories it does not know.
fn known_tag(repo: &str, tag: &str) -> Option<bool> {
    let numeric_version = |max_major: u32, max_minor: u32| {
        let base = tag.split('-').next().unwrap_or(tag);
        let parts: Vec<&str> = base.split('.').collect();
        let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
        match numbers.as_deref() {
            Some([major]) => *major <= max_major,
            Some([major, minor]) | Some([major, minor, _]) => *major <= max_major && (*major < max_major || *minor <= max_minor),
            _ => false,
        }
    };
    match repo {
        "nginx" | "docker.io/library/nginx" | "docker.io/nginx" => Some(
            ["latest", "stable", "mainline", "alpine", "stable-alpine", "mainline-alpine", "perl", "alpine-slim"].contains(&tag)
                || (tag.starts_with("1.") && numeric_version(1, 29)),
        ),
        "luksa/kubia" => Some(["latest", "v1", "v2", "v3", "v4"].contains(&tag)),
        // kubernetes.io's basics tutorial: v1 from Google's registry, v2 from Docker Hub, and
        // `v10`, the tag it uses for a failing update, exists in neither.
        "gcr.io/google-samples/kubernetes-bootcamp" => Some(tag == "v1"),
        "jocatalin/kubernetes-bootcamp" | "docker.io/jocatalin/kubernetes-bootcamp" => Some(["v1", "v2"].contains(&tag)),
        "kubeplay/missing" => Some(false),
        _ => None,
    }
}

/// The behaviour of `image`. Never fails: unknown images run and are healthy.
pub fn behaviour(image: &str) -> ImageBehaviour {
    let (repo, tag) = split_image(image);
    let mut result = ImageBehaviour {
        pull_error: None,
        pull_seconds: 2,
        size_bytes: 50_000_000,
        exits_with: None,
        never_ready: false,
        http_fails_after: None,
        stop_seconds: Some(1),
    };
    if let Some(message) = parse_error(image) {
        result.pull_error = Some(message);
        return result;
    }
    if known_tag(&repo, &tag) == Some(false) {
        let reference = normalise(repo, tag);
        result.pull_error = Some(format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": {reference}: not found"
        ));
        return result;
    }
    let short = repo.rsplit('/').next().unwrap_or(&repo);
    match short {
        "nginx" => {
            result.size_bytes = 67_000_000;
            result.pull_seconds = 3;
        }
        "busybox" => {
            result.size_bytes = 2_200_000;
            result.pull_seconds = 1;
            result.stop_seconds = None;
        }
        "alpine" | "ubuntu" | "debian" | "centos" | "fedora" => {
            result.size_bytes = 8_000_000;
            result.pull_seconds = 2;
            result.stop_seconds = None;
        }
        "kubia" | "kubia-unhealthy" => {
            result.size_bytes = 250_000_000;
            result.pull_seconds = 6;
            result.stop_seconds = None;
        }
        _ => {}
    }
    if repo == "luksa/kubia" && tag == "v3" {
        result.http_fails_after = Some(4);
    }
    if repo == "luksa/kubia-unhealthy" {
        result.http_fails_after = Some(5);
    }
    match repo {
        "kubeplay/never-ready" => result.never_ready = true,
        "kubeplay/crash-loop" => result.exits_with = Some(1),
        _ => {}
    }
    result
}

/// The nginx an `nginx` image tag runs, as its image's environment states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NginxRelease {
    /// `NGINX_VERSION`: `1.25.5` for the tag `1.25`; up to 1.15 the Debian images also carry the
    /// package release (`1.14.2-1~stretch`).
    pub version: String,
    /// `PKG_RELEASE` (`1~bookworm`, `1` on Alpine); None where the image sets none.
    pub pkg_release: Option<String>,
}

/// The last release of each nginx minor series that is closed, with its Debian package release
/// and codename, from nginxinc/docker-nginx's Dockerfiles (`ENV NGINX_VERSION`,
/// `ENV PKG_RELEASE`, `FROM debian:...`) and the image configurations Docker Hub serves.
/// 1.28 and 1.29 still move, so their tags keep the version as written.
const NGINX_SERIES: &[(&str, &str, &str, &str)] = &[
    ("1.14", "1.14.2", "1", "stretch"),
    ("1.15", "1.15.12", "1", "stretch"),
    ("1.16", "1.16.1", "1", "buster"),
    ("1.17", "1.17.10", "1", "buster"),
    ("1.18", "1.18.0", "2", "buster"),
    ("1.19", "1.19.10", "1", "buster"),
    ("1.20", "1.20.2", "1", "bullseye"),
    ("1.21", "1.21.6", "1", "bullseye"),
    ("1.22", "1.22.1", "1", "bullseye"),
    ("1.23", "1.23.4", "1", "bullseye"),
    ("1.24", "1.24.0", "1", "bullseye"),
    ("1.25", "1.25.5", "1", "bookworm"),
    ("1.26", "1.26.3", "1", "bookworm"),
    ("1.27", "1.27.5", "1", "bookworm"),
];

/// The release behind an nginx tag: `1.25` and `1.25-alpine` run 1.25.5, `1.25.3` runs 1.25.3,
/// tags without a version (`latest`, `stable`, `alpine`) run 1.27.3.
pub fn nginx_release(tag: &str) -> NginxRelease {
    let (base, variant) = tag.split_once('-').unwrap_or((tag, ""));
    let alpine = variant.contains("alpine") || base == "alpine";
    let parts: Vec<&str> = base.split('.').collect();
    let numeric = parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let version = if numeric { base.to_string() } else { "1.27.3".to_string() };
    let minor = version.split('.').take(2).collect::<Vec<_>>().join(".");
    let Some(&(_, last, release, codename)) = NGINX_SERIES.iter().find(|(series, ..)| *series == minor) else {
        return NginxRelease { version, pkg_release: Some(if alpine { "1".into() } else { "1~bookworm".into() }) };
    };
    let version = if parts.len() == 2 { last.to_string() } else { version };
    match (alpine, codename) {
        (true, _) => NginxRelease { version, pkg_release: Some(release.to_string()) },
        (false, "stretch") => NginxRelease { version: format!("{version}-{release}~stretch"), pkg_release: None },
        (false, codename) => NginxRelease { version, pkg_release: Some(format!("{release}~{codename}")) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue() {
        assert!(behaviour("nginx:1.14").pull_error.is_none());
        assert!(behaviour("nginx:1.161").pull_error.is_some());
        assert!(behaviour("nginx").pull_error.is_none());
        assert!(behaviour("kubeplay/missing:v1").pull_error.is_some());
        assert!(behaviour("kubeplay/never-ready:v2").never_ready);
        assert_eq!(behaviour("kubeplay/crash-loop:v1").exits_with, Some(1));
        assert_eq!(behaviour("luksa/kubia:v3").http_fails_after, Some(4));
        assert!(behaviour("NGINX").pull_error.is_some());
        assert!(behaviour("img:v1").pull_error.is_none());
        assert_eq!(full_name("nginx:1.14"), "docker.io/library/nginx:1.14");
        assert_eq!(split_image("localhost:5000/app"), ("localhost:5000/app", "latest"));
    }

    #[test]
    fn nginx_tags_run_their_series_last_release() {
        let release = |tag: &str| {
            let r = nginx_release(tag);
            (r.version, r.pkg_release)
        };
        assert_eq!(release("1.25"), ("1.25.5".into(), Some("1~bookworm".into())));
        assert_eq!(release("1.25-alpine"), ("1.25.5".into(), Some("1".into())));
        assert_eq!(release("1.25.3"), ("1.25.3".into(), Some("1~bookworm".into())));
        assert_eq!(release("1.20"), ("1.20.2".into(), Some("1~bullseye".into())));
        assert_eq!(release("1.18"), ("1.18.0".into(), Some("2~buster".into())));
        assert_eq!(release("1.14"), ("1.14.2-1~stretch".into(), None));
        assert_eq!(release("latest"), ("1.27.3".into(), Some("1~bookworm".into())));
        assert_eq!(release("1.29"), ("1.29".into(), Some("1~bookworm".into())));
    }
}
