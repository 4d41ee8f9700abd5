//! The local runner: the server behind the Run buttons of the pages that
//! `cargo xtask serve` serves. It runs code on the reader's machine, so it
//! treats every request as hostile:
//! - it listens on 127.0.0.1 only and answers only a `Host` naming that
//!   address (DNS rebinding), an allowed `Origin` (no other site's page) and
//!   the per-serve secret that only the served pages carry;
//! - it never takes a command from a request: `/run` runs the first line of a
//!   listing's recorded `output*.txt`, `/test` runs `cargo test` of an
//!   exercise;
//! - edited code is built in a scratch copy under `target/runner/scratch/`,
//!   never in the repository;
//! - every child runs in its own process group, which is killed when its run
//!   ends, overruns its time or output limit, or the client goes away; then
//!   every process still carrying the run's `SDR_RUN_ID` marker is killed,
//!   which catches one that left the group with `setsid` (see
//!   `runner/exec.rs` for what still escapes);
//! - no request holds the server for ever: a request head must arrive within
//!   `HEADER_TIMEOUT` and its body within `BODY_TIMEOUT`, at most
//!   `MAX_CONNECTIONS` connections are served at once (further ones wait in
//!   the kernel's backlog), and a crate takes at most `MAX_WAITING` runs
//!   waiting behind the one running (more are answered 429).
//!
//! Layout: this file holds the API, the HTTP guards and the request checks;
//! `runner/exec.rs` builds and runs and streams the output as NDJSON events;
//! `runner/libtest.rs` turns `cargo test` output into one event per test;
//! `runner/check.rs` is the `runner` step of `cargo xtask test`.

mod check;
mod exec;
mod libtest;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures::StreamExt;
use serde::Deserialize;

pub use check::check;

/// Largest `code` a request may carry.
const CODE_LIMIT: usize = 64 * 1024;
/// Largest request body: the code as JSON escapes it at worst (six bytes,
/// `\u0001`, for each control byte) plus room for the rest of the request.
const BODY_LIMIT: usize = 6 * CODE_LIMIT + 16 * 1024;
/// How much of an oversize body is still read (and dropped) so that the
/// client, still sending, gets the 413 and its reason rather than a reset.
const BODY_DRAIN: usize = 4 * 1024 * 1024;
/// How long a request head may take to arrive, from the connection's start
/// or the previous response (an idle keep-alive connection closes then).
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request body may take to arrive once its head has.
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more wait in the kernel's backlog until one
/// closes, so no local process can use up the runner's file descriptors.
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// Runs of one crate that may wait while another run of it goes on; each
/// waiting one holds its spliced source, so the queue is bounded.
pub(crate) const MAX_WAITING: usize = 2;
/// Builds that may run at once; more would only fight for the 2 cores.
const MAX_BUILDS: usize = 2;
/// Wall clock of one run, unless the listing sets `run-timeout-s`.
const RUN_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest `run-timeout-s` a listing may ask for.
const MAX_RUN_TIMEOUT: Duration = Duration::from_secs(600);

pub struct RunnerConfig {
    /// The project root.
    pub root: PathBuf,
    /// Allowed `Origin` values, e.g. `http://127.0.0.1:3000`.
    pub origins: Vec<String>,
    /// The value `X-Runner-Secret` must carry.
    pub secret: String,
    /// Port on 127.0.0.1; 0 takes any free port.
    pub port: u16,
}

/// A running server. Dropping it stops the server and kills every child.
pub struct Runner {
    port: u16,
    handle: tokio::runtime::Handle,
    groups: exec::Groups,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Runner {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// On Ctrl-C (or SIGTERM, SIGHUP) kills every child and exits. The
    /// children live in their own process groups, so the terminal's Ctrl-C
    /// never reaches them. Only for a process that ends with the runner:
    /// the signal handler stays installed for the life of the process.
    pub fn stop_children_on_signals(&self) {
        let groups = self.groups.clone();
        self.handle.spawn(async move {
            use tokio::signal::unix::{SignalKind, signal};
            let (Ok(mut int), Ok(mut term), Ok(mut hup)) = (
                signal(SignalKind::interrupt()),
                signal(SignalKind::terminate()),
                signal(SignalKind::hangup()),
            ) else {
                return;
            };
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            exec::kill_all(&groups);
            std::process::exit(130);
        });
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        // Dropping the runtime dropped every run, and with it its group;
        // this catches a group whose task did not get dropped in time.
        exec::kill_all(&self.groups);
    }
}

/// 16 random bytes from /dev/urandom, as hex.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("the runner's secret comes from /dev/urandom, which must be readable");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Binds 127.0.0.1:`config.port` and serves on a background thread.
pub fn start(config: RunnerConfig) -> anyhow::Result<Runner> {
    anyhow::ensure!(!config.secret.is_empty(), "the runner needs a secret");
    let listener = std::net::TcpListener::bind(("127.0.0.1", config.port))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    exec::remove_stale_scratch(&config.root);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("runner")
        .enable_all()
        .build()?;
    let groups = exec::Groups::default();
    let shared = Arc::new(Shared {
        root: config.root,
        origins: config.origins,
        secret: config.secret,
        port,
        crates: Default::default(),
        builds: Arc::new(tokio::sync::Semaphore::new(MAX_BUILDS)),
        groups: groups.clone(),
        scratch_seq: Default::default(),
    });
    let app = router(shared);
    let handle = runtime.handle().clone();
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("runner".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => return eprintln!("runner: {e}"),
                };
                tokio::select! {
                    () = serve(listener, app) => {}
                    _ = stop => {}
                }
            });
            // Drops the runs still going, which kills their process groups.
            runtime.shutdown_timeout(Duration::from_secs(2));
        })?;
    Ok(Runner {
        port,
        handle,
        groups,
        shutdown: Some(shutdown),
        thread: Some(thread),
    })
}

/// Accepts connections and serves each over HTTP/1.1, holding one of
/// `MAX_CONNECTIONS` slots while it is open. At the cap the loop stops
/// accepting, so new connections wait in the backlog (and are served as
/// soon as a slot frees) instead of being refused.
async fn serve(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, most likely: wait, as axum does.
                eprintln!("runner: accept: {e}");
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            // The timeout counts from when hyper starts waiting for a head,
            // not from the last byte, so a head sent a byte at a time is
            // cut off too.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// What every request handler shares.
struct Shared {
    root: PathBuf,
    origins: Vec<String>,
    secret: String,
    port: u16,
    /// One line per crate, so that runs of a crate take turns.
    crates: std::sync::Mutex<HashMap<String, Arc<Line>>>,
    builds: Arc<tokio::sync::Semaphore>,
    groups: exec::Groups,
    scratch_seq: std::sync::atomic::AtomicU64,
}

/// The runs of one crate: the lock they take turns on, and how many are
/// admitted (running or waiting).
#[derive(Default)]
struct Line {
    turn: Arc<tokio::sync::Mutex<()>>,
    admitted: std::sync::atomic::AtomicUsize,
}

/// A run's place in its crate's line; dropping it (the run ended, or its
/// client left) frees the place.
pub struct Ticket(Arc<Line>);

impl Ticket {
    pub fn turn(&self) -> Arc<tokio::sync::Mutex<()>> {
        self.0.turn.clone()
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.0
            .admitted
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Shared {
    /// A place in the job's crate's line, unless `MAX_WAITING` runs already
    /// wait there behind the running one.
    fn admit(&self, job: &exec::Job) -> Result<Ticket, Refusal> {
        let key = match job.kind {
            exec::Kind::Run(_) => format!("listing:{}", job.name),
            exec::Kind::Test => format!("exercise:{}", job.name),
        };
        let line = {
            let mut crates = self.crates.lock().unwrap_or_else(|e| e.into_inner());
            crates.entry(key).or_default().clone()
        };
        use std::sync::atomic::Ordering::SeqCst;
        match line
            .admitted
            .fetch_update(SeqCst, SeqCst, |n| (n <= MAX_WAITING).then_some(n + 1))
        {
            Ok(_) => Ok(Ticket(line)),
            Err(n) => Err(Refusal::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "{} runs of {} are already waiting; try again when they finish",
                    n - 1,
                    job.name
                ),
            )),
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/health",
            get(|| async { axum::Json(serde_json::json!({"ok": true})) }),
        )
        .route("/run", post(run))
        .route("/test", post(test))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// A request refused before anything runs: a status and a one-line reason.
#[derive(Debug)]
struct Refusal(StatusCode, String);

impl Refusal {
    fn new(status: StatusCode, reason: impl Into<String>) -> Refusal {
        Refusal(status, reason.into())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let reason = one_line(&self.1);
        (
            self.0,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{reason}\n"),
        )
            .into_response()
    }
}

/// `reason` on one line with no control characters: each is written as an
/// escape (`\0`, `\u{1b}`), so nothing from a request reaches the page raw.
fn one_line(reason: &str) -> String {
    reason
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Host, then Origin, then the secret; preflights need Host and Origin.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if let Err(reason) = check_host(headers, request.uri(), shared.port) {
        return Refusal::new(StatusCode::FORBIDDEN, reason).into_response();
    }
    let origin = match check_origin(headers, &shared.origins) {
        Ok(origin) => origin.to_string(),
        Err(reason) => return Refusal::new(StatusCode::FORBIDDEN, reason).into_response(),
    };
    let mut response = if request.method() == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, GET"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type, x-runner-secret"),
        );
        r
    } else if !secret_matches(headers, &shared.secret) {
        // The origin is allowed, so the page may read why: a restarted
        // serve has a new secret and the page must be reloaded.
        Refusal::new(
            StatusCode::FORBIDDEN,
            "missing or wrong X-Runner-Secret: reload the page served by this `cargo xtask serve`",
        )
        .into_response()
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// The one value of header `name`; two values are refused, not guessed.
fn single_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(format!("more than one {name} header"));
    }
    first
        .to_str()
        .map(Some)
        .map_err(|_| format!("the {name} header is not plain ASCII"))
}

/// Only our own address as Host: a page on a rebound DNS name is refused.
fn check_host(headers: &HeaderMap, uri: &axum::http::Uri, port: u16) -> Result<(), String> {
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let refused = || format!("Host must be 127.0.0.1:{port} or localhost:{port}");
    let host = single_header(headers, "host")?.ok_or_else(refused)?;
    if !allowed.iter().any(|a| a == host) {
        return Err(refused());
    }
    // An absolute-form request line must name the same host.
    match uri.authority() {
        Some(authority) if authority.as_str() != host => Err(refused()),
        _ => Ok(()),
    }
}

/// The request's Origin, if it is one of the book's.
fn check_origin<'o>(headers: &HeaderMap, origins: &'o [String]) -> Result<&'o str, String> {
    let origin = single_header(headers, "origin")?
        .ok_or("an Origin header is required (requests come from the book's pages)")?;
    origins
        .iter()
        .find(|o| *o == origin)
        .map(String::as_str)
        .ok_or_else(|| "this Origin may not use the runner".to_string())
}

fn secret_matches(headers: &HeaderMap, secret: &str) -> bool {
    match single_header(headers, "x-runner-secret") {
        Ok(Some(given)) => constant_time_eq(given.as_bytes(), secret.as_bytes()),
        _ => false,
    }
}

/// Equality whose time depends on the lengths only, not on where the bytes
/// first differ, so the secret cannot be guessed a byte at a time.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Deserialize)]
struct RunRequest {
    #[serde(rename = "crate")]
    krate: String,
    output: Option<String>,
    edit: Option<Edit>,
}

#[derive(Deserialize)]
struct Edit {
    file: String,
    anchor: String,
    code: String,
}

#[derive(Deserialize)]
struct TestRequest {
    exercise: String,
    code: String,
}

async fn run(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let planned = match read_body(request).await {
        Ok((headers, body)) => parse_json(&headers, &body).and_then(|r| plan_run(&shared.root, r)),
        Err(refusal) => Err(refusal),
    };
    admit_and_stream(shared, planned)
}

async fn test(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let planned = match read_body(request).await {
        Ok((headers, body)) => parse_json(&headers, &body).and_then(|r| plan_test(&shared.root, r)),
        Err(refusal) => Err(refusal),
    };
    admit_and_stream(shared, planned)
}

/// Streams the planned job once its crate's line admits it.
fn admit_and_stream(shared: Arc<Shared>, planned: Result<exec::Job, Refusal>) -> Response {
    match planned.and_then(|job| shared.admit(&job).map(|ticket| (job, ticket))) {
        Ok((job, ticket)) => exec::stream(shared, job, ticket),
        Err(refusal) => refusal.into_response(),
    }
}

/// The request's headers and body: at most `BODY_LIMIT` bytes, arriving
/// within `BODY_TIMEOUT`, each failure with a one-line reason.
async fn read_body(request: Request) -> Result<(HeaderMap, Bytes), Refusal> {
    let (parts, body) = request.into_parts();
    let mut chunks = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    let read = async {
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| {
                Refusal::new(
                    StatusCode::BAD_REQUEST,
                    format!("the request body broke off: {e}"),
                )
            })?;
            seen = seen.saturating_add(chunk.len());
            if seen <= BODY_LIMIT {
                bytes.extend_from_slice(&chunk);
            } else if seen > BODY_DRAIN {
                break;
            }
        }
        Ok::<(), Refusal>(())
    };
    match tokio::time::timeout(BODY_TIMEOUT, read).await {
        Ok(result) => result?,
        Err(_) => {
            return Err(Refusal::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {} s",
                    BODY_TIMEOUT.as_secs()
                ),
            ));
        }
    }
    if seen > BODY_LIMIT {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is over {BODY_LIMIT} bytes; the runner takes code of at most {CODE_LIMIT} bytes"
            ),
        ));
    }
    Ok((parts.headers, Bytes::from(bytes)))
}

/// JSON only: a form or text/plain body would be a request a hostile page
/// can send without a CORS preflight.
fn parse_json<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Refusal> {
    let json = single_header(headers, "content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.split(';').next().map(str::trim) == Some("application/json"));
    if !json {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be JSON (content-type: application/json)",
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("bad JSON body: {e}")))
}

fn too_large(code: &str) -> Result<(), Refusal> {
    if code.len() > CODE_LIMIT {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "code is {} bytes; the runner takes at most {CODE_LIMIT}",
                code.len()
            ),
        ));
    }
    Ok(())
}

fn plan_run(root: &Path, request: RunRequest) -> Result<exec::Job, Refusal> {
    if let Some(edit) = &request.edit {
        too_large(&edit.code)?;
    }
    let dir = find_crate(root, "listings", &request.krate)?;
    let output = choose_output(&dir, request.output.as_deref())?;
    let text = std::fs::read_to_string(&output)
        .map_err(|e| Refusal::new(StatusCode::NOT_FOUND, format!("cannot read output: {e}")))?;
    let recorded = crate::outputs::Recorded::parse(&text).map_err(|e| {
        Refusal::new(
            StatusCode::NOT_FOUND,
            format!("{}: {e}", crate::relative(root, &output)),
        )
    })?;
    if recorded.package() != request.krate {
        return Err(Refusal::new(
            StatusCode::NOT_FOUND,
            format!(
                "{} runs `-p {}`, not this listing",
                crate::relative(root, &output),
                recorded.package()
            ),
        ));
    }
    let replace = match request.edit {
        None => None,
        Some(edit) => {
            let bad = |reason: String| Refusal::new(StatusCode::BAD_REQUEST, reason);
            let file = inside_crate(&edit.file).map_err(bad)?;
            if !valid_anchor(&edit.anchor) {
                return Err(bad(format!(
                    "edit.anchor {:?} is not an anchor name",
                    edit.anchor
                )));
            }
            let source = read_crate_file(&dir, file).map_err(bad)?;
            let spliced = splice(&source, &edit.anchor, &edit.code)
                .map_err(|e| bad(format!("edit.file {:?}: {e}", edit.file)))?;
            Some((file.to_path_buf(), spliced))
        }
    };
    Ok(exec::Job {
        kind: exec::Kind::Run(recorded.cargo_args),
        name: request.krate,
        timeout: run_timeout(&dir),
        dir,
        replace,
    })
}

fn plan_test(root: &Path, request: TestRequest) -> Result<exec::Job, Refusal> {
    too_large(&request.code)?;
    let dir = find_crate(root, "exercises", &request.exercise)?;
    Ok(exec::Job {
        kind: exec::Kind::Test,
        name: request.exercise,
        timeout: run_timeout(&dir),
        dir,
        replace: Some((PathBuf::from("src/lib.rs"), request.code)),
    })
}

/// A package name as the book spells its folders: `^[a-z0-9][a-z0-9-]*$`.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 64
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `^output[a-z0-9-]*\.txt$`
fn valid_output_name(name: &str) -> bool {
    name.strip_prefix("output")
        .and_then(|n| n.strip_suffix(".txt"))
        .is_some_and(|middle| {
            middle
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// mdBook's anchor names: word characters and `-`.
fn valid_anchor(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `<root>/<top>/<phase>/<name>/`, the crate folder named `name`.
fn find_crate(root: &Path, top: &str, name: &str) -> Result<PathBuf, Refusal> {
    if !valid_name(name) {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            format!("{name:?} is not a crate name (lowercase letters, digits and -)"),
        ));
    }
    let phases = std::fs::read_dir(root.join(top))
        .into_iter()
        .flatten()
        .flatten();
    let mut found: Vec<PathBuf> = phases
        .map(|phase| phase.path().join(name))
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .collect();
    found.sort();
    found.into_iter().next().ok_or_else(|| {
        Refusal::new(
            StatusCode::NOT_FOUND,
            format!("no crate {name} under {top}/"),
        )
    })
}

/// The recorded output to run: the one asked for, else `output.txt`, else
/// the crate's only `output*.txt`.
fn choose_output(dir: &Path, requested: Option<&str>) -> Result<PathBuf, Refusal> {
    if let Some(name) = requested {
        if !valid_output_name(name) {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                format!("{name:?} is not a recorded output name (output*.txt)"),
            ));
        }
        let path = dir.join(name);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Refusal::new(
                StatusCode::NOT_FOUND,
                format!("this listing has no {name}"),
            ))
        };
    }
    if dir.join("output.txt").is_file() {
        return Ok(dir.join("output.txt"));
    }
    let mut outputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| valid_output_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    match outputs.len() {
        1 => Ok(outputs.remove(0)),
        0 => Err(Refusal::new(
            StatusCode::NOT_FOUND,
            "this listing has no recorded output, so it has no command to run",
        )),
        _ => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "this listing has several recorded outputs: name one in `output`",
        )),
    }
}

/// `file` as a path that stays inside the crate: relative, no `..`, a .rs
/// file, not in a build folder.
fn inside_crate(file: &str) -> Result<&Path, String> {
    let path = Path::new(file);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if file.is_empty() || !plain {
        return Err(format!(
            "edit.file {file:?} must be a relative path inside the crate, without `..`"
        ));
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return Err(format!("edit.file {file:?} must be a .rs file"));
    }
    if path.components().next() == Some(Component::Normal("target".as_ref())) {
        return Err(format!("edit.file {file:?} is in the build folder"));
    }
    Ok(path)
}

/// Reads a crate file, refusing a symbolic link (it could point anywhere).
fn read_crate_file(dir: &Path, file: &Path) -> Result<String, String> {
    let path = dir.join(file);
    let missing = || format!("edit.file {file:?} does not exist in this crate");
    let meta = std::fs::symlink_metadata(&path).map_err(|_| missing())?;
    if !meta.is_file() {
        return Err(missing());
    }
    std::fs::read_to_string(&path).map_err(|e| format!("edit.file {file:?}: {e}"))
}

/// The anchor name on a marker line, as mdBook reads `ANCHOR: name`.
fn marker_name<'l>(line: &'l str, tag: &str) -> Option<&'l str> {
    let rest = line.split_once(tag)?.1.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// `source` with the lines strictly between `ANCHOR: anchor` and its
/// `ANCHOR_END` replaced by `code`, verbatim (re-indenting could change a
/// multi-line string).
fn splice(source: &str, anchor: &str, code: &str) -> Result<String, String> {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| marker_name(l, "ANCHOR:") == Some(anchor))
        .ok_or_else(|| format!("no `ANCHOR: {anchor}` line"))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| marker_name(l, "ANCHOR_END:") == Some(anchor))
        .map(|i| start + 1 + i)
        .ok_or_else(|| format!("no `ANCHOR_END: {anchor}` line after its `ANCHOR: {anchor}`"))?;
    let mut out = lines[..=start].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(code);
    if !code.is_empty() && !code.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&lines[end..].concat());
    Ok(out)
}

/// `[package.metadata.course] run-timeout-s` of the crate, else 10 s.
pub(crate) fn run_timeout(dir: &Path) -> Duration {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .ok()
        .and_then(|text| timeout_in_manifest(&text))
        .unwrap_or(RUN_TIMEOUT)
}

fn timeout_in_manifest(text: &str) -> Option<Duration> {
    let table: toml::Table = text.parse().ok()?;
    let seconds = table
        .get("package")?
        .get("metadata")?
        .get("course")?
        .get("run-timeout-s")?
        .as_integer()?;
    let seconds = u64::try_from(seconds).ok().filter(|s| *s > 0)?;
    Some(Duration::from_secs(seconds).min(MAX_RUN_TIMEOUT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    // Crate names are the folder spelling only: no paths, dots, capitals or leading dash.
    #[test]
    fn crate_names() {
        for good in ["napkin-math", "a", "0x-1"] {
            assert!(valid_name(good), "{good}");
        }
        for bad in [
            "", "..", "../x", "a/b", "-a", "Napkin", "a_b", "a.b", "a b", "é",
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert!(!valid_name(&"a".repeat(65)));
    }

    // Output names are output*.txt in the crate folder itself.
    #[test]
    fn output_names() {
        assert!(valid_output_name("output.txt"));
        assert!(valid_output_name("output-naive.txt"));
        for bad in [
            "../output.txt",
            "output.md",
            "out.txt",
            "output/x.txt",
            "output_a.txt",
        ] {
            assert!(!valid_output_name(bad), "{bad}");
        }
    }

    // An edited file must stay inside the crate and be Rust source.
    #[test]
    fn edit_paths() {
        assert!(inside_crate("src/main.rs").is_ok());
        assert!(inside_crate("src/bin/x.rs").is_ok());
        for bad in [
            "",
            "../x.rs",
            "src/../../x.rs",
            "/etc/x.rs",
            "./src/main.rs",
            "Cargo.toml",
            "target/x.rs",
            "src",
        ] {
            assert!(inside_crate(bad).is_err(), "{bad}");
        }
    }

    // The code replaces exactly the lines between the markers, which stay.
    #[test]
    fn splices_between_markers() {
        let src = "fn main() {\n    // ANCHOR: body\n    old();\n    more();\n    // ANCHOR_END: body\n}\n";
        let out = splice(src, "body", "new();").unwrap();
        assert_eq!(
            out,
            "fn main() {\n    // ANCHOR: body\nnew();\n    // ANCHOR_END: body\n}\n"
        );
        assert_eq!(
            splice(src, "body", "").unwrap(),
            "fn main() {\n    // ANCHOR: body\n    // ANCHOR_END: body\n}\n"
        );
    }

    // A name that merely starts like the anchor, or a missing or misplaced end, is refused.
    #[test]
    fn splice_refuses_wrong_anchors() {
        let src = "// ANCHOR: main2\nx\n// ANCHOR_END: main2\n";
        assert!(splice(src, "main", "y").is_err());
        let reversed = "// ANCHOR_END: a\nx\n// ANCHOR: a\n";
        assert!(
            splice(reversed, "a", "y")
                .unwrap_err()
                .contains("ANCHOR_END")
        );
        // Nested anchors: the outer one's region includes the inner markers.
        let nested = "// ANCHOR: a\n// ANCHOR: b\nx\n// ANCHOR_END: b\n// ANCHOR_END: a\n";
        assert_eq!(
            splice(nested, "a", "y\n").unwrap(),
            "// ANCHOR: a\ny\n// ANCHOR_END: a\n"
        );
    }

    // Host must be our own address and port; a rebound name or other port is refused.
    #[test]
    fn host_check() {
        let uri: axum::http::Uri = "/run".parse().unwrap();
        assert!(check_host(&headers(&[("host", "127.0.0.1:4000")]), &uri, 4000).is_ok());
        assert!(check_host(&headers(&[("host", "localhost:4000")]), &uri, 4000).is_ok());
        for bad in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
            "localhost",
        ] {
            assert!(
                check_host(&headers(&[("host", bad)]), &uri, 4000).is_err(),
                "{bad}"
            );
        }
        assert!(check_host(&HeaderMap::new(), &uri, 4000).is_err());
        let two = headers(&[("host", "127.0.0.1:4000"), ("host", "evil:4000")]);
        assert!(check_host(&two, &uri, 4000).is_err());
        let absolute: axum::http::Uri = "http://evil.example/run".parse().unwrap();
        let h = headers(&[("host", "127.0.0.1:4000")]);
        assert!(check_host(&h, &absolute, 4000).is_err());
    }

    // Origin must be present and one of the configured values, exactly.
    #[test]
    fn origin_check() {
        let origins = vec!["http://127.0.0.1:3000".to_string()];
        let ok = headers(&[("origin", "http://127.0.0.1:3000")]);
        assert_eq!(check_origin(&ok, &origins), Ok("http://127.0.0.1:3000"));
        for bad in [
            "http://evil.example",
            "http://127.0.0.1:3000.evil.example",
            "http://127.0.0.1:3001",
            "null",
        ] {
            assert!(
                check_origin(&headers(&[("origin", bad)]), &origins).is_err(),
                "{bad}"
            );
        }
        assert!(check_origin(&HeaderMap::new(), &origins).is_err());
    }

    // The secret must match in full; a prefix, a longer value or nothing fails.
    #[test]
    fn secret_check() {
        let s = "0123456789abcdef";
        assert!(secret_matches(&headers(&[("x-runner-secret", s)]), s));
        for bad in [
            "0123456789abcdee",
            "0123456789abcde",
            "0123456789abcdef0",
            "",
        ] {
            assert!(
                !secret_matches(&headers(&[("x-runner-secret", bad)]), s),
                "{bad}"
            );
        }
        assert!(!secret_matches(&HeaderMap::new(), s));
    }

    // A file name from the request is quoted with its control characters
    // escaped, and no refusal sends a control character raw.
    #[test]
    fn refusals_escape_control_characters() {
        let dir = std::env::temp_dir();
        let err = read_crate_file(&dir, Path::new("src/\u{0}\u{1b}[31mx.rs")).unwrap_err();
        assert!(!err.chars().any(char::is_control), "{err:?}");
        assert!(err.contains(r"\0\u{1b}[31m"), "{err:?}");
        assert_eq!(one_line("a\nb\r\u{7}c"), r"a\nb\r\u{7}c");
        assert_eq!(one_line("plain é"), "plain é");
    }

    // Code at the limit fits the body limit however JSON escapes it.
    #[test]
    fn body_limit_covers_escaped_code() {
        let body = serde_json::json!({"crate": "a".repeat(64), "edit": {
            "file": "src/main.rs", "anchor": "a".repeat(64), "code": "\u{1}".repeat(CODE_LIMIT)}});
        assert!(body.to_string().len() <= BODY_LIMIT);
    }

    fn request(body: Vec<u8>) -> Request {
        axum::http::Request::builder()
            .uri("/run")
            .body(axum::body::Body::from(body))
            .unwrap()
    }

    // A body over the limit gets a 413 with a one-line reason, not axum's generic one.
    #[tokio::test]
    async fn oversize_body_has_a_reason() {
        let Err(refusal) = read_body(request(vec![b'x'; BODY_LIMIT + 1])).await else {
            panic!("an oversize body was read");
        };
        assert_eq!(refusal.0, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(refusal.1.contains("at most 65536 bytes"), "{}", refusal.1);
        let (_, body) = read_body(request(vec![b'x'; BODY_LIMIT])).await.unwrap();
        assert_eq!(body.len(), BODY_LIMIT);
    }

    // A crate takes one run and MAX_WAITING waiting; the next is refused
    // with a reason, and a finished run frees its place.
    #[test]
    fn crate_queue_is_bounded() {
        let shared = Shared {
            root: PathBuf::from("/x"),
            origins: vec![],
            secret: "s".into(),
            port: 1,
            crates: Default::default(),
            builds: Arc::new(tokio::sync::Semaphore::new(1)),
            groups: Default::default(),
            scratch_seq: Default::default(),
        };
        let job = |name: &str| exec::Job {
            kind: exec::Kind::Test,
            name: name.into(),
            dir: PathBuf::from("/x"),
            replace: None,
            timeout: RUN_TIMEOUT,
        };
        let mut tickets: Vec<Ticket> = (0..=MAX_WAITING)
            .map(|_| shared.admit(&job("jump-hash")).ok().unwrap())
            .collect();
        let Err(refusal) = shared.admit(&job("jump-hash")) else {
            panic!("a fourth run was admitted");
        };
        assert_eq!(refusal.0, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            refusal.1,
            "2 runs of jump-hash are already waiting; try again when they finish"
        );
        // Another crate has a line of its own.
        assert!(shared.admit(&job("other")).is_ok());
        tickets.pop();
        assert!(shared.admit(&job("jump-hash")).is_ok());
    }

    // A listing may lengthen its run time, within a ceiling; nonsense is ignored.
    #[test]
    fn run_timeouts() {
        let m = "[package]\nname = \"x\"\n[package.metadata.course]\nrun-timeout-s = 30\n";
        assert_eq!(timeout_in_manifest(m), Some(Duration::from_secs(30)));
        let huge = m.replace("30", "99999");
        assert_eq!(timeout_in_manifest(&huge), Some(MAX_RUN_TIMEOUT));
        assert_eq!(timeout_in_manifest("[package]\nname = \"x\"\n"), None);
        assert_eq!(timeout_in_manifest(&m.replace("30", "-1")), None);
    }
}
