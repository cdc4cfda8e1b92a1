//! Tab completion for the page's terminal, as kubectl's own completion (`kubectl __complete`,
//! cobra's ValidArgsFunction) offers it: commands, subcommands, resource types, the names of
//! objects in the namespace the line names, namespaces after `-n`, files after `-f`, output
//! formats after `-o`, and flags.

use crate::engine::api::selector::Selector;
use crate::engine::{objects, resources, Cluster};
use crate::order::SharedSort;

/// What Tab does to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line with the word under the cursor completed as far as every candidate agrees
    /// (and a space after it when there is exactly one).
    pub line: String,
    /// Every candidate for the word (shown when there is more than one).
    pub candidates: Vec<String>,
}

const COMMANDS: &[&str] = &[
    "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "cluster-info", "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff", "drain", "edit", "events",
    "exec", "explain", "expose", "get", "label", "logs", "patch", "replace", "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait",
];

const ROLLOUT: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];
/// The types `rollout` and `set` offer: those with a rollout (kubectl's `rollout` completion
/// offers deployment, daemonset and statefulset), with their plural and short names.
const ROLLOUT_TYPES: &[&str] = &["daemonset", "daemonsets", "deployment", "deployments", "deploy", "ds", "statefulset", "statefulsets", "sts"];
/// The types `scale` offers: kubectl's `scale` completion offers deployment, replicaset,
/// replicationcontroller and statefulset (pkg/cmd/scale/scale.go's validArgs), with their plural
/// and short names.
const SCALE_TYPES: &[&str] = &["deployment", "deployments", "deploy", "replicaset", "replicasets", "rs", "replicationcontroller", "replicationcontrollers", "rc", "statefulset", "statefulsets", "sts"];
const SHELLS: &[&str] = &["bash", "fish", "powershell", "zsh"];
const SET: &[&str] = &["env", "image", "resources", "selector", "serviceaccount", "subject"];
const CREATE: &[&str] = &["clusterrole", "clusterrolebinding", "configmap", "cronjob", "deployment", "ingress", "job", "namespace", "poddisruptionbudget", "quota", "role", "rolebinding", "secret", "service", "token"];
const OUTPUTS: &[&str] = &["custom-columns=", "go-template=", "json", "jsonpath=", "name", "wide", "yaml"];
const FLAGS: &[&str] = &[
    "--all-namespaces", "--filename", "--label-selector", "--namespace", "--output", "--replicas", "--selector", "--show-labels", "--to-revision",
    "--watch", "-A", "-f", "-l", "-n", "-o", "-w",
];

/// Commands whose next words are a resource type, then names of that type.
fn takes_resources(command: &str) -> bool {
    matches!(command, "get" | "describe" | "delete" | "label" | "annotate" | "edit" | "scale" | "autoscale" | "patch" | "wait" | "expose")
}

/// Completes the last word of `line` (the cursor is at its end).
pub fn complete(cluster: &Cluster, line: &str) -> Completion {
    let ends_with_space = line.ends_with(' ') || line.is_empty();
    let words: Vec<&str> = line.split_whitespace().collect();
    let (done, current): (&[&str], &str) = if ends_with_space { (&words[..], "") } else { (&words[..words.len() - 1], words[words.len() - 1]) };
    // `kubectl` may be typed or not.
    let done: Vec<&str> = match done.first() {
        Some(&"kubectl") | Some(&"k") => done[1..].to_vec(),
        _ if done.is_empty() && ("kubectl".starts_with(current) && !current.is_empty()) => {
            return finish(line, current, vec!["kubectl".into()]);
        }
        _ => done.to_vec(),
    };
    let namespace = flag_value(&done, &["-n", "--namespace"]).unwrap_or("default").to_string();
    let previous = done.last().copied().unwrap_or("");
    let candidates: Vec<String> = if current.starts_with('-') {
        FLAGS.iter().map(|f| f.to_string()).collect()
    } else if matches!(previous, "-n" | "--namespace") {
        names(cluster, crate::engine::store::Kind::Namespace, &namespace)
    } else if matches!(previous, "-f" | "--filename") {
        cluster.files().keys().cloned().collect()
    } else if matches!(previous, "-o" | "--output") {
        OUTPUTS.iter().map(|o| o.to_string()).collect()
    } else {
        let positional: Vec<&str> = positional(&done);
        match positional.as_slice() {
            [] => COMMANDS.iter().map(|c| c.to_string()).collect(),
            ["rollout"] => ROLLOUT.iter().map(|c| c.to_string()).collect(),
            ["completion"] => SHELLS.iter().map(|c| c.to_string()).collect(),
            ["set"] => SET.iter().map(|c| c.to_string()).collect(),
            ["create"] => CREATE.iter().map(|c| c.to_string()).collect(),
            ["auth"] => vec!["can-i".to_string()],
            ["rollout", _] | ["set", _] => type_or_slash_names(cluster, &namespace, current, ROLLOUT_TYPES),
            // autoscale's validArgs are scale's (pkg/cmd/autoscale/autoscale.go).
            ["scale"] | ["autoscale"] => type_or_slash_names(cluster, &namespace, current, SCALE_TYPES),
            ["logs"] | ["exec"] | ["attach"] => names(cluster, crate::engine::store::Kind::Pod, &namespace),
            // Node commands: kubectl completes node names (`taint` after its `nodes`).
            ["cordon"] | ["uncordon"] | ["drain"] | ["taint", _] => names(cluster, crate::engine::store::Kind::Node, &namespace),
            ["taint"] => vec!["nodes".to_string()],
            ["explain"] => resources::TYPES.iter().map(|t| t.plural.to_string()).collect(),
            [command] if takes_resources(command) => type_or_slash_names(cluster, &namespace, current, &[]),
            [command, kind] if takes_resources(command) && !kind.contains('/') => match resources::resolve(kind) {
                Some(t) => names(cluster, t.kind, &namespace),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    };
    let matching: Vec<String> = candidates.into_iter().filter(|c| c.starts_with(current)).collect();
    finish(line, current, matching)
}

/// The words that are not flags or flag values.
fn positional<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut skip = false;
    for word in words {
        if skip {
            skip = false;
        } else if word.starts_with('-') {
            skip = !word.contains('=') && matches!(*word, "-n" | "--namespace" | "-o" | "--output" | "-f" | "--filename" | "-l" | "--selector" | "-c" | "--container");
        } else {
            out.push(*word);
        }
    }
    out
}

fn flag_value<'a>(words: &[&'a str], names: &[&str]) -> Option<&'a str> {
    words.windows(2).rev().find(|pair| names.contains(&pair[0])).map(|pair| pair[1])
}

/// Resource types (plural names as kubectl's completion lists them), or `TYPE/NAME` when the
/// word already has a slash.
fn type_or_slash_names(cluster: &Cluster, namespace: &str, current: &str, only: &[&str]) -> Vec<String> {
    if let Some((kind, _)) = current.split_once('/') {
        let Some(t) = resources::resolve(kind) else { return Vec::new() };
        return names(cluster, t.kind, namespace).into_iter().map(|name| format!("{kind}/{name}")).collect();
    }
    if !only.is_empty() {
        return only.iter().map(|t| t.to_string()).collect();
    }
    resources::TYPES.iter().map(|t| t.plural.to_string()).collect()
}

fn names(cluster: &Cluster, kind: crate::engine::store::Kind, namespace: &str) -> Vec<String> {
    let namespace = kind.namespaced().then_some(namespace);
    objects::list(cluster, kind, namespace, &Selector::everything()).iter().map(|o| objects::meta(o).name.to_string()).collect()
}

fn finish(line: &str, current: &str, mut candidates: Vec<String>) -> Completion {
    candidates.shared_sort();
    candidates.dedup();
    let stem = &line[..line.len() - current.len()];
    let line = match candidates.as_slice() {
        [] => line.to_string(),
        [only] => format!("{stem}{only}{}", if only.ends_with('=') || only.ends_with('/') { "" } else { " " }),
        many => format!("{stem}{}", common_prefix(many)),
    };
    Completion { line, candidates }
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for word in &words[1..] {
        end = end.min(first.bytes().zip(word.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::Playground;

    #[test]
    fn completes_like_kubectl() {
        let mut playground = Playground::with_default_scenario(1);
        playground.exec("kubectl create namespace team-a");
        let cluster = playground.cluster();
        let pod = playground.view().pods.iter().find(|p| p.namespace == "default").map(|p| p.name.clone()).unwrap();
        // (line, completed line, candidates)
        let table: Vec<(&str, String, Vec<&str>)> = vec![
            ("kub", "kubectl ".into(), vec!["kubectl"]),
            ("kubectl g", "kubectl get ".into(), vec!["get"]),
            ("kubectl r", "kubectl r".into(), vec!["replace", "rollout", "run"]),
            ("kubectl att", "kubectl attach ".into(), vec!["attach"]),
            ("kubectl auth c", "kubectl auth can-i ".into(), vec!["can-i"]),
            ("kubectl au", "kubectl aut".into(), vec!["auth", "autoscale"]),
            ("kubectl autoscale deployment/ng", "kubectl autoscale deployment/nginx-deployment ".into(), vec!["deployment/nginx-deployment"]),
            ("kubectl create rolebi", "kubectl create rolebinding ".into(), vec!["rolebinding"]),
            ("kubectl get clusterrolebinding cluster-a", "kubectl get clusterrolebinding cluster-admin ".into(), vec!["cluster-admin"]),
            ("kubectl rollout st", "kubectl rollout status ".into(), vec!["status"]),
            ("kubectl rollout status deployment/ng", "kubectl rollout status deployment/nginx-deployment ".into(), vec!["deployment/nginx-deployment"]),
            ("kubectl rollout restart da", "kubectl rollout restart daemonset".into(), vec!["daemonset", "daemonsets"]),
            ("kubectl set image d", "kubectl set image d".into(), vec!["daemonset", "daemonsets", "deploy", "deployment", "deployments", "ds"]),
            ("kubectl rollout history s", "kubectl rollout history st".into(), vec!["statefulset", "statefulsets", "sts"]),
            ("kubectl set env st", "kubectl set env st".into(), vec!["statefulset", "statefulsets", "sts"]),
            ("kubectl scale s", "kubectl scale st".into(), vec!["statefulset", "statefulsets", "sts"]),
            ("kubectl scale r", "kubectl scale r".into(), vec!["rc", "replicaset", "replicasets", "replicationcontroller", "replicationcontrollers", "rs"]),
            ("kubectl scale replicat", "kubectl scale replicationcontroller".into(), vec!["replicationcontroller", "replicationcontrollers"]),
            ("kubectl get deploy", "kubectl get deployments ".into(), vec!["deployments"]),
            ("kubectl expl", "kubectl explain ".into(), vec!["explain"]),
            ("kubectl explain rep", "kubectl explain replica".into(), vec!["replicasets", "replicationcontrollers"]),
            ("kubectl explain replicat", "kubectl explain replicationcontrollers ".into(), vec!["replicationcontrollers"]),
            ("kubectl get deployments ng", "kubectl get deployments nginx-deployment ".into(), vec!["nginx-deployment"]),
            ("kubectl get pods -n team", "kubectl get pods -n team-a ".into(), vec!["team-a"]),
            ("kubectl get pods -o js", "kubectl get pods -o json".into(), vec!["json", "jsonpath="]),
            ("kubectl apply -f nginx", "kubectl apply -f nginx-deployment.yaml ".into(), vec!["nginx-deployment.yaml"]),
            ("kubectl get pods --all", "kubectl get pods --all-namespaces ".into(), vec!["--all-namespaces"]),
            ("kubectl completion b", "kubectl completion bash ".into(), vec!["bash"]),
            ("kubectl dr", "kubectl drain ".into(), vec!["drain"]),
            ("kubectl drain node-", "kubectl drain node-".into(), vec!["node-1", "node-2"]),
            ("kubectl ta", "kubectl taint ".into(), vec!["taint"]),
            ("kubectl taint n", "kubectl taint nodes ".into(), vec!["nodes"]),
            ("kubectl taint nodes node-2", "kubectl taint nodes node-2 ".into(), vec!["node-2"]),
            ("kubectl ev", "kubectl events ".into(), vec!["events"]),
            ("kubectl frob ", "kubectl frob ".into(), vec![]),
        ];
        for (line, want, candidates) in table {
            let got = complete(cluster, line);
            assert_eq!((got.line.as_str(), got.candidates.iter().map(String::as_str).collect::<Vec<_>>()), (want.as_str(), candidates), "{line}");
        }
        let got = complete(cluster, "kubectl logs ");
        assert!(got.candidates.contains(&pod), "{got:?}");
        assert!(complete(cluster, "kubectl get pods -n kube-system co").candidates.iter().all(|c| c.starts_with("coredns")));
    }
}
