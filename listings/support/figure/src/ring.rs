//! Points on a circle: a hash ring with its nodes' positions and the keys
//! each node owns, some of them highlighted.

use crate::colour;
use crate::svg::{Svg, num};

/// What a point on the ring is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A node's position (a virtual node): a large dot on the circle.
    Node,
    /// A key: a small dot just inside the circle, in its owner's colour.
    Key,
    /// A key to draw attention to (it moved): a small dot further inside,
    /// circled in the page's colour.
    Highlighted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Where on the ring, from 0.0 (top) clockwise to 1.0.
    pub at: f64,
    pub colour: usize,
    pub mark: Mark,
}

pub struct Ring {
    pub id: String,
    pub title: String,
    pub description: String,
    pub points: Vec<Point>,
    /// Legend entries: text, colour, mark.
    pub legend: Vec<(String, usize, Mark)>,
}

const SIZE: f64 = 420.0;
const LEGEND: f64 = 220.0;
const RADIUS: f64 = 170.0;

fn on_circle(at: f64, radius: f64) -> (f64, f64) {
    let angle = at * std::f64::consts::TAU;
    (
        SIZE / 2.0 + radius * angle.sin(),
        SIZE / 2.0 - radius * angle.cos(),
    )
}

fn draw(svg: &mut Svg, (x, y): (f64, f64), colour_index: usize, mark: Mark) {
    let fill = colour(colour_index);
    match mark {
        Mark::Node => svg.circle(
            (x, y),
            6.0,
            &fill,
            r#"stroke="currentColor" stroke-width="1""#,
        ),
        Mark::Key => svg.circle((x, y), 2.5, &fill, ""),
        Mark::Highlighted => svg.circle(
            (x, y),
            3.5,
            &fill,
            r#"stroke="currentColor" stroke-width="1.5""#,
        ),
    }
}

impl Ring {
    pub fn render(&self) -> String {
        let mut svg = Svg::new(
            &self.id,
            SIZE + LEGEND,
            SIZE,
            &self.title,
            &self.description,
        );
        svg.raw(&format!(
            r#"<circle cx="{c}" cy="{c}" r="{}" style="fill:none;stroke:currentColor" stroke-opacity="0.4"/>"#,
            num(RADIUS),
            c = num(SIZE / 2.0)
        ));
        // Keys first, so nodes are drawn over them.
        for mark in [Mark::Key, Mark::Highlighted, Mark::Node] {
            for point in self.points.iter().filter(|p| p.mark == mark) {
                let radius = match mark {
                    Mark::Node => RADIUS,
                    Mark::Key => RADIUS - 12.0,
                    Mark::Highlighted => RADIUS - 26.0,
                };
                draw(&mut svg, on_circle(point.at, radius), point.colour, mark);
            }
        }
        for (i, (text, colour_index, mark)) in self.legend.iter().enumerate() {
            let y = 40.0 + i as f64 * 22.0;
            draw(&mut svg, (SIZE + 16.0, y - 4.0), *colour_index, *mark);
            svg.text((SIZE + 30.0, y), "start", text, "");
        }
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A point at 0 is at the top, a quarter turn is on the right; nodes
    // are drawn after keys; the same ring gives the same bytes.
    #[test]
    fn positions_and_order() {
        let (x, y) = on_circle(0.0, RADIUS);
        assert_eq!((num(x), num(y)), ("210".into(), "40".into()));
        let (x, y) = on_circle(0.25, RADIUS);
        assert_eq!((num(x), num(y)), ("380".into(), "210".into()));
        let ring = Ring {
            id: "r".into(),
            title: "t".into(),
            description: "d".into(),
            points: vec![
                Point {
                    at: 0.5,
                    colour: 1,
                    mark: Mark::Node,
                },
                Point {
                    at: 0.1,
                    colour: 1,
                    mark: Mark::Key,
                },
            ],
            legend: vec![("node B".into(), 1, Mark::Node)],
        };
        let out = ring.render();
        assert_eq!(out, ring.render());
        let key = out.find(r#"r="2.5""#).unwrap();
        let node = out.find(r#"r="6""#).unwrap();
        assert!(key < node);
        assert!(out.contains(">node B</text>"));
    }
}
