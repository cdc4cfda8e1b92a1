//! The language switch's logic: which language the page opens in, the presets' translations,
//! the terminal's notes, and the mounted App in Korean.

use std::time::Duration;

use kubeplay::ui::i18n::{choose_lang, query_param, Lang, Note, Tr, EN, KO, STORAGE_KEY};
use kubeplay::ui::presets::PRESETS;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn codes_parse_back_to_their_language() {
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.code()), Some(lang));
    }
    assert_eq!(Lang::parse(" KO "), Some(Lang::Ko));
    assert_eq!(Lang::parse("fr"), None);
    assert_eq!(Lang::parse(""), None);
    assert_eq!(Lang::default(), Lang::En);
}

#[wasm_bindgen_test]
fn the_query_wins_then_the_saved_choice_then_the_browser() {
    let check = |query: Option<&str>, saved: Option<&str>, browser: Option<&str>, expected: Lang| {
        assert_eq!(choose_lang(query, saved, browser), expected, "query {query:?}, saved {saved:?}, browser {browser:?}");
    };
    check(Some("ko"), Some("en"), Some("en-US"), Lang::Ko);
    check(Some("en"), Some("ko"), Some("ko-KR"), Lang::En);
    check(None, Some("ko"), Some("en-US"), Lang::Ko);
    check(None, Some("en"), Some("ko-KR"), Lang::En);
    check(Some("fr"), Some("ko"), None, Lang::Ko); // an unknown value falls through
    check(None, None, Some("ko-KR"), Lang::Ko);
    check(None, None, Some("ko"), Lang::Ko);
    check(None, None, Some("KO-kr"), Lang::Ko);
    check(None, None, Some("kok"), Lang::En); // Konkani, not Korean
    check(None, None, Some("en-GB"), Lang::En);
    check(None, None, Some("ja-JP"), Lang::En);
    check(None, None, None, Lang::En);
}

#[wasm_bindgen_test]
fn query_params_are_found_by_name() {
    assert_eq!(query_param("?lang=ko", "lang").as_deref(), Some("ko"));
    assert_eq!(query_param("?a=1&lang=en&b", "lang").as_deref(), Some("en"));
    assert_eq!(query_param("?language=ko", "lang"), None);
    assert_eq!(query_param("?lang", "lang").as_deref(), Some(""));
    assert_eq!(query_param("", "lang"), None);
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[wasm_bindgen_test]
fn every_preset_reads_in_korean_and_english() {
    let check = |what: &str, text: Tr| {
        assert!(!text.en.trim().is_empty() && !has_hangul(text.en), "{what}: English {:?}", text.en);
        assert!(has_hangul(text.ko), "{what}: Korean {:?}", text.ko);
        assert_eq!(text.get(Lang::En), text.en);
        assert_eq!(text.get(Lang::Ko), text.ko);
        // Line continuations must not glue words together.
        assert!(!text.ko.contains("  ") && !text.en.contains("  "), "{what}: {text:?}");
    };
    for preset in PRESETS {
        check(preset.id, preset.title);
        check(preset.id, preset.summary);
        for step in preset.steps() {
            check(preset.id, step.note);
        }
    }
}

#[wasm_bindgen_test]
fn notes_are_written_in_the_language_of_the_moment() {
    let rolling = &PRESETS[0];
    assert_eq!(Note::Scenario(rolling).text(Lang::En, ""), format!("Scenario: Rolling update. {}", rolling.summary.en));
    assert_eq!(Note::Scenario(rolling).text(Lang::Ko, ""), format!("시나리오: 롤링 업데이트. {}", rolling.summary.ko));
    assert_eq!(Note::NodeStarted.text(Lang::En, "node-2"), "node-2 started");
    assert_eq!(Note::NodeStarted.text(Lang::Ko, "node-2"), "node-2 시작됨");
    assert!(Note::Welcome.text(Lang::En, "").starts_with("Welcome to kubeplay"));
    assert!(has_hangul(&Note::Welcome.text(Lang::Ko, "")));
    // A few fixed strings, and the words that stay English in both.
    assert_eq!((EN.apply, KO.apply), ("Apply", "적용"));
    assert_eq!((EN.play, EN.pause), ("Play", "Pause"));
    assert_eq!((KO.n_pods)(3), "파드 3개");
    assert_eq!((EN.n_pods)(1), "1 pod");
    assert_eq!((KO.problem_at)(6, 3, "unknown field \"replica\""), "6행 3열: unknown field \"replica\"");
}

/// The App reads the saved language on mount: Korean prose, English kubectl.
#[wasm_bindgen_test]
async fn the_app_opens_in_the_saved_language() {
    let storage = gloo::utils::window().local_storage().ok().flatten().expect("local storage");
    storage.set_item(STORAGE_KEY, "ko").expect("saved");
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("append");
    let app = yew::Renderer::<kubeplay::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(300)).await;

    let html_lang = document.document_element().and_then(|html| html.get_attribute("lang"));
    let text_of = |selector: &str| {
        root.query_selector(selector).ok().flatten().and_then(|element| element.text_content()).unwrap_or_default()
    };
    let apply = text_of("button.primary");
    let tagline = text_of(".tagline");
    let output = text_of(".terminal-output");
    let kubectl = root.query_selector("input[aria-label=\"kubectl\"]").expect("a selector").is_some();
    let play = root.query_selector("button[aria-label=\"Pause\"]").expect("a selector").is_some();
    app.destroy();
    storage.remove_item(STORAGE_KEY).expect("removed");
    kubeplay::ui::i18n::apply_to_document(Lang::En);
    root.remove();

    assert_eq!(html_lang.as_deref(), Some("ko"));
    assert_eq!(apply, "적용");
    assert!(has_hangul(&tagline), "{tagline}");
    assert!(output.contains("kubeplay에 오신 것을 환영합니다"), "{output}");
    assert!(output.contains("deployment.apps/nginx-deployment created"), "kubectl stays English: {output}");
    assert!(kubectl && play, "the accessible names kubectl and Pause stay English");
}
