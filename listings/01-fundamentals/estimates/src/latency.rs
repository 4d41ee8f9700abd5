//! The measuring code behind `cargo run --release -p estimates --bin latency`.
//!
//! Timings vary from run to run and machine to machine, so no timing is
//! recorded; the tests check the setup (the random cycle, the units, the
//! arithmetic) and one comparison that holds on any machine. The shuffles
//! and cycle counts are seeded, and `--bin estimates-cycles` prints them
//! (recorded in `output-cycles.txt`).

use std::hint::black_box;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// Fits the L1 data cache of current desktop and server CPUs (32 to 64 KiB).
pub const L1_BYTES: usize = 16 * 1024;
/// Too big for L1, small enough for any current L2 (256 KiB to 2 MiB).
pub const L2_BYTES: usize = 128 * 1024;
/// Bigger than the last-level cache of common CPUs, so most loads go to DRAM.
pub const MEMORY_BYTES: usize = 256 * 1024 * 1024;
/// The array sizes of the sweep, growing by 8x a step.
pub const SWEEP_BYTES: [usize; 6] = [
    L1_BYTES,
    L2_BYTES,
    1024 * 1024,
    8 * 1024 * 1024,
    64 * 1024 * 1024,
    MEMORY_BYTES,
];

/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny seeded generator,
/// written out so that one seed gives one cycle on every Rust version.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (multiply and keep the high half; the bias is
    /// far too small to matter for a shuffle). `bound` must be positive.
    pub fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }
}

// ANCHOR: sattolo
/// A random cycle through every index of `0..len`: `next[i]` is the index
/// read after `i`. Sattolo's algorithm: a Fisher-Yates shuffle in which each
/// position swaps only with an *earlier* one, which always yields a single
/// cycle, so a chase visits every slot before it repeats one.
pub fn random_cycle(len: usize, seed: u64) -> Vec<usize> {
    let mut next: Vec<usize> = (0..len).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..len).rev() {
        next.swap(i, rng.below(i));
    }
    next
}
// ANCHOR_END: sattolo

// ANCHOR: chase
/// Follows `steps` links from index 0 and returns where it stops. Each load
/// needs the previous load's result as its address, so the CPU can neither
/// overlap the loads nor prefetch them: one step costs one full access.
pub fn chase(next: &[usize], steps: usize) -> usize {
    let mut at = 0;
    for _ in 0..steps {
        at = next[at];
    }
    at
}
// ANCHOR_END: chase

// ANCHOR: shuffle
/// The ordinary Fisher-Yates shuffle: each position may swap
/// with any position up to *and including* itself. Every permutation is
/// equally likely, and most of them are several cycles, not one.
pub fn shuffled(len: usize, seed: u64) -> Vec<usize> {
    let mut next: Vec<usize> = (0..len).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..len).rev() {
        next.swap(i, rng.below(i + 1));
    }
    next
}
// ANCHOR_END: shuffle

/// The lengths of the cycles of the permutation `next`, longest first.
/// `next` must be a permutation of `0..next.len()`.
pub fn cycle_lengths(next: &[usize]) -> Vec<usize> {
    let mut seen = vec![false; next.len()];
    let mut lengths = Vec::new();
    for start in 0..next.len() {
        let mut length = 0;
        let mut at = start;
        while !seen[at] {
            seen[at] = true;
            at = next[at];
            length += 1;
        }
        if length > 0 {
            lengths.push(length);
        }
    }
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths
}

/// How many slots a chase from slot 0 visits before it comes back: the
/// length of the cycle through 0.
pub fn slots_visited_from_zero(next: &[usize]) -> usize {
    if next.is_empty() {
        return 0;
    }
    let mut at = next[0];
    let mut visited = 1;
    while at != 0 {
        at = next[at];
        visited += 1;
    }
    visited
}

/// Runs `trial` `trials` times (at least once) and keeps the fastest:
/// interrupts and other processes only ever add time, never remove it.
pub fn fastest(trials: u32, mut trial: impl FnMut() -> Duration) -> Duration {
    (0..trials.max(1))
        .map(|_| trial())
        .min()
        .expect("at least one trial")
}

/// Nanoseconds per operation. `ops` must be positive.
pub fn ns_per_op(elapsed: Duration, ops: u64) -> f64 {
    assert!(ops > 0, "ns_per_op needs at least one operation");
    elapsed.as_nanos() as f64 / ops as f64
}

/// A duration in nanoseconds, with a unit that keeps two or three digits.
pub fn format_ns(ns: f64) -> String {
    let (value, unit) = if ns < 1_000.0 {
        (ns, "ns")
    } else if ns < 1_000_000.0 {
        (ns / 1_000.0, "µs")
    } else if ns < 1_000_000_000.0 {
        (ns / 1_000_000.0, "ms")
    } else {
        (ns / 1_000_000_000.0, "s")
    };
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// How many times `base` fits in `ns`, as `"4.2x"`, `"85x"` or `"48,000x"`:
/// one decimal below 10, whole numbers below 1,000, two significant digits
/// above, since no timing here is more precise than that.
pub fn format_times(ns: f64, base: f64) -> String {
    let ratio = ns / base;
    if !ratio.is_finite() {
        return "-".to_string();
    }
    if ratio < 10.0 {
        return format!("{ratio:.1}x");
    }
    let whole = ratio.round() as u64;
    let rounded = if whole < 1_000 {
        whole
    } else {
        let unit = 10u64.pow(whole.ilog10() - 1);
        (whole + unit / 2) / unit * unit
    };
    format!("{}x", crate::units::group(rounded))
}

/// Nanoseconds per dependent load over an array of `bytes`.
pub fn chase_ns(bytes: usize, steps: usize, trials: u32) -> f64 {
    let next = random_cycle(bytes / size_of::<usize>(), 0x5EED);
    // One full lap first, so the array is in whatever cache it fits in.
    black_box(chase(&next, next.len()));
    let best = fastest(trials, || {
        let start = Instant::now();
        black_box(chase(black_box(&next), steps));
        start.elapsed()
    });
    ns_per_op(best, steps as u64)
}

// ANCHOR: probes
/// An uncontended `Mutex` lock and unlock.
pub fn mutex_ns(iterations: u64, trials: u32) -> f64 {
    let counter = Mutex::new(0u64);
    let best = fastest(trials, || {
        let start = Instant::now();
        for _ in 0..iterations {
            *black_box(&counter).lock().unwrap() += 1;
        }
        start.elapsed()
    });
    ns_per_op(best, iterations)
}

/// A real system call: `stat` on the current directory. (`std::process::id`
/// would not do: the C library may answer it from a cache.)
pub fn syscall_ns(iterations: u64, trials: u32) -> io::Result<f64> {
    std::fs::metadata(".")?;
    let best = fastest(trials, || {
        let start = Instant::now();
        for _ in 0..iterations {
            let _ = black_box(std::fs::metadata(black_box(".")));
        }
        start.elapsed()
    });
    Ok(ns_per_op(best, iterations))
}

/// Starting an OS thread that does nothing, and joining it.
pub fn spawn_ns(iterations: u64, trials: u32) -> f64 {
    let best = fastest(trials, || {
        let start = Instant::now();
        for _ in 0..iterations {
            thread::spawn(|| black_box(1)).join().unwrap();
        }
        start.elapsed()
    });
    ns_per_op(best, iterations)
}

/// One byte to a server thread on 127.0.0.1 and one byte back.
pub fn loopback_round_trip_ns(round_trips: u64, trials: u32) -> io::Result<f64> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let echo = thread::spawn(move || -> io::Result<()> {
        let (mut stream, _) = listener.accept()?;
        stream.set_nodelay(true)?;
        let mut byte = [0u8; 1];
        // Echo until the client hangs up (a read of 0 bytes).
        while stream.read(&mut byte)? == 1 {
            stream.write_all(&byte)?;
        }
        Ok(())
    });
    let mut client = TcpStream::connect(address)?;
    // Without this, Nagle's algorithm may hold a 1-byte write back for a while.
    client.set_nodelay(true)?;
    let mut round_trip = |byte: u8| -> io::Result<()> {
        client.write_all(&[byte])?;
        let mut back = [0u8; 1];
        client.read_exact(&mut back)?;
        assert_eq!(back[0], byte, "the echo must return what was sent");
        Ok(())
    };
    let mut failure = None;
    let best = fastest(trials, || {
        let start = Instant::now();
        for i in 0..round_trips {
            if let Err(e) = round_trip(i as u8) {
                failure.get_or_insert(e);
                break;
            }
        }
        start.elapsed()
    });
    drop(client);
    echo.join().expect("the echo thread panicked")?;
    match failure {
        Some(e) => Err(e),
        None => Ok(ns_per_op(best, round_trips)),
    }
}

/// Summing a buffer of `bytes` front to back, as nanoseconds per 1 MB (10^6 bytes).
pub fn read_1mb_ns(bytes: usize, trials: u32) -> f64 {
    // Filled with real values: a fresh `vec![0; n]` may be backed by one
    // shared page of zeros, which would stay in cache and flatter the number.
    let buffer: Vec<u64> = (0..(bytes / 8) as u64).collect();
    let best = fastest(trials, || {
        let start = Instant::now();
        let sum = black_box(&buffer)
            .iter()
            .fold(0u64, |sum, &x| sum.wrapping_add(x));
        black_box(sum);
        start.elapsed()
    });
    best.as_nanos() as f64 * 1_000_000.0 / (buffer.len() * 8) as f64
}
// ANCHOR_END: probes

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle_length(next: &[usize]) -> usize {
        let mut at = next[0];
        let mut length = 1;
        while at != 0 {
            at = next[at];
            length += 1;
            assert!(length <= next.len(), "not a single cycle through 0");
        }
        length
    }

    // The shuffle is one cycle through every index, for tiny and large sizes.
    #[test]
    fn random_cycle_visits_every_index_once() {
        for len in [1, 2, 3, 10, 4_096] {
            let next = random_cycle(len, 7);
            assert_eq!(cycle_length(&next), len, "len {len}");
            let mut sorted = next.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..len).collect::<Vec<_>>(), "a permutation");
        }
        assert!(random_cycle(0, 7).is_empty());
    }

    // No slot points at itself, so no chase can get stuck in one cache line.
    #[test]
    fn no_index_points_to_itself() {
        let next = random_cycle(1_000, 42);
        assert!(next.iter().enumerate().all(|(i, &n)| i != n));
    }

    // One seed gives one cycle; another seed gives another.
    #[test]
    fn the_seed_fixes_the_cycle() {
        assert_eq!(random_cycle(500, 1), random_cycle(500, 1));
        assert_ne!(random_cycle(500, 1), random_cycle(500, 2));
    }

    // A chase of exactly len steps returns to the start; a shorter one does not.
    #[test]
    fn chase_returns_home_after_a_full_lap() {
        let next = random_cycle(64, 3);
        assert_eq!(chase(&next, 64), 0);
        assert_eq!(chase(&next, 128), 0);
        assert!((1..64).all(|steps| chase(&next, steps) != 0));
    }

    // The cycle lengths of a permutation add up to its length.
    #[test]
    fn cycle_lengths_cover_every_slot() {
        assert_eq!(cycle_lengths(&[1, 0, 2, 4, 5, 3]), vec![3, 2, 1]);
        for seed in 0..20 {
            let next = shuffled(100, seed);
            assert_eq!(cycle_lengths(&next).iter().sum::<usize>(), 100);
            assert_eq!(cycle_lengths(&random_cycle(100, seed)), vec![100]);
        }
        assert!(cycle_lengths(&[]).is_empty());
    }

    // The plain shuffle is a permutation, but often of several cycles, so a
    // chase from 0 can miss most of the array; Sattolo's never does.
    #[test]
    fn a_plain_shuffle_can_strand_the_chase() {
        let short = (0..1_000)
            .filter(|&seed| slots_visited_from_zero(&shuffled(4_096, seed)) < 512)
            .count();
        // The cycle through 0 has a uniformly random length, so about 1 in 8.
        assert!((80..=170).contains(&short), "{short} of 1,000");
        assert!(
            (0..1_000).all(|seed| slots_visited_from_zero(&random_cycle(4_096, seed)) == 4_096)
        );
        assert_eq!(slots_visited_from_zero(&[]), 0);
    }

    // The sweep grows, starts at the L1 size and ends at the main-memory size.
    #[test]
    fn sweep_sizes_grow() {
        assert!(SWEEP_BYTES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(SWEEP_BYTES[0], L1_BYTES);
        assert_eq!(SWEEP_BYTES[SWEEP_BYTES.len() - 1], MEMORY_BYTES);
    }

    // The fastest trial is kept, and a request for zero trials still runs one.
    #[test]
    fn fastest_keeps_the_minimum() {
        let mut times = [5, 2, 9].into_iter().map(Duration::from_nanos);
        assert_eq!(
            fastest(3, || times.next().unwrap()),
            Duration::from_nanos(2)
        );
        let mut runs = 0;
        fastest(0, || {
            runs += 1;
            Duration::ZERO
        });
        assert_eq!(runs, 1);
    }

    // Per-operation time is total over count.
    #[test]
    fn ns_per_op_divides() {
        assert_eq!(ns_per_op(Duration::from_micros(3), 1_000), 3.0);
        assert_eq!(ns_per_op(Duration::from_nanos(1), 4), 0.25);
    }

    // Zero operations has no per-operation time: it panics instead of printing inf.
    #[test]
    #[should_panic(expected = "at least one operation")]
    fn ns_per_op_refuses_zero() {
        ns_per_op(Duration::from_micros(3), 0);
    }

    // Units switch at each factor of 1,000 and keep one decimal below 10.
    #[test]
    fn durations_pick_a_readable_unit() {
        assert_eq!(format_ns(0.54), "0.5 ns");
        assert_eq!(format_ns(85.2), "85 ns");
        assert_eq!(format_ns(999.0), "999 ns");
        assert_eq!(format_ns(1_000.0), "1.0 µs");
        assert_eq!(format_ns(48_300.0), "48 µs");
        assert_eq!(format_ns(1_250_000.0), "1.2 ms");
        assert_eq!(format_ns(150_000_000.0), "150 ms");
        assert_eq!(format_ns(2_000_000_000.0), "2.0 s");
    }

    // Ratios keep about two significant digits, and a zero base prints a dash.
    #[test]
    fn ratios_keep_two_or_three_digits() {
        assert_eq!(format_times(1.0, 1.0), "1.0x");
        assert_eq!(format_times(4.24, 1.0), "4.2x");
        assert_eq!(format_times(85.2, 1.0), "85x");
        assert_eq!(format_times(999.0, 1.0), "999x");
        assert_eq!(format_times(48_310.0, 1.0), "48,000x");
        assert_eq!(format_times(48_600.0, 1.0), "49,000x");
        assert_eq!(format_times(250_000.0, 0.5), "500,000x");
        assert_eq!(format_times(5.0, 0.0), "-");
    }

    // On any machine a trip through the kernel's TCP stack and back costs
    // more than a load from a 16 KiB array.
    #[test]
    fn a_loopback_round_trip_is_slower_than_an_l1_load() {
        let l1 = chase_ns(L1_BYTES, 100_000, 3);
        let round_trip = loopback_round_trip_ns(200, 3).unwrap();
        assert!(round_trip > l1, "round trip {round_trip} ns, L1 {l1} ns");
    }

    // The other probes run and report a positive time.
    #[test]
    fn probes_report_positive_times() {
        assert!(mutex_ns(1_000, 1) > 0.0);
        assert!(syscall_ns(100, 1).unwrap() > 0.0);
        assert!(spawn_ns(5, 1) > 0.0);
        assert!(read_1mb_ns(1 << 20, 1) > 0.0);
    }
}
