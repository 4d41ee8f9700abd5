//! The chapter's hand-made histories. Times are milliseconds; A, B, C and D
//! are clients; the register starts at 0.

use crate::history::{History, Op};

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;

/// A named history.
pub struct Classic {
    pub name: &'static str,
    pub history: History,
}

fn classic(name: &'static str, ops: Vec<Op>) -> Classic {
    let history = History::new(ops).expect("the chapter's histories are valid");
    Classic { name, history }
}

/// The five histories, from strongest to weakest model they satisfy.
pub fn all() -> Vec<Classic> {
    vec![
        // B's first read overlaps the write, so it may see either value.
        classic(
            "a read overlaps a write",
            vec![
                Op::write(A, 1, 0, 10),
                Op::read(B, 1, 5, 15),
                Op::read(B, 1, 20, 25),
            ],
        ),
        // B reads after A's write has returned, and misses it.
        classic(
            "a read misses a finished write",
            vec![Op::write(A, 1, 0, 10), Op::read(B, 0, 20, 30)],
        ),
        // C and D see the two concurrent writes in opposite orders.
        classic(
            "two readers disagree on the order",
            vec![
                Op::write(A, 1, 0, 10),
                Op::write(B, 2, 0, 10),
                Op::read(C, 1, 20, 25),
                Op::read(C, 2, 30, 35),
                Op::read(D, 2, 20, 25),
                Op::read(D, 1, 30, 35),
            ],
        ),
        // A does not see its own write, then does.
        classic(
            "a client misses its own write",
            vec![
                Op::write(A, 1, 0, 10),
                Op::read(A, 0, 20, 25),
                Op::read(B, 1, 20, 25),
                Op::read(A, 1, 30, 35),
            ],
        ),
        // Nobody wrote 7.
        classic(
            "a read returns a value nobody wrote",
            vec![Op::write(A, 1, 0, 10), Op::read(B, 7, 20, 30)],
        ),
    ]
}
