//! `kubectl create secret docker-registry` and `kubectl create secret tls`: the two typed
//! secrets kubectl generates, as kubectl 1.32's CreateSecretDockerRegistryOptions
//! (pkg/cmd/create/create_secret_docker.go) and CreateSecretTLSOptions
//! (create_secret_tls.go) build them.

use std::rc::Rc;

use crate::engine::api::core::Secret;
use crate::engine::api::meta::ObjectMeta;
use crate::engine::base64;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::{args, Ctx};

/// `create secret docker-registry NAME`: a `kubernetes.io/dockerconfigjson` Secret whose
/// `.dockerconfigjson` is `{"auths":{SERVER:{username,password,email,auth}}}` (handleDockerCfgJSONContent,
/// `auth` the base64 of `user:password`), or the files of `--from-file`.
pub fn docker_registry(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, dry_run: Option<&str>, output: Option<&str>) {
    let server = parsed.get("docker-server").unwrap_or("https://index.docker.io/v1/");
    let (username, password, email) = (parsed.get("docker-username").unwrap_or(""), parsed.get("docker-password").unwrap_or(""), parsed.get("docker-email").unwrap_or(""));
    let files = parsed.all("from-file");
    if files.is_empty() && (username.is_empty() || password.is_empty() || server.is_empty()) {
        return ctx.out.fail("error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n");
    }
    let mut data: Vec<(String, String)> = Vec::new();
    if files.is_empty() {
        // encoding/json of DockerConfigJSON: the struct's field order, empty fields omitted.
        let auth = base64::encode(format!("{username}:{password}").as_bytes());
        let fields: Vec<String> = [("username", username), ("password", password), ("email", email), ("auth", auth.as_str())]
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| format!("\"{key}\":{}", serde_json::Value::String(value.to_string())))
            .collect();
        let config = format!("{{\"auths\":{{{}:{{{}}}}}}}", serde_json::Value::String(server.to_string()), fields.join(","));
        data.push((".dockerconfigjson".to_string(), config));
    } else {
        for file in files {
            // A bare path is the `.dockerconfigjson` key (Complete).
            let (key, path) = match file.split_once('=') {
                Some((key, path)) => (key.to_string(), path.to_string()),
                None => (".dockerconfigjson".to_string(), file.clone()),
            };
            match ctx.cluster.file(&path) {
                Some(text) => data.push((key, text.to_string())),
                None => return ctx.out.fail(format!("error: error reading {path}: no such file or directory\n")),
            }
        }
    }
    finish(ctx, parsed, ns, name, "kubernetes.io/dockerconfigjson", data, dry_run, output);
}

/// `create secret tls NAME --cert=FILE --key=FILE`: a `kubernetes.io/tls` Secret with
/// `tls.crt` and `tls.key`. tls.X509KeyPair's first checks run (PEM blocks of the right
/// types, base64 that decodes); that the key belongs to the certificate is not checked.
pub fn tls(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, dry_run: Option<&str>, output: Option<&str>) {
    let (cert, key) = (parsed.get("cert").unwrap_or(""), parsed.get("key").unwrap_or(""));
    if cert.is_empty() || key.is_empty() {
        return ctx.out.fail("error: key and cert must be specified\n");
    }
    let mut texts = Vec::new();
    for path in [cert, key] {
        match ctx.cluster.file(path) {
            Some(text) => texts.push(text.to_string()),
            None => return ctx.out.fail(format!("error: Cannot read file {path}, open {path}: no such file or directory\n")),
        }
    }
    if let Err(message) = check_pair(&texts[0], &texts[1]) {
        return ctx.out.fail(format!("error: tls: {message}\n"));
    }
    let data = vec![("tls.crt".to_string(), texts[0].clone()), ("tls.key".to_string(), texts[1].clone())];
    finish(ctx, parsed, ns, name, "kubernetes.io/tls", data, dry_run, output);
}

/// The secret built and sent (or printed, in a client dry run) as the generic one is.
#[allow(clippy::too_many_arguments)]
fn finish(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, type_: &str, data: Vec<(String, String)>, dry_run: Option<&str>, output: Option<&str>) {
    let encoded: std::collections::BTreeMap<String, String> = data.into_iter().map(|(k, v)| (k, base64::encode(v.as_bytes()))).collect();
    if dry_run == Some("client") {
        let raw = serde_json::json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": crate::kubectl::apply::generated_metadata(parsed, ns, name),
            "data": encoded,
            "type": type_,
        });
        return crate::kubectl::apply::print_generated_dry_run(ctx, &raw, Kind::Secret, name, output, "client");
    }
    let secret = Secret {
        metadata: ObjectMeta { name: name.into(), namespace: Some(ns.into()), ..Default::default() },
        data: encoded.into_iter().collect(),
        type_: Some(type_.to_string()),
        ..Default::default()
    };
    crate::kubectl::apply::finish_create(ctx, Obj::Secret(Rc::new(secret)), Kind::Secret, name, dry_run, output, None);
}

/// The PEM blocks of `text`: each one's type and whether its body is base64.
fn pem_blocks(text: &str) -> Vec<(String, bool)> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(type_end) = after.find("-----") else { break };
        let type_ = after[..type_end].to_string();
        let body_start = &after[type_end + 5..];
        let end_marker = format!("-----END {type_}-----");
        let Some(end) = body_start.find(&end_marker) else { break };
        let body: String = body_start[..end].lines().filter(|line| !line.contains(':')).collect::<String>().split_whitespace().collect();
        blocks.push((type_, base64::decode(&body).is_some_and(|bytes| !bytes.is_empty())));
        rest = &body_start[end + end_marker.len()..];
    }
    blocks
}

/// The checks of tls.X509KeyPair that need no cryptography, with its messages.
fn check_pair(cert: &str, key: &str) -> Result<(), String> {
    let cert_blocks = pem_blocks(cert);
    if cert_blocks.is_empty() {
        return Err("failed to find any PEM data in certificate input".into());
    }
    let certificates: Vec<&(String, bool)> = cert_blocks.iter().filter(|(type_, _)| type_ == "CERTIFICATE").collect();
    if certificates.is_empty() {
        if cert_blocks.iter().any(|(type_, _)| type_.ends_with("PRIVATE KEY")) {
            return Err("failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched".into());
        }
        let skipped: Vec<&str> = cert_blocks.iter().map(|(type_, _)| type_.as_str()).collect();
        return Err(format!("failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [{}]", skipped.join(" ")));
    }
    if certificates.iter().any(|(_, ok)| !ok) {
        return Err("failed to parse certificate: x509: malformed certificate".into());
    }
    let key_blocks = pem_blocks(key);
    if key_blocks.is_empty() {
        return Err("failed to find any PEM data in key input".into());
    }
    match key_blocks.iter().find(|(type_, _)| type_ == "PRIVATE KEY" || type_.ends_with(" PRIVATE KEY")) {
        Some((_, true)) => Ok(()),
        Some((_, false)) => Err("failed to parse private key".into()),
        None if key_blocks.iter().any(|(type_, _)| type_ == "CERTIFICATE") => Err("found a certificate rather than a key in the PEM for the private key".into()),
        None => {
            let skipped: Vec<&str> = key_blocks.iter().map(|(type_, _)| type_.as_str()).collect();
            Err(format!("failed to find \"PRIVATE KEY\" PEM block in key input after skipping PEM blocks of the following types: [{}]", skipped.join(" ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_checks_word_errors_as_x509_key_pair_does() {
        let cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
        let key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n";
        assert_eq!(check_pair(cert, key), Ok(()));
        assert_eq!(check_pair("x", key), Err("failed to find any PEM data in certificate input".into()));
        assert!(check_pair(key, cert).unwrap_err().contains("PEM inputs may have been switched"));
        assert_eq!(check_pair(cert, cert), Err("found a certificate rather than a key in the PEM for the private key".into()));
        assert_eq!(check_pair(cert, "nothing"), Err("failed to find any PEM data in key input".into()));
    }
}
