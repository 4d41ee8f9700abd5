//! Philosophers around a table, one fork between each pair of neighbours.
//! A philosopher needs both neighbouring forks to eat.

use std::fmt;
use std::sync::{Arc, TryLockError};

use loom::sync::Mutex;
use loom::sync::atomic::AtomicUsize;
use loom::sync::atomic::Ordering::Relaxed;
use loom::thread;

/// How a philosopher picks up its two forks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Lock the left fork, then the right one, waiting as long as it takes.
    LeftThenRight,
    /// The mirror image: lock the right fork, then wait for the left one.
    RightThenLeft,
    /// Lock the lower-numbered of the two forks first: one global order.
    LowerFirst,
    /// Lock the left fork, then only *try* the right one; if it is taken,
    /// put the left one down, let others run, and try again, at most
    /// `attempts` times in all.
    TryLockBackoff {
        /// The budget: how many tries before giving up.
        attempts: u32,
    },
}

impl Strategy {
    /// Every strategy, in the order the chapter shows them.
    pub const ALL: [Strategy; 4] = [
        Strategy::LeftThenRight,
        Strategy::RightThenLeft,
        Strategy::LowerFirst,
        Strategy::TryLockBackoff { attempts: 1 },
    ];

    /// The name the printed table uses.
    pub fn label(self) -> String {
        match self {
            Strategy::LeftThenRight => "left then right".to_string(),
            Strategy::RightThenLeft => "right then left".to_string(),
            Strategy::LowerFirst => "lower-numbered first".to_string(),
            Strategy::TryLockBackoff { attempts: 1 } => "try_lock, 1 attempt".to_string(),
            Strategy::TryLockBackoff { attempts } => format!("try_lock, {attempts} attempts"),
        }
    }
}

/// What became of one philosopher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Meal {
    /// Held both forks and ate.
    Ate,
    /// Used up every attempt without getting both forks.
    GaveUp,
}

/// What became of every philosopher in one dinner, philosopher 0 first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dinner(pub Vec<Meal>);

impl fmt::Display for Dinner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let meals: Vec<&str> = self
            .0
            .iter()
            .map(|meal| match meal {
                Meal::Ate => "ate",
                Meal::GaveUp => "gave up",
            })
            .collect();
        write!(f, "{}", meals.join(" / "))
    }
}

/// The table the philosophers share: the forks and two counters.
///
/// A fork holds nothing: the lock is the fork. The counters are what the
/// philosophers do with shared state while holding forks (eat, or report a
/// busy fork, as a real service would count lock contention); each is an
/// atomic step, so loom may switch threads there, before the forks go down.
#[derive(Debug)]
pub struct Table {
    forks: Vec<Mutex<()>>,
    meals_served: AtomicUsize,
    busy_forks: AtomicUsize,
}

impl Table {
    /// A table with one fork per philosopher.
    pub fn new(philosophers: usize) -> Table {
        Table {
            forks: (0..philosophers).map(|_| Mutex::new(())).collect(),
            meals_served: AtomicUsize::new(0),
            busy_forks: AtomicUsize::new(0),
        }
    }

    /// How many philosophers sit at it.
    pub fn seats(&self) -> usize {
        self.forks.len()
    }

    /// Fork number `index`, for a caller that wants to hold one.
    pub fn fork(&self, index: usize) -> &Mutex<()> {
        &self.forks[index]
    }

    /// How many meals were eaten so far.
    pub fn meals_served(&self) -> usize {
        self.meals_served.load(Relaxed)
    }

    /// How many times a `try_lock` found a fork taken.
    pub fn busy_forks(&self) -> usize {
        self.busy_forks.load(Relaxed)
    }

    fn eat(&self) -> Meal {
        self.meals_served.fetch_add(1, Relaxed);
        Meal::Ate
    }
}

/// The two forks philosopher `seat` needs, left one first.
pub fn forks_of(seat: usize, philosophers: usize) -> (usize, usize) {
    (seat, (seat + 1) % philosophers)
}

// ANCHOR: naive
/// Naive: every philosopher takes the left fork, then waits for the right.
fn left_then_right(table: &Table, left: usize, right: usize) -> Meal {
    let _left = table.forks[left].lock().expect("no philosopher panics");
    // If every philosopher holds a left fork here, each waits for a fork its
    // neighbour holds, and nobody will ever put one down.
    let _right = table.forks[right].lock().expect("no philosopher panics");
    table.eat()
} // both forks go back on the table here
// ANCHOR_END: naive

// ANCHOR: ordered
/// Ordered: take the lower-numbered fork first. Whoever holds the highest
/// fork in any chain of waiting already holds everything they need, so the
/// chain cannot close into a circle.
fn lower_first(table: &Table, left: usize, right: usize) -> Meal {
    let (first, second) = (left.min(right), left.max(right));
    let _first = table.forks[first].lock().expect("no philosopher panics");
    let _second = table.forks[second].lock().expect("no philosopher panics");
    table.eat()
}
// ANCHOR_END: ordered

// ANCHOR: backoff
/// Try-lock with back-off: never wait for the second fork while holding
/// the first. Give up after `attempts` tries.
fn try_lock_backoff(table: &Table, left: usize, right: usize, attempts: u32) -> Meal {
    for _ in 0..attempts {
        let left_fork = table.forks[left].lock().expect("no philosopher panics");
        match table.forks[right].try_lock() {
            Ok(_right_fork) => return table.eat(),
            Err(TryLockError::WouldBlock) => {
                table.busy_forks.fetch_add(1, Relaxed);
            }
            Err(TryLockError::Poisoned(_)) => panic!("no philosopher panics"),
        }
        drop(left_fork); // put the left fork down before waiting
        thread::yield_now(); // back off: let the neighbours run first
    }
    Meal::GaveUp
}
// ANCHOR_END: backoff

/// One philosopher at `seat` takes both forks with `strategy`, eats, and
/// puts them down.
pub fn philosopher(table: &Table, seat: usize, strategy: Strategy) -> Meal {
    let (left, right) = forks_of(seat, table.seats());
    match strategy {
        Strategy::LeftThenRight => left_then_right(table, left, right),
        // Same code, with the roles of the forks swapped.
        Strategy::RightThenLeft => left_then_right(table, right, left),
        Strategy::LowerFirst => lower_first(table, left, right),
        Strategy::TryLockBackoff { attempts } => try_lock_backoff(table, left, right, attempts),
    }
}

// ANCHOR: dinner
/// Seats `philosophers` philosophers (at least 2) on their own threads, waits
/// for all of them, and returns what became of each. Call it inside a loom
/// model.
pub fn dine(philosophers: usize, strategy: Strategy) -> Dinner {
    assert!(philosophers >= 2, "a table needs at least two forks");
    // A std Arc, not loom's: a deadlocked run is abandoned mid-way, and
    // loom's Arc would try to record its drop in a run that has ended.
    let table = Arc::new(Table::new(philosophers));
    let seats: Vec<_> = (0..philosophers)
        .map(|seat| {
            let table = Arc::clone(&table);
            thread::spawn(move || philosopher(&table, seat, strategy))
        })
        .collect();
    let meals = seats
        .into_iter()
        .map(|seat| seat.join().expect("no philosopher panics"))
        .collect();
    Dinner(meals)
}
// ANCHOR_END: dinner
