//! A `tracing` layer that writes one key=value line per event, with the
//! fields of every enclosing span, and simulated time instead of the wall
//! clock. Lines go to a shared buffer, so the demo can query them.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

/// One log line, kept as its ordered fields.
pub type Line = Vec<(String, String)>;

#[derive(Clone, Default)]
pub struct LogBuffer(pub Arc<Mutex<Vec<Line>>>);

impl LogBuffer {
    pub fn lines(&self) -> Vec<Line> {
        self.0.lock().unwrap().clone()
    }
}

/// Renders a line as logfmt: `key=value`, quoted when the value has a space.
pub fn render(line: &Line) -> String {
    let mut out = String::new();
    for (k, v) in line {
        if !out.is_empty() {
            out.push(' ');
        }
        if v.contains(' ') || v.is_empty() {
            let _ = write!(out, "{k}=\"{v}\"");
        } else {
            let _ = write!(out, "{k}={v}");
        }
    }
    out
}

/// The value of `key` in a line, if it has one.
pub fn field<'a>(line: &'a Line, key: &str) -> Option<&'a str> {
    line.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

struct Fields(Line);

impl Visit for Fields {
    fn record_str(&mut self, f: &Field, v: &str) {
        self.0.push((f.name().to_string(), v.to_string()));
    }
    fn record_u64(&mut self, f: &Field, v: u64) {
        self.0.push((f.name().to_string(), v.to_string()));
    }
    fn record_debug(&mut self, f: &Field, v: &dyn std::fmt::Debug) {
        let name = if f.name() == "message" {
            "msg"
        } else {
            f.name()
        };
        self.0.push((name.to_string(), format!("{v:?}")));
    }
}

// ANCHOR: layer
pub struct KeyValueLayer {
    pub buffer: LogBuffer,
    pub start: tokio::time::Instant,
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for KeyValueLayer {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields(Vec::new());
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let ms = self.start.elapsed().as_millis();
        let mut line: Line = vec![("t_ms".into(), ms.to_string())];
        line.push(("level".into(), event.metadata().level().to_string()));
        // Every enclosing span's fields, outermost first: this is how the
        // request id reaches lines that never mention it.
        if let Some(scope) = ctx.event_scope(event) {
            for span in scope.from_root() {
                if let Some(f) = span.extensions().get::<Fields>() {
                    line.extend(f.0.iter().cloned());
                }
            }
        }
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        line.extend(fields.0);
        self.buffer.0.lock().unwrap().push(line);
    }
}
// ANCHOR_END: layer
