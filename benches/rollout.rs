//! `cargo bench`: the rolling-update benchmark (figures, not assertions).
//! Sizes and nodes can be set: `cargo bench -- --sizes 1000,10000 --nodes 5000`.

/// As the native runner: mimalloc, not glibc's malloc (see src/bin/kubeplay.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    kubeplay::bench::main(&args);
}
