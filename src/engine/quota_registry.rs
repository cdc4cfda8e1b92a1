//! The write path of LimitRanges and ResourceQuotas (defaults, `ValidateLimitRange`,
//! `ValidateResourceQuota`), and the two admission plugins that read them on pod creation: the
//! LimitRanger (plugin/pkg/admission/limitranger/admission.go) and the ResourceQuota plugin
//! (plugin/pkg/admission/resourcequota/controller.go, with the pod evaluator of
//! pkg/quota/v1/evaluator/core/pods.go).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::engine::api::limit_range::{LimitRange, LimitRangeItem, ResourceList};
use crate::engine::api::pod::{Container, Pod};
use crate::engine::api::quantity::Quantity;
use crate::engine::api::resource_quota::ResourceQuota;
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind, Obj};
use crate::engine::Cluster;

/// The annotation the LimitRanger leaves on a pod it defaulted.
pub const LIMIT_RANGER_ANNOTATION: &str = "kubernetes.io/limit-ranger";

/// What `resource.ParseQuantity` says of text that is no quantity.
pub const QUANTITY_ERROR: &str = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// Usage by resource name (`requests.cpu` -> 400m).
pub type Usage = BTreeMap<String, Quantity>;

/// Every quantity of a list in canonical form, as the apiserver stores it (`"1.5"` -> `1500m`);
/// text that is no quantity is left for validation to name.
pub fn canonicalize(list: &mut ResourceList) {
    for value in list.values_mut() {
        if let Some(quantity) = Quantity::from_json(value) {
            *value = quantity.to_json();
        }
    }
}

/// The first value of the lists that is no quantity, for the decoder's error.
pub fn first_bad_quantity<'a>(lists: impl IntoIterator<Item = &'a ResourceList>) -> Option<String> {
    lists.into_iter().flat_map(|list| list.values()).find(|value| Quantity::from_json(value).is_none()).map(|_| QUANTITY_ERROR.to_string())
}

fn quantity(value: &serde_json::Value) -> Quantity {
    Quantity::from_json(value).unwrap_or_else(Quantity::zero)
}

/// Mirrors `SetDefaults_LimitRangeItem`: a Container item's default limit falls back to its max,
/// its default request to its default limit, then to its min.
fn default_limit_range(range: &mut LimitRange) {
    for item in &mut range.spec.limits {
        for list in [&mut item.default, &mut item.default_request, &mut item.max, &mut item.min, &mut item.max_limit_request_ratio] {
            canonicalize(list);
        }
        if item.type_ != "Container" {
            continue;
        }
        for (name, value) in item.max.clone() {
            item.default.entry(name).or_insert(value);
        }
        for (name, value) in item.default.clone() {
            item.default_request.entry(name).or_insert(value);
        }
        for (name, value) in item.min.clone() {
            item.default_request.entry(name).or_insert(value);
        }
    }
}

/// Mirrors `ValidateLimitRange` (pkg/apis/core/validation/validation.go), each resource's checks
/// in name order.
fn validate_limit_range(range: &LimitRange) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&range.metadata, false, &mut errors);
    let mut types = BTreeSet::new();
    for (i, item) in range.spec.limits.iter().enumerate() {
        let path = format!("spec.limits[{i}]");
        validate_limit_type(&item.type_, &format!("{path}.type"), &mut errors);
        if !types.insert(item.type_.clone()) {
            errors.push(FieldError { field: format!("{path}.type"), message: format!("Duplicate value: {:?}", item.type_) });
        }
        let mut keys = BTreeSet::new();
        for (field, list) in [("max", &item.max), ("min", &item.min)] {
            for name in list.keys() {
                validate_limit_resource_name(&item.type_, name, &format!("{path}.{field}[{name}]"), &mut errors);
                keys.insert(name.clone());
            }
        }
        let (defaults, default_requests) = if item.type_ == "Pod" {
            if !item.default.is_empty() {
                errors.push(FieldError::forbidden(&format!("{path}.default"), "may not be specified when `type` is 'Pod'"));
            }
            if !item.default_request.is_empty() {
                errors.push(FieldError::forbidden(&format!("{path}.defaultRequest"), "may not be specified when `type` is 'Pod'"));
            }
            (ResourceList::new(), ResourceList::new())
        } else {
            for (field, list) in [("default", &item.default), ("defaultRequest", &item.default_request)] {
                for name in list.keys() {
                    validate_limit_resource_name(&item.type_, name, &format!("{path}.{field}[{name}]"), &mut errors);
                    keys.insert(name.clone());
                }
            }
            (item.default.clone(), item.default_request.clone())
        };
        if item.type_ == "PersistentVolumeClaim" && !item.min.contains_key("storage") && !item.max.contains_key("storage") {
            errors.push(FieldError { field: format!("{path}.limits"), message: "Required value: either minimum or maximum storage value is required, but neither was provided".into() });
        }
        for name in item.max_limit_request_ratio.keys() {
            validate_limit_resource_name(&item.type_, name, &format!("{path}.maxLimitRequestRatio[{name}]"), &mut errors);
            keys.insert(name.clone());
        }
        for name in keys {
            let get = |list: &ResourceList| list.get(&name).map(quantity);
            let (min, max, default, default_request, ratio) = (get(&item.min), get(&item.max), get(&defaults), get(&default_requests), get(&item.max_limit_request_ratio));
            let invalid = |field: &str, value: &Quantity, detail: String| FieldError::invalid(&format!("{path}.{field}[{name}]"), &format!("\"{value}\""), &detail);
            if let (Some(min), Some(max)) = (&min, &max) {
                if min > max {
                    errors.push(invalid("min", min, format!("min value {min} is greater than max value {max}")));
                }
            }
            if let Some(request) = &default_request {
                if let Some(min) = &min {
                    if min > request {
                        errors.push(invalid("defaultRequest", request, format!("min value {min} is greater than default request value {request}")));
                    }
                }
                if let Some(max) = &max {
                    if request > max {
                        errors.push(invalid("defaultRequest", request, format!("default request value {request} is greater than max value {max}")));
                    }
                }
                if let Some(default) = &default {
                    if request > default {
                        errors.push(invalid("defaultRequest", request, format!("default request value {request} is greater than default limit value {default}")));
                    }
                }
            }
            if let Some(default) = &default {
                // The real validator names the bound, not the default, as the invalid value.
                if let Some(min) = &min {
                    if min > default {
                        errors.push(invalid("default", min, format!("min value {min} is greater than default value {default}")));
                    }
                }
                if let Some(max) = &max {
                    if default > max {
                        errors.push(invalid("default", max, format!("default value {default} is greater than max value {max}")));
                    }
                }
            }
            if let Some(ratio) = &ratio {
                if *ratio < Quantity::from_int(1) {
                    errors.push(invalid("maxLimitRequestRatio", ratio, format!("ratio {ratio} is less than 1")));
                }
                if let (Some(min), Some(max)) = (&min, &max) {
                    let limit = max.milli_value() as f64 / min.milli_value() as f64;
                    if ratio.milli_value() as f64 / 1000.0 > limit {
                        errors.push(invalid("maxLimitRequestRatio", ratio, format!("ratio {ratio} is greater than max/min = {limit:.6}")));
                    }
                }
            }
        }
    }
    errors
}

/// `validateLimitRangeTypeName`: a qualified name, standard unless it has a domain prefix.
fn validate_limit_type(type_: &str, field: &str, errors: &mut Vec<FieldError>) {
    let name = type_.rsplit('/').next().unwrap_or("");
    let qualified = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    if name.is_empty() {
        errors.push(FieldError::invalid(field, &format!("{type_:?}"), "name part must be non-empty"));
    }
    if !qualified {
        errors.push(FieldError::invalid(field, &format!("{type_:?}"), crate::engine::api::validation::LABEL_NAME_MSG));
        return;
    }
    if !type_.contains('/') && !matches!(type_, "Container" | "Pod" | "PersistentVolumeClaim") {
        errors.push(FieldError::invalid(field, &format!("{type_:?}"), "must be a standard limit type or fully qualified"));
    }
}

/// `validateLimitRangeResourceName`: containers and pods bound standard container resources.
fn validate_limit_resource_name(type_: &str, name: &str, field: &str, errors: &mut Vec<FieldError>) {
    let standard = matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-");
    if matches!(type_, "Container" | "Pod") && !standard && !name.contains('/') {
        errors.push(FieldError::invalid(field, &format!("{name:?}"), "must be a standard resource for containers"));
    }
}

/// LimitRange create: namespace lifecycle, defaults, canonical quantities, validation.
#[inline(never)]
pub fn create_limit_range(cluster: &mut Cluster, mut range: LimitRange) -> Result<Rc<LimitRange>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::LimitRange, &range.metadata.name, range.metadata.ns())?;
    default_limit_range(&mut range);
    let errors = validate_limit_range(&range);
    if !errors.is_empty() {
        return Err(ApiError::invalid("LimitRange", &range.metadata.name, errors));
    }
    let now = cluster.time();
    cluster.store.create(range, now, &mut cluster.rng)
}

pub fn update_limit_range(cluster: &mut Cluster, mut range: LimitRange) -> Result<Rc<LimitRange>, ApiError> {
    default_limit_range(&mut range);
    let errors = validate_limit_range(&range);
    if !errors.is_empty() {
        return Err(ApiError::invalid("LimitRange", &range.metadata.name, errors));
    }
    cluster.store.update(range)
}

/// The standard names a quota may limit (`IsStandardQuotaResourceName`), beside the
/// domain-qualified and `count/` ones.
const STANDARD_QUOTA_NAMES: &[&str] = &[
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
    "services.loadbalancers", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
    "limits.cpu", "limits.memory", "limits.ephemeral-storage",
];

/// The names that count objects, whose quantities must be whole (`IsIntegerResourceName`).
fn is_integer_resource(name: &str) -> bool {
    matches!(name, "pods" | "services" | "replicationcontrollers" | "resourcequotas" | "secrets" | "configmaps" | "persistentvolumeclaims" | "services.nodeports" | "services.loadbalancers")
        || name.starts_with("count/")
}

/// Mirrors `ValidateResourceQuota`: standard or qualified names, quantities neither negative nor
/// (for object counts) fractional; the scopes it knows.
fn validate_quota(quota: &ResourceQuota) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&quota.metadata, false, &mut errors);
    for (name, value) in &quota.spec.hard {
        let field = format!("spec.hard[{name}]");
        let standard = STANDARD_QUOTA_NAMES.contains(&name.as_str()) || name.starts_with("requests.hugepages-") || name.starts_with("hugepages-");
        if !standard && !name.contains('/') {
            errors.push(FieldError::invalid(&field, &format!("{name:?}"), "must be a standard resource type or fully qualified"));
        }
        let amount = quantity(value);
        if amount.sign() < 0 {
            errors.push(FieldError::invalid(&field, &format!("\"{amount}\""), "must be greater than or equal to 0"));
        }
        if is_integer_resource(name) && amount.milli_value() % 1000 != 0 {
            errors.push(FieldError::invalid(&field, &format!("\"{amount}\""), "must be an integer"));
        }
    }
    for (i, scope) in quota.spec.scopes.iter().enumerate() {
        if !matches!(scope.as_str(), "Terminating" | "NotTerminating" | "BestEffort" | "NotBestEffort" | "PriorityClass" | "CrossNamespacePodAffinity") {
            errors.push(FieldError::invalid(&format!("spec.scopes[{i}]"), &format!("{scope:?}"), "unsupported scope"));
        }
    }
    errors
}

/// ResourceQuota create: validation; the status stays empty until the quota controller
/// computes it (right after, in `settle`).
#[inline(never)]
pub fn create_quota(cluster: &mut Cluster, mut quota: ResourceQuota) -> Result<Rc<ResourceQuota>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::ResourceQuota, &quota.metadata.name, quota.metadata.ns())?;
    canonicalize(&mut quota.spec.hard);
    let errors = validate_quota(&quota);
    if !errors.is_empty() {
        return Err(ApiError::invalid("ResourceQuota", &quota.metadata.name, errors));
    }
    quota.status = Default::default();
    let now = cluster.time();
    cluster.store.create(quota, now, &mut cluster.rng)
}

/// ResourceQuota update: the spec from the writer, the status as stored.
pub fn update_quota(cluster: &mut Cluster, mut quota: ResourceQuota) -> Result<Rc<ResourceQuota>, ApiError> {
    canonicalize(&mut quota.spec.hard);
    let errors = validate_quota(&quota);
    if !errors.is_empty() {
        return Err(ApiError::invalid("ResourceQuota", &quota.metadata.name, errors));
    }
    if let Some(old) = cluster.store.get::<ResourceQuota>(&Key::of(&quota.metadata, true)) {
        quota.status = old.status.clone();
    }
    cluster.store.update(quota)
}

/// SetDefaults_Pod's part for resources: a container with a limit and no request of the same
/// resource requests its limit (pods only, not templates); and every quantity canonical.
pub fn default_pod_resources(pod: &mut Pod) {
    let has_resources = |c: &Container| c.resources.as_ref().is_some_and(|r| !r.limits.is_empty() || !r.requests.is_empty());
    if !pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).any(has_resources) {
        return;
    }
    let spec = Rc::make_mut(&mut pod.spec);
    for container in spec.containers.iter_mut().chain(spec.init_containers.iter_mut()) {
        if let Some(resources) = container.resources.as_mut() {
            for (name, value) in resources.limits.clone() {
                resources.requests.entry(name).or_insert(value);
            }
            canonicalize(&mut resources.limits);
            canonicalize(&mut resources.requests);
        }
    }
}

fn limit_ranges(cluster: &Cluster, namespace: &str) -> Vec<Rc<LimitRange>> {
    cluster.store.limit_ranges.in_namespace(namespace).cloned().collect()
}

/// Whether pod admission has LimitRanges or ResourceQuotas to consult in the namespace.
pub fn has_policies(cluster: &Cluster, namespace: &str) -> bool {
    if cluster.store.limit_ranges.is_empty() && cluster.store.resource_quotas.is_empty() {
        return false;
    }
    cluster.store.limit_ranges.in_namespace(namespace).next().is_some() || cluster.store.resource_quotas.in_namespace(namespace).next().is_some()
}

/// The LimitRanger's mutation (`PodMutateLimitFunc` for each LimitRange): each container and
/// init container without a request or limit of a resource gets the Container item's default
/// request or limit, and the pod an annotation that says so (`mergePodResourceRequirements`).
pub fn limit_ranger_mutate(cluster: &Cluster, pod: &mut Pod) {
    for range in limit_ranges(cluster, pod.metadata.ns()) {
        let (mut requests, mut limits) = (ResourceList::new(), ResourceList::new());
        for item in range.spec.limits.iter().filter(|item| item.type_ == "Container") {
            requests.extend(item.default_request.clone());
            limits.extend(item.default.clone());
        }
        let mut notes = Vec::new();
        let spec = Rc::make_mut(&mut pod.spec);
        for container in spec.containers.iter_mut() {
            merge_container_resources(container, &requests, &limits, "container", &mut notes);
        }
        for container in spec.init_containers.iter_mut() {
            merge_container_resources(container, &requests, &limits, "init container", &mut notes);
        }
        if !notes.is_empty() {
            pod.metadata.annotations.insert(LIMIT_RANGER_ANNOTATION.to_string(), format!("LimitRanger plugin set: {}", notes.join("; ")));
        }
    }
}

/// Mirrors `mergeContainerResources`: names sorted, requests noted before limits.
fn merge_container_resources(container: &mut Container, requests: &ResourceList, limits: &ResourceList, prefix: &str, notes: &mut Vec<String>) {
    let resources = container.resources.get_or_insert_with(Default::default);
    let (mut set_requests, mut set_limits) = (Vec::new(), Vec::new());
    for (name, value) in limits {
        if !resources.limits.contains_key(name) {
            resources.limits.insert(name.clone(), value.clone());
            set_limits.push(name.clone());
        }
    }
    for (name, value) in requests {
        if !resources.requests.contains_key(name) {
            resources.requests.insert(name.clone(), value.clone());
            set_requests.push(name.clone());
        }
    }
    if !set_requests.is_empty() {
        notes.push(format!("{} request for {prefix} {}", set_requests.join(", "), container.name));
    }
    if !set_limits.is_empty() {
        notes.push(format!("{} limit for {prefix} {}", set_limits.join(", "), container.name));
    }
}

/// The LimitRanger's validation (`PodValidateLimitFunc` for each LimitRange, the first failing
/// one reported): min, max and the limit/request ratio of each container, or of the pod's sums.
/// Several failures of one LimitRange read as `utilerrors.NewAggregate` prints them: `[a, b]`.
pub fn limit_ranger_validate(cluster: &Cluster, pod: &Pod) -> Result<(), String> {
    for range in limit_ranges(cluster, pod.metadata.ns()) {
        let mut failures = Vec::new();
        for item in &range.spec.limits {
            match item.type_.as_str() {
                "Container" => {
                    for container in pod.spec.containers.iter().chain(pod.spec.init_containers.iter()) {
                        let none = Default::default();
                        let resources = container.resources.as_ref().unwrap_or(&none);
                        check_item(item, "Container", &resources.requests, &resources.limits, &mut failures);
                    }
                }
                "Pod" => {
                    let (requests, limits) = (pod_sum(pod, true), pod_sum(pod, false));
                    check_item(item, "Pod", &requests, &limits, &mut failures);
                }
                _ => {}
            }
        }
        match failures.len() {
            0 => {}
            1 => return Err(failures.remove(0)),
            _ => return Err(format!("[{}]", failures.join(", "))),
        }
    }
    Ok(())
}

/// Mirrors `PersistentVolumeClaimValidateLimitFunc`: a PersistentVolumeClaim item's min and max
/// bound the claim's requests (its limits are not read).
fn validate_claim_limits(cluster: &Cluster, claim: &crate::engine::api::storage::PersistentVolumeClaim) -> Result<(), String> {
    let requests = &claim.spec.resources.requests;
    for range in limit_ranges(cluster, claim.metadata.ns()) {
        let mut failures = Vec::new();
        for item in range.spec.limits.iter().filter(|item| item.type_ == "PersistentVolumeClaim") {
            let bounds = LimitRangeItem { min: item.min.clone(), ..Default::default() };
            check_item(&bounds, "PersistentVolumeClaim", requests, &ResourceList::new(), &mut failures);
            for (name, value) in &item.max {
                let enforced = quantity(value);
                match requests.get(name).map(quantity) {
                    None => failures.push(format!("maximum {name} usage per PersistentVolumeClaim is {enforced}.  No request is specified")),
                    Some(request) if request > enforced => failures.push(format!("maximum {name} usage per PersistentVolumeClaim is {enforced}, but request is {request}")),
                    Some(_) => {}
                }
            }
        }
        match failures.len() {
            0 => {}
            1 => return Err(failures.remove(0)),
            _ => return Err(format!("[{}]", failures.join(", "))),
        }
    }
    Ok(())
}

/// The validating admission of a claim about to be stored (after DefaultStorageClass): the
/// LimitRanger's bounds, then the quotas.
pub fn admit_claim(cluster: &mut Cluster, claim: &crate::engine::api::storage::PersistentVolumeClaim) -> Result<(), ApiError> {
    if !has_policies(cluster, claim.metadata.ns()) {
        return Ok(());
    }
    let forbidden = |message: String| ApiError::Forbidden { message: format!("persistentvolumeclaims \"{}\" is forbidden: {message}", claim.metadata.name) };
    validate_claim_limits(cluster, claim).map_err(forbidden)?;
    quota_admit(cluster, &Obj::PersistentVolumeClaim(Rc::new(claim.clone()))).map_err(forbidden)
}

/// The pod's summed requests or limits of the resources every container names (`sum` of the
/// Pod item's check: a resource some container lacks is left out).
fn pod_sum(pod: &Pod, requests: bool) -> ResourceList {
    let lists: Vec<ResourceList> = pod
        .spec
        .containers
        .iter()
        .map(|c| c.resources.as_ref().map(|r| if requests { r.requests.clone() } else { r.limits.clone() }).unwrap_or_default())
        .collect();
    let names: BTreeSet<&String> = lists.iter().flat_map(|l| l.keys()).collect();
    let mut sum = ResourceList::new();
    for name in names {
        if lists.iter().all(|l| l.contains_key(name)) {
            let total = lists.iter().fold(Quantity::zero(), |acc, l| acc.add(&quantity(&l[name])));
            sum.insert(name.clone(), total.to_json());
        }
    }
    sum
}

/// `minConstraint`, `maxConstraint` and `limitRequestRatioConstraint` of one item, in the
/// resources' name order.
fn check_item(item: &LimitRangeItem, type_: &str, requests: &ResourceList, limits: &ResourceList, failures: &mut Vec<String>) {
    for (name, value) in &item.min {
        let enforced = quantity(value);
        match requests.get(name).map(quantity) {
            None => failures.push(format!("minimum {name} usage per {type_} is {enforced}.  No request is specified")),
            Some(request) if request.milli_value() < enforced.milli_value() => failures.push(format!("minimum {name} usage per {type_} is {enforced}, but request is {request}")),
            Some(_) => match limits.get(name).map(quantity) {
                Some(limit) if limit.milli_value() < enforced.milli_value() => failures.push(format!("minimum {name} usage per {type_} is {enforced}, but limit is {limit}")),
                _ => {}
            },
        }
    }
    for (name, value) in &item.max {
        let enforced = quantity(value);
        match limits.get(name).map(quantity) {
            None => failures.push(format!("maximum {name} usage per {type_} is {enforced}.  No limit is specified")),
            Some(limit) if limit.milli_value() > enforced.milli_value() => failures.push(format!("maximum {name} usage per {type_} is {enforced}, but limit is {limit}")),
            Some(_) => match requests.get(name).map(quantity) {
                Some(request) if request.milli_value() > enforced.milli_value() => failures.push(format!("maximum {name} usage per {type_} is {enforced}, but request is {request}")),
                _ => {}
            },
        }
    }
    for (name, value) in &item.max_limit_request_ratio {
        let enforced = quantity(value);
        let request = requests.get(name).map(quantity).filter(|q| !q.is_zero());
        let limit = limits.get(name).map(quantity).filter(|q| !q.is_zero());
        match (request, limit) {
            (None, _) => failures.push(format!("{name} max limit to request ratio per {type_} is {enforced}, but no request is specified or request is 0")),
            (_, None) => failures.push(format!("{name} max limit to request ratio per {type_} is {enforced}, but no limit is specified or limit is 0")),
            (Some(request), Some(limit)) => {
                let observed = limit.milli_value() as f64 / request.milli_value() as f64;
                if observed * 1000.0 > enforced.milli_value() as f64 {
                    failures.push(format!("{name} max limit to request ratio per {type_} is {enforced}, but provided ratio is {observed:.6}"));
                }
            }
        }
    }
}

/// The resources the pod evaluator tracks (`podResources`).
const POD_RESOURCES: &[&str] = &[
    "count/pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
    "limits.ephemeral-storage", "pods",
];

/// The resources whose quota makes every container name them (`validationSet`).
const MUST_SPECIFY: &[&str] = &["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

/// `podComputeUsageHelper`: what one container's (or the pod's summed) requests and limits use.
fn compute_usage(requests: &ResourceList, limits: &ResourceList) -> Usage {
    let mut usage = Usage::new();
    usage.insert("pods".into(), Quantity::from_int(1));
    for resource in ["cpu", "memory", "ephemeral-storage"] {
        if let Some(request) = requests.get(resource) {
            usage.insert(resource.into(), quantity(request));
            usage.insert(format!("requests.{resource}"), quantity(request));
        }
        if let Some(limit) = limits.get(resource) {
            usage.insert(format!("limits.{resource}"), quantity(limit));
        }
    }
    usage
}

/// Whether quota still charges the pod (`QuotaV1Pod`): not terminal, and not deleted longer ago
/// than twice its grace period.
fn charged(pod: &Pod, now: crate::engine::clock::Time) -> bool {
    if matches!(pod.phase(), "Succeeded" | "Failed") {
        return false;
    }
    match (pod.metadata.deletion_timestamp, pod.metadata.deletion_grace_period_seconds) {
        (Some(at), Some(grace)) => now.0 <= at.0 + grace,
        _ => true,
    }
}

/// Mirrors `PodUsageFunc`: `count/pods` always; while charged, `pods` and the compute resources of
/// the pod's requests and limits (`PodRequests`: the containers' sum, or an init container's if
/// larger).
pub fn pod_usage(pod: &Pod, now: crate::engine::clock::Time) -> Usage {
    let mut usage = Usage::new();
    usage.insert("count/pods".into(), Quantity::from_int(1));
    if !charged(pod, now) {
        return usage;
    }
    let effective = |requests: bool| {
        let mut total = ResourceList::new();
        let pick = |c: &Container| c.resources.as_ref().map(|r| if requests { r.requests.clone() } else { r.limits.clone() }).unwrap_or_default();
        for container in pod.spec.containers.iter() {
            for (name, value) in pick(container) {
                let sum = total.get(&name).map(quantity).unwrap_or_else(Quantity::zero).add(&quantity(&value));
                total.insert(name, sum.to_json());
            }
        }
        for container in pod.spec.init_containers.iter() {
            for (name, value) in pick(container) {
                if total.get(&name).is_none_or(|have| quantity(have) < quantity(&value)) {
                    total.insert(name, value);
                }
            }
        }
        total
    };
    usage.extend(compute_usage(&effective(true), &effective(false)));
    usage
}

/// What one stored object charges, for the object-count evaluators: `count/<resource>` and the
/// legacy names (`services`, `configmaps`, ...), a Service's node ports and load balancers, a
/// claim's storage.
pub fn object_usage(object: &Obj, now: crate::engine::clock::Time) -> Usage {
    let kind = crate::engine::objects::kind_of(object);
    if let Obj::Pod(pod) = object {
        return pod_usage(pod, now);
    }
    let mut usage = Usage::new();
    let one = Quantity::from_int(1);
    usage.insert(format!("count/{}", kind.resource()), one);
    let legacy = match kind {
        Kind::Service => Some("services"),
        Kind::ConfigMap => Some("configmaps"),
        Kind::Secret => Some("secrets"),
        Kind::PersistentVolumeClaim => Some("persistentvolumeclaims"),
        Kind::ReplicationController => Some("replicationcontrollers"),
        Kind::ResourceQuota => Some("resourcequotas"),
        _ => None,
    };
    if let Some(name) = legacy {
        usage.insert(name.into(), one);
    }
    match object {
        Obj::Service(service) => {
            let type_ = service.spec.type_.as_deref().unwrap_or("ClusterIP");
            if type_ == "LoadBalancer" {
                usage.insert("services.loadbalancers".into(), one);
            }
            if matches!(type_, "NodePort" | "LoadBalancer") {
                usage.insert("services.nodeports".into(), Quantity::from_int(service.spec.ports.len() as i64));
            }
        }
        Obj::PersistentVolumeClaim(claim) => {
            let storage = claim.spec.resources.requests.get("storage").map(quantity).unwrap_or_else(Quantity::zero);
            usage.insert("requests.storage".into(), storage);
            if let Some(class) = claim.spec.storage_class_name.as_deref().filter(|c| !c.is_empty()) {
                usage.insert(format!("{class}.storageclass.storage.k8s.io/requests.storage"), storage);
                usage.insert(format!("{class}.storageclass.storage.k8s.io/persistentvolumeclaims"), one);
            }
        }
        _ => {}
    }
    usage
}

/// Whether the quota's scopes (all of them) select the pod (`podMatchesScopeFunc`); a scoped
/// quota charges pods only.
fn scopes_match(quota: &ResourceQuota, object: &Obj) -> bool {
    if quota.spec.scopes.is_empty() {
        return true;
    }
    match object {
        Obj::Pod(pod) => pod_in_scopes(quota, pod),
        _ => false,
    }
}

/// Whether every scope of the quota selects the pod.
pub fn pod_in_scopes(quota: &ResourceQuota, pod: &Pod) -> bool {
    let terminating = pod.spec.extra.get("activeDeadlineSeconds").and_then(serde_json::Value::as_i64).is_some_and(|s| s >= 0);
    let best_effort = pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).all(|c| c.resources.as_ref().is_none_or(|r| r.requests.is_empty() && r.limits.is_empty()));
    quota.spec.scopes.iter().all(|scope| match scope.as_str() {
        "Terminating" => terminating,
        "NotTerminating" => !terminating,
        "BestEffort" => best_effort,
        "NotBestEffort" => !best_effort,
        _ => false,
    })
}

/// Whether a quota's resource name is one the object's evaluator tracks (`MatchingResources`).
fn tracks(kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Pod => POD_RESOURCES.contains(&name) || name.starts_with("requests.hugepages-") || name.starts_with("hugepages-"),
        Kind::Service => matches!(name, "services" | "services.nodeports" | "services.loadbalancers" | "count/services"),
        Kind::PersistentVolumeClaim => matches!(name, "persistentvolumeclaims" | "requests.storage" | "count/persistentvolumeclaims") || name.contains(".storageclass.storage.k8s.io/"),
        Kind::ConfigMap => matches!(name, "configmaps" | "count/configmaps"),
        Kind::Secret => matches!(name, "secrets" | "count/secrets"),
        Kind::ReplicationController => matches!(name, "replicationcontrollers" | "count/replicationcontrollers"),
        Kind::ResourceQuota => matches!(name, "resourcequotas" | "count/resourcequotas"),
        other => name.strip_prefix("count/") == Some(other.resource()),
    }
}

/// Go's `prettyPrint` of a resource list: `name=quantity` in name order, joined by commas.
fn pretty(usage: &Usage) -> String {
    usage.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join(",")
}

/// The ResourceQuota admission plugin on a create (`checkRequest`): for each quota of the
/// namespace that tracks the object, the pod's containers must name the compute resources it
/// limits (`failed quota: q: must specify ...`), and the quota's used plus the object's usage may
/// not pass its hard limits (`exceeded quota: q, requested: ..., used: ..., limited: ...`). On
/// success every such quota's `status.used` goes up by the object's usage, as the plugin writes
/// it before the object is stored. Errors are the text after `... is forbidden: `.
pub fn quota_admit(cluster: &mut Cluster, object: &Obj) -> Result<(), String> {
    let meta = crate::engine::objects::meta(object);
    let kind = crate::engine::objects::kind_of(object);
    let quotas: Vec<Rc<ResourceQuota>> = cluster.store.resource_quotas.in_namespace(meta.ns()).cloned().collect();
    if quotas.is_empty() {
        return Ok(());
    }
    let mut interesting = Vec::new();
    for quota in &quotas {
        if !scopes_match(quota, object) {
            continue;
        }
        let restricted: Vec<&String> = quota.status.hard.keys().filter(|name| tracks(kind, name)).collect();
        if restricted.is_empty() {
            continue;
        }
        if let Obj::Pod(pod) = object {
            let required: Vec<&str> = restricted.iter().map(|n| n.as_str()).filter(|n| MUST_SPECIFY.contains(n)).collect();
            let mut missing: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
            for container in pod.spec.containers.iter().chain(pod.spec.init_containers.iter()) {
                let none = Default::default();
                let resources = container.resources.as_ref().unwrap_or(&none);
                let has = compute_usage(&resources.requests, &resources.limits);
                for name in &required {
                    if !has.contains_key(*name) {
                        missing.entry(name).or_default().insert(container.name.to_string());
                    }
                }
            }
            if !missing.is_empty() {
                let parts: Vec<String> = missing.iter().map(|(name, containers)| format!("{name} for: {}", containers.iter().cloned().collect::<Vec<_>>().join(","))).collect();
                return Err(format!("failed quota: {}: must specify {}", quota.metadata.name, parts.join("; ")));
            }
        }
        if restricted.iter().any(|name| !quota.status.used.contains_key(*name)) {
            let names: Vec<&str> = restricted.iter().map(|n| n.as_str()).collect();
            return Err(format!("status unknown for quota: {}, resources: {}", quota.metadata.name, names.join(",")));
        }
        interesting.push(quota.clone());
    }
    let delta = object_usage(object, cluster.time());
    let mut updated = Vec::new();
    for quota in interesting {
        let hard: Usage = quota.status.hard.iter().map(|(name, value)| (name.clone(), quantity(value))).collect();
        let used: Usage = quota.status.used.iter().map(|(name, value)| (name.clone(), quantity(value))).collect();
        let requested: Usage = delta.iter().filter(|(name, _)| hard.contains_key(*name)).map(|(n, q)| (n.clone(), *q)).collect();
        let mut new_used = used.clone();
        for (name, amount) in &requested {
            let sum = new_used.get(name).copied().unwrap_or_else(Quantity::zero).add(amount);
            new_used.insert(name.clone(), sum);
        }
        let exceeded: Vec<&String> = requested.keys().filter(|name| new_used[*name] > hard[*name]).collect();
        if !exceeded.is_empty() {
            let mask = |usage: &Usage| -> Usage { exceeded.iter().filter_map(|n| usage.get(*n).map(|q| ((*n).clone(), *q))).collect() };
            return Err(format!("exceeded quota: {}, requested: {}, used: {}, limited: {}", quota.metadata.name, pretty(&mask(&requested)), pretty(&mask(&used)), pretty(&mask(&hard))));
        }
        if new_used != used {
            let mut written = (*quota).clone();
            written.status.used = new_used.iter().map(|(name, q)| (name.clone(), q.to_json())).collect();
            updated.push(written);
        }
    }
    for quota in updated {
        let _ = cluster.store.update_status(quota);
    }
    Ok(())
}
