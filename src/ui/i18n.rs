//! The page's languages and every sentence of its prose in each, as one `Texts` per language.
//!
//! A component takes the language from the `ContextProvider<Lang>` that `App` sets up, with
//! `use_lang()` (or its strings at once with `use_texts()`), and reads fields such as
//! `texts.apply` or calls `(texts.n_pods)(3)`. A field missing from `EN` or `KO` does not
//! compile. The presets' titles and guides are `Tr` pairs beside them in `ui/presets.rs`.
//!
//! Only the page's own prose is translated. kubectl's output, the engine's event messages and
//! the YAML problems' messages stay in English, as the real tools print them; so do the API's
//! words the page shows verbatim (`Running`, `NotReady`, `RollingUpdate`) and the accessible
//! names "Play", "Pause" and "kubectl", which tests and the issue rely on.

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::ui::presets::Preset;

/// A language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// Every language, in the switch's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code: `<html lang>`, the `lang=` query parameter, the saved value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// `"en"` or `"ko"` (any case, surrounding blanks ignored); anything else is `None`.
    pub fn parse(text: &str) -> Option<Lang> {
        let text = text.trim();
        Lang::ALL.into_iter().find(|lang| lang.code().eq_ignore_ascii_case(text))
    }

    /// The language's name in itself, as the switch lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// Every string of the page in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }
}

/// A text given in every language, for data that lives outside this file (the presets).
/// Both fields are required, so a missing translation does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub en: &'static str,
    pub ko: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// The local-storage key of the chosen language (a plain `en` or `ko`).
pub const STORAGE_KEY: &str = "kubeplay.lang";

/// The URL query parameter that picks the language: `?lang=ko`.
pub const QUERY_PARAM: &str = "lang";

/// The language the page opens in: the `lang` query parameter if it names one, else the one
/// saved by the switch, else Korean when the browser's `navigator.language` is Korean, else
/// English.
pub fn initial_lang() -> Lang {
    let query = query_param(&location_search(), QUERY_PARAM);
    let saved = LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten();
    choose_lang(query.as_deref(), saved.as_deref(), navigator_language().as_deref())
}

/// `initial_lang`'s rule, pure: the query's value, else the saved value, else the browser's.
/// A value that names no language is skipped, so `?lang=fr` falls through to the next.
pub fn choose_lang(query: Option<&str>, saved: Option<&str>, browser: Option<&str>) -> Lang {
    query
        .and_then(Lang::parse)
        .or_else(|| saved.and_then(Lang::parse))
        .unwrap_or_else(|| match browser {
            // `ko`, `ko-KR`, `ko_KR`: the primary subtag, so that Konkani (`kok`) is not Korean.
            Some(tag) if tag.split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case("ko")) => Lang::Ko,
            _ => Lang::En,
        })
}

/// The value of `name` in a `location.search` string (`?a=1&lang=ko`), if present.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Remembers the learner's choice, puts it on `<html lang>` and the title, and, if the URL
/// names a language, rewrites that parameter so a reload keeps the choice. Storage can be
/// full or disabled (private mode); the switch still works for this visit.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::raw().set_item(STORAGE_KEY, lang.code());
    let search = location_search();
    if query_param(&search, QUERY_PARAM).is_some() {
        let rewritten: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((QUERY_PARAM, _)) => format!("{QUERY_PARAM}={}", lang.code()),
                _ => pair.to_string(),
            })
            .collect();
        replace_search(&format!("?{}", rewritten.join("&")));
    }
}

/// Sets `<html lang>` and the document's title to `lang`'s.
pub fn apply_to_document(lang: Lang) {
    let document = gloo::utils::document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    document.set_title(lang.texts().document_title);
}

/// The language `<html lang>` names now (the panic banner's, which cannot use hooks).
pub fn document_lang() -> Lang {
    gloo::utils::document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_default()
}

/// The page's language, from the `ContextProvider<Lang>` of `App` (English outside one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The page's strings in its language: `use_lang().texts()`.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_lang().texts()
}

// The browser's location and navigator, through reflection: web-sys's `Location`, `History`
// and `Navigator` features are not enabled.

use crate::ui::browser::property;

fn location_search() -> String {
    property(&gloo::utils::window(), "location").and_then(|location| property(&location, "search")?.as_string()).unwrap_or_default()
}

fn navigator_language() -> Option<String> {
    property(&gloo::utils::window(), "navigator").and_then(|navigator| property(&navigator, "language")?.as_string())
}

fn replace_search(search: &str) {
    use wasm_bindgen::JsCast;
    let window = gloo::utils::window();
    let Some(history) = property(&window, "history") else { return };
    let Some(pathname) = property(&window, "location").and_then(|location| property(&location, "pathname")?.as_string()) else {
        return;
    };
    let hash = property(&window, "location").and_then(|location| property(&location, "hash")?.as_string()).unwrap_or_default();
    let Some(replace) = property(&history, "replaceState").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else { return };
    let url = format!("{pathname}{search}{hash}");
    let _ = replace.call3(&history, &wasm_bindgen::JsValue::NULL, &"".into(), &url.into());
}

/// A line the page itself writes into the terminal, drawn in the language of the moment (so
/// switching the language rewrites the welcome too). kubectl's own output is never a `Note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The first line: what kubeplay is and where to start.
    Welcome,
    /// A scenario was (re)loaded: its title and summary.
    Scenario(&'static Preset),
    /// A node's kubelet was stopped; the line's text is the node's name.
    NodeStopped,
    /// A node's kubelet was started; the line's text is the node's name.
    NodeStarted,
    /// A lesson started; the line's text is its title in English and Korean, split by a NUL
    /// (lesson titles are data, not `Texts`).
    Lesson,
    /// A share link was opened; the line's text is the virtual second it was made at.
    Restored,
    /// The learner rewound; the line's text is the virtual second it went back to.
    Rewound,
    /// A lesson saved in this browser was resumed; the line's text is its virtual second.
    Resumed,
    /// `kubectl edit` opened its file in the YAML panel; the line's text is the file's name.
    Editing,
}

impl Note {
    /// The sentence in `lang`; `arg` is the line's text (a node's name, or empty).
    pub fn text(self, lang: Lang, arg: &str) -> String {
        let texts = lang.texts();
        match self {
            Note::Welcome => texts.welcome.to_string(),
            Note::Scenario(preset) => (texts.scenario_loaded)(preset.title.get(lang), preset.summary.get(lang)),
            Note::NodeStopped => (texts.node_stopped)(arg),
            Note::NodeStarted => (texts.node_started)(arg),
            Note::Lesson => {
                let (en, ko) = arg.split_once('\u{0}').unwrap_or((arg, arg));
                (texts.lesson_started)(if lang == Lang::Ko && !ko.is_empty() { ko } else { en })
            }
            Note::Restored => (texts.session_restored)(arg),
            Note::Rewound => (texts.rewound)(arg),
            Note::Resumed => (texts.resumed)(arg),
            Note::Editing => (texts.editing)(arg),
        }
    }
}

/// Every string of the page's own prose in one language. Plain fields are fixed texts; `fn`
/// fields build a text around numbers or names (word order and plurals differ by language).
pub struct Texts {
    // ---- document and top bar
    pub document_title: &'static str,
    pub tagline: &'static str,
    /// The switch's tooltip (its accessible name is always "Language").
    pub language_title: &'static str,
    pub crash: fn(&str) -> String,

    // ---- page regions
    pub region_editor: &'static str,
    pub region_cluster: &'static str,
    pub region_terminal: &'static str,

    // ---- clock controls
    pub clock_group: &'static str,
    /// Visible label of the Play button (its accessible name stays "Play").
    pub play: &'static str,
    /// Visible label of the Pause button (its accessible name stays "Pause").
    pub pause: &'static str,
    pub step: &'static str,
    pub step_title: &'static str,
    pub speed: &'static str,
    pub virtual_time: &'static str,
    pub virtual_time_title: &'static str,

    // ---- scenario guide
    pub scenario: &'static str,
    pub scenario_title: &'static str,
    pub restart: &'static str,
    pub restart_title: &'static str,
    pub steps_label: &'static str,
    pub paste_title: &'static str,
    pub stop_node: fn(&str) -> String,
    pub start_node: fn(&str) -> String,
    pub open_file: fn(&str) -> String,

    // ---- YAML editor
    pub files: &'static str,
    pub yaml_editor: &'static str,
    pub reset: &'static str,
    pub reset_title: fn(&str) -> String,
    pub apply: &'static str,
    /// The Apply button's tooltip: the file and the problem summary (may be empty).
    pub apply_title: fn(&str, &str) -> String,
    pub no_problems: &'static str,
    pub problems_in: fn(&str) -> String,
    /// `(1 problem below)` after the Apply tooltip, or empty for none.
    pub problems_below: fn(usize) -> String,
    pub problem_title: &'static str,
    pub severity_error: &'static str,
    pub severity_warning: &'static str,
    /// A problem's place and its (English) message.
    pub problem_at: fn(usize, usize, &str) -> String,

    // ---- cluster view
    pub cluster: &'static str,
    /// `2 nodes · 3 pods · 3 ready`.
    pub cluster_summary: fn(usize, usize, usize) -> String,
    pub system_title: &'static str,
    pub system_toggle: fn(usize) -> String,
    pub no_deployments: &'static str,
    pub images: &'static str,
    pub deployment_ready: fn(i32, i32) -> String,
    /// Up-to-date, available and the strategy's (API) name.
    pub deployment_meta: fn(i32, i32, &str) -> String,
    pub paused: &'static str,
    /// The badge of a Deployment an HPA scales (min, max) and its tooltip (HPA name, min, max).
    pub autoscaled: fn(i32, i32) -> String,
    pub autoscaled_title: fn(&str, i32, i32) -> String,
    pub revision: fn(&str) -> String,
    pub replica_set_counts: fn(i32, i32, i32) -> String,
    /// A Service's accessible summary: name, selector, ready and not-ready endpoints.
    pub service_summary: fn(&str, &str, usize, usize) -> String,
    pub no_selector: &'static str,
    pub no_ready_endpoints: &'static str,
    pub ready_pods_arrow: fn(usize) -> String,
    pub n_not_ready: fn(usize) -> String,
    pub node_label: fn(&str) -> String,
    /// The tooltip of a node's taint badge.
    pub taint_title: fn(&str) -> String,
    pub unscheduled: &'static str,
    pub n_pods: fn(usize) -> String,
    pub no_pods: &'static str,
    pub bare_pods: &'static str,
    pub no_owner_title: &'static str,
    /// A pod's accessible summary: name, status, ready, image and IP (may be empty).
    pub pod_summary: fn(&str, &str, bool, &str, &str) -> String,
    pub pod_click_hint: &'static str,
    /// A pod with several containers: how many are ready (`1/2`).
    pub pod_containers: fn(usize, usize) -> String,
    pub recent_events: &'static str,
    pub no_events: &'static str,

    // ---- timeline
    pub timeline: &'static str,
    pub ready_pods: &'static str,
    pub timeline_max: fn(u32) -> String,
    pub timeline_now: &'static str,
    pub nothing: &'static str,
    /// The chart's accessible summary: the window in seconds and what is ready now.
    pub timeline_summary: fn(u64, &str) -> String,
    /// After each image's ready pods in that summary: how many of them are available.
    pub available_count: fn(u32) -> String,
    /// The legend of the full-colour part of the areas (pale: ready, not yet available).
    pub available_legend: &'static str,
    /// The legend's tooltip: what full colour and pale mean.
    pub available_title: &'static str,
    /// One outage of a Service, in virtual seconds: from, and to (`None`: it goes on).
    pub service_outage: fn(u64, Option<u64>) -> String,
    /// A Service band's words when it had outages: the Service, its outages joined.
    pub service_down: fn(&str, &str) -> String,
    /// A Service band's words when it always had a ready endpoint since its first.
    pub service_steady: fn(&str) -> String,
    /// A Service band's words when it never had a ready endpoint in the window.
    pub service_waiting: fn(&str) -> String,

    // ---- terminal
    pub terminal: &'static str,
    pub terminal_hint: &'static str,
    /// Under the terminal's log while `kubectl explain`'s documentation is fetched.
    pub explain_loading: &'static str,
    /// Under the terminal's log while kubectl's help texts are fetched.
    pub help_loading: &'static str,
    pub terminal_output: &'static str,
    pub welcome: &'static str,
    pub scenario_loaded: fn(&str, &str) -> String,
    pub node_stopped: fn(&str) -> String,
    pub node_started: fn(&str) -> String,

    // ---- lessons, sharing
    pub lesson_started: fn(&str) -> String,
    pub session_restored: fn(&str) -> String,
    /// `kubectl edit` waits for the YAML panel: the file's name.
    pub editing: fn(&str) -> String,
    /// The edit tab's buttons (instead of Reset and Apply) and their tooltips.
    pub save_edit: &'static str,
    pub save_edit_title: fn(&str) -> String,
    pub cancel_edit: &'static str,
    pub cancel_edit_title: &'static str,
    /// The left panel's two tabs.
    pub tab_scenarios: &'static str,
    pub tab_lessons: &'static str,
    pub lessons: &'static str,
    pub minutes: fn(u32) -> String,
    pub completed: &'static str,
    pub load_lesson: &'static str,
    /// While the built-in lessons are fetched.
    pub lessons_loading: &'static str,
    pub lesson_file: &'static str,
    pub load: &'static str,
    pub all_lessons: &'static str,
    pub checks_passed: fn(usize, usize) -> String,
    pub lesson_complete: &'static str,
    pub next_lesson: &'static str,
    pub try_these: &'static str,
    pub checks: &'static str,
    pub check_passed: &'static str,
    pub check_open: &'static str,
    pub hint: &'static str,
    pub show_solution: &'static str,
    pub share: &'static str,
    pub share_title: &'static str,
    pub share_link: &'static str,
    pub share_copied: &'static str,
    pub write_file: fn(&str) -> String,
    pub run_title: &'static str,
    pub rewound: fn(&str) -> String,
    pub rewind: &'static str,
    pub rewind_title: &'static str,
    pub resumed: fn(&str) -> String,
    pub start_over: &'static str,

    // ---- event explanations (the sentences themselves are `explain::Explanation::{en,ko}`)
    /// Names the sentence under an event for screen readers.
    pub explanation_label: &'static str,
}

/// `1 pod`, `3 pods`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// English.
pub static EN: Texts = Texts {
    document_title: "kubeplay: a Kubernetes playground in your browser",
    tagline: "a simulated Kubernetes cluster in your browser",
    language_title: "Language of the page (kubectl output stays in English)",
    crash: |info| format!("kubeplay stopped because of a bug: {info}. Reload the page to start again."),

    region_editor: "Scenario and editor",
    region_cluster: "Cluster view",
    region_terminal: "Terminal",

    clock_group: "Clock",
    play: "Play",
    pause: "Pause",
    step: "Step",
    step_title: "Advance the cluster by one virtual second",
    speed: "Speed",
    virtual_time: "Virtual time",
    virtual_time_title: "Virtual time since the cluster started",

    scenario: "Scenario",
    scenario_title: "Resets the cluster and loads the scenario",
    restart: "Restart",
    restart_title: "Reset the cluster to the scenario's start",
    steps_label: "Try",
    paste_title: "Paste into the terminal (then press Enter)",
    stop_node: |node| format!("Stop {node}"),
    start_node: |node| format!("Start {node}"),
    open_file: |name| format!("Open {name}"),

    files: "Files",
    yaml_editor: "YAML editor",
    reset: "Reset",
    reset_title: |file| format!("Put the scenario's {file} back"),
    apply: "Apply",
    apply_title: |file, summary| format!("kubectl apply -f {file} (Ctrl+Enter){summary}"),
    no_problems: "No problems",
    problems_in: |file| format!("Problems in {file}"),
    problems_below: |n| match n {
        0 => String::new(),
        1 => " (1 problem below)".to_string(),
        n => format!(" ({n} problems below)"),
    },
    problem_title: "Show it in the editor",
    severity_error: "error",
    severity_warning: "warning",
    problem_at: |line, column, message| format!("Line {line}, column {column}: {message}"),

    cluster: "Cluster",
    cluster_summary: |n_nodes, n_pods, n_ready| format!("{} · {} · {n_ready} ready", plural(n_nodes, "node"), plural(n_pods, "pod")),
    system_title: "Show the pods the cluster itself runs (kube-system)",
    system_toggle: |n| format!("kube-system ({})", plural(n, "pod")),
    no_deployments: "No Deployments yet. Apply the YAML in the editor, or type a kubectl command below.",
    images: "Images",
    deployment_ready: |ready, replicas| format!("{ready}/{replicas} ready"),
    deployment_meta: |updated, available, strategy| format!("up-to-date {updated} · available {available} · {strategy}"),
    paused: "paused",
    autoscaled: |min, max| format!("HPA {min}–{max}"),
    autoscaled_title: |name, min, max| format!("HorizontalPodAutoscaler {name} keeps {min} to {max} replicas (no metrics-server here: it only enforces the bounds)"),
    revision: |revision| format!("rev {revision}"),
    replica_set_counts: |desired, current, ready| format!("{desired} desired · {current} current · {ready} ready"),
    service_summary: |name, selector, n_ready, n_not_ready| {
        format!(
            "service {name}: selector {selector}, {n_ready} ready endpoint{}{}",
            if n_ready == 1 { "" } else { "s" },
            if n_not_ready == 0 { String::new() } else { format!(", {n_not_ready} not ready") },
        )
    },
    no_selector: "no selector",
    no_ready_endpoints: "no ready endpoints",
    ready_pods_arrow: |n| format!("→ {}", plural(n, "ready pod")),
    n_not_ready: |n| format!(" · {n} not ready"),
    node_label: |node| format!("node {node}"),
    taint_title: |taint| format!("Taint {taint}: pods that do not tolerate it are kept off this node (NoExecute also evicts them)"),
    unscheduled: "unscheduled",
    n_pods: |n| plural(n, "pod"),
    no_pods: "no pods",
    bare_pods: "bare",
    no_owner_title: "pods without an owner",
    pod_summary: |name, status, ready, image, ip| {
        format!(
            "pod {name}: {status}{}, image {image}{}",
            if ready { ", ready" } else { ", not ready" },
            if ip.is_empty() { String::new() } else { format!(", IP {ip}") },
        )
    },
    pod_click_hint: "Click: kubectl describe pod",
    pod_containers: |ready, total| format!("{ready} of {total} containers ready"),
    recent_events: "Recent events",
    no_events: "No events yet.",

    timeline: "Timeline",
    ready_pods: "Ready pods",
    timeline_max: |max| format!("max {max}"),
    timeline_now: "now",
    nothing: "none",
    timeline_summary: |seconds, now| format!("Ready pods per image, last {seconds} s. Now: {now}."),
    available_count: |n| format!("{n} available"),
    available_legend: "available",
    available_title: "Full colour: available (Ready for the ReplicaSet's minReadySeconds). Pale: ready, not available (not yet, or terminating).",
    service_outage: |from, to| match to {
        Some(to) => format!("from {from} s to {to} s"),
        None => format!("since {from} s"),
    },
    service_down: |service, outages| format!("Service {service}: no ready endpoints {outages}"),
    service_steady: |service| format!("Service {service}: a ready endpoint all along"),
    service_waiting: |service| format!("Service {service}: no ready endpoints yet"),

    terminal: "Terminal",
    terminal_hint: "Tab completes · ↑/↓ history · clear · sleep N",
    explain_loading: "loading the API documentation…",
    help_loading: "loading kubectl's help…",
    terminal_output: "Terminal output",
    welcome: "Welcome to kubeplay: a simulated cluster with two nodes. Pick one from the Scenario menu, or type kubectl commands here.",
    scenario_loaded: |title, summary| format!("Scenario: {title}. {summary}"),
    node_stopped: |node| format!("{node} stopped (its kubelet no longer reports)"),
    node_started: |node| format!("{node} started"),
    lesson_started: |title| format!("Lesson: {title}. Follow its steps in the Lessons panel; the checks tick as you work."),
    session_restored: |seconds| format!("Opened a shared session at {seconds} s of cluster time (paused). Press Play to go on."),
    editing: |file| format!("kubectl edit opened {file} in the YAML panel, as vi would in a real terminal: change it, then press Save to send the changes, or Cancel to leave the objects as they are."),
    save_edit: "Save",
    save_edit_title: |file| format!("Save {file} and close it: kubectl edit sends the changes (Ctrl+Enter)"),
    cancel_edit: "Cancel",
    cancel_edit_title: "Close the editor without saving: Edit cancelled, no changes made",
    tab_scenarios: "Scenarios",
    tab_lessons: "Lessons",
    lessons: "Lessons",
    minutes: |n| format!("{n} min"),
    completed: "done",
    load_lesson: "Load a lesson file",
    lessons_loading: "Loading the lessons…",
    lesson_file: "Lesson file (YAML)",
    load: "Load",
    all_lessons: "← All lessons",
    checks_passed: |passed, total| format!("{passed} of {total} checks passed"),
    lesson_complete: "Lesson complete. Well done!",
    next_lesson: "Next lesson →",
    try_these: "Commands to try",
    checks: "Checks",
    check_passed: "(passed)",
    check_open: "(not yet)",
    hint: "Hint",
    show_solution: "Show the solution",
    share: "Share",
    share_title: "A link that opens this exact cluster, files, lesson and language (nothing leaves your browser)",
    share_link: "Share link",
    share_copied: "Link copied",
    write_file: |name| format!("Put the solution's text into {name}"),
    run_title: "Run this command now",
    rewound: |seconds| format!("Rewound to {seconds} s (paused). What you do now starts a new history from here."),
    rewind: "Rewind",
    resumed: |seconds| format!("Welcome back: your lesson is where you left it, at {seconds} s (paused). Press Play to go on, or Start over."),
    start_over: "Start over",
    rewind_title: "Go back in time: the cluster as it was then (the journal replayed up to that second)",

    explanation_label: "Why: ",
};

/// Korean, in the words of the Korean Kubernetes docs: 파드, 디플로이먼트, 레플리카셋, 서비스,
/// 엔드포인트, 셀렉터, 리비전, 롤아웃, 롤백, 레디니스 프로브. Kinds and API values that kubectl
/// prints (`Running`, `NotReady`, `RollingUpdate`) stay as they are.
pub static KO: Texts = Texts {
    document_title: "kubeplay: 브라우저에서 실습하는 쿠버네티스",
    tagline: "브라우저 안에서 돌아가는 시뮬레이션 쿠버네티스 클러스터",
    language_title: "페이지 언어 (kubectl 출력은 영어 그대로)",
    crash: |info| format!("kubeplay가 버그로 멈췄습니다: {info}. 페이지를 새로 고쳐 다시 시작하세요."),

    region_editor: "시나리오와 편집기",
    region_cluster: "클러스터 보기",
    region_terminal: "터미널",

    clock_group: "시계",
    play: "재생",
    pause: "일시 정지",
    step: "1초 진행",
    step_title: "클러스터를 가상 시간으로 1초 진행합니다",
    speed: "속도",
    virtual_time: "가상 시간",
    virtual_time_title: "클러스터가 시작된 뒤 흐른 가상 시간",

    scenario: "시나리오",
    scenario_title: "클러스터를 초기화하고 시나리오를 불러옵니다",
    restart: "다시 시작",
    restart_title: "클러스터를 시나리오의 처음 상태로 되돌립니다",
    steps_label: "해 보기",
    paste_title: "터미널에 붙여 넣습니다 (그다음 Enter)",
    stop_node: |node| format!("{node} 중지"),
    start_node: |node| format!("{node} 시작"),
    open_file: |name| format!("{name} 열기"),

    files: "파일",
    yaml_editor: "YAML 편집기",
    reset: "되돌리기",
    reset_title: |file| format!("{file}을(를) 시나리오의 처음 내용으로 되돌립니다"),
    apply: "적용",
    apply_title: |file, summary| format!("kubectl apply -f {file} (Ctrl+Enter){summary}"),
    no_problems: "문제 없음",
    problems_in: |file| format!("{file}의 문제"),
    problems_below: |n| if n == 0 { String::new() } else { format!(" (아래에 문제 {n}개)") },
    problem_title: "편집기에서 보기",
    severity_error: "오류",
    severity_warning: "경고",
    problem_at: |line, column, message| format!("{line}행 {column}열: {message}"),

    cluster: "클러스터",
    cluster_summary: |n_nodes, n_pods, n_ready| format!("노드 {n_nodes}개 · 파드 {n_pods}개 · 준비 {n_ready}개"),
    system_title: "클러스터 자체가 실행하는 파드 보기 (kube-system)",
    system_toggle: |n| format!("kube-system (파드 {n}개)"),
    no_deployments: "아직 디플로이먼트가 없습니다. 편집기의 YAML을 적용하거나 아래에 kubectl 명령을 입력하세요.",
    images: "이미지",
    deployment_ready: |ready, replicas| format!("{ready}/{replicas} 준비"),
    deployment_meta: |updated, available, strategy| format!("최신 {updated} · 사용 가능 {available} · {strategy}"),
    paused: "일시 중지됨",
    autoscaled: |min, max| format!("HPA {min}–{max}"),
    autoscaled_title: |name, min, max| format!("HorizontalPodAutoscaler {name}이(가) 레플리카를 {min}~{max}개로 유지합니다(여기에는 metrics-server가 없어 범위만 지킵니다)"),
    revision: |revision| format!("리비전 {revision}"),
    replica_set_counts: |desired, current, ready| format!("목표 {desired} · 현재 {current} · 준비 {ready}"),
    service_summary: |name, selector, n_ready, n_not_ready| {
        format!(
            "서비스 {name}: 셀렉터 {selector}, 준비된 엔드포인트 {n_ready}개{}",
            if n_not_ready == 0 { String::new() } else { format!(", 준비되지 않음 {n_not_ready}개") },
        )
    },
    no_selector: "셀렉터 없음",
    no_ready_endpoints: "준비된 엔드포인트 없음",
    ready_pods_arrow: |n| format!("→ 준비된 파드 {n}개"),
    n_not_ready: |n| format!(" · 준비되지 않음 {n}개"),
    node_label: |node| format!("노드 {node}"),
    taint_title: |taint| format!("테인트 {taint}: 이 테인트를 톨러레이션하지 않는 파드는 이 노드에 스케줄되지 않습니다 (NoExecute는 실행 중인 파드도 축출합니다)"),
    unscheduled: "스케줄되지 않음",
    n_pods: |n| format!("파드 {n}개"),
    no_pods: "파드 없음",
    bare_pods: "단독 파드",
    no_owner_title: "소유자가 없는 파드",
    pod_summary: |name, status, ready, image, ip| {
        format!(
            "파드 {name}: {status}, {}, 이미지 {image}{}",
            if ready { "준비됨" } else { "준비되지 않음" },
            if ip.is_empty() { String::new() } else { format!(", IP {ip}") },
        )
    },
    pod_click_hint: "클릭: kubectl describe pod",
    pod_containers: |ready, total| format!("컨테이너 {total}개 중 {ready}개 준비됨"),
    recent_events: "최근 이벤트",
    no_events: "아직 이벤트가 없습니다.",

    timeline: "타임라인",
    ready_pods: "준비된 파드",
    timeline_max: |max| format!("최대 {max}"),
    timeline_now: "지금",
    nothing: "없음",
    timeline_summary: |seconds, now| format!("이미지별 준비된 파드, 최근 {seconds}초. 지금: {now}."),
    available_count: |n| format!("사용 가능 {n}개"),
    available_legend: "사용 가능",
    available_title: "진한 색: 사용 가능 (레플리카셋의 minReadySeconds 동안 Ready). 옅은 색: 준비됐지만 사용 가능하지 않음 (아직이거나 종료 중).",
    service_outage: |from, to| match to {
        Some(to) => format!("{from}초부터 {to}초까지"),
        None => format!("{from}초부터 지금까지"),
    },
    service_down: |service, outages| format!("서비스 {service}: {outages} 준비된 엔드포인트 없음"),
    service_steady: |service| format!("서비스 {service}: 준비된 엔드포인트가 끊긴 적 없음"),
    service_waiting: |service| format!("서비스 {service}: 아직 준비된 엔드포인트 없음"),

    terminal: "터미널",
    terminal_hint: "Tab 자동 완성 · ↑/↓ 명령 기록 · clear · sleep N",
    explain_loading: "API 문서를 불러오는 중…",
    help_loading: "kubectl 도움말을 불러오는 중…",
    terminal_output: "터미널 출력",
    welcome: "kubeplay에 오신 것을 환영합니다. 노드 두 개로 된 시뮬레이션 클러스터입니다. 시나리오 메뉴에서 하나를 고르거나, 여기에 kubectl 명령을 입력하세요.",
    scenario_loaded: |title, summary| format!("시나리오: {title}. {summary}"),
    node_stopped: |node| format!("{node} 중지됨 (kubelet이 더 이상 상태를 보고하지 않습니다)"),
    node_started: |node| format!("{node} 시작됨"),
    lesson_started: |title| format!("레슨: {title}. 레슨 패널의 단계를 따라 하세요. 진행하면 확인 항목에 체크가 표시됩니다."),
    session_restored: |seconds| format!("공유된 세션을 열었습니다. 클러스터 시간 {seconds}초에서 일시 정지 상태입니다. 재생을 눌러 계속하세요."),
    editing: |file| format!("kubectl edit가 실제 터미널의 vi처럼 {file}을(를) YAML 패널에 열었습니다. 고친 뒤 저장을 누르면 변경이 전송되고, 취소를 누르면 오브젝트는 그대로 남습니다."),
    save_edit: "저장",
    save_edit_title: |file| format!("{file}을(를) 저장하고 닫습니다: kubectl edit가 변경을 전송합니다 (Ctrl+Enter)"),
    cancel_edit: "취소",
    cancel_edit_title: "저장하지 않고 편집기를 닫습니다: Edit cancelled, no changes made",
    tab_scenarios: "시나리오",
    tab_lessons: "레슨",
    lessons: "레슨",
    minutes: |n| format!("{n}분"),
    completed: "완료",
    load_lesson: "레슨 파일 불러오기",
    lessons_loading: "레슨을 불러오는 중…",
    lesson_file: "레슨 파일 (YAML)",
    load: "불러오기",
    all_lessons: "← 전체 레슨",
    checks_passed: |passed, total| format!("확인 항목 {total}개 중 {passed}개 통과"),
    lesson_complete: "레슨을 마쳤습니다. 잘하셨어요!",
    next_lesson: "다음 레슨 →",
    try_these: "실행해 볼 명령어",
    checks: "확인 항목",
    check_passed: "(통과)",
    check_open: "(아직)",
    hint: "힌트",
    show_solution: "정답 보기",
    share: "공유",
    share_title: "지금의 클러스터, 파일, 레슨, 언어를 그대로 여는 링크 (브라우저 밖으로 아무것도 보내지 않습니다)",
    share_link: "공유 링크",
    share_copied: "링크를 복사했습니다",
    write_file: |name| format!("정답 내용을 {name}에 넣기"),
    run_title: "이 명령어를 바로 실행",
    rewound: |seconds| format!("{seconds}초로 되감았습니다 (일시 정지). 여기서부터 하는 일은 새로운 기록이 됩니다."),
    rewind: "되감기",
    resumed: |seconds| format!("다시 오셨네요. 레슨을 멈췄던 곳({seconds}초, 일시 정지)에서 이어 갑니다. 재생을 누르거나 처음부터 다시 시작하세요."),
    start_over: "처음부터",
    rewind_title: "시간을 되돌립니다: 그 시점의 클러스터 (기록을 그 초까지 다시 실행)",

    explanation_label: "이유: ",
};
