//! kubectl's client-side behaviour, compared with the real kubectl 1.32 binary run without a
//! cluster: what it refuses or prints before it asks a server (flag values, printers, argument
//! counts, manifest files).

use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};


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

/// pflag refuses a value its flag's type cannot hold before the command runs (ints, durations,
/// booleans with their shorthand), and the commands' own argument checks come before any lookup.
#[test]
fn typed_flags_and_argument_checks() {
    check(
        r#"kubectl rollout status deploy/x --revision=abc
kubectl wait pod/p --for=condition=Ready --timeout=abc
kubectl delete pod p --grace-period=abc
kubectl get pods --chunk-size=abc
kubectl get pods --all-namespaces=maybe
kubectl delete pod p --now --grace-period=5
kubectl label
kubectl label pod p
kubectl label pod p a=b=c
kubectl label pod p a=b a-
kubectl annotate pod p a
kubectl set env
kubectl set image deploy/x nginx
kubectl wait
kubectl top pod --sort-by=foo
kubectl api-resources extra
kubectl api-versions extra
kubectl version extra
kubectl version -o bogus
"#,
        r#"$ kubectl rollout status deploy/x --revision=abc
error: invalid argument "abc" for "--revision" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl rollout status --help' for usage.
$ kubectl wait pod/p --for=condition=Ready --timeout=abc
error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"
See 'kubectl wait --help' for usage.
$ kubectl delete pod p --grace-period=abc
error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl delete --help' for usage.
$ kubectl get pods --chunk-size=abc
error: invalid argument "abc" for "--chunk-size" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl get --help' for usage.
$ kubectl get pods --all-namespaces=maybe
error: invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax
See 'kubectl get --help' for usage.
$ kubectl delete pod p --now --grace-period=5
error: --now and --grace-period cannot be specified together
$ kubectl label
error: one or more resources must be specified as <resource> <name> or <resource>/<name>
$ kubectl label pod p
error: at least one label update is required
$ kubectl label pod p a=b=c
error: invalid label spec: a=b=c
$ kubectl label pod p a=b a-
error: can not both modify and remove a label in the same command
$ kubectl annotate pod p a
error: at least one annotation update is required
$ kubectl set env
error: one or more resources must be specified as <resource> <name> or <resource>/<name>
$ kubectl set image deploy/x nginx
error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'
$ kubectl wait
error: unrecognized condition: ""
$ kubectl top pod --sort-by=foo
error: --sort-by accepts only cpu or memory
$ kubectl api-resources extra
error: unexpected arguments: [extra]
See 'kubectl api-resources -h' for help and examples
$ kubectl api-versions extra
error: unexpected arguments: [extra]
See 'kubectl api-versions -h' for help and examples
$ kubectl version extra
error: extra arguments: [extra]
$ kubectl version -o bogus
error: --output must be 'yaml' or 'json'
"#,
    );
}

/// `version -o yaml|json` print version.Info as kubectl 1.32.5 does (yaml.Marshal's sorted keys
/// and a blank line; json.MarshalIndent with two spaces in field order).
#[test]
fn version_as_yaml_and_json() {
    check(
        "kubectl version --client -o yaml
kubectl version --client -o json
",
        r#"$ kubectl version --client -o yaml
clientVersion:
  buildDate: "2025-05-15T09:12:10Z"
  compiler: gc
  gitCommit: 9894294ef13a5b32803e3ca2c0d620a088cc84d1
  gitTreeState: clean
  gitVersion: v1.32.5
  goVersion: go1.23.8
  major: "1"
  minor: "32"
  platform: linux/amd64
kustomizeVersion: v5.5.0

$ kubectl version --client -o json
{
  "clientVersion": {
    "major": "1",
    "minor": "32",
    "gitVersion": "v1.32.5",
    "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
    "gitTreeState": "clean",
    "buildDate": "2025-05-15T09:12:10Z",
    "goVersion": "go1.23.8",
    "compiler": "gc",
    "platform": "linux/amd64"
  },
  "kustomizeVersion": "v5.5.0"
}
"#,
    );
}

/// The config commands, as kubectl 1.32 prints them for a kubeconfig holding the playground's
/// one context (measured with such a file).
#[test]
fn config_commands() {
    check(
        "kubectl config view -o json
kubectl config view -o jsonpath={.contexts[0].name}
kubectl config view -o name
kubectl config view -o bogus
kubectl config view extra
kubectl config get-contexts a b
kubectl config get-contexts --no-headers
kubectl config get-contexts -o bogus
kubectl config use-context nope
kubectl config use-context kubeplay
kubectl config get-clusters
kubectl config get-users
",
        r#"$ kubectl config view -o json
{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubeplay",
            "cluster": {
                "server": "https://127.0.0.1:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "learner",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubeplay",
            "context": {
                "cluster": "kubeplay",
                "user": "learner"
            }
        }
    ],
    "current-context": "kubeplay"
}
$ kubectl config view -o jsonpath={.contexts[0].name}
kubeplay
$ kubectl config view -o name
config/<unknown>
$ kubectl config view -o bogus
error: unable to match a printer suitable for the output format "bogus", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl config view extra
error: unexpected arguments: [extra]
See 'kubectl config view -h' for help and examples
$ kubectl config get-contexts a b
CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE
context a not found
context b not found
$ kubectl config get-contexts --no-headers
*     kubeplay   kubeplay   learner   
$ kubectl config get-contexts -o bogus
error: --output bogus is not available in kubectl config get-contexts; resetting to default output format
$ kubectl config use-context nope
error: no context exists with the name: "nope"
$ kubectl config use-context kubeplay
Switched to context "kubeplay".
$ kubectl config get-clusters
NAME
kubeplay
$ kubectl config get-users
NAME
learner
"#,
    );
}

/// The generators' sources and containers as kubectl 1.32 builds them: env files (comments,
/// keys without a value, key checks, not with other sources), literals before files for
/// duplicates, a deployment's command and first-container port.
#[test]
fn generator_sources_and_containers() {
    check(
        r#"cat > env.txt <<'Y'
A=1
# comment
  B
Y
cat > k.txt <<'Y'
x
Y
cat > bad.env <<'Y'
1A=x
Y
kubectl create configmap c --from-env-file=env.txt --dry-run=client -o yaml
kubectl create secret generic s --from-env-file=env.txt --dry-run=client -o yaml
kubectl create configmap c --from-env-file=env.txt --from-literal=a=b --dry-run=client
kubectl create configmap c --from-env-file=nofile --dry-run=client
kubectl create configmap c --from-env-file=bad.env --dry-run=client
kubectl create configmap c --from-file=k.txt --from-file=k.txt --dry-run=client
kubectl create configmap c --from-file=a=k.txt --from-literal=a=1 --dry-run=client
kubectl create deployment d --image=nginx --image=redis --dry-run=client -- sleep 10
kubectl create deployment d --image=nginx --port=0 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].ports}
kubectl create deployment d --image=nginx --image=redis --port=80 --dry-run=client -o jsonpath={.spec.template.spec.containers[*].ports}
kubectl create deployment d --image=busybox --dry-run=client -o jsonpath={.spec.template.spec.containers[0].command} -- sleep 10
"#,
        r#"$ cat > env.txt <<'Y'
A=1
# comment
  B
Y
$ cat > k.txt <<'Y'
x
Y
$ cat > bad.env <<'Y'
1A=x
Y
$ kubectl create configmap c --from-env-file=env.txt --dry-run=client -o yaml
apiVersion: v1
data:
  A: "1"
  B: ""
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: c
$ kubectl create secret generic s --from-env-file=env.txt --dry-run=client -o yaml
apiVersion: v1
data:
  A: MQ==
  B: ""
kind: Secret
metadata:
  creationTimestamp: null
  name: s
$ kubectl create configmap c --from-env-file=env.txt --from-literal=a=b --dry-run=client
error: from-env-file cannot be combined with from-file or from-literal
$ kubectl create configmap c --from-env-file=nofile --dry-run=client
error: error reading nofile: no such file or directory
$ kubectl create configmap c --from-env-file=bad.env --dry-run=client
error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')
$ kubectl create configmap c --from-file=k.txt --from-file=k.txt --dry-run=client
error: cannot add key "k.txt", another key by that name already exists in Data for ConfigMap "c"
$ kubectl create configmap c --from-file=a=k.txt --from-literal=a=1 --dry-run=client
error: cannot add key "a", another key by that name already exists in Data for ConfigMap "c"
$ kubectl create deployment d --image=nginx --image=redis --dry-run=client -- sleep 10
error: cannot specify multiple --image options and command
$ kubectl create deployment d --image=nginx --port=0 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].ports}
[{"containerPort":0}]
$ kubectl create deployment d --image=nginx --image=redis --port=80 --dry-run=client -o jsonpath={.spec.template.spec.containers[*].ports}
[{"containerPort":80}]
$ kubectl create deployment d --image=busybox --dry-run=client -o jsonpath={.spec.template.spec.containers[0].command} -- sleep 10
["sleep","10"]
"#,
    );
}

/// `-o json` of a generated Service keeps the Go structs' field order, as json.MarshalIndent of
/// the typed object does; `run` and `expose` dry runs print the object as sent (null
/// creationTimestamp, no namespace without `-n`, empty status).
#[test]
fn generated_services_and_pods_as_sent() {
    check(
        "kubectl create service nodeport s --tcp=80:8080 --node-port=30080 --dry-run=client -o json
kubectl run nginx --image=nginx --dry-run=client -o yaml
kubectl create deployment web --image=nginx
kubectl expose deploy web --port=80 --dry-run=client -o yaml
",
        r#"$ kubectl create service nodeport s --tcp=80:8080 --node-port=30080 --dry-run=client -o json
{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "s",
        "creationTimestamp": null,
        "labels": {
            "app": "s"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80-8080",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080,
                "nodePort": 30080
            }
        ],
        "selector": {
            "app": "s"
        },
        "type": "NodePort"
    },
    "status": {
        "loadBalancer": {}
    }
}
$ kubectl run nginx --image=nginx --dry-run=client -o yaml
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl expose deploy web --port=80 --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
status:
  loadBalancer: {}
"#,
    );
}

/// A file whose first byte past white space is `{` is a JSON stream, read by Go's JSON decoder
/// (YAMLOrJSONDecoder): encoding/json's errors with their byte offsets, `unexpected EOF` for a
/// cut value, the schema check for a value without a kind.
#[test]
fn json_manifests() {
    check(
        r#"cat > comma.json <<'Y'
{"a": 1,}
Y
cat > cut.json <<'Y'
{"apiVersion":"v1","kind":"ConfigMap",
Y
cat > colon.json <<'Y'
{"a" 1}
Y
cat > literal.json <<'Y'

{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": tru}}
Y
cat > two.json <<'Y'
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one"}}
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "two"}}
Y
kubectl apply -f comma.json
kubectl create -f cut.json
kubectl apply -f colon.json
kubectl delete -f literal.json
kubectl apply -f comma.json --validate=false
kubectl apply -f two.json
"#,
        r#"$ cat > comma.json <<'Y'
{"a": 1,}
Y
$ cat > cut.json <<'Y'
{"apiVersion":"v1","kind":"ConfigMap",
Y
$ cat > colon.json <<'Y'
{"a" 1}
Y
$ cat > literal.json <<'Y'

{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": tru}}
Y
$ cat > two.json <<'Y'
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one"}}
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "two"}}
Y
$ kubectl apply -f comma.json
error: error parsing comma.json: json: offset 9: invalid character '}' looking for beginning of object key string
$ kubectl create -f cut.json
error: error parsing cut.json: unexpected EOF
$ kubectl apply -f colon.json
error: error parsing colon.json: json: offset 6: invalid character '1' after object key
$ kubectl delete -f literal.json
error: error parsing literal.json: json: offset 68: invalid character '}' in literal true (expecting 'e')
$ kubectl apply -f comma.json --validate=false
error: error parsing comma.json: json: offset 9: invalid character '}' looking for beginning of object key string
$ kubectl apply -f two.json
configmap/one created
configmap/two created
"#,
    );
}

/// `kubectl run`'s checks before it builds the pod (cobra's required flag, the printer, then
/// RunOptions.Run and the generator's parameters); pflag's `-o=`; a mistyped generator parsed
/// with `create`'s own flags.
#[test]
fn run_checks_and_flag_corners() {
    check(
        r#"kubectl run
kubectl run p --image=
kubectl run p --image=nginx --port=abc --dry-run=client
kubectl run p --image=nginx --env=novalue --dry-run=client
kubectl run p --image=nginx --labels='a=b=c' --dry-run=client
kubectl run p --image=nginx --rm --dry-run=client
kubectl run p --image=nginx -i -t --dry-run=client
kubectl run p --image=nginx -t
kubectl run p --image=nginx --expose --dry-run=client
kubectl create cm x --from-literal=a=b -o= --dry-run=client
kubectl create deploymnet x --image=nginx
kubectl get pods
"#,
        r#"$ kubectl run
error: required flag(s) "image" not set
$ kubectl run p --image=
error: --image is required
$ kubectl run p --image=nginx --port=abc --dry-run=client
error: strconv.Atoi: parsing "abc": invalid syntax
$ kubectl run p --image=nginx --env=novalue --dry-run=client
error: invalid env: novalue
$ kubectl run p --image=nginx --labels='a=b=c' --dry-run=client
error: unexpected label spec: a=b=c
$ kubectl run p --image=nginx --rm --dry-run=client
error: --rm should only be used for attached containers
See 'kubectl run -h' for help and examples
$ kubectl run p --image=nginx -i -t --dry-run=client
error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)
See 'kubectl run -h' for help and examples
$ kubectl run p --image=nginx -t
error: -i/--stdin is required for containers with -t/--tty=true
See 'kubectl run -h' for help and examples
$ kubectl run p --image=nginx --expose --dry-run=client
error: --port must be set when exposing a service
See 'kubectl run -h' for help and examples
$ kubectl create cm x --from-literal=a=b -o= --dry-run=client
error: unable to match a printer suitable for the output format "=", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl create deploymnet x --image=nginx
error: unknown flag: --image
See 'kubectl create --help' for usage.
$ kubectl get pods
No resources found in default namespace.
"#,
    );
}

/// The commands that change objects in place honour `--dry-run`: nothing changes (the
/// Deployment keeps its replicas, labels, annotations and image; the node stays schedulable; no
/// resourceVersion moves), and each line carries PrintFlags' dry-run suffix.
#[test]
fn in_place_changes_with_dry_run_change_nothing() {
    let transcript = Sim::new(11, Timing::realistic())
        .script(
            "kubectl create deployment web --image=nginx:1.14 --replicas=2
sleep 20
kubectl get deploy web -o jsonpath={.metadata.resourceVersion}
kubectl scale deployment web --replicas=5 --dry-run=client
kubectl scale deployment web --replicas=5 --dry-run=server
kubectl label deployment web tier=front --dry-run=client
kubectl annotate deployment web note=hi --dry-run=client
kubectl set image deployment/web nginx=nginx:1.16 --dry-run=client
kubectl patch deployment web -p '{\"spec\":{\"replicas\":3}}' --dry-run=client
kubectl cordon node-1 --dry-run=client
kubectl get deploy web -o jsonpath={.metadata.resourceVersion}
kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.tier}/{.metadata.annotations.note}/{.spec.template.spec.containers[0].image}
kubectl get nodes
",
        )
        .text;
    let lines: Vec<&str> = transcript.lines().collect();
    for expected in [
        "deployment.apps/web scaled (dry run)",
        "deployment.apps/web scaled (server dry run)",
        "deployment.apps/web labeled (dry run)",
        "deployment.apps/web annotated (dry run)",
        "deployment.apps/web image updated (dry run)",
        "deployment.apps/web patched (dry run)",
        "node/node-1 cordoned (dry run)",
        "2///nginx:1.14",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{transcript}");
    }
    let versions: Vec<&&str> = lines.iter().filter(|line| line.chars().all(|c| c.is_ascii_digit()) && line.len() > 1).collect();
    assert_eq!(versions.len(), 2, "{transcript}");
    assert_eq!(versions[0], versions[1], "no write happened:\n{transcript}");
    assert!(!transcript.contains("SchedulingDisabled"), "{transcript}");
}
