//! A Job's podFailurePolicy (controllers/pod_failure_policy.rs), as kubernetes.io's "Handling
//! retriable and non-retriable pod failures with Pod failure policy" runs it.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn a_fail_job_rule_fails_the_job_at_the_first_matching_exit_code() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# job-pod-failure-policy-failjob.yaml: exit 42 after 30 s fails the Job at once, not after 6 retries.
kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-failjob
spec:
  completions: 8
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 42 to simulate a software bug." && sleep 30 && exit 42
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
EOF
sleep 20
kubectl get jobs
kubectl get pods
sleep 25
kubectl get jobs
kubectl get pods
kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml | grep -A30 '^  status:'
kubectl describe job job-pod-failure-policy-failjob | tail -6
kubectl get job job-pod-failure-policy-failjob -o jsonpath='{.spec.podFailurePolicy}'
echo
kubectl delete jobs/job-pod-failure-policy-failjob
"#,
    );
    let expected = r#"$ kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-failjob
spec:
  completions: 8
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 42 to simulate a software bug." && sleep 30 && exit 42
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
EOF
job.batch/job-pod-failure-policy-failjob created
$ sleep 20
$ kubectl get jobs
NAME                             STATUS    COMPLETIONS   DURATION   AGE
job-pod-failure-policy-failjob   Running   0/8           20s        20s
$ kubectl get pods
NAME                                   READY   STATUS    RESTARTS   AGE
job-pod-failure-policy-failjob-cgcsc   1/1     Running   0          20s
job-pod-failure-policy-failjob-t9qt2   1/1     Running   0          20s
$ sleep 25
$ kubectl get jobs
NAME                             STATUS   COMPLETIONS   DURATION   AGE
job-pod-failure-policy-failjob   Failed   0/8           45s        45s
$ kubectl get pods
NAME                                   READY   STATUS   RESTARTS   AGE
job-pod-failure-policy-failjob-cgcsc   0/1     Error    0          45s
job-pod-failure-policy-failjob-t9qt2   0/1     Error    0          45s
$ kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml | grep -A30 '^  status:'
  status:
    conditions:
    - lastProbeTime: "2026-11-23T00:00:34Z"
      lastTransitionTime: "2026-11-23T00:00:34Z"
      message: Container main for pod default/job-pod-failure-policy-failjob-cgcsc
        failed with exit code 42 matching FailJob rule at index 0
      reason: PodFailurePolicy
      status: "True"
      type: FailureTarget
    - lastProbeTime: "2026-11-23T00:00:34Z"
      lastTransitionTime: "2026-11-23T00:00:34Z"
      message: Container main for pod default/job-pod-failure-policy-failjob-cgcsc
        failed with exit code 42 matching FailJob rule at index 0
      reason: PodFailurePolicy
      status: "True"
      type: Failed
    failed: 2
    ready: 0
    startTime: "2026-11-23T00:00:00Z"
    terminating: 0
    uncountedTerminatedPods: {}
kind: List
metadata:
  resourceVersion: ""
$ kubectl describe job job-pod-failure-policy-failjob | tail -6
Events:
  Type     Reason            Age   From            Message
  ----     ------            ----  ----            -------
  Normal   SuccessfulCreate  45s   job-controller  Created pod: job-pod-failure-policy-failjob-t9qt2
  Normal   SuccessfulCreate  45s   job-controller  Created pod: job-pod-failure-policy-failjob-cgcsc
  Warning  PodFailurePolicy  11s   job-controller  Container main for pod default/job-pod-failure-policy-failjob-cgcsc failed with exit code 42 matching FailJob rule at index 0
$ kubectl get job job-pod-failure-policy-failjob -o jsonpath='{.spec.podFailurePolicy}'
{"rules":[{"action":"FailJob","onExitCodes":{"containerName":"main","operator":"In","values":[42]}}]}
$ echo

$ kubectl delete jobs/job-pod-failure-policy-failjob
job.batch "job-pod-failure-policy-failjob" deleted
"#;
    assert_eq!(transcript.text, expected, "{}", transcript.text);
}

#[test]
fn an_ignore_rule_leaves_evicted_pods_uncounted_so_a_drain_does_not_fail_the_job() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# job-pod-failure-policy-ignore.yaml: backoffLimit 0, yet the pod evicted by the drain
# (DisruptionTarget) is not counted; the Job goes on and completes.
kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-ignore
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 0 (success)." && sleep 90 && exit 0
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget
EOF
sleep 10
kubectl get pods -o wide
nodeName=$(kubectl get pods -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].spec.nodeName}')
kubectl drain nodes/$nodeName --ignore-daemonsets --grace-period=0
sleep 5
kubectl get pods -o wide
kubectl get jobs -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].status.failed} failed, {.items[0].status.active} active{"\n"}'
kubectl get job job-pod-failure-policy-ignore -o jsonpath='{.spec.podFailurePolicy}'
echo
kubectl uncordon nodes/$nodeName
sleep 200
kubectl get jobs
"#,
    );
    let expected = r#"$ kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-ignore
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 0 (success)." && sleep 90 && exit 0
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget
EOF
job.batch/job-pod-failure-policy-ignore created
$ sleep 10
$ kubectl get pods -o wide
NAME                                  READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
job-pod-failure-policy-ignore-cgcsc   1/1     Running   0          10s   10.244.1.3   node-1   <none>           <none>
job-pod-failure-policy-ignore-t9qt2   1/1     Running   0          10s   10.244.2.3   node-2   <none>           <none>
$ nodeName=$(kubectl get pods -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].spec.nodeName}')
$ kubectl drain nodes/$nodeName --ignore-daemonsets --grace-period=0
node/node-1 cordoned
evicting pod default/job-pod-failure-policy-ignore-cgcsc
evicting pod kube-system/coredns-7c5bb8469f-qhl4h
pod/job-pod-failure-policy-ignore-cgcsc evicted
pod/coredns-7c5bb8469f-qhl4h evicted
node/node-1 drained
$ sleep 5
$ kubectl get pods -o wide
NAME                                  READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
job-pod-failure-policy-ignore-fvw6n   1/1     Running   0          5s    10.244.2.4   node-2   <none>           <none>
job-pod-failure-policy-ignore-t9qt2   1/1     Running   0          16s   10.244.2.3   node-2   <none>           <none>
$ kubectl get jobs -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].status.failed} failed, {.items[0].status.active} active{"\n"}'
 failed, 2 active
$ kubectl get job job-pod-failure-policy-ignore -o jsonpath='{.spec.podFailurePolicy}'
{"rules":[{"action":"Ignore","onPodConditions":[{"status":"True","type":"DisruptionTarget"}]}]}
$ echo

$ kubectl uncordon nodes/$nodeName
node/node-1 uncordoned
$ sleep 200
$ kubectl get jobs
NAME                            STATUS     COMPLETIONS   DURATION   AGE
job-pod-failure-policy-ignore   Complete   4/4           3m18s      3m36s
"#;
    assert_eq!(transcript.text, expected, "{}", transcript.text);
}

#[test]
fn a_pod_failure_policy_needs_restart_policy_never_and_known_actions() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: retry
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: main
        image: bash:5
        command: ["bash", "-c", "exit 3"]
  podFailurePolicy:
    rules:
    - action: Retry
      onExitCodes:
        operator: In
        values: [3]
EOF
kubectl get jobs
"#,
    );
    let expected = r#"$ kubectl create -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: retry
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: main
        image: bash:5
        command: ["bash", "-c", "exit 3"]
  podFailurePolicy:
    rules:
    - action: Retry
      onExitCodes:
        operator: In
        values: [3]
EOF
The Job "retry" is invalid: [spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified, spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"]
$ kubectl get jobs
No resources found in default namespace.
"#;
    assert_eq!(transcript.text, expected, "{}", transcript.text);
}
