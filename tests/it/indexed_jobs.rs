//! Indexed Jobs (`completionMode: Indexed`) through kubectl: the Job controller's completion
//! indexes (`controllers::job_indexes`), pod names, hostnames and `JOB_COMPLETION_INDEX`.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// kubernetes.io's "Indexed Job for Parallel Processing with Static Work Assignment": five
/// completions, three at a time; each pod is `indexed-job-INDEX-xxxxx` with the index as annotation,
/// label, hostname and `JOB_COMPLETION_INDEX`, its bash init container picks its word from an array
/// into an emptyDir and the worker `rev`s it; the Job counts completed indexes (`0-4`).
#[test]
fn the_indexed_job_tutorial_gives_each_pod_its_item() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
EOF
kubectl get pods -l job-name=indexed-job -L batch.kubernetes.io/job-completion-index
sleep 20
kubectl get job indexed-job
kubectl get pods -l job-name=indexed-job -L batch.kubernetes.io/job-completion-index
kubectl describe job indexed-job
kubectl logs job/indexed-job
for p in $(kubectl get pods -l job-name=indexed-job -o name); do kubectl logs $p -c worker; done
kubectl get job indexed-job -o jsonpath='{.status.completedIndexes} {.status.succeeded}'; echo
kubectl get pod -l batch.kubernetes.io/job-completion-index=3 -o jsonpath='{.items[0].spec.hostname} {.items[0].spec.containers[0].env}'; echo
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
EOF
job.batch/indexed-job created
$ kubectl get pods -l job-name=indexed-job -L batch.kubernetes.io/job-completion-index
NAME                  READY   STATUS    RESTARTS   AGE   JOB-COMPLETION-INDEX
indexed-job-0-t9qt2   0/1     Pending   0          0s    0
indexed-job-1-cgcsc   0/1     Pending   0          0s    1
indexed-job-2-jf462   0/1     Pending   0          0s    2
$ sleep 20
$ kubectl get job indexed-job
NAME          STATUS     COMPLETIONS   DURATION   AGE
indexed-job   Complete   5/5           7s         20s
$ kubectl get pods -l job-name=indexed-job -L batch.kubernetes.io/job-completion-index
NAME                  READY   STATUS      RESTARTS   AGE   JOB-COMPLETION-INDEX
indexed-job-0-t9qt2   0/1     Completed   0          20s   0
indexed-job-1-cgcsc   0/1     Completed   0          20s   1
indexed-job-2-jf462   0/1     Completed   0          20s   2
indexed-job-3-qvhbk   0/1     Completed   0          16s   3
indexed-job-4-bgk8d   0/1     Completed   0          16s   4
$ kubectl describe job indexed-job
Name:               indexed-job
Namespace:          default
Selector:           batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
Labels:             batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
                    batch.kubernetes.io/job-name=indexed-job
                    controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
                    job-name=indexed-job
Annotations:        <none>
Parallelism:        3
Completions:        5
Completion Mode:    Indexed
Suspend:            false
Backoff Limit:      6
Start Time:         Mon, 23 Nov 2026 00:00:00 +0000
Completed At:       Mon, 23 Nov 2026 00:00:07 +0000
Duration:           7s
Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed
Completed Indexes:  0-4
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
           batch.kubernetes.io/job-name=indexed-job
           controller-uid=f16894f0-4050-4100-bbe7-26b627bfc026
           job-name=indexed-job
  Init Containers:
   input:
    Image:      docker.io/library/bash
    Port:       <none>
    Host Port:  <none>
    Command:
      bash
      -c
      items=(foo bar baz qux xyz)
      echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
      
    Environment:  <none>
    Mounts:
      /input from input (rw)
  Containers:
   worker:
    Image:      docker.io/library/busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      rev
      /input/data.txt
    Environment:  <none>
    Mounts:
      /input from input (rw)
  Volumes:
   input:
    Type:          EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:        
    SizeLimit:     <unset>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  20s   job-controller  Created pod: indexed-job-0-t9qt2
  Normal  SuccessfulCreate  20s   job-controller  Created pod: indexed-job-1-cgcsc
  Normal  SuccessfulCreate  20s   job-controller  Created pod: indexed-job-2-jf462
  Normal  SuccessfulCreate  16s   job-controller  Created pod: indexed-job-3-qvhbk
  Normal  SuccessfulCreate  16s   job-controller  Created pod: indexed-job-4-bgk8d
  Normal  Completed         13s   job-controller  Job completed
$ kubectl logs job/indexed-job
Found 5 pods, using pod/indexed-job-0-t9qt2
Defaulted container "worker" out of: worker, input (init)
oof
$ for p in $(kubectl get pods -l job-name=indexed-job -o name); do kubectl logs $p -c worker; done
oof
rab
zab
xuq
zyx
$ kubectl get job indexed-job -o jsonpath='{.status.completedIndexes} {.status.succeeded}'; echo
0-4 5
$ kubectl get pod -l batch.kubernetes.io/job-completion-index=3 -o jsonpath='{.items[0].spec.hostname} {.items[0].spec.containers[0].env}'; echo
indexed-job-3 [{"name":"JOB_COMPLETION_INDEX","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.labels['batch.kubernetes.io/job-completion-index']"}}}]
"#;
    assert_eq!(transcript, expected);
}

/// An index that fails is given a new pod (same index, after the back-off); past the backoff
/// limit the Job fails, its completed indexes `0,1,3`.
#[test]
fn a_failing_index_is_retried_and_the_others_complete() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: shards
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: shard
        image: busybox:1.36
        command: ['sh', '-c', 'echo "shard $JOB_COMPLETION_INDEX on $(hostname)"; [ "$JOB_COMPLETION_INDEX" != 2 ]']
EOF
sleep 40
kubectl get job shards
kubectl get pods -l job-name=shards -L batch.kubernetes.io/job-completion-index
kubectl get job shards -o jsonpath='{.status.completedIndexes} succeeded={.status.succeeded} failed={.status.failed}'; echo
kubectl logs -l batch.kubernetes.io/job-completion-index=2 --prefix
kubectl describe job shards | grep -E 'Completed Indexes|Pods Statuses|BackoffLimitExceeded'
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: shards
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: shard
        image: busybox:1.36
        command: ['sh', '-c', 'echo "shard $JOB_COMPLETION_INDEX on $(hostname)"; [ "$JOB_COMPLETION_INDEX" != 2 ]']
EOF
job.batch/shards created
$ sleep 40
$ kubectl get job shards
NAME     STATUS   COMPLETIONS   DURATION   AGE
shards   Failed   3/4           40s        40s
$ kubectl get pods -l job-name=shards -L batch.kubernetes.io/job-completion-index
NAME             READY   STATUS      RESTARTS   AGE   JOB-COMPLETION-INDEX
shards-0-t9qt2   0/1     Completed   0          40s   0
shards-1-cgcsc   0/1     Completed   0          40s   1
shards-2-n8qvh   0/1     Error       0          25s   2
shards-2-z9lwh   0/1     Error       0          38s   2
shards-3-9pb5x   0/1     Completed   0          38s   3
$ kubectl get job shards -o jsonpath='{.status.completedIndexes} succeeded={.status.succeeded} failed={.status.failed}'; echo
0,1,3 succeeded=3 failed=2
$ kubectl logs -l batch.kubernetes.io/job-completion-index=2 --prefix
[pod/shards-2-n8qvh/shard] shard 2 on shards-2
[pod/shards-2-z9lwh/shard] shard 2 on shards-2
$ kubectl describe job shards | grep -E 'Completed Indexes|Pods Statuses|BackoffLimitExceeded'
Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 2 Failed
Completed Indexes:  0,1,3
  Warning  BackoffLimitExceeded  23s   job-controller  Job has reached the specified backoff limit
"#;
    assert_eq!(transcript, expected);
}
