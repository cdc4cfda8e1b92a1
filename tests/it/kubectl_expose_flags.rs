//! `kubectl expose`'s generator flags (ServiceGeneratorV2): `--cluster-ip=None` (a headless
//! Service, which needs no port; its name resolves to the ready pods), `--external-ip`,
//! `--session-affinity` (None or ClientIP), `--load-balancer-ip` with `--type=LoadBalancer`, and
//! `--overrides`. They used to be accepted and ignored.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn expose_builds_headless_external_and_affine_services_and_takes_overrides() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl create deployment web --image=nginx:1.25 --replicas=2
kubectl expose deployment web --port=80 --cluster-ip=None --name=web-headless
kubectl expose deployment web --cluster-ip=None --name=web-noport --dry-run=client -o yaml
kubectl expose deployment web --port=80 --name=web-ext --external-ip=192.168.49.100 --session-affinity=ClientIP --type=LoadBalancer --load-balancer-ip=10.0.0.9 --dry-run=client -o json
kubectl expose deployment web --port=80 --name=web-aff --session-affinity=Sticky
kubectl expose deployment web --port=80 --name=web-np --overrides='{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}'
kubectl get svc
kubectl get endpoints web-headless
kubectl run probe --image=busybox:1.36 --restart=Never --rm -it -- nslookup web-headless
sleep 5
kubectl get endpoints web-headless
kubectl run probe2 --image=busybox:1.36 --restart=Never --rm -it -- nslookup web-headless
"#).text;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80 --cluster-ip=None --name=web-headless
service/web-headless exposed
$ kubectl expose deployment web --cluster-ip=None --name=web-noport --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web-noport
spec:
  clusterIP: None
  selector:
    app: web
status:
  loadBalancer: {}
$ kubectl expose deployment web --port=80 --name=web-ext --external-ip=192.168.49.100 --session-affinity=ClientIP --type=LoadBalancer --load-balancer-ip=10.0.0.9 --dry-run=client -o json
{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "web-ext",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "ports": [
            {
                "protocol": "TCP",
                "port": 80,
                "targetPort": 80
            }
        ],
        "selector": {
            "app": "web"
        },
        "type": "LoadBalancer",
        "externalIPs": [
            "192.168.49.100"
        ],
        "sessionAffinity": "ClientIP",
        "loadBalancerIP": "10.0.0.9"
    },
    "status": {
        "loadBalancer": {}
    }
}
$ kubectl expose deployment web --port=80 --name=web-aff --session-affinity=Sticky
error: unknown session affinity: Sticky
$ kubectl expose deployment web --port=80 --name=web-np --overrides='{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}'
service/web-np exposed
$ kubectl get svc
NAME           TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE
kubernetes     ClusterIP   10.96.0.1        <none>        443/TCP        15m
web-headless   ClusterIP   None             <none>        80/TCP         0s
web-np         NodePort    10.111.145.183   <none>        80:30080/TCP   0s
$ kubectl get endpoints web-headless
NAME           ENDPOINTS   AGE
web-headless   <none>      0s
$ kubectl run probe --image=busybox:1.36 --restart=Never --rm -it -- nslookup web-headless
Server:		10.96.0.10
Address:	10.96.0.10:53

** server can't find web-headless: NXDOMAIN

pod "probe" deleted
pod default/probe terminated (Error)
$ sleep 5
$ kubectl get endpoints web-headless
NAME           ENDPOINTS                     AGE
web-headless   10.244.1.4:80,10.244.2.3:80   9s
$ kubectl run probe2 --image=busybox:1.36 --restart=Never --rm -it -- nslookup web-headless
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	web-headless.default.svc.cluster.local
Address: 10.244.1.4
Name:	web-headless.default.svc.cluster.local
Address: 10.244.2.3

pod "probe2" deleted
"#;
    assert_eq!(transcript, expected);
}
