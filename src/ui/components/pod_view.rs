//! The animated cluster view: Deployments and their ReplicaSets on top, then one lane per node
//! with its pods as cards, grouped by ReplicaSet (revision) and coloured by image.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::layout::{image_hue, images, lanes, n_system_pods, short_pod_name, visible_objects, Lane, PodGroup};
use crate::ui::sim_clock::format_clock;
use crate::view::{self, ClusterView};

/// How many of the newest events the view lists.
const N_EVENTS_SHOWN: usize = 5;

/// One snapshot of the cluster; compared by pointer, since every tick makes a new one.
#[derive(Properties)]
pub struct PodViewProps {
    pub view: Rc<ClusterView>,
    /// A pod card was clicked: its name.
    pub on_pod_click: Callback<String>,
}

impl PartialEq for PodViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.on_pod_click == other.on_pod_click
    }
}

/// Draws a `ClusterView`. Each pod card carries `data-pod`, `data-phase` (the STATUS column),
/// `data-ready` and `data-image`, which the e2e tests read.
#[component]
pub fn PodView(props: &PodViewProps) -> Html {
    // UI-only state: whether to draw the system namespaces' objects (CoreDNS and the like).
    let show_system = use_state(|| false);
    // Pods that are on the page when it opens appear at once; only later changes animate.
    let animate = use_state(|| false);
    {
        let animate = animate.clone();
        use_effect_with((), move |_| animate.set(true));
    }
    let n_system = n_system_pods(&props.view);
    let view = visible_objects(&props.view, *show_system);
    let view = &*view;
    let n_ready = view.pods.iter().filter(|pod| pod.ready).count();
    let on_toggle_system = {
        let show_system = show_system.clone();
        Callback::from(move |_: Event| show_system.set(!*show_system))
    };
    html! {
        <div class={classes!("cluster", (*animate).then_some("animate"))}>
            <div class="panel-title">
                <span>{ "Cluster" }</span>
                <span class="hint">
                    { format!("{} · {} · {n_ready} ready", plural(view.nodes.len(), "node"), plural(view.pods.len(), "pod")) }
                    if n_system > 0 || *show_system {
                        <label class="system-toggle" title="Show the pods the cluster itself runs (kube-system)">
                            <input type="checkbox" checked={*show_system} onchange={on_toggle_system} />
                            { format!("kube-system ({})", plural(n_system, "pod")) }
                        </label>
                    }
                </span>
            </div>
            <div class="cluster-body">
                { render_workloads(view) }
                <div class="lanes">
                    { for lanes(view).iter().map(|lane| render_lane(lane, &props.on_pod_click)) }
                </div>
                { render_events(view) }
            </div>
        </div>
    }
}

/// `1 pod`, `3 pods`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn hue_style(image: &str) -> String {
    format!("--hue: {}", image_hue(image))
}

fn render_workloads(view: &ClusterView) -> Html {
    let has_services = view.services.iter().any(|service| !is_api_server_service(service));
    if view.deployments.is_empty() && !has_services && view.replica_sets.is_empty() {
        return html! {
            <p class="empty">{ "No Deployments yet. Apply the YAML on the left, or type a kubectl command below." }</p>
        };
    }
    html! {
        <div class="workloads">
            { for view.deployments.iter().map(|deployment| render_deployment(view, deployment)) }
            { for view.services.iter().filter(|service| !is_api_server_service(service)).map(render_service) }
            <ul class="legend" aria-label="Images">
                { for images(view).into_iter().map(|image| html! {
                    <li class="legend-item" style={hue_style(image)}><span class="swatch" aria-hidden="true"></span>{ image }</li>
                }) }
            </ul>
        </div>
    }
}

fn render_deployment(view: &ClusterView, deployment: &view::DeploymentView) -> Html {
    let mut replica_sets: Vec<&view::ReplicaSetView> = view
        .replica_sets
        .iter()
        .filter(|rs| rs.namespace == deployment.namespace && rs.owner.as_deref() == Some(deployment.name.as_str()))
        .collect();
    replica_sets.sort_by_key(|rs| rs.revision.as_deref().and_then(|rev| rev.parse::<u64>().ok()).unwrap_or(u64::MAX));
    let settled = deployment.updated == deployment.replicas && deployment.available == deployment.replicas;
    html! {
        <div class="deployment" data-deployment={deployment.name.clone()}>
            <div class="deployment-head">
                <span class="kind">{ "deploy" }</span>
                <strong>{ deployment.name.clone() }</strong>
                <span class={classes!("badge", if settled { "ok" } else { "busy" })}>
                    { format!("{}/{} ready", deployment.ready, deployment.replicas) }
                </span>
                <span class="meta">{ format!("up-to-date {} · available {} · {}", deployment.updated, deployment.available, deployment.strategy) }</span>
                if deployment.paused { <span class="badge busy">{ "paused" }</span> }
            </div>
            <ul class="replica-sets">
                { for replica_sets.iter().map(|rs| html! {
                    <li key={rs.name.clone()} class={classes!("replica-set", (rs.desired == 0 && rs.current == 0).then_some("scaled-down"))}
                        style={hue_style(&rs.image)} data-replicaset={rs.name.clone()}>
                        <span class="swatch" aria-hidden="true"></span>
                        <span class="rev">{ format!("rev {}", rs.revision.as_deref().unwrap_or("?")) }</span>
                        <span class="rs-name">{ rs.name.clone() }</span>
                        <span class="rs-counts">{ format!("{} desired · {} current · {} ready", rs.desired, rs.current, rs.ready) }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// `default/kubernetes` fronts the API server, not pods: its endpoints are not drawn, so
/// showing "0 ready endpoints" for it would only confuse.
fn is_api_server_service(service: &view::ServiceView) -> bool {
    service.namespace == "default" && service.name == "kubernetes"
}

fn render_service(service: &view::ServiceView) -> Html {
    html! {
        <div class="service" data-service={service.name.clone()}>
            <span class="kind">{ "svc" }</span>
            <strong>{ service.name.clone() }</strong>
            <span class="meta">{ format!("{} ready endpoints · {} not ready", service.ready_pods.len(), service.not_ready_pods.len()) }</span>
        </div>
    }
}

fn render_lane(lane: &Lane<'_>, on_pod_click: &Callback<String>) -> Html {
    let (label, status) = match lane.node {
        Some(node) => (node, if lane.ready { "Ready" } else { "NotReady" }),
        None => ("unscheduled", "Pending"),
    };
    let n_pods: usize = lane.groups.iter().map(|group| group.pods.len()).sum();
    html! {
        <section class={classes!("lane", lane.node.is_none().then_some("unscheduled"), (!lane.ready).then_some("not-ready"))}
            data-node={label.to_string()} aria-label={format!("node {label}")}>
            <header class="lane-label">
                <span class="node-icon" aria-hidden="true">{ "⬢" }</span>
                <span class="node-name">{ label }</span>
                <span class="node-status">{ status }</span>
                <span class="node-count">{ plural(n_pods, "pod") }</span>
            </header>
            <div class="lane-pods">
                if lane.groups.is_empty() { <span class="lane-empty">{ "no pods" }</span> }
                { for lane.groups.iter().map(|group| render_group(group, on_pod_click)) }
            </div>
        </section>
    }
}

fn render_group(group: &PodGroup<'_>, on_pod_click: &Callback<String>) -> Html {
    let label = match (group.revision, group.owner) {
        (Some(revision), _) => format!("rev {revision}"),
        (None, Some(_)) => "rs".to_string(),
        (None, None) => "bare".to_string(),
    };
    html! {
        <div class="pod-group" key={group.owner.unwrap_or("").to_string()}
            data-replicaset={group.owner.unwrap_or("").to_string()} title={group.owner.unwrap_or("pods without an owner").to_string()}>
            <span class="group-label">{ label }</span>
            <ul class="pods">
                { for group.pods.iter().map(|pod| render_pod(pod, group.owner, on_pod_click)) }
            </ul>
        </div>
    }
}

fn render_pod(pod: &view::PodView, owner: Option<&str>, on_pod_click: &Callback<String>) -> Html {
    let summary = format!(
        "pod {}: {}{}, image {}{}",
        pod.name,
        pod.status,
        if pod.ready { ", ready" } else { ", not ready" },
        pod.image,
        pod.ip.as_deref().map(|ip| format!(", IP {ip}")).unwrap_or_default(),
    );
    let onclick = {
        let name = pod.name.clone();
        on_pod_click.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <li key={pod.name.clone()} class="pod-item">
            <button type="button" class="pod" style={hue_style(&pod.image)} {onclick}
                data-pod={pod.name.clone()} data-phase={pod.status.clone()} data-ready={pod.ready.to_string()}
                data-image={pod.image.clone()} title={format!("{summary}\nClick: kubectl describe pod")} aria-label={summary}>
                <span class="pod-dot" aria-hidden="true"></span>
                <span class="pod-name">{ short_pod_name(&pod.name, owner).to_string() }</span>
                <span class="pod-status">{ pod.status.clone() }</span>
                if pod.restarts > 0 { <span class="pod-restarts">{ format!("↻{}", pod.restarts) }</span> }
            </button>
        </li>
    }
}

fn render_events(view: &ClusterView) -> Html {
    let start = view.events.len().saturating_sub(N_EVENTS_SHOWN);
    let shown = &view.events[start..];
    html! {
        <div class="events">
            <div class="events-title">{ "Recent events" }</div>
            if view.events.is_empty() { <p class="empty">{ "No events yet." }</p> }
            <ol class="event-list">
                { for event_keys(shown).into_iter().zip(shown).rev().map(|(key, event)| html! {
                    <li {key} class={classes!("event", (event.kind == "Warning").then_some("warning"))}>
                        <time>{ format_clock(event.at_seconds) }</time>
                        <span class="reason">{ event.reason.clone() }</span>
                        <span class="object" title={event.object.clone()}>{ kubectl_object(&event.object) }</span>
                        <span class="message" title={event.message.clone()}>{ event.message.clone() }</span>
                    </li>
                }) }
            </ol>
        </div>
    }
}

/// `Pod/web-1` as kubectl's OBJECT column writes it: `pod/web-1`.
fn kubectl_object(object: &str) -> String {
    match object.split_once('/') {
        Some((kind, name)) => format!("{}/{name}", kind.to_lowercase()),
        None => object.to_string(),
    }
}

/// Keys that stay with an event while newer ones push it down the list (events have no uid):
/// its time and text, plus how many identical events came before it.
fn event_keys(events: &[view::EventView]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(events.len());
    for event in events {
        let base = format!("{}/{}/{}/{}", event.at_seconds, event.reason, event.object, event.message);
        let n_same = keys.iter().filter(|key| key.rsplit_once('#').is_some_and(|(prefix, _)| prefix == base)).count();
        keys.push(format!("{base}#{n_same}"));
    }
    keys
}
