//! `cargo bench`: the rolling-update benchmark (figures, not assertions).
//! Sizes and nodes can be set: `cargo bench -- --sizes 1000,10000 --nodes 5000`.

/// As the native runner: mimalloc, not glibc's malloc (see `kubeplay::allocator`).
#[global_allocator]
static ALLOCATOR: kubeplay::allocator::Allocator = kubeplay::allocator::Allocator {};

fn main() {
    kubeplay::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    kubeplay::bench::main(&args);
}
