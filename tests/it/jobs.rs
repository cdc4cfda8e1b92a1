//! Jobs (batch/v1): the apiserver's defaulting and validation, the Job controller, the kubelet
//! running containers to completion, and kubectl's printers, through kubectl scripts.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = sim().script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The Kubernetes documentation's Job (the seed article's job.yaml): one pod runs perl to
/// completion; the Job goes Running → Complete with SuccessCriteriaMet then Complete (1.32), its
/// pod keeps no tracking finalizer, `get all` lists it, and deleting it deletes the pod.
#[test]
fn a_job_runs_its_pod_to_completion_and_is_deleted_with_it() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
YAML
kubectl get jobs
sleep 1
kubectl get pods
sleep 4
kubectl get jobs,pods
kubectl describe job pi
kubectl get job pi -o jsonpath='{.metadata.labels.job-name} {.spec.completions}/{.spec.parallelism} {.spec.backoffLimit} {.spec.completionMode} {.spec.podReplacementPolicy} {.spec.manualSelector} {.spec.suspend}{"\n"}'
kubectl get job pi -o jsonpath='{range .status.conditions[*]}{.type}={.reason}: {.message}{"\n"}{end}'
kubectl get pod -l job-name=pi -o jsonpath='{.items[0].metadata.ownerReferences[0].kind} {.items[0].metadata.finalizers} {.items[0].status.phase} {.items[0].status.containerStatuses[0].state.terminated.reason}{"\n"}'
kubectl get all
kubectl delete job pi
sleep 1
kubectl get pods
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
YAML
job.batch/pi created
$ kubectl get jobs
NAME   STATUS    COMPLETIONS   DURATION   AGE
pi     Running   0/1           0s         0s
$ sleep 1
$ kubectl get pods
NAME       READY   STATUS              RESTARTS   AGE
pi-t9qt2   0/1     ContainerCreating   0          1s
$ sleep 4
$ kubectl get jobs,pods
NAME           STATUS     COMPLETIONS   DURATION   AGE
job.batch/pi   Complete   1/1           4s         5s

NAME           READY   STATUS      RESTARTS   AGE
pod/pi-t9qt2   0/1     Completed   0          5s
$ kubectl describe job pi
Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
Labels:           batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
                  batch.kubernetes.io/job-name=pi
                  controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
                  job-name=pi
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    4
Start Time:       Mon, 23 Nov 2026 00:00:00 +0000
Completed At:     Mon, 23 Nov 2026 00:00:04 +0000
Duration:         4s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
           batch.kubernetes.io/job-name=pi
           controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
           job-name=pi
  Containers:
   pi:
    Image:      perl:5.34.0
    Port:       <none>
    Host Port:  <none>
    Command:
      perl
      -Mbignum=bpi
      -wle
      print bpi(2000)
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  5s    job-controller  Created pod: pi-t9qt2
  Normal  Completed         1s    job-controller  Job completed
$ kubectl get job pi -o jsonpath='{.metadata.labels.job-name} {.spec.completions}/{.spec.parallelism} {.spec.backoffLimit} {.spec.completionMode} {.spec.podReplacementPolicy} {.spec.manualSelector} {.spec.suspend}{"\n"}'
pi 1/1 4 NonIndexed TerminatingOrFailed false false
$ kubectl get job pi -o jsonpath='{range .status.conditions[*]}{.type}={.reason}: {.message}{"\n"}{end}'
SuccessCriteriaMet=CompletionsReached: Reached expected number of succeeded pods
Complete=CompletionsReached: Reached expected number of succeeded pods
$ kubectl get pod -l job-name=pi -o jsonpath='{.items[0].metadata.ownerReferences[0].kind} {.items[0].metadata.finalizers} {.items[0].status.phase} {.items[0].status.containerStatuses[0].state.terminated.reason}{"\n"}'
Job  Succeeded Completed
$ kubectl get all
NAME           READY   STATUS      RESTARTS   AGE
pod/pi-t9qt2   0/1     Completed   0          5s

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   15m

NAME           STATUS     COMPLETIONS   DURATION   AGE
job.batch/pi   Complete   1/1           4s         5s
$ kubectl delete job pi
job.batch "pi" deleted
$ sleep 1
$ kubectl get pods
No resources found in default namespace.
"#,
    );
}

/// backoffLimit 1: two failed pods (the second after the 10 s back-off), then FailureTarget and
/// Failed with BackoffLimitExceeded, and the Warning event.
#[test]
fn a_failing_job_stops_at_its_backoff_limit() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "echo oops; exit 3"]
YAML
sleep 30
kubectl get job fail
kubectl get pods
kubectl get events --field-selector involvedObject.kind=Job
kubectl get job fail -o jsonpath='{range .status.conditions[*]}{.type}={.reason}: {.message}{"\n"}{end}'
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "echo oops; exit 3"]
YAML
job.batch/fail created
$ sleep 30
$ kubectl get job fail
NAME   STATUS   COMPLETIONS   DURATION   AGE
fail   Failed   0/1           30s        30s
$ kubectl get pods
NAME         READY   STATUS   RESTARTS   AGE
fail-b4mjf   0/1     Error    0          18s
fail-t9qt2   0/1     Error    0          30s
$ kubectl get events --field-selector involvedObject.kind=Job
LAST SEEN   TYPE      REASON                 OBJECT     MESSAGE
30s         Normal    SuccessfulCreate       job/fail   Created pod: fail-t9qt2
18s         Normal    SuccessfulCreate       job/fail   Created pod: fail-b4mjf
16s         Warning   BackoffLimitExceeded   job/fail   Job has reached the specified backoff limit
$ kubectl get job fail -o jsonpath='{range .status.conditions[*]}{.type}={.reason}: {.message}{"\n"}{end}'
FailureTarget=BackoffLimitExceeded: Job has reached the specified backoff limit
Failed=BackoffLimitExceeded: Job has reached the specified backoff limit
"#,
    );
}

/// completions 3, parallelism 2: two pods at once, the third when one has succeeded.
#[test]
fn completions_and_parallelism_bound_the_running_pods() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: par
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3"]
YAML
sleep 2
kubectl get job par -o wide
kubectl get pods -l job-name=par
sleep 11
kubectl get job par
kubectl get pods -l job-name=par
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: par
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3"]
YAML
job.batch/par created
$ sleep 2
$ kubectl get job par -o wide
NAME   STATUS    COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES         SELECTOR
par    Running   0/3           2s         2s    c            busybox:1.36   batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
$ kubectl get pods -l job-name=par
NAME        READY   STATUS    RESTARTS   AGE
par-cgcsc   1/1     Running   0          2s
par-t9qt2   1/1     Running   0          2s
$ sleep 11
$ kubectl get job par
NAME   STATUS     COMPLETIONS   DURATION   AGE
par    Complete   3/3           13s        13s
$ kubectl get pods -l job-name=par
NAME        READY   STATUS      RESTARTS   AGE
par-cgcsc   0/1     Completed   0          13s
par-t9qt2   0/1     Completed   0          13s
par-z9lwh   0/1     Completed   0          7s
"#,
    );
}

/// restartPolicy must be OnFailure or Never; a selector without manualSelector is refused;
/// negative counts are invalid. Discovery and the list path serve jobs.
#[test]
fn the_apiserver_validates_jobs_as_a_real_one() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: always
spec:
  template:
    spec:
      containers:
      - name: c
        image: busybox:1.36
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: picked
spec:
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: neg
spec:
  parallelism: -1
  backoffLimit: -2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
YAML
kubectl get jobs
kubectl api-resources --api-group=batch
kubectl get --raw /apis/batch/v1/jobs
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: always
spec:
  template:
    spec:
      containers:
      - name: c
        image: busybox:1.36
YAML
The Job "always" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: picked
spec:
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
YAML
The Job "picked" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"e74fbdd8-597b-4354-af9a-cacebc8725ba"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: neg
spec:
  parallelism: -1
  backoffLimit: -2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
YAML
The Job "neg" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0]
$ kubectl get jobs
No resources found in default namespace.
$ kubectl api-resources --api-group=batch
NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND
cronjobs   cj           batch/v1     true         CronJob
jobs                    batch/v1     true         Job
$ kubectl get --raw /apis/batch/v1/jobs
{"kind":"JobList","apiVersion":"batch/v1","metadata":{"resourceVersion":"46"},"items":[]}
"#,
    );
}

/// `kubectl logs job/pi` prints what `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints: π to
/// 2000 significant digits on one line.
#[test]
fn the_pi_job_logs_two_thousand_digits_of_pi() {
    let mut sim = sim();
    sim.kubectl_stdin("kubectl apply -f -", &crate::support::fixture("seeds/05-kube-api-and-deployment/job.yaml"));
    sim.run_for(10);
    let logs = sim.kubectl("kubectl logs job/pi");
    assert_eq!(logs.exit_code, 0, "{}", logs.combined);
    let line = logs.stdout.strip_suffix('\n').expect("one line");
    assert_eq!(line.len(), 2001);
    assert!(line.starts_with("3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679"), "{line}");
    // The last digits, checked against an independent computation (Machin's formula in Python's
    // integers, rounded at the 2000th digit).
    assert!(line.ends_with("4780275901"), "{line}");
}

/// `kubectl create job`: the object kubectl 1.32.5 builds (`--dry-run=client -o yaml|json|name`,
/// compared byte for byte with the real client), its flag errors, and a created Job running its
/// command.
#[test]
fn create_job_builds_what_kubectl_builds() {
    check(
        r#"kubectl create job pi --image=perl:5.34.0 --dry-run=client -o yaml -- perl -Mbignum=bpi -wle 'print bpi(2000)'
kubectl create job x --image=busybox -n dev --dry-run=client -o json
kubectl create job x --dry-run=client -o yaml
kubectl create job x --image=busybox --from=cronjob/y
kubectl create job x --from=cronjob/y -- echo hi
kubectl create job x y --image=b --dry-run=client
kubectl create job x --image=busybox --dry-run=client
kubectl create job x --image=busybox --dry-run=client -o name
kubectl create job hello --image=busybox:1.36 -- echo hello
kubectl create job hello --image=busybox:1.36 -- echo hello
sleep 5
kubectl get job hello
kubectl logs job/hello
"#,
        r#"$ kubectl create job pi --image=perl:5.34.0 --dry-run=client -o yaml -- perl -Mbignum=bpi -wle 'print bpi(2000)'
apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: pi
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - perl
        - -Mbignum=bpi
        - -wle
        - print bpi(2000)
        image: perl:5.34.0
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
$ kubectl create job x --image=busybox -n dev --dry-run=client -o json
{
    "kind": "Job",
    "apiVersion": "batch/v1",
    "metadata": {
        "name": "x",
        "namespace": "dev",
        "creationTimestamp": null
    },
    "spec": {
        "template": {
            "metadata": {
                "creationTimestamp": null
            },
            "spec": {
                "containers": [
                    {
                        "name": "x",
                        "image": "busybox",
                        "resources": {}
                    }
                ],
                "restartPolicy": "Never"
            }
        }
    },
    "status": {}
}
$ kubectl create job x --dry-run=client -o yaml
error: either --image or --from must be specified
$ kubectl create job x --image=busybox --from=cronjob/y
error: either --image or --from must be specified
$ kubectl create job x --from=cronjob/y -- echo hi
error: cannot specify --from and command
$ kubectl create job x y --image=b --dry-run=client
error: exactly one NAME is required, got 2
See 'kubectl create job -h' for help and examples
$ kubectl create job x --image=busybox --dry-run=client
job.batch/x created (dry run)
$ kubectl create job x --image=busybox --dry-run=client -o name
job.batch/x
$ kubectl create job hello --image=busybox:1.36 -- echo hello
job.batch/hello created
$ kubectl create job hello --image=busybox:1.36 -- echo hello
error: failed to create job: jobs.batch "hello" already exists
$ sleep 5
$ kubectl get job hello
NAME    STATUS     COMPLETIONS   DURATION   AGE
hello   Complete   1/1           2s         5s
$ kubectl logs job/hello
hello
"#,
    );
}

/// activeDeadlineSeconds fails a Job that runs too long (FailureTarget while its `sleep` pod,
/// which ignores SIGTERM, is given its 30 s grace period; Failed and the DeadlineExceeded event
/// once it is gone); ttlSecondsAfterFinished deletes a finished Job (the TTL-after-finished
/// controller); suspend deletes the running pods (Suspended, `Job suspended`) and resuming starts
/// again (`Job resumed`).
#[test]
fn deadlines_time_to_live_and_suspension() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: slow
spec:
  activeDeadlineSeconds: 10
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sleep", "60"]
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: brief
spec:
  ttlSecondsAfterFinished: 5
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["echo", "done"]
YAML
kubectl create job later --image=busybox:1.36 -- echo later
kubectl patch job later -p '{"spec":{"suspend":true}}'
sleep 4
kubectl get jobs
kubectl get pods
sleep 8
kubectl get jobs
kubectl get pods
kubectl describe job slow | tail -6
kubectl patch job later -p '{"spec":{"suspend":false}}'
sleep 4
kubectl get jobs
kubectl get events --field-selector involvedObject.kind=Job
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: slow
spec:
  activeDeadlineSeconds: 10
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sleep", "60"]
YAML
job.batch/slow created
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: brief
spec:
  ttlSecondsAfterFinished: 5
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["echo", "done"]
YAML
job.batch/brief created
$ kubectl create job later --image=busybox:1.36 -- echo later
job.batch/later created
$ kubectl patch job later -p '{"spec":{"suspend":true}}'
job.batch/later patched
$ sleep 4
$ kubectl get jobs
NAME    STATUS      COMPLETIONS   DURATION   AGE
brief   Complete    1/1           2s         4s
later   Suspended   0/1           4s         4s
slow    Running     0/1           4s         4s
$ kubectl get pods
NAME          READY   STATUS      RESTARTS   AGE
brief-bv4x4   0/1     Completed   0          4s
slow-t9qt2    1/1     Running     0          4s
$ sleep 8
$ kubectl get jobs
NAME    STATUS          COMPLETIONS   DURATION   AGE
later   Suspended       0/1           12s        12s
slow    FailureTarget   0/1           12s        12s
$ kubectl get pods
NAME         READY   STATUS        RESTARTS   AGE
slow-t9qt2   1/1     Terminating   0          12s
$ kubectl describe job slow | tail -6
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  12s   job-controller  Created pod: slow-t9qt2
$ kubectl patch job later -p '{"spec":{"suspend":false}}'
job.batch/later patched
$ sleep 4
$ kubectl get jobs
NAME    STATUS          COMPLETIONS   DURATION   AGE
later   Complete        1/1           2s         16s
slow    FailureTarget   0/1           16s        16s
$ kubectl get events --field-selector involvedObject.kind=Job
LAST SEEN   TYPE     REASON             OBJECT      MESSAGE
16s         Normal   SuccessfulCreate   job/brief   Created pod: brief-bv4x4
14s         Normal   Completed          job/brief   Job completed
16s         Normal   SuccessfulCreate   job/later   Created pod: later-8rstc
16s         Normal   Suspended          job/later   Job suspended
4s          Normal   SuccessfulCreate   job/later   Created pod: later-w6n9r
4s          Normal   Resumed            job/later   Job resumed
2s          Normal   Completed          job/later   Job completed
16s         Normal   SuccessfulCreate   job/slow    Created pod: slow-t9qt2
"#,
    );
}

/// Values a learner may type that the engine must survive: a parallelism beyond what a browser
/// holds is refused (kubeplay's limit, as for ReplicaSets), a negative TTL as the apiserver
/// refuses it, and a deadline at the end of time is only a far-away sync.
#[test]
fn extreme_job_values_are_refused_or_survived() {
    let job = |spec: &str| format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: edge\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {{name: c, image: busybox, command: [sh, -c, 'exit 0']}}\n");
    let mut sim = sim();
    let huge = sim.kubectl_stdin("kubectl apply -f -", &job("  parallelism: 2147483647\n"));
    assert_eq!(huge.stderr, "The Job \"edge\" is invalid: spec.parallelism: Invalid value: 2147483647: must be less than or equal to 200000 in kubeplay\n");
    let ttl = sim.kubectl_stdin("kubectl apply -f -", &job("  ttlSecondsAfterFinished: -1\n"));
    assert_eq!(ttl.stderr, "The Job \"edge\" is invalid: spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0\n");
    let far = sim.kubectl_stdin("kubectl apply -f -", &job("  activeDeadlineSeconds: 9223372036854775807\n  completions: 2147483647\n  parallelism: 3\n"));
    assert_eq!(far.stdout, "job.batch/edge created\n");
    sim.run_for(4);
    assert_eq!(sim.kubectl("kubectl get job edge -o jsonpath={.status.active}").stdout, "3");
}
