//! Pods, namespaces and their lifecycles as the real cluster has them: environment fixed when a
//! container starts, namespaces that terminate before they go.
