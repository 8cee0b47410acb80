//! A failed-items cell read into items with their classes, as the import policy writes them:
//! `吸水率（A类）、破坏强度（B类）` is two items, `吸水率、破坏强度` two items classed by the item
//! dictionary, `铬、镍含量（A类）` one item when the dictionary knows `铬、镍含量`.
//!
//! The cell is split at the policy's separators outside brackets only, so a separator inside
//! a class bracket or a qualifier (`放射性核素（内照射指数、外照射指数）`) splits nothing. A
//! dictionary spelling that holds a separator is matched first, where an item starts. Each
//! part then takes the class its closing bracket gives (`（A类）`), or else the class the
//! dictionary gives the whole part, by its name or an alias; an item found so is named by its
//! dictionary name, and an item named twice with the same class is one item. Anything else is
//! a message naming the part: nothing is guessed.

use crate::message::Msg;
use crate::policy::import::ItemSyntax;

/// A failed item as a cell writes it, its class read from the policy's words or dictionary.
pub(super) struct WrittenItem {
    pub(super) name: String,
    pub(super) class: String,
}

/// Splits a failed-items cell into items with their classes; returns the items read and a
/// message for each item that could not be (or one for the cell when its brackets do not
/// match).
pub(super) fn split_items(cell: &str, syntax: &ItemSyntax) -> (Vec<WrittenItem>, Vec<Msg>) {
    let Some(parts) = parts(cell, syntax) else {
        return (
            Vec::new(),
            vec![Msg::new("import-items-brackets").arg("cell", cell)],
        );
    };
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        match item(part, syntax) {
            // Two spellings of one item (`边直度、表面平整度`, both 尺寸偏差) are one failed item.
            Ok(item)
                if items
                    .iter()
                    .any(|i: &WrittenItem| i.name == item.name && i.class == item.class) => {}
            Ok(item) => items.push(item),
            Err(message) => errors.push(message),
        }
    }
    (items, errors)
}

/// One item: its class from its closing bracket, else from the dictionary.
fn item(part: &str, syntax: &ItemSyntax) -> Result<WrittenItem, Msg> {
    let bracket = last_bracket(part, syntax);
    if let Some((name, label)) = bracket
        && let Some(class) = syntax.classes.get(label)
    {
        if name.is_empty() {
            return Err(Msg::new("import-item-no-name").arg("item", part));
        }
        return Ok(WrittenItem {
            name: name.to_string(),
            class: class.clone(),
        });
    }
    if let Some((name, class)) = syntax.dictionary.get(part) {
        return Ok(WrittenItem {
            name: name.to_string(),
            class: class.to_string(),
        });
    }
    match bracket {
        Some((name, label)) if looks_like_a_class(label) => {
            Err(Msg::new("import-item-class-unknown")
                .arg("item", name)
                .arg("class", label))
        }
        _ => Err(Msg::new("import-item-no-class").arg("item", part)),
    }
}

/// A bracket's text that is written as a class (`C类`, `C`), though not one the policy knows:
/// the message then names the class rather than saying the item has none.
fn looks_like_a_class(label: &str) -> bool {
    let letter = label.strip_suffix('类').unwrap_or(label);
    label.ends_with('类')
        || (letter.chars().count() == 1 && letter.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The name before a part's last bracket and the bracket's text, when the part ends with a
/// closing bracket (brackets are known to match).
fn last_bracket<'p>(part: &'p str, syntax: &ItemSyntax) -> Option<(&'p str, &'p str)> {
    let close = syntax.close.iter().find(|c| part.ends_with(c.as_str()))?;
    let inner_end = part.len() - close.len();
    let mut depth = 0usize;
    let mut i = inner_end;
    while i > 0 {
        let before = &part[..i];
        if let Some(c) = syntax.close.iter().find(|c| before.ends_with(c.as_str())) {
            depth += 1;
            i -= c.len();
        } else if let Some(o) = syntax.open.iter().find(|o| before.ends_with(o.as_str())) {
            if depth == 0 {
                let name = part[..i - o.len()].trim();
                return Some((name, part[i..inner_end].trim()));
            }
            depth -= 1;
            i -= o.len();
        } else {
            i -= before.chars().next_back().map_or(1, char::len_utf8);
        }
    }
    None
}

/// The cell cut at separators outside brackets, a dictionary spelling holding a separator
/// kept whole where an item starts; `None` when the brackets do not match.
fn parts<'c>(cell: &'c str, syntax: &ItemSyntax) -> Option<Vec<&'c str>> {
    let starts = |rest: &str, list: &'_ [String]| -> Option<usize> {
        list.iter()
            .filter(|s| rest.starts_with(s.as_str()))
            .map(String::len)
            .max()
    };
    let mut parts = Vec::new();
    let (mut start, mut i, mut depth) = (0, 0, 0usize);
    let mut item_starts = true;
    while i < cell.len() {
        let rest = &cell[i..];
        if depth == 0 && item_starts {
            let whole =
                syntax.dictionary.joined().iter().find(|j| {
                    rest.starts_with(j.as_str()) && ends_an_item(&rest[j.len()..], syntax)
                });
            if let Some(whole) = whole {
                i += whole.len();
                item_starts = false;
                continue;
            }
        }
        if let Some(len) = starts(rest, &syntax.open) {
            depth += 1;
            (i, item_starts) = (i + len, false);
        } else if let Some(len) = starts(rest, &syntax.close) {
            depth = depth.checked_sub(1)?;
            i += len;
        } else if let Some(len) = starts(rest, &syntax.separators).filter(|_| depth == 0) {
            parts.push(&cell[start..i]);
            i += len;
            (start, item_starts) = (i, true);
        } else {
            let c = rest.chars().next()?;
            item_starts &= c.is_whitespace();
            i += c.len_utf8();
        }
    }
    parts.push(&cell[start..]);
    (depth == 0).then_some(parts)
}

/// Whether an item may end where `rest` begins: at the cell's end, a separator or a bracket.
fn ends_an_item(rest: &str, syntax: &ItemSyntax) -> bool {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    rest.is_empty()
        || syntax
            .separators
            .iter()
            .chain(&syntax.open)
            .any(|s| rest.starts_with(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::import::Dictionary;
    use crate::text::Lang;

    fn syntax(dictionary: &[(&str, &str, &[&str])]) -> ItemSyntax {
        let separators = ["、", "，", "；", ";", "\n"];
        ItemSyntax {
            separators: separators.iter().map(|s| s.to_string()).collect(),
            open: vec!["（".into(), "(".into()],
            close: vec!["）".into(), ")".into()],
            classes: [("A类", "A"), ("B类", "B")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            dictionary: Dictionary::from_entries(dictionary, &separators),
        }
    }

    fn read(cell: &str, syntax: &ItemSyntax) -> (Vec<(String, String)>, Vec<String>) {
        let (items, errors) = split_items(cell, syntax);
        (
            items.into_iter().map(|i| (i.name, i.class)).collect(),
            errors.iter().map(|e| e.word(Lang::En)).collect(),
        )
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn full_width_and_ascii_separators_and_brackets_are_both_read() {
        let (items, errors) = read(
            "吸水率（A类）；破坏强度(B类); 放射性核素（内照射指数）（A类）\n断裂模数（B类）",
            &syntax(&[]),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            items,
            pairs(&[
                ("吸水率", "A"),
                ("破坏强度", "B"),
                ("放射性核素（内照射指数）", "A"),
                ("断裂模数", "B")
            ])
        );
    }

    #[test]
    fn an_enumeration_comma_between_classed_items_splits_them() {
        let (items, errors) = read("吸水率（A类）、破坏强度（B类）", &syntax(&[]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(items, pairs(&[("吸水率", "A"), ("破坏强度", "B")]));
    }

    #[test]
    fn a_separator_inside_brackets_splits_nothing() {
        let (items, errors) = read(
            "放射性核素（内照射指数、外照射指数）（A类），断裂模数（B类）",
            &syntax(&[]),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            items,
            pairs(&[
                ("放射性核素（内照射指数、外照射指数）", "A"),
                ("断裂模数", "B")
            ])
        );
    }

    #[test]
    fn items_without_a_class_take_the_dictionarys_by_name_or_alias() {
        let dictionary: &[(&str, &str, &[&str])] = &[
            ("吸水率", "A", &["吸水率（平均值）"]),
            ("尺寸偏差", "B", &["边直度", "表面平整度"]),
        ];
        let (items, errors) = read(
            "吸水率（平均值）、边直度\n表面平整度（A类）",
            &syntax(dictionary),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            items,
            pairs(&[("吸水率", "A"), ("尺寸偏差", "B"), ("表面平整度", "A")]),
            "an alias is read as its item; a class the cell writes wins"
        );
        let (items, _) = read("边直度、表面平整度", &syntax(dictionary));
        assert_eq!(
            items,
            pairs(&[("尺寸偏差", "B")]),
            "two aliases of one item are one failed item"
        );
    }

    #[test]
    fn a_dictionary_name_holding_a_separator_is_matched_before_the_cell_is_split() {
        let dictionary: &[(&str, &str, &[&str])] = &[("铬、镍含量", "A", &[])];
        let (items, errors) = read(
            "铬、镍含量、标识（B类）；铬、镍含量（B类）",
            &syntax(dictionary),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            items,
            pairs(&[("铬、镍含量", "A"), ("标识", "B"), ("铬、镍含量", "B")])
        );
        let (_, errors) = read("铬、镍含量", &syntax(&[]));
        assert_eq!(
            errors,
            ["`铬` has no class", "`镍含量` has no class"],
            "without the dictionary entry the name is two unclassed items, not one guessed"
        );
    }

    #[test]
    fn an_item_without_a_known_class_is_named() {
        let (items, errors) = read(
            "吸水率；铬镍含量（C类）；（A类）；吸水率（平均值）",
            &syntax(&[]),
        );
        assert!(items.is_empty());
        assert_eq!(
            errors,
            [
                "`吸水率` has no class",
                "`铬镍含量` has class `C类`, which the import policy does not know",
                "`（A类）` has no item name before its class",
                "`吸水率（平均值）` has no class",
            ]
        );
    }

    #[test]
    fn brackets_that_do_not_match_are_the_cells_problem() {
        for cell in ["吸水率（A类、破坏强度（B类）", "吸水率）（A类"] {
            let (items, errors) = read(cell, &syntax(&[]));
            assert!(items.is_empty(), "{cell}");
            assert_eq!(errors.len(), 1, "{cell}: {errors:?}");
            assert!(errors[0].contains("brackets"), "{}", errors[0]);
        }
    }
}
