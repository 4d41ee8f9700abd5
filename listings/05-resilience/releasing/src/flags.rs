//! Feature flags: a percentage rollout by a stable hash of the user id,
//! and a kill switch that beats every other rule.

use std::collections::BTreeMap;

/// FNV-1a, 64 bits: the same bytes give the same number on every machine,
/// in every process and with every version of Rust. (std's `DefaultHasher`
/// promises none of that across releases.)
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[derive(Debug, Clone, Default)]
pub struct Flag {
    /// Users whose bucket is below this, of 10,000, get the feature.
    pub rollout_basis_points: u64,
    /// On: nobody gets the feature, whatever the rollout says.
    pub killed: bool,
}

#[derive(Debug, Default)]
pub struct FlagStore {
    flags: BTreeMap<String, Flag>,
    /// Hash the flag's name with the user id (true), or the user id alone.
    pub salt_with_flag_name: bool,
}

// ANCHOR: bucket
impl FlagStore {
    pub fn new() -> FlagStore {
        FlagStore {
            flags: BTreeMap::new(),
            salt_with_flag_name: true,
        }
    }

    /// The user's bucket for this flag, 0 to 9,999: a pure function of
    /// the two names, so the same user gets the same answer on every
    /// server, every time.
    pub fn bucket(&self, flag: &str, user: &str) -> u64 {
        let key = if self.salt_with_flag_name {
            format!("{flag}:{user}")
        } else {
            user.to_string()
        };
        fnv1a(key.as_bytes()) % 10_000
    }

    pub fn enabled(&self, flag: &str, user: &str) -> bool {
        match self.flags.get(flag) {
            None => false,
            Some(f) if f.killed => false,
            Some(f) => self.bucket(flag, user) < f.rollout_basis_points,
        }
    }
    // ANCHOR_END: bucket

    pub fn set_rollout(&mut self, flag: &str, percent: u64) {
        self.flags
            .entry(flag.into())
            .or_default()
            .rollout_basis_points = percent * 100;
    }

    pub fn kill(&mut self, flag: &str) {
        self.flags.entry(flag.into()).or_default().killed = true;
    }
}

pub fn user(i: u64) -> String {
    format!("user-{i}")
}
