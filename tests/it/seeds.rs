//! The five seed articles as lessons (tests/fixtures/seeds/*/lesson.sh): every command runs in
//! order, fails only where a real cluster would or where kubeplay says plainly what it does not
//! simulate, and prints the shapes the article shows: the same table columns, the same
//! mutation messages (generated names and ages aside).

use regex::Regex;

use crate::support::Sim;

/// Commands allowed to fail: (lesson, command prefix, why).
const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[
    ("02", "kubectl create -f config.yml", "the article creates a Deployment that already exists (AlreadyExists on a real cluster too)"),
    ("02", "kubectl apply -f dapi-test-pod.yaml", "the article's manifest is indented with TABs: a YAML error on a real cluster too"),
    ("03", "kubectl rollout undo deployment/my-app --to-revision=2", "revision 2 was renumbered by the previous undo (real cluster: same error)"),
    ("03", "kubectl apply -f my-app-annotation.yaml", "the article misspells metadata.annotations as annotation: strict decoding rejects it on a real cluster too"),
    ("03", "kubectl apply -f ingress-multiple-host.yaml", "the article's manifest has a TAB before `http:`: a YAML error on a real cluster too"),
    ("05", "kubectl apply -f kubia-deployment-extensions-v1beta1.yaml", "extensions/v1beta1 Deployments were removed in 1.16 (real cluster: same error)"),
    ("05", "kubectl rollout status deploy kubia", "kubia:v3 fails its readiness probe, so the rollout exceeds its deadline, as the article shows"),
    ("05", "kubectl exec -it curl /bin/sh", "the article's old exec form without -- is rejected by kubectl 1.32 too"),
    ("05", "kubectl exec curl -- curl https://kubernetes", "curl without the CA fails verification (exit 60), as on a real cluster"),
];

fn lessons() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.join("lesson.sh").exists()).collect();
    dirs.sort();
    assert_eq!(dirs.len(), 5, "one lesson per seed article");
    dirs
}

/// The article's output per command (fenced blocks of expected.md), by command text.
fn expected_blocks(text: &str) -> Vec<(String, Option<String>)> {
    let header = Regex::new(r"^## \d+\. `(.+)`\s*$").unwrap();
    let mut sections = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(captures) = header.captures(line) else { continue };
        let command = captures[1].to_string();
        let mut block = None;
        while let Some(next) = lines.peek() {
            if next.starts_with("## ") {
                break;
            }
            let next = lines.next().unwrap();
            if next.starts_with("```") && block.is_none() {
                let mut body = String::new();
                for inner in lines.by_ref() {
                    if inner.starts_with("```") {
                        break;
                    }
                    body.push_str(inner);
                    body.push('\n');
                }
                block = Some(body);
            }
        }
        sections.push((command, block));
    }
    sections
}

fn columns(line: &str) -> Vec<String> {
    Regex::new(r"\s{2,}").unwrap().split(line.trim()).map(str::to_string).collect()
}

/// Table headers of each table in an output (tables are separated by blank lines).
fn headers(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut at_start = true;
    for line in text.lines() {
        if line.trim().is_empty() {
            at_start = true;
            continue;
        }
        if at_start && (line.starts_with("NAME") || line.starts_with("NAMESPACE") || line.starts_with("LAST SEEN") || line.starts_with("REVISION")) {
            found.push(columns(line));
        }
        at_start = false;
    }
    found
}

fn mask(text: &str) -> String {
    Regex::new(r"-[bcdfghjklmnpqrstvwxz2456789]{8,10}(-[bcdfghjklmnpqrstvwxz2456789]{5})?").unwrap().replace_all(text, "-X").to_string()
}

#[test]
fn seed_lessons_run_and_print_the_shapes_the_articles_show() {
    let mutation = Regex::new(r"^[a-z.]+/[A-Za-z0-9.-]+ (created|configured|unchanged|labeled|annotated|scaled|image updated|rolled back|paused|resumed|restarted|exposed)$").unwrap();
    let mut problems = Vec::new();
    let mut commands = 0;
    let mut shapes = 0;
    let mut used = vec![false; EXPECTED_FAILURES.len()];
    for dir in lessons() {
        let lesson = dir.file_name().unwrap().to_string_lossy()[..2].to_string();
        let mut sim = Sim::new(1, kubeplay::engine::timing::Timing::realistic());
        let mut files = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        for path in files {
            let name = path.strip_prefix(&dir).unwrap().to_string_lossy().to_string();
            sim.cluster.add_file(&name, &std::fs::read_to_string(&path).unwrap_or_default());
        }
        let script = std::fs::read_to_string(dir.join("lesson.sh")).unwrap();
        let expected = expected_blocks(&std::fs::read_to_string(dir.join("expected.md")).unwrap());
        let mut next_expected = 0;
        for step in kubeplay::script::parse(&script) {
            let transcript = kubeplay::script::run(&mut sim.cluster, std::slice::from_ref(&step));
            let kubeplay::script::Step::Kubectl { line, display, .. } = &step else { continue };
            commands += 1;
            let output = transcript.outputs.last().cloned().unwrap_or_default();
            let first_line = display.lines().next().unwrap_or("");
            let allowance = EXPECTED_FAILURES.iter().position(|(l, prefix, _)| *l == lesson && first_line.starts_with(prefix));
            let allowed = allowance.is_some();
            if let (Some(index), true) = (allowance, output.exit_code != 0) {
                used[index] = true;
            }
            if output.exit_code != 0 && !allowed {
                problems.push(format!("lesson {lesson}: `{first_line}` failed:\n{}", output.combined));
            }
            // Find this command's section in expected.md.
            let position = expected[next_expected..].iter().position(|(command, _)| first_line.starts_with(command.as_str()) || command.starts_with(line.as_str()));
            let Some(offset) = position else { continue };
            next_expected += offset + 1;
            let Some(block) = &expected[next_expected - 1].1 else { continue };
            let want = headers(block);
            if !want.is_empty() && output.exit_code == 0 {
                shapes += 1;
                let got = headers(&output.stdout);
                if got != want {
                    problems.push(format!("lesson {lesson}: `{first_line}` columns differ:\n article {want:?}\n kubeplay {got:?}"));
                }
            } else if block.lines().count() == 1 && mutation.is_match(block.trim()) {
                shapes += 1;
                if mask(block.trim()) != mask(output.stdout.trim()) {
                    problems.push(format!("lesson {lesson}: `{first_line}` printed {:?}, the article shows {:?}", output.stdout.trim(), block.trim()));
                }
            }
        }
    }
    for (index, was_used) in used.iter().enumerate() {
        if !was_used {
            let (lesson, command, _) = EXPECTED_FAILURES[index];
            problems.push(format!("lesson {lesson}: `{command}` is listed as failing but succeeded or did not run: remove it from EXPECTED_FAILURES"));
        }
    }
    eprintln!("seed lessons: {commands} commands, {shapes} output shapes compared");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
