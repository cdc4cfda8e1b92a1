//! API errors shaped like Kubernetes Status reasons; kubectl renders them as real kubectl text.

use crate::engine::api::validation::FieldError;
use crate::engine::store::Kind;

/// A failed API call. `resource` is the plural with group (`deployments.apps`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    NotFound { resource: String, name: String },
    AlreadyExists { resource: String, name: String },
    /// A stale write (`detail` empty: "the object has been modified; ..."), or a request the
    /// object's state forbids for now, with the server's reason as `detail`.
    Conflict { resource: String, name: String, detail: String },
    /// `The Deployment "web" is invalid: ...`
    Invalid { kind: String, name: String, causes: Vec<FieldError> },
    /// A request the server cannot decode (`strict decoding error`, wrong types).
    BadRequest { message: String },
    Forbidden { message: String },
    /// 429: try again later (an eviction a PodDisruptionBudget refuses).
    TooManyRequests { message: String },
    /// 500: a request the server cannot carry out (an eviction of a pod with two budgets).
    InternalError { message: String },
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    pub fn not_found(kind: Kind, name: &str) -> ApiError {
        ApiError::NotFound { resource: kind.resource().to_string(), name: name.to_string() }
    }

    pub fn already_exists(kind: Kind, name: &str) -> ApiError {
        ApiError::AlreadyExists { resource: kind.resource().to_string(), name: name.to_string() }
    }

    pub fn conflict(kind: Kind, name: &str) -> ApiError {
        ApiError::Conflict { resource: kind.resource().to_string(), name: name.to_string(), detail: String::new() }
    }

    /// `errors.NewConflict(resource, name, err)`: `Operation cannot be fulfilled on R "N": ERR`.
    pub fn conflict_because(kind: Kind, name: &str, detail: &str) -> ApiError {
        ApiError::Conflict { resource: kind.resource().to_string(), name: name.to_string(), detail: detail.to_string() }
    }

    pub fn invalid(kind: &str, name: &str, causes: Vec<FieldError>) -> ApiError {
        ApiError::Invalid { kind: kind.to_string(), name: name.to_string(), causes }
    }

    /// The server's Status message, e.g. `deployments.apps "x" not found`.
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound { resource, name } => format!("{resource} \"{name}\" not found"),
            ApiError::AlreadyExists { resource, name } => format!("{resource} \"{name}\" already exists"),
            ApiError::Conflict { resource, name, detail } if detail.is_empty() => format!(
                "Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again"
            ),
            ApiError::Conflict { resource, name, detail } => format!("Operation cannot be fulfilled on {resource} \"{name}\": {detail}"),
            ApiError::Invalid { kind, name, causes } => {
                let body = match causes.len() {
                    1 => causes[0].text(),
                    _ => format!("[{}]", causes.iter().map(FieldError::text).collect::<Vec<_>>().join(", ")),
                };
                format!("The {kind} \"{name}\" is invalid: {body}")
            }
            ApiError::BadRequest { message } | ApiError::Forbidden { message } | ApiError::TooManyRequests { message } | ApiError::InternalError { message } => message.clone(),
        }
    }

    /// The Status message as the server sends it, which is what a Go client's `err.Error()`
    /// reads when kubectl wraps the error: the same as `message` except for Invalid, whose
    /// message names the qualified kind, `Deployment.apps "x" is invalid: ...` (kubectl's own
    /// `The Deployment "x" is invalid` comes from its Status details). `kind` is the object's.
    ///
    /// Mirrors NewInvalid (apimachinery pkg/api/errors/errors.go): `"%s %q is invalid: %v"` with
    /// `qualifiedKind.String()` and `errs.ToAggregate()`.
    pub fn status_message(&self, kind: Kind) -> String {
        match self {
            ApiError::Invalid { kind: kind_name, name, causes } => {
                let qualified = match kind.api_version().split_once('/') {
                    Some((group, _)) => format!("{kind_name}.{group}"),
                    None => kind_name.clone(),
                };
                let body = match causes.len() {
                    1 => causes[0].text(),
                    _ => format!("[{}]", causes.iter().map(FieldError::text).collect::<Vec<_>>().join(", ")),
                };
                format!("{qualified} \"{name}\" is invalid: {body}")
            }
            _ => self.message(),
        }
    }

    /// The reason kubectl shows in `Error from server (Reason): ...`.
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::Invalid { .. } => "Invalid",
            ApiError::BadRequest { .. } => "BadRequest",
            ApiError::Forbidden { .. } => "Forbidden",
            ApiError::TooManyRequests { .. } => "TooManyRequests",
            ApiError::InternalError { .. } => "InternalError",
        }
    }
}
