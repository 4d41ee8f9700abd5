//! Tests for the causal-delivery exercise. Members are 0 (Ann), 1 (Bob) and
//! 2 (Cat); each test is one inbox receiving messages in some network order.

use causal_delivery::{CausalInbox, InboxError, Message};

fn msg(sender: usize, stamp: &[u64], body: &str) -> Message {
    Message {
        sender,
        stamp: stamp.to_vec(),
        body: body.to_string(),
    }
}

fn bodies(messages: &[Message]) -> Vec<&str> {
    messages.iter().map(|m| m.body.as_str()).collect()
}

// Pins the easy case: messages arriving in causal order are delivered at once.
#[test]
fn in_order_messages_are_delivered_immediately() {
    let mut cat = CausalInbox::new(3);
    let out = cat.receive(msg(0, &[1, 0, 0], "lunch?")).unwrap();
    assert_eq!(bodies(&out), ["lunch?"]);
    let out = cat.receive(msg(1, &[1, 1, 0], "yes!")).unwrap();
    assert_eq!(bodies(&out), ["yes!"]);
    assert_eq!(cat.delivered(), [1, 1, 0]);
}

// Pins the point of the exercise: a reply that overtakes the question waits
// for it, and both come out in causal order when the question arrives.
#[test]
fn a_reply_waits_for_the_message_it_answers() {
    let mut cat = CausalInbox::new(3);
    let out = cat.receive(msg(1, &[1, 1, 0], "yes!")).unwrap();
    assert!(out.is_empty());
    assert_eq!(cat.waiting(), 1);
    let out = cat.receive(msg(0, &[1, 0, 0], "lunch?")).unwrap();
    assert_eq!(bodies(&out), ["lunch?", "yes!"]);
    assert_eq!(cat.waiting(), 0);
}

// Pins FIFO per sender: Ann's second message waits for her first.
#[test]
fn a_senders_messages_come_out_in_order() {
    let mut bob = CausalInbox::new(3);
    assert!(
        bob.receive(msg(0, &[2, 0, 0], "second"))
            .unwrap()
            .is_empty()
    );
    let out = bob.receive(msg(0, &[1, 0, 0], "first")).unwrap();
    assert_eq!(bodies(&out), ["first", "second"]);
}

// Pins chains: one arrival can release several held-back messages in a row.
#[test]
fn one_arrival_can_release_a_chain() {
    let mut cat = CausalInbox::new(3);
    assert!(cat.receive(msg(0, &[2, 1, 0], "c")).unwrap().is_empty());
    assert!(cat.receive(msg(1, &[1, 1, 0], "b")).unwrap().is_empty());
    let out = cat.receive(msg(0, &[1, 0, 0], "a")).unwrap();
    assert_eq!(bodies(&out), ["a", "b", "c"]);
    assert_eq!(cat.delivered(), [2, 1, 0]);
}

// Pins that concurrent messages do not wait for each other.
#[test]
fn concurrent_messages_are_delivered_in_arrival_order() {
    let mut cat = CausalInbox::new(3);
    assert_eq!(
        bodies(&cat.receive(msg(1, &[0, 1, 0], "from Bob")).unwrap()),
        ["from Bob"]
    );
    assert_eq!(
        bodies(&cat.receive(msg(0, &[1, 0, 0], "from Ann")).unwrap()),
        ["from Ann"]
    );
}

// Pins that duplicates, delivered or still waiting, are dropped.
#[test]
fn duplicates_are_dropped() {
    let mut cat = CausalInbox::new(3);
    assert_eq!(cat.receive(msg(0, &[1, 0, 0], "hi")).unwrap().len(), 1);
    assert!(cat.receive(msg(0, &[1, 0, 0], "hi")).unwrap().is_empty());
    assert!(cat.receive(msg(1, &[1, 2, 0], "later")).unwrap().is_empty());
    assert!(cat.receive(msg(1, &[1, 2, 0], "later")).unwrap().is_empty());
    assert_eq!(cat.waiting(), 1);
    assert_eq!(cat.delivered(), [1, 0, 0]);
}

// Pins bad input: unknown senders and wrong-length stamps are refused and
// change nothing.
#[test]
fn malformed_messages_are_refused() {
    let mut cat = CausalInbox::new(3);
    assert_eq!(
        cat.receive(msg(3, &[0, 0, 0, 1], "who?")),
        Err(InboxError::UnknownSender)
    );
    assert_eq!(
        cat.receive(msg(0, &[1, 0], "short")),
        Err(InboxError::WrongStampLength)
    );
    assert_eq!(cat.delivered(), [0, 0, 0]);
    assert_eq!(cat.waiting(), 0);
}
