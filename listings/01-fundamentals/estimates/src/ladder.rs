//! The latency ladder: the published reference figures the chapter cites,
//! and the charts of them. `--bin estimates-figures -- reference` draws the reference
//! figures alone (deterministic, recorded); `--bin latency -- --svg PATH`
//! draws this machine's measurements beside them (never recorded).

use figure::bars::{BarSeries, Bars, Row};
use figure::line::Axis;
use figure::scale::Scale;

use crate::latency::format_ns;

/// One rung of the ladder, in nanoseconds, from Jeff Dean's "Numbers
/// everyone should know" (LADIS 2009 keynote) and Colin Scott's "Latency
/// numbers every programmer should know" at its 2020 setting, which is
/// extrapolated from hardware trends, not measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    pub operation: &'static str,
    pub dean_2009_ns: f64,
    pub scott_2020_ns: f64,
}

pub const L1_CACHE: Reference = Reference {
    operation: "L1 cache reference",
    dean_2009_ns: 0.5,
    scott_2020_ns: 1.0,
};
pub const L2_CACHE: Reference = Reference {
    operation: "L2 cache reference",
    dean_2009_ns: 7.0,
    scott_2020_ns: 4.0,
};
pub const MUTEX: Reference = Reference {
    operation: "mutex lock/unlock",
    dean_2009_ns: 25.0,
    scott_2020_ns: 17.0,
};
pub const MAIN_MEMORY: Reference = Reference {
    operation: "main memory reference",
    dean_2009_ns: 100.0,
    scott_2020_ns: 100.0,
};
pub const READ_1MB: Reference = Reference {
    operation: "read 1 MB from memory",
    dean_2009_ns: 250_000.0,
    scott_2020_ns: 3_000.0,
};
pub const DATACENTER_ROUND_TRIP: Reference = Reference {
    operation: "datacenter round trip",
    dean_2009_ns: 500_000.0,
    scott_2020_ns: 500_000.0,
};
pub const DISK_SEEK: Reference = Reference {
    operation: "disk seek",
    dean_2009_ns: 10_000_000.0,
    scott_2020_ns: 2_000_000.0,
};
pub const PACKET_CA_NL_CA: Reference = Reference {
    operation: "packet CA → Netherlands → CA",
    dean_2009_ns: 150_000_000.0,
    scott_2020_ns: 150_000_000.0,
};

/// The rows of the chapter's table, fastest first.
pub const LADDER: [Reference; 8] = [
    L1_CACHE,
    L2_CACHE,
    MUTEX,
    MAIN_MEMORY,
    READ_1MB,
    DATACENTER_ROUND_TRIP,
    DISK_SEEK,
    PACKET_CA_NL_CA,
];

/// A duration as the sources print it: `format_ns` without a trailing
/// ".0", so "7 ns" and "3 µs", but "0.5 ns" and "1.2 µs".
pub fn short_ns(ns: f64) -> String {
    format_ns(ns).replace(".0 ", " ")
}

/// A log axis from the power of ten below the smallest value (so even the
/// shortest bar has some length) to the one at or above the largest.
fn decades(values: impl Iterator<Item = f64>) -> Scale {
    let (low, high) = values
        .filter(|v| *v > 0.0)
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if high == 0.0 {
        return Scale::Log10 {
            min: 1.0,
            max: 10.0,
        };
    }
    let min = 10f64.powf((low.log10() - 1e-9).floor());
    let max = 10f64.powf(high.log10().ceil()).max(min * 10.0);
    Scale::Log10 { min, max }
}

/// Every rung of the reference ladder, Dean 2009 beside Scott 2020, on a
/// log scale.
pub fn reference_chart() -> String {
    let rows: Vec<Row> = LADDER
        .iter()
        .map(|r| Row {
            label: r.operation.into(),
            values: vec![Some(r.dean_2009_ns), Some(r.scott_2020_ns)],
        })
        .collect();
    let listed: Vec<String> = LADDER
        .iter()
        .map(|r| {
            format!(
                "{} {} and {}",
                r.operation,
                short_ns(r.dean_2009_ns),
                short_ns(r.scott_2020_ns)
            )
        })
        .collect();
    let values = LADDER
        .iter()
        .flat_map(|r| [r.dean_2009_ns, r.scott_2020_ns]);
    let (fastest, slowest) = (LADDER[0], LADDER[LADDER.len() - 1]);
    let powers = (slowest.dean_2009_ns / fastest.dean_2009_ns)
        .log10()
        .floor();
    let agree: Vec<&str> = LADDER
        .iter()
        .filter(|r| r.dean_2009_ns == r.scott_2020_ns)
        .map(|r| r.operation)
        .collect();
    let ratio = |r: &Reference| {
        let (a, b) = (r.dean_2009_ns, r.scott_2020_ns);
        a.max(b) / a.min(b)
    };
    let most = LADDER
        .iter()
        .max_by(|a, b| ratio(a).total_cmp(&ratio(b)))
        .expect("the ladder has rungs");
    Bars {
        id: "reference".into(),
        title: "The latency ladder: Dean's 2009 figures beside Scott's 2020 projections, on a log scale".into(),
        description: format!(
            "Horizontal bars on a log scale, one pair per operation, fastest first: the 2009 figure, then the 2020 projection. The ladder spans more than {powers} powers of ten, from {} for an {} to {} for a {}. The two sources agree on {} and differ most on {}, by {:.0} times. The rows, 2009 then 2020: {}.",
            short_ns(fastest.dean_2009_ns),
            fastest.operation,
            short_ns(slowest.dean_2009_ns),
            slowest.operation,
            match agree.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => "no rung".to_string(),
            },
            most.operation,
            ratio(most),
            listed.join("; ")
        ),
        axis: Axis::new(decades(values), "time per operation (log scale: each gridline is 10x)")
            .with_format(short_ns),
        series: vec![
            BarSeries {
                name: "Dean 2009".into(),
                colour: 0,
            },
            BarSeries {
                name: "Scott 2020 (projected)".into(),
                colour: 4,
            },
        ],
        rows,
        missing: "-".into(),
    }
    .render()
}

/// One measured rung: its label in the chart, what this machine measured
/// (`None` if the probe failed) and the reference it compares with.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub label: &'static str,
    pub ns: Option<f64>,
    pub reference: Option<Reference>,
}

/// This machine's ladder beside Scott's 2020 projection, on a log scale.
pub fn measured_chart(rows: &[Measured], footnote: &str) -> String {
    let listed: Vec<String> = rows
        .iter()
        .map(|m| {
            let here = m.ns.map_or("not measured".into(), short_ns);
            match m.reference {
                Some(r) => format!(
                    "{} {here} here, {} projected",
                    m.label,
                    short_ns(r.scott_2020_ns)
                ),
                None => format!("{} {here} here, no reference", m.label),
            }
        })
        .collect();
    let values = rows
        .iter()
        .flat_map(|m| [m.ns, m.reference.map(|r| r.scott_2020_ns)])
        .flatten();
    Bars {
        id: "measured".into(),
        title: "The latency ladder measured on this machine, beside Scott's 2020 projections".into(),
        description: format!(
            "Horizontal bars on a log scale, one pair per operation: the 2020 projection, then this machine's measurement. {} ({footnote}).",
            listed.join("; ")
        ),
        axis: Axis::new(decades(values), footnote).with_format(short_ns),
        series: vec![
            BarSeries {
                name: "Scott 2020 (projected)".into(),
                colour: 4,
            },
            BarSeries {
                name: "this machine".into(),
                colour: 2,
            },
        ],
        rows: rows
            .iter()
            .map(|m| Row {
                label: m.label.into(),
                values: vec![m.reference.map(|r| r.scott_2020_ns), m.ns],
            })
            .collect(),
        missing: "no reference figure".into(),
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The ladder climbs: in both sources each rung is at least as slow as
    // the one above it.
    #[test]
    fn the_ladder_is_ordered() {
        for source in [
            |r: &Reference| r.dean_2009_ns,
            |r: &Reference| r.scott_2020_ns,
        ] {
            let ns: Vec<f64> = LADDER.iter().map(source).collect();
            assert!(ns.windows(2).all(|w| w[0] <= w[1]), "{ns:?}");
        }
    }

    // Durations read as the sources print them.
    #[test]
    fn short_durations() {
        assert_eq!(short_ns(0.5), "0.5 ns");
        assert_eq!(short_ns(7.0), "7 ns");
        assert_eq!(short_ns(3_000.0), "3 µs");
        assert_eq!(short_ns(1_250.0), "1.2 µs");
        assert_eq!(short_ns(150_000_000.0), "150 ms");
    }

    // The axis spans whole decades around the values.
    #[test]
    fn axis_spans_decades() {
        let scale = decades([0.5, 7.0, 150_000_000.0].into_iter());
        assert_eq!(scale, Scale::Log10 { min: 0.1, max: 1e9 });
        let scale = decades([1.0, 100.0].into_iter());
        assert_eq!(
            scale,
            Scale::Log10 {
                min: 0.1,
                max: 100.0
            }
        );
    }

    // The reference chart is the same bytes on every run and names every
    // rung; a measured chart notes a row without a reference.
    #[test]
    fn charts() {
        let chart = reference_chart();
        assert_eq!(chart, reference_chart());
        for r in LADDER {
            assert!(
                chart.contains(&figure::svg::escape(r.operation)),
                "{}",
                r.operation
            );
        }
        let measured = measured_chart(
            &[
                Measured {
                    label: "L1",
                    ns: Some(1.2),
                    reference: Some(L1_CACHE),
                },
                Measured {
                    label: "stat",
                    ns: Some(800.0),
                    reference: None,
                },
            ],
            "log scale",
        );
        assert!(measured.contains(">1.2 ns</text>"));
        assert!(measured.contains(">no reference figure</text>"));
    }
}
