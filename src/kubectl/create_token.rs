//! `kubectl create token SERVICE_ACCOUNT`: a TokenRequest for the account, as kubectl 1.32's
//! TokenOptions (pkg/cmd/create/create_token.go) asks for it and prints the token. The token is
//! a JWT of the claims a 1.32 apiserver signs (issuer and audience as minikube configures them);
//! its signature is a digest of the claims, not RSA: nothing here verifies it.

use crate::engine::api::core::ServiceAccount;
use crate::engine::store::Key;
use crate::kubectl::args::{self, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::{flag_error, Ctx};

const FLAGS: &[FlagSpec] = &[
    value("duration", None),
    value("audience", None),
    value("bound-object-kind", None),
    value("bound-object-name", None),
    value("bound-object-uid", None),
    value("output", Some('o')),
];

/// The apiserver's `--service-account-issuer` (and default audience) in minikube and kind.
const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";

/// `ExpirationSeconds` when the request names none (the TokenRequest REST storage's default).
const DEFAULT_EXPIRATION: i64 = 3600;

/// The kinds a token may be bound to (`boundObjectKindToAPIVersions`).
const BOUND_KINDS: [&str; 3] = ["Node", "Pod", "Secret"];

fn base64url(bytes: &[u8]) -> String {
    crate::engine::base64::encode(bytes).trim_end_matches('=').replace('+', "-").replace('/', "_")
}

/// TokenOptions.Validate, then the TokenRequest (its validation of `expirationSeconds`), then
/// the token: on a line of its own, as kubectl prints it to a terminal.
pub fn create_token(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "create token", &message),
    };
    // NameFromCommandArgs, then the printer (TokenOptions.Complete).
    if parsed.positional.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create token -h' for help and examples\n", parsed.positional.len()));
    }
    let name = parsed.positional[0].clone();
    let Ok(output) = crate::kubectl::printers::print_flags::output_or_fail(ctx, &parsed) else { return };
    let ns = namespace(&parsed);
    let seconds = match parsed.get("duration").map(crate::kubectl::exec::parse_go_duration) {
        None => 0.0,
        Some(Ok(seconds)) => seconds,
        Some(Err(message)) => return ctx.out.fail(format!("error: invalid argument \"{}\" for \"--duration\" flag: {message}\nSee 'kubectl create token --help' for usage.\n", parsed.get("duration").unwrap_or(""))),
    };
    if seconds < 0.0 {
        return ctx.out.fail("error: --duration must be greater than or equal to 0\n");
    }
    if seconds.fract() != 0.0 {
        return ctx.out.fail("error: --duration cannot be expressed in units less than seconds\n");
    }
    let audiences: Vec<String> = parsed.all("audience").iter().map(|a| a.to_string()).collect();
    if audiences.iter().any(String::is_empty) {
        return ctx.out.fail("error: --audience must not be an empty string\n");
    }
    match parsed.get("bound-object-kind") {
        None | Some("") => {
            if parsed.get("bound-object-name").is_some_and(|n| !n.is_empty()) {
                return ctx.out.fail("error: --bound-object-name can only be set if --bound-object-kind is provided\n");
            }
            if parsed.get("bound-object-uid").is_some_and(|n| !n.is_empty()) {
                return ctx.out.fail("error: --bound-object-uid can only be set if --bound-object-kind is provided\n");
            }
        }
        Some(kind) if !BOUND_KINDS.contains(&kind) => return ctx.out.fail(format!("error: supported --bound-object-kind values are {}\n", BOUND_KINDS.join(", "))),
        Some(_) if parsed.get("bound-object-name").is_none_or(str::is_empty) => return ctx.out.fail("error: --bound-object-name is required if --bound-object-kind is provided\n"),
        Some(_) => {}
    }
    // ValidateTokenRequest: between ten minutes and 2^32 seconds.
    let expiration = if seconds > 0.0 { seconds as i64 } else { DEFAULT_EXPIRATION };
    let invalid = |detail: &str| format!("error: failed to create token: TokenRequest.authentication.k8s.io \"{name}\" is invalid: spec.expirationSeconds: Invalid value: {expiration}: {detail}\n");
    if expiration < 600 {
        return ctx.out.fail(invalid("may not specify a duration less than 10 minutes"));
    }
    if expiration > 1 << 32 {
        return ctx.out.fail(invalid("may not specify a duration larger than 2^32 seconds"));
    }
    let Some(account) = ctx.cluster.store().get::<ServiceAccount>(&Key::new(&ns, &name)) else {
        return ctx.out.fail(format!("error: failed to create token: serviceaccounts \"{name}\" not found\n"));
    };
    let now = ctx.cluster.time();
    let audiences = if audiences.is_empty() { vec![ISSUER.to_string()] } else { audiences };
    let token = token(&ns, &name, &account.metadata.uid, &audiences, now.unix(), expiration);
    // With `-o`, the TokenRequest the apiserver answered.
    let request = serde_json::json!({
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "TokenRequest",
        "metadata": {"creationTimestamp": null, "name": name, "namespace": ns},
        "spec": {"audiences": audiences, "boundObjectRef": null, "expirationSeconds": expiration},
        "status": {"expirationTimestamp": crate::engine::clock::Time::from_unix(now.unix() + expiration).rfc3339(), "token": token},
    });
    match output.as_deref() {
        None => ctx.out.out(format!("{token}\n")),
        Some("name") => ctx.out.out(format!("tokenrequest.authentication.k8s.io/{name}\n")),
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&request)),
        Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&request))),
        template => {
            crate::kubectl::printers::print_flags::print_template(ctx, template, &request);
        }
    }
}

/// The JWT: the header, the claims of a service-account token (`kubernetes.io` with the
/// namespace and the account), and 256 signature bytes drawn from a digest of the claims.
fn token(ns: &str, name: &str, uid: &str, audiences: &[String], issued: i64, expiration: i64) -> String {
    let digest = |parts: &[&str]| crate::engine::fast_hash::digest(parts.iter().copied());
    let (a, b) = digest(&[ns, name, uid, &issued.to_string()]);
    let jti = format!("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, (b >> 48) & 0x3fff | 0x8000, b & 0xffff_ffff_ffff);
    let claims = serde_json::json!({
        "aud": audiences,
        "exp": issued + expiration,
        "iat": issued,
        "iss": ISSUER,
        "jti": jti,
        "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": name, "uid": uid}},
        "nbf": issued,
        "sub": format!("system:serviceaccount:{ns}:{name}"),
    });
    let header = base64url(br#"{"alg":"RS256","kid":"kubeplay"}"#);
    let payload = base64url(claims.to_string().as_bytes());
    let mut signature = Vec::with_capacity(256);
    let mut round = 0u32;
    while signature.len() < 256 {
        let (x, y) = digest(&[&payload, &round.to_string()]);
        signature.extend_from_slice(&x.to_le_bytes());
        signature.extend_from_slice(&y.to_le_bytes());
        round += 1;
    }
    format!("{header}.{payload}.{}", base64url(&signature[..256]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_a_jwt_of_the_accounts_claims() {
        let token = token("default", "admin-user", "u-1", &[ISSUER.to_string()], 1_795_392_000, 3600);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2].len(), 342, "256 bytes, base64url without padding");
        assert!(!token.contains(['+', '/', '=']));
        let padded = format!("{}{}", parts[1].replace('-', "+").replace('_', "/"), "=".repeat((4 - parts[1].len() % 4) % 4));
        let claims = String::from_utf8(crate::engine::base64::decode(&padded).unwrap()).unwrap();
        assert!(claims.contains(r#""sub":"system:serviceaccount:default:admin-user""#), "{claims}");
        assert!(claims.contains(r#""exp":1795395600"#), "{claims}");
    }
}
