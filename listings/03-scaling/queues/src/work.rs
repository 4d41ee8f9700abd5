//! Two workers and five jobs, one of them slow, one poisonous and one that
//! crashes its worker, on any [`Broker`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

use crate::broker::{Broker, Error};

/// The jobs, in the order they are published.
pub const JOBS: [&str; 5] = ["job-1", "job-2", "job-3", "job-4", "job-5"];

/// What happened to one job.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobReport {
    /// The most deliveries of it seen by a worker.
    pub deliveries: u32,
    /// Times its effect was applied: 1 is right, however many deliveries.
    pub applied: u32,
    /// Deliveries that found it applied already and were only acknowledged.
    pub duplicates: u32,
    /// In the dead letters at the end.
    pub dead: bool,
}

// ANCHOR: worker
/// One worker's loop. Every effect goes through `apply`, which applies a
/// job once however often it is delivered: at-least-once delivery plus an
/// idempotent consumer gives effectively-once processing.
async fn worker<B: Broker>(
    broker: &B,
    reports: &RefCell<BTreeMap<String, JobReport>>,
) -> Result<(), Error> {
    loop {
        let Some(delivery) = broker.receive(Duration::from_millis(200)).await? else {
            if settled(broker, reports).await? {
                return Ok(());
            }
            continue;
        };
        let (job, attempt) = B::job(&delivery);
        {
            let mut reports = reports.borrow_mut();
            let report = reports.entry(job.clone()).or_default();
            report.deliveries = report.deliveries.max(attempt);
        }
        match (job.as_str(), attempt) {
            // Poison: fails every time; try again in 50 ms.
            ("job-3", _) => broker.nack(delivery, Duration::from_millis(50)).await?,
            // As if the worker died holding it: no ack, no nack. (This
            // worker carries on; tests/queues.rs kills a real process.)
            ("job-4", 1) => drop(delivery),
            // Slower than the visibility timeout, the first time.
            ("job-2", 1) => {
                tokio::time::sleep(Duration::from_millis(600)).await;
                apply(reports, &job);
                broker.ack(delivery).await?;
            }
            _ => {
                apply(reports, &job);
                broker.ack(delivery).await?;
            }
        }
    }
}

/// Applies a job's effect unless it was applied already (the idempotency
/// check; in a database, a unique key on the job id).
fn apply(reports: &RefCell<BTreeMap<String, JobReport>>, job: &str) {
    let mut reports = reports.borrow_mut();
    let report = reports.entry(job.to_string()).or_default();
    if report.applied == 0 {
        report.applied = 1;
    } else {
        report.duplicates += 1;
    }
}
// ANCHOR_END: worker

/// Every job applied or dead.
async fn settled<B: Broker>(
    broker: &B,
    reports: &RefCell<BTreeMap<String, JobReport>>,
) -> Result<bool, Error> {
    let dead = broker.dead_letters().await?;
    let reports = reports.borrow();
    Ok(JOBS.iter().all(|job| {
        dead.iter().any(|d| d == job) || reports.get(*job).is_some_and(|r| r.applied > 0)
    }))
}

/// Publishes the jobs and runs two workers until every job is settled, or
/// fails after `limit`.
pub async fn run<B: Broker + Clone + 'static>(
    broker: &B,
    limit: Duration,
) -> Result<BTreeMap<String, JobReport>, Error> {
    for job in JOBS {
        broker.publish(job).await?;
    }
    let reports = Rc::new(RefCell::new(BTreeMap::new()));
    let local = tokio::task::LocalSet::new();
    let workers = local.run_until(async {
        let mut handles = Vec::new();
        for _ in 0..2 {
            let (broker, reports) = (broker.clone(), Rc::clone(&reports));
            handles.push(tokio::task::spawn_local(async move {
                worker(&broker, &reports).await
            }));
        }
        for handle in handles {
            handle
                .await
                .map_err(|e| format!("a worker panicked: {e}"))??;
        }
        Ok::<(), Error>(())
    });
    tokio::time::timeout(limit, workers)
        .await
        .map_err(|_| format!("the jobs were not settled within {limit:?}"))??;
    let dead = broker.dead_letters().await?;
    let mut reports = reports.take();
    for job in dead {
        reports.entry(job).or_default().dead = true;
    }
    Ok(reports)
}
