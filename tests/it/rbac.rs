//! RBAC: Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (rbac.authorization.k8s.io/v1),
//! the bootstrap policy, `create role|clusterrole|rolebinding|clusterrolebinding` and
//! `auth can-i`, through kubectl scripts.

use crate::support::check;

/// A Role, a RoleBinding (a User, a ServiceAccount, a Group without apiGroup: defaulted), a
/// ClusterRole with non-resource URLs and a ClusterRoleBinding (roleRef without apiGroup: defaulted):
/// created by apply; `get` prints NAME CREATED AT for roles, NAME ROLE AGE for bindings (`-o wide`
/// adds the subjects); `describe` prints the rules broken down, compacted and sorted by their
/// `String()`, and a binding's Role and Subjects.
#[test]
fn roles_and_bindings_apply_get_and_describe_as_kubectl_prints_them() {
    check(
        r##"cat > rbac.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "watch", "list"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  resourceNames: ["web"]
  verbs: ["get", "update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: bot
  namespace: default
- kind: Group
  name: devs
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "watch", "list"]
- nonResourceURLs: ["/healthz", "/logs/*"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-secrets-global
subjects:
- kind: Group
  name: manager
roleRef:
  kind: ClusterRole
  name: secret-reader
YAML
kubectl apply -f rbac.yaml
kubectl get roles
kubectl get rolebinding -o wide
kubectl get clusterrolebinding read-secrets-global -o wide
kubectl get role pod-reader -o yaml
kubectl get rolebinding read-pods -o yaml
kubectl describe role pod-reader
kubectl describe rolebinding read-pods
kubectl describe clusterrole secret-reader
kubectl get clusterroles.rbac.authorization.k8s.io secret-reader
kubectl get clusterrolebinding/read-secrets-global
"##,
        r##"$ cat > rbac.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "watch", "list"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  resourceNames: ["web"]
  verbs: ["get", "update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: bot
  namespace: default
- kind: Group
  name: devs
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "watch", "list"]
- nonResourceURLs: ["/healthz", "/logs/*"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-secrets-global
subjects:
- kind: Group
  name: manager
roleRef:
  kind: ClusterRole
  name: secret-reader
YAML
$ kubectl apply -f rbac.yaml
role.rbac.authorization.k8s.io/pod-reader created
rolebinding.rbac.authorization.k8s.io/read-pods created
clusterrole.rbac.authorization.k8s.io/secret-reader created
clusterrolebinding.rbac.authorization.k8s.io/read-secrets-global created
$ kubectl get roles
NAME         CREATED AT
pod-reader   2026-11-23T00:00:00Z
$ kubectl get rolebinding -o wide
NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS
read-pods   Role/pod-reader   0s    jane    devs     default/bot
$ kubectl get clusterrolebinding read-secrets-global -o wide
NAME                  ROLE                        AGE   USERS   GROUPS    SERVICEACCOUNTS
read-secrets-global   ClusterRole/secret-reader   0s            manager   
$ kubectl get role pod-reader -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"annotations":{},"name":"pod-reader","namespace":"default"},"rules":[{"apiGroups":[""],"resources":["pods","pods/log"],"verbs":["get","watch","list"]},{"apiGroups":["apps"],"resourceNames":["web"],"resources":["deployments"],"verbs":["get","update"]}]}
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: pod-reader
  namespace: default
  resourceVersion: "47"
  uid: f16894f0-4050-4100-bbe7-26b627bfc026
rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - watch
  - list
- apiGroups:
  - apps
  resourceNames:
  - web
  resources:
  - deployments
  verbs:
  - get
  - update
$ kubectl get rolebinding read-pods -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"annotations":{},"name":"read-pods","namespace":"default"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"pod-reader"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"jane"},{"kind":"ServiceAccount","name":"bot","namespace":"default"},{"kind":"Group","name":"devs"}]}
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: read-pods
  namespace: default
  resourceVersion: "48"
  uid: e74fbdd8-597b-4354-af9a-cacebc8725ba
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: jane
- kind: ServiceAccount
  name: bot
  namespace: default
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: devs
$ kubectl describe role pod-reader
Name:         pod-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources         Non-Resource URLs  Resource Names  Verbs
  ---------         -----------------  --------------  -----
  deployments.apps  []                 [web]           [get update]
  pods/log          []                 []              [get watch list]
  pods              []                 []              [get watch list]
$ kubectl describe rolebinding read-pods
Name:         read-pods
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  pod-reader
Subjects:
  Kind            Name  Namespace
  ----            ----  ---------
  User            jane  
  ServiceAccount  bot   default
  Group           devs  
$ kubectl describe clusterrole secret-reader
Name:         secret-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
  secrets    []                 []              [get watch list]
             [/healthz]         []              [get]
             [/logs/*]          []              [get]
$ kubectl get clusterroles.rbac.authorization.k8s.io secret-reader
NAME            CREATED AT
secret-reader   2026-11-23T00:00:00Z
$ kubectl get clusterrolebinding/read-secrets-global
NAME                  ROLE                        AGE
read-secrets-global   ClusterRole/secret-reader   0s
"##,
    );
}

/// `ValidateRoleBinding`, `ValidateClusterRoleBinding`, `ValidateRole` with their texts; an unknown
/// field refused by strict decoding; a binding's roleRef cannot change; deleting a namespace
/// deletes its Roles and RoleBindings.
#[test]
fn the_apiserver_validates_rbac_objects_and_keeps_role_refs() {
    check(
        r##"cat > bad.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bad
subjects:
- kind: Robot
  name: r2
- kind: ServiceAccount
  name: Bad_Name
  apiGroup: x
- kind: User
  name: ""
roleRef:
  kind: Pod
  name: a/b
  apiGroup: apps
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: bad
subjects:
- kind: ServiceAccount
  name: bot
roleRef:
  kind: Role
  name: view
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: bad
rules:
- verbs: []
  resources: ["pods", "secrets"]
  resourceNames: ["x"]
- nonResourceURLs: ["/healthz"]
  verbs: ["get"]
  resources: [pods]
YAML
kubectl apply -f bad.yaml
cat > typo.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: typo
rules:
- apiGroup: [""]
  resources: ["pods"]
  verbs: ["get"]
YAML
kubectl apply -f typo.yaml
kubectl create rolebinding viewers --clusterrole=view --group=devs
cat > viewers.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: viewers
roleRef:
  kind: ClusterRole
  name: edit
  apiGroup: rbac.authorization.k8s.io
subjects:
- kind: Group
  name: devs
YAML
kubectl apply -f viewers.yaml
kubectl create namespace dev
kubectl create role pod-reader --verb=get --resource=pods -n dev
kubectl create rolebinding read --role=pod-reader --user=jane -n dev
kubectl delete namespace dev
kubectl get roles,rolebindings -n dev
"##,
        r##"$ cat > bad.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bad
subjects:
- kind: Robot
  name: r2
- kind: ServiceAccount
  name: Bad_Name
  apiGroup: x
- kind: User
  name: ""
roleRef:
  kind: Pod
  name: a/b
  apiGroup: apps
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: bad
subjects:
- kind: ServiceAccount
  name: bot
roleRef:
  kind: Role
  name: view
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: bad
rules:
- verbs: []
  resources: ["pods", "secrets"]
  resourceNames: ["x"]
- nonResourceURLs: ["/healthz"]
  verbs: ["get"]
  resources: [pods]
YAML
$ kubectl apply -f bad.yaml
The RoleBinding "bad" is invalid: [roleRef.apiGroup: Unsupported value: "apps": supported values: "rbac.authorization.k8s.io", roleRef.kind: Unsupported value: "Pod": supported values: "Role", "ClusterRole", roleRef.name: Invalid value: "a/b": may not contain '/', subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group", subjects[1].name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), subjects[1].apiGroup: Unsupported value: "x": supported values: "", subjects[2].name: Required value, subjects[2].name: Invalid value: "": user name cannot be empty]
The ClusterRoleBinding "bad" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]
The Role "bad" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[0].resourceNames: Required value: resource names cannot apply to multiple resources, rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs, rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs]
$ cat > typo.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: typo
rules:
- apiGroup: [""]
  resources: ["pods"]
  verbs: ["get"]
YAML
$ kubectl apply -f typo.yaml
Error from server (BadRequest): error when creating "typo.yaml": ClusterRole in version "v1" cannot be handled as a ClusterRole: strict decoding error: unknown field "rules[0].apiGroup"
$ kubectl create rolebinding viewers --clusterrole=view --group=devs
rolebinding.rbac.authorization.k8s.io/viewers created
$ cat > viewers.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: viewers
roleRef:
  kind: ClusterRole
  name: edit
  apiGroup: rbac.authorization.k8s.io
subjects:
- kind: Group
  name: devs
YAML
$ kubectl apply -f viewers.yaml
Warning: resource rolebindings/viewers is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
The RoleBinding "viewers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef
$ kubectl create namespace dev
namespace/dev created
$ kubectl create role pod-reader --verb=get --resource=pods -n dev
role.rbac.authorization.k8s.io/pod-reader created
$ kubectl create rolebinding read --role=pod-reader --user=jane -n dev
rolebinding.rbac.authorization.k8s.io/read created
$ kubectl delete namespace dev
namespace "dev" deleted
$ kubectl get roles,rolebindings -n dev
No resources found in dev namespace.
"##,
    );
}

/// `create role|clusterrole|rolebinding|clusterrolebinding`: the objects kubectl generates (one
/// rule per API group, groups sorted; `*` verbs and resources alone; resource names resolved as
/// the REST mapper does) and its client-side errors; the server's errors, wrapped for bindings
/// (`failed to create rolebinding: ...`) and not for roles.
#[test]
fn create_role_clusterrole_and_bindings_as_kubectl_builds_them() {
    check(
        r##"kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods --dry-run=client -o yaml
kubectl create role foo --verb=get,list,watch --resource=rs.apps,pods,pods/status,deployments --resource-name=a --resource-name=b --dry-run=client -o yaml
kubectl create role all --verb=* --verb=get --resource=* --dry-run=client -o json
kubectl create role foo --verb=get --resource=foos
kubectl create role foo --verb=bind --resource=pods
kubectl create role foo --verb=frob --resource=pods --dry-run=client -o name
kubectl create role foo --resource=pods
kubectl create role foo --verb=get
kubectl create role
kubectl create clusterrole foo --verb=get --non-resource-url=/logs/* --non-resource-url=/healthz --dry-run=client -o yaml
kubectl create clusterrole foo --verb=list --non-resource-url=/healthz
kubectl create clusterrole foo --verb=get --non-resource-url=healthz
kubectl create clusterrole foo --verb=get --non-resource-url=/he*lthz
kubectl create clusterrole foo --verb=get
kubectl create clusterrole foo --aggregation-rule=a=b
kubectl create rolebinding rb --clusterrole=view --user=jane --serviceaccount=dev:bot --group=g1 --dry-run=client -o yaml
kubectl create rolebinding rb --role=r --clusterrole=x
kubectl create rolebinding --role=r
kubectl create rolebinding rb --role=r --serviceaccount=bot
kubectl create clusterrolebinding crb
kubectl create clusterrolebinding crb --clusterrole=view --group=devs -n foo --dry-run=client -o yaml
kubectl create namespace team
kubectl create clusterrole pod-lister --verb=list --resource=pods
kubectl create role pod-reader --verb=get,list,watch --resource=pods -n team
kubectl create role pod-reader --verb=get --resource=pods -n team
kubectl create rolebinding rb --role=pod-reader --user=jane -n team
kubectl create rolebinding rb --role=pod-reader --user=jane -n team
kubectl create clusterrolebinding crb --clusterrole=pod-lister --serviceaccount=default:default
kubectl get role,rolebinding -n team
kubectl get clusterrolebinding crb -o wide
kubectl create role r --verb=get --resource=pods --image=x
"##,
        r##"$ kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods --dry-run=client -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: pod-reader
rules:
- apiGroups:
  - ""
  resources:
  - pods
  verbs:
  - get
  - list
  - watch
$ kubectl create role foo --verb=get,list,watch --resource=rs.apps,pods,pods/status,deployments --resource-name=a --resource-name=b --dry-run=client -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: foo
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  - b
  resources:
  - pods
  - pods/status
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - apps
  resourceNames:
  - a
  - b
  resources:
  - replicasets
  - deployments
  verbs:
  - get
  - list
  - watch
$ kubectl create role all --verb=* --verb=get --resource=* --dry-run=client -o json
{
    "kind": "Role",
    "apiVersion": "rbac.authorization.k8s.io/v1",
    "metadata": {
        "name": "all",
        "creationTimestamp": null
    },
    "rules": [
        {
            "verbs": [
                "*"
            ],
            "apiGroups": [
                ""
            ],
            "resources": [
                "*"
            ]
        }
    ]
}
$ kubectl create role foo --verb=get --resource=foos
error: no matches for /, Resource=foos
$ kubectl create role foo --verb=bind --resource=pods
error: can not perform 'bind' on 'pods' in group ''
$ kubectl create role foo --verb=frob --resource=pods --dry-run=client -o name
Warning: 'frob' is not a standard resource verb
role.rbac.authorization.k8s.io/foo
$ kubectl create role foo --resource=pods
error: at least one verb must be specified
$ kubectl create role foo --verb=get
error: at least one resource must be specified
$ kubectl create role
error: exactly one NAME is required, got 0
See 'kubectl create role -h' for help and examples
$ kubectl create clusterrole foo --verb=get --non-resource-url=/logs/* --non-resource-url=/healthz --dry-run=client -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: foo
rules:
- nonResourceURLs:
  - /logs/*
  - /healthz
  verbs:
  - get
$ kubectl create clusterrole foo --verb=list --non-resource-url=/healthz
error: invalid verb: 'list' for nonResourceURL
$ kubectl create clusterrole foo --verb=get --non-resource-url=healthz
error: nonResourceURL should start with /
$ kubectl create clusterrole foo --verb=get --non-resource-url=/he*lthz
error: nonResourceURL only supports wildcard matches when '*' is at the end
$ kubectl create clusterrole foo --verb=get
error: one of resource or nonResourceURL must be specified
$ kubectl create clusterrole foo --aggregation-rule=a=b
error: kubeplay does not run the ClusterRole aggregation controller: create the ClusterRole with --verb and --resource instead of --aggregation-rule
$ kubectl create rolebinding rb --clusterrole=view --user=jane --serviceaccount=dev:bot --group=g1 --dry-run=client -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  creationTimestamp: null
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: jane
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: g1
- kind: ServiceAccount
  name: bot
  namespace: dev
$ kubectl create rolebinding rb --role=r --clusterrole=x
error: exactly one of clusterrole or role must be specified
$ kubectl create rolebinding --role=r
error: exactly one NAME is required, got 0
See 'kubectl create rolebinding -h' for help and examples
$ kubectl create rolebinding rb --role=r --serviceaccount=bot
error: serviceaccount must be <namespace>:<name>
$ kubectl create clusterrolebinding crb
error: required flag(s) "clusterrole" not set
$ kubectl create clusterrolebinding crb --clusterrole=view --group=devs -n foo --dry-run=client -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  creationTimestamp: null
  name: crb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: devs
$ kubectl create namespace team
namespace/team created
$ kubectl create clusterrole pod-lister --verb=list --resource=pods
clusterrole.rbac.authorization.k8s.io/pod-lister created
$ kubectl create role pod-reader --verb=get,list,watch --resource=pods -n team
role.rbac.authorization.k8s.io/pod-reader created
$ kubectl create role pod-reader --verb=get --resource=pods -n team
Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists
$ kubectl create rolebinding rb --role=pod-reader --user=jane -n team
rolebinding.rbac.authorization.k8s.io/rb created
$ kubectl create rolebinding rb --role=pod-reader --user=jane -n team
error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb" already exists
$ kubectl create clusterrolebinding crb --clusterrole=pod-lister --serviceaccount=default:default
clusterrolebinding.rbac.authorization.k8s.io/crb created
$ kubectl get role,rolebinding -n team
NAME                                        CREATED AT
role.rbac.authorization.k8s.io/pod-reader   2026-11-23T00:00:00Z

NAME                                       ROLE              AGE
rolebinding.rbac.authorization.k8s.io/rb   Role/pod-reader   0s
$ kubectl get clusterrolebinding crb -o wide
NAME   ROLE                     AGE   USERS   GROUPS   SERVICEACCOUNTS
crb    ClusterRole/pod-lister   0s                     default/default
$ kubectl create role r --verb=get --resource=pods --image=x
error: unknown flag: --image
See 'kubectl create role --help' for usage.
"##,
    );
}

/// `auth can-i` as the learner (system:masters: always yes) and as impersonated users: rules by
/// verb, group, resource, subresource (`pods/log`, `--subresource`), a service account's own
/// binding, a group's, non-resource URLs through the bootstrap `system:public-info-viewer`; the
/// exit code; kubectl's warnings (each followed by a blank line: the message ends in a newline
/// and the warning printer adds one); a binding naming a missing Role gives RBAC's reason;
/// `--list` prints the rules review; `auth whoami` the learner or the impersonated user.
#[test]
fn auth_can_i_answers_as_the_rbac_authorizer() {
    check(
        r##"kubectl create namespace dev
kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log -n dev
kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev
kubectl create rolebinding bot-views --clusterrole=view --serviceaccount=dev:bot -n dev
kubectl auth can-i delete nodes
kubectl auth can-i '*' '*'
kubectl auth can-i get pods -n dev --as jane
echo "status $?"
kubectl auth can-i get pods -n default --as=jane
echo "status $?"
kubectl auth can-i get pods/log -n dev --as=jane
kubectl auth can-i get pods --subresource=log -n dev --as=jane
kubectl auth can-i get pods --subresource=exec -n dev --as=jane
kubectl auth can-i list deployments.apps -n dev --as=system:serviceaccount:dev:bot
kubectl auth can-i create deployments -n dev --as=system:serviceaccount:dev:bot
kubectl auth can-i get secrets -n dev --as=system:serviceaccount:dev:bot
kubectl create rolebinding devs-view --clusterrole=view --group=devs -n dev
kubectl auth can-i list pods -n dev --as=someone --as-group=devs
kubectl auth can-i list pods -n dev --as=someone
kubectl auth can-i list nodes --as=jane
kubectl auth can-i get /healthz --as=jane
kubectl auth can-i get /metrics --as=jane
kubectl auth can-i frob foos --as=jane
kubectl auth can-i get pods -A --as=jane
kubectl auth can-i create selfsubjectaccessreviews --as=jane
kubectl create rolebinding ghost --role=missing --user=jane -n dev
kubectl auth can-i delete pods -n dev --as=jane
kubectl auth can-i get
kubectl auth can-i get pods -q --as=jane -n default
echo "status $?"
kubectl auth can-i --list -n dev --as=jane
kubectl auth can-i --list get pods
kubectl auth whoami
kubectl auth whoami --as=system:serviceaccount:dev:bot
kubectl auth reconcile -f rbac.yaml
"##,
        r##"$ kubectl create namespace dev
namespace/dev created
$ kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log -n dev
role.rbac.authorization.k8s.io/pod-reader created
$ kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev
rolebinding.rbac.authorization.k8s.io/jane-reads created
$ kubectl create rolebinding bot-views --clusterrole=view --serviceaccount=dev:bot -n dev
rolebinding.rbac.authorization.k8s.io/bot-views created
$ kubectl auth can-i delete nodes
Warning: resource 'nodes' is not namespace scoped

yes
$ kubectl auth can-i '*' '*'
yes
$ kubectl auth can-i get pods -n dev --as jane
yes
$ echo "status $?"
status 0
$ kubectl auth can-i get pods -n default --as=jane
no
$ echo "status $?"
status 1
$ kubectl auth can-i get pods/log -n dev --as=jane
yes
$ kubectl auth can-i get pods --subresource=log -n dev --as=jane
yes
$ kubectl auth can-i get pods --subresource=exec -n dev --as=jane
no
$ kubectl auth can-i list deployments.apps -n dev --as=system:serviceaccount:dev:bot
yes
$ kubectl auth can-i create deployments -n dev --as=system:serviceaccount:dev:bot
no
$ kubectl auth can-i get secrets -n dev --as=system:serviceaccount:dev:bot
no
$ kubectl create rolebinding devs-view --clusterrole=view --group=devs -n dev
rolebinding.rbac.authorization.k8s.io/devs-view created
$ kubectl auth can-i list pods -n dev --as=someone --as-group=devs
yes
$ kubectl auth can-i list pods -n dev --as=someone
no
$ kubectl auth can-i list nodes --as=jane
Warning: resource 'nodes' is not namespace scoped

no
$ kubectl auth can-i get /healthz --as=jane
yes
$ kubectl auth can-i get /metrics --as=jane
no
$ kubectl auth can-i frob foos --as=jane
Warning: the server doesn't have a resource type 'foos'

Warning: verb 'frob' is not a known verb

no
$ kubectl auth can-i get pods -A --as=jane
no
$ kubectl auth can-i create selfsubjectaccessreviews --as=jane
Warning: resource 'selfsubjectaccessreviews' is not namespace scoped in group 'authorization.k8s.io'

yes
$ kubectl create rolebinding ghost --role=missing --user=jane -n dev
rolebinding.rbac.authorization.k8s.io/ghost created
$ kubectl auth can-i delete pods -n dev --as=jane
no - RBAC: role.rbac.authorization.k8s.io "missing" not found
$ kubectl auth can-i get
error: you must specify two arguments: verb resource or verb resource/resourceName.
See 'kubectl auth can-i -h' for help and examples.
$ kubectl auth can-i get pods -q --as=jane -n default
$ echo "status $?"
status 1
$ kubectl auth can-i --list -n dev --as=jane
Warning: the list may be incomplete: role.rbac.authorization.k8s.io "missing" not found
Resources                                       Non-Resource URLs   Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
pods/log                                        []                  []               [get list watch]
pods                                            []                  []               [get list watch]
                                                [/api/*]            []               [get]
                                                [/api]              []               [get]
                                                [/apis/*]           []               [get]
                                                [/apis]             []               [get]
                                                [/healthz]          []               [get]
                                                [/healthz]          []               [get]
                                                [/livez]            []               [get]
                                                [/livez]            []               [get]
                                                [/openapi/*]        []               [get]
                                                [/openapi]          []               [get]
                                                [/readyz]           []               [get]
                                                [/readyz]           []               [get]
                                                [/version/]         []               [get]
                                                [/version/]         []               [get]
                                                [/version]          []               [get]
                                                [/version]          []               [get]
$ kubectl auth can-i --list get pods
error: list option must be specified with no arguments
$ kubectl auth whoami
ATTRIBUTE   VALUE
Username    minikube-user
Groups      [system:masters system:authenticated]
$ kubectl auth whoami --as=system:serviceaccount:dev:bot
ATTRIBUTE   VALUE
Username    system:serviceaccount:dev:bot
Groups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]
$ kubectl auth reconcile -f rbac.yaml
kubeplay: kubectl auth reconcile is not simulated in this playground
"##,
    );
}

/// The bootstrap ClusterRoles and ClusterRoleBindings (`rbac/bootstrap-roles`): labelled
/// `kubernetes.io/bootstrapping=rbac-defaults`, annotated to auto-update, created before the
/// learner arrived; the learner's rules are cluster-admin's plus what every authenticated user has;
/// the Roles and RoleBindings of kube-system and kube-public, one of them on a named ConfigMap.
#[test]
fn a_fresh_cluster_has_the_bootstrap_policy() {
    check(
        r##"kubectl get clusterroles
kubectl get clusterrolebindings -o wide
kubectl get clusterrole cluster-admin -o yaml
kubectl describe clusterrolebinding system:public-info-viewer
kubectl auth can-i --list
kubectl get roles -A
kubectl get rolebindings -n kube-system -o wide
kubectl auth can-i get configmaps/extension-apiserver-authentication -n kube-system --as=system:kube-scheduler
kubectl auth can-i get configmaps/other -n kube-system --as=system:kube-scheduler
"##,
        r##"$ kubectl get clusterroles
NAME                                                                   CREATED AT
admin                                                                  2026-11-22T23:45:00Z
cluster-admin                                                          2026-11-22T23:45:00Z
edit                                                                   2026-11-22T23:45:00Z
system:aggregate-to-admin                                              2026-11-22T23:45:00Z
system:aggregate-to-edit                                               2026-11-22T23:45:00Z
system:aggregate-to-view                                               2026-11-22T23:45:00Z
system:auth-delegator                                                  2026-11-22T23:45:00Z
system:basic-user                                                      2026-11-22T23:45:00Z
system:certificates.k8s.io:certificatesigningrequests:nodeclient       2026-11-22T23:45:00Z
system:certificates.k8s.io:certificatesigningrequests:selfnodeclient   2026-11-22T23:45:00Z
system:certificates.k8s.io:kube-apiserver-client-approver              2026-11-22T23:45:00Z
system:certificates.k8s.io:kube-apiserver-client-kubelet-approver      2026-11-22T23:45:00Z
system:certificates.k8s.io:kubelet-serving-approver                    2026-11-22T23:45:00Z
system:certificates.k8s.io:legacy-unknown-approver                     2026-11-22T23:45:00Z
system:discovery                                                       2026-11-22T23:45:00Z
system:heapster                                                        2026-11-22T23:45:00Z
system:kube-aggregator                                                 2026-11-22T23:45:00Z
system:kube-controller-manager                                         2026-11-22T23:45:00Z
system:kube-dns                                                        2026-11-22T23:45:00Z
system:kube-scheduler                                                  2026-11-22T23:45:00Z
system:kubelet-api-admin                                               2026-11-22T23:45:00Z
system:monitoring                                                      2026-11-22T23:45:00Z
system:node                                                            2026-11-22T23:45:00Z
system:node-bootstrapper                                               2026-11-22T23:45:00Z
system:node-problem-detector                                           2026-11-22T23:45:00Z
system:node-proxier                                                    2026-11-22T23:45:00Z
system:persistent-volume-provisioner                                   2026-11-22T23:45:00Z
system:public-info-viewer                                              2026-11-22T23:45:00Z
system:service-account-issuer-discovery                                2026-11-22T23:45:00Z
system:volume-scheduler                                                2026-11-22T23:45:00Z
view                                                                   2026-11-22T23:45:00Z
$ kubectl get clusterrolebindings -o wide
NAME                                      ROLE                                                  AGE   USERS                            GROUPS                                         SERVICEACCOUNTS
cluster-admin                             ClusterRole/cluster-admin                             15m                                    system:masters                                 
system:basic-user                         ClusterRole/system:basic-user                         15m                                    system:authenticated                           
system:discovery                          ClusterRole/system:discovery                          15m                                    system:authenticated                           
system:kube-controller-manager            ClusterRole/system:kube-controller-manager            15m   system:kube-controller-manager                                                  
system:kube-dns                           ClusterRole/system:kube-dns                           15m                                                                                   kube-system/kube-dns
system:kube-scheduler                     ClusterRole/system:kube-scheduler                     15m   system:kube-scheduler                                                           
system:monitoring                         ClusterRole/system:monitoring                         15m                                    system:monitoring                              
system:node                               ClusterRole/system:node                               15m                                                                                   
system:node-proxier                       ClusterRole/system:node-proxier                       15m   system:kube-proxy                                                               
system:public-info-viewer                 ClusterRole/system:public-info-viewer                 15m                                    system:authenticated, system:unauthenticated   
system:service-account-issuer-discovery   ClusterRole/system:service-account-issuer-discovery   15m                                    system:serviceaccounts                         
system:volume-scheduler                   ClusterRole/system:volume-scheduler                   15m   system:kube-scheduler                                                           
$ kubectl get clusterrole cluster-admin -o yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  annotations:
    rbac.authorization.kubernetes.io/autoupdate: "true"
  creationTimestamp: "2026-11-22T23:45:00Z"
  labels:
    kubernetes.io/bootstrapping: rbac-defaults
  name: cluster-admin
  resourceVersion: "62"
  uid: 1ee55405-95d5-4bb3-a2e9-366ea468a073
rules:
- apiGroups:
  - '*'
  resources:
  - '*'
  verbs:
  - '*'
- nonResourceURLs:
  - '*'
  verbs:
  - '*'
$ kubectl describe clusterrolebinding system:public-info-viewer
Name:         system:public-info-viewer
Labels:       kubernetes.io/bootstrapping=rbac-defaults
Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
Role:
  Kind:  ClusterRole
  Name:  system:public-info-viewer
Subjects:
  Kind   Name                    Namespace
  ----   ----                    ---------
  Group  system:authenticated    
  Group  system:unauthenticated  
$ kubectl auth can-i --list
Resources                                       Non-Resource URLs   Resource Names   Verbs
*.*                                             []                  []               [*]
                                                [*]                 []               [*]
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
                                                [/api/*]            []               [get]
                                                [/api]              []               [get]
                                                [/apis/*]           []               [get]
                                                [/apis]             []               [get]
                                                [/healthz]          []               [get]
                                                [/healthz]          []               [get]
                                                [/livez]            []               [get]
                                                [/livez]            []               [get]
                                                [/openapi/*]        []               [get]
                                                [/openapi]          []               [get]
                                                [/readyz]           []               [get]
                                                [/readyz]           []               [get]
                                                [/version/]         []               [get]
                                                [/version/]         []               [get]
                                                [/version]          []               [get]
                                                [/version]          []               [get]
$ kubectl get roles -A
NAMESPACE     NAME                                             CREATED AT
kube-public   system:controller:bootstrap-signer               2026-11-22T23:45:00Z
kube-system   extension-apiserver-authentication-reader        2026-11-22T23:45:00Z
kube-system   system::leader-locking-kube-controller-manager   2026-11-22T23:45:00Z
kube-system   system::leader-locking-kube-scheduler            2026-11-22T23:45:00Z
kube-system   system:controller:bootstrap-signer               2026-11-22T23:45:00Z
kube-system   system:controller:cloud-provider                 2026-11-22T23:45:00Z
kube-system   system:controller:token-cleaner                  2026-11-22T23:45:00Z
$ kubectl get rolebindings -n kube-system -o wide
NAME                                                ROLE                                                  AGE   USERS                                                   GROUPS   SERVICEACCOUNTS
system::extension-apiserver-authentication-reader   Role/extension-apiserver-authentication-reader        15m   system:kube-controller-manager, system:kube-scheduler            
system::leader-locking-kube-controller-manager      Role/system::leader-locking-kube-controller-manager   15m   system:kube-controller-manager                                   kube-system/kube-controller-manager
system::leader-locking-kube-scheduler               Role/system::leader-locking-kube-scheduler            15m   system:kube-scheduler                                            kube-system/kube-scheduler
system:controller:bootstrap-signer                  Role/system:controller:bootstrap-signer               15m                                                                    kube-system/bootstrap-signer
system:controller:cloud-provider                    Role/system:controller:cloud-provider                 15m                                                                    kube-system/cloud-provider
system:controller:token-cleaner                     Role/system:controller:token-cleaner                  15m                                                                    kube-system/token-cleaner
$ kubectl auth can-i get configmaps/extension-apiserver-authentication -n kube-system --as=system:kube-scheduler
yes
$ kubectl auth can-i get configmaps/other -n kube-system --as=system:kube-scheduler
no
"##,
    );
}

/// `--as` and `--as-group` on the commands that read and delete: what RBAC denies is the
/// apiserver's Forbidden error (the resource with its group, the verb, the namespace or the
/// cluster scope); `delete` gets or lists first and names each object it may not delete; `logs`
/// and `exec` get their object first; a group's binding applies to a user given that group.
#[test]
fn impersonated_users_get_the_apiservers_forbidden_errors() {
    check(
        r##"kubectl create namespace dev
kubectl create deployment web --image=nginx -n dev
kubectl create role pod-reader --verb=get,list --resource=pods,pods/log -n dev
kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev
kubectl get pods -n dev --as=jane
kubectl get pods --as=jane
kubectl get deployments -n dev --as=jane
kubectl get nodes --as=jane
kubectl get pods -A --as=jane
kubectl get pod ghost -n dev --as=jane
kubectl delete pods --all -n dev --as=jane
kubectl describe deploy web -n dev --as=jane
kubectl logs deploy/web -n dev --as=jane
kubectl exec deploy/web -n dev --as=jane -- ls
kubectl get deploy web -n dev --as=system:serviceaccount:dev:default
kubectl create rolebinding devs --clusterrole=view --group=devs -n dev
kubectl get deploy -n dev --as=bob --as-group=devs
kubectl get deploy -n dev --as=bob
"##,
        r##"$ kubectl create namespace dev
namespace/dev created
$ kubectl create deployment web --image=nginx -n dev
deployment.apps/web created
$ kubectl create role pod-reader --verb=get,list --resource=pods,pods/log -n dev
role.rbac.authorization.k8s.io/pod-reader created
$ kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev
rolebinding.rbac.authorization.k8s.io/jane-reads created
$ kubectl get pods -n dev --as=jane
NAME                   READY   STATUS    RESTARTS   AGE
web-797596b896-qrgfc   0/1     Pending   0          0s
$ kubectl get pods --as=jane
Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"
$ kubectl get deployments -n dev --as=jane
Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "dev"
$ kubectl get nodes --as=jane
Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope
$ kubectl get pods -A --as=jane
Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope
$ kubectl get pod ghost -n dev --as=jane
Error from server (NotFound): pods "ghost" not found
$ kubectl delete pods --all -n dev --as=jane
Error from server (Forbidden): pods "web-797596b896-qrgfc" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "dev"
$ kubectl describe deploy web -n dev --as=jane
Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "dev"
$ kubectl logs deploy/web -n dev --as=jane
Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "dev"
$ kubectl exec deploy/web -n dev --as=jane -- ls
Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "dev"
$ kubectl get deploy web -n dev --as=system:serviceaccount:dev:default
Error from server (Forbidden): deployments.apps "web" is forbidden: User "system:serviceaccount:dev:default" cannot get resource "deployments" in API group "apps" in the namespace "dev"
$ kubectl create rolebinding devs --clusterrole=view --group=devs -n dev
rolebinding.rbac.authorization.k8s.io/devs created
$ kubectl get deploy -n dev --as=bob --as-group=devs
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    0/1     1            0           0s
$ kubectl get deploy -n dev --as=bob
Error from server (Forbidden): deployments.apps is forbidden: User "bob" cannot list resource "deployments" in API group "apps" in the namespace "dev"
"##,
    );
}

/// `--as` on the commands that change objects: the builder's GET is authorized first, then the
/// apiserver authorizes the write itself (create, patch, the scale subresource, delete), and each
/// command words the refusal its own way (`failed to create deployment: ...`, `failed to patch
/// image update to pod template: ...`, apply's `error when retrieving current configuration`).
/// What the role allows (jane may create Deployments) goes through.
#[test]
fn impersonated_writes_are_authorized_by_the_apiserver() {
    check(
        r##"kubectl create deployment web --image=nginx
kubectl create role deployer --verb=get,list,create --resource=deployments
kubectl create rolebinding jane-deployer --role=deployer --user=jane
kubectl create deployment api --image=nginx --as=jane
kubectl create deployment api2 --image=nginx --as=bob
kubectl scale deployment web --replicas=3 --as=jane
kubectl scale deployment web --replicas=3 --as=bob
kubectl set image deployment/web nginx=nginx:1.25 --as=jane
kubectl label deployment web tier=web --as=jane
kubectl run solo --image=nginx --as=jane
kubectl create configmap cfg --from-literal=a=b --as=jane
kubectl create namespace team --as=jane
kubectl apply -f - --as=jane <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  a: b
Y
kubectl expose deployment web --port=80 --as=jane
kubectl rollout restart deployment/web --as=jane
kubectl set image deployment/web nginx=nginx:1.25 --as=bob
kubectl delete deployment api --as=jane
kubectl get deploy
"##,
        r##"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl create role deployer --verb=get,list,create --resource=deployments
role.rbac.authorization.k8s.io/deployer created
$ kubectl create rolebinding jane-deployer --role=deployer --user=jane
rolebinding.rbac.authorization.k8s.io/jane-deployer created
$ kubectl create deployment api --image=nginx --as=jane
deployment.apps/api created
$ kubectl create deployment api2 --image=nginx --as=bob
error: failed to create deployment: deployments.apps is forbidden: User "bob" cannot create resource "deployments" in API group "apps" in the namespace "default"
$ kubectl scale deployment web --replicas=3 --as=jane
Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"
$ kubectl scale deployment web --replicas=3 --as=bob
Error from server (Forbidden): deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments" in API group "apps" in the namespace "default"
$ kubectl set image deployment/web nginx=nginx:1.25 --as=jane
error: failed to patch image update to pod template: deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "default"
$ kubectl label deployment web tier=web --as=jane
Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "default"
$ kubectl run solo --image=nginx --as=jane
Error from server (Forbidden): pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default"
$ kubectl create configmap cfg --from-literal=a=b --as=jane
error: failed to create configmap: configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "default"
$ kubectl create namespace team --as=jane
Error from server (Forbidden): namespaces is forbidden: User "jane" cannot create resource "namespaces" in API group "" at the cluster scope
$ kubectl apply -f - --as=jane <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  a: b
Y
Error from server (Forbidden): error when retrieving current configuration of:
Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"
Name: "applied", Namespace: "default"
from server for: "STDIN": configmaps "applied" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "default"
$ kubectl expose deployment web --port=80 --as=jane
Error from server (Forbidden): services is forbidden: User "jane" cannot create resource "services" in API group "" in the namespace "default"
$ kubectl rollout restart deployment/web --as=jane
error: failed to patch: deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "default"
$ kubectl set image deployment/web nginx=nginx:1.25 --as=bob
Error from server (Forbidden): deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments" in API group "apps" in the namespace "default"
$ kubectl delete deployment api --as=jane
Error from server (Forbidden): deployments.apps "api" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "default"
$ kubectl get deploy
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
api    0/1     1            0           0s
web    0/1     1            0           0s
"##,
    );
}
