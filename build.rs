//! Embeds the shipped `policies/` in the binary, so a copied `cogov` runs without its checkout.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for relative in &files {
        let full = root.join(relative);
        println!("cargo:rerun-if-changed={}", full.display());
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            full.display().to_string()
        ));
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_policies.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("ron" | "rhai" | "ftl" | "html" | "md")
        ) {
            let relative = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            files.push(relative);
        }
    }
}
