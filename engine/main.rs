//! The `cogov` command; everything it does lives in the library.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // A file-size limit (`ulimit -f`) would kill the process without a word on SIGXFSZ; ignored,
    // the write fails instead and the command says which file could not be written.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to ignore, before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    std::process::exit(cogov::run());
}
