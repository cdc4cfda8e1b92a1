//! Lists the built-in lessons (static/lessons/*.yaml) for the crate. Natively they are embedded,
//! so `kubeplay lessons check` and the tests check the same texts offline; the page (wasm) does
//! not carry them: Trunk copies the folder next to it (index.html) and the page fetches the files
//! when the Lessons tab or a lesson link needs them, by the names and version written here.
//! Adding a lesson is adding a file.

use std::path::Path;

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
}
