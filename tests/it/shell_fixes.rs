//! Three shell fixes, each against the real program: the container shell keeps a backslash in
//! double quotes unless it escapes `$`, `` ` ``, `"` or `\`; a terminal pipe shows its filters'
//! errors and exits with the last command's status; `grep PATTERN FILE...` in a container
//! reports GNU grep's messages and statuses and never takes an option's argument for a file.

use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};

const WEB: &str = "kubectl create deployment web --image=nginx:1.25
kubectl set env deploy/web A=1 B=2 AB=3
sleep 30
";

const WEB_TRANSCRIPT: &str = "$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl set env deploy/web A=1 B=2 AB=3
deployment.apps/web env updated
$ sleep 30
";

/// Each output is what `LC_ALL=C dash -c SCRIPT` printed with GNU grep 3.8 over the same
/// variables (dash is the nginx image's `sh`).
#[test]
fn a_backslash_in_double_quotes_stays_unless_it_escapes() {
    let script = r#"kubectl exec deploy/web -- sh -c 'env | grep "^A=\|^B="'
kubectl exec deploy/web -- sh -c "env | grep '^A=\|^B='"
kubectl exec deploy/web -- sh -c 'env | grep ^A\='
kubectl exec deploy/web -- sh -c 'env | grep -c "\\$"'
kubectl exec deploy/web -- sh -c 'echo "a\$b" "a\"b" a\b "a\`b" "c\d" "e\ f" x\ y'
"#;
    let expected = r#"$ kubectl exec deploy/web -- sh -c 'env | grep "^A=\|^B="'
A=1
B=2
$ kubectl exec deploy/web -- sh -c "env | grep '^A=\|^B='"
A=1
B=2
$ kubectl exec deploy/web -- sh -c 'env | grep ^A\='
A=1
$ kubectl exec deploy/web -- sh -c 'env | grep -c "\\$"'
0
command terminated with exit code 1
$ kubectl exec deploy/web -- sh -c 'echo "a\$b" "a\"b" a\b "a\`b" "c\d" "e\ f" x\ y'
a$b a"b ab a`b c\d e\ f x y
"#;
    check(&format!("{WEB}{script}"), &format!("{WEB_TRANSCRIPT}{expected}"));
}

/// What bash prints for the same lines with kubectl's output piped into GNU grep 3.8,
/// `wc` and `head`: grep's message reaches the terminal (or its own redirection, or the next
/// pipe with `2>&1`) and `$?` is the last command's status, kubectl's own not counting.
#[test]
fn a_terminal_pipe_shows_its_filters_errors_and_exits_with_the_last_status() {
    let script = r#"kubectl get pods | grep '[a'; echo "status $?"
kubectl get pods | grep '[a' | wc -l; echo "status $?"
kubectl get pods | grep nomatch; echo "status $?"
kubectl get pods | grep -E '(' 2>/dev/null; echo "status $?"
kubectl get pods | grep -E '(' 2>&1 | wc -l; echo "status $?"
kubectl get pods | grep -E '(' 2> err.txt | wc -l; echo "status $?"
cat err.txt
kubectl get pods | grep '[' > out.txt; echo "status $?"
cat out.txt
kubectl get pods nothere | grep -c web; echo "status $?"
kubectl get pods nothere | head; echo "status $?"
kubectl get pods | grep -c web && echo found
kubectl get pods | grep -q nomatch || echo "not found"
"#;
    let expected = r#"$ kubectl get pods | grep '[a'; echo "status $?"
grep: Unmatched [, [^, [:, [., or [=
status 2
$ kubectl get pods | grep '[a' | wc -l; echo "status $?"
grep: Unmatched [, [^, [:, [., or [=
0
status 0
$ kubectl get pods | grep nomatch; echo "status $?"
status 1
$ kubectl get pods | grep -E '(' 2>/dev/null; echo "status $?"
status 2
$ kubectl get pods | grep -E '(' 2>&1 | wc -l; echo "status $?"
1
status 0
$ kubectl get pods | grep -E '(' 2> err.txt | wc -l; echo "status $?"
0
status 0
$ cat err.txt
grep: Unmatched ( or \(
$ kubectl get pods | grep '[' > out.txt; echo "status $?"
grep: Invalid regular expression
status 2
$ cat out.txt
$ kubectl get pods nothere | grep -c web; echo "status $?"
Error from server (NotFound): pods "nothere" not found
0
status 1
$ kubectl get pods nothere | head; echo "status $?"
Error from server (NotFound): pods "nothere" not found
status 0
$ kubectl get pods | grep -c web && echo found
1
found
$ kubectl get pods | grep -q nomatch || echo "not found"
not found
"#;
    check(&format!("{WEB}{script}"), &format!("{WEB_TRANSCRIPT}{expected}"));

    // The line itself, as the terminal gets it: nothing shown and status 1 for no match.
    let mut sim = Sim::new(11, Timing::realistic());
    sim.kubectl("kubectl create deployment web --image=nginx:1.25");
    let no_match = sim.kubectl("kubectl get pods | grep nomatch");
    assert_eq!((no_match.combined.as_str(), no_match.exit_code), ("", 1));
    let invalid = sim.kubectl("kubectl get pods | grep '['");
    assert_eq!((invalid.stderr.as_str(), invalid.stdout.as_str(), invalid.exit_code), ("grep: Invalid regular expression\n", "", 2));
}

/// Each output is what GNU grep 3.8 (`LC_ALL=C`, run in a directory holding the same `etc/`
/// files) printed for the same arguments, and each status its `$?`.
#[test]
fn grep_with_files_reports_gnu_greps_errors_and_statuses() {
    let script = r#"kubectl exec deploy/web -- grep -A 1 localhost etc/hosts
kubectl exec deploy/web -- grep -n -A 1 -e local etc/hosts etc/resolv.conf
kubectl exec deploy/web -- grep localhost etc/hosts missing
kubectl exec deploy/web -- grep -s localhost missing etc/hosts
kubectl exec deploy/web -- grep -q localhost etc/hosts missing
kubectl exec deploy/web -- grep -q nomatch missing etc/hosts
kubectl exec deploy/web -- grep '[a' etc/hosts missing
kubectl exec deploy/web -- grep -c local etc/hosts etc/hostname
kubectl exec deploy/web -- grep -l local etc/hosts etc/hostname etc
kubectl exec deploy/web -- grep -m 1 -e nameserver etc/resolv.conf
kubectl exec deploy/web -- grep nameserver etc/resolv.conf -n
kubectl exec deploy/web -- grep -- -A etc/hosts
kubectl exec deploy/web -- grep -h -e ndots --context 1 etc/resolv.conf etc/hosts
kubectl exec deploy/web -- grep -A x local etc/hosts
kubectl exec deploy/web -- sh -c 'grep -C1 ndots /etc/resolv.conf | grep -c .'
"#;
    let expected = "$ kubectl exec deploy/web -- grep -A 1 localhost etc/hosts
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
$ kubectl exec deploy/web -- grep -n -A 1 -e local etc/hosts etc/resolv.conf
etc/hosts:2:127.0.0.1\tlocalhost
etc/hosts:3:::1\tlocalhost ip6-localhost ip6-loopback
etc/hosts:4:fe00::0\tip6-localnet
etc/hosts-5-fe00::0\tip6-mcastprefix
--
etc/resolv.conf:1:search default.svc.cluster.local svc.cluster.local cluster.local
etc/resolv.conf-2-nameserver 10.96.0.10
$ kubectl exec deploy/web -- grep localhost etc/hosts missing
etc/hosts:127.0.0.1\tlocalhost
etc/hosts:::1\tlocalhost ip6-localhost ip6-loopback
grep: missing: No such file or directory
command terminated with exit code 2
$ kubectl exec deploy/web -- grep -s localhost missing etc/hosts
etc/hosts:127.0.0.1\tlocalhost
etc/hosts:::1\tlocalhost ip6-localhost ip6-loopback
command terminated with exit code 2
$ kubectl exec deploy/web -- grep -q localhost etc/hosts missing
$ kubectl exec deploy/web -- grep -q nomatch missing etc/hosts
grep: missing: No such file or directory
command terminated with exit code 2
$ kubectl exec deploy/web -- grep '[a' etc/hosts missing
grep: Unmatched [, [^, [:, [., or [=
command terminated with exit code 2
$ kubectl exec deploy/web -- grep -c local etc/hosts etc/hostname
etc/hosts:3
etc/hostname:0
$ kubectl exec deploy/web -- grep -l local etc/hosts etc/hostname etc
etc/hosts
grep: etc: Is a directory
command terminated with exit code 2
$ kubectl exec deploy/web -- grep -m 1 -e nameserver etc/resolv.conf
nameserver 10.96.0.10
$ kubectl exec deploy/web -- grep nameserver etc/resolv.conf -n
2:nameserver 10.96.0.10
$ kubectl exec deploy/web -- grep -- -A etc/hosts
command terminated with exit code 1
$ kubectl exec deploy/web -- grep -h -e ndots --context 1 etc/resolv.conf etc/hosts
nameserver 10.96.0.10
options ndots:5
$ kubectl exec deploy/web -- grep -A x local etc/hosts
grep: x: invalid context length argument
command terminated with exit code 2
$ kubectl exec deploy/web -- sh -c 'grep -C1 ndots /etc/resolv.conf | grep -c .'
2
";
    check(&format!("{WEB}{script}"), &format!("{WEB_TRANSCRIPT}{expected}"));
}

/// The nginx binary in an nginx container: `-v` and `-t` on stderr, `-s reload` signals the
/// master, and a second server cannot bind the port the running one holds (five tries at each
/// listen, then "still could not bind()").
#[test]
fn nginx_answers_its_quick_options() {
    check(
        r##"kubectl create deployment web --image=nginx:1.25
sleep 10
kubectl exec deploy/web -- nginx -v
kubectl exec deploy/web -- nginx -t
kubectl exec deploy/web -- nginx -s reload
kubectl exec deploy/web -- nginx
"##,
        r##"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ sleep 10
$ kubectl exec deploy/web -- nginx -v
nginx version: nginx/1.25.5
$ kubectl exec deploy/web -- nginx -t
nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
nginx: configuration file /etc/nginx/nginx.conf test is successful
$ kubectl exec deploy/web -- nginx -s reload
2026/11/23 00:00:10 [notice] 29#29: signal process started
$ kubectl exec deploy/web -- nginx
2026/11/23 00:00:10 [emerg] 29#29: bind() to 0.0.0.0:80 failed (98: Address already in use)
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to [::]:80 failed (98: Address already in use)
nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to 0.0.0.0:80 failed (98: Address already in use)
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to [::]:80 failed (98: Address already in use)
nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to 0.0.0.0:80 failed (98: Address already in use)
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to [::]:80 failed (98: Address already in use)
nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to 0.0.0.0:80 failed (98: Address already in use)
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to [::]:80 failed (98: Address already in use)
nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to 0.0.0.0:80 failed (98: Address already in use)
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: bind() to [::]:80 failed (98: Address already in use)
nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)
2026/11/23 00:00:10 [emerg] 29#29: still could not bind()
nginx: [emerg] still could not bind()
command terminated with exit code 1
"##,
    );
}

/// Compound commands in container shells: `for` over a command substitution's words (field
/// splitting), `while`/`until` with `[ ]` and `$((...))`, `if`/`elif`/`else`, `break` and
/// `continue` from inside an `if`, a loop that would never end stopped after 1000 rounds (an
/// exec has no time passing), busybox's syntax and arithmetic errors.
#[test]
fn container_shells_run_loops_and_conditions() {
    check(
        r##"kubectl create deployment web --image=nginx --replicas=2
kubectl expose deployment web --port=80
kubectl run client --image=busybox:1.36 -- sleep 3600
sleep 15
kubectl exec client -- sh -c 'for i in $(seq 1 3); do wget -qO- web | grep -c nginx; done'
kubectl exec client -- sh -c 'i=0; while [ $i -lt 3 ]; do echo "round $i"; i=$((i+1)); done; echo "i=$i"'
kubectl exec client -- sh -c 'n=5; if [ $n -gt 10 ]; then echo big; elif [ $n -gt 3 ]; then echo medium; else echo small; fi'
kubectl exec client -- sh -c 'for d in /tmp /nope; do if test -d $d; then echo "$d is a directory"; else echo "$d is missing"; fi; done'
kubectl exec client -- sh -c 'for i in 1 2 3 4 5; do if [ $i -eq 2 ]; then continue; fi; if [ $i -eq 4 ]; then break; fi; echo $i; done'
kubectl exec client -- sh -c 'until [ "$x" = "aaa" ]; do x="${x}a"; echo $x; done'
kubectl exec client -- sh -c 'while true; do sleep 1; done'
kubectl exec client -- sh -c 'for i in 1 2; do echo $i'
kubectl exec client -- sh -c 'echo $((6 * 7)) $((10 / 0))'
kubectl exec client -- sh -c '[ 1 -lt 2 ] && echo yes || echo no'
"##,
        r##"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ kubectl run client --image=busybox:1.36 -- sleep 3600
pod/client created
$ sleep 15
$ kubectl exec client -- sh -c 'for i in $(seq 1 3); do wget -qO- web | grep -c nginx; done'
6
6
6
$ kubectl exec client -- sh -c 'i=0; while [ $i -lt 3 ]; do echo "round $i"; i=$((i+1)); done; echo "i=$i"'
round 0
round 1
round 2
i=3
$ kubectl exec client -- sh -c 'n=5; if [ $n -gt 10 ]; then echo big; elif [ $n -gt 3 ]; then echo medium; else echo small; fi'
medium
$ kubectl exec client -- sh -c 'for d in /tmp /nope; do if test -d $d; then echo "$d is a directory"; else echo "$d is missing"; fi; done'
/tmp is a directory
/nope is missing
$ kubectl exec client -- sh -c 'for i in 1 2 3 4 5; do if [ $i -eq 2 ]; then continue; fi; if [ $i -eq 4 ]; then break; fi; echo $i; done'
1
3
$ kubectl exec client -- sh -c 'until [ "$x" = "aaa" ]; do x="${x}a"; echo $x; done'
a
aa
aaa
$ kubectl exec client -- sh -c 'while true; do sleep 1; done'
kubeplay: the loop was stopped after 1000 rounds: time does not pass while a command runs here, so it would never end
command terminated with exit code 130
$ kubectl exec client -- sh -c 'for i in 1 2; do echo $i'
sh: syntax error: unexpected end of file (expecting "done")
command terminated with exit code 2
$ kubectl exec client -- sh -c 'echo $((6 * 7)) $((10 / 0))'
sh: divide by zero
command terminated with exit code 2
$ kubectl exec client -- sh -c '[ 1 -lt 2 ] && echo yes || echo no'
yes
"##,
    );
}

/// No line a learner may type into a container shell panics: 2,000 random lines made of the
/// compound commands' words, separators, tests and arithmetic, redirections, patterns and `cd`, cut anywhere, each runs to an
/// answer (output or a shell error).
#[test]
fn random_compound_lines_never_panic() {
    const PIECES: [&str; 65] = [
        "for", "i", "in", "1 2 3", "$(seq 1 3)", "do", "done", "while", "until", "if", "then", "elif", "else", "fi", ";", "\n", "&&", "||", "|", "[", "]", "-lt",
        "$i", "$((i+1))", "$((1/0))", "i=$((i+1))", "echo x", "break", "continue", "test -n \"$i\"", "true", "false", "$(", ")", "${", "}", "\"", "$((",
        "`", "\\", ">", "<", "2>&1", "$?", "${x:-y}", "grep -c a", "wc -l", "cat /etc/hosts", "export A=1", "unset A", "sh -c",
        "*", "/etc/*", "[a-", "?", "cd /tmp", "cd ..", "~", ">> /tmp/f", "&>", "cat < /tmp/f",
        "mkdir -p /tmp/d/e", "rm -r /tmp", "cp /etc/hosts /tmp/d", "mv /tmp/f /tmp/g",
    ];
    let mut sim = Sim::new(3, Timing::realistic());
    sim.script("kubectl run box --image=busybox -- sleep 3600\nsleep 10\n");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let count = 1 + (next() % 12) as usize;
        let mut line: String = (0..count).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect::<Vec<_>>().join(" ");
        let cut = (next() as usize) % (line.len() + 1);
        while !line.is_char_boundary(cut.min(line.len())) {
            line.pop();
        }
        line.truncate(cut.min(line.len()));
        let output = sim.kubectl(&format!("kubectl exec box -- sh -c '{}'", line.replace('\'', "")));
        assert!(output.exit_code >= 0, "{line:?}");
    }
}
