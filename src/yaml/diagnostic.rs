//! Diagnostics for the editor: every problem of a manifest at a line and column, with a
//! "did you mean" for misspelt fields. Parsing never fails; it reports.

use crate::engine::api::validation;
use crate::engine::store::Obj;
use crate::yaml::{parse_documents, schema, ManifestError};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, 1-based line and column, `width` characters long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub width: usize,
    pub severity: Severity,
    /// A stable code: `syntax`, `unknown-field`, `type`, `invalid`, `kind`.
    pub code: &'static str,
    pub message: String,
}

/// Finds the line and column (1-based, in characters: the indentation before a key is ASCII) of a field path (`spec.template.spec.containers[0].image`) in
/// block-style YAML, starting at `from_line` (the document's first line). Falls back to the
/// deepest parent found.
pub fn locate(text: &str, from_line: usize, path: &str) -> (usize, usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = from_line.saturating_sub(1);
    let mut min_indent: isize = -1;
    let mut found = (from_line, 1, 1);
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let mut hit = None;
        for (offset, line) in lines[start.min(lines.len())..].iter().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = (line.len() - trimmed.len()) as isize;
            if offset > 0 && trimmed == "---" {
                break;
            }
            // Left the parent's block.
            if offset > 0 && indent <= min_indent && !trimmed.starts_with("- ") {
                break;
            }
            let candidate = trimmed.trim_start_matches("- ");
            let dash = trimmed.len() - candidate.len();
            if candidate.starts_with(&format!("{key}:")) || candidate.starts_with(&format!("\"{key}\":")) {
                hit = Some((start + offset, indent as usize + dash));
                break;
            }
        }
        let Some((line_index, column)) = hit else { return found };
        found = (line_index + 1, column + 1, key.chars().count());
        start = line_index + 1;
        min_indent = column as isize;
        if let Some(index) = index {
            // The index-th `- ` item below the key.
            let mut seen = 0;
            let mut item = None;
            for (offset, line) in lines[start.min(lines.len())..].iter().enumerate() {
                let trimmed = line.trim_start();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let indent = line.len() - trimmed.len();
                if (indent as isize) < min_indent || (indent as isize == min_indent && !trimmed.starts_with("- ")) {
                    break;
                }
                if trimmed.starts_with("- ") && (indent as isize) <= min_indent + 2 {
                    if seen == index {
                        item = Some((start + offset, indent));
                        break;
                    }
                    seen += 1;
                }
            }
            let Some((line_index, indent)) = item else { return found };
            found = (line_index + 1, indent + 3, 1);
            start = line_index;
            min_indent = indent as isize;
        }
    }
    found
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = if ca == *cb { 0 } else { 1 };
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The closest real field name to a misspelt one, if close enough.
pub fn suggest(path: &str, kind: &str) -> Option<String> {
    let field = path.rsplit('.').next().unwrap_or(path);
    let parent = path.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
    let candidates = schema::fields_at(kind, parent);
    candidates
        .iter()
        .map(|c| (edit_distance(&field.to_ascii_lowercase(), &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.to_string())
}

/// Diagnoses a manifest text (all documents): syntax, kinds, unknown fields, types, validation.
pub fn diagnose(text: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for result in parse_documents(text) {
        match result {
            Err(ManifestError::Syntax { line, column, message, .. }) => diagnostics.push(Diagnostic { line, column, width: 1, severity: Severity::Error, code: "syntax", message }),
            Err(ManifestError::Convert { line, message } | ManifestError::Json { line, message }) => diagnostics.push(Diagnostic { line, column: 1, width: 1, severity: Severity::Error, code: "syntax", message }),
            Err(ManifestError::Missing { what, .. }) => diagnostics.push(Diagnostic { line: 1, column: 1, width: 1, severity: Severity::Error, code: "kind", message: format!("{what} is missing") }),
            Err(ManifestError::NoMatch { kind, api_version, .. }) => {
                let (line, column, width) = locate(text, 1, "kind");
                diagnostics.push(Diagnostic { line, column, width, severity: Severity::Error, code: "kind", message: format!("no kind \"{kind}\" in version \"{api_version}\"") });
            }
            Err(ManifestError::Unsupported { kind, .. }) => {
                let (line, column, width) = locate(text, 1, "kind");
                diagnostics.push(Diagnostic { line, column, width, severity: Severity::Warning, code: "kind", message: format!("{kind} is a real kind that kubeplay does not simulate yet") });
            }
            Err(ManifestError::Decode { kind, message, path, .. }) => {
                let (line, column, width) = locate(text, 1, &path);
                let code = if message.contains("unknown field") { "unknown-field" } else { "type" };
                let mut message = message;
                if code == "unknown-field" {
                    if let Some(better) = suggest(&path, &kind) {
                        message = format!("{message}: did you mean \"{better}\"?");
                    }
                }
                diagnostics.push(Diagnostic { line, column, width, severity: Severity::Error, code, message });
            }
            Ok(manifest) => {
                let errors = match &manifest.object {
                    Obj::Deployment(d) => {
                        let mut d = (**d).clone();
                        crate::engine::api::defaults::default_deployment(&mut d);
                        validation::validate_deployment(&d)
                    }
                    Obj::ReplicaSet(rs) => {
                        let mut rs = (**rs).clone();
                        crate::engine::api::defaults::default_replica_set(&mut rs);
                        validation::validate_replica_set(&rs)
                    }
                    Obj::Service(svc) => validation::validate_service(svc),
                    _ => Vec::new(),
                };
                for error in errors {
                    let (line, column, width) = locate(text, manifest.line, &error.field);
                    diagnostics.push(Diagnostic { line, column, width, severity: Severity::Error, code: "invalid", message: error.text() });
                }
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
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
        image: nginx
      - name: side
        imagee: busybox
";

    #[test]
    fn init_containers_are_accepted_without_a_warning() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: setup\n    image: busybox\n  containers:\n  - name: app\n    image: nginx\n";
        assert_eq!(diagnose(pod), Vec::new());
    }

    #[test]
    fn fields_are_located() {
        assert_eq!(locate(DEPLOYMENT, 1, "spec.replica"), (6, 3, 7));
        assert_eq!(locate(DEPLOYMENT, 1, "spec.template.spec.containers[1].imagee"), (19, 9, 6));
        assert_eq!(locate(DEPLOYMENT, 1, "spec.template.metadata.labels"), (12, 7, 6));
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let diagnostics = diagnose(DEPLOYMENT);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!((d.line, d.column, d.code), (6, 3, "unknown-field"));
        assert!(d.message.ends_with("did you mean \"replicas\"?"), "{}", d.message);
        let typo = diagnose(&DEPLOYMENT.replace("replica: 3", "replicas: 3"));
        assert!(typo[0].message.contains("imagee") && typo[0].message.ends_with("did you mean \"image\"?"), "{typo:?}");
        assert_eq!((typo[0].line, typo[0].column), (19, 9));
    }

    #[test]
    fn syntax_and_validation_errors_have_positions() {
        let broken = diagnose("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n");
        assert_eq!(broken[0].code, "syntax");
        assert!(broken[0].line >= 4, "{broken:?}");
        let mismatch = diagnose(&DEPLOYMENT.replace("replica: 3", "replicas: 3").replace("imagee", "image").replace("        app: web\n    spec", "        app: other\n    spec"));
        assert_eq!(mismatch.len(), 1, "{mismatch:?}");
        assert_eq!((mismatch[0].line, mismatch[0].code), (12, "invalid"));
        assert!(mismatch[0].message.contains("`selector` does not match template `labels`"));
    }
}
