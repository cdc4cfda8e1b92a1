//! Browser smoke tests of the page shell (wasm-bindgen-test in headless Chromium; see scripts/test).
//! Native `cargo test` compiles this file to nothing: everything here needs a browser.
#![cfg(target_arch = "wasm32")]

mod explain;
mod explain_docs;
mod help_texts;
mod i18n;
mod lessons;
mod marks;
mod order;
mod shell;
mod smoke;
mod timeline;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The built-in lessons, as the page has them once fetched (build.rs lists them for the tests
/// too; the page's own fetch is covered end to end in tests/e2e).
mod built_in {
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

/// Installs the built-in lessons, as the page does after fetching them.
pub fn install_lessons() {
    assert_eq!(built_in::BUILT_IN.len(), kubeplay::lessons::catalog::FILES.len());
    kubeplay::lessons::catalog::install(built_in::BUILT_IN.iter().map(|(_, text)| text.to_string()).collect());
}
