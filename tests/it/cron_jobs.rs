//! CronJobs (batch/v1): the apiserver's defaulting and validation, the CronJob controller on the
//! virtual clock (`sleep` moves it), and kubectl's printers and generators, through kubectl
//! scripts.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The Kubernetes documentation's "Running Automated Tasks with a CronJob": the `hello` CronJob
/// makes `hello-29923201` at 00:01 (the minute since the epoch in its name, the scheduled time
/// in its annotation, a controller reference), `get jobs --watch` sees it run, its pod logs
/// the date, the status records the last schedule and success; three minutes on the fourth
/// Job's completion deletes the oldest (history limit 3, `SuccessfulDelete` before
/// `SawCompletedJob` as `sync` cleans up first), `get all` lists the CronJob, and deleting it
/// takes its Jobs and pods.
#[test]
fn the_tutorial_runs_hello_every_minute_on_the_virtual_clock() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
YAML
kubectl get cronjob hello
sleep 30
kubectl get jobs --watch
kubectl get cronjob hello
pods=$(kubectl get pods --selector=job-name=hello-29923201 --output=jsonpath={.items[*].metadata.name})
echo $pods
kubectl logs $pods
kubectl get cronjob hello -o yaml
sleep 180
kubectl get jobs
kubectl describe cronjob hello
kubectl get all
kubectl delete cronjob hello
sleep 2
kubectl get jobs,pods
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
YAML
cronjob.batch/hello created
$ kubectl get cronjob hello
NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   * * * * *   <none>     False     0        <none>          0s
$ sleep 30
$ kubectl get jobs --watch
No resources found in default namespace.
hello-29923201   Running   0/1         0s
hello-29923201   Running   0/1   0s    0s
hello-29923201   Running   0/1   2s    2s
hello-29923201   Complete   1/1   2s    2s
$ kubectl get cronjob hello
NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   * * * * *   <none>     False     0        30s             90s
$ pods=$(kubectl get pods --selector=job-name=hello-29923201 --output=jsonpath={.items[*].metadata.name})
$ echo $pods
hello-29923201-2dw4q
$ kubectl logs $pods
Mon Nov 23 00:01:02 UTC 2026
Hello from the Kubernetes cluster
$ kubectl get cronjob hello -o yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"annotations":{},"name":"hello","namespace":"default"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"command":["/bin/sh","-c","date; echo Hello from the Kubernetes cluster"],"image":"busybox:1.28","imagePullPolicy":"IfNotPresent","name":"hello"}],"restartPolicy":"OnFailure"}}}},"schedule":"* * * * *"}}
  creationTimestamp: "2026-11-23T00:00:00Z"
  generation: 1
  name: hello
  namespace: default
  resourceVersion: "67"
  uid: f16894f0-4050-4100-bbe7-26b627bfc026
spec:
  concurrencyPolicy: Allow
  failedJobsHistoryLimit: 1
  jobTemplate:
    metadata:
      creationTimestamp: null
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            name: hello
            resources: {}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
          dnsPolicy: ClusterFirst
          restartPolicy: OnFailure
          schedulerName: default-scheduler
          securityContext: {}
          terminationGracePeriodSeconds: 30
  schedule: '* * * * *'
  successfulJobsHistoryLimit: 3
  suspend: false
status:
  lastScheduleTime: "2026-11-23T00:01:00Z"
  lastSuccessfulTime: "2026-11-23T00:01:02Z"
$ sleep 180
$ kubectl get jobs
NAME             STATUS     COMPLETIONS   DURATION   AGE
hello-29923202   Complete   1/1           2s         2m30s
hello-29923203   Complete   1/1           4s         90s
hello-29923204   Complete   1/1           2s         30s
$ kubectl describe cronjob hello
Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:      busybox:1.28
    Port:       <none>
    Host Port:  <none>
    Command:
      /bin/sh
      -c
      date; echo Hello from the Kubernetes cluster
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Mon, 23 Nov 2026 00:04:00 +0000
Active Jobs:         <none>
Events:
  Type    Reason            Age    From                Message
  ----    ------            ----   ----                -------
  Normal  SuccessfulCreate  3m30s  cronjob-controller  Created job hello-29923201
  Normal  SawCompletedJob   3m28s  cronjob-controller  Saw completed job: hello-29923201, condition: Complete
  Normal  SuccessfulCreate  2m30s  cronjob-controller  Created job hello-29923202
  Normal  SawCompletedJob   2m28s  cronjob-controller  Saw completed job: hello-29923202, condition: Complete
  Normal  SuccessfulCreate  90s    cronjob-controller  Created job hello-29923203
  Normal  SawCompletedJob   86s    cronjob-controller  Saw completed job: hello-29923203, condition: Complete
  Normal  SuccessfulCreate  30s    cronjob-controller  Created job hello-29923204
  Normal  SuccessfulDelete  28s    cronjob-controller  Deleted job hello-29923201
  Normal  SawCompletedJob   28s    cronjob-controller  Saw completed job: hello-29923204, condition: Complete
$ kubectl get all
NAME                       READY   STATUS      RESTARTS   AGE
pod/hello-29923202-8rstc   0/1     Completed   0          2m30s
pod/hello-29923203-w28lf   0/1     Completed   0          90s
pod/hello-29923204-krzd8   0/1     Completed   0          30s

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   19m

NAME                  SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
cronjob.batch/hello   * * * * *   <none>     False     0        30s             4m30s

NAME                       STATUS     COMPLETIONS   DURATION   AGE
job.batch/hello-29923202   Complete   1/1           2s         2m30s
job.batch/hello-29923203   Complete   1/1           4s         90s
job.batch/hello-29923204   Complete   1/1           2s         30s
$ kubectl delete cronjob hello
cronjob.batch "hello" deleted
$ sleep 2
$ kubectl get jobs,pods
No resources found in default namespace.
"##,
    );
}

/// Concurrency policies with a Job that runs 90 s: Forbid skips 00:02 while the first runs
/// (`JobAlreadyActive`), then, without a starting deadline, starts it late when the first
/// completes, and skips 00:03 for it in turn; Replace deletes the running Job at each minute and
/// creates the next.
#[test]
fn forbid_skips_and_replace_deletes_a_job_still_running() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: slow
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: slow
            image: busybox:1.36
            command: ["sleep", "90"]
          restartPolicy: Never
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: replaced
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Replace
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: slow
            image: busybox:1.36
            command: ["sleep", "90"]
          restartPolicy: Never
YAML
sleep 150
kubectl get cronjobs
kubectl get jobs
kubectl describe cronjob slow
kubectl describe cronjob replaced
kubectl get cronjob slow -o jsonpath='{.status.active[*].name}{"\n"}{.status.lastScheduleTime}{"\n"}'
sleep 60
kubectl get jobs
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: slow
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: slow
            image: busybox:1.36
            command: ["sleep", "90"]
          restartPolicy: Never
YAML
cronjob.batch/slow created
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: replaced
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Replace
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: slow
            image: busybox:1.36
            command: ["sleep", "90"]
          restartPolicy: Never
YAML
cronjob.batch/replaced created
$ sleep 150
$ kubectl get cronjobs
NAME       SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
replaced   * * * * *   <none>     False     1        30s             2m30s
slow       * * * * *   <none>     False     1        90s             2m30s
$ kubectl get jobs
NAME                STATUS    COMPLETIONS   DURATION   AGE
replaced-29923202   Running   0/1           30s        30s
slow-29923201       Running   0/1           90s        90s
$ kubectl describe cronjob slow
Name:                          slow
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Forbid
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   slow:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sleep
      90
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Mon, 23 Nov 2026 00:01:00 +0000
Active Jobs:         slow-29923201
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  90s   cronjob-controller  Created job slow-29923201
  Normal  JobAlreadyActive  30s   cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid
$ kubectl describe cronjob replaced
Name:                          replaced
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Replace
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   slow:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sleep
      90
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Mon, 23 Nov 2026 00:02:00 +0000
Active Jobs:         replaced-29923202
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  90s   cronjob-controller  Created job replaced-29923201
  Normal  SuccessfulDelete  30s   cronjob-controller  Deleted job replaced-29923201
  Normal  SuccessfulCreate  30s   cronjob-controller  Created job replaced-29923202
$ kubectl get cronjob slow -o jsonpath='{.status.active[*].name}{"\n"}{.status.lastScheduleTime}{"\n"}'
slow-29923201
2026-11-23T00:01:00Z
$ sleep 60
$ kubectl get jobs
NAME                STATUS     COMPLETIONS   DURATION   AGE
replaced-29923203   Running    0/1           30s        30s
slow-29923201       Complete   1/1           93s        2m30s
slow-29923202       Running    0/1           57s        57s
"##,
    );
}

/// History limits: the fourth successful Job deletes the oldest, the second failed Job the
/// first failed one (defaults 3 and 1); a failed Job without completion time counts its
/// duration up.
#[test]
fn history_limits_keep_three_successful_jobs_and_one_failed() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: fails
spec:
  schedule: "*/2 * * * *"
  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        spec:
          containers:
          - name: fails
            image: busybox:1.36
            command: ["sh", "-c", "echo oops; exit 1"]
          restartPolicy: Never
YAML
kubectl create cronjob every --image=busybox:1.36 --schedule="* * * * *" -- echo hi
sleep 300
kubectl get cronjobs
kubectl get jobs
kubectl get events --field-selector involvedObject.kind=CronJob
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: fails
spec:
  schedule: "*/2 * * * *"
  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        spec:
          containers:
          - name: fails
            image: busybox:1.36
            command: ["sh", "-c", "echo oops; exit 1"]
          restartPolicy: Never
YAML
cronjob.batch/fails created
$ kubectl create cronjob every --image=busybox:1.36 --schedule="* * * * *" -- echo hi
cronjob.batch/every created
$ sleep 300
$ kubectl get cronjobs
NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
every   * * * * *     <none>     False     1        0s              5m
fails   */2 * * * *   <none>     False     0        60s             5m
$ kubectl get jobs
NAME             STATUS     COMPLETIONS   DURATION   AGE
every-29923202   Complete   1/1           2s         3m
every-29923203   Complete   1/1           2s         2m
every-29923204   Complete   1/1           4s         60s
every-29923205   Running    0/1           0s         0s
fails-29923204   Failed     0/1           60s        60s
$ kubectl get events --field-selector involvedObject.kind=CronJob
LAST SEEN   TYPE     REASON             OBJECT          MESSAGE
4m          Normal   SuccessfulCreate   cronjob/every   Created job every-29923201
3m58s       Normal   SawCompletedJob    cronjob/every   Saw completed job: every-29923201, condition: Complete
3m          Normal   SuccessfulCreate   cronjob/every   Created job every-29923202
2m58s       Normal   SawCompletedJob    cronjob/every   Saw completed job: every-29923202, condition: Complete
2m          Normal   SuccessfulCreate   cronjob/every   Created job every-29923203
118s        Normal   SawCompletedJob    cronjob/every   Saw completed job: every-29923203, condition: Complete
60s         Normal   SuccessfulCreate   cronjob/every   Created job every-29923204
56s         Normal   SuccessfulDelete   cronjob/every   Deleted job every-29923201
56s         Normal   SawCompletedJob    cronjob/every   Saw completed job: every-29923204, condition: Complete
0s          Normal   SuccessfulCreate   cronjob/every   Created job every-29923205
3m          Normal   SuccessfulCreate   cronjob/fails   Created job fails-29923202
2m58s       Normal   SawCompletedJob    cronjob/fails   Saw completed job: fails-29923202, condition: Failed
60s         Normal   SuccessfulCreate   cronjob/fails   Created job fails-29923204
56s         Normal   SuccessfulDelete   cronjob/fails   Deleted job fails-29923202
56s         Normal   SawCompletedJob    cronjob/fails   Saw completed job: fails-29923204, condition: Failed
"##,
    );
}

/// Suspended CronJobs create nothing; resumed at 00:07, the one without a deadline starts the
/// missed 00:05 at once, the one with `startingDeadlineSeconds: 30` waits for 00:10.
#[test]
fn suspend_and_starting_deadline_seconds() {
    check(
        r##"kubectl create cronjob late --image=busybox:1.36 --schedule="*/5 * * * *" -- echo late
kubectl create cronjob deadline --image=busybox:1.36 --schedule="*/5 * * * *" -- echo deadline
kubectl patch cronjob late deadline -p '{"spec":{"suspend":true}}'
kubectl patch cronjob deadline -p '{"spec":{"startingDeadlineSeconds":30}}'
sleep 420
kubectl get cronjobs
kubectl get jobs
kubectl patch cronjob late -p '{"spec":{"suspend":false}}'
kubectl patch cronjob deadline -p '{"spec":{"suspend":false}}'
kubectl get jobs
sleep 180
kubectl get jobs
kubectl describe cronjob deadline | grep -A3 "Starting Deadline\|Events"
"##,
        r##"$ kubectl create cronjob late --image=busybox:1.36 --schedule="*/5 * * * *" -- echo late
cronjob.batch/late created
$ kubectl create cronjob deadline --image=busybox:1.36 --schedule="*/5 * * * *" -- echo deadline
cronjob.batch/deadline created
$ kubectl patch cronjob late deadline -p '{"spec":{"suspend":true}}'
cronjob.batch/late patched
cronjob.batch/deadline patched
$ kubectl patch cronjob deadline -p '{"spec":{"startingDeadlineSeconds":30}}'
cronjob.batch/deadline patched
$ sleep 420
$ kubectl get cronjobs
NAME       SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
deadline   */5 * * * *   <none>     True      0        <none>          7m
late       */5 * * * *   <none>     True      0        <none>          7m
$ kubectl get jobs
No resources found in default namespace.
$ kubectl patch cronjob late -p '{"spec":{"suspend":false}}'
cronjob.batch/late patched
$ kubectl patch cronjob deadline -p '{"spec":{"suspend":false}}'
cronjob.batch/deadline patched
$ kubectl get jobs
NAME            STATUS    COMPLETIONS   DURATION   AGE
late-29923205   Running   0/1           0s         0s
$ sleep 180
$ kubectl get jobs
NAME                STATUS     COMPLETIONS   DURATION   AGE
deadline-29923210   Running    0/1           0s         0s
late-29923205       Complete   1/1           2s         3m
late-29923210       Running    0/1           0s         0s
$ kubectl describe cronjob deadline | grep -A3 "Starting Deadline\|Events"
Starting Deadline Seconds:     30s
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
--
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  0s    cronjob-controller  Created job deadline-29923210
"##,
    );
}

/// `timeZone: Asia/Seoul`: 09:01 KST is 00:01 UTC, the annotation in the zone's offset; the
/// template's labels and annotations are the Job's; a minutely CronJob suspended for more
/// than 100 minutes warns `TooManyMissedTimes` when resumed and starts the most recent.
#[test]
fn time_zones_template_metadata_and_too_many_missed_starts() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: seoul
spec:
  schedule: "1 9 * * *"
  timeZone: Asia/Seoul
  jobTemplate:
    metadata:
      labels:
        team: night
      annotations:
        note: morning
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox:1.36
            command: ["echo", "annyeong"]
          restartPolicy: OnFailure
YAML
kubectl create cronjob minutely --image=busybox:1.36 --schedule="* * * * *" -- echo hi
kubectl patch cronjob minutely -p '{"spec":{"suspend":true}}'
sleep 70
kubectl get cj -o wide
kubectl get jobs --show-labels
kubectl get job -l team=night -o jsonpath='{.items[0].metadata.annotations}'
echo
sleep 6100
kubectl patch cronjob minutely -p '{"spec":{"suspend":false}}'
kubectl get jobs -l '!team'
kubectl get events --field-selector involvedObject.name=minutely
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: seoul
spec:
  schedule: "1 9 * * *"
  timeZone: Asia/Seoul
  jobTemplate:
    metadata:
      labels:
        team: night
      annotations:
        note: morning
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox:1.36
            command: ["echo", "annyeong"]
          restartPolicy: OnFailure
YAML
cronjob.batch/seoul created
$ kubectl create cronjob minutely --image=busybox:1.36 --schedule="* * * * *" -- echo hi
cronjob.batch/minutely created
$ kubectl patch cronjob minutely -p '{"spec":{"suspend":true}}'
cronjob.batch/minutely patched
$ sleep 70
$ kubectl get cj -o wide
NAME       SCHEDULE    TIMEZONE     SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR
minutely   * * * * *   <none>       True      0        <none>          70s   minutely     busybox:1.36   <none>
seoul      1 9 * * *   Asia/Seoul   False     0        10s             70s   c            busybox:1.36   <none>
$ kubectl get jobs --show-labels
NAME             STATUS     COMPLETIONS   DURATION   AGE   LABELS
seoul-29923201   Complete   1/1           2s         10s   team=night
$ kubectl get job -l team=night -o jsonpath='{.items[0].metadata.annotations}'
{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2026-11-23T09:01:00+09:00","note":"morning"}
$ echo

$ sleep 6100
$ kubectl patch cronjob minutely -p '{"spec":{"suspend":false}}'
cronjob.batch/minutely patched
$ kubectl get jobs -l '!team'
NAME                STATUS    COMPLETIONS   DURATION   AGE
minutely-29923302   Running   0/1           0s         0s
$ kubectl get events --field-selector involvedObject.name=minutely
LAST SEEN   TYPE      REASON               OBJECT             MESSAGE
0s          Warning   TooManyMissedTimes   cronjob/minutely   too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew
0s          Normal    SuccessfulCreate     cronjob/minutely   Created job minutely-29923302
"##,
    );
}

/// ValidateCronJob's messages: robfig's parse errors, TZ in the schedule, unknown and `Local`
/// time zones, the concurrency policy, the generated selector, negative limits, the 52-character
/// name last; an impossible schedule (30 February) is accepted and warned about by the
/// controller; updates are validated again.
#[test]
fn validation_has_the_apiservers_messages() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: bad
spec:
  schedule: "*/0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: a-cron-job-name-that-is-much-too-long-for-its-jobs-names
spec:
  schedule: "TZ=Asia/Seoul 0 9 * * *"
  timeZone: Mars/Olympus
  concurrencyPolicy: Sometimes
  startingDeadlineSeconds: -5
  successfulJobsHistoryLimit: -1
  jobTemplate:
    spec:
      selector:
        matchLabels:
          app: x
      template:
        spec:
          containers:
          - name: c
            image: busybox
          restartPolicy: Never
YAML
kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nosched
spec:
  timeZone: Local
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox
          restartPolicy: Never
YAML
kubectl create cronjob x --image=busybox --schedule="@every 1d"
kubectl create cronjob x --image=busybox --schedule="60 * * * *"
kubectl create cronjob x --image=busybox --schedule="0 0 30 2 *"
kubectl get events
kubectl create cronjob y --image=busybox --schedule="@hourly"
kubectl patch cj y -p '{"spec":{"schedule":"bogus"}}'
kubectl patch cj y -p '{"spec":{"timeZone":"Europe/Nowhere"}}'
kubectl patch cj y --type=json -p '[{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/restartPolicy","value":"Always"}]'
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: bad
spec:
  schedule: "*/0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox
YAML
The CronJob "bad" is invalid: [spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0, spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"]
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: a-cron-job-name-that-is-much-too-long-for-its-jobs-names
spec:
  schedule: "TZ=Asia/Seoul 0 9 * * *"
  timeZone: Mars/Olympus
  concurrencyPolicy: Sometimes
  startingDeadlineSeconds: -5
  successfulJobsHistoryLimit: -1
  jobTemplate:
    spec:
      selector:
        matchLabels:
          app: x
      template:
        spec:
          containers:
          - name: c
            image: busybox
          restartPolicy: Never
YAML
The CronJob "a-cron-job-name-that-is-much-too-long-for-its-jobs-names" is invalid: [spec.schedule: Invalid value: "TZ=Asia/Seoul 0 9 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead, spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0, spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus, spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace", spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated, spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0, metadata.name: Invalid value: "a-cron-job-name-that-is-much-too-long-for-its-jobs-names": must be no more than 52 characters]
$ kubectl apply -f - <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nosched
spec:
  timeZone: Local
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox
          restartPolicy: Never
YAML
The CronJob "nosched" is invalid: [spec.schedule: Required value, spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones]
$ kubectl create cronjob x --image=busybox --schedule="@every 1d"
error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "@every 1d": failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"
$ kubectl create cronjob x --image=busybox --schedule="60 * * * *"
error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60
$ kubectl create cronjob x --image=busybox --schedule="0 0 30 2 *"
cronjob.batch/x created
$ kubectl get events
LAST SEEN   TYPE      REASON            OBJECT      MESSAGE
0s          Warning   InvalidSchedule   cronjob/x   invalid schedule: 0 0 30 2 * : time difference between two schedules is less than 1 second
$ kubectl create cronjob y --image=busybox --schedule="@hourly"
cronjob.batch/y created
$ kubectl patch cj y -p '{"spec":{"schedule":"bogus"}}'
The CronJob "y" is invalid: spec.schedule: Invalid value: "bogus": expected exactly 5 fields, found 1: [bogus]
$ kubectl patch cj y -p '{"spec":{"timeZone":"Europe/Nowhere"}}'
The CronJob "y" is invalid: spec.timeZone: Invalid value: "Europe/Nowhere": unknown time zone Europe/Nowhere
$ kubectl patch cj y --type=json -p '[{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/restartPolicy","value":"Always"}]'
The CronJob "y" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"
"##,
    );
}

/// `kubectl create cronjob` builds what kubectl 1.32 builds (checked with the real client's
/// `--dry-run=client -o yaml|json`), its required flags and flag errors; `create job --from`
/// copies the template with `cronjob.kubernetes.io/instantiate: manual` and a controller
/// reference (which the controller reports as `UnexpectedJob`, as a real one does); an orphan
/// deletion leaves the Job without it.
#[test]
fn create_cronjob_and_create_job_from_it() {
    check(
        r##"kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- echo hi
kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" -n dev --dry-run=client -o json -- echo hi
kubectl create cronjob hello --dry-run=client
kubectl create cj --image=busybox --schedule="* * * * *"
kubectl create cronjob hello --image=busybox --schedule="* * * * *" --replicas=2
kubectl create cronjob hello --image=busybox --schedule="@daily" --restart=Never -o name -- echo hi
kubectl create cronjob hello --image=busybox --schedule="@daily" -- echo hi
kubectl create job test --from=cronjob/hello --dry-run=client -o yaml
kubectl create job test --from=cronjob/nope
kubectl create job test --from=deployment/nope
kubectl create job test --from=nope
kubectl create job test --from=cronjob/hello
sleep 3
kubectl get jobs
kubectl logs job/test
kubectl get cronjobs
kubectl describe cronjob hello | tail -3
kubectl delete cronjob hello --cascade=orphan
kubectl get job test -o jsonpath='{.metadata.ownerReferences}{"\n"}'
"##,
        r##"$ kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- echo hi
apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: hello
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: hello
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - echo
            - hi
            image: busybox
            name: hello
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
$ kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" -n dev --dry-run=client -o json -- echo hi
{
    "kind": "CronJob",
    "apiVersion": "batch/v1",
    "metadata": {
        "name": "hello",
        "namespace": "dev",
        "creationTimestamp": null
    },
    "spec": {
        "schedule": "*/1 * * * *",
        "jobTemplate": {
            "metadata": {
                "name": "hello",
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
                                "name": "hello",
                                "image": "busybox",
                                "command": [
                                    "echo",
                                    "hi"
                                ],
                                "resources": {}
                            }
                        ],
                        "restartPolicy": "OnFailure"
                    }
                }
            }
        }
    },
    "status": {}
}
$ kubectl create cronjob hello --dry-run=client
error: required flag(s) "image", "schedule" not set
$ kubectl create cj --image=busybox --schedule="* * * * *"
error: exactly one NAME is required, got 0
See 'kubectl create cronjob -h' for help and examples
$ kubectl create cronjob hello --image=busybox --schedule="* * * * *" --replicas=2
error: unknown flag: --replicas
See 'kubectl create cronjob --help' for usage.
$ kubectl create cronjob hello --image=busybox --schedule="@daily" --restart=Never -o name -- echo hi
cronjob.batch/hello
$ kubectl create cronjob hello --image=busybox --schedule="@daily" -- echo hi
error: failed to create cronjob: cronjobs.batch "hello" already exists
$ kubectl create job test --from=cronjob/hello --dry-run=client -o yaml
apiVersion: batch/v1
kind: Job
metadata:
  annotations:
    cronjob.kubernetes.io/instantiate: manual
  creationTimestamp: null
  name: test
  ownerReferences:
  - apiVersion: batch/v1
    controller: true
    kind: CronJob
    name: hello
    uid: f16894f0-4050-4100-bbe7-26b627bfc026
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - echo
        - hi
        image: busybox
        imagePullPolicy: Always
        name: hello
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Never
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status: {}
$ kubectl create job test --from=cronjob/nope
Error from server (NotFound): cronjobs.batch "nope" not found
$ kubectl create job test --from=deployment/nope
Error from server (NotFound): deployments.apps "nope" not found
$ kubectl create job test --from=nope
error: the server doesn't have a resource type "nope"
$ kubectl create job test --from=cronjob/hello
job.batch/test created
$ sleep 3
$ kubectl get jobs
NAME   STATUS     COMPLETIONS   DURATION   AGE
test   Complete   1/1           2s         3s
$ kubectl logs job/test
hi
$ kubectl get cronjobs
NAME    SCHEDULE   TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
hello   @daily     <none>     False     0        <none>          3s
$ kubectl describe cronjob hello | tail -3
  Type     Reason         Age   From                Message
  ----     ------         ----  ----                -------
  Warning  UnexpectedJob  3s    cronjob-controller  Saw a job that the controller did not create or forgot: test
$ kubectl delete cronjob hello --cascade=orphan
cronjob.batch "hello" deleted
$ kubectl get job test -o jsonpath='{.metadata.ownerReferences}{"\n"}'

"##,
    );
}
