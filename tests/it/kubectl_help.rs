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
    for line in ["kubectl certificate approve web", "kubectl help certificate", "kubectl kustomize --help", "kubectl -n x kustomize a"] {
        let output = sim.kubectl(line);
        let name = line.split_whitespace().find(|w| ["certificate", "kustomize"].contains(w)).unwrap();
        assert_eq!((output.stderr.as_str(), output.exit_code), (format!("kubeplay: kubectl {name} is not simulated in this playground\n").as_str(), 1), "{line}");
    }
    // `create`'s generators for kinds kubeplay does not run say so, whatever their flags; an
    // unknown generator is still cobra's unexpected argument.
    let cases = [
        ("kubectl create priorityclass high --value=1000", "create priorityclass", "PriorityClasses"),
    ];
    for (line, command, kinds) in cases {
        let output = sim.kubectl(line);
        let expected = format!("kubeplay: kubectl {command} is not simulated in this playground: kubeplay does not run {kinds}\n");
        assert_eq!((output.stderr.as_str(), output.exit_code), (expected.as_str(), 1), "{line}");
    }
    assert_eq!(sim.kubectl("kubectl create foo").stderr, "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
}

/// The page fetches kubectl's help texts before a line that prints one (`needs_help_texts`,
/// decided without the texts): it must say so for exactly the lines whose output holds a help
/// text, over every reference case and the lines around them.
#[test]
fn needs_help_texts_knows_which_lines_print_one() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/static/help/v1.32.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).expect("static/help/v1.32.json")).expect("JSON");
    let mut texts: Vec<String> = json["commands"].as_object().expect("commands").values().map(|t| t.as_str().unwrap().to_string()).collect();
    texts.extend(["options", "help", "usage"].map(|key| json[key].as_str().unwrap().to_string()));
    let cases = fixture_json("kubectl_help/expected.json");
    let mut lines: Vec<String> = cases.as_array().expect("a list").iter().map(|case| case["line"].as_str().unwrap().to_string()).collect();
    lines.extend(
        [
            "kubectl get pods",
            "get pods",
            "k rollout undo --help",
            "kubectl rollout undo --help | head -3",
            "kubectl -n default",
            "kubectl create service --tcp=80",
            "kubectl create service",
            "kubectl explain deployment",
            "kubectl explain --help",
            "kubectl frobnicate",
            "kubectl scale deployment nginx-deployment --replicas=2",
            "sleep 2",
            "clear",
        ]
        .map(String::from),
    );
    let mut wrong = Vec::new();
    for line in &lines {
        // A pipe filters what kubectl printed: look at all of it.
        let output = Sim::new(3, Timing::realistic()).kubectl(line.split(" | ").next().unwrap());
        let prints = texts.iter().any(|text| !text.is_empty() && output.combined.contains(text.as_str()));
        if kubeplay::kubectl::needs_help_texts(line) != prints {
            wrong.push(format!("{line}: prints a help text: {prints}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} lines:\n{}", wrong.len(), lines.len(), wrong.join("\n"));
}
