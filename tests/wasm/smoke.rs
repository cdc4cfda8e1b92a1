//! The engine's facade runs in the browser: the default scenario settles, bad input is an error.

use kubeplay::playground::Playground;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn default_scenario_has_three_ready_pods() {
    let mut playground = Playground::with_default_scenario(1);
    for _ in 0..60 {
        playground.tick();
    }
    let view = playground.view();
    let pods: Vec<_> = view.pods.iter().filter(|pod| pod.namespace == "default").collect();
    assert_eq!(pods.iter().filter(|pod| pod.ready).count(), 3, "pods: {pods:#?}");
    assert_eq!(view.nodes.len(), 2);
    assert!(pods.iter().all(|pod| pod.name.starts_with("nginx-deployment-")));
    assert!(playground.now_seconds() >= 60);
}

#[wasm_bindgen_test]
fn unknown_command_is_an_error_not_a_panic() {
    let mut playground = Playground::with_default_scenario(1);
    let output = playground.exec("kubectl frobnicate");
    assert_eq!(output.exit_code, 1);
    assert!(output.stderr.contains("frobnicate"), "stderr: {:?}", output.stderr);
    assert!(output.stdout.is_empty());
}

#[wasm_bindgen_test]
fn get_pods_lists_the_pods() {
    let mut playground = Playground::with_default_scenario(1);
    let output = playground.exec("kubectl get pods");
    assert_eq!(output.exit_code, 0, "stderr: {:?}", output.stderr);
    assert!(output.stdout.starts_with("NAME"), "stdout: {:?}", output.stdout);
    assert_eq!(output.stdout.lines().filter(|line| line.starts_with("nginx-deployment-")).count(), 3);
}
