//! The native runner: `kubeplay run SCRIPT [--seed N] [--timing reference] [--events FILE]`
//! and `kubeplay bench`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kubeplay::engine::timing::Timing;
use kubeplay::engine::Cluster;
use kubeplay::script::Step;

/// The native runner allocates through mimalloc (see `kubeplay::allocator`).
/// Native only: mimalloc is not a dependency on wasm32, where `cargo test --target wasm32` still
/// builds this binary.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: kubeplay::allocator::Allocator = kubeplay::allocator::Allocator {};

const USAGE: &str = "usage:
  kubeplay run SCRIPT [--seed N] [--timing realistic|reference] [--events FILE]
  kubeplay bench [--sizes 1000,10000,150000] [--nodes 5000] [--repeat N] [--no-events]
  kubeplay lessons check [FILE|DIR ...]   (default: static/lessons)";

fn main() -> ExitCode {
    #[cfg(not(target_arch = "wasm32"))]
    kubeplay::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("lessons") if args.get(1).map(String::as_str) == Some("check") => lessons_check(&args[2..]),
        Some("bench") => {
            kubeplay::bench::main(&args[1..]);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Loads the files next to the script (recursively, small text files) so `-f NAME` finds them.
fn load_files(cluster: &mut Cluster, dir: &Path, prefix: &str, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() && depth < 8 {
            load_files(cluster, &path, &format!("{name}/"), depth + 1);
        } else if path.is_file() && entry.metadata().map(|m| m.len() < 1_000_000).unwrap_or(false) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                cluster.add_file(&name, &text);
            }
        }
    }
}

/// The files a script's `-f` names that are not next to it, found as bash finds them when it
/// runs the same script: an absolute path, or a path from the current directory (`-f
/// ../manifests/web.yaml`, `-f /tmp/web.yaml`, a directory). Each is kept under the name as
/// written, so kubectl's messages name it as the author typed it. Files the script writes
/// itself (`cat > FILE`) are left to the script.
fn load_named_files(cluster: &mut Cluster, steps: &[Step]) {
    let written: Vec<&str> = steps.iter().filter_map(|step| if let Step::WriteFile { name, .. } = step { Some(name.as_str()) } else { None }).collect();
    for step in steps {
        let Step::Kubectl { line, .. } = step else { continue };
        let Ok(words) = kubeplay::kubectl::args::shell_words(line) else { continue };
        let mut words = words.iter();
        while let Some(word) = words.next() {
            let name = match word.as_str() {
                "-f" | "--filename" => words.next().cloned(),
                other => other.strip_prefix("--filename=").or_else(|| other.strip_prefix("-f=")).map(str::to_string),
            };
            let Some(name) = name else { continue };
            if name == "-" || name.contains("://") || written.contains(&name.as_str()) || cluster.file(&name).is_some() {
                continue;
            }
            let path = Path::new(&name);
            if path.is_dir() {
                load_files(cluster, path, &format!("{}/", name.trim_end_matches('/')), 0);
            } else if let Ok(text) = std::fs::read_to_string(path) {
                cluster.add_file(&name, &text);
            }
        }
    }
}

fn run(args: &[String]) -> ExitCode {
    let mut script: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut timing = Timing::realistic();
    let mut events: Option<PathBuf> = None;
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        let mut value = || {
            index += 1;
            args.get(index).cloned()
        };
        match arg.as_str() {
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(v) => seed = v,
                None => return usage_error("--seed needs a number"),
            },
            "--timing" => match value().as_deref().and_then(Timing::parse) {
                Some(t) => timing = t,
                None => return usage_error("--timing is realistic or reference"),
            },
            "--events" => match value() {
                Some(v) => events = Some(PathBuf::from(v)),
                None => return usage_error("--events needs a file"),
            },
            other if other.starts_with("--seed=") => match other[7..].parse() {
                Ok(v) => seed = v,
                Err(_) => return usage_error("--seed needs a number"),
            },
            other if other.starts_with("--timing=") => match Timing::parse(&other[9..]) {
                Some(t) => timing = t,
                None => return usage_error("--timing is realistic or reference"),
            },
            other if other.starts_with("--events=") => events = Some(PathBuf::from(&other[9..])),
            other if other.starts_with('-') => return usage_error(&format!("unknown flag {other}")),
            other => script = Some(PathBuf::from(other)),
        }
        index += 1;
    }
    let Some(script) = script else { return usage_error("missing SCRIPT") };
    let text = match std::fs::read_to_string(&script) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("kubeplay: cannot read {}: {error}", script.display());
            return ExitCode::from(2);
        }
    };
    let mut cluster = Cluster::new(seed, timing);
    cluster.events_mut().keep_all = events.is_some();
    if let Some(dir) = script.parent() {
        load_files(&mut cluster, if dir.as_os_str().is_empty() { Path::new(".") } else { dir }, "", 0);
    }
    let steps = kubeplay::script::parse(&text);
    load_named_files(&mut cluster, &steps);
    let transcript = kubeplay::script::run(&mut cluster, &steps);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(transcript.text.as_bytes());
    if let Some(path) = events {
        let lines: String = cluster
            .events()
            .emitted()
            .iter()
            .map(|e| {
                format!(
                    "{}\n",
                    serde_json::json!({
                        "time": e.at_ms as f64 / 1000.0,
                        "type": e.type_,
                        "reason": e.reason,
                        "object": e.object,
                        "namespace": e.namespace,
                        "message": e.message,
                    })
                )
            })
            .collect();
        if let Err(error) = std::fs::write(&path, lines) {
            eprintln!("kubeplay: cannot write {}: {error}", path.display());
            return ExitCode::from(2);
        }
    }
    if transcript.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("kubeplay: {message}\n{USAGE}");
    ExitCode::from(2)
}

/// `kubeplay lessons check [FILE|DIR ...]`: runs every lesson's reference solution and its checks
/// (see `kubeplay::lessons::verify`); prints a line per lesson and `N lessons pass`.
fn lessons_check(args: &[String]) -> ExitCode {
    let targets: Vec<PathBuf> = if args.is_empty() { vec![PathBuf::from("static/lessons")] } else { args.iter().map(PathBuf::from).collect() };
    let mut files = Vec::new();
    for target in targets {
        if target.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&target)
                .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect())
                .unwrap_or_default();
            found.sort();
            files.extend(found);
        } else {
            files.push(target);
        }
    }
    if files.is_empty() {
        eprintln!("kubeplay: no lesson files found");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0, 0);
    for path in files {
        let outcome = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| kubeplay::lessons::parse(&text))
            .map(|lesson| kubeplay::lessons::verify::verify(&lesson));
        match outcome {
            Ok(report) if report.problems.is_empty() => {
                passed += 1;
                println!("ok    {} ({}): {} checks, {} s of cluster time", path.display(), report.id, report.checks, report.seconds);
            }
            Ok(report) => {
                failed += 1;
                println!("FAIL  {} ({})", path.display(), report.id);
                for problem in report.problems {
                    println!("      {problem}");
                }
            }
            Err(error) => {
                failed += 1;
                println!("FAIL  {}: {error}", path.display());
            }
        }
    }
    if failed == 0 {
        println!("{passed} lessons pass");
        ExitCode::SUCCESS
    } else {
        println!("{passed} lessons pass, {failed} fail");
        ExitCode::from(1)
    }
}
