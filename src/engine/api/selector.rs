//! Label selectors: the API's `LabelSelector` and the `-l` string syntax, with one matcher.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::null_as_default;
use crate::order::SharedSort;

/// `metav1.LabelSelector`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub match_labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// `metav1.LabelSelectorRequirement`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub values: Vec<String>,
}

/// One parsed requirement of a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

impl Requirement {
    /// The label key the requirement is about.
    pub fn key(&self) -> &str {
        match self {
            Requirement::Equals(key, _) | Requirement::NotEquals(key, _) | Requirement::In(key, _) | Requirement::NotIn(key, _) | Requirement::Exists(key) | Requirement::DoesNotExist(key) => key,
        }
    }
}

/// A selector ready to match: all requirements must hold. Empty matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
}

impl LabelSelector {
    /// True when the selector has no requirement at all (selects everything).
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// Mirrors `metav1.LabelSelectorAsSelector`; invalid operators select nothing.
    pub fn to_selector(&self) -> Result<Selector, String> {
        let mut requirements: Vec<Requirement> =
            self.match_labels.iter().map(|(k, v)| Requirement::Equals(k.clone(), v.clone())).collect();
        for expr in &self.match_expressions {
            let requirement = match expr.operator.as_str() {
                "In" => Requirement::In(expr.key.clone(), expr.values.clone()),
                "NotIn" => Requirement::NotIn(expr.key.clone(), expr.values.clone()),
                "Exists" => Requirement::Exists(expr.key.clone()),
                "DoesNotExist" => Requirement::DoesNotExist(expr.key.clone()),
                other => return Err(format!("{other:?} is not a valid label selector operator")),
            };
            requirements.push(requirement);
        }
        Ok(Selector { requirements })
    }

    /// Whether `labels` satisfy the selector. An invalid selector matches nothing.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        // Fast path for the common case, no allocation.
        if self.match_expressions.is_empty() {
            return self.match_labels.iter().all(|(k, v)| labels.get(k) == Some(v));
        }
        self.to_selector().map(|s| s.matches(labels)).unwrap_or(false)
    }

    /// As kubectl prints a selector: `app=nginx,tier in (a,b)`.
    pub fn display(&self) -> String {
        match self.to_selector() {
            Ok(selector) if !selector.requirements.is_empty() => selector.display(),
            Ok(_) => "<none>".to_string(),
            Err(_) => "<error>".to_string(),
        }
    }
}

impl Selector {
    pub fn everything() -> Selector {
        Selector::default()
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| match r {
            Requirement::Equals(k, v) => labels.get(k) == Some(v),
            Requirement::NotEquals(k, v) => labels.get(k) != Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::DoesNotExist(k) => !labels.contains_key(k),
        })
    }

    /// The string form, as `labels.Selector.String()` (requirements sorted by key).
    pub fn display(&self) -> String {
        let mut parts: Vec<(String, String)> = self
            .requirements
            .iter()
            .map(|r| match r {
                Requirement::Equals(k, v) => (k.clone(), format!("{k}={v}")),
                Requirement::NotEquals(k, v) => (k.clone(), format!("{k}!={v}")),
                Requirement::In(k, vs) => (k.clone(), format!("{k} in ({})", sorted(vs).join(","))),
                Requirement::NotIn(k, vs) => (k.clone(), format!("{k} notin ({})", sorted(vs).join(","))),
                Requirement::Exists(k) => (k.clone(), k.clone()),
                Requirement::DoesNotExist(k) => (k.clone(), format!("!{k}")),
            })
            .collect();
        parts.shared_sort_by(|a, b| a.0.cmp(&b.0));
        parts.into_iter().map(|p| p.1).collect::<Vec<_>>().join(",")
    }

    /// Parses the `-l` syntax of `k8s.io/apimachinery/pkg/labels.Parse`:
    /// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma separated.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let mut requirements = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Ok(Selector::everything());
        }
        loop {
            let (requirement, tail) = parse_requirement(rest)?;
            requirements.push(requirement);
            let tail = tail.trim_start();
            if tail.is_empty() {
                break;
            }
            let Some(after_comma) = tail.strip_prefix(',') else {
                return Err(format!("found '{}', expected: ',' or 'end of string'", first_token(tail)));
            };
            rest = after_comma.trim_start();
            if rest.is_empty() {
                return Err("found '', expected: identifier after ','".to_string());
            }
        }
        for requirement in &requirements {
            let key = match requirement {
                Requirement::Equals(k, _)
                | Requirement::NotEquals(k, _)
                | Requirement::In(k, _)
                | Requirement::NotIn(k, _)
                | Requirement::Exists(k)
                | Requirement::DoesNotExist(k) => k,
            };
            validate_label_key(key)?;
        }
        Ok(Selector { requirements })
    }
}

fn sorted(values: &[String]) -> Vec<String> {
    let mut values = values.to_vec();
    values.shared_sort();
    values
}

/// The next token as the selector lexer reads it (apimachinery labels/selector.go): an operator
/// (`==`, `=`, `!=`, `!`, `(`, `)`, `,`) or an identifier up to whitespace or an operator.
fn first_token(text: &str) -> String {
    for operator in ["==", "!=", "=", "!", "(", ")", ","] {
        if text.starts_with(operator) {
            return operator.to_string();
        }
    }
    text.chars().take_while(|c| !c.is_whitespace() && !"=!(),".contains(*c)).collect()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

fn take_ident(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !is_ident_char(c)).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

fn parse_requirement(text: &str) -> Result<(Requirement, &str), String> {
    if let Some(rest) = text.strip_prefix('!') {
        let (key, tail) = take_ident(rest.trim_start());
        if key.is_empty() {
            return Err(format!("found '{}', expected: identifier", first_token(rest)));
        }
        return Ok((Requirement::DoesNotExist(key.to_string()), tail));
    }
    let (key, tail) = take_ident(text);
    if key.is_empty() {
        return Err(format!("found '{}', expected: !, identifier, or 'end of string'", first_token(text)));
    }
    let tail_trim = tail.trim_start();
    if tail_trim.is_empty() || tail_trim.starts_with(',') {
        return Ok((Requirement::Exists(key.to_string()), tail_trim));
    }
    for (op, make) in [("==", 0), ("!=", 1), ("=", 0)] {
        if let Some(rest) = tail_trim.strip_prefix(op) {
            let rest = rest.trim_start();
            let (value, after) = take_ident(rest);
            let requirement = if make == 0 {
                Requirement::Equals(key.to_string(), value.to_string())
            } else {
                Requirement::NotEquals(key.to_string(), value.to_string())
            };
            validate_label_value(value)?;
            return Ok((requirement, after));
        }
    }
    let (word, after_word) = take_ident(tail_trim);
    if word == "in" || word == "notin" {
        let rest = after_word.trim_start();
        let Some(rest) = rest.strip_prefix('(') else {
            return Err(format!("found '{}' expected: '('", first_token(rest)));
        };
        let Some(close) = rest.find(')') else {
            return Err("found '', expected: ',' or ')'".to_string());
        };
        let values: Vec<String> =
            rest[..close].split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        for value in &values {
            validate_label_value(value)?;
        }
        let requirement = if word == "in" {
            Requirement::In(key.to_string(), values)
        } else {
            Requirement::NotIn(key.to_string(), values)
        };
        return Ok((requirement, &rest[close + 1..]));
    }
    Err(format!("found '{}', expected: in, notin, =, ==, !=, gt, lt", first_token(tail_trim)))
}

/// Checks a label key as `validation.IsQualifiedName` does, with its message shape.
pub fn validate_label_key(key: &str) -> Result<(), String> {
    let name = key.rsplit('/').next().unwrap_or(key);
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        ))
    }
}

/// Checks a label value as `validation.IsValidLabelValue` does.
pub fn validate_label_value(value: &str) -> Result<(), String> {
    let ok = value.is_empty()
        || (value.len() <= 63
            && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && value.starts_with(|c: char| c.is_ascii_alphanumeric())
            && value.ends_with(|c: char| c.is_ascii_alphanumeric()));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "values[0][{value}]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn check(selector: &str, pairs: &[(&str, &str)], expected: bool) {
        let parsed = Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e}"));
        assert_eq!(parsed.matches(&labels(pairs)), expected, "{selector} on {pairs:?}");
    }

    #[test]
    fn every_selector_form_matches_as_kubernetes() {
        check("app=web", &[("app", "web")], true);
        check("app==web", &[("app", "web")], true);
        check("app!=web", &[("app", "web")], false);
        check("app!=web", &[], true);
        check("env in (prod,dev)", &[("env", "dev")], true);
        check("env notin (prod,dev)", &[("env", "qa")], true);
        check("env notin (prod)", &[], true);
        check("env", &[("env", "")], true);
        check("!env", &[("env", "x")], false);
        check("app=web, tier=db", &[("app", "web"), ("tier", "db")], true);
        check("", &[], true);
    }

    #[test]
    fn malformed_selectors_are_errors() {
        assert!(Selector::parse("app=web,").is_err());
        assert!(Selector::parse("env in prod").is_err());
        assert!(Selector::parse("=x").is_err());
    }
}
