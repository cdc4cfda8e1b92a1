//! `kubectl explain`: kubectl 1.32's OpenAPI v3 plaintext template over the v1.32 documents.
//!
//! Expected texts write a tab as `→` and a line of four trailing spaces (the template indents
//! the newline that ends a description) as `····`.

use kubeplay::engine::timing::Timing;
use kubeplay::playground::Playground;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

fn text(expected: &str) -> String {
    expected.replace('→', "\t").replace('·', " ")
}

/// Runs one line and compares everything it printed (both streams) and its exit code.
fn check(line: &str, expected: &str, exit_code: i32) {
    let output = sim().kubectl(line);
    assert_eq!(output.combined, text(expected), "\n--- got ---\n{}", output.combined);
    assert_eq!(output.exit_code, exit_code, "{line}");
}

#[test]
fn a_resource_prints_its_kind_description_and_fields() {
    check(
        "kubectl explain pods | head -15",
        "KIND:       Pod
VERSION:    v1

DESCRIPTION:
    Pod is a collection of containers that can run on a host. This resource is
    created by clients and scheduled onto hosts.
····
FIELDS:
  apiVersion→<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind→<string>
",
        0,
    );
    // Every way of naming the type reaches the same document.
    let pods = sim().kubectl("kubectl explain pods").stdout;
    for name in ["po", "pod", "Pod", "PODS"] {
        assert_eq!(sim().kubectl(&format!("kubectl explain {name}")).stdout, pods, "{name}");
    }
    assert!(pods.ends_with("    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n\n\n"), "{pods}");
}

#[test]
fn a_nested_field_prints_field_type_and_both_descriptions() {
    check(
        "kubectl explain deploy.spec.strategy",
        "GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
····
FIELDS:
  rollingUpdate→<RollingUpdateDeployment>
    Rolling update config params. Present only if DeploymentStrategyType =
    RollingUpdate.

  type→<string>
  enum: Recreate, RollingUpdate
    Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is
    RollingUpdate.
····
    Possible enum values:
     - `\"Recreate\"` Kill all existing pods before creating new ones.
     - `\"RollingUpdate\"` Replace the old ReplicaSets by new one using rolling
    update i.e gradually scale down the old ReplicaSets and scale up the new
    one.


",
        0,
    );
    let via_group = sim().kubectl("kubectl explain deployments.apps.spec.strategy").stdout;
    assert_eq!(via_group, sim().kubectl("kubectl explain Deployment.spec.strategy").stdout);
    let surge = sim().kubectl("kubectl explain deployment.spec.strategy.rollingUpdate.maxSurge").stdout;
    assert!(surge.contains("FIELD: maxSurge <IntOrString>\n\n\nDESCRIPTION:\n    The maximum number of pods that can be scheduled above the desired number of\n"), "{surge}");
}

#[test]
fn a_leaf_field_lists_its_enum() {
    check(
        "kubectl explain pod.spec.restartPolicy",
        "KIND:       Pod
VERSION:    v1

FIELD: restartPolicy <string>
ENUM:
    Always
    Never
    OnFailure

DESCRIPTION:
    Restart policy for all containers within the pod. One of Always, OnFailure,
    Never. In some contexts, only a subset of those values may be permitted.
    Default to Always. More info:
    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
····
    Possible enum values:
     - `\"Always\"`
     - `\"Never\"`
     - `\"OnFailure\"`
····

",
        0,
    );
    // In a field list the enum is one line, cut after four values.
    let spec = sim().kubectl("kubectl explain pods.spec").stdout;
    assert!(spec.contains(&text("  restartPolicy→<string>\n  enum: Always, Never, OnFailure\n    Restart policy for all")), "{spec}");
    let status = sim().kubectl("kubectl explain pods.status").stdout;
    assert!(status.contains(&text("  phase→<string>\n  enum: Failed, Pending, Running, Succeeded, ....\n")), "{status}");
}

#[test]
fn recursive_prints_the_field_tree() {
    check(
        "kubectl explain deploy.spec.strategy --recursive",
        "GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
····
FIELDS:
  rollingUpdate→<RollingUpdateDeployment>
    maxSurge→<IntOrString>
    maxUnavailable→<IntOrString>
  type→<string>
  enum: Recreate, RollingUpdate

",
        0,
    );
    let pods = sim().kubectl("kubectl explain pods --recursive").stdout;
    assert!(pods.contains(&text("  spec→<PodSpec>\n    activeDeadlineSeconds→<integer>\n")), "{pods}");
    assert!(pods.contains(&text("      image→<string>\n")), "{pods}");
    assert!(pods.contains(&text("      imagePullPolicy→<string>\n      enum: Always, IfNotPresent, Never\n")), "{pods}");
    assert!(pods.contains(&text("      name→<string> -required-\n")), "containers' name is required: {pods}");
}

#[test]
fn every_simulated_kind_is_documented() {
    for (name, header) in [
        ("pods", "KIND:       Pod\n"),
        ("deploy", "GROUP:      apps\nKIND:       Deployment\n"),
        ("rs", "GROUP:      apps\nKIND:       ReplicaSet\n"),
        ("svc", "KIND:       Service\n"),
        ("ep", "KIND:       Endpoints\n"),
        ("cm", "KIND:       ConfigMap\n"),
        ("secret", "KIND:       Secret\n"),
        ("ns", "KIND:       Namespace\n"),
        ("nodes", "KIND:       Node\n"),
        ("ev", "KIND:       Event\n"),
        ("jobs", "GROUP:      batch\nKIND:       Job\n"),
        ("pvc", "KIND:       PersistentVolumeClaim\n"),
        ("pv", "KIND:       PersistentVolume\n"),
        ("sc", "GROUP:      storage.k8s.io\nKIND:       StorageClass\n"),
        ("ing", "GROUP:      networking.k8s.io\nKIND:       Ingress\n"),
        ("ingressclass", "GROUP:      networking.k8s.io\nKIND:       IngressClass\n"),
        ("limits", "KIND:       LimitRange\nVERSION:    v1\n"),
        ("quota", "KIND:       ResourceQuota\nVERSION:    v1\n"),
    ] {
        let output = sim().kubectl(&format!("kubectl explain {name} --api-version=\"\""));
        assert!(output.stdout.starts_with(header) && output.exit_code == 0, "{name}: {}", output.combined);
        let recursive = sim().kubectl(&format!("kubectl explain {name} --recursive"));
        assert_eq!(recursive.exit_code, 0, "{name}");
    }
    check("kubectl explain deployments --api-version=apps/v1 | head -3", "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n", 0);
    // Every kind the engine runs has its document, so none is missing when a kind is added.
    for resource in kubeplay::engine::resources::TYPES {
        let output = sim().kubectl(&format!("kubectl explain {}.metadata.name", resource.resource()));
        assert_eq!(output.exit_code, 0, "{}: {}", resource.plural, output.combined);
    }
}

#[test]
fn the_kinds_of_batch_storage_and_networking_are_documented() {
    check(
        "kubectl explain job.spec.backoffLimit",
        "GROUP:      batch
KIND:       Job
VERSION:    v1

FIELD: backoffLimit <integer>


DESCRIPTION:
    Specifies the number of retries before marking this job failed. Defaults to
    6
····

",
        0,
    );
    check(
        "kubectl explain pv.spec.persistentVolumeReclaimPolicy | head -8",
        "KIND:       PersistentVolume
VERSION:    v1

FIELD: persistentVolumeReclaimPolicy <string>
ENUM:
    Delete
    Recycle
    Retain
",
        0,
    );
    check(
        "kubectl explain ingress.spec.rules.http.paths.backend --recursive",
        "GROUP:      networking.k8s.io
KIND:       Ingress
VERSION:    v1

FIELD: backend <IngressBackend>


DESCRIPTION:
    backend defines the referenced service endpoint to which the traffic will be
    forwarded to.
    IngressBackend describes all endpoints for a given service and port.
····
FIELDS:
  resource→<TypedLocalObjectReference>
    apiGroup→<string>
    kind→<string> -required-
    name→<string> -required-
  service→<IngressServiceBackend>
    name→<string> -required-
    port→<ServiceBackendPort>
      name→<string>
      number→<integer>

",
        0,
    );
    check("kubectl explain sc.provisioner | head -4", "GROUP:      storage.k8s.io\nKIND:       StorageClass\nVERSION:    v1\n\n", 0);
    check("kubectl explain ingressclasses.spec.controller | head -5", "GROUP:      networking.k8s.io\nKIND:       IngressClass\nVERSION:    v1\n\nFIELD: controller <string>\n", 0);
    // Their enums as a live 1.32 server lists them (derived from kubernetes/api's +enum types).
    check("kubectl explain job.spec.completionMode | head -8", "GROUP:      batch\nKIND:       Job\nVERSION:    v1\n\nFIELD: completionMode <string>\nENUM:\n    Indexed\n    NonIndexed\n", 0);
    check("kubectl explain ing.spec.rules.http.paths.pathType | head -9", "GROUP:      networking.k8s.io\nKIND:       Ingress\nVERSION:    v1\n\nFIELD: pathType <string>\nENUM:\n    Exact\n    ImplementationSpecific\n    Prefix\n", 0);
    check(
        "kubectl explain sc.volumeBindingMode | tail -9",
        "    Possible enum values:
     - `\"Immediate\"` indicates that PersistentVolumeClaims should be immediately
    provisioned and bound. This is the default mode.
     - `\"WaitForFirstConsumer\"` indicates that PersistentVolumeClaims should not
    be provisioned and bound until the first Pod is created that references the
    PeristentVolumeClaim. The volume provisioning and binding will occur during
    Pod scheduing.
····

",
        0,
    );
    check("kubectl explain pvc.status.phase | head -9", "KIND:       PersistentVolumeClaim\nVERSION:    v1\n\nFIELD: phase <string>\nENUM:\n    Bound\n    Lost\n    Pending\n\n", 0);
}

#[test]
fn errors_are_kubectls() {
    check(
        "kubectl explain",
        "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
        1,
    );
    check("kubectl explain pods svc", "error: We accept only this format: explain RESOURCE\n", 1);
    check("kubectl explain foo", "error: the server doesn't have a resource type \"foo\"\n", 1);
    check("kubectl explain foo.spec", "error: the server doesn't have a resource type \"foo\"\n", 1);
    check("kubectl explain pods.foo", "error: field \"foo\" does not exist\n", 1);
    check("kubectl explain pods.spec.foo.bar", "error: field \"bar\" does not exist\n", 1);
    check("kubectl explain pods.spec.restartPolicy.x", "error: field \"x\" does not exist\n", 1);
    check("kubectl explain pods --api-version=apps/v1", "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n", 1);
    check("kubectl explain deploy --api-version=apps/v9", "error: couldn't find resource for \"apps/v9, Resource=deployments\"\n", 1);
    check("kubectl explain deploy --api-version=a/b/c", "error: unexpected GroupVersion string: a/b/c\n", 1);
    check("kubectl explain pods -o yaml", "error: unrecognized format: yaml\n", 1);
    check("kubectl explain pods --recursive=maybe", "error: invalid argument \"maybe\" for \"--recursive\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl explain --help' for usage.\n", 1);
}

#[test]
fn the_page_gives_the_documentation_and_explain_leaves_the_journal_replayable() {
    let mut playground = Playground::with_default_scenario(5);
    assert!(playground.explain_docs_loaded(), "native builds carry the documentation");
    assert!(playground.set_explain_docs("{\"resources\": 3}").is_err());
    let json = std::fs::read_to_string(format!("{}/static/explain/v1.32.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    playground.set_explain_docs(&json).expect("the committed documentation parses");
    assert!(playground.explain_docs_loaded());
    let explained = playground.exec("kubectl explain deploy.spec.replicas");
    assert!(explained.stdout.starts_with("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n"), "{}", explained.combined);
    playground.exec("kubectl scale deployment nginx-deployment --replicas=2");
    playground.exec("kubectl explain pods --recursive");
    playground.tick();

    let mut replayed = Playground::replay(5, playground.journal(), |_, _| {});
    let state = |p: &mut Playground| p.exec("kubectl get deploy,rs,pods -o wide").combined;
    assert_eq!(state(&mut replayed), state(&mut playground));
    let ran: Vec<i32> = replayed.transcript().iter().map(|r| r.exit_code).collect();
    assert!(ran.iter().all(|&code| code == 0), "{ran:?}");
}
