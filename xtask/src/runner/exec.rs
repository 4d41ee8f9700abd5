//! Builds and runs one job and streams what happens as NDJSON events.
//!
//! Each child (cargo, and the program cargo execs into) starts in a process
//! group of its own. The group is killed when the child exits (so a program
//! that leaves children behind does not leave them running, or holding our
//! pipes open), on a time or output limit, and when the client goes away
//! (the job's future is dropped, and `Group`'s Drop kills).
//!
//! A process can leave its group: `setsid` starts a new session, and a
//! process re-parented to pid 1 outlives any kill of the group. So each child
//! also gets a random marker in its environment, `SDR_RUN_ID=<32 hex>`, which
//! everything it starts inherits. Right after the group is killed (however
//! the run ends: exit, timeout, truncation, disconnect, runner shutdown or a
//! signal), `sweep` reads `/proc/*/environ` (readable for our own processes)
//! and SIGKILLs every process carrying the marker, and scans again until
//! none is left. It gives up after `SWEEP_ROUNDS` rounds, so a fork bomb that
//! forks faster than the rounds kill cannot keep the runner busy for ever
//! (it is then left running, and the runner says so on stderr).
//!
//! What still escapes: `/proc/<pid>/environ` is the environment a process
//! was started with, so a program that execs with a cleared or rewritten
//! environment (`env -i`, `Command::env_clear`), overwrites that memory, or
//! makes itself unreadable (non-dumpable, or a setuid program) before
//! leaving the session is not found. Stopping those needs a cgroup or a PID
//! namespace, which the runner does not set up.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;
use tokio::process::Command;
use tokio::sync::mpsc;

use super::libtest::Libtest;
use super::{Shared, Ticket};

/// Wall clock of a build.
const BUILD_TIMEOUT: Duration = Duration::from_secs(300);
/// stdout plus stderr a run may print.
pub const OUTPUT_CAP: usize = 256 * 1024;
/// After the program exits, how long its output may take to drain.
const DRAIN: Duration = Duration::from_secs(2);
/// A client that reads nothing for this long is treated as gone.
const CLIENT_PATIENCE: Duration = Duration::from_secs(30);

pub const TRUNCATED: &str = "\n[output truncated at 256 KiB]\n";

pub enum Kind {
    /// `cargo run` with the recorded arguments (after `cargo`).
    Run(Vec<String>),
    /// `cargo test` of an exercise.
    Test,
}

pub struct Job {
    pub kind: Kind,
    /// The package, which is also its folder's name.
    pub name: String,
    pub dir: PathBuf,
    /// A file of the crate (relative path) and its new text: the job then
    /// builds a scratch copy instead of the repository's crate.
    pub replace: Option<(PathBuf, String)>,
    pub timeout: Duration,
}

/// The environment variable that marks every process of a run.
pub const RUN_ID: &str = "SDR_RUN_ID";
/// Scans of `sweep` before it gives up on processes that keep appearing.
const SWEEP_ROUNDS: usize = 20;

/// Process groups alive now, each with its run's marker, so that a signal
/// or the runner's Drop can kill them.
pub type Groups = Arc<Mutex<HashMap<u32, String>>>;

/// `kill -KILL -- -<pgid>`: std has no safe call for a group, and unsafe
/// code is forbidden here.
fn kill_group(pgid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// `kill -KILL -- <pid>...`
fn kill_pids(pids: &[u32]) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--"])
        .args(pids.iter().map(u32::to_string))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A fresh marker for one run: 16 random bytes as hex.
fn new_marker() -> String {
    super::new_secret()
}

/// The processes (other than this one) whose environment holds
/// `SDR_RUN_ID=<marker>`. A process we may not read (another user's, or a
/// non-dumpable one) is not found; a zombie has no environment left.
pub fn marked(marker: &str) -> Vec<u32> {
    if marker.is_empty() {
        return Vec::new();
    }
    let needle = format!("{RUN_ID}={marker}");
    let me = std::process::id();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                environ
                    .split(|b| *b == 0)
                    .any(|var| var == needle.as_bytes())
            })
        })
        .collect()
}

/// SIGKILLs every process marked with `marker`, scanning again until a scan
/// finds none, for at most `SWEEP_ROUNDS` scans. Returns how many marked
/// processes were still there at the end (0 unless something kept forking).
/// A pid could in principle be reused between the scan and the kill; with
/// the milliseconds between them and Linux's pid counter, it is not a
/// practical concern.
pub fn sweep(marker: &str) -> usize {
    for _ in 0..SWEEP_ROUNDS {
        let found = marked(marker);
        if found.is_empty() {
            return 0;
        }
        kill_pids(&found);
        // Give the killed a moment to exit before the next scan.
        std::thread::sleep(Duration::from_millis(5));
    }
    let left = marked(marker).len();
    if left > 0 {
        eprintln!(
            "runner: {left} process(es) marked {RUN_ID}={marker} kept appearing; gave up after {SWEEP_ROUNDS} rounds of killing them"
        );
    }
    left
}

pub fn kill_all(groups: &Groups) {
    let runs: Vec<(u32, String)> = groups
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain()
        .collect();
    for (pgid, _) in &runs {
        kill_group(*pgid);
    }
    for (_, marker) in &runs {
        sweep(marker);
    }
}

/// A child's process group and the marker of its processes, killed once:
/// at the end of the run, or on drop.
struct Group {
    pgid: u32,
    marker: String,
    groups: Groups,
    killed: bool,
}

impl Group {
    fn new(pgid: u32, marker: String, groups: &Groups) -> Group {
        groups
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(pgid, marker.clone());
        Group {
            pgid,
            marker,
            groups: groups.clone(),
            killed: false,
        }
    }

    /// The group first, then whatever left it but carries the marker.
    fn kill(&mut self) {
        if !self.killed {
            self.killed = true;
            kill_group(self.pgid);
            sweep(&self.marker);
            self.groups
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&self.pgid);
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The response body's sending end.
struct Events(mpsc::Sender<Bytes>);

impl Events {
    /// False when the client is gone (or stopped reading).
    async fn send(&self, event: Value) -> bool {
        let mut line = serde_json::to_vec(&event).unwrap_or_default();
        line.push(b'\n');
        self.0
            .send_timeout(Bytes::from(line), CLIENT_PATIENCE)
            .await
            .is_ok()
    }

    async fn send_all(&self, events: Vec<Value>) -> bool {
        for event in events {
            if !self.send(event).await {
                return false;
            }
        }
        true
    }
}

/// Starts the job and answers with its event stream.
pub fn stream(shared: Arc<Shared>, job: Job, ticket: Ticket) -> Response {
    let (tx, rx) = mpsc::channel::<Bytes>(64);
    let gone = tx.clone();
    tokio::spawn(async move {
        let events = Events(tx);
        tokio::select! {
            () = execute(&shared, job, &ticket, &events) => {}
            // The client left: dropping `execute` kills its groups and
            // removes its scratch folder.
            () = gone.closed() => {}
        }
    });
    let body = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, Infallible>(b), rx))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(Body::from_stream(body))
        .expect("static headers are valid")
}

fn done(status: &str, code: Option<i32>, build_ms: u64, run_ms: u64) -> Value {
    json!({"event": "done", "status": status, "code": code, "build_ms": build_ms, "run_ms": run_ms})
}

async fn execute(shared: &Shared, job: Job, ticket: &Ticket, events: &Events) {
    let lock = ticket.turn();
    let mut queued = false;
    let _turn = match lock.clone().try_lock_owned() {
        Ok(turn) => turn,
        Err(_) => {
            queued = true;
            if !events.send(json!({"event": "queued"})).await {
                return;
            }
            lock.lock_owned().await
        }
    };
    let scratch = match &job.replace {
        None => None,
        Some((file, text)) => {
            let seq = shared
                .scratch_seq
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            match Scratch::create(&shared.root, seq, &job, file, text) {
                Ok(s) => Some(s),
                Err(e) => {
                    let text = format!("runner: cannot prepare a scratch copy: {e}\n");
                    events.send(json!({"event": "build", "text": text})).await;
                    events.send(done("build-failed", None, 0, 0)).await;
                    return;
                }
            }
        }
    };
    let manifest = scratch.as_ref().map(Scratch::manifest);
    let (build_args, run_args) = cargo_args(&job, manifest.as_deref());

    let builds = shared.builds.clone();
    let slot = match builds.clone().try_acquire_owned() {
        Ok(slot) => slot,
        Err(_) => {
            if !queued && !events.send(json!({"event": "queued"})).await {
                return;
            }
            match builds.acquire_owned().await {
                Ok(slot) => slot,
                Err(_) => return,
            }
        }
    };
    let build_limits = Limits {
        timeout: BUILD_TIMEOUT,
        cap: OUTPUT_CAP,
        kill_on_cap: false,
    };
    let mut build_text = String::new();
    let build = run_process(
        command(&shared.root, &build_args, manifest.is_some(), &job.kind),
        build_limits,
        Replay::new(String::new()),
        &shared.groups,
        events,
        |_, text| {
            if build_text.len() < OUTPUT_CAP {
                build_text.push_str(&text);
            }
            vec![json!({"event": "build", "text": text})]
        },
    )
    .await;
    drop(slot);
    let build_ms = build.ms;
    match build.end {
        End::Gone => return,
        End::TimedOut => {
            events.send(done("timeout", None, build_ms, 0)).await;
            return;
        }
        End::Exited { success: true, .. } => {}
        _ => {
            events.send(done("build-failed", None, build_ms, 0)).await;
            return;
        }
    }

    let limits = Limits {
        timeout: job.timeout,
        cap: OUTPUT_CAP,
        kill_on_cap: true,
    };
    let mut tests = Libtest::default();
    let mut counts = (0usize, 0usize);
    let is_test = matches!(job.kind, Kind::Test);
    let test_events = |results: Vec<super::libtest::TestResult>, counts: &mut (usize, usize)| {
        results
            .into_iter()
            .map(|t| {
                if !t.ok {
                    counts.1 += 1;
                } else if !t.ignored {
                    counts.0 += 1;
                }
                json!({"event": "test", "name": t.name, "ok": t.ok, "message": t.message})
            })
            .collect::<Vec<Value>>()
    };
    let run = run_process(
        command(&shared.root, &run_args, manifest.is_some(), &job.kind),
        limits,
        Replay::new(build_text),
        &shared.groups,
        events,
        |stream, text| {
            let kind = match stream {
                Stream::Out => "stdout",
                Stream::Err => "stderr",
            };
            let mut out = vec![json!({"event": kind, "text": text})];
            if is_test && stream == Stream::Out {
                out.extend(test_events(tests.feed(&text), &mut counts));
            }
            out
        },
    )
    .await;
    let (status, code) = match run.end {
        End::Gone => return,
        End::TimedOut => ("timeout", None),
        End::Truncated => ("truncated", None),
        End::Exited { success, code } => {
            if is_test
                && !events
                    .send_all(test_events(tests.finish(), &mut counts))
                    .await
            {
                return;
            }
            let ok = success && counts.1 == 0;
            (if ok { "ok" } else { "failed" }, code)
        }
    };
    let mut last = done(status, code, build_ms, run.ms);
    if is_test {
        last["passed"] = json!(counts.0);
        last["failed"] = json!(counts.1);
    }
    events.send(last).await;
}

/// cargo prints a crate's warnings again when `cargo run` or `cargo test`
/// finds it built; the build events showed them already, so the run's
/// stderr drops them when it starts with exactly that text.
struct Replay {
    expected: String,
    held: String,
}

impl Replay {
    fn new(build_stderr: String) -> Replay {
        Replay {
            expected: build_stderr,
            held: String::new(),
        }
    }

    fn filter(&mut self, text: &str) -> String {
        if self.expected.is_empty() {
            return text.to_string();
        }
        self.held.push_str(text);
        if self.expected.starts_with(&self.held) {
            if self.held.len() == self.expected.len() {
                self.expected.clear();
                self.held.clear();
            }
            return String::new();
        }
        let held = std::mem::take(&mut self.held);
        let out = match held.strip_prefix(&self.expected) {
            Some(rest) => rest.to_string(),
            None => held,
        };
        self.expected.clear();
        out
    }

    /// Text held back because it began like the replay, when the run ends.
    fn finish(&mut self) -> String {
        self.expected.clear();
        std::mem::take(&mut self.held)
    }
}

/// `cargo` arguments of the build and of the run. With a scratch manifest
/// they point at the scratch workspace.
fn cargo_args(job: &Job, manifest: Option<&Path>) -> (Vec<String>, Vec<String>) {
    let at: Vec<String> = manifest
        .map(|m| vec!["--manifest-path".to_string(), m.display().to_string()])
        .unwrap_or_default();
    let strings = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    match &job.kind {
        Kind::Run(recorded) => {
            let build = [
                strings(&["build", "--quiet"]),
                at.clone(),
                strings(&["-p", &job.name]),
            ];
            // As outputs.rs runs it: `cargo run --quiet <the rest>`.
            let run = [
                vec![recorded[0].clone(), "--quiet".into()],
                at,
                recorded[1..].to_vec(),
            ];
            (build.concat(), run.concat())
        }
        Kind::Test => {
            let build = [
                strings(&["test", "--no-run", "--quiet"]),
                at.clone(),
                strings(&["-p", &job.name]),
            ];
            // `--format pretty` names each test even under cargo's --quiet.
            let run = [
                strings(&["test", "--quiet"]),
                at,
                strings(&["-p", &job.name, "--", "--format", "pretty"]),
            ];
            (build.concat(), run.concat())
        }
    }
}

fn command(root: &Path, args: &[String], scratch: bool, kind: &Kind) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root)
        .args(args)
        .env("CARGO_TERM_COLOR", "never");
    if scratch {
        // Compiled dependencies come from the workspace's target/, so only
        // the edited crate compiles; its binary goes elsewhere, so it never
        // replaces target/debug/<crate>.
        cmd.env("CARGO_BUILD_BUILD_DIR", root.join("target"))
            .env("CARGO_TARGET_DIR", root.join("target/runner/out"));
    }
    if matches!(kind, Kind::Test) {
        // A failing test's message, without a backtrace of the test harness.
        cmd.env("RUST_BACKTRACE", "0");
    }
    cmd
}

struct Limits {
    timeout: Duration,
    cap: usize,
    /// A run is stopped at the cap; a build keeps going, unshown.
    kill_on_cap: bool,
}

enum End {
    Exited { success: bool, code: Option<i32> },
    TimedOut,
    Truncated,
    Gone,
}

struct Outcome {
    end: End,
    ms: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stream {
    Out = 0,
    Err = 1,
}

/// Runs `cmd` in its own process group and turns its output into events as
/// it arrives, until it exits, overruns a limit, or the client goes away.
async fn run_process(
    mut cmd: Command,
    limits: Limits,
    replay: Replay,
    groups: &Groups,
    events: &Events,
    mut to_events: impl FnMut(Stream, String) -> Vec<Value>,
) -> Outcome {
    let started = Instant::now();
    let ms = |started: Instant| u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let marker = new_marker();
    cmd.process_group(0)
        .env(RUN_ID, &marker)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            let text = format!("runner: cannot start cargo: {e}\n");
            let gone = !events.send_all(to_events(Stream::Err, text)).await;
            let end = if gone {
                End::Gone
            } else {
                End::Exited {
                    success: false,
                    code: None,
                }
            };
            return Outcome {
                end,
                ms: ms(started),
            };
        }
    };
    let Some(pid) = child.id() else {
        return Outcome {
            end: End::Exited {
                success: false,
                code: None,
            },
            ms: ms(started),
        };
    };
    let mut group = Group::new(pid, marker, groups);
    let (tx, mut rx) = mpsc::channel::<(Stream, Vec<u8>)>(16);
    if let Some(out) = child.stdout.take() {
        tokio::spawn(pump(out, Stream::Out, tx.clone()));
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(pump(err, Stream::Err, tx.clone()));
    }
    drop(tx);

    let deadline = tokio::time::sleep(limits.timeout);
    tokio::pin!(deadline);
    let mut shaper = Shaper {
        decoders: Default::default(),
        replay,
        room: limits.cap,
    };
    let mut exited: Option<End> = None;
    let mut pipes_open = true;
    let mut capped = false;
    let end = loop {
        tokio::select! {
            chunk = rx.recv(), if pipes_open => {
                let Some((stream, bytes)) = chunk else {
                    pipes_open = false;
                    match exited.take() {
                        Some(end) => break end,
                        None => continue,
                    }
                };
                if capped {
                    continue;
                }
                let (text, over) = shaper.shape(stream, &bytes);
                if !text.is_empty() && !events.send_all(to_events(stream, text)).await {
                    break End::Gone;
                }
                if over {
                    capped = true;
                    if !events.send_all(to_events(Stream::Err, TRUNCATED.into())).await {
                        break End::Gone;
                    }
                    if limits.kill_on_cap {
                        group.kill();
                        break End::Truncated;
                    }
                }
            }
            status = child.wait(), if exited.is_none() => {
                // Whatever the program left behind dies with it, which also
                // closes the pipes those leftovers held open.
                group.kill();
                let end = match status {
                    Ok(s) => End::Exited { success: s.success(), code: s.code() },
                    Err(_) => End::Exited { success: false, code: None },
                };
                if !pipes_open {
                    break end;
                }
                exited = Some(end);
                let drain_until = tokio::time::Instant::now() + DRAIN;
                if drain_until < deadline.deadline() {
                    deadline.as_mut().reset(drain_until);
                }
            }
            () = &mut deadline => {
                if let Some(end) = exited.take() {
                    // Output still open after the drain: something escaped
                    // the group; stop listening to it.
                    break end;
                }
                group.kill();
                break End::TimedOut;
            }
            () = events.0.closed() => break End::Gone,
        }
    };
    if matches!(end, End::Exited { .. }) && !capped {
        for stream in [Stream::Out, Stream::Err] {
            let (rest, _) = shaper.finish(stream);
            if !rest.is_empty() && !events.send_all(to_events(stream, rest)).await {
                return Outcome {
                    end: End::Gone,
                    ms: ms(started),
                };
            }
        }
    }
    group.kill();
    // Reap the killed child; it cannot take long after SIGKILL.
    let _ = tokio::time::timeout(Duration::from_secs(2), child.wait()).await;
    Outcome {
        end,
        ms: ms(started),
    }
}

/// A child's bytes as the text the client gets: whole characters, without
/// the replayed warnings, at most the cap in all.
struct Shaper {
    decoders: [Utf8Stream; 2],
    replay: Replay,
    room: usize,
}

impl Shaper {
    /// The text to send, and whether the cap cut it.
    fn shape(&mut self, stream: Stream, bytes: &[u8]) -> (String, bool) {
        let text = self.decoders[stream as usize].push(bytes);
        self.cap(stream, text)
    }

    /// What is left when the output ends.
    fn finish(&mut self, stream: Stream) -> (String, bool) {
        let mut text = self.decoders[stream as usize].finish();
        if stream == Stream::Err {
            text = self.replay.finish() + &text;
        }
        self.cap(Stream::Out, text)
    }

    fn cap(&mut self, stream: Stream, text: String) -> (String, bool) {
        let text = match stream {
            Stream::Err => self.replay.filter(&text),
            Stream::Out => text,
        };
        if text.len() <= self.room {
            self.room -= text.len();
            return (text, false);
        }
        let mut cut = self.room;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.room = 0;
        (text[..cut].to_string(), true)
    }
}

/// Copies a pipe into the channel in chunks, as they arrive.
async fn pump(
    mut from: impl tokio::io::AsyncRead + Unpin,
    stream: Stream,
    to: mpsc::Sender<(Stream, Vec<u8>)>,
) {
    let mut buf = vec![0u8; 8192];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if to.send((stream, buf[..n].to_vec())).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Bytes to text, keeping a character cut between two chunks whole.
#[derive(Default)]
struct Utf8Stream {
    pending: Vec<u8>,
}

impl Utf8Stream {
    fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    out.push_str(text);
                    self.pending.clear();
                    return out;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(&String::from_utf8_lossy(&self.pending[..valid]));
                    match e.error_len() {
                        // A character cut at the end: wait for its rest.
                        None => {
                            self.pending.drain(..valid);
                            return out;
                        }
                        Some(bad) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            self.pending.drain(..valid + bad);
                        }
                    }
                }
            }
        }
    }

    fn finish(&mut self) -> String {
        let rest = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        rest
    }
}

/// A throwaway workspace under `target/runner/scratch/` holding a copy of
/// one crate with one file replaced. Removed on drop.
struct Scratch {
    dir: PathBuf,
}

fn scratch_base(root: &Path) -> PathBuf {
    root.join("target/runner/scratch")
}

impl Scratch {
    fn create(
        root: &Path,
        seq: u64,
        job: &Job,
        file: &Path,
        text: &str,
    ) -> std::io::Result<Scratch> {
        let invalid = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        // The pid first, so that a later runner can tell a leftover from a live run.
        let dir = scratch_base(root).join(format!("{}-{seq}-{}", std::process::id(), job.name));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let scratch = Scratch { dir };
        let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
        let manifest = scratch_manifest(&manifest, &job.name).map_err(invalid)?;
        std::fs::write(scratch.dir.join("Cargo.toml"), manifest)?;
        // The same versions as the workspace, so its compiled dependencies fit.
        if root.join("Cargo.lock").is_file() {
            std::fs::copy(root.join("Cargo.lock"), scratch.dir.join("Cargo.lock"))?;
        }
        let skip: &[&str] = match job.kind {
            Kind::Run(_) => &["target"],
            Kind::Test => &["target", "solution"],
        };
        let member = scratch.dir.join(&job.name);
        copy_tree(&job.dir, &member, skip)?;
        // `path = "../../support/figure"` no longer leads anywhere from the
        // copy: point path dependencies at the originals.
        let crate_manifest = std::fs::read_to_string(member.join("Cargo.toml"))?;
        let crate_manifest = absolute_paths(&crate_manifest, &job.dir).map_err(invalid)?;
        std::fs::write(member.join("Cargo.toml"), crate_manifest)?;
        std::fs::write(member.join(file), text)?;
        Ok(scratch)
    }

    fn manifest(&self) -> PathBuf {
        self.dir.join("Cargo.toml")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Copies files and folders, not symbolic links; `skip` names top-level entries.
fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(&name), &[])?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A crate manifest with every `path` dependency made absolute, resolved
/// from `dir`, the crate's own folder.
fn absolute_paths(manifest: &str, dir: &Path) -> Result<String, String> {
    let mut table: toml::Table = manifest.parse().map_err(|e| format!("Cargo.toml: {e}"))?;
    let mut changed = false;
    for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
        let Some(deps) = table.get_mut(section).and_then(|d| d.as_table_mut()) else {
            continue;
        };
        for (_, dep) in deps.iter_mut() {
            if let Some(path) = dep.get_mut("path")
                && let Some(relative) = path.as_str()
                && Path::new(relative).is_relative()
            {
                let absolute = dir.join(relative);
                *path = toml::Value::from(absolute.to_string_lossy().into_owned());
                changed = true;
            }
        }
    }
    if !changed {
        return Ok(manifest.to_string());
    }
    toml::to_string(&table).map_err(|e| e.to_string())
}

/// The scratch workspace's manifest: one member, and the root's shared
/// tables, so that features and profiles (and so compiled dependencies)
/// are the workspace's own.
fn scratch_manifest(root_manifest: &str, member: &str) -> Result<String, String> {
    let root: toml::Table = root_manifest
        .parse()
        .map_err(|e| format!("root Cargo.toml: {e}"))?;
    let mut workspace = toml::Table::new();
    workspace.insert("resolver".into(), "3".into());
    workspace.insert("members".into(), vec![toml::Value::from(member)].into());
    if let Some(shared) = root.get("workspace").and_then(|w| w.as_table()) {
        for key in ["package", "dependencies", "lints"] {
            if let Some(value) = shared.get(key) {
                workspace.insert(key.into(), value.clone());
            }
        }
    }
    let mut out = toml::Table::new();
    out.insert("workspace".into(), workspace.into());
    for key in ["profile", "patch"] {
        if let Some(value) = root.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    toml::to_string(&out).map_err(|e| e.to_string())
}

/// Removes scratch folders whose runner process is gone (killed before its
/// Drop ran); a live runner's folders are left alone.
pub fn remove_stale_scratch(root: &Path) {
    for entry in std::fs::read_dir(scratch_base(root))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').next().unwrap_or_default();
        let alive = !pid.is_empty() && Path::new("/proc").join(pid).exists();
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(kind: Kind) -> Job {
        Job {
            kind,
            name: "napkin-math".into(),
            dir: PathBuf::from("/x"),
            replace: None,
            timeout: Duration::from_secs(1),
        }
    }

    // An unedited run is the recorded command with --quiet, as outputs.rs runs it.
    #[test]
    fn run_arguments() {
        let recorded = ["run", "-p", "napkin-math", "--", "a"]
            .map(String::from)
            .to_vec();
        let (build, run) = cargo_args(&job(Kind::Run(recorded.clone())), None);
        assert_eq!(build, ["build", "--quiet", "-p", "napkin-math"]);
        assert_eq!(run, ["run", "--quiet", "-p", "napkin-math", "--", "a"]);
        // Edited: both go to the scratch manifest, before the program's `--`.
        let (build, run) = cargo_args(&job(Kind::Run(recorded)), Some(Path::new("/s/Cargo.toml")));
        assert_eq!(
            build,
            [
                "build",
                "--quiet",
                "--manifest-path",
                "/s/Cargo.toml",
                "-p",
                "napkin-math"
            ]
        );
        assert_eq!(
            run,
            [
                "run",
                "--quiet",
                "--manifest-path",
                "/s/Cargo.toml",
                "-p",
                "napkin-math",
                "--",
                "a"
            ]
        );
    }

    // A test run asks libtest for one line per test despite cargo's --quiet.
    #[test]
    fn test_arguments() {
        let (build, run) = cargo_args(&job(Kind::Test), Some(Path::new("/s/Cargo.toml")));
        assert_eq!(build[..3], ["test", "--no-run", "--quiet"]);
        assert!(run.ends_with(&["--".into(), "--format".into(), "pretty".into()]));
    }

    // The replayed warnings are dropped, wherever the chunks cut them; other stderr passes.
    #[test]
    fn replayed_warnings_are_dropped() {
        let mut r = Replay::new("warning: x\n".into());
        assert_eq!(r.filter("warn"), "");
        assert_eq!(r.filter("ing: x\n"), "");
        assert_eq!(r.filter("program says\n"), "program says\n");
        let mut r = Replay::new("warning: x\n".into());
        assert_eq!(r.filter("warning: x\npanicked\n"), "panicked\n");
        let mut r = Replay::new("warning: x\n".into());
        assert_eq!(r.filter("warning: y\n"), "warning: y\n");
        assert_eq!(r.filter("warning: x\n"), "warning: x\n");
        let mut r = Replay::new("warning: x\n".into());
        assert_eq!(r.filter("warn"), "");
        assert_eq!(r.finish(), "warn");
        let mut none = Replay::new(String::new());
        assert_eq!(none.filter("a"), "a");
    }

    // The cap counts the text sent, stops at a character boundary, and skips replayed warnings.
    #[test]
    fn output_cap() {
        let mut s = Shaper {
            decoders: Default::default(),
            replay: Replay::new("warning\n".into()),
            room: 5,
        };
        assert_eq!(s.shape(Stream::Err, b"warning\n"), (String::new(), false));
        assert_eq!(s.shape(Stream::Out, b"abc"), ("abc".into(), false));
        assert_eq!(s.shape(Stream::Out, "dé".as_bytes()), ("d".into(), true));
        assert_eq!(s.shape(Stream::Out, b"x"), (String::new(), true));
    }

    // A character cut between two chunks comes out whole; bad bytes become U+FFFD.
    #[test]
    fn utf8_across_chunks() {
        let mut d = Utf8Stream::default();
        let bytes = "aé".as_bytes();
        assert_eq!(d.push(&bytes[..2]), "a");
        assert_eq!(d.push(&bytes[2..]), "é");
        assert_eq!(d.push(b"x\xffy"), "x\u{FFFD}y");
        assert_eq!(d.push(&"é".as_bytes()[..1]), "");
        assert_eq!(d.finish(), "\u{FFFD}");
    }

    // A process that left its session with setsid, and its children, carry
    // the marker and die in the sweep; a process with another marker stays.
    #[test]
    fn sweep_kills_marked_processes_in_other_sessions() {
        let spawn = |marker: &str, args: &[&str]| {
            std::process::Command::new(args[0])
                .args(&args[1..])
                .env(RUN_ID, marker)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let marker = new_marker();
        let other = new_marker();
        let mut escaped = spawn(&marker, &["setsid", "sh", "-c", "sleep 30 & sleep 30; :"]);
        let mut bystander = spawn(&other, &["sleep", "30"]);
        let started = Instant::now();
        while marked(&marker).len() < 3 && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(marked(&marker).len(), 3, "sh and its two sleeps");
        assert_eq!(sweep(&marker), 0);
        assert!(marked(&marker).is_empty());
        assert_eq!(marked(&other), [bystander.id()]);
        assert_eq!(sweep(&other), 0);
        let _ = escaped.wait();
        let _ = bystander.wait();
        assert!(marked("").is_empty());
    }

    // The scratch workspace has one member and the root's shared tables.
    #[test]
    fn scratch_manifest_copies_shared_tables() {
        let root = "[workspace]\nresolver = \"3\"\nmembers = [\"xtask\", \"listings/*/*\"]\n\
            [workspace.package]\nedition = \"2024\"\n\
            [workspace.dependencies]\ntokio = { version = \"1\", features = [\"full\"] }\n\
            [workspace.lints.rust]\nunsafe_code = \"forbid\"\n\
            [profile.dev]\nopt-level = 1\n";
        let text = scratch_manifest(root, "napkin-math").unwrap();
        let t: toml::Table = text.parse().unwrap();
        let ws = &t["workspace"];
        assert_eq!(
            ws["members"].as_array().unwrap(),
            &[toml::Value::from("napkin-math")]
        );
        assert_eq!(ws["resolver"].as_str(), Some("3"));
        assert_eq!(ws["package"]["edition"].as_str(), Some("2024"));
        assert!(ws["dependencies"]["tokio"]["features"].as_array().is_some());
        assert_eq!(ws["lints"]["rust"]["unsafe_code"].as_str(), Some("forbid"));
        assert_eq!(t["profile"]["dev"]["opt-level"].as_integer(), Some(1));
        assert!(ws.get("default-members").is_none());
    }

    // A copied crate still finds its path dependencies; others are kept.
    #[test]
    fn path_dependencies_point_at_the_originals() {
        let manifest = "[package]\nname = \"x\"\n[dependencies]\nfigure = { path = \"../../support/figure\" }\ntokio = { workspace = true }\n";
        let out = absolute_paths(manifest, Path::new("/repo/listings/03-scaling/x")).unwrap();
        assert!(
            out.contains("/repo/listings/03-scaling/x/../../support/figure"),
            "{out}"
        );
        assert!(out.contains("workspace = true"));
        let plain = "[package]\nname = \"x\"\n";
        assert_eq!(absolute_paths(plain, Path::new("/r")).unwrap(), plain);
    }
}
