//! Scripts of kubectl commands: lines, heredocs, sleep; a transcript out.
