//! Tests for the seat-booking exercise. Every test runs inside
//! `loom::model`, which runs the closure once per interleaving of its
//! threads; a single-threaded test has just one.

use loom::sync::Arc;
use loom::thread;
use seat_booking::{SoldOut, Venue};

/// Spawns one buyer per entry of `attempts_per_buyer`, each calling
/// `try_book` that many times, and returns every result, buyer by buyer.
fn buy_concurrently(venue: &Arc<Venue>, attempts_per_buyer: &[usize]) -> Vec<Result<u32, SoldOut>> {
    let buyers: Vec<_> = attempts_per_buyer
        .iter()
        .map(|&attempts| {
            let venue = Arc::clone(venue);
            thread::spawn(move || (0..attempts).map(|_| venue.try_book()).collect::<Vec<_>>())
        })
        .collect();
    buyers
        .into_iter()
        .flat_map(|buyer| buyer.join().expect("a buyer panicked"))
        .collect()
}

/// Sorted seat numbers of the successful bookings.
fn seats(results: &[Result<u32, SoldOut>]) -> Vec<u32> {
    let mut seats: Vec<u32> = results.iter().filter_map(|r| r.ok()).collect();
    seats.sort_unstable();
    seats
}

// Pins: one buyer gets seats 1, 2, 3 in order, then SoldOut.
#[test]
fn seats_are_numbered_from_one_in_booking_order() {
    loom::model(|| {
        let venue = Venue::new(3);
        assert_eq!(venue.try_book(), Ok(1));
        assert_eq!(venue.try_book(), Ok(2));
        assert_eq!(venue.try_book(), Ok(3));
        assert_eq!(venue.try_book(), Err(SoldOut));
        assert_eq!(venue.booked(), 3);
    });
}

// Pins: once full, every further attempt fails and the count stays at capacity.
#[test]
fn a_full_venue_stays_sold_out() {
    loom::model(|| {
        let venue = Venue::new(2);
        let results: Vec<_> = (0..5).map(|_| venue.try_book()).collect();
        assert_eq!(
            results,
            [Ok(1), Ok(2), Err(SoldOut), Err(SoldOut), Err(SoldOut)]
        );
        assert_eq!(venue.booked(), 2);
    });
}

// Pins: a venue with no seats refuses the first buyer and books nothing.
#[test]
fn a_venue_without_seats_is_sold_out_from_the_start() {
    loom::model(|| {
        let venue = Venue::new(0);
        assert_eq!(venue.try_book(), Err(SoldOut));
        assert_eq!(venue.booked(), 0);
    });
}

// Pins: two buyers racing for the last seat: in every interleaving exactly
// one gets seat 1 and the other gets SoldOut (no oversell, no double sale).
#[test]
fn the_last_seat_goes_to_exactly_one_of_two_buyers() {
    loom::model(|| {
        let venue = Arc::new(Venue::new(1));
        let results = buy_concurrently(&venue, &[1, 1]);
        assert_eq!(seats(&results), [1], "results: {results:?}");
        assert_eq!(results.iter().filter(|r| r.is_err()).count(), 1);
        assert_eq!(venue.booked(), 1);
    });
}

// Pins: two buyers for two seats both succeed, with different seat numbers,
// in every interleaving (no lost update on the count).
#[test]
fn two_buyers_for_two_seats_get_different_seats() {
    loom::model(|| {
        let venue = Arc::new(Venue::new(2));
        let results = buy_concurrently(&venue, &[1, 1]);
        assert_eq!(seats(&results), [1, 2], "results: {results:?}");
        assert_eq!(venue.booked(), 2);
    });
}

// Pins: four attempts on three seats from two buyers: exactly seats 1, 2, 3
// are sold and exactly one attempt is refused, in every interleaving.
#[test]
fn four_attempts_on_three_seats_sell_each_seat_once() {
    loom::model(|| {
        let venue = Arc::new(Venue::new(3));
        let results = buy_concurrently(&venue, &[2, 2]);
        assert_eq!(seats(&results), [1, 2, 3], "results: {results:?}");
        assert_eq!(results.iter().filter(|r| r.is_err()).count(), 1);
        assert_eq!(venue.booked(), venue.capacity());
    });
}

// Pins: `booked()` never reports more seats than the venue has, not even
// while a refused attempt is under way on another thread.
#[test]
fn booked_never_reports_more_than_capacity() {
    loom::model(|| {
        let venue = Arc::new(Venue::new(1));
        let buyer = {
            let venue = Arc::clone(&venue);
            thread::spawn(move || (venue.try_book(), venue.try_book()))
        };
        let seen = venue.booked();
        assert!(seen <= 1, "booked() reported {seen} seats of 1");
        assert_eq!(
            buyer.join().expect("the buyer panicked"),
            (Ok(1), Err(SoldOut))
        );
    });
}
