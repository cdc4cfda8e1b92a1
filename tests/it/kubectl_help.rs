//! kubectl's help and the errors around it, against what the real kubectl 1.32 printed for the
//! same lines (tests/fixtures/kubectl_help: cases.txt run by `scripts/gen-kubectl-help --cases`).

use kubeplay::engine::timing::Timing;

use crate::support::{fixture_json, Sim};

#[test]
fn help_lines_print_what_kubectl_prints() {
    let cases = fixture_json("kubectl_help/expected.json");
    let cases = cases.as_array().expect("a list of cases");
    assert!(cases.len() > 100, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let line = case["line"].as_str().expect("line");
        let output = Sim::new(3, Timing::realistic()).kubectl(line);
        let expected = (case["stdout"].as_str().unwrap(), case["stderr"].as_str().unwrap(), case["exit_code"].as_i64().unwrap() as i32);
        if (output.stdout.as_str(), output.stderr.as_str(), output.exit_code) != expected {
            failures.push(format!("$ {line}\n--- expected (exit {}) ---\nstdout: {:?}\nstderr: {:?}\n--- got (exit {}) ---\nstdout: {:?}\nstderr: {:?}", expected.2, trim(expected.0), trim(expected.1), output.exit_code, trim(&output.stdout), trim(&output.stderr)));
        }
    }
    assert!(failures.is_empty(), "{} of {} lines differ:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

fn trim(text: &str) -> &str {
    let end = text.char_indices().nth(300).map_or(text.len(), |(at, _)| at);
    &text[..end]
}

#[test]
fn help_does_not_stop_the_commands() {
    let mut sim = Sim::new(3, Timing::realistic());
    // `--help=false` is no help: the command runs.
    let output = sim.kubectl("kubectl get ns --help=false");
    assert!(output.stdout.starts_with("NAME "), "{}", output.combined);
    // After `--`, -h belongs to the container's command.
    assert_eq!(sim.kubectl("kubectl get ns kube-system -o name").stdout, "namespace/kube-system\n");
    // Global flags before the command still reach it.
    assert!(sim.kubectl("kubectl -n kube-system get pods").stdout.contains("coredns-"));
    // A short flag cluster with an h in a value is not a help request.
    let output = sim.kubectl("kubectl get ns -ojsonpath={.items[0].metadata.name}");
    assert_eq!(output.stdout, "default", "{}", output.combined);
}

#[test]
fn kubectl_commands_kubeplay_does_not_run_say_so() {
    let mut sim = Sim::new(3, Timing::realistic());
    for line in ["kubectl drain node-1", "kubectl help drain", "kubectl taint --help", "kubectl -n x cp a b"] {
        let output = sim.kubectl(line);
        let name = line.split_whitespace().find(|w| ["drain", "taint", "cp"].contains(w)).unwrap();
        assert_eq!((output.stderr.as_str(), output.exit_code), (format!("kubeplay: kubectl {name} is not simulated in this playground\n").as_str(), 1), "{line}");
    }
}
