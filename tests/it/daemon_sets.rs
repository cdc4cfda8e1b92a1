//! DaemonSets (apps/v1): one pod per eligible node, node selectors and cordoned nodes, rolling
//! updates node by node (maxUnavailable) or surging (maxSurge), validation, a failed node, and
//! deletion, through kubectl scripts and the cluster's clock.

use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};


/// A pod on each node, each pinned by required node affinity and given the daemon tolerations;
/// a new template replaces them one node at a time (maxUnavailable 1): the old pod goes, then
/// the new one comes on its node, labelled with the new hash and template generation. Its
/// busybox `sleep` ignores SIGTERM, so each old pod is Terminating for its 30 s grace period.
#[test]
fn a_daemon_set_runs_on_every_node_and_rolls_node_by_node() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
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
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
YAML
sleep 10
kubectl get pod -l app=agent -o jsonpath='{.items[0].spec.affinity}{"\n"}'
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
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
        image: busybox:1.37
        command: ["sh", "-c", "sleep 3600"]
YAML
kubectl get pods
sleep 1
kubectl get pods
sleep 5
kubectl get pods
sleep 30
kubectl get pods -L controller-revision-hash,pod-template-generation
kubectl get ds agent -o wide
kubectl get events --field-selector involvedObject.kind=DaemonSet
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
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
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
YAML
daemonset.apps/agent created
$ sleep 10
$ kubectl get pod -l app=agent -o jsonpath='{.items[0].spec.affinity}{"\n"}'
{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["node-2"]}]}]}}}
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
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
        image: busybox:1.37
        command: ["sh", "-c", "sleep 3600"]
YAML
daemonset.apps/agent configured
$ kubectl get pods
NAME          READY   STATUS        RESTARTS   AGE
agent-cgcsc   1/1     Running       0          10s
agent-t9qt2   1/1     Terminating   0          10s
$ sleep 1
$ kubectl get pods
NAME          READY   STATUS        RESTARTS   AGE
agent-cgcsc   1/1     Running       0          11s
agent-t9qt2   1/1     Terminating   0          11s
$ sleep 5
$ kubectl get pods
NAME          READY   STATUS        RESTARTS   AGE
agent-cgcsc   1/1     Running       0          16s
agent-t9qt2   1/1     Terminating   0          16s
$ sleep 30
$ kubectl get pods -L controller-revision-hash,pod-template-generation
NAME          READY   STATUS        RESTARTS   AGE   CONTROLLER-REVISION-HASH   POD-TEMPLATE-GENERATION
agent-cgcsc   1/1     Terminating   0          46s   586c6f7d58                 1
agent-whchb   1/1     Running       0          5s    7cbf5fccd5                 2
$ kubectl get ds agent -o wide
NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES         SELECTOR
agent   2         2         2       1            2           <none>          46s   agent        busybox:1.37   app=agent
$ kubectl get events --field-selector involvedObject.kind=DaemonSet
LAST SEEN   TYPE     REASON             OBJECT            MESSAGE
46s         Normal   SuccessfulCreate   daemonset/agent   Created pod: agent-t9qt2
46s         Normal   SuccessfulCreate   daemonset/agent   Created pod: agent-cgcsc
36s         Normal   SuccessfulDelete   daemonset/agent   Deleted pod: agent-t9qt2
5s          Normal   SuccessfulCreate   daemonset/agent   Created pod: agent-whchb
3s          Normal   SuccessfulDelete   daemonset/agent   Deleted pod: agent-cgcsc
"#,
    );
}

/// Kubernetes in Action's ssd-monitor: no pod until a node carries `disk=ssd`, the pod goes when
/// the label changes, a cordoned node still gets its daemon pod (it tolerates
/// `unschedulable`), and deleting the DaemonSet deletes its pods.
#[test]
fn a_node_selector_picks_the_nodes_and_cordoned_nodes_still_run_daemons() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: luksa/ssd-monitor
YAML
kubectl get ds
kubectl get po
kubectl label node node-1 disk=ssd
kubectl get po -o wide
sleep 5
kubectl get ds
kubectl label node node-1 disk=hdd --overwrite
kubectl get po
sleep 31
kubectl get po
kubectl get ds
kubectl label node node-2 disk=ssd
kubectl cordon node-2
sleep 5
kubectl get po -o wide
kubectl delete ds ssd-monitor
kubectl get po
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: luksa/ssd-monitor
YAML
daemonset.apps/ssd-monitor created
$ kubectl get ds
NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
ssd-monitor   0         0         0       0            0           disk=ssd        0s
$ kubectl get po
No resources found in default namespace.
$ kubectl label node node-1 disk=ssd
node/node-1 labeled
$ kubectl get po -o wide
NAME                READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
ssd-monitor-t9qt2   0/1     Pending   0          0s    <none>   node-1   <none>           <none>
$ sleep 5
$ kubectl get ds
NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
ssd-monitor   1         1         1       1            1           disk=ssd        5s
$ kubectl label node node-1 disk=hdd --overwrite
node/node-1 labeled
$ kubectl get po
NAME                READY   STATUS        RESTARTS   AGE
ssd-monitor-t9qt2   1/1     Terminating   0          5s
$ sleep 31
$ kubectl get po
No resources found in default namespace.
$ kubectl get ds
NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
ssd-monitor   0         0         0       0            0           disk=ssd        36s
$ kubectl label node node-2 disk=ssd
node/node-2 labeled
$ kubectl cordon node-2
node/node-2 cordoned
$ sleep 5
$ kubectl get po -o wide
NAME                READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
ssd-monitor-jf462   1/1     Running   0          5s    10.244.2.3   node-2   <none>           <none>
$ kubectl delete ds ssd-monitor
daemonset.apps "ssd-monitor" deleted
$ kubectl get po
NAME                READY   STATUS        RESTARTS   AGE
ssd-monitor-jf462   1/1     Terminating   0          5s
"#,
    );
}

/// The apiserver's checks (template labels, restartPolicy Always, maxSurge only with
/// maxUnavailable 0), and a surging update: the new pod starts next to the old one, which goes
/// once the new one is available, at most maxSurge nodes at a time.
#[test]
fn daemon_sets_are_validated_and_surge_when_asked() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: bad
spec:
  selector:
    matchLabels:
      app: other
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
  template:
    metadata:
      labels:
        app: bad
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: nginx:1.25
YAML
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: surge
spec:
  selector:
    matchLabels:
      app: surge
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: surge
    spec:
      containers:
      - name: main
        image: nginx:1.25
YAML
sleep 10
kubectl patch ds surge --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]'
kubectl get pods
sleep 1
kubectl get pods
sleep 3
kubectl get pods
sleep 3
kubectl get pods
sleep 30
kubectl get pods
kubectl get ds surge
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: bad
spec:
  selector:
    matchLabels:
      app: other
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
  template:
    metadata:
      labels:
        app: bad
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: nginx:1.25
YAML
The DaemonSet "bad" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always", spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero]
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: surge
spec:
  selector:
    matchLabels:
      app: surge
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: surge
    spec:
      containers:
      - name: main
        image: nginx:1.25
YAML
daemonset.apps/surge created
$ sleep 10
$ kubectl patch ds surge --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]'
daemonset.apps/surge patched
$ kubectl get pods
NAME          READY   STATUS    RESTARTS   AGE
surge-cgcsc   1/1     Running   0          10s
surge-t9qt2   1/1     Running   0          10s
surge-zz9lw   0/1     Pending   0          0s
$ sleep 1
$ kubectl get pods
NAME          READY   STATUS              RESTARTS   AGE
surge-cgcsc   1/1     Running             0          11s
surge-t9qt2   1/1     Running             0          11s
surge-zz9lw   0/1     ContainerCreating   0          1s
$ sleep 3
$ kubectl get pods
NAME          READY   STATUS        RESTARTS   AGE
surge-cgcsc   1/1     Running       0          14s
surge-fvw6n   0/1     Pending       0          0s
surge-t9qt2   1/1     Terminating   0          14s
surge-zz9lw   1/1     Running       0          4s
$ sleep 3
$ kubectl get pods
NAME          READY   STATUS              RESTARTS   AGE
surge-cgcsc   1/1     Running             0          17s
surge-fvw6n   0/1     ContainerCreating   0          3s
surge-zz9lw   1/1     Running             0          7s
$ sleep 30
$ kubectl get pods
NAME          READY   STATUS    RESTARTS   AGE
surge-fvw6n   1/1     Running   0          33s
surge-zz9lw   1/1     Running   0          37s
$ kubectl get ds surge
NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
surge   2         2         2       2            2           <none>          47s
"#,
    );
}

/// A node that stops responding: its daemon pod tolerates the unreachable NoExecute taint, so it
/// is neither evicted nor replaced elsewhere; the node no longer counts as desired and its pod
/// counts as misscheduled until the node is back.
#[test]
fn a_failed_node_keeps_its_daemon_pod_and_leaves_the_desired_count() {
    let mut sim = Sim::new(11, Timing::realistic());
    let apply = sim.script(
        "kubectl create -f - <<'EOF'\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: nginx:1.25\nEOF\nsleep 10\n",
    );
    assert_eq!(apply.failed, 0, "{}", apply.text);
    sim.cluster.set_kubelet_running("node-2", false);
    sim.run_for(400);
    let pods = sim.kubectl("kubectl get pods -o wide --no-headers").stdout;
    assert_eq!(pods.lines().count(), 2, "no pod evicted, none added:\n{pods}");
    assert!(pods.lines().any(|l| l.contains("node-2")), "{pods}");
    let status = sim.kubectl("kubectl get ds agent -o jsonpath={.status.desiredNumberScheduled},{.status.numberMisscheduled}").stdout;
    assert_eq!(status, "1,1");
    sim.cluster.set_kubelet_running("node-2", true);
    sim.run_for(30);
    let status = sim.kubectl("kubectl get ds agent -o jsonpath={.status.desiredNumberScheduled},{.status.numberMisscheduled},{.status.numberReady}").stdout;
    let pods = sim.kubectl("kubectl get pods -o wide").stdout;
    assert_eq!(status, "2,0,2", "{pods}");
}
