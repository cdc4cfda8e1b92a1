//! kubectl's client-side behaviour, compared with the real kubectl 1.32 binary run without a
//! cluster: what it refuses or prints before it asks a server (flag values, printers, argument
//! counts, manifest files).

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// cmdutil.GetDryRunStrategy: an unknown `--dry-run` value fails on every command before it
/// acts; `--dry-run` alone and `--dry-run=true` mean client, with klog's deprecation warning.
#[test]
fn dry_run_values_are_checked_first() {
    check(
        "kubectl create cm x --dry-run=bogus
kubectl create deployment x --image=nginx --dry-run= -o name
kubectl scale deploy x --replicas=2 --dry-run=Client
kubectl delete pod p --dry-run=bogus
kubectl create deployment x --image=nginx --dry-run -o name
kubectl create deployment x --image=nginx --dry-run=true -o name
kubectl get deploy
",
        r#"$ kubectl create cm x --dry-run=bogus
error: Invalid dry-run value (bogus). Must be "none", "server", or "client".
$ kubectl create deployment x --image=nginx --dry-run= -o name
error: Invalid dry-run value (). Must be "none", "server", or "client".
$ kubectl scale deploy x --replicas=2 --dry-run=Client
error: Invalid dry-run value (Client). Must be "none", "server", or "client".
$ kubectl delete pod p --dry-run=bogus
error: Invalid dry-run value (bogus). Must be "none", "server", or "client".
$ kubectl create deployment x --image=nginx --dry-run -o name
W1123 00:00:00.001213   22712 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.
deployment.apps/x
$ kubectl create deployment x --image=nginx --dry-run=true -o name
W1123 00:00:00.001213   22712 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.
deployment.apps/x
$ kubectl get deploy
No resources found in default namespace.
"#,
    );
}

/// PrintFlags.ToPrinter: the generators print JSON/YAML, names and templates only, check the
/// format and parse the template before they build anything, and take `--template` alone as a
/// Go template.
#[test]
fn generator_printers() {
    check(
        "kubectl create cm x --dry-run=client -o wide
kubectl create deployment x --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name
kubectl run p --image=nginx --dry-run=client -o jsonpath='{.metadata.name'
kubectl run p --image=nginx --dry-run=client -o go-template='{{.metadata.name'
kubectl create cm x --dry-run=client -o go-template
kubectl create cm x --dry-run=client -o jsonpath-file=nofile
kubectl create cm x --dry-run=client -o YAML
kubectl create cm x --dry-run=client -o jsonpath-as-json={.metadata}
kubectl create cm x --dry-run=client --template={{.kind}}
kubectl create secret generic s --dry-run=client -o go-template='{{.metadata.name}}'
kubectl create job j --image=busybox --dry-run=client -o jsonpath='{.kind}'
kubectl create service clusterip s --tcp=80 --dry-run=client -o jsonpath='{.kind}'
kubectl create ingress i --rule=a/b=s:80 --dry-run=client -o wide
kubectl run p --image=nginx --dry-run=client -o jsonpath='{.spec.containers[0].image}'
kubectl create ns n -o jsonpath='{.metadata.name}'
",
        r#"$ kubectl create cm x --dry-run=client -o wide
error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl create deployment x --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name
error: unable to match a printer suitable for the output format "custom-columns=NAME:.metadata.name", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl run p --image=nginx --dry-run=client -o jsonpath='{.metadata.name'
error: error parsing jsonpath {.metadata.name, unclosed action
$ kubectl run p --image=nginx --dry-run=client -o go-template='{{.metadata.name'
error: error parsing template {{.metadata.name, template: output:1: unclosed action
$ kubectl create cm x --dry-run=client -o go-template
error: template format specified but no template given
$ kubectl create cm x --dry-run=client -o jsonpath-file=nofile
error: error reading --template nofile, open nofile: no such file or directory
$ kubectl create cm x --dry-run=client -o YAML
apiVersion: v1
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: x
$ kubectl create cm x --dry-run=client -o jsonpath-as-json={.metadata}
[
    {
        "creationTimestamp": null,
        "name": "x"
    }
]
$ kubectl create cm x --dry-run=client --template={{.kind}}
ConfigMap
$ kubectl create secret generic s --dry-run=client -o go-template='{{.metadata.name}}'
s
$ kubectl create job j --image=busybox --dry-run=client -o jsonpath='{.kind}'
Job
$ kubectl create service clusterip s --tcp=80 --dry-run=client -o jsonpath='{.kind}'
Service
$ kubectl create ingress i --rule=a/b=s:80 --dry-run=client -o wide
error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl run p --image=nginx --dry-run=client -o jsonpath='{.spec.containers[0].image}'
nginx
$ kubectl create ns n -o jsonpath='{.metadata.name}'
n
"#,
    );
}

/// NameFromCommandArgs: each generator takes exactly one NAME, checked before anything else.
#[test]
fn generators_take_one_name() {
    check(
        "kubectl create deployment x y --image=nginx --dry-run=client
kubectl create cm
kubectl create ns a b
kubectl create secret generic
kubectl create secret generic a b
kubectl run p --image=nginx --restart=Bogus
",
        r#"$ kubectl create deployment x y --image=nginx --dry-run=client
error: exactly one NAME is required, got 2
See 'kubectl create deployment -h' for help and examples
$ kubectl create cm
error: exactly one NAME is required, got 0
See 'kubectl create configmap -h' for help and examples
$ kubectl create ns a b
error: exactly one NAME is required, got 2
See 'kubectl create namespace -h' for help and examples
$ kubectl create secret generic
error: exactly one NAME is required, got 0
See 'kubectl create secret generic -h' for help and examples
$ kubectl create secret generic a b
error: exactly one NAME is required, got 2
See 'kubectl create secret generic -h' for help and examples
$ kubectl run p --image=nginx --restart=Bogus
error: invalid restart policy: Bogus
See 'kubectl run -h' for help and examples
"#,
    );
}
