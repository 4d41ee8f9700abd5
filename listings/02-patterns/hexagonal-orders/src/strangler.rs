//! The strangler fig: a router in front of the legacy system that sends
//! some traffic to the new one, route by route, and for a route a growing
//! share of customers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Legacy,
    New,
}

// ANCHOR: strangler
/// One migrated route: requests under `prefix` go to the new system for
/// `percent_new` percent of customers.
#[derive(Debug, Clone)]
pub struct Route {
    pub prefix: &'static str,
    pub percent_new: u8,
}

#[derive(Debug, Clone, Default)]
pub struct Strangler {
    pub routes: Vec<Route>,
}

impl Strangler {
    pub fn backend(&self, path: &str, customer: &str) -> Backend {
        let route = self
            .routes
            .iter()
            .filter(|route| {
                // `strip_prefix` gives what follows the prefix, if it is one;
                // a match must end at a `/` or at the end of the path.
                let rest = path.strip_prefix(route.prefix);
                rest.is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            // The longest matching prefix wins.
            .max_by_key(|route| route.prefix.len());
        match route {
            Some(route) if bucket(customer) < u64::from(route.percent_new) => Backend::New,
            _ => Backend::Legacy,
        }
    }
}

/// A customer's bucket, 0 to 99, the same on every request, every server
/// and every run: FNV-1a, a simple hash with fixed constants, unlike std's
/// `HashMap` hasher, which is seeded at random.
pub fn bucket(customer: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in customer.bytes() {
        hash ^= u64::from(byte);
        // The product overflows `u64` by design; `wrapping_mul` keeps the
        // low 64 bits, where a plain `*` would panic in a debug build.
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash % 100
}
// ANCHOR_END: strangler
