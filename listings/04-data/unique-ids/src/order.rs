//! How often one generator's IDs sort in the order it made them.

use seeded::SplitMix64;

use crate::{snowflake, ulid, uuid};

/// The schemes compared, each made by one generator at a steady rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    UuidV4,
    UuidV7,
    Ulid,
    UlidMonotonic,
    Snowflake,
}

pub const SCHEMES: [Scheme; 5] = [
    Scheme::UuidV4,
    Scheme::UuidV7,
    Scheme::Ulid,
    Scheme::UlidMonotonic,
    Scheme::Snowflake,
];

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::UuidV4 => "UUID v4",
            Scheme::UuidV7 => "UUID v7",
            Scheme::Ulid => "ULID",
            Scheme::UlidMonotonic => "ULID, monotonic",
            Scheme::Snowflake => "Snowflake",
        }
    }
}

fn random_bytes<const N: usize>(rng: &mut SplitMix64) -> [u8; N] {
    let mut bytes = [0u8; N];
    for chunk in bytes.chunks_mut(8) {
        let word = rng.next_u64().to_be_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    bytes
}

// ANCHOR: ids
/// `count` IDs made `per_milli` to a millisecond from `start_millis`,
/// each as a 128-bit number whose order is the ID's sort order (byte order
/// for UUIDs, text order for ULIDs, numeric order for Snowflakes).
pub fn make(
    scheme: Scheme,
    count: usize,
    per_milli: usize,
    start_millis: u64,
    seed: u64,
) -> Vec<u128> {
    let mut rng = SplitMix64(seed);
    let mut monotonic = ulid::Monotonic::new();
    let mut snowflakes = snowflake::Generator::new(1, snowflake::OnClockBack::Refuse);
    (0..count)
        .map(|i| {
            let millis = start_millis + (i / per_milli) as u64;
            match scheme {
                Scheme::UuidV4 => u128::from_be_bytes(uuid::v4(random_bytes(&mut rng))),
                Scheme::UuidV7 => u128::from_be_bytes(uuid::v7(millis, random_bytes(&mut rng))),
                Scheme::Ulid => ulid::compose(millis, random_80(&mut rng)),
                Scheme::UlidMonotonic => monotonic
                    .next(millis, random_80(&mut rng))
                    .expect("80 bits do not run out"),
                Scheme::Snowflake => {
                    let since_epoch = millis - start_millis;
                    u128::from(
                        snowflakes
                            .next_id(since_epoch)
                            .expect("under 4,096 a millisecond"),
                    )
                }
            }
        })
        .collect()
}
// ANCHOR_END: ids

fn random_80(rng: &mut SplitMix64) -> u128 {
    u128::from_be_bytes(random_bytes(rng)) >> 48
}

/// The share of neighbours (each ID and the next one made) that sort in
/// the order they were made.
pub fn share_in_order(ids: &[u128]) -> f64 {
    let in_order = ids.windows(2).filter(|pair| pair[0] < pair[1]).count();
    in_order as f64 / (ids.len() - 1) as f64
}
