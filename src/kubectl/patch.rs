//! `kubectl patch TYPE NAME -p PATCH [--type=strategic|merge|json]`.
//! Strategic merge merges lists of objects by their `name` (containers, env, ports, volumes),
//! as the built-in types' patch strategies do; merge patch (RFC 7386) replaces lists;
//! JSON patch (RFC 6902) applies add/remove/replace/test operations.

use serde_json::Value;

use crate::engine::apiserver;
use crate::kubectl::args::{self, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::printers::print_flags;
use crate::kubectl::{flag_error, objects, Ctx};

const PATCH_FLAGS: &[FlagSpec] = &[value("patch", Some('p')), value("type", None), value("patch-file", None), value("filename", Some('f')), value("output", Some('o')), args::DRY_RUN, value("subresource", None)];

pub(crate) fn merge(target: &mut Value, patch: &Value, strategic: bool) {
    match (target, patch) {
        (Value::Object(target_map), Value::Object(patch_map)) => {
            for (key, value) in patch_map {
                if value.is_null() {
                    target_map.remove(key);
                    continue;
                }
                match target_map.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => merge(existing, value, strategic),
                    Some(Value::Array(existing)) if strategic && value.is_array() => merge_list(existing, value.as_array().unwrap()),
                    _ => {
                        target_map.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// Lists of objects with a `name` (or `containerPort`, `ip`) merge item by item.
fn merge_list(existing: &mut Vec<Value>, patch: &[Value]) {
    let key_of = |v: &Value| ["name", "containerPort", "port", "ip", "mountPath"].iter().find_map(|k| v.get(*k).map(|x| (k.to_string(), x.clone())));
    if !patch.iter().all(|p| p.is_object() && key_of(p).is_some()) {
        *existing = patch.to_vec();
        return;
    }
    for item in patch {
        let (key, wanted) = key_of(item).expect("checked above");
        match existing.iter_mut().find(|e| e.get(&key) == Some(&wanted)) {
            Some(current) => merge(current, item, true),
            None => existing.push(item.clone()),
        }
    }
}

fn pointer_parts(path: &str) -> Vec<String> {
    path.trim_start_matches('/').split('/').map(|p| p.replace("~1", "/").replace("~0", "~")).collect()
}

pub(crate) fn json_patch(target: &mut Value, operations: &[Value]) -> Result<(), String> {
    for op in operations {
        let kind = op.get("op").and_then(Value::as_str).ok_or("missing op")?;
        let path = op.get("path").and_then(Value::as_str).ok_or("missing path")?;
        let parts = pointer_parts(path);
        let (last, parents) = parts.split_last().ok_or("empty path")?;
        let mut parent = &mut *target;
        for part in parents {
            parent = match parent {
                Value::Object(map) => map.get_mut(part).ok_or_else(|| format!("doc is missing path: \"{path}\": missing value"))?,
                Value::Array(items) => items.get_mut(part.parse::<usize>().map_err(|_| format!("invalid index {part}"))?).ok_or_else(|| format!("doc is missing path: \"{path}\""))?,
                _ => return Err(format!("doc is missing path: \"{path}\"")),
            };
        }
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        match (kind, parent) {
            ("add" | "replace", Value::Object(map)) => {
                if kind == "replace" && !map.contains_key(last) {
                    return Err(format!("replace operation does not apply: doc is missing key: {path}: missing value"));
                }
                map.insert(last.clone(), value);
            }
            ("add", Value::Array(items)) => {
                if last == "-" {
                    items.push(value);
                } else {
                    let index = last.parse::<usize>().map_err(|_| format!("invalid index {last}"))?;
                    if index > items.len() {
                        return Err(format!("add operation does not apply: doc is missing path: {path}"));
                    }
                    items.insert(index, value);
                }
            }
            ("replace", Value::Array(items)) => {
                let index = last.parse::<usize>().map_err(|_| format!("invalid index {last}"))?;
                *items.get_mut(index).ok_or_else(|| format!("replace operation does not apply: doc is missing path: {path}"))? = value;
            }
            ("remove", Value::Object(map)) => {
                map.remove(last).ok_or_else(|| format!("remove operation does not apply: doc is missing path: \"{path}\": missing value"))?;
            }
            ("remove", Value::Array(items)) => {
                let index = last.parse::<usize>().map_err(|_| format!("invalid index {last}"))?;
                if index >= items.len() {
                    return Err(format!("remove operation does not apply: doc is missing path: \"{path}\""));
                }
                items.remove(index);
            }
            ("test", parent) => {
                let current = match parent {
                    Value::Object(map) => map.get(last).cloned(),
                    Value::Array(items) => last.parse::<usize>().ok().and_then(|i| items.get(i).cloned()),
                    _ => None,
                };
                if current != Some(value) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            (other, _) => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

/// `kubectl patch`.
#[inline(never)]
pub fn patch(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, PATCH_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "patch", &message),
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let ns = namespace(&parsed);
    let Some(text) = parsed.get("patch").map(str::to_string).or_else(|| parsed.get("patch-file").and_then(|f| ctx.cluster.file(f).map(str::to_string))) else {
        return ctx.out.fail("error: must specify --patch or --patch-file containing the contents of the patch\n");
    };
    let patch_type = parsed.get("type").unwrap_or("strategic").to_string();
    if !["strategic", "merge", "json"].contains(&patch_type.as_str()) {
        return ctx.out.fail(format!("error: --type must be one of [json merge strategic], not \"{patch_type}\"\n"));
    }
    let patch_value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(_) => match serde_yaml::from_str::<serde_yaml::Value>(&text).ok().and_then(|y| crate::yaml::yaml_to_json(&y).ok()) {
            Some(v) => v,
            None => return ctx.out.fail(format!("error: unable to parse \"{text}\": yaml: did not find expected node content\n")),
        },
    };
    let Some((found, _)) = crate::kubectl::mutate::targets(ctx, &parsed.positional, &ns) else { return };
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let mut json = objects::to_json(&object);
        let result = match patch_type.as_str() {
            "json" => match patch_value.as_array() {
                Some(operations) => json_patch(&mut json, operations),
                None => Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".to_string()),
            },
            other => {
                merge(&mut json, &patch_value, other == "strategic");
                Ok(())
            }
        };
        if let Err(message) = result {
            ctx.out.fail(format!("The request is invalid: the server rejected our request due to an error in our request: {message}\n"));
            continue;
        }
        let mut decoded = Vec::new();
        crate::yaml::decode_value(json, 1, &mut decoded);
        let patched = match decoded.pop() {
            Some(Ok(manifest)) => manifest.object,
            Some(Err(crate::yaml::ManifestError::Decode { kind, message, .. })) => {
                ctx.out.fail(format!("Error from server (BadRequest): {kind} in version \"v1\" cannot be handled as a {kind}: {message}\n"));
                continue;
            }
            _ => continue,
        };
        let before = objects::meta(&object).resource_version.clone();
        match apiserver::update_object(ctx.cluster, patched.clone()) {
            Ok(after) => {
                let operation = if objects::meta(&after).resource_version == before { "patched (no change)" } else { "patched" };
                let shown = print_flags::changed_object(parsed.dry_run(), &patched, after, &object);
                print_flags::print_changed(ctx, output.as_deref(), &shown, &format!("{}/{name}", resource.qualified()), operation);
            }
            Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategic_merge_merges_containers_by_name() {
        let mut target = serde_json::json!({"spec": {"containers": [{"name": "a", "image": "x:1"}, {"name": "b", "image": "y:1"}]}});
        merge(&mut target, &serde_json::json!({"spec": {"containers": [{"name": "b", "image": "y:2"}]}}), true);
        assert_eq!(target["spec"]["containers"][0]["image"], "x:1");
        assert_eq!(target["spec"]["containers"][1]["image"], "y:2");
        let mut plain = target.clone();
        merge(&mut plain, &serde_json::json!({"spec": {"containers": [{"name": "b", "image": "y:3"}]}}), false);
        assert_eq!(plain["spec"]["containers"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn json_patch_operations() {
        let mut target = serde_json::json!({"spec": {"replicas": 1, "list": [1, 2]}});
        json_patch(&mut target, &serde_json::from_str::<Vec<Value>>(r#"[{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/spec/list/-","value":3},{"op":"remove","path":"/spec/list/0"}]"#).unwrap()).unwrap();
        assert_eq!(target, serde_json::json!({"spec": {"replicas": 3, "list": [2, 3]}}));
        assert!(json_patch(&mut target, &serde_json::from_str::<Vec<Value>>(r#"[{"op":"replace","path":"/spec/nope","value":1}]"#).unwrap()).is_err());
    }
}
