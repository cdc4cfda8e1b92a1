//! `kubectl describe node` as describeNode prints it: the kubelet's lease, system info, pod
//! CIDRs, each non-terminated pod's CPU and memory requests and limits with their share of the
//! allocatable, and the totals under "Allocated resources" (the section a learner reads when a
//! pod is Pending for Insufficient cpu). `--show-events=false` leaves the events out.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn describe_node_shows_requests_limits_and_allocated_resources() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests:
            cpu: 250m
            memory: 64Mi
          limits:
            cpu: 500m
            memory: 128Mi
YAML
sleep 10
kubectl describe node node-1
kubectl describe node node-2 --show-events=false | tail -8
kubectl get node node-1 -o jsonpath='{.spec.podCIDRs} {.status.nodeInfo.machineID}'; echo
"#).text;
    let expected = r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests:
            cpu: 250m
            memory: 64Mi
          limits:
            cpu: 500m
            memory: 128Mi
YAML
deployment.apps/web created
$ sleep 10
$ kubectl describe node node-1
Name:               node-1
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-1
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Sun, 22 Nov 2026 23:45:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Mon, 23 Nov 2026 00:00:10 +0000
Conditions:
  Type            Status  LastHeartbeatTime                LastTransitionTime               Reason                      Message
  ----            ------  -----------------                ------------------               ------                      -------
  MemoryPressure  False   Mon, 23 Nov 2026 00:00:00 +0000  Mon, 23 Nov 2026 00:00:00 +0000  KubeletHasSufficientMemory  kubelet has sufficient memory available
  DiskPressure    False   Mon, 23 Nov 2026 00:00:00 +0000  Mon, 23 Nov 2026 00:00:00 +0000  KubeletHasNoDiskPressure    kubelet has no disk pressure
  PIDPressure     False   Mon, 23 Nov 2026 00:00:00 +0000  Mon, 23 Nov 2026 00:00:00 +0000  KubeletHasSufficientPID     kubelet has sufficient PID available
  Ready           True    Mon, 23 Nov 2026 00:00:00 +0000  Mon, 23 Nov 2026 00:00:00 +0000  KubeletReady                kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    node-1
Capacity:
  cpu:                4
  ephemeral-storage:  61255492Ki
  hugepages-2Mi:      0
  memory:             8Gi
  pods:               110
Allocatable:
  cpu:                4
  ephemeral-storage:  61255492Ki
  hugepages-2Mi:      0
  memory:             8Gi
  pods:               110
System Info:
  Machine ID:                 867300822d3507f5335f75d832dcb8ae
  System UUID:                fff6accb-5dd6-16c7-3bcd-5ff00e2b9f75
  Boot ID:                    d3921f37-e7e2-02e7-9bee-1d38cb724dc1
  Kernel Version:             6.8.0-kubeplay
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.24
  Kubelet Version:            v1.32.5
  Kube-Proxy Version:         v1.32.5
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (2 in total)
  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                        ------------  ----------  ---------------  -------------  ---
  default                     web-6787c747d5-2dw4q        250m (6%)     500m (12%)  64Mi (0%)        128Mi (1%)     10s
  kube-system                 coredns-7c5bb8469f-qhl4h    100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     15m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                350m (8%)   500m (12%)
  memory             134Mi (1%)  298Mi (3%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
$ kubectl describe node node-2 --show-events=false | tail -8
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                350m (8%)   500m (12%)
  memory             134Mi (1%)  298Mi (3%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
$ kubectl get node node-1 -o jsonpath='{.spec.podCIDRs} {.status.nodeInfo.machineID}'; echo
["10.244.1.0/24"] 867300822d3507f5335f75d832dcb8ae
"#;
    assert_eq!(transcript, expected);
}
