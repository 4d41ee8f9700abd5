//! Performance work on one slow endpoint, `GET /orders/{user}`.
//!
//! Layout:
//! - [`profile`]: spans that charge a simulated cost, folded into
//!   collapsed stacks (the input of a flame graph).
//! - [`shop`]: the data, the cost model and the endpoint in three plans:
//!   N+1 with a quadratic join, one `= ANY` query with the same join, and
//!   `= ANY` with a hash join. Statements and comparisons are counted.
//! - [`amdahl`]: what speeding up one part can at best buy.
//! - [`load`]: the three plans under the same seeded load on tokio's paused
//!   clock: a pool of connections and two cores, read with Little's law.
//! - [`batcher`]: a DataLoader-style batcher: lookups made in the same
//!   tick go to the database as one query.
//! - [`pg`]: the endpoint on the course's PostgreSQL, statements counted.
//! - [`route`]: the request line, parsed without panicking.

pub mod amdahl;
pub mod batcher;
pub mod load;
pub mod pg;
pub mod profile;
pub mod route;
pub mod shop;

/// The heavy user's request under `plan`, profiled: the run that the
/// recorded output prints and the flame graphs draw.
pub fn profiled(plan: shop::Plan) -> (profile::Profile, shop::Answer) {
    let shop = shop::Shop::new(&[load::HEAVY]);
    let mut p = profile::Profile::default();
    let answer = shop::get_orders(&shop, 1, plan, &mut p);
    (p, answer)
}
