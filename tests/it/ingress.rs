//! Ingresses and IngressClasses (networking.k8s.io/v1): validation, the DefaultIngressClass
//! admission, printers and describe, through kubectl scripts. No ingress controller runs.

use crate::support::check;


/// The seed lesson's single-host Ingress: no ingress controller runs, so CLASS is `<none>`, the
/// ADDRESS is empty, the jsonpath of the load balancer's IP prints nothing and the status is
/// `loadBalancer: {}`; describe resolves each backend through its Endpoints (or names the lookup
/// error); deleting the namespace deletes it.
#[test]
fn the_seed_ingress_is_stored_listed_and_described_without_a_controller() {
    check(
        r#"kubectl create namespace snackbar
kubectl create deployment order -n snackbar --image=nginx:1.25
kubectl expose deployment order -n snackbar --port=80
kubectl rollout status deployment/order -n snackbar
cat > ingress-single-host.yaml <<'YAML'
# The article's single-host Ingress, placeholders filled (name/namespace snackbar, label project: snackbar).
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: snackbar
  namespace: snackbar
  labels:
    project: snackbar
spec:
  defaultBackend:  # 매치되는 라우트가 없을 때 home 서비스의 포트 80으로 포워딩
    service:
      name: home
      port:
        number: 80
  rules:  # host들의 목록을 선언, http.paths: 서비스 백엔드로 매핑할 path 목록
  - http:  # host를 선언하지 않았으므로 Host 헤더를 확인하지 않음
      paths:
      - pathType: Prefix 
        path: /order  # /order 로 시작하는 모든 경로와 매치
        backend:  # 두 조건(host, path)을 만족하면 order 서비스의 포트 80으로 연결
          service:
            name: order
            port:
              number: 80
YAML
kubectl apply -f ingress-single-host.yaml
kubectl get ingress snackbar -n snackbar
kubectl get ingress snackbar -n snackbar -o jsonpath="{.status.loadBalancer.ingress[0].ip}"
kubectl describe ingress snackbar -n snackbar
kubectl get ingress snackbar -n snackbar -o jsonpath='{.status}'
kubectl delete namespace snackbar
kubectl get ingress -A
"#,
        r#"$ kubectl create namespace snackbar
namespace/snackbar created
$ kubectl create deployment order -n snackbar --image=nginx:1.25
deployment.apps/order created
$ kubectl expose deployment order -n snackbar --port=80
service/order exposed
$ kubectl rollout status deployment/order -n snackbar
Waiting for deployment "order" rollout to finish: 0 of 1 updated replicas are available...
deployment "order" successfully rolled out
$ cat > ingress-single-host.yaml <<'YAML'
# The article's single-host Ingress, placeholders filled (name/namespace snackbar, label project: snackbar).
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: snackbar
  namespace: snackbar
  labels:
    project: snackbar
spec:
  defaultBackend:  # 매치되는 라우트가 없을 때 home 서비스의 포트 80으로 포워딩
    service:
      name: home
      port:
        number: 80
  rules:  # host들의 목록을 선언, http.paths: 서비스 백엔드로 매핑할 path 목록
  - http:  # host를 선언하지 않았으므로 Host 헤더를 확인하지 않음
      paths:
      - pathType: Prefix 
        path: /order  # /order 로 시작하는 모든 경로와 매치
        backend:  # 두 조건(host, path)을 만족하면 order 서비스의 포트 80으로 연결
          service:
            name: order
            port:
              number: 80
YAML
$ kubectl apply -f ingress-single-host.yaml
ingress.networking.k8s.io/snackbar created
$ kubectl get ingress snackbar -n snackbar
NAME       CLASS    HOSTS   ADDRESS   PORTS   AGE
snackbar   <none>   *                 80      0s
$ kubectl get ingress snackbar -n snackbar -o jsonpath="{.status.loadBalancer.ingress[0].ip}"
$ kubectl describe ingress snackbar -n snackbar
Name:             snackbar
Labels:           project=snackbar
Namespace:        snackbar
Address:          
Ingress Class:    <none>
Default backend:  home:80 (endpoints "home" not found)
Rules:
  Host        Path  Backends
  ----        ----  --------
  *           
              /order   order:80 (10.244.1.3:80)
Annotations:  <none>
Events:       <none>
$ kubectl get ingress snackbar -n snackbar -o jsonpath='{.status}'
{"loadBalancer":{}}
$ kubectl delete namespace snackbar
namespace "snackbar" deleted
$ kubectl get ingress -A
No resources found
"#,
    );
}

/// HOSTS, PORTS with TLS, describe's TLS and rules (a missing backend Service's error), and the
/// DefaultIngressClass admission giving a new Ingress the class marked default.
#[test]
fn hosts_tls_paths_and_the_default_ingress_class() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25 --replicas=2
kubectl expose deployment web --port=80
kubectl rollout status deployment/web
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: site
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /api
        pathType: Exact
        backend:
          service:
            name: api
            port:
              name: http
  - host: "*.example.com"
    http:
      paths:
      - path: /
        pathType: ImplementationSpecific
        backend:
          service:
            name: web
            port:
              number: 80
YAML
kubectl get ingress
kubectl get ingress site -o jsonpath='{.status.loadBalancer.ingress[0].ip}'
kubectl describe ingress site
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain
spec:
  defaultBackend:
    service:
      name: web
      port:
        number: 80
YAML
kubectl get ingressclass,ingress
kubectl describe ingressclass nginx
kubectl describe ing plain
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: site
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /api
        pathType: Exact
        backend:
          service:
            name: api
            port:
              name: http
  - host: "*.example.com"
    http:
      paths:
      - path: /
        pathType: ImplementationSpecific
        backend:
          service:
            name: web
            port:
              number: 80
YAML
ingress.networking.k8s.io/site created
$ kubectl get ingress
NAME   CLASS    HOSTS                            ADDRESS   PORTS     AGE
site   <none>   shop.example.com,*.example.com             80, 443   0s
$ kubectl get ingress site -o jsonpath='{.status.loadBalancer.ingress[0].ip}'
$ kubectl describe ingress site
Name:             site
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    <none>
Default backend:  <default>
TLS:
  shop-tls terminates shop.example.com
Rules:
  Host              Path  Backends
  ----              ----  --------
  shop.example.com  
                    /      web:80 (10.244.1.3:80,10.244.2.3:80)
                    /api   api:http (endpoints "api" not found)
  *.example.com     
                    /   web:80 (10.244.1.3:80,10.244.2.3:80)
Annotations:        <none>
Events:             <none>
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
YAML
ingressclass.networking.k8s.io/nginx created
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain
spec:
  defaultBackend:
    service:
      name: web
      port:
        number: 80
YAML
ingress.networking.k8s.io/plain created
$ kubectl get ingressclass,ingress
NAME                                   CONTROLLER             PARAMETERS   AGE
ingressclass.networking.k8s.io/nginx   k8s.io/ingress-nginx   <none>       0s

NAME                              CLASS    HOSTS                            ADDRESS   PORTS     AGE
ingress.networking.k8s.io/plain   nginx    *                                          80        0s
ingress.networking.k8s.io/site    <none>   shop.example.com,*.example.com             80, 443   0s
$ kubectl describe ingressclass nginx
Name:         nginx
Labels:       <none>
Annotations:  ingressclass.kubernetes.io/is-default-class: true
Controller:   k8s.io/ingress-nginx
Events:       <none>
$ kubectl describe ing plain
Name:             plain
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    nginx
Default backend:  web:80 (10.244.1.3:80,10.244.2.3:80)
Rules:
  Host        Path  Backends
  ----        ----  --------
  *           *     web:80 (10.244.1.3:80,10.244.2.3:80)
Annotations:  <none>
Events:       <none>
"#,
    );
}

/// ValidateIngress: a backend or rules, hosts that are DNS names, absolute paths, service names
/// and ports, pathType required; ValidateIngressClass: a controller.
#[test]
fn ingresses_and_classes_are_validated_as_a_real_apiserver_does() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: empty
spec: {}
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: broken
spec:
  rules:
  - host: 10.0.0.1
    http:
      paths:
      - path: api
        pathType: Prefix
        backend:
          service:
            name: Web
            port: {}
      - path: /x
        backend:
          service:
            name: web
            port:
              number: 80
YAML
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: bad
spec: {}
YAML
kubectl get ingress
kubectl api-resources --api-group=networking.k8s.io
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: empty
spec: {}
YAML
The Ingress "empty" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: broken
spec:
  rules:
  - host: 10.0.0.1
    http:
      paths:
      - path: api
        pathType: Prefix
        backend:
          service:
            name: Web
            port: {}
      - path: /x
        backend:
          service:
            name: web
            port:
              number: 80
YAML
The Ingress "broken" is invalid: [spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address, spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path, spec.rules[0].http.paths[0].backend.service.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required, spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified]
$ kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: bad
spec: {}
YAML
The IngressClass "bad" is invalid: spec.controller: Required value
$ kubectl get ingress
No resources found in default namespace.
$ kubectl api-resources --api-group=networking.k8s.io
NAME              SHORTNAMES   APIVERSION             NAMESPACED   KIND
ingressclasses                 networking.k8s.io/v1   false        IngressClass
ingresses         ing          networking.k8s.io/v1   true         Ingress
networkpolicies   netpol       networking.k8s.io/v1   true         NetworkPolicy
"#,
    );
}

/// `kubectl create ingress`: the object kubectl 1.32.5 builds (rules, Exact or Prefix paths, TLS
/// per host and secret, class, default backend, annotations, `-n`), in YAML and JSON, and its
/// errors: the first nine commands' output is byte for byte the real client's.
#[test]
fn create_ingress_builds_what_kubectl_builds() {
    check(
        r#"kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml
kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port" --dry-run=client -o yaml
kubectl create ingress ann --class=default --rule="foo.com/*=svc:8080" --rule="bar.com/admin*=svc2:http" --annotation ingress.annotation1=foo --default-backend=defaultsvc:http --dry-run=client -o json
kubectl create ingress multi --rule="foo.com/a=s:80,tls=c1" --rule="foo.com/b=s:81" --rule="bar.com/c=t:82,tls=c1" --rule="baz.com/d=u:83,tls" -n web --dry-run=client -o yaml
kubectl create ingress x --dry-run=client -o yaml
kubectl create ingress x --rule="bad" --dry-run=client -o yaml
kubectl create ingress x --default-backend=svc --dry-run=client -o yaml
kubectl create ingress x --rule="/a=b:1" --annotation=nokey --dry-run=client -o yaml
kubectl create ingress --rule="/a=b:1" --dry-run=client -o yaml
kubectl create ingress web --rule="shop.example.com/*=web:80"
kubectl get ing
kubectl create ingress web --rule="shop.example.com/*=web:80"
"#,
        r#"$ kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: simple
spec:
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc1
            port:
              number: 8080
        path: /bar
        pathType: Exact
  tls:
  - hosts:
    - foo.com
    secretName: my-cert
status:
  loadBalancer: {}
$ kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port" --dry-run=client -o yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: catch-all
spec:
  ingressClassName: otheringress
  rules:
  - http:
      paths:
      - backend:
          service:
            name: svc
            port:
              name: port
        path: /path
        pathType: Exact
status:
  loadBalancer: {}
$ kubectl create ingress ann --class=default --rule="foo.com/*=svc:8080" --rule="bar.com/admin*=svc2:http" --annotation ingress.annotation1=foo --default-backend=defaultsvc:http --dry-run=client -o json
{
    "kind": "Ingress",
    "apiVersion": "networking.k8s.io/v1",
    "metadata": {
        "name": "ann",
        "creationTimestamp": null,
        "annotations": {
            "ingress.annotation1": "foo"
        }
    },
    "spec": {
        "ingressClassName": "default",
        "defaultBackend": {
            "service": {
                "name": "defaultsvc",
                "port": {
                    "name": "http"
                }
            }
        },
        "rules": [
            {
                "host": "foo.com",
                "http": {
                    "paths": [
                        {
                            "path": "/",
                            "pathType": "Prefix",
                            "backend": {
                                "service": {
                                    "name": "svc",
                                    "port": {
                                        "number": 8080
                                    }
                                }
                            }
                        }
                    ]
                }
            },
            {
                "host": "bar.com",
                "http": {
                    "paths": [
                        {
                            "path": "/admin",
                            "pathType": "Prefix",
                            "backend": {
                                "service": {
                                    "name": "svc2",
                                    "port": {
                                        "name": "http"
                                    }
                                }
                            }
                        }
                    ]
                }
            }
        ]
    },
    "status": {
        "loadBalancer": {}
    }
}
$ kubectl create ingress multi --rule="foo.com/a=s:80,tls=c1" --rule="foo.com/b=s:81" --rule="bar.com/c=t:82,tls=c1" --rule="baz.com/d=u:83,tls" -n web --dry-run=client -o yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: multi
  namespace: web
spec:
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: s
            port:
              number: 80
        path: /a
        pathType: Exact
      - backend:
          service:
            name: s
            port:
              number: 81
        path: /b
        pathType: Exact
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: t
            port:
              number: 82
        path: /c
        pathType: Exact
  - host: baz.com
    http:
      paths:
      - backend:
          service:
            name: u
            port:
              number: 83
        path: /d
        pathType: Exact
  tls:
  - hosts:
    - foo.com
    - bar.com
    secretName: c1
  - hosts:
    - baz.com
status:
  loadBalancer: {}
$ kubectl create ingress x --dry-run=client -o yaml
error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)
$ kubectl create ingress x --rule="bad" --dry-run=client -o yaml
error: rule bad is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]
$ kubectl create ingress x --default-backend=svc --dry-run=client -o yaml
error: default-backend should be in format servicename:serviceport
$ kubectl create ingress x --rule="/a=b:1" --annotation=nokey --dry-run=client -o yaml
error: annotation nokey is invalid and should be in format key=[value]
$ kubectl create ingress --rule="/a=b:1" --dry-run=client -o yaml
error: exactly one NAME is required, got 0
See 'kubectl create ingress -h' for help and examples
$ kubectl create ingress web --rule="shop.example.com/*=web:80"
ingress.networking.k8s.io/web created
$ kubectl get ing
NAME   CLASS    HOSTS              ADDRESS   PORTS   AGE
web    <none>   shop.example.com             80      0s
$ kubectl create ingress web --rule="shop.example.com/*=web:80"
error: failed to create ingress: ingresses.networking.k8s.io "web" already exists
"#,
    );
}
