//! The timeline's model (issue #4): ready and available pods per image, and each Service's
//! ready endpoints over virtual time, from hand-made views and from the page's presets.

use std::rc::Rc;

use kubeplay::ui::components::timeline_strip::service_sentence;
use kubeplay::ui::i18n::Lang;
use kubeplay::ui::presets::preset;
use kubeplay::ui::state::{Action, AppState};
use kubeplay::ui::timeline::{Outage, Serving, Timeline};
use kubeplay::view::{ClusterView, PodView, ReplicaSetView, ServiceView};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Reducible;

fn pod(namespace: &str, name: &str, image: &str, ready: bool) -> PodView {
    PodView { namespace: namespace.into(), name: name.into(), image: image.into(), ready, ..PodView::default() }
}

fn rs(namespace: &str, image: &str, available: i32) -> ReplicaSetView {
    ReplicaSetView { namespace: namespace.into(), name: format!("rs-{image}"), image: image.into(), available, ..ReplicaSetView::default() }
}

fn service(namespace: &str, name: &str, selector: bool, ready_pods: &[&str]) -> ServiceView {
    ServiceView {
        namespace: namespace.into(),
        name: name.into(),
        selector: if selector { vec![("app".into(), "web".into())] } else { Vec::new() },
        ready_pods: ready_pods.iter().map(|name| name.to_string()).collect(),
        not_ready_pods: Vec::new(),
    }
}

/// A view at `at` with `ready` of `n` web pods ready (image `image`), `available` of them
/// available, and the Service `web` in front of the ready ones.
fn web(at: u64, image: &str, n: usize, ready: usize, available: i32) -> ClusterView {
    let pods: Vec<PodView> = (0..n).map(|i| pod("default", &format!("web-{i}"), image, i < ready)).collect();
    let endpoints: Vec<&str> = pods.iter().filter(|pod| pod.ready).map(|pod| pod.name.as_str()).collect();
    ClusterView {
        now_seconds: at,
        services: vec![service("default", "web", true, &endpoints), service("default", "kubernetes", false, &[]), service("kube-system", "kube-dns", true, &["coredns"])],
        pods: pods.clone(),
        replica_sets: vec![rs("default", image, available), rs("kube-system", "coredns:1.11", 1)],
        ..ClusterView::default()
    }
}

#[wasm_bindgen_test]
fn samples_count_ready_and_available_pods_per_image_outside_the_system_namespaces() {
    let mut timeline = Timeline::default();
    let mut view = web(5, "nginx:1.14", 3, 3, 1);
    view.pods.push(pod("kube-system", "coredns", "coredns:1.11", true));
    timeline.record(&view);
    let sample = timeline.samples().last().expect("a sample").clone();
    assert_eq!(sample.ready, vec![("nginx:1.14".to_string(), 3)]);
    assert_eq!(sample.available, vec![("nginx:1.14".to_string(), 1)]);
    assert_eq!((sample.ready_of("nginx:1.14"), sample.available_of("nginx:1.14"), sample.available_of("nginx:9")), (3, 1, 0));
    // Only Services with a selector, outside kube-system: `kubernetes` has no pods behind it.
    assert_eq!(sample.services, vec![("web".to_string(), Serving::Up)]);
    assert_eq!(timeline.services(), vec!["web"]);
    assert_eq!(timeline.images(), vec!["nginx:1.14"]);
}

#[wasm_bindgen_test]
fn a_service_is_waiting_until_its_first_endpoint_then_down_only_when_it_loses_them() {
    let mut timeline = Timeline::default();
    for at in 0..=3 {
        timeline.record(&web(at, "nginx:1.14", 3, 0, 0));
    }
    assert!(timeline.samples().all(|sample| sample.serving("web") == Some(Serving::Waiting)));
    // The strip spans the history it holds, in steps of 30 s.
    assert_eq!(timeline.span_seconds(), 30);
    assert_eq!(timeline.outages("web"), vec![]);
    for at in 4..=10 {
        timeline.record(&web(at, "nginx:1.14", 3, 3, 3));
    }
    // A Recreate rollout: the old pods go at 11, the new ones are ready at 15.
    for at in 11..=14 {
        timeline.record(&web(at, "nginx:1.15", 3, 0, 0));
    }
    assert_eq!(
        timeline.outages("web"),
        vec![Outage { from_seconds: 11, to_seconds: None, drawn_from_seconds: 10, drawn_to_seconds: 14 }]
    );
    for at in 15..=31 {
        timeline.record(&web(at, "nginx:1.15", 3, 3, 3));
    }
    assert_eq!(timeline.span_seconds(), 60);
    assert_eq!(
        timeline.outages("web"),
        vec![Outage { from_seconds: 11, to_seconds: Some(15), drawn_from_seconds: 10, drawn_to_seconds: 14 }]
    );
    assert_eq!(timeline.up_spans("web"), vec![(3, 10), (14, 31)]);
    assert_eq!(timeline.images(), vec!["nginx:1.14", "nginx:1.15"]);
    assert!(!timeline.overlap());

    let texts = Lang::En.texts();
    assert_eq!(service_sentence(&timeline, "web", texts), "Service web: no ready endpoints from 11 s to 15 s");
    assert_eq!(service_sentence(&timeline, "web", Lang::Ko.texts()), "서비스 web: 11초부터 15초까지 준비된 엔드포인트 없음");

    // A rewind to before the outage forgets it; to before the first endpoint, that too.
    let mut rewound = timeline.clone();
    rewound.rewind_to(8);
    assert_eq!(rewound.outages("web"), vec![]);
    assert_eq!(service_sentence(&rewound, "web", texts), "Service web: a ready endpoint all along");
    rewound.rewind_to(2);
    rewound.record(&web(3, "nginx:1.14", 3, 0, 0));
    assert_eq!(rewound.samples().last().and_then(|sample| sample.serving("web")), Some(Serving::Waiting));
    assert_eq!(service_sentence(&rewound, "web", texts), "Service web: no ready endpoints yet");

    // An outage still going on at "now".
    timeline.record(&web(32, "nginx:1.15", 3, 0, 0));
    assert_eq!(timeline.outages("web").last().map(|outage| outage.to_seconds), Some(None));
    assert_eq!(service_sentence(&timeline, "web", texts), "Service web: no ready endpoints from 11 s to 15 s, since 32 s");
}

#[wasm_bindgen_test]
fn old_samples_leave_the_window_and_a_clock_going_back_starts_over() {
    let mut timeline = Timeline::default();
    timeline.record(&web(0, "nginx:1.14", 1, 1, 1));
    timeline.record(&web(1, "nginx:1.14", 1, 0, 0));
    timeline.record(&web(2, "nginx:1.14", 1, 1, 1));
    assert_eq!(timeline.outages("web").len(), 1);
    timeline.record(&web(200, "nginx:1.14", 1, 1, 1));
    assert_eq!(timeline.outages("web"), vec![]);
    // The newest sample older than the window stays, for the strip's left edge.
    assert_eq!(timeline.samples().map(|sample| sample.at_seconds).collect::<Vec<_>>(), vec![2, 200]);
    assert_eq!(timeline.span_seconds(), 120);
    // A new cluster: its Service waits for its first endpoint again.
    timeline.record(&web(0, "nginx:1.14", 1, 0, 0));
    assert_eq!(timeline.samples().last().and_then(|sample| sample.serving("web")), Some(Serving::Waiting));
}

/// Runs `kubectl set image` on a loaded preset, then a minute, one second at a time.
fn roll(preset_id: &str) -> (Rc<AppState>, u64) {
    let mut state = Rc::new(AppState::load(preset(preset_id).expect("preset"), 1)).reduce(Action::Tick(10));
    let changed_at = state.view.now_seconds;
    state = state.reduce(Action::Exec("kubectl set image deployment/nginx-deployment nginx=nginx:1.15".to_string()));
    for _ in 0..60 {
        state = state.reduce(Action::Step);
    }
    (state, changed_at)
}

#[wasm_bindgen_test]
fn recreate_leaves_the_service_without_endpoints_and_a_rolling_update_does_not() {
    let (state, changed_at) = roll("recreate");
    let outages = state.timeline.outages("nginx");
    assert_eq!(outages.len(), 1, "{outages:?}");
    let outage = outages[0];
    // It starts at the second of the command: the old pods lose their endpoints as they go.
    assert!(outage.from_seconds >= changed_at, "{outage:?} after {changed_at}");
    let to = outage.to_seconds.expect("the new pods came up");
    assert!(to > outage.from_seconds);
    // While the Service had no endpoint, nothing was available; the old pods, terminating,
    // were still Ready for their first seconds (the strip's pale sliver), then nothing was.
    let during: Vec<_> = state.timeline.samples().filter(|s| s.at_seconds >= outage.from_seconds && s.at_seconds < to).collect();
    assert!(during.iter().all(|s| s.available.iter().all(|&(_, n)| n == 0)), "{during:?}");
    assert!(during.iter().skip_while(|s| s.total() > 0).all(|s| s.total() == 0), "{during:?}");
    assert!(during.last().is_some_and(|s| s.total() == 0), "{during:?}");
    // ... and the seconds before the first pods came up (the preset's start) are no outage.
    assert!(state.timeline.samples().any(|sample| sample.serving("nginx") == Some(Serving::Up)));

    let (state, _) = roll("rolling");
    assert_eq!(state.timeline.outages("nginx"), vec![]);
    assert!(state.timeline.overlap());
    assert_eq!(state.timeline.samples().last().map(|sample| sample.available_of("nginx:1.15")), Some(3));
}

#[wasm_bindgen_test]
fn pods_are_available_min_ready_seconds_after_they_are_ready() {
    let deployment = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: slow
spec:
  replicas: 2
  minReadySeconds: 10
  selector:
    matchLabels: {app: slow}
  template:
    metadata:
      labels: {app: slow}
    spec:
      containers:
        - name: web
          image: nginx:1.16
";
    let mut state = Rc::new(AppState::load(preset("rolling").expect("rolling"), 1));
    state = state.reduce(Action::ExecWithStdin("kubectl apply -f -".to_string(), deployment.to_string(), false));
    for _ in 0..45 {
        state = state.reduce(Action::Step);
    }
    let samples: Vec<_> = state.timeline.samples().collect();
    let ready_at = samples.iter().find(|s| s.ready_of("nginx:1.16") == 2).expect("both ready").at_seconds;
    let available_at = samples.iter().find(|s| s.available_of("nginx:1.16") == 2).expect("both available").at_seconds;
    assert!(available_at >= ready_at + 10, "ready at {ready_at}, available at {available_at}");
    assert!(samples.iter().all(|s| s.available_of("nginx:1.16") <= s.ready_of("nginx:1.16")));
}
