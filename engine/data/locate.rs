//! Where the entries of an association file's `facts` map are written: each key and each
//! value with its byte range, in file order, repeated keys included.
//!
//! Serde reads a map into a `BTreeMap` and forgets where anything was; a problem with a fact
//! (out of range, written twice) must still point at the value the editor typed. Scanning the
//! text for the quoted key would also find it in a title or a comment, so the scanner walks
//! the file's structure instead: RON or JSON, comments and strings skipped, down to the
//! top-level `facts` field, and reads that map's entries. It runs only when a fact has a
//! problem, and never fails loudly: text it cannot follow gives no entries, and problems then
//! point at the key as before.

/// One entry of the `facts` map as written.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Entry {
    /// The key's text (escapes resolved).
    pub(super) key: String,
    /// Where the key is written, quotes included.
    pub(super) key_at: (usize, usize),
    /// Where the value is written.
    pub(super) value_at: (usize, usize),
}

/// The entries of the top-level `facts` map, in file order; empty when there is none or the
/// text cannot be followed that far.
pub(super) fn fact_entries(text: &str) -> Vec<Entry> {
    let mut s = Scanner {
        text,
        at: usize::from(text.starts_with('\u{feff}')) * 3,
    };
    s.facts().unwrap_or_default()
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> Option<()> {
        self.skip()?;
        (self.peek() == Some(c)).then(|| self.at += c.len_utf8())
    }

    /// Skips white space and comments (`// …`, nested `/* … */`).
    fn skip(&mut self) -> Option<()> {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.starts_with("/*") {
                let mut depth = 0usize;
                loop {
                    let rest = self.rest();
                    if rest.starts_with("/*") {
                        depth += 1;
                        self.at += 2;
                    } else if rest.starts_with("*/") {
                        depth -= 1;
                        self.at += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        self.at += rest.chars().next()?.len_utf8();
                    }
                }
            } else {
                return Some(());
            }
        }
    }

    /// A word: a record name, a field name, `true`, a number's digits.
    fn word(&mut self) -> &'a str {
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    /// A quoted string (RON or JSON escapes), its text.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            self.at += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let e = self.peek()?;
                    self.at += e.len_utf8();
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'u' => self.unicode_escape()?,
                        other => other,
                    });
                }
                c => out.push(c),
            }
        }
    }

    /// The character of `\u{…}` (RON) or `\uXXXX` (JSON), after the `u`.
    fn unicode_escape(&mut self) -> Option<char> {
        let rest = self.rest();
        let (hex, used) = match rest.strip_prefix('{') {
            Some(inner) => {
                let end = inner.find('}')?;
                (&inner[..end], end + 2)
            }
            None => (rest.get(..4)?, 4),
        };
        self.at += used;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// A raw string `r"…"` or `r#"…"#` (RON).
    fn raw_string(&mut self) -> Option<()> {
        self.at += 1;
        let hashes = self.rest().chars().take_while(|&c| c == '#').count();
        self.at += hashes + 1;
        let close = format!("\"{}", "#".repeat(hashes));
        self.at += self.rest().find(&close)? + close.len();
        Some(())
    }

    /// Skips one value of any kind, nested ones included.
    fn value(&mut self) -> Option<()> {
        self.skip()?;
        match self.peek()? {
            '(' | '[' | '{' => self.group(),
            '"' | '\'' => self.quoted(),
            'r' if self.raw_ahead() => self.raw_string(),
            ',' | ')' | ']' | '}' => None,
            _ => {
                // A scalar (`12`, `-inf`, `true`) or a name before a group (`Some(3)`).
                let len = self
                    .rest()
                    .find(|c: char| c.is_whitespace() || ",()[]{}/\"".contains(c))
                    .unwrap_or(self.rest().len());
                if len == 0 {
                    return None;
                }
                self.at += len;
                let before = self.at;
                self.skip()?;
                if self.peek() == Some('(') {
                    return self.group();
                }
                self.at = before;
                Some(())
            }
        }
    }

    /// Whether a raw string starts here (`r"` or `r#`).
    fn raw_ahead(&self) -> bool {
        matches!(self.rest()[1..].chars().next(), Some('"' | '#'))
    }

    /// A string or a RON character (`'x'`, `'\''`), skipped.
    fn quoted(&mut self) -> Option<()> {
        if self.peek()? == '"' {
            return self.string().map(drop);
        }
        self.at += 1;
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\\' {
            self.at += self.peek()?.len_utf8();
        }
        (self.peek()? == '\'').then(|| self.at += 1)
    }

    /// A bracketed group from its opening bracket to the one that closes it, skipped.
    fn group(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip()?;
            match self.peek()? {
                '"' | '\'' => self.quoted()?,
                'r' if self.raw_ahead() => self.raw_string()?,
                '(' | '[' | '{' => {
                    depth += 1;
                    self.at += 1;
                }
                ')' | ']' | '}' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                c if c.is_alphanumeric() || c == '_' => {
                    self.word();
                }
                c => self.at += c.len_utf8(),
            }
        }
    }

    /// The top-level record or object's `facts` field, read as a map.
    fn facts(&mut self) -> Option<Vec<Entry>> {
        self.skip()?;
        if self.peek()?.is_alphabetic() {
            self.word();
            self.skip()?;
        }
        let close = match self.peek()? {
            '(' => ')',
            '{' => '}',
            _ => return None,
        };
        self.at += 1;
        loop {
            self.skip()?;
            if self.peek()? == close {
                return None;
            }
            let key = match self.peek()? {
                '"' => self.string()?,
                _ => self.word().to_string(),
            };
            if key.is_empty() {
                return None;
            }
            self.eat(':')?;
            if key == "facts" {
                return self.map();
            }
            self.value()?;
            self.skip()?;
            if self.peek()? == ',' {
                self.at += 1;
            }
        }
    }

    /// A map's entries `{"key": value, …}`.
    fn map(&mut self) -> Option<Vec<Entry>> {
        self.eat('{')?;
        let mut entries = Vec::new();
        loop {
            self.skip()?;
            match self.peek()? {
                '}' => return Some(entries),
                '"' => {}
                _ => return Some(entries),
            }
            let key_start = self.at;
            let key = self.string()?;
            let key_at = (key_start, self.at);
            self.eat(':')?;
            self.skip()?;
            let value_start = self.at;
            self.value()?;
            let value_at = (value_start, self.at);
            entries.push(Entry {
                key,
                key_at,
                value_at,
            });
            self.skip()?;
            if self.peek()? == ',' {
                self.at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<'a>(text: &'a str, e: &Entry) -> (&'a str, &'a str) {
        (
            &text[e.key_at.0..e.key_at.1],
            &text[e.value_at.0..e.value_at.1],
        )
    }

    #[test]
    fn entries_of_a_ron_file_after_fields_comments_and_strings_that_look_like_them() {
        let text = "// facts: {\"x\": 1}\nAssociation(\n  profile: (name: \"facts: {\\\"y\\\": 2}\", sector: \"base\"),\n  /* facts: { */ period: (id: \"2024\"),\n  facts: {\n    \"a\": 1e400, // a comment\n    \"b\": true,\n    \"a\": -inf,\n    \"c\": Some(3),\n  },\n  evidence: [],\n)";
        let entries = fact_entries(text);
        let found: Vec<(&str, &str)> = entries.iter().map(|e| written(text, e)).collect();
        assert_eq!(
            found,
            [
                ("\"a\"", "1e400"),
                ("\"b\"", "true"),
                ("\"a\"", "-inf"),
                ("\"c\"", "Some(3)")
            ]
        );
        assert_eq!(entries[2].key, "a");
    }

    #[test]
    fn entries_of_a_json_file_with_facts_after_the_events() {
        let text = "\u{feff}{\"profile\": {\"name\": \"x\"}, \"events\": [{\"id\": \"}\"}, [1, 2]],\n \"facts\": {\"tr\\u0061inees\": 6, \"duties_assigned\": false}}";
        let entries = fact_entries(text);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].key, "trainees");
        assert_eq!(written(text, &entries[0]).1, "6");
        assert_eq!(written(text, &entries[1]).1, "false");
    }

    #[test]
    fn text_that_cannot_be_followed_gives_no_entries_and_no_panic() {
        for text in [
            "",
            "Association(",
            "Association(facts: {\"a\": ",
            "(profile: \"unclosed",
            "[1, 2]",
            "(facts: [1])",
            "(a: 'x', b: r#\"(\"#, facts: {\"k\": 1})",
        ] {
            let entries = fact_entries(text);
            assert!(entries.len() <= 1, "{text}: {entries:?}");
        }
        let text = "(a: 'x', b: r#\"(\"#, facts: {\"k\": 1})";
        assert_eq!(fact_entries(text)[0].key, "k");
    }
}
