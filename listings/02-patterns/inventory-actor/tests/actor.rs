use inventory_actor::actor;
use inventory_actor::locked::Locked;
use inventory_actor::sim::{Design, load};
use inventory_actor::{Inventory, ReserveError};
use std::time::Duration;

const MS: Duration = Duration::from_millis(1);

fn mugs(n: u32) -> Inventory {
    Inventory::with_stock(&[("mug", n)])
}

/// The lock and the actor give the same answers to the same requests,
/// including running out of stock.
#[tokio::test(start_paused = true)]
async fn both_designs_answer_alike() {
    let locked = Locked::new(mugs(5), MS);
    let (handle, _task) = actor::spawn(mugs(5), 4, MS);
    for qty in [2, 2, 2, 1] {
        assert_eq!(
            locked.reserve("mug", qty).await,
            handle.reserve("mug", qty).await
        );
    }
    assert_eq!(
        handle.reserve("mug", 1).await,
        Err(ReserveError::OutOfStock {
            sku: "mug",
            left: 0
        })
    );
    assert_eq!(
        handle.reserve("tea", 1).await,
        Err(ReserveError::OutOfStock {
            sku: "tea",
            left: 0
        })
    );
}

/// Under a load the service can carry, nobody waits longer than the work.
#[tokio::test(start_paused = true)]
async fn a_load_within_capacity_waits_only_for_the_work() {
    for design in [Design::Mutex, Design::ActorWait, Design::ActorShed] {
        let report = load(design, 200, 2 * MS, MS, 16).await;
        assert_eq!(
            (report.served, report.refused, report.max),
            (200, 0, MS),
            "{design:?}"
        );
    }
}

/// At twice the capacity, the lock and the waiting actor queue everyone
/// (the last client waits about 100 ms); the shedding actor refuses what
/// does not fit in its mailbox and keeps every wait under 17 ms.
#[tokio::test(start_paused = true)]
async fn overload_queues_or_sheds() {
    let every = Duration::from_micros(500);
    let mutex = load(Design::Mutex, 200, every, MS, 16).await;
    let wait = load(Design::ActorWait, 200, every, MS, 16).await;
    let shed = load(Design::ActorShed, 200, every, MS, 16).await;
    assert_eq!(mutex, wait, "a waiting mailbox is one more queue");
    assert_eq!(mutex.refused, 0);
    assert!(mutex.max >= 90 * MS, "{mutex:?}");
    assert!(shed.refused > 0);
    assert_eq!(shed.served + shed.refused, 200);
    assert!(shed.max <= 17 * MS, "{shed:?}");
}

/// A caller that gives up does not cancel its request: the actor still
/// reserves the stock, and a later caller sees it gone.
#[tokio::test(start_paused = true)]
async fn a_caller_that_times_out_still_reserves() {
    let (handle, _task) = actor::spawn(mugs(10), 4, 10 * MS);
    let gave_up = tokio::time::timeout(5 * MS, handle.reserve("mug", 3)).await;
    assert!(gave_up.is_err(), "the answer takes 10 ms");
    assert_eq!(handle.reserve("mug", 1).await, Ok(6));
}

/// When every handle is dropped, the mailbox closes and the actor's task
/// ends.
#[tokio::test(start_paused = true)]
async fn the_actor_stops_when_its_last_handle_is_dropped() {
    let (handle, task) = actor::spawn(mugs(1), 4, MS);
    let copy = handle.clone();
    drop(handle);
    assert_eq!(copy.reserve("mug", 1).await, Ok(0));
    drop(copy);
    tokio::time::timeout(Duration::from_secs(1), task)
        .await
        .expect("the actor ended")
        .expect("the actor did not panic");
}

/// A mailbox larger than the whole burst never fills, so shedding never
/// happens and the actor queues like the mutex.
#[tokio::test(start_paused = true)]
async fn a_mailbox_bigger_than_the_burst_sheds_nothing() {
    let every = Duration::from_micros(500);
    let big = load(Design::ActorShed, 200, every, MS, 1000).await;
    let mutex = load(Design::Mutex, 200, every, MS, 16).await;
    assert_eq!(big.refused, 0);
    assert_eq!(big.max, mutex.max);
}

/// A client that times out and retries reserves twice: the first message
/// was still in the mailbox.
#[tokio::test(start_paused = true)]
async fn a_retry_after_a_timeout_reserves_twice() {
    let (handle, _task) = actor::spawn(mugs(10), 4, 10 * MS);
    assert!(
        tokio::time::timeout(5 * MS, handle.reserve("mug", 3))
            .await
            .is_err()
    );
    assert_eq!(handle.reserve("mug", 3).await, Ok(4));
}

/// A caller that times out while still waiting for room in a full mailbox
/// never sent its message: the retry is the only reservation.
#[tokio::test(start_paused = true)]
async fn a_timeout_while_waiting_for_room_sends_nothing() {
    let (handle, _task) = actor::spawn(mugs(10), 1, 10 * MS);
    // One request for tea keeps the actor busy, a second fills the mailbox.
    for _ in 0..2 {
        let handle = handle.clone();
        tokio::spawn(async move { handle.reserve("tea", 1).await });
    }
    tokio::task::yield_now().await;
    assert!(
        tokio::time::timeout(5 * MS, handle.reserve("mug", 3))
            .await
            .is_err()
    );
    assert_eq!(handle.reserve("mug", 3).await, Ok(7));
}

/// A handle whose actor has died answers `Gone`, from both ways to send.
#[tokio::test(start_paused = true)]
async fn a_dead_actor_answers_gone() {
    let (handle, task) = actor::spawn(mugs(10), 4, MS);
    task.abort();
    assert!(task.await.is_err(), "the task was aborted");
    assert_eq!(handle.reserve("mug", 1).await, Err(ReserveError::Gone));
    assert_eq!(handle.try_reserve("mug", 1).await, Err(ReserveError::Gone));
}
