//! Pins the timings and outcomes of every example, on a paused clock, plus
//! one wall-clock check with generous bounds for `spawn_blocking`.

use std::process::Command;
use std::time::Instant as WallInstant;

use async_coordination::blocking::{Wait, three_requests};
use async_coordination::bound::{fetch_all_bounded, fetch_all_unbounded};
use async_coordination::cancel::{Caller, Worker, impatient_transfer, shut_down_at_250_ms};
use async_coordination::join::{load_page_joined, load_page_sequential};
use async_coordination::ms;
use async_coordination::race::{
    call_with_timeout, first_answer, handle_for_100_ms, profile_and_search, send_every,
};
use async_coordination::timeline::Timeline;

// Pins the headline number: sequential awaits add up, 100 + 100 = 200 ms.
#[tokio::test(start_paused = true)]
async fn sequential_calls_take_the_sum_of_their_latencies() {
    let timeline = Timeline::start();
    let page = load_page_sequential(&timeline).await;
    assert_eq!(timeline.elapsed_ms(), 200);
    assert_eq!(page.orders, "answer from orders service");
}

// Pins join!: both calls overlap, so the page takes the longer one, 100 ms.
#[tokio::test(start_paused = true)]
async fn joined_calls_take_the_longest_latency() {
    let timeline = Timeline::start();
    let page = load_page_joined(&timeline).await;
    assert_eq!(timeline.elapsed_ms(), 100);
    assert_eq!(page.profile, "answer from profile service");
    assert_eq!(page.orders, "answer from orders service");
}

// Pins select!: the 30 ms replica wins and the 80 ms one is dropped at 30 ms.
#[tokio::test(start_paused = true)]
async fn select_returns_the_first_answer_and_cancels_the_other() {
    let timeline = Timeline::start();
    assert_eq!(first_answer(&timeline).await, "answer from replica-west");
    assert_eq!(timeline.elapsed_ms(), 30);
    assert_eq!(
        timeline.lines(),
        [
            "  30 ms  replica-west answered",
            "  30 ms  replica-east cancelled: dropped before it finished",
        ]
    );
}

// Pins a timeout inside join!: it cuts off its own call at 50 ms, and
// join! still waits for the 100 ms call.
#[tokio::test(start_paused = true)]
async fn a_timeout_inside_join_cuts_off_only_its_own_call() {
    let timeline = Timeline::start();
    let (profile, search) = profile_and_search(&timeline).await;
    assert_eq!(profile, "answer from profile service");
    assert!(search.is_err());
    assert_eq!(timeline.elapsed_ms(), 100);
    assert_eq!(
        timeline.lines(),
        [
            "  50 ms  search service cancelled: dropped before it finished",
            " 100 ms  profile service answered",
        ]
    );
}

// Pins the select!-in-a-loop bug: the sleep is made anew on every pass, so
// it measures quiet time, not total time, and a message every 60 ms keeps
// the loop going until the sender stops. A deadline made once, outside the
// loop, and lent to select! as `&mut`, ends it at 100 ms.
#[tokio::test(start_paused = true)]
async fn a_sleep_made_inside_the_loop_restarts_on_every_message() {
    let start = tokio::time::Instant::now();
    let (outbox, inbox) = tokio::sync::mpsc::channel(16);
    tokio::spawn(send_every(outbox, 10, ms(60)));
    assert_eq!(handle_for_100_ms(inbox).await, 10);
    assert_eq!(start.elapsed(), ms(700));

    let start = tokio::time::Instant::now();
    let (outbox, mut inbox) = tokio::sync::mpsc::channel(16);
    tokio::spawn(send_every(outbox, 10, ms(60)));
    let deadline = tokio::time::sleep(ms(100));
    tokio::pin!(deadline);
    let mut handled = 0;
    loop {
        tokio::select! {
            Some(_message) = inbox.recv() => handled += 1,
            _ = &mut deadline => break,
        }
    }
    assert_eq!((handled, start.elapsed()), (1, ms(100)));
}

// Pins timeout: a slow call is cut off at the limit, a fast one passes.
#[tokio::test(start_paused = true)]
async fn timeout_cuts_off_a_slow_call_and_passes_a_fast_one() {
    let slow = Timeline::start();
    assert!(call_with_timeout(ms(80), ms(50), &slow).await.is_err());
    assert_eq!(slow.elapsed_ms(), 50);
    let fast = Timeline::start();
    let answer = call_with_timeout(ms(20), ms(50), &fast).await;
    assert_eq!(answer.as_deref(), Ok("answer from search service"));
    assert_eq!(fast.elapsed_ms(), 20);
}

// Pins the edge: a call that ends exactly at the limit still answers,
// because `Timeout` polls the call before it looks at its timer.
#[tokio::test(start_paused = true)]
async fn a_call_as_long_as_the_limit_still_answers() {
    let timeline = Timeline::start();
    assert!(call_with_timeout(ms(50), ms(50), &timeline).await.is_ok());
}

// Pins the cancel-safety bug: dropping the transfer mid-way loses money.
#[tokio::test(start_paused = true)]
async fn dropping_a_transfer_midway_leaves_it_half_done() {
    let accounts = impatient_transfer(Caller::AwaitInPlace, &Timeline::start()).await;
    assert_eq!((accounts.checking, accounts.savings), (40, 0));
    assert_eq!(accounts.total(), 40);
}

// Pins the fix: a spawned transfer outlives its dropped JoinHandle.
#[tokio::test(start_paused = true)]
async fn a_spawned_transfer_finishes_after_the_caller_gives_up() {
    let timeline = Timeline::start();
    let accounts = impatient_transfer(Caller::Spawned, &timeline).await;
    assert_eq!((accounts.checking, accounts.savings), (40, 60));
    assert_eq!(accounts.total(), 100);
    assert!(
        timeline
            .lines()
            .contains(&" 100 ms  ledger service answered".to_string())
    );
}

// Pins abrupt shutdown: the job in progress at 250 ms is dropped.
#[tokio::test(start_paused = true)]
async fn abrupt_worker_abandons_the_job_in_progress() {
    let timeline = Timeline::start();
    assert_eq!(shut_down_at_250_ms(Worker::Abrupt, &timeline).await, 2);
    assert_eq!(timeline.elapsed_ms(), 250);
}

// Pins graceful shutdown: the job in progress finishes, at 300 ms.
#[tokio::test(start_paused = true)]
async fn graceful_worker_finishes_the_job_in_progress() {
    let timeline = Timeline::start();
    assert_eq!(shut_down_at_250_ms(Worker::Graceful, &timeline).await, 3);
    assert_eq!(timeline.elapsed_ms(), 300);
    assert_eq!(timeline.lines().last().unwrap(), " 300 ms  worker stopped");
}

// Pins the unbounded fan-out: all ten at once, done in one round.
#[tokio::test(start_paused = true)]
async fn unbounded_fan_out_runs_everything_at_once() {
    let fan_out = fetch_all_unbounded(10).await;
    assert_eq!((fan_out.elapsed_ms, fan_out.peak_in_flight), (100, 10));
}

// Pins the semaphore: never more than 3 in flight, so ceil(10 / 3) = 4 rounds.
#[tokio::test(start_paused = true)]
async fn semaphore_caps_calls_in_flight() {
    let fan_out = fetch_all_bounded(10, 3).await;
    assert_eq!((fan_out.elapsed_ms, fan_out.peak_in_flight), (400, 3));
}

// Pins the edges: no calls take no time; a limit above the count is no limit.
#[tokio::test(start_paused = true)]
async fn semaphore_edges() {
    let none = fetch_all_bounded(0, 3).await;
    assert_eq!((none.elapsed_ms, none.peak_in_flight), (0, 0));
    let roomy = fetch_all_bounded(4, 100).await;
    assert_eq!((roomy.elapsed_ms, roomy.peak_in_flight), (100, 4));
}

// Pins the stall: a blocking call on the runtime thread serializes tasks.
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn blocking_inline_lets_only_one_request_run_at_a_time() {
    assert_eq!(three_requests(Wait::ThreadSleepInline).await, 1);
    assert_eq!(three_requests(Wait::TokioSleep).await, 3);
    assert_eq!(three_requests(Wait::SpawnBlocking).await, 3);
}

// Pins the wall-clock claim with generous bounds: inline blocking takes at
// least 3 x 100 ms; spawn_blocking overlaps the three and takes about 100.
#[tokio::test(flavor = "current_thread")]
async fn spawn_blocking_overlaps_blocking_work_in_real_time() {
    let start = WallInstant::now();
    three_requests(Wait::ThreadSleepInline).await;
    assert!(start.elapsed() >= ms(300));
    let start = WallInstant::now();
    three_requests(Wait::SpawnBlocking).await;
    assert!(start.elapsed() < ms(290), "took {:?}", start.elapsed());
}

// Pins bad input: an unknown section name is refused with exit code 2.
#[test]
fn unknown_section_is_refused() {
    let status = Command::new(env!("CARGO_BIN_EXE_async-coordination"))
        .arg("everything")
        .status()
        .expect("run the listing");
    assert_eq!(status.code(), Some(2));
}
