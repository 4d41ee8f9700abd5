//! Windows over an out-of-order stream of ride requests.
//!
//! - [`morning_rush`]: ten minutes of seeded ride requests, each with the
//!   time the phone made it (event time) and the time it reached us
//!   (processing time), delivered in arrival order.
//! - [`Windows`]: which windows an event time falls in (tumbling is
//!   hopping with `slide == size`).
//! - [`batch_counts`] and [`processing_time_counts`]: the truth, computed
//!   over all events at once, and what a clock-driven counter sees.
//! - [`Aggregator`]: the streaming version, finalising a window when the
//!   watermark passes its end, with a [`LatePolicy`] for events behind it.
//! - [`Session`] and [`add_to_sessions`]: session windows that merge.

use seeded::SplitMix64;
use std::collections::BTreeMap;

pub const SECOND: u64 = 1_000;
pub const MINUTE: u64 = 60 * SECOND;
/// 08:00:00, in milliseconds since midnight.
pub const START_MS: u64 = 8 * 60 * MINUTE;
pub const RIDERS: usize = 400;
/// One mobile carrier is down from 08:03:20 to 08:04:10; its phones keep
/// their requests and send them when it is back.
pub const OUTAGE_MS: (u64, u64) = (START_MS + 200 * SECOND, START_MS + 250 * SECOND);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub id: u32,
    pub rider: u32,
    /// When the phone made the request.
    pub event_ms: u64,
    /// When it reached the stream processor.
    pub arrival_ms: u64,
}

/// Ten minutes of requests, about 5 a second, in the order they arrive.
pub fn morning_rush(seed: u64) -> Vec<Request> {
    let mut rng = SplitMix64(seed);
    let end = START_MS + 10 * MINUTE;
    let mut now = START_MS as f64;
    let mut requests = Vec::new();
    loop {
        now += rng.exponential(200.0);
        if now >= end as f64 {
            break;
        }
        let event_ms = now as u64;
        let rider = rng.below(RIDERS) as u32;
        let roll = rng.unit();
        let mut delay = rng.exponential(800.0);
        if roll < 0.004 {
            // A straggler: the phone was offline for 2 to 8 minutes.
            delay += (2 * MINUTE + rng.below(6 * MINUTE as usize) as u64) as f64;
        } else if roll < 0.06 {
            delay += rng.exponential(10.0 * SECOND as f64); // a slow network
        }
        let mut arrival_ms = event_ms + delay as u64;
        // Two riders in five use the carrier that goes down.
        if rider % 5 < 2 && (OUTAGE_MS.0..OUTAGE_MS.1).contains(&event_ms) {
            arrival_ms = arrival_ms.max(OUTAGE_MS.1 + rng.exponential(2.0 * SECOND as f64) as u64);
        }
        let id = requests.len() as u32;
        requests.push(Request {
            id,
            rider,
            event_ms,
            arrival_ms,
        });
    }
    requests.sort_by_key(|r| (r.arrival_ms, r.id));
    requests
}

// ANCHOR: windows
/// Windows of `size_ms`, one starting every `slide_ms` (hopping, called
/// sliding in Flink and Beam). `slide_ms == size_ms` makes them tumbling.
#[derive(Debug, Clone, Copy)]
pub struct Windows {
    pub size_ms: u64,
    pub slide_ms: u64,
}

impl Windows {
    pub fn tumbling(size_ms: u64) -> Windows {
        Windows::hopping(size_ms, size_ms)
    }

    pub fn hopping(size_ms: u64, slide_ms: u64) -> Windows {
        assert!(
            slide_ms > 0 && slide_ms <= size_ms,
            "need 0 < slide <= size"
        );
        Windows { size_ms, slide_ms }
    }

    /// Starts of the windows that hold time `t`: [start, start + size).
    pub fn starts(&self, t: u64) -> impl Iterator<Item = u64> + use<> {
        let last = t - t % self.slide_ms;
        let (size, slide) = (self.size_ms, self.slide_ms);
        (0..size.div_ceil(slide))
            .map(move |k| k * slide)
            .take_while(move |&back| back <= last)
            .map(move |back| last - back)
            .filter(move |&start| t < start + size)
    }
}
// ANCHOR_END: windows

/// Counts per window start, over every event, by event time: the batch
/// answer that a streaming job tries to reach.
pub fn batch_counts(requests: &[Request], windows: Windows) -> BTreeMap<u64, u64> {
    let mut counts = BTreeMap::new();
    for r in requests {
        for start in windows.starts(r.event_ms) {
            *counts.entry(start).or_insert(0) += 1;
        }
    }
    counts
}

/// Counts per window start by the time each request arrived.
pub fn processing_time_counts(requests: &[Request], windows: Windows) -> BTreeMap<u64, u64> {
    let mut counts = BTreeMap::new();
    for r in requests {
        for start in windows.starts(r.arrival_ms) {
            *counts.entry(start).or_insert(0) += 1;
        }
    }
    counts
}

/// What happens to an event whose window was already emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatePolicy {
    /// Count it nowhere (Flink's and Beam's default).
    Drop,
    /// Pass it on, unchanged, on a second output for someone to handle.
    SideOutput,
    /// Keep each emitted window for `keep_ms` more of watermark, and emit
    /// a corrected count for every late event that arrives in that time.
    Update { keep_ms: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firing {
    /// The watermark passed the window's end: the result is final.
    OnTime,
    /// A late event changed an emitted result.
    Late,
    /// The input ended; the job closes what is still open.
    EndOfInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emitted {
    pub start_ms: u64,
    pub count: u64,
    pub firing: Firing,
    /// Processing time of the emission: the arrival of the event that
    /// moved the watermark (or the late event that changed the result).
    pub at_ms: u64,
}

/// One run of the streaming job over a stream.
#[derive(Debug, Default)]
pub struct Outcome {
    pub emitted: Vec<Emitted>,
    pub side_output: Vec<Request>,
    /// Events counted in no window.
    pub dropped: u64,
    /// The most windows held in memory at once.
    pub peak_windows: usize,
}

impl Outcome {
    /// The last count emitted for each window.
    pub fn final_counts(&self) -> BTreeMap<u64, u64> {
        self.emitted.iter().map(|e| (e.start_ms, e.count)).collect()
    }
}

// ANCHOR: aggregator
/// Counts events per window by event time, as they arrive.
pub struct Aggregator {
    windows: Windows,
    /// How far behind the newest event time the watermark stays; `None`
    /// waits for the end of the input.
    bound_ms: Option<u64>,
    policy: LatePolicy,
    max_seen_ms: u64,
    open: BTreeMap<u64, u64>,   // window start -> count, not yet emitted
    closed: BTreeMap<u64, u64>, // emitted, kept for late updates
    out: Outcome,
}

impl Aggregator {
    /// The watermark: "no event older than this is still to come".
    pub fn watermark_ms(&self) -> u64 {
        match self.bound_ms {
            Some(bound) => self.max_seen_ms.saturating_sub(bound),
            None => 0,
        }
    }

    pub fn on_event(&mut self, r: &Request) {
        let watermark = self.watermark_ms();
        let mut counted = false;
        for start in self.windows.starts(r.event_ms) {
            if start + self.windows.size_ms > watermark {
                *self.open.entry(start).or_insert(0) += 1; // still open
                counted = true;
            } else if let LatePolicy::Update { keep_ms } = self.policy
                && start + self.windows.size_ms + keep_ms > watermark
            {
                let count = self.closed.entry(start).or_insert(0);
                *count += 1;
                let (count, at_ms) = (*count, r.arrival_ms);
                self.emit(start, count, Firing::Late, at_ms);
                counted = true;
            }
        }
        if !counted {
            match self.policy {
                LatePolicy::SideOutput => self.out.side_output.push(*r),
                _ => self.out.dropped += 1,
            }
        }
        self.out.peak_windows = self
            .out
            .peak_windows
            .max(self.open.len() + self.closed.len());
        self.max_seen_ms = self.max_seen_ms.max(r.event_ms);
        self.fire(self.watermark_ms(), Firing::OnTime, r.arrival_ms);
    }

    /// Emits, in order, every open window that ends at or before `watermark`.
    fn fire(&mut self, watermark: u64, firing: Firing, at_ms: u64) {
        let size = self.windows.size_ms;
        while let Some((&start, &count)) = self.open.first_key_value() {
            if start + size > watermark {
                break;
            }
            self.open.remove(&start);
            self.emit(start, count, firing, at_ms);
            if let LatePolicy::Update { .. } = self.policy {
                self.closed.insert(start, count);
            }
        }
        if let LatePolicy::Update { keep_ms } = self.policy {
            self.closed
                .retain(|&start, _| start + size + keep_ms > watermark);
        }
    }
    // ANCHOR_END: aggregator

    pub fn new(windows: Windows, bound_ms: Option<u64>, policy: LatePolicy) -> Aggregator {
        Aggregator {
            windows,
            bound_ms,
            policy,
            max_seen_ms: 0,
            open: BTreeMap::new(),
            closed: BTreeMap::new(),
            out: Outcome::default(),
        }
    }

    fn emit(&mut self, start_ms: u64, count: u64, firing: Firing, at_ms: u64) {
        self.out.emitted.push(Emitted {
            start_ms,
            count,
            firing,
            at_ms,
        });
    }

    /// The input has ended: the watermark jumps to the end of time.
    pub fn finish(mut self, at_ms: u64) -> Outcome {
        self.fire(u64::MAX, Firing::EndOfInput, at_ms);
        self.out
    }
}

/// Runs a whole stream through an aggregator.
pub fn run(
    requests: &[Request],
    windows: Windows,
    bound_ms: Option<u64>,
    policy: LatePolicy,
) -> Outcome {
    let mut job = Aggregator::new(windows, bound_ms, policy);
    for r in requests {
        job.on_event(r);
    }
    let last = requests.last().map_or(0, |r| r.arrival_ms);
    job.finish(last)
}

/// A session: events of one key with no gap longer than the session gap.
/// It covers [first event, last event + gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Session {
    pub start_ms: u64,
    pub end_ms: u64,
    pub events: u64,
}

// ANCHOR: sessions
/// Adds an event at `t` to one key's sessions (sorted by start): it opens
/// [t, t + gap), which absorbs every session it touches or overlaps.
/// Returns how many existing sessions it absorbed.
pub fn add_to_sessions(sessions: &mut Vec<Session>, t: u64, gap_ms: u64) -> usize {
    let mut merged = Session {
        start_ms: t,
        end_ms: t + gap_ms,
        events: 1,
    };
    let before = sessions.len();
    sessions.retain(|s| {
        let touches = s.start_ms <= merged.end_ms && merged.start_ms <= s.end_ms;
        if touches {
            merged.start_ms = merged.start_ms.min(s.start_ms);
            merged.end_ms = merged.end_ms.max(s.end_ms);
            merged.events += s.events;
        }
        !touches
    });
    let absorbed = before - sessions.len();
    let at = sessions.partition_point(|s| s.start_ms < merged.start_ms);
    sessions.insert(at, merged);
    absorbed
}
// ANCHOR_END: sessions

/// Sessions of one key computed in one pass over its sorted event times.
pub fn batch_sessions(times: &[u64], gap_ms: u64) -> Vec<Session> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let mut sessions: Vec<Session> = Vec::new();
    for t in sorted {
        match sessions.last_mut() {
            Some(s) if t <= s.end_ms => {
                s.end_ms = t + gap_ms;
                s.events += 1;
            }
            _ => sessions.push(Session {
                start_ms: t,
                end_ms: t + gap_ms,
                events: 1,
            }),
        }
    }
    sessions
}

/// "08:03:20" for a time in milliseconds since midnight.
pub fn clock(ms: u64) -> String {
    let s = ms / SECOND;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}
