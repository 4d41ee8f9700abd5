//! The chapter's flame graphs, as SVG on stdout:
//! `cargo run -p performance --bin performance-figures -- n-plus-one` (or
//! `any`) folds the heavy request's profile into collapsed stacks and
//! hands them to inferno, the Rust port of Brendan Gregg's flamegraph.pl.

use std::process::ExitCode;

use inferno::flamegraph::{self, Options};
use performance::profiled;
use performance::shop::Plan;

fn main() -> ExitCode {
    figure::main(
        "performance-figures",
        &[
            ("n-plus-one", || flame(Plan::NPlusOne)),
            ("any", || flame(Plan::Any)),
        ],
    )
}

// ANCHOR: flame
fn flame(plan: Plan) -> Result<String, String> {
    let (profile, _) = profiled(plan);
    let lines = profile.collapsed();
    let mut options = Options::default();
    options.title = format!("GET /orders/1, {}", plan.name());
    options.count_name = "µs".into();
    // Colours from a hash of each frame's name, not at random: the same
    // file every run. No JavaScript: the book's figures carry no script.
    options.deterministic = true;
    options.no_javascript = true;
    options.image_width = Some(720);
    let mut svg = Vec::new();
    flamegraph::from_lines(&mut options, lines.iter().map(String::as_str), &mut svg)
        .map_err(|e| e.to_string())?;
    let svg = String::from_utf8(svg).map_err(|e| e.to_string())?;
    // ANCHOR_END: flame
    describe(&svg, plan, &profile.total())
}

/// The SVG element alone (no XML prologue), with a title and a
/// description, and nothing interactive: inferno's script, its search and
/// zoom controls, and its style sheet (which, inlined in a page, would
/// style the whole page) go; fonts become attributes, and ids are made
/// unique to the figure so two flame graphs can share a page.
fn describe(svg: &str, plan: Plan, total: &u64) -> Result<String, String> {
    let start = svg.find("<svg").ok_or("inferno drew no <svg>")?;
    let mut body = svg[start..].to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(a) = body.find(open) {
            let b = body[a..].find(close).ok_or("unclosed element")? + a + close.len();
            body.replace_range(a..b, "");
        }
    }
    for id in ["details", "unzoom", "search", "matched"] {
        let open = format!("<text id=\"{id}\"");
        if let Some(a) = body.find(&open) {
            let b = body[a..].find("</text>").ok_or("unclosed text")? + a + "</text>".len();
            body.replace_range(a..b, "");
        }
    }
    // The gradient background goes: the figure sits on the page's own.
    if let Some(a) = body.find("<defs>") {
        let b = body[a..].find("</defs>").ok_or("unclosed defs")? + a + "</defs>".len();
        body.replace_range(a..b, "");
    }
    if let Some(a) = body.find("<rect x=\"0\" y=\"0\" width=\"100%\"") {
        let b = body[a..].find("/>").ok_or("unclosed rect")? + a + 2;
        body.replace_range(a..b, "");
    }
    let tag = plan.tag();
    body = theme_colours(&body)
        .replace(
            " onload=\"init(evt)\"",
            &format!(
                " class=\"figure\" role=\"img\" aria-labelledby=\"flame-{tag}-title flame-{tag}-desc\" font-family=\"monospace\" font-size=\"12\" fill=\"currentColor\""
            ),
        )
        .replace(" fill=\"rgb(0,0,0)\"", "")
        .replace(
            "<text id=\"title\"",
            "<text text-anchor=\"middle\" font-size=\"17\"",
        )
        .replace("<svg id=\"frames\"", "<svg");
    let open_end = body.find('>').ok_or("unclosed <svg")? + 1;
    let text = format!(
        "<title id=\"flame-{tag}-title\">Flame graph of GET /orders/1 under the plan {}</title><desc id=\"flame-{tag}-desc\">Each box is a span of the request; its width is its share of the {} µs of simulated cost, its own and that of the spans it called, which are stacked on top of it. Hover over a box for its cost.</desc>",
        plan.name(),
        total
    );
    body.insert_str(open_end, &text);
    Ok(body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n")
}

/// Each frame's box in one of the book's series colours, chosen by the
/// span's name (the same span, the same colour in both figures), tinted so
/// that its label in the page's text colour stays readable.
fn theme_colours(svg: &str) -> String {
    let colour = |name: &str| match name {
        "load_orders" => 1,
        "load_products" => 2,
        "render" => 3,
        "attach_products" => 4,
        "query" => 5,
        _ => 6,
    };
    let mut out = String::new();
    for (i, part) in svg.split("<g><title>").enumerate() {
        if i > 0 {
            out.push_str("<g><title>");
        }
        match (i > 0, part.find(" fill=\"rgb(")) {
            (true, Some(a)) => {
                let name = part.split(" (").next().unwrap_or("");
                let n = colour(name);
                // The attribute ends at the second quote after its start.
                let open = a + " fill=\"".len();
                let close = part[open..].find('"').map_or(part.len(), |q| open + q + 1);
                out.push_str(&part[..a]);
                out.push_str(&format!(
                    " style=\"fill:var(--fig-{n},{});fill-opacity:0.45\"",
                    fallback(n)
                ));
                out.push_str(&part[close..]);
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// The colours the book's figures fall back to outside the book.
fn fallback(n: usize) -> &'static str {
    [
        "#1f6fb2", "#c23b4e", "#2a8a45", "#a86400", "#7b4fb3", "#5f6b73",
    ][(n - 1) % 6]
}
