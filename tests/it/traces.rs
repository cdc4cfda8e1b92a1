//! Every scenario of the measured reference (shared/reference/traces), replayed through kubectl
//! under the reference timing: the same ScalingReplicaSet sequence (ticks included for the
//! 0.3 s-tick traces), the same final ReplicaSets, conditions and `rollout status` line, and the
//! same results of `rollout undo`.

use std::collections::BTreeMap;

use kubeplay::engine::api::deployment::Deployment;
use kubeplay::engine::store::Key;

use crate::support::{fixture_json, Sim};

/// A scaling event as the trace's compact form gives it: tick, direction, image, size.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scaling {
    tick: Option<u64>,
    up: bool,
    image: String,
    to: i64,
}

fn parse_compact(text: &str, with_ticks: bool) -> Scaling {
    // "t3 up rev2(img:v2) -> 1"
    let parts: Vec<&str> = text.split_whitespace().collect();
    let tick = parts[0].trim_start_matches('t').parse().ok().filter(|_| with_ticks);
    let image = parts[2].split_once('(').map(|(_, i)| i.trim_end_matches(')').to_string()).unwrap_or_default();
    Scaling { tick, up: parts[1] == "up", image, to: parts[4].parse().unwrap() }
}

fn image_of_rs(sim: &Sim, name: &str, images: &mut BTreeMap<String, String>) -> String {
    if let Some(image) = images.get(name) {
        return image.clone();
    }
    let image = sim
        .cluster
        .store()
        .replica_sets
        .get(&Key::new("default", name))
        .map(|rs| rs.spec.template.first_image().to_string())
        .unwrap_or_default();
    images.insert(name.to_string(), image.clone());
    image
}

/// ReplicaSets may be deleted by history cleanup: remember each one's image while it exists.
fn remember_images(sim: &Sim, images: &mut BTreeMap<String, String>) {
    for rs in sim.cluster.store().replica_sets.iter() {
        images.entry(rs.metadata.name.to_string()).or_insert_with(|| rs.spec.template.first_image().to_string());
    }
}

fn deployment(sim: &Sim) -> Option<std::rc::Rc<Deployment>> {
    sim.cluster.store().get::<Deployment>(&Key::new("default", "web"))
}

fn complete(sim: &Sim) -> bool {
    let Some(d) = deployment(sim) else { return false };
    let done = kubeplay::engine::controllers::deployment::util::deployment_complete(&d, &d.status);
    let terminating = sim.cluster.store().pods.in_namespace("default").any(|p| p.metadata.deletion_timestamp.is_some());
    done && !terminating
}

fn scaling_events(sim: &Sim) -> Vec<(u64, String)> {
    sim.cluster
        .events()
        .emitted()
        .iter()
        .filter(|e| e.reason == "ScalingReplicaSet" && e.namespace == "default")
        .map(|e| (e.at_ms / 1000, e.message.clone()))
        .collect()
}

/// Replays one trace and compares; returns a list of differences (empty when it conforms).
fn replay(name: &str) -> Vec<String> {
    let trace = fixture_json(&format!("reference/traces/{name}.json"));
    // Ticks carry over one for one only for the 0.3 s traces whose deleted pods go after one tick.
    let with_ticks = trace["model"]["tickSeconds"].as_f64() == Some(0.3) && trace["model"]["kubelet"]["podTerminationTicks"].as_u64() == Some(1);
    // Images the trace's kubelet never makes ready run as the catalogue's never-ready image.
    let never_ready: Vec<String> = trace["model"]["kubelet"]["neverReadyImages"].as_array().map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()).unwrap_or_default();
    let simulated = |image: &str| if never_ready.iter().any(|i| i == image) { format!("kubeplay/never-ready:{}", image.rsplit(':').next().unwrap_or("")) } else { image.to_string() };
    let reported = |image: &str| match image.strip_prefix("kubeplay/never-ready:") {
        Some(tag) => format!("img:{tag}"),
        None => image.to_string(),
    };
    let mut manifest_value = trace["manifest"].clone();
    let first_image = manifest_value["spec"]["template"]["spec"]["containers"][0]["image"].as_str().unwrap_or("").to_string();
    manifest_value["spec"]["template"]["spec"]["containers"][0]["image"] = serde_json::Value::String(simulated(&first_image));
    let manifest = serde_json::to_string(&manifest_value).unwrap();
    let steps = trace["steps"].as_array().unwrap().clone();
    let max_ticks = trace["model"]["maxTicks"].as_u64().unwrap_or(60);
    let expected_actions: Vec<String> = trace["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["kind"] == "action")
        .map(|x| x["action"]["result"].as_str().unwrap_or("").to_string())
        .collect();

    let mut sim = Sim::reference();
    let mut differences = Vec::new();
    let mut tick = 0u64;
    let mut next = 0usize;
    let mut last_action_tick = 0u64;
    let mut events_at_last_action = 0usize;
    let mut complete_since: Option<u64> = None;
    let mut results = Vec::new();
    let mut images = BTreeMap::new();
    loop {
        // Fire every step whose trigger holds now (several may fire in one tick).
        while next < steps.len() {
            let step = &steps[next];
            let trigger = &step["trigger"];
            let delay = trigger["delayTicks"].as_u64().unwrap_or(0);
            let fired = match trigger["kind"].as_str().unwrap() {
                "tick" => tick >= last_action_tick + delay,
                "complete" => complete_since.is_some_and(|since| tick >= since + delay),
                "scalingEvents" => scaling_events(&sim).len() >= events_at_last_action + trigger["n"].as_u64().unwrap() as usize,
                other => panic!("unknown trigger {other}"),
            };
            if !fired {
                break;
            }
            let events_before = scaling_events(&sim).len();
            let output = match step["type"].as_str().unwrap() {
                "create" => sim.kubectl_stdin("kubectl apply -f -", &manifest),
                "setImage" => sim.kubectl(&format!("kubectl set image deployment/web app={}", simulated(step["image"].as_str().unwrap()))),
                "scale" => sim.kubectl(&format!("kubectl scale deployment/web --replicas={}", step["replicas"])),
                "pause" => sim.kubectl("kubectl rollout pause deployment/web"),
                "resume" => sim.kubectl("kubectl rollout resume deployment/web"),
                "undo" => match step["toRevision"].as_u64() {
                    Some(revision) => sim.kubectl(&format!("kubectl rollout undo deployment/web --to-revision={revision}")),
                    None => sim.kubectl("kubectl rollout undo deployment/web"),
                },
                other => panic!("unknown action {other}"),
            };
            results.push(output.combined.trim_end().to_string());
            last_action_tick = tick;
            events_at_last_action = events_before;
            complete_since = None;
            next += 1;
        }
        if tick >= max_ticks {
            break;
        }
        remember_images(&sim, &mut images);
        sim.run_for(1);
        tick += 1;
        remember_images(&sim, &mut images);
        if complete_since.is_none() && complete(&sim) {
            complete_since = Some(tick);
        }
    }

    // Scaling events: ReplicaSets identified by their image (each image has one ReplicaSet).
    let expected: Vec<Scaling> = trace["scalingEventsCompact"].as_array().unwrap().iter().map(|e| parse_compact(e.as_str().unwrap(), with_ticks)).collect();
    remember_images(&sim, &mut images);
    let actual: Vec<Scaling> = scaling_events(&sim)
        .into_iter()
        .map(|(at, message)| {
            // "Scaled up replica set web-xxx to 3 from 2"
            let words: Vec<&str> = message.split_whitespace().collect();
            Scaling { tick: Some(at).filter(|_| with_ticks), up: words[1] == "up", image: reported(&image_of_rs(&sim, words[4], &mut images)), to: words[6].parse().unwrap() }
        })
        .collect();
    if expected != actual {
        differences.push(format!("scaling events differ:\n expected {expected:?}\n   actual {actual:?}"));
    }

    // Results of actions (`rollout undo` texts).
    for (index, expected_result) in expected_actions.iter().enumerate() {
        if expected_result.is_empty() {
            continue;
        }
        let actual = results.get(index).cloned().unwrap_or_default();
        if !actual.ends_with(expected_result.as_str()) {
            differences.push(format!("action {index}: expected {expected_result:?}, got {actual:?}"));
        }
    }

    // Final ReplicaSets by image: spec and status replicas.
    let final_state = &trace["final"];
    let mut expected_rs: Vec<(String, i64, i64)> = final_state["replicaSets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rs| (rs["image"].as_str().unwrap().to_string(), rs["specReplicas"].as_i64().unwrap(), rs["statusReplicas"].as_i64().unwrap()))
        .collect();
    let mut actual_rs: Vec<(String, i64, i64)> = sim
        .cluster
        .store()
        .replica_sets
        .in_namespace("default")
        .map(|rs| (reported(rs.spec.template.first_image()), i64::from(rs.spec.replicas.unwrap_or(0)), i64::from(rs.status.replicas)))
        .collect();
    expected_rs.sort();
    actual_rs.sort();
    if expected_rs != actual_rs {
        differences.push(format!("final ReplicaSets differ:\n expected {expected_rs:?}\n   actual {actual_rs:?}"));
    }

    // Conditions (type/status/reason) and the rollout status line.
    let d = deployment(&sim).expect("deployment exists");
    let expected_conditions: Vec<String> = final_state["deployment"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}={}/{}", c["type"].as_str().unwrap(), c["status"].as_str().unwrap(), c["reason"].as_str().unwrap()))
        .collect();
    let actual_conditions: Vec<String> = d.status.conditions.iter().map(|c| format!("{}={}/{}", c.type_, c.status, c.reason.clone().unwrap_or_default())).collect();
    if expected_conditions != actual_conditions {
        differences.push(format!("conditions differ: expected {expected_conditions:?}, got {actual_conditions:?}"));
    }
    let expected_revision = final_state["deployment"]["revisionAnnotation"].as_str().unwrap_or("");
    if d.metadata.annotation("deployment.kubernetes.io/revision").unwrap_or("") != expected_revision {
        differences.push(format!("revision annotation: expected {expected_revision}, got {:?}", d.metadata.annotation("deployment.kubernetes.io/revision")));
    }
    let status = sim.kubectl("kubectl rollout status deployment/web --watch=false");
    let expected_status = final_state["deployment"]["kubectlRolloutStatus"].as_str().unwrap();
    let expected_line = if final_state["deployment"]["kubectlRolloutStatusDone"] == true || expected_status.starts_with("Waiting") {
        format!("{expected_status}\n")
    } else {
        let error = final_state["deployment"]["kubectlRolloutStatusError"].as_str().unwrap_or(expected_status);
        format!("error: {error}\n")
    };
    if status.combined != expected_line {
        differences.push(format!("rollout status: expected {expected_line:?}, got {:?}", status.combined));
    }
    differences
}

fn check(name: &str) {
    let differences = replay(name);
    assert!(differences.is_empty(), "{name}:\n{}", differences.join("\n"));
}

#[test]
fn t01_default_r3_v1_v2() {
    check("01-default-r3-v1-v2");
}

#[test]
fn t02_r10_surge50pct_unavail50pct() {
    check("02-r10-surge50pct-unavail50pct");
}

#[test]
fn t03_r5_surge1_unavail2() {
    check("03-r5-surge1-unavail2");
}

#[test]
fn t05_r3_surge0_unavail1() {
    check("05-r3-surge0-unavail1");
}

#[test]
fn t08_r1_defaults() {
    check("08-r1-defaults");
}

#[test]
fn t09_recreate_r3() {
    check("09-recreate-r3");
}

#[test]
fn t10_rollout_undo() {
    check("10-rollout-undo");
}

#[test]
fn t11_mid_rollout_v1_v2_v3() {
    check("11-mid-rollout-v1-v2-v3");
}

#[test]
fn t12_proportional_scale_stuck_10_to_15() {
    check("12-proportional-scale-stuck-10-to-15");
}

#[test]
fn t14_paused_then_resume() {
    check("14-paused-then-resume");
}

#[test]
fn t15_progress_deadline_r3_surge1_unavail0() {
    check("15-progress-deadline-r3-surge1-unavail0");
}

#[test]
fn t17_revision_history_limit_2() {
    check("17-revision-history-limit-2");
}

#[test]
fn t21_minreadyseconds_r3_default() {
    check("21-minreadyseconds-r3-default");
}

/// Every trace file in the fixtures has a test above.
#[test]
fn every_trace_is_replayed() {
    let dir = format!("{}/tests/fixtures/reference/traces", env!("CARGO_MANIFEST_DIR"));
    let source = include_str!("traces.rs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_string();
        assert!(source.contains(&format!("check(\"{name}\")")), "no test replays {name}");
    }
}
