//! A terminal line's shell redirections and `cat`, as bash runs them: kubectl's output saved to a
//! file and read back with `cat` or `-f`; stderr to a file or /dev/null; `2>&1`; a pipe's output
//! redirected.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// A tutorial's habit: generate a manifest, save it, read it, apply it.
#[test]
fn kubectl_output_goes_to_files_that_cat_and_apply_read() {
    let script = r#"kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml > web.yaml
cat web.yaml | grep -E 'replicas|image'
kubectl apply -f web.yaml
kubectl get deploy web -o name >> names.txt
kubectl get svc kubernetes -o name >> names.txt
cat names.txt
kubectl get deploy > deploys.txt
cat deploys.txt | wc -l
"#;
    let transcript = Sim::new(3, Timing::realistic()).script(script).text;
    let expected = r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml > web.yaml
$ cat web.yaml | grep -E 'replicas|image'
  replicas: 2
      - image: nginx:1.25
$ kubectl apply -f web.yaml
deployment.apps/web created
$ kubectl get deploy web -o name >> names.txt
$ kubectl get svc kubernetes -o name >> names.txt
$ cat names.txt
deployment.apps/web
service/kubernetes
$ kubectl get deploy > deploys.txt
$ cat deploys.txt | wc -l
2
"#;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// stderr goes where its redirection says, in bash's left-to-right order; a failed command still
/// creates (truncates) the file; a missing file is cat's error; an operator without a file is
/// bash's syntax error (exit 2) and runs nothing.
#[test]
fn errors_follow_their_own_redirections() {
    let mut sim = Sim::new(3, Timing::realistic());
    let quiet = sim.kubectl("kubectl get pods nothere 2>/dev/null");
    assert_eq!((quiet.combined.as_str(), quiet.exit_code), ("", 1));
    let both = sim.kubectl("kubectl get pods nothere > out.txt 2>&1");
    assert_eq!(both.combined, "");
    let shown = sim.kubectl("kubectl get pods nothere 2>&1 > out2.txt");
    assert_eq!(shown.combined, "Error from server (NotFound): pods \"nothere\" not found\n");
    let read = sim.kubectl("cat out.txt out2.txt missing.txt");
    assert_eq!(read.combined, "Error from server (NotFound): pods \"nothere\" not found\ncat: missing.txt: No such file or directory\n");
    assert_eq!(read.exit_code, 1);
    let syntax = sim.kubectl("kubectl delete deploy --all >");
    assert_eq!((syntax.combined.as_str(), syntax.exit_code), ("bash: syntax error near unexpected token `newline'\n", 2));
    let piped = sim.kubectl("kubectl get pods -A | grep coredns > dns.txt");
    assert_eq!(piped.combined, "");
    assert!(sim.kubectl("cat dns.txt").stdout.starts_with("kube-system   coredns-"), "the pipe's output was saved");
    // `2>&1 |` sends stderr into the pipe; `2>&1 > FILE |` sends it there while stdout goes to the file.
    let counted = sim.kubectl("kubectl get pods nothere 2>&1 | grep -c NotFound");
    assert_eq!(counted.combined, "1\n");
    let split = sim.kubectl("kubectl get pods nothere 2>&1 > out3.txt | grep -c NotFound");
    assert_eq!(split.combined, "1\n");
    let unpiped = sim.kubectl("kubectl get pods nothere | grep -c NotFound");
    assert_eq!(unpiped.combined, "Error from server (NotFound): pods \"nothere\" not found\n0\n");
}

/// `< FILE` on a terminal line: the command reads the playground file (`kubectl apply -f - <
/// web.yaml`, `exec -i` to a container); without `-i` exec sends nothing; a missing file is
/// bash's error and the command does not run.
#[test]
fn input_redirection_reads_a_playground_file() {
    let transcript = Sim::new(3, Timing::realistic()).script(r#"kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml
cat web.yaml | wc -l
kubectl run t --image=busybox:1.28 -- sleep 3600
sleep 8
kubectl exec -i t -- wc -l < web.yaml
kubectl exec t -- wc -l < web.yaml
kubectl exec -i t -- cat < web.yaml | head -3
kubectl apply -f - < nope.yaml
wc -l < web.yaml
"#).text;
    let expected = r#"$ kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml
$ cat web.yaml | wc -l
24
$ kubectl run t --image=busybox:1.28 -- sleep 3600
pod/t created
$ sleep 8
$ kubectl exec -i t -- wc -l < web.yaml
24
$ kubectl exec t -- wc -l < web.yaml
0
$ kubectl exec -i t -- cat < web.yaml | head -3
apiVersion: apps/v1
kind: Deployment
metadata:
$ kubectl apply -f - < nope.yaml
bash: nope.yaml: No such file or directory
$ wc -l < web.yaml
kubeplay: wc: only kubectl, sleep, cat, echo, seq, variables (NAME=..., export, unset), for loops and cat > FILE heredocs run here
"#;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}
