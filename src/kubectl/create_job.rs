//! `kubectl create job NAME --image=IMAGE [-- COMMAND [ARGS...]]`: the Job kubectl builds.
//! Mirrors `CreateJobOptions` (kubectl/pkg/cmd/create/create_job.go): one container named after
//! the Job, restartPolicy Never, the namespace only with `-n`; `--from=cronjob/NAME` needs a
//! CronJob, which kubeplay does not simulate.

use crate::engine::store::Kind;
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
        return ctx.out.fail(format!("error: kubeplay does not simulate CronJobs, so --from={from} has nothing to copy (use --image)\n"));
    }
    let mut container = serde_json::json!({"image": image, "name": name, "resources": {}});
    if !parsed.after_dashes.is_empty() {
        container["command"] = serde_json::json!(parsed.after_dashes);
    }
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::Value::String(ns.to_string());
    }
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
