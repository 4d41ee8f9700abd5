//! Eviction policies on one interface: a request for a key either hits or
//! misses, and a miss adds the key, evicting another if the cache is full.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use seeded::SplitMix64;

use crate::lru::Lru;

/// One cache under one policy.
pub trait Policy {
    /// A request for `key`: true on a hit. On a miss the key is added.
    fn access(&mut self, key: u64) -> bool;
    /// How many keys it holds now.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Least recently used: the O(1) [`Lru`].
pub struct LruPolicy(pub Lru<u64, ()>);

impl LruPolicy {
    pub fn new(capacity: usize) -> LruPolicy {
        LruPolicy(Lru::new(capacity))
    }
}

impl Policy for LruPolicy {
    fn access(&mut self, key: u64) -> bool {
        if self.0.get(&key).is_some() {
            return true;
        }
        self.0.put(key, ());
        false
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

// ANCHOR: lfu
/// Least frequently used: evicts the key with the fewest hits since it was
/// added, the least recently used among ties. A sorted set keeps the
/// order, so an access costs O(log n).
pub struct Lfu {
    /// Key -> (uses, last use).
    entries: HashMap<u64, (u64, u64)>,
    /// (uses, last use, key), fewest uses first.
    order: BTreeSet<(u64, u64, u64)>,
    capacity: usize,
    clock: u64,
}

impl Lfu {
    pub fn new(capacity: usize) -> Lfu {
        Lfu {
            entries: HashMap::new(),
            order: BTreeSet::new(),
            capacity,
            clock: 0,
        }
    }
}

impl Policy for Lfu {
    fn access(&mut self, key: u64) -> bool {
        self.clock += 1;
        if let Some(&(uses, last)) = self.entries.get(&key) {
            self.order.remove(&(uses, last, key));
            self.order.insert((uses + 1, self.clock, key));
            self.entries.insert(key, (uses + 1, self.clock));
            return true;
        }
        if self.entries.len() == self.capacity
            && let Some((_, _, victim)) = self.order.pop_first()
        {
            self.entries.remove(&victim);
        }
        self.entries.insert(key, (1, self.clock));
        self.order.insert((1, self.clock, key));
        false
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}
// ANCHOR_END: lfu

/// First in, first out: evicts the oldest addition, whatever its use.
pub struct Fifo {
    queue: VecDeque<u64>,
    present: HashSet<u64>,
    capacity: usize,
}

impl Fifo {
    pub fn new(capacity: usize) -> Fifo {
        Fifo {
            queue: VecDeque::new(),
            present: HashSet::new(),
            capacity,
        }
    }
}

impl Policy for Fifo {
    fn access(&mut self, key: u64) -> bool {
        if self.present.contains(&key) {
            return true;
        }
        if self.queue.len() == self.capacity
            && let Some(victim) = self.queue.pop_front()
        {
            self.present.remove(&victim);
        }
        self.queue.push_back(key);
        self.present.insert(key);
        false
    }

    fn len(&self) -> usize {
        self.queue.len()
    }
}

/// Keys in a `Vec` for picking one at random, with each key's position.
struct Sampler {
    keys: Vec<u64>,
    position: HashMap<u64, usize>,
}

impl Sampler {
    fn new() -> Sampler {
        Sampler {
            keys: Vec::new(),
            position: HashMap::new(),
        }
    }

    fn insert(&mut self, key: u64) {
        self.position.insert(key, self.keys.len());
        self.keys.push(key);
    }

    fn remove(&mut self, key: u64) {
        if let Some(i) = self.position.remove(&key) {
            self.keys.swap_remove(i);
            if let Some(&moved) = self.keys.get(i) {
                self.position.insert(moved, i);
            }
        }
    }

    fn pick(&self, rng: &mut SplitMix64) -> u64 {
        self.keys[rng.below(self.keys.len())]
    }
}

/// Evicts a key chosen at random (Redis's `allkeys-random`).
pub struct Random {
    keys: Sampler,
    capacity: usize,
    rng: SplitMix64,
}

impl Random {
    pub fn new(capacity: usize, seed: u64) -> Random {
        Random {
            keys: Sampler::new(),
            capacity,
            rng: SplitMix64(seed),
        }
    }
}

impl Policy for Random {
    fn access(&mut self, key: u64) -> bool {
        if self.keys.position.contains_key(&key) {
            return true;
        }
        if self.keys.keys.len() == self.capacity {
            let victim = self.keys.pick(&mut self.rng);
            self.keys.remove(victim);
        }
        self.keys.insert(key);
        false
    }

    fn len(&self) -> usize {
        self.keys.keys.len()
    }
}

// ANCHOR: sampled
/// Redis's approximated LRU (`allkeys-lru`): no list of keys in order of
/// use, just each key's last-use time. To evict, sample `samples` random
/// keys, merge them into a pool of the 16 best candidates seen so far, and
/// evict the candidate idle longest. A candidate's idle time is the one
/// seen when it was sampled; a use since then does not save it.
pub struct SampledLru {
    keys: Sampler,
    last_use: HashMap<u64, u64>,
    /// (idle when sampled, key), longest idle last.
    pool: Vec<(u64, u64)>,
    samples: usize,
    capacity: usize,
    clock: u64,
    /// Requests per tick of the clock that idle times are read from.
    tick: u64,
    rng: SplitMix64,
}

/// Redis's `EVPOOL_SIZE`.
const POOL: usize = 16;

impl SampledLru {
    pub fn new(capacity: usize, samples: usize, seed: u64) -> SampledLru {
        SampledLru {
            keys: Sampler::new(),
            last_use: HashMap::new(),
            pool: Vec::with_capacity(POOL),
            samples,
            capacity,
            clock: 0,
            tick: 1,
            rng: SplitMix64(seed),
        }
    }

    /// Reads idle times from a clock that ticks once every `requests`
    /// requests, as Redis's LRU clock ticks once a second.
    pub fn with_tick(mut self, requests: u64) -> SampledLru {
        self.tick = requests.max(1);
        self
    }

    fn evict(&mut self) {
        for _ in 0..self.samples {
            let key = self.keys.pick(&mut self.rng);
            let idle = self.clock / self.tick - self.last_use[&key] / self.tick;
            if self.pool.iter().any(|&(_, k)| k == key) {
                continue;
            }
            let at = self.pool.partition_point(|&(i, _)| i < idle);
            if self.pool.len() < POOL {
                self.pool.insert(at, (idle, key));
            } else if at > 0 {
                // Full: drop the shortest idle to make room.
                self.pool.remove(0);
                self.pool.insert(at - 1, (idle, key));
            }
        }
        // Evict the longest idle candidate that is still in the cache.
        while let Some((_, key)) = self.pool.pop() {
            if self.last_use.remove(&key).is_some() {
                self.keys.remove(key);
                return;
            }
        }
    }
}

impl Policy for SampledLru {
    fn access(&mut self, key: u64) -> bool {
        self.clock += 1;
        if let Some(last) = self.last_use.get_mut(&key) {
            *last = self.clock;
            return true;
        }
        if self.keys.keys.len() == self.capacity {
            self.evict();
        }
        self.keys.insert(key);
        self.last_use.insert(key, self.clock);
        false
    }

    fn len(&self) -> usize {
        self.keys.keys.len()
    }
}
// ANCHOR_END: sampled

// ANCHOR: ttl
/// No size limit, only a time to live: a key is dropped `ttl` requests
/// after it was added. Returns the hit ratio and the most keys held at
/// once.
pub fn ttl_only(trace: &[u64], ttl: u64) -> (f64, usize) {
    let mut expires: HashMap<u64, u64> = HashMap::new();
    let mut by_expiry: VecDeque<(u64, u64)> = VecDeque::new();
    let (mut hits, mut peak) = (0usize, 0usize);
    for (now, &key) in (0u64..).zip(trace) {
        // Drop what has expired, oldest first.
        while let Some(&(at, k)) = by_expiry.front()
            && at <= now
        {
            by_expiry.pop_front();
            if expires.get(&k) == Some(&at) {
                expires.remove(&k);
            }
        }
        match expires.entry(key) {
            Entry::Occupied(_) => hits += 1,
            Entry::Vacant(slot) => {
                slot.insert(now + ttl);
                by_expiry.push_back((now + ttl, key));
            }
        }
        peak = peak.max(expires.len());
    }
    (hits as f64 / trace.len() as f64, peak)
}
// ANCHOR_END: ttl

/// A cache that holds the `capacity` keys asked for most often in the whole
/// trace from the start, and never changes them. When each request is
/// drawn independently of the others, no policy that does not know the
/// future does better on average.
pub fn most_popular(trace: &[u64], capacity: usize) -> f64 {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for &key in trace {
        *counts.entry(key).or_default() += 1;
    }
    let mut by_count: Vec<usize> = counts.into_values().collect();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let hits: usize = by_count.iter().take(capacity).sum();
    // The first request for each kept key is a miss too.
    (hits - capacity.min(by_count.len())) as f64 / trace.len() as f64
}

// ANCHOR: optimal
/// Belady's clairvoyant policy: evict the key whose next request is
/// furthest in the future. No real cache knows the future; this one reads
/// the whole trace first, and no policy that stores every key it misses
/// can hit more often.
pub fn optimal(trace: &[u64], capacity: usize) -> f64 {
    // next[i]: where trace[i]'s key is asked for next (or never).
    let mut next = vec![usize::MAX; trace.len()];
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for (i, &key) in trace.iter().enumerate().rev() {
        if let Some(&later) = seen.get(&key) {
            next[i] = later;
        }
        seen.insert(key, i);
    }
    let mut cached: HashMap<u64, usize> = HashMap::new(); // key -> next use
    let mut by_next: BTreeSet<(usize, u64)> = BTreeSet::new();
    let mut hits = 0usize;
    for (i, &key) in trace.iter().enumerate() {
        if let Some(old) = cached.insert(key, next[i]) {
            by_next.remove(&(old, key));
            hits += 1;
        } else if cached.len() > capacity
            && let Some((_, victim)) = by_next.pop_last()
        {
            cached.remove(&victim);
        }
        by_next.insert((next[i], key));
    }
    hits as f64 / trace.len() as f64
}
// ANCHOR_END: optimal
