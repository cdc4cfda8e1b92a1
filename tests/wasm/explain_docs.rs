//! `kubectl explain` in the page: which lines need the fetched documentation, and the reducer
//! installing it (kept across new clusters) before the line runs.

use std::rc::Rc;

use kubeplay::ui::presets::default_preset;
use kubeplay::ui::state::{is_explain, Action, AppState, LineKind};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Reducible;

/// The documentation as the page fetches it.
const DOCS: &str = include_str!("../../static/explain/v1.32.json");
const LOADING: &str = "error: the API documentation is still loading; try again in a moment";

fn check(line: &str, expected: bool) {
    assert_eq!(is_explain(line), expected, "{line:?}");
}

#[wasm_bindgen_test]
fn explain_lines_are_told_from_others() {
    check("kubectl explain pods", true);
    check("explain deployment.spec.strategy", true);
    check("  k explain svc --recursive", true);
    check("kubectl -n kube-system explain pods", true);
    check("kubectl --namespace=kube-system explain pods", true);
    check("kubectl explain pods | head -3", true);
    check("kubectl explain", true);
    check("kubectl get pods", false);
    check("kubectl get explain", false);
    check("kubectl -n explain get pods", false);
    check("kubectl describe pod explain", false);
    check("echo explain | kubectl explain", false);
    check("kubectl 'explain", false);
    check("", false);
    check("clear", false);
}

fn lines_of(state: &AppState, kind: LineKind) -> Vec<String> {
    state.terminal.iter().filter(|line| line.kind == kind).map(|line| line.text.clone()).collect()
}

#[wasm_bindgen_test]
fn explain_prints_the_loading_error_until_the_page_gives_the_documentation() {
    let state = Rc::new(AppState::load(default_preset(), 1));
    assert!(!state.has_explain_docs());
    let state = state.reduce(Action::Exec("kubectl explain deployment.spec.strategy".to_string()));
    assert_eq!(lines_of(&state, LineKind::Stderr).last().map(String::as_str), Some(LOADING));

    let state = state.reduce(Action::ExplainDocs(Rc::from(DOCS)));
    assert!(state.has_explain_docs());
    let state = state.reduce(Action::Exec("kubectl explain deployment.spec.strategy".to_string()));
    let stdout = lines_of(&state, LineKind::Stdout);
    assert!(stdout.iter().any(|line| line == "KIND:       Deployment"), "{stdout:?}");
    assert!(stdout.iter().any(|line| line == "FIELD: strategy <DeploymentStrategy>"), "{stdout:?}");

    // A new cluster (another scenario) gets the documentation the page holds.
    let state = state.reduce(Action::LoadPreset("recreate".to_string()));
    let n_stderr = lines_of(&state, LineKind::Stderr).len();
    let state = state.reduce(Action::Exec("explain rs.spec.minReadySeconds".to_string()));
    assert_eq!(lines_of(&state, LineKind::Stderr).len(), n_stderr);
    assert!(lines_of(&state, LineKind::Stdout).iter().any(|line| line == "FIELD: minReadySeconds <integer>"));
}

#[wasm_bindgen_test]
fn explain_is_journaled_like_any_line_and_broken_documentation_is_reported() {
    let state = Rc::new(AppState::load(default_preset(), 1));
    let state = state.reduce(Action::ExplainDocs(Rc::from("{ not json")));
    assert!(!state.has_explain_docs());
    let stderr = lines_of(&state, LineKind::Stderr);
    assert!(stderr.last().is_some_and(|line| line.starts_with("the API documentation does not parse")), "{stderr:?}");
    let state = state.reduce(Action::ExplainDocs(Rc::from(DOCS))).reduce(Action::Exec("kubectl explain pods".to_string()));
    let journal = state.session(kubeplay::ui::i18n::Lang::En).journal;
    assert!(journal.entries.iter().any(|entry| matches!(&entry.action, kubeplay::playground::Action::Exec { line, .. } if line == "kubectl explain pods")));
}
