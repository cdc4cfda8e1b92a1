//! `cargo bench`: the rolling-update benchmark (figures, not assertions).
//! Sizes and nodes can be set: `cargo bench -- --sizes 1000,10000 --nodes 5000`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    kubeplay::bench::main(&args);
}
