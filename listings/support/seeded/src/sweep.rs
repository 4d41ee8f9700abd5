//! The command line every `<crate>-faults` binary with a simulation of its
//! own shares (the turmoil-based ones use the `fault-sweep` crate):
//! `<variant> --seeds N` sweeps seeds 0 to N-1, `<variant> --seed S`
//! replays one, and a bare `<variant>` sweeps 1,000. `cargo xtask test
//! --step faults` runs the first form and reads the `summary:` line the
//! binary prints last.

use std::process::ExitCode;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every seed from 0 up to this count.
    Sweep(u64),
    /// One seed, traced.
    Replay(u64),
}

/// The variant's name as given, and the mode.
pub fn parse(args: &[String]) -> Result<(&str, Mode), String> {
    let name = args.first().ok_or("no variant given")?;
    let number = |i: usize| -> Result<u64, String> {
        let text = args.get(i).ok_or("a number must follow the flag")?;
        text.parse().map_err(|_| format!("not a number: `{text}`"))
    };
    match args.get(1).map(String::as_str) {
        None => Ok((name, Mode::Sweep(1000))),
        Some("--seeds") if args.len() == 3 => Ok((name, Mode::Sweep(number(2)?))),
        Some("--seed") if args.len() == 3 => Ok((name, Mode::Replay(number(2)?))),
        Some(other) => Err(format!("unexpected `{other}`")),
    }
}

/// [`parse`], with the name looked up by `from_name`: an unknown name is a
/// usage error.
pub fn parse_variant<V>(
    args: &[String],
    from_name: impl Fn(&str) -> Option<V>,
) -> Result<(V, Mode), String> {
    let (name, mode) = parse(args)?;
    let variant = from_name(name).ok_or(format!("unknown variant `{name}`"))?;
    Ok((variant, mode))
}

/// Prints what was wrong with the command line, how to call `bin` and
/// which variants it knows; the exit code for a usage error.
pub fn usage_error(bin: &str, message: &str, variants: &[&str]) -> ExitCode {
    eprintln!(
        "error: {message}\nusage: {bin} <variant> [--seeds N | --seed S]\nvariants: {}",
        variants.join(", ")
    );
    ExitCode::from(2)
}

/// Runs `check` on seeds 0 to `seeds - 1`, spread over every core, and
/// returns each seed's result in seed order.
pub fn every_seed<T: Send>(seeds: u64, check: impl Fn(u64) -> T + Sync) -> Vec<(u64, T)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let check = &check;
    let mut results: Vec<(u64, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..seeds)
                        .step_by(workers as usize)
                        .map(|seed| (seed, check(seed)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a seed's run panicked"))
            .collect()
    });
    results.sort_by_key(|(seed, _)| *seed);
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_three_forms_and_the_mistakes() {
        assert_eq!(parse(&args("wal")), Ok(("wal", Mode::Sweep(1000))));
        assert_eq!(parse(&args("wal --seeds 7")), Ok(("wal", Mode::Sweep(7))));
        assert_eq!(parse(&args("x --seed 3")), Ok(("x", Mode::Replay(3))));
        assert!(parse(&args("")).is_err());
        assert!(parse(&args("wal --seeds")).is_err());
        assert!(parse(&args("wal --seeds ten")).unwrap_err().contains("ten"));
        assert!(parse(&args("wal --seed 3 4")).is_err());
        assert!(parse(&args("wal --fast")).unwrap_err().contains("--fast"));
    }

    #[test]
    fn every_seed_once_in_order() {
        let results = every_seed(10, |seed| seed * 2);
        assert_eq!(results, (0..10).map(|s| (s, s * 2)).collect::<Vec<_>>());
        assert!(every_seed(0, |seed| seed).is_empty());
    }
}
