//! The browser APIs the page uses beyond yew and gloo, reached through reflection (web-sys's
//! Location, History, Navigator and Clipboard features are not enabled): the URL, the host page
//! of an iframe, the clipboard, and fetching lesson files (the built-in ones, a teacher's).

use wasm_bindgen::{JsCast, JsValue};

/// A property of a JS object, `None` when missing, undefined or null.
pub fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &name.into()).ok().filter(|value| !value.is_undefined() && !value.is_null())
}

fn window() -> JsValue {
    gloo::utils::window().into()
}

fn location_part(name: &str) -> String {
    property(&window(), "location").and_then(|location| property(&location, name)?.as_string()).unwrap_or_default()
}

/// `location.search`, `?` included.
pub fn search() -> String {
    location_part("search")
}

/// `location.hash`, `#` included.
pub fn hash() -> String {
    location_part("hash")
}

/// The page's URL without its fragment.
pub fn url_without_hash() -> String {
    let href = location_part("href");
    href.split('#').next().unwrap_or_default().to_string()
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function = property(target, method)?.dyn_into::<js_sys::Function>().ok()?;
    let array: js_sys::Array = args.iter().collect();
    function.apply(target, &array).ok()
}

/// Focuses `element` without scrolling it into view (`focus({preventScroll: true})`): the page
/// opens with the prompt focused, but on a tablet or phone the drawing above it stays in sight.
pub fn focus_without_scroll(element: &JsValue) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &JsValue::TRUE);
    call(element, "focus", &[options.into()]);
}

/// Replaces the URL's fragment without adding a history entry or reloading.
pub fn replace_hash(fragment: &str) {
    let Some(history) = property(&window(), "history") else { return };
    let url = format!("{}{}{}", location_part("pathname"), search(), if fragment.is_empty() { String::new() } else { format!("#{fragment}") });
    call(&history, "replaceState", &[JsValue::NULL, "".into(), url.into()]);
}

/// Whether the page runs in an iframe (its `parent` is another window).
pub fn is_embedded() -> bool {
    let window = window();
    property(&window, "parent").is_some_and(|parent| !js_sys::Object::is(&parent, &window))
}

/// Posts a JSON text to the host page as an object (`postMessage(obj, "*")`). The messages hold
/// only lesson ids and counts, so any origin may read them.
pub fn post_to_host(json: &str) {
    if !is_embedded() {
        return;
    }
    let Some(parent) = property(&window(), "parent") else { return };
    if let Ok(message) = js_sys::JSON::parse(json) {
        call(&parent, "postMessage", &[message, "*".into()]);
    }
}

/// Copies text to the clipboard when the browser allows it; silently nothing otherwise.
pub fn copy_to_clipboard(text: &str) {
    let clipboard = property(&window(), "navigator").and_then(|navigator| property(&navigator, "clipboard"));
    if let Some(clipboard) = clipboard {
        if let Some(promise) = call(&clipboard, "writeText", &[text.into()]).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
            // A refused permission rejects the promise; the link stays visible to copy by hand.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

/// Fetches a text file (a teacher's lesson) and hands the text or an error sentence to `done`.
pub fn fetch_text(url: String, done: impl FnOnce(Result<String, String>) + 'static) {
    fetch_texts(vec![url], move |texts| done(texts.map(|mut texts| texts.pop().unwrap_or_default())));
}

/// Fetches text files, all requests at once, and hands their texts (in the order of `urls`) or
/// the first error sentence to `done`.
pub fn fetch_texts(urls: Vec<String>, done: impl FnOnce(Result<Vec<String>, String>) + 'static) {
    // Every request is sent before the first answer is awaited.
    let requests: Vec<(String, Result<js_sys::Promise, String>)> = urls.into_iter().map(|url| {
        let request = start_fetch(&url);
        (url, request)
    }).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut texts = Vec::with_capacity(requests.len());
        for (url, request) in requests {
            match read_text(&url, request).await {
                Ok(text) => texts.push(text),
                Err(error) => return done(Err(error)),
            }
        }
        done(Ok(texts));
    });
}

fn failed(url: &str, what: &str) -> String {
    format!("could not load {url}: {what}")
}

fn start_fetch(url: &str) -> Result<js_sys::Promise, String> {
    call(&window(), "fetch", &[url.into()]).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()).ok_or_else(|| failed(url, "no fetch"))
}

async fn read_text(url: &str, request: Result<js_sys::Promise, String>) -> Result<String, String> {
    let response = wasm_bindgen_futures::JsFuture::from(request?)
        .await
        .map_err(|_| failed(url, "the request failed (offline, or the server does not allow other sites: CORS)"))?;
    let ok = property(&response, "ok").and_then(|v| v.as_bool()).unwrap_or(false);
    if !ok {
        let status = property(&response, "status").and_then(|v| v.as_f64()).unwrap_or(0.0);
        return Err(failed(url, &format!("HTTP {status}")));
    }
    let text = call(&response, "text", &[]).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()).ok_or_else(|| failed(url, "no body"))?;
    let text = wasm_bindgen_futures::JsFuture::from(text).await.map_err(|_| failed(url, "the body could not be read"))?;
    text.as_string().ok_or_else(|| failed(url, "the body is not text"))
}
