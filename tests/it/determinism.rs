//! Same script and seed: the same transcript and event log, byte for byte. Another seed: other
//! generated names.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

const SCRIPT: &str = "kubectl create deployment web --image=nginx:1.14 --replicas=4
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.15
kubectl rollout status deployment/web
kubectl get rs,pods -o wide
kubectl delete pod -l app=web --wait=false
sleep 5
kubectl get pods
kubectl describe deployment web
";

fn run(seed: u64, timing: Timing) -> (String, String) {
    let mut sim = Sim::new(seed, timing);
    sim.cluster.events_mut().keep_all = true;
    let transcript = sim.script(SCRIPT);
    let events: String = sim.cluster.events().emitted().iter().map(|e| format!("{} {} {} {} {}\n", e.at_ms, e.type_, e.reason, e.object, e.message)).collect();
    (transcript.text, events)
}

#[test]
fn same_seed_same_transcript_and_events() {
    for timing in [Timing::realistic(), Timing::reference()] {
        let first = run(7, timing);
        let second = run(7, timing);
        assert_eq!(first.0, second.0);
        assert_eq!(first.1, second.1);
        assert!(first.0.contains("deployment \"web\" successfully rolled out"), "{}", first.0);
    }
}

#[test]
fn another_seed_other_names() {
    let (a, _) = run(7, Timing::realistic());
    let (b, _) = run(8, Timing::realistic());
    assert_ne!(a, b, "pod names come from the seeded RNG");
}
