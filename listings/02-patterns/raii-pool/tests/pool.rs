use raii_pool::{guarded, naive};
use std::panic;

/// A naive handler that returns early with `?` never puts its connection
/// back: three failed queries empty a pool of three.
#[test]
fn the_naive_pool_leaks_on_every_early_return() {
    let pool = naive::NaivePool::new(3);
    for _ in 0..3 {
        assert!(naive::handle(&pool, "DROP TABLE t").is_err());
    }
    assert_eq!(pool.idle(), 0);
    assert_eq!(
        naive::handle(&pool, "SELECT 1"),
        Err("pool exhausted".to_string())
    );
}

/// The guard returns the connection on success and on an early `?`.
#[test]
fn the_guard_returns_the_connection_on_every_return() {
    let pool = guarded::Pool::new(3);
    for sql in [
        "SELECT 1",
        "DROP TABLE t",
        "DROP TABLE u",
        "DROP TABLE v",
        "SELECT 2",
    ] {
        let _ = guarded::handle(&pool, sql);
        assert_eq!(pool.idle(), 3, "after {sql}");
    }
}

/// A panic while the guard is held unwinds through its `drop`, which puts
/// the connection back.
#[test]
fn the_guard_returns_the_connection_when_the_holder_panics() {
    let pool = guarded::Pool::new(2);
    let outcome = panic::catch_unwind(|| {
        let _conn = pool.get().expect("idle");
        assert_eq!(pool.idle(), 1);
        panic!("bug");
    });
    assert!(outcome.is_err());
    assert_eq!(pool.idle(), 2);
}

/// `let _ =` drops at once; a named binding, even `_conn`, holds until the
/// end of its scope.
#[test]
fn an_underscore_pattern_drops_at_once() {
    let pool = guarded::Pool::new(3);
    let _ = pool.get();
    assert_eq!(pool.idle(), 3);
    let _held = pool.get();
    assert_eq!(pool.idle(), 2);
}

/// A discarded connection does not come back, and `mem::forget` skips
/// `drop`, so the connection is lost: safe Rust may leak.
#[test]
fn discard_and_forget_keep_the_connection_out() {
    let pool = guarded::Pool::new(3);
    pool.get().expect("idle").discard();
    assert_eq!(pool.idle(), 2);
    std::mem::forget(pool.get().expect("idle"));
    assert_eq!(pool.idle(), 1);
}

/// Each connection is on loan to one holder at a time, and an empty pool
/// says so.
#[test]
fn a_connection_is_lent_to_one_holder_at_a_time() {
    let pool = guarded::Pool::new(2);
    let a = pool.get().expect("first");
    let b = pool.get().expect("second");
    assert_ne!(a.id, b.id);
    assert!(pool.get().is_none());
    drop(a);
    assert!(pool.get().is_some());
}
