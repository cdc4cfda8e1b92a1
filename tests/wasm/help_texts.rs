//! kubectl's help texts in the page: which lines print one (the page fetches the texts before
//! them), the loading error until they are there, and the reducer installing them.

use std::rc::Rc;

use kubeplay::ui::presets::default_preset;
use kubeplay::ui::state::{needs_help_texts, Action, AppState, LineKind};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Reducible;

/// The texts as the page fetches them.
const HELP: &str = include_str!("../../static/help/v1.32.json");
const LOADING: &str = "error: kubectl's help is still loading; try again in a moment";

fn check(line: &str, expected: bool) {
    assert_eq!(needs_help_texts(line), expected, "{line:?}");
}

fn lines_of(state: &AppState, kind: LineKind) -> Vec<String> {
    state.terminal.iter().filter(|line| line.kind == kind).map(|line| line.text.clone()).collect()
}

/// One test, in order: the texts are installed once for the whole page (every test after it).
#[wasm_bindgen_test]
fn help_lines_wait_for_the_texts_and_then_print_them() {
    check("kubectl", true);
    check("kubectl rollout undo --help", true);
    check("  k get pods -h", true);
    check("kubectl help rollout", true);
    check("kubectl help nosuch", true);
    check("kubectl rollout", true);
    check("kubectl options", true);
    check("kubectl -n default", true);
    check("kubectl rollout undo --help | head -3", true);
    check("kubectl get pods", false);
    check("kubectl get pods --help=false", false);
    check("kubectl rollout nosuch", false);
    check("kubectl get pods --nosuch --help", false);
    check("kubectl frobnicate", false);
    check("kubectl explain pods", false);
    check("", false);
    check("clear", false);
    check("sleep 3", false);

    let state = Rc::new(AppState::load(default_preset(), 1));
    if !state.has_help_texts() {
        let before = state.clone().reduce(Action::Exec("kubectl rollout undo --help".to_string()));
        assert_eq!(lines_of(&before, LineKind::Stderr).last().map(String::as_str), Some(LOADING));
        // Other lines do not need them.
        let get = before.reduce(Action::Exec("kubectl get deploy".to_string()));
        assert!(lines_of(&get, LineKind::Stdout).iter().any(|line| line.starts_with("nginx-deployment")));
    }
    let broken = state.clone().reduce(Action::HelpTexts(Rc::from("{ not json")));
    let stderr = lines_of(&broken, LineKind::Stderr);
    assert!(stderr.last().is_some_and(|line| line.starts_with("kubectl's help texts do not parse")), "{stderr:?}");
    let state = state.reduce(Action::HelpTexts(Rc::from(HELP)));
    assert!(state.has_help_texts());
    let state = state.reduce(Action::Exec("kubectl rollout undo --help".to_string()));
    let stdout = lines_of(&state, LineKind::Stdout);
    assert!(stdout.iter().any(|line| line == "Roll back to a previous rollout."), "{stdout:?}");
    assert!(!lines_of(&state, LineKind::Stderr).iter().any(|line| line == LOADING));
    // A new cluster has them too.
    let state = state.reduce(Action::LoadPreset("recreate".to_string())).reduce(Action::Exec("kubectl rollout".to_string()));
    assert!(lines_of(&state, LineKind::Stdout).iter().any(|line| line == "Manage the rollout of one or many resources."));
}
