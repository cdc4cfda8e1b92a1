//! `kubectl completion SHELL`: a note instead of the shell script, since this terminal completes
//! on Tab by itself and has no shell to source a script into.

use super::args;
use super::{flag_error, Ctx};

/// The shells kubectl 1.32 writes completion code for, with the length of its script and the
/// line that loads it into the current shell (from `kubectl completion -h`).
const SHELLS: &[(&str, usize, &str)] = &[
    ("bash", 352, "source <(kubectl completion bash)"),
    ("zsh", 228, "source <(kubectl completion zsh)"),
    ("fish", 249, "kubectl completion fish | source"),
    ("powershell", 259, "kubectl completion powershell | Out-String | Invoke-Expression"),
];

/// Mirrors RunCompletion (pkg/cmd/completion/completion.go) for its errors; on success prints a
/// note, written as shell comments so that it is harmless where a script was expected.
#[inline(never)]
pub fn completion(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, &[]) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "completion", &message),
    };
    let usage_error = |message: &str| format!("error: {message}\nSee 'kubectl completion -h' for help and examples\n");
    match parsed.positional.as_slice() {
        [] => ctx.out.fail(usage_error("Shell not specified.")),
        [shell] => match SHELLS.iter().find(|(name, _, _)| name == shell) {
            Some((name, n_lines, load)) => ctx.out.out(format!(
                "# kubeplay: Tab completion is already built into this terminal: Tab completes commands,\n\
                 # resource types, object names, namespaces, files, output formats and flags, and a\n\
                 # second Tab lists the candidates.\n\
                 # In a real {name} shell this command prints kubectl's {n_lines}-line completion script;\n\
                 # load it with:\n\
                 #   {load}\n"
            )),
            None => ctx.out.fail(usage_error(&format!("Unsupported shell type \"{shell}\"."))),
        },
        _ => ctx.out.fail(usage_error("Too many arguments. Expected only the shell type.")),
    }
}
