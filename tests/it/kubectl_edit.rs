//! `kubectl edit`: the objects in an editor and what was saved sent back (kubectl 1.32's
//! EditOptions.Run): with `KUBE_EDITOR` in scripts, with the page's YAML panel in a playground.

use kubeplay::engine::timing::Timing;
use kubeplay::playground::{Action, Journal, Playground};

use crate::support::Sim;

fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The editor's header, as `editHeader.writeTo` writes it.
const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// An editor from `KUBE_EDITOR` or `EDITOR`, split as defaultEnvEditor splits it: `sed -i`
/// edits the file, `true` leaves it ("Edit cancelled"), `cat` shows it; saved changes are
/// patched and printed through the PrintFlags ("edited", `-o yaml`); invalid objects reopen the
/// file, and the same file saved again is "no valid changes"; renaming is refused; `vi` cannot
/// run without a terminal.
#[test]
fn kube_editor_edits_patches_and_reopens_as_kubectl_does() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25 --replicas=2
sleep 5
KUBE_EDITOR=true kubectl edit deploy web
KUBE_EDITOR="sed -i 's/replicas: 2/replicas: 3/'" kubectl edit deployment/web
kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.generation}{"\n"}'
EDITOR="sed -i s/nginx:1.25/nginx:1.26/" kubectl edit deploy web -o yaml | grep -E '^  generation|image:'
kubectl edit deploy web -o jsonpath='{.spec.replicas}{"\n"}'
KUBE_EDITOR="sed -i 's/^  replicas: 3/  replicas: -1/'" kubectl edit deploy web
KUBE_EDITOR="sed -i 's/^  name: web$/  name: web2/'" kubectl edit deploy web
KUBE_EDITOR="sed -i 's/^  replicas: 3/  replicas: [/'" kubectl edit deploy web
KUBE_EDITOR=cat kubectl edit deploy web -o json | grep '"replicas"'
KUBE_EDITOR=vi kubectl edit deploy web
kubectl edit deploy web -o wide
kubectl edit deploy web --output-patch
kubectl edit deploy missing
kubectl edit
echo "[$KUBE_EDITOR]"
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ sleep 5
$ KUBE_EDITOR=true kubectl edit deploy web
Edit cancelled, no changes made.
$ KUBE_EDITOR="sed -i 's/replicas: 2/replicas: 3/'" kubectl edit deployment/web
deployment.apps/web edited
$ kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.generation}{"\n"}'
3 2
$ EDITOR="sed -i s/nginx:1.25/nginx:1.26/" kubectl edit deploy web -o yaml | grep -E '^  generation|image:'
  generation: 3
      - image: nginx:1.26
$ kubectl edit deploy web -o jsonpath='{.spec.replicas}{"\n"}'
error: unable to match a printer suitable for the output format "jsonpath={.spec.replicas}{\"\\n\"}", allowed formats are: json,yaml
$ KUBE_EDITOR="sed -i 's/^  replicas: 3/  replicas: -1/'" kubectl edit deploy web
error: deployments.apps "web" is invalid
A copy of your changes has been stored to "/tmp/kubectl-edit-4111316086.yaml"
error: Edit cancelled, no valid changes were saved.
$ KUBE_EDITOR="sed -i 's/^  name: web$/  name: web2/'" kubectl edit deploy web
A copy of your changes has been stored to "/tmp/kubectl-edit-4111316086.yaml"
error: At least one of apiVersion, kind and name was changed
$ KUBE_EDITOR="sed -i 's/^  replicas: 3/  replicas: [/'" kubectl edit deploy web
A copy of your changes has been stored to "/tmp/kubectl-edit-4111316086.yaml"
error: Edit cancelled, no valid changes were saved.
$ KUBE_EDITOR=cat kubectl edit deploy web -o json | grep '"replicas"'
Edit cancelled, no changes made.
        "replicas": 3,
        "replicas": 4,
$ KUBE_EDITOR=vi kubectl edit deploy web
kubeplay: the editor "vi" needs a terminal, which this one cannot give it. In the page, unset KUBE_EDITOR and EDITOR and kubectl edit opens the YAML panel; in a script, use KUBE_EDITOR="sed -i 's/OLD/NEW/'"
$ kubectl edit deploy web -o wide
error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml
$ kubectl edit deploy web --output-patch
kubeplay: kubectl edit --output-patch is not simulated; kubectl edit without it sends the same changes
$ kubectl edit deploy missing
Error from server (NotFound): deployments.apps "missing" not found
$ kubectl edit
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
$ echo "[$KUBE_EDITOR]"
[]
"#,
    );
}

/// Several objects are edited as one `v1` List; each one changed is patched, the others
/// "skipped"; `-f` names them by file.
#[test]
fn several_objects_are_one_list_and_unchanged_ones_are_skipped() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25
kubectl create deployment api --image=nginx:1.25
KUBE_EDITOR=cat kubectl edit deploy | grep -E '^(apiVersion|items|kind|metadata|- apiVersion)|^  kind'
KUBE_EDITOR="sed -i 's/^      app: api$/      app: api2/'" kubectl edit deploy api web
kubectl get deploy -L app
kubectl get deploy web -o yaml > web.yaml
KUBE_EDITOR="sed -i s/nginx:1.25/nginx:1.27/" kubectl edit -f web.yaml
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl create deployment api --image=nginx:1.25
deployment.apps/api created
$ KUBE_EDITOR=cat kubectl edit deploy | grep -E '^(apiVersion|items|kind|metadata|- apiVersion)|^  kind'
Edit cancelled, no changes made.
apiVersion: v1
items:
- apiVersion: apps/v1
  kind: Deployment
- apiVersion: apps/v1
  kind: Deployment
kind: List
metadata: {}
$ KUBE_EDITOR="sed -i 's/^      app: api$/      app: api2/'" kubectl edit deploy api web
deployment.apps/api edited
deployment.apps/web skipped
$ kubectl get deploy -L app
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   APP
api    0/1     1            0           0s    api2
web    0/1     1            0           0s    web
$ kubectl get deploy web -o yaml > web.yaml
$ KUBE_EDITOR="sed -i s/nginx:1.25/nginx:1.27/" kubectl edit -f web.yaml
deployment.apps/web edited
$ kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
nginx:1.27
"#,
    );
}

fn nginx_replicas(playground: &mut Playground) -> String {
    playground.exec("kubectl get deploy nginx-deployment -o jsonpath={.spec.replicas}").stdout
}

/// In a playground the YAML panel is the editor: the command prints nothing and leaves a
/// session with kubectl's file; the terminal waits; Save patches (or reopens the file with
/// the reasons in its header); Cancel is "Edit cancelled"; the journal replays it all.
#[test]
fn the_yaml_panel_is_the_editor_of_a_playground() {
    let mut playground = Playground::with_default_scenario(11);
    let opened = playground.exec("kubectl edit deploy nginx-deployment");
    assert_eq!((opened.combined.as_str(), opened.exit_code), ("", 0));
    let session = playground.edit_session().expect("an edit waits for the panel").clone();
    assert_eq!(session.line, "kubectl edit deploy nginx-deployment");
    assert!(session.file.starts_with("/tmp/kubectl-edit-") && session.file.ends_with(".yaml"), "{}", session.file);
    assert!(session.buffer.starts_with(&format!("{HEADER}apiVersion: apps/v1\nkind: Deployment\n")), "{}", session.buffer);

    let waiting = playground.exec("kubectl get pods");
    assert_eq!(waiting.exit_code, 1);
    assert!(waiting.stderr.contains("kubectl edit is waiting for its editor"), "{}", waiting.stderr);

    // Invalid: the file comes back with the reasons, under kubectl's header.
    let invalid = session.buffer.replacen("  replicas: 3\n", "  replicas: -2\n", 1);
    let output = playground.save_edit(&invalid);
    assert_eq!((output.combined.as_str(), output.exit_code), ("error: deployments.apps \"nginx-deployment\" is invalid\n", 0));
    let reopened = playground.edit_session().expect("reopened").clone();
    assert!(
        reopened.buffer.starts_with(&format!(
            "{HEADER}# deployments.apps \"nginx-deployment\" was not valid:\n# * spec.replicas: Invalid value: -2: must be greater than or equal to 0\n#\napiVersion: apps/v1\n"
        )),
        "{}",
        reopened.buffer
    );
    assert!(reopened.buffer.contains("  replicas: -2\n"));

    // Fixed and saved: patched.
    let fixed = reopened.buffer.replacen("  replicas: -2\n", "  replicas: 5\n", 1);
    let output = playground.save_edit(&fixed);
    assert_eq!((output.combined.as_str(), output.exit_code), ("deployment.apps/nginx-deployment edited\n", 0));
    assert!(playground.edit_session().is_none());
    assert_eq!(nginx_replicas(&mut playground), "5");

    // Cancel: the file saved as it was opened.
    playground.exec("kubectl edit deployment/nginx-deployment");
    let unchanged = playground.edit_session().expect("open").buffer.clone();
    let output = playground.save_edit(&unchanged);
    assert_eq!(output.combined, "Edit cancelled, no changes made.\n");
    let transcript = playground.transcript();
    let last = transcript.last().expect("kept");
    assert_eq!((last.line.as_str(), last.output.as_str()), ("kubectl edit deployment/nginx-deployment", "Edit cancelled, no changes made.\n"));

    // An empty file.
    playground.exec("kubectl edit deployment/nginx-deployment");
    assert_eq!(playground.save_edit("# nothing\n").combined, "Edit cancelled, saved file was empty.\n");

    // The journal holds the panel's saves, and replays to the same cluster.
    assert!(playground.journal().entries.iter().any(|entry| matches!(&entry.action, Action::Edited { text } if text == &fixed)));
    let json = serde_json::to_string(playground.journal()).expect("serializes");
    let journal: Journal = serde_json::from_str(&json).expect("parses");
    let mut replayed = Playground::replay(11, &journal, |_, _| {});
    assert_eq!(nginx_replicas(&mut replayed), "5");
    assert_eq!(replayed.exec("kubectl get deploy,rs -o yaml").combined, playground.exec("kubectl get deploy,rs -o yaml").combined);
}
