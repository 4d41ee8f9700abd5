//! Two replicas of a shopping cart accept writes during a partition; then
//! they merge, four ways. Sections, in the order printed:
//!
//! 1. Last writer wins by timestamp, with B's clock right, then behind.
//! 2. Version vectors keeping concurrent carts as siblings.
//! 3. Counters merged by sum, by max, and as G- and PN-counters.
//! 4. The OR-set: a concurrent add and remove, a re-add.
//! 5. The merge laws over 1,000 random histories of three replicas.
//! 6. Three replicas under partitions, duplication and reordering.

use crdts::counter::{GCounter, MaxCounter, PnCounter, SumCounter};
use crdts::laws::{Tally, counts_every_update, tally};
use crdts::lww::{LwwRegister, story};
use crdts::orset::OrSet;
use crdts::sim::{converged, simulate};
use crdts::vv::{Cart, Siblings};
use crdts::{Counter, Crdt};

fn main() {
    lww(0);
    // ANCHOR: skew
    let b_behind_ms = 100;
    lww(b_behind_ms);
    // ANCHOR_END: skew
    version_vectors();
    counters();
    or_set();
    laws();
    simulation();
}

fn show(w: &LwwRegister<Vec<&str>>) -> String {
    format!("{:?} ({} stamped {})", w.value, w.replica as char, w.stamp)
}

fn lww(b_behind_ms: u64) {
    let s = story(b_behind_ms);
    println!("== last writer wins, B's clock {b_behind_ms} ms behind ==");
    println!("partition: kept {}", show(&s.kept_in_partition));
    println!("           lost {}", show(&s.lost_in_partition));
    println!("after it:  B removes bread: {}", show(&s.removal));
    let verdict = if s.kept_at_end == s.removal {
        "kept"
    } else {
        "LOST"
    };
    println!(
        "           the removal is {verdict}; the cart is {:?}",
        s.kept_at_end.value
    );
    println!();
}

fn cart(items: &[&'static str]) -> Cart {
    items.iter().copied().collect()
}

fn print_siblings(label: &str, s: &Siblings) {
    let parts: Vec<String> = s.0.iter().map(|(vv, c)| format!("{vv} {c:?}")).collect();
    println!("{label:<28}{}", parts.join("  |  "));
}

// ANCHOR: vv_story
fn version_vectors() {
    println!("== version vectors: the same partition, siblings kept ==");
    let (mut a, mut b) = (Siblings::default(), Siblings::default());
    a.put('A', &a.context(), cart(&["bread"]));
    b.sync_from(&a);
    // Partition: each client read its own replica, then wrote.
    a.put('A', &a.context(), cart(&["bread", "milk"]));
    b.put('B', &b.context(), cart(&["bread", "eggs"]));
    a.sync_from(&b);
    print_siblings("after sync, A holds", &a);
    // The application merges the siblings: the union of the carts.
    let union: Cart = a.0.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    a.put('A', &a.context(), union);
    b.sync_from(&a);
    print_siblings("the app writes a union", &a);
    // Second partition: A removes bread, B adds tea.
    a.put('A', &a.context(), cart(&["eggs", "milk"]));
    b.put('B', &b.context(), cart(&["bread", "eggs", "milk", "tea"]));
    a.sync_from(&b);
    print_siblings("A removes bread, B adds tea", &a);
    let union: Cart = a.0.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    println!("{:<28}{union:?}", "union of the siblings");
    println!();
}
// ANCHOR_END: vv_story

fn counters() {
    println!("== counters: A counts 3 likes, B counts 2 while apart, then they sync twice ==");
    println!("{:<16}{:>14}{:>14}", "merge", "first sync", "second sync");
    row::<SumCounter>();
    row::<MaxCounter>();
    row::<GCounter>();
    row::<PnCounter>();
    println!();
}

/// A makes 3 updates and B 2 (all increments), then two rounds in which
/// each takes in the other's state.
fn row<C: Counter>() {
    let (mut a, mut b) = (C::empty(), C::empty());
    (0..3).for_each(|_| a.apply(0, 0));
    (0..2).for_each(|_| b.apply(1, 0));
    let mut cells = Vec::new();
    for _ in 0..2 {
        let (a_before, b_before) = (a.clone(), b.clone());
        a.merge(&b_before);
        b.merge(&a_before);
        cells.push(format!("A {} B {}", a.value(), b.value()));
    }
    println!("{:<16}{:>14}{:>14}", C::NAME, cells[0], cells[1]);
}

fn show_set(s: &OrSet<&str>) -> String {
    let adds: Vec<String> = s
        .adds
        .iter()
        .map(|(e, (r, n))| {
            let mark = if s.removed.contains(&(*r, *n)) {
                "x"
            } else {
                ""
            };
            format!("{e}@{}{n}{mark}", *r as char)
        })
        .collect();
    format!("{:?}  tags: {}", s.elements(), adds.join(" "))
}

// ANCHOR: orset_story
fn or_set() {
    println!("== OR-set: tagged adds, removes of the tags seen ==");
    let mut a = OrSet::new();
    a.add(b'A', "bread");
    a.add(b'A', "milk");
    let mut b = a.clone();
    // Partition: A removes milk; B removes milk too, then adds it again.
    a.remove(&"milk");
    b.remove(&"milk");
    b.add(b'B', "milk");
    // And A removes bread while B adds tea.
    a.remove(&"bread");
    b.add(b'B', "tea");
    a.merge_from(&b);
    b.merge_from(&a);
    println!("merged:   {}", show_set(&a));
    println!("equal on both replicas: {}", a == b);
    a.remove(&"tea");
    a.add(b'A', "tea");
    println!("A removes tea and adds it again: {}", show_set(&a));
    println!();
}
// ANCHOR_END: orset_story

fn laws() {
    println!("== merge laws: 1,000 random histories of 3 replicas, 60 steps each ==");
    println!(
        "{:<16}{:>12}{:>12}{:>12}{:>16}",
        "type", "commutes", "associates", "idempotent", "counts all"
    );
    law_row::<SumCounter>(tally(1000, 60, counts_every_update::<SumCounter>), true);
    law_row::<MaxCounter>(tally(1000, 60, counts_every_update::<MaxCounter>), true);
    law_row::<GCounter>(tally(1000, 60, counts_every_update::<GCounter>), true);
    law_row::<PnCounter>(tally(1000, 60, counts_every_update::<PnCounter>), true);
    law_row::<LwwRegister<u8>>(tally::<LwwRegister<u8>>(1000, 60, |_, _| true), false);
    law_row::<OrSet<&'static str>>(tally::<OrSet<&'static str>>(1000, 60, |_, _| true), false);
    println!();
}

fn law_row<C: Crdt>(t: Tally, counter: bool) {
    let counts = if counter {
        t.counts.to_string()
    } else {
        "-".into()
    };
    println!(
        "{:<16}{:>12}{:>12}{:>12}{:>16}",
        C::NAME,
        t.commutative,
        t.associative,
        t.idempotent,
        counts
    );
}

fn simulation() {
    println!("== 3 replicas, 300 seeds: random partitions, duplicated and reordered messages ==");
    println!("{:<16}{:>12}{:>16}", "type", "converged", "counts all");
    sim_row::<SumCounter>(Some(sums::<SumCounter>));
    sim_row::<MaxCounter>(Some(sums::<MaxCounter>));
    sim_row::<GCounter>(Some(sums::<GCounter>));
    sim_row::<PnCounter>(Some(sums::<PnCounter>));
    sim_row::<LwwRegister<u8>>(None);
    sim_row::<OrSet<&'static str>>(None);
}

fn sums<C: Counter>(state: &C, ops: &[u8]) -> bool {
    state.value() == ops.iter().map(|&op| C::delta(op)).sum::<i64>()
}

fn sim_row<C: Crdt>(counts_all: Option<fn(&C, &[u8]) -> bool>) {
    let (mut conv, mut counts, mut dup, mut dropped) = (0, 0, 0, 0);
    for seed in 0..300 {
        let run = simulate::<C>(seed, 300);
        conv += usize::from(converged(&run.states));
        if let Some(f) = counts_all {
            counts += usize::from(run.states.iter().all(|s| f(s, &run.ops)));
        }
        dup += run.duplicated;
        dropped += run.dropped;
    }
    let counts = match counts_all {
        Some(_) => counts.to_string(),
        None => "-".into(),
    };
    println!("{:<16}{conv:>12}{counts:>16}", C::NAME);
    if C::NAME == "OR-set" {
        println!(
            "(every type saw the same network: {dup} messages sent twice, {dropped} lost to partitions)"
        );
    }
}
