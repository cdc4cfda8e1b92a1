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

/// go-yaml v2's line in a syntax error (sigs.k8s.io/yaml, per document): a parser error names
/// the line before the problem's, a scanner error its own, an error on a document's first line
/// often none; an alias without its anchor is the composer's error.
#[test]
fn yaml_syntax_error_lines_as_go_yaml_names_them() {
    check(
        r#"cat > bad.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
 data:
Y
cat > second.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: [a, b
Y
cat > first.yaml <<'Y'
a: b: c
Y
cat > scanner.yaml <<'Y'
a: b
 c: d
Y
cat > alias.yaml <<'Y'
a: *x
Y
kubectl apply -f bad.yaml
kubectl create -f second.yaml
kubectl apply -f first.yaml
kubectl apply -f scanner.yaml
kubectl delete -f alias.yaml
"#,
        r#"$ cat > bad.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
 data:
Y
$ cat > second.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: [a, b
Y
$ cat > first.yaml <<'Y'
a: b: c
Y
$ cat > scanner.yaml <<'Y'
a: b
 c: d
Y
$ cat > alias.yaml <<'Y'
a: *x
Y
$ kubectl apply -f bad.yaml
error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key
$ kubectl create -f second.yaml
configmap/a created
error: error parsing second.yaml: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'
$ kubectl apply -f first.yaml
error: error parsing first.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context
$ kubectl apply -f scanner.yaml
error: error parsing scanner.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context
$ kubectl delete -f alias.yaml
error: error parsing alias.yaml: error converting YAML to JSON: yaml: unknown anchor 'x' referenced
"#,
    );
}

/// The client-side schema check (getObjectKind) refuses a document without apiVersion or kind,
/// or one that is not a map, before the OpenAPI schema is fetched; `--validate=false` leaves it
/// to the decoder; `delete` does not validate. Unknown `--validate` values are refused first.
#[test]
fn documents_without_a_kind() {
    check(
        r#"cat > nokind.yaml <<'Y'
metadata:
  name: a
Y
cat > noapi.yaml <<'Y'
kind: ConfigMap
metadata:
  name: a
Y
cat > scalar.yaml <<'Y'
just a string
Y
kubectl apply -f nokind.yaml
kubectl create -f noapi.yaml --validate=warn
kubectl replace -f scalar.yaml
kubectl apply -f nokind.yaml --validate=false
kubectl apply -f scalar.yaml --validate=ignore
kubectl delete -f noapi.yaml
kubectl apply -f nokind.yaml --validate=STRICT
"#,
        r#"$ cat > nokind.yaml <<'Y'
metadata:
  name: a
Y
$ cat > noapi.yaml <<'Y'
kind: ConfigMap
metadata:
  name: a
Y
$ cat > scalar.yaml <<'Y'
just a string
Y
$ kubectl apply -f nokind.yaml
error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false
$ kubectl create -f noapi.yaml --validate=warn
error: error validating "noapi.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false
$ kubectl replace -f scalar.yaml
error: error validating "scalar.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false
$ kubectl apply -f nokind.yaml --validate=false
error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"metadata":{"name":"a"}}'
$ kubectl apply -f scalar.yaml --validate=ignore
error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector
$ kubectl delete -f noapi.yaml
error: unable to decode "noapi.yaml": Object 'apiVersion' is missing in '{"kind":"ConfigMap","metadata":{"name":"a"}}'
$ kubectl apply -f nokind.yaml --validate=STRICT
error: invalid - validate option "STRICT"; must be one of: strict (or true), warn, ignore (or false)
"#,
    );
}

/// What apply, create, replace and delete refuse before they read a file (in kubectl's order),
/// and files with no object in them; nothing was created.
#[test]
fn file_commands_refuse_before_reading() {
    check(
        r#"cat > cm.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
Y
cat > empty.yaml <<'Y'
Y
cat > notes/a.txt <<'Y'
hi
Y
kubectl apply
kubectl apply extra
kubectl apply -f cm.yaml -k dir
kubectl apply -f cm.yaml --server-side --dry-run=client
kubectl apply -f cm.yaml --force --server-side
kubectl apply -f cm.yaml --force-conflicts
kubectl apply -f cm.yaml --prune
kubectl apply -f cm.yaml --prune --all -l a=b
kubectl create
kubectl create extra more
kubectl create -f cm.yaml extra
kubectl create -f empty.yaml
kubectl replace
kubectl delete -f empty.yaml
kubectl delete -f cm.yaml extra
kubectl apply -f notes
kubectl get cm a
"#,
        r#"$ cat > cm.yaml <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
Y
$ cat > empty.yaml <<'Y'
Y
$ cat > notes/a.txt <<'Y'
hi
Y
$ kubectl apply
error: must specify one of -f and -k
$ kubectl apply extra
error: Unexpected args: [extra]
See 'kubectl apply -h' for help and examples
$ kubectl apply -f cm.yaml -k dir
error: only one of -f or -k can be specified
$ kubectl apply -f cm.yaml --server-side --dry-run=client
error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)
$ kubectl apply -f cm.yaml --force --server-side
error: --force cannot be used with --server-side
$ kubectl apply -f cm.yaml --force-conflicts
error: --force-conflicts only works with --server-side
$ kubectl apply -f cm.yaml --prune
error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector
$ kubectl apply -f cm.yaml --prune --all -l a=b
error: cannot set --all and --selector at the same time
$ kubectl create
error: must specify one of -f and -k
$ kubectl create extra more
error: Unexpected args: [extra more]
See 'kubectl create -h' for help and examples
$ kubectl create -f cm.yaml extra
error: Unexpected args: [extra]
See 'kubectl create -h' for help and examples
$ kubectl create -f empty.yaml
error: no objects passed to create
$ kubectl replace
error: must specify one of -f and -k
$ kubectl delete -f empty.yaml
No resources found
$ kubectl delete -f cm.yaml extra
error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well
$ kubectl apply -f notes
error: error reading [notes]: recognized file extensions are [.json .yaml .yml]
$ kubectl get cm a
Error from server (NotFound): configmaps "a" not found
"#,
    );
}
