//! `kubectl cp`: files between the playground (the editor's files) and a container, as
//! kubectl 1.32's CopyOptions (pkg/cmd/cp/cp.go) moves them through `tar` in the container.

use crate::engine::apps::FileEntry;
use crate::engine::api::pod::{Container, Pod};
use crate::engine::store::Obj;
use crate::engine::written_files::{self, Write};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::{flag_error, objects, Ctx};

const CP_FLAGS: &[FlagSpec] = &[value("container", Some('c')), boolean("no-preserve", None), value("retries", None)];

/// One side of a copy: `extractFileSpec`'s `[[namespace/]pod:]path`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Spec {
    Local(String),
    Remote { namespace: Option<String>, pod: String, path: String },
}

fn file_spec(arg: &str) -> Result<Spec, String> {
    match arg.find(':') {
        Some(0) => Err(FORMAT.into()),
        None => Ok(Spec::Local(arg.to_string())),
        Some(i) => {
            let (pod, path) = (&arg[..i], &arg[i + 1..]);
            let pieces: Vec<&str> = pod.split('/').collect();
            match pieces.as_slice() {
                [pod] => Ok(Spec::Remote { namespace: None, pod: pod.to_string(), path: path.to_string() }),
                [namespace, pod] => Ok(Spec::Remote { namespace: Some(namespace.to_string()), pod: pod.to_string(), path: path.to_string() }),
                _ => Err(FORMAT.into()),
            }
        }
    }
}

const FORMAT: &str = "filespec must match the canonical format: [[namespace/]pod:]file/path";

/// A local path as the playground names its files: `./` dropped.
fn local_name(path: &str) -> String {
    path.trim_start_matches("./").to_string()
}

fn base_name(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// Mirrors CopyOptions.Validate and Run: two specs, one local and one remote, neither empty;
/// then copyToPod or copyFromPod.
#[inline(never)]
pub fn cp(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, CP_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "cp", &message),
    };
    if parsed.positional.len() != 2 {
        return ctx.out.fail("error: source and destination are required\n");
    }
    let (source, destination) = match (file_spec(&parsed.positional[0]), file_spec(&parsed.positional[1])) {
        (Ok(source), Ok(destination)) => (source, destination),
        (Err(message), _) | (_, Err(message)) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let empty = |spec: &Spec| match spec {
        Spec::Local(path) => path.is_empty(),
        Spec::Remote { path, .. } => path.is_empty(),
    };
    match (&source, &destination) {
        (Spec::Remote { .. }, Spec::Remote { .. }) => ctx.out.fail("error: one of src or dest must be a local file specification\n"),
        _ if empty(&source) || empty(&destination) => ctx.out.fail("error: filepath can not be empty\n"),
        (Spec::Remote { namespace, pod, path }, Spec::Local(local)) => {
            let ns = namespace.clone().unwrap_or_else(|| crate::kubectl::get::namespace(&parsed));
            if let Some((pod, container)) = target(ctx, &ns, pod, parsed.get("container")) {
                from_pod(ctx, &pod, &container, path, local);
            }
        }
        (Spec::Local(local), Spec::Remote { namespace, pod, path }) => {
            let name = local_name(local);
            let Some(text) = ctx.cluster.file(&name).map(str::to_string) else {
                return ctx.out.fail(format!("error: {local} doesn't exist in local filesystem\n"));
            };
            let ns = namespace.clone().unwrap_or_else(|| crate::kubectl::get::namespace(&parsed));
            if let Some((pod, container)) = target(ctx, &ns, pod, parsed.get("container")) {
                to_pod(ctx, &pod, &container, &name, &text, path);
            }
        }
        (Spec::Local(_), Spec::Local(_)) => ctx.out.fail("error: one of src or dest must be a remote file specification\n"),
    }
}

/// The pod and container the exec goes to (ExecOptions: the pod must exist and run).
fn target(ctx: &mut Ctx, ns: &str, name: &str, container: Option<&str>) -> Option<(Pod, Container)> {
    let Some(Obj::Pod(pod)) = objects::get(ctx.cluster, crate::engine::store::Kind::Pod, ns, name) else {
        ctx.out.fail(format!("Error from server (NotFound): pods \"{name}\" not found\n"));
        return None;
    };
    if let Some(phase @ ("Succeeded" | "Failed")) = pod.status.phase.as_deref() {
        ctx.out.fail(format!("error: cannot exec into a container in a completed pod; current phase is {phase}\n"));
        return None;
    }
    let chosen = match container {
        Some(wanted) => match pod.spec.containers.iter().find(|c| c.name == wanted) {
            Some(c) => c.clone(),
            None => {
                ctx.out.fail(format!("error: container {wanted} is not valid for pod {name}\n"));
                return None;
            }
        },
        None => {
            let first = pod.spec.containers.first()?.clone();
            if pod.spec.containers.len() > 1 {
                let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
                ctx.out.err(format!("Defaulted container \"{}\" out of: {}\n", first.name, names.join(", ")));
            }
            first
        }
    };
    let running = pod.status.container_statuses.iter().any(|s| s.name == chosen.name && s.state.running.is_some());
    if !running {
        ctx.out.fail(format!("error: unable to upgrade connection: container not found (\"{}\")\n", chosen.name));
        return None;
    }
    Some(((*pod).clone(), chosen))
}

/// GNU tar's messages in Debian-based images, busybox's elsewhere.
fn gnu_tar(container: &Container) -> bool {
    !crate::engine::shell::busybox_based(container)
}

/// copyToPod: `test -d DEST` makes the destination `DEST/NAME`; then `tar -xmf - -C DIR` in
/// the container writes the file, its errors (a missing directory, a read-only mount) printed
/// as tar prints them, with the remote command's exit code.
fn to_pod(ctx: &mut Ctx, pod: &Pod, container: &Container, local: &str, text: &str, remote: &str) {
    let file = |path: &str| crate::engine::shell::file_entry(ctx.cluster, pod, container, path);
    let mut destination = written_files::absolute(remote);
    if file(&destination) == FileEntry::Directory {
        destination = written_files::absolute(&format!("{destination}/{}", base_name(local)));
    }
    let directory = destination.rsplit_once('/').map(|(d, _)| if d.is_empty() { "/" } else { d }).unwrap_or("/").to_string();
    let name = base_name(&destination).to_string();
    let gnu = gnu_tar(container);
    if file(&directory) != FileEntry::Directory {
        let message = if gnu { format!("tar: {directory}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n") } else { format!("tar: can't change directory to '{directory}': No such file or directory\n") };
        ctx.out.err(message);
        return ctx.out.fail(format!("command terminated with exit code {}\n", if gnu { 2 } else { 1 }));
    }
    if let Err(reason) = written_files::write(ctx.cluster, pod, container, &destination, true, Write::Replace(text)) {
        let message = if gnu { format!("tar: {name}: Cannot open: {reason}\ntar: Exiting with failure status due to previous errors\n") } else { format!("tar: can't open '{name}': {reason}\n") };
        ctx.out.err(message);
        ctx.out.fail(format!("command terminated with exit code {}\n", if gnu { 2 } else { 1 }));
    }
}

/// copyFromPod: `tar cf - PATH` in the container, unpacked into the playground's files. tar's
/// stderr reaches kubectl's stdout (the tar pipe's ErrOut), so an absolute path prints tar's
/// note about the leading `/`; a directory's files are copied under the destination's name.
fn from_pod(ctx: &mut Ctx, pod: &Pod, container: &Container, remote: &str, local: &str) {
    let gnu = gnu_tar(container);
    if remote.starts_with('/') {
        ctx.out.out(if gnu { "tar: Removing leading `/' from member names\n" } else { "tar: removing leading '/' from member names\n" });
    }
    let path = written_files::absolute(remote);
    let local = local_name(local);
    let local = if local.is_empty() || local == "." || local.ends_with('/') { format!("{local}{}", base_name(&path)).trim_start_matches("./").to_string() } else { local };
    match crate::engine::shell::file_entry(ctx.cluster, pod, container, &path) {
        FileEntry::File(text) => ctx.cluster.add_file(&local, &text),
        FileEntry::Directory => {
            for name in crate::engine::shell::directory_entries(ctx.cluster, pod, container, &path) {
                if let FileEntry::File(text) = crate::engine::shell::file_entry(ctx.cluster, pod, container, &format!("{path}/{name}")) {
                    ctx.cluster.add_file(&format!("{local}/{name}"), &text);
                }
            }
        }
        FileEntry::Missing => {
            ctx.out.out(if gnu { format!("tar: {remote}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n") } else { format!("tar: {remote}: No such file or directory\n") });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_specs_as_extract_file_spec_reads_them() {
        assert_eq!(file_spec("web.yaml"), Ok(Spec::Local("web.yaml".into())));
        assert_eq!(file_spec("web:/tmp/a"), Ok(Spec::Remote { namespace: None, pod: "web".into(), path: "/tmp/a".into() }));
        assert_eq!(file_spec("dev/web:a"), Ok(Spec::Remote { namespace: Some("dev".into()), pod: "web".into(), path: "a".into() }));
        assert_eq!(file_spec(":a"), Err(FORMAT.to_string()));
        assert_eq!(file_spec("a/b/c:x"), Err(FORMAT.to_string()));
    }
}
