//! The report's charts as inline SVG: horizontal bars, drawn by hand so a page needs no script
//! library and prints as sharp as its text. Every text from the outcome is escaped.

use std::fmt::Write;

use crate::policy::templates::html_escape;

/// One bar: its label, how far it reaches (0 to 1), the value printed after it and, for
/// paired bars, the earlier value behind it.
pub(super) struct Bar {
    /// Left-hand label.
    pub label: String,
    /// Share of the full length, 0 to 1.
    pub share: f64,
    /// Text at the bar's end.
    pub value: String,
    /// An earlier period's share, drawn as a thinner bar above.
    pub before: Option<f64>,
    /// Drawn bold (a top level).
    pub strong: bool,
}

/// Width of the drawing, in user units (it scales to the page).
const WIDTH: f64 = 640.0;
/// Room for the labels on the left.
const LABEL: f64 = 200.0;
/// Room for the values on the right.
const VALUE: f64 = 120.0;
/// Height of a row.
const ROW: f64 = 20.0;

/// Labels longer than this many characters are cut with `…` (the tables carry the full names).
const LABEL_CHARS: usize = 16;

fn cut(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
    s.push('…');
    s
}

/// A horizontal bar chart titled `title` (for screen readers), one row per bar; `legend`
/// names the earlier and the later bar when bars are paired.
pub(super) fn bars(title: &str, bars: &[Bar], legend: Option<(&str, &str)>) -> String {
    let top = if legend.is_some() { ROW } else { 0.0 };
    let height = top + ROW * bars.len() as f64 + 4.0;
    let track = WIDTH - LABEL - VALUE;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = html_escape(title)
    );
    if let Some((before, after)) = legend {
        let _ = write!(
            svg,
            "<rect class=\"before\" x=\"{LABEL}\" y=\"5\" width=\"12\" height=\"6\"/>\
             <text x=\"{}\" y=\"11\">{}</text>\
             <rect class=\"bar\" x=\"{}\" y=\"3\" width=\"12\" height=\"10\"/>\
             <text x=\"{}\" y=\"11\">{}</text>",
            LABEL + 16.0,
            html_escape(before),
            LABEL + 120.0,
            LABEL + 136.0,
            html_escape(after)
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let share = b.share.clamp(0.0, 1.0);
        let weight = if b.strong { " class=\"strong\"" } else { "" };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{weight}>{}</text>\
             <rect class=\"track\" x=\"{LABEL}\" y=\"{}\" width=\"{track}\" height=\"12\"/>",
            LABEL - 6.0,
            y + 14.0,
            html_escape(&cut(&b.label)),
            y + 4.0,
        );
        match b.before {
            Some(before) => {
                let _ = write!(
                    svg,
                    "<rect class=\"before\" x=\"{LABEL}\" y=\"{}\" width=\"{:.1}\" height=\"5\"/>\
                     <rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{:.1}\" height=\"7\"/>",
                    y + 4.0,
                    track * before.clamp(0.0, 1.0),
                    y + 9.0,
                    track * share,
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{:.1}\" height=\"12\"/>",
                    y + 4.0,
                    track * share,
                );
            }
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            LABEL + track + 6.0,
            y + 14.0,
            html_escape(&b.value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_text_is_escaped_and_bars_stay_within_their_track() {
        let svg = bars(
            "<t>",
            &[Bar {
                label: "A&B <script>".into(),
                share: 1.7,
                value: "\"x\"".into(),
                before: Some(-1.0),
                strong: false,
            }],
            Some(("2023", "2024")),
        );
        assert!(svg.contains("<title>&lt;t&gt;</title>"), "{svg}");
        assert!(svg.contains("A&amp;B &lt;script&gt;"), "{svg}");
        assert!(svg.contains("&quot;x&quot;"), "{svg}");
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("width=\"320.0\" height=\"7\""), "{svg}");
        assert!(svg.contains("width=\"0.0\" height=\"5\""), "{svg}");
    }
}
