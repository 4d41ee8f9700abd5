//! Pretend remote calls: each waits a fixed time on tokio's clock, and
//! notes in the timeline when it is dropped before it finished.

use std::time::Duration;

use crate::timeline::Timeline;

/// Notes "`<name>` cancelled" if dropped before [`CallGuard::finish`] runs.
/// A future is cancelled by being dropped, so `Drop` is where we see it.
struct CallGuard<'a> {
    name: &'a str,
    timeline: &'a Timeline,
    finished: bool,
}

impl CallGuard<'_> {
    fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for CallGuard<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.timeline.note(format!(
                "{} cancelled: dropped before it finished",
                self.name
            ));
        }
    }
}

/// A remote call named `name` that answers after `latency`.
pub async fn remote_call(name: &str, latency: Duration, timeline: &Timeline) -> String {
    let guard = CallGuard {
        name,
        timeline,
        finished: false,
    };
    tokio::time::sleep(latency).await;
    guard.finish();
    timeline.note(format!("{name} answered"));
    format!("answer from {name}")
}
