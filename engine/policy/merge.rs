//! Sector overlays merged onto the base by id, on the spanned trees, before anything is checked.
//!
//! An overlay (`sectors/<sector>/sector.ron`) has one section per base file — `catalogue`,
//! `rubric`, `triggers`, `credit`, `import` — written in the shape of that file, holding only
//! what differs. The merge is the same for every file:
//! - a record's fields are merged one by one, and a field the base lacks is added;
//! - a map's entries are merged by key, and a new key is added;
//! - a variant with the same name is merged (`ByLevel({"critical": -30})` changes one level),
//!   another variant or any other value replaces the base's;
//! - a list written as a list replaces the base's list; a list of records is patched by id
//!   with `(add: [...], change: {"id": (...)}, remove: [("id", "why")])`, where `change` and
//!   `remove` find the record at any depth (an indicator inside its levels, a criterion inside
//!   its indicator). A record's id is its `id` field, else its `grade`, else its name
//!   (`Sampling(...)`). A map's entries are removed the same way: `(remove: [("key", "why")])`.
//!
//! A document with one list (`triggers.ron`) takes those operations directly. Every change is
//! a [`Change`] record with its path, the value before and after as written, and the overlay's
//! span; the words come when it is shown. The merged tree keeps each value's own span, so a
//! problem found later points at the base or the overlay, wherever the value was written.

use super::catalogue::suggest;
use super::tree::{Field, Kind, Node, Span};
use crate::message::Msg;

/// What happened to a policy item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new item or field.
    Added,
    /// A value replaced.
    Changed,
    /// An item removed, with the overlay's reason.
    Removed {
        /// Why (required).
        why: String,
    },
}

/// One change an overlay made to the base.
#[derive(Clone, Debug)]
pub struct Change {
    /// Where in the policy: the base file's section, then field names and ids
    /// (`credit`, `events`, `sampling_fail`, `points`, `critical`).
    pub path: Vec<String>,
    /// What happened.
    pub kind: ChangeKind,
    /// The base's value as written (none for an addition).
    pub from: Option<String>,
    /// The overlay's value as written (none for a removal).
    pub to: Option<String>,
    /// Where the overlay says so.
    pub span: Span,
}

/// A merge problem: where in the overlay, and what is wrong.
#[derive(Clone, Debug)]
pub struct MergeProblem {
    /// The overlay value it is about.
    pub span: Span,
    /// What is wrong.
    pub message: Msg,
    /// How to fix it.
    pub help: Option<Msg>,
}

/// A lint: an overlay entry that changes nothing.
#[derive(Clone, Debug)]
pub struct Unchanged {
    /// Where.
    pub span: Span,
    /// The path of the value it sets to what it already is.
    pub path: Vec<String>,
}

/// What merging one overlay produced besides the merged trees.
#[derive(Debug, Default)]
pub struct Merged {
    /// Every change, in the order written.
    pub changes: Vec<Change>,
    /// Every problem.
    pub problems: Vec<MergeProblem>,
    /// Entries that change nothing.
    pub unchanged: Vec<Unchanged>,
}

/// The source text of a span, for the before and after of a change.
pub type TextOf<'a> = &'a dyn Fn(Span) -> String;

/// Merges `patch` (an overlay section) into `base` (a whole base document) under `path`.
pub fn merge(base: &mut Node, patch: &Node, path: &[String], text: TextOf, out: &mut Merged) {
    let mut m = Merger { text, out };
    if let Some(list) = single_list(base).filter(|_| is_ops(patch)) {
        m.list_ops(list, patch, path);
    } else {
        m.value(base, patch, path);
    }
}

/// Gives each criterion without an `id` the id `<indicator>.<n>` by its position (`C15.2` is the
/// second criterion of C15): the base's before the merge, and those of a criteria list an
/// overlay writes out whole after it. Criteria an overlay adds get the next number when they
/// are added, so every criterion has its id before anything is checked.
pub fn name_criteria(node: &mut Node) {
    let owner = node.field("id").and_then(Node::as_str).map(str::to_string);
    if let Kind::Record { fields, .. } = &mut node.kind {
        for f in fields.iter_mut() {
            if let (Some(owner), "criteria", Kind::List(items)) =
                (&owner, f.name.as_str(), &mut f.value.kind)
            {
                for (n, c) in items.iter_mut().enumerate() {
                    if c.field("id").is_none() {
                        give_id(c, format!("{owner}.{}", n + 1));
                    }
                }
            } else {
                name_criteria(&mut f.value);
            }
        }
    } else if let Kind::List(items) = &mut node.kind {
        for item in items {
            name_criteria(item);
        }
    }
}

/// The id of a criterion added to `owner`'s criteria: one past the highest `<owner>.<n>`.
fn next_criterion_id(criteria: &Node, owner: &str) -> String {
    let prefix = format!("{owner}.");
    let Kind::List(items) = &criteria.kind else {
        return format!("{prefix}1");
    };
    let highest = items
        .iter()
        .filter_map(|c| {
            c.field("id")?
                .as_str()?
                .strip_prefix(&prefix)?
                .parse::<usize>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

/// Writes `id: "<id>"` into a record, spanning the record (where the id is implied).
fn give_id(record: &mut Node, id: String) {
    let span = record.span;
    if let Kind::Record { fields, .. } = &mut record.kind {
        let value = Node {
            kind: Kind::Str(id),
            span,
            origin: span.file,
        };
        fields.insert(
            0,
            Field {
                name: "id".into(),
                name_span: span,
                value,
            },
        );
    }
}

/// The one list of a document whose only field is a list (`Triggers(triggers: [...])`).
fn single_list(node: &mut Node) -> Option<&mut Node> {
    match &mut node.kind {
        Kind::Record { fields, .. }
            if fields.len() == 1 && matches!(fields[0].value.kind, Kind::List(_)) =>
        {
            Some(&mut fields[0].value)
        }
        _ => None,
    }
}

const OPS: &[&str] = &["add", "change", "remove"];

/// An anonymous record of list or map operations.
fn is_ops(node: &Node) -> bool {
    matches!(&node.kind, Kind::Record { name: None, fields }
        if !fields.is_empty() && fields.iter().all(|f| OPS.contains(&f.name.as_str())))
}

/// The name written before a record's parenthesis (`Evidence` in `Evidence(…)`).
fn record_name(node: &Node) -> Option<&str> {
    match &node.kind {
        Kind::Record { name, .. } | Kind::Tuple { name, .. } => name.as_deref(),
        _ => None,
    }
}

/// The id of a record in a list: its `id`, else its `grade`, else its name.
pub fn key_of(node: &Node) -> Option<&str> {
    if let Some(id) = node
        .field("id")
        .or_else(|| node.field("grade"))
        .and_then(Node::as_str)
    {
        return Some(id);
    }
    match &node.kind {
        Kind::Record { name: Some(n), .. } | Kind::Tuple { name: Some(n), .. } => Some(n),
        _ => None,
    }
}

/// Values equal as written, wherever they were written.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Number(x), Kind::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Kind::List(x), Kind::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Kind::Map(x), Kind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        (
            Kind::Record {
                name: n1,
                fields: f1,
            },
            Kind::Record {
                name: n2,
                fields: f2,
            },
        ) => {
            n1 == n2
                && f1.len() == f2.len()
                && f1
                    .iter()
                    .zip(f2)
                    .all(|(a, b)| a.name == b.name && same(&a.value, &b.value))
        }
        (
            Kind::Tuple {
                name: n1,
                items: i1,
            },
            Kind::Tuple {
                name: n2,
                items: i2,
            },
        ) => n1 == n2 && i1.len() == i2.len() && i1.iter().zip(i2).all(|(a, b)| same(a, b)),
        (x, y) => x == y,
    }
}

struct Merger<'a, 'b> {
    text: TextOf<'a>,
    out: &'b mut Merged,
}

fn join(path: &[String], next: &str) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(next.to_string());
    p
}

impl Merger<'_, '_> {
    fn problem(&mut self, span: Span, message: Msg, help: Option<Msg>) {
        self.out.problems.push(MergeProblem {
            span,
            message,
            help,
        });
    }

    fn change(
        &mut self,
        path: Vec<String>,
        kind: ChangeKind,
        from: Option<&Node>,
        to: Option<&Node>,
        span: Span,
    ) {
        let from = from.map(|n| (self.text)(n.span));
        let to = to.map(|n| (self.text)(n.span));
        self.out.changes.push(Change {
            path,
            kind,
            from,
            to,
            span,
        });
    }

    /// Merges one value; returns true when it replaced `base` (rather than merging inside).
    fn value(&mut self, base: &mut Node, patch: &Node, path: &[String]) -> bool {
        match (&mut base.kind, &patch.kind) {
            (
                Kind::Record {
                    name: bn,
                    fields: bf,
                },
                Kind::Record {
                    name: pn,
                    fields: pf,
                },
            ) if pn.is_none() || pn == bn => {
                for p in pf {
                    let here = join(path, &p.name);
                    match bf.iter_mut().find(|f| f.name == p.name) {
                        Some(f) => {
                            if self.value(&mut f.value, &p.value, &here) {
                                base.origin = patch.span.file;
                            }
                        }
                        None => {
                            self.change(
                                here,
                                ChangeKind::Added,
                                None,
                                Some(&p.value),
                                p.value.span,
                            );
                            bf.push(p.clone());
                            base.origin = patch.span.file;
                        }
                    }
                }
                false
            }
            (
                Kind::Tuple {
                    name: bn,
                    items: bi,
                },
                Kind::Tuple {
                    name: pn,
                    items: pi,
                },
            ) if bn.is_some() && bn == pn && bi.len() == pi.len() => {
                let mut replaced = false;
                for (b, p) in bi.iter_mut().zip(pi) {
                    replaced |= self.value(b, p, path);
                }
                replaced
            }
            (Kind::Map(_), Kind::Map(entries)) => {
                for (k, v) in entries {
                    self.map_entry(base, k, v, path);
                }
                false
            }
            (Kind::Map(_), _) if is_ops(patch) => {
                self.map_ops(base, patch, path);
                false
            }
            (Kind::List(_), _) if is_ops(patch) => {
                self.list_ops(base, patch, path);
                false
            }
            _ => {
                if same(base, patch) {
                    self.out.unchanged.push(Unchanged {
                        span: patch.span,
                        path: path.to_vec(),
                    });
                } else {
                    self.change(
                        path.to_vec(),
                        ChangeKind::Changed,
                        Some(base),
                        Some(patch),
                        patch.span,
                    );
                }
                *base = patch.clone();
                true
            }
        }
    }

    fn map_entry(&mut self, base: &mut Node, key: &Node, value: &Node, path: &[String]) {
        let Kind::Map(entries) = &mut base.kind else {
            return;
        };
        let name = key.as_str().unwrap_or("?").to_string();
        let here = join(path, &name);
        match entries.iter_mut().find(|(k, _)| same(k, key)) {
            Some((_, v)) => {
                self.value(v, value, &here);
            }
            None => {
                self.change(here, ChangeKind::Added, None, Some(value), value.span);
                entries.push((key.clone(), value.clone()));
            }
        }
    }

    fn map_ops(&mut self, base: &mut Node, ops: &Node, path: &[String]) {
        for f in op_fields(ops) {
            match (f.name.as_str(), &f.value.kind) {
                ("add" | "change", Kind::Map(entries)) => {
                    for (k, v) in entries {
                        let exists =
                            matches!(&base.kind, Kind::Map(e) if e.iter().any(|(x, _)| same(x, k)));
                        let name = k.as_str().unwrap_or("?");
                        if f.name == "add" && exists {
                            self.problem(
                                k.span,
                                Msg::new("policy-merge-exists").arg("id", name),
                                Some(Msg::new("policy-merge-exists-help")),
                            );
                        } else if f.name == "change" && !exists {
                            let known = keys(base);
                            self.problem(
                                k.span,
                                Msg::new("policy-merge-no-such-change").arg("id", name),
                                Some(suggest(name, known.iter())),
                            );
                        } else {
                            self.map_entry(base, k, v, path);
                        }
                    }
                }
                ("remove", Kind::List(items)) => {
                    for item in items {
                        let Some((id, why)) = self.removal(item) else {
                            continue;
                        };
                        let known = keys(base);
                        let Kind::Map(entries) = &mut base.kind else {
                            return;
                        };
                        let old = entries
                            .iter()
                            .position(|(k, _)| k.as_str() == Some(id.as_str()))
                            .map(|i| entries.remove(i).1);
                        self.removed(path, &id, why, old, item.span, &known);
                    }
                }
                (name, _) => self.problem(
                    f.value.span,
                    if name == "remove" {
                        Msg::new("policy-merge-remove-shape")
                    } else {
                        Msg::new("policy-merge-map-shape").arg("op", name)
                    },
                    None,
                ),
            }
        }
    }

    fn list_ops(&mut self, base: &mut Node, ops: &Node, path: &[String]) {
        for f in op_fields(ops) {
            match (f.name.as_str(), &f.value.kind) {
                ("add", Kind::List(items)) => {
                    for item in items {
                        let mut item = item.clone();
                        // A criterion added without an id is numbered after its indicator's.
                        if let [.., owner, last] = path
                            && last == "criteria"
                            && item.field("id").is_none()
                        {
                            give_id(&mut item, next_criterion_id(base, owner));
                        }
                        let item = &item;
                        let id = key_of(item).map(str::to_string);
                        if let Some(id) = &id
                            && find(base, id).is_some()
                        {
                            self.problem(
                                item.span,
                                Msg::new("policy-merge-exists").arg("id", id),
                                Some(Msg::new("policy-merge-exists-help")),
                            );
                            continue;
                        }
                        let here = join(path, id.as_deref().unwrap_or("+"));
                        self.change(here, ChangeKind::Added, None, Some(item), item.span);
                        if let Kind::List(list) = &mut base.kind {
                            list.push(item.clone());
                        }
                    }
                }
                ("change", Kind::Map(entries)) => {
                    for (k, v) in entries {
                        let id = k.as_str().unwrap_or("?").to_string();
                        match find(base, &id) {
                            Some(target) => {
                                // A record replaced by another kind (`Evidence(…)` by
                                // `Fact(…)`) keeps the id it is known by.
                                let renamed = matches!(
                                    (record_name(target), record_name(v)),
                                    (Some(a), Some(b)) if a != b
                                );
                                let mut v = v.clone();
                                if renamed
                                    && target.field("id").is_some()
                                    && v.field("id").is_none()
                                {
                                    give_id(&mut v, id.clone());
                                }
                                self.value(target, &v, &join(path, &id));
                            }
                            None => {
                                let known = ids(base);
                                self.problem(
                                    k.span,
                                    Msg::new("policy-merge-no-such-change").arg("id", &id),
                                    Some(suggest(&id, known.iter())),
                                );
                            }
                        }
                    }
                }
                ("remove", Kind::List(items)) => {
                    for item in items {
                        let Some((id, why)) = self.removal(item) else {
                            continue;
                        };
                        let known = ids(base);
                        let old = remove(base, &id);
                        self.removed(path, &id, why, old, item.span, &known);
                    }
                }
                (name, _) => self.problem(
                    f.value.span,
                    match name {
                        "add" => Msg::new("policy-merge-add-shape"),
                        "change" => Msg::new("policy-merge-change-shape"),
                        _ => Msg::new("policy-merge-remove-shape"),
                    },
                    None,
                ),
            }
        }
    }

    /// Records a removal, or the problem that there was nothing by that id to remove.
    fn removed(
        &mut self,
        path: &[String],
        id: &str,
        why: String,
        old: Option<Node>,
        at: Span,
        known: &[String],
    ) {
        match old {
            Some(old) => self.change(
                join(path, id),
                ChangeKind::Removed { why },
                Some(&old),
                None,
                at,
            ),
            None => self.problem(
                at,
                Msg::new("policy-merge-no-such-removal").arg("id", id),
                Some(suggest(id, known.iter())),
            ),
        }
    }

    /// `("id", "why")` or `(id: "…", why: "…")`; the reason may not be empty.
    fn removal(&mut self, item: &Node) -> Option<(String, String)> {
        let pair = match &item.kind {
            Kind::Tuple { name: None, items } if items.len() == 2 => {
                items[0].as_str().zip(items[1].as_str())
            }
            Kind::Record { name: None, .. } => item
                .field("id")
                .and_then(Node::as_str)
                .zip(item.field("why").and_then(Node::as_str)),
            _ => None,
        };
        match pair {
            Some((_, why)) if why.trim().is_empty() => {
                self.problem(item.span, Msg::new("policy-merge-removal-why"), None);
                None
            }
            Some((id, why)) => Some((id.to_string(), why.to_string())),
            None => {
                self.problem(
                    item.span,
                    Msg::new("policy-merge-removal-shape"),
                    Some(Msg::new("policy-merge-removal-shape-help")),
                );
                None
            }
        }
    }
}

fn op_fields(ops: &Node) -> &[Field] {
    match &ops.kind {
        Kind::Record { fields, .. } => fields,
        _ => &[],
    }
}

/// The record with this id in a list, at any depth (inside the lists of its records' fields).
fn find<'a>(list: &'a mut Node, id: &str) -> Option<&'a mut Node> {
    let Kind::List(items) = &mut list.kind else {
        return None;
    };
    for item in items.iter_mut() {
        if key_of(item) == Some(id) {
            return Some(item);
        }
        if let Kind::Record { fields, .. } = &mut item.kind {
            for f in fields.iter_mut() {
                if let Some(found) = find(&mut f.value, id) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Removes the record with this id from a list, at any depth.
fn remove(list: &mut Node, id: &str) -> Option<Node> {
    let Kind::List(items) = &mut list.kind else {
        return None;
    };
    if let Some(i) = items.iter().position(|n| key_of(n) == Some(id)) {
        return Some(items.remove(i));
    }
    for item in items.iter_mut() {
        if let Kind::Record { fields, .. } = &mut item.kind {
            for f in fields.iter_mut() {
                if let Some(found) = remove(&mut f.value, id) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Every id in a list, at any depth, for "known" help.
fn ids(list: &Node) -> Vec<String> {
    let mut out = Vec::new();
    if let Kind::List(items) = &list.kind {
        for item in items {
            out.extend(key_of(item).map(str::to_string));
            if let Kind::Record { fields, .. } = &item.kind {
                for f in fields {
                    out.extend(ids(&f.value));
                }
            }
        }
    }
    out
}

fn keys(map: &Node) -> Vec<String> {
    match &map.kind {
        Kind::Map(entries) => entries
            .iter()
            .filter_map(|(k, _)| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}
