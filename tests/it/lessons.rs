//! Lessons: `kubeplay lessons check` over the built-in lessons, the lesson format's errors, and
//! how checks latch and advance as a learner works.

use std::process::Command;

use kubeplay::lessons::{self, catalog, run, Progress};

/// The public boundary: the command a teacher runs. Every built-in lesson's reference solution
/// passes all its checks, and each check failed before its step's solution.
#[test]
fn kubeplay_lessons_check_passes_for_every_built_in_lesson() {
    let output = Command::new(env!("CARGO_BIN_EXE_kubeplay")).args(["lessons", "check"]).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("runs kubeplay");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.ends_with(&format!("{} lessons pass\n", catalog::BUILT_IN.len())), "{stdout}");
}

/// Every built-in lesson parses, has unique id, is in both languages everywhere, and takes at
/// most 10 minutes.
#[test]
fn built_in_lessons_are_complete_in_korean_and_english() {
    let mut ids = std::collections::BTreeSet::new();
    for (file, text) in catalog::BUILT_IN {
        let lesson = lessons::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(ids.insert(lesson.id.clone()), "{file}: id {} used twice", lesson.id);
        let mut texts = vec![("title", &lesson.title), ("summary", &lesson.summary)];
        for step in &lesson.steps {
            texts.push(("step title", &step.title));
            texts.push(("step text", &step.text));
            for check in &step.checks {
                texts.push(("check title", &check.title));
                texts.push(("check hint", &check.hint));
            }
        }
        for (what, text) in texts {
            assert!(text.missing().is_empty(), "{file}: a {what} lacks {:?}: {text:?}", text.missing());
        }
        assert!(lesson.minutes <= 10, "{file}");
    }
    assert_eq!(catalog::lessons().len(), catalog::BUILT_IN.len());
}

const LESSON: &str = r#"
id: tiny
title: { en: Tiny, ko: 작은 }
steps:
  - title: Create
    checks:
      - title: two pods ready
        expect: { pods: { selector: app=web, ready: true, count: 2 } }
    solution: |
      kubectl create deployment web --image=nginx --replicas=2
      sleep 20
  - title: Scale
    checks:
      - title: scaled
        expect: { ran: { command: scale --replicas=3, ok: true } }
      - title: three ready
        expect: { deployment: { name: web, ready: 3 } }
    solution: |
      kubectl scale deployment web --replicas=3
      sleep 20
"#;

#[test]
fn lesson_errors_name_line_column_and_field() {
    let cases = [
        ("id: x\ntitle: t\nsteps: 3\n", "line 3, column 8: steps: invalid type: integer `3`, expected a sequence"),
        ("id: x\ntitle: t\nstep: []\n", "line 3, column 1: step: unknown field `step`, expected one of `id`, `title`"),
        ("id: Bad Id\ntitle: t\nsteps: []\n", "id: \"Bad Id\" must be lower-case"),
        ("id: x\ntitle: t\nsteps:\n  - title: s\n    checks:\n      - title: c\n        expect: { pod: {} }\n    solution: ''\n", "line 7, column 17: steps[0].checks[0].expect: unknown variant `pod`, expected one of `pods`"),
        ("id: x\ntitle: t\nsteps:\n  - title: s\n    checks:\n      - title: c\n        expect: { pods: { count: three } }\n    solution: ''\n", "line 7, column 34: steps[0].checks[0].expect.pods.count: invalid type: string \"three\", expected usize"),
        ("id: x\ntitle: t\nsteps:\n  - title: s\n    checks:\n      - title: c\n        expect: { pods: {}, ran: { command: x } }\n    solution: ''\n", "combine them with `all: [...]`"),
        ("id: x\ntitle: t\nsteps:\n  - title: s\n    checks:\n      - title: c\n        expect: { pods: { selector: 'a=(' } }\n    solution: 'rm -rf /'\n", "steps[0].checks[0].expect.pods.selector"),
        ("id: x\ntitle: { en: t, fr: u }\nsteps: []\n", "unknown field `fr`, expected `en` or `ko`"),
        ("id: [\n", "line 1"),
    ];
    for (text, want) in cases {
        let error = lessons::parse(text).expect_err(text);
        assert!(error.contains(want), "{text}\n got: {error}\nwant: {want}");
    }
}

#[test]
fn verify_reports_checks_that_pass_too_early_or_never() {
    let lesson = lessons::parse(LESSON).unwrap();
    let report = lessons::verify::verify(&lesson);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.checks, 3);

    let early = lessons::parse(&LESSON.replace("ready: 3", "exists: true")).unwrap();
    let problems = lessons::verify::verify(&early).problems;
    assert_eq!(problems, ["step 2 check 2 (\"three ready\") passes before the step's solution"]);

    let never = lessons::parse(&LESSON.replace("--replicas=3\n", "--replicas=4\n")).unwrap();
    let problems = lessons::verify::verify(&never).problems;
    assert_eq!(problems, ["step 2 check 1 (\"scaled\") does not pass after the step's solution", "step 2 check 2 (\"three ready\") does not pass after the step's solution"]);

    let failing = lessons::parse(&LESSON.replace("kubectl scale deployment web", "kubectl scale deployment nope")).unwrap();
    let problems = lessons::verify::verify(&failing).problems;
    assert!(problems[0].starts_with("step 2 solution: `kubectl scale deployment nope --replicas=3` failed: Error from server (NotFound)"), "{problems:?}");
}

#[test]
fn checks_latch_and_steps_advance_in_order() {
    let lesson = lessons::parse(LESSON).unwrap();
    let (mut playground, _) = run::begin(&lesson);
    let mut progress = Progress::start(&lesson, &playground);
    assert_eq!(progress.current_step(), Some(0));
    // Doing step 2's command first does not pass step 2: only the current step is evaluated.
    playground.exec("kubectl create deployment web --image=nginx --replicas=2");
    playground.exec("kubectl scale deployment web --replicas=3");
    assert!(progress.observe(&lesson, &playground).is_empty());
    playground.exec("kubectl scale deployment web --replicas=2");
    let mut passed = Vec::new();
    for _ in 0..20 {
        playground.tick();
        passed.extend(progress.observe(&lesson, &playground));
    }
    // Two ready pods pass step 1; step 2's `ran` check then sees the scale command typed earlier.
    assert_eq!(passed, [(0, 0), (1, 0)]);
    assert_eq!(progress.current_step(), Some(1));
    playground.exec("kubectl scale deployment web --replicas=3");
    for _ in 0..20 {
        playground.tick();
        passed.extend(progress.observe(&lesson, &playground));
    }
    assert_eq!(passed, [(0, 0), (1, 0), (1, 1)]);
    assert!(progress.is_complete());
    // Latched: scaling down again does not un-pass the lesson.
    playground.exec("kubectl scale deployment web --replicas=1");
    playground.tick();
    progress.observe(&lesson, &playground);
    assert_eq!(progress.counts(), (3, 3));
}

/// A state that exists only while `kubectl rollout status` waits (one new pod ready, mid-rollout)
/// is seen by the checks: blocking commands show them every tick.
#[test]
fn checks_see_the_seconds_a_blocking_command_waits() {
    let lesson = lessons::parse(
        r#"
id: mid-rollout
title: Mid rollout
steps:
  - title: Roll
    checks:
      - title: exactly one new pod ready while the rollout runs
        expect: { pods: { deployment: web, revision: 2, ready: true, count: 1 } }
    solution: |
      kubectl set image deployment/web nginx=nginx:1.16
      kubectl rollout status deployment/web
"#,
    )
    .unwrap();
    let mut with_setup = lesson.clone();
    with_setup.setup = "kubectl create deployment web --image=nginx:1.14 --replicas=3\nkubectl rollout status deployment/web\n".into();
    let report = lessons::verify::verify(&with_setup);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // And the page's way: one command, the checks latch from inside it.
    let (mut playground, _) = run::begin(&with_setup);
    let mut progress = Progress::start(&with_setup, &playground);
    playground.exec("kubectl set image deployment/web nginx=nginx:1.16");
    playground.exec_observed("kubectl rollout status deployment/web", None, &mut |cluster, transcript| {
        progress.observe_parts(&with_setup, cluster, transcript);
    });
    assert!(progress.is_complete());
    // Without watching, the state is gone by the time the command returns.
    let (mut playground, _) = run::begin(&with_setup);
    let mut progress = Progress::start(&with_setup, &playground);
    playground.exec("kubectl set image deployment/web nginx=nginx:1.16");
    playground.exec("kubectl rollout status deployment/web");
    progress.observe(&with_setup, &playground);
    assert!(!progress.is_complete());
}

/// A learner who clicks every `try` command of a step, in order, and lets the clock run a few
/// seconds finishes the step. For the network policy lesson that means the tutorial's own
/// interactive shells (`kubectl run -ti ... -- /bin/sh`, `wget` typed at its prompt, `exit`),
/// which the reference solutions replace by the one-shot `kubectl run -i --restart=Never`.
#[test]
fn the_try_commands_of_the_new_lessons_complete_them() {
    for id in ["network-policies", "node-maintenance", "init-containers", "multi-container-pods", "lifecycle-hooks"] {
        let lesson = catalog::lessons().into_iter().find(|l| l.id == id).unwrap_or_else(|| panic!("no lesson {id}"));
        let (mut playground, _) = run::begin(&lesson);
        let mut progress = Progress::start(&lesson, &playground);
        for (s, step) in lesson.steps.iter().enumerate() {
            for line in &step.try_commands {
                if let Some(file) = line.strip_prefix("kubectl apply -f ") {
                    // The editor's Apply button: the file as the lesson gives it.
                    let text = lesson.files.iter().find(|f| f.name == file).map(|f| f.text.clone());
                    if let Some(text) = text {
                        playground.apply_file(file, &text);
                        progress.observe(&lesson, &playground);
                        continue;
                    }
                }
                playground.exec_observed(line, None, &mut |cluster, transcript| {
                    progress.observe_parts(&lesson, cluster, transcript);
                });
                progress.observe(&lesson, &playground);
            }
            for _ in 0..10 {
                playground.tick();
                progress.observe(&lesson, &playground);
            }
            assert!(progress.step_done(s), "{id}: step {} not done by its try commands: {:?}", s + 1, progress.passed[s]);
        }
        assert!(progress.is_complete(), "{id}");
        let shell_lines = playground.transcript().iter().filter(|ran| ran.line.starts_with("wget ")).count();
        if id == "network-policies" {
            assert_eq!(shell_lines, 3, "the wget lines typed in busybox's shell");
        }
    }
}
