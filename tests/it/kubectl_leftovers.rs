//! The leftovers of issue #3: `delete all`, pod templates in `-o yaml`, `logs --previous`,
//! `label --all`. Transcripts as kubectl 1.32 prints them against a real cluster.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// `delete all` expands the category as `get all` does (pods, services, deployments,
/// replicasets, jobs, in discovery's order), needs `--all` or a selector, ignores NotFound with
/// them, and deletes the ReplicaSets itself before the garbage collector does; the API server
/// recreates the `kubernetes` Service at its next 10 s check.
#[test]
fn delete_all_expands_the_category() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl create deployment api --image=nginx
kubectl create job pi --image=busybox -- true
kubectl create configmap settings --from-literal=a=b
sleep 10
kubectl delete all -l app=web
kubectl get all -l app=web
kubectl delete all
kubectl delete all --all
kubectl get cm settings -o name
kubectl get svc
sleep 10
kubectl get svc
kubectl delete all,cm --all -n kube-public
kubectl delete all -l app=none
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl create deployment api --image=nginx
deployment.apps/api created
$ kubectl create job pi --image=busybox -- true
job.batch/pi created
$ kubectl create configmap settings --from-literal=a=b
configmap/settings created
$ sleep 10
$ kubectl delete all -l app=web
pod "web-797596b896-2dw4q" deleted
pod "web-797596b896-cbv4x" deleted
deployment.apps "web" deleted
replicaset.apps "web-797596b896" deleted
$ kubectl get all -l app=web
No resources found in default namespace.
$ kubectl delete all
error: resource(s) were provided, but no name was specified
$ kubectl delete all --all
pod "api-5db75f4978-zmgf4" deleted
pod "pi-s9pb5" deleted
service "kubernetes" deleted
deployment.apps "api" deleted
replicaset.apps "api-5db75f4978" deleted
job.batch "pi" deleted
$ kubectl get cm settings -o name
configmap/settings
$ kubectl get svc
No resources found in default namespace.
$ sleep 10
$ kubectl get svc
NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   4s
$ kubectl delete all,cm --all -n kube-public
configmap "kube-root-ca.crt" deleted
$ kubectl delete all -l app=none
No resources found
"#,
    );
}
