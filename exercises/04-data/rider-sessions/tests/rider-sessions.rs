//! The specification of `SessionJob`.

use rider_sessions::{Session, SessionJob};
use seeded::SplitMix64;

const GAP: u64 = 30;

fn session(rider: u32, start_ms: u64, end_ms: u64, events: u64) -> Session {
    Session {
        rider,
        start_ms,
        end_ms,
        events,
    }
}

/// Feeds (rider, time) pairs in order; every session closed, in order.
fn run(job: &mut SessionJob, events: &[(u32, u64)]) -> Vec<Session> {
    let mut closed = Vec::new();
    for &(rider, t) in events {
        closed.extend(job.on_event(rider, t));
    }
    closed.extend(job.finish());
    closed
}

/// Sessions of each rider from all events at once, sorted by rider and start.
fn batch(events: &[(u32, u64)], gap: u64) -> Vec<Session> {
    let mut sorted = events.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<Session> = Vec::new();
    for (rider, t) in sorted {
        match out.last_mut() {
            Some(s) if s.rider == rider && t <= s.end_ms => {
                s.end_ms = t + gap;
                s.events += 1;
            }
            _ => out.push(session(rider, t, t + gap, 1)),
        }
    }
    out
}

// The chapter's rider: a late request bridges two sessions into one.
#[test]
fn a_bridging_event_merges_two_sessions() {
    let mut job = SessionJob::new(GAP, 1_000);
    let closed = run(
        &mut job,
        &[(1, 0), (1, 20), (1, 40), (1, 90), (1, 110), (1, 65)],
    );
    assert_eq!(closed, vec![session(1, 0, 140, 6)]);
}

// Merging keeps the start of the earliest and the end of the latest.
#[test]
fn an_event_before_a_session_extends_it_backwards() {
    let mut job = SessionJob::new(GAP, 1_000);
    let closed = run(&mut job, &[(1, 100), (1, 80), (1, 50)]);
    assert_eq!(closed, vec![session(1, 50, 130, 3)]);
}

// A request exactly one gap after a session belongs to it; one more
// millisecond starts a new session.
#[test]
fn a_session_reaches_exactly_one_gap() {
    let mut job = SessionJob::new(GAP, 1_000);
    let closed = run(&mut job, &[(1, 0), (1, 30), (1, 91)]);
    assert_eq!(closed, vec![session(1, 0, 60, 2), session(1, 91, 121, 1)]);
}

// Sessions are per rider: two riders' requests never merge.
#[test]
fn riders_have_their_own_sessions() {
    let mut job = SessionJob::new(GAP, 1_000);
    let closed = run(&mut job, &[(2, 0), (1, 10), (2, 20)]);
    assert_eq!(closed, vec![session(1, 10, 40, 1), session(2, 0, 50, 2)]);
}

// A session closes when the watermark reaches its end, not before.
#[test]
fn a_session_closes_when_the_watermark_reaches_its_end() {
    let mut job = SessionJob::new(GAP, 10);
    assert_eq!(job.on_event(1, 0), vec![]); // session [0, 30)
    assert_eq!(job.on_event(2, 39), vec![], "watermark 29 < 30");
    assert_eq!(
        job.on_event(2, 40),
        vec![session(1, 0, 30, 1)],
        "watermark 30"
    );
    assert_eq!(job.finish(), vec![session(2, 39, 70, 2)]);
}

// An old request that falls in a session still open is counted, not late:
// its own [t, t + gap) is behind the watermark, but the session is not.
#[test]
fn an_old_event_inside_an_open_session_is_counted() {
    let mut job = SessionJob::new(GAP, 10);
    for t in [0, 25, 50, 70] {
        job.on_event(1, t); // rider 1: [0, 100)
    }
    job.on_event(2, 95); // watermark 85
    assert_eq!(
        job.on_event(1, 20),
        vec![],
        "20 + 30 <= 85, but [0, 100) is open"
    );
    assert!(job.late.is_empty());
    assert_eq!(
        job.finish(),
        vec![session(1, 0, 100, 5), session(2, 95, 125, 1)]
    );
}

// A request whose session would already be over goes to the side output,
// and is counted in no session.
#[test]
fn an_event_behind_every_open_session_goes_to_the_side_output() {
    let mut job = SessionJob::new(GAP, 10);
    job.on_event(2, 100); // watermark 90
    assert_eq!(job.on_event(1, 50), vec![], "[50, 80) ends before 90");
    assert_eq!(job.late, vec![(1, 50)]);
    assert_eq!(
        job.on_event(1, 60),
        vec![],
        "[60, 90) ends at the watermark"
    );
    assert_eq!(job.late, vec![(1, 50), (1, 60)]);
    assert_eq!(job.finish(), vec![session(2, 100, 130, 1)]);
}

// A closed session is final: a request near it starts a new session and the
// closed one is never emitted again.
#[test]
fn a_closed_session_is_never_emitted_again() {
    let mut job = SessionJob::new(GAP, 10);
    job.on_event(1, 0); // [0, 30)
    let closed = job.on_event(2, 40); // watermark 30
    assert_eq!(closed, vec![session(1, 0, 30, 1)]);
    assert_eq!(job.on_event(1, 25), vec![], "25 + 30 > 30: on time");
    assert_eq!(
        job.finish(),
        vec![session(1, 25, 55, 1), session(2, 40, 70, 1)]
    );
}

// The watermark only moves forward: an old event does not pull it back.
#[test]
fn the_watermark_never_moves_back() {
    let mut job = SessionJob::new(GAP, 10);
    job.on_event(1, 100);
    job.on_event(2, 5);
    assert_eq!(job.watermark_ms(), Some(90));
}

/// A seeded stream: riders' requests, delivered with delays (some long).
fn stream(seed: u64) -> Vec<(u32, u64)> {
    let mut rng = SplitMix64(seed);
    let mut t = 0u64;
    let mut events: Vec<(u64, u32, u64)> = Vec::new(); // (arrival, rider, time)
    for _ in 0..80 {
        t += rng.below(20) as u64;
        let rider = rng.below(4) as u32;
        let delay = if rng.below(10) == 0 {
            rng.below(300) as u64
        } else {
            rng.below(15) as u64
        };
        events.push((t + delay, rider, t));
    }
    events.sort_unstable();
    events.into_iter().map(|(_, rider, t)| (rider, t)).collect()
}

// With a bound no delay reaches, the job equals the batch, in any arrival
// order, over many seeds.
#[test]
fn with_a_large_bound_it_equals_the_batch() {
    for seed in 0..500 {
        let events = stream(seed);
        let mut job = SessionJob::new(GAP, 10_000);
        let mut closed = run(&mut job, &events);
        closed.sort_unstable();
        assert!(job.late.is_empty(), "seed {seed}");
        assert_eq!(closed, batch(&events, GAP), "seed {seed}");
        let mut reversed = events.clone();
        reversed.reverse();
        let mut job = SessionJob::new(GAP, 10_000);
        let mut closed = run(&mut job, &reversed);
        closed.sort_unstable();
        assert_eq!(closed, batch(&events, GAP), "seed {seed}, reversed");
    }
}

// With a tight bound: every event is in exactly one emitted session or on
// the side output, each session is emitted once, and only after the
// watermark reached its end.
#[test]
fn with_a_tight_bound_nothing_is_lost_or_repeated() {
    let mut late_seen = 0;
    for seed in 0..500 {
        let events = stream(seed);
        let mut job = SessionJob::new(GAP, 20);
        let mut closed = Vec::new();
        for &(rider, t) in &events {
            for s in job.on_event(rider, t) {
                let w = job.watermark_ms().unwrap();
                assert!(s.end_ms <= w, "seed {seed}: {s:?} closed at watermark {w}");
                closed.push(s);
            }
        }
        closed.extend(job.finish());
        let counted: u64 = closed.iter().map(|s| s.events).sum();
        assert_eq!(
            counted + job.late.len() as u64,
            events.len() as u64,
            "seed {seed}"
        );
        let mut unique = closed.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            closed.len(),
            "seed {seed}: a session emitted twice"
        );
        for &(rider, t) in &job.late {
            assert!(events.contains(&(rider, t)));
        }
        late_seen += job.late.len();
    }
    assert!(late_seen > 0, "the seeds must produce late events");
}
