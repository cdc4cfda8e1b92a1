//! The animated cluster view: Deployments and their ReplicaSets on top, then one lane per node
//! with its pods as cards, grouped by owner (a ReplicaSet's revision, a Job) and coloured by image.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::explain::Explanation;
use crate::fixed_point::fixed;
use crate::ui::i18n::{use_lang, use_texts, Lang, Texts};
use crate::ui::layout::{image_hue, images, lanes, n_system_pods, short_pod_name, visible_objects, Fit, Lane, OwnerKind, PodGroup};
use crate::ui::sim_clock::format_clock;
use crate::view::{self, ClusterView};
use crate::order::SharedSort;

/// How many of the newest events the feed lists: as many as the page's snapshot explains.
const N_EVENTS_SHOWN: usize = crate::ui::state::N_EVENTS_EXPLAINED;

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
    let texts = use_texts();
    let lang = use_lang();
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
    let links = use_state(Vec::<Link>::new);
    let canvas_ref = use_node_ref();
    let body_ref = use_node_ref();
    // How much each pod card shows: measured, so that every lane stays in the drawing's box.
    let fit = use_state(Fit::default);
    // A window resize moves the cards: count resizes, and measure again when the count changes;
    // the cards start full-sized again and shrink as far as the new size needs.
    let resizes = use_mut_ref(|| 0u32);
    let force_update = use_force_update();
    {
        let resizes = resizes.clone();
        let fit = fit.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                *resizes.borrow_mut() += 1;
                fit.set(Fit::default());
                force_update.force_update();
            });
            move || drop(listener)
        });
    }
    {
        let wanted = wanted_links(view);
        let links = links.clone();
        let canvas_ref = canvas_ref.clone();
        let body_ref = body_ref.clone();
        let fit = fit.clone();
        let n_pods = view.pods.len();
        let key = (Rc::as_ptr(&props.view) as usize, *show_system, *resizes.borrow(), fit.density);
        use_effect_with(key, move |_| {
            if let Some(body) = body_ref.cast::<Element>() {
                // A hidden drawing (no height) has nothing to fit into.
                let overflowing = body.client_height() > 0 && body.scroll_height() > body.client_height() + 1;
                let next = fit.next(overflowing, n_pods);
                if next != *fit {
                    fit.set(next);
                    // The cards move: the lines are measured after that render.
                    return;
                }
            }
            if let Some(canvas) = canvas_ref.cast::<Element>() {
                let measured = measure_links(&canvas, &wanted);
                if *links != measured {
                    links.set(measured);
                }
            }
        });
    }
    let n_ready = view.pods.iter().filter(|pod| pod.ready).count();
    let on_toggle_system = {
        let show_system = show_system.clone();
        Callback::from(move |_: Event| show_system.set(!*show_system))
    };
    html! {
        <div class={classes!("cluster", (*animate).then_some("animate"))}>
            <div class="panel-title">
                <span>{ texts.cluster }</span>
                <span class="hint">
                    { (texts.cluster_summary)(view.nodes.len(), view.pods.len(), n_ready) }
                    if n_system > 0 || *show_system {
                        <label class="system-toggle" title={texts.system_title}>
                            <input type="checkbox" checked={*show_system} onchange={on_toggle_system} />
                            { (texts.system_toggle)(n_system) }
                        </label>
                    }
                </span>
            </div>
            <div class="cluster-body" ref={body_ref}>
                <div class={classes!("cluster-canvas", fit.density.class())} ref={canvas_ref}>
                    { render_links(&links) }
                    { render_workloads(view, texts) }
                    { render_services(view, texts) }
                    <div class="lanes">
                        { for lanes(view).iter().map(|lane| render_lane(view, lane, &props.on_pod_click, texts)) }
                    </div>
                </div>
            </div>
            { render_events(view, texts, lang) }
        </div>
    }
}

fn hue_style(image: &str) -> String {
    format!("--hue: {}", image_hue(image))
}

fn render_workloads(view: &ClusterView, texts: &Texts) -> Html {
    let has_services = view.services.iter().any(|service| !is_api_server_service(service));
    if view.deployments.is_empty() && view.workloads.is_empty() && !has_services && view.replica_sets.is_empty() {
        return html! {
            <p class="empty">{ texts.no_deployments }</p>
        };
    }
    // Images a ReplicaSet row or a workload card already names need no legend entry (bare
    // pods' images do).
    let unnamed: Vec<&str> = images(view).into_iter().filter(|image| !shown_by_replica_set(view, image) && !view.workloads.iter().any(|w| w.image == *image)).collect();
    html! {
        <div class="workloads">
            { for view.deployments.iter().map(|deployment| render_deployment(view, deployment, texts)) }
            { for view.workloads.iter().map(|workload| render_workload(workload, texts)) }
            if !unnamed.is_empty() {
                <ul class="legend" aria-label={texts.images}>
                    { for unnamed.into_iter().map(|image| html! {
                        <li class="legend-item" style={hue_style(image)}><span class="swatch" aria-hidden="true"></span>{ image }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// Whether a Deployment's ReplicaSet row names `image` already (the legend then leaves it out).
fn shown_by_replica_set(view: &ClusterView, image: &str) -> bool {
    view.replica_sets.iter().any(|rs| {
        rs.image == image
            && view.deployments.iter().any(|deployment| deployment.namespace == rs.namespace && rs.owner.as_deref() == Some(deployment.name.as_str()))
    })
}

fn render_deployment(view: &ClusterView, deployment: &view::DeploymentView, texts: &Texts) -> Html {
    let mut replica_sets: Vec<&view::ReplicaSetView> = view
        .replica_sets
        .iter()
        .filter(|rs| rs.namespace == deployment.namespace && rs.owner.as_deref() == Some(deployment.name.as_str()))
        .collect();
    replica_sets.shared_sort_by_key(|rs| rs.revision.as_deref().and_then(|rev| rev.parse::<u64>().ok()).unwrap_or(u64::MAX));
    let settled = deployment.updated == deployment.replicas && deployment.available == deployment.replicas;
    html! {
        <div class="deployment" data-deployment={deployment.name.clone()}>
            <div class="deployment-head">
                <span class="kind">{ "deploy" }</span>
                <strong>{ deployment.name.clone() }</strong>
                <span class={classes!("badge", if settled { "ok" } else { "busy" })}>
                    { (texts.deployment_ready)(deployment.ready, deployment.replicas) }
                </span>
                <span class="meta">{ (texts.deployment_meta)(deployment.updated, deployment.available, &deployment.strategy) }</span>
                if deployment.paused { <span class="badge busy">{ texts.paused }</span> }
                if let Some((name, min, max)) = &deployment.autoscaler {
                    <span class="badge autoscaler" title={(texts.autoscaled_title)(name, *min, *max)}>{ (texts.autoscaled)(*min, *max) }</span>
                }
            </div>
            <ul class="replica-sets">
                { for replica_sets.iter().map(|rs| html! {
                    <li key={rs.name.clone()} class={classes!("replica-set", (rs.desired == 0 && rs.current == 0).then_some("scaled-down"))}
                        style={hue_style(&rs.image)} data-replicaset={rs.name.clone()} title={rs.name.clone()}>
                        <span class="swatch" aria-hidden="true"></span>
                        <span class="rev">{ (texts.revision)(rs.revision.as_deref().unwrap_or("?")) }</span>
                        <code class="rs-image">{ rs.image.clone() }</code>
                        <span class="rs-counts">{ (texts.replica_set_counts)(rs.desired, rs.current, rs.ready) }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// A DaemonSet's or StatefulSet's card: its kind and name, ready of desired, up-to-date and
/// available, its strategy, and its template's image in that image's colour.
fn render_workload(workload: &view::WorkloadView, texts: &Texts) -> Html {
    let settled = workload.updated == workload.desired && workload.available == workload.desired;
    html! {
        <div class="deployment workload" data-workload={format!("{}/{}", workload.kind, workload.name)}>
            <div class="deployment-head">
                <span class="kind">{ workload.kind }</span>
                <strong>{ workload.name.clone() }</strong>
                <span class={classes!("badge", if settled { "ok" } else { "busy" })}>
                    { (texts.deployment_ready)(workload.ready, workload.desired) }
                </span>
                <span class="meta">{ (texts.deployment_meta)(workload.updated, workload.available, &workload.strategy) }</span>
            </div>
            <ul class="replica-sets">
                <li class="replica-set" style={hue_style(&workload.image)}>
                    <span class="swatch" aria-hidden="true"></span>
                    <code class="rs-image">{ workload.image.clone() }</code>
                </li>
            </ul>
        </div>
    }
}

/// `default/kubernetes` fronts the API server, not pods: its endpoints are not drawn, so
/// showing "0 ready endpoints" for it would only confuse.
fn is_api_server_service(service: &view::ServiceView) -> bool {
    service.namespace == "default" && service.name == "kubernetes"
}

/// The Services drawn as boxes in a row above the node lanes; lines go from them to their pods.
fn render_services(view: &ClusterView, texts: &Texts) -> Html {
    let services: Vec<&view::ServiceView> = view.services.iter().filter(|service| !is_api_server_service(service)).collect();
    if services.is_empty() {
        return html! {};
    }
    html! {
        <div class="services">
            { for services.into_iter().map(|service| render_service(view, service, texts)) }
        </div>
    }
}

fn render_service(view: &ClusterView, service: &view::ServiceView, texts: &Texts) -> Html {
    let selector = service.selector.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join(",");
    let mut images: Vec<&str> = service
        .ready_pods
        .iter()
        .filter_map(|name| view.pods.iter().find(|pod| pod.name == *name && pod.namespace == service.namespace))
        .map(|pod| pod.image.as_str())
        .collect();
    images.shared_sort_unstable();
    images.dedup();
    let n_ready = service.ready_pods.len();
    let summary = (texts.service_summary)(&service.name, &selector, n_ready, service.not_ready_pods.len());
    html! {
        <div key={service.name.clone()} class={classes!("service", (n_ready == 0).then_some("no-endpoints"))}
            data-service={service.name.clone()} data-endpoints={service.ready_pods.join(" ")}
            data-endpoint-images={images.join(" ")} aria-label={summary.clone()} title={summary} role="group">
            <div class="service-head">
                <span class="kind">{ "svc" }</span>
                <strong>{ service.name.clone() }</strong>
            </div>
            <code class="selector">{ if selector.is_empty() { texts.no_selector.to_string() } else { selector } }</code>
            <span class={classes!("endpoints", (n_ready == 0).then_some("none"))}>
                { if n_ready == 0 { texts.no_ready_endpoints.to_string() } else { (texts.ready_pods_arrow)(n_ready) } }
                if !service.not_ready_pods.is_empty() { { (texts.n_not_ready)(service.not_ready_pods.len()) } }
            </span>
        </div>
    }
}

/// A line from a Service to one of its pods.
#[derive(Debug, Clone, PartialEq)]
struct Link {
    service: String,
    pod: String,
    image: String,
    /// A ready endpoint (traffic flows); otherwise a matching pod that gets no traffic.
    ready: bool,
    /// SVG path data, in the canvas's coordinates; empty until measured.
    path: String,
    /// The arrow head's tip.
    tip: (f64, f64),
}

/// Every (Service, pod) pair to draw, before measuring.
fn wanted_links(view: &ClusterView) -> Vec<Link> {
    let mut links = Vec::new();
    for service in view.services.iter().filter(|service| !is_api_server_service(service)) {
        let pods = service.ready_pods.iter().map(|pod| (pod, true)).chain(service.not_ready_pods.iter().map(|pod| (pod, false)));
        for (pod, ready) in pods {
            let image = view.pods.iter().find(|p| p.name == *pod).map(|p| p.image.clone()).unwrap_or_default();
            links.push(Link { service: service.name.clone(), pod: pod.clone(), image, ready, path: String::new(), tip: (0.0, 0.0) });
        }
    }
    links
}

#[wasm_bindgen]
extern "C" {
    /// An element, for its one method below (web-sys's `DomRect` feature is not enabled).
    type Boxed;
    #[wasm_bindgen(method, js_name = getBoundingClientRect)]
    fn bounding_rect(this: &Boxed) -> Rect;
    /// An element's box on the screen (also the editor's problem marks).
    pub(crate) type Rect;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn left(this: &Rect) -> f64;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn top(this: &Rect) -> f64;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn width(this: &Rect) -> f64;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn height(this: &Rect) -> f64;
}

pub(crate) fn rect_of(element: &Element) -> Rect {
    element.unchecked_ref::<Boxed>().bounding_rect()
}

/// Where the boxes are now: a curve from the bottom of each Service's box to the top of each pod
/// card. A Service's lines leave its box spread along the bottom edge, in the order of their pods
/// from left to right, so they do not cross near the box.
fn measure_links(canvas: &Element, wanted: &[Link]) -> Vec<Link> {
    let origin = rect_of(canvas);
    let (ox, oy) = (origin.left(), origin.top());
    let find = |selector: String| canvas.query_selector(&selector).ok().flatten();
    let mut links = Vec::new();
    let mut services: Vec<&str> = wanted.iter().map(|link| link.service.as_str()).collect();
    services.dedup();
    for service in services {
        let Some(from) = find(format!("[data-service=\"{}\"]", css_escape(service))).map(|el| rect_of(&el)) else { continue };
        let mut targets: Vec<(&Link, f64, f64)> = wanted
            .iter()
            .filter(|link| link.service == service)
            .filter_map(|link| {
                let to = rect_of(&find(format!("[data-pod=\"{}\"]", css_escape(&link.pod)))?);
                Some((link, to.left() - ox + to.width() / 2.0, to.top() - oy - 1.0))
            })
            .collect();
        targets.shared_sort_by(|a, b| a.1.total_cmp(&b.1));
        let n = targets.len() as f64;
        let y0 = from.top() - oy + from.height();
        for (k, (link, x1, y1)) in targets.into_iter().enumerate() {
            let x0 = from.left() - ox + 12.0 + (from.width() - 24.0) * (k as f64 + 0.5) / n;
            let mid = (y0 + y1) / 2.0;
            let [from_x, from_y, mid, to_x, to_y] = [x0, y0, mid, x1, y1 - 6.0].map(|n| fixed(n, 1));
            let path = format!("M{from_x} {from_y} C{from_x} {mid} {to_x} {mid} {to_x} {to_y}");
            links.push(Link { path, tip: (x1, y1), ..link.clone() });
        }
    }
    links
}

/// Names are DNS labels, but keep a stray quote or backslash from breaking the selector.
fn css_escape(name: &str) -> String {
    name.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The SVG over the canvas: a line per (Service, pod), with moving dots on ready ones.
fn render_links(links: &[Link]) -> Html {
    if links.is_empty() {
        return html! {};
    }
    html! {
        <svg class="traffic" aria-hidden="true">
            { for links.iter().map(|link| {
                let (x, y) = link.tip;
                let [left, top, right, x, y] = [x - 5.0, y - 8.0, x + 5.0, x, y].map(|n| fixed(n, 1));
                let arrow = format!("M{left} {top} L{right} {top} L{x} {y} Z");
                html! {
                    <g key={format!("{}/{}", link.service, link.pod)} class={classes!("link", if link.ready { "ready" } else { "not-ready" })}
                        style={hue_style(&link.image)} data-link-service={link.service.clone()} data-link-pod={link.pod.clone()}
                        data-image={link.image.clone()} data-ready={link.ready.to_string()}>
                        <path class="link-line" d={link.path.clone()} />
                        if link.ready {
                            <path class="link-dots" d={link.path.clone()} />
                            <path class="link-arrow" d={arrow} />
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

fn render_lane(view: &ClusterView, lane: &Lane<'_>, on_pod_click: &Callback<String>, texts: &Texts) -> Html {
    // `data-node` keeps the English "unscheduled"; the label is translated.
    let node = lane.node.and_then(|name| view.nodes.iter().find(|n| n.name == name));
    let cordoned = node.is_some_and(|n| n.unschedulable);
    let taints: &[String] = node.map_or(&[], |n| n.taints.as_slice());
    // STATUS as `kubectl get nodes` prints it.
    let (id, label, status) = match lane.node {
        Some(node) => (node, node, format!("{}{}", if lane.ready { "Ready" } else { "NotReady" }, if cordoned { ",SchedulingDisabled" } else { "" })),
        None => ("unscheduled", texts.unscheduled, "Pending".to_string()),
    };
    let n_pods: usize = lane.groups.iter().map(|group| group.pods.len()).sum();
    html! {
        <section class={classes!("lane", lane.node.is_none().then_some("unscheduled"), (!lane.ready).then_some("not-ready"), cordoned.then_some("cordoned"))}
            data-node={id.to_string()} data-unschedulable={cordoned.to_string()} data-taints={taints.join(",")} aria-label={(texts.node_label)(label)}>
            <header class="lane-label">
                <span class="node-icon" aria-hidden="true">{ "⬢" }</span>
                <span class="node-name">{ label }</span>
                <span class="node-status">{ status }</span>
                { for taints.iter().map(|taint| html! { <span class="node-taint" title={(texts.taint_title)(taint)}>{ taint.clone() }</span> }) }
                <span class="node-count">{ (texts.n_pods)(n_pods) }</span>
            </header>
            <div class="lane-pods">
                if lane.groups.is_empty() { <span class="lane-empty">{ texts.no_pods }</span> }
                { for lane.groups.iter().map(|group| render_group(view, group, on_pod_click, texts)) }
            </div>
        </section>
    }
}

fn render_group(view: &ClusterView, group: &PodGroup<'_>, on_pod_click: &Callback<String>, texts: &Texts) -> Html {
    // With several Deployments, "rev 1" alone is ambiguous: name the Deployment too.
    let deployment = (view.deployments.len() > 1)
        .then(|| view.replica_sets.iter().find(|rs| Some(rs.name.as_str()) == group.owner))
        .flatten()
        .and_then(|rs| rs.owner.as_deref());
    // A Deployment's ReplicaSet by its revision; any other owner by kind and name, as kubectl
    // short-names it (`job pi`, `rs frontend`, `ds fluentd`, `sts web`, `rc kubia`).
    let label = match (group.owner_kind, group.owner, group.revision) {
        (Some(OwnerKind::ReplicaSet), _, Some(revision)) => match deployment {
            Some(deployment) => format!("{deployment} · {}", (texts.revision)(revision)),
            None => (texts.revision)(revision),
        },
        (Some(OwnerKind::Other), Some(owner), _) => owner.to_string(),
        (Some(kind), Some(owner), _) => format!("{} {owner}", kind.short()),
        _ => texts.bare_pods.to_string(),
    };
    let kind = match group.owner_kind {
        Some(OwnerKind::ReplicaSet) => "ReplicaSet",
        Some(OwnerKind::Job) => "Job",
        Some(OwnerKind::DaemonSet) => "DaemonSet",
        Some(OwnerKind::StatefulSet) => "StatefulSet",
        Some(OwnerKind::ReplicationController) => "ReplicationController",
        Some(OwnerKind::Other) => "Other",
        None => "",
    };
    let owner = group.owner.unwrap_or("").to_string();
    let title = match group.owner {
        Some(name) if !kind.is_empty() && group.owner_kind != Some(OwnerKind::Other) => format!("{kind} {name}"),
        Some(name) => name.to_string(),
        None => texts.no_owner_title.to_string(),
    };
    html! {
        <div class="pod-group" key={format!("{kind}/{owner}")} data-owner-kind={(!kind.is_empty()).then_some(kind)}
            data-owner={group.owner.map(str::to_string)}
            data-replicaset={(group.owner_kind == Some(OwnerKind::ReplicaSet)).then_some(owner)} {title}>
            <span class="group-label">{ label }</span>
            <ul class="pods">
                { for group.pods.iter().map(|pod| render_pod(pod, group.owner, on_pod_click, texts)) }
            </ul>
        </div>
    }
}

fn render_pod(pod: &view::PodView, owner: Option<&str>, on_pod_click: &Callback<String>, texts: &Texts) -> Html {
    let mut summary = (texts.pod_summary)(&pod.name, &pod.status, pod.ready, &pod.image, pod.ip.as_deref().unwrap_or(""));
    // A pod with several containers says how many are ready, as the READY column does.
    let several = pod.containers > 1;
    if several {
        summary = format!("{summary}, {}", (texts.pod_containers)(pod.containers_ready, pod.containers));
    }
    let onclick = {
        let name = pod.name.clone();
        on_pod_click.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <li key={pod.name.clone()} class="pod-item">
            <button type="button" class="pod" style={hue_style(&pod.image)} {onclick}
                data-pod={pod.name.clone()} data-phase={pod.status.clone()} data-ready={pod.ready.to_string()}
                data-containers={several.then(|| format!("{}/{}", pod.containers_ready, pod.containers))}
                data-image={pod.image.clone()} title={format!("{summary}\n{}", texts.pod_click_hint)} aria-label={summary}>
                <span class="pod-dot" aria-hidden="true"></span>
                <span class="pod-name">{ short_pod_name(&pod.name, owner).to_string() }</span>
                <span class="pod-status">
                    if several { <span class="pod-containers">{ format!("{}/{} ", pod.containers_ready, pod.containers) }</span> }
                    { status_words(&pod.status) }
                </span>
                if pod.restarts > 0 { <span class="pod-restarts">{ format!("↻{}", pod.restarts) }</span> }
            </button>
        </li>
    }
}

/// A STATUS with a line-break opportunity between its words (`Container<wbr>Creating`), so a
/// narrow card wraps `ContainerCreating` instead of cutting it.
fn status_words(status: &str) -> Html {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, ch) in status.char_indices().skip(1) {
        if ch.is_ascii_uppercase() && status[..at].chars().next_back().is_some_and(|before| before.is_ascii_lowercase()) {
            parts.push(&status[start..at]);
            start = at;
        }
    }
    parts.push(&status[start..]);
    let n_parts = parts.len();
    html! {
        { for parts.into_iter().enumerate().map(|(i, part)| html! {
            <>{ part.to_string() }if i + 1 < n_parts { <wbr /> }</>
        }) }
    }
}

/// The newest events, newest first, beside the drawing and the timeline (its own scroll); under
/// each one that the snapshot explains, its explanation in the page's language
/// (`data-explanation` keeps the English, for tests).
fn render_events(view: &ClusterView, texts: &Texts, lang: Lang) -> Html {
    let start = view.events.len().saturating_sub(N_EVENTS_SHOWN);
    let shown = &view.events[start..];
    html! {
        <section class="events" aria-label={texts.recent_events}>
            <div class="events-title">{ texts.recent_events }</div>
            if view.events.is_empty() { <p class="empty">{ texts.no_events }</p> }
            <ol class="event-list" lang="en">
                { for event_keys(shown).into_iter().zip(shown).enumerate().rev().map(|(offset, (key, event))| html! {
                    <li {key} class={classes!("event", (event.kind == "Warning").then_some("warning"))}>
                        <time>{ format_clock(event.at_seconds) }</time>
                        <span class="reason">{ event.reason.clone() }</span>
                        <span class="object" title={event.object.clone()}><bdi>{ kubectl_object(&event.object) }</bdi></span>
                        <span class="message" title={event.message.clone()}>{ event.message.clone() }</span>
                        { render_explanation(view.events.explanation(start + offset), texts, lang) }
                    </li>
                }) }
            </ol>
        </section>
    }
}

fn render_explanation(explanation: Option<&Explanation>, texts: &Texts, lang: Lang) -> Html {
    let Some(explanation) = explanation else { return html! {} };
    let text = match lang {
        Lang::En => explanation.en(),
        Lang::Ko => explanation.ko(),
    };
    html! {
        <p class="explanation" lang={lang.code()} data-explanation={explanation.en()}>
            <span class="visually-hidden">{ texts.explanation_label }</span>
            { text }
        </p>
    }
}

/// `Pod/web-1` as kubectl's OBJECT column writes it: `pod/web-1`.
fn kubectl_object(object: &str) -> String {
    match object.split_once('/') {
        Some((kind, name)) => format!("{}/{name}", kind.to_ascii_lowercase()),
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
