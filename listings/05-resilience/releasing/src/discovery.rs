//! Service discovery: a registry of instances whose registrations expire
//! unless renewed by heartbeats, and a client that caches what it read.

use std::collections::BTreeMap;

/// An entry expires `ttl` seconds after its last heartbeat.
#[derive(Debug)]
pub struct Registry {
    ttl: u64,
    expires: BTreeMap<String, u64>,
}

// ANCHOR: registry
impl Registry {
    pub fn new(ttl: u64) -> Registry {
        Registry {
            ttl,
            expires: BTreeMap::new(),
        }
    }

    /// Registering and heartbeating are the same call: push the expiry on.
    pub fn heartbeat(&mut self, instance: &str, now: u64) {
        self.expires.insert(instance.into(), now + self.ttl);
    }

    pub fn deregister(&mut self, instance: &str) {
        self.expires.remove(instance);
    }

    /// The instances whose registration has not expired.
    pub fn lookup(&self, now: u64) -> Vec<String> {
        self.expires
            .iter()
            .filter(|(_, until)| **until > now)
            .map(|(name, _)| name.clone())
            .collect()
    }
}
// ANCHOR_END: registry

/// How instance `b` leaves at `STOP_AT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The process dies: no more heartbeats, no goodbye.
    Crash,
    /// It deregisters, waits out the clients' cache, then stops.
    DeregisterFirst,
}

pub const STOP_AT: u64 = 30;
pub const END: u64 = 60;

/// Three instances heartbeat every `HEARTBEAT` seconds with a `ttl`;
/// a client re-reads the registry every `cache` seconds (a DNS answer
/// with a TTL behaves like this cache) and sends 10 requests a second,
/// round robin. Returns the requests sent to `b` after it stopped.
pub fn lost_requests(exit: Exit, ttl: u64, cache: u64) -> u64 {
    const HEARTBEAT: u64 = 3;
    let mut registry = Registry::new(ttl);
    let mut cached: Vec<String> = Vec::new();
    let mut read_at = 0;
    // With deregistration, `b` stops only after every client's cache has
    // had time to drop it.
    let stops_at = match exit {
        Exit::Crash => STOP_AT,
        Exit::DeregisterFirst => STOP_AT + cache,
    };
    let mut lost = 0;
    let mut next = 0;
    for now in 0..END {
        for name in ["a", "b", "c"] {
            let alive = name != "b" || now < stops_at;
            let leaving = name == "b" && exit == Exit::DeregisterFirst && now >= STOP_AT;
            if alive && !leaving && now.is_multiple_of(HEARTBEAT) {
                registry.heartbeat(name, now);
            }
        }
        if exit == Exit::DeregisterFirst && now == STOP_AT {
            registry.deregister("b");
        }
        if now == 0 || now >= read_at + cache {
            cached = registry.lookup(now);
            read_at = now;
        }
        for _ in 0..10 {
            if cached.is_empty() {
                break;
            }
            let target = &cached[next % cached.len()];
            next += 1;
            if target == "b" && now >= stops_at {
                lost += 1;
            }
        }
    }
    lost
}
