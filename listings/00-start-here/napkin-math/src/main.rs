//! Prints the estimates for a photo-sharing service from stated assumptions.

use napkin_math::{Assumptions, Estimate, human_bytes};

fn main() {
    // ANCHOR: main
    let assumptions = Assumptions {
        daily_active_users: 10_000_000,
        writes_per_user_per_day: 2,
        reads_per_write: 50,
        peak_to_average: 3,
        bytes_per_write: 500_000,
        retention_days: 365 * 5,
    };
    let e = match Estimate::from(&assumptions) {
        Ok(e) => e,
        Err(err) => {
            eprintln!("cannot estimate: {err}");
            std::process::exit(1);
        }
    };
    println!("writes/s (average): {}", e.writes_per_second_avg);
    println!("reads/s (average):  {}", e.reads_per_second_avg);
    println!("reads/s (peak):     {}", e.reads_per_second_peak);
    println!(
        "storage ({}):  {}",
        napkin_math::retention_label(assumptions.retention_days),
        human_bytes(e.storage_bytes_total)
    );
    println!(
        "read bandwidth (peak): {}/s",
        human_bytes(e.read_bandwidth_bytes_per_second_peak)
    );
    // ANCHOR_END: main
}
