//! `kubectl create job NAME --image=IMAGE [-- COMMAND [ARGS...]]`: the Job kubectl builds.
//! Mirrors `CreateJobOptions` (kubectl/pkg/cmd/create/create_job.go): one container named after
//! the Job, restartPolicy Never, the namespace only with `-n`; or, with `--from=cronjob/NAME`,
//! the CronJob's Job template run once by hand (`createJobFromCronJob`).

use crate::engine::api::job::Job;
use crate::engine::api::meta::OwnerReference;
use crate::engine::objects;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// Runs `create job` with the words `create` parsed.
pub fn create_job(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let names = &parsed.positional[1..];
    if names.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create job -h' for help and examples\n", names.len()));
    }
    let name = names[0].clone();
    let image = parsed.get("image").unwrap_or("");
    let from = parsed.get("from").unwrap_or("");
    if image.is_empty() == from.is_empty() {
        return ctx.out.fail("error: either --image or --from must be specified\n");
    }
    if !parsed.after_dashes.is_empty() && !from.is_empty() {
        return ctx.out.fail("error: cannot specify --from and command\n");
    }
    if !from.is_empty() {
        return create_job_from(ctx, parsed, ns, &name, from, dry_run, output);
    }
    let (container, metadata) = generated_container_and_metadata(parsed, ns, &name, image);
    let raw = serde_json::json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": metadata,
        "spec": {"template": {"metadata": {"creationTimestamp": null}, "spec": {"containers": [container], "restartPolicy": "Never"}}},
        "status": {}
    });
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run(ctx, &raw, Kind::Job, &name, output, mode);
    }
    let mut sent = raw;
    sent["metadata"] = serde_json::json!({"name": name, "namespace": ns});
    sent["spec"]["template"]["metadata"] = serde_json::json!({});
    if let Some(map) = sent.as_object_mut() {
        map.remove("status");
    }
    crate::kubectl::apply::create_generated(ctx, sent, Kind::Job, &name, output);
}

/// The annotation `createJobFromCronJob` puts on a Job made by hand from a CronJob.
pub const INSTANTIATE_ANNOTATION: &str = "cronjob.kubernetes.io/instantiate";

/// `create job NAME --from=cronjob/CRONJOB`: the resource builder's lookup of `--from` (a
/// type/name; any kind but a CronJob is `unknown object type`), then `createJobFromCronJob`:
/// the template's labels, its annotations plus `cronjob.kubernetes.io/instantiate: manual`, a
/// controller reference without blockOwnerDeletion, the template's spec.
fn create_job_from(ctx: &mut Ctx, parsed: &Parsed, ns: &str, name: &str, from: &str, dry_run: Option<&str>, output: Option<&str>) {
    let request = match objects::parse_request(&[from.to_string()]) {
        Ok(request) => request,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let Some((resource, source)) = request.names.first() else {
        return ctx.out.fail("error: from must be an existing cronjob\n");
    };
    let Some(object) = objects::get(ctx.cluster, resource.kind, ns, source) else {
        return ctx.out.fail(format!("Error from server (NotFound): {} \"{source}\" not found\n", resource.kind.resource()));
    };
    let Obj::CronJob(cron_job) = object else {
        let go_type = format!("*v1.{}", resource.kind.name());
        return ctx.out.fail(format!("error: unknown object type {go_type}\n"));
    };
    let template = &cron_job.spec.job_template;
    let mut job = Job::default();
    job.metadata.name = name.into();
    if parsed.has("namespace") {
        job.metadata.namespace = Some(ns.into());
    }
    let mut annotations = template.metadata.annotations.clone();
    annotations.insert(INSTANTIATE_ANNOTATION.to_string(), "manual".to_string());
    job.metadata.annotations = annotations;
    job.metadata.labels = template.metadata.labels.clone();
    let mut owner = OwnerReference::controller_of("batch/v1", "CronJob", &cron_job.metadata);
    owner.block_owner_deletion = None;
    job.metadata.owner_references = vec![owner].into();
    job.spec = template.spec.clone();
    let mut raw = objects::to_json(&Obj::Job(std::rc::Rc::new(job)));
    raw["metadata"]["creationTimestamp"] = serde_json::Value::Null;
    raw["status"] = serde_json::json!({});
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run(ctx, &raw, Kind::Job, name, output, mode);
    }
    raw["metadata"]["namespace"] = serde_json::Value::String(ns.to_string());
    if let Some(map) = raw.as_object_mut() {
        map.remove("status");
    }
    if let Some(map) = raw["metadata"].as_object_mut() {
        map.remove("creationTimestamp");
    }
    crate::kubectl::apply::create_generated(ctx, raw, Kind::Job, name, output);
}

/// What `create job` and `create cronjob` generate for their one container (`name` its name,
/// the words after `--` its command) and for the object's metadata (the namespace only with
/// `-n`, as the generators write it).
pub(crate) fn generated_container_and_metadata(parsed: &crate::kubectl::args::Parsed, ns: &str, name: &str, image: &str) -> (serde_json::Value, serde_json::Value) {
    let mut container = serde_json::json!({"image": image, "name": name, "resources": {}});
    if !parsed.after_dashes.is_empty() {
        container["command"] = serde_json::json!(parsed.after_dashes);
    }
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::Value::String(ns.to_string());
    }
    (container, metadata)
}
