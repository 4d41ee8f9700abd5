//! How a channel ends: drop every sender and the receiver drains what is
//! queued, then its loop stops.

use std::sync::mpsc::{self, RecvError, SendError};
use std::thread;

// ANCHOR: drain
/// Queues `messages` in a `sync_channel(bound)` with `bound >= messages`,
/// drops the only sender, and returns what each following `recv` gave.
pub fn drain_after_close(messages: u32, bound: usize) -> Vec<Result<u32, RecvError>> {
    assert!(bound >= messages as usize, "the sends must not block");
    let (tx, rx) = mpsc::sync_channel(bound);
    for message in 1..=messages {
        tx.send(message).expect("the receiver is alive");
    }
    drop(tx); // drop the only sender
    (0..=messages).map(|_| rx.recv()).collect()
}
// ANCHOR_END: drain

/// Sends `message` on a channel whose receiver is already gone.
pub fn send_after_receiver_dropped(message: u32) -> Result<(), SendError<u32>> {
    let (tx, rx) = mpsc::channel();
    drop(rx);
    tx.send(message) // the error hands the message back
}

/// What the receiver saw when several producers shared one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanIn {
    /// Messages received in all.
    pub received: usize,
    /// Whether each producer's messages arrived in the order it sent them.
    pub each_producer_in_order: bool,
}

// ANCHOR: fan_in
/// Starts `producers` threads that each send `per_producer` numbered
/// messages into one `sync_channel(bound)`, and receives until the channel
/// closes. How the producers' messages interleave differs from run to run;
/// the count and each producer's own order do not.
pub fn fan_in(producers: usize, per_producer: usize, bound: usize) -> FanIn {
    let (tx, rx) = mpsc::sync_channel::<(usize, usize)>(bound);
    for producer in 0..producers {
        let tx = tx.clone(); // one sender per producer: multi-producer
        thread::spawn(move || {
            for seq in 0..per_producer {
                // Blocks while `bound` messages are waiting: backpressure.
                tx.send((producer, seq)).expect("the receiver is alive");
            }
        }); // this producer's sender drops here
    }
    drop(tx); // or the loop below would wait for this sender forever

    let mut next_seq = vec![0; producers];
    let mut report = FanIn {
        received: 0,
        each_producer_in_order: true,
    };
    // Ends when every sender is gone and the buffer is empty.
    for (producer, seq) in rx {
        report.each_producer_in_order &= seq == next_seq[producer];
        next_seq[producer] = seq + 1;
        report.received += 1;
    }
    report
}
// ANCHOR_END: fan_in
