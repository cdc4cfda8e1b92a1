//! kubectl behaviours left over from issue #3: `completion`, `-v=N`, `--field-selector` on
//! label/annotate/wait, `logs --timestamps`, and client-side dry-run output.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = sim().script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The exit codes of every line of `script`.
fn exit_codes(script: &str) -> Vec<i32> {
    sim().script(script).outputs.iter().map(|o| o.exit_code).collect()
}

#[test]
fn completion_prints_a_note_and_kubectls_errors() {
    check(
        "kubectl completion bash
kubectl completion fish
kubectl completion
kubectl completion foo
kubectl completion BASH
kubectl completion bash zsh
kubectl completion bash -o yaml
",
        "$ kubectl completion bash
# kubeplay: Tab completion is already built into this terminal: Tab completes commands,
# resource types, object names, namespaces, files, output formats and flags, and a
# second Tab lists the candidates.
# In a real bash shell this command prints kubectl's 352-line completion script;
# load it with:
#   source <(kubectl completion bash)
$ kubectl completion fish
# kubeplay: Tab completion is already built into this terminal: Tab completes commands,
# resource types, object names, namespaces, files, output formats and flags, and a
# second Tab lists the candidates.
# In a real fish shell this command prints kubectl's 249-line completion script;
# load it with:
#   kubectl completion fish | source
$ kubectl completion
error: Shell not specified.
See 'kubectl completion -h' for help and examples
$ kubectl completion foo
error: Unsupported shell type \"foo\".
See 'kubectl completion -h' for help and examples
$ kubectl completion BASH
error: Unsupported shell type \"BASH\".
See 'kubectl completion -h' for help and examples
$ kubectl completion bash zsh
error: Too many arguments. Expected only the shell type.
See 'kubectl completion -h' for help and examples
$ kubectl completion bash -o yaml
error: unknown shorthand flag: 'o' in -o
See 'kubectl completion --help' for usage.
",
    );
    assert_eq!(exit_codes("kubectl completion zsh\nkubectl completion powershell\nkubectl completion\nkubectl completion foo\n"), vec![0, 0, 1, 1]);
}
