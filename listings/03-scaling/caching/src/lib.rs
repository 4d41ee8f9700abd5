//! Caching strategies, run against Redis: what each write path can leave
//! stale or lose, and what a stampede on an expiring hot key costs with
//! and without a defence.
//!
//! Layout:
//! - [`cache`]: the [`Cache`](cache::Cache) trait (the Redis commands the
//!   strategies use), on Redis and on a map.
//! - [`db`]: the database behind it, a map that counts its calls.
//! - [`strategies`]: cache-aside, write-through, write-around,
//!   write-behind and a lease, each with a scenario.
//! - [`stampede`]: single-flight, moka's `get_with`, refresh-ahead and a
//!   lease against a stampede.

pub mod cache;
pub mod db;
pub mod stampede;
pub mod strategies;
