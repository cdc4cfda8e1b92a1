//! Manifests: YAML text to API objects, with line and column for every problem.
