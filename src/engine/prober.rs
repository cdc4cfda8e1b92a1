//! One run of a container probe against the simulated app: HTTP GET, TCP connect or a command in
//! the pod's userland, with the outputs the kubelet's probers report in `Unhealthy` events.

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::pod::{Container, Pod, Probe};
use crate::engine::apps::{self, Listener};
use crate::engine::images::ImageBehaviour;
use crate::engine::Cluster;

/// The outcome of one probe, as `prober.probe` (pkg/kubelet/prober/prober.go) sorts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeResult {
    Success,
    /// The probe ran and failed: the output for `<Type> probe failed: <output>`.
    Failure(String),
    /// The probe could not run (an unknown named port): the error for
    /// `<Type> probe errored and resulted in unknown state: <error>`. The worker throws the result
    /// away: it counts towards no threshold.
    Errored(String),
}

/// Which probe of a container runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeType {
    Readiness,
    Liveness,
    Startup,
}

impl ProbeType {
    /// The word events start with (`probeType`'s String in prober/worker.go).
    pub fn title(self) -> &'static str {
        match self {
            ProbeType::Readiness => "Readiness",
            ProbeType::Liveness => "Liveness",
            ProbeType::Startup => "Startup",
        }
    }
}

/// Mirrors `ResolveContainerPort` (pkg/probe/util.go): a number as is; a name through the
/// container's ports (`findPortByName`), else read as a number (`strconv.Atoi`); 1 to 65535.
pub fn resolve_container_port(port: &IntOrString, container: &Container) -> Result<i32, String> {
    let number = match port {
        IntOrString::Int(n) => *n,
        IntOrString::Str(name) => match container.ports.iter().find(|p| p.name.as_deref() == Some(name.as_str())) {
            Some(found) => found.container_port,
            None => name.parse::<i32>().map_err(|_| format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(name)))?,
        },
    };
    if number > 0 && number < 65536 {
        Ok(number)
    } else {
        Err(format!("invalid port number: {number}"))
    }
}

/// Go's `%q` of a string.
pub(crate) fn go_quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

fn port_of(value: &serde_json::Value) -> IntOrString {
    match value.get("port") {
        Some(serde_json::Value::Number(n)) => IntOrString::Int(n.as_i64().unwrap_or(0) as i32),
        Some(serde_json::Value::String(s)) => IntOrString::Str(s.clone()),
        _ => IntOrString::Int(0),
    }
}

/// Runs one probe of `container` (which the kubelet has running). `requests_served` counts the
/// pod's HTTP requests (kubia v3 fails from the fifth, probes included). Mirrors `runProbe`
/// (pkg/kubelet/prober/prober.go) and the probers it calls: `DoHTTPProbe` (pkg/probe/http/http.go:
/// a transport error is a failure with the error's text, 200–399 a success, other codes
/// `HTTP probe failed with statuscode: N`), `DoTCPProbe` (pkg/probe/tcp/tcp.go: the dial error)
/// and the exec prober (pkg/probe/exec/exec.go: exit 0 passes, another code fails with the
/// command's combined output).
pub fn run_probe(
    cluster: &mut Cluster,
    pod: &Pod,
    container: &Container,
    probe: &Probe,
    probe_type: ProbeType,
    behaviour: &ImageBehaviour,
    requests_served: &mut u32,
) -> ProbeResult {
    let pod_ip = pod.status.pod_ip.as_deref().unwrap_or_default().to_string();
    if let Some(http) = &probe.http_get {
        let port = match resolve_container_port(&http.port, container) {
            Ok(port) => port,
            Err(error) => return ProbeResult::Errored(error),
        };
        let scheme = http.scheme.as_deref().unwrap_or("HTTP").to_ascii_lowercase();
        let host = http.host.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| pod_ip.clone());
        let path = http.path.clone().unwrap_or_default();
        let path = if path.is_empty() || path.starts_with('/') { path } else { format!("/{path}") };
        let url = format!("{scheme}://{host}:{port}{path}");
        let Some(listener) = apps::listener(container, port) else {
            return ProbeResult::Failure(format!("Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"));
        };
        if listener == Listener::Tcp {
            return ProbeResult::Failure(format!("Get \"{url}\": {}", apps::non_http_answer(container)));
        }
        if scheme == "https" {
            return ProbeResult::Failure(format!("Get \"{url}\": http: server gave HTTP response to HTTPS client"));
        }
        *requests_served += 1;
        if probe_type == ProbeType::Readiness && behaviour.never_ready {
            return ProbeResult::Failure("HTTP probe failed with statuscode: 503".into());
        }
        let response = apps::http_get(pod, container, port, &path, *requests_served, &|file| crate::engine::shell::file_entry(cluster, pod, container, file));
        // The app logs the probe as any request: from the node's bridge (the pod CIDR's .1),
        // with the kubelet's agent, `kube-probe/MAJOR.MINOR`.
        let bridge = pod_ip.rsplit_once('.').map_or_else(String::new, |(net, _)| format!("{net}.1"));
        let at = cluster.time();
        let request = apps::ServedRequest { client_ip: &bridge, user_agent: "kube-probe/1.32", path: &path, status: response.status, bytes: response.body.len(), number: *requests_served, at };
        if let Some(line) = apps::request_log_line(pod, container, &request) {
            cluster.kubelet.log_request(&pod.metadata.uid, &container.name, at, line);
        }
        return if (200..400).contains(&response.status) {
            ProbeResult::Success
        } else {
            ProbeResult::Failure(format!("HTTP probe failed with statuscode: {}", response.status))
        };
    }
    if probe_type == ProbeType::Readiness && behaviour.never_ready {
        return ProbeResult::Failure("probe failed".into());
    }
    if let Some(tcp) = &probe.tcp_socket {
        let port = match resolve_container_port(&port_of(tcp), container) {
            Ok(port) => port,
            Err(error) => return ProbeResult::Errored(error),
        };
        let host = tcp.get("host").and_then(|h| h.as_str()).filter(|h| !h.is_empty()).map_or_else(|| pod_ip.clone(), str::to_string);
        return match apps::listener(container, port) {
            Some(_) => ProbeResult::Success,
            None => ProbeResult::Failure(format!("dial tcp {host}:{port}: connect: connection refused")),
        };
    }
    if let Some(exec) = &probe.exec {
        let argv: Vec<String> =
            exec.get("command").and_then(|c| c.as_array()).map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect()).unwrap_or_default();
        return exec_probe(cluster, pod, container, &argv);
    }
    ProbeResult::Success
}

/// A command run in the container as the runtime's ExecSync runs it: argv as is, no shell
/// around it (unless the command is one), so a program the image lacks cannot start: containerd's
/// error, which the prober reports as errored.
fn exec_probe(cluster: &mut Cluster, pod: &Pod, container: &Container, argv: &[String]) -> ProbeResult {
    let Some(program) = argv.first() else {
        return ProbeResult::Errored("rpc error: code = Unknown desc = failed to exec in container: process args cannot be empty".into());
    };
    let mut process = crate::engine::shell::Process::new(cluster, pod, container);
    let output = crate::engine::shell::run_argv(cluster, &mut process, argv);
    let name = program.rsplit('/').next().unwrap_or(program);
    if output.exit == 127 && output.stderr == format!("sh: {name}: not found\n") {
        // The exec's ID is random on a real node; here it is derived from the pod and the program.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in pod.metadata.uid.bytes().chain(program.bytes()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut rng = crate::engine::rng::Rng::new(hash);
        let exec_id: String = (0..4).map(|_| format!("{:016x}", rng.next_u64())).collect();
        return ProbeResult::Errored(format!(
            "rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"{exec_id}\": OCI runtime exec failed: exec failed: unable to start container process: exec: {}: executable file not found in $PATH: unknown",
            go_quote(program)
        ));
    }
    if output.exit == 0 {
        ProbeResult::Success
    } else {
        ProbeResult::Failure(format!("{}{}", output.stdout, output.stderr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::pod::ContainerPort;

    #[test]
    fn named_ports_resolve_through_the_container() {
        let container = Container {
            ports: vec![ContainerPort { name: Some("http".into()), container_port: 80, ..Default::default() }],
            ..Default::default()
        };
        let check = |port: IntOrString| resolve_container_port(&port, &container);
        assert_eq!(check(IntOrString::Str("http".into())), Ok(80));
        assert_eq!(check(IntOrString::Str("8080".into())), Ok(8080));
        assert_eq!(check(IntOrString::Str("web".into())), Err("strconv.Atoi: parsing \"web\": invalid syntax".into()));
        assert_eq!(check(IntOrString::Int(0)), Err("invalid port number: 0".into()));
    }
}
