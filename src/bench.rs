//! `kubeplay bench`: a rolling update of N pods over many nodes, simulated to completion.
//! Prints wall time and per-pod cost at each size. Figures, never assertions.

use std::rc::Rc;
use std::time::Instant;

use crate::engine::api::deployment::Deployment;
use crate::engine::store::{Key, Obj};
use crate::engine::timing::Timing;
use crate::engine::Cluster;

/// One measured rollout.
#[derive(Debug, Clone)]
pub struct Figures {
    pub pods: usize,
    pub nodes: usize,
    pub ticks: u64,
    pub syncs: u64,
    /// Creating the Deployment and waiting until its N pods are available (the starting state).
    pub setup_seconds: f64,
    /// The rolling update itself: from the image change until the rollout is complete
    /// (N new pods created, scheduled, started and ready; N old pods deleted).
    pub seconds: f64,
    /// Memory the rollout touched for the first time: the growth of the resident set from the
    /// end of the setup (MB; Linux only, from `/proc/self/statm`). The kernel clears each new
    /// page; on this machine's VM that is the largest cost that grows with size.
    pub rollout_rss_growth_mb: f64,
    /// The resident set at the end (MB; the allocator keeps what it freed, so this is the peak).
    pub rss_mb: f64,
}

/// The resident set of this process in MB, or 0 where `/proc` is not there.
fn resident_mb() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1).and_then(|p| p.parse::<f64>().ok()))
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn manifest(replicas: usize, image: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: {image}\n"
    )
}

/// Creates `pods` replicas on `nodes` nodes, waits until complete, then rolls out a new image
/// and simulates until that rollout is complete. Measures the whole run.
pub fn rollout(pods: usize, nodes: usize, store_events: bool) -> Figures {
    let started = Instant::now();
    let mut cluster = Cluster::with_nodes(1, Timing::reference(), nodes);
    cluster.events_mut().store_objects = store_events;
    let mut first = Vec::new();
    crate::yaml::decode_value(
        crate::yaml::yaml_to_json(&serde_yaml::from_str(&manifest(pods, "img:v1")).expect("bench manifest")).expect("json"),
        1,
        &mut first,
    );
    let Some(Ok(first)) = first.pop() else { panic!("bench manifest decodes") };
    crate::engine::apiserver::create_object(&mut cluster, first.object).expect("create");
    cluster.settle();
    let key = Key::new("default", "web");
    let complete = |cluster: &Cluster| {
        cluster.store().get::<Deployment>(&key).is_some_and(|d| {
            crate::engine::controllers::deployment::util::deployment_complete(&d, &d.status)
                && d.condition("Progressing").and_then(|c| c.reason.as_deref()) == Some("NewReplicaSetAvailable")
        })
    };
    let mut ticks = 0;
    while !complete(&cluster) && ticks < 100_000 {
        cluster.tick();
        ticks += 1;
    }
    let setup_seconds = started.elapsed().as_secs_f64();
    let setup_rss = resident_mb();
    let rollout_started = Instant::now();
    let current = cluster.store().get::<Deployment>(&key).expect("deployment");
    let mut updated = (*current).clone();
    updated.spec.template.spec.containers[0].image = Some("img:v2".into());
    updated.metadata.resource_version.clear();
    crate::engine::apiserver::update_object(&mut cluster, Obj::Deployment(Rc::new(updated))).expect("update");
    cluster.settle();
    while !complete(&cluster) && ticks < 200_000 {
        cluster.tick();
        ticks += 1;
    }
    let seconds = rollout_started.elapsed().as_secs_f64();
    let rss_mb = resident_mb();
    Figures {
        pods,
        nodes,
        ticks,
        syncs: cluster.syncs(),
        setup_seconds,
        seconds,
        rollout_rss_growth_mb: rss_mb - setup_rss,
        rss_mb,
    }
}

/// How many rollouts measure a size when `--repeat` does not say: a small rollout takes tens of
/// milliseconds, which anything else running on the machine can double, so small sizes take
/// the median of several runs (each on a new cluster, in the same process).
fn runs_for(pods: usize) -> usize {
    match pods {
        0..=10_000 => 5,
        10_001..=50_000 => 3,
        _ => 1,
    }
}

/// The run with the median rollout time of `runs` runs.
fn median_of(runs: usize, mut run: impl FnMut() -> Figures) -> Figures {
    let mut all: Vec<Figures> = (0..runs).map(|_| run()).collect();
    all.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    all.swap_remove(all.len() / 2)
}

pub fn main(args: &[String]) {
    let mut sizes = vec![1_000usize, 10_000, 150_000];
    let mut nodes = 5_000usize;
    let mut events = true;
    let mut repeat = None;
    let mut index = 0;
    while index < args.len() {
        match args[index].as_str() {
            "--sizes" => {
                index += 1;
                if let Some(list) = args.get(index) {
                    sizes = list.split(',').filter_map(|s| s.parse().ok()).collect();
                }
            }
            "--nodes" => {
                index += 1;
                if let Some(n) = args.get(index).and_then(|n| n.parse().ok()) {
                    nodes = n;
                }
            }
            "--no-events" => events = false,
            "--repeat" => {
                index += 1;
                repeat = args.get(index).and_then(|n| n.parse::<usize>().ok()).map(|n| n.max(1));
            }
            _ => {}
        }
        index += 1;
    }
    println!(
        "rolling update of N pods over {nodes} nodes, reference timing, events {}\n  setup: the Deployment created and its N pods available; rollout: the image changed and simulated to completion; per pod = rollout / N\n  each size: the median of {} (one new cluster each); RSS: resident set at the end, +rollout: its growth during the rollout",
        if events { "stored" } else { "not stored" },
        repeat.map_or_else(|| "5 runs up to 10k pods, 3 up to 50k, else 1".to_string(), |n| format!("{n} runs"))
    );
    println!(
        "{:>8}  {:>6}  {:>8}  {:>9}  {:>11}  {:>12}  {:>12}  {:>8}  {:>8}",
        "pods", "ticks", "syncs", "setup (s)", "rollout (s)", "per pod (us)", "vs smallest", "RSS (MB)", "+rollout"
    );
    let mut base = None;
    for pods in sizes {
        let figures = median_of(repeat.unwrap_or_else(|| runs_for(pods)), || rollout(pods, nodes, events));
        let per_pod = figures.seconds * 1e6 / pods as f64;
        let ratio = base.map(|b: f64| per_pod / b).unwrap_or(1.0);
        base.get_or_insert(per_pod);
        println!(
            "{:>8}  {:>6}  {:>8}  {:>9.3}  {:>11.3}  {:>12.2}  {:>12}  {:>8.0}  {:>8.0}",
            pods,
            figures.ticks,
            figures.syncs,
            figures.setup_seconds,
            figures.seconds,
            per_pod,
            format!("x{ratio:.2}"),
            figures.rss_mb,
            figures.rollout_rss_growth_mb
        );
    }
}
