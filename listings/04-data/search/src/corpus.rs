//! A seeded synthetic corpus: product titles whose words follow Zipf's law.

use seeded::{SplitMix64, Zipf};

const ONSETS: [&str; 12] = ["b", "k", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t"];
const VOWELS: [&str; 5] = ["a", "e", "i", "o", "u"];

/// Word `i` of the vocabulary: two or three syllables spelled from `i`.
pub fn word(i: usize) -> String {
    let mut n = i;
    let mut w = String::new();
    let syllables = if i < 60 * 60 { 2 } else { 3 };
    for _ in 0..syllables {
        w.push_str(ONSETS[n % 12]);
        n /= 12;
        w.push_str(VOWELS[n % 5]);
        n /= 5;
    }
    w
}

/// `docs` titles of 3 to 8 words drawn from `vocab` words by Zipf (s = 1).
pub fn titles(seed: u64, docs: usize, vocab: usize) -> Vec<Vec<String>> {
    let mut rng = SplitMix64(seed);
    let zipf = Zipf::new(vocab);
    (0..docs)
        .map(|_| {
            let len = 3 + rng.below(6);
            (0..len).map(|_| word(zipf.sample(&mut rng))).collect()
        })
        .collect()
}
