//! One service deployed four ways across three regions: read and write
//! latency for users in each region, where an EU user's data is kept, and
//! how often a serverless function starts cold. Deterministic: the
//! latencies are sums of stated round trips.

use going_global::cold::cold_share;
use going_global::deploy::{DEPLOYMENTS, Deployment, Op};
use going_global::world::{REGIONS, RTT_MS, region};

fn main() {
    println!(
        "Round trips: us-eu {} ms, us-ap {} ms, eu-ap {} ms; users reach their own region in 5 ms.",
        RTT_MS[0][1], RTT_MS[0][2], RTT_MS[1][2]
    );
    println!();
    println!("                   read ms           write ms          copies of an     stale reads");
    println!("deployment         us   eu   ap      us   eu   ap      EU user's data   possible");
    let eu = region("eu").expect("eu is a region");
    for deployment in DEPLOYMENTS {
        let row = |op| -> String {
            (0..REGIONS.len())
                .map(|at| format!("{:>4.0}", deployment.latency_ms(op, at, at)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let copies: Vec<&str> = deployment
            .copies_of(eu)
            .into_iter()
            .map(|r| REGIONS[r])
            .collect();
        println!(
            "{:<16} {}    {}      {:<16} {}",
            deployment.name(),
            row(Op::Read),
            row(Op::Write),
            copies.join(" "),
            if deployment.stale_reads_possible() {
                "yes"
            } else {
                "no"
            }
        );
    }

    println!();
    let ap = region("ap").expect("ap is a region");
    println!(
        "An EU user travelling in Asia, geo-partitioned: {:.0} ms a read, where an Asian user gets {:.0} ms.",
        Deployment::GeoPartitioned.latency_ms(Op::Read, ap, eu),
        Deployment::GeoPartitioned.latency_ms(Op::Read, ap, ap)
    );

    println!();
    println!("Cold starts, one instance kept warm for 5 minutes after each request:");
    println!("requests per minute  cold");
    for per_minute in [100.0, 1.0, 0.1] {
        println!(
            "{per_minute:>19}  {:>5.1}%",
            100.0 * cold_share(per_minute, 300.0)
        );
    }
}
