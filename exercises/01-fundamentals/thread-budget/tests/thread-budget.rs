//! Tests for the thread-budget exercise: the estimate on numbers small
//! enough to check by hand, then the choice for CPU-bound, tiny and
//! I/O-bound jobs, the caps, and ties.

use thread_budget::{Job, Machine, best_threads, estimate_ns};

const CPU_BOUND: Job = Job {
    items: 1_000,
    compute_ns: 1_000,
    wait_ns: 0,
};

const FOUR_CORES: Machine = Machine {
    cores: 4,
    spawn_ns: 20_000,
    max_threads: 1_000,
};

// Pins the estimate: spawning, plus the longer of the longest chunk and the
// computing shared by the cores.
#[test]
fn the_estimate_adds_spawning_to_the_longer_limit() {
    // 1 thread: 20 µs to start it, 1,000 items of 1 µs one after another.
    assert_eq!(estimate_ns(CPU_BOUND, FOUR_CORES, 1), 20_000 + 1_000_000);
    // 3 threads: the longest chunk has 334 items.
    assert_eq!(estimate_ns(CPU_BOUND, FOUR_CORES, 3), 60_000 + 334_000);
    // 4 threads: chunks and cores agree at 250 µs.
    assert_eq!(estimate_ns(CPU_BOUND, FOUR_CORES, 4), 80_000 + 250_000);
    // 8 threads: chunks of 125 items, but four cores still need 250 µs.
    assert_eq!(estimate_ns(CPU_BOUND, FOUR_CORES, 8), 160_000 + 250_000);
    // 3 cores share 1 ms of computing: 333,333.3 ns, rounded up.
    let three_cores = Machine {
        cores: 3,
        ..FOUR_CORES
    };
    assert_eq!(estimate_ns(CPU_BOUND, three_cores, 6), 120_000 + 333_334);
}

// Pins the edge cases of the estimate: zero threads and zero cores count as
// one, and a job with no items costs only the spawning.
#[test]
fn zero_threads_zero_cores_and_no_items() {
    assert_eq!(
        estimate_ns(CPU_BOUND, FOUR_CORES, 0),
        estimate_ns(CPU_BOUND, FOUR_CORES, 1)
    );
    let no_cores = Machine {
        cores: 0,
        ..FOUR_CORES
    };
    assert_eq!(estimate_ns(CPU_BOUND, no_cores, 2), 40_000 + 1_000_000);
    let empty = Job {
        items: 0,
        ..CPU_BOUND
    };
    assert_eq!(estimate_ns(empty, FOUR_CORES, 3), 60_000);
    assert_eq!(best_threads(empty, FOUR_CORES), 1);
}

// Pins the CPU-bound choice: a big job gets one thread per core, no more.
#[test]
fn a_big_cpu_bound_job_gets_one_thread_per_core() {
    let big = Job {
        items: 1_000_000,
        compute_ns: 1_000,
        wait_ns: 0,
    };
    let eight = Machine {
        cores: 8,
        spawn_ns: 20_000,
        max_threads: 10_000,
    };
    assert_eq!(best_threads(big, eight), 8);
    assert_eq!(best_threads(CPU_BOUND, FOUR_CORES), 4);
}

// Pins that spawning decides small jobs: a tiny one stays on one thread, and
// a small one uses fewer threads than there are cores.
#[test]
fn small_jobs_use_fewer_threads_than_cores() {
    let eight = Machine {
        cores: 8,
        spawn_ns: 20_000,
        max_threads: 10_000,
    };
    let tiny = Job {
        items: 10,
        compute_ns: 50,
        wait_ns: 0,
    };
    assert_eq!(best_threads(tiny, eight), 1);
    let small = Job {
        items: 1_000,
        compute_ns: 100,
        wait_ns: 0,
    };
    assert_eq!(best_threads(small, eight), 2);
}

// Pins the I/O-bound choice: items that wait 90 µs per 10 µs of computing
// keep about cores * (1 + wait / compute) threads busy, here 80.
#[test]
fn an_io_bound_job_gets_many_more_threads_than_cores() {
    let io_bound = Job {
        items: 8_000,
        compute_ns: 10_000,
        wait_ns: 90_000,
    };
    let eight = Machine {
        cores: 8,
        spawn_ns: 20_000,
        max_threads: 10_000,
    };
    assert_eq!(best_threads(io_bound, eight), 80);
    let capped = Machine {
        max_threads: 50,
        ..eight
    };
    assert_eq!(best_threads(io_bound, capped), 50);
}

// Pins the caps: never more threads than items, and `max_threads == 0`
// counts as 1.
#[test]
fn never_more_threads_than_items_or_the_cap() {
    let three_slow_items = Job {
        items: 3,
        compute_ns: 10,
        wait_ns: 1_000_000,
    };
    let free_spawns = Machine {
        cores: 64,
        spawn_ns: 0,
        max_threads: 1_000,
    };
    assert_eq!(best_threads(three_slow_items, free_spawns), 3);
    let none_allowed = Machine {
        max_threads: 0,
        ..free_spawns
    };
    assert_eq!(best_threads(three_slow_items, none_allowed), 1);
}

// Pins that the search goes past a count that does worse: the chunks'
// rounding makes the estimate rise and then fall again. 10 items of 1 ms on
// 8 cores take 2 ms on 5 threads (chunks of 2), no less on 6 to 9, and
// 1.25 ms on 10 (the cores' limit), which pays for its extra spawns.
#[test]
fn the_search_goes_past_a_count_that_does_worse() {
    let job = Job {
        items: 10,
        compute_ns: 1_000_000,
        wait_ns: 0,
    };
    let eight = Machine {
        cores: 8,
        spawn_ns: 20_000,
        max_threads: 100,
    };
    assert_eq!(estimate_ns(job, eight, 5), 100_000 + 2_000_000);
    assert_eq!(estimate_ns(job, eight, 6), 120_000 + 2_000_000);
    assert_eq!(estimate_ns(job, eight, 10), 200_000 + 1_250_000);
    assert_eq!(best_threads(job, eight), 10);
}

// Pins the tie rule: when more threads buy nothing, the fewer win.
#[test]
fn on_a_tie_the_fewer_threads_win() {
    let job = Job {
        items: 4,
        compute_ns: 10,
        wait_ns: 0,
    };
    let two_free = Machine {
        cores: 2,
        spawn_ns: 0,
        max_threads: 100,
    };
    // 2, 3 and 4 threads all take 20 ns: the two cores are the limit.
    assert_eq!(estimate_ns(job, two_free, 4), 20);
    assert_eq!(best_threads(job, two_free), 2);
}
