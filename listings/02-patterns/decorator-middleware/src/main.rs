//! The runs the chapter prints. `cargo run -p decorator-middleware` runs all
//! three; pass `plain`, `tower` or `compare` to run one.
//!
//! Every latency is virtual: the plain half uses a simulated clock, the tower
//! half tokio's paused clock, so the output is the same on every run.

use std::time::Duration;

use decorator_middleware::layered::{self, LogLayer, RetryPolicy};
use decorator_middleware::plain::{self, Handler, Logging, NaiveTimeout, Retry, SimClock, Timing};
use decorator_middleware::{Outcome, Request, Response, Script, Trace};
use tokio::time::Instant;
use tower::timeout::error::Elapsed;
use tower::{BoxError, Service, ServiceBuilder, ServiceExt};

const REQUESTS: u32 = 100;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let section = std::env::args().nth(1);
    match section.as_deref() {
        None => {
            plain_section();
            println!();
            tower_section().await;
            println!();
            compare_section().await;
        }
        Some("plain") => plain_section(),
        Some("tower") => tower_section().await,
        Some("compare") => compare_section().await,
        Some(other) => {
            eprintln!("unknown section {other:?}; expected plain, tower or compare");
            std::process::exit(2);
        }
    }
}

fn plain_section() {
    println!("== plain: Logging(request) > Timing > Retry(2) > Logging(attempt) > Backend ==");
    println!("backend: calls 0 and 1 fail after 20ms, later calls succeed after 20ms");
    let clock = SimClock::new();
    let trace = Trace::new();
    // ANCHOR: plain_stack
    let backend = plain::Backend::new(
        Script::steps(&[Outcome::fail(20), Outcome::fail(20), Outcome::ok(20)]),
        &clock,
    );
    let stack = Logging::new(
        "request",
        &trace,
        Timing::new(
            "timing",
            &clock,
            &trace,
            Retry::new(2, Logging::new("attempt", &trace, &backend)),
        ),
    );
    let _ = stack.call(Request::new(1, "/orders"));
    // ANCHOR_END: plain_stack
    let lines = trace.take();
    for line in &lines {
        println!("{line}");
    }
    let count = |tag: &str| lines.iter().filter(|l| l.starts_with(tag)).count();
    println!(
        "lines written: [request] {}, [timing] {}, [attempt] {}; backend calls: {}",
        count("[request]"),
        count("[timing]"),
        count("[attempt]"),
        backend.calls()
    );

    println!();
    println!("== plain: the same stack, bad input ==");
    let _ = stack.call(Request::new(2, "orders")); // no leading slash
    for line in trace.take() {
        println!("{line}");
    }
    println!("backend calls: {} (a 400 is not retried)", backend.calls());

    println!();
    println!("== plain: NaiveTimeout(100ms, Backend) against a 2000ms call ==");
    let clock = SimClock::new();
    let slow = NaiveTimeout::new(
        100,
        &clock,
        plain::Backend::new(Script::steps(&[Outcome::ok(2000)]), &clock),
    );
    let result = slow.call(Request::new(3, "/orders"));
    println!("result: {}", describe(&result.map_err(BoxError::from)));
    println!("caller waited: {}ms", clock.now_ms());
}

async fn tower_section() {
    println!(
        "== tower: Log(request) > Retry(2, 10ms) > Log(attempt) > Timeout(100ms) > Backend =="
    );
    println!("backend: call 0 fails after 20ms, call 1 takes 500ms, call 2 succeeds after 20ms");
    let trace = Trace::new();
    let backend = layered::Backend::new(Script::steps(&[
        Outcome::fail(20),
        Outcome::ok(500),
        Outcome::ok(20),
    ]));
    // ANCHOR: tower_stack
    let mut service = ServiceBuilder::new()
        .layer(LogLayer::new("request", &trace))
        .retry(RetryPolicy::new(2, Duration::from_millis(10)))
        .layer(LogLayer::new("attempt", &trace))
        .timeout(Duration::from_millis(100))
        .service(backend.clone());
    // `ready` waits for poll_ready to say yes; only then may we `call`.
    let ready = service.ready().await.expect("always ready");
    let _ = ready.call(Request::new(1, "/orders")).await;
    // ANCHOR_END: tower_stack
    for line in trace.take() {
        println!("{line}");
    }
    println!("backend calls: {}", backend.calls());

    println!();
    println!("== tower: where the timeout sits (backoff 10ms, 2 retries) ==");
    println!("{:<12} {:<24} {:<24} both", "backend", "per-try", "overall");
    let scripts = [
        (
            "slow once",
            Script::steps(&[Outcome::ok(500), Outcome::ok(20)]),
        ),
        ("always slow", Script::steps(&[Outcome::ok(500)])),
    ];
    for (label, script) in scripts {
        let policy = RetryPolicy::new(2, Duration::from_millis(10));
        let ms = Duration::from_millis;
        let backends: [layered::Backend; 3] =
            std::array::from_fn(|_| layered::Backend::new(script.clone()));
        // ANCHOR: orders
        // per-try: each attempt gets 100ms, and a timed-out attempt is retried.
        let per_try = ServiceBuilder::new()
            .retry(policy.clone())
            .timeout(ms(100))
            .service(backends[0].clone());
        // overall: one 100ms budget for the request, retries included.
        let overall = ServiceBuilder::new()
            .timeout(ms(100))
            .retry(policy.clone())
            .service(backends[1].clone());
        // both: a 250ms budget outside, 100ms per attempt inside.
        let both = ServiceBuilder::new()
            .timeout(ms(250))
            .retry(policy.clone())
            .timeout(ms(100))
            .service(backends[2].clone());
        // ANCHOR_END: orders
        let cells = [
            one_request(per_try, &backends[0]).await,
            one_request(overall, &backends[1]).await,
            one_request(both, &backends[2]).await,
        ];
        println!("{label:<12} {:<24} {:<24} {}", cells[0], cells[1], cells[2]);
    }
}

/// Sends one request and says how it ended, how long the caller waited and
/// how many backend calls it took.
async fn one_request<S>(mut service: S, backend: &layered::Backend) -> String
where
    S: Service<Request, Response = Response, Error = BoxError>,
{
    let start = Instant::now();
    let result = match service.ready().await {
        Ok(ready) => ready.call(Request::new(1, "/orders")).await,
        Err(err) => Err(err),
    };
    let ended = match &result {
        Ok(_) => "ok",
        Err(err) if err.is::<Elapsed>() => "timeout",
        Err(_) => "error",
    };
    let calls = backend.calls();
    let plural = if calls == 1 { "" } else { "s" };
    format!(
        "{ended} {}ms, {calls} call{plural}",
        start.elapsed().as_millis()
    )
}

fn describe(result: &Result<Response, BoxError>) -> String {
    match result {
        Ok(resp) => format!("ok (call {})", resp.call),
        Err(err) => err.to_string(),
    }
}

/// What one stack did over the whole batch of requests.
struct Stats {
    ok: u32,
    calls: u32,
    mean_ms: u64,
    worst_ms: u64,
}

fn seeded() -> Script {
    Script::Seeded {
        seed: 7,
        fail_percent: 20,
        slow_percent: 10,
        latency_ms: 20,
        slow_ms: 2000,
    }
}

fn run_plain(
    wrap: impl for<'a> Fn(&'a plain::Backend, &SimClock) -> Box<dyn Handler + 'a>,
) -> Stats {
    let clock = SimClock::new();
    let backend = plain::Backend::new(seeded(), &clock);
    let handler = wrap(&backend, &clock);
    let (mut ok, mut total_ms, mut worst_ms) = (0, 0, 0);
    for id in 0..REQUESTS {
        let start = clock.now_ms();
        ok += u32::from(handler.call(Request::new(id, "/orders")).is_ok());
        let waited = clock.now_ms() - start;
        total_ms += waited;
        worst_ms = worst_ms.max(waited);
    }
    Stats {
        ok,
        calls: backend.calls(),
        mean_ms: total_ms / u64::from(REQUESTS),
        worst_ms,
    }
}

async fn run_tower<S>(backend: &layered::Backend, mut service: S) -> Stats
where
    S: Service<Request, Response = Response, Error = BoxError>,
{
    let (mut ok, mut total_ms, mut worst_ms) = (0, 0, 0);
    for id in 0..REQUESTS {
        let start = Instant::now();
        let result = match service.ready().await {
            Ok(ready) => ready.call(Request::new(id, "/orders")).await,
            Err(err) => Err(err),
        };
        ok += u32::from(result.is_ok());
        let waited = start.elapsed().as_millis() as u64;
        total_ms += waited;
        worst_ms = worst_ms.max(waited);
    }
    Stats {
        ok,
        calls: backend.calls(),
        mean_ms: total_ms / u64::from(REQUESTS),
        worst_ms,
    }
}

async fn compare_section() {
    println!(
        "== compare: {REQUESTS} requests; 20% of calls fail, 10% take 2000ms, the rest 20ms =="
    );
    let mut rows: Vec<(&str, Stats)> = Vec::new();
    rows.push(("plain Backend", run_plain(|b, _| Box::new(b))));
    rows.push((
        "plain Retry(2)",
        run_plain(|b, _| Box::new(Retry::new(2, b))),
    ));
    rows.push((
        "plain Retry(2, NaiveTimeout(100ms))",
        run_plain(|b, c| Box::new(Retry::new(2, NaiveTimeout::new(100, c, b)))),
    ));
    let policy = RetryPolicy::new(2, Duration::from_millis(10));
    let backend = layered::Backend::new(seeded());
    let per_try = ServiceBuilder::new()
        .retry(policy.clone())
        .timeout(Duration::from_millis(100))
        .service(backend.clone());
    rows.push((
        "tower retry(2) > timeout(100ms)",
        run_tower(&backend, per_try).await,
    ));
    println!(
        "{:<36} {:>4} {:>6} {:>8} {:>9}",
        "stack", "ok", "calls", "mean_ms", "worst_ms"
    );
    for (name, s) in rows {
        println!(
            "{:<36} {:>4} {:>6} {:>8} {:>9}",
            name, s.ok, s.calls, s.mean_ms, s.worst_ms
        );
    }
}
