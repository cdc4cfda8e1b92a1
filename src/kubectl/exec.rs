//! `kubectl logs` and `kubectl exec` against the simulated containers, and the pipes a learner
//! puts after kubectl in a terminal (`| grep`, `| head`, `| tail`, `| wc -l`, `| sort`).

use std::rc::Rc;

use crate::engine::api::core::Service;
use crate::engine::api::pod::{Container, Pod};
use crate::engine::container_env;
use crate::engine::store::{Key, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::kubectl::{flag_error, Ctx};

/// Resolves `POD`, `pod/NAME`, `deploy/NAME`, `rs/NAME`, `svc/NAME` to one pod, as kubectl's
/// `AttachablePodForObject` does (the first pod of a workload, by name).
fn pod_for(ctx: &mut Ctx, target: &str, ns: &str, command: &str) -> Option<(Rc<Pod>, usize)> {
    let (type_name, name) = match target.split_once('/') {
        Some((t, n)) => (t.to_string(), n.to_string()),
        None => ("pod".to_string(), target.to_string()),
    };
    let resource = match objects::resolve_type(&type_name) {
        Ok(resource) => resource,
        Err(message) => {
            ctx.out.fail(format!("error: {message}\n"));
            return None;
        }
    };
    let Some(object) = objects::get(ctx.cluster, resource.kind, ns, &name) else {
        ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
        return None;
    };
    let selector = match &object {
        Obj::Pod(pod) => return Some((pod.clone(), 1)),
        Obj::Deployment(d) => d.spec.selector.clone().unwrap_or_default(),
        Obj::ReplicaSet(rs) => rs.spec.selector.clone().unwrap_or_default(),
        Obj::Service(svc) => crate::engine::api::selector::LabelSelector { match_labels: svc.spec.selector.clone(), match_expressions: vec![] },
        _ => {
            ctx.out.fail(format!("error: cannot attach to {}: selector for {} not implemented\n", resource.qualified(), resource.kind.name()));
            return None;
        }
    };
    let mut pods: Vec<Rc<Pod>> = ctx.cluster.store().pods.in_namespace(ns).filter(|p| selector.matches(&p.metadata.labels) && !p.metadata.is_deleting()).cloned().collect();
    pods.sort_by(|a, b| a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then_with(|| a.metadata.name.cmp(&b.metadata.name)));
    match pods.first() {
        Some(pod) => Some((pod.clone(), pods.len())),
        None => {
            let _ = command;
            ctx.out.fail(format!("error: timed out waiting for the condition\n"));
            None
        }
    }
}

fn pick_container(ctx: &mut Ctx, pod: &Pod, wanted: Option<&str>) -> Option<Container> {
    match wanted {
        Some(name) => match pod.spec.containers.iter().find(|c| c.name == name) {
            Some(container) => Some(container.clone()),
            None => {
                ctx.out.fail(format!("error: container {name} is not valid for pod {}\n", pod.metadata.name));
                None
            }
        },
        None => {
            let first = pod.spec.containers.first()?.clone();
            if pod.spec.containers.len() > 1 {
                let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
                ctx.out.err(format!("Defaulted container \"{}\" out of: {}\n", first.name, names.join(", ")));
            }
            Some(first)
        }
    }
}

/// The reason a container is not running yet, as the apiserver's log/exec errors put it.
fn waiting_reason(pod: &Pod, container: &Container) -> Option<String> {
    let status = pod.status.container_statuses.iter().find(|s| s.name == container.name);
    match status {
        None => Some("ContainerCreating".to_string()),
        Some(s) if s.state.running.is_some() => None,
        Some(s) => Some(s.state.waiting.as_ref().and_then(|w| w.reason.clone()).unwrap_or_else(|| "ContainerCreating".into())),
    }
}

const LOGS_FLAGS: &[FlagSpec] = &[
    value("container", Some('c')),
    boolean("follow", Some('f')),
    value("tail", None),
    boolean("previous", Some('p')),
    boolean("timestamps", None),
    value("selector", Some('l')),
    boolean("all-containers", None),
    value("since", None),
    boolean("prefix", None),
    value("pod-running-timeout", None),
];

/// `kubectl logs`.
pub fn logs(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, LOGS_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "logs", &message),
    };
    let ns = namespace(&parsed);
    let Some(target) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    };
    let container_flag = parsed.get("container").map(str::to_string).or_else(|| parsed.positional.get(1).cloned());
    let Some((pod, several)) = pod_for(ctx, &target, &ns, "logs") else { return };
    if several > 1 {
        ctx.out.err(format!("Found {several} pods, using pod/{}\n", pod.metadata.name));
    }
    let Some(container) = pick_container(ctx, &pod, container_flag.as_deref()) else { return };
    if let Some(reason) = waiting_reason(&pod, &container) {
        let detail = match reason.as_str() {
            "ErrImagePull" | "ImagePullBackOff" => "trying and failing to pull image".to_string(),
            other => other.to_string(),
        };
        return ctx.out.fail(format!("Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {detail}\n", container.name, pod.metadata.name));
    }
    let mut text = crate::engine::apps::logs(ctx.cluster, &pod, &container);
    if parsed.bool("follow") {
        // Stream while the virtual clock runs, until the container stops (at most a minute).
        let key = Key::of(&pod.metadata, true);
        for _ in 0..60 {
            ctx.cluster.tick();
            let Some(current) = ctx.cluster.store().get::<Pod>(&key) else { break };
            if current.metadata.is_deleting() {
                break;
            }
            text = crate::engine::apps::logs(ctx.cluster, &current, &container);
        }
    }
    if let Some(tail) = parsed.get("tail").and_then(|t| t.parse::<i64>().ok()).filter(|t| *t >= 0) {
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.len().saturating_sub(tail as usize);
        text = lines[start..].iter().map(|l| format!("{l}\n")).collect();
    }
    ctx.out.out(text);
}

const EXEC_FLAGS: &[FlagSpec] = &[value("container", Some('c')), boolean("stdin", Some('i')), boolean("tty", Some('t')), boolean("quiet", Some('q')), value("filename", Some('f')), value("pod-running-timeout", None)];

/// `kubectl exec POD -- COMMAND`: runs a command in the simulated container.
pub fn exec(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EXEC_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "exec", &message),
    };
    let ns = namespace(&parsed);
    let Some(target) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: pod, type/name or --filename must be specified\n");
    };
    if parsed.positional.len() > 1 {
        return ctx.out.fail("Error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    }
    if parsed.after_dashes.is_empty() {
        return ctx.out.fail("error: you must specify at least one command for the container\n");
    }
    let Some((pod, _)) = pod_for(ctx, &target, &ns, "exec") else { return };
    let Some(container) = pick_container(ctx, &pod, parsed.get("container")) else { return };
    if waiting_reason(&pod, &container).is_some() || pod.metadata.is_deleting() && pod.status.phase.as_deref() != Some("Running") {
        return ctx.out.fail(format!("error: unable to upgrade connection: container not found (\"{}\")\n", container.name));
    }
    let mut command = parsed.after_dashes.clone();
    // `sh -c "..."`: run the inner command line.
    if command.len() >= 3 && ["sh", "bash", "ash", "/bin/sh", "/bin/bash"].contains(&command[0].as_str()) && command[1] == "-c" {
        command = crate::kubectl::args::shell_words(&command[2]).unwrap_or_default();
    }
    if command.is_empty() || (command.len() == 1 && ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "zsh"].contains(&command[0].as_str())) {
        let shell = command.first().cloned().unwrap_or_else(|| "sh".into());
        return ctx.out.fail(format!(
            "kubeplay: an interactive {shell} is not simulated; run one command at a time, e.g. `kubectl exec {target} -- printenv`, `-- cat /etc/hosts`, `-- ls /`, `-- curl -s SERVICE`\n"
        ));
    }
    run_in_container(ctx, &pod, &container, &command);
}

fn environment(ctx: &Ctx, pod: &Pod, container: &Container) -> Vec<(String, String)> {
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
    let mut declared = container_env::environment(ctx.cluster, pod, container).unwrap_or_default();
    // $(VAR) references in values expand against what came before.
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

fn run_in_container(ctx: &mut Ctx, pod: &Pod, container: &Container, command: &[String]) {
    let program = command[0].rsplit('/').next().unwrap_or(&command[0]).to_string();
    let args = &command[1..];
    match program.as_str() {
        "printenv" => {
            let env = environment(ctx, pod, container);
            if args.is_empty() {
                for (k, v) in env {
                    ctx.out.out(format!("{k}={v}\n"));
                }
            } else {
                let mut missing = false;
                for name in args {
                    match env.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => ctx.out.out(format!("{v}\n")),
                        None => missing = true,
                    }
                }
                if missing {
                    ctx.out.fail("command terminated with exit code 1\n");
                }
            }
        }
        "env" => {
            for (k, v) in environment(ctx, pod, container) {
                ctx.out.out(format!("{k}={v}\n"));
            }
        }
        "hostname" => ctx.out.out(format!("{}\n", pod.metadata.name)),
        "echo" => {
            let env = environment(ctx, pod, container);
            let text: Vec<String> = args
                .iter()
                .map(|a| {
                    let mut out = a.clone();
                    for (k, v) in env.iter().rev() {
                        out = out.replace(&format!("${{{k}}}"), v).replace(&format!("${k}"), v);
                    }
                    out
                })
                .collect();
            ctx.out.out(format!("{}\n", text.join(" ")));
        }
        "cat" => {
            for path in args {
                match read_file(ctx, pod, container, path) {
                    Some(text) => ctx.out.out(text),
                    None => {
                        ctx.out.err(format!("cat: can't open '{path}': No such file or directory\n"));
                        ctx.out.fail("command terminated with exit code 1\n");
                    }
                }
            }
        }
        "ls" => {
            let path = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "/".into());
            match list_dir(ctx, pod, container, &path) {
                Some(entries) => {
                    for entry in entries {
                        ctx.out.out(format!("{entry}\n"));
                    }
                }
                None => {
                    ctx.out.err(format!("ls: {path}: No such file or directory\n"));
                    ctx.out.fail("command terminated with exit code 1\n");
                }
            }
        }
        "curl" | "wget" => http_client(ctx, pod, &program, args),
        "nslookup" | "host" | "dig" => {
            let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
                return ctx.out.fail("command terminated with exit code 1\n");
            };
            match resolve(ctx, pod.metadata.ns(), name) {
                Some((fqdn, ip)) => ctx.out.out(format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\nName:\t{fqdn}\nAddress: {ip}\n\n")),
                None => {
                    ctx.out.out(format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {name}: NXDOMAIN\n\n"));
                    ctx.out.fail("command terminated with exit code 1\n");
                }
            }
        }
        "date" => ctx.out.out(format!("{}\n", ctx.cluster.time().rfc1123z())),
        "whoami" => ctx.out.out("root\n"),
        "pwd" => ctx.out.out("/\n"),
        "true" => {}
        "false" => ctx.out.fail("command terminated with exit code 1\n"),
        other => {
            ctx.out.err(format!(
                "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{other}\": executable file not found in $PATH: unknown\n",
                (0..4).map(|_| format!("{:016x}", ctx.cluster.rng.next_u64())).collect::<String>()
            ));
            ctx.out.exit_code = 1;
        }
    }
}

fn hosts_file(pod: &Pod) -> String {
    let mut text = String::from("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    if let Some(ip) = &pod.status.pod_ip {
        text.push_str(&format!("{ip}\t{}\n", pod.metadata.name));
    }
    text
}

fn read_file(ctx: &Ctx, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    match path {
        "/etc/hosts" => return Some(hosts_file(pod)),
        "/etc/resolv.conf" => {
            let ns = pod.metadata.ns();
            return Some(format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"));
        }
        "/etc/hostname" => return Some(format!("{}\n", pod.metadata.name)),
        "/var/run/secrets/kubernetes.io/serviceaccount/namespace" => return Some(pod.metadata.ns().to_string()),
        "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt" => {
            return ctx.cluster.store().config_maps.get(&Key::new(pod.metadata.ns(), "kube-root-ca.crt")).and_then(|cm| cm.data.get("ca.crt").cloned());
        }
        "/var/run/secrets/kubernetes.io/serviceaccount/token" => return Some(format!("eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.{}.kubeplay", crate::engine::base64::encode(pod.metadata.uid.as_bytes()))),
        _ => {}
    }
    if path.starts_with("/usr/share/nginx/html/index.html") && container.image.as_deref().unwrap_or("").contains("nginx") {
        return Some(crate::engine::apps::NGINX_WELCOME.to_string());
    }
    container_env::mounted_files(ctx.cluster, pod, container).into_iter().find(|(p, _)| p == path).map(|(_, text)| text)
}

fn list_dir(ctx: &Ctx, pod: &Pod, container: &Container, path: &str) -> Option<Vec<String>> {
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return Some(["bin", "dev", "etc", "home", "proc", "root", "run", "sys", "tmp", "usr", "var"].iter().map(|s| s.to_string()).collect());
    }
    if path == "/var/run/secrets/kubernetes.io/serviceaccount" {
        return Some(vec!["ca.crt".into(), "namespace".into(), "token".into()]);
    }
    let prefix = format!("{path}/");
    let mut entries: Vec<String> = container_env::mounted_files(ctx.cluster, pod, container)
        .into_iter()
        .filter_map(|(p, _)| p.strip_prefix(&prefix).map(|rest| rest.split('/').next().unwrap_or(rest).to_string()))
        .collect();
    entries.sort();
    entries.dedup();
    if entries.is_empty() {
        let known = ["/bin", "/etc", "/usr", "/var", "/tmp", "/root", "/home", "/dev", "/proc", "/sys", "/run"];
        return known.contains(&path).then(Vec::new);
    }
    Some(entries)
}

/// Cluster DNS: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`, or an IP.
fn resolve(ctx: &Ctx, namespace: &str, name: &str) -> Option<(String, String)> {
    if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Some((name.to_string(), name.to_string()));
    }
    let parts: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let (service, ns) = match parts.as_slice() {
        [svc] => (*svc, namespace),
        [svc, ns] | [svc, ns, "svc"] | [svc, ns, "svc", "cluster", "local"] => (*svc, *ns),
        _ => return None,
    };
    let svc = ctx.cluster.store().get::<Service>(&Key::new(ns, service))?;
    let ip = svc.spec.cluster_ip.clone().filter(|ip| ip != "None")?;
    Some((format!("{service}.{ns}.svc.cluster.local"), ip))
}

/// `curl [-s] [-v] URL` / `wget -qO- URL` through kube-proxy: a Service's ready endpoints, chosen
/// at random as iptables does, or a pod IP directly.
fn http_client(ctx: &mut Ctx, from: &Pod, program: &str, args: &[String]) {
    let Some(url) = args.iter().rev().find(|a| !a.starts_with('-') && *a != "-") else {
        return ctx.out.fail(format!("{program}: try '{program} --help' for more information\ncommand terminated with exit code 2\n"));
    };
    let without_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let (host_port, path) = match without_scheme.find('/') {
        Some(i) => (&without_scheme[..i], without_scheme[i..].to_string()),
        None => (without_scheme, "/".to_string()),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<i32>().unwrap_or(80)),
        None => (host_port.to_string(), 80),
    };
    let client_ip = from.status.pod_ip.clone().unwrap_or_default();
    let host = if host == "localhost" || host == "127.0.0.1" { client_ip.clone() } else { host };
    let fail = |ctx: &mut Ctx, code: i32, message: String| {
        if program == "curl" {
            ctx.out.err(format!("curl: ({code}) {message}\n"));
        } else {
            ctx.out.err(format!("wget: {message}\n"));
        }
        ctx.out.fail(format!("command terminated with exit code {}\n", if program == "curl" { code } else { 1 }));
    };
    let resolved = if host == client_ip { Some((host.clone(), host.clone())) } else { resolve(ctx, from.metadata.ns(), &host) };
    let Some((_, ip)) = resolved else {
        return fail(ctx, 6, format!("Could not resolve host: {host}"));
    };
    // A Service's ClusterIP: pick a ready endpoint; otherwise a pod IP.
    let service = ctx.cluster.store().services.iter().find(|s| s.spec.cluster_ip.as_deref() == Some(ip.as_str())).cloned();
    let target: Option<(Rc<Pod>, i32)> = match &service {
        Some(svc) => {
            let Some(service_port) = svc.spec.ports.iter().find(|p| p.port == port) else {
                return fail(ctx, 28, format!("Failed to connect to {host} port {port} after 1000 ms: Timeout was reached"));
            };
            let endpoints = ctx.cluster.store().endpoints.get(&Key::of(&svc.metadata, true)).cloned();
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
                return fail(ctx, 7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"));
            }
            let (name, number) = ready[ctx.cluster.rng.below(ready.len() as u64) as usize].clone();
            ctx.cluster.store().get::<Pod>(&Key::new(svc.metadata.ns(), &name)).map(|p| (p, number))
        }
        None => ctx.cluster.store().pods.iter().find(|p| p.status.pod_ip.as_deref() == Some(ip.as_str())).cloned().map(|p| (p, port)),
    };
    let Some((pod, target_port)) = target else {
        return fail(ctx, 7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"));
    };
    match crate::engine::kubelet::serve_http(ctx.cluster, &pod, target_port, &path, &client_ip) {
        Some(response) => {
            if program == "wget" && response.status >= 400 {
                return fail(ctx, 8, format!("server returned error: HTTP/1.1 {} Internal Server Error", response.status));
            }
            ctx.out.out(response.body);
        }
        None => fail(ctx, 7, format!("Failed to connect to {host} port {port} after 0 ms: Connection refused")),
    }
}

/// Applies `| grep X`, `| head -n N`, `| tail -n N`, `| wc -l`, `| sort` to a command's stdout.
pub fn apply_pipes(mut stdout: String, filters: &[Vec<String>]) -> Result<String, String> {
    for filter in filters {
        let Some(program) = filter.first() else { continue };
        let args = &filter[1..];
        let lines: Vec<&str> = stdout.lines().collect();
        stdout = match program.as_str() {
            "grep" => {
                let invert = args.iter().any(|a| a == "-v");
                let ignore_case = args.iter().any(|a| a == "-i");
                let pattern = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
                let matches = |line: &str| if ignore_case { line.to_lowercase().contains(&pattern.to_lowercase()) } else { line.contains(&pattern) };
                lines.iter().filter(|l| matches(l) != invert).map(|l| format!("{l}\n")).collect()
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
            other => return Err(format!("kubeplay: only grep, head, tail, wc -l and sort can follow a pipe here, not {other}")),
        };
    }
    Ok(stdout)
}
