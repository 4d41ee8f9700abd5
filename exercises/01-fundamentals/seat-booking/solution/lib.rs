// --- solution ---
//! Reference solution of the seat-booking exercise: `try_book` checks and
//! books in one atomic step with a `compare_exchange` loop.
//!
//! Layout: [`Venue`] holds the capacity and a count of booked seats;
//! [`Venue::try_book`] books one. It uses loom's atomics so the tests can
//! try every interleaving of the buyers.
// --- stub ---
// //! Your turn: sell the seats of a venue to buyers on many threads without
// //! ever selling a seat twice or selling more seats than the venue has.
// //!
// //! Layout: [`Venue`] holds the capacity and a count of booked seats;
// //! [`Venue::try_book`] is the method you write. The tests in
// //! `tests/seat-booking.rs` run it under loom, which swaps in its own atomics
// //! (that is why this file imports `loom::sync::atomic`, not
// //! `std::sync::atomic`) so it can try every interleaving of the buyers.
// //!
// //! Run `cargo test -p seat-booking` until every test passes.
// --- end ---

use loom::sync::atomic::{AtomicU32, Ordering};

/// Returned when every seat is already booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoldOut;

/// A venue with a fixed number of seats, numbered from 1.
#[derive(Debug)]
pub struct Venue {
    capacity: u32,
    /// How many seats are booked; seats 1..=booked are taken.
    booked: AtomicU32,
}

impl Venue {
    /// A venue with `capacity` seats, none of them booked.
    pub fn new(capacity: u32) -> Self {
        Venue {
            capacity,
            booked: AtomicU32::new(0),
        }
    }

    /// How many seats the venue has.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// How many seats are booked now.
    pub fn booked(&self) -> u32 {
        self.booked.load(Ordering::Relaxed)
    }

    /// Books the next free seat and returns its number (1 for the first seat
    /// booked, 2 for the second, ...), or `Err(SoldOut)` when all `capacity`
    /// seats are taken. Safe to call from many threads at once: no seat
    /// number is ever returned twice, and `booked()` never reports more than
    /// `capacity()`, not even for a moment.
    // --- solution ---
    ///
    /// The obvious version is a check-then-act race:
    /// `if self.booked() < self.capacity { self.booked.fetch_add(1, ..) }`
    /// lets two buyers pass the check for the last seat.
    // --- end ---
    pub fn try_book(&self) -> Result<u32, SoldOut> {
        // --- solution ---
        let mut seen = self.booked.load(Ordering::Relaxed);
        // Retries only when another buyer booked in between, and each of
        // those bookings fills a seat, so this loops at most `capacity` times.
        loop {
            if seen >= self.capacity {
                return Err(SoldOut);
            }
            // Relaxed is enough: the count is the only data shared here.
            match self
                .booked
                .compare_exchange(seen, seen + 1, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return Ok(seen + 1),
                Err(actual) => seen = actual,
            }
        }
        // --- stub ---
        // todo!("book the next free seat, or return Err(SoldOut)")
        // --- end ---
    }
}
