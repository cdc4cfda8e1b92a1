//! `kubectl debug` (kubectl 1.32's DebugOptions, legacy profile): an ephemeral container added to
//! a running pod, pulled and started by the kubelet, attached to, and ended for good on `exit`;
//! a node's debugging pod in the host's namespaces; Validate's errors in its order; the
//! apiserver's checks of ephemeral container names and targets.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn ephemeral_containers_and_node_debugging_pods_run_as_kubectl_debug_makes_them() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl create deployment web --image=nginx:1.25
sleep 10
POD=$(kubectl get pods -l app=web -o name | head -1)
kubectl debug -it $POD --image=busybox:1.28 --target=nginx
wget -qO- localhost | head -4
hostname
exit
kubectl get pods
kubectl get $POD -o jsonpath='{.spec.ephemeralContainers[0].name} {.status.ephemeralContainerStatuses[0].state}{"\n"}'
kubectl debug $POD --image=busybox:1.28 -c probe -q
kubectl debug $POD --image=busybox:1.28 -c probe
kubectl debug $POD --image=busybox:1.28 --target=nope
kubectl debug $POD -it
kubectl debug $POD -t --image=busybox
kubectl debug nope --image=busybox
kubectl debug node/node-1 -it --image=busybox:1.28
hostname
exit
kubectl get pods
kubectl debug deploy/web --image=busybox
"#).text;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ sleep 10
$ POD=$(kubectl get pods -l app=web -o name | head -1)
$ kubectl debug -it $POD --image=busybox:1.28 --target=nginx
Targeting container "nginx". If you don't see processes from this container it may be because the container runtime doesn't support this feature.
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Defaulting debug container name to debugger-sb4mj.
If you don't see a command prompt, try pressing enter.
/ # wget -qO- localhost | head -4
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
/ # hostname
web-6766cbdd68-2dw4q
/ # exit
Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web-6766cbdd68-2dw4q -c debugger-sb4mj -i -t' if it is still running
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-6766cbdd68-2dw4q   1/1     Running   0          12s
$ kubectl get $POD -o jsonpath='{.spec.ephemeralContainers[0].name} {.status.ephemeralContainerStatuses[0].state}{"\n"}'
debugger-sb4mj {"terminated":{"containerID":"containerd://89f61b0f319cb5d11da236d84b7d67f00e4af16d188cb543dc990fe63b0ebaff","exitCode":0,"finishedAt":"2026-11-23T00:00:12Z","reason":"Completed","startedAt":"2026-11-23T00:00:12Z"}}
$ kubectl debug $POD --image=busybox:1.28 -c probe -q
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
$ kubectl debug $POD --image=busybox:1.28 -c probe
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
The Pod "web-6766cbdd68-2dw4q" is invalid: spec.ephemeralContainers[2].name: Duplicate value: "probe"
$ kubectl debug $POD --image=busybox:1.28 --target=nope
Targeting container "nope". If you don't see processes from this container it may be because the container runtime doesn't support this feature.
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Defaulting debug container name to debugger-8rstc.
The Pod "web-6766cbdd68-2dw4q" is invalid: spec.ephemeralContainers[2].targetContainerName: Not found: "nope"
$ kubectl debug $POD -it
error: you must specify --image when not using --copy-to.
$ kubectl debug $POD -t --image=busybox
error: -i/--stdin is required for containers with -t/--tty=true
$ kubectl debug nope --image=busybox
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Error from server (NotFound): pods "nope" not found
$ kubectl debug node/node-1 -it --image=busybox:1.28
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Creating debugging pod node-debugger-node-1-szmgf with container debugger on node node-1.
If you don't see a command prompt, try pressing enter.
/ # hostname
node-1
/ # exit
$ kubectl get pods
NAME                         READY   STATUS      RESTARTS   AGE
node-debugger-node-1-szmgf   0/1     Completed   0          4s
web-6766cbdd68-2dw4q         1/1     Running     0          16s
$ kubectl debug deploy/web --image=busybox
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
error: "apps/v1, Kind=Deployment" not supported by debug
"#;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// `--copy-to`: a copy of the pod without its labels (the legacy profile), unscheduled again,
/// with a debug container added (attached to with `-it`; leaving it leaves the pod running),
/// a container's command replaced, images set; `--replace` deletes the original; Validate's
/// copy-only checks.
#[test]
fn a_copy_of_the_pod_gets_the_debug_container() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl create deployment web --image=nginx:1.25
sleep 10
POD=$(kubectl get pods -l app=web -o name | cut -d/ -f2)
kubectl debug $POD -it --image=busybox:1.28 --copy-to=web-debug --share-processes
wget -qO- localhost | grep title
exit
kubectl get pods
kubectl get pod web-debug -o jsonpath='{.metadata.labels} {.spec.shareProcessNamespace} {.spec.containers[*].name}{"\n"}'
kubectl debug $POD --copy-to=web-2 --set-image=*=nginx:1.26
kubectl debug $POD --copy-to=web-3 --container=nginx -- sleep 1d
kubectl debug $POD --copy-to=web-4
kubectl debug $POD --copy-to=web-4 --image=busybox --target=nginx
kubectl debug $POD --copy-to=web-5 --image=busybox --replace
sleep 5
kubectl get pods -o wide | cut -c1-60
"#).text;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ sleep 10
$ POD=$(kubectl get pods -l app=web -o name | cut -d/ -f2)
$ kubectl debug $POD -it --image=busybox:1.28 --copy-to=web-debug --share-processes
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Defaulting debug container name to debugger-sb4mj.
If you don't see a command prompt, try pressing enter.
/ # wget -qO- localhost | grep title
<title>Welcome to nginx!</title>
/ # exit
Session ended, resume using 'kubectl attach web-debug -c debugger-sb4mj -i -t' command when the pod is running
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-6766cbdd68-2dw4q   1/1     Running   0          18s
web-debug              2/2     Running   0          8s
$ kubectl get pod web-debug -o jsonpath='{.metadata.labels} {.spec.shareProcessNamespace} {.spec.containers[*].name}{"\n"}'
 true nginx debugger-sb4mj
$ kubectl debug $POD --copy-to=web-2 --set-image=*=nginx:1.26
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
$ kubectl debug $POD --copy-to=web-3 --container=nginx -- sleep 1d
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
$ kubectl debug $POD --copy-to=web-4
error: you must specify --image, --set-image or command arguments.
$ kubectl debug $POD --copy-to=web-4 --image=busybox --target=nginx
error: --target is incompatible with --copy-to. Use --share-processes instead.
$ kubectl debug $POD --copy-to=web-5 --image=busybox --replace
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Defaulting debug container name to debugger-2rlns.
$ sleep 5
$ kubectl get pods -o wide | cut -c1-60
NAME                   READY   STATUS     RESTARTS     AGE  
web-2                  1/1     Running    0            5s   
web-3                  1/1     Running    0            5s   
web-5                  1/2     NotReady   1 (1s ago)   5s   
web-6766cbdd68-w28lf   1/1     Running    0            5s   
web-debug              2/2     Running    0            13s  
"#;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}
