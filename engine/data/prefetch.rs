//! Asking the processor to fetch memory before it is read.
//!
//! Looking up a million rows' members reads memory in an order no cache foresees: each read
//! waits on memory, one after the other. When the reads to come are known a few steps ahead,
//! asking for them early lets the waits overlap.

/// Asks the processor to bring the memory at `at` into its cache; only a hint.
pub(crate) fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault; the address is that
    // of a live reference.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(at).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}
