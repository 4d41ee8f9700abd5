//! Two leaders, one in each region, each accepting writes for the same key
//! and sending them to the other. While the link between them is down, each
//! acknowledges its own write; on heal each applies the other's.

/// A write as a leader sends it on: the value and the leader's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Write {
    pub value: &'static str,
    pub at_ms: u64,
}

// ANCHOR: rules
/// How a leader applies a write that arrives from the other leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Whatever arrives last overwrites: the way each leader applies its
    /// own clients' writes.
    ArrivalOrder,
    /// The write with the later timestamp wins (last writer wins).
    LastWriterWins,
}

pub fn apply(current: Write, incoming: Write, rule: Rule) -> Write {
    match rule {
        Rule::ArrivalOrder => incoming,
        Rule::LastWriterWins if incoming.at_ms > current.at_ms => incoming,
        Rule::LastWriterWins => current,
    }
}
// ANCHOR_END: rules

/// Both leaders write while the link is down, then exchange their writes.
/// Returns what each leader holds after the heal.
pub fn partitioned(us: Write, eu: Write, rule: Rule) -> (Write, Write) {
    (apply(us, eu, rule), apply(eu, us, rule))
}
