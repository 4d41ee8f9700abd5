//! The chapter's figure, as SVG on stdout:
//! `cargo run -p observability --bin observability-figures -- waterfall`
//! draws the slowest checkout's trace as a waterfall: one bar per span, at
//! its start time and as long as it took, coloured by service.

use std::process::ExitCode;

use figure::colour;
use figure::svg::Svg;
use observability::services::{DEMO_CHECKOUTS, DEMO_SEED, Shared, traffic};
use observability::trace::{duration_ms, label, ordered, start_ms};
use opentelemetry::trace::SpanId;

fn waterfall() -> Result<String, String> {
    let spans = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .map_err(|e| e.to_string())?
        .block_on(async {
            let sh = Shared::new(DEMO_SEED, true);
            traffic(&sh, DEMO_SEED, DEMO_CHECKOUTS, 100).await;
            sh.exporter.get_finished_spans().map_err(|e| e.to_string())
        })?;
    let root = spans
        .iter()
        .filter(|s| s.parent_span_id == SpanId::INVALID)
        .max_by_key(|s| (duration_ms(s), start_ms(s)))
        .ok_or("no spans")?;
    let trace = root.span_context.trace_id();
    let ours: Vec<_> = spans
        .iter()
        .filter(|s| s.span_context.trace_id() == trace)
        .collect();
    let rows = ordered(&ours);
    let t0 = start_ms(root) as f64;
    let total = duration_ms(root) as f64;
    let end = (total / 50.0).ceil() * 50.0;
    let (left, bar_w, row_h, top) = (300.0, 380.0, 22.0, 30.0);
    let width = left + bar_w + 70.0;
    let height = top + row_h * rows.len() as f64 + 40.0;
    let x = |ms: f64| left + bar_w * (ms - t0) / end;
    let mut svg = Svg::new(
        "waterfall",
        width,
        height,
        "The slowest checkout's trace as a waterfall",
        &format!(
            "{} spans of one trace on a time axis of {} ms: the gateway and orders spans last \
             the whole request, and one inventory db select of {} ms covers almost all of it.",
            rows.len(),
            total,
            ours.iter()
                .map(|s| duration_ms(s))
                .filter(|&d| d + 10 < duration_ms(root))
                .max()
                .unwrap_or(0)
        ),
    );
    for (i, service) in ["gateway", "orders", "inventory"].iter().enumerate() {
        let lx = left + i as f64 * 110.0;
        svg.rect((lx, 8.0), (12.0, 12.0), &colour(i), "");
        svg.text((lx + 16.0, 18.0), "start", service, "");
    }
    for (i, (depth, s)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let service = s.instrumentation_scope.name();
        let c = ["gateway", "orders", "inventory"]
            .iter()
            .position(|n| *n == service)
            .unwrap_or(5);
        let name = label(s);
        let name = name.strip_prefix(service).unwrap_or(&name).trim();
        svg.text((8.0 + 12.0 * *depth as f64, y + 15.0), "start", name, "");
        let (a, d) = (start_ms(s) as f64, duration_ms(s) as f64);
        svg.rect(
            (x(a), y + 4.0),
            ((x(a + d) - x(a)).max(1.5), row_h - 8.0),
            &colour(c),
            "",
        );
        svg.text((x(a + d) + 4.0, y + 15.0), "start", &format!("{d} ms"), "");
    }
    let axis_y = top + row_h * rows.len() as f64 + 6.0;
    svg.line((left, axis_y), (left + bar_w, axis_y), "currentColor", "");
    let mut t = 0.0;
    while t <= end {
        let tx = left + bar_w * t / end;
        svg.line((tx, axis_y), (tx, axis_y + 4.0), "currentColor", "");
        svg.text((tx, axis_y + 17.0), "middle", &format!("{t}"), "");
        t += 50.0;
    }
    svg.text(
        (left + bar_w, axis_y + 32.0),
        "end",
        "ms since the checkout arrived",
        "",
    );
    Ok(svg.finish())
}

fn main() -> ExitCode {
    figure::main("observability-figures", &[("waterfall", waterfall)])
}
