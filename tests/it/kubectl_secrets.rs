//! The typed secrets `kubectl create secret` generates: `docker-registry` (the registry's
//! `.dockerconfigjson`, byte for byte as kubectl 1.32 encodes it) and `tls` (PEM files checked
//! as tls.X509KeyPair checks them before any cryptography).

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn docker_registry_and_tls_secrets_are_generated_as_kubectl_does() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl create secret docker-registry regcred --docker-server=reg.example.com --docker-username=kim --docker-password=pw --docker-email=kim@example.com --dry-run=client -o yaml
kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw --dry-run=client -o json
kubectl create secret docker-registry regcred
kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw
kubectl get secret regcred
kubectl get secret regcred -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d
kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw
cat > tls.crt <<'EOF'
-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUKb3Q
-----END CERTIFICATE-----
EOF
cat > tls.key <<'EOF'
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEG
-----END PRIVATE KEY-----
EOF
kubectl create secret tls web-tls
kubectl create secret tls web-tls --cert=missing.crt --key=tls.key
kubectl create secret tls web-tls --cert=tls.key --key=tls.crt
kubectl create secret tls web-tls --cert=tls.crt --key=tls.crt
kubectl create secret tls web-tls --cert=tls.crt --key=tls.key
kubectl get secret web-tls -o jsonpath='{.type} {.data.tls\.crt}' ; echo
kubectl describe secret web-tls
"#).text;
    let expected = r#"$ kubectl create secret docker-registry regcred --docker-server=reg.example.com --docker-username=kim --docker-password=pw --docker-email=kim@example.com --dry-run=client -o yaml
apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyZWcuZXhhbXBsZS5jb20iOnsidXNlcm5hbWUiOiJraW0iLCJwYXNzd29yZCI6InB3IiwiZW1haWwiOiJraW1AZXhhbXBsZS5jb20iLCJhdXRoIjoiYTJsdE9uQjMifX19
kind: Secret
metadata:
  creationTimestamp: null
  name: regcred
type: kubernetes.io/dockerconfigjson
$ kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw --dry-run=client -o json
{
    "kind": "Secret",
    "apiVersion": "v1",
    "metadata": {
        "name": "regcred",
        "creationTimestamp": null
    },
    "data": {
        ".dockerconfigjson": "eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJraW0iLCJwYXNzd29yZCI6InB3IiwiYXV0aCI6ImEybHRPbkIzIn19fQ=="
    },
    "type": "kubernetes.io/dockerconfigjson"
}
$ kubectl create secret docker-registry regcred
error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required
$ kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw
secret/regcred created
$ kubectl get secret regcred
NAME      TYPE                             DATA   AGE
regcred   kubernetes.io/dockerconfigjson   1      0s
$ kubectl get secret regcred -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d
{"auths":{"https://index.docker.io/v1/":{"username":"kim","password":"pw","auth":"a2ltOnB3"}}}
$ kubectl create secret docker-registry regcred --docker-username=kim --docker-password=pw
error: failed to create secret secrets "regcred" already exists
$ cat > tls.crt <<'EOF'
-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUKb3Q
-----END CERTIFICATE-----
EOF
$ cat > tls.key <<'EOF'
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEG
-----END PRIVATE KEY-----
EOF
$ kubectl create secret tls web-tls
error: key and cert must be specified
$ kubectl create secret tls web-tls --cert=missing.crt --key=tls.key
error: Cannot read file missing.crt, open missing.crt: no such file or directory
$ kubectl create secret tls web-tls --cert=tls.key --key=tls.crt
error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched
$ kubectl create secret tls web-tls --cert=tls.crt --key=tls.crt
error: tls: found a certificate rather than a key in the PEM for the private key
$ kubectl create secret tls web-tls --cert=tls.crt --key=tls.key
secret/web-tls created
$ kubectl get secret web-tls -o jsonpath='{.type} {.data.tls\.crt}' ; echo
kubernetes.io/tls LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVS2IzUQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
$ kubectl describe secret web-tls
Name:         web-tls
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  kubernetes.io/tls

Data
====
tls.crt:  79 bytes
tls.key:  79 bytes
"#;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}
