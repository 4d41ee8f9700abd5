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

// Pins `<=` for the other members: the inbox may already have delivered
// more of someone else's messages than the sender had, and that is no
// reason to wait.
#[test]
fn the_inbox_may_know_more_than_the_sender() {
    let mut cat = CausalInbox::new(3);
    cat.receive(msg(0, &[1, 0, 0], "lunch?")).unwrap();
    cat.receive(msg(0, &[2, 0, 0], "12:30?")).unwrap();
    // Bob answered after seeing only Ann's first message.
    let out = cat.receive(msg(1, &[1, 1, 0], "yes!")).unwrap();
    assert_eq!(bodies(&out), ["yes!"]);
}

// Pins why the stamps count broadcasts: a vector clock that also ticked on
// Bob's receive of "lunch?" stamps his first message 2 in his own entry,
// and the inbox waits for a first message of Bob's that was never sent.
#[test]
fn a_stamp_that_counts_events_leaves_a_gap_that_never_fills() {
    let mut cat = CausalInbox::new(3);
    cat.receive(msg(0, &[1, 0, 0], "lunch?")).unwrap();
    let out = cat.receive(msg(1, &[1, 2, 0], "yes!")).unwrap();
    assert!(out.is_empty());
    assert_eq!(cat.waiting(), 1);
    assert_eq!(cat.delivered(), [1, 0, 0]);
}

/// Every order of `0..n`.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for shorter in permutations(n - 1) {
        for at in 0..=shorter.len() {
            let mut order = shorter.clone();
            order.insert(at, n - 1);
            all.push(order);
        }
    }
    all
}

// Pins the whole rule on a room of four: five messages whose stamps count
// broadcasts reach Dan (member 3) in each of the 120 possible orders; every
// order delivers all five, and never a message before one it depends on.
#[test]
fn every_arrival_order_delivers_all_in_causal_order() {
    let messages = [
        msg(0, &[1, 0, 0, 0], "lunch?"),
        msg(0, &[2, 0, 0, 0], "12:30?"),
        msg(1, &[1, 1, 0, 0], "yes!"),        // Bob had seen "lunch?"
        msg(2, &[1, 1, 1, 0], "me too"),      // Cat had seen "lunch?" and "yes!"
        msg(1, &[2, 2, 0, 0], "12:30 works"), // Bob had seen both of Ann's
    ];
    // (earlier, later): the first was in the second's sender's past.
    let depends = [(0, 1), (0, 2), (2, 3), (0, 3), (1, 4), (2, 4), (0, 4)];
    for order in permutations(messages.len()) {
        let mut dan = CausalInbox::new(4);
        let mut shown = Vec::new();
        for &i in &order {
            shown.extend(dan.receive(messages[i].clone()).unwrap());
        }
        let position = |i: usize| shown.iter().position(|m| *m == messages[i]);
        for i in 0..messages.len() {
            assert!(
                position(i).is_some(),
                "arrival order {order:?}: message {i} never shown"
            );
        }
        for (earlier, later) in depends {
            assert!(
                position(earlier) < position(later),
                "arrival order {order:?}: message {later} shown before {earlier}"
            );
        }
        assert_eq!(dan.waiting(), 0);
        assert_eq!(dan.delivered(), [2, 2, 1, 0]);
    }
}
