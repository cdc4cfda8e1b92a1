//! A terminal line as bash reads it: variables (`POD=$(...)`, `export`, `unset`), `$NAME` and
//! `$(...)` and `$((...))` expanded, lists (`;`, `&&`, `||`), `$?` and `echo`; and the kubernetes.io basics
//! tutorial, which keeps its pod's name in `$POD_NAME`, run as its pages show it.

use crate::support::check;

/// kubernetes.io's "Learn Kubernetes Basics", modules 1 to 5, as a learner types them:
/// `kubernetes-bootcamp` v1 answers and logs as its server.js does, v2 comes from Docker Hub,
/// v10 does not exist (ImagePullBackOff, then `rollout undo`).
#[test]
fn the_kubernetes_basics_tutorial_runs_as_written() {
    let script = r#"kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl rollout status deployment/kubernetes-bootcamp
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo Name of the Pod: $POD_NAME
kubectl exec "$POD_NAME" -- env | grep -E 'HOSTNAME|NPM_CONFIG|NODE_VERSION'
sleep 60
kubectl exec -ti $POD_NAME -- curl http://localhost:8080
kubectl logs "$POD_NAME"
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
kubectl label pods "$POD_NAME" version=v1
kubectl get pods -l version=v1
kubectl delete service -l app=kubernetes-bootcamp
kubectl exec -ti $POD_NAME -- curl -s http://localhost:8080; echo '   <- the app itself is still running'
kubectl scale deployments/kubernetes-bootcamp --replicas=2 && kubectl rollout status deployments/kubernetes-bootcamp
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
kubectl rollout status deployments/kubernetes-bootcamp
kubectl exec deploy/kubernetes-bootcamp -- curl -s localhost:8080
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
sleep 30
kubectl get pods
kubectl rollout undo deployments/kubernetes-bootcamp
kubectl rollout status deployments/kubernetes-bootcamp
kubectl rollout history deployments/kubernetes-bootcamp
"#;
    let expected = r#"$ kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
deployment.apps/kubernetes-bootcamp created
$ kubectl rollout status deployment/kubernetes-bootcamp
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 0 of 1 updated replicas are available...
deployment "kubernetes-bootcamp" successfully rolled out
$ export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
$ echo Name of the Pod: $POD_NAME
Name of the Pod: kubernetes-bootcamp-755d4d6c6-2dw4q
$ kubectl exec "$POD_NAME" -- env | grep -E 'HOSTNAME|NPM_CONFIG|NODE_VERSION'
HOSTNAME=kubernetes-bootcamp-755d4d6c6-2dw4q
NPM_CONFIG_LOGLEVEL=info
NODE_VERSION=6.3.1
$ sleep 60
$ kubectl exec -ti $POD_NAME -- curl http://localhost:8080
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-2dw4q | v=1
$ kubectl logs "$POD_NAME"
Kubernetes Bootcamp App Started At: 2026-11-23T00:00:03.000Z | Running On:  kubernetes-bootcamp-755d4d6c6-2dw4q 

Running On: kubernetes-bootcamp-755d4d6c6-2dw4q | Total Requests: 1 | App Uptime: 60 seconds | Log Time: 2026-11-23T00:01:03.000Z
$ kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
service/kubernetes-bootcamp exposed
$ export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
$ echo "NODE_PORT=$NODE_PORT"
NODE_PORT=32428
$ kubectl label pods "$POD_NAME" version=v1
pod/kubernetes-bootcamp-755d4d6c6-2dw4q labeled
$ kubectl get pods -l version=v1
NAME                                  READY   STATUS    RESTARTS   AGE
kubernetes-bootcamp-755d4d6c6-2dw4q   1/1     Running   0          63s
$ kubectl delete service -l app=kubernetes-bootcamp
service "kubernetes-bootcamp" deleted
$ kubectl exec -ti $POD_NAME -- curl -s http://localhost:8080; echo '   <- the app itself is still running'
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-2dw4q | v=1
   <- the app itself is still running
$ kubectl scale deployments/kubernetes-bootcamp --replicas=2 && kubectl rollout status deployments/kubernetes-bootcamp
deployment.apps/kubernetes-bootcamp scaled
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 of 2 updated replicas are available...
deployment "kubernetes-bootcamp" successfully rolled out
$ kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
deployment.apps/kubernetes-bootcamp image updated
$ kubectl rollout status deployments/kubernetes-bootcamp
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "kubernetes-bootcamp" rollout to finish: 1 old replicas are pending termination...
deployment "kubernetes-bootcamp" successfully rolled out
$ kubectl exec deploy/kubernetes-bootcamp -- curl -s localhost:8080
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-64cbbf4b99-b5x85 | v=2
$ kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
deployment.apps/kubernetes-bootcamp image updated
$ sleep 30
$ kubectl get pods
NAME                                   READY   STATUS             RESTARTS   AGE
kubernetes-bootcamp-64cbbf4b99-b5x85   1/1     Running            0          36s
kubernetes-bootcamp-64cbbf4b99-n8qvh   1/1     Running            0          33s
kubernetes-bootcamp-6b6b546854-xhs9f   0/1     ImagePullBackOff   0          30s
$ kubectl rollout undo deployments/kubernetes-bootcamp
deployment.apps/kubernetes-bootcamp rolled back
$ kubectl rollout status deployments/kubernetes-bootcamp
deployment "kubernetes-bootcamp" successfully rolled out
$ kubectl rollout history deployments/kubernetes-bootcamp
deployment.apps/kubernetes-bootcamp 
REVISION  CHANGE-CAUSE
1         <none>
3         <none>
4         <none>

"#;
    check(script, expected);
}

/// Expansions where bash does them, exit statuses through `&&`, `||` and `$?`, a failed
/// substitution's stderr shown and its status kept, and bash's errors for unclosed lines.
#[test]
fn variables_substitutions_and_lists_work_as_in_bash() {
    let script = r#"kubectl create deployment web --image=nginx:1.25 --replicas=2
POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
echo "first pod: $POD (${#POD} characters)"
kubectl get pod $POD -o jsonpath='{.spec.containers[0].image}{"\n"}'
kubectl get deploy web && echo "found" || echo "missing"
kubectl get deploy nope && echo "found" || echo "missing"
echo "last status: $?"
MISSING=$(kubectl get deploy nope -o name)
echo "status $? and [$MISSING]"
IMAGE=${IMAGE:-nginx:1.26}; kubectl set image deploy/web nginx=$IMAGE
sleep 5 && kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'
echo
unset POD
echo "[$POD]"
kubectl delete pod $POD
echo $(kubectl get pods
kubectl get pods &&
"#;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
$ echo "first pod: $POD (${#POD} characters)"
first pod: web-6766cbdd68-2dw4q (20 characters)
$ kubectl get pod $POD -o jsonpath='{.spec.containers[0].image}{"\n"}'
nginx:1.25
$ kubectl get deploy web && echo "found" || echo "missing"
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    0/2     2            0           0s
found
$ kubectl get deploy nope && echo "found" || echo "missing"
Error from server (NotFound): deployments.apps "nope" not found
missing
$ echo "last status: $?"
last status: 0
$ MISSING=$(kubectl get deploy nope -o name)
Error from server (NotFound): deployments.apps "nope" not found
$ echo "status $? and [$MISSING]"
status 1 and []
$ IMAGE=${IMAGE:-nginx:1.26}; kubectl set image deploy/web nginx=$IMAGE
deployment.apps/web image updated
$ sleep 5 && kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'
nginx:1.26
$ echo

$ unset POD
$ echo "[$POD]"
[]
$ kubectl delete pod $POD
error: resource(s) were provided, but no name was specified
$ echo $(kubectl get pods
bash: unexpected EOF while looking for matching `)'
$ kubectl get pods &&
bash: syntax error: unexpected end of file
"#;
    check(script, expected);
}

/// `for` loops over words, `$(...)`, `seq` and `{A..B}`, written on one line or several; the
/// loop variable keeps its last value; `while` is refused (nothing could stop it); a bad name is
/// bash's error.
#[test]
fn for_loops_repeat_commands_as_bash_does() {
    let script = r#"kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1 --replicas=3
kubectl expose deployment/kubernetes-bootcamp --port 8080
kubectl rollout status deployment/kubernetes-bootcamp > /dev/null && echo ready
for i in 1 2 3 4; do kubectl exec deploy/kubernetes-bootcamp -- curl -s kubernetes-bootcamp:8080; done
for pod in $(kubectl get pods -o name); do
  kubectl get $pod -o jsonpath='{.metadata.name} {.status.podIP}{"\n"}'
done
for n in $(seq 4 5); do kubectl scale deploy/kubernetes-bootcamp --replicas=$n; done
for i in {1..2}; do echo "round $i"; done; echo "last: $i"
while true; do kubectl get pods; sleep 1; done
for 1x in a; do echo; done
"#;
    let expected = r#"$ kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1 --replicas=3
deployment.apps/kubernetes-bootcamp created
$ kubectl expose deployment/kubernetes-bootcamp --port 8080
service/kubernetes-bootcamp exposed
$ kubectl rollout status deployment/kubernetes-bootcamp > /dev/null && echo ready
ready
$ for i in 1 2 3 4; do kubectl exec deploy/kubernetes-bootcamp -- curl -s kubernetes-bootcamp:8080; done
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-cbv4x | v=1
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-2dw4q | v=1
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-cbv4x | v=1
Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-755d4d6c6-cbv4x | v=1
$ for pod in $(kubectl get pods -o name); do
  kubectl get $pod -o jsonpath='{.metadata.name} {.status.podIP}{"\n"}'
done
kubernetes-bootcamp-755d4d6c6-27qpg 10.244.1.3
kubernetes-bootcamp-755d4d6c6-2dw4q 10.244.2.3
kubernetes-bootcamp-755d4d6c6-cbv4x 10.244.1.4
$ for n in $(seq 4 5); do kubectl scale deploy/kubernetes-bootcamp --replicas=$n; done
deployment.apps/kubernetes-bootcamp scaled
deployment.apps/kubernetes-bootcamp scaled
$ for i in {1..2}; do echo "round $i"; done; echo "last: $i"
round 1
round 2
last: 2
$ while true; do kubectl get pods; sleep 1; done
kubeplay: `while` loops do not run here: nothing could stop one. Watch with `kubectl get pods -w` or `kubectl rollout status`, or repeat with `for i in 1 2 3; do ...; done`
$ for 1x in a; do echo; done
bash: `1x': not a valid identifier
"#;
    check(script, expected);
}

/// Programs a tutorial runs outside the cluster, or that only a real shell has, are not taken for
/// unknown kubectl commands: kubeplay says where the same thing can be done here (exit 127, as
/// bash's "command not found"). A line without `kubectl` is still tried as kubectl.
#[test]
fn programs_outside_the_cluster_say_what_to_do_instead() {
    let mut sim = crate::support::Sim::new(1, kubeplay::engine::timing::Timing::realistic());
    for (line, needle) in [
        ("curl localhost:8080", "kubeplay: curl: nothing in kubeplay leaves the simulated cluster"),
        ("minikube ip", "kubeplay: minikube: kubeplay is the cluster here"),
        ("watch kubectl get pods", "Watch with `kubectl get pods -w`"),
        ("ls", "kubeplay: ls: the files here are kubeplay's own"),
        ("helm install web ./chart", "only kubectl talks to this cluster"),
        ("kubectl get pods && curl localhost:8080", "kubeplay: curl:"),
    ] {
        let output = sim.kubectl(line);
        assert!(output.stderr.contains(needle), "{line}: {}", output.combined);
        assert_eq!(output.exit_code, 127, "{line}");
    }
    let transcript = sim.script("minikube ip\n").text;
    assert!(transcript.contains("kubeplay: minikube: kubeplay is the cluster here"), "{transcript}");
    assert_eq!(sim.kubectl("get ns default -o name").stdout, "namespace/default\n");
    assert!(sim.kubectl("lgos").stderr.starts_with("error: unknown command \"lgos\" for \"kubectl\""));
}

/// Pipes into kubectl (`cat <<EOF | kubectl apply -f -`, `--dry-run=client -o yaml | kubectl
/// apply -f -`, through `sed`), and the `awk '{print $N}'` and `sed 's///'` tutorials use; awk
/// programs outside that subset and unknown filters say so.
#[test]
fn pipes_feed_kubectl_and_awk_and_sed_filter_as_tutorials_use_them() {
    let script = r#"cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
data:
  a: "1"
EOF
kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml | kubectl apply -f -
kubectl get deploy web -o yaml | sed 's/nginx:1.25/nginx:1.26/' | kubectl apply -f -
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
sleep 20
kubectl get pods | awk 'NR>1 {print $1, $3}'
for pod in $(kubectl get pods | awk 'NR>1 {print $1}'); do echo "pod: $pod"; done
kubectl get pods --no-headers | awk '{print $1}' | sed 's/^web-/deployment web, pod /'
echo '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"piped"}}' | kubectl apply -f -
kubectl get nope -o yaml | kubectl apply -f -; echo "status $?"
kubectl get pods | awk '{ sum += 1 } END { print sum }'
kubectl get pods | tac
"#;
    let expected = r#"$ cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
data:
  a: "1"
EOF
configmap/demo created
$ kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml | kubectl apply -f -
deployment.apps/web created
$ kubectl get deploy web -o yaml | sed 's/nginx:1.25/nginx:1.26/' | kubectl apply -f -
deployment.apps/web configured
$ kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
nginx:1.26
$ sleep 20
$ kubectl get pods | awk 'NR>1 {print $1, $3}'
web-6669549695-rhmln Running
web-6669549695-zmgf4 Running
$ for pod in $(kubectl get pods | awk 'NR>1 {print $1}'); do echo "pod: $pod"; done
pod: web-6669549695-rhmln
pod: web-6669549695-zmgf4
$ kubectl get pods --no-headers | awk '{print $1}' | sed 's/^web-/deployment web, pod /'
deployment web, pod 6669549695-rhmln
deployment web, pod 6669549695-zmgf4
$ echo '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"piped"}}' | kubectl apply -f -
namespace/piped created
$ kubectl get nope -o yaml | kubectl apply -f -; echo "status $?"
error: the server doesn't have a resource type "nope"
error: no objects passed to apply
status 1
$ kubectl get pods | awk '{ sum += 1 } END { print sum }'
kubeplay: awk: only '[NR>N|/RE/] {print $N, ...}' programs run here, not '{ sum += 1 } END { print sum }'
$ kubectl get pods | tac
kubeplay: only grep, head, tail, wc, sort, uniq, tr, sed, awk, cut, base64 and kubectl can follow a pipe here, not tac
"#;
    check(script, expected);
}

/// An unquoted heredoc (`<<EOF`) is expanded as bash expands it, with the terminal's variables
/// and `$(...)`, `\$` kept literal; a quoted one (`<<'EOF'`) is taken as it is.
#[test]
fn unquoted_heredocs_expand_variables_quoted_ones_do_not() {
    let script = r#"export NAME=demo IMAGE=nginx:1.25
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $NAME
  labels:
    made-by: "$(echo script)"
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${NAME}
  template:
    metadata:
      labels:
        app: ${NAME}
    spec:
      containers:
      - name: web
        image: $IMAGE
        env:
        - name: LITERAL
          value: "\$HOME stays"
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: quoted
data:
  text: "$NAME is not expanded"
EOF
kubectl get deploy demo -o jsonpath='{.metadata.labels.made-by} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value}{"\n"}'
kubectl get cm quoted -o jsonpath='{.data.text}{"\n"}'
"#;
    let expected = r#"$ export NAME=demo IMAGE=nginx:1.25
$ kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $NAME
  labels:
    made-by: "$(echo script)"
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${NAME}
  template:
    metadata:
      labels:
        app: ${NAME}
    spec:
      containers:
      - name: web
        image: $IMAGE
        env:
        - name: LITERAL
          value: "\$HOME stays"
EOF
deployment.apps/demo created
$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: quoted
data:
  text: "$NAME is not expanded"
EOF
configmap/quoted created
$ kubectl get deploy demo -o jsonpath='{.metadata.labels.made-by} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value}{"\n"}'
script nginx:1.25 $HOME stays
$ kubectl get cm quoted -o jsonpath='{.data.text}{"\n"}'
$NAME is not expanded
"#;
    check(script, expected);
}

/// `$((EXPR))` as bash computes it (`kubectl/arith.rs`): variables read and assigned, nested
/// substitutions, bash's error for a division by 0 and its status, an unclosed expansion.
#[test]
fn arithmetic_expansion_computes_as_bash_does() {
    check(
        r#"N=3
kubectl create deployment web --image=nginx --replicas=$((N+1))
echo "doubled: $((N * 2)), next: $(( $N + 1 ))"
echo $((N++)) $N
i=0; for p in a b c; do i=$((i+1)); done; echo $i
echo $((1/0))
echo $?
echo $(( 1 +
kubectl scale deployment web --replicas=$(( $(kubectl get deploy web -o jsonpath='{.spec.replicas}') * 2 ))
kubectl get deploy web -o jsonpath='{.spec.replicas}{"\n"}'
"#,
        r#"$ N=3
$ kubectl create deployment web --image=nginx --replicas=$((N+1))
deployment.apps/web created
$ echo "doubled: $((N * 2)), next: $(( $N + 1 ))"
doubled: 6, next: 4
$ echo $((N++)) $N
3 4
$ i=0; for p in a b c; do i=$((i+1)); done; echo $i
3
$ echo $((1/0))
bash: 1/0: division by 0 (error token is "0")
$ echo $?
1
$ echo $(( 1 +
bash: unexpected EOF while looking for matching `)'
$ kubectl scale deployment web --replicas=$(( $(kubectl get deploy web -o jsonpath='{.spec.replicas}') * 2 ))
deployment.apps/web scaled
$ kubectl get deploy web -o jsonpath='{.spec.replicas}{"\n"}'
8
"#,
    );
}

/// `xargs` after a pipe (GNU xargs: items appended, `-n`, `-I{}`, `-r`, `-t`, the command run
/// once on empty input, status 123 when a run fails, its option errors), and rollout commands
/// over several resources or a whole type, as the resource builder visits them.
#[test]
fn xargs_feeds_kubectl_and_rollout_takes_several_resources() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl create deployment api --image=nginx
kubectl get deploy -o name | xargs kubectl rollout status
kubectl get pods -o name | xargs -n1 echo pod:
kubectl get pods -l app=web -o name | xargs -I{} kubectl get {} -o jsonpath='{.spec.nodeName}{"\n"}'
kubectl get pods -l app=none -o name | xargs -r kubectl delete
echo "exit $?"
kubectl get pods -l app=none -o name | xargs kubectl delete
echo "exit $?"
kubectl rollout restart deployment
kubectl rollout status deployment
kubectl rollout status deployment/api deployment/nope
kubectl get deploy -o name | xargs -t kubectl delete
echo a b | xargs -n 0 echo
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl create deployment api --image=nginx
deployment.apps/api created
$ kubectl get deploy -o name | xargs kubectl rollout status
Waiting for deployment "api" rollout to finish: 0 of 1 updated replicas are available...
deployment "api" successfully rolled out
deployment "web" successfully rolled out
$ kubectl get pods -o name | xargs -n1 echo pod:
pod: pod/api-5db75f4978-zmgf4
pod: pod/web-797596b896-2dw4q
pod: pod/web-797596b896-cbv4x
$ kubectl get pods -l app=web -o name | xargs -I{} kubectl get {} -o jsonpath='{.spec.nodeName}{"\n"}'
node-1
node-2
$ kubectl get pods -l app=none -o name | xargs -r kubectl delete
No resources found in default namespace.
$ echo "exit $?"
exit 0
$ kubectl get pods -l app=none -o name | xargs kubectl delete
No resources found in default namespace.
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
$ echo "exit $?"
exit 123
$ kubectl rollout restart deployment
deployment.apps/api restarted
deployment.apps/web restarted
$ kubectl rollout status deployment
Waiting for deployment "api" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "api" rollout to finish: 1 old replicas are pending termination...
deployment "api" successfully rolled out
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
deployment "web" successfully rolled out
$ kubectl rollout status deployment/api deployment/nope
deployment "api" successfully rolled out
Error from server (NotFound): deployments.apps "nope" not found
$ kubectl get deploy -o name | xargs -t kubectl delete
kubectl delete deployment.apps/api deployment.apps/web
deployment.apps "api" deleted
deployment.apps "web" deleted
$ echo a b | xargs -n 0 echo
xargs: value 0 for -n option should be >= 1
Try 'xargs --help' for more information.
"#,
    );
}
