//! `kubectl exec -it POD -- sh`: the terminal's next lines run in the container's shell, after
//! its prompt, keeping their variables, until `exit` (or the container going away); `-i` with a
//! heredoc runs the text; bash where the image has none is the runtime's error; kubectl exits
//! with the remote command's status.

use crate::support::check;

/// The seed article's API-server walk-through typed as it is written, inside a pod, then bash in
/// nginx, a heredoc, exit statuses, and a session that ends because its container did.
#[test]
fn an_interactive_shell_runs_the_lines_typed_after_it() {
    let script = r#"kubectl run curl --image=curlimages/curl --command -- sleep 9999999
kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port 80
kubectl run once --image=busybox:1.36 --restart=Never -- sleep 30
sleep 10
kubectl exec -it curl -- sh
ls /var/run/secrets/kubernetes.io/serviceaccount/
SERVICEACCOUNT=/var/run/secrets/kubernetes.io/serviceaccount
NAMESPACE=$(cat ${SERVICEACCOUNT}/namespace)
echo "namespace: $NAMESPACE"
curl -s web:80 | grep title
kubectl get pods
exit
echo "back: $? $NAMESPACE."
kubectl exec -it deploy/web -- bash
export GREETING=hello; echo "$GREETING from $(hostname)"
kubectl get pods
exit 3
echo "status $?"
kubectl exec -it curl -- bash
kubectl exec -i deploy/web -- sh <<'EOF2'
echo from a heredoc
hostname
EOF2
kubectl exec deploy/web -- sh -c 'exit 5'; echo "exec status $?"
kubectl exec -it once -- sh
echo inside
sleep 30
echo still there?
kubectl get pod once
"#;
    let expected = r#"$ kubectl run curl --image=curlimages/curl --command -- sleep 9999999
pod/curl created
$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl expose deployment web --port 80
service/web exposed
$ kubectl run once --image=busybox:1.36 --restart=Never -- sleep 30
pod/once created
$ sleep 10
$ kubectl exec -it curl -- sh
/ # ls /var/run/secrets/kubernetes.io/serviceaccount/
ca.crt
namespace
token
/ # SERVICEACCOUNT=/var/run/secrets/kubernetes.io/serviceaccount
/ # NAMESPACE=$(cat ${SERVICEACCOUNT}/namespace)
/ # echo "namespace: $NAMESPACE"
namespace: default
/ # curl -s web:80 | grep title
<title>Welcome to nginx!</title>
/ # kubectl get pods
sh: kubectl: not found
/ # exit
$ echo "back: $? $NAMESPACE."
back: 0 .
$ kubectl exec -it deploy/web -- bash
root@web-6766cbdd68-cgcsc:/# export GREETING=hello; echo "$GREETING from $(hostname)"
hello from web-6766cbdd68-cgcsc
root@web-6766cbdd68-cgcsc:/# kubectl get pods
bash: kubectl: command not found
root@web-6766cbdd68-cgcsc:/# exit 3
exit
command terminated with exit code 3
$ echo "status $?"
status 3
$ kubectl exec -it curl -- bash
error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "718f5ef7d710d573a8541c919c613bc714e5e0d9c8e3995553f5e91430379de8": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown
$ kubectl exec -i deploy/web -- sh <<'EOF2'
echo from a heredoc
hostname
EOF2
from a heredoc
web-6766cbdd68-cgcsc
$ kubectl exec deploy/web -- sh -c 'exit 5'; echo "exec status $?"
command terminated with exit code 5
exec status 5
$ kubectl exec -it once -- sh
/ # echo inside
inside
/ # sleep 30
/ # echo still there?
command terminated with exit code 137
$ kubectl get pod once
NAME   READY   STATUS      RESTARTS   AGE
once   0/1     Completed   0          40s
"#;
    check(script, expected);
}

/// `kubectl run -i|-it [--rm]`: a finished command's output and `pod "NAME" deleted`; a shell
/// attached as the terminal's session, its `exit` ending the pod before `--rm` deletes it; a
/// failed pod's error with its exit code; "Session ended" when the pod restarts Always; a
/// server that keeps running; `--dry-run` refused with attaching.
#[test]
fn kubectl_run_attaches_as_kubectl_does() {
    let script = r#"kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port 80
kubectl run -it --rm --restart=Never busybox --image=busybox:1.28 -- nslookup kubernetes.default
echo "status $?"
kubectl run tmp --rm -i --tty --image=busybox -- sh
wget -qO- web | grep title
echo "in $(hostname)"
exit
echo "status $?"
kubectl get pods
kubectl run fail -i --rm --restart=Never --image=busybox -- sh -c 'echo failing; exit 4'
echo "status $?"
kubectl run keep -it --image=busybox --restart=Always -- sh
exit
kubectl run web2 -i --image=nginx:1.25
kubectl run x -it --image=busybox --dry-run=client
"#;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl expose deployment web --port 80
service/web exposed
$ kubectl run -it --rm --restart=Never busybox --image=busybox:1.28 -- nslookup kubernetes.default
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      kubernetes.default
Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
pod "busybox" deleted
$ echo "status $?"
status 0
$ kubectl run tmp --rm -i --tty --image=busybox -- sh
If you don't see a command prompt, try pressing enter.
/ # wget -qO- web | grep title
<title>Welcome to nginx!</title>
/ # echo "in $(hostname)"
in tmp
/ # exit
pod "tmp" deleted
$ echo "status $?"
status 0
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-6766cbdd68-2dw4q   1/1     Running   0          9s
$ kubectl run fail -i --rm --restart=Never --image=busybox -- sh -c 'echo failing; exit 4'
failing
pod "fail" deleted
pod default/fail terminated (Error)
$ echo "status $?"
status 4
$ kubectl run keep -it --image=busybox --restart=Always -- sh
If you don't see a command prompt, try pressing enter.
/ # exit
Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running
$ kubectl run web2 -i --image=nginx:1.25
/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
2026/11/23 00:00:22 [notice] 1#1: using the "epoll" event method
2026/11/23 00:00:22 [notice] 1#1: nginx/1.25.5
2026/11/23 00:00:22 [notice] 1#1: start worker processes
kubeplay: pod/web2 keeps running; kubectl would stay attached until it ends (follow it with `kubectl logs -f web2`)
$ kubectl run x -it --image=busybox --dry-run=client
error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)
See 'kubectl run -h' for help and examples
"#;
    check(script, expected);
}

/// kubernetes.io's DNS check with busybox 1.28 (the nslookup applet before its rewrite: the
/// server's and each address's reverse names, `can't resolve` and exit 1), then a newer busybox.
#[test]
fn busybox_1_28_nslookup_prints_as_the_dns_debugging_page_shows() {
    let script = r#"kubectl run -it --rm --restart=Never busybox --image=busybox:1.28 -- nslookup kubernetes.default
kubectl run -it --rm --restart=Never bb2 --image=busybox:1.28 -- nslookup nosuch
kubectl run -it --rm --restart=Never bb3 --image=busybox:1.36 -- nslookup kubernetes.default
"#;
    let expected = r#"$ kubectl run -it --rm --restart=Never busybox --image=busybox:1.28 -- nslookup kubernetes.default
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      kubernetes.default
Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
pod "busybox" deleted
$ kubectl run -it --rm --restart=Never bb2 --image=busybox:1.28 -- nslookup nosuch
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'nosuch'
pod "bb2" deleted
pod default/bb2 terminated (Error)
$ kubectl run -it --rm --restart=Never bb3 --image=busybox:1.36 -- nslookup kubernetes.default
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	kubernetes.default.svc.cluster.local
Address: 10.96.0.1

pod "bb3" deleted
"#;
    check(script, expected);
}

/// `kubectl attach` (attach.go): to a `run -it --restart=Always` shell after its session ended
/// and the container restarted, `-i -t` opens the shell again; any other container would stream
/// until Ctrl-C, which kubeplay says; its argument errors and a completed pod's refusal.
#[test]
fn attach_reopens_a_restarted_shell_and_refuses_as_kubectl_does() {
    check(
        r#"kubectl run shell -it --restart=Always --image=busybox -- sh
echo inside
exit
sleep 15
kubectl get pod shell
kubectl attach shell -c shell -i -t
echo again
hostname
exit
kubectl create deployment web --image=nginx
sleep 10
kubectl attach deploy/web
kubectl attach
kubectl attach a b c
kubectl run done --image=busybox --restart=Never -- echo hi
sleep 10
kubectl attach done
kubectl attach nope
"#,
        r#"$ kubectl run shell -it --restart=Always --image=busybox -- sh
If you don't see a command prompt, try pressing enter.
/ # echo inside
inside
/ # exit
Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running
$ sleep 15
$ kubectl get pod shell
NAME    READY   STATUS    RESTARTS      AGE
shell   1/1     Running   1 (15s ago)   19s
$ kubectl attach shell -c shell -i -t
If you don't see a command prompt, try pressing enter.
/ # echo again
again
/ # hostname
shell
/ # exit
Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running
$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ sleep 10
$ kubectl attach deploy/web
If you don't see a command prompt, try pressing enter.
kubeplay: kubectl attach streams pod/web-797596b896-sb4mj's output from now until you press Ctrl-C, which this terminal cannot send; follow it with `kubectl logs -f web-797596b896-sb4mj`
$ kubectl attach
error: at least 1 argument is required for attach
$ kubectl attach a b c
error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]
$ kubectl run done --image=busybox --restart=Never -- echo hi
pod/done created
$ sleep 10
$ kubectl attach done
error: cannot attach a container in a completed pod; current phase is Succeeded
$ kubectl attach nope
Error from server (NotFound): pods "nope" not found
"#,
    );
}

/// `$?` in a container shell: the last command's status, kept from one line of the session to
/// the next; a list's error and output in the order they were written.
#[test]
fn a_container_shell_knows_the_last_status() {
    check(
        r#"kubectl run b -it --image=busybox -- sh
false
echo "status $?"
echo $?
cat /nope
echo "cat said $?"
ls /nope; echo $?
exit 3
"#,
        r#"$ kubectl run b -it --image=busybox -- sh
If you don't see a command prompt, try pressing enter.
/ # false
/ # echo "status $?"
status 1
/ # echo $?
0
/ # cat /nope
cat: can't open '/nope': No such file or directory
/ # echo "cat said $?"
cat said 1
/ # ls /nope; echo $?
ls: /nope: No such file or directory
1
/ # exit 3
"#,
    );
}

/// A container shell's exports: `env` (and `printenv`) see what `export` added and lose what
/// `unset` removed, a plain assignment stays the shell's; `export`/`export -p` without names list
/// every exported variable sorted, as ash and dash write them (`export A='it'"'"'s'`) or as bash
/// does (`declare -x A="x"`); an interactive session keeps its exports between lines.
#[test]
fn exported_variables_reach_env_and_export_lists_them() {
    crate::support::check(
        r##"kubectl run bb --image=busybox -- sleep 3600
kubectl wait --for=condition=Ready pod/bb
kubectl exec bb -- sh -c 'FOO=bar; env | grep FOO; export BAZ=1; env | grep BAZ; echo $FOO'
kubectl exec bb -- sh -c "export A=\"it's\"; B=1; export -p"
kubectl run ng --image=nginx
kubectl wait --for=condition=Ready pod/ng
kubectl exec ng -- bash -c 'export A=x; unset HOME; export | head -3; env | grep -c HOME'
kubectl exec -it bb -- sh
export FOO=bar
env | grep FOO
exit
"##,
        r##"$ kubectl run bb --image=busybox -- sleep 3600
pod/bb created
$ kubectl wait --for=condition=Ready pod/bb
pod/bb condition met
$ kubectl exec bb -- sh -c 'FOO=bar; env | grep FOO; export BAZ=1; env | grep BAZ; echo $FOO'
BAZ=1
bar
$ kubectl exec bb -- sh -c "export A=\"it's\"; B=1; export -p"
export A='it'"'"'s'
export HOME='/root'
export HOSTNAME='bb'
export KUBERNETES_PORT='tcp://10.96.0.1:443'
export KUBERNETES_PORT_443_TCP='tcp://10.96.0.1:443'
export KUBERNETES_PORT_443_TCP_ADDR='10.96.0.1'
export KUBERNETES_PORT_443_TCP_PORT='443'
export KUBERNETES_PORT_443_TCP_PROTO='tcp'
export KUBERNETES_SERVICE_HOST='10.96.0.1'
export KUBERNETES_SERVICE_PORT='443'
export KUBERNETES_SERVICE_PORT_HTTPS='443'
export PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
$ kubectl run ng --image=nginx
pod/ng created
$ kubectl wait --for=condition=Ready pod/ng
pod/ng condition met
$ kubectl exec ng -- bash -c 'export A=x; unset HOME; export | head -3; env | grep -c HOME'
declare -x A="x"
declare -x HOSTNAME="ng"
declare -x KUBERNETES_PORT="tcp://10.96.0.1:443"
0
command terminated with exit code 1
$ kubectl exec -it bb -- sh
/ # export FOO=bar
/ # env | grep FOO
FOO=bar
/ # exit
"##,
    );
}
