//! Three services in one process, gateway -> orders -> inventory, each a
//! task reached over a tokio channel, run on a paused clock. The fault:
//! inventory, 8 workers, takes 400 ms a call from 1000 ms to 1600 ms.

use crate::budget::{format_grpc_timeout, parse_grpc_timeout};
use seeded::SplitMix64;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::time::{Instant, sleep, sleep_until, timeout};

const MS: Duration = Duration::from_millis(1);

/// How the three services bound their waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Each hop has its own fixed timeout; nobody knows the user's.
    PerHop,
    /// The user's remaining budget travels as `grpc-timeout`.
    Deadline,
}

/// What a call returns when it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Our own timer fired before the callee answered.
    TimedOut,
    /// The callee refused or stopped: not enough budget left.
    DeadlineExceeded,
    /// The budget header was missing or malformed.
    InvalidArgument(String),
    /// The caller went away; nobody reads this answer.
    Cancelled,
}

/// One request between two services: a budget header and a reply slot.
pub struct Call {
    pub id: usize,
    pub grpc_timeout: Option<String>,
    pub reply: oneshot::Sender<Result<(), Status>>,
}

// ANCHOR: per_hop_config
pub const USER_TIMEOUT: Duration = Duration::from_millis(300);
pub const GATEWAY_TO_ORDERS: Duration = Duration::from_millis(400);
pub const ORDERS_TO_INVENTORY: Duration = Duration::from_millis(300);
// ANCHOR_END: per_hop_config
const GATEWAY_WORK: Duration = Duration::from_millis(5);
const ORDERS_BEFORE: Duration = Duration::from_millis(20);
const ORDERS_AFTER: Duration = Duration::from_millis(10);
/// Below this much budget, a hop does not call inventory at all.
const INVENTORY_MIN: Duration = Duration::from_millis(10);

/// The run: one request every 10 ms, the fault window, inventory's size.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub requests: usize,
    pub every: Duration,
    pub fault: (Duration, Duration),
    pub fault_latency: Duration,
    pub inventory_workers: usize,
    pub seed: u64,
    /// Per-hop mode's timeouts: gateway -> orders, orders -> inventory.
    pub per_hop: (Duration, Duration),
    /// Per-hop mode: does every service stop when its caller hangs up?
    pub hears_hang_up: bool,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            requests: 300,
            every: 10 * MS,
            fault: (1000 * MS, 1600 * MS),
            fault_latency: 400 * MS,
            inventory_workers: 8,
            seed: 5,
            per_hop: (GATEWAY_TO_ORDERS, ORDERS_TO_INVENTORY),
            hears_hang_up: false,
        }
    }
}

/// A healthy inventory call: 8 ms plus an exponential tail (mean 10 ms),
/// and one call in 50 pays 60 ms more (a cache miss, a pause).
pub fn healthy_latency(rng: &mut SplitMix64) -> Duration {
    let mut ms = 8.0 + rng.exponential(10.0);
    if rng.below(50) == 0 {
        ms += 60.0;
    }
    Duration::from_micros((ms * 1000.0) as u64)
}

struct Ctx {
    mode: Mode,
    t0: Instant,
    scenario: Scenario,
    healthy: Vec<Duration>,
    orders: mpsc::Sender<Call>,
    inventory: mpsc::Sender<Call>,
    workers: Semaphore,
    ledger: Mutex<Ledger>,
}

#[derive(Default)]
struct Ledger {
    /// (request, start, end) of every stretch of work any service did.
    work: Vec<(usize, Instant, Instant)>,
}

impl Ctx {
    fn inventory_latency(&self, id: usize) -> Duration {
        let at = Instant::now() - self.t0;
        if at >= self.scenario.fault.0 && at < self.scenario.fault.1 {
            self.scenario.fault_latency
        } else {
            self.healthy[id]
        }
    }

    fn record(&self, id: usize, start: Instant) {
        let mut ledger = self.ledger.lock().expect("ledger lock");
        ledger.work.push((id, start, Instant::now()));
    }
}

/// Sends a call and waits at most `limit` for its answer. Dropping this
/// future drops the reply receiver, which the callee sees as `closed()`.
async fn call(
    to: &mpsc::Sender<Call>,
    id: usize,
    grpc_timeout: Option<String>,
    limit: Duration,
) -> Result<(), Status> {
    let (reply, answer) = oneshot::channel();
    let sent = Call {
        id,
        grpc_timeout,
        reply,
    };
    to.send(sent).await.map_err(|_| Status::Cancelled)?;
    match timeout(limit, answer).await {
        // A timeout further down is, to our caller, a deadline exceeded.
        Ok(Ok(Err(Status::TimedOut))) => Err(Status::DeadlineExceeded),
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Status::Cancelled),
        Err(_) => Err(Status::TimedOut),
    }
}

/// Work that nobody can stop: it runs to the end whatever the caller does.
async fn work(ctx: &Ctx, id: usize, how_long: Duration) {
    let start = Instant::now();
    sleep(how_long).await;
    ctx.record(id, start);
}

// ANCHOR: work_until
/// Work that stops at the deadline or as soon as the caller hangs up.
async fn work_until(
    ctx: &Ctx,
    call: &mut Call,
    how_long: Duration,
    deadline: Instant,
) -> Result<(), Status> {
    let start = Instant::now();
    let result = tokio::select! {
        _ = sleep(how_long) => Ok(()),
        _ = sleep_until(deadline) => Err(Status::DeadlineExceeded),
        _ = call.reply.closed() => Err(Status::Cancelled),
    };
    ctx.record(call.id, start);
    result
}
// ANCHOR_END: work_until

/// Reads the incoming budget and turns it into a local deadline.
fn deadline_of(call: &Call, arrived: Instant) -> Result<Instant, Status> {
    let header = call.grpc_timeout.as_deref();
    let header = header.ok_or_else(|| Status::InvalidArgument("no grpc-timeout".into()))?;
    let budget = parse_grpc_timeout(header).map_err(|e| Status::InvalidArgument(e.to_string()))?;
    Ok(arrived + budget)
}

// ANCHOR: hop
/// A middle hop with a deadline: `before` ms of its own work, the call
/// downstream, then `after` ms of work on the answer.
async fn deadline_hop(
    ctx: &Ctx,
    call: &mut Call,
    before: Duration,
    after: Duration,
    next: &mpsc::Sender<Call>,
) -> Result<(), Status> {
    let deadline = deadline_of(call, Instant::now())?;
    if deadline.saturating_duration_since(Instant::now()) < before + INVENTORY_MIN + after {
        return Err(Status::DeadlineExceeded); // cannot finish: do not start
    }
    work_until(ctx, call, before, deadline).await?;
    // What is left, minus what we need once the answer is back.
    let left = deadline
        .saturating_duration_since(Instant::now())
        .saturating_sub(after);
    if left < INVENTORY_MIN {
        return Err(Status::DeadlineExceeded);
    }
    let downstream = self::call(next, call.id, Some(format_grpc_timeout(left)), left);
    tokio::select! {
        result = downstream => result?,
        // Our caller is gone: dropping `downstream` tells the next hop.
        _ = call.reply.closed() => return Err(Status::Cancelled),
    }
    work_until(ctx, call, after, deadline).await
}
// ANCHOR_END: hop

/// A middle hop with only its own timeout `limit`. Unless the scenario
/// says services hear hang-ups, it works to the end whoever is listening.
async fn per_hop(
    ctx: &Ctx,
    call: &mut Call,
    before: Duration,
    after: Duration,
    next: &mpsc::Sender<Call>,
    limit: Duration,
) -> Result<(), Status> {
    if !ctx.scenario.hears_hang_up {
        work(ctx, call.id, before).await;
        let answer = self::call(next, call.id, None, limit).await;
        if answer.is_ok() && !after.is_zero() {
            work(ctx, call.id, after).await;
        }
        return answer;
    }
    work_until(ctx, call, before, far_future()).await?;
    tokio::select! {
        result = self::call(next, call.id, None, limit) => result?,
        _ = call.reply.closed() => return Err(Status::Cancelled),
    }
    work_until(ctx, call, after, far_future()).await
}

/// A deadline that never comes, for work that stops only on a hang-up.
fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(3600)
}

async fn gateway(ctx: Arc<Ctx>, mut call: Call) {
    let result = match ctx.mode {
        Mode::PerHop => {
            let limit = ctx.scenario.per_hop.0;
            per_hop(
                &ctx,
                &mut call,
                GATEWAY_WORK,
                Duration::ZERO,
                &ctx.orders,
                limit,
            )
            .await
        }
        Mode::Deadline => {
            deadline_hop(&ctx, &mut call, GATEWAY_WORK, Duration::ZERO, &ctx.orders).await
        }
    };
    let _ = call.reply.send(result);
}

async fn orders(ctx: Arc<Ctx>, mut call: Call) {
    let result = match ctx.mode {
        Mode::PerHop => {
            let limit = ctx.scenario.per_hop.1;
            per_hop(
                &ctx,
                &mut call,
                ORDERS_BEFORE,
                ORDERS_AFTER,
                &ctx.inventory,
                limit,
            )
            .await
        }
        Mode::Deadline => {
            deadline_hop(&ctx, &mut call, ORDERS_BEFORE, ORDERS_AFTER, &ctx.inventory).await
        }
    };
    let _ = call.reply.send(result);
}

// ANCHOR: inventory
async fn inventory(ctx: Arc<Ctx>, mut call: Call) {
    let result = match ctx.mode {
        Mode::PerHop if ctx.scenario.hears_hang_up => {
            let _worker = tokio::select! {
                worker = ctx.workers.acquire() => worker.expect("semaphore open"),
                _ = call.reply.closed() => return,
            };
            let latency = ctx.inventory_latency(call.id);
            work_until(&ctx, &mut call, latency, far_future()).await
        }
        Mode::PerHop => {
            let _worker = ctx.workers.acquire().await.expect("semaphore open");
            work(&ctx, call.id, ctx.inventory_latency(call.id)).await;
            Ok(())
        }
        Mode::Deadline => inventory_with_deadline(&ctx, &mut call).await,
    };
    let _ = call.reply.send(result);
}

async fn inventory_with_deadline(ctx: &Ctx, call: &mut Call) -> Result<(), Status> {
    let deadline = deadline_of(call, Instant::now())?;
    // Waiting in the queue spends budget too.
    let _worker = tokio::select! {
        worker = ctx.workers.acquire() => worker.expect("semaphore open"),
        _ = sleep_until(deadline) => return Err(Status::DeadlineExceeded),
        _ = call.reply.closed() => return Err(Status::Cancelled),
    };
    if deadline.saturating_duration_since(Instant::now()) < INVENTORY_MIN {
        return Err(Status::DeadlineExceeded);
    }
    let latency = ctx.inventory_latency(call.id);
    work_until(ctx, call, latency, deadline).await
}
// ANCHOR_END: inventory

fn serve<F, Fut>(ctx: Arc<Ctx>, mut calls: mpsc::Receiver<Call>, handler: F)
where
    F: Fn(Arc<Ctx>, Call) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        while let Some(call) = calls.recv().await {
            tokio::spawn(handler(ctx.clone(), call));
        }
    });
}

/// What the users saw and what the services did, for one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub requests: usize,
    pub answered_in_time: usize,
    pub answered_during_fault: usize,
    pub sent_during_fault: usize,
    pub failed_fast: usize,
    pub user_gave_up: usize,
    pub p50_ms: u64,
    pub p99_ms: u64,
    pub work_ms: u64,
    pub wasted_ms: u64,
    /// When the last request that failed was sent, from the start (ms).
    pub last_failure_ms: u64,
}

fn start(mode: Mode, scenario: &Scenario) -> (Arc<Ctx>, mpsc::Sender<Call>) {
    let mut rng = SplitMix64(scenario.seed);
    let healthy = (0..scenario.requests)
        .map(|_| healthy_latency(&mut rng))
        .collect();
    let (gateway_tx, gateway_rx) = mpsc::channel(1024);
    let (orders_tx, orders_rx) = mpsc::channel(1024);
    let (inventory_tx, inventory_rx) = mpsc::channel(1024);
    let ctx = Arc::new(Ctx {
        mode,
        t0: Instant::now(),
        workers: Semaphore::new(scenario.inventory_workers),
        scenario: scenario.clone(),
        healthy,
        orders: orders_tx,
        inventory: inventory_tx,
        ledger: Mutex::new(Ledger::default()),
    });
    serve(ctx.clone(), gateway_rx, gateway);
    serve(ctx.clone(), orders_rx, orders);
    serve(ctx.clone(), inventory_rx, inventory);
    (ctx, gateway_tx)
}

/// Sends one request with this `grpc-timeout` header to a fresh gateway
/// (healthy, no fault yet) and returns its answer and the time it took.
pub async fn one_request(mode: Mode, header: Option<&str>) -> (Result<(), Status>, Duration) {
    let (_ctx, gateway) = start(mode, &Scenario::default());
    let begin = Instant::now();
    let result = call(
        &gateway,
        0,
        header.map(str::to_string),
        Duration::from_secs(60),
    )
    .await;
    (result, begin.elapsed())
}

/// Sends one `300m` request while inventory is slow (400 ms a call),
/// hangs up after `after`, and returns the work all services did on it.
pub async fn hang_up_after(after: Duration) -> Duration {
    let slow = Scenario {
        fault: (Duration::ZERO, Duration::from_secs(60)),
        ..Scenario::default()
    };
    let (ctx, gateway) = start(Mode::Deadline, &slow);
    let request = call(&gateway, 0, Some("300m".to_string()), after);
    let _ = request.await; // times out after `after`, dropping the receiver
    sleep(Duration::from_secs(1)).await;
    let ledger = ctx.ledger.lock().expect("ledger lock");
    ledger.work.iter().map(|&(_, start, end)| end - start).sum()
}

/// Runs one mode on the paused clock. The seeded healthy latencies are the
/// same for both modes, so the fault is the same fault.
pub async fn run(mode: Mode, scenario: Scenario) -> Report {
    let (ctx, gateway_tx) = start(mode, &scenario);
    let t0 = ctx.t0;

    // ANCHOR: user
    let mut users = tokio::task::JoinSet::new();
    for id in 0..scenario.requests {
        sleep_until(t0 + scenario.every * id as u32).await;
        let gateway = gateway_tx.clone();
        users.spawn(async move {
            let header = (mode == Mode::Deadline).then(|| format_grpc_timeout(USER_TIMEOUT));
            let start = Instant::now();
            let result = call(&gateway, id, header, USER_TIMEOUT).await;
            (id, start, Instant::now(), result)
        });
    }
    // ANCHOR_END: user
    let mut outcomes = users.join_all().await;
    outcomes.sort_by_key(|o| o.0);
    sleep(Duration::from_secs(10)).await; // let abandoned work finish

    let ledger = ctx.ledger.lock().expect("ledger lock");
    let mut report = Report {
        requests: scenario.requests,
        answered_in_time: 0,
        answered_during_fault: 0,
        sent_during_fault: 0,
        failed_fast: 0,
        user_gave_up: 0,
        p50_ms: 0,
        p99_ms: 0,
        work_ms: 0,
        wasted_ms: 0,
        last_failure_ms: 0,
    };
    let mut latencies = Vec::new();
    let mut gave_up_at = vec![None; scenario.requests];
    for (id, start, end, result) in &outcomes {
        let sent_at = *start - t0;
        let in_fault = sent_at >= scenario.fault.0 && sent_at < scenario.fault.1;
        report.sent_during_fault += usize::from(in_fault);
        latencies.push((*end - *start).as_millis() as u64);
        match result {
            Ok(()) => {
                report.answered_in_time += 1;
                report.answered_during_fault += usize::from(in_fault);
            }
            Err(Status::TimedOut) => report.user_gave_up += 1,
            Err(_) => report.failed_fast += 1,
        }
        if result.is_err() {
            gave_up_at[*id] = Some(*end);
            report.last_failure_ms = sent_at.as_millis() as u64;
        }
    }
    // ANCHOR: wasted
    for &(id, start, end) in &ledger.work {
        report.work_ms += (end - start).as_millis() as u64;
        if let Some(gone) = gave_up_at[id] {
            // The part of this stretch of work after the user stopped waiting.
            report.wasted_ms += end.saturating_duration_since(gone.max(start)).as_millis() as u64;
        }
    }
    // ANCHOR_END: wasted
    latencies.sort_unstable();
    report.p50_ms = percentile(&latencies, 50.0);
    report.p99_ms = percentile(&latencies, 99.0);
    report
}

/// The value below which `p` percent of the sorted samples fall (nearest rank).
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
