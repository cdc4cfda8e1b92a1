//! The page shell's logic (reducer, clock, history, layout) and the mounted App in a real DOM.

use std::rc::Rc;
use std::time::Duration;

use kubeplay::playground::Playground;
use kubeplay::ui::layout::{image_hue, lanes, short_pod_name, visible_objects, Density, Fit, OwnerKind};
use kubeplay::ui::sim_clock::{format_clock, FixedStep};
use kubeplay::ui::state::{Action, AppState, LineKind};
use kubeplay::ui::terminal_history::HistoryCursor;
use kubeplay::view::{ClusterView, NodeView, PodView, ReplicaSetView};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Reducible;

fn state() -> Rc<AppState> {
    Rc::new(AppState::new(Playground::with_default_scenario(1), "kind: Deployment\n".to_string()))
}

#[wasm_bindgen_test]
fn exec_echoes_the_command_then_its_output() {
    let state = state().reduce(Action::Exec("  kubectl get pods ".to_string()));
    let echo = state.terminal.iter().rposition(|line| line.kind == LineKind::Command).expect("the echoed command");
    let lines = &state.terminal[echo..];
    assert_eq!(lines.len(), 5, "the command, a header and three pods: {lines:?}");
    assert_eq!(lines[0].text, "kubectl get pods");
    assert!(lines[1..].iter().all(|line| line.kind == LineKind::Stdout));
    assert_eq!(*state.history, vec!["kubectl get pods".to_string()]);
}

#[wasm_bindgen_test]
fn errors_go_to_stderr_and_clear_empties_the_terminal() {
    let state = state().reduce(Action::Exec("kubectl frobnicate".to_string()));
    assert_eq!(state.terminal.last().map(|line| line.kind), Some(LineKind::Stderr));
    let state = state.reduce(Action::Exec("clear".to_string()));
    assert!(state.terminal.is_empty());
    assert_eq!(state.history.len(), 2);
}

#[wasm_bindgen_test]
fn ticks_advance_the_clock_only_when_asked() {
    let state = state();
    let start = state.view.now_seconds;
    let state = state.reduce(Action::Tick(5));
    assert_eq!(state.view.now_seconds, start + 5);
    let state = state.reduce(Action::Step);
    assert_eq!(state.view.now_seconds, start + 6);
    let paused = state.reduce(Action::TogglePlaying);
    assert!(!paused.playing);
    assert_eq!(paused.view.now_seconds, start + 6);
}

#[wasm_bindgen_test]
fn fixed_step_spends_whole_seconds_and_keeps_the_rest() {
    let mut clock = FixedStep::default();
    for _ in 0..4 {
        clock.accumulate(300.0, 2.0);
    }
    assert_eq!(clock.expend(), 2);
    assert!((clock.fraction() - 0.4).abs() < 1e-9);
    clock.accumulate(60_000.0, 20.0); // A sleeping tab: capped at one real second.
    assert_eq!(clock.expend(), 20);
    clock.accumulate(f64::NAN, 1.0);
    clock.accumulate(-5.0, 1.0);
    assert_eq!(clock.expend(), 0);
    assert_eq!(format_clock(7), "0:07");
    assert_eq!(format_clock(754), "12:34");
    assert_eq!(format_clock(3723), "1:02:03");
}

#[wasm_bindgen_test]
fn history_walks_back_and_returns_to_the_draft() {
    let history: Vec<String> = ["get pods", "get rs"].map(String::from).to_vec();
    let mut cursor = HistoryCursor::default();
    assert_eq!(cursor.newer(&history), None);
    assert_eq!(cursor.older(&history, "draft").as_deref(), Some("get rs"));
    assert_eq!(cursor.older(&history, "get rs").as_deref(), Some("get pods"));
    assert_eq!(cursor.older(&history, "get pods"), None);
    assert_eq!(cursor.newer(&history).as_deref(), Some("get rs"));
    assert_eq!(cursor.newer(&history).as_deref(), Some("draft"));
    assert_eq!(cursor.newer(&history), None);
    assert_eq!(HistoryCursor::default().older(&[], "x"), None);
}

fn pod(name: &str, node: Option<&str>, owner: &str, revision: &str) -> PodView {
    PodView {
        name: name.to_string(),
        node: node.map(String::from),
        owner: Some(owner.to_string()),
        revision: Some(revision.to_string()),
        image: "nginx".to_string(),
        ..PodView::default()
    }
}

#[wasm_bindgen_test]
fn lanes_group_pods_by_node_then_revision() {
    let view = ClusterView {
        nodes: ["node-1", "node-2"].map(|name| NodeView { name: name.to_string(), ready: true, kubelet_running: true, ..Default::default() }).to_vec(),
        pods: vec![
            pod("web-b-1", Some("node-1"), "web-b", "10"),
            pod("web-a-1", Some("node-1"), "web-a", "2"),
            pod("web-a-2", None, "web-a", "2"),
        ],
        ..ClusterView::default()
    };
    let lanes = lanes(&view);
    let shape: Vec<(Option<&str>, Vec<Option<&str>>)> =
        lanes.iter().map(|lane| (lane.node, lane.groups.iter().map(|group| group.revision).collect())).collect();
    assert_eq!(
        shape,
        vec![(Some("node-1"), vec![Some("2"), Some("10")]), (Some("node-2"), vec![]), (None, vec![Some("2")])]
    );
    assert_eq!(short_pod_name("web-a-xyz12", Some("web-a")), "xyz12");

    let mut with_system = view.clone();
    with_system
        .pods
        .push(PodView { namespace: "kube-system".to_string(), ..pod("coredns-1", Some("node-2"), "coredns", "1") });
    assert_eq!(visible_objects(&with_system, false).pods.len(), 3);
    assert_eq!(visible_objects(&with_system, true).pods.len(), 4);
    assert_eq!(short_pod_name("other", Some("web-a")), "other");
    assert_ne!(image_hue("nginx:1.14.2"), image_hue("nginx:1.15"));
    assert_ne!(image_hue("nginx:1.15"), image_hue("nginx:1.16.1"));
    assert_ne!(image_hue("nginx:1.14.2"), image_hue("nginx:1.16.1"));
    assert_eq!((image_hue("nginx:1.14"), image_hue("nginx:1.15"), image_hue("nginx:1.16")), (212, 28, 145));
}

/// Pods are grouped by their real owner: a Job's pods are not a ReplicaSet's (issue #4).
#[wasm_bindgen_test]
fn lanes_group_pods_by_owner_kind() {
    let labelled = |name: &str, owner: Option<&str>, labels: &[(&str, &str)]| PodView {
        name: name.to_string(),
        node: Some("node-1".to_string()),
        owner: owner.map(String::from),
        labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..PodView::default()
    };
    let view = ClusterView {
        nodes: vec![NodeView { name: "node-1".to_string(), ready: true, kubelet_running: true, ..Default::default() }],
        replica_sets: vec![ReplicaSetView { name: "frontend".to_string(), ..ReplicaSetView::default() }],
        pods: vec![
            labelled("pi-x7k2q", Some("pi"), &[("batch.kubernetes.io/job-name", "pi"), ("job-name", "pi")]),
            labelled("frontend-abcde", Some("frontend"), &[("tier", "frontend")]),
            labelled("web-5d59d67564-fghij", Some("web-5d59d67564"), &[("pod-template-hash", "5d59d67564")]),
            labelled("solo", None, &[]),
            labelled("odd-1", Some("mine"), &[]),
            labelled("agent-k3x9z", Some("agent"), &[("controller-revision-hash", "6b8f7c9d5"), ("pod-template-generation", "1")]),
            labelled("web-0", Some("web"), &[("controller-revision-hash", "web-6b8f7c9d5"), ("statefulset.kubernetes.io/pod-name", "web-0"), ("apps.kubernetes.io/pod-index", "0")]),
            labelled("kubia-cgcsc", Some("kubia"), &[("app", "kubia")]),
            labelled("kubia-extra", Some("kubia"), &[("app", "kubia")]),
        ],
        ..ClusterView::default()
    };
    let lanes = lanes(&view);
    let groups: Vec<(Option<&str>, Option<OwnerKind>)> =
        lanes[0].groups.iter().map(|group| (group.owner, group.owner_kind)).collect();
    assert_eq!(
        groups,
        vec![
            (Some("pi"), Some(OwnerKind::Job)),
            (Some("frontend"), Some(OwnerKind::ReplicaSet)),
            (Some("web-5d59d67564"), Some(OwnerKind::ReplicaSet)),
            (None, None),
            (Some("mine"), Some(OwnerKind::Other)),
            (Some("agent"), Some(OwnerKind::DaemonSet)),
            (Some("web"), Some(OwnerKind::StatefulSet)),
            (Some("kubia"), Some(OwnerKind::ReplicationController)),
            (Some("kubia"), Some(OwnerKind::Other)),
        ]
    );
    assert_eq!([OwnerKind::ReplicaSet.short(), OwnerKind::Job.short(), OwnerKind::DaemonSet.short(), OwnerKind::StatefulSet.short(), OwnerKind::ReplicationController.short()], ["rs", "job", "ds", "sts", "rc"]);
}

/// The drawing's density: denser a step at a time while it spills, sparser only once a fifth
/// fewer pods are drawn than when it had to become denser (layout.rs, Fit).
#[wasm_bindgen_test]
fn the_drawing_gets_denser_while_it_spills_and_sparser_with_fewer_pods() {
    let densities = |steps: &[(bool, usize)]| {
        let mut fit = Fit::default();
        steps
            .iter()
            .map(|&(overflowing, n_pods)| {
                fit = fit.next(overflowing, n_pods);
                fit.density
            })
            .collect::<Vec<_>>()
    };
    use Density::{Compact, Dense, Full, Tiny};
    // Fits: stays full.
    assert_eq!(densities(&[(false, 3), (false, 3)]), [Full, Full]);
    // A surge to 13 spills twice; it fits as squares.
    assert_eq!(densities(&[(false, 3), (true, 13), (true, 13), (false, 13)]), [Full, Compact, Dense, Dense]);
    // Squares at 13 pods; at 10 it tries compact cards (fewer pods), which spill: squares again,
    // and it stays so at 10 instead of flipping back and forth.
    assert_eq!(
        densities(&[(true, 13), (true, 13), (false, 10), (true, 10), (false, 10), (false, 10)]),
        [Compact, Dense, Compact, Dense, Dense, Dense]
    );
    // Back to 3 pods: one step at a time, each tried and kept when it fits.
    assert_eq!(densities(&[(true, 13), (true, 13), (false, 3), (false, 3), (false, 3)]), [Compact, Dense, Compact, Full, Full]);
    // Tiny squares that still spill (thousands of pods) stay so: the drawing scrolls then; a count
    // creeping down tries bigger cards only a fifth below the count that needed smaller ones.
    assert_eq!(densities(&[(true, 3000), (true, 3000), (true, 3000), (true, 3000)]), [Compact, Dense, Tiny, Tiny]);
    assert_eq!(
        densities(&[(true, 300), (true, 300), (false, 290), (false, 250), (false, 240)]),
        [Compact, Dense, Dense, Dense, Compact]
    );
    assert_eq!(
        [Full.class(), Compact.class(), Dense.class(), Tiny.class()],
        ["density-full", "density-compact", "density-dense", "density-dense density-tiny"]
    );
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_three_ready_pods() {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("append");
    let app = yew::Renderer::<kubeplay::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(300)).await;

    let ready = root.query_selector_all("[data-pod][data-ready=\"true\"]").expect("a selector");
    assert_eq!(ready.length(), 3, "html: {}", root.inner_html());
    assert!(root.query_selector("input[aria-label=\"kubectl\"]").expect("a selector").is_some());
    assert!(root.query_selector("textarea[aria-label=\"YAML editor\"]").expect("a selector").is_some());
    app.destroy();
}

fn ready_images(state: &AppState) -> Vec<String> {
    let mut images: Vec<String> =
        state.view.pods.iter().filter(|pod| pod.ready && pod.namespace == "default").map(|pod| pod.image.clone()).collect();
    images.sort();
    images.dedup();
    images
}

#[wasm_bindgen_test]
fn every_preset_loads_its_files_without_errors() {
    use kubeplay::ui::presets::PRESETS;
    for preset in PRESETS {
        let state = Rc::new(AppState::load(preset, 1));
        assert!(
            state.terminal.iter().all(|line| line.kind != LineKind::Stderr),
            "{}: {:?}",
            preset.id,
            state.terminal
        );
        assert_eq!(state.files.len(), preset.files().len());
        let state = state.reduce(Action::Tick(30));
        assert!(state.view.pods.iter().filter(|pod| pod.namespace == "default").all(|pod| pod.ready), "{}", preset.id);
    }
}

#[wasm_bindgen_test]
fn recreate_leaves_a_gap_in_the_timeline_and_never_overlaps() {
    use kubeplay::ui::presets::preset;
    let mut state = Rc::new(AppState::load(preset("recreate").expect("recreate"), 1)).reduce(Action::Tick(10));
    let changed_at = state.view.now_seconds;
    state = state.reduce(Action::Exec("kubectl set image deployment/nginx-deployment nginx=nginx:1.15".to_string()));
    let mut saw_gap = false;
    for _ in 0..60 {
        state = state.reduce(Action::Step);
        assert!(ready_images(&state).len() <= 1, "both images ready at t={}", state.view.now_seconds);
        saw_gap |= ready_images(&state).is_empty();
    }
    assert!(saw_gap);
    assert_eq!(ready_images(&state), vec!["nginx:1.15".to_string()]);
    assert!(!state.timeline.overlap());
    // The gap is in the rollout, not in the seconds before the first pods came up.
    assert!(state.timeline.samples().any(|sample| sample.at_seconds > changed_at && sample.total() == 0));
    assert_eq!(state.timeline.images(), vec!["nginx:1.14", "nginx:1.15"]);
}

#[wasm_bindgen_test]
fn blue_green_switches_the_service_by_applying_the_edited_file() {
    use kubeplay::ui::presets::preset;
    let state = Rc::new(AppState::load(preset("blue-green").expect("blue-green"), 1)).reduce(Action::Tick(10));
    let endpoint_images = |state: &AppState| {
        let service = state.view.services.iter().find(|service| service.name == "web").expect("service web");
        let mut images: Vec<String> = service
            .ready_pods
            .iter()
            .map(|name| state.view.pods.iter().find(|pod| pod.name == *name).expect("pod").image.clone())
            .collect();
        images.dedup();
        images
    };
    assert_eq!(endpoint_images(&state), vec!["nginx:1.14".to_string()]);
    let state = state.reduce(Action::OpenFile("service.yaml".to_string()));
    assert_eq!(&*state.active().name, "service.yaml");
    let edited = state.active().text.replace("version: blue", "version: green");
    let state = state.reduce(Action::EditorChanged(edited)).reduce(Action::Apply).reduce(Action::Step);
    assert_eq!(endpoint_images(&state), vec!["nginx:1.16".to_string()]);
    let state = state.reduce(Action::ResetFile);
    assert!(state.active().text.contains("version: blue"));
    assert_eq!(&*state.files[0].name, "deployments.yaml");
}

#[wasm_bindgen_test]
fn editor_problems_are_located_and_select_their_characters() {
    use kubeplay::ui::diagnostics::{has_errors, is_manifest, label, problems, selection};
    // Files copied out of containers are text, not manifests to check.
    assert!(is_manifest("web.yaml", "") && is_manifest("list.JSON", "") && is_manifest("deploy", "apiVersion: v1\nkind: Pod\n"));
    assert!(!is_manifest("passwd", "root:x:0:0:root:/root:/bin/sh\n") && !is_manifest("index.html", "kind: of html"));
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 3\n";
    let found = problems(text);
    let typo = found.iter().find(|d| d.code == "unknown-field").expect("the misspelt field");
    assert!(label(typo).starts_with("Line 6, column 3: unknown field"), "{}", label(typo));
    assert!(typo.message.contains("did you mean \"replicas\"?"), "{}", typo.message);
    assert!(has_errors(&found));
    let start = text.find("replica:").unwrap() as u32;
    assert_eq!(selection(text, 6, 3, 7), (start, start + 7));
    // UTF-16 units after a non-ASCII line; clamped past the end of a line and of the text.
    assert_eq!(selection("é😀\nab", 2, 2, 1), (5, 6));
    assert_eq!(selection("ab\ncd", 1, 9, 3), (2, 2));
    assert_eq!(selection("ab\ncd", 9, 1, 1), (3, 4));
    assert!(problems("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n").is_empty());
}

#[wasm_bindgen_test]
fn a_fresh_scenario_has_a_timeline_of_its_settle_seconds() {
    use kubeplay::ui::presets::{default_preset, SETTLE_TICKS};
    let state = AppState::load(default_preset(), 1);
    let samples: Vec<_> = state.timeline.samples().collect();
    assert_eq!(samples.len(), SETTLE_TICKS as usize + 1);
    assert_eq!(samples.first().map(|sample| sample.total()), Some(0));
    assert_eq!(samples.last().map(|sample| sample.total()), Some(3));
}
