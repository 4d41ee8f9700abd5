//! The SVG writer: a string builder that escapes text and prints numbers
//! with one decimal, so that the same figure is the same bytes.

use std::fmt::Write;

/// An SVG document under construction.
pub struct Svg {
    text: String,
    pub width: f64,
    pub height: f64,
}

/// Escapes `&`, `<`, `>` and `"` for text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal and no trailing `.0`, so `12.0` is `12`
/// and `-0.04` is `0`.
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        return "0".into();
    }
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

impl Svg {
    /// Opens a figure `width` by `height` pixels (it scales down to the
    /// page's width). `id` must be unique on the page (the figure's file
    /// name will do). `title` and `description` are what a screen reader
    /// says; the chapter's caption says it for everyone.
    pub fn new(id: &str, width: f64, height: f64, title: &str, description: &str) -> Svg {
        let id = escape(id);
        let mut text = String::new();
        let _ = writeln!(
            text,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="figure" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12" fill="currentColor" stroke="none">"#,
            w = num(width),
            h = num(height),
        );
        let _ = writeln!(text, r#"<title id="{id}-title">{}</title>"#, escape(title));
        let _ = writeln!(
            text,
            r#"<desc id="{id}-desc">{}</desc>"#,
            escape(description)
        );
        Svg {
            text,
            width,
            height,
        }
    }

    /// A raw element line, for shapes this module has no helper for.
    pub fn raw(&mut self, element: &str) {
        self.text.push_str(element);
        self.text.push('\n');
    }

    /// A straight line in `stroke` (a colour or `currentColor`).
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, extra: &str) {
        let _ = writeln!(
            self.text,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" style="stroke:{stroke}"{}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            attrs(extra)
        );
    }

    /// A polyline through `points`.
    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: &str, extra: &str) {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = writeln!(
            self.text,
            r#"<polyline points="{}" style="fill:none;stroke:{stroke}"{}/>"#,
            list.join(" "),
            attrs(extra)
        );
    }

    /// A filled circle.
    pub fn circle(&mut self, (x, y): (f64, f64), r: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.text,
            r#"<circle cx="{}" cy="{}" r="{}" style="fill:{fill}"{}/>"#,
            num(x),
            num(y),
            num(r),
            attrs(extra)
        );
    }

    /// A rectangle filled with `fill`.
    pub fn rect(&mut self, (x, y): (f64, f64), (w, h): (f64, f64), fill: &str, extra: &str) {
        let _ = writeln!(
            self.text,
            r#"<rect x="{}" y="{}" width="{}" height="{}" style="fill:{fill}"{}/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            attrs(extra)
        );
    }

    /// Text in the page's colour. `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, (x, y): (f64, f64), anchor: &str, content: &str, extra: &str) {
        let _ = writeln!(
            self.text,
            r#"<text x="{}" y="{}" text-anchor="{anchor}"{}>{}</text>"#,
            num(x),
            num(y),
            attrs(extra),
            escape(content)
        );
    }

    /// Closes the document and returns it.
    pub fn finish(mut self) -> String {
        self.text.push_str("</svg>\n");
        self.text
    }
}

fn attrs(extra: &str) -> String {
    if extra.is_empty() {
        String::new()
    } else {
        format!(" {extra}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Numbers have one decimal at most and never print -0.
    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.06), "12.1");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-3.25), "-3.3");
    }

    // Text cannot break out of its element or attribute.
    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r#"a<b & "c">"#), "a&lt;b &amp; &quot;c&quot;&gt;");
        let mut svg = Svg::new("f", 10.0, 10.0, "t<", "d&");
        svg.text((1.0, 2.0), "start", "</svg>", "");
        let out = svg.finish();
        assert!(out.contains("<title id=\"f-title\">t&lt;</title>"));
        assert!(out.contains("&lt;/svg&gt;"));
        assert_eq!(out.matches("</svg>").count(), 1);
        assert!(
            !out.contains("\n\n"),
            "a blank line would end the HTML block"
        );
    }
}
