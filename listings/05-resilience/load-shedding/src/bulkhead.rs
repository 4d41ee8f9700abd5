//! Two downstreams behind one service: `search` (healthy, 10-30 ms) and
//! `reviews` (slow, 1000 ms). Each call takes a permit from a tower
//! `ConcurrencyLimit`; `LoadShed` outside it refuses the call at once when
//! no permit is free. With one shared semaphore the slow downstream holds
//! every permit; with one semaphore each, it can hold only its own.

use seeded::SplitMix64;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep};
use tower::limit::ConcurrencyLimit;
use tower::load_shed::LoadShed;
use tower::{BoxError, Service, ServiceExt, service_fn};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Downstream {
    Search,
    Reviews,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub answered: usize,
    pub shed: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BulkheadReport {
    pub search: Tally,
    pub reviews: Tally,
}

// ANCHOR: guard
/// A downstream whose request says how long it takes to answer, behind a
/// permit from `semaphore`, refused at once when no permit is free.
fn guarded(
    semaphore: Arc<Semaphore>,
) -> LoadShed<
    ConcurrencyLimit<
        impl Service<Duration, Response = (), Error = BoxError, Future: Send> + Clone + Send,
    >,
> {
    let downstream = service_fn(|latency: Duration| async move {
        sleep(latency).await;
        Ok::<(), BoxError>(())
    });
    LoadShed::new(ConcurrencyLimit::with_semaphore(downstream, semaphore))
}
// ANCHOR_END: guard

// ANCHOR: bulkhead_run
/// One call every 2 ms for 2 s, alternating search (10-30 ms, seeded) and
/// reviews (1000 ms). Pass the same `Arc` twice for one shared pool.
pub async fn run(search_pool: Arc<Semaphore>, reviews_pool: Arc<Semaphore>) -> BulkheadReport {
    let search = guarded(search_pool);
    let reviews = guarded(reviews_pool);
    let mut rng = SplitMix64(7);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..1000u64 {
        tokio::time::sleep_until(start + Duration::from_millis(2 * i)).await;
        let (which, service, latency) = if i % 2 == 0 {
            let ms = 10 + rng.below(21) as u64;
            (
                Downstream::Search,
                search.clone(),
                Duration::from_millis(ms),
            )
        } else {
            (
                Downstream::Reviews,
                reviews.clone(),
                Duration::from_millis(1000),
            )
        };
        tasks.push(tokio::spawn(async move {
            // `LoadShed` is always ready; its `call` fails at once with
            // `Overloaded` if the limit under it had no permit.
            (which, service.oneshot(latency).await.is_ok())
        }));
    }
    let mut report = BulkheadReport::default();
    for task in tasks {
        let (which, ok) = task.await.expect("task panicked");
        let tally = match which {
            Downstream::Search => &mut report.search,
            Downstream::Reviews => &mut report.reviews,
        };
        if ok {
            tally.answered += 1;
        } else {
            tally.shed += 1;
        }
    }
    report
}
// ANCHOR_END: bulkhead_run
