//! Back-of-the-envelope numbers for the shortener, computed from stated
//! assumptions so that changing one assumption changes every number.

const SECONDS_PER_DAY: u64 = 86_400;
const DAYS_PER_YEAR: u64 = 365;

// ANCHOR: assumptions
/// What we assume about traffic. Every number the chapter quotes follows
/// from these fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assumptions {
    pub daily_active_users: u64,
    pub links_created_per_user_per_day: u64,
    pub redirects_per_user_per_day: u64,
    /// Busiest second of the day as a multiple of the average second.
    pub peak_factor: u64,
    /// URL (~100 B on average) + code + timestamps + owner + index overhead.
    pub bytes_per_link: u64,
    pub replicas: u64,
    pub retention_years: u64,
    /// Share of a day's reads we want to serve from memory (the 80/20 rule).
    pub hot_read_percent: u64,
}

impl Assumptions {
    pub const BASELINE: Assumptions = Assumptions {
        daily_active_users: 10_000_000,
        links_created_per_user_per_day: 5,
        redirects_per_user_per_day: 50,
        peak_factor: 2,
        bytes_per_link: 250,
        replicas: 3,
        retention_years: 5,
        hot_read_percent: 20,
    };
}
// ANCHOR_END: assumptions

/// Everything derived from one set of assumptions.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub writes_per_day: u64,
    pub reads_per_day: u64,
    pub write_qps_avg: u64,
    pub write_qps_peak: u64,
    pub read_qps_avg: u64,
    pub read_qps_peak: u64,
    pub reads_per_write: u64,
    pub links_total: u64,
    pub storage_bytes: u64,
    pub storage_bytes_replicated: u64,
    pub cache_bytes: u64,
    /// Shortest base62 code length whose key space holds `links_total`.
    pub code_len: u32,
    /// 62^code_len / links_total: how far the key space is from full.
    pub key_space_headroom: f64,
    /// Chance that one fresh random code of `code_len` is already taken
    /// once `links_total` links exist.
    pub random_code_taken_p: f64,
    /// Birthday bound: random codes are expected to collide once about
    /// sqrt(pi/2 * 62^code_len) links exist.
    pub first_random_collision_links: u64,
}

/// Rounds to the nearest whole request per second.
fn per_second(per_day: u64) -> u64 {
    (per_day + SECONDS_PER_DAY / 2) / SECONDS_PER_DAY
}

/// 62^len, in u128 because 62^11 already overflows u64.
pub fn key_space(len: u32) -> u128 {
    62u128.pow(len)
}

/// Shortest code length whose key space has room for `links` codes.
pub fn code_len_for(links: u64) -> u32 {
    let mut len = 1;
    while key_space(len) < u128::from(links) {
        len += 1;
    }
    len
}

// ANCHOR: estimate
pub fn estimate(a: &Assumptions) -> Estimate {
    let writes_per_day = a.daily_active_users * a.links_created_per_user_per_day;
    let reads_per_day = a.daily_active_users * a.redirects_per_user_per_day;
    let links_total = writes_per_day * DAYS_PER_YEAR * a.retention_years;
    let storage_bytes = links_total * a.bytes_per_link;
    let code_len = code_len_for(links_total);
    let space = key_space(code_len) as f64;
    Estimate {
        writes_per_day,
        reads_per_day,
        write_qps_avg: per_second(writes_per_day),
        write_qps_peak: per_second(writes_per_day * a.peak_factor),
        read_qps_avg: per_second(reads_per_day),
        read_qps_peak: per_second(reads_per_day * a.peak_factor),
        reads_per_write: reads_per_day / writes_per_day.max(1),
        links_total,
        storage_bytes,
        storage_bytes_replicated: storage_bytes * a.replicas,
        cache_bytes: reads_per_day * a.hot_read_percent / 100 * a.bytes_per_link,
        code_len,
        key_space_headroom: space / links_total as f64,
        random_code_taken_p: links_total as f64 / space,
        first_random_collision_links: (std::f64::consts::FRAC_PI_2 * space).sqrt() as u64,
    }
}
// ANCHOR_END: estimate

/// The baseline with daily users multiplied by `factor`.
pub fn scaled(a: &Assumptions, factor: u64) -> Assumptions {
    Assumptions {
        daily_active_users: a.daily_active_users * factor,
        ..*a
    }
}

/// `1234567` -> `"1,234,567"`.
pub fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Decimal units, as disk vendors and cloud bills use them.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The baseline estimate, one fact a line.
pub fn report(a: &Assumptions) -> Vec<String> {
    let e = estimate(a);
    let shorter = e.code_len - 1;
    vec![
        format!(
            "assumptions: {} daily users; each creates {} links and follows {} a day; peak = {}x average",
            with_commas(a.daily_active_users),
            a.links_created_per_user_per_day,
            a.redirects_per_user_per_day,
            a.peak_factor,
        ),
        format!(
            "writes: {} a day = {}/s average, {}/s peak",
            with_commas(e.writes_per_day),
            with_commas(e.write_qps_avg),
            with_commas(e.write_qps_peak),
        ),
        format!(
            "reads: {} a day = {}/s average, {}/s peak",
            with_commas(e.reads_per_day),
            with_commas(e.read_qps_avg),
            with_commas(e.read_qps_peak),
        ),
        format!("read:write = {}:1", e.reads_per_write),
        format!(
            "links after {} years: {}",
            a.retention_years,
            with_commas(e.links_total)
        ),
        format!(
            "storage after {} years: {} x {} B = {} ({} with {} replicas)",
            a.retention_years,
            with_commas(e.links_total),
            a.bytes_per_link,
            human_bytes(e.storage_bytes),
            human_bytes(e.storage_bytes_replicated),
            a.replicas,
        ),
        format!(
            "cache for {}% of a day's reads: {}",
            a.hot_read_percent,
            human_bytes(e.cache_bytes)
        ),
        format!(
            "key space: 62^{shorter} = {} is too small; 62^{} = {} -> {} characters ({:.1}x headroom)",
            with_commas(key_space(shorter) as u64),
            e.code_len,
            with_commas(key_space(e.code_len) as u64),
            e.code_len,
            e.key_space_headroom,
        ),
        format!(
            "random {}-character codes: at year {} a new code is already taken {:.2}% of the time; \
             first collision expected after ~{} links",
            e.code_len,
            a.retention_years,
            e.random_code_taken_p * 100.0,
            with_commas(e.first_random_collision_links),
        ),
    ]
}

/// One row per growth factor: what the design has to absorb.
pub fn growth_table(a: &Assumptions, factors: &[u64]) -> Vec<String> {
    let mut rows = vec![format!(
        "{:<6}{:>14}{:>15}{:>20}{:>12}{:>6}{:>10}",
        "scale",
        "reads/s peak",
        "writes/s peak",
        "links in 5 years",
        "storage x3",
        "code",
        "headroom"
    )];
    for &factor in factors {
        let e = estimate(&scaled(a, factor));
        rows.push(format!(
            "{:<6}{:>14}{:>15}{:>20}{:>12}{:>6}{:>9.1}x",
            format!("{factor}x"),
            with_commas(e.read_qps_peak),
            with_commas(e.write_qps_peak),
            with_commas(e.links_total),
            human_bytes(e.storage_bytes_replicated),
            e.code_len,
            e.key_space_headroom,
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins the baseline traffic: 50M writes and 500M reads a day, 10:1.
    #[test]
    fn baseline_traffic() {
        let e = estimate(&Assumptions::BASELINE);
        assert_eq!(e.writes_per_day, 50_000_000);
        assert_eq!(e.reads_per_day, 500_000_000);
        assert_eq!(e.write_qps_avg, 579);
        assert_eq!(e.read_qps_peak, 11_574);
        assert_eq!(e.reads_per_write, 10);
    }

    // Pins the key-space arithmetic: 91.25 billion links need 7 characters.
    #[test]
    fn baseline_needs_seven_characters() {
        let e = estimate(&Assumptions::BASELINE);
        assert_eq!(e.links_total, 91_250_000_000);
        assert!(key_space(6) < u128::from(e.links_total));
        assert_eq!(e.code_len, 7);
        assert_eq!(key_space(7), 3_521_614_606_208);
    }

    // Pins that 100x growth outgrows 62^7 and needs an eighth character.
    #[test]
    fn hundred_x_needs_eight_characters() {
        assert_eq!(estimate(&scaled(&Assumptions::BASELINE, 10)).code_len, 7);
        assert_eq!(estimate(&scaled(&Assumptions::BASELINE, 100)).code_len, 8);
    }

    // Pins the edges of code_len_for: exactly 62^k fits in k characters.
    #[test]
    fn code_len_boundaries() {
        assert_eq!(code_len_for(0), 1);
        assert_eq!(code_len_for(62), 1);
        assert_eq!(code_len_for(63), 2);
        assert_eq!(code_len_for(62u64.pow(7)), 7);
        assert_eq!(code_len_for(62u64.pow(7) + 1), 8);
        assert_eq!(code_len_for(u64::MAX), 11);
    }

    // Pins the number formatting the chapter prints.
    #[test]
    fn formatting_helpers() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1_000), "1,000");
        assert_eq!(with_commas(91_250_000_000), "91,250,000,000");
        assert_eq!(human_bytes(999), "999.0 B");
        assert_eq!(human_bytes(22_812_500_000_000), "22.8 TB");
    }

    // Pins that zero writes cannot divide by zero.
    #[test]
    fn zero_writes_do_not_panic() {
        let a = Assumptions {
            links_created_per_user_per_day: 0,
            ..Assumptions::BASELINE
        };
        let e = estimate(&a);
        assert_eq!(e.links_total, 0);
        assert_eq!(e.reads_per_write, 500_000_000);
    }
}
