//! NetworkPolicies (networking.k8s.io/v1): defaulting, validation, printers, and their
//! enforcement on the simulated pod network (curl and wget from pods), through kubectl scripts.

use crate::support::check;

/// kubernetes.io's "Declare Network Policy" tutorial: busybox 1.28 reaches nginx, the
/// `access-nginx` policy isolates nginx for ingress so wget's one-second timeout fires
/// ("download timed out", or the kernel's "Connection timed out" without --timeout), a pod
/// labelled `access=true` gets through; `--spider` prints no body; the policy as get, -o yaml
/// (policyTypes defaulted to Ingress) and describe show it; deleting it opens nginx again.
#[test]
fn the_declare_network_policy_tutorial_runs_end_to_end() {
    check(
        r#"kubectl create deployment nginx --image=nginx
kubectl expose deployment nginx --port=80
kubectl rollout status deployment/nginx
kubectl get svc,pod
kubectl run busybox --rm -ti --image=busybox:1.28 -- /bin/sh
wget --spider --timeout=1 nginx
exit
cat > nginx-policy.yaml <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: access-nginx
spec:
  podSelector:
    matchLabels:
      app: nginx
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
YAML
kubectl apply -f nginx-policy.yaml
kubectl run busybox --rm -ti --image=busybox:1.28 -- /bin/sh
wget --spider --timeout=1 nginx
wget --spider nginx
exit
kubectl run busybox --rm -ti --labels="access=true" --image=busybox:1.28 -- /bin/sh
wget --spider --timeout=1 nginx
exit
kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never -- wget --spider --timeout=1 nginx
echo "status $?"
kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never --labels=access=true -- wget --spider --timeout=1 nginx
echo "status $?"
kubectl get netpol
kubectl get networkpolicy access-nginx -o yaml
kubectl describe netpol access-nginx
kubectl delete -f nginx-policy.yaml
kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never -- wget --spider --timeout=1 nginx
"#,
        r#"$ kubectl create deployment nginx --image=nginx
deployment.apps/nginx created
$ kubectl expose deployment nginx --port=80
service/nginx exposed
$ kubectl rollout status deployment/nginx
Waiting for deployment "nginx" rollout to finish: 0 of 1 updated replicas are available...
deployment "nginx" successfully rolled out
$ kubectl get svc,pod
NAME                 TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1        <none>        443/TCP   15m
service/nginx        ClusterIP   10.108.232.182   <none>        80/TCP    4s

NAME                         READY   STATUS    RESTARTS   AGE
pod/nginx-76f77dbcc8-2dw4q   1/1     Running   0          4s
$ kubectl run busybox --rm -ti --image=busybox:1.28 -- /bin/sh
If you don't see a command prompt, try pressing enter.
/ # wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
remote file exists
/ # exit
pod "busybox" deleted
$ cat > nginx-policy.yaml <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: access-nginx
spec:
  podSelector:
    matchLabels:
      app: nginx
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
YAML
$ kubectl apply -f nginx-policy.yaml
networkpolicy.networking.k8s.io/access-nginx created
$ kubectl run busybox --rm -ti --image=busybox:1.28 -- /bin/sh
If you don't see a command prompt, try pressing enter.
/ # wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
wget: download timed out
/ # wget --spider nginx
Connecting to nginx (10.108.232.182:80)
wget: can't connect to remote host (10.108.232.182): Connection timed out
/ # exit
pod "busybox" deleted
$ kubectl run busybox --rm -ti --labels="access=true" --image=busybox:1.28 -- /bin/sh
If you don't see a command prompt, try pressing enter.
/ # wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
remote file exists
/ # exit
pod "busybox" deleted
$ kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never -- wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
wget: download timed out
pod "busybox" deleted
pod default/busybox terminated (Error)
$ echo "status $?"
status 1
$ kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never --labels=access=true -- wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
remote file exists
pod "busybox" deleted
$ echo "status $?"
status 0
$ kubectl get netpol
NAME           POD-SELECTOR   AGE
access-nginx   app=nginx      21s
$ kubectl get networkpolicy access-nginx -o yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"access-nginx","namespace":"default"},"spec":{"ingress":[{"from":[{"podSelector":{"matchLabels":{"access":"true"}}}]}],"podSelector":{"matchLabels":{"app":"nginx"}}}}
  creationTimestamp: "2026-11-23T00:00:09Z"
  generation: 1
  name: access-nginx
  namespace: default
  resourceVersion: "81"
  uid: 997898e7-2142-4dde-845a-b43d374ae4a4
spec:
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
  podSelector:
    matchLabels:
      app: nginx
  policyTypes:
  - Ingress
$ kubectl describe netpol access-nginx
Name:         access-nginx
Namespace:    default
Created on:   2026-11-23 00:00:09 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     app=nginx
  Allowing ingress traffic:
    To Port: <any> (traffic allowed to all ports)
    From:
      PodSelector: access=true
  Not affecting egress traffic
  Policy Types: Ingress
$ kubectl delete -f nginx-policy.yaml
networkpolicy.networking.k8s.io "access-nginx" deleted
$ kubectl run busybox --rm -i --image=busybox:1.28 --restart=Never -- wget --spider --timeout=1 nginx
Connecting to nginx (10.108.232.182:80)
remote file exists
pod "busybox" deleted
"#,
    );
}

/// A peer with both a namespaceSelector and a podSelector selects the pods matching both; the
/// port is the db container's named port `http` (80), reached through a Service on 8080. curl
/// times out as curl 8.5 does (with -m, and after the kernel's SYN retries without it); labelling
/// the namespace lets its pod in; the kubelet's readiness probe comes from the node and is never
/// blocked.
#[test]
fn namespace_and_pod_selectors_with_a_named_port_allow_one_namespace() {
    check(
        r#"kubectl create namespace shop
kubectl label namespace shop team=blue
kubectl create namespace lab
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    app: db
spec:
  containers:
  - name: web
    image: nginx:1.25
    ports:
    - name: http
      containerPort: 80
    readinessProbe:
      httpGet:
        path: /
        port: http
YAML
kubectl expose pod db --port=8080 --target-port=http
kubectl run api -n shop --image=busybox:1.36 --labels=app=api -- sleep 3600
kubectl run api -n lab --image=busybox:1.36 --labels=app=api -- sleep 3600
kubectl run cli --image=curlimages/curl:8.5.0 --labels=app=api -- sleep 3600
sleep 5
kubectl get pods -A -l app -o wide
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-blue-api
spec:
  podSelector:
    matchLabels:
      app: db
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: blue
      podSelector:
        matchLabels:
          app: api
    ports:
    - port: http
YAML
kubectl describe netpol db-from-blue-api
kubectl exec -n shop api -- wget -qO- -T 2 db.default:8080 | grep title
kubectl exec -n lab api -- wget -qO- -T 2 db.default:8080
kubectl exec cli -- curl -sS -m 3 db:8080
kubectl exec cli -- curl -sS db:8080
kubectl label namespace lab team=blue
kubectl exec -n lab api -- wget -q -O - http://db.default:8080/ | grep title
sleep 30
kubectl get pod db
kubectl get events --field-selector involvedObject.name=db,type=Warning
"#,
        r#"$ kubectl create namespace shop
namespace/shop created
$ kubectl label namespace shop team=blue
namespace/shop labeled
$ kubectl create namespace lab
namespace/lab created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    app: db
spec:
  containers:
  - name: web
    image: nginx:1.25
    ports:
    - name: http
      containerPort: 80
    readinessProbe:
      httpGet:
        path: /
        port: http
YAML
pod/db created
$ kubectl expose pod db --port=8080 --target-port=http
service/db exposed
$ kubectl run api -n shop --image=busybox:1.36 --labels=app=api -- sleep 3600
pod/api created
$ kubectl run api -n lab --image=busybox:1.36 --labels=app=api -- sleep 3600
pod/api created
$ kubectl run cli --image=curlimages/curl:8.5.0 --labels=app=api -- sleep 3600
pod/cli created
$ sleep 5
$ kubectl get pods -A -l app -o wide
NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
default     cli    1/1     Running   0          5s    10.244.2.3   node-2   <none>           <none>
default     db     1/1     Running   0          5s    10.244.2.4   node-2   <none>           <none>
lab         api    1/1     Running   0          5s    10.244.1.3   node-1   <none>           <none>
shop        api    1/1     Running   0          5s    10.244.1.4   node-1   <none>           <none>
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-blue-api
spec:
  podSelector:
    matchLabels:
      app: db
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: blue
      podSelector:
        matchLabels:
          app: api
    ports:
    - port: http
YAML
networkpolicy.networking.k8s.io/db-from-blue-api created
$ kubectl describe netpol db-from-blue-api
Name:         db-from-blue-api
Namespace:    default
Created on:   2026-11-23 00:00:05 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     app=db
  Allowing ingress traffic:
    To Port: http/TCP
    From:
      NamespaceSelector: team=blue
      PodSelector: app=api
  Not affecting egress traffic
  Policy Types: Ingress
$ kubectl exec -n shop api -- wget -qO- -T 2 db.default:8080 | grep title
<title>Welcome to nginx!</title>
$ kubectl exec -n lab api -- wget -qO- -T 2 db.default:8080
wget: download timed out
command terminated with exit code 1
$ kubectl exec cli -- curl -sS -m 3 db:8080
curl: (28) Failed to connect to db port 8080 after 3002 ms: Timeout was reached
command terminated with exit code 28
$ kubectl exec cli -- curl -sS db:8080
curl: (28) Failed to connect to db port 8080 after 130001 ms: Couldn't connect to server
command terminated with exit code 28
$ kubectl label namespace lab team=blue
namespace/lab labeled
$ kubectl exec -n lab api -- wget -q -O - http://db.default:8080/ | grep title
<title>Welcome to nginx!</title>
$ sleep 30
$ kubectl get pod db
NAME   READY   STATUS    RESTARTS   AGE
db     1/1     Running   0          35s
$ kubectl get events --field-selector involvedObject.name=db,type=Warning
No resources found in default namespace.
"#,
    );
}

/// A policy with only `policyTypes: [Egress]` isolates its pods for egress: the name no longer
/// resolves (the cluster DNS is a pod too), a pod IP times out; allowing UDP 53 to kube-dns
/// brings names back; an ipBlock with an `except` covering the destination keeps it out, a port
/// range through `endPort` lets wget in (busybox 1.36 saving to index.html).
#[test]
fn egress_isolation_cuts_dns_and_pod_traffic_until_rules_allow_them() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port=80
kubectl run client --image=busybox:1.36 --labels=role=client -- sleep 3600
kubectl rollout status deployment/web
kubectl wait --for=condition=Ready pod/client
kubectl get pods -o wide
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
YAML
kubectl exec client -- wget -T 1 -O- web
kubectl exec client -- wget -T 1 -qO- 10.244.2.3
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - port: 53
      protocol: UDP
YAML
kubectl exec client -- wget -T 1 -O- web
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-to-web
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.244.0.0/16
        except:
        - 10.244.2.0/24
    ports:
    - port: 79
      endPort: 81
YAML
kubectl describe netpol client-to-web
kubectl exec client -- wget -O- web
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-to-web
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.244.0.0/16
    ports:
    - port: 79
      endPort: 81
YAML
kubectl exec client -- wget web
kubectl exec client -- wget -q -O- -T 1 web:80 | grep title
kubectl get netpol
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ kubectl run client --image=busybox:1.36 --labels=role=client -- sleep 3600
pod/client created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl wait --for=condition=Ready pod/client
pod/client condition met
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
client                 1/1     Running   0          4s    10.244.1.3   node-1   <none>           <none>
web-6766cbdd68-2dw4q   1/1     Running   0          4s    10.244.2.3   node-2   <none>           <none>
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
YAML
networkpolicy.networking.k8s.io/client-egress created
$ kubectl exec client -- wget -T 1 -O- web
wget: bad address 'web'
command terminated with exit code 1
$ kubectl exec client -- wget -T 1 -qO- 10.244.2.3
wget: download timed out
command terminated with exit code 1
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - port: 53
      protocol: UDP
YAML
networkpolicy.networking.k8s.io/client-egress configured
$ kubectl exec client -- wget -T 1 -O- web
Connecting to web (10.108.232.182:80)
wget: download timed out
command terminated with exit code 1
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-to-web
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.244.0.0/16
        except:
        - 10.244.2.0/24
    ports:
    - port: 79
      endPort: 81
YAML
networkpolicy.networking.k8s.io/client-to-web created
$ kubectl describe netpol client-to-web
Name:         client-to-web
Namespace:    default
Created on:   2026-11-23 00:00:04 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     role=client
  Not affecting ingress traffic
  Allowing egress traffic:
    To Port Range: 79-81/TCP
    To:
      IPBlock:
        CIDR: 10.244.0.0/16
        Except: 10.244.2.0/24
  Policy Types: Egress
$ kubectl exec client -- wget -O- web
Connecting to web (10.108.232.182:80)
wget: can't connect to remote host (10.108.232.182): Connection timed out
command terminated with exit code 1
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-to-web
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.244.0.0/16
    ports:
    - port: 79
      endPort: 81
YAML
networkpolicy.networking.k8s.io/client-to-web configured
$ kubectl exec client -- wget web
Connecting to web (10.108.232.182:80)
saving to 'index.html'
index.html           100% |********************************|   615  0:00:00 ETA
'index.html' saved
$ kubectl exec client -- wget -q -O- -T 1 web:80 | grep title
<title>Welcome to nginx!</title>
$ kubectl get netpol
NAME            POD-SELECTOR   AGE
client-egress   role=client    0s
client-to-web   role=client    0s
"#,
    );
}

/// `ValidateNetworkPolicy`'s messages, in its order (selector operators and values, port
/// numbers, ranges and names, protocols, peers, CIDRs and their excepts, policy types); strict
/// decoding of unknown fields; defaulting: each port's protocol TCP, and policyTypes
/// `[Ingress, Egress]` for a policy with egress rules and none named (which also isolates its
/// pods for ingress, as describe says); POD-SELECTOR as FormatLabelSelector prints it.
#[test]
fn validation_and_defaulting_follow_the_apiserver() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: Equals
      values: [a]
    - key: tier
      operator: In
  ingress:
  - from:
    - ipBlock:
        cidr: 10.0.0.0/8
        except: [192.168.0.0/16, 10.1.0.0/16, nonsense]
      podSelector: {}
    - {}
    ports:
    - port: 70000
    - port: 80
      endPort: 79
    - port: http
      endPort: 90
    - protocol: ICMP
    - endPort: 5
    - port: Web_Port
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.300/8
  policyTypes: [Ingress, Sideways]
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: three
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress, Ingress]
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: typo
spec:
  podSelektor: {}
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-only
spec:
  podSelector:
    matchExpressions:
    - key: tier
      operator: NotIn
      values: [web, cache]
  egress:
  - ports:
    - port: 53
      protocol: UDP
    - port: 8080
YAML
kubectl get netpol egress-only -o yaml
kubectl get netpol
kubectl get networkpolicies.networking.k8s.io egress-only -o jsonpath='{.spec.policyTypes}{"\n"}'
kubectl describe netpol egress-only
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: Equals
      values: [a]
    - key: tier
      operator: In
  ingress:
  - from:
    - ipBlock:
        cidr: 10.0.0.0/8
        except: [192.168.0.0/16, 10.1.0.0/16, nonsense]
      podSelector: {}
    - {}
    ports:
    - port: 70000
    - port: 80
      endPort: 79
    - port: http
      endPort: 90
    - protocol: ICMP
    - endPort: 5
    - port: Web_Port
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.300/8
  policyTypes: [Ingress, Sideways]
YAML
The NetworkPolicy "bad" is invalid: [spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator, spec.podSelector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ingress[0].ports[1].endPort: Invalid value: 79: must be greater than or equal to `port`, spec.ingress[0].ports[2].endPort: Invalid value: 90: may not be specified when `port` is non-numeric, spec.ingress[0].ports[3].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP", spec.ingress[0].ports[4].endPort: Invalid value: 5: may not be specified when `port` is not specified, spec.ingress[0].ports[5].port: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`, spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "nonsense": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64), spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer, spec.ingress[0].from[1]: Required value: must specify a peer, spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.300/8": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64), spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"]
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: three
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress, Ingress]
YAML
The NetworkPolicy "three" is invalid: spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: typo
spec:
  podSelektor: {}
YAML
Error from server (BadRequest): error when creating "STDIN": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.podSelektor"
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-only
spec:
  podSelector:
    matchExpressions:
    - key: tier
      operator: NotIn
      values: [web, cache]
  egress:
  - ports:
    - port: 53
      protocol: UDP
    - port: 8080
YAML
networkpolicy.networking.k8s.io/egress-only created
$ kubectl get netpol egress-only -o yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"egress-only","namespace":"default"},"spec":{"egress":[{"ports":[{"port":53,"protocol":"UDP"},{"port":8080}]}],"podSelector":{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["web","cache"]}]}}}
  creationTimestamp: "2026-11-23T00:00:00Z"
  generation: 1
  name: egress-only
  namespace: default
  resourceVersion: "47"
  uid: f16894f0-4050-4100-bbe7-26b627bfc026
spec:
  egress:
  - ports:
    - port: 53
      protocol: UDP
    - port: 8080
      protocol: TCP
  podSelector:
    matchExpressions:
    - key: tier
      operator: NotIn
      values:
      - web
      - cache
  policyTypes:
  - Ingress
  - Egress
$ kubectl get netpol
NAME          POD-SELECTOR             AGE
egress-only   tier notin (cache,web)   0s
$ kubectl get networkpolicies.networking.k8s.io egress-only -o jsonpath='{.spec.policyTypes}{"\n"}'
["Ingress","Egress"]
$ kubectl describe netpol egress-only
Name:         egress-only
Namespace:    default
Created on:   2026-11-23 00:00:00 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     tier notin (cache,web)
  Allowing ingress traffic:
    <none> (Selected pods are isolated for ingress connectivity)
  Allowing egress traffic:
    To Port: 53/UDP
    To Port: 8080/TCP
    To: <any> (traffic not restricted by destination)
  Policy Types: Ingress, Egress
"#,
    );
}

/// busybox wget as networking/wget.c prints, on stderr unless -q: `Connecting to HOST (IP:PORT)`
/// once the name resolves (not for a bad address), then with --spider `remote file exists` and
/// no body; -O- writes the page to stdout between `writing to stdout` and the progress line and
/// `written to stdout`; without -O, `saving to 'index.html'` and `'index.html' saved`; busybox
/// 1.28 prints only the progress line of those.
#[test]
fn busybox_wget_says_what_it_does_on_stderr() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port=80
kubectl create service clusterip empty --tcp=80:80
kubectl run new --image=busybox:1.36 -- sleep 3600
kubectl run old --image=busybox:1.28 -- sleep 3600
kubectl rollout status deployment/web
kubectl exec new -- wget -O- web
kubectl exec old -- wget -O- web
kubectl exec new -- wget http://web/index.html
kubectl exec old -- wget web
kubectl exec new -- wget --spider web
kubectl exec new -- wget -q --spider web
kubectl exec new -- wget --spider web/missing
kubectl exec new -- wget -O- empty
kubectl exec new -- wget -O- nope
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ kubectl create service clusterip empty --tcp=80:80
service/empty created
$ kubectl run new --image=busybox:1.36 -- sleep 3600
pod/new created
$ kubectl run old --image=busybox:1.28 -- sleep 3600
pod/old created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl exec new -- wget -O- web
Connecting to web (10.108.232.182:80)
writing to stdout
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
-                    100% |********************************|   615  0:00:00 ETA
written to stdout
$ kubectl exec old -- wget -O- web
Connecting to web (10.108.232.182:80)
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
-                    100% |********************************|   615  0:00:00 ETA
$ kubectl exec new -- wget http://web/index.html
Connecting to web (10.108.232.182:80)
saving to 'index.html'
index.html           100% |********************************|   615  0:00:00 ETA
'index.html' saved
$ kubectl exec old -- wget web
Connecting to web (10.108.232.182:80)
index.html           100% |********************************|   615  0:00:00 ETA
$ kubectl exec new -- wget --spider web
Connecting to web (10.108.232.182:80)
remote file exists
$ kubectl exec new -- wget -q --spider web
$ kubectl exec new -- wget --spider web/missing
Connecting to web (10.108.232.182:80)
wget: server returned error: HTTP/1.1 404 Not Found
command terminated with exit code 1
$ kubectl exec new -- wget -O- empty
Connecting to empty (10.96.185.95:80)
wget: can't connect to remote host (10.96.185.95): Connection refused
command terminated with exit code 1
$ kubectl exec new -- wget -O- nope
wget: bad address 'nope'
command terminated with exit code 1
"#,
    );
}

/// The API server is no pod: a pod isolated for egress reaches `kubernetes.default` only
/// through an ipBlock rule for its endpoint (172.18.0.2:6443); a rule with ports and no peers
/// allows those ports to everyone, here DNS.
#[test]
fn the_api_server_needs_an_ip_block_once_egress_is_isolated() {
    check(
        r#"kubectl run cli --image=curlimages/curl:8.5.0 --labels=app=cli -- sleep 3600
sleep 5
kubectl exec cli -- curl -sk https://kubernetes.default/version
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: cli-egress
spec:
  podSelector: {}
  egress:
  - ports:
    - port: 53
      protocol: UDP
YAML
kubectl exec cli -- curl -sSk --connect-timeout 5 https://kubernetes.default/version
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: to-apiserver
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 172.18.0.2/32
    ports:
    - port: 6443
YAML
kubectl exec cli -- curl -sk https://kubernetes.default/version
"#,
        r#"$ kubectl run cli --image=curlimages/curl:8.5.0 --labels=app=cli -- sleep 3600
pod/cli created
$ sleep 5
$ kubectl exec cli -- curl -sk https://kubernetes.default/version
{
  "major": "1",
  "minor": "32",
  "gitVersion": "v1.32.5",
  "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
  "gitTreeState": "clean",
  "buildDate": "2025-05-15T09:45:10Z",
  "goVersion": "go1.23.8",
  "compiler": "gc",
  "platform": "linux/amd64"
}
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: cli-egress
spec:
  podSelector: {}
  egress:
  - ports:
    - port: 53
      protocol: UDP
YAML
networkpolicy.networking.k8s.io/cli-egress created
$ kubectl exec cli -- curl -sSk --connect-timeout 5 https://kubernetes.default/version
curl: (28) Failed to connect to kubernetes.default port 443 after 5002 ms: Timeout was reached
command terminated with exit code 28
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: to-apiserver
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 172.18.0.2/32
    ports:
    - port: 6443
YAML
networkpolicy.networking.k8s.io/to-apiserver created
$ kubectl exec cli -- curl -sk https://kubernetes.default/version
{
  "major": "1",
  "minor": "32",
  "gitVersion": "v1.32.5",
  "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
  "gitTreeState": "clean",
  "buildDate": "2025-05-15T09:45:10Z",
  "goVersion": "go1.23.8",
  "compiler": "gc",
  "platform": "linux/amd64"
}
"#,
    );
}
