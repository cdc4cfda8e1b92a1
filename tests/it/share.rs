//! Share links: a session encoded in a URL fragment replays to the same cluster, byte for byte.

use kubeplay::lessons::{self, run, Progress};
use kubeplay::playground::Playground;
use kubeplay::share::Session;

fn state(playground: &mut Playground) -> String {
    ["kubectl get deploy,rs,pods,svc,endpoints -o wide", "kubectl get events", "kubectl get pods -o yaml"]
        .iter()
        .map(|command| playground.exec(command).combined)
        .collect()
}

#[test]
fn a_share_link_replays_the_same_cluster() {
    let mut original = Playground::with_default_scenario(11);
    original.exec("kubectl expose deployment nginx-deployment --port=80 --type=NodePort");
    original.exec("kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1");
    for _ in 0..7 {
        original.tick();
    }
    original.set_node_running("node-2", false);
    original.apply_file("extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: colors\ndata:\n  color: blue\n");
    original.exec_with_stdin("kubectl apply -f -", Some("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"));
    for _ in 0..45 {
        original.tick();
    }
    let mut session = Session::of(&original);
    session.lang = "ko".into();
    session.files = vec![kubeplay::share::SharedFile { name: "deployment.yaml".into(), text: "kind: Deployment # edited, not applied\n".into() }];
    let link = format!("https://example.org/kubeplay/#{}", session.encode());
    assert!(!link[link.find("#s=").unwrap() + 3..].contains(['+', '/', '=']), "URL-safe");

    let decoded = Session::decode(&link).expect("decodes");
    assert_eq!(decoded, session);
    let mut replayed = decoded.replay(|_, _| {});
    assert_eq!(replayed.now_seconds(), original.now_seconds());
    assert_eq!(state(&mut replayed), state(&mut original));
}

#[test]
fn a_lesson_replays_with_its_progress() {
    let lesson = lessons::catalog::find("rolling-update").expect("built in");
    let (mut playground, _) = run::begin(&lesson);
    let mark = playground.mark();
    let mut progress = Progress::start(&lesson, &playground);
    playground.exec("kubectl apply -f web.yaml");
    for _ in 0..30 {
        playground.tick();
        progress.observe(&lesson, &playground);
    }
    playground.exec("kubectl set image deployment/web nginx=nginx:1.16.1");
    progress.observe(&lesson, &playground);
    assert_eq!(progress.counts(), (2, 4), "{:?}", progress.passed);

    // The link holds the lesson and where it started; restoring replays to the same progress.
    let mut session = Session::of(&playground);
    session.lesson = Some(lesson.id.clone());
    session.lesson_mark = Some(mark);
    let decoded = Session::decode(&session.encode()).unwrap();
    let (mut replayed, again) = decoded.restore(Some(&lesson));
    assert_eq!(again.expect("a lesson").passed, progress.passed);
    assert_eq!(state(&mut replayed), state(&mut playground));
}

/// A check that held only while `rollout status` waited is passed again after a replay, and a
/// lesson that is not built in travels inside the link.
#[test]
fn a_replay_shows_the_checks_what_blocking_commands_waited_through() {
    let text = "id: mid\ntitle: Mid\nsetup: |\n  kubectl create deployment web --image=nginx:1.14 --replicas=3\n  kubectl rollout status deployment/web\nsteps:\n  - title: Roll\n    checks:\n      - title: one new pod ready\n        expect: { pods: { deployment: web, revision: 2, ready: true, count: 1 } }\n    solution: |\n      kubectl set image deployment/web nginx=nginx:1.16\n      kubectl rollout status deployment/web\n";
    let lesson = lessons::parse(text).unwrap();
    let (mut playground, _) = run::begin(&lesson);
    let mark = playground.mark();
    let mut progress = Progress::start(&lesson, &playground);
    playground.exec("kubectl set image deployment/web nginx=nginx:1.16");
    playground.exec_observed("kubectl rollout status deployment/web", None, &mut |cluster, transcript| {
        progress.observe_parts(&lesson, cluster, transcript);
    });
    assert!(progress.is_complete());
    let mut session = Session::of(&playground);
    session.lesson = Some("mid".into());
    session.lesson_text = Some(text.into());
    session.lesson_mark = Some(mark);
    let decoded = Session::decode(&session.encode()).unwrap();
    let shared = lessons::parse(decoded.lesson_text.as_deref().unwrap()).unwrap();
    let (_, again) = decoded.restore(Some(&shared));
    assert!(again.unwrap().is_complete());
}

/// Rewinding replays the journal up to a virtual second: the cluster is the one that was there
/// then (same pods, same clock), and going on from it is a new branch.
#[test]
fn rewinding_gives_the_cluster_of_that_second() {
    let mut playground = Playground::with_default_scenario(5);
    for _ in 0..10 {
        playground.tick();
    }
    let at = playground.now_seconds();
    let then = playground.exec("kubectl get pods -o wide").combined;
    playground.exec("kubectl scale deployment nginx-deployment --replicas=5");
    for _ in 0..30 {
        playground.tick();
    }
    playground.exec("kubectl delete pod -l app=nginx --wait=false");
    let session = Session::of(&playground);
    let (mut rewound, _) = session.restore_until(None, Some(at));
    assert_eq!(rewound.now_seconds(), at);
    // The `get` itself is in the journal before the scale: the rewound journal stops before it.
    assert!(rewound.journal().entries.iter().all(|e| !matches!(&e.action, kubeplay::playground::Action::Exec { line, .. } if line.contains("scale"))));
    assert_eq!(rewound.exec("kubectl get pods -o wide").combined, then);
}
