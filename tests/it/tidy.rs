//! Architecture invariants, as tests: the engine is a pure core.

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/engine`, `src/kubectl`, `src/yaml` and `src/script` name no browser crate, no wall clock
/// and no unseeded randomness.
#[test]
fn core_has_no_shell_dependencies() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let forbidden = ["yew", "gloo", "web_sys", "js_sys", "wasm_bindgen", "Instant::now", "SystemTime", "thread_rng", "rand::"];
    let mut files = Vec::new();
    for dir in ["engine", "kubectl", "yaml", "script"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found the core's files");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}

/// The engine depends on nothing outside it: not kubectl, not the page, not the facade.
#[test]
fn engine_depends_inward_only() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in ["crate::kubectl", "crate::ui", "crate::playground", "crate::script", "crate::yaml", "crate::view::snapshot"] {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

/// Tests never hide: no ignored or should_panic tests.
#[test]
fn no_ignored_tests() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let ignore = ["#[", "ignore]"].concat();
    let should_panic = ["#[", "should_panic"].concat();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains(&ignore) && !text.contains(&should_panic), "{}", file.display());
    }
}
