//! The native binaries' allocator (`kubeplay` and `cargo bench`; never the engine or the page):
//! mimalloc, with glibc's malloc a 150k-pod run spends a third of its time in
//! `malloc_consolidate` and `unlink_chunk` (measured with perf).

/// The allocator the native binaries install with `#[global_allocator]`.
pub type Allocator = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (the `mi_option_t` enum; the
/// libmimalloc-sys bindings name no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory instead of returning it to the OS after 10 ms (mimalloc's default).
/// A rollout frees old pod versions and allocates new ones all the time; with purging on, the
/// kernel zeroed the same pages again and again (`clear_page_erms` was 15% of a 150k-pod run,
/// system time 5.3 s of 22.7 s; without purging 2.3 s). Call before the work starts.
pub fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores the option's value; it takes no pointers.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
