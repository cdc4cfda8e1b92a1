//! kubectl: parse a command line, run it against the engine, print what kubectl 1.32 prints.

pub mod printers;

use crate::engine::Cluster;
use crate::playground::CommandOutput;

/// Runs one kubectl line. `stdin` is the text a heredoc or pipe provides for `-f -`.
pub fn run_line(cluster: &mut Cluster, line: &str, stdin: Option<&str>) -> CommandOutput {
    let _ = (cluster, line, stdin);
    CommandOutput { stdout: String::new(), stderr: "error: not yet\n".into(), exit_code: 1 }
}
