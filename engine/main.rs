//! The `cogov` command; everything it does lives in the library.

fn main() {
    std::process::exit(cogov::cli::run());
}
