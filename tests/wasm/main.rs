//! Browser smoke tests of the page shell (wasm-bindgen-test in headless Chromium; see scripts/test).
//! Native `cargo test` compiles this file to nothing: everything here needs a browser.
#![cfg(target_arch = "wasm32")]

mod explain;
mod i18n;
mod lessons;
mod shell;
mod smoke;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
