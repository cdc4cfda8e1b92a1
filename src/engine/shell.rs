//! The simulated container's userland: a small POSIX-like shell (`;`, `&&`, `||`, `|`,
//! `VAR=value`, `$VAR`, `${VAR}`, `$(...)`, quotes) over the programs a learner runs in a pod:
//! printenv, env, echo, cat, ls, hostname, curl, wget, nslookup, date, grep, head, tail, wc,
//! sort, and the usual no-ops. Files are the pod's ConfigMap/Secret mounts plus what the kubelet
//! writes (/etc/hosts, /etc/resolv.conf, the service-account token).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::core::Service;
use crate::engine::api::pod::{Container, Pod};
use crate::engine::container_env;
use crate::engine::store::Key;
use crate::engine::Cluster;

/// What a command printed and how it exited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
}

impl Output {
    fn ok(stdout: impl Into<String>) -> Output {
        Output { stdout: stdout.into(), ..Default::default() }
    }

    fn fail(stderr: impl Into<String>, exit: i32) -> Output {
        Output { stderr: stderr.into(), exit, ..Default::default() }
    }
}

/// Where a command runs.
pub struct Process<'a> {
    pub pod: &'a Pod,
    pub container: &'a Container,
    vars: BTreeMap<String, String>,
}

impl<'a> Process<'a> {
    pub fn new(cluster: &Cluster, pod: &'a Pod, container: &'a Container) -> Process<'a> {
        let vars = environment(cluster, pod, container).into_iter().collect();
        Process { pod, container, vars }
    }
}

/// The environment as `env` prints it: runtime and image variables, the container's own and the
/// service links, HOME last.
pub fn environment(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(String, String)> {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    let mut env = vec![
        ("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()),
        ("HOSTNAME".to_string(), pod.metadata.name.clone()),
    ];
    match repo.rsplit('/').next().unwrap_or("") {
        "nginx" => {
            let version = if tag.chars().next().is_some_and(|c| c.is_ascii_digit()) { tag.clone() } else { "1.27.3".into() };
            env.push(("NGINX_VERSION".into(), version));
            env.push(("PKG_RELEASE".into(), "1~bookworm".into()));
        }
        "kubia" | "kubia-unhealthy" => {
            env.push(("NODE_VERSION".into(), "7.10.1".into()));
            env.push(("YARN_VERSION".into(), "0.24.4".into()));
        }
        _ => {}
    }
    let mut declared = container_env::environment(cluster, pod, container).unwrap_or_default();
    for index in 0..declared.len() {
        let value = declared[index].1.clone();
        if value.contains("$(") {
            let mut expanded = value.clone();
            for (key, other) in declared[..index].iter().chain(env.iter()) {
                expanded = expanded.replace(&format!("$({key})"), other);
            }
            declared[index].1 = expanded;
        }
    }
    env.extend(declared);
    env.push(("HOME".to_string(), "/root".to_string()));
    env
}

/// Runs a command given as argv (what `kubectl exec POD -- ARGV` sends). `sh -c SCRIPT` runs the
/// script through the shell.
pub fn run_argv(cluster: &mut Cluster, process: &mut Process, argv: &[String]) -> Output {
    let Some(first) = argv.first() else { return Output::default() };
    let program = first.rsplit('/').next().unwrap_or(first);
    if ["sh", "bash", "ash", "dash"].contains(&program) && argv.get(1).map(String::as_str) == Some("-c") {
        return run_script(cluster, process, argv.get(2).map(String::as_str).unwrap_or(""));
    }
    run_program(cluster, process, argv, "")
}

/// Runs a shell script: `;`/newline sequences, `&&`, `||`, pipes, assignments, expansions.
pub fn run_script(cluster: &mut Cluster, process: &mut Process, script: &str) -> Output {
    let mut total = Output::default();
    for (connector, command) in split_list(script) {
        let proceed = match connector.as_str() {
            "&&" => total.exit == 0,
            "||" => total.exit != 0,
            _ => true,
        };
        if !proceed {
            continue;
        }
        let result = run_pipeline(cluster, process, &command);
        total.stdout.push_str(&result.stdout);
        total.stderr.push_str(&result.stderr);
        total.exit = result.exit;
    }
    total
}

/// Splits at unquoted `;`, newlines, `&&` and `||`: (connector before, command).
fn split_list(script: &str) -> Vec<(String, String)> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut connector = String::from(";");
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (Some(_), c) => current.push(c),
            (None, '\'') | (None, '"') => {
                quote = Some(c);
                current.push(c);
            }
            (None, '(') if i > 0 && chars[i - 1] == '$' => {
                depth += 1;
                current.push(c);
            }
            (None, ')') if depth > 0 => {
                depth -= 1;
                current.push(c);
            }
            (None, ';') | (None, '\n') if depth == 0 => {
                parts.push((std::mem::replace(&mut connector, ";".into()), std::mem::take(&mut current)));
            }
            (None, '&') | (None, '|') if depth == 0 && chars.get(i + 1) == Some(&c) => {
                parts.push((std::mem::replace(&mut connector, format!("{c}{c}")), std::mem::take(&mut current)));
                i += 1;
            }
            _ => current.push(c),
        }
        i += 1;
    }
    parts.push((connector, current));
    parts.into_iter().filter(|(_, c)| !c.trim().is_empty()).collect()
}

fn run_pipeline(cluster: &mut Cluster, process: &mut Process, command: &str) -> Output {
    let stages = split_pipes(command);
    let mut input = String::new();
    let mut last = Output::default();
    let mut stderr = String::new();
    for (index, stage) in stages.iter().enumerate() {
        let words = match expand_words(cluster, process, stage) {
            Ok(words) => words,
            Err(message) => return Output::fail(format!("sh: {message}\n"), 2),
        };
        // Leading assignments set shell variables (or the command's environment).
        let mut words: &[String] = &words;
        while let Some((name, value)) = words.first().and_then(|w| w.split_once('=')).filter(|(n, _)| is_name(n)) {
            process.vars.insert(name.to_string(), value.to_string());
            words = &words[1..];
        }
        if words.is_empty() {
            continue;
        }
        last = run_program(cluster, process, words, if index == 0 { "" } else { &input });
        stderr.push_str(&last.stderr);
        input = std::mem::take(&mut last.stdout);
    }
    Output { stdout: input, stderr, exit: last.exit }
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !text.starts_with(|c: char| c.is_ascii_digit())
}

fn split_pipes(command: &str) -> Vec<String> {
    let mut stages = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let mut previous = ' ';
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'') | (None, '"') => quote = Some(c),
            (None, '(') if previous == '$' => depth += 1,
            (None, ')') if depth > 0 => depth -= 1,
            (None, '|') if depth == 0 => {
                stages.push(std::mem::take(&mut current));
                previous = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        previous = c;
    }
    stages.push(current);
    stages
}

/// Word splitting with quotes and expansions (`$VAR`, `${VAR}`, `$(cmd)`; none inside '...').
fn expand_words(cluster: &mut Cluster, process: &mut Process, text: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => {
                quote = None;
                i += 1;
            }
            (Some('\''), c) => {
                current.push(c);
                i += 1;
            }
            (None, '\'') | (None, '"') => {
                quote = Some(c);
                in_word = true;
                i += 1;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
                i += 1;
            }
            (_, '\\') if i + 1 < chars.len() => {
                current.push(chars[i + 1]);
                in_word = true;
                i += 2;
            }
            (_, '$') if i + 1 < chars.len() => {
                in_word = true;
                let next = chars[i + 1];
                if next == '(' {
                    let mut depth = 1;
                    let mut j = i + 2;
                    while j < chars.len() && depth > 0 {
                        match chars[j] {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        j += 1;
                    }
                    let inner: String = chars[i + 2..j.saturating_sub(1)].iter().collect();
                    let output = run_script(cluster, process, &inner);
                    current.push_str(output.stdout.trim_end_matches('\n'));
                    i = j;
                } else if next == '{' {
                    let end = chars[i..].iter().position(|c| *c == '}').map(|p| i + p).ok_or("bad substitution")?;
                    let name: String = chars[i + 2..end].iter().collect();
                    current.push_str(process.vars.get(&name).map(String::as_str).unwrap_or(""));
                    i = end + 1;
                } else if next.is_ascii_alphabetic() || next == '_' {
                    let mut j = i + 1;
                    while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                        j += 1;
                    }
                    let name: String = chars[i + 1..j].iter().collect();
                    current.push_str(process.vars.get(&name).map(String::as_str).unwrap_or(""));
                    i = j;
                } else {
                    current.push('$');
                    i += 1;
                }
            }
            (_, c) => {
                current.push(c);
                in_word = true;
                i += 1;
            }
        }
    }
    if quote.is_some() {
        return Err("syntax error: unterminated quoted string".into());
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

fn run_program(cluster: &mut Cluster, process: &mut Process, argv: &[String], input: &str) -> Output {
    let program = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_string();
    let args = &argv[1..];
    let pod = process.pod;
    let container = process.container;
    match program.as_str() {
        "printenv" => {
            let env = environment(cluster, pod, container);
            if args.is_empty() {
                return Output::ok(env.iter().map(|(k, v)| format!("{k}={v}\n")).collect::<String>());
            }
            let mut out = String::new();
            let mut exit = 0;
            for name in args {
                match env.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(&format!("{v}\n")),
                    None => exit = 1,
                }
            }
            Output { stdout: out, stderr: String::new(), exit }
        }
        "env" => Output::ok(environment(cluster, pod, container).iter().map(|(k, v)| format!("{k}={v}\n")).collect::<String>()),
        "sh" | "bash" | "ash" if args.first().map(String::as_str) == Some("-c") => run_script(cluster, process, args.get(1).map(String::as_str).unwrap_or("")),
        "hostname" => Output::ok(format!("{}\n", pod.metadata.name)),
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            Output::ok(format!("{}{}", words.join(" "), if newline { "\n" } else { "" }))
        }
        "cat" => {
            if args.is_empty() {
                return Output::ok(input.to_string());
            }
            let mut out = Output::default();
            for path in args {
                match read_file(cluster, pod, container, path) {
                    Some(text) => out.stdout.push_str(&text),
                    None => {
                        out.stderr.push_str(&format!("cat: can't open '{path}': No such file or directory\n"));
                        out.exit = 1;
                    }
                }
            }
            out
        }
        "ls" => {
            let path = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "/".into());
            match list_dir(cluster, pod, container, &path) {
                Some(entries) => Output::ok(entries.iter().map(|e| format!("{e}\n")).collect::<String>()),
                None => Output::fail(format!("ls: {path}: No such file or directory\n"), 1),
            }
        }
        "grep" | "head" | "tail" | "wc" | "sort" | "uniq" | "tr" => filter(&program, args, input),
        "curl" | "wget" => http_client(cluster, pod, &program, args),
        "nslookup" | "host" | "dig" => {
            let Some(name) = args.iter().find(|a| !a.starts_with('-')) else { return Output::fail("", 1) };
            match resolve(cluster, pod.metadata.ns(), name) {
                Some((fqdn, ip)) => Output::ok(format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\nName:\t{fqdn}\nAddress: {ip}\n\n")),
                None => Output { stdout: format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {name}: NXDOMAIN\n\n"), stderr: String::new(), exit: 1 },
            }
        }
        "date" => {
            // busybox/coreutils default: "Mon Nov 23 00:01:02 UTC 2026"
            let rfc = cluster.time().rfc1123z();
            let parts: Vec<&str> = rfc.split_whitespace().collect();
            Output::ok(format!("{} {} {} {} UTC {}\n", parts[0].trim_end_matches(','), parts[2], parts[1], parts[4], parts[3]))
        }
        "whoami" => Output::ok("root\n"),
        "id" => Output::ok("uid=0(root) gid=0(root) groups=0(root)\n"),
        "pwd" => Output::ok("/\n"),
        "uname" => Output::ok(if args.iter().any(|a| a == "-a") { format!("Linux {} 6.8.0-kubeplay #1 SMP x86_64 GNU/Linux\n", pod.metadata.name) } else { "Linux\n".into() }),
        "true" | "touch" | "mkdir" | "sleep" | "export" | "cd" | "set" | "trap" | ":" => Output::default(),
        "false" => Output::fail("", 1),
        "exit" => Output::fail("", args.first().and_then(|a| a.parse().ok()).unwrap_or(0)),
        other => Output::fail(format!("sh: {other}: not found\n"), 127),
    }
}

/// The text filters (`grep`, `head`, `tail`, `wc`, `sort`, `uniq`, `tr`) over `input`.
pub fn filter(program: &str, args: &[String], input: &str) -> Output {
    let lines: Vec<&str> = input.lines().collect();
    let text: String = match program {
        "grep" => {
            let invert = args.iter().any(|a| a == "-v");
            let ignore_case = args.iter().any(|a| a == "-i");
            let pattern = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
            let matches = |line: &str| if ignore_case { line.to_lowercase().contains(&pattern.to_lowercase()) } else { line.contains(&pattern) };
            let selected: String = lines.iter().filter(|l| matches(l) != invert).map(|l| format!("{l}\n")).collect();
            if selected.is_empty() {
                return Output::fail("", 1);
            }
            selected
        }
        "head" | "tail" => {
            let n = args.iter().filter_map(|a| a.trim_start_matches("-n").trim_start_matches('-').parse::<usize>().ok()).next().unwrap_or(10);
            let selected: Vec<&&str> = if program == "head" { lines.iter().take(n).collect() } else { lines.iter().skip(lines.len().saturating_sub(n)).collect() };
            selected.iter().map(|l| format!("{l}\n")).collect()
        }
        "wc" => format!("{}\n", lines.len()),
        "sort" => {
            let mut sorted = lines.clone();
            sorted.sort();
            sorted.iter().map(|l| format!("{l}\n")).collect()
        }
        "uniq" => {
            let mut unique: Vec<&str> = lines.clone();
            unique.dedup();
            unique.iter().map(|l| format!("{l}\n")).collect()
        }
        _ => {
            let (from, to) = (args.first().cloned().unwrap_or_default(), args.get(1).cloned().unwrap_or_default());
            input.chars().map(|c| from.find(c).and_then(|i| to.chars().nth(i).or(to.chars().last())).unwrap_or(c)).collect()
        }
    };
    Output::ok(text)
}

fn hosts_file(pod: &Pod) -> String {
    let mut text = String::from("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    if let Some(ip) = &pod.status.pod_ip {
        text.push_str(&format!("{ip}\t{}\n", pod.metadata.name));
    }
    text
}

const SA_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

fn read_file(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    let path = path.replace("/run/secrets/", "/var/run/secrets/").replace("/var/var/", "/var/");
    match path.as_str() {
        "/etc/hosts" => return Some(hosts_file(pod)),
        "/etc/resolv.conf" => {
            let ns = pod.metadata.ns();
            return Some(format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"));
        }
        "/etc/hostname" => return Some(format!("{}\n", pod.metadata.name)),
        "/etc/mtab" | "/proc/mounts" => {
            let mut text = String::from("overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
            for mount in &container.volume_mounts {
                let secret = pod.spec.volumes.iter().any(|v| v.name == mount.name && (v.secret.is_some() || v.extra.contains_key("projected")));
                let flags = if mount.read_only == Some(true) || secret { "ro" } else { "rw" };
                let fs = if secret { "tmpfs" } else { "/dev/vda1" };
                let kind = if secret { "tmpfs" } else { "ext4" };
                text.push_str(&format!("{fs} {} {kind} {flags},relatime 0 0\n", mount.mount_path.replace("/var/run/", "/run/")));
            }
            return Some(text);
        }
        _ => {}
    }
    if let Some(file) = path.strip_prefix(&format!("{SA_DIR}/")) {
        return match file {
            "namespace" => Some(pod.metadata.ns().to_string()),
            "ca.crt" => cluster.store().config_maps.get(&Key::new(pod.metadata.ns(), "kube-root-ca.crt")).and_then(|cm| cm.data.get("ca.crt").cloned()),
            "token" => Some(service_account_token(pod)),
            _ => None,
        };
    }
    if path.starts_with("/usr/share/nginx/html/index.html") && container.image.as_deref().unwrap_or("").contains("nginx") {
        return Some(crate::engine::apps::NGINX_WELCOME.to_string());
    }
    container_env::mounted_files(cluster, pod, container).into_iter().find(|(p, _)| *p == path).map(|(_, text)| text)
}

fn service_account_token(pod: &Pod) -> String {
    let header = crate::engine::base64::encode(br#"{"alg":"RS256","kid":"kubeplay"}"#).trim_end_matches('=').to_string();
    let claims = format!(r#"{{"iss":"https://kubernetes.default.svc.cluster.local","sub":"system:serviceaccount:{}:{}"}}"#, pod.metadata.ns(), pod.spec.service_account_name.as_deref().unwrap_or("default"));
    format!("{header}.{}.kubeplay-signature", crate::engine::base64::encode(claims.as_bytes()).trim_end_matches('='))
}

fn list_dir(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<Vec<String>> {
    let path = path.trim_end_matches('/').replace("/run/secrets/", "/var/run/secrets/").replace("/var/var/", "/var/");
    if path.is_empty() {
        return Some(["bin", "dev", "etc", "home", "proc", "root", "run", "sys", "tmp", "usr", "var"].iter().map(|s| s.to_string()).collect());
    }
    if path == SA_DIR {
        return Some(vec!["ca.crt".into(), "namespace".into(), "token".into()]);
    }
    let prefix = format!("{path}/");
    let mut entries: Vec<String> = container_env::mounted_files(cluster, pod, container)
        .into_iter()
        .filter_map(|(p, _)| p.strip_prefix(&prefix).map(|rest| rest.split('/').next().unwrap_or(rest).to_string()))
        .collect();
    entries.sort();
    entries.dedup();
    if entries.is_empty() {
        let known = ["/bin", "/etc", "/usr", "/var", "/tmp", "/root", "/home", "/dev", "/proc", "/sys", "/run"];
        return known.contains(&path.as_str()).then(Vec::new);
    }
    Some(entries)
}

/// Cluster DNS: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`, or an IP.
pub fn resolve(cluster: &Cluster, namespace: &str, name: &str) -> Option<(String, String)> {
    if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Some((name.to_string(), name.to_string()));
    }
    let parts: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let (service, ns) = match parts.as_slice() {
        [svc] => (*svc, namespace),
        [svc, ns] | [svc, ns, "svc"] | [svc, ns, "svc", "cluster", "local"] => (*svc, *ns),
        _ => return None,
    };
    let svc = cluster.store().get::<Service>(&Key::new(ns, service))?;
    let ip = svc.spec.cluster_ip.clone().filter(|ip| ip != "None")?;
    Some((format!("{service}.{ns}.svc.cluster.local"), ip))
}

/// `curl` / `wget` through kube-proxy: a Service's ready endpoints (chosen at random, as
/// iptables does), a pod IP, or the API server behind `kubernetes`.
fn http_client(cluster: &mut Cluster, from: &Pod, program: &str, args: &[String]) -> Output {
    let mut url = None;
    let mut headers = Vec::new();
    let mut insecure = false;
    let mut ca = false;
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        match arg.as_str() {
            "-H" | "--header" => {
                headers.push(args.get(index + 1).cloned().unwrap_or_default());
                index += 1;
            }
            "--cacert" => {
                ca = true;
                index += 1;
            }
            "-X" | "--request" | "-o" | "-O" | "--output" | "-m" | "--max-time" | "-w" | "-d" | "--data" | "-T" => index += 1,
            "-k" | "--insecure" => insecure = true,
            a if a.starts_with('-') => {}
            a => url = Some(a.to_string()),
        }
        index += 1;
    }
    let fail = |code: i32, message: String| {
        if program == "curl" {
            Output::fail(format!("curl: ({code}) {message}\n"), code)
        } else {
            Output::fail(format!("wget: {message}\n"), 1)
        }
    };
    let Some(url) = url else { return fail(2, "no URL specified".into()) };
    let (scheme, without_scheme) = match url.split_once("://") {
        Some((s, r)) => (s.to_string(), r.to_string()),
        None => ("http".to_string(), url.clone()),
    };
    let (host_port, path) = match without_scheme.find('/') {
        Some(i) => (without_scheme[..i].to_string(), without_scheme[i..].to_string()),
        None => (without_scheme.clone(), "/".to_string()),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<i32>().unwrap_or(default_port)),
        None => (host_port.clone(), default_port),
    };
    let client_ip = from.status.pod_ip.clone().unwrap_or_default();
    let host = if host == "localhost" || host == "127.0.0.1" { client_ip.clone() } else { host };
    let resolved = if host == client_ip { Some((host.clone(), host.clone())) } else { resolve(cluster, from.metadata.ns(), &host) };
    let Some((_, ip)) = resolved else { return fail(6, format!("Could not resolve host: {host}")) };
    if ip == "10.96.0.1" || host == "172.18.0.2" {
        if scheme != "https" {
            return fail(52, "Empty reply from server".into());
        }
        if !ca && !insecure {
            return fail(60, "SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.".into());
        }
        let authenticated = headers.iter().any(|h| h.to_ascii_lowercase().starts_with("authorization: bearer ") && h.len() > 22);
        return Output::ok(api_server_answer(cluster, from, &path, authenticated));
    }
    let service = cluster.store().services.iter().find(|s| s.spec.cluster_ip.as_deref() == Some(ip.as_str())).cloned();
    let target: Option<(Rc<Pod>, i32)> = match &service {
        Some(svc) => {
            let Some(service_port) = svc.spec.ports.iter().find(|p| p.port == port) else {
                return fail(28, format!("Failed to connect to {host} port {port} after 1000 ms: Timeout was reached"));
            };
            let endpoints = cluster.store().endpoints.get(&Key::of(&svc.metadata, true)).cloned();
            let ready: Vec<(String, i32)> = endpoints
                .map(|ep| {
                    ep.subsets
                        .iter()
                        .flat_map(|s| {
                            let number = s.ports.iter().find(|p| p.name == service_port.name || s.ports.len() == 1).map(|p| p.port).unwrap_or(port);
                            s.addresses.iter().filter_map(move |a| a.target_ref.as_ref().and_then(|t| t.get("name")).and_then(|n| n.as_str()).map(|n| (n.to_string(), number)))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if ready.is_empty() {
                return fail(7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"));
            }
            let (name, number) = ready[cluster.rng.below(ready.len() as u64) as usize].clone();
            cluster.store().get::<Pod>(&Key::new(svc.metadata.ns(), &name)).map(|p| (p, number))
        }
        None => cluster.store().pods.iter().find(|p| p.status.pod_ip.as_deref() == Some(ip.as_str())).cloned().map(|p| (p, port)),
    };
    let Some((pod, target_port)) = target else {
        return fail(7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"));
    };
    if scheme == "https" {
        return fail(35, format!("OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number"));
    }
    match crate::engine::kubelet::serve_http(cluster, &pod, target_port, &path, &client_ip) {
        Some(response) if program == "wget" && response.status >= 400 => fail(8, format!("server returned error: HTTP/1.1 {} Internal Server Error", response.status)),
        Some(response) => Output::ok(response.body),
        None => fail(7, format!("Failed to connect to {host} port {port} after 0 ms: Connection refused")),
    }
}

/// What the API server answers curl (pretty JSON, as it does for curl's user agent): discovery
/// for authenticated clients, 403 for what the default service account may not read.
fn api_server_answer(cluster: &Cluster, pod: &Pod, path: &str, authenticated: bool) -> String {
    let user = if authenticated { format!("system:serviceaccount:{}:{}", pod.metadata.ns(), pod.spec.service_account_name.as_deref().unwrap_or("default")) } else { "system:anonymous".to_string() };
    let public = ["/version", "/healthz", "/livez", "/readyz"].contains(&path);
    let discovery = path == "/" || path == "/api" || path == "/apis" || path.starts_with("/api/v1") && path.matches('/').count() == 2 || path.starts_with("/apis/") && path.trim_end_matches('/').matches('/').count() <= 3;
    if public || (authenticated && discovery) {
        return match crate::engine::discovery::raw(cluster, path) {
            Ok(value) => format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default()),
            Err(message) if message == "ok" => "ok".to_string(),
            Err(_) => not_found(),
        };
    }
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (resource, namespace) = match parts.as_slice() {
        ["api", "v1", "namespaces", ns, resource, ..] | ["apis", _, _, "namespaces", ns, resource, ..] => (resource.to_string(), Some(ns.to_string())),
        ["api", "v1", resource, ..] | ["apis", _, _, resource, ..] => (resource.to_string(), None),
        _ => (String::new(), None),
    };
    let group = match parts.as_slice() {
        ["apis", group, ..] => group.to_string(),
        _ => String::new(),
    };
    let message = if resource.is_empty() {
        format!("forbidden: User \"{user}\" cannot get path \"{path}\"")
    } else {
        let scope = namespace.map(|ns| format!(" in the namespace \"{ns}\"")).unwrap_or_else(|| " at the cluster scope".to_string());
        format!("{resource} is forbidden: User \"{user}\" cannot list resource \"{resource}\" in API group \"{group}\"{scope}")
    };
    let mut status = serde_json::json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message, "reason": "Forbidden", "details": {}, "code": 403});
    if !resource.is_empty() {
        status["details"] = serde_json::json!({"kind": resource});
    }
    format!("{}\n", serde_json::to_string_pretty(&status).unwrap_or_default())
}

fn not_found() -> String {
    "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"the server could not find the requested resource\",\n  \"reason\": \"NotFound\",\n  \"details\": {},\n  \"code\": 404\n}\n".to_string()
}

#[cfg(test)]
mod tests {
    use super::split_list;

    #[test]
    fn lists_split_at_separators_outside_quotes() {
        let parts = split_list("A=1; echo 'a;b' && echo $(echo x; echo y) || false");
        let commands: Vec<&str> = parts.iter().map(|(_, c)| c.trim()).collect();
        assert_eq!(commands, vec!["A=1", "echo 'a;b'", "echo $(echo x; echo y)", "false"]);
    }
}
