//! Runs the chapter's programs on the std-only executor and prints the poll
//! log. Deterministic: one thread, and a fake clock that moves only when the
//! executor jumps it to the next timer.

use tiny_executor::breakfast::{boil_kettle, boil_kettle_naive, make_toast};
use tiny_executor::executor::{Executor, TaskReport};

fn main() {
    println!("The naive sleep: a kettle that waits 30ms and forgets its waker.");
    let mut executor = Executor::new();
    executor.spawn(
        "kettle",
        boil_kettle_naive(executor.clock(), executor.log()),
    );
    let reports = executor.run();
    print_run(&executor, &reports);

    println!();
    println!("The sleep that registers its waker: kettle (30ms) and toast (20ms + 20ms).");
    // ANCHOR: lazy
    let mut executor = Executor::new();
    let kettle = boil_kettle(executor.clock(), executor.log());
    let toast = make_toast(executor.clock(), executor.log());
    println!(
        "two futures created, log lines so far: {}",
        executor.log().lines().len()
    );
    executor.spawn("kettle", kettle);
    executor.spawn("toast", toast);
    println!(
        "two tasks spawned, log lines so far: {}",
        executor.log().lines().len()
    );
    let reports = executor.run();
    // ANCHOR_END: lazy
    print_run(&executor, &reports);
}

fn print_run(executor: &Executor, reports: &[TaskReport]) {
    for line in executor.log().lines() {
        println!("{line}");
    }
    for report in reports {
        let state = if report.finished {
            "finished"
        } else {
            "STUCK, still pending"
        };
        println!("{}: {state} after {} poll(s)", report.name, report.polls);
    }
}
