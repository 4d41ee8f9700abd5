//! The chapter's runs: `naive`, `guarded` and `underscore`.

use raii_pool::{guarded, naive};
use std::panic;

const REQUESTS: [&str; 6] = [
    "SELECT 1",
    "DROP TABLE orders",
    "SELECT 2",
    "DROP TABLE users",
    "DROP TABLE carts",
    "SELECT 3",
];

fn naive_run() {
    // ANCHOR: naive_run
    let pool = naive::NaivePool::new(3);
    for sql in REQUESTS {
        let result = naive::handle(&pool, sql);
        println!("{sql:<18} -> {result:?}, idle {}", pool.idle());
    }
    // ANCHOR_END: naive_run
}

fn guarded_run() {
    // ANCHOR: guarded_run
    let pool = guarded::Pool::new(3);
    for sql in REQUESTS {
        let result = guarded::handle(&pool, sql);
        println!("{sql:<18} -> {result:?}, idle {}", pool.idle());
    }
    // A handler that panics while it holds a connection.
    let outcome = panic::catch_unwind(|| {
        let _conn = pool.get().expect("idle connections");
        panic!("bug in the handler");
    });
    println!(
        "after a panic: caught {}, idle {}",
        outcome.is_err(),
        pool.idle()
    );
    // ANCHOR_END: guarded_run
}

fn underscore_run() {
    // ANCHOR: underscore_run
    let pool = guarded::Pool::new(3);
    {
        let _conn = pool.get();
        println!("holding `_conn`: idle {}", pool.idle());
    }
    {
        let _ = pool.get();
        println!("after `let _ =`:  idle {}", pool.idle());
    }
    let conn = pool.get().expect("idle connections");
    conn.discard();
    println!("after discard:   idle {}", pool.idle());
    // ANCHOR_END: underscore_run
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("naive") => naive_run(),
        Some("guarded") => {
            // The default hook would print the panic message on stderr;
            // the run catches the panic and says so itself.
            panic::set_hook(Box::new(|_| {}));
            guarded_run();
        }
        Some("underscore") => underscore_run(),
        _ => {
            eprintln!("usage: raii-pool naive|guarded|underscore");
            std::process::exit(2);
        }
    }
}
