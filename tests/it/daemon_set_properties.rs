//! Properties over random DaemonSets, node sets and actions (new templates, node labels,
//! cordons), checked at every tick: pods per node (one, or two live ones while surging), the availability
//! bound of a rolling update once the DaemonSet has rolled out on a stable set of nodes, owners
//! that exist, and in the end one up-to-date available pod on exactly the nodes that fit.

use kubeplay::engine::api::daemon_set::DaemonSet;
use kubeplay::engine::api::intstr::IntOrString;
use kubeplay::engine::rng::Rng;
use kubeplay::engine::store::Key;
use kubeplay::engine::timing::Timing;
use kubeplay::engine::Cluster;

use crate::support::Sim;

struct Scenario {
    nodes: usize,
    unavailable: String,
    surge: String,
    min_ready: u64,
    selector: bool,
}

fn scenario(rng: &mut Rng) -> Scenario {
    let surging = rng.below(3) == 0;
    let pick = |rng: &mut Rng, choices: &[&str]| choices[rng.below(choices.len() as u64) as usize].to_string();
    let (unavailable, surge) = if surging { ("0".to_string(), pick(rng, &["1", "2", "\"50%\"", "\"100%\""])) } else { (pick(rng, &["1", "2", "\"25%\"", "\"50%\"", "\"100%\""]), "0".to_string()) };
    Scenario { nodes: rng.below(5) as usize + 1, unavailable, surge, min_ready: rng.below(3), selector: rng.below(3) == 0 }
}

fn manifest(s: &Scenario, image: &str) -> String {
    let selector = if s.selector { "      nodeSelector:\n        tier: edge\n" } else { "" };
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  minReadySeconds: {}\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: {}\n      maxSurge: {}\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n{selector}      containers:\n      - name: agent\n        image: {image}\n",
        s.min_ready, s.unavailable, s.surge
    )
}

/// The nodes a pod of the DaemonSet should run on: ready, and labelled `tier=edge` when the
/// template asks for it. Cordoned nodes count: daemon pods tolerate `unschedulable`.
fn eligible(sim: &Sim, s: &Scenario) -> Vec<String> {
    sim.cluster.store().nodes.iter().filter(|n| !s.selector || n.metadata.labels.get("tier").is_some_and(|t| t == "edge")).map(|n| n.metadata.name.to_string()).collect()
}

fn check_state(sim: &Sim, s: &Scenario, check_availability: bool) -> Result<(), String> {
    let store = sim.cluster.store();
    let ds = store.get::<DaemonSet>(&Key::new("default", "agent")).ok_or("daemon set gone")?;
    let pods: Vec<_> = store.pods.iter().filter(|p| p.metadata.controller_ref().is_some_and(|o| o.uid == ds.metadata.uid)).cloned().collect();
    let per_node_limit = if s.surge == "0" { 1 } else { 2 };
    let nodes = eligible(sim, s);
    for node in store.nodes.iter() {
        // Without surge a node's pod is replaced only once the old one is gone; surging, a
        // node keeps at most one old and one new pod that are not being deleted.
        let counted = |p: &&std::rc::Rc<kubeplay::engine::api::pod::Pod>| s.surge == "0" || !p.metadata.is_deleting();
        let on_node: Vec<_> = pods.iter().filter(|p| kubeplay::engine::node_affinity::target_node(&p.spec).as_deref() == Some(&*node.metadata.name)).filter(counted).collect();
        if on_node.len() > per_node_limit {
            return Err(format!("{} pods on {} (limit {per_node_limit})", on_node.len(), node.metadata.name));
        }
    }
    if check_availability && s.min_ready == 0 {
        let desired = nodes.len() as i32;
        let max_unavailable = int_or_string(&s.unavailable).scaled_value(desired, true).unwrap_or(0).max(if s.surge == "0" { 1 } else { 0 });
        let now = sim.cluster.time();
        let lacking = nodes
            .iter()
            .filter(|node| !pods.iter().any(|p| p.spec.node_name.as_deref() == Some(node.as_str()) && !p.metadata.is_deleting() && p.is_available(0, now)))
            .count() as i32;
        if lacking > max_unavailable {
            return Err(format!("availability: {lacking} nodes without an available pod > maxUnavailable {max_unavailable}"));
        }
    }
    for pod in store.pods.iter() {
        if let Some(owner) = pod.metadata.controller_ref().filter(|o| o.kind == "DaemonSet") {
            if store.daemon_sets.get(&Key::new(pod.metadata.ns(), &owner.name)).is_none_or(|d| d.metadata.uid != owner.uid) {
                return Err(format!("pod {} is owned by a DaemonSet that is gone", pod.metadata.name));
            }
        }
    }
    Ok(())
}

/// A manifest's value (`1` or `"50%"`) as the API reads it.
fn int_or_string(text: &str) -> IntOrString {
    match text.parse::<i32>() {
        Ok(number) => IntOrString::Int(number),
        Err(_) => IntOrString::Str(text.trim_matches('"').into()),
    }
}

fn rolled_out(sim: &Sim, s: &Scenario) -> bool {
    let store = sim.cluster.store();
    let Some(ds) = store.get::<DaemonSet>(&Key::new("default", "agent")) else { return false };
    let desired = eligible(sim, s).len() as i32;
    let st = &ds.status;
    st.observed_generation >= ds.metadata.generation && st.desired_number_scheduled == desired && st.updated_number_scheduled == desired && st.number_available == desired && st.number_misscheduled == 0
}

fn run(seed: u64) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    let s = scenario(&mut rng);
    let mut sim = Sim { cluster: Cluster::with_nodes(seed, Timing::realistic(), s.nodes) };
    for index in 1..=s.nodes {
        if !s.selector || rng.below(2) == 0 {
            sim.kubectl(&format!("kubectl label node node-{index} tier=edge"));
        }
    }
    let created = sim.kubectl_stdin("kubectl apply -f -", &manifest(&s, "img:v1"));
    if created.exit_code != 0 {
        return Err(format!("create failed: {}", created.combined));
    }
    // Availability is checked while the node set is stable and the DaemonSet had rolled out on it.
    let mut stable = false;
    let mut log = format!("nodes {} unavailable {} surge {} minReady {} selector {};", s.nodes, s.unavailable, s.surge, s.min_ready, s.selector);
    let mut version = 1;
    for _ in 0..rng.below(5) + 1 {
        for _ in 0..rng.below(40) {
            sim.run_for(1);
            stable |= rolled_out(&sim, &s);
            check_state(&sim, &s, stable).map_err(|e| format!("{e} ({log} t{})", sim.cluster.now().as_secs()))?;
        }
        let node = format!("node-{}", rng.below(s.nodes as u64) + 1);
        match rng.below(6) {
            0..=2 => {
                version += 1;
                sim.kubectl_stdin("kubectl apply -f -", &manifest(&s, &format!("img:v{version}")));
                log.push_str(&format!(" image v{version}"));
            }
            3 => {
                sim.kubectl(&format!("kubectl label node {node} tier=edge --overwrite"));
                stable = false;
                log.push_str(&format!(" label {node}"));
            }
            4 => {
                sim.kubectl(&format!("kubectl label node {node} tier-"));
                stable = false;
                log.push_str(&format!(" unlabel {node}"));
            }
            _ => {
                sim.kubectl(&format!("kubectl cordon {node}"));
                log.push_str(&format!(" cordon {node}"));
            }
        }
        check_state(&sim, &s, stable).map_err(|e| format!("after an action: {e} ({log})"))?;
    }
    for _ in 0..90 {
        sim.run_for(1);
        stable |= rolled_out(&sim, &s);
        check_state(&sim, &s, stable).map_err(|e| format!("{e} ({log} t{})", sim.cluster.now().as_secs()))?;
    }
    if !rolled_out(&sim, &s) {
        return Err(format!("not rolled out after 90 s ({log})\n{}\n{}", sim.kubectl("kubectl get ds,pods -o wide").combined, sim.kubectl("kubectl get nodes --show-labels").combined));
    }
    Ok(())
}

#[test]
fn daemon_set_rollouts_keep_their_bounds_and_converge() {
    let mut failures = Vec::new();
    for seed in 0..300 {
        if let Err(message) = run(seed) {
            failures.push(format!("seed {seed}: {message}"));
        }
    }
    assert!(failures.is_empty(), "{} of 300 runs broke an invariant:\n{}", failures.len(), failures[..failures.len().min(10)].join("\n"));
}
