//! The `runner` step of `cargo xtask test`: a real runner on a free port,
//! asked over raw HTTP/1.1 (so the check controls Host and Origin) to do
//! what a hostile page would try, and what the book's pages do.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::exec::{OUTPUT_CAP, RUN_ID, TRUNCATED};
use super::{
    BODY_LIMIT, BODY_TIMEOUT, CODE_LIMIT, HEADER_TIMEOUT, MAX_CONNECTIONS, MAX_WAITING,
    RUN_TIMEOUT, RunnerConfig,
};
use crate::report::Report;

/// A small std-only listing with an anchor around the code in `main`.
const LISTING: &str = "napkin-math";
const LISTING_FILE: &str = "src/main.rs";
const LISTING_ANCHOR: &str = "main";
/// A listing with dependencies (tokio), where a one-line edit shows whether
/// the scratch build reuses the workspace's compiled dependencies.
const DEPS_LISTING: &str = "circuit-breaker";
const DEPS_ANCHOR: &str = "outage";
/// A std-only exercise whose tests run in well under a second.
const EXERCISE: &str = "jump-hash";

const ORIGIN: &str = "http://127.0.0.1:3000";
/// End to end, an unedited run of a built listing.
const UNEDITED_BUDGET: Duration = Duration::from_secs(2);
/// End to end, a run after a one-line edit (only the crate recompiles).
const EDIT_BUDGET: Duration = Duration::from_secs(15);
/// How far past its limit a run may end and still count as stopped on time.
const TIMEOUT_SLACK: Duration = Duration::from_secs(2);

const FIX: &str = "see xtask/src/runner.rs (guards and request checks) and runner/exec.rs (runs); \
     rerun with `cargo xtask test --step runner`";

pub fn check(root: &Path, report: &mut Report) {
    let secret = super::new_secret();
    let runner = match super::start(RunnerConfig {
        root: root.to_path_buf(),
        origins: vec![ORIGIN.into()],
        secret: secret.clone(),
        port: 0,
    }) {
        Ok(r) => r,
        Err(e) => return report.record(false, &format!("start the runner: {e:#}"), FIX),
    };
    println!("    runner listening on http://127.0.0.1:{}", runner.port());
    let client = Client {
        port: runner.port(),
        secret,
        patience: Duration::from_secs(400),
    };
    // The connection limits take HEADER_TIMEOUT to show and hold every
    // connection slot meanwhile, so they are checked on a second runner, in
    // parallel with the rest.
    let limits = std::thread::spawn({
        let root = root.to_path_buf();
        move || connection_limits(&root)
    });
    guards(&client, report);
    refusals(&client, report);
    let fix = "the runner step needs these listings, each with the anchor in src/main.rs and an output.txt; update LISTING or DEPS_LISTING in xtask/src/runner/check.rs";
    match Listing::load(root, LISTING, LISTING_ANCHOR) {
        Ok(listing) => runs(root, &client, &listing, report),
        Err(e) => report.record(false, &format!("listing {LISTING}: {e}"), fix),
    }
    match Listing::load(root, DEPS_LISTING, DEPS_ANCHOR) {
        Ok(listing) => dependency_reuse(&client, &listing, report),
        Err(e) => report.record(false, &format!("listing {DEPS_LISTING}: {e}"), fix),
    }
    tests(root, &client, report);
    drop(runner);
    match limits.join() {
        Ok(results) => {
            for (ok, what) in results {
                report.record(ok, &what, FIX);
            }
        }
        Err(_) => report.record(false, "the connection-limit checks panicked", FIX),
    }
}

/// A second runner, all to itself: a head that never ends is cut off at
/// HEADER_TIMEOUT, a body that never comes is answered 408 at BODY_TIMEOUT,
/// and with MAX_CONNECTIONS connections held (those two and idle ones) a
/// further request waits for a slot, then is served.
fn connection_limits(root: &Path) -> Vec<(bool, String)> {
    let secret = super::new_secret();
    let runner = match super::start(RunnerConfig {
        root: root.to_path_buf(),
        origins: vec![ORIGIN.into()],
        secret: secret.clone(),
        port: 0,
    }) {
        Ok(r) => r,
        Err(e) => return vec![(false, format!("start a second runner: {e:#}"))],
    };
    // Without the limits, the held connections would never close: give up
    // well before the step's other checks would.
    let c = Client {
        port: runner.port(),
        secret,
        patience: HEADER_TIMEOUT * 3,
    };
    let results = match hold_connections(&c) {
        Ok(results) => results,
        Err(e) => vec![(false, format!("open {MAX_CONNECTIONS} connections: {e}"))],
    };
    drop(runner);
    results
}

fn hold_connections(c: &Client) -> std::io::Result<Vec<(bool, String)>> {
    let host = c.host();
    let connect = || -> std::io::Result<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", c.port))?;
        stream.set_read_timeout(Some(c.patience))?;
        Ok(stream)
    };
    let opened = Instant::now();
    let mut partial = connect()?;
    partial.write_all(
        format!("GET /health HTTP/1.1\r\nHost: {host}\r\nOrigin: {ORIGIN}\r\n").as_bytes(),
    )?;
    let mut bodiless = connect()?;
    bodiless.write_all(
        format!(
            "POST /run HTTP/1.1\r\nHost: {host}\r\nOrigin: {ORIGIN}\r\nX-Runner-Secret: {}\r\n\
             Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{",
            c.secret
        )
        .as_bytes(),
    )?;
    let idle = (2..MAX_CONNECTIONS)
        .map(|_| connect())
        .collect::<std::io::Result<Vec<TcpStream>>>()?;
    // Until the server closes it: what it sent, and when.
    let until_closed = |mut stream: TcpStream| {
        let mut got = Vec::new();
        let _ = stream.read_to_end(&mut got);
        (opened.elapsed(), String::from_utf8_lossy(&got).into_owned())
    };
    let ((partial_at, partial_got), (bodiless_at, bodiless_got), served) =
        std::thread::scope(|s| {
            let partial = s.spawn(|| until_closed(partial));
            let bodiless = s.spawn(|| until_closed(bodiless));
            let served = c.call(
                "GET",
                "/health",
                &[
                    ("Host", &host),
                    ("Origin", ORIGIN),
                    ("X-Runner-Secret", &c.secret),
                ],
                "",
            );
            let lost = || (Duration::ZERO, "(panicked)".to_string());
            (
                partial.join().unwrap_or_else(|_| lost()),
                bodiless.join().unwrap_or_else(|_| lost()),
                served,
            )
        });
    let checked_at = opened.elapsed();
    let closed = idle
        .into_iter()
        .filter(|stream| {
            let mut stream = stream;
            let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
            matches!(stream.read(&mut [0u8; 64]), Ok(0)) || stream.peer_addr().is_err()
        })
        .count();
    let on_time = |at: Duration, limit: Duration| {
        at + Duration::from_millis(100) >= limit && at <= limit + TIMEOUT_SLACK
    };
    let first_line = |text: &str| text.lines().next().unwrap_or("").to_string();
    let served_after = served.as_ref().map_or(Duration::ZERO, |r| r.took);
    Ok(vec![
        (
            on_time(partial_at, HEADER_TIMEOUT),
            format!(
                "a connection that sends half a request head is closed {:.1} s after it opened (header timeout {} s; it was sent {:?})",
                partial_at.as_secs_f64(),
                HEADER_TIMEOUT.as_secs(),
                first_line(&partial_got)
            ),
        ),
        (
            on_time(bodiless_at, BODY_TIMEOUT) && bodiless_got.starts_with("HTTP/1.1 408"),
            format!(
                "a POST whose body never comes is answered {:?} {:.1} s after it opened (body timeout {} s)",
                first_line(&bodiless_got),
                bodiless_at.as_secs_f64(),
                BODY_TIMEOUT.as_secs()
            ),
        ),
        (
            served.as_ref().is_ok_and(|r| r.status == 200)
                && served_after + Duration::from_secs(1) >= HEADER_TIMEOUT
                && served_after <= HEADER_TIMEOUT + TIMEOUT_SLACK,
            format!(
                "with {MAX_CONNECTIONS} connections held open (the cap), a GET /health waited for a slot and was answered {:?} after {:.1} s (want about {} s)",
                served.as_ref().map(|r| r.status),
                served_after.as_secs_f64(),
                HEADER_TIMEOUT.as_secs()
            ),
        ),
        (
            closed == MAX_CONNECTIONS - 2 && checked_at <= HEADER_TIMEOUT + TIMEOUT_SLACK,
            format!(
                "idle connections that never send a head are closed at the header timeout: {closed} of {} closed {:.1} s after they opened (limit {} s + {} s)",
                MAX_CONNECTIONS - 2,
                checked_at.as_secs_f64(),
                HEADER_TIMEOUT.as_secs(),
                TIMEOUT_SLACK.as_secs()
            ),
        ),
    ])
}

/// A listing the run checks use, with its recorded output and anchor region.
struct Listing {
    name: &'static str,
    anchor: &'static str,
    dir: PathBuf,
    recorded: String,
    /// The lines strictly between the anchor markers, as the page would send them.
    region: String,
}

impl Listing {
    fn load(root: &Path, name: &'static str, anchor: &'static str) -> Result<Listing, String> {
        let dir = super::find_crate(root, "listings", name).map_err(|r| r.1)?;
        let recorded = crate::outputs::read(root, &dir.join("output.txt"))?.body;
        let source = std::fs::read_to_string(dir.join(LISTING_FILE)).map_err(|e| e.to_string())?;
        let start = format!("ANCHOR: {anchor}");
        let end = format!("ANCHOR_END: {anchor}");
        let region: Vec<&str> = source
            .lines()
            .skip_while(|l| !l.contains(&start))
            .skip(1)
            .take_while(|l| !l.contains(&end))
            .collect();
        if region.is_empty() {
            return Err(format!("{LISTING_FILE} has no `{start}` region"));
        }
        Ok(Listing {
            name,
            anchor,
            dir,
            recorded,
            region: region.join("\n") + "\n",
        })
    }

    fn edit(&self, code: &str) -> Value {
        json!({"crate": self.name, "edit": {"file": LISTING_FILE, "anchor": self.anchor, "code": code}})
    }
}

/// A one-line edit of a listing with dependencies recompiles only the crate.
fn dependency_reuse(c: &Client, listing: &Listing, report: &mut Report) {
    let code = format!("{}const _: () = ();\n", listing.region);
    let reply = c.post("/run", &listing.edit(&code));
    report.record(
        reply.as_ref().is_ok_and(|r| {
            r.status() == "ok" && r.text("stdout") == listing.recorded && r.took <= EDIT_BUDGET
        }),
        &format!(
            "run after a one-line edit of {} (tokio) reuses the workspace's compiled dependencies: {} end to end ({}; budget {} s)",
            listing.name,
            seconds(&reply),
            outcome(&reply),
            EDIT_BUDGET.as_secs()
        ),
        "the scratch build must share target/ as CARGO_BUILD_BUILD_DIR and copy the root's [workspace.dependencies], Cargo.lock and profiles",
    );
}

fn guards(c: &Client, report: &mut Report) {
    let host = c.host();
    let secret = c.secret.as_str();
    let wrong: String = secret
        .chars()
        .map(|ch| if ch == '0' { '1' } else { '0' })
        .collect();
    let cases: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "forged Origin",
            vec![
                ("Host", &host),
                ("Origin", "http://evil.example"),
                ("X-Runner-Secret", secret),
            ],
        ),
        (
            "forged Host (DNS rebinding)",
            vec![
                ("Host", "evil.example"),
                ("Origin", ORIGIN),
                ("X-Runner-Secret", secret),
            ],
        ),
        ("missing secret", vec![("Host", &host), ("Origin", ORIGIN)]),
        (
            "wrong secret",
            vec![
                ("Host", &host),
                ("Origin", ORIGIN),
                ("X-Runner-Secret", &wrong),
            ],
        ),
    ];
    for (what, headers) in cases {
        let got = c.call("GET", "/health", &headers, "").map(|r| r.status);
        report.record(
            got == Ok(403),
            &format!("{what}: GET /health answers {got:?} (want 403)"),
            FIX,
        );
    }
    let good = c.call(
        "GET",
        "/health",
        &[
            ("Host", &host),
            ("Origin", ORIGIN),
            ("X-Runner-Secret", secret),
        ],
        "",
    );
    let ok = good.as_ref().is_ok_and(|r| {
        r.status == 200
            && r.body.trim() == r#"{"ok":true}"#
            && r.header("access-control-allow-origin") == Some(ORIGIN)
            && r.header("vary") == Some("Origin")
    });
    report.record(
        ok,
        &format!(
            "a good GET /health answers {:?} with CORS headers for {ORIGIN}",
            good.map(|r| (r.status, r.body))
        ),
        FIX,
    );
    let preflight = |origin: &str| {
        c.call(
            "OPTIONS",
            "/run",
            &[
                ("Host", &host),
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type, x-runner-secret",
                ),
            ],
            "",
        )
    };
    let allowed = preflight(ORIGIN);
    let ok = allowed.as_ref().is_ok_and(|r| {
        r.status == 204
            && r.header("access-control-allow-origin") == Some(ORIGIN)
            && r.header("access-control-allow-methods") == Some("POST, GET")
            && r.header("access-control-allow-headers") == Some("content-type, x-runner-secret")
    });
    report.record(
        ok,
        &format!(
            "CORS preflight from the book answers {:?} with its headers",
            allowed.map(|r| r.status)
        ),
        FIX,
    );
    let forged = preflight("http://evil.example").map(|r| r.status);
    report.record(
        forged == Ok(403),
        &format!("CORS preflight from another origin answers {forged:?} (want 403)"),
        FIX,
    );
}

fn refusals(c: &Client, report: &mut Report) {
    let edit = |file: &str| json!({"crate": LISTING, "edit": {"file": file, "anchor": LISTING_ANCHOR, "code": "x"}});
    let cases = [
        (
            "unknown crate",
            "/run",
            json!({"crate": "no-such-listing"}),
            404,
        ),
        (
            "traversal in crate",
            "/run",
            json!({"crate": "../00-start-here/napkin-math"}),
            400,
        ),
        (
            "traversal in edit.file",
            "/run",
            edit("../../../Cargo.toml"),
            400,
        ),
        ("absolute edit.file", "/run", edit("/etc/passwd.rs"), 400),
        (
            "traversal in output",
            "/run",
            json!({"crate": LISTING, "output": "../output.txt"}),
            400,
        ),
        (
            "an anchor the file lacks",
            "/run",
            json!({"crate": LISTING, "edit": {"file": LISTING_FILE, "anchor": "nope", "code": ""}}),
            400,
        ),
        (
            "oversize edit (64 KiB + 1)",
            "/run",
            json!({"crate": LISTING, "edit": {"file": LISTING_FILE, "anchor": LISTING_ANCHOR,
                "code": "x".repeat(64 * 1024 + 1)}}),
            413,
        ),
        (
            "unknown exercise",
            "/test",
            json!({"exercise": "no-such-exercise", "code": ""}),
            404,
        ),
    ];
    for (what, path, body, want) in cases {
        let got = c
            .post(path, &body)
            .map(|r| (r.status, r.body.trim().to_string()));
        report.record(
            got.as_ref().is_ok_and(|(s, _)| *s == want),
            &format!("{what}: POST {path} answers {got:?} (want {want})"),
            FIX,
        );
    }
    // A reason is one line of text with no control character from the request.
    let one_line = |r: &Reply| {
        let body = r.body.strip_suffix('\n').unwrap_or("");
        !body.is_empty() && !body.chars().any(char::is_control)
    };
    let got = c.post("/run", &edit("src/\u{0}\u{1b}[31mx.rs"));
    report.record(
        got.as_ref()
            .is_ok_and(|r| r.status == 400 && one_line(r) && r.body.contains("\\0\\u{1b}")),
        &format!(
            "an edit.file with NUL and ESC in it: 400 with the characters escaped, {:?}",
            got.as_ref().map(|r| r.body.as_str())
        ),
        "a refusal must quote what the request sent with {:?}, never raw",
    );
    // Code within the limit whose JSON escaping (\u0001) makes a body far
    // larger than the code is read and refused for its anchor, not its size.
    let escaped = json!({"crate": LISTING, "edit": {"file": LISTING_FILE, "anchor": "nope",
        "code": "\u{1}".repeat(CODE_LIMIT)}});
    let size = escaped.to_string().len();
    let got = c.post("/run", &escaped);
    report.record(
        got.as_ref().is_ok_and(|r| r.status == 400 && r.body.contains("ANCHOR: nope")),
        &format!(
            "{CODE_LIMIT} bytes of control characters as code ({size} bytes of JSON; body limit {BODY_LIMIT}) reach the request checks: {:?}",
            got.as_ref().map(|r| (r.status, r.body.trim()))
        ),
        FIX,
    );
    let oversize = json!({"crate": LISTING, "edit": {"file": LISTING_FILE, "anchor": LISTING_ANCHOR,
        "code": "x".repeat(BODY_LIMIT)}});
    let got = c.post("/run", &oversize);
    report.record(
        got.as_ref().is_ok_and(|r| {
            r.status == 413 && one_line(r) && r.body.contains(&CODE_LIMIT.to_string())
        }),
        &format!(
            "a body over the limit ({} bytes) gets 413 with a one-line reason: {:?}",
            oversize.to_string().len(),
            got.as_ref().map(|r| (r.status, r.body.trim()))
        ),
        FIX,
    );
}

fn runs(root: &Path, c: &Client, listing: &Listing, report: &mut Report) {
    let source = listing.dir.join(LISTING_FILE);
    let source_before = std::fs::read(&source).ok();
    let binary = root.join("target/debug").join(LISTING);
    let unedited = json!({"crate": listing.name});

    // The first run may build; the second is the one a reader waits for.
    let _ = c.post("/run", &unedited);
    let reply = c.post("/run", &unedited);
    report.record(
        reply.as_ref().is_ok_and(|r| r.status() == "ok")
            && matches_recorded(&reply, listing)
            && reply.as_ref().is_ok_and(|r| r.took <= UNEDITED_BUDGET),
        &format!(
            "unedited run of {LISTING} prints its recorded output, end to end in {} (budget {} s)",
            seconds(&reply),
            UNEDITED_BUDGET.as_secs()
        ),
        FIX,
    );
    let binary_before = modified(&binary);

    // One added line: only the crate recompiles, in the scratch workspace.
    let code = format!("{}println!(\"edited\");\n", listing.region);
    let reply = c.post("/run", &listing.edit(&code));
    let want = format!("{}edited\n", listing.recorded);
    report.record(
        reply.as_ref().is_ok_and(|r| {
            r.status() == "ok" && r.text("stdout") == want && r.took <= EDIT_BUDGET
        }),
        &format!(
            "run after a one-line edit of {LISTING} prints the edit, end to end in {} ({}; budget {} s)",
            seconds(&reply),
            outcome(&reply),
            EDIT_BUDGET.as_secs()
        ),
        FIX,
    );

    let reply = c.post("/run", &listing.edit("let broken: u32 = \"text\";\n"));
    report.record(
        reply.as_ref().is_ok_and(|r| {
            r.status() == "build-failed" && r.text("build").contains("error[E0308]")
        }),
        &format!(
            "an edit that does not compile ends `build-failed` with the compiler's error ({})",
            reply
                .as_ref()
                .map_or_else(|e| e.clone(), |r| r.status().to_string())
        ),
        FIX,
    );

    timeout_and_queue(c, listing, report);

    let flood = "let line = \"x\".repeat(1023);\nloop {\n    println!(\"{line}\");\n}\n";
    let reply = c.post("/run", &listing.edit(flood));
    // cargo replays the edit's warnings on stderr; they count towards the cap.
    let kept = reply.as_ref().map_or(0, |r| {
        r.text("stdout").len() + r.text("stderr").len().saturating_sub(TRUNCATED.len())
    });
    report.record(
        reply.as_ref().is_ok_and(|r| {
            r.status() == "truncated" && kept == OUTPUT_CAP && r.text("stderr").ends_with(TRUNCATED)
        }),
        &format!(
            "an output flood ends `truncated` after {kept} bytes of stdout and stderr ({})",
            reply
                .as_ref()
                .map_or_else(|e| e.clone(), |r| r.status().to_string())
        ),
        FIX,
    );
    still_runs(c, listing, "the flood", report);

    let spawner = "let child = std::process::Command::new(\"sleep\").arg(\"600\").spawn().expect(\"sleep\");\n\
        let stat = std::fs::read_to_string(\"/proc/self/stat\").expect(\"stat\");\n\
        let group = stat.rsplit(')').next().and_then(|s| s.split_whitespace().nth(2)).expect(\"pgrp\");\n\
        println!(\"group {group} child {}\", child.id());\n";
    let reply = c.post("/run", &listing.edit(spawner));
    let ids = reply.as_ref().ok().and_then(|r| {
        let out = r.text("stdout");
        let words: Vec<&str> = out.split_whitespace().collect();
        match words.as_slice() {
            ["group", g, "child", p] => Some((g.parse::<u32>().ok()?, p.parse::<u32>().ok()?)),
            _ => None,
        }
    });
    let left = ids.map(|(group, _)| wait_for_empty_group(group));
    report.record(
        reply.as_ref().is_ok_and(|r| r.status() == "ok" && r.done_u64("run_ms") < 5_000)
            && left == Some(0),
        &format!(
            "a program that leaves `sleep 600` behind: its run ends (in {} ms) and {} process(es) of its group remain (group, child: {ids:?})",
            reply.as_ref().map_or(0, |r| r.done_u64("run_ms")),
            left.map_or("?".into(), |n| n.to_string())
        ),
        FIX,
    );
    still_runs(c, listing, "the program that spawned a child", report);

    escape_by_setsid(c, listing, report);

    disconnect(c, listing, report);

    let source_after = std::fs::read(&source).ok();
    report.record(
        source_before.is_some() && source_before == source_after,
        &format!(
            "edited runs left {} untouched",
            crate::relative(root, &source)
        ),
        "edits must go to the scratch copy under target/runner/scratch/, never to the listing",
    );
    report.record(
        binary_before.is_some() && binary_before == modified(&binary),
        &format!(
            "edited runs left {} unchanged (no rebuild of the unedited listing)",
            crate::relative(root, &binary)
        ),
        "edited builds need CARGO_TARGET_DIR=target/runner/out and a member path other than the listing's own",
    );
    let ours = format!("{}-", std::process::id());
    let left: Vec<String> = std::fs::read_dir(root.join("target/runner/scratch"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&ours))
        .collect();
    report.record(
        left.is_empty(),
        &format!("scratch workspaces removed after their runs {left:?}"),
        FIX,
    );
}

/// An endless loop ends `timeout` at its limit; meanwhile a second run of the
/// same listing waits its turn (`queued`) and then runs normally.
fn timeout_and_queue(c: &Client, listing: &Listing, report: &mut Report) {
    let spin = "println!(\"spinning\");\nloop {\n    std::hint::spin_loop();\n}\n";
    let body = listing.edit(spin);
    let unedited = json!({"crate": listing.name});
    let looping = std::thread::scope(|s| {
        let looping = s.spawn(|| c.post("/run", &body));
        // The loop's request takes the listing's turn at once, before its build.
        std::thread::sleep(Duration::from_millis(500));
        // MAX_WAITING runs queue behind it, each known to wait before the next is sent.
        let (queued_tx, queued_rx) = std::sync::mpsc::channel::<()>();
        let mut waiting = Vec::new();
        let mut all_queued = true;
        for _ in 0..MAX_WAITING {
            let tx = queued_tx.clone();
            let unedited = &unedited;
            waiting.push(s.spawn(move || {
                c.post_watching("/run", unedited, &|e| {
                    if e["event"] == "queued" {
                        let _ = tx.send(());
                    }
                })
            }));
            all_queued &= queued_rx.recv_timeout(Duration::from_secs(5)).is_ok();
        }
        let refused = c.post("/run", &unedited);
        let reason = format!(
            "{MAX_WAITING} runs of {} are already waiting; try again when they finish",
            listing.name
        );
        report.record(
            all_queued
                && refused
                    .as_ref()
                    .is_ok_and(|r| r.status == 429 && r.body.trim_end() == reason),
            &format!(
                "with a run going and {MAX_WAITING} waiting, one more run of {} is refused: {:?}",
                listing.name,
                refused.as_ref().map(|r| (r.status, r.body.trim_end()))
            ),
            "the runner must bound each crate's queue (xtask/src/runner.rs, `Shared::admit`)",
        );
        let waited: Vec<Result<Reply, String>> = waiting
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err("panicked".into())))
            .collect();
        let queued_then_ok = |r: &Result<Reply, String>| {
            r.as_ref().is_ok_and(|r| {
                r.events
                    .first()
                    .is_some_and(|(_, e)| e["event"] == "queued")
                    && r.status() == "ok"
            }) && matches_recorded(r, listing)
        };
        report.record(
            waited.iter().all(queued_then_ok),
            &format!(
                "{MAX_WAITING} runs during the endless loop were queued, then printed the recorded output ({} end to end)",
                waited.iter().map(seconds).collect::<Vec<_>>().join(", ")
            ),
            FIX,
        );
        looping.join().unwrap_or_else(|_| Err("panicked".into()))
    });
    let run_ms = looping.as_ref().map_or(0, |r| r.done_u64("run_ms"));
    let limit = RUN_TIMEOUT.as_millis() as u64;
    let slack = TIMEOUT_SLACK.as_millis() as u64;
    report.record(
        looping.as_ref().is_ok_and(|r| r.status() == "timeout")
            && (limit..=limit + slack).contains(&run_ms),
        &format!(
            "an endless loop ends `timeout` after {:.1} s of running (limit {} s + {} s)",
            run_ms as f64 / 1000.0,
            RUN_TIMEOUT.as_secs(),
            TIMEOUT_SLACK.as_secs()
        ),
        FIX,
    );
    // Its first line arrived while it ran, not with the final event.
    let early = looping.as_ref().ok().and_then(|r| {
        let first = r.events.iter().find(|(_, e)| e["event"] == "stdout")?.0;
        let last = r.events.last()?.0;
        Some(last.saturating_sub(first))
    });
    report.record(
        early.is_some_and(|d| d >= RUN_TIMEOUT / 2),
        &format!(
            "events stream as they happen: the loop's first stdout came {:.1} s before `done`",
            early.map_or(0.0, |d| d.as_secs_f64())
        ),
        "the runner must send each event as it happens, not buffer the response",
    );
    still_runs(c, listing, "the endless loop", report);
}

/// A program whose child leaves the run's process group and session with
/// `setsid` (stdio on /dev/null, so it holds no pipe of ours) and exits: the
/// child is killed all the same, found by the run's marker.
fn escape_by_setsid(c: &Client, listing: &Listing, report: &mut Report) {
    let escaper = r#"let marker = std::env::var("RUN_ID_VAR").unwrap_or_default();
let child = std::process::Command::new("setsid")
    .args(["sh", "-c", "while :; do date > /dev/null; sleep 1; done"])
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .expect("setsid");
let session = |pid: u32| {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default().to_string();
    after.split_whitespace().nth(3).unwrap_or_default().to_string()
};
let mine = session(std::process::id());
let mut theirs = session(child.id());
for _ in 0..200 {
    if !theirs.is_empty() && theirs != mine {
        break;
    }
    std::thread::sleep(std::time::Duration::from_millis(10));
    theirs = session(child.id());
}
println!("marker {marker} child {} session {theirs} run {mine}", child.id());
"#
    .replace("RUN_ID_VAR", RUN_ID);
    let reply = c.post("/run", &listing.edit(&escaper));
    let seen = reply.as_ref().ok().and_then(|r| {
        let out = r.text("stdout");
        let words: Vec<&str> = out.split_whitespace().collect();
        match words.as_slice() {
            [
                "marker",
                marker,
                "child",
                child,
                "session",
                theirs,
                "run",
                mine,
            ] => Some((
                marker.to_string(),
                child.parse::<u32>().ok()?,
                theirs.to_string(),
                mine.to_string(),
            )),
            _ => None,
        }
    });
    let Some((marker, child, theirs, mine)) = seen else {
        return report.record(
            false,
            &format!(
                "a program whose child escapes with `setsid`: no marker, child and sessions in its output ({})",
                reply.map_or_else(|e| e, |r| format!("{}: {:?}", r.status(), r.text("stdout")))
            ),
            FIX,
        );
    };
    let started = Instant::now();
    let mut left = super::exec::marked(&marker);
    while !left.is_empty() && started.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(50));
        left = super::exec::marked(&marker);
    }
    let child_gone = std::fs::read_to_string(format!("/proc/{child}/stat")).map_or(true, |stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|r| r.trim_start().starts_with('Z'))
    });
    report.record(
        reply.as_ref().is_ok_and(|r| r.status() == "ok")
            && theirs != mine
            && left.is_empty()
            && child_gone,
        &format!(
            "a program whose child escapes with `setsid` (session {theirs}, the run's {mine}) and exits: its child {child} is {}, and {} process(es) marked {RUN_ID}={marker} remain",
            if child_gone { "gone" } else { "still running" },
            left.len()
        ),
        "the run's end must kill every process marked with its SDR_RUN_ID (xtask/src/runner/exec.rs, `sweep`)",
    );
}

/// A client that hangs up mid-run takes the run down with it.
fn disconnect(c: &Client, listing: &Listing, report: &mut Report) {
    let sleeper = "let stat = std::fs::read_to_string(\"/proc/self/stat\").expect(\"stat\");\n\
        let group = stat.rsplit(')').next().and_then(|s| s.split_whitespace().nth(2)).expect(\"pgrp\");\n\
        println!(\"group {group}\");\n\
        loop {\n    std::thread::sleep(std::time::Duration::from_millis(50));\n}\n";
    let reply = c.post_until("/run", &listing.edit(sleeper), &|e| e["event"] == "stdout");
    let hung_up = Instant::now();
    let group = reply.as_ref().ok().and_then(|r| {
        r.text("stdout")
            .strip_prefix("group ")?
            .trim()
            .parse::<u32>()
            .ok()
    });
    let left = group.map(wait_for_empty_group);
    report.record(
        left == Some(0),
        &format!(
            "a client that hangs up mid-run: the program's group {group:?} was gone {:.1} s later ({} left)",
            hung_up.elapsed().as_secs_f64(),
            left.map_or("?".into(), |n| n.to_string())
        ),
        "the run must end when its response body is dropped (xtask/src/runner/exec.rs, `stream`)",
    );
    still_runs(c, listing, "the client that hung up", report);
}

fn still_runs(c: &Client, listing: &Listing, after: &str, report: &mut Report) {
    let reply = c.post("/run", &json!({"crate": listing.name}));
    report.record(
        reply.as_ref().is_ok_and(|r| r.status() == "ok") && matches_recorded(&reply, listing),
        &format!(
            "after {after}, an unedited run still prints the recorded output ({})",
            seconds(&reply)
        ),
        FIX,
    );
}

fn tests(root: &Path, c: &Client, report: &mut Report) {
    let dir = match super::find_crate(root, "exercises", EXERCISE) {
        Ok(d) => d,
        Err(r) => {
            return report.record(false, &r.1, "update EXERCISE in xtask/src/runner/check.rs");
        }
    };
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let stub = c.post(
        "/test",
        &json!({"exercise": EXERCISE, "code": read("src/lib.rs")}),
    );
    let summary = |r: &Result<Reply, String>| match r {
        Ok(r) if r.status() == "build-failed" => format!("build-failed:\n{}", r.text("build")),
        Ok(r) => format!(
            "{}, {} test events, passed {}, failed {}, {:.2} s",
            r.status(),
            r.events_of("test").len(),
            r.done_u64("passed"),
            r.done_u64("failed"),
            r.took.as_secs_f64()
        ),
        Err(e) => e.clone(),
    };
    report.record(
        stub.as_ref().is_ok_and(|r| {
            let tests = r.events_of("test");
            r.status() == "failed"
                && !tests.is_empty()
                && tests.iter().all(|t| {
                    t["ok"] == false && t["message"].as_str().is_some_and(|m| !m.is_empty())
                })
                && r.done_u64("failed") == tests.len() as u64
        }),
        &format!(
            "/test of the {EXERCISE} stub: every test fails with its message ({})",
            summary(&stub)
        ),
        FIX,
    );
    let solved = c.post(
        "/test",
        &json!({"exercise": EXERCISE, "code": read("solution/lib.rs")}),
    );
    report.record(
        solved.as_ref().is_ok_and(|r| {
            let tests = r.events_of("test");
            r.status() == "ok"
                && !tests.is_empty()
                && tests.iter().all(|t| t["ok"] == true)
                && r.done_u64("passed") == tests.len() as u64
                && r.done_u64("failed") == 0
        }),
        &format!(
            "/test with {EXERCISE}'s solution/lib.rs: every test passes ({})",
            summary(&solved)
        ),
        FIX,
    );
}

/// The final status with the build time, or why the build failed.
fn outcome(reply: &Result<Reply, String>) -> String {
    match reply {
        Ok(r) if r.status() == "build-failed" => format!("build-failed:\n{}", r.text("build")),
        Ok(r) => format!("{}, build {} ms", r.status(), r.done_u64("build_ms")),
        Err(e) => e.clone(),
    }
}

fn matches_recorded(reply: &Result<Reply, String>, listing: &Listing) -> bool {
    reply
        .as_ref()
        .is_ok_and(|r| r.text("stdout") == listing.recorded)
}

fn seconds(reply: &Result<Reply, String>) -> String {
    match reply {
        Ok(r) => format!("{:.2} s", r.took.as_secs_f64()),
        Err(e) => e.clone(),
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// Processes (zombies aside) whose process group is `group`, after giving
/// killed ones up to 2 s to go.
fn wait_for_empty_group(group: u32) -> usize {
    let started = Instant::now();
    loop {
        let alive = members_of(group);
        if alive == 0 || started.elapsed() > Duration::from_secs(2) {
            return alive;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn members_of(group: u32) -> usize {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| {
            // After the command name: state, ppid, pgrp.
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
            fields.first() != Some(&"Z") && fields.get(2) == Some(&group.to_string().as_str())
        })
        .count()
}

struct Client {
    port: u16,
    secret: String,
    /// Longest wait for the next bytes of an answer.
    patience: Duration,
}

/// One HTTP answer; for a stream, its events with their arrival times.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    events: Vec<(Duration, Value)>,
    took: Duration,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn events_of(&self, kind: &str) -> Vec<&Value> {
        self.events
            .iter()
            .map(|(_, e)| e)
            .filter(|e| e["event"] == kind)
            .collect()
    }

    /// The texts of every event of `kind`, joined.
    fn text(&self, kind: &str) -> String {
        self.events_of(kind)
            .iter()
            .filter_map(|e| e["text"].as_str())
            .collect()
    }

    fn done(&self) -> Option<&Value> {
        self.events_of("done").pop()
    }

    fn status(&self) -> &str {
        self.done()
            .and_then(|d| d["status"].as_str())
            .unwrap_or("(no done event)")
    }

    fn done_u64(&self, key: &str) -> u64 {
        self.done().and_then(|d| d[key].as_u64()).unwrap_or(0)
    }
}

impl Client {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A POST as the book's pages send it.
    fn post(&self, path: &str, body: &Value) -> Result<Reply, String> {
        let host = self.host();
        self.call(
            "POST",
            path,
            &[
                ("Host", &host),
                ("Origin", ORIGIN),
                ("X-Runner-Secret", &self.secret),
                ("Content-Type", "application/json"),
            ],
            &body.to_string(),
        )
    }

    /// One request with exactly these headers, read to the end.
    fn call(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Reply, String> {
        self.exchange(method, path, headers, body, &|_| false)
            .map_err(|e| format!("{method} {path}: {e}"))
    }

    /// A POST read to the end, showing each event to `watch` as it arrives.
    fn post_watching(
        &self,
        path: &str,
        body: &Value,
        watch: &dyn Fn(&Value),
    ) -> Result<Reply, String> {
        self.post_until(path, body, &|e| {
            watch(e);
            false
        })
    }

    /// A POST that hangs up as soon as an event passes `stop`.
    fn post_until(
        &self,
        path: &str,
        body: &Value,
        stop: &dyn Fn(&Value) -> bool,
    ) -> Result<Reply, String> {
        let host = self.host();
        let headers = [
            ("Host", host.as_str()),
            ("Origin", ORIGIN),
            ("X-Runner-Secret", &self.secret),
            ("Content-Type", "application/json"),
        ];
        self.exchange("POST", path, &headers, &body.to_string(), stop)
            .map_err(|e| format!("POST {path}: {e}"))
    }

    fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
        stop: &dyn Fn(&Value) -> bool,
    ) -> std::io::Result<Reply> {
        let started = Instant::now();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(self.patience))?;
        let mut head = format!("{method} {path} HTTP/1.1\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some((n, v)) = trimmed.split_once(':') {
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
        let mut reply = Reply {
            status,
            headers,
            body: String::new(),
            events: Vec::new(),
            took: Duration::ZERO,
        };
        let chunked = reply
            .header("transfer-encoding")
            .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
        let mut bytes = Vec::new();
        if chunked {
            let mut pending = Vec::new();
            'chunks: loop {
                line.clear();
                reader.read_line(&mut line)?;
                let size =
                    usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                        .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
                if size == 0 {
                    break;
                }
                let mut chunk = vec![0; size + 2];
                reader.read_exact(&mut chunk)?;
                chunk.truncate(size);
                bytes.extend_from_slice(&chunk);
                // Each complete line is an event, stamped when it arrived.
                pending.extend_from_slice(&chunk);
                while let Some(end) = pending.iter().position(|b| *b == b'\n') {
                    let event: Vec<u8> = pending.drain(..=end).collect();
                    if let Ok(value) = serde_json::from_slice::<Value>(&event) {
                        let hang_up = stop(&value);
                        reply.events.push((started.elapsed(), value));
                        if hang_up {
                            // Dropping the reader closes the connection.
                            break 'chunks;
                        }
                    }
                }
            }
        } else {
            reader.read_to_end(&mut bytes)?;
        }
        reply.body = String::from_utf8_lossy(&bytes).into_owned();
        reply.took = started.elapsed();
        Ok(reply)
    }
}
