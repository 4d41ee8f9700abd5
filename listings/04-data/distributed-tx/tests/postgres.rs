//! The outbox on the course's PostgreSQL: a relay that dies before or after
//! publishing loses nothing, the consumer applies each event once, and the
//! dual write loses the event of a process that dies after its commit.
//! Each test makes its own schema and drops it, even when it fails.

use std::panic::AssertUnwindSafe;

use distributed_tx::pg::{Crash, Lab};
use futures::FutureExt;

async fn lab() -> Lab {
    Lab::connect().await.unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `body`, then drops the schema whatever happened (an error or a
/// failed assertion), then reports.
async fn with_lab<F>(body: F)
where
    F: AsyncFnOnce(&mut Lab) -> Result<(), String>,
{
    let mut lab = lab().await;
    let outcome = AssertUnwindSafe(body(&mut lab)).catch_unwind().await;
    lab.close().await.unwrap();
    match outcome {
        Ok(result) => result.unwrap(),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn rolled_back_order_leaves_no_event() {
    with_lab(async |lab| {
        lab.place_order(1, false).await?;
        assert_eq!(lab.count("SELECT count(*) FROM outbox").await?, 0);
        assert_eq!(lab.relay(None).await?, 0);
        assert!(lab.broker.is_empty());
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn relay_crash_before_publish_loses_nothing() {
    with_lab(async |lab| {
        lab.place_order(1, true).await?;
        lab.place_order(2, true).await?;
        lab.relay(Some(Crash::BeforePublish)).await?;
        assert!(lab.broker.is_empty());
        assert_eq!(
            lab.count("SELECT count(*) FROM outbox WHERE NOT sent")
                .await?,
            2
        );
        assert_eq!(lab.relay(None).await?, 2);
        let orders: Vec<i64> = lab.broker.iter().map(|e| e.order_id).collect();
        assert_eq!(orders, [1, 2]);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn relay_crash_after_publish_duplicates_and_consumer_dedups() {
    with_lab(async |lab| {
        lab.place_order(7, true).await?;
        lab.relay(Some(Crash::AfterPublishBeforeMark)).await?;
        // The mark rolled back with the relay's connection.
        assert_eq!(
            lab.count("SELECT count(*) FROM outbox WHERE NOT sent")
                .await?,
            1
        );
        assert_eq!(lab.relay(None).await?, 1);
        assert_eq!(lab.broker.len(), 2, "published twice: at least once");
        assert_eq!(lab.broker[0], lab.broker[1], "same event id both times");
        assert_eq!(lab.consume().await?, (1, 1));
        // A second pass over the same deliveries changes nothing.
        assert_eq!(lab.consume().await?, (0, 2));
        assert_eq!(lab.count("SELECT count(*) FROM shipments").await?, 1);
        assert_eq!(lab.relay(None).await?, 0, "nothing left to send");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn dual_write_loses_the_event() {
    with_lab(async |lab| {
        lab.dual_write(3, false).await?;
        lab.dual_write(4, true).await?;
        assert_eq!(lab.count("SELECT count(*) FROM orders").await?, 2);
        assert_eq!(lab.orders_without_event().await?, [4]);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn outbox_with_every_crash_delivers_every_committed_order_once() {
    with_lab(async |lab| {
        let crashes = [
            Some(Crash::BeforePublish),
            Some(Crash::AfterPublishBeforeMark),
            None,
        ];
        for id in 1..=6 {
            lab.place_order(id, id % 3 != 0).await?;
            lab.relay(crashes[id as usize % 3]).await?;
        }
        while lab.relay(None).await? > 0 {}
        lab.consume().await?;
        assert_eq!(lab.orders_without_event().await?, Vec::<i64>::new());
        assert_eq!(
            lab.count("SELECT count(*) FROM shipments").await?,
            lab.count("SELECT count(*) FROM orders").await?
        );
        assert_eq!(
            lab.count("SELECT count(DISTINCT order_id) FROM shipments")
                .await?,
            4
        );
        Ok(())
    })
    .await;
}
