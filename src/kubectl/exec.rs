//! `kubectl logs` and `kubectl exec` against the simulated containers, and the pipes a learner
//! puts after kubectl in a terminal (`| grep`, `| head`, `| tail`, `| wc -l`, `| sort`).

use std::rc::Rc;

use crate::engine::api::pod::{Container, Pod};
use crate::engine::clock::Time;
use crate::engine::store::{Key, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::engine::Cluster;
use crate::kubectl::{flag_error, Ctx, Out};
use crate::playground::CommandOutput;
use crate::order::SharedSort;

/// Resolves `POD`, `pod/NAME`, `deploy/NAME`, `rs/NAME`, `svc/NAME` to one pod, as kubectl's
/// `AttachablePodForObject` does (the first pod of a workload, by name).
fn pod_for(ctx: &mut Ctx, target: &str, ns: &str, command: &str) -> Option<(Rc<Pod>, usize)> {
    let (type_name, name) = match target.split_once('/') {
        Some((t, n)) => (t.to_string(), n.to_string()),
        None => ("pod".to_string(), target.to_string()),
    };
    let resource = match objects::resolve_type(&type_name) {
        Ok(resource) => resource,
        Err(message) => {
            ctx.out.fail(format!("error: {message}\n"));
            return None;
        }
    };
    let Some(object) = objects::get(ctx.cluster, resource.kind, ns, &name) else {
        ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
        return None;
    };
    let selector = match &object {
        Obj::Pod(pod) => return Some((pod.clone(), 1)),
        Obj::Deployment(d) => d.spec.selector.clone().unwrap_or_default(),
        Obj::ReplicaSet(rs) => rs.spec.selector.clone().unwrap_or_default(),
        Obj::Job(job) => job.spec.selector.clone().unwrap_or_default(),
        Obj::DaemonSet(ds) => ds.spec.selector.clone().unwrap_or_default(),
        Obj::StatefulSet(sts) => sts.spec.selector.clone().unwrap_or_default(),
        Obj::ReplicationController(rc) => crate::engine::api::selector::LabelSelector { match_labels: rc.spec.selector.clone(), match_expressions: vec![] },
        Obj::Service(svc) => crate::engine::api::selector::LabelSelector { match_labels: svc.spec.selector.clone(), match_expressions: vec![] },
        _ => {
            ctx.out.fail(format!("error: cannot attach to {}: selector for {} not implemented\n", resource.qualified(), resource.kind.name()));
            return None;
        }
    };
    let mut pods: Vec<Rc<Pod>> = ctx.cluster.store().pods.in_namespace(ns).filter(|p| selector.matches(&p.metadata.labels) && !p.metadata.is_deleting()).cloned().collect();
    pods.shared_sort_by(|a, b| a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then_with(|| a.metadata.name.cmp(&b.metadata.name)));
    match pods.first() {
        Some(pod) => Some((pod.clone(), pods.len())),
        None => {
            let _ = command;
            ctx.out.fail(format!("error: timed out waiting for the condition\n"));
            None
        }
    }
}

/// The container a command names, or the pod's first: `podcmd.FindOrDefaultContainerByName`
/// (kubectl/pkg/cmd/util/podcmd): a name is looked for among the containers, then the init and
/// the ephemeral containers; the default is said when the pod has others to choose from.
fn pick_container(ctx: &mut Ctx, pod: &Pod, wanted: Option<&str>) -> Option<Container> {
    let ephemeral = pod.spec.ephemeral_containers();
    match wanted {
        Some(name) => match pod.spec.containers.iter().chain(&pod.spec.init_containers).chain(&ephemeral).find(|c| c.name == name) {
            Some(container) => Some(container.clone()),
            None => {
                ctx.out.fail(format!("error: container {name} is not valid for pod {}\n", pod.metadata.name));
                None
            }
        },
        None => {
            let first = pod.spec.containers.first()?.clone();
            if pod.spec.containers.len() > 1 || !pod.spec.init_containers.is_empty() || !ephemeral.is_empty() {
                // AllContainerNames: the containers, then the ephemeral, then the init ones.
                let names: Vec<String> = pod
                    .spec
                    .containers
                    .iter()
                    .map(|c| c.name.to_string())
                    .chain(ephemeral.iter().map(|c| format!("{} (ephem)", c.name)))
                    .chain(pod.spec.init_containers.iter().map(|c| format!("{} (init)", c.name)))
                    .collect();
                ctx.out.err(format!("Defaulted container \"{}\" out of: {}\n", first.name, names.join(", ")));
            }
            Some(first)
        }
    }
}

fn waiting_reason(pod: &Pod, container: &Container) -> Option<String> {
    let status = pod.container_status(&container.name);
    match status {
        None => Some("ContainerCreating".to_string()),
        Some(s) if s.state.running.is_some() || s.state.terminated.is_some() || s.last_state.terminated.is_some() => None,
        Some(s) => Some(s.state.waiting.as_ref().and_then(|w| w.reason.as_deref()).unwrap_or("ContainerCreating").to_string()),
    }
}

/// Whether the container runs now. The kubelet finds the container of an exec or attach among
/// the running ones only (`findContainer` lists the runtime's running pods), so one that has
/// exited, or waits to restart, is "container not found".
fn running(pod: &Pod, container: &Container) -> bool {
    pod.container_status(&container.name).is_some_and(|s| s.state.running.is_some())
}

const LOGS_FLAGS: &[FlagSpec] = &[
    value("container", Some('c')),
    boolean("follow", Some('f')),
    value("tail", None),
    boolean("previous", Some('p')),
    boolean("timestamps", None),
    value("selector", Some('l')),
    boolean("all-containers", None),
    value("since", None),
    value("since-time", None),
    boolean("prefix", None),
    value("pod-running-timeout", None),
    value("max-log-requests", None),
    boolean("ignore-errors", None),
];

/// One container's log stream, as `LogsForObject` requests it.
struct LogStream {
    pod: Rc<Pod>,
    container: Container,
}

/// What `PodLogOptions` asks of each stream after kubectl's `ToLogOptions`.
struct LogOptions {
    timestamps: bool,
    prefix: bool,
    /// `tailLines`: None for every line (`--tail=-1`, the default without a selector).
    tail: Option<usize>,
    /// The earliest line kept, from `--since` (`sinceSeconds`) or `--since-time` (`sinceTime`,
    /// sent with whole seconds).
    since: Option<Time>,
}

/// `kubectl logs`. Mirrors LogsOptions (kubectl/pkg/cmd/logs/logs.go): Complete (arguments,
/// `--since-time`, the pod or the pods of `-l`), Validate, then one request per container read
/// in turn; `-f` follows every stream while the virtual clock runs.
#[inline(never)]
pub fn logs(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, LOGS_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "logs", &message),
    };
    // pflag's typed flags: `--tail` is an int64, `--since` a duration.
    let tail: i64 = match parsed.get("tail").map(str::parse::<i64>) {
        None => -1,
        Some(Ok(tail)) => tail,
        Some(Err(_)) => {
            let text = parsed.get("tail").unwrap_or_default();
            return flag_error(ctx, "logs", &format!("invalid argument \"{text}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax"));
        }
    };
    let since_duration: f64 = match parsed.get("since").map(parse_go_duration) {
        None => 0.0,
        Some(Ok(seconds)) => seconds,
        Some(Err(message)) => return flag_error(ctx, "logs", &format!("invalid argument \"{}\" for \"--since\" flag: {message}", parsed.get("since").unwrap_or_default())),
    };
    let ns = namespace(&parsed);
    let selector_text = parsed.get("selector").unwrap_or("").to_string();
    let usage = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";
    match parsed.positional.len() {
        0 if selector_text.is_empty() => return ctx.out.fail(usage),
        1 if !selector_text.is_empty() => return ctx.out.fail("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"),
        0..=2 => {}
        _ => return ctx.out.fail(usage),
    }
    let container_flag = parsed.get("container").map(str::to_string);
    let container = container_flag.clone().or_else(|| parsed.positional.get(1).cloned()).filter(|c| !c.is_empty());
    let since_time = match parsed.get("since-time").filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => match parse_rfc3339(text) {
            Ok(time) => Some(time),
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        },
    };
    // Complete reads the pod (or lists the pods) before Validate runs.
    let mut pods: Vec<Rc<Pod>> = Vec::new();
    let mut several = 0;
    if selector_text.is_empty() {
        let target = parsed.positional[0].clone();
        let Some((pod, count)) = pod_for(ctx, &target, &ns, "logs") else { return };
        pods.push(pod);
        several = count;
    } else {
        let Ok(selector) = crate::engine::api::selector::Selector::parse(&selector_text) else {
            return ctx.out.fail(format!("error: unable to parse requirement: {selector_text}\n"));
        };
        pods = ctx.cluster.store().pods.in_namespace(&ns).filter(|p| selector.matches(&p.metadata.labels)).cloned().collect();
        if pods.is_empty() {
            ctx.out.err(format!("No resources found in {ns} namespace.\n"));
        }
    }
    // sinceSeconds: the duration rounded to a second (Round: half away from zero, as f64::round).
    let since_seconds = (since_duration != 0.0).then(|| since_duration.round() as i64);
    if parsed.get("since-time").is_some_and(|t| !t.is_empty()) && since_seconds.is_some() {
        return ctx.out.fail("error: at most one of `sinceTime` or `sinceSeconds` may be specified\n");
    }
    let all_containers = parsed.bool("all-containers");
    if all_containers {
        if let Some(name) = &container {
            return ctx.out.fail(format!("error: --all-containers=true should not be specified with container name {name}\n"));
        }
    }
    if container_flag.is_some() && parsed.positional.len() == 2 {
        return ctx.out.fail("error: only one of -c or an inline [CONTAINER] arg is allowed\n");
    }
    if since_seconds.is_some_and(|seconds| seconds < 0) {
        return ctx.out.fail("error: --since must be greater than 0\n");
    }
    if tail < -1 {
        return ctx.out.fail("error: --tail must be greater than or equal to -1\n");
    }
    // ToLogOptions: a selector shows the last 10 lines of each pod unless --tail is given.
    let tail = if !selector_text.is_empty() && !parsed.has("tail") { Some(10) } else { usize::try_from(tail).ok() };
    let now = ctx.cluster.time();
    let since = since_time.or_else(|| since_seconds.map(|seconds| Time(now.0 - seconds)));
    let options = LogOptions { timestamps: parsed.bool("timestamps"), prefix: parsed.bool("prefix"), tail, since };
    if several > 1 {
        ctx.out.err(format!("Found {several} pods, using pod/{}\n", pods[0].metadata.name));
    }
    // LogsForObject: one request per container (init containers first with --all-containers).
    let mut streams = Vec::new();
    for pod in &pods {
        if all_containers {
            for container in pod.spec.init_containers.iter().chain(pod.spec.containers.iter()) {
                streams.push(LogStream { pod: pod.clone(), container: container.clone() });
            }
        } else {
            let Some(container) = pick_container(ctx, pod, container.as_deref()) else { return };
            streams.push(LogStream { pod: pod.clone(), container });
        }
    }
    let follow = parsed.bool("follow");
    let max_requests = parsed.get("max-log-requests").and_then(|m| m.parse::<usize>().ok()).unwrap_or(5);
    if follow && streams.len() > 1 && streams.len() > max_requests {
        return ctx.out.fail(format!(
            "error: you are attempting to follow {} log streams, but maximum allowed concurrency is {max_requests}, use --max-log-requests to increase the limit\n",
            streams.len()
        ));
    }
    // Each request reads what the container has logged so far (tail, then since).
    let mut shown: Vec<Vec<(Time, String)>> = Vec::new();
    let previous = parsed.bool("previous");
    for stream in &streams {
        // --previous: the kubelet reads the last terminated instance or refuses
        // (validateContainerLogStatus), whatever the container does now; nothing to follow.
        if previous {
            let Some(lines) = crate::engine::apps::previous_timed_logs(ctx.cluster, &stream.pod, &stream.container) else {
                return ctx.out.fail(format!("Error from server (BadRequest): previous terminated container \"{}\" in pod \"{}\" not found\n", stream.container.name, stream.pod.metadata.name));
            };
            let start = options.tail.map_or(0, |tail| lines.len().saturating_sub(tail));
            print_lines(ctx, stream, &options, &lines[start..]);
            continue;
        }
        if let Some(reason) = waiting_reason(&stream.pod, &stream.container) {
            if !selector_text.is_empty() && !all_containers {
                // Pods of a selector that have not started print nothing here yet.
                shown.push(Vec::new());
                continue;
            }
            let detail = match reason.as_str() {
                "ErrImagePull" | "ImagePullBackOff" => "trying and failing to pull image".to_string(),
                other => other.to_string(),
            };
            return ctx.out.fail(format!("Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {detail}\n", stream.container.name, stream.pod.metadata.name));
        }
        let lines = crate::engine::apps::timed_logs(ctx.cluster, &stream.pod, &stream.container);
        let start = options.tail.map_or(0, |tail| lines.len().saturating_sub(tail));
        print_lines(ctx, stream, &options, &lines[start..]);
        shown.push(lines);
    }
    if !follow || previous {
        return;
    }
    // Stream while the virtual clock runs, until every pod is gone or deleting (at most a minute);
    // new lines of all streams come in time order.
    for _ in 0..60 {
        ctx.tick();
        let live = streams.iter().any(|s| ctx.cluster.store().get::<Pod>(&Key::of(&s.pod.metadata, true)).is_some_and(|p| !p.metadata.is_deleting()));
        if !live {
            break;
        }
    }
    let mut fresh: Vec<(Time, usize, String)> = Vec::new();
    for (index, stream) in streams.iter().enumerate() {
        let Some(current) = ctx.cluster.store().get::<Pod>(&Key::of(&stream.pod.metadata, true)) else { continue };
        if waiting_reason(&current, &stream.container).is_some() {
            continue;
        }
        // The lines that were not there when the stream opened.
        let mut before: std::collections::BTreeMap<&(Time, String), usize> = std::collections::BTreeMap::new();
        for line in &shown[index] {
            *before.entry(line).or_default() += 1;
        }
        for line in crate::engine::apps::timed_logs(ctx.cluster, &current, &stream.container) {
            match before.get_mut(&line) {
                Some(count) if *count > 0 => *count -= 1,
                _ => fresh.push((line.0, index, line.1)),
            }
        }
    }
    fresh.shared_sort_by_key(|(time, index, _)| (*time, *index));
    for (time, index, line) in fresh {
        print_lines(ctx, &streams[index], &options, &[(time, line)]);
    }
}

/// Writes log lines as the kubelet and kubectl format them: the `--prefix` source, the
/// `--timestamps` RFC 3339 time with nine fraction digits, the line.
fn print_lines(ctx: &mut Ctx, stream: &LogStream, options: &LogOptions, lines: &[(Time, String)]) {
    let mut text = String::new();
    for (time, line) in lines {
        if options.since.is_some_and(|since| *time < since) {
            continue;
        }
        if options.prefix {
            text.push_str(&format!("[pod/{}/{}] ", stream.pod.metadata.name, stream.container.name));
        }
        if options.timestamps {
            text.push_str(&format!("{}.000000000Z ", time.rfc3339().trim_end_matches('Z')));
        }
        text.push_str(line);
        text.push('\n');
    }
    if !text.is_empty() {
        ctx.out.out(text);
    }
}

/// Go's `time.ParseDuration` in seconds, with its errors (`time: invalid duration "abc"`,
/// `time: missing unit in duration "5"`, `time: unknown unit "x" in duration "5x"`).
pub fn parse_go_duration(text: &str) -> Result<f64, String> {
    let invalid = || format!("time: invalid duration \"{text}\"");
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0.0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        // The next number: digits, then optionally a point and more digits (leadingInt,
        // leadingFraction); a unit runs to the next digit or point.
        if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return Err(invalid());
        }
        let whole_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let mut number_end = whole_end;
        if rest[whole_end..].starts_with('.') {
            number_end = rest[whole_end + 1..].find(|c: char| !c.is_ascii_digit()).map_or(rest.len(), |i| whole_end + 1 + i);
        }
        if number_end - usize::from(rest[whole_end..].starts_with('.')) == 0 {
            return Err(invalid());
        }
        let number = &rest[..number_end];
        let value: f64 = if number.ends_with('.') { number.trim_end_matches('.').parse() } else { number.parse() }.map_err(|_| invalid())?;
        rest = &rest[number_end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration \"{text}\""));
        }
        let scale = match unit {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(format!("time: unknown unit \"{unit}\" in duration \"{text}\"")),
        };
        total += value * scale;
        rest = &rest[unit_end..];
    }
    Ok(if negative { -total } else { total })
}

/// `time.Parse(time.RFC3339, text)` (what kubectl's `util.ParseRFC3339` reports when the value
/// is not RFC 3339), to whole seconds. Mirrors the layout walk of Go's time.parse
/// (src/time/format.go) for `2006-01-02T15:04:05Z07:00`, with its error texts:
/// `parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"`,
/// `parsing time "2024-13-01T00:00:00Z": month out of range`.
pub fn parse_rfc3339(text: &str) -> Result<Time, String> {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
    let cannot = |value: &str, element: &str| format!("parsing time \"{text}\" as \"{LAYOUT}\": cannot parse \"{value}\" as \"{element}\"");
    let out_of_range = |what: &str| format!("parsing time \"{text}\": {what} out of range");
    let digit = |s: &str, i: usize| s.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    // getnum: one or two digits (two when fixed).
    let getnum = |s: &str, fixed: bool| -> Option<(i64, usize)> {
        if !digit(s, 0) {
            return None;
        }
        if !digit(s, 1) {
            return (!fixed).then(|| ((s.as_bytes()[0] - b'0') as i64, 1));
        }
        Some((((s.as_bytes()[0] - b'0') * 10 + (s.as_bytes()[1] - b'0')) as i64, 2))
    };
    let mut value = text;
    let skip = |value: &mut &str, literal: &str| -> Result<(), String> {
        for expected in literal.chars() {
            if !value.starts_with(expected) {
                return Err(cannot(value, literal));
            }
            *value = &value[expected.len_utf8()..];
        }
        Ok(())
    };
    // 2006: four digits.
    if value.len() < 4 || !value.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return Err(cannot(value, "2006"));
    }
    let year: i64 = value[..4].parse().map_err(|_| cannot(text, "2006"))?;
    value = &value[4..];
    skip(&mut value, "-")?;
    let Some((month, used)) = getnum(value, true) else { return Err(cannot(value, "01")) };
    value = &value[used..];
    if !(1..=12).contains(&month) {
        return Err(out_of_range("month"));
    }
    skip(&mut value, "-")?;
    let Some((day, used)) = getnum(value, true) else { return Err(cannot(value, "02")) };
    value = &value[used..];
    skip(&mut value, "T")?;
    let Some((hour, used)) = getnum(value, false) else { return Err(cannot(value, "15")) };
    value = &value[used..];
    if hour >= 24 {
        return Err(out_of_range("hour"));
    }
    skip(&mut value, ":")?;
    let Some((minute, used)) = getnum(value, true) else { return Err(cannot(value, "04")) };
    value = &value[used..];
    if minute >= 60 {
        return Err(out_of_range("minute"));
    }
    skip(&mut value, ":")?;
    let Some((second, used)) = getnum(value, true) else { return Err(cannot(value, "05")) };
    value = &value[used..];
    if second >= 60 {
        return Err(out_of_range("second"));
    }
    // A fraction the layout does not name is still read (and dropped: API times are seconds).
    if value.len() >= 2 && (value.starts_with('.') || value.starts_with(',')) && digit(value, 1) {
        let end = value[1..].find(|c: char| !c.is_ascii_digit()).map_or(value.len(), |i| i + 1);
        value = &value[end..];
    }
    // Z07:00
    let mut offset = 0;
    if let Some(rest) = value.strip_prefix('Z') {
        value = rest;
    } else {
        if value.len() < 6 || value.as_bytes()[3] != b':' || !value.is_char_boundary(6) {
            return Err(cannot(value, "Z07:00"));
        }
        let (zone, rest) = value.split_at(6);
        let (Some((hours, 2)), Some((minutes, 2))) = (getnum(&zone[1..3], true), getnum(&zone[4..6], true)) else {
            return Err(cannot(value, "Z07:00"));
        };
        if hours > 24 {
            return Err(out_of_range("time zone offset hour"));
        }
        if minutes > 60 {
            return Err(out_of_range("time zone offset minute"));
        }
        offset = match zone.as_bytes()[0] {
            b'+' => (hours * 60 + minutes) * 60,
            b'-' => -(hours * 60 + minutes) * 60,
            _ => return Err(cannot(value, "Z07:00")),
        };
        value = rest;
    }
    if !value.is_empty() {
        return Err(format!("parsing time \"{text}\": extra text: \"{value}\""));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) as usize];
    if day < 1 || day > days_in_month {
        return Err(out_of_range("day"));
    }
    let unix = crate::engine::clock::days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Ok(Time::from_unix(unix))
}

const EXEC_FLAGS: &[FlagSpec] = &[value("container", Some('c')), boolean("stdin", Some('i')), boolean("tty", Some('t')), boolean("quiet", Some('q')), value("filename", Some('f')), value("pod-running-timeout", None)];

/// `kubectl exec POD -- COMMAND`: runs a command in the simulated container.
#[inline(never)]
pub fn exec(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EXEC_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "exec", &message),
    };
    let ns = namespace(&parsed);
    let Some(target) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: pod, type/name or --filename must be specified\n");
    };
    if parsed.positional.len() > 1 {
        return ctx.out.fail("Error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    }
    if parsed.after_dashes.is_empty() {
        return ctx.out.fail("error: you must specify at least one command for the container\n");
    }
    let Some((pod, _)) = pod_for(ctx, &target, &ns, "exec") else { return };
    // Mirrors ExecOptions.Run (kubectl/pkg/cmd/exec/exec.go): a finished pod is refused before
    // its container is chosen.
    if let Some(phase @ ("Succeeded" | "Failed")) = pod.status.phase.as_deref() {
        return ctx.out.fail(format!("error: cannot exec into a container in a completed pod; current phase is {phase}\n"));
    }
    let Some(container) = pick_container(ctx, &pod, parsed.get("container")) else { return };
    if !running(&pod, &container) || pod.metadata.is_deleting() && pod.status.phase.as_deref() != Some("Running") {
        return ctx.out.fail(format!("error: unable to upgrade connection: container not found (\"{}\")\n", container.name));
    }
    let command = parsed.after_dashes.clone();
    let shell_alone = command.len() == 1 && SHELLS.contains(&command[0].as_str());
    if shell_alone {
        return open_shell(ctx, &pod, &container, &command[0], parsed.has("stdin"), parsed.has("tty"));
    }
    let mut process = crate::engine::shell::Process::new(ctx.cluster, &pod, &container);
    // `-i` passes kubectl's stdin (a heredoc, a pipe) to the command.
    if parsed.has("stdin") {
        process.stdin = ctx.stdin.map(str::to_string);
    }
    let output = crate::engine::shell::run_argv(ctx.cluster, &mut process, &command);
    print_shell_output(ctx, output);
}

/// `kubectl attach POD|TYPE/NAME|TYPE NAME [-c C] [-i] [-t] [-q]` (attach.go `Run`): to a
/// container whose main process is a shell that reads its stdin (`kubectl run -it`'s, or one
/// declared with `stdin: true`), `-i` opens the terminal session on that process, as `run -it`
/// did: its `exit` ends the container, which restarts as its policy says. Any other container
/// only streams its output from now until Ctrl-C, which a playground line cannot send: kubeplay
/// says so and points to `logs -f`.
#[inline(never)]
pub fn attach(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EXEC_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "attach", &message),
    };
    let ns = namespace(&parsed);
    let target = match parsed.positional.as_slice() {
        [] => return ctx.out.fail("error: at least 1 argument is required for attach\n"),
        [single] => single.clone(),
        [type_name, name] => format!("{type_name}/{name}"),
        many => return ctx.out.fail(format!("error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw {}: [{}]\n", many.len(), many.join(" "))),
    };
    let Some((pod, _)) = pod_for(ctx, &target, &ns, "attach") else { return };
    if let Some(phase @ ("Succeeded" | "Failed")) = pod.status.phase.as_deref() {
        return ctx.out.fail(format!("error: cannot attach a container in a completed pod; current phase is {phase}\n"));
    }
    let Some(container) = pick_container(ctx, &pod, parsed.get("container")) else { return };
    let quiet = parsed.bool("quiet");
    let declared = |field: &str| container.extra.get(field).and_then(|v| v.as_bool()) == Some(true);
    if parsed.bool("tty") && !declared("tty") && !quiet {
        ctx.out.err(format!("error: Unable to use a TTY - container {} did not allocate one\n", container.name));
    }
    if !running(&pod, &container) {
        return ctx.out.fail(format!("error: unable to upgrade connection: container not found (\"{}\")\n", container.name));
    }
    if !quiet {
        ctx.out.err("If you don't see a command prompt, try pressing enter.\n");
    }
    let shell = crate::engine::apps::lifetime(&container) == crate::engine::apps::Lifetime::Forever && declared("stdin");
    if shell && parsed.bool("stdin") {
        attach_session(ctx.cluster, &pod, &container, false);
        return;
    }
    ctx.out.err(format!(
        "kubeplay: kubectl attach streams pod/{}'s output from now until you press Ctrl-C, which this terminal cannot send; follow it with `kubectl logs -f {}`\n",
        pod.metadata.name, pod.metadata.name
    ));
}

/// Makes the container's main process, a shell reading its stdin (`kubectl run -it`, `kubectl
/// attach -it`), the terminal's session: its `exit` ends the container (`leave_attached`), and
/// `remove` is `run --rm`'s.
pub(crate) fn attach_session(cluster: &mut Cluster, pod: &Pod, container: &Container, remove: bool) {
    let program = container.command.iter().chain(container.args.iter()).next().cloned().unwrap_or_else(|| "sh".to_string());
    let process = crate::engine::shell::Process::new(cluster, pod, container);
    let session = crate::engine::shell::ExecSession {
        namespace: pod.metadata.ns().to_string(),
        pod: pod.metadata.name.to_string(),
        uid: pod.metadata.uid.to_string(),
        container: container.name.to_string(),
        program,
        vars: process.vars().clone(),
        exported: Vec::new(),
        attached: true,
        remove,
    };
    cluster.set_exec_session(Some(session));
}

/// The shells `kubectl exec POD -- SHELL` starts.
const SHELLS: &[&str] = &["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"];

/// `kubectl exec POD -- sh` without a command: with `-i` and a heredoc or pipe, the shell runs
/// that text; with `-it`, the terminal's next lines run in the container until `exit` (the
/// session is kept on the cluster: `run_session_line`); without `-i`, the shell reads an empty
/// stdin and ends at once, as with a real cluster. bash is not in busybox or Alpine images: the
/// runtime's error then.
fn open_shell(ctx: &mut Ctx, pod: &Rc<Pod>, container: &Container, program: &str, stdin: bool, tty: bool) {
    let name = program.rsplit('/').next().unwrap_or(program);
    if name == "bash" && crate::engine::shell::busybox_based(container) {
        ctx.out.err(format!(
            "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{program}\": executable file not found in $PATH: unknown\n",
            exec_id(&pod.metadata.uid, program)
        ));
        ctx.out.exit_code = 1;
        return;
    }
    if !stdin {
        return;
    }
    if let Some(script) = ctx.stdin {
        let mut process = crate::engine::shell::Process::new(ctx.cluster, pod, container);
        let output = crate::engine::shell::run_script(ctx.cluster, &mut process, script);
        return print_shell_output(ctx, output);
    }
    if tty {
        let process = crate::engine::shell::Process::new(ctx.cluster, pod, container);
        let session = crate::engine::shell::ExecSession {
            namespace: pod.metadata.ns().to_string(),
            pod: pod.metadata.name.to_string(),
            uid: pod.metadata.uid.to_string(),
            container: container.name.to_string(),
            program: program.to_string(),
            vars: process.vars().clone(),
            exported: Vec::new(),
            attached: false,
            remove: false,
        };
        ctx.cluster.set_exec_session(Some(session));
    }
}

/// A runtime's exec ID (64 hex digits), derived from the pod and the program: the same run
/// prints the same one.
fn exec_id(uid: &str, program: &str) -> String {
    let (a, b) = crate::engine::fast_hash::digest([uid, program]);
    let (c, d) = crate::engine::fast_hash::digest([program, uid]);
    format!("{a:016x}{b:016x}{c:016x}{d:016x}")
}

fn print_shell_output(ctx: &mut Ctx, output: crate::engine::shell::Output) {
    print_in_order(&mut ctx.out, &output);
    // kubectl exits with the command's status (cmdutil's checkErr of a CodeExitError).
    if output.exit != 0 {
        ctx.out.fail(format!("command terminated with exit code {}\n", output.exit));
        ctx.out.exit_code = output.exit;
    }
}

/// A container command's output to the terminal, stdout and stderr in the order it wrote them.
fn print_in_order(out: &mut Out, output: &crate::engine::shell::Output) {
    for (is_stderr, text) in output.in_order() {
        if is_stderr {
            out.err(text.to_string());
        } else {
            out.out(text.to_string());
        }
    }
}

/// The prompt the terminal shows: `$ ` for the learner's own shell, the container shell's
/// while a `kubectl exec -it` session is open.
pub fn prompt(cluster: &Cluster) -> String {
    match session_target(cluster) {
        Some((session, _, container)) => session.prompt(&container),
        None => "$ ".to_string(),
    }
}

/// The open session, its pod and container, while that pod (the same one) still runs them.
fn session_target(cluster: &Cluster) -> Option<(crate::engine::shell::ExecSession, Rc<Pod>, Container)> {
    let session = cluster.exec_session()?.clone();
    let pod = cluster.store().pods.get(&Key::new(&session.namespace, &session.pod))?.clone();
    let container = pod.spec.containers.iter().find(|c| *c.name == *session.container).cloned().or_else(|| pod.spec.ephemeral_containers().into_iter().find(|c| *c.name == *session.container))?;
    (pod.metadata.uid.as_str() == session.uid.as_str()).then_some((session, pod, container))
}

/// A terminal line while a `kubectl exec -it POD -- sh` session is open: run by the container's
/// shell with the session's variables. `exit [N]` ends the session (kubectl then reports a
/// non-zero status, as it does for any command); so does the pod going away (exit code 137, as
/// when its container is killed).
pub fn run_session_line(cluster: &mut Cluster, line: &str) -> CommandOutput {
    let mut out = Out::default();
    let Some((session, pod, container)) = session_target(cluster) else {
        cluster.set_exec_session(None);
        out.fail("command terminated with exit code 137\n");
        out.exit_code = 137;
        return out.into_output();
    };
    let running = pod.status.container_statuses.iter().chain(&pod.status.ephemeral_container_statuses).any(|s| *s.name == *container.name && s.state.running.is_some());
    if !running || pod.metadata.is_deleting() {
        cluster.set_exec_session(None);
        out.fail("command terminated with exit code 137\n");
        out.exit_code = 137;
        return out.into_output();
    }
    let words = crate::kubectl::args::shell_words(line).unwrap_or_default();
    if words.first().map(String::as_str) == Some("exit") {
        let code: i32 = words.get(1).and_then(|w| w.parse().ok()).unwrap_or(0);
        cluster.set_exec_session(None);
        // Interactive bash says `exit` as it leaves; dash and busybox say nothing.
        if session.program.ends_with("bash") {
            out.err("exit\n");
        }
        if session.attached {
            return leave_attached(cluster, out, &pod, &container.name, code, session.remove);
        }
        if code != 0 {
            out.fail(format!("command terminated with exit code {code}\n"));
            out.exit_code = code;
        }
        return out.into_output();
    }
    let mut process = crate::engine::shell::Process::resume(&pod, &container, session.vars.clone(), session.exported.clone(), &session.program);
    let output = crate::engine::shell::run_script(cluster, &mut process, line);
    let (vars, exported) = (process.vars().clone(), process.exported().to_vec());
    cluster.set_exec_session(Some(crate::engine::shell::ExecSession { vars, exported, ..session }));
    print_in_order(&mut out, &output);
    // An interactive shell does not end when a command fails: the status is its `$?` only.
    out.exit_code = output.exit;
    cluster.settle();
    out.into_output()
}

/// Leaving the shell `kubectl run -it` attached to: its stdin closes and the container ends with
/// the shell's status; kubectl waits for the pod to finish (a restart policy of Always keeps it
/// running: attach.go's "Session ended" note), then `--rm` deletes it.
fn leave_attached(cluster: &mut Cluster, mut out: Out, pod: &Pod, container: &str, code: i32, remove: bool) -> CommandOutput {
    // An ephemeral container (`kubectl debug -it`) ends for good; the pod goes on.
    if pod.status.ephemeral_container_statuses.iter().any(|s| *s.name == *container) {
        crate::engine::kubelet::end_ephemeral(cluster, pod, container, code);
        if pod.spec.restart_policy.as_deref() == Some("Always") {
            out.out(format!(
                "Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach {} -c {container} -i -t' if it is still running\n",
                pod.metadata.name
            ));
        }
        cluster.settle();
        return out.into_output();
    }
    // The kubelet runs a pod's containers as one process: a shell in a container beside the
    // first (a `debug --copy-to` debug container) ends without taking the pod's down.
    let main = pod.spec.containers.first().is_none_or(|c| *c.name == *container);
    if main {
        crate::engine::kubelet::end_main_process(cluster, pod, code);
    }
    let key = Key::of(&pod.metadata, true);
    let policy = pod.spec.restart_policy.clone().unwrap_or_default();
    if policy == "Always" || !main {
        cluster.tick();
        let name = &pod.metadata.name;
        if policy == "Always" {
            out.out(format!("Session ended, resume using 'kubectl attach {name} -c {container} -i -t' command when the pod is running\n"));
        }
        return out.into_output();
    }
    let mut current = pod.clone();
    for _ in 0..30 {
        cluster.tick();
        let Some(now) = cluster.store().get::<Pod>(&key) else { break };
        current = (*now).clone();
        if matches!(current.status.phase.as_deref(), Some("Succeeded" | "Failed")) {
            break;
        }
    }
    crate::kubectl::generate::finish_attached(cluster, &mut out, &current, remove);
    out.into_output()
}

/// Runs `filter` (`grep X`, `head -n N`, `tail -n N`, `wc -l`, `sort`, `uniq`, `tr`) over
/// `input` as one command after a terminal pipe, with the same programs the containers' shell
/// has: its stdout, its stderr (grep's messages) and its exit status, which bash makes the
/// pipeline's when it is the last command (`| grep nomatch` exits 1, `| grep '['` 2). Fails
/// with kubeplay's message for a program the terminal does not have.
pub fn apply_pipes(input: &str, filter: &[String]) -> Result<crate::engine::shell::Output, String> {
    let program = filter.first().map(String::as_str).unwrap_or_default();
    // `kubectl get secret db -o jsonpath='{.data.password}' | base64 -d`.
    if program == "base64" {
        return Ok(crate::engine::shell::base64(&filter[1..], input, &|_| None));
    }
    if !["grep", "head", "tail", "wc", "sort", "uniq", "tr", "sed", "awk", "cut"].contains(&program) {
        return Err(format!("kubeplay: only grep, head, tail, wc, sort, uniq, tr, sed, awk, cut, base64 and kubectl can follow a pipe here, not {program}"));
    }
    Ok(crate::engine::shell::filter(program, &filter[1..], input))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case's text is what kubectl 1.32.5 printed for `--since=VALUE` (after pflag's
    /// `invalid argument "VALUE" for "--since" flag: `) or `--since-time=VALUE` (after `error: `).
    #[test]
    fn durations_and_times_parse_as_go_parses_them() {
        assert_eq!(parse_go_duration("90m"), Ok(5400.0));
        assert_eq!(parse_go_duration("1.5s"), Ok(1.5));
        assert_eq!(parse_go_duration("-5s"), Ok(-5.0));
        assert_eq!(parse_go_duration("1h2m"), Ok(3720.0));
        assert_eq!(parse_go_duration("0"), Ok(0.0));
        assert_eq!(parse_go_duration("abc").unwrap_err(), "time: invalid duration \"abc\"");
        assert_eq!(parse_go_duration(".s").unwrap_err(), "time: invalid duration \".s\"");
        assert_eq!(parse_go_duration("5").unwrap_err(), "time: missing unit in duration \"5\"");
        assert_eq!(parse_go_duration("1.5.5s").unwrap_err(), "time: missing unit in duration \"1.5.5s\"");
        assert_eq!(parse_go_duration("5x").unwrap_err(), "time: unknown unit \"x\" in duration \"5x\"");

        let epoch = |text: &str| parse_rfc3339(text).map(Time::unix);
        assert_eq!(epoch("2024-01-01T00:00:00Z"), Ok(1_704_067_200));
        assert_eq!(epoch("2024-01-01T1:00:00Z"), Ok(1_704_070_800));
        assert_eq!(epoch("2024-01-01T00:00:00.123+09:00"), Ok(1_704_034_800));
        let layout = "as \"2006-01-02T15:04:05Z07:00\"";
        for (text, message) in [
            ("2024-01-01", format!("parsing time \"2024-01-01\" {layout}: cannot parse \"\" as \"T\"")),
            ("abcd-01-01T00:00:00Z", format!("parsing time \"abcd-01-01T00:00:00Z\" {layout}: cannot parse \"abcd-01-01T00:00:00Z\" as \"2006\"")),
            ("2024-1-01T00:00:00Z", format!("parsing time \"2024-1-01T00:00:00Z\" {layout}: cannot parse \"1-01T00:00:00Z\" as \"01\"")),
            ("2024-01-01T00:00:00+0900", format!("parsing time \"2024-01-01T00:00:00+0900\" {layout}: cannot parse \"+0900\" as \"Z07:00\"")),
            ("2024-01-01T00:00:00x09:00", format!("parsing time \"2024-01-01T00:00:00x09:00\" {layout}: cannot parse \"x09:00\" as \"Z07:00\"")),
            ("2024-13-01T00:00:00Z", "parsing time \"2024-13-01T00:00:00Z\": month out of range".to_string()),
            ("2024-02-30T00:00:00Z", "parsing time \"2024-02-30T00:00:00Z\": day out of range".to_string()),
            ("2024-01-01T25:00:00Z", "parsing time \"2024-01-01T25:00:00Z\": hour out of range".to_string()),
            ("2024-01-01T00:00:00Zjunk", "parsing time \"2024-01-01T00:00:00Zjunk\": extra text: \"junk\"".to_string()),
        ] {
            assert_eq!(parse_rfc3339(text).unwrap_err(), message, "{text}");
        }
    }

}
