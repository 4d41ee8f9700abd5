//! Your turn: the smallest executor there is. `block_on` runs one future to
//! completion on the calling thread, sleeping between polls until the
//! future's waker says it is worth polling again.
//!
//! Layout: one function, [`block_on`], which you write, and whatever waker
//! type you need for it. The tests in `tests/block-on.rs` count how often
//! the future is polled, so an executor that polls in a busy loop fails.
//!
//! Run `cargo test -p block-on` until every test passes.

use std::future::Future;

/// Polls `future` on the calling thread until it is ready and returns its
/// output. Between polls the thread sleeps; it polls again only after the
/// future's waker has been woken (from any thread, even during the poll).
pub fn block_on<F: Future>(future: F) -> F::Output {
    drop(future);
    todo!("poll the future until it is ready; sleep between polls")
}
