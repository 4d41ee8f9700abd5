//! Guesses per second an attacker gets against each stored hash, on this
//! machine. Timing differs per run and machine, so this output is not
//! recorded: `cargo run -p security --bin security-timing`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use security::passwords;

fn rate(mut guess: impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_millis(1500) || n < 3 {
        guess(n);
        n += 1;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let salt = *b"sixteen byte salt";
    let sha = rate(|n| {
        black_box(passwords::fast_hash(&format!("guess{n}")));
    });
    let mut out = [0u8; 32];
    let argon = rate(|n| {
        passwords::argon2_guess(&format!("guess{n}"), &salt[..16], &mut out);
        black_box(&out);
    });
    println!("sha-256:  {sha:>12.0} guesses/s (one core)");
    println!("argon2id: {argon:>12.1} guesses/s (one core, m=19456 KiB, t=2, p=1)");
    println!(
        "ratio: sha-256 gives the attacker {:.0} times as many guesses",
        sha / argon
    );
}
