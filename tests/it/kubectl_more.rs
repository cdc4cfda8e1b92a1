//! kubectl commands and the pod userland: behaviours found while writing the lessons.
