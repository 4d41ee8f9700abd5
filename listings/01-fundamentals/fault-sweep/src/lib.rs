//! Protocols under faults: one seed, one schedule of partitions, message
//! loss, delay, crashes and restarts on a turmoil simulation; many seeds, a
//! sweep that reports every seed whose client history breaks the property
//! the chapter claims.
//!
//! A protocol listing supplies one function, "run this variant under this
//! seed's faults and judge the history", and a binary (named
//! `<crate>-faults`, so that binaries of two listings never collide in the
//! shared target folder) that hands it
//! to [`main`]. `cargo xtask test` runs that binary for every variant the
//! listing declares in its `Cargo.toml` (see CONTRIBUTING.md, "Protocols
//! under faults"):
//!
//! ```text
//! $ cargo run --release -p partitioned-register --bin partitioned-register-faults -- abd --seeds 1000
//! $ cargo run --release -p partitioned-register --bin partitioned-register-faults -- naive --seed 17
//! ```
//!
//! The first sweeps seeds 0 to 999 and prints one line per violation and a
//! summary; the second replays one seed and prints its fault schedule, its
//! history and the verdict.
//!
//! Layout:
//! - [`Schedule`]: the faults of one seed, drawn from [`Rng`].
//! - [`drive`]: steps a simulation and applies the schedule at its times.
//! - [`main`]: the command line of a listing's `faults` binary.

use std::fmt;
use std::process::ExitCode;
use std::time::Duration;

use turmoil::Sim;

/// The consistency checker's seeded generator (SplitMix64), whose output
/// never changes between Rust or crate versions, so a seed replays the same
/// schedule years later.
pub use consistency_checker::rng::SplitMix64 as Rng;

/// True with probability `percent` / 100.
pub fn chance(rng: &mut Rng, percent: u64) -> bool {
    rng.below(100) < percent
}

/// One of `items` (not empty).
pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

/// One fault, applied at a moment of virtual time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Cuts these hosts off from all the others (both directions).
    Isolate(Vec<String>),
    /// Drops everything the first host sends to the second; the other
    /// direction still works.
    CutOneWay(String, String),
    /// Repairs every link between the servers.
    Heal,
    /// Stops a host's software: its tasks die and it answers nothing.
    /// What the listing keeps outside the host (its "disk") survives.
    Crash(String),
    /// Starts a crashed host's software again.
    Restart(String),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Isolate(hosts) => write!(f, "isolate {{{}}}", hosts.join(", ")),
            Fault::CutOneWay(from, to) => write!(f, "cut {from} -> {to}"),
            Fault::Heal => write!(f, "heal"),
            Fault::Crash(host) => write!(f, "crash {host}"),
            Fault::Restart(host) => write!(f, "restart {host}"),
        }
    }
}

/// The faults of one seed: how slow and lossy the network is, and what
/// happens when.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Each message takes between these two (turmoil picks, seeded).
    pub min_latency: Duration,
    pub max_latency: Duration,
    /// The chance that a send breaks its link, dropping what is in flight
    /// (turmoil's `fail_rate`).
    pub loss: f64,
    /// Faults in time order.
    pub events: Vec<(Duration, Fault)>,
}

impl Schedule {
    /// Draws a schedule for `servers` (at least two) over the first
    /// `horizon` of the run: a latency range, a loss rate, and a sequence
    /// of episodes, each one server isolated, one link cut in one direction,
    /// or one server crashed, until the episode ends. In a quarter of the
    /// episodes a second server crashes for a while in the middle, so a
    /// majority can be lost too. Everything is healed and restarted by
    /// `horizon`, so a run can finish.
    pub fn generate(seed: u64, servers: &[&str], horizon: Duration) -> Schedule {
        let mut rng = Rng::new(seed ^ 0xFA17_5EED);
        let min_ms = 1 + rng.below(3);
        let max_ms = min_ms + rng.below(30);
        let loss = [0.0, 0.01, 0.05, 0.1][rng.below(4) as usize];
        let horizon_ms = u64::try_from(horizon.as_millis()).expect("a short horizon");
        let mut events = Vec::new();
        let mut at = rng.below(horizon_ms / 4);
        while at < horizon_ms {
            let length = 20 + rng.below(horizon_ms / 3);
            let end = (at + length).min(horizon_ms);
            let host = pick(&mut rng, servers).to_string();
            let other = loop {
                let other = pick(&mut rng, servers);
                if *other != host {
                    break other.to_string();
                }
            };
            match rng.below(10) {
                0..=3 => {
                    events.push((ms(at), Fault::Isolate(vec![host])));
                    events.push((ms(end), Fault::Heal));
                }
                4..=5 => {
                    events.push((ms(at), Fault::CutOneWay(host, other.clone())));
                    events.push((ms(end), Fault::Heal));
                }
                _ => {
                    events.push((ms(at), Fault::Crash(host.clone())));
                    events.push((ms(end), Fault::Restart(host)));
                }
            }
            if chance(&mut rng, 25) {
                let from = at + rng.below(end - at);
                let until = (from + 10 + rng.below(horizon_ms / 4)).min(end);
                events.push((ms(from), Fault::Crash(other.clone())));
                events.push((ms(until), Fault::Restart(other)));
            }
            at = end + 1 + rng.below(horizon_ms / 4);
        }
        // In time order; at equal times, in the order drawn.
        events.sort_by_key(|(at, _)| *at);
        Schedule {
            min_latency: ms(min_ms),
            max_latency: ms(max_ms),
            loss,
            events,
        }
    }

    /// A turmoil builder with this schedule's network and `seed`.
    pub fn builder(&self, seed: u64, duration: Duration) -> turmoil::Builder {
        let mut builder = turmoil::Builder::new();
        builder
            .rng_seed(seed)
            .min_message_latency(self.min_latency)
            .max_message_latency(self.max_latency)
            .fail_rate(self.loss)
            .simulation_duration(duration);
        builder
    }

    /// The schedule in words, one line per item.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "network: {}-{} ms per message, {}% of sends break their link",
            self.min_latency.as_millis(),
            self.max_latency.as_millis(),
            self.loss * 100.0
        )];
        lines.extend(
            self.events
                .iter()
                .map(|(at, fault)| format!("{:>5} ms  {fault}", at.as_millis())),
        );
        lines
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Steps `sim` until its clients finish, applying each fault of `schedule`
/// at its time. `servers` are the hosts a partition separates.
pub fn drive(sim: &mut Sim, schedule: &Schedule, servers: &[&str]) -> turmoil::Result {
    let mut next = 0;
    loop {
        while let Some((at, fault)) = schedule.events.get(next) {
            if sim.elapsed() < *at {
                break;
            }
            match fault {
                Fault::Isolate(cut) => {
                    for host in cut {
                        for other in servers.iter().filter(|s| !cut.iter().any(|c| c == *s)) {
                            sim.partition(host.as_str(), *other);
                        }
                    }
                }
                Fault::CutOneWay(from, to) => sim.partition_oneway(from.as_str(), to.as_str()),
                Fault::Heal => {
                    for a in servers {
                        for b in servers.iter().filter(|b| a < *b) {
                            sim.repair(*a, *b);
                        }
                    }
                }
                Fault::Crash(host) => sim.crash(host.as_str()),
                Fault::Restart(host) => sim.bounce(host.as_str()),
            }
            next += 1;
        }
        if sim.step()? {
            return Ok(());
        }
    }
}

/// What one seed produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The client history, one operation per line, for the replay.
    pub history: Vec<String>,
    /// Why the history breaks the property, or `None` when it holds.
    pub violation: Option<String>,
}

/// A listing's protocol: its package name, its variants, the property its
/// chapter claims, and one run.
pub struct Protocol {
    pub package: &'static str,
    /// The binary's name: `env!("CARGO_BIN_NAME")`.
    pub bin: &'static str,
    /// The variants the command line accepts, e.g. `["naive", "abd"]`.
    pub variants: Vec<&'static str>,
    /// What the checker decides, as an adjective: "linearizable".
    pub property: &'static str,
    /// Runs `variant` under `seed`'s schedule and judges its history.
    pub run: fn(variant: &str, seed: u64, schedule: &Schedule) -> Outcome,
    /// Draws the schedule of a seed.
    pub schedule: fn(seed: u64) -> Schedule,
}

const USAGE: &str = "usage: faults <variant> [--seeds N | --seed S]";

/// The command line of a `faults` binary: `<variant> --seeds N` sweeps seeds
/// 0..N and prints each violation with the command that replays it;
/// `<variant> --seed S` replays one seed with its schedule and history.
/// Exits 0 after a sweep whatever it found (the caller decides whether
/// violations were expected) and 2 on a usage error.
pub fn main(protocol: &Protocol) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args, &protocol.variants) {
        Ok(Command::Sweep { variant, seeds }) => {
            sweep(protocol, &variant, seeds);
            ExitCode::SUCCESS
        }
        Ok(Command::Replay { variant, seed }) => {
            replay(protocol, &variant, seed);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!(
                "error: {message}\n{USAGE}\nvariants: {}",
                protocol.variants.join(", ")
            );
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Sweep { variant: String, seeds: u64 },
    Replay { variant: String, seed: u64 },
}

fn parse(args: &[String], variants: &[&str]) -> Result<Command, String> {
    let variant = args.first().ok_or("no variant given")?;
    if !variants.contains(&variant.as_str()) {
        return Err(format!("unknown variant `{variant}`"));
    }
    let number = |flag: &str| -> Result<Option<u64>, String> {
        match args.iter().position(|a| a == flag) {
            None => Ok(None),
            Some(i) => {
                let text = args.get(i + 1).ok_or(format!("{flag} needs a number"))?;
                text.parse()
                    .map(Some)
                    .map_err(|_| format!("{flag} needs a number, not `{text}`"))
            }
        }
    };
    let variant = variant.clone();
    match (number("--seeds")?, number("--seed")?) {
        (Some(_), Some(_)) => Err("give --seeds or --seed, not both".into()),
        (_, Some(seed)) => Ok(Command::Replay { variant, seed }),
        (seeds, None) => Ok(Command::Sweep {
            variant,
            seeds: seeds.unwrap_or(1000),
        }),
    }
}

/// The command that replays one seed.
pub fn replay_command(package: &str, bin: &str, variant: &str, seed: u64) -> String {
    format!("cargo run --release -p {package} --bin {bin} -- {variant} --seed {seed}")
}

/// The last line of a sweep, which `cargo xtask test` reads.
pub fn summary_line(variant: &str, seeds: u64, violations: u64, property: &str) -> String {
    format!("summary: {variant}: {seeds} seeds, {violations} not {property}")
}

/// Runs every seed, on as many threads as the machine has cores (each
/// simulation is single-threaded and independent), and prints the first
/// violations in seed order, then the summary.
fn sweep(protocol: &Protocol, variant: &str, seeds: u64) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let mut found: Vec<(u64, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..seeds)
                        .step_by(workers as usize)
                        .filter_map(|seed| {
                            let schedule = (protocol.schedule)(seed);
                            let outcome = (protocol.run)(variant, seed, &schedule);
                            outcome.violation.map(|why| (seed, why))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a seed's run panicked"))
            .collect()
    });
    found.sort();
    // The first few in full; the rest only counted.
    for (seed, why) in found.iter().take(3) {
        println!("violation at seed {seed}: {why}");
        println!(
            "  replay: {}",
            replay_command(protocol.package, protocol.bin, variant, *seed)
        );
    }
    println!(
        "{}",
        summary_line(variant, seeds, found.len() as u64, protocol.property)
    );
}

fn replay(protocol: &Protocol, variant: &str, seed: u64) {
    let schedule = (protocol.schedule)(seed);
    let outcome = (protocol.run)(variant, seed, &schedule);
    println!("{} {variant}, seed {seed}", protocol.package);
    println!("faults:");
    for line in schedule.describe() {
        println!("  {line}");
    }
    println!("history (invoke..return in ms of virtual time):");
    for line in &outcome.history {
        println!("  {line}");
    }
    match outcome.violation {
        Some(why) => println!("verdict: not {}: {why}", protocol.property),
        None => println!("verdict: {}", protocol.property),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    // The command line: a sweep by default, a replay with --seed, and a
    // clear error for anything else.
    #[test]
    fn command_line() {
        let variants = ["naive", "abd"];
        assert_eq!(
            parse(&args("abd"), &variants),
            Ok(Command::Sweep {
                variant: "abd".into(),
                seeds: 1000
            })
        );
        assert_eq!(
            parse(&args("naive --seeds 20"), &variants),
            Ok(Command::Sweep {
                variant: "naive".into(),
                seeds: 20
            })
        );
        assert_eq!(
            parse(&args("naive --seed 7"), &variants),
            Ok(Command::Replay {
                variant: "naive".into(),
                seed: 7
            })
        );
        assert!(parse(&args(""), &variants).is_err());
        assert!(parse(&args("raft"), &variants).is_err());
        assert!(parse(&args("abd --seeds ten"), &variants).is_err());
        assert!(parse(&args("abd --seeds"), &variants).is_err());
        assert!(parse(&args("abd --seeds 3 --seed 1"), &variants).is_err());
    }

    // A seed always draws the same schedule, schedules differ between
    // seeds, every kind of fault is drawn, two faults sometimes overlap,
    // and everything is healed and restarted by the horizon.
    #[test]
    fn schedules_are_seeded_and_end_healed() {
        let servers = ["r1", "r2", "r3"];
        let horizon = Duration::from_millis(600);
        let a = Schedule::generate(5, &servers, horizon);
        assert_eq!(a, Schedule::generate(5, &servers, horizon));
        let distinct: std::collections::HashSet<String> = (0..50)
            .map(|seed| {
                Schedule::generate(seed, &servers, horizon)
                    .describe()
                    .join("\n")
            })
            .collect();
        assert!(distinct.len() > 40, "only {} distinct", distinct.len());
        let mut kinds = std::collections::HashSet::new();
        let mut two_down = 0;
        for seed in 0..200 {
            let s = Schedule::generate(seed, &servers, horizon);
            assert!(s.min_latency <= s.max_latency);
            let (mut crashed, mut cut) = (Vec::new(), false);
            let mut last = Duration::ZERO;
            for (at, fault) in &s.events {
                assert!(*at <= horizon && *at >= last, "seed {seed}: {:?}", s.events);
                last = *at;
                match fault {
                    Fault::Isolate(_) | Fault::CutOneWay(..) => cut = true,
                    Fault::Heal => cut = false,
                    Fault::Crash(host) => {
                        assert!(!crashed.contains(host), "seed {seed}: {host} crashes twice");
                        crashed.push(host.clone());
                    }
                    Fault::Restart(host) => crashed.retain(|h| h != host),
                }
                if crashed.len() == 2 {
                    two_down += 1;
                }
                kinds.insert(std::mem::discriminant(fault));
            }
            assert!(
                !cut && crashed.is_empty(),
                "seed {seed} ends with a fault in force"
            );
        }
        assert_eq!(kinds.len(), 5, "every kind of fault is drawn");
        assert!(two_down > 0, "no two crashes ever overlap");
    }

    // The sweep's last line is what `cargo xtask test` parses.
    #[test]
    fn summary_and_replay_lines() {
        assert_eq!(
            summary_line("abd", 1000, 0, "linearizable"),
            "summary: abd: 1000 seeds, 0 not linearizable"
        );
        assert_eq!(
            replay_command(
                "partitioned-register",
                "partitioned-register-faults",
                "naive",
                17
            ),
            "cargo run --release -p partitioned-register --bin partitioned-register-faults -- naive --seed 17"
        );
    }
}
