//! `kubectl events` (kubectl 1.32's `pkg/cmd/events`): a namespace's events oldest first, in
//! the order Go's unstable sort leaves events of the same second (`src/go_sort.rs`, measured
//! against the real client); `--for`, `--types`, `-A`, `--no-headers`, `-o`, `-w`, and the
//! command's errors.

use crate::support::check;

/// A Deployment's and a failing pod's events, listed whole, for one object, by type, across
/// namespaces and as a watch (its rows flushed one by one, widths remembered).
#[test]
fn events_list_filter_and_watch_as_kubectl_events_prints_them() {
    check(
        r#"kubectl events
kubectl create deployment web --image=nginx:1.25 --replicas=2
sleep 5
kubectl run bad --image=nginx:no-such-tag
sleep 40
kubectl events
kubectl events --for pod/bad
kubectl events --for deployment/web -o name
kubectl events --types=Warning
kubectl events -A --types=warning --no-headers
kubectl events --for pod
kubectl events --for foo/bar
kubectl events --types=Error
kubectl events -n kube-system
kubectl events --for pod/bad -w --request-timeout=30s
kubectl events -o jsonpath='{.items[0].reason}{"\n"}'
"#,
        r#"$ kubectl events
No events found in default namespace.
$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ sleep 5
$ kubectl run bad --image=nginx:no-such-tag
pod/bad created
$ sleep 40
$ kubectl events
LAST SEEN          TYPE      REASON              OBJECT                      MESSAGE
45s                Normal    ScalingReplicaSet   Deployment/web              Scaled up replica set web-6766cbdd68 to 2
45s                Normal    SuccessfulCreate    ReplicaSet/web-6766cbdd68   Created pod: web-6766cbdd68-cbv4x
45s                Normal    SuccessfulCreate    ReplicaSet/web-6766cbdd68   Created pod: web-6766cbdd68-2dw4q
45s                Normal    Scheduled           Pod/web-6766cbdd68-cbv4x    Successfully assigned default/web-6766cbdd68-cbv4x to node-2
45s                Normal    Scheduled           Pod/web-6766cbdd68-2dw4q    Successfully assigned default/web-6766cbdd68-2dw4q to node-1
44s                Normal    Pulling             Pod/web-6766cbdd68-2dw4q    Pulling image "nginx:1.25"
44s                Normal    Pulling             Pod/web-6766cbdd68-cbv4x    Pulling image "nginx:1.25"
41s                Normal    Pulled              Pod/web-6766cbdd68-2dw4q    Successfully pulled image "nginx:1.25" in 3.603s (3.605s including waiting). Image size: 67000000 bytes.
41s                Normal    Created             Pod/web-6766cbdd68-2dw4q    Created container nginx
41s                Normal    Started             Pod/web-6766cbdd68-2dw4q    Started container nginx
41s                Normal    Pulled              Pod/web-6766cbdd68-cbv4x    Successfully pulled image "nginx:1.25" in 3.603s (3.605s including waiting). Image size: 67000000 bytes.
41s                Normal    Created             Pod/web-6766cbdd68-cbv4x    Created container nginx
41s                Normal    Started             Pod/web-6766cbdd68-cbv4x    Started container nginx
40s                Normal    Scheduled           Pod/bad                     Successfully assigned default/bad to node-1
7s (x3 over 37s)   Warning   Failed              Pod/bad                     Error: ErrImagePull
7s (x3 over 37s)   Warning   Failed              Pod/bad                     Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found
7s (x3 over 39s)   Normal    Pulling             Pod/bad                     Pulling image "nginx:no-such-tag"
6s (x3 over 36s)   Warning   Failed              Pod/bad                     Error: ImagePullBackOff
6s (x3 over 36s)   Normal    BackOff             Pod/bad                     Back-off pulling image "nginx:no-such-tag"
$ kubectl events --for pod/bad
LAST SEEN          TYPE      REASON      OBJECT    MESSAGE
40s                Normal    Scheduled   Pod/bad   Successfully assigned default/bad to node-1
7s (x3 over 39s)   Normal    Pulling     Pod/bad   Pulling image "nginx:no-such-tag"
7s (x3 over 37s)   Warning   Failed      Pod/bad   Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found
7s (x3 over 37s)   Warning   Failed      Pod/bad   Error: ErrImagePull
6s (x3 over 36s)   Normal    BackOff     Pod/bad   Back-off pulling image "nginx:no-such-tag"
6s (x3 over 36s)   Warning   Failed      Pod/bad   Error: ImagePullBackOff
$ kubectl events --for deployment/web -o name
event/web.18ea8382f8940006
$ kubectl events --types=Warning
LAST SEEN          TYPE      REASON   OBJECT    MESSAGE
7s (x3 over 37s)   Warning   Failed   Pod/bad   Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found
7s (x3 over 37s)   Warning   Failed   Pod/bad   Error: ErrImagePull
6s (x3 over 36s)   Warning   Failed   Pod/bad   Error: ImagePullBackOff
$ kubectl events -A --types=warning --no-headers
default   7s (x3 over 37s)   Warning   Failed   Pod/bad   Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found
default   7s (x3 over 37s)   Warning   Failed   Pod/bad   Error: ErrImagePull
default   6s (x3 over 36s)   Warning   Failed   Pod/bad   Error: ImagePullBackOff
$ kubectl events --for pod
error: --for must be in resource/name form
$ kubectl events --for foo/bar
error: the server doesn't have a resource type "foo"
$ kubectl events --types=Error
error: valid --types are Normal or Warning
$ kubectl events -n kube-system
No events found in kube-system namespace.
$ kubectl events --for pod/bad -w --request-timeout=30s
LAST SEEN   TYPE     REASON      OBJECT    MESSAGE
40s         Normal   Scheduled   Pod/bad   Successfully assigned default/bad to node-1
7s (x3 over 39s)   Normal   Pulling     Pod/bad   Pulling image "nginx:no-such-tag"
7s (x3 over 37s)   Warning   Failed      Pod/bad   Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found
7s (x3 over 37s)   Warning   Failed      Pod/bad   Error: ErrImagePull
6s (x3 over 36s)   Normal    BackOff     Pod/bad   Back-off pulling image "nginx:no-such-tag"
6s (x3 over 36s)   Warning   Failed      Pod/bad   Error: ImagePullBackOff
$ kubectl events -o jsonpath='{.items[0].reason}{"\n"}'
ScalingReplicaSet
"#,
    );
}
