//! A producer that is faster than its consumer, stepped by a counter.
//!
//! Real threads would make the counts depend on timing. Instead one loop
//! plays both sides: in each step the producer offers its messages, then the
//! consumer takes its share. The channels are the real std ones.

use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError, TrySendError};

/// Which channel sits between producer and consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// `mpsc::channel()`: `send` never waits, the buffer has no limit.
    Unbounded,
    /// `mpsc::sync_channel(bound)`: at most `bound` messages wait; a send to
    /// a full channel waits for the consumer.
    Bounded(usize),
}

impl Queue {
    /// The name the printed table uses.
    pub fn label(self) -> String {
        match self {
            Queue::Unbounded => "channel()".to_string(),
            Queue::Bounded(bound) => format!("sync_channel({bound})"),
        }
    }
}

/// How fast each side goes, in messages per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// Messages the producer wants to send each step.
    pub produce_per_step: usize,
    /// Messages the consumer takes each step.
    pub consume_per_step: usize,
}

/// What happened over a whole run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Messages that made it into the channel.
    pub sent: usize,
    /// Messages the consumer took out.
    pub received: usize,
    /// The most messages waiting in the channel at once.
    pub max_queued: usize,
    /// Sends that found the channel full; with a blocking `send`, the
    /// producer would sleep at each of these until the consumer made room.
    pub blocked_sends: usize,
    /// The longest a received message had waited, in steps.
    pub max_wait_steps: usize,
    /// Messages waiting after each step, step 1 first.
    pub queued_after_step: Vec<usize>,
    /// The longest a message received in each step had waited, step 1
    /// first (0 in a step that received nothing).
    pub waited_in_step: Vec<usize>,
}

/// The sending half of either kind of channel. Each message is the step in
/// which it was produced, so the consumer can tell how long it waited.
enum Producer {
    Unbounded(Sender<usize>),
    Bounded(SyncSender<usize>),
}

// ANCHOR: offer
impl Producer {
    /// Offers one message. `Err` hands it back: the channel is full, and a
    /// real producer calling `send` would block right here.
    fn offer(&self, message: usize) -> Result<(), usize> {
        match self {
            // Never full: the buffer grows as long as there is memory.
            Producer::Unbounded(tx) => tx.send(message).map_err(|e| e.0),
            Producer::Bounded(tx) => match tx.try_send(message) {
                Ok(()) => Ok(()),
                Err(TrySendError::Full(message)) => Err(message),
                Err(TrySendError::Disconnected(message)) => Err(message),
            },
        }
    }
}
// ANCHOR_END: offer

fn open(queue: Queue) -> (Producer, Receiver<usize>) {
    match queue {
        Queue::Unbounded => {
            let (tx, rx) = mpsc::channel();
            (Producer::Unbounded(tx), rx)
        }
        Queue::Bounded(bound) => {
            let (tx, rx) = mpsc::sync_channel(bound);
            (Producer::Bounded(tx), rx)
        }
    }
}

// ANCHOR: run
/// Runs `steps` steps of a producer and a consumer joined by `queue`.
pub fn run(queue: Queue, rates: Rates, steps: usize) -> Report {
    let (producer, consumer) = open(queue);
    let mut report = Report::default();
    for step in 1..=steps {
        // The producer's turn. At the first send that would block, a real
        // producer would sleep for the rest of the step, so it stops: it
        // produces less overall, at the pace the consumer sets.
        for _ in 0..rates.produce_per_step {
            match producer.offer(step) {
                Ok(()) => report.sent += 1,
                Err(_) => {
                    report.blocked_sends += 1;
                    break;
                }
            }
        }
        let queued = report.sent - report.received;
        report.max_queued = report.max_queued.max(queued);

        // The consumer's turn: one message at a time, oldest first.
        let mut longest_wait = 0;
        for _ in 0..rates.consume_per_step {
            match consumer.try_recv() {
                Ok(sent_in_step) => {
                    report.received += 1;
                    longest_wait = longest_wait.max(step - sent_in_step);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => unreachable!("the producer is alive"),
            }
        }
        report.max_wait_steps = report.max_wait_steps.max(longest_wait);
        report.queued_after_step.push(report.sent - report.received);
        report.waited_in_step.push(longest_wait);
    }
    report
}
// ANCHOR_END: run

/// The run `main.rs` prints and `bin/figures.rs` draws: a producer that
/// offers two messages a step, a consumer that takes one, for 1000 steps,
/// through each of `DEMO_QUEUES`.
pub const DEMO_STEPS: usize = 1_000;
pub const DEMO_RATES: Rates = Rates {
    produce_per_step: 2,
    consume_per_step: 1,
};
pub const DEMO_QUEUES: [Queue; 2] = [Queue::Unbounded, Queue::Bounded(8)];
