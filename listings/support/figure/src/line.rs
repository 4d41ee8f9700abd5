//! A line chart: one or more series of (x, y) points on shared axes, with
//! a legend.

use crate::colour;
use crate::scale::{Scale, label};
use crate::svg::Svg;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A solid line through the points, with a dot on each.
    Solid,
    /// A dashed line, for a formula or a reference beside measurements.
    Dashed,
    /// Dots only.
    Dots,
    /// A solid line without dots, for series of many points.
    Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub style: Style,
    /// Index into the six series colours; two series may share one (a
    /// measurement and its formula).
    pub colour: usize,
}

/// One axis: its scale, its title and how its tick labels read.
#[derive(Debug, Clone)]
pub struct Axis {
    pub scale: Scale,
    pub title: String,
    /// At most this many ticks on a linear axis.
    pub ticks: usize,
    pub format: fn(f64) -> String,
}

impl Axis {
    pub fn new(scale: Scale, title: &str) -> Axis {
        Axis {
            scale,
            title: title.into(),
            ticks: 6,
            format: label,
        }
    }

    /// The same axis with tick labels written by `format`.
    pub fn with_format(mut self, format: fn(f64) -> String) -> Axis {
        self.format = format;
        self
    }
}

pub struct LineChart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;
/// The legend: at least this wide, one row per named series, and a rough
/// width per character of 12-pixel sans-serif text to make room for long
/// names.
const LEGEND_WIDTH: f64 = 200.0;
const LEGEND_ROW: f64 = 18.0;
const LEGEND_CHAR: f64 = 6.2;

/// Where the legend box of `(width, height)` goes: the left x and top y of
/// the first corner of the plot (`xs` left to right, `ys` top to bottom)
/// that the fewest points of the drawn series fall in; lines are sampled
/// every few pixels, so a line that crosses the box counts too.
fn legend_corner(
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
    (width, height): (f64, f64),
    drawn: &[(Style, Vec<(f64, f64)>)],
) -> (f64, f64) {
    let mut samples = Vec::new();
    for (style, points) in drawn {
        samples.extend(points.iter().copied());
        if *style == Style::Dots {
            continue;
        }
        for pair in points.windows(2) {
            let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
            let steps = ((bx - ax).hypot(by - ay) / 3.0).ceil().max(1.0) as usize;
            for i in 1..steps {
                let t = i as f64 / steps as f64;
                samples.push((ax + t * (bx - ax), ay + t * (by - ay)));
            }
        }
    }
    let corners = [
        (right - width, top),
        (left + 8.0, top),
        (right - width, bottom - height - 8.0),
        (left + 8.0, bottom - height - 8.0),
    ];
    let crossing = |(x, y): (f64, f64)| {
        let inside = |(px, py): &(f64, f64)| {
            (x - 10.0..=x + width + 10.0).contains(px) && (y - 6.0..=y + height + 16.0).contains(py)
        };
        samples.iter().filter(|p| inside(p)).count()
    };
    // The first corner wins a tie, so an empty top right is kept.
    let mut best = corners[0];
    let mut fewest = crossing(best);
    for corner in &corners[1..] {
        let count = crossing(*corner);
        if count < fewest {
            best = *corner;
            fewest = count;
        }
    }
    best
}

impl LineChart {
    /// The chart as an SVG document.
    pub fn render(&self) -> String {
        let mut svg = Svg::new(&self.id, WIDTH, HEIGHT, &self.title, &self.description);
        let (x0, x1) = (LEFT, WIDTH - RIGHT);
        let (y0, y1) = (HEIGHT - BOTTOM, TOP);
        let px = |x: f64| x0 + self.x.scale.fraction(x).clamp(0.0, 1.0) * (x1 - x0);
        let py = |y: f64| y0 + self.y.scale.fraction(y).clamp(0.0, 1.0) * (y1 - y0);
        // Grid and ticks, in the page's text colour, faint.
        for x in self.x.scale.ticks(self.x.ticks) {
            svg.line(
                (px(x), y0),
                (px(x), y1),
                "currentColor",
                r#"stroke-opacity="0.15""#,
            );
            svg.text((px(x), y0 + 16.0), "middle", &(self.x.format)(x), "");
        }
        for y in self.y.scale.ticks(self.y.ticks) {
            svg.line(
                (x0, py(y)),
                (x1, py(y)),
                "currentColor",
                r#"stroke-opacity="0.15""#,
            );
            svg.text((x0 - 6.0, py(y) + 4.0), "end", &(self.y.format)(y), "");
        }
        svg.line((x0, y0), (x1, y0), "currentColor", "");
        svg.line((x0, y0), (x0, y1), "currentColor", "");
        svg.text(
            ((x0 + x1) / 2.0, HEIGHT - 10.0),
            "middle",
            &self.x.title,
            "",
        );
        svg.text(
            (14.0, (y0 + y1) / 2.0),
            "middle",
            &self.y.title,
            &format!(
                r#"transform="rotate(-90 14 {})""#,
                crate::svg::num((y0 + y1) / 2.0)
            ),
        );
        for series in &self.series {
            let stroke = colour(series.colour);
            let points: Vec<(f64, f64)> = series
                .points
                .iter()
                .map(|(x, y)| (px(*x), py(*y)))
                .collect();
            match series.style {
                Style::Solid => {
                    svg.polyline(&points, &stroke, r#"stroke-width="2""#);
                    for p in &points {
                        svg.circle(*p, 3.0, &stroke, "");
                    }
                }
                Style::Dashed => svg.polyline(
                    &points,
                    &stroke,
                    r#"stroke-width="1.5" stroke-dasharray="6 4""#,
                ),
                Style::Dots => {
                    for p in &points {
                        svg.circle(*p, 3.0, &stroke, "");
                    }
                }
                Style::Line => svg.polyline(&points, &stroke, r#"stroke-width="2""#),
            }
        }
        // Legend: inside the plot, in the first corner that no line or dot
        // crosses (top right, top left, bottom right, bottom left), else in
        // the corner that the fewest cross.
        let named: Vec<&Series> = self.series.iter().filter(|s| !s.name.is_empty()).collect();
        let longest = named.iter().map(|s| s.name.chars().count()).max();
        let Some(longest) = longest else {
            return svg.finish();
        };
        let size = (
            (30.0 + longest as f64 * LEGEND_CHAR).max(LEGEND_WIDTH),
            named.len() as f64 * LEGEND_ROW,
        );
        let drawn: Vec<(Style, Vec<(f64, f64)>)> = self
            .series
            .iter()
            .map(|s| {
                (
                    s.style,
                    s.points.iter().map(|(x, y)| (px(*x), py(*y))).collect(),
                )
            })
            .collect();
        let (x, top) = legend_corner((x0, x1), (y1, y0), size, &drawn);
        for (i, series) in named.iter().enumerate() {
            let y = top + 14.0 + i as f64 * LEGEND_ROW;
            let stroke = colour(series.colour);
            let dash = match series.style {
                Style::Dashed => r#"stroke-width="1.5" stroke-dasharray="6 4""#,
                _ => r#"stroke-width="2""#,
            };
            if series.style == Style::Dots {
                svg.circle((x + 12.0, y - 4.0), 3.0, &stroke, "");
            } else {
                svg.line((x, y - 4.0), (x + 24.0, y - 4.0), &stroke, dash);
            }
            svg.text((x + 30.0, y), "start", &series.name, "");
        }
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> LineChart {
        LineChart {
            id: "t".into(),
            title: "Title".into(),
            description: "What it shows".into(),
            x: Axis::new(
                Scale::Linear {
                    min: 0.0,
                    max: 10.0,
                },
                "x",
            ),
            y: Axis::new(
                Scale::Log10 {
                    min: 0.01,
                    max: 1.0,
                },
                "y",
            ),
            series: vec![
                Series {
                    name: "measured".into(),
                    points: vec![(0.0, 1.0), (5.0, 0.1), (10.0, 0.01)],
                    style: Style::Solid,
                    colour: 0,
                },
                Series {
                    name: "formula".into(),
                    points: vec![(0.0, 1.0), (10.0, 0.01)],
                    style: Style::Dashed,
                    colour: 0,
                },
            ],
        }
    }

    // The same chart renders to the same bytes, and a changed point
    // changes them.
    #[test]
    fn deterministic_and_sensitive() {
        let a = chart().render();
        assert_eq!(a, chart().render());
        let mut moved = chart();
        moved.series[0].points[1].1 = 0.2;
        assert_ne!(a, moved.render());
    }

    // Ends of the axes land on the plot's corners; the legend names each
    // series; text uses the page's colour, series the theme's variables.
    #[test]
    fn geometry_and_theme() {
        let out = chart().render();
        assert!(out.contains(r#"points="64,16 344,164 624,312""#), "{out}");
        assert!(out.contains(">measured</text>") && out.contains(">formula</text>"));
        assert!(out.contains(r#"fill="currentColor""#));
        assert!(out.contains("var(--fig-1,#1f6fb2)"));
        assert!(out.contains(r#"stroke-dasharray="6 4""#));
        // Solid draws a dot on each of its three points; Line draws none.
        assert_eq!(out.matches("<circle").count(), 3);
        let mut plain = chart();
        plain.series[0].style = Style::Line;
        let out = plain.render();
        assert_eq!(out.matches("<circle").count(), 0);
        assert!(out.contains(r#"points="64,16 344,164 624,312" style="fill:none;stroke:var(--fig-1,#1f6fb2)" stroke-width="2""#), "{out}");
    }

    // A series without a name stays out of the legend, and a legend that
    // would cover a line moves to a free corner: here the line runs from
    // top left to bottom right, so the legend goes to the top right.
    #[test]
    fn legend_skips_unnamed_and_avoids_lines() {
        let mut c = chart();
        c.series[1].name = String::new();
        let out = c.render();
        // Six x ticks, three y ticks, two axis titles, one legend entry.
        assert_eq!(out.matches("<text").count(), 6 + 3 + 2 + 1, "{out}");
        assert!(out.contains(r#"<text x="454" y="30" text-anchor="start">measured</text>"#));
        // A line along the top: the legend drops to the bottom right.
        c.series[0].points = vec![(0.0, 1.0), (10.0, 1.0)];
        c.series[1].points = vec![(0.0, 0.5), (10.0, 0.5)];
        let out = c.render();
        assert!(
            out.contains(r#"<text x="454" y="300" text-anchor="start">measured</text>"#),
            "{out}"
        );
    }
}
