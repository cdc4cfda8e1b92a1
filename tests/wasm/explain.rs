//! The events feed's explanations in the browser: the page's snapshot carries them for the
//! newest events, in both languages.

use kubeplay::explain::Explanation;
use kubeplay::playground::Playground;
use kubeplay::view::{EventView, N_EXPLAINED};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn set_image_explains_the_surge_in_the_snapshot() {
    let mut playground = Playground::with_default_scenario(1);
    let output = playground.exec("kubectl set image deployment/nginx-deployment nginx=nginx:1.15");
    assert_eq!(output.exit_code, 0, "stderr: {:?}", output.stderr);
    let view = playground.view();
    let newest = view.events.len() - N_EXPLAINED.min(view.events.len());
    let surge = (newest..view.events.len())
        .filter_map(|index| view.events.explanation(index))
        .find(|explanation| matches!(explanation, Explanation::SurgeScaleUp { .. }))
        .expect("a SurgeScaleUp among the newest events");
    let Explanation::SurgeScaleUp { max_surge, max_total, .. } = surge else { unreachable!() };
    assert_eq!((max_surge.value, max_surge.percent.as_deref(), *max_total), (2, Some("50%"), 5));
    assert!(surge.en().starts_with("maxSurge 50% (2 pods) lets the total reach 5, so the Deployment controller scaled"), "{}", surge.en());
    assert!(surge.ko().starts_with("maxSurge 50%(파드 2개) 덕분에 전체가 5개까지 늘 수 있어서"), "{}", surge.ko());
    // Older events are not explained: the snapshot stays cheap.
    assert!((0..newest).all(|index| view.events.explanation(index).is_none()));
}

#[wasm_bindgen_test]
fn explanations_line_up_with_the_newest_events() {
    let event = |reason: &str| EventView { reason: reason.to_string(), ..EventView::default() };
    let feed: kubeplay::view::EventFeed = vec![event("A"), event("B"), event("C")].into();
    let why = Explanation::NodeReady { node: "node-1".to_string() };
    let feed = feed.with_explanations(vec![None, Some(why.clone())]);
    assert_eq!(feed.len(), 3);
    assert_eq!(feed.explanation(0), None);
    assert_eq!(feed.explanation(1), None);
    assert_eq!(feed.explanation(2), Some(&why));
    assert_eq!(feed.explanation(3), None);
}
