//! Real kubectl 1.32.5 transcripts against a real control plane (shared/reference/kubectl),
//! replayed through kubeplay's terminal and compared per command after masking what differs
//! between two real clusters (generated names, ages, IPs, UIDs, resourceVersions, dates, node
//! placement), as the reference README section 4 prescribes. `rollout status` is compared on its
//! last line and exit code (progress lines depend on timing). Lines that a 1.20 server printed
//! and a current cluster does not (README section 5) are listed below with the reason.

use std::collections::BTreeMap;

use regex::Regex;

use crate::support::{fixture_json, Sim};

/// Commands whose real output came from the old server or from timing (sequence, index, reason).
const EXPECTED_DIFFERENCES: &[(&str, usize, &str)] = &[
    ("a-deployment", 10, "describe deploy Events: how many old pods go per step depends on when each new pod turns ready (README §4, timing)"),
    ("a-deployment", 30, "get pods right after delete: the real garbage collector had not acted yet (README §4 allows Terminating)"),
    ("c-services", 5, "describe svc: a 1.20 server serves no EndpointSlices v1 and no internalTrafficPolicy (README §5.1)"),
    ("c-services", 6, "describe svc: no Internal Traffic Policy line on a 1.20 server (README §5.1)"),
    ("c-services", 12, "get nodes: kubelet v1.20.2 in the reference, a v1.32 cluster here"),
    ("c-services", 13, "get nodes -o wide: the reference's fake kubelet's OS and runtime"),
];

struct Masker {
    rules: Vec<(Regex, &'static str)>,
}

impl Masker {
    fn new() -> Masker {
        let rules = [
            (r"pod-template-hash=[0-9a-z]+", "pod-template-hash=HASH"),
            (r"-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b", "-HASH-POD"),
            (r"-[bcdfghjklmnpqrstvwxz2456789]{8,10}\b", "-HASH"),
            (r"kube-api-access-[0-9a-z]{5}", "kube-api-access-X"),
            (r"(containerd://|sha256:)[0-9a-f]{64}", "${1}SHA"),
            (r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "UID"),
            (r#"(resourceVersion"?:\s*)"\d+""#, "${1}\"RV\""),
            (r"\b\d+\.\d+\.\d+\.\d+\b", "IP"),
            (r"\b3\d{4}/TCP", "NODEPORT/TCP"),
            (r":3\d{4}/", ":NODEPORT/"),
            (r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000", "DATE"),
            (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "DATE"),
            (r"node-\d", "node-N"),
            (r"\b(\d+[dhms])+\b", "AGE"),
            (r"<invalid>", "AGE"),
            (r" from \d+$", ""),
            // A >= 1.29 kubelet adds this condition; the reference's 1.20-era kubelet did not (README §5.6).
            (r"^ *PodReadyToStartContainers +True *\n", ""),
            (r" +", " "),
        ];
        Masker { rules: rules.iter().map(|(p, r)| (Regex::new(&format!("(?m){p}")).unwrap(), *r)).collect() }
    }

    fn mask(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (pattern, replacement) in &self.rules {
            out = pattern.replace_all(&out, *replacement).to_string();
        }
        out
    }
}

/// Maps the reference's generated names to kubeplay's, by order of first appearance.
#[derive(Default)]
struct Names {
    map: BTreeMap<String, String>,
}

impl Names {
    fn learn(&mut self, real: &str, ours: &str) {
        let pattern = Regex::new(r"\b[a-z0-9-]+-[bcdfghjklmnpqrstvwxz2456789]{8,10}(-[bcdfghjklmnpqrstvwxz2456789]{5})?\b").unwrap();
        let mut ours_found: Vec<String> = Vec::new();
        for m in pattern.find_iter(ours) {
            if !ours_found.contains(&m.as_str().to_string()) {
                ours_found.push(m.as_str().to_string());
            }
        }
        let mut real_found: Vec<String> = Vec::new();
        for m in pattern.find_iter(real) {
            if !real_found.contains(&m.as_str().to_string()) {
                real_found.push(m.as_str().to_string());
            }
        }
        let taken: Vec<String> = self.map.values().cloned().collect();
        let mut free: Vec<String> = ours_found.into_iter().filter(|o| !taken.contains(o)).collect();
        for name in real_found {
            if self.map.contains_key(&name) {
                continue;
            }
            let is_pod = name.matches('-').count() >= 3 && name.rsplit('-').next().is_some_and(|s| s.len() == 5);
            if let Some(index) = free.iter().position(|o| (o.rsplit('-').next().is_some_and(|s| s.len() == 5) && o.matches('-').count() >= 3) == is_pod) {
                self.map.insert(name, free.remove(index));
            }
        }
    }

    fn translate(&self, word: &str) -> String {
        self.map.get(word).cloned().unwrap_or_else(|| word.to_string())
    }
}

/// Replays one sequence; returns (identical, compared, differences).
fn replay(sequence: &str) -> (usize, usize, Vec<String>) {
    let reference = fixture_json(&format!("reference/kubectl/{sequence}.json"));
    let masker = Masker::new();
    let mut sim = Sim::new(20261123, kubeplay::engine::timing::Timing::realistic());
    for (name, text) in reference["cwd_files"].as_object().unwrap() {
        sim.cluster.add_file(name, text.as_str().unwrap());
    }
    let mut names = Names::default();
    let mut identical = 0;
    let mut compared = 0;
    let mut differences = Vec::new();
    let mut index = 0;
    for step in reference["steps"].as_array().unwrap() {
        match step["type"].as_str().unwrap() {
            "sleep" => sim.run_for(step["seconds"].as_f64().unwrap_or(0.0).ceil() as u64),
            "wait" => sim.run_for(step["waited_s"].as_f64().unwrap_or(0.0).ceil() as u64),
            "command" => {
                let argv: Vec<String> = step["argv"].as_array().unwrap().iter().map(|w| names.translate(w.as_str().unwrap())).collect();
                let output = kubeplay::kubectl::run_words(&mut sim.cluster, &argv, None);
                let real = step["combined"].as_str().unwrap();
                names.learn(real, &output.combined);
                let expected_difference = EXPECTED_DIFFERENCES.iter().find(|(s, i, _)| *s == sequence && *i == index);
                let (real_cmp, ours_cmp) = if argv.get(1).map(String::as_str) == Some("rollout") && argv.get(2).map(String::as_str) == Some("status") {
                    (real.lines().last().unwrap_or("").to_string(), output.combined.lines().last().unwrap_or("").to_string())
                } else {
                    (real.to_string(), output.combined.clone())
                };
                let same = masker.mask(&real_cmp) == masker.mask(&ours_cmp) && step["exit_code"].as_i64() == Some(i64::from(output.exit_code));
                match (same, expected_difference) {
                    (true, _) => {
                        identical += 1;
                        compared += 1;
                    }
                    (false, Some(_)) => {}
                    (false, None) => {
                        compared += 1;
                        differences.push(format!(
                            "#{index} $ {}\n--- real (exit {})\n{}--- kubeplay (exit {})\n{}",
                            step["command"].as_str().unwrap(),
                            step["exit_code"],
                            masker.mask(&real_cmp),
                            output.exit_code,
                            masker.mask(&ours_cmp)
                        ));
                    }
                }
                index += 1;
            }
            _ => {}
        }
    }
    (identical, compared, differences)
}

fn check(sequence: &str) {
    let (identical, compared, differences) = replay(sequence);
    eprintln!("{sequence}: {identical}/{compared} commands identical after masking");
    assert!(differences.is_empty(), "{sequence}: {identical}/{compared} identical; differences:\n{}", differences.join("\n"));
}

#[test]
fn a_deployment() {
    check("a-deployment");
}

#[test]
fn b_configmap_secret() {
    check("b-configmap-secret");
}

#[test]
fn c_services() {
    check("c-services");
}
