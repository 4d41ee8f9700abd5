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
            }
        }
        // Legend, top right inside the plot.
        for (i, series) in self.series.iter().enumerate() {
            let y = y1 + 14.0 + i as f64 * 18.0;
            let stroke = colour(series.colour);
            let x = x1 - 200.0;
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
    }
}
