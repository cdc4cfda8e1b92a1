//! `kubectl events` (kubectl 1.32, `pkg/cmd/events`): a namespace's Events oldest first, with
//! `--for TYPE/NAME`, `--types`, `-A`, `--no-headers`, `-o` and `-w`.

use std::rc::Rc;

use serde_json::Value;

use crate::engine::api::core::Event;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::printers::age::human_duration;
use crate::kubectl::printers::print_flags;
use crate::kubectl::printers::tabwriter::{Writer, TABLE};
use crate::kubectl::{flag_error, Ctx};

const EVENTS_FLAGS: &[FlagSpec] = &[
    value("output", Some('o')),
    boolean("all-namespaces", Some('A')),
    value("for", None),
    value("types", None),
    boolean("no-headers", None),
    boolean("watch", Some('w')),
    value("chunk-size", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

/// How long `-w` watches when `--request-timeout` does not say (as `get -w`).
const WATCH_SECONDS: u64 = 60;

/// The object `--for` names: its kind, API version and name (`EventsFlags.ToOptions` with
/// `decodeResourceTypeName`).
struct ForObject {
    kind: Kind,
    api_version: &'static str,
    name: String,
}

/// Mirrors `NewCmdEvents`: `ToOptions`, `Validate`, then `Run` (or `runWatch`).
#[inline(never)]
pub fn events(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EVENTS_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "events", &message),
    };
    let all_namespaces = parsed.bool("all-namespaces");
    let namespace = crate::kubectl::get::namespace(&parsed);
    let for_object = match parsed.get("for").filter(|f| !f.is_empty()).map(for_object) {
        Some(Ok(target)) => Some(target),
        Some(Err(message)) => return ctx.out.fail(format!("error: {message}\n")),
        None => None,
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    // `--types` is a string slice: repeated flags and commas both add.
    let types: Vec<String> = parsed.all("types").iter().flat_map(|t| t.split(',')).filter(|t| !t.is_empty()).map(str::to_string).collect();
    if types.iter().any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning")) {
        return ctx.out.fail("error: valid --types are Normal or Warning\n");
    }
    let scope = if all_namespaces { None } else { Some(namespace.as_str()) };
    let wanted = |event: &Event| {
        scope.is_none_or(|ns| event.metadata.ns() == ns)
            && (types.is_empty() || types.iter().any(|t| t.eq_ignore_ascii_case(&event.type_)))
            && for_object.as_ref().is_none_or(|target| {
                event.involved_object.kind == target.kind.name() && event.involved_object.api_version == target.api_version && event.involved_object.name == target.name
            })
    };
    let path = match scope {
        Some(ns) => format!("/api/v1/namespaces/{ns}/events"),
        None => "/api/v1/events".to_string(),
    };
    ctx.request("GET", &format!("{path}?limit=500"), 200);
    let mut listed: Vec<Rc<Event>> = crate::kubectl::objects::list(ctx.cluster, Kind::Event, scope, &crate::engine::api::selector::Selector::everything())
        .into_iter()
        .filter_map(|object| match object {
            Obj::Event(event) if wanted(&event) => Some(event),
            _ => None,
        })
        .collect();
    let mut printer = Printer { output, no_headers: parsed.bool("no-headers"), all_namespaces, headers_printed: false, writer: Writer::new(TABLE) };
    if parsed.bool("watch") {
        let seconds = parsed.get("request-timeout").and_then(crate::kubectl::rollout::parse_duration).filter(|s| *s > 0).unwrap_or(WATCH_SECONDS);
        // A watch from no resourceVersion starts with every current event, in the API's order.
        let now = ctx.cluster.time();
        for event in &listed {
            printer.print_one(ctx, event, now);
        }
        ctx.cluster.store.start_recording();
        for _ in 0..seconds {
            ctx.tick();
            let now = ctx.cluster.time();
            for change in ctx.cluster.store.take_recorded() {
                // Deleted events (their hour is up) are not printed.
                if let Some(Obj::Event(event)) = &change.new {
                    if wanted(event) {
                        printer.print_one(ctx, event, now);
                    }
                }
            }
        }
        ctx.cluster.store.stop_recording();
        return;
    }
    if listed.is_empty() {
        return ctx.out.err(if all_namespaces { "No events found.\n".to_string() } else { format!("No events found in {namespace} namespace.\n") });
    }
    // `sort.Sort(SortableEvents(...))`: Go's unstable sort, so events of the same second come
    // out in pdqsort's order, not the API's.
    crate::go_sort::sort(&mut listed, |a, b| event_time(a) < event_time(b));
    printer.print_list(ctx, &listed);
}

/// `decodeResourceTypeName`: `TYPE/NAME` resolved as the RESTMapper does.
fn for_object(text: &str) -> Result<ForObject, String> {
    let Some((resource, name)) = text.split_once('/') else {
        return Err("--for must be in resource/name form".into());
    };
    if name.contains('/') {
        return Err("arguments in resource/name form may not have more than one slash".into());
    }
    let resource = crate::kubectl::objects::resolve_type(resource)?;
    Ok(ForObject { kind: resource.kind, api_version: resource.kind.api_version(), name: name.to_string() })
}

/// `eventTime`: the series' last observation, else lastTimestamp, else eventTime.
fn event_time(event: &Event) -> Option<i64> {
    event.last_timestamp.or(event.event_time).map(|t| t.0)
}

/// `EventPrinter`, or PrintFlags' printer for `-o`.
struct Printer {
    output: Option<String>,
    no_headers: bool,
    all_namespaces: bool,
    headers_printed: bool,
    /// kubectl's table writer, flushed after every object: widths carry over in a watch.
    writer: Writer,
}

impl Printer {
    /// The list at once: one table, or one `EventList` document.
    fn print_list(&mut self, ctx: &mut Ctx, events: &[Rc<Event>]) {
        let now = ctx.cluster.time();
        if self.output.is_none() {
            let mut text = self.headings();
            for event in events {
                text.push_str(&self.row(event, now));
            }
            let flushed = self.writer.flush(&text);
            return ctx.out.out(flushed);
        }
        let items: Vec<Value> = events.iter().map(item).collect();
        let list = serde_json::json!({"apiVersion": "v1", "items": items, "kind": "EventList", "metadata": {}});
        self.print_document(ctx, &list, events);
    }

    /// One event of a watch, flushed on its own.
    fn print_one(&mut self, ctx: &mut Ctx, event: &Rc<Event>, now: crate::engine::clock::Time) {
        if self.output.is_none() {
            let mut text = self.headings();
            text.push_str(&self.row(event, now));
            let flushed = self.writer.flush(&text);
            return ctx.out.out(flushed);
        }
        self.print_document(ctx, &item(event), std::slice::from_ref(event));
    }

    fn print_document(&mut self, ctx: &mut Ctx, document: &Value, events: &[Rc<Event>]) {
        match self.output.as_deref() {
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(document)),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(document))),
            Some("name") => {
                for event in events {
                    ctx.out.out(format!("event/{}\n", event.metadata.name));
                }
            }
            output => {
                print_flags::print_template(ctx, output, document);
            }
        }
    }

    /// `printHeadings`, once.
    fn headings(&mut self) -> String {
        if self.no_headers || self.headers_printed {
            return String::new();
        }
        self.headers_printed = true;
        let namespace = if self.all_namespaces { "NAMESPACE\t" } else { "" };
        format!("{namespace}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n")
    }

    /// `printOneEvent`: the interval, type, reason, `Kind/name` and the trimmed message.
    fn row(&self, event: &Event, now: crate::engine::clock::Time) -> String {
        let since = |time: Option<crate::engine::clock::Time>| time.map_or_else(|| "<unknown>".to_string(), |t| human_duration(now.0 - t.0));
        let first = if event.event_time.is_some() { since(event.event_time) } else { since(event.first_timestamp) };
        let interval = if event.count > 1 { format!("{} (x{} over {first})", since(event.last_timestamp), event.count) } else { first };
        let namespace = if self.all_namespaces { format!("{}\t", event.metadata.ns()) } else { String::new() };
        format!(
            "{namespace}{interval}\t{}\t{}\t{}/{}\t{}\n",
            event.type_,
            event.reason,
            event.involved_object.kind,
            event.involved_object.name,
            event.message.trim()
        )
    }
}

/// An item of the list kubectl prints: the Event with its kind and version set
/// (`SetGroupVersionKind` on items that have none).
fn item(event: &Rc<Event>) -> Value {
    crate::kubectl::objects::to_json(&Obj::Event(event.clone()))
}
