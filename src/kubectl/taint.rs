//! `kubectl taint` (kubectl 1.32, `pkg/cmd/taint`): adds, changes and removes node taints.
//! The scheduler's TaintToleration filter and the taint eviction controller act on them.

use std::rc::Rc;

use serde_json::{json, Value};

use crate::engine::api::core::Node;
use crate::engine::api::validation::{LABEL_NAME_MSG, LABEL_VALUE_MSG};
use crate::engine::apiserver;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value};
use crate::kubectl::printers::print_flags;
use crate::kubectl::{flag_error, objects, Ctx};

/// A taint as `parseTaint` reads it: key, value, effect (empty when the spec names none).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Taint {
    key: String,
    value: String,
    effect: String,
}

impl Taint {
    fn of(stored: &Value) -> Taint {
        let field = |name: &str| stored.get(name).and_then(Value::as_str).unwrap_or("").to_string();
        Taint { key: field("key"), value: field("value"), effect: field("effect") }
    }

    fn to_json(&self) -> Value {
        let mut taint = json!({"effect": self.effect, "key": self.key});
        if !self.value.is_empty() {
            taint["value"] = json!(self.value);
        }
        taint
    }

    /// `Taint.MatchTaint`: the same key and effect.
    fn matches(&self, other: &Taint) -> bool {
        self.key == other.key && self.effect == other.effect
    }

    /// `Taint.ToString`.
    fn text(&self) -> String {
        crate::engine::node_affinity::taint_text(&self.key, &self.value, &self.effect)
    }
}

/// `parseTaint`: `KEY[=VALUE]:EFFECT` or `KEY`.
fn parse_taint(spec: &str) -> Result<Taint, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (key.to_string(), String::new(), String::new()),
        [key_value, effect] => {
            if !matches!(*effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(format!("invalid taint effect: {effect}, unsupported taint effect"));
            }
            let kv: Vec<&str> = key_value.split('=').collect();
            if kv.len() > 2 {
                return Err(format!("invalid taint spec: {spec}"));
            }
            let value = kv.get(1).map_or(String::new(), |v| v.to_string());
            if crate::engine::api::selector::validate_label_value(&value).is_err() {
                return Err(format!("invalid taint spec: {spec}, {LABEL_VALUE_MSG}"));
            }
            (kv[0].to_string(), value, effect.to_string())
        }
        _ => return Err(format!("invalid taint spec: {spec}")),
    };
    if crate::engine::api::selector::validate_label_key(&key).is_err() {
        return Err(format!("invalid taint spec: {spec}, {LABEL_NAME_MSG}"));
    }
    Ok(Taint { key, value, effect })
}

/// `parseTaints`: the taints to add (each needs an effect, unique by key and effect) and to
/// remove (`KEY[:EFFECT]-`).
fn parse_taints(specs: &[&String]) -> Result<(Vec<Taint>, Vec<Taint>), String> {
    let (mut add, mut remove) = (Vec::new(), Vec::new());
    for spec in specs {
        if let Some(spec) = spec.strip_suffix('-') {
            let taint = parse_taint(spec)?;
            remove.push(Taint { value: String::new(), ..taint });
            continue;
        }
        let taint = parse_taint(spec)?;
        if taint.effect.is_empty() {
            return Err(format!("invalid taint spec: {spec}"));
        }
        if add.iter().any(|t: &Taint| t.matches(&taint)) {
            // `%v` of a corev1.Taint: its fields in order, TimeAdded nil.
            return Err(format!("duplicated taints with the same key and effect: {{{} {} {} <nil>}}", taint.key, taint.value, taint.effect));
        }
        add.push(taint);
    }
    Ok((add, remove))
}

/// Mirrors `NewCmdTaint`: Complete, Validate, RunTaint.
#[inline(never)]
pub fn taint(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(
        words,
        &[
            boolean("overwrite", None),
            boolean("all", None),
            value("selector", Some('l')),
            value("output", Some('o')),
            value("template", None),
            value("field-manager", None),
            boolean("allow-missing-template-keys", None),
            boolean("show-managed-fields", None),
            args::DRY_RUN,
        ],
    ) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "taint", &message),
    };
    // Complete: resources first, then taint changes.
    let (mut resources, mut specs) = (Vec::new(), Vec::new());
    for word in &parsed.positional {
        let is_taint = word.contains('=') || word.contains(':') || word.ends_with('-');
        match (specs.is_empty(), is_taint) {
            (_, true) => specs.push(word),
            (true, false) => resources.push(word.clone()),
            (false, false) => return ctx.out.fail(format!("error: all resources must be specified before taint changes: {word}\n")),
        }
    }
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    if resources.is_empty() {
        return ctx.out.fail("error: one or more resources must be specified as <resource> <name>\n");
    }
    if specs.is_empty() {
        return ctx.out.fail("error: at least one taint update is required\n");
    }
    let (add, remove) = match parse_taints(&specs) {
        Ok(taints) => taints,
        Err(message) => return ctx.out.fail(format!("error: {message}\nSee 'kubectl taint -h' for help and examples\n")),
    };
    let selector = parsed.get("selector").unwrap_or("").to_string();
    let all = parsed.bool("all");
    // Validate.
    let resource_type = resources[0].to_ascii_lowercase();
    match objects::resolve_type(&resource_type) {
        Ok(resource) if resource.kind == Kind::Node => {}
        Ok(_) => return ctx.out.fail(format!("error: invalid resource type {resource_type}, only node types are supported\n")),
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| remove.iter().filter(move |r| a.key == r.key && (r.effect.is_empty() || a.effect == r.effect)))
        .map(|r| format!("{}={}", r.key, r.effect))
        .collect();
    if !conflicts.is_empty() {
        return ctx.out.fail(format!("error: can not both modify and remove the following taint(s) in the same command: {}\n", conflicts.join(", ")));
    }
    if all && !selector.is_empty() {
        return ctx.out.fail("error: setting 'all' parameter with a non empty selector is prohibited\n");
    }
    if !all && selector.is_empty() && resources.len() < 2 {
        return ctx.out.fail("error: at least one resource name must be specified since 'all' parameter is not set\n");
    }
    // The nodes: by name, or all, or by label.
    let nodes: Vec<Result<Rc<Node>, String>> = if all || !selector.is_empty() {
        let selector = match crate::engine::api::selector::Selector::parse(&selector) {
            Ok(selector) => selector,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        ctx.cluster.store.nodes.iter().filter(|n| selector.matches(&n.metadata.labels)).map(|n| Ok(n.clone())).collect()
    } else {
        resources[1..]
            .iter()
            .map(|name| match objects::get(ctx.cluster, Kind::Node, "", name) {
                Some(Obj::Node(node)) => Ok(node),
                _ => Err(format!("Error from server (NotFound): nodes \"{name}\" not found\n")),
            })
            .collect()
    };
    for node in nodes {
        let node = match node {
            Ok(node) => node,
            Err(message) => {
                ctx.out.fail(message);
                continue;
            }
        };
        match update_taints(&node, parsed.bool("overwrite"), &add, &remove) {
            Ok((operation, taints)) => {
                let mut updated = (*node).clone();
                updated.spec.taints = taints.iter().map(Taint::to_json).collect();
                updated.metadata.resource_version.clear();
                match apiserver::update_object(ctx.cluster, Obj::Node(Rc::new(updated))) {
                    Ok(stored) => print(ctx, output.as_deref(), &stored, operation),
                    Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
                }
            }
            Err(message) => ctx.out.fail(format!("error: {message}\n")),
        }
    }
}

/// `updateTaints` with `reorganizeTaints`: the new list (the taints added, then the old ones
/// they do not replace, less those removed) and what happened to the node.
fn update_taints(node: &Node, overwrite: bool, add: &[Taint], remove: &[Taint]) -> Result<(&'static str, Vec<Taint>), String> {
    let old: Vec<Taint> = node.spec.taints.iter().map(Taint::of).collect();
    if !overwrite {
        let existing: Vec<&str> = add.iter().flat_map(|t| old.iter().filter(move |o| t.key == o.key && t.effect == o.effect).map(move |_| t.key.as_str())).collect();
        if !existing.is_empty() {
            return Err(format!("node {} already has {} taint(s) with same effect(s) and --overwrite is false", node.metadata.name, existing.join(",")));
        }
    }
    let mut taints = add.to_vec();
    for taint in &old {
        if !taints.iter().any(|t| t.matches(taint)) {
            taints.push(taint.clone());
        }
    }
    let added = old.len() != taints.len();
    let (mut errors, mut deleted) = (Vec::new(), false);
    for removal in remove {
        let before = taints.len();
        taints.retain(|t| if removal.effect.is_empty() { t.key != removal.key } else { !removal.matches(t) });
        deleted = taints.len() != before;
        if !deleted {
            errors.push(format!("taint {:?} not found", removal.text()));
        }
    }
    if !errors.is_empty() {
        // utilerrors.NewAggregate: one error is itself, more are a bracketed list.
        return Err(if errors.len() == 1 { errors.remove(0) } else { format!("[{}]", errors.join(", ")) });
    }
    let operation = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((operation, taints))
}

fn print(ctx: &mut Ctx, output: Option<&str>, node: &Obj, operation: &str) {
    let name = &objects::meta(node).name;
    match output {
        None => ctx.out.out(format!("node/{name} {operation}\n")),
        Some("name") => ctx.out.out(format!("node/{name}\n")),
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(node))),
        Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(node)))),
        output => {
            print_flags::print_template(ctx, output, &objects::to_json(node));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(taints: &[&str]) -> Node {
        let mut node = Node::default();
        node.metadata.name = "node-1".into();
        node.spec.taints = taints.iter().map(|t| parse_taint(t).expect("taint").to_json()).collect();
        node
    }

    fn run(taints: &[&str], overwrite: bool, specs: &[&str]) -> Result<(&'static str, Vec<String>), String> {
        let specs: Vec<String> = specs.iter().map(|s| s.to_string()).collect();
        let (add, remove) = parse_taints(&specs.iter().collect::<Vec<_>>())?;
        update_taints(&node(taints), overwrite, &add, &remove).map(|(operation, list)| (operation, list.iter().map(Taint::text).collect()))
    }

    /// kubectl's `reorganizeTaints`: what is added, replaced and removed, and the operation word.
    #[test]
    fn taints_are_added_replaced_and_removed_as_kubectl_does() {
        assert_eq!(run(&[], false, &["dedicated=gpu:NoSchedule"]), Ok(("tainted", vec!["dedicated=gpu:NoSchedule".into()])));
        assert_eq!(run(&["a=1:NoSchedule"], false, &["b:NoExecute"]), Ok(("tainted", vec!["b:NoExecute".into(), "a=1:NoSchedule".into()])));
        assert_eq!(run(&["a=1:NoSchedule"], false, &["a:NoSchedule-"]), Ok(("untainted", vec![])));
        assert_eq!(run(&["a=1:NoSchedule", "a=2:NoExecute"], false, &["a-"]), Ok(("untainted", vec![])));
        assert_eq!(run(&["a=1:NoSchedule"], true, &["a=2:NoSchedule"]), Ok(("modified", vec!["a=2:NoSchedule".into()])));
        assert_eq!(run(&["a=1:NoSchedule"], false, &["a=2:NoSchedule"]), Err("node node-1 already has a taint(s) with same effect(s) and --overwrite is false".into()));
        assert_eq!(run(&[], false, &["a:NoSchedule-"]), Err("taint \"a:NoSchedule\" not found".into()));
        assert_eq!(run(&[], false, &["a=1:Sometimes"]), Err("invalid taint effect: Sometimes, unsupported taint effect".into()));
        assert_eq!(run(&[], false, &["a=1"]), Err(format!("invalid taint spec: a=1, {LABEL_NAME_MSG}")));
        assert_eq!(run(&[], false, &["a"]), Err("invalid taint spec: a".into()));
        assert_eq!(run(&[], false, &["a=1:NoSchedule", "a=2:NoSchedule"]), Err("duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}".into()));
    }
}
