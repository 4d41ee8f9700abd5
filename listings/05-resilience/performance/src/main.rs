//! `cargo run -p performance`: the profile of the slow request, as
//! collapsed stacks. `-- fixes`: the three plans side by side, and what
//! Amdahl's law says each fix could buy. `-- load`: the plans under load.
//! `-- postgres`: the plans on the course's PostgreSQL, statements counted
//! (needs `cargo xtask services up`).

use std::process::ExitCode;

use performance::amdahl;
use performance::load::{self, CORES, HEAVY, HEAVY_ONE_IN, POOL};
use performance::pg::{self, PgPlan};
use performance::profiled;
use performance::shop::{Plan, Shop};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => profile(),
        ["fixes"] => fixes(),
        ["load"] => under_load(),
        ["postgres"] => {
            if let Err(e) = postgres().await {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        _ => {
            eprintln!("usage: cargo run -p performance [-- fixes|load|postgres]");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn ms(micros: u64) -> f64 {
    micros as f64 / 1_000.0
}

fn profile() {
    let (p, answer) = profiled(Plan::NPlusOne);
    println!(
        "GET /orders/1: {} orders, {} statements, {:.1} ms of simulated cost",
        answer.lines.len(),
        answer.statements,
        ms(p.total())
    );
    println!("collapsed stacks (µs charged with exactly this stack):");
    for line in p.collapsed() {
        println!("  {line}");
    }
}

fn fixes() {
    let (naive, _) = profiled(Plan::NPlusOne);
    println!(
        "{:<11} {:>10} {:>11} {:>9} {:>11} {:>10}",
        "plan", "statements", "comparisons", "total ms", "queries ms", "attach ms"
    );
    let mut answers = Vec::new();
    for plan in Plan::ALL {
        let (p, answer) = profiled(plan);
        println!(
            "{:<11} {:>10} {:>11} {:>9.1} {:>11.1} {:>10.1}",
            plan.name(),
            answer.statements,
            answer.comparisons,
            ms(p.total()),
            ms(p.under("query")),
            ms(p.under("attach_products"))
        );
        answers.push(answer.lines);
    }
    println!(
        "every plan returns the same lines: {}",
        answers.windows(2).all(|w| w[0] == w[1])
    );
    // ANCHOR: amdahl_use
    let share = naive.under("load_products") as f64 / naive.total() as f64;
    println!(
        "load_products is {:.1}% of the N+1 request: removing it entirely buys at most {:.1}x",
        share * 100.0,
        amdahl::bound(share)
    );
    // ANCHOR_END: amdahl_use
    let (any, _) = profiled(Plan::Any);
    let (hash, _) = profiled(Plan::AnyHash);
    let attach = any.under("attach_products") as f64 / any.total() as f64;
    println!(
        "one = ANY statement instead got {:.1}x; attach_products is then {:.1}% of the request: at most {:.1}x more; the hash join got {:.1}x",
        naive.total() as f64 / any.total() as f64,
        attach * 100.0,
        amdahl::bound(attach),
        any.total() as f64 / hash.total() as f64
    );
}

fn under_load() {
    // ANCHOR: load_config
    let rate = 300.0; // requests a second
    let seconds = 20;
    // ANCHOR_END: load_config
    println!(
        "{rate} requests/s for {seconds} s, 1 in {HEAVY_ONE_IN} for a user with {HEAVY} orders; a pool of {POOL} connections, {CORES} cores"
    );
    println!(
        "{:<11} {:>7} {:>9} {:>8} {:>9} {:>7} {:>6} {:>6} {:>13}",
        "plan", "λ/s", "W mean ms", "W p99 ms", "L sampled", "λ×W", "pool", "cores", "saturates at"
    );
    for plan in Plan::ALL {
        let r = load::run(plan, rate, seconds, 42);
        let (light, heavy) = (load::demand(plan, load::LIGHT), load::demand(plan, HEAVY));
        // The mean demand a request puts on each resource, in seconds.
        let mean = |f: fn(load::Demand) -> u64| {
            let n = HEAVY_ONE_IN as f64;
            (f(light) as f64 * (n - 1.0) + f(heavy) as f64) / n / 1e6
        };
        let pool_cap = POOL as f64 / mean(|d| d.db);
        let cpu_cap = CORES as f64 / mean(|d| d.cpu);
        let limit = if pool_cap < cpu_cap {
            format!("{pool_cap:.0}/s pool")
        } else {
            format!("{cpu_cap:.0}/s cores")
        };
        println!(
            "{:<11} {:>7.1} {:>9.1} {:>8.1} {:>9.2} {:>7.2} {:>5.0}% {:>5.0}% {:>13}",
            plan.name(),
            r.lambda,
            r.w_mean,
            r.w_p99,
            r.l_sampled,
            r.lambda * r.w_mean / 1e3,
            r.pool_busy * 100.0,
            r.cpu_busy * 100.0,
            limit
        );
    }
}

async fn postgres() -> Result<(), String> {
    let shop = Shop::new(&[HEAVY, 10]);
    let db = pg::connect(&shop).await?;
    println!("GET /orders/{{user}} on PostgreSQL; statements prepared once, each one a round trip");
    println!(
        "{:<14} {:>29} {:>27}",
        "plan", "statements, user of 1000 orders", "statements, user of 10 orders"
    );
    let mut totals = Vec::new();
    for plan in PgPlan::ALL {
        let heavy = pg::get_orders(&db, 1, plan).await?;
        let light = pg::get_orders(&db, 2, plan).await?;
        println!(
            "{:<14} {:>29} {:>27}",
            plan.name(),
            heavy.statements,
            light.statements
        );
        totals.push((heavy.total_cents, light.total_cents));
    }
    println!(
        "every plan returns the same totals: {}",
        totals.windows(2).all(|w| w[0] == w[1])
    );
    Ok(())
}
