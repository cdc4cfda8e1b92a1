//! The native binaries' allocator (`kubeplay` and `cargo bench`; never the engine or the page):
//! mimalloc, with glibc's malloc a 150k-pod run spends a third of its time in
//! `malloc_consolidate` and `unlink_chunk` (measured with perf).

/// The allocator the native binaries install with `#[global_allocator]`.
pub type Allocator = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (the `mi_option_t` enum; the
/// libmimalloc-sys bindings name no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// `PR_SET_THP_DISABLE` in Linux's `include/uapi/linux/prctl.h`.
#[cfg(target_os = "linux")]
const PR_SET_THP_DISABLE: std::ffi::c_int = 41;

#[cfg(target_os = "linux")]
extern "C" {
    fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
}

/// Keeps freed memory instead of returning it to the OS after 10 ms (mimalloc's default), and
/// asks Linux for no transparent huge pages.
///
/// Huge pages: mimalloc advises them for its arenas, so each first touch of a new 2 MiB
/// region makes the kernel zero all of it at once (`clear_page_erms` under
/// `do_huge_pmd_anonymous_page`: 9-12% of a 150k-pod rollout on this VM, which grows the heap
/// by about 240 MB). With 4 KiB pages the 150k setup took 5.0-5.9 s instead of 7.8-8.0 s.
/// `prctl` rather than mimalloc's `allow_thp` option: mimalloc reads that option once, when its
/// first arena is already mapped.
///
/// Freed memory:
/// A rollout frees old pod versions and allocates new ones all the time; with purging on, the
/// kernel zeroed the same pages again and again (`clear_page_erms` was 15% of a 150k-pod run,
/// system time 5.3 s of 22.7 s; without purging 2.3 s). Call before the work starts.
pub fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores the option's value; it takes no pointers.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and sets a flag of this process;
    // a kernel without it returns -1, which leaves huge pages as they were.
    #[cfg(target_os = "linux")]
    unsafe {
        prctl(PR_SET_THP_DISABLE, 1 as std::ffi::c_ulong, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong)
    };
}
