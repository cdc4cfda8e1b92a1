//! Files in containers: what images ship (nginx's pages and configuration), what the learner
//! writes with shell redirections, pathname expansion, the working directory, and nginx serving
//! its document root as it stands.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The load-balancing exercise: each pod's index.html written through `exec`, then requests to
/// the Service answered by both pods in turn; a page added with `>>`, a 404; a replaced pod
/// serves the image's page again (what was written went with the pod).
#[test]
fn each_pods_page_shows_which_pod_a_service_sent_the_request_to() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl expose deployment web --port=80
sleep 10
kubectl get pods -o name
kubectl exec web-797596b896-2dw4q -- sh -c 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'
kubectl exec web-797596b896-cbv4x -- sh -c 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'
kubectl exec web-797596b896-cbv4x -- sh -c 'for i in 1 2 3 4 5 6; do curl -s web; done'
kubectl exec web-797596b896-cbv4x -- sh -c 'echo "<h1>about</h1>" >> /usr/share/nginx/html/about.html; curl -s localhost/about.html; curl -s -o /dev/null -w "%{http_code}\n" localhost/missing.html'
kubectl delete pod web-797596b896-2dw4q
sleep 10
kubectl exec deploy/web -- sh -c 'for i in 1 2 3 4; do curl -s web | head -1; done'
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ sleep 10
$ kubectl get pods -o name
pod/web-797596b896-2dw4q
pod/web-797596b896-cbv4x
$ kubectl exec web-797596b896-2dw4q -- sh -c 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'
$ kubectl exec web-797596b896-cbv4x -- sh -c 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'
$ kubectl exec web-797596b896-cbv4x -- sh -c 'for i in 1 2 3 4 5 6; do curl -s web; done'
hello from web-797596b896-cbv4x
hello from web-797596b896-2dw4q
hello from web-797596b896-2dw4q
hello from web-797596b896-cbv4x
hello from web-797596b896-2dw4q
hello from web-797596b896-cbv4x
$ kubectl exec web-797596b896-cbv4x -- sh -c 'echo "<h1>about</h1>" >> /usr/share/nginx/html/about.html; curl -s localhost/about.html; curl -s -o /dev/null -w "%{http_code}\n" localhost/missing.html'
<h1>about</h1>
404
$ kubectl delete pod web-797596b896-2dw4q
pod "web-797596b896-2dw4q" deleted
$ sleep 10
$ kubectl exec deploy/web -- sh -c 'for i in 1 2 3 4; do curl -s web | head -1; done'
hello from web-797596b896-cbv4x
<!DOCTYPE html>
hello from web-797596b896-cbv4x
<!DOCTYPE html>
"#,
    );
}

/// Redirections (`>`, `>>`, `<`, `2>/dev/null`, `> FILE 2>&1`) and their errors, pathname
/// expansion (sorted; a pattern that matches nothing, or is quoted, stays as written), `cd`
/// and `pwd`, FILE operands of `wc`/`head`/`grep`, GNU cat's wording in a Debian image.
#[test]
fn redirections_globs_and_the_working_directory() {
    check(
        r#"kubectl create deployment web --image=nginx
sleep 10
kubectl exec deploy/web -- sh -c 'cd /usr/share/nginx/html && pwd && ls *.html && echo one > a.txt && echo two >> a.txt && wc -l a.txt && cat < a.txt'
kubectl exec deploy/web -- sh -c 'ls /etc/nginx/*.conf /etc/nginx/conf.d/*; echo "/etc/nginx/*"; echo /nope/*'
kubectl exec deploy/web -- sh -c 'ls /nope 2>/dev/null; echo "status $?"; ls /nope > /tmp/out 2>&1; cat /tmp/out'
kubectl exec deploy/web -- sh -c 'echo x > /nope/file'
kubectl exec deploy/web -- sh -c 'echo x > /tmp'
kubectl exec deploy/web -- bash -c 'cd /nope'
kubectl exec deploy/web -- sh -c 'cat < /nope'
kubectl exec deploy/web -- sh -c 'cat /nope'
kubectl exec deploy/web -- head -2 /etc/os-release
kubectl exec deploy/web -- grep -n root /etc/nginx/conf.d/default.conf
kubectl exec deploy/web -- sh -c 'echo ">" is not a redirect, "*" is not a glob'
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ sleep 10
$ kubectl exec deploy/web -- sh -c 'cd /usr/share/nginx/html && pwd && ls *.html && echo one > a.txt && echo two >> a.txt && wc -l a.txt && cat < a.txt'
/usr/share/nginx/html
50x.html
index.html
2 a.txt
one
two
$ kubectl exec deploy/web -- sh -c 'ls /etc/nginx/*.conf /etc/nginx/conf.d/*; echo "/etc/nginx/*"; echo /nope/*'
/etc/nginx/nginx.conf
/etc/nginx/conf.d/default.conf
/etc/nginx/*
/nope/*
$ kubectl exec deploy/web -- sh -c 'ls /nope 2>/dev/null; echo "status $?"; ls /nope > /tmp/out 2>&1; cat /tmp/out'
status 2
ls: cannot access '/nope': No such file or directory
$ kubectl exec deploy/web -- sh -c 'echo x > /nope/file'
sh: can't create /nope/file: nonexistent directory
command terminated with exit code 1
$ kubectl exec deploy/web -- sh -c 'echo x > /tmp'
sh: can't create /tmp: Is a directory
command terminated with exit code 1
$ kubectl exec deploy/web -- bash -c 'cd /nope'
bash: cd: /nope: No such file or directory
command terminated with exit code 1
$ kubectl exec deploy/web -- sh -c 'cat < /nope'
sh: can't open '/nope': No such file or directory
command terminated with exit code 1
$ kubectl exec deploy/web -- sh -c 'cat /nope'
cat: /nope: No such file or directory
command terminated with exit code 1
$ kubectl exec deploy/web -- head -2 /etc/os-release
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
$ kubectl exec deploy/web -- grep -n root /etc/nginx/conf.d/default.conf
9:        root   /usr/share/nginx/html;
19:        root   /usr/share/nginx/html;
31:    #    root           html;
38:    # deny access to .htaccess files, if Apache's document root
$ kubectl exec deploy/web -- sh -c 'echo ">" is not a redirect, "*" is not a glob'
> is not a redirect, * is not a glob
"#,
    );
}

/// A ConfigMap mounted over nginx's document root is what it serves (and read-only); an
/// emptyDir hides the image's pages, so nginx answers 403 until a page is written.
#[test]
fn volumes_mounted_over_nginxs_document_root() {
    check(
        r#"kubectl create configmap site --from-literal=index.html='<h1>from a ConfigMap</h1>'
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    configMap:
      name: site
---
apiVersion: v1
kind: Pod
metadata:
  name: empty
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    emptyDir: {}
YAML
sleep 15
kubectl exec site -- curl -s localhost
kubectl exec site -- ls /usr/share/nginx/html
kubectl exec site -- sh -c 'echo changed > /usr/share/nginx/html/index.html'
kubectl exec empty -- curl -s -o /dev/null -w "%{http_code}\n" localhost
kubectl exec empty -- sh -c 'echo filled > /usr/share/nginx/html/index.html; curl -s localhost'
"#,
        r#"$ kubectl create configmap site --from-literal=index.html='<h1>from a ConfigMap</h1>'
configmap/site created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    configMap:
      name: site
---
apiVersion: v1
kind: Pod
metadata:
  name: empty
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    emptyDir: {}
YAML
pod/site created
pod/empty created
$ sleep 15
$ kubectl exec site -- curl -s localhost
<h1>from a ConfigMap</h1>
$ kubectl exec site -- ls /usr/share/nginx/html
index.html
$ kubectl exec site -- sh -c 'echo changed > /usr/share/nginx/html/index.html'
sh: can't create /usr/share/nginx/html/index.html: Read-only file system
command terminated with exit code 1
$ kubectl exec empty -- curl -s -o /dev/null -w "%{http_code}\n" localhost
403
$ kubectl exec empty -- sh -c 'echo filled > /usr/share/nginx/html/index.html; curl -s localhost'
filled
"#,
    );
}

/// `exec -it`: `cd` changes the prompt's directory (bash's `~` for HOME) for the next lines.
#[test]
fn interactive_shells_keep_their_working_directory() {
    check(
        r#"kubectl create deployment web --image=nginx
kubectl create deployment box --image=busybox -- sleep 3600
sleep 10
kubectl exec -it deploy/web -- bash
cd /usr/share/nginx/html
ls
echo "hi" > hi.html
cat hi.html
cd ~
pwd
exit
kubectl exec -it deploy/box -- sh
cd /tmp
echo saved > note
cat note
exit
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl create deployment box --image=busybox -- sleep 3600
deployment.apps/box created
$ sleep 10
$ kubectl exec -it deploy/web -- bash
root@web-797596b896-2dw4q:/# cd /usr/share/nginx/html
root@web-797596b896-2dw4q:/usr/share/nginx/html# ls
50x.html
index.html
root@web-797596b896-2dw4q:/usr/share/nginx/html# echo "hi" > hi.html
root@web-797596b896-2dw4q:/usr/share/nginx/html# cat hi.html
hi
root@web-797596b896-2dw4q:/usr/share/nginx/html# cd ~
root@web-797596b896-2dw4q:~# pwd
/root
root@web-797596b896-2dw4q:~# exit
exit
$ kubectl exec -it deploy/box -- sh
/ # cd /tmp
/tmp # echo saved > note
/tmp # cat note
saved
/tmp # exit
"#,
    );
}

/// `kubectl cp` both ways: a playground file into a pod (into a directory as its own name; tar's
/// errors for a missing directory), a container's file out (tar's note about the leading `/`,
/// GNU's or busybox's), and CopyOptions' refusals.
#[test]
fn kubectl_cp_moves_files_between_the_playground_and_containers() {
    check(
        r#"kubectl create deployment web --image=nginx
kubectl run box --image=busybox -- sleep 3600
sleep 10
kubectl get pods -o name
cat > page.html <<'EOT'
<h1>copied in</h1>
EOT
kubectl cp page.html web-797596b896-2dw4q:/usr/share/nginx/html/index.html
kubectl exec web-797596b896-2dw4q -- curl -s localhost
kubectl cp page.html web-797596b896-2dw4q:/usr/share/nginx/html
kubectl exec web-797596b896-2dw4q -- ls /usr/share/nginx/html
kubectl cp web-797596b896-2dw4q:/etc/nginx/conf.d/default.conf default.conf
cat default.conf | grep -c location
kubectl cp web-797596b896-2dw4q:etc/nginx/nginx.conf ./nginx.conf
kubectl cp web-797596b896-2dw4q:/nope here
kubectl cp box:/etc/hostname hostname.txt
cat hostname.txt
kubectl cp nothere.txt box:/tmp
kubectl cp page.html ghost:/tmp
kubectl cp page.html box:/nope/dir/x
kubectl cp a b
kubectl cp a:x b:y
kubectl cp page.html
kubectl cp page.html default/box:/tmp/
kubectl exec box -- cat /tmp/page.html
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl run box --image=busybox -- sleep 3600
pod/box created
$ sleep 10
$ kubectl get pods -o name
pod/box
pod/web-797596b896-2dw4q
$ cat > page.html <<'EOT'
<h1>copied in</h1>
EOT
$ kubectl cp page.html web-797596b896-2dw4q:/usr/share/nginx/html/index.html
$ kubectl exec web-797596b896-2dw4q -- curl -s localhost
<h1>copied in</h1>
$ kubectl cp page.html web-797596b896-2dw4q:/usr/share/nginx/html
$ kubectl exec web-797596b896-2dw4q -- ls /usr/share/nginx/html
50x.html
index.html
page.html
$ kubectl cp web-797596b896-2dw4q:/etc/nginx/conf.d/default.conf default.conf
tar: Removing leading `/' from member names
$ cat default.conf | grep -c location
5
$ kubectl cp web-797596b896-2dw4q:etc/nginx/nginx.conf ./nginx.conf
$ kubectl cp web-797596b896-2dw4q:/nope here
tar: Removing leading `/' from member names
tar: /nope: Cannot stat: No such file or directory
tar: Exiting with failure status due to previous errors
$ kubectl cp box:/etc/hostname hostname.txt
tar: removing leading '/' from member names
$ cat hostname.txt
box
$ kubectl cp nothere.txt box:/tmp
error: nothere.txt doesn't exist in local filesystem
$ kubectl cp page.html ghost:/tmp
Error from server (NotFound): pods "ghost" not found
$ kubectl cp page.html box:/nope/dir/x
tar: can't change directory to '/nope/dir': No such file or directory
command terminated with exit code 1
$ kubectl cp a b
error: one of src or dest must be a remote file specification
$ kubectl cp a:x b:y
error: one of src or dest must be a local file specification
$ kubectl cp page.html
error: source and destination are required
$ kubectl cp page.html default/box:/tmp/
$ kubectl exec box -- cat /tmp/page.html
<h1>copied in</h1>
"#,
    );
}

/// The CKAD exercise: copy busybox's `/etc/passwd` out of the pod (a relative path: no note from
/// tar) and read it locally.
#[test]
fn busyboxs_passwd_copied_out() {
    check(
        r#"kubectl run busybox --image=busybox --restart=Never -- sleep 3600
sleep 10
kubectl cp busybox:etc/passwd ./passwd
cat passwd | head -2
kubectl exec busybox -- grep -c x /etc/passwd
"#,
        r#"$ kubectl run busybox --image=busybox --restart=Never -- sleep 3600
pod/busybox created
$ sleep 10
$ kubectl cp busybox:etc/passwd ./passwd
$ cat passwd | head -2
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
$ kubectl exec busybox -- grep -c x /etc/passwd
9
"#,
    );
}

/// bash's arithmetic command `(( ))` (its `>` compares; status 0 for a value other than 0;
/// bash's error text), and PWD as the shells keep it.
#[test]
fn bash_arithmetic_commands_and_pwd() {
    check(
        r#"kubectl create deployment web --image=nginx
sleep 10
kubectl exec deploy/web -- bash -c 'x=3; (( x > 2 )) && echo big; (( x++ )); echo $x; (( 0 )) || echo zero; (( 1 / 0 )); echo $PWD'
kubectl exec deploy/web -- sh -c 'echo $PWD; cd /tmp; echo $PWD'
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ sleep 10
$ kubectl exec deploy/web -- bash -c 'x=3; (( x > 2 )) && echo big; (( x++ )); echo $x; (( 0 )) || echo zero; (( 1 / 0 )); echo $PWD'
big
4
zero
bash: ((: 1 / 0 : division by 0 (error token is "0 ")
/
$ kubectl exec deploy/web -- sh -c 'echo $PWD; cd /tmp; echo $PWD'
/
/tmp
"#,
    );
}

/// `mkdir [-p]`, `cp`, `mv` and `rm [-r] [-f]` in the container's storage, GNU's and busybox's
/// words for their errors; removing nginx's index.html leaves it answering 403.
#[test]
fn mkdir_cp_mv_and_rm() {
    check(
        r#"kubectl create deployment web --image=nginx
kubectl run box --image=busybox -- sleep 3600
sleep 10
kubectl exec deploy/web -- sh -c 'mkdir /tmp/site && echo hi > /tmp/site/a.txt && ls /tmp/site && mkdir /tmp/site; mkdir /x/y; mkdir -p /x/y && ls /x'
kubectl exec deploy/web -- sh -c 'cp /tmp/site/a.txt /tmp/b.txt && mv /tmp/b.txt /tmp/site && ls /tmp/site; cp /nope /tmp; cp /tmp/site/a.txt'
kubectl exec deploy/web -- sh -c 'rm /usr/share/nginx/html/index.html; ls /usr/share/nginx/html; curl -s -o /dev/null -w "%{http_code}\n" localhost'
kubectl exec deploy/web -- sh -c 'rm /tmp/site; rm -r /tmp/site; ls /tmp; rm /nope; rm -f /nope; echo $?'
kubectl exec deploy/web -- sh -c 'cd /tmp && mkdir work && cd work && echo x > f && pwd && ls'
kubectl exec box -- sh -c 'rm /nope; mkdir /a/b; cp /nope /tmp'
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl run box --image=busybox -- sleep 3600
pod/box created
$ sleep 10
$ kubectl exec deploy/web -- sh -c 'mkdir /tmp/site && echo hi > /tmp/site/a.txt && ls /tmp/site && mkdir /tmp/site; mkdir /x/y; mkdir -p /x/y && ls /x'
a.txt
mkdir: cannot create directory '/tmp/site': File exists
mkdir: cannot create directory '/x/y': No such file or directory
y
$ kubectl exec deploy/web -- sh -c 'cp /tmp/site/a.txt /tmp/b.txt && mv /tmp/b.txt /tmp/site && ls /tmp/site; cp /nope /tmp; cp /tmp/site/a.txt'
a.txt
b.txt
cp: cannot stat '/nope': No such file or directory
cp: missing destination file operand after '/tmp/site/a.txt'
Try 'cp --help' for more information.
command terminated with exit code 1
$ kubectl exec deploy/web -- sh -c 'rm /usr/share/nginx/html/index.html; ls /usr/share/nginx/html; curl -s -o /dev/null -w "%{http_code}\n" localhost'
50x.html
403
$ kubectl exec deploy/web -- sh -c 'rm /tmp/site; rm -r /tmp/site; ls /tmp; rm /nope; rm -f /nope; echo $?'
rm: cannot remove '/tmp/site': Is a directory
rm: cannot remove '/nope': No such file or directory
0
$ kubectl exec deploy/web -- sh -c 'cd /tmp && mkdir work && cd work && echo x > f && pwd && ls'
/tmp/work
f
$ kubectl exec box -- sh -c 'rm /nope; mkdir /a/b; cp /nope /tmp'
rm: can't remove '/nope': No such file or directory
mkdir: can't create directory '/a/b': No such file or directory
cp: can't stat '/nope': No such file or directory
command terminated with exit code 1
"#,
    );
}

/// Here-documents in container shells: `kubectl exec -i` passes a heredoc to the command's
/// stdin; `sh -c` scripts over several lines hold their own (`<<EOF` expands, `<<-'RAW'` strips
/// tabs and does not); `<<` inside quotes is a word; in an `exec -it` shell the lines after the
/// operator are its text and the file is written in the container, not the playground.
#[test]
fn heredocs_feed_container_commands_as_the_shell_reads_them() {
    check(
        r#"kubectl run web --image=nginx:1.25
sleep 8
kubectl exec -i web -- sh -c 'cat > /usr/share/nginx/html/index.html' <<EOF
hello from a heredoc
EOF
kubectl exec web -- cat /usr/share/nginx/html/index.html
kubectl exec web -- sh -c 'cat <<EOF > /tmp/a.txt
home is $HOME
EOF
cat <<-'"'"'RAW'"'"' | wc -l
	$HOME stays
	two
	RAW
cat /tmp/a.txt'
kubectl exec web -- sh -c "echo '<<' is a word here"
echo "a << b"
kubectl exec -it web -- sh
cat > /tmp/page.html <<EOF
served by $(hostname)
EOF
cat /tmp/page.html
exit
"#,
        r#"$ kubectl run web --image=nginx:1.25
pod/web created
$ sleep 8
$ kubectl exec -i web -- sh -c 'cat > /usr/share/nginx/html/index.html' <<EOF
hello from a heredoc
EOF
$ kubectl exec web -- cat /usr/share/nginx/html/index.html
hello from a heredoc
$ kubectl exec web -- sh -c 'cat <<EOF > /tmp/a.txt
home is $HOME
EOF
cat <<-'"'"'RAW'"'"' | wc -l
	$HOME stays
	two
	RAW
cat /tmp/a.txt'
2
home is /root
$ kubectl exec web -- sh -c "echo '<<' is a word here"
<< is a word here
$ echo "a << b"
a << b
$ kubectl exec -it web -- sh
# cat > /tmp/page.html <<EOF
served by $(hostname)
EOF
# cat /tmp/page.html
served by web
# exit
"#,
    );
}
