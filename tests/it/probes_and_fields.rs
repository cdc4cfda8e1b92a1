//! Probes against what each app really serves, field selectors, name and key validation, and
//! the timing of a container script's output: transcripts through kubectl.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

fn pod_ip(sim: &mut Sim, pod: &str) -> String {
    sim.kubectl(&format!("kubectl get pod {pod} -o jsonpath={{.status.podIP}}")).stdout
}

fn pod_with(name: &str, image: &str, extra: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels:\n    app: {name}\nspec:\n  containers:\n  - name: app\n    image: {image}\n{extra}")
}

fn ready_column(sim: &mut Sim, pod: &str) -> String {
    let table = sim.kubectl(&format!("kubectl get pod {pod} --no-headers")).stdout;
    table.split_whitespace().nth(1).unwrap_or_default().to_string()
}

#[test]
fn a_readiness_probe_on_a_port_nginx_does_not_listen_on_is_refused() {
    let mut sim = sim();
    let probe = "    readinessProbe:\n      httpGet:\n        path: /\n        port: 8080\n";
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("web", "nginx:1.25", probe));
    sim.kubectl("kubectl expose pod web --port=80");
    sim.run_for(30);
    let ip = pod_ip(&mut sim, "web");
    assert_eq!(ready_column(&mut sim, "web"), "0/1");
    let described = sim.kubectl("kubectl describe pod web").stdout;
    let expected = format!("Readiness probe failed: Get \"http://{ip}:8080/\": dial tcp {ip}:8080: connect: connection refused");
    assert!(described.contains("Warning  Unhealthy") && described.contains(&expected), "{described}");
    let endpoints = sim.kubectl("kubectl get endpoints web").stdout;
    assert!(endpoints.contains("web    <none>"), "{endpoints}");
}

#[test]
fn a_readiness_probe_on_a_path_nginx_does_not_serve_gets_404() {
    let mut sim = sim();
    let probe = "    readinessProbe:\n      httpGet:\n        path: /missing\n        port: 80\n";
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("web", "nginx:1.25", probe));
    sim.run_for(30);
    assert_eq!(ready_column(&mut sim, "web"), "0/1");
    let described = sim.kubectl("kubectl describe pod web").stdout;
    assert!(described.contains("kubelet            Readiness probe failed: HTTP probe failed with statuscode: 404\n"), "{described}");
}

#[test]
fn named_probe_ports_resolve_through_the_container_ports() {
    let mut sim = sim();
    let ports = "    ports:\n    - name: http\n      containerPort: 80\n";
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("good", "nginx:1.25", &format!("{ports}    readinessProbe:\n      httpGet:\n        path: /index.html\n        port: http\n")));
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("typo", "nginx:1.25", &format!("{ports}    readinessProbe:\n      httpGet:\n        path: /\n        port: web\n")));
    sim.run_for(30);
    assert_eq!(ready_column(&mut sim, "good"), "1/1");
    assert_eq!(ready_column(&mut sim, "typo"), "0/1");
    let described = sim.kubectl("kubectl describe pod typo").stdout;
    assert!(described.contains("Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"web\": invalid syntax\n"), "{described}");
}

#[test]
fn a_failing_liveness_probe_restarts_the_container() {
    let mut sim = sim();
    let probe = "    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: 80\n      periodSeconds: 5\n";
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("web", "nginx:1.25", probe));
    sim.run_for(40);
    let described = sim.kubectl("kubectl describe pod web").stdout;
    assert!(described.contains("Liveness probe failed: HTTP probe failed with statuscode: 404\n"), "{described}");
    assert!(described.contains("Container app failed liveness probe, will be restarted\n"), "{described}");
    assert!(!described.contains("Restart Count:  0\n"), "{described}");
}

#[test]
fn tcp_probes_connect_only_where_the_app_listens() {
    let mut sim = sim();
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("open", "redis", "    readinessProbe:\n      tcpSocket:\n        port: 6379\n"));
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("closed", "redis", "    readinessProbe:\n      tcpSocket:\n        port: 6380\n"));
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("sh", "busybox", "    command: [\"sh\", \"-c\", \"sleep 3600\"]\n    readinessProbe:\n      tcpSocket:\n        port: 80\n"));
    sim.run_for(30);
    assert_eq!(ready_column(&mut sim, "open"), "1/1");
    assert_eq!(ready_column(&mut sim, "closed"), "0/1");
    assert_eq!(ready_column(&mut sim, "sh"), "0/1");
    let ip = pod_ip(&mut sim, "closed");
    let described = sim.kubectl("kubectl describe pod closed").stdout;
    assert!(described.contains(&format!("Readiness probe failed: dial tcp {ip}:6380: connect: connection refused\n")), "{described}");
}

#[test]
fn exec_probes_run_in_the_userland_and_pass_on_exit_code_zero() {
    let mut sim = sim();
    let exec = |file: &str| format!("    readinessProbe:\n      exec:\n        command: [\"ls\", \"{file}\"]\n");
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("missing", "luksa/kubia:v1", &exec("/var/ready")));
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("present", "luksa/kubia:v1", &exec("/etc/hosts")));
    sim.run_for(30);
    assert_eq!(ready_column(&mut sim, "missing"), "0/1");
    assert_eq!(ready_column(&mut sim, "present"), "1/1");
    let described = sim.kubectl("kubectl describe pod missing").stdout;
    assert!(described.contains("Readiness probe failed: ls: cannot access '/var/ready': No such file or directory\n"), "{described}");
}

#[test]
fn a_failing_startup_probe_holds_back_readiness_and_restarts_the_container() {
    let mut sim = sim();
    let probes = "    startupProbe:\n      httpGet:\n        path: /\n        port: 8080\n      periodSeconds: 2\n      failureThreshold: 3\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\n";
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("web", "nginx:1.25", probes));
    sim.kubectl_stdin("kubectl apply -f -", &pod_with("ok", "nginx:1.25", &probes.replace("8080", "80")));
    sim.run_for(30);
    assert_eq!(ready_column(&mut sim, "web"), "0/1");
    assert_eq!(ready_column(&mut sim, "ok"), "1/1");
    let described = sim.kubectl("kubectl describe pod web").stdout;
    assert!(described.contains("Startup probe failed: Get \"http://"), "{described}");
    assert!(described.contains("Container app failed startup probe, will be restarted\n"), "{described}");
    assert!(!described.contains("Readiness probe failed"), "readiness waits for the startup probe: {described}");
    let started = sim.kubectl("kubectl get pod ok -o jsonpath={.status.containerStatuses[0].started}").stdout;
    assert_eq!(started, "true");
}

#[test]
fn field_selectors_filter_events_and_pods_as_the_apiserver_does() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.25 --replicas=2");
    sim.run_for(10);
    let pulled = sim.kubectl("kubectl get events --field-selector reason=Pulled").stdout;
    assert_eq!(pulled.lines().count(), 3, "a header and the two pods' Pulled events: {pulled}");
    assert!(pulled.lines().skip(1).all(|l| l.contains("  Pulled  ")), "{pulled}");
    let not_normal = sim.kubectl("kubectl get events --field-selector type!=Normal");
    assert_eq!((not_normal.stdout.as_str(), not_normal.stderr.as_str()), ("", "No resources found in default namespace.\n"));
    let on_node = sim.kubectl("kubectl get pods --field-selector status.phase==Running,spec.nodeName=node-1 --no-headers").stdout;
    assert_eq!(on_node.lines().count(), 1, "{on_node}");
    let deleted = sim.kubectl("kubectl delete pods --field-selector spec.nodeName=node-2 --wait=false").stdout;
    assert_eq!(deleted.lines().count(), 1, "{deleted}");
}

#[test]
fn an_unsupported_field_is_a_bad_request() {
    let mut sim = sim();
    let checks = [
        (
            "kubectl get pods --field-selector foo=bar",
            "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"foo=bar\": field label not supported: foo\n",
        ),
        (
            "kubectl get deployments -l app=web --field-selector spec.replicas=2",
            "Error from server (BadRequest): Unable to find \"apps/v1, Resource=deployments\" that match label selector \"app=web\", field selector \"spec.replicas=2\": \"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"\n",
        ),
        (
            "kubectl get events --field-selector reason",
            "Error from server (BadRequest): Unable to find \"/v1, Resource=events\" that match label selector \"\", field selector \"reason\": invalid selector: 'reason'; can't understand 'reason'\n",
        ),
        ("kubectl get pods web --field-selector status.phase=Running", "error: name cannot be provided when a selector is specified\n"),
    ];
    for (line, expected) in checks {
        let output = sim.kubectl(line);
        assert_eq!((output.stderr.as_str(), output.exit_code), (expected, 1), "{line}");
    }
}

#[test]
fn a_namespace_name_must_be_a_dns_label() {
    let mut sim = sim();
    let expected = "The Namespace \"Bad_NS\" is invalid: metadata.name: Invalid value: \"Bad_NS\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n";
    let created = sim.kubectl("kubectl create namespace Bad_NS");
    assert_eq!((created.stderr.as_str(), created.exit_code), (expected, 1));
    let applied = sim.kubectl_stdin("kubectl apply -f -", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_NS\n");
    assert_eq!((applied.stderr.as_str(), applied.exit_code), (expected, 1));
}

#[test]
fn configmap_and_secret_keys_are_checked_before_anything_is_sent() {
    let regex = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    let checks = [
        ("kubectl create configmap x --from-literal=$'l\\nk=v'", format!("error: \"l\\nk\" is not a valid key name for a ConfigMap: {regex}\n")),
        ("kubectl create configmap x --from-literal=..=1", "error: \"..\" is not a valid key name for a ConfigMap: must not be '..'\n".to_string()),
        ("kubectl create configmap x --from-literal==v", "error: invalid literal source =v, expected key=value\n".to_string()),
        ("kubectl create configmap x --from-literal=a=1 --from-literal=a=2", "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"x\"\n".to_string()),
        ("kubectl create secret generic s --from-literal='a b=v'", format!("error: \"a b\" is not valid key name for a Secret {regex}\n")),
        ("kubectl create secret generic s --from-literal=a=1 --from-literal=a=2", "error: cannot add key a, another key by that name already exists\n".to_string()),
    ];
    let mut sim = sim();
    for (line, expected) in checks {
        let output = sim.kubectl(line);
        assert_eq!((output.stderr.as_str(), output.exit_code), (expected.as_str(), 1), "{line}");
    }
    assert_eq!(sim.kubectl("kubectl get configmaps,secrets -o name").stdout, "configmap/kube-root-ca.crt\n");
}
