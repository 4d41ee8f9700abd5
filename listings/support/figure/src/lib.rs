//! Figures a listing draws from the numbers it measured, as SVG text.
//!
//! A chapter includes the SVG inline, so the figure follows the reader's
//! theme: text and axes are drawn in `currentColor` (the page's text
//! colour), and series colours come from the page's CSS variables
//! `--fig-1` to `--fig-6` (see `theme/course.css`), with a fallback that
//! reads well on white when the file is opened on its own. The output is
//! the same to the byte for the same input: fixed sizes, numbers printed
//! with fixed precision, no timestamps, no hash-map order.
//!
//! Layout:
//! - [`svg`]: the writer: escaping, numbers, the `<svg>` frame with its
//!   title and description for screen readers.
//! - [`scale`]: linear and log axes and their tick marks.
//! - [`line`]: a line chart of one or more series, solid, dashed or dots.
//! - [`ring`]: points on a circle, such as a hash ring.
//! - [`timeline`]: lanes of events on one time axis.
//! - [`bars`]: labelled horizontal bars on a linear or log axis, one or
//!   two series side by side, such as a latency ladder.

pub mod bars;
pub mod line;
pub mod ring;
pub mod scale;
pub mod svg;
pub mod timeline;

/// One of the six series colours, by index (wraps around).
pub fn colour(index: usize) -> String {
    const FALLBACK: [&str; 6] = [
        "#1f6fb2", "#c23b4e", "#2a8a45", "#a86400", "#7b4fb3", "#5f6b73",
    ];
    let i = index % FALLBACK.len();
    format!("var(--fig-{},{})", i + 1, FALLBACK[i])
}

/// Draws one figure, or says why it could not.
pub type Draw<E> = fn() -> Result<String, E>;

/// The `main` of a listing's figures binary: draws the figure its first
/// argument names and prints the SVG, or says which names it knows.
pub fn main<E: std::fmt::Display>(
    bin: &str,
    figures: &[(&str, Draw<E>)],
) -> std::process::ExitCode {
    let which = std::env::args().nth(1).unwrap_or_default();
    let Some((_, draw)) = figures.iter().find(|(name, _)| *name == which) else {
        let names: Vec<&str> = figures.iter().map(|(name, _)| *name).collect();
        eprintln!("usage: {bin} {}", names.join("|"));
        return std::process::ExitCode::from(2);
    };
    match draw() {
        Ok(svg) => {
            print!("{svg}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
