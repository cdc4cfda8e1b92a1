//! `kubectl apply -f NAME` goes straight to `apply` (`kubectl::plain_apply_file`, so the page's
//! first load needs neither the shell nor the help outlines); the same line with the name
//! quoted takes the general path through the shell and the dispatch. Both must leave the same
//! output, `$?`, objects and events.

use crate::support::Sim;
use kubeplay::engine::timing::Timing;

const FILES: &str = r#"cat > web.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.14
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
EOF
mkdir -p dir
cat > dir/bad.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: two
EOF
cat > elsewhere.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: nowhere
data:
  a: "1"
EOF
cat > unknown.yaml <<'EOF'
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
EOF
"#;

/// The applies, each followed by `$?`; `q` quotes the name or not.
fn applies(q: &str) -> String {
    let mut script = String::from(FILES);
    for name in ["web.yaml", "web.yaml", "dir/bad.yaml", "elsewhere.yaml", "unknown.yaml", "missing.yaml", "web.yaml"] {
        script.push_str(&format!("kubectl apply -f {q}{name}{q}\necho $?\n"));
        if name == "web.yaml" {
            script.push_str("sleep 5\nkubectl set image deployment/web web=nginx:1.15\n");
        }
    }
    script.push_str("sleep 30\nkubectl get deploy,rs,pods,svc,cm -A -o yaml\nkubectl get events -A\n");
    script
}

#[test]
fn apply_of_a_plain_file_name_matches_the_general_path() {
    let fast = Sim::new(11, Timing::realistic()).script(&applies("")).text;
    let general = Sim::new(11, Timing::realistic()).script(&applies("'")).text.replace("-f '", "-f ").replace(".yaml'\n", ".yaml\n");
    assert_eq!(fast, general);
    // The script reaches what it means to compare: objects applied, configured and refused.
    for expected in ["deployment.apps/web created", "service/web created", "deployment.apps/web configured", "service/web unchanged", "namespaces \"nowhere\" not found", "resource mapping not found", "missing.yaml\" does not exist"] {
        assert!(fast.contains(expected), "{expected}\n--- transcript ---\n{fast}");
    }
}
