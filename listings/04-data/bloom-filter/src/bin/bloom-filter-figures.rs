//! The chapter's figure, as SVG on stdout:
//! `cargo run -p bloom-filter --bin bloom-filter-figures -- fpr` draws the measured
//! false-positive rate against bits per key, for the optimal k and for
//! k = 2, 7 and 14, each beside the formula's curve.
//!
//! The same filters as `main.rs` builds: "key-0" .. "key-99999" inserted,
//! probed with the keys after them (the first 500,000 of its million, to
//! keep the run short), so the points at 10 bits per key land within a few
//! hundredths of a point of the rows the listing prints.

use std::f64::consts::LN_2;
use std::process::ExitCode;

use bloom_filter::measure::{fill, key, measured_fp_rate};
use bloom_filter::{BloomError, BloomFilter, formula_fp_rate, optimal_k};
use figure::line::{Axis, LineChart, Series, Style};
use figure::scale::Scale;

/// Keys inserted in every filter, as in `main.rs`.
const INSERTED: u64 = 100_000;
/// Never-inserted keys probed per filter: the first half of `main.rs`'s
/// million, to keep the run short.
const PROBES: u64 = 500_000;
/// Filter sizes measured, in bits per key.
const BITS_PER_KEY: [u64; 9] = [4, 6, 8, 10, 12, 14, 16, 18, 20];
/// The fixed k compared with the optimal one: too few probes, the optimum
/// at 10 bits per key, the optimum at 20.
const FIXED_K: [u32; 3] = [2, 7, 14];

/// A false-positive rate as a percentage tick label.
fn percent(rate: f64) -> String {
    format!("{}%", figure::scale::label(rate * 100.0))
}

/// 100000 as "100,000".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn fpr() -> Result<String, BloomError> {
    let present: Vec<String> = (0..INSERTED).map(key).collect();
    let absent: Vec<String> = (INSERTED..INSERTED + PROBES).map(key).collect();
    // (bits per key, k) -> measured rate, so a filter shared by two curves
    // (k = 14 is the optimum at 20 bits per key) is measured once.
    let mut measured: Vec<((u64, u32), f64)> = Vec::new();
    let mut false_negatives = 0;
    let mut measure = |bits: u64, k: u32| -> Result<f64, BloomError> {
        if let Some((_, rate)) = measured.iter().find(|(at, _)| *at == (bits, k)) {
            return Ok(*rate);
        }
        let mut filter = BloomFilter::new(bits * INSERTED, k)?;
        false_negatives += fill(&mut filter, &present);
        let rate = measured_fp_rate(&filter, &absent);
        measured.push(((bits, k), rate));
        Ok(rate)
    };

    // Each curve: a name and the k it uses at a given size.
    let optimal = |bits: u64| optimal_k(bits * INSERTED, INSERTED);
    let mut curves = vec![("optimal k = round(0.69 · m/n)".to_string(), None)];
    for k in FIXED_K {
        curves.push((format!("k = {k}"), Some(k)));
    }
    let mut series = Vec::new();
    for (colour, (name, fixed)) in curves.iter().enumerate() {
        let k_at = |bits: u64| fixed.unwrap_or_else(|| optimal(bits));
        let mut points = Vec::new();
        for bits in BITS_PER_KEY {
            points.push((bits as f64, measure(bits, k_at(bits))?));
        }
        let formula = (BITS_PER_KEY[0]..=BITS_PER_KEY[BITS_PER_KEY.len() - 1])
            .map(|bits| {
                let rate = formula_fp_rate(bits * INSERTED, INSERTED, k_at(bits));
                (bits as f64, rate)
            })
            .collect();
        series.push(Series {
            name: name.clone(),
            points,
            style: Style::Dots,
            colour,
        });
        series.push(Series {
            // One legend entry explains every dashed curve.
            name: if colour == 0 {
                "dashed: the formula for each".into()
            } else {
                String::new()
            },
            points: formula,
            style: Style::Dashed,
            colour,
        });
    }
    assert_eq!(false_negatives, 0, "a Bloom filter never misses a key");
    let at = |bits: u64, k: u32| {
        let rate = measured
            .iter()
            .find(|(at, _)| *at == (bits, k))
            .map(|(_, r)| *r);
        rate.map_or("-".into(), |r| format!("{:.3}%", r * 100.0))
    };
    let (first, last) = (BITS_PER_KEY[0], BITS_PER_KEY[BITS_PER_KEY.len() - 1]);
    // Each tenfold cut costs ln 10 / (ln 2)^2 bits per key (the sizing rule).
    let per_tenfold = 10f64.ln() / (LN_2 * LN_2);
    Ok(LineChart {
        id: "fpr".into(),
        title: "Bloom filter false positives against bits per key, for the optimal k and for k = 2, 7 and 14".into(),
        description: format!(
            "False-positive rate on a log scale against bits per key from {first} to {last}, measured with {} keys inserted and {} absent keys probed per filter, each measurement beside the formula's dashed curve in the same colour, which it follows closely. With the optimal k the rate falls about tenfold for every {per_tenfold:.1} bits per key, from {} at {first} bits per key to {} at {last}. A fixed k is best only near the size it suits: k = 7 meets the optimal curve at 10 bits per key ({} there) and is worse on either side; k = 14 meets it at {last} bits per key and is far worse when bits are scarce ({} at {first}); k = 2 ({} at 10 bits per key) flattens out, because two probes give an absent key too few chances to find a 0.",
            grouped(INSERTED),
            grouped(PROBES),
            at(first, optimal(first)),
            at(last, optimal(last)),
            at(10, 7),
            at(first, 14),
            at(10, 2),
        ),
        x: Axis {
            ticks: BITS_PER_KEY.len(),
            ..Axis::new(
                Scale::Linear { min: first as f64, max: last as f64 },
                &format!(
                    "bits per key (m/n); {} keys in each filter, {} absent keys probed",
                    grouped(INSERTED),
                    grouped(PROBES)
                ),
            )
        },
        y: Axis::new(Scale::Log10 { min: 1e-5, max: 1.0 }, "false positives (log scale)")
            .with_format(percent),
        series,
    }
    .render())
}

fn main() -> ExitCode {
    figure::main(env!("CARGO_BIN_NAME"), &[("fpr", fpr as fn() -> _)])
}
