//! The request log: one simulated month of a checkout service.

use seeded::SplitMix64;

use crate::sli::Counts;

/// The seed of the month the chapter prints.
pub const SEED: u64 = 2026;

pub const MINUTES_PER_DAY: usize = 24 * 60;
pub const DAYS: usize = 30;
pub const MINUTES: usize = DAYS * MINUTES_PER_DAY;
/// The latency SLI's bound: a request answered in less is fast.
pub const FAST_MS: u32 = 300;

/// One line of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub minute: usize,
    /// The load balancer's health probe, `GET /healthz`.
    pub health_check: bool,
    pub status: u16,
    pub latency_ms: u32,
}

/// Something that happens to the service: from `start` (a minute of the
/// month) for `minutes`, a share of requests fail and answers slow down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    pub name: &'static str,
    pub start: usize,
    pub minutes: usize,
    pub error_rate: f64,
    pub latency_mean_ms: f64,
}

impl Event {
    pub fn end(&self) -> usize {
        self.start + self.minutes
    }
}

/// The service on a normal minute.
pub const NORMAL_ERROR_RATE: f64 = 0.0003;
pub const NORMAL_LATENCY_MEAN_MS: f64 = 40.0;

const fn at(day: usize, hour: usize, minute: usize) -> usize {
    (day - 1) * MINUTES_PER_DAY + hour * 60 + minute
}

const fn blip(day: usize) -> Event {
    Event {
        name: "deploy blip",
        start: at(day, 11, 0),
        minutes: 2,
        error_rate: 0.06,
        latency_mean_ms: 40.0,
    }
}

// ANCHOR: events
/// What goes wrong this month. Deploys restart instances and fail 6% of
/// requests for two minutes; a bad config on day 10 fails 1.2% for eight
/// hours; on day 18 a database failover fails 20% for 45 minutes.
pub const EVENTS: [Event; 7] = [
    blip(3),
    blip(8),
    Event {
        name: "slow burn",
        start: at(10, 2, 0),
        minutes: 8 * 60,
        error_rate: 0.012,
        latency_mean_ms: 40.0,
    },
    blip(15),
    Event {
        name: "incident",
        start: at(18, 14, 0),
        minutes: 45,
        error_rate: 0.20,
        latency_mean_ms: 400.0,
    },
    blip(21),
    blip(27),
];
// ANCHOR_END: events

/// `day D HH:MM` for a minute of the month.
pub fn clock(minute: usize) -> String {
    let day = minute / MINUTES_PER_DAY + 1;
    let in_day = minute % MINUTES_PER_DAY;
    format!("day {day} {:02}:{:02}", in_day / 60, in_day % 60)
}

/// The month's log, kept as what the SLIs need: per minute, the count of
/// valid requests, of those that failed, and of those that were slow.
pub struct Month {
    pub availability: Vec<Counts>,
    pub latency: Vec<Counts>,
    pub requests: u64,
    pub health_checks: u64,
    /// The health checks, had they been counted as valid: all good.
    pub health_checks_good: u64,
}

impl Month {
    /// Generates every request of the month from `seed` and folds each one
    /// into its minute's counts.
    pub fn generate(seed: u64, events: &[Event]) -> Month {
        let mut rng = SplitMix64(seed);
        let mut month = Month {
            availability: vec![Counts::default(); MINUTES],
            latency: vec![Counts::default(); MINUTES],
            requests: 0,
            health_checks: 0,
            health_checks_good: 0,
        };
        for minute in 0..MINUTES {
            for request in requests_in(minute, events, &mut rng) {
                month.record(&request);
            }
        }
        month
    }

    // ANCHOR: record
    /// One log line into the SLIs. Health checks are not users: the load
    /// balancer's probe succeeds while users fail (a gray failure), so
    /// counting it would hide part of every outage.
    pub fn record(&mut self, request: &Request) {
        self.requests += 1;
        if request.health_check {
            self.health_checks += 1;
            self.health_checks_good += u64::from(request.status < 500);
            return;
        }
        // 4xx is the client's mistake, answered correctly: a good event.
        let available = request.status < 500;
        let fast = request.latency_ms < FAST_MS;
        self.availability[request.minute].add(available);
        self.latency[request.minute].add(fast);
    }
    // ANCHOR_END: record
}

/// The requests of one minute: 80 to 120 from users, and a health check
/// every 10 seconds.
fn requests_in(minute: usize, events: &[Event], rng: &mut SplitMix64) -> Vec<Request> {
    let event = events.iter().find(|e| (e.start..e.end()).contains(&minute));
    let (error_rate, latency_mean_ms) = match event {
        Some(e) => (e.error_rate, e.latency_mean_ms),
        None => (NORMAL_ERROR_RATE, NORMAL_LATENCY_MEAN_MS),
    };
    let users = 80 + rng.below(41);
    let mut requests = Vec::with_capacity(users + 6);
    for _ in 0..users {
        let failed = rng.unit() <= error_rate;
        let client_error = rng.below(50) == 0;
        let status = match (failed, client_error) {
            (true, _) => 503,
            (false, true) => 404,
            (false, false) => 200,
        };
        let latency_ms = 20 + rng.exponential(latency_mean_ms) as u32;
        requests.push(Request {
            minute,
            health_check: false,
            status,
            latency_ms,
        });
    }
    for _ in 0..6 {
        requests.push(Request {
            minute,
            health_check: true,
            status: 200,
            latency_ms: 2,
        });
    }
    requests
}
