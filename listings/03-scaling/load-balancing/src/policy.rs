//! Five ways to pick a server. Each sees, for every server, how many
//! requests it has sent there that have not been answered yet: what a
//! balancer in front of the fleet can count without asking anyone. And
//! [`Stale`], which shows one of them those counts late.

use seeded::SplitMix64;

// ANCHOR: trait
/// Chooses the server for the next request.
pub trait Balancer {
    fn name(&self) -> &'static str;
    /// `outstanding[i]` is the number of requests in flight at server `i`.
    fn pick(&mut self, outstanding: &[usize], rng: &mut SplitMix64) -> usize;
}
// ANCHOR_END: trait

// ANCHOR: round_robin
/// Each server in turn, whatever it is doing.
#[derive(Default)]
pub struct RoundRobin {
    next: usize,
}

impl Balancer for RoundRobin {
    fn name(&self) -> &'static str {
        "round robin"
    }

    fn pick(&mut self, outstanding: &[usize], _: &mut SplitMix64) -> usize {
        let server = self.next % outstanding.len();
        self.next = self.next.wrapping_add(1);
        server
    }
}

/// Any server, uniformly at random.
pub struct Random;

impl Balancer for Random {
    fn name(&self) -> &'static str {
        "random"
    }

    fn pick(&mut self, outstanding: &[usize], rng: &mut SplitMix64) -> usize {
        rng.below(outstanding.len())
    }
}
// ANCHOR_END: round_robin

// ANCHOR: weighted
/// A server chosen at random in proportion to a fixed weight per server:
/// a server of weight 4 gets four times the requests of one of weight 1.
pub struct Weighted {
    weights: Vec<u32>,
    total: u64,
}

impl Weighted {
    /// One weight per server, each at least 1.
    pub fn new(weights: Vec<u32>) -> Weighted {
        assert!(
            weights.iter().all(|&w| w >= 1),
            "every weight must be at least 1"
        );
        let total = weights.iter().map(|&w| u64::from(w)).sum();
        Weighted { weights, total }
    }
}

impl Balancer for Weighted {
    fn name(&self) -> &'static str {
        "weighted random"
    }

    fn pick(&mut self, _: &[usize], rng: &mut SplitMix64) -> usize {
        // A number in 0..total lands in one server's stretch of the line.
        let mut ticket = rng.next_u64() % self.total;
        for (server, &weight) in self.weights.iter().enumerate() {
            if ticket < u64::from(weight) {
                return server;
            }
            ticket -= u64::from(weight);
        }
        unreachable!("the ticket is below the total of the weights")
    }
}
// ANCHOR_END: weighted

// ANCHOR: adaptive
/// The server with the fewest requests in flight; ties go to the lowest
/// number.
pub struct LeastConnections;

impl Balancer for LeastConnections {
    fn name(&self) -> &'static str {
        "least connections"
    }

    fn pick(&mut self, outstanding: &[usize], _: &mut SplitMix64) -> usize {
        (0..outstanding.len())
            .min_by_key(|&i| outstanding[i])
            .expect("at least one server")
    }
}

/// Two different servers at random, and the one with fewer requests in
/// flight (Mitzenmacher, "The Power of Two Choices in Randomized Load
/// Balancing", 2001). On a tie, the first of the two, which is random.
pub struct PowerOfTwo;

impl Balancer for PowerOfTwo {
    fn name(&self) -> &'static str {
        "power of two choices"
    }

    fn pick(&mut self, outstanding: &[usize], rng: &mut SplitMix64) -> usize {
        let n = outstanding.len();
        if n == 1 {
            return 0;
        }
        // Two different servers: the second is drawn from the other n - 1.
        let a = rng.below(n);
        let b = (a + 1 + rng.below(n - 1)) % n;
        if outstanding[b] < outstanding[a] {
            b
        } else {
            a
        }
    }
}
// ANCHOR_END: adaptive

// ANCHOR: stale
/// Wraps another balancer and feeds it counts up to `every` requests old:
/// it copies the counts on every `every`-th request and decides on that
/// copy until the next. What a balancer sees when its picture of the
/// servers comes late, from load reports or without the requests that
/// other balancers send.
pub struct Stale<B> {
    inner: B,
    every: usize,
    seen: usize,
    copy: Vec<usize>,
}

impl<B: Balancer> Stale<B> {
    pub fn new(inner: B, every: usize) -> Stale<B> {
        assert!(every >= 1, "refresh at least every request");
        Stale {
            inner,
            every,
            seen: 0,
            copy: Vec::new(),
        }
    }
}

impl<B: Balancer> Balancer for Stale<B> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn pick(&mut self, outstanding: &[usize], rng: &mut SplitMix64) -> usize {
        if self.seen.is_multiple_of(self.every) {
            self.copy = outstanding.to_vec();
        }
        self.seen += 1;
        self.inner.pick(&self.copy, rng)
    }
}
// ANCHOR_END: stale
