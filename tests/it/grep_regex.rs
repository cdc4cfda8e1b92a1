//! `grep` with GNU grep's regular expressions, after a terminal pipe and inside a container:
//! ERE alternatives and groups, BRE intervals and classes, `-o`, `-c`, `-w`, `-x`, `-F`, and
//! GNU grep's message (exit status 2) for an invalid pattern.

use crate::support::check;

/// Each filtered line is what GNU grep 3.8 (`LC_ALL=C`) selects from the same kubectl output.
#[test]
fn grep_reads_posix_regular_expressions_as_gnu_grep_does() {
    let script = r#"kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl get pods | grep -E 'Running|Pending'
sleep 10
kubectl exec deploy/kubernetes-bootcamp -- env | grep -E '^(HOSTNAME|NPM_CONFIG_LOGLEVEL|NODE_VERSION)='
kubectl get pods | grep -E 'Running|Pending'
kubectl get pods -o wide | grep -o '10\.[0-9.]*'
kubectl describe pods | grep -E '^(Name|Node):'
kubectl describe pods | grep -c '^ \{2\}[[:alpha:]]'
kubectl get pods --no-headers | grep -cw Running
kubectl get pods | grep -x 'NAME.*AGE'
kubectl get pods | grep -F '1/1'
kubectl exec deploy/kubernetes-bootcamp -- sh -c "env | grep '^NODE_[[:upper:]]*=[0-9]\{1,\}\.'"
kubectl exec deploy/kubernetes-bootcamp -- sh -c 'env | grep -E "(HOSTNAME"'
kubectl exec deploy/kubernetes-bootcamp -- sh -c 'env | grep -i "[[:alpha:]"'
"#;
    let expected = r#"$ kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
deployment.apps/kubernetes-bootcamp created
$ kubectl get pods | grep -E 'Running|Pending'
kubernetes-bootcamp-755d4d6c6-2dw4q   0/1     Pending   0          0s
$ sleep 10
$ kubectl exec deploy/kubernetes-bootcamp -- env | grep -E '^(HOSTNAME|NPM_CONFIG_LOGLEVEL|NODE_VERSION)='
HOSTNAME=kubernetes-bootcamp-755d4d6c6-2dw4q
NPM_CONFIG_LOGLEVEL=info
NODE_VERSION=6.3.1
$ kubectl get pods | grep -E 'Running|Pending'
kubernetes-bootcamp-755d4d6c6-2dw4q   1/1     Running   0          10s
$ kubectl get pods -o wide | grep -o '10\.[0-9.]*'
10.244.2.3
$ kubectl describe pods | grep -E '^(Name|Node):'
Name:             kubernetes-bootcamp-755d4d6c6-2dw4q
Node:             node-2/172.18.0.4
$ kubectl describe pods | grep -c '^ \{2\}[[:alpha:]]'
15
$ kubectl get pods --no-headers | grep -cw Running
1
$ kubectl get pods | grep -x 'NAME.*AGE'
NAME                                  READY   STATUS    RESTARTS   AGE
$ kubectl get pods | grep -F '1/1'
kubernetes-bootcamp-755d4d6c6-2dw4q   1/1     Running   0          10s
$ kubectl exec deploy/kubernetes-bootcamp -- sh -c "env | grep '^NODE_[[:upper:]]*=[0-9]\{1,\}\.'"
NODE_VERSION=6.3.1
$ kubectl exec deploy/kubernetes-bootcamp -- sh -c 'env | grep -E "(HOSTNAME"'
grep: Unmatched ( or \(
command terminated with exit code 2
$ kubectl exec deploy/kubernetes-bootcamp -- sh -c 'env | grep -i "[[:alpha:]"'
grep: Unmatched [, [^, [:, [., or [=
command terminated with exit code 2
"#;
    check(script, expected);
}

/// `grep -m N` (`--max-count`) stops after N selected lines, printing the `-A` lines after the
/// last one as context (matching or not), as GNU grep 3.8 does; `-m 0` selects nothing (exit 1);
/// a bad count is its error (exit 2).
#[test]
fn grep_max_count_stops_after_n_lines() {
    let script = r#"kubectl create deployment web --image=nginx:1.25 --replicas=3
sleep 10
kubectl get pods | grep -m 1 web
kubectl get pods | grep -m1 -A1 -n web
kubectl get pods | grep -m 0 web; echo "status $?"
kubectl get pods | grep -m x web; echo "status $?"
kubectl get pods | grep -c --max-count=2 web
"#;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=3
deployment.apps/web created
$ sleep 10
$ kubectl get pods | grep -m 1 web
web-6766cbdd68-27qpg   1/1     Running   0          10s
$ kubectl get pods | grep -m1 -A1 -n web
2:web-6766cbdd68-27qpg   1/1     Running   0          10s
3-web-6766cbdd68-2dw4q   1/1     Running   0          10s
$ kubectl get pods | grep -m 0 web; echo "status $?"
status 1
$ kubectl get pods | grep -m x web; echo "status $?"
grep: invalid max count
status 2
$ kubectl get pods | grep -c --max-count=2 web
2
"#;
    crate::support::check(script, expected);
}
