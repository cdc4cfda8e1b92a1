//! `kubeplay run SCRIPT`, the command a tutorial author runs: the same script also runs with
//! bash against a real cluster, so the files it names are found where bash finds them.

use std::path::PathBuf;
use std::process::Command;

/// A fresh folder under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kubeplay-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

fn configmap(name: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  a: b\n")
}

/// Files next to the script, files from the current directory (`-f manifests/web.yaml`, as
/// bash resolves it), absolute paths and directories all load; a missing one fails as kubectl.
#[test]
fn a_script_finds_its_files_where_bash_finds_them() {
    let root = scratch("runner");
    for dir in ["lesson", "manifests/more"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(root.join("lesson/next-to-it.yaml"), configmap("beside")).unwrap();
    std::fs::write(root.join("manifests/web.yaml"), configmap("relative")).unwrap();
    std::fs::write(root.join("manifests/more/a.yaml"), configmap("in-dir-a")).unwrap();
    std::fs::write(root.join("manifests/more/b.yaml"), configmap("in-dir-b")).unwrap();
    let absolute = root.join("manifests/more");
    let script = format!(
        "kubectl apply -f next-to-it.yaml\nkubectl apply -f manifests/web.yaml\nkubectl apply --filename={}\nkubectl apply -f manifests/missing.yaml\n",
        absolute.display()
    );
    std::fs::write(root.join("lesson/script.sh"), script).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kubeplay")).args(["run", "lesson/script.sh"]).current_dir(&root).output().expect("runs kubeplay");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = format!(
        "$ kubectl apply -f next-to-it.yaml\nconfigmap/beside created\n$ kubectl apply -f manifests/web.yaml\nconfigmap/relative created\n$ kubectl apply --filename={}\nconfigmap/in-dir-a created\nconfigmap/in-dir-b created\n$ kubectl apply -f manifests/missing.yaml\nerror: the path \"manifests/missing.yaml\" does not exist\n",
        absolute.display()
    );
    assert_eq!(stdout, expected);
    assert_eq!(output.status.code(), Some(1), "a failed line makes the exit status 1");
    let _ = std::fs::remove_dir_all(&root);
}
