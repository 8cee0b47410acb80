//! The crate's modules depend on each other in one direction: this reads every `crate::…` path
//! in `engine/` (in `use` lists too) and fails on any cycle between top-level modules, and on
//! `clap` outside the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Names the crate root re-exports, and the module each comes from.
const REEXPORTS: &[(&str, &str)] = &[
    ("Dataset", "data"),
    ("Problem", "diagnostic"),
    ("Problems", "diagnostic"),
    ("evaluate", "eval"),
    ("Outcome", "outcome"),
    ("PolicySet", "policy"),
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

/// The top-level module a source file belongs to (`engine/policy/rubric.rs` → `policy`).
fn module_of(path: &str) -> Option<String> {
    let rest = path.split("engine/").nth(1)?;
    let first = rest.split('/').next()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// Every top-level module a file names through `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
            let end = list.find('}').unwrap_or(list.len());
            list[..end].split(',').collect()
        } else {
            vec![rest]
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let module = REEXPORTS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(name.clone(), |(_, m)| m.to_string());
            if !module.is_empty() && module != "self" {
                out.insert(module);
            }
        }
    }
    out
}

#[test]
fn no_two_modules_import_each_other_and_clap_stays_in_the_command_line() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("engine"),
        &mut files,
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let Some(module) = module_of(path) else {
            continue;
        };
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(imports(text).into_iter().filter(|m| *m != module));
        if module != "cli" {
            assert!(
                !text.contains("clap"),
                "{path} uses clap outside the command line"
            );
        }
    }
    // Depth-first search for a cycle; the path that closes one is the failure message.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = stack.iter().position(|s| s == m) {
            panic!(
                "modules import each other: {} → {m}",
                stack[at..].join(" → ")
            );
        }
        stack.push(m.to_string());
        for dep in graph.get(m).into_iter().flatten() {
            visit(dep, graph, stack, done);
        }
        stack.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph.len() > 10, "found the modules: {graph:?}");
}
