//! Prints the worked estimate for two services on one kind of server: peak
//! load, servers per resource, which resource binds first, and how far off
//! the naive "average requests over one server's capacity" count would be.
//! Deterministic: integer arithmetic on fixed assumptions.
//!
//! `-- --chat-retention-days N` keeps chat messages for N days instead of
//! 30, the change the chapter asks the reader to predict.

use estimates::fleet::naive_servers;
use estimates::units::{bytes, count, group, ratio};
use estimates::{Demand, EstimateError, Fleet, Plan, Workload, services};

fn main() {
    let mut chat = services::chat();
    match chat_retention_days(std::env::args().skip(1).collect()) {
        Ok(Some(days)) => chat.retention_days = days,
        Ok(None) => {}
        Err(usage) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
    let fleet = services::fleet();
    let s = &fleet.server;
    println!(
        "One server: {} requests/s (load test), a {} Gbit/s network card, {} of disk.",
        group(s.requests_per_second),
        s.nic_bits_per_second / 1_000_000_000,
        bytes(s.disk_bytes)
    );
    println!(
        "Each resource at most {}% busy at peak, plus {} spare server.",
        fleet.max_busy_percent, fleet.spare_servers
    );
    for workload in [chat, services::stories()] {
        println!();
        if let Err(e) = report(&workload, &fleet) {
            eprintln!("cannot estimate {}: {e}", workload.name);
            std::process::exit(1);
        }
    }
}

/// The value of `--chat-retention-days N`, if it was given.
fn chat_retention_days(args: Vec<String>) -> Result<Option<u64>, String> {
    let usage = "usage: estimates [--chat-retention-days N]";
    match args.as_slice() {
        [] => Ok(None),
        [flag, days] if flag == "--chat-retention-days" => {
            days.parse().map(Some).map_err(|_| usage.to_string())
        }
        _ => Err(usage.to_string()),
    }
}

fn report(w: &Workload, fleet: &Fleet) -> Result<(), EstimateError> {
    let demand = Demand::of(w)?;
    let plan = Plan::for_demand(&demand, fleet)?;
    let naive = naive_servers(&demand, &fleet.server)?;
    println!(
        "{}: {} daily users, each {} and {} a day",
        w.name,
        group(w.daily_active_users),
        count(w.reads_per_user_per_day, "read"),
        count(w.writes_per_user_per_day, "write")
    );
    println!(
        "  {} a read, {} a write, kept {}, {} copies, peak {}x average",
        bytes(w.bytes_per_read),
        bytes(w.bytes_per_write),
        count(w.retention_days, "day"),
        w.replicas,
        w.peak_to_average
    );
    println!(
        "  requests/s     {} average, {} peak",
        group(demand.requests_per_second_avg),
        group(demand.requests_per_second_peak)
    );
    println!(
        "  egress         {}/s at peak",
        bytes(demand.egress_bytes_per_second_peak)
    );
    println!("  storage        {}", bytes(demand.stored_bytes));
    let counts: Vec<String> = plan
        .by_resource
        .iter()
        .map(|(r, n)| format!("{} {}", r.label(), group(*n)))
        .collect();
    println!("  servers needed by {}", counts.join(", "));
    let needed = plan.servers - fleet.spare_servers;
    println!(
        "  binds first: {}, so {} servers ({} + {} spare)",
        plan.binds_first.label(),
        group(plan.servers),
        group(needed),
        fleet.spare_servers
    );
    println!(
        "  naive count (average requests/s over {}): {} servers, {}x too few",
        group(fleet.server.requests_per_second),
        group(naive),
        ratio(plan.servers, naive)
    );
    Ok(())
}
