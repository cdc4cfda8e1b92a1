//! The browser entry point that Trunk builds (index.html, `data-bin="kubeplay-web"`): mounts `ui::App`.

#[cfg(target_arch = "wasm32")]
fn main() {
    kubeplay::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kubeplay-web is the browser entry; build it with trunk (scripts/serve), or run the native `kubeplay`");
    std::process::exit(2);
}
