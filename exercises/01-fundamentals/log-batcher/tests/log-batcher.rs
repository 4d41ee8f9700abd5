//! Tests for the log-batcher exercise, on real std channels. The threaded
//! tests check only what holds on every run, whatever the timing.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use log_batcher::recv_batch;

// Pins batching: ten queued lines come out as 4, 4 and 2, in order, and then
// the closed channel ends with None.
#[test]
fn queued_messages_come_out_in_batches_of_at_most_max() {
    let (tx, rx) = mpsc::channel();
    for line in 1..=10 {
        tx.send(line).unwrap();
    }
    drop(tx);
    assert_eq!(recv_batch(&rx, 4), Some(vec![1, 2, 3, 4]));
    assert_eq!(recv_batch(&rx, 4), Some(vec![5, 6, 7, 8]));
    assert_eq!(recv_batch(&rx, 4), Some(vec![9, 10]));
    assert_eq!(recv_batch(&rx, 4), None);
}

// Pins that a batch does not wait to fill up: one queued line is a batch of
// one while the sender is still alive. The call runs on a helper thread with
// a deadline, so a version that waits for a full batch fails instead of
// hanging the test run.
#[test]
fn a_lone_message_is_not_held_back() {
    let (tx, rx) = mpsc::channel();
    tx.send("only line").unwrap();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(recv_batch(&rx, 100)));
    let batch = done_rx
        .recv_timeout(Duration::from_secs(5))
        .expect("recv_batch held a lone line back for 5 s, waiting for more");
    assert_eq!(batch, Some(vec!["only line"]));
    drop(tx);
}

// Pins closing: a channel whose senders are all gone and that holds nothing
// returns None at once, and keeps returning None.
#[test]
fn a_closed_empty_channel_returns_none() {
    let (tx, rx) = mpsc::channel::<u8>();
    drop(tx);
    assert_eq!(recv_batch(&rx, 3), None);
    assert_eq!(recv_batch(&rx, 3), None);
}

// Pins blocking: with an open but empty channel the call waits for the next
// message instead of returning an empty batch or None. The sender sleeps
// first, so the channel is surely empty when `recv_batch` starts.
#[test]
fn an_empty_open_channel_waits_for_the_next_message() {
    let (tx, rx) = mpsc::sync_channel(0);
    let sender = thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        tx.send(42).unwrap()
    });
    assert_eq!(recv_batch(&rx, 8), Some(vec![42]));
    sender.join().unwrap();
    assert_eq!(recv_batch(&rx, 8), None);
}

// Pins draining under fan-in: three producers on threads, every line
// arrives exactly once, each producer's in order, no batch is empty or too
// big, and the loop ends when the producers are done.
#[test]
fn every_line_from_every_producer_arrives_once() {
    let (tx, rx) = mpsc::sync_channel(16);
    for producer in 0..3 {
        let tx = tx.clone();
        thread::spawn(move || {
            for seq in 0..200 {
                tx.send((producer, seq)).unwrap();
            }
        });
    }
    drop(tx);
    let mut next = [0; 3];
    while let Some(batch) = recv_batch(&rx, 10) {
        assert!((1..=10).contains(&batch.len()), "batch of {}", batch.len());
        for (producer, seq) in batch {
            assert_eq!(seq, next[producer], "producer {producer} out of order");
            next[producer] += 1;
        }
    }
    assert_eq!(next, [200, 200, 200]);
}

// Pins bad input: a batch size of 0 is refused.
#[test]
#[should_panic(expected = "at least one")]
fn a_batch_size_of_zero_panics() {
    let (tx, rx) = mpsc::channel();
    tx.send(1).unwrap();
    let _ = recv_batch(&rx, 0);
}
