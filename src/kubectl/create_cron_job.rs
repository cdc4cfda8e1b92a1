//! `kubectl create cronjob NAME --image=IMAGE --schedule='...' [--restart=...] [-- COMMAND [ARGS...]]`:
//! the CronJob kubectl builds. Mirrors `CreateCronJobOptions` (kubectl/pkg/cmd/create/create_cronjob.go):
//! the required `--image` and `--schedule` (cobra's check, before the NAME's), one container
//! named after the CronJob, restartPolicy OnFailure unless `--restart` says otherwise (the
//! server judges it), the Job template named after the CronJob, the namespace only with `-n`.

use crate::engine::store::Kind;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// Runs `create cronjob` with the words `create` parsed.
pub fn create_cron_job(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let missing: Vec<&str> = ["image", "schedule"].into_iter().filter(|flag| !parsed.has(flag)).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
        return ctx.out.fail(format!("error: required flag(s) {list} not set\n"));
    }
    let names = &parsed.positional[1..];
    if names.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create cronjob -h' for help and examples\n", names.len()));
    }
    let name = names[0].clone();
    let restart = parsed.get("restart").filter(|r| !r.is_empty()).unwrap_or("OnFailure");
    let (container, metadata) = crate::kubectl::create_job::generated_container_and_metadata(parsed, ns, &name, parsed.get("image").unwrap_or(""));
    let raw = serde_json::json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": metadata,
        "spec": {
            "jobTemplate": {
                "metadata": {"creationTimestamp": null, "name": name},
                "spec": {"template": {"metadata": {"creationTimestamp": null}, "spec": {"containers": [container], "restartPolicy": restart}}}
            },
            "schedule": parsed.get("schedule").unwrap_or("")
        },
        "status": {}
    });
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run(ctx, &raw, Kind::CronJob, &name, output, mode);
    }
    let mut sent = raw;
    sent["metadata"] = serde_json::json!({"name": name, "namespace": ns});
    sent["spec"]["jobTemplate"]["metadata"] = serde_json::json!({"name": name});
    sent["spec"]["jobTemplate"]["spec"]["template"]["metadata"] = serde_json::json!({});
    if let Some(map) = sent.as_object_mut() {
        map.remove("status");
    }
    crate::kubectl::apply::create_generated(ctx, sent, Kind::CronJob, &name, output);
}
