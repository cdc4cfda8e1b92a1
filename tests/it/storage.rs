//! Storage: the default StorageClass, PersistentVolumeClaims and PersistentVolumes (dynamic
//! provisioning by minikube's hostPath provisioner, static binding, reclaim policies,
//! protection finalizers) and pods that mount claims, through kubectl scripts.

use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};


/// The seed lesson's PVC walk-through: a pod waiting for a missing claim (FailedScheduling), the
/// default class provisioning `pvc-<uid>` and binding it, a file touched on the volume surviving
/// the pod while one in the container's layer does not, the claim kept while a pod uses it, and
/// the Delete policy removing the volume with the claim.
#[test]
fn a_claim_is_provisioned_bound_and_keeps_its_files_across_pods() {
    check(
        r#"kubectl get storageclass
cat > pvc.yaml <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim
spec:
  accessModes:
    - ReadWriteMany
  volumeMode: Filesystem
  resources:
    requests:
      storage: 10Mi
YAML
cat > pod-pvc.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: mypod
spec:
  containers:
    - name: myfrontend
      image: nginx
      volumeMounts:
      - mountPath: "/var/www/html"
        name: mypd
  volumes:
    - name: mypd
      persistentVolumeClaim:
        claimName: myclaim
YAML
kubectl apply -f pod-pvc.yaml
sleep 1
kubectl describe pod mypod | tail -4
kubectl apply -f pvc.yaml
kubectl get pvc,pv
sleep 5
kubectl get pod mypod
kubectl exec mypod -- touch hello-world
kubectl exec mypod -- touch /var/www/html/hello-world
kubectl exec mypod -- ls /var/www/html
kubectl exec mypod -- ls /
kubectl delete pod mypod
kubectl apply -f pod-pvc.yaml
sleep 5
kubectl exec mypod -- ls /
kubectl exec mypod -- ls /var/www/html
kubectl describe pvc myclaim
kubectl describe pv
kubectl delete pvc myclaim --wait=false
kubectl get pvc
kubectl delete pod mypod
kubectl get pvc,pv
"#,
        r#"$ kubectl get storageclass
NAME                 PROVISIONER                RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE
standard (default)   k8s.io/minikube-hostpath   Delete          Immediate           false                  15m
$ cat > pvc.yaml <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim
spec:
  accessModes:
    - ReadWriteMany
  volumeMode: Filesystem
  resources:
    requests:
      storage: 10Mi
YAML
$ cat > pod-pvc.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: mypod
spec:
  containers:
    - name: myfrontend
      image: nginx
      volumeMounts:
      - mountPath: "/var/www/html"
        name: mypd
  volumes:
    - name: mypd
      persistentVolumeClaim:
        claimName: myclaim
YAML
$ kubectl apply -f pod-pvc.yaml
pod/mypod created
$ sleep 1
$ kubectl describe pod mypod | tail -4
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  1s    default-scheduler  0/2 nodes are available: persistentvolumeclaim "myclaim" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.
$ kubectl apply -f pvc.yaml
persistentvolumeclaim/myclaim created
$ kubectl get pvc,pv
NAME                            STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/myclaim   Bound    pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1   10Mi       RWX            standard       <unset>                 0s

NAME                                                        CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM             STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
persistentvolume/pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1   10Mi       RWX            Delete           Bound    default/myclaim   standard       <unset>                          0s
$ sleep 5
$ kubectl get pod mypod
NAME    READY   STATUS    RESTARTS   AGE
mypod   1/1     Running   0          6s
$ kubectl exec mypod -- touch hello-world
$ kubectl exec mypod -- touch /var/www/html/hello-world
$ kubectl exec mypod -- ls /var/www/html
hello-world
$ kubectl exec mypod -- ls /
bin
boot
dev
docker-entrypoint.d
docker-entrypoint.sh
etc
hello-world
home
lib
lib64
media
mnt
opt
proc
root
run
sbin
srv
sys
tmp
usr
var
$ kubectl delete pod mypod
pod "mypod" deleted
$ kubectl apply -f pod-pvc.yaml
pod/mypod created
$ sleep 5
$ kubectl exec mypod -- ls /
bin
boot
dev
docker-entrypoint.d
docker-entrypoint.sh
etc
home
lib
lib64
media
mnt
opt
proc
root
run
sbin
srv
sys
tmp
usr
var
$ kubectl exec mypod -- ls /var/www/html
hello-world
$ kubectl describe pvc myclaim
Name:          myclaim
Namespace:     default
StorageClass:  standard
Status:        Bound
Volume:        pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1
Labels:        <none>
Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
               volume.beta.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath
               volume.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      10Mi
Access Modes:  RWX
VolumeMode:    Filesystem
Used By:       mypod
Events:
  Type    Reason                 Age   From                                                                  Message
  ----    ------                 ----  ----                                                                  -------
  Normal  ExternalProvisioning   12s   persistentvolume-controller                                           Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.
  Normal  Provisioning           12s   k8s.io/minikube-hostpath_node-1_9b1f3c2e-4d5a-4e6f-8a7b-0c1d2e3f4a5b  External provisioner is provisioning volume for claim "default/myclaim"
  Normal  ProvisioningSucceeded  12s   k8s.io/minikube-hostpath_node-1_9b1f3c2e-4d5a-4e6f-8a7b-0c1d2e3f4a5b  Successfully provisioned volume pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1
$ kubectl describe pv
Name:            pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1
Labels:          <none>
Annotations:     hostPathProvisionerIdentity: 9b1f3c2e-4d5a-4e6f-8a7b-0c1d2e3f4a5b
                 pv.kubernetes.io/provisioned-by: k8s.io/minikube-hostpath
Finalizers:      [kubernetes.io/pv-protection]
StorageClass:    standard
Status:          Bound
Claim:           default/myclaim
Reclaim Policy:  Delete
Access Modes:    RWX
VolumeMode:      Filesystem
Capacity:        10Mi
Node Affinity:   <none>
Message:         
Source:
    Type:          HostPath (bare host directory volume)
    Path:          /tmp/hostpath-provisioner/default/myclaim
    HostPathType:  
Events:            <none>
$ kubectl delete pvc myclaim --wait=false
persistentvolumeclaim "myclaim" deleted
$ kubectl get pvc
NAME      STATUS        VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
myclaim   Terminating   pvc-978f5c65-03b1-4ce0-b656-38b907c07ab1   10Mi       RWX            standard       <unset>                 12s
$ kubectl delete pod mypod
pod "mypod" deleted
$ kubectl get pvc,pv
No resources found in default namespace.
"#,
    );
}

/// A static volume binds to a claim of the same (empty) class that fits, is Released with
/// Retain when the claim goes; a missing class and invalid objects are reported as a real
/// cluster reports them.
#[test]
fn static_volumes_bind_by_class_size_and_mode() {
    check(
        r#"kubectl describe storageclass standard
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: manual
spec:
  capacity:
    storage: 2048Mi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/manual
YAML
kubectl get pv manual
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: static
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
YAML
kubectl get pv,pvc -o wide
kubectl delete pvc static
kubectl get pv manual
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nowhere
spec:
  storageClassName: nope
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
YAML
kubectl describe pvc nowhere
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: bad
spec:
  resources:
    requests:
      storage: 1Gi
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: bad
spec:
  accessModes: [ReadWriteOnce]
YAML
"#,
        r#"$ kubectl describe storageclass standard
Name:                  standard
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           k8s.io/minikube-hostpath
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     Immediate
Events:                <none>
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: manual
spec:
  capacity:
    storage: 2048Mi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/manual
YAML
persistentvolume/manual created
$ kubectl get pv manual
NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
manual   2Gi        RWO            Retain           Available                          <unset>                          0s
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: static
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
YAML
persistentvolumeclaim/static created
$ kubectl get pv,pvc -o wide
NAME                      CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE
persistentvolume/manual   2Gi        RWO            Retain           Bound    default/static                  <unset>                          0s    Filesystem

NAME                           STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE
persistentvolumeclaim/static   Bound    manual   2Gi        RWO                           <unset>                 0s    Filesystem
$ kubectl delete pvc static
persistentvolumeclaim "static" deleted
$ kubectl get pv manual
NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS     CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
manual   2Gi        RWO            Retain           Released   default/static                  <unset>                          0s
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nowhere
spec:
  storageClassName: nope
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
YAML
persistentvolumeclaim/nowhere created
$ kubectl describe pvc nowhere
Name:          nowhere
Namespace:     default
StorageClass:  nope
Status:        Pending
Volume:        
Labels:        <none>
Annotations:   <none>
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      
Access Modes:  
VolumeMode:    Filesystem
Used By:       <none>
Events:
  Type     Reason              Age   From                         Message
  ----     ------              ----  ----                         -------
  Warning  ProvisioningFailed  0s    persistentvolume-controller  storageclass.storage.k8s.io "nope" not found
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: bad
spec:
  resources:
    requests:
      storage: 1Gi
YAML
The PersistentVolumeClaim "bad" is invalid: spec.accessModes: Required value: at least 1 access mode is required
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: bad
spec:
  accessModes: [ReadWriteOnce]
YAML
The PersistentVolume "bad" is invalid: [spec.capacity: Required value, spec: Required value: must specify a volume type]
"#,
    );
}

/// A class whose provisioner does not run here: the claim waits (ExternalProvisioning), and a pod
/// that mounts it stays Pending with the VolumeBinding plugin's reason, as on a real cluster.
#[test]
fn a_pod_waits_for_an_unbound_immediate_claim() {
    let mut sim = Sim::new(11, Timing::realistic());
    let class = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: remote\nprovisioner: example.com/nfs\n";
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", class).stdout, "storageclass.storage.k8s.io/remote created\n");
    let claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: remote\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n";
    sim.kubectl_stdin("kubectl apply -f -", claim);
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, '3600']\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n";
    sim.kubectl_stdin("kubectl apply -f -", pod);
    sim.run_for(3);
    assert_eq!(sim.kubectl("kubectl get pvc data -o jsonpath={.status.phase}").stdout, "Pending");
    let events = sim.kubectl("kubectl get events -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers").stdout;
    assert!(events.contains("ExternalProvisioning   Waiting for a volume to be created either by the external provisioner 'example.com/nfs'"), "{events}");
    assert!(events.contains("FailedScheduling       0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."), "{events}");
    assert_eq!(sim.kubectl("kubectl get pod app -o jsonpath={.status.phase}").stdout, "Pending");
}
