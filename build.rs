//! Lists the built-in lessons (static/lessons/*.yaml) for the crate. Natively they are embedded,
//! so `kubeplay lessons check` and the tests check the same texts offline; the page (wasm) does
//! not carry them: Trunk copies the folder next to it (index.html) and the page fetches the files
//! when the Lessons tab or a lesson link needs them, by the names and version written here.
//! Adding a lesson is adding a file.
//!
//! It also writes the outlines of kubectl's help texts (src/kubectl/help/, see
//! src/kubectl/help_outline.rs): the page's build embeds them instead of the texts themselves.

use std::path::Path;

#[path = "src/kubectl/help_outline.rs"]
mod help_outline;

fn main() {
    let dir = Path::new("static/lessons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let mut embedded = String::from("/// The built-in lessons: (file name, text), in file-name order.\npub const BUILT_IN: &[(&str, &str)] = &[\n");
    let mut files = String::from("/// The built-in lessons' file names, in file-name order.\npub const FILES: &[&str] = &[\n");
    // FNV-1a over names and texts: a new text is a new URL, so no cache serves an old lesson.
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    for name in &names {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        let path = Path::new(&root).join(dir).join(name);
        let text = std::fs::read(&path).unwrap_or_default();
        for byte in name.bytes().chain([0]).chain(text) {
            version = (version ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        embedded.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
        files.push_str(&format!("    {name:?},\n"));
    }
    embedded.push_str("];\n");
    files.push_str(&format!("];\n\n/// Changes with any lesson file: the query string the page fetches them with.\npub const VERSION: &str = \"{version:016x}\";\n"));
    std::fs::write(out.join("lessons.rs"), embedded).expect("OUT_DIR is writable");
    std::fs::write(out.join("lesson_files.rs"), files).expect("OUT_DIR is writable");
    write_help_outlines(&root, &out);
    ask_for_link_map(&out);
}

/// The page's wasm build asks the linker for its map, `<target>/wasm32-unknown-unknown/<profile>/
/// kubeplay-web.map`: where each static lies, which scripts/split-wasm.mjs needs to leave the
/// statics the first load does not read to the second part of the page's wasm.
fn ask_for_link_map(out: &Path) {
    if !std::env::var("TARGET").is_ok_and(|target| target.starts_with("wasm32")) {
        return;
    }
    // OUT_DIR is <target>/<triple>/<profile>/build/<package>-<hash>/out.
    if let Some(profile_dir) = out.ancestors().nth(3) {
        println!("cargo:rustc-link-arg-bin=kubeplay-web=--Map={}", profile_dir.join("kubeplay-web.map").display());
    }
}

/// `help_outlines.rs`: `OUTLINES` (command path, outline of its help text), in path order, and
/// `OPTIONS_OUTLINE` (the outline of `kubectl options`).
fn write_help_outlines(root: &str, out: &Path) {
    let dir = Path::new(root).join("src/kubectl/help");
    println!("cargo:rerun-if-changed=src/kubectl/help");
    println!("cargo:rerun-if-changed=src/kubectl/help_outline.rs");
    let mut outlines: Vec<(String, String)> = Vec::new();
    let mut options = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if name == "options.txt" {
            options = help_outline::outline(&text);
        } else if let Some(command) = help_outline::command_path(&name) {
            outlines.push((command, help_outline::outline(&text)));
        }
    }
    outlines.sort();
    let mut code = String::from("/// Each command's help outline, by its path below `kubectl` (`\"\"` is the root), in path order.\npub const OUTLINES: &[(&str, &str)] = &[\n");
    for (command, outline) in &outlines {
        code.push_str(&format!("    ({command:?}, {outline:?}),\n"));
    }
    code.push_str(&format!("];\n\n/// The outline of `kubectl options`.\npub const OPTIONS_OUTLINE: &str = {options:?};\n"));
    std::fs::write(out.join("help_outlines.rs"), code).expect("OUT_DIR is writable");
}
