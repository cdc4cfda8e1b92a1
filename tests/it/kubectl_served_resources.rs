//! What `kubectl api-resources` lists, `kubectl get` answers: `componentstatuses` as the API
//! server builds it on each request, and the served resources kubeplay does not store with a
//! message that says so (and lists what it does store) instead of "doesn't have a resource type".

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn component_statuses_and_served_resources_kubeplay_does_not_store() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl get cs
kubectl get componentstatuses scheduler -o yaml
kubectl get cs -o name
kubectl get cs etcd-0 nope
kubectl get cs -l app=x
kubectl get cs -o jsonpath='{.items[*].metadata.name}' ; echo
kubectl get cs --sort-by=.metadata.name --show-labels
kubectl get cs -w
kubectl delete cs scheduler
kubectl api-resources | grep -E "^(componentstatuses|apiservices|leases) "
kubectl get apiservices
kubectl get leases.coordination.k8s.io -n kube-system
kubectl get hpa
kubectl get foo
"#).text;
    let expected = r#"$ kubectl get cs
Warning: v1 ComponentStatus is deprecated in v1.19+
NAME                 STATUS    MESSAGE   ERROR
controller-manager   Healthy   ok        
scheduler            Healthy   ok        
etcd-0               Healthy   ok        
$ kubectl get componentstatuses scheduler -o yaml
Warning: v1 ComponentStatus is deprecated in v1.19+
apiVersion: v1
conditions:
- message: ok
  status: "True"
  type: Healthy
kind: ComponentStatus
metadata:
  creationTimestamp: null
  name: scheduler
$ kubectl get cs -o name
Warning: v1 ComponentStatus is deprecated in v1.19+
componentstatus/controller-manager
componentstatus/scheduler
componentstatus/etcd-0
$ kubectl get cs etcd-0 nope
Warning: v1 ComponentStatus is deprecated in v1.19+
NAME     STATUS    MESSAGE   ERROR
etcd-0   Healthy   ok        
Error from server (NotFound): componentstatus "nope" not found
$ kubectl get cs -l app=x
Warning: v1 ComponentStatus is deprecated in v1.19+
No resources found
$ kubectl get cs -o jsonpath='{.items[*].metadata.name}' ; echo
Warning: v1 ComponentStatus is deprecated in v1.19+
controller-manager scheduler etcd-0
$ kubectl get cs --sort-by=.metadata.name --show-labels
Warning: v1 ComponentStatus is deprecated in v1.19+
NAME                 STATUS    MESSAGE   ERROR   LABELS
controller-manager   Healthy   ok                <none>
etcd-0               Healthy   ok                <none>
scheduler            Healthy   ok                <none>
$ kubectl get cs -w
Warning: v1 ComponentStatus is deprecated in v1.19+
NAME                 STATUS    MESSAGE   ERROR
controller-manager   Healthy   ok        
scheduler            Healthy   ok        
etcd-0               Healthy   ok        
Error from server (MethodNotAllowed): the server does not allow this method on the requested resource
$ kubectl delete cs scheduler
error: kubeplay answers "cs" (componentstatuses) only with kubectl get: the API server builds them for each request and serves nothing else
$ kubectl api-resources | grep -E "^(componentstatuses|apiservices|leases) "
componentstatuses                   cs           v1                                false        ComponentStatus
apiservices                                      apiregistration.k8s.io/v1         false        APIService
leases                                           coordination.k8s.io/v1            true         Lease
$ kubectl get apiservices
error: kubeplay does not simulate "apiservices" yet (it has pods, deployments, replicasets, services, endpoints, configmaps, secrets, namespaces, nodes, events, jobs, persistentvolumeclaims, persistentvolumes, storageclasses, ingresses, ingressclasses, serviceaccounts, daemonsets, statefulsets, replicationcontrollers, networkpolicies, limitranges, resourcequotas, cronjobs, roles, clusterroles, rolebindings, clusterrolebindings, poddisruptionbudgets and horizontalpodautoscalers)
$ kubectl get leases.coordination.k8s.io -n kube-system
error: kubeplay does not simulate "leases.coordination.k8s.io" yet (it has pods, deployments, replicasets, services, endpoints, configmaps, secrets, namespaces, nodes, events, jobs, persistentvolumeclaims, persistentvolumes, storageclasses, ingresses, ingressclasses, serviceaccounts, daemonsets, statefulsets, replicationcontrollers, networkpolicies, limitranges, resourcequotas, cronjobs, roles, clusterroles, rolebindings, clusterrolebindings, poddisruptionbudgets and horizontalpodautoscalers)
$ kubectl get hpa
No resources found in default namespace.
$ kubectl get foo
error: the server doesn't have a resource type "foo"
"#;
    assert_eq!(transcript, expected);
}
