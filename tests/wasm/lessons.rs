//! The page's lesson logic in the reducer: a lesson starts on its own cluster, checks tick as
//! commands run (and during `sleep`), host-page messages queue up, and a share link restores
//! the same state.

use std::rc::Rc;

use kubeplay::playground::Playground;
use kubeplay::share::Session;
use kubeplay::ui::i18n::Lang;
use kubeplay::ui::state::{Action, AppState, Panel};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Reducible;

fn state() -> Rc<AppState> {
    crate::install_lessons();
    Rc::new(AppState::new(Playground::with_default_scenario(1), "kind: Deployment\n".to_string()))
}

/// A second page, as the one that opens the link.
fn fresh() -> Rc<AppState> {
    state()
}

fn types(state: &AppState) -> Vec<&'static str> {
    state.outbox.1.iter().map(|m| m.type_).collect()
}

#[wasm_bindgen_test]
fn a_lesson_starts_on_its_files_and_checks_tick_as_the_learner_works() {
    let state = state().reduce(Action::StartLesson("rolling-update".into()));
    assert_eq!(state.panel, Panel::Lessons);
    assert_eq!(&*state.files[0].name, "web.yaml");
    assert_eq!(types(&state), ["lesson-started"]);
    let run = state.lesson.clone().expect("a lesson");
    assert_eq!(run.progress.counts(), (0, 4));
    // The Apply button, then `sleep` in the terminal: the checks watch every second.
    let state = state.reduce(Action::Apply);
    assert_eq!(state.lesson.as_ref().unwrap().progress.counts().0, 0);
    let state = state.reduce(Action::Exec("sleep 30".into()));
    assert_eq!(state.lesson.as_ref().unwrap().progress.counts(), (1, 4));
    assert_eq!(types(&state), ["check-passed", "step-completed"]);
    // The next change carries no old messages.
    let state = state.reduce(Action::Exec("kubectl get pods".into()));
    assert!(state.outbox.1.is_empty());
    let state = state.reduce(Action::StartLesson("no-such-lesson".into()));
    assert!(state.lesson_error.is_some());
}

#[wasm_bindgen_test]
fn a_share_link_restores_cluster_files_and_lesson() {
    let state = state().reduce(Action::StartLesson("rolling-update".into()));
    let state = state.reduce(Action::Exec("kubectl apply -f web.yaml".into()));
    let state = state.reduce(Action::Tick(25));
    let state = state.reduce(Action::EditorChanged("# edited\n".into()));
    let state = state.reduce(Action::Share(Lang::Ko));
    let link = state.share.clone().expect("a link");
    let session = Session::decode(&link).expect("decodes");
    assert_eq!(session.lang, "ko");
    let restored = fresh().reduce(Action::Restore(Rc::new(session)));
    assert_eq!(restored.view.now_seconds, state.view.now_seconds);
    let names = |s: &AppState| s.view.pods.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&restored), names(&state));
    assert_eq!(&*restored.files[0].text, "# edited\n");
    assert_eq!(restored.lesson.as_ref().unwrap().progress.passed, state.lesson.as_ref().unwrap().progress.passed);
    assert!(!restored.playing, "a restored session waits for Play");
}

#[wasm_bindgen_test]
fn a_pasted_lesson_is_checked_and_a_broken_one_explained() {
    let state = state().reduce(Action::LoadLessonText("id: x\ntitle: t\nsteps: 3\n".into()));
    assert!(state.lesson.is_none());
    assert!(state.lesson_error.as_deref().unwrap().starts_with("line 3, column 8"), "{:?}", state.lesson_error);
    let text = "id: mine\ntitle: Mine\nfiles:\n  - name: pod.yaml\n    text: |\n      apiVersion: v1\n      kind: Pod\n      metadata: { name: web }\n      spec: { containers: [{ name: web, image: nginx }] }\nsteps:\n  - title: Run it\n    checks:\n      - title: web runs\n        expect: { pods: { name: web, status: Running } }\n    solution: |\n      kubectl apply -f pod.yaml\n      sleep 10\n";
    let state = state.reduce(Action::LoadLessonText(text.into()));
    assert_eq!(state.lesson.as_ref().map(|run| run.lesson.id.as_str()), Some("mine"));
    // The editor's text is what `kubectl apply -f` reads, applied or not.
    let state = state.reduce(Action::EditorChanged("apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containers: [{ name: web, image: nginx:1.16 }] }\n".into()));
    let state = state.reduce(Action::Exec("kubectl apply -f pod.yaml".into()));
    let state = state.reduce(Action::Exec("sleep 10".into()));
    assert!(state.lesson.as_ref().unwrap().progress.is_complete());
    assert!(state.view.pods.iter().any(|p| p.image == "nginx:1.16"));
}

#[wasm_bindgen_test]
fn rewind_goes_back_to_the_cluster_of_that_second_and_no_further_than_the_lesson() {
    let state = state().reduce(Action::Tick(5));
    let at = state.view.now_seconds;
    let pods_then: Vec<String> = state.view.pods.iter().map(|p| p.name.clone()).collect();
    let state = state.reduce(Action::Exec("kubectl scale deployment nginx-deployment --replicas=5".into()));
    let state = state.reduce(Action::Tick(20));
    assert!(state.view.pods.len() > pods_then.len());
    let state = state.reduce(Action::Rewind(at));
    assert_eq!(state.view.now_seconds, at);
    assert_eq!(state.view.pods.iter().map(|p| p.name.clone()).collect::<Vec<_>>(), pods_then);
    assert!(!state.playing);
    // In a lesson, not before its start.
    let lesson = "id: waits\ntitle: Waits\nsetup: |\n  kubectl create deployment web --image=nginx --replicas=2\n  sleep 5\nsteps:\n  - title: Scale\n    checks:\n      - title: three\n        expect: { deployment: { name: web, ready: 3 } }\n    solution: |\n      kubectl scale deployment web --replicas=3\n      sleep 20\n";
    let state = state.reduce(Action::LoadLessonText(lesson.into()));
    let start = state.lesson.as_ref().unwrap().progress.start_seconds;
    assert_eq!(start, 5);
    let state = state.reduce(Action::Tick(10));
    let before = state.view.now_seconds;
    let same = state.clone().reduce(Action::Rewind(start - 1));
    assert_eq!(same.view.now_seconds, before, "refused");
    let state = state.reduce(Action::Rewind(start + 2));
    assert_eq!(state.view.now_seconds, start + 2);
    assert_eq!(state.lesson.as_ref().unwrap().progress.counts().0, 0);
}
