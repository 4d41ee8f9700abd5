//! Labelled horizontal bars on one linear or log axis, with one or two
//! series side by side per label: a latency ladder, a reference figure
//! beside a measured one.

use crate::colour;
use crate::line::Axis;
use crate::svg::Svg;

/// One series: its legend name and colour (index into the six).
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    pub name: String,
    pub colour: usize,
}

/// One label and its values, one per series, in series order. `None`
/// draws no bar, only the chart's `missing` note in its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// The chart. Each bar runs from the axis's minimum to its value, and the
/// value is written at its end with the axis's tick format, so a log axis
/// of nanoseconds reads "250 µs" at the bar as on the ticks.
pub struct Bars {
    pub id: String,
    pub title: String,
    pub description: String,
    pub axis: Axis,
    pub series: Vec<BarSeries>,
    pub rows: Vec<Row>,
    /// Written where a row has no value for a series, such as "no reference".
    pub missing: String,
}

const WIDTH: f64 = 720.0;
/// Room right of the plot for the value written at the end of a bar.
const RIGHT: f64 = 70.0;
/// The legend's line above the plot.
const TOP: f64 = 36.0;
const BAR: f64 = 12.0;
/// Between two bars of one label, and between labels.
const BAR_GAP: f64 = 2.0;
const ROW_GAP: f64 = 12.0;
/// A rough width per character of 12-pixel sans-serif text.
const CHAR: f64 = 6.2;
/// Tick labels closer than this are thinned to every second (or third...).
const MIN_TICK_SPACING: f64 = 44.0;

impl Bars {
    /// The left edge of the plot: wide enough for the longest label.
    fn left(&self) -> f64 {
        let longest = self.rows.iter().map(|r| r.label.chars().count()).max();
        (16.0 + longest.unwrap_or(0) as f64 * CHAR).clamp(80.0, 320.0)
    }

    fn row_height(&self) -> f64 {
        let n = self.series.len().max(1) as f64;
        n * BAR + (n - 1.0) * BAR_GAP + ROW_GAP
    }

    /// The bar for row `row`, series `series`: top-left corner and size.
    fn bar(&self, row: usize, series: usize, value: f64) -> ((f64, f64), (f64, f64)) {
        let x0 = self.left();
        let x1 = WIDTH - RIGHT;
        let fraction = self.axis.scale.fraction(value).clamp(0.0, 1.0);
        let y = TOP + row as f64 * self.row_height() + ROW_GAP / 2.0;
        let y = y + series as f64 * (BAR + BAR_GAP);
        ((x0, y), (fraction * (x1 - x0), BAR))
    }

    pub fn render(&self) -> String {
        let (x0, x1) = (self.left(), WIDTH - RIGHT);
        let plot_bottom = TOP + self.rows.len() as f64 * self.row_height();
        let height = plot_bottom + 46.0;
        let mut svg = Svg::new(&self.id, WIDTH, height, &self.title, &self.description);
        let px = |v: f64| x0 + self.axis.scale.fraction(v).clamp(0.0, 1.0) * (x1 - x0);

        // Grid and ticks; labels thinned where the ticks crowd.
        let ticks = self.axis.scale.ticks(self.axis.ticks);
        let spacing = match ticks.as_slice() {
            [a, b, ..] => px(*b) - px(*a),
            _ => f64::INFINITY,
        };
        let every = (MIN_TICK_SPACING / spacing).ceil().max(1.0) as usize;
        for (i, t) in ticks.iter().enumerate() {
            svg.line(
                (px(*t), TOP),
                (px(*t), plot_bottom),
                "currentColor",
                r#"stroke-opacity="0.15""#,
            );
            if i % every == 0 {
                svg.text(
                    (px(*t), plot_bottom + 16.0),
                    "middle",
                    &(self.axis.format)(*t),
                    "",
                );
            }
        }
        svg.line((x0, plot_bottom), (x1, plot_bottom), "currentColor", "");
        svg.line((x0, TOP), (x0, plot_bottom), "currentColor", "");
        svg.text(
            ((x0 + x1) / 2.0, plot_bottom + 34.0),
            "middle",
            &self.axis.title,
            "",
        );

        // Legend, one line above the plot.
        let mut x = x0;
        for series in &self.series {
            svg.rect((x, 10.0), (12.0, 12.0), &colour(series.colour), "");
            svg.text((x + 18.0, 20.0), "start", &series.name, "");
            x += 18.0 + series.name.chars().count() as f64 * CHAR + 24.0;
        }

        for (r, row) in self.rows.iter().enumerate() {
            let centre = TOP + (r as f64 + 0.5) * self.row_height();
            svg.text((x0 - 8.0, centre + 4.0), "end", &row.label, "");
            for (s, series) in self.series.iter().enumerate() {
                let value = row.values.get(s).copied().flatten();
                let Some(value) = value else {
                    let ((x, y), _) = self.bar(r, s, 0.0);
                    svg.text(
                        (x + 4.0, y + BAR - 2.0),
                        "start",
                        &self.missing,
                        r#"font-size="11" fill-opacity="0.7""#,
                    );
                    continue;
                };
                let (at, size) = self.bar(r, s, value);
                svg.rect(at, size, &colour(series.colour), "");
                svg.text(
                    (at.0 + size.0 + 4.0, at.1 + BAR - 2.0),
                    "start",
                    &(self.axis.format)(value),
                    r#"font-size="11""#,
                );
            }
        }
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::Scale;

    /// The start of a bar's `<rect>` as the writer prints it.
    fn rect_attrs(((x, y), (w, h)): ((f64, f64), (f64, f64))) -> String {
        format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}""#,
            crate::svg::num(x),
            crate::svg::num(y),
            crate::svg::num(w),
            crate::svg::num(h)
        )
    }

    fn chart() -> Bars {
        Bars {
            id: "b".into(),
            title: "t".into(),
            description: "d".into(),
            axis: Axis::new(
                Scale::Log10 {
                    min: 1.0,
                    max: 10_000.0,
                },
                "ns",
            ),
            series: vec![
                BarSeries {
                    name: "reference".into(),
                    colour: 0,
                },
                BarSeries {
                    name: "this machine".into(),
                    colour: 1,
                },
            ],
            rows: vec![
                Row {
                    label: "L1".into(),
                    values: vec![Some(100.0), Some(10.0)],
                },
                Row {
                    label: "syscall".into(),
                    values: vec![None, Some(1_000.0)],
                },
            ],
            missing: "no reference".into(),
        }
    }

    // The same bars give the same bytes; a changed value changes them.
    #[test]
    fn deterministic_and_sensitive() {
        let a = chart().render();
        assert_eq!(a, chart().render());
        let mut changed = chart();
        changed.rows[1].values[1] = Some(2_000.0);
        assert_ne!(a, changed.render());
    }

    // A bar starts at the axis and ends at its value: 100 on a log axis
    // from 1 to 10,000 reaches halfway. Labels are wide enough for the
    // longest name; the second series sits just below the first.
    #[test]
    fn geometry_of_one_bar() {
        let bars = chart();
        // "syscall" is short, so the label column is the minimum, 80 px;
        // the plot runs from 80 to 720 - 70 = 650, 570 px.
        assert_eq!(bars.left(), 80.0);
        let first = bars.bar(0, 0, 100.0);
        assert_eq!(first, ((80.0, 42.0), (285.0, 12.0)));
        let second = bars.bar(0, 1, 10.0);
        assert_eq!(second.0, (80.0, 56.0));
        assert!((second.1.0 - 142.5).abs() < 1e-9);
        let out = bars.render();
        assert!(out.contains(&rect_attrs(first)), "{out}");
        assert!(out.contains(r#"style="fill:var(--fig-1,#1f6fb2)""#));
        assert!(out.contains(">100</text>") && out.contains(">this machine</text>"));
    }

    // A missing value draws no bar, only the note, in the bar's place.
    #[test]
    fn a_missing_value_is_a_note() {
        let out = chart().render();
        // Three values, three bars (plus two legend swatches).
        assert_eq!(out.matches("<rect").count(), 3 + 2, "{out}");
        assert_eq!(out.matches(">no reference</text>").count(), 1);
    }

    // Crowded tick labels are thinned, but every tick keeps its grid line.
    #[test]
    fn crowded_ticks_are_thinned() {
        let mut bars = chart();
        bars.axis.scale = Scale::Log10 {
            min: 1e-4,
            max: 1e9,
        };
        let out = bars.render();
        // 14 powers of ten over 570 px, 43.8 px apart: every second one
        // labelled, from the first; the axis title is centred too.
        let grid = out.matches(r#"stroke-opacity="0.15""#).count();
        assert_eq!(grid, 14);
        assert_eq!(out.matches(r#"text-anchor="middle""#).count(), 7 + 1);
        assert!(out.contains(r#"text-anchor="middle">0.0001</text>"#));
        assert!(!out.contains(r#"text-anchor="middle">0.001</text>"#));
        assert!(out.contains(r#"text-anchor="middle">100000000</text>"#));
        // 13 of them, 47.5 px apart, are all labelled.
        bars.axis.scale = Scale::Log10 {
            min: 1e-3,
            max: 1e9,
        };
        let out = bars.render();
        assert_eq!(out.matches(r#"text-anchor="middle""#).count(), 13 + 1);
    }
}
