//! Nothing a user types may crash the engine: every corpus manifest loads or gives a clear
//! error, mutated manifests and random command lines never panic, absurd numbers are refused.

use std::panic::{catch_unwind, AssertUnwindSafe};

use kubeplay::engine::rng::Rng;
use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// The shared corpus of real manifests (../shared/corpus), or KUBEPLAY_CORPUS.
fn corpus_files() -> Vec<(String, String)> {
    let root = std::env::var("KUBEPLAY_CORPUS").unwrap_or_else(|_| format!("{}/../shared/corpus", env!("CARGO_MANIFEST_DIR")));
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&root)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json") {
                let name = path.strip_prefix(&root).unwrap().to_string_lossy().to_string();
                files.push((name, std::fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 500, "the corpus ({root}) has {} manifests; set KUBEPLAY_CORPUS to its folder", files.len());
    files
}

/// A line of kubectl output that is a clear message: a success line or a kubectl-shaped error.
fn is_clear(line: &str) -> bool {
    line.is_empty()
        || line.ends_with(" created")
        || line.ends_with(" configured")
        || line.ends_with(" unchanged")
        || line.starts_with("error: ")
        || line.starts_with("Error from server (")
        || line.starts_with("The ") && line.contains(" is invalid: ")
        || line.starts_with("ensure CRDs are installed first")
        || line.starts_with('*')
        || line.starts_with("Resource: ")
        || line.starts_with("Name: ")
        || line.starts_with("from server for: ")
        || line.starts_with("for: ")
        || line.starts_with("to:")
        || line.starts_with('{')
        || line.starts_with("Warning: resource ") && line.contains(" is missing the kubectl.kubernetes.io/last-applied-configuration annotation")
}

#[test]
fn every_corpus_manifest_loads_or_explains() {
    let mut created = 0;
    let mut explained = 0;
    let mut problems = Vec::new();
    for (name, text) in corpus_files() {
        let mut sim = Sim::new(1, Timing::realistic());
        sim.cluster.add_file(&name, &text);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let output = sim.kubectl(&format!("kubectl apply -f {name}"));
            sim.run_for(3);
            output
        }));
        match result {
            Err(_) => problems.push(format!("{name}: panicked")),
            Ok(output) => {
                for line in output.combined.lines() {
                    if !is_clear(line) {
                        problems.push(format!("{name}: unclear output line {line:?}"));
                    }
                }
                if output.exit_code == 0 {
                    created += 1;
                } else {
                    explained += 1;
                }
            }
        }
    }
    eprintln!("corpus: {created} files applied, {explained} explained an error");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The corpus's NetworkPolicies (the kubernetes.io examples, Kubernetes in Action's) are all
/// created: they are a simulated kind, not one explained away.
#[test]
fn every_corpus_network_policy_is_created() {
    let policies: Vec<(String, String)> = corpus_files().into_iter().filter(|(_, text)| text.contains("kind: NetworkPolicy")).collect();
    assert!(policies.len() >= 10, "the corpus has {} NetworkPolicy manifests", policies.len());
    for (name, text) in policies {
        let mut sim = Sim::new(1, Timing::realistic());
        sim.cluster.add_file(&name, &text);
        let output = sim.kubectl(&format!("kubectl apply -f {name}"));
        assert_eq!(output.exit_code, 0, "{name}:\n{}", output.combined);
        assert!(output.combined.lines().any(|l| l.starts_with("networkpolicy.networking.k8s.io/") && l.ends_with(" created")), "{name}:\n{}", output.combined);
    }
}

/// The corpus's Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (the kubernetes.io
/// examples, Kubernetes in Action's) are all created by `apply`, each reported as created or,
/// for the bootstrap ClusterRole a manifest redefines, configured.
#[test]
fn every_corpus_rbac_object_is_created() {
    let rbac_kinds = ["kind: Role", "kind: ClusterRole", "kind: RoleBinding", "kind: ClusterRoleBinding"];
    let files: Vec<(String, String)> = corpus_files().into_iter().filter(|(_, text)| text.lines().any(|l| rbac_kinds.contains(&l.trim_end()))).collect();
    assert!(files.len() >= 10, "the corpus has {} RBAC manifests", files.len());
    for (name, text) in files {
        let mut sim = Sim::new(1, Timing::realistic());
        assert_eq!(sim.kubectl("kubectl create namespace foo").exit_code, 0);
        sim.cluster.add_file(&name, &text);
        let output = sim.kubectl(&format!("kubectl apply -f {name}"));
        let documents = text.lines().filter(|l| rbac_kinds.contains(&l.trim_end())).count();
        let applied = output.combined.lines().filter(|l| l.contains(".rbac.authorization.k8s.io/") && (l.ends_with(" created") || l.ends_with(" configured"))).count();
        assert_eq!(applied, documents, "{name}:\n{}", output.combined);
    }
}

/// Random edits of real manifests: deleted characters, swapped lines, wrong types, junk.
#[test]
fn mutated_manifests_never_panic() {
    let files = corpus_files();
    let mut rng = Rng::new(42);
    let junk = ["\t", ": :", "- [", "{", "]]", "&a *a", "!!binary x", "1e9", "-3", "\"", "'", "null", "~", "---", "replicas: three", "x: [1, {y: 2}]", "\u{0}", "😀"];
    for round in 0..1500 {
        let (name, text) = &files[rng.below(files.len() as u64) as usize];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if lines.is_empty() {
            continue;
        }
        for _ in 0..(1 + rng.below(3)) {
            let at = rng.below(lines.len() as u64) as usize;
            match rng.below(5) {
                0 => {
                    lines.remove(at);
                    if lines.is_empty() {
                        lines.push(String::new());
                    }
                }
                1 => {
                    let other = rng.below(lines.len() as u64) as usize;
                    lines.swap(at, other);
                }
                2 => {
                    let line = &mut lines[at];
                    if let Some(colon) = line.find(": ") {
                        line.truncate(colon + 2);
                        line.push_str(junk[rng.below(junk.len() as u64) as usize]);
                    }
                }
                3 => {
                    let cut = rng.below(lines[at].len() as u64 + 1) as usize;
                    let line = &mut lines[at];
                    if line.is_char_boundary(cut) {
                        line.truncate(cut);
                    }
                }
                _ => lines.insert(at, junk[rng.below(junk.len() as u64) as usize].to_string()),
            }
        }
        let mutated = lines.join("\n");
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut sim = Sim::new(round, Timing::realistic());
            let output = sim.kubectl_stdin("kubectl apply -f -", &mutated);
            sim.run_for(2);
            sim.kubectl("kubectl get all -A -o yaml");
            output
        }));
        assert!(result.is_ok(), "round {round}: {name} mutated to:\n{mutated}");
    }
}

/// Random command lines from kubectl's vocabulary never panic and always say something.
#[test]
fn random_command_lines_never_panic() {
    let words = [
        "get", "describe", "apply", "create", "delete", "rollout", "status", "undo", "history", "pause", "resume", "restart", "set", "image", "env",
        "scale", "label", "annotate", "version", "pods", "po", "deploy", "deployment/web", "rs", "svc", "all", "ns", "nodes", "events", "web",
        "-o", "yaml", "json", "wide", "name", "jsonpath={.x}", "-l", "app=web", "app in (a,b)", "!app", "-n", "kube-system", "-A", "--all", "-f",
        "-", "x.yaml", "--replicas=3", "--replicas=-1", "--replicas=x", "--to-revision=2", "--to-revision=-5", "--cascade=orphan", "--grace-period=0",
        "web=nginx:1.15", "app=nginx", "key-", "--overwrite", "--timeout=5s", "--watch=false", "--bogus", "-z", "=", "''", "deploy/", "/x", "a,b,,c",
        "--sort-by=.metadata.name", "--show-labels", "-L", "app", "--dry-run=client", "--image=nginx", "--record", "create", "deployment", "namespace",
        "explain", "pods.spec.containers", "deploy.spec.x", "--recursive", "--api-version=apps/v1",
        "cp", "web:/tmp/x", "ns/web:", ":x", "view-last-applied", "--list", "serviceaccount", "sa", "subject", "--user=bob",
        "--serviceaccount=:x", "--force", "--dry-run=server", "patch", "-p", "{}", "replace", "-o=name",
        "edit", "debug", "--image=busybox:1.28", "-it", "--target=nginx", "node/node-1", "secret", "docker-registry", "tls", "--cert=x.yaml",
        "--key=x.yaml", "--docker-username=a", "--docker-password=b", "<", ">",
    ];
    let mut rng = Rng::new(7);
    let mut sim = Sim::new(3, Timing::realistic());
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=2");
    sim.run_for(5);
    for round in 0..3000 {
        let n = 1 + rng.below(6) as usize;
        let line: Vec<&str> = (0..n).map(|_| words[rng.below(words.len() as u64) as usize]).collect();
        let line = format!("kubectl {}", line.join(" "));
        let result = catch_unwind(AssertUnwindSafe(|| sim.kubectl(&line)));
        match result {
            Err(_) => panic!("round {round}: `{line}` panicked"),
            Ok(output) => assert!(!output.combined.is_empty() || output.exit_code == 0, "round {round}: `{line}` failed silently"),
        }
        if round % 100 == 0 {
            sim.run_for(1);
        }
    }
}

/// Random shell lines (quotes, substitutions, loops, lists, redirections, multibyte text, cut
/// anywhere) never panic: bash's errors or kubectl's, never a crash of the page.
#[test]
fn random_shell_lines_never_panic() {
    let pieces = [
        "$(", ")", "`", "'", "\"", "${", "}", "{", "{1..3}", "$X", "$?", "${#X}", "${X:-홍}", "X=1", "X=$(", "export", "unset", "echo", "-n", "seq",
        "2", "for", "i", "in", "do", "done", "while", "true", ";", "&&", "||", "|", "grep", "head", "2>&1", ">", "out.txt", "#", "\\", "\n", " ", " ",
        "kubectl", "get", "pods", "-o", "name", "홍은표", "안녕", "é", "sleep", "1", "cat", "$'", "\\'", "=",
        "$((", "))", "(", "+", "*", "/0", "**", "?", ":", "++", "0x", "2#", "<<", "X+=", "-",
    ];
    let mut rng = Rng::new(11);
    let mut sim = Sim::new(3, Timing::realistic());
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=2");
    for round in 0..3000 {
        let n = 1 + rng.below(12) as usize;
        let mut line = String::new();
        for _ in 0..n {
            line.push_str(pieces[rng.below(pieces.len() as u64) as usize]);
            if rng.below(2) == 0 {
                line.push(' ');
            }
        }
        // Cut anywhere a char starts: what a learner's half-typed line looks like.
        let cut = line.char_indices().map(|(at, _)| at).nth(rng.below(line.chars().count() as u64 + 1) as usize).unwrap_or(line.len());
        for candidate in [line.as_str(), &line[..cut]] {
            if catch_unwind(AssertUnwindSafe(|| sim.kubectl(candidate))).is_err() {
                panic!("round {round}: `{candidate}` panicked");
            }
        }
    }
}

/// Absurd numbers are refused with an apiserver-shaped error and change nothing.
#[test]
fn absurd_numbers_are_refused() {
    let mut sim = Sim::new(1, Timing::realistic());
    let before = sim.kubectl("kubectl get all -A -o yaml").stdout;
    for (replicas, needle) in [
        ("1000000000", "spec.replicas: Invalid value: 1000000000"),
        ("1e9", "spec.replicas: Invalid value: 1000000000: must be less than or equal to 200000 in kubeplay"),
        ("1e10", "cannot unmarshal number 10000000000 into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ("-1", "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("\"three\"", "cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
    ] {
        let manifest = format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n");
        let output = sim.kubectl_stdin("kubectl apply -f -", &manifest);
        assert_eq!(output.exit_code, 1, "{replicas}: {}", output.combined);
        assert!(output.stderr.contains(needle), "{replicas}: {}", output.stderr);
    }
    assert_eq!(sim.kubectl("kubectl get all -A -o yaml").stdout, before, "the cluster is unchanged");
}

/// A node whose kubelet stops: NotReady after the grace period, its pods marked not ready and,
/// after their 300 s toleration, evicted and replaced on the other node; they stay Terminating
/// until the kubelet comes back.
#[test]
fn a_failed_node_is_noticed_and_its_pods_replaced() {
    let mut sim = Sim::new(5, Timing::realistic());
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=4");
    sim.run_for(10);
    let on_node2 = |sim: &Sim| sim.cluster.store().pods.in_namespace("default").filter(|p| p.spec.node_name.as_deref() == Some("node-2") && p.metadata.deletion_timestamp.is_none()).count();
    let before = on_node2(&sim);
    assert!(before > 0, "the scheduler spread pods over both nodes");
    sim.cluster.set_kubelet_running("node-2", false);
    sim.run_for(30);
    assert!(sim.kubectl("kubectl get nodes").stdout.contains("node-2   Ready"), "still trusted within the grace period");
    sim.run_for(15);
    let nodes = sim.kubectl("kubectl get nodes").stdout;
    assert!(nodes.contains("node-2   NotReady"), "{nodes}");
    let deployment = sim.kubectl("kubectl get deploy web").stdout;
    assert!(deployment.contains(&format!("{}/4", 4 - before)), "pods on the lost node are not ready: {deployment}");
    sim.run_for(300);
    let pods = sim.kubectl("kubectl get pods -o wide").stdout;
    assert_eq!(pods.matches("Terminating").count(), before, "evicted pods wait for their kubelet: {pods}");
    assert_eq!(pods.lines().filter(|l| l.contains("Running") && l.contains("node-1")).count(), 4, "replacements run on node-1: {pods}");
    let events = sim.kubectl("kubectl get events").stdout;
    assert!(events.contains("TaintManagerEviction") && events.contains("NodeNotReady"), "{events}");
    sim.cluster.set_kubelet_running("node-2", true);
    sim.run_for(5);
    let pods = sim.kubectl("kubectl get pods").stdout;
    assert!(!pods.contains("Terminating"), "the kubelet finishes the deletions: {pods}");
    assert!(sim.kubectl("kubectl get nodes").stdout.contains("node-2   Ready"));
}

/// YAML that parses but that JSON cannot hold fails as sigs.k8s.io/yaml's `YAMLToJSON` fails
/// (kubectl 1.32, measured): a non-finite number in Go's words, a list or map as a key in Go's
/// `%#v`; nothing is created.
#[test]
fn yaml_that_json_cannot_hold_fails_in_kubectls_words() {
    let script = r#"kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: .inf
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  a: -.inf
  b: .nan
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  ? [a, b]
  : x
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  ? {b: 2, a: [1, x, true, null, 1.5, 2.0]}
  : x
EOF
kubectl get deploy,cm
"#;
    let transcript = Sim::new(1, Timing::realistic()).script(script).text;
    let errors: Vec<&str> = transcript.lines().filter(|line| line.starts_with("error")).collect();
    assert_eq!(
        errors,
        [
            "error: error parsing STDIN: error converting YAML to JSON: json: unsupported value: +Inf",
            "error: error parsing STDIN: error converting YAML to JSON: json: unsupported value: -Inf",
            r#"error: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: []interface {}{"a", "b"}"#,
            r#"error: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{"a":[]interface {}{1, "x", true, interface {}(nil), 1.5, 2}, "b":2}"#,
        ],
        "\n{transcript}"
    );
    let listing = transcript.split("$ kubectl get deploy,cm\n").nth(1).unwrap_or_default();
    assert!(!listing.contains("/web"), "nothing was created:\n{transcript}");
}

/// Every kind the "does not simulate" message lists is one `apply` creates, and a real kind it
/// does not simulate (a PriorityClass) gets that message, with the list.
#[test]
fn the_kinds_a_manifest_can_create_are_the_ones_the_message_lists() {
    for (kind, api_version) in kubeplay::yaml::SIMULATED_KINDS {
        let mut results = Vec::new();
        let json = serde_json::json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": "x"}});
        kubeplay::yaml::decode_value(json, 1, &mut results);
        assert!(
            !matches!(results.first(), Some(Err(kubeplay::yaml::ManifestError::Unsupported { .. } | kubeplay::yaml::ManifestError::NoMatch { .. }))),
            "{kind} ({api_version}) is listed but not decoded: {results:?}"
        );
    }
    let script = "kubectl apply -f - <<'EOF'\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: agent\nvalue: 1000\nEOF\n";
    let transcript = Sim::new(1, Timing::realistic()).script(script).text;
    assert!(
        transcript.contains("error: kubeplay does not simulate kind \"PriorityClass\" (scheduling.k8s.io/v1) yet, so \"agent\" from \"STDIN\" was not created; it simulates Deployment, ReplicaSet, DaemonSet, StatefulSet, ReplicationController, Pod, Service, Endpoints, ConfigMap, Secret, ServiceAccount, Namespace, Node, Job, Ingress, IngressClass, PersistentVolumeClaim, PersistentVolume, StorageClass, NetworkPolicy, LimitRange, ResourceQuota, CronJob, Role, ClusterRole, RoleBinding, ClusterRoleBinding, PodDisruptionBudget and HorizontalPodAutoscaler\n"),
        "{transcript}"
    );
}
