//! kubectl commands and the pod userland: behaviours found while writing the lessons.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = sim().script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The exit code of the last line of `script`.
fn exit_code_of_last(script: &str) -> i32 {
    let transcript = sim().script(script);
    transcript.outputs.last().map(|o| o.exit_code).unwrap_or(-1)
}

#[test]
fn a_name_with_all_namespaces_is_refused_for_namespaced_kinds() {
    check(
        "kubectl get svc payment -A
kubectl get svc/payment --all-namespaces
kubectl describe service payment -A
kubectl get deploy web -n default -A
kubectl label pod web tier=front -A
kubectl get ns default -A
",
        "$ kubectl get svc payment -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get svc/payment --all-namespaces
error: a resource cannot be retrieved by name across all namespaces
$ kubectl describe service payment -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get deploy web -n default -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl label pod web tier=front -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get ns default -A
NAME      STATUS   AGE
default   Active   15m
",
    );
    assert_eq!(exit_code_of_last("kubectl get svc kubernetes -A\n"), 1);
}

#[test]
fn describe_with_all_namespaces_lists_every_namespace() {
    let mut sim = sim();
    let text = sim.kubectl("kubectl describe svc -A").stdout;
    assert!(text.contains("Name:                     kubernetes") && text.contains("Name:                     kube-dns"), "{text}");
    assert_eq!(sim.kubectl("kubectl describe deploy -A -l app=none").stderr, "No resources found\n");
}
