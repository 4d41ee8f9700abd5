//! The lab scenarios, one line each, with the numbers each test checks.
//! `cargo run -p raft --bin raft-labs`; the assertions are in
//! `tests/labs.rs`.

use raft::labs;
use raft::node::name;

fn main() {
    let seed = 1;
    let e = labs::initial_election(seed);
    println!(
        "initial election            3 nodes: leaders at 2 s: {}, elections: {}, term {} -> {}",
        e.leaders_at_end.len(),
        e.elections,
        e.first_term,
        e.term_at_end
    );
    let r = labs::reelection(seed);
    println!(
        "re-election                 {} (t{}) cut off -> {} leads t{}; after rejoin {} leader(s)",
        name(r.first.0),
        r.first.1,
        r.second.map_or("nobody".into(), |(n, _)| name(n)),
        r.second.map_or(0, |(_, t)| t),
        r.after_rejoin.len()
    );
    println!(
        "no leader without majority  3 nodes all apart, 2 s: {} leaders, lone node +{} terms",
        r.without_majority, r.terms_without_majority
    );
    let a = labs::basic_agreement(seed);
    println!(
        "basic agreement             3 nodes: {}/10 answered, applied {:?}, same everywhere: {}",
        a.answered, a.applied, a.same_everywhere
    );
    let f = labs::fail_agree(seed);
    println!(
        "agree despite a follower    {}/10 answered while it was cut off (it applied {}); then {:?}",
        f.answered_while_cut, f.follower_before, f.after.applied
    );
    let n = labs::fail_no_agree(seed);
    println!(
        "no agreement w/o majority   5 nodes, 3 cut off: entry {} appended, commit {} -> {}; after heal answered: {}",
        n.appended_at, n.commit_before, n.commit_after, n.answered_after_heal
    );
    let c = labs::concurrent(seed);
    println!(
        "concurrent requests         5 clients x 5 incr: {} answered, counter {:?}, duplicate results {}",
        c.answered, c.counters, c.duplicate_results
    );
    let j = labs::rejoin(seed);
    println!(
        "partitioned leader rejoins  {} stale entries, applied anywhere: {}; {}/2 answered; applied {:?}",
        j.stale_appended, j.stale_applied_anywhere, j.answered, j.after.applied
    );
    let b = labs::backup(seed);
    println!(
        "backup (long wrong log)     {}/50 committed; wrong entries replaced: {}; applied {:?}",
        b.committed, b.replaced, b.after.applied
    );
    let p = labs::persistence(seed);
    println!(
        "persistence                 all 3 crash: term {} -> {} after restart; counter {:?}",
        p.term_before_crash, p.term_after_restart, p.counters
    );
    let g = labs::figure_8();
    println!(
        "figure 8                    violated by commit-by-counting: {}; by raft: {}",
        g.counting_violated, g.raft_violated
    );
    let u = labs::unreliable_churn(20);
    println!(
        "unreliable churn            {} seeds: {} unsafe, {}/{} operations answered",
        u.seeds, u.unsafe_seeds, u.answered, u.asked
    );
}
