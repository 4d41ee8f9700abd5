//! Lanes of events on one time axis: what each call did, with and without
//! a fix, side by side.

use crate::colour;
use crate::line::Axis;
use crate::svg::{Svg, num};

/// How an event kind is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Dot,
    Square,
    Cross,
    Diamond,
}

#[derive(Debug, Clone)]
pub struct Kind {
    pub name: String,
    pub colour: usize,
    pub shape: Shape,
}

#[derive(Debug, Clone)]
pub struct Lane {
    pub name: String,
    /// (time, index into `kinds`), in any order.
    pub events: Vec<(f64, usize)>,
}

pub struct Timeline {
    pub id: String,
    pub title: String,
    pub description: String,
    pub axis: Axis,
    pub kinds: Vec<Kind>,
    pub lanes: Vec<Lane>,
    /// Shaded stretches of time with a label, such as an outage.
    pub spans: Vec<(f64, f64, String)>,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const LANE: f64 = 44.0;

fn mark(svg: &mut Svg, (x, y): (f64, f64), kind: &Kind) {
    let fill = colour(kind.colour);
    match kind.shape {
        Shape::Dot => svg.circle((x, y), 4.0, &fill, ""),
        Shape::Square => svg.rect((x - 4.0, y - 4.0), (8.0, 8.0), &fill, ""),
        Shape::Diamond => svg.raw(&format!(
            r#"<polygon points="{},{} {},{} {},{} {},{}" style="fill:{fill}"/>"#,
            num(x),
            num(y - 5.0),
            num(x + 5.0),
            num(y),
            num(x),
            num(y + 5.0),
            num(x - 5.0),
            num(y)
        )),
        Shape::Cross => {
            svg.line(
                (x - 4.0, y - 4.0),
                (x + 4.0, y + 4.0),
                &fill,
                r#"stroke-width="2""#,
            );
            svg.line(
                (x - 4.0, y + 4.0),
                (x + 4.0, y - 4.0),
                &fill,
                r#"stroke-width="2""#,
            );
        }
    }
}

impl Timeline {
    pub fn render(&self) -> String {
        let plot_bottom = TOP + LANE * self.lanes.len() as f64;
        let height = plot_bottom + 46.0 + 20.0 * self.kinds.len().div_ceil(3) as f64;
        let mut svg = Svg::new(&self.id, WIDTH, height, &self.title, &self.description);
        let (x0, x1) = (LEFT, WIDTH - RIGHT);
        let px = |t: f64| x0 + self.axis.scale.fraction(t).clamp(0.0, 1.0) * (x1 - x0);
        for (from, to, text) in &self.spans {
            svg.rect(
                (px(*from), TOP - 14.0),
                (px(*to) - px(*from), plot_bottom - TOP + 14.0),
                "currentColor",
                r#"fill-opacity="0.08""#,
            );
            svg.text((px(*from) + 4.0, TOP - 4.0), "start", text, "");
        }
        for t in self.axis.scale.ticks(self.axis.ticks) {
            svg.line(
                (px(t), plot_bottom),
                (px(t), plot_bottom + 4.0),
                "currentColor",
                "",
            );
            svg.text(
                (px(t), plot_bottom + 16.0),
                "middle",
                &(self.axis.format)(t),
                "",
            );
        }
        svg.line((x0, plot_bottom), (x1, plot_bottom), "currentColor", "");
        svg.text(
            ((x0 + x1) / 2.0, plot_bottom + 32.0),
            "middle",
            &self.axis.title,
            "",
        );
        for (i, lane) in self.lanes.iter().enumerate() {
            let y = TOP + LANE * (i as f64 + 0.5);
            svg.line((x0, y), (x1, y), "currentColor", r#"stroke-opacity="0.2""#);
            svg.text((x0 - 8.0, y + 4.0), "end", &lane.name, "");
            let mut events = lane.events.clone();
            events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (t, kind) in events {
                mark(&mut svg, (px(t), y), &self.kinds[kind]);
            }
        }
        for (i, kind) in self.kinds.iter().enumerate() {
            let x = x0 + (i % 3) as f64 * 160.0;
            let y = plot_bottom + 52.0 + (i / 3) as f64 * 20.0;
            mark(&mut svg, (x, y - 4.0), kind);
            svg.text((x + 10.0, y), "start", &kind.name, "");
        }
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::Scale;

    // Events land on their lane at their time, every kind is in the
    // legend, and the outage is shaded.
    #[test]
    fn lanes_and_legend() {
        let timeline = Timeline {
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            axis: Axis::new(
                Scale::Linear {
                    min: 0.0,
                    max: 10.0,
                },
                "seconds",
            ),
            kinds: vec![
                Kind {
                    name: "sent".into(),
                    colour: 0,
                    shape: Shape::Dot,
                },
                Kind {
                    name: "rejected".into(),
                    colour: 1,
                    shape: Shape::Cross,
                },
            ],
            lanes: vec![Lane {
                name: "no breaker".into(),
                events: vec![(10.0, 1), (0.0, 0)],
            }],
            spans: vec![(2.0, 4.0, "outage".into())],
        };
        let out = timeline.render();
        assert!(out.contains(r#"<circle cx="130" cy="50" r="4""#), "{out}");
        assert!(
            out.contains(r#"x1="620" y1="46" x2="628" y2="54""#),
            "{out}"
        );
        assert!(out.contains(">rejected</text>") && out.contains(">outage</text>"));
        assert_eq!(out, timeline.render());
    }
}
