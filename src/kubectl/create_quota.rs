//! `kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`: the
//! ResourceQuota kubectl builds. Mirrors `QuotaOpts` (kubectl/pkg/cmd/create/create_quota.go):
//! `populateResourceListV1` (each statement `name=quantity`, parsed as a quantity) and
//! `parseScopes` (not checked against the known scopes: the apiserver does that).

use crate::engine::api::quantity::Quantity;
use crate::engine::store::Kind;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// Runs `create quota` with the words `create` parsed.
pub fn create_quota(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let names = &parsed.positional[1..];
    if names.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create quota -h' for help and examples\n", names.len()));
    }
    let name = names[0].clone();
    let mut hard = serde_json::Map::new();
    for statement in parsed.get("hard").unwrap_or("").split(',').filter(|_| parsed.get("hard").is_some_and(|h| !h.is_empty())) {
        let parts: Vec<&str> = statement.split('=').collect();
        if parts.len() != 2 {
            return ctx.out.fail(format!("error: Invalid argument syntax {statement}, expected <resource>=<value>\n"));
        }
        let Some(quantity) = Quantity::parse(parts[1]) else {
            return ctx.out.fail(format!("error: {}\n", crate::engine::quota_registry::QUANTITY_ERROR));
        };
        hard.insert(parts[0].to_string(), quantity.to_json());
    }
    let mut scopes = Vec::new();
    for scope in parsed.get("scopes").unwrap_or("").split(',').filter(|_| parsed.get("scopes").is_some_and(|s| !s.is_empty())) {
        if scope.is_empty() {
            return ctx.out.fail("error: invalid resource quota scope \"\"\n");
        }
        scopes.push(serde_json::Value::String(scope.to_string()));
    }
    let mut spec = serde_json::Map::new();
    if !hard.is_empty() {
        spec.insert("hard".into(), serde_json::Value::Object(hard));
    }
    if !scopes.is_empty() {
        spec.insert("scopes".into(), serde_json::Value::Array(scopes));
    }
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::Value::String(ns.to_string());
    }
    let raw = serde_json::json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": metadata, "spec": spec, "status": {}});
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run(ctx, &raw, Kind::ResourceQuota, &name, output, mode);
    }
    let mut sent = raw;
    sent["metadata"] = serde_json::json!({"name": name, "namespace": ns});
    if let Some(map) = sent.as_object_mut() {
        map.remove("status");
    }
    crate::kubectl::apply::create_generated(ctx, sent, Kind::ResourceQuota, &name, output);
}
