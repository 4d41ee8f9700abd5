//! Properties of the queue policies and of the bulkhead run.

use load_shedding::bulkhead;
use load_shedding::sim::{self, Class, MS, Policy, Queue, Request, Workload};
use std::sync::Arc;
use tokio::sync::Semaphore;

fn workload(seed: u64) -> Workload {
    Workload {
        seed,
        workers: 4,
        mean_service: 10 * MS,
        load: 2.0,
        duration: 10_000 * MS,
        timeout: 100 * MS,
        critical_percent: 25,
    }
}

fn req(arrival: u64, class: Class) -> Request {
    Request {
        arrival,
        deadline: arrival + 100 * MS,
        service: 10 * MS,
        class,
    }
}

#[test]
fn the_workload_is_the_same_on_every_run() {
    let a = workload(2015).requests();
    let b = workload(2015).requests();
    assert_eq!(a.len(), b.len());
    assert!(
        a.iter()
            .zip(&b)
            .all(|(x, y)| x.arrival == y.arrival && x.service == y.service)
    );
}

// Pins: with no bound, nothing is refused, and under 2x load almost every
// answer comes after its deadline, on several seeds.
#[test]
fn an_unbounded_queue_answers_almost_everything_late() {
    for seed in [1, 2, 2015] {
        let requests = workload(seed).requests();
        let r = sim::run(&requests, 4, Policy::Unbounded);
        assert_eq!(r.rejected + r.dropped, 0);
        assert!(
            r.in_time * 20 < r.offered,
            "seed {seed}: {} in time",
            r.in_time
        );
    }
}

// Pins: every policy that sheds keeps goodput near capacity (400/s for 10 s)
// and answers within the timeout at p99, on several seeds.
#[test]
fn shedding_policies_keep_goodput_near_capacity() {
    for seed in [1, 2, 2015] {
        let requests = workload(seed).requests();
        for policy in [
            Policy::Bounded { capacity: 16 },
            Policy::CoDelLifo {
                target: 5 * MS,
                interval: 100 * MS,
            },
            Policy::Priority {
                capacity: 16,
                best_effort_limit: 8,
            },
        ] {
            let r = sim::run(&requests, 4, policy);
            assert!(r.in_time > 3_600, "seed {seed} {policy:?}: {}", r.in_time);
            assert!(r.percentile(99) <= 100 * MS, "seed {seed} {policy:?}");
        }
    }
}

// Pins: priority admission serves nearly all critical requests, and still
// serves some best-effort ones: it sheds a class, it does not starve it.
#[test]
fn priority_serves_critical_first_without_starving_best_effort() {
    let requests = workload(2015).requests();
    let r = sim::run(
        &requests,
        4,
        Policy::Priority {
            capacity: 16,
            best_effort_limit: 8,
        },
    );
    assert!(r.in_time_critical * 100 >= r.offered_critical * 99);
    assert!(r.in_time_best_effort * 4 > r.offered_best_effort);
    let fifo = sim::run(&requests, 4, Policy::Bounded { capacity: 16 });
    assert!(r.in_time_critical > fifo.in_time_critical);
}

// Pins: "drop expired" loses to the bounded queue because it checks only
// whether the deadline has passed, not the queue itself: with a margin for
// the service time its goodput comes back, but every answer still waits
// most of the timeout, where the bounded queue's median is half of it.
#[test]
fn drop_expired_loses_to_its_check_and_a_margin_still_leaves_a_standing_queue() {
    for seed in [1, 2, 2015] {
        let requests = workload(seed).requests();
        let bounded = sim::run(&requests, 4, Policy::Bounded { capacity: 16 });
        let expired = sim::run(&requests, 4, Policy::DropExpired);
        let margin = sim::run(&requests, 4, Policy::DropUnlikely { margin: 20 * MS });
        assert!(expired.in_time * 3 < bounded.in_time, "seed {seed}");
        assert!(margin.in_time * 10 > bounded.in_time * 8, "seed {seed}");
        assert!(margin.percentile(50) > 75 * MS, "seed {seed}");
        assert!(bounded.percentile(50) < 50 * MS, "seed {seed}");
    }
}

#[test]
fn a_bounded_queue_refuses_at_the_door() {
    let mut q = Queue::new(Policy::Bounded { capacity: 2 });
    for t in 0..3 {
        q.offer(req(t, Class::BestEffort), t);
    }
    assert_eq!((q.len(), q.rejected), (2, 1));
}

#[test]
fn drop_expired_never_serves_a_request_past_its_deadline() {
    let mut q = Queue::new(Policy::DropExpired);
    q.offer(req(0, Class::BestEffort), 0);
    q.offer(req(50 * MS, Class::BestEffort), 50 * MS);
    let served = q.take(120 * MS).expect("the second is still fresh");
    assert_eq!(served.arrival, 50 * MS);
    assert_eq!(q.dropped, 1);
}

// Pins: adaptive LIFO serves in arrival order while the queue is young, and
// newest first once it has not been empty for an interval; CoDel gives
// arrivals to a standing queue the short timeout.
#[test]
fn codel_switches_to_lifo_and_short_timeouts_on_a_standing_queue() {
    let policy = Policy::CoDelLifo {
        target: 5 * MS,
        interval: 100 * MS,
    };
    let mut q = Queue::new(policy);
    q.offer(req(0, Class::BestEffort), 0);
    q.offer(req(MS, Class::BestEffort), MS);
    assert_eq!(q.take(2 * MS).map(|r| r.arrival), Some(0));

    let mut q = Queue::new(policy);
    for t in [0, 10 * MS, 20 * MS] {
        q.offer(req(t, Class::BestEffort), t);
    }
    // Not empty since 0: at 150 ms the queue is standing.
    q.offer(req(150 * MS, Class::BestEffort), 150 * MS);
    q.offer(req(151 * MS, Class::BestEffort), 151 * MS);
    assert_eq!(q.take(152 * MS).map(|r| r.arrival), Some(151 * MS));
    // The 150 ms arrival had 5 ms: at 160 ms it is dropped, as are the
    // three from the first 100 ms, whose 100 ms have run out.
    assert_eq!(q.take(160 * MS), None);
    assert_eq!(q.dropped, 4);
}

// Pins: one shared pool lets the slow downstream starve the healthy one;
// separate pools keep the healthy one answering every call.
#[tokio::test(start_paused = true)]
async fn bulkheads_keep_the_healthy_downstream_serving() {
    let shared = Arc::new(Semaphore::new(20));
    let one = bulkhead::run(shared.clone(), shared).await;
    let two = bulkhead::run(Arc::new(Semaphore::new(10)), Arc::new(Semaphore::new(10))).await;
    assert!(one.search.answered < 100, "{one:?}");
    assert_eq!((two.search.answered, two.search.shed), (500, 0));
    assert_eq!(two.reviews.answered, 20);
}
