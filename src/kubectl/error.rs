//! API errors rendered as kubectl prints them.

use crate::engine::error::ApiError;

/// `Error from server (NotFound): deployments.apps "x" not found`, or for Invalid the client's
/// own `The Deployment "x" is invalid: ...` form. `context` is e.g. `error when creating "web.yaml"`.
pub fn render(error: &ApiError, context: Option<&str>) -> String {
    match error {
        ApiError::Invalid { .. } => format!("{}\n", error.message()),
        _ => match context {
            Some(context) => format!("Error from server ({}): {context}: {}\n", error.reason(), error.message()),
            None => format!("Error from server ({}): {}\n", error.reason(), error.message()),
        },
    }
}
