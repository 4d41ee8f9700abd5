//! Prints how far a queue grows between a producer that sends two messages
//! per step and a consumer that takes one, through an unbounded and a
//! bounded std channel, then how a channel closes and drains.
//! Deterministic: the pacing runs on one thread, stepped by a counter, and
//! the threaded fan-in prints only facts that hold on every run.

use mpsc_backpressure::closing::{drain_after_close, fan_in, send_after_receiver_dropped};
use mpsc_backpressure::pace::{DEMO_QUEUES, DEMO_RATES, DEMO_STEPS, Queue, run};

fn main() {
    println!(
        "Producer offers {} messages per step, consumer takes {}, for {DEMO_STEPS} steps.",
        DEMO_RATES.produce_per_step, DEMO_RATES.consume_per_step
    );
    println!(
        "{:<16} {:>6} {:>9} {:>11} {:>14} {:>17}",
        "channel", "sent", "received", "max queued", "blocked sends", "max wait (steps)"
    );
    let mut unbounded_growth = Vec::new();
    for queue in DEMO_QUEUES {
        let report = run(queue, DEMO_RATES, DEMO_STEPS);
        println!(
            "{:<16} {:>6} {:>9} {:>11} {:>14} {:>17}",
            queue.label(),
            report.sent,
            report.received,
            report.max_queued,
            report.blocked_sends,
            report.max_wait_steps
        );
        if queue == Queue::Unbounded {
            unbounded_growth = [10, 100, 1_000]
                .map(|step| format!("{} after step {step}", report.queued_after_step[step - 1]))
                .to_vec();
        }
    }
    println!("channel() queue: {}", unbounded_growth.join(", "));

    println!();
    println!("Closing: 3 messages queued, then the only sender dropped.");
    for (call, result) in drain_after_close(3, 4).iter().enumerate() {
        println!("recv #{}: {result:?}", call + 1);
    }
    println!(
        "send after the receiver dropped: {:?} (the message comes back)",
        send_after_receiver_dropped(7).map_err(|returned| returned.0)
    );

    println!();
    let report = fan_in(3, 100, 4);
    println!("Fan-in: 3 producer threads send 100 messages each into sync_channel(4).");
    println!("received: {}", report.received);
    println!(
        "each producer's messages in the order sent: {}",
        report.each_producer_in_order
    );
    println!("the receive loop ended after the last sender dropped");
}
