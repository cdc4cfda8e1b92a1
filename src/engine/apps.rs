//! What the simulated applications do: the logs they write and how they answer HTTP, per image.
//! nginx serves its welcome page and writes access logs; luksa/kubia answers "You've hit POD"
//! (v3 fails from its fifth request on); the deployment-strategies demo answers its version;
//! hashicorp/http-echo echoes `-text`; busybox-style shells print what their `echo` loops print.
//! Each app listens on its own ports (`listener`), which is what the kubelet's probes and curl reach.

use crate::engine::api::pod::{Container, Pod};
use crate::engine::clock::Time;
use crate::engine::images;
use crate::engine::shell::SleepFor;
use crate::engine::Cluster;
use crate::order::SharedSort;

/// An HTTP answer from a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

fn repo_and_tag(container: &Container) -> (&str, &str) {
    images::split_image(container.image.as_deref().unwrap_or(""))
}

fn short_repo(repo: &str) -> &str {
    repo.rsplit('/').next().unwrap_or(repo)
}

/// What answers a connection on one of an app's ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// An HTTP server: `http_get` says what each path answers.
    Http,
    /// A server speaking another protocol over TCP (redis, databases): a TCP probe connects, an
    /// HTTP request gets no HTTP answer.
    Tcp,
}

/// Where an app listens. Known images listen where their program does, whatever the container
/// declares (nginx on 80 only, so `containerPort: 8080` opens nothing); shells listen nowhere;
/// an image the catalogue does not know serves HTTP on the ports its container declares, or, with
/// none declared, on any port (nothing is known about it, so it is taken to be healthy).
fn listeners(container: &Container) -> Option<Vec<(i32, Listener)>> {
    use Listener::{Http, Tcp};
    let (repo, _) = repo_and_tag(container);
    let declared: Vec<i32> = container.ports.iter().map(|p| p.container_port).collect();
    let known = match short_repo(&repo) {
        "nginx" | "httpd" | "caddy" => vec![(80, Http)],
        "traefik" => vec![(80, Http), (8080, Http)],
        "kubia" | "kubia-unhealthy" | "kubernetes-bootcamp" => vec![(8080, Http)],
        // `-listen=:5678` by default (hashicorp/http-echo's flag).
        "http-echo" => {
            let listen = container.args.iter().find_map(|a| a.strip_prefix("-listen=").or_else(|| a.strip_prefix("--listen=")));
            let port = listen.and_then(|l| l.rsplit(':').next()).and_then(|p| p.parse().ok()).unwrap_or(5678);
            vec![(port, Http)]
        }
        // ContainerSolutions' demo: the app on 8080, `/live` and `/ready` on 8086, metrics on 9101.
        "k8s-deployment-strategies" => vec![(8080, Http), (8086, Http), (9101, Http)],
        // CoreDNS: DNS on 53, `health` on 8080, `ready` on 8181, metrics on 9153.
        "coredns" => vec![(53, Tcp), (8080, Http), (8181, Http), (9153, Http)],
        "redis" => vec![(6379, Tcp)],
        "memcached" => vec![(11211, Tcp)],
        "postgres" => vec![(5432, Tcp)],
        "mysql" | "mariadb" => vec![(3306, Tcp)],
        "mongo" => vec![(27017, Tcp)],
        "busybox" | "alpine" | "ubuntu" | "debian" | "centos" | "fedora" | "curl" | "curlimages" | "bash" | "python" | "node" | "golang" | "ruby" | "perl" => Vec::new(),
        _ if declared.is_empty() => return None,
        _ => declared.iter().map(|&p| (p, Http)).collect(),
    };
    Some(known)
}

/// What listens on `port` of the container's app; None: nothing (the connection is refused).
pub fn listener(container: &Container, port: i32) -> Option<Listener> {
    match listeners(container) {
        None => Some(Listener::Http),
        Some(ports) => ports.iter().find(|(p, _)| *p == port).map(|(_, l)| *l),
    }
}

/// What a non-HTTP server answers to an HTTP request, as Go's HTTP client reports it after
/// `Get "URL": `. Redis reads `GET / HTTP/1.1` as its own GET with two arguments and answers an
/// error line, which is no HTTP status line; the others close the connection.
pub fn non_http_answer(container: &Container) -> String {
    let (repo, _) = repo_and_tag(container);
    match short_repo(&repo) {
        "redis" => "net/http: HTTP/1.x transport connection broken: malformed HTTP response \"-ERR wrong number of arguments for 'get' command\"".to_string(),
        _ => "EOF".to_string(),
    }
}

const NGINX_NOT_FOUND: &str = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const HTTPD_NOT_FOUND: &str = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";

/// nginx's answer when a directory has no index file (`autoindex` is off).
const NGINX_FORBIDDEN: &str = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// What a container's file system holds at an absolute path: a file's text, a directory, or
/// nothing. `http_get` asks it for nginx's document root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileEntry {
    File(String),
    Directory,
    Missing,
}

/// Answers `GET path` on `port` of a running container (a port `listener` says serves HTTP);
/// `request_number` counts this pod's requests; `files` reads the container's file system.
/// nginx serves `/usr/share/nginx/html` as it is (the image's pages, a ConfigMap mounted there,
/// what the learner wrote), `index.html` for a directory, 403 for a directory without one, 404
/// for what is not there; httpd serves its default page; the other apps answer every path.
pub fn http_get(pod: &Pod, container: &Container, port: i32, path: &str, request_number: u32, files: &dyn Fn(&str) -> FileEntry) -> HttpResponse {
    let (repo, tag) = repo_and_tag(container);
    let behaviour = images::behaviour(container.image.as_deref().unwrap_or(""));
    let name = &pod.metadata.name;
    if behaviour.http_fails_after.is_some_and(|n| request_number > n) {
        return HttpResponse { status: 500, body: format!("Some internal error has occurred! This is pod {name}\n") };
    }
    let env = |key: &str| container.env.iter().find(|e| e.name == key).and_then(|e| e.value.clone());
    let file = path.split(['?', '#']).next().unwrap_or("");
    match short_repo(&repo) {
        "kubia" | "kubia-unhealthy" => {
            let body = match tag {
                "v2" | "v3" | "v4" => format!("This is {tag} running in pod {name}\n"),
                _ => format!("You've hit {name}\n"),
            };
            HttpResponse { status: 200, body }
        }
        "k8s-deployment-strategies" if port == 8086 || port == 9101 => HttpResponse { status: 200, body: String::new() },
        "k8s-deployment-strategies" => {
            HttpResponse { status: 200, body: format!("Host: {name}, Version: {}\n", env("VERSION").unwrap_or_else(|| "v1.0.0".into())) }
        }
        "http-echo" => {
            let text = container.args.iter().find_map(|a| a.strip_prefix("-text=").or_else(|| a.strip_prefix("--text="))).unwrap_or("hello-world");
            HttpResponse { status: 200, body: format!("{text}\n") }
        }
        "coredns" => HttpResponse { status: 200, body: "OK".into() },
        // The HPA walkthrough's php-apache (registry.k8s.io/hpa-example): index.php burns some
        // CPU and echoes "OK!", no newline.
        "hpa-example" => HttpResponse { status: 200, body: "OK!".into() },
        // server.js answers every path; v2 (jocatalin/kubernetes-bootcamp:v2) says `v=2`.
        "kubernetes-bootcamp" => {
            let version = if tag == "v2" { "2" } else { "1" };
            HttpResponse { status: 200, body: format!("Hello Kubernetes bootcamp! | Running on: {name} | v={version}\n") }
        }
        "nginx" => {
            let path = crate::engine::written_files::absolute(&format!("{}/{file}", crate::engine::image_files::NGINX_ROOT));
            let entry = match files(&path) {
                FileEntry::Directory => match files(&format!("{path}/index.html")) {
                    FileEntry::File(text) => FileEntry::File(text),
                    _ => FileEntry::Directory,
                },
                other => other,
            };
            match entry {
                FileEntry::File(body) => HttpResponse { status: 200, body },
                FileEntry::Directory => HttpResponse { status: 403, body: NGINX_FORBIDDEN.to_string() },
                FileEntry::Missing => HttpResponse { status: 404, body: NGINX_NOT_FOUND.to_string() },
            }
        }
        "httpd" => match file {
            "" | "/" | "/index.html" => HttpResponse { status: 200, body: "<html><body><h1>It works!</h1></body></html>\n".into() },
            _ => HttpResponse { status: 404, body: HTTPD_NOT_FOUND.to_string() },
        },
        _ => HttpResponse { status: 200, body: format!("{name}\n") },
    }
}

/// One HTTP request an app served, as its log line needs it.
#[derive(Debug, Clone, Copy)]
pub struct ServedRequest<'a> {
    pub client_ip: &'a str,
    /// The client's (`curl/8.5.0`, busybox's `Wget`, `kube-probe/1.32`).
    pub user_agent: &'a str,
    pub path: &'a str,
    pub status: u16,
    pub bytes: usize,
    /// The container's requests so far, this one included.
    pub number: u32,
    pub at: Time,
}

/// The access-log line (or equivalent) an app writes for a request.
pub fn request_log_line(pod: &Pod, container: &Container, request: &ServedRequest) -> Option<String> {
    let (repo, _) = repo_and_tag(container);
    let ServedRequest { client_ip, user_agent, path, status, bytes, at, .. } = *request;
    match short_repo(&repo) {
        "nginx" => Some(format!("{client_ip} - - [{}] \"GET {path} HTTP/1.1\" {status} {bytes} \"-\" \"{user_agent}\" \"-\"", nginx_time(at))),
        "kubia" | "kubia-unhealthy" => Some(format!("Received request from ::ffff:{client_ip}")),
        // server.js: `console.log("Running On:", host, "| Total Requests:", ++requests, "| App
        // Uptime:", (new Date() - startTime)/1000, "seconds", "| Log Time:", new Date())`.
        "kubernetes-bootcamp" => {
            let started = container_started(pod, container).unwrap_or(at);
            let uptime = at.unix().saturating_sub(started.unix());
            Some(format!(
                "Running On: {} | Total Requests: {} | App Uptime: {uptime} seconds | Log Time: {}",
                pod.metadata.name,
                request.number,
                js_date(at)
            ))
        }
        _ => None,
    }
}

/// When the container's current run started.
fn container_started(pod: &Pod, container: &Container) -> Option<Time> {
    let status = pod.status.container_statuses.iter().find(|s| s.name == container.name)?;
    status.state.running.as_ref()?.started_at
}

/// A JavaScript `Date` as node's `console.log` prints it: ISO 8601 with milliseconds.
fn js_date(at: Time) -> String {
    let iso = at.rfc3339(); // 2026-11-23T00:00:03Z
    format!("{}.000Z", iso.trim_end_matches('Z'))
}

fn nginx_time(at: Time) -> String {
    // 23/Nov/2026:00:01:02 +0000
    let rfc = at.rfc1123z(); // "Mon, 23 Nov 2026 00:18:37 +0000"
    let parts: Vec<&str> = rfc.split_whitespace().collect();
    if parts.len() < 6 {
        return rfc;
    }
    format!("{}/{}/{}:{} {}", parts[1], parts[2], parts[3], parts[4], parts[5])
}

/// What the container printed when it started (nginx's entrypoint, kubia's banner, echo loops).
pub fn startup_logs(pod: &Pod, container: &Container, started: Time, now: Time) -> Vec<(Time, String)> {
    let (repo, tag) = repo_and_tag(container);
    let mut lines = Vec::new();
    match short_repo(&repo) {
        "nginx" => {
            let modern = tag == "latest" || tag.starts_with("1.2") || tag == "stable" || tag == "mainline" || tag.contains("alpine") || tag.starts_with("1.19");
            if modern {
                for line in [
                    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                    "/docker-entrypoint.sh: Configuration complete; ready for start up",
                ] {
                    lines.push((started, line.to_string()));
                }
                let stamp = nginx_stamp(started);
                lines.push((started, format!("{stamp} [notice] 1#1: using the \"epoll\" event method")));
                lines.push((started, format!("{stamp} [notice] 1#1: nginx/{}", images::nginx_release(&tag).version.split('-').next().unwrap_or_default())));
                lines.push((started, format!("{stamp} [notice] 1#1: start worker processes")));
            }
        }
        "kubia" | "kubia-unhealthy" => lines.push((started, "Kubia server starting...".to_string())),
        // `console.log("Kubernetes Bootcamp App Started At:", startTime, "| Running On: ", host, "\n")`.
        "kubernetes-bootcamp" => {
            lines.push((started, format!("Kubernetes Bootcamp App Started At: {} | Running On:  {} \n", js_date(started), pod.metadata.name)));
        }
        // Looping shell scripts print as time goes by; finite ones were run at start (kubelet).
        _ if lifetime(container) == Lifetime::Forever => lines.extend(shell_output(pod, container, started, now)),
        _ => {}
    }
    lines
}

fn nginx_stamp(at: Time) -> String {
    let iso = at.rfc3339(); // 2026-11-23T00:00:03Z
    format!("{} {}", iso[..10].replace('-', "/"), &iso[11..19])
}

/// Output of simple shell programs: `echo X`, and `while true; do echo ...; sleep N; done` loops
/// (with `$i` counters and `$(date)`), one iteration per sleep period since the start.
fn shell_output(pod: &Pod, container: &Container, started: Time, now: Time) -> Vec<(Time, String)> {
    let script: String = container.command.iter().chain(container.args.iter()).cloned().collect::<Vec<_>>().join(" ");
    let _ = pod;
    if !script.contains("echo") {
        return Vec::new();
    }
    let Some(echo_at) = script.find("echo") else { return Vec::new() };
    let rest = &script[echo_at + 4..];
    let end = rest.find(';').unwrap_or(rest.len());
    let template = rest[..end].trim().trim_matches(|c| c == '"' || c == '\'').to_string();
    if !script.contains("while") {
        return vec![(started, expand(&template, 0, started))];
    }
    let period = script
        .split("sleep")
        .nth(1)
        .and_then(|s| s.trim().split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<i64>().ok()))
        .unwrap_or(1)
        .max(1);
    let iterations = ((now.0 - started.0) / period + 1).clamp(0, 5000);
    (0..iterations)
        .map(|i| {
            let at = Time(started.0 + i * period);
            (at, expand(&template, i, at))
        })
        .collect()
}

fn expand(template: &str, counter: i64, at: Time) -> String {
    let date = {
        let rfc = at.rfc1123z();
        let parts: Vec<&str> = rfc.split_whitespace().collect();
        if parts.len() >= 5 {
            format!("{} {} {} {} UTC {}", parts[0].trim_end_matches(','), parts[2], parts[1], parts[4], parts[3])
        } else {
            rfc
        }
    };
    template.replace("$(date)", &date).replace("${i}", &counter.to_string()).replace("$i", &counter.to_string())
}

/// The container's log lines with the time each was written, in that order: startup output
/// (a looping script's lines one period apart), then what the kubelet logged for it (requests a
/// server answered, a finite script's output), each at its time.
pub fn timed_logs(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(Time, String)> {
    let status = pod.container_status(&container.name);
    // The run the kubelet reads (validateContainerLogStatus): the running one, else the one that
    // ended, else the one before (a container waiting in CrashLoopBackOff).
    let run = status.and_then(|s| {
        s.state
            .running
            .as_ref()
            .and_then(|r| r.started_at)
            .map(|started| (started, None))
            .or_else(|| s.state.terminated.as_ref().and_then(|t| t.started_at.map(|started| (started, t.finished_at))))
            .or_else(|| s.last_state.terminated.as_ref().and_then(|t| t.started_at.map(|started| (started, t.finished_at))))
    });
    let Some((started, finished)) = run else { return Vec::new() };
    run_logs(cluster, pod, container, started, finished)
}

/// The logs of the container's previous run (`kubectl logs --previous`): its last terminated
/// instance, from its start to its end. None when it has not restarted (the kubelet's
/// "previous terminated container ... not found").
pub fn previous_timed_logs(cluster: &Cluster, pod: &Pod, container: &Container) -> Option<Vec<(Time, String)>> {
    let status = pod.container_status(&container.name)?;
    let previous = status.last_state.terminated.as_ref()?;
    let started = previous.started_at?;
    Some(run_logs(cluster, pod, container, started, previous.finished_at))
}

/// What one run of a container wrote, from `started` to `finished` (now while it runs): its
/// start-up lines and the requests it logged then. The kubelet keeps a container's request
/// lines per (pod uid, container) across runs, so each run takes the ones of its own time.
fn run_logs(cluster: &Cluster, pod: &Pod, container: &Container, started: Time, finished: Option<Time>) -> Vec<(Time, String)> {
    let until = finished.unwrap_or_else(|| cluster.time());
    let mut lines = startup_logs(pod, container, started, until);
    lines.extend(cluster.kubelet.request_log(&pod.metadata.uid, &container.name).iter().filter(|(at, _)| *at >= started && *at <= until).cloned());
    // Stable: lines written in the same second keep the order they were written in.
    lines.shared_sort_by_key(|(at, _)| *at);
    lines
}

/// The container's logs as `kubectl logs` prints them (`timed_logs` without the times).
pub fn logs(cluster: &Cluster, pod: &Pod, container: &Container) -> String {
    let mut text = String::new();
    for (_, line) in timed_logs(cluster, pod, container) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// How long a container's main process runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lifetime {
    /// A server, or a script that loops for ever.
    Forever,
    /// The process ends after `after` seconds; `script` runs once at start (its output is the log).
    Exits { after: u64, code: Option<i32>, script: Option<String> },
}

fn is_shell_image(repo: &str) -> bool {
    matches!(short_repo(repo), "busybox" | "alpine" | "ubuntu" | "debian" | "centos" | "fedora" | "curl" | "bash" | "python" | "node" | "golang" | "ruby" | "perl")
}

/// What the container's command does: servers and loops run for ever; a shell image with no
/// command (`sh` without a terminal) or a finite script ends. Mirrors what a learner sees on a
/// real cluster: `busybox` alone is `Completed` and then `CrashLoopBackOff`.
pub fn lifetime(container: &Container) -> Lifetime {
    let behaviour = images::behaviour(container.image.as_deref().unwrap_or(""));
    if let Some(code) = behaviour.exits_with {
        return Lifetime::Exits { after: 0, code: Some(code), script: None };
    }
    let (repo, _) = repo_and_tag(container);
    let words: Vec<String> = container.command.iter().chain(container.args.iter()).cloned().collect();
    // A shell with its stdin attached (`kubectl run -it`: `stdin: true`) reads it until it
    // closes; the kubelet is told then (`kubelet::end_main_process`).
    let shell_alone = match words.as_slice() {
        [] => is_shell_image(&repo),
        [program] => ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"].contains(&program.as_str()),
        _ => false,
    };
    if shell_alone && container.extra.get("stdin").and_then(|v| v.as_bool()) == Some(true) {
        return Lifetime::Forever;
    }
    let script = match words.as_slice() {
        [] => None,
        [shell, flag, rest @ ..] if ["sh", "/bin/sh", "bash", "/bin/bash", "ash"].contains(&shell.as_str()) && flag == "-c" => Some(rest.join(" ")),
        other => Some(other.iter().map(|w| if w.contains(' ') { format!("'{w}'") } else { w.clone() }).collect::<Vec<_>>().join(" ")),
    };
    let Some(script) = script else {
        return if is_shell_image(&repo) { Lifetime::Exits { after: 0, code: Some(0), script: None } } else { Lifetime::Forever };
    };
    let looping = ["while true", "while :", "sleep infinity", "tail -f", "for (( ;; ))", "for ((;;))", "httpd -f", "nc -l"].iter().any(|p| script.contains(p));
    if looping || !is_shell_image(&repo) {
        return Lifetime::Forever;
    }
    match script_sleep(&script, crate::engine::shell::busybox_based(container)) {
        SleepFor::Forever => Lifetime::Forever,
        SleepFor::Seconds(seconds) => Lifetime::Exits { after: seconds.ceil() as u64, code: None, script: Some(script) },
    }
}

/// The script a container's command runs in the container shell: `sh -c SCRIPT` (in any
/// image: nearly every image has a shell), or the command's words themselves in an image whose
/// programs the container shell plays (busybox, alpine, ...). None for a program of its own
/// (`nginx`, `redis-server`) or an image run without a command.
pub fn shell_script(container: &Container) -> Option<String> {
    let (repo, _) = repo_and_tag(container);
    let words: Vec<String> = container.command.iter().chain(container.args.iter()).cloned().collect();
    match words.as_slice() {
        [] => None,
        [shell, flag, rest @ ..] if ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"].contains(&shell.as_str()) && flag == "-c" => Some(rest.join(" ")),
        other if is_shell_image(&repo) => Some(other.iter().map(|w| if w.contains(' ') { format!("'{w}'") } else { w.clone() }).collect::<Vec<_>>().join(" ")),
        _ => None,
    }
}

/// Whether the container's command runs its script in bash (`bash -c ...`).
pub fn runs_bash(container: &Container) -> bool {
    let first = container.command.first().or_else(|| container.args.first());
    first.is_some_and(|program| program == "bash" || program.ends_with("/bash"))
}

/// How long a command run in the container takes, in whole seconds: the `sleep`s of its
/// script (`sh -c SCRIPT`) or of its words. None when it never ends (`sleep infinity`).
pub fn command_seconds(container: &Container, argv: &[String]) -> Option<u64> {
    let script = match argv {
        [shell, flag, rest @ ..] if ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"].contains(&shell.as_str()) && flag == "-c" => rest.join(" "),
        words => words.join(" "),
    };
    match script_sleep(&script, crate::engine::shell::busybox_based(container)) {
        SleepFor::Forever => None,
        SleepFor::Seconds(seconds) => Some(seconds.ceil() as u64),
    }
}

/// How long a finite script sleeps in all: the sum of its `sleep` commands (`sleep 1d`,
/// `sleep 1h 30m`, `echo start; sleep 30; echo done`); an invalid `sleep` fails at once and
/// counts nothing. Durations are read as the image's `sleep` reads them (`shell::sleep_duration`).
fn script_sleep(script: &str, busybox: bool) -> SleepFor {
    let mut total = 0.0;
    for (_, command) in crate::engine::shell::split_list(script) {
        let words: Vec<String> = command.split_whitespace().map(|w| w.trim_matches(|c| c == '"' || c == '\'').to_string()).collect();
        let Some((program, args)) = words.split_first() else { continue };
        if program.rsplit('/').next() != Some("sleep") {
            continue;
        }
        match crate::engine::shell::sleep_duration(args, busybox) {
            Ok(SleepFor::Forever) => return SleepFor::Forever,
            Ok(SleepFor::Seconds(seconds)) => total += seconds,
            Err(_) => {}
        }
    }
    SleepFor::Seconds(total)
}
