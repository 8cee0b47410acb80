//! How many pages a PDF printed by Chromium has. Its page objects are plain dictionaries
//! (`/Type /Page`), and its page tree's root says how many there are (`/Type /Pages … /Count
//! N`); the two must agree.

/// The number of pages, or why the PDF cannot be counted.
pub fn page_count(pdf: &[u8]) -> Result<usize, String> {
    if !pdf.starts_with(b"%PDF-") {
        return Err("not a PDF".into());
    }
    let text = String::from_utf8_lossy(pdf);
    let mut pages = 0;
    let mut counts = Vec::new();
    for (at, _) in text.match_indices("/Type") {
        let rest = text[at + "/Type".len()..].trim_start();
        if rest.starts_with("/Pages") {
            counts.push(count_around(&text, at));
        } else if rest
            .strip_prefix("/Page")
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        {
            pages += 1;
        }
    }
    // A page tree may nest; its root has the largest count.
    let root = counts.into_iter().flatten().max();
    match root {
        Some(count) if count == pages => Ok(pages),
        Some(count) => Err(format!(
            "{pages} page objects, but the page tree counts {count}"
        )),
        None => Err(format!("{pages} page objects and no page tree")),
    }
}

/// The `/Count N` of the dictionary around `at` (a page tree node's dictionary holds no other).
fn count_around(text: &str, at: usize) -> Option<usize> {
    let start = text[..at].rfind("<<")?;
    let end = at + text[at..].find(">>")?;
    let dictionary = &text[start..end];
    let count = &dictionary[dictionary.find("/Count")? + "/Count".len()..];
    let digits: String = count
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[test]
fn pages_are_counted_and_checked_against_the_page_tree() {
    let two = b"%PDF-1.4\n1 0 obj\n<</Count 2 /Type /Pages /Kids [2 0 R 3 0 R]>>\nendobj\n\
        2 0 obj\n<</Type /Page\n/Parent 1 0 R>>\nendobj\n3 0 obj <</Parent 1 0 R/Type/Page>> endobj\n";
    assert_eq!(page_count(two), Ok(2));
    let one_lost = b"%PDF-1.4\n1 0 obj\n<</Type /Pages\n/Count 2 /Kids [2 0 R]>>\nendobj\n\
        2 0 obj\n<</Type /Page /Parent 1 0 R>>\nendobj\n";
    assert_eq!(
        page_count(one_lost),
        Err("1 page objects, but the page tree counts 2".into())
    );
    assert_eq!(page_count(b"<html>"), Err("not a PDF".into()));
}
