//! DaemonSets through kubectl: describe (DaemonSetDescriber), rollout status (DaemonSetStatusViewer),
//! restart (the object restarter), pause and resume (not supported), history and undo (no
//! ControllerRevisions in kubeplay), set image and env (updatePodSpecForObject), get all and
//! explain, as kubectl 1.32 prints them.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// A DaemonSet no node is eligible for (its node selector matches none), so no pod and no count
/// depends on the controller: describe's layout (no Namespace line, the selector with its
/// expressions, the node selector, the unaligned counts), set image with --record and set env on
/// its template, restart (refused within the same second, as an empty patch), pause and resume
/// (only Deployments pause), history and undo (kubeplay's message), the OnDelete strategy's status
/// error, the errors of kinds without a viewer, rollbacker or restarter, and `get all`.
#[test]
fn describe_set_and_rollout_commands_on_a_daemon_set() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
spec:
  selector:
    matchLabels:
      app: agent
    matchExpressions:
    - key: tier
      operator: In
      values: [node, edge]
  template:
    metadata:
      labels:
        app: agent
        tier: node
    spec:
      nodeSelector:
        disktype: ssd
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: nginx:1.25
        env:
        - name: MODE
          value: slow
YAML
kubectl describe daemonset agent
kubectl set image ds/agent agent=nginx:1.26 --record
kubectl set env daemonset/agent MODE=fast EXTRA=1
kubectl get ds agent -o jsonpath='{.metadata.generation} {.metadata.annotations.kubernetes\.io/change-cause} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}{"\n"}'
kubectl set image ds/agent nope=nginx:1.27
kubectl rollout restart ds/agent
kubectl rollout restart ds/agent
sleep 1
kubectl rollout restart ds/agent
kubectl get ds agent -o jsonpath='{.spec.template.metadata.annotations}{"\n"}'
kubectl rollout pause ds/agent
kubectl rollout resume ds agent
kubectl rollout history ds/agent
kubectl rollout undo ds/agent --to-revision=1
kubectl rollout status ds/ghost
kubectl get all -o name
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: manual
spec:
  selector:
    matchLabels:
      app: manual
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels:
        app: manual
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: manual
        image: busybox
YAML
kubectl rollout status ds/manual
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: plain
spec:
  replicas: 0
  selector:
    matchLabels:
      app: plain
  template:
    metadata:
      labels:
        app: plain
    spec:
      containers:
      - name: plain
        image: nginx
YAML
kubectl rollout status rs/plain
kubectl rollout history rs/plain
kubectl rollout undo rs/plain
kubectl rollout restart rs/plain
kubectl rollout pause rs/plain
kubectl rollout status svc/kubernetes
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
spec:
  selector:
    matchLabels:
      app: agent
    matchExpressions:
    - key: tier
      operator: In
      values: [node, edge]
  template:
    metadata:
      labels:
        app: agent
        tier: node
    spec:
      nodeSelector:
        disktype: ssd
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: nginx:1.25
        env:
        - name: MODE
          value: slow
YAML
daemonset.apps/agent created
$ kubectl describe daemonset agent
Name:           agent
Selector:       app=agent,tier in (edge,node)
Node-Selector:  disktype=ssd
Labels:         app=agent
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 0
Current Number of Nodes Scheduled: 0
Number of Nodes Scheduled with Up-to-date Pods: 0
Number of Nodes Scheduled with Available Pods: 0
Number of Nodes Misscheduled: 0
Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=agent
           tier=node
  Containers:
   agent:
    Image:      nginx:1.25
    Port:       <none>
    Host Port:  <none>
    Environment:
      MODE:        slow
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  disktype=ssd
  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists
Events:            <none>
$ kubectl set image ds/agent agent=nginx:1.26 --record
Flag --record has been deprecated, --record will be removed in the future
daemonset.apps/agent image updated
$ kubectl set env daemonset/agent MODE=fast EXTRA=1
daemonset.apps/agent env updated
$ kubectl get ds agent -o jsonpath='{.metadata.generation} {.metadata.annotations.kubernetes\.io/change-cause} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}{"\n"}'
3 kubectl set image ds/agent agent=nginx:1.26 --record=true nginx:1.26 [{"name":"MODE","value":"fast"},{"name":"EXTRA","value":"1"}]
$ kubectl set image ds/agent nope=nginx:1.27
error: unable to find container named "nope"
$ kubectl rollout restart ds/agent
daemonset.apps/agent restarted
$ kubectl rollout restart ds/agent
error: failed to create patch for agent: if restart has already been triggered within the past second, please wait before attempting to trigger another
$ sleep 1
$ kubectl rollout restart ds/agent
daemonset.apps/agent restarted
$ kubectl get ds agent -o jsonpath='{.spec.template.metadata.annotations}{"\n"}'
{"kubectl.kubernetes.io/restartedAt":"2026-11-23T00:00:01Z"}
$ kubectl rollout pause ds/agent
error: daemonsets.apps "agent" pausing is not supported
$ kubectl rollout resume ds agent
error: daemonsets.apps "agent" resuming is not supported
$ kubectl rollout history ds/agent
kubeplay: rollout history of daemonset.apps/agent is not simulated: kubectl reads a DaemonSet's revisions from its ControllerRevisions, which kubeplay does not keep; kubectl describe ds shows the current template
$ kubectl rollout undo ds/agent --to-revision=1
kubeplay: rollout undo of daemonset.apps/agent is not simulated: kubectl reads a DaemonSet's revisions from its ControllerRevisions, which kubeplay does not keep; change the template with kubectl set image or kubectl apply instead
$ kubectl rollout status ds/ghost
Error from server (NotFound): daemonsets.apps "ghost" not found
$ kubectl get all -o name
service/kubernetes
daemonset.apps/agent
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: manual
spec:
  selector:
    matchLabels:
      app: manual
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels:
        app: manual
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: manual
        image: busybox
YAML
daemonset.apps/manual created
$ kubectl rollout status ds/manual
error: rollout status is only available for RollingUpdate strategy type
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: plain
spec:
  replicas: 0
  selector:
    matchLabels:
      app: plain
  template:
    metadata:
      labels:
        app: plain
    spec:
      containers:
      - name: plain
        image: nginx
YAML
replicaset.apps/plain created
$ kubectl rollout status rs/plain
error: no status viewer has been implemented for ReplicaSet.apps
$ kubectl rollout history rs/plain
error: no history viewer has been implemented for "ReplicaSet.apps"
$ kubectl rollout undo rs/plain
error: no rollbacker has been implemented for "ReplicaSet.apps"
$ kubectl rollout restart rs/plain
error: replicasets.apps "plain" restarting is not supported
$ kubectl rollout pause rs/plain
error: replicasets.apps "plain" pausing is not supported
$ kubectl rollout status svc/kubernetes
error: no status viewer has been implemented for Service
"#,
    );
}

/// The requests `-v=6`/`-v=7` log: describe reads the DaemonSet, its pods by selector
/// (getPodStatusForController), then its events; restart GETs and PATCHes with kubectl-rollout's
/// field manager; status lists and watches the one name.
#[test]
fn verbose_requests_of_describe_restart_and_status() {
    let mut sim = Sim::new(11, Timing::realistic());
    sim.kubectl_stdin(
        "kubectl apply -f -",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      nodeSelector:\n        disktype: ssd\n      containers:\n      - name: agent\n        image: nginx\n",
    );
    let requests = |text: &str| -> Vec<String> { text.lines().filter_map(|l| l.split_once("round_trippers.go:560] ").map(|(_, r)| r.replace(" in 0 milliseconds", ""))).collect() };
    let uid = sim.kubectl("kubectl get ds agent -o jsonpath={.metadata.uid}").stdout;
    assert_eq!(requests(&sim.kubectl("kubectl describe ds agent -v=6").stderr), vec![
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets/agent 200 OK".to_string(),
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets/agent 200 OK".to_string(),
        "GET https://127.0.0.1:6443/api/v1/namespaces/default/pods?labelSelector=app%3Dagent&limit=500 200 OK".to_string(),
        format!("GET https://127.0.0.1:6443/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dagent%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DDaemonSet%2CinvolvedObject.uid%3D{uid}&limit=500 200 OK"),
    ]);
    assert_eq!(requests(&sim.kubectl("kubectl rollout restart ds/agent -v=7").stderr), vec![
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets/agent 200 OK",
        "PATCH https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets/agent?fieldManager=kubectl-rollout 200 OK",
    ]);
    assert_eq!(requests(&sim.kubectl("kubectl rollout status ds/agent --watch=false -v=6").stderr), vec![
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets/agent 200 OK",
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/daemonsets?fieldSelector=metadata.name%3Dagent&limit=500&resourceVersion=0 200 OK",
    ]);
}

/// A rollout on both nodes through the controller: status waits (on the virtual clock) for the
/// new pods to become available, set image replaces them node by node (maxUnavailable 1) with
/// the new revision's labels, describe shows the counts and the controller's events, a restart
/// rolls again, and status with --timeout gives up as kubectl does.
#[test]
fn rollout_status_follows_a_daemon_set_update_node_by_node() {
    check(
        r#"kubectl get nodes
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: nginx:1.25
        readinessProbe:
          httpGet:
            path: /
            port: 80
YAML
kubectl rollout status ds/agent
kubectl get pods -o wide
kubectl set image ds/agent agent=nginx:1.26
kubectl rollout status daemonset/agent
kubectl get pods -L controller-revision-hash,pod-template-generation
kubectl describe ds agent
kubectl rollout restart ds/agent
kubectl rollout status ds/agent --timeout=5s
kubectl get all
"#,
        r#"$ kubectl get nodes
NAME     STATUS   ROLES    AGE   VERSION
node-1   Ready    <none>   15m   v1.32.5
node-2   Ready    <none>   15m   v1.32.5
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: nginx:1.25
        readinessProbe:
          httpGet:
            path: /
            port: 80
YAML
daemonset.apps/agent created
$ kubectl rollout status ds/agent
Waiting for daemon set "agent" rollout to finish: 0 of 2 updated pods are available...
daemon set "agent" successfully rolled out
$ kubectl get pods -o wide
NAME          READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
agent-cgcsc   1/1     Running   0          5s    10.244.2.3   node-2   <none>           <none>
agent-t9qt2   1/1     Running   0          5s    10.244.1.3   node-1   <none>           <none>
$ kubectl set image ds/agent agent=nginx:1.26
daemonset.apps/agent image updated
$ kubectl rollout status daemonset/agent
Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...
Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...
Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...
Waiting for daemon set "agent" rollout to finish: 1 of 2 updated pods are available...
daemon set "agent" successfully rolled out
$ kubectl get pods -L controller-revision-hash,pod-template-generation
NAME          READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH   POD-TEMPLATE-GENERATION
agent-r8hrz   1/1     Running   0          5s    76c478f656                 2
agent-whchb   1/1     Running   0          12s   76c478f656                 2
$ kubectl describe ds agent
Name:           agent
Selector:       app=agent
Node-Selector:  <none>
Labels:         app=agent
Annotations:    deprecated.daemonset.template.generation: 2
Desired Number of Nodes Scheduled: 2
Current Number of Nodes Scheduled: 2
Number of Nodes Scheduled with Up-to-date Pods: 2
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=agent
  Containers:
   agent:
    Image:         nginx:1.26
    Port:          <none>
    Host Port:     <none>
    Readiness:     http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  19s   daemonset-controller  Created pod: agent-t9qt2
  Normal  SuccessfulCreate  19s   daemonset-controller  Created pod: agent-cgcsc
  Normal  SuccessfulDelete  14s   daemonset-controller  Deleted pod: agent-t9qt2
  Normal  SuccessfulCreate  12s   daemonset-controller  Created pod: agent-whchb
  Normal  SuccessfulDelete  7s    daemonset-controller  Deleted pod: agent-cgcsc
  Normal  SuccessfulCreate  5s    daemonset-controller  Created pod: agent-r8hrz
$ kubectl rollout restart ds/agent
daemonset.apps/agent restarted
$ kubectl rollout status ds/agent --timeout=5s
Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...
Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...
Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...
error: timed out waiting for the condition
$ kubectl get all
NAME              READY   STATUS        RESTARTS   AGE
pod/agent-kc45b   1/1     Running       0          3s
pod/agent-r8hrz   1/1     Terminating   0          10s

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   15m

NAME                   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
daemonset.apps/agent   2         2         2       1            2           <none>          24s
"#,
    );
}
