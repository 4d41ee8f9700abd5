//! The specification of `Follower::append` and `leader_commit`.

use commit_rule::{AppendEntries, Entry, Follower, Index, Reply, Term, leader_commit};
use seeded::SplitMix64;

/// A log with these terms; the command names its index and term, so two
/// entries are equal exactly when index and term are.
fn log(terms: &[Term]) -> Vec<Entry> {
    terms
        .iter()
        .enumerate()
        .map(|(i, &term)| Entry {
            term,
            command: format!("i{}t{}", i + 1, term),
        })
        .collect()
}

fn terms(log: &[Entry]) -> Vec<Term> {
    log.iter().map(|e| e.term).collect()
}

/// The request a leader with `leader` as its log sends with `next` as the
/// follower's next index, carrying `count` entries.
fn request(leader: &[Entry], next: Index, count: usize, leader_commit: Index) -> AppendEntries {
    let prev = next - 1;
    AppendEntries {
        prev_index: prev,
        prev_term: if prev == 0 {
            0
        } else {
            leader[prev as usize - 1].term
        },
        entries: leader[prev as usize..prev as usize + count].to_vec(),
        leader_commit,
    }
}

fn follower(terms: &[Term], commit_index: Index) -> Follower {
    Follower {
        log: log(terms),
        commit_index,
    }
}

// ---------------------------------------------------------------- follower

#[test]
fn a_matching_prev_appends() {
    let leader = log(&[1, 1, 2]);
    let mut f = Follower::default();
    assert_eq!(
        f.append(&request(&leader, 1, 3, 0)),
        Reply::Ok { match_index: 3 }
    );
    assert_eq!(f.log, leader);
    assert_eq!(f.commit_index, 0);
    // A heartbeat carries the leader's commit index.
    assert_eq!(
        f.append(&request(&leader, 4, 0, 2)),
        Reply::Ok { match_index: 3 }
    );
    assert_eq!(f.commit_index, 2);
}

#[test]
fn a_missing_or_different_prev_is_rejected_and_changes_nothing() {
    let leader = log(&[1, 1, 3, 3]);
    let mut f = follower(&[1, 1, 2], 1);
    // No entry at index 4 at all.
    assert_eq!(f.append(&request(&leader, 5, 0, 4)), Reply::Reject);
    // An entry at index 3, but from term 2, not 3.
    assert_eq!(f.append(&request(&leader, 4, 1, 4)), Reply::Reject);
    assert_eq!(
        terms(&f.log),
        vec![1, 1, 2],
        "a rejected request changes no entry"
    );
    assert_eq!(f.commit_index, 1, "nor the commit index");
    // One step back, index 2 matches: the term-2 entry is replaced.
    assert_eq!(
        f.append(&request(&leader, 3, 2, 4)),
        Reply::Ok { match_index: 4 }
    );
    assert_eq!(f.log, leader);
    assert_eq!(f.commit_index, 4);
}

#[test]
fn a_wrong_suffix_is_found_and_replaced() {
    // The Raft paper's figure 7: a leader of term 8 and follower (f), which
    // led terms 2 and 3 and committed none of their entries.
    let leader = log(&[1, 1, 1, 4, 4, 5, 5, 6, 6, 6]);
    let mut f = follower(&[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3], 3);
    let mut next = leader.len() as Index + 1;
    let mut rejected = 0;
    loop {
        let count = leader.len() - (next as usize - 1);
        match f.append(&request(&leader, next, count, 10)) {
            Reply::Reject => {
                rejected += 1;
                next -= 1;
            }
            Reply::Ok { match_index } => {
                assert_eq!(match_index, 10);
                break;
            }
        }
    }
    assert_eq!(
        rejected, 7,
        "prev 10 down to prev 4 disagree; prev 3 agrees"
    );
    assert_eq!(
        f.log, leader,
        "the 11th entry, which the leader lacks, is gone too"
    );
    assert_eq!(f.commit_index, 10);
}

#[test]
fn a_late_shorter_request_does_not_cut_the_log() {
    // The follower already acknowledged 5 entries; the leader counts them
    // as replicated here. A copy of an older request arrives late.
    let leader = log(&[1, 1, 1, 1, 1]);
    let mut f = Follower::default();
    assert_eq!(
        f.append(&request(&leader, 1, 5, 0)),
        Reply::Ok { match_index: 5 }
    );
    assert_eq!(
        f.append(&request(&leader, 2, 1, 0)),
        Reply::Ok { match_index: 2 }
    );
    assert_eq!(f.log, leader, "entries 3 to 5 still match; keep them");
    // And a duplicate of the same request changes nothing.
    assert_eq!(
        f.append(&request(&leader, 2, 1, 0)),
        Reply::Ok { match_index: 2 }
    );
    assert_eq!(f.log, leader);
}

#[test]
fn only_the_checked_entries_count_for_the_reply_and_the_commit() {
    // Entries 4 and 5 came from a leader of term 2 that lost its job; the
    // leader of term 3 committed its own entry 4.
    let leader = log(&[1, 1, 1, 3]);
    let mut f = follower(&[1, 1, 1, 2, 2], 1);
    // A heartbeat that checks only up to index 3.
    assert_eq!(
        f.append(&request(&leader, 4, 0, 4)),
        Reply::Ok { match_index: 3 },
        "the stale entries 4 and 5 were not checked"
    );
    assert_eq!(
        f.commit_index, 3,
        "committing 4 would apply the stale term-2 entry there"
    );
    // Once entry 4 itself arrives, it replaces the stale suffix and commits.
    assert_eq!(
        f.append(&request(&leader, 4, 1, 4)),
        Reply::Ok { match_index: 4 }
    );
    assert_eq!(f.log, leader);
    assert_eq!(f.commit_index, 4);
}

#[test]
fn the_followers_commit_index_never_moves_back() {
    let leader = log(&[1, 1, 1, 1, 1]);
    let mut f = follower(&[1, 1, 1, 1, 1], 4);
    // A late request that checks only up to index 2.
    assert_eq!(
        f.append(&request(&leader, 2, 1, 5)),
        Reply::Ok { match_index: 2 }
    );
    assert_eq!(f.commit_index, 4, "entries 3 and 4 were already applied");
    assert_eq!(
        f.append(&request(&leader, 6, 0, 2)),
        Reply::Ok { match_index: 5 }
    );
    assert_eq!(f.commit_index, 4, "an old leader_commit does not lower it");
}

/// A random log of nondecreasing terms drawn from `pick`.
fn random_terms(rng: &mut SplitMix64, len: usize, pick: impl Fn(u64) -> Term) -> Vec<Term> {
    let mut t = 0;
    (0..len)
        .map(|_| {
            t += rng.below(2) as u64;
            pick(t)
        })
        .collect()
}

#[test]
fn late_duplicated_and_reordered_requests_keep_the_follower_safe() {
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        // The leader's terms are even and the stale ones odd, so a stale
        // entry never looks like the leader's (as in real Raft, where one
        // term has one leader).
        let leader_len = 1 + rng.below(12);
        let leader = log(&random_terms(&mut rng, leader_len, |t| 2 * t + 2));
        let shared = rng.below(leader.len() + 1);
        let mut start: Vec<Term> = terms(&leader[..shared]);
        let stale_len = rng.below(6);
        let base = start.last().copied().unwrap_or(0);
        start.extend(random_terms(&mut rng, stale_len, |t| base + 2 * t + 1));
        let mut f = Follower {
            log: log(&start),
            commit_index: 0,
        };
        for (i, e) in f.log.iter_mut().enumerate().skip(shared) {
            e.command = format!("stale i{}t{}", i + 1, e.term);
        }
        let len = leader.len();
        let mut acked = 0;
        for _ in 0..30 {
            let next = 1 + rng.below(len + 1) as Index;
            let count = rng.below(len - (next as usize - 1) + 1);
            let leader_commit = rng.below(len + 1) as Index;
            let req = request(&leader, next, count, leader_commit);
            let matches = f.term_at(req.prev_index) == Some(req.prev_term);
            let before = f.commit_index;
            let reply = f.append(&req);
            if !matches {
                assert_eq!(reply, Reply::Reject, "seed {seed}: prev does not match");
            } else {
                let m = req.prev_index + count as Index;
                assert_eq!(reply, Reply::Ok { match_index: m }, "seed {seed}");
                acked = acked.max(m as usize);
            }
            assert!(
                f.log.len() >= acked && f.log[..acked] == leader[..acked],
                "seed {seed}: an acknowledged entry was lost or changed"
            );
            let c = f.commit_index as usize;
            assert!(f.commit_index >= before, "seed {seed}: commit moved back");
            assert!(
                f.log.len() >= c && f.log[..c] == leader[..c],
                "seed {seed}: committed an entry the leader does not have"
            );
        }
    }
}

// ------------------------------------------------------------------ leader

#[test]
fn the_leader_counts_itself() {
    let l = log(&[1, 1, 1]);
    assert_eq!(
        leader_commit(1, &l, &[3, 0], 0),
        3,
        "leader and one peer: 2 of 3"
    );
    assert_eq!(leader_commit(1, &l, &[2, 0], 0), 2);
    assert_eq!(
        leader_commit(1, &l, &[0, 0], 0),
        0,
        "the leader alone: 1 of 3"
    );
    // A cluster of one commits as soon as it appends.
    assert_eq!(leader_commit(1, &l, &[], 0), 3);
}

#[test]
fn a_majority_is_more_than_half() {
    let l = log(&[1, 1, 1, 1]);
    // Five servers: three copies are needed.
    assert_eq!(leader_commit(1, &l, &[4, 0, 0, 0], 0), 0, "2 of 5");
    assert_eq!(leader_commit(1, &l, &[4, 2, 0, 0], 0), 2, "3 of 5 hold 2");
    assert_eq!(leader_commit(1, &l, &[4, 4, 3, 0], 0), 4);
    // Four servers: half is not enough, three are needed.
    assert_eq!(leader_commit(1, &l, &[4, 0, 0], 0), 0, "2 of 4");
    assert_eq!(leader_commit(1, &l, &[4, 1, 0], 0), 1, "3 of 4 hold 1");
    // Two servers: both.
    assert_eq!(leader_commit(1, &l, &[0], 0), 0, "1 of 2");
    assert_eq!(leader_commit(1, &l, &[3], 0), 3);
}

#[test]
fn figure_8_an_earlier_terms_entry_is_not_committed_by_counting() {
    // The paper's figure 8, step (c): S1 leads term 4; its entry 2 from
    // term 2 is on S1, S2 and S3, a majority of five. S5, with a term-3
    // entry at index 2, can still win an election and overwrite it.
    let l = log(&[1, 2, 4]);
    assert_eq!(leader_commit(4, &l, &[2, 2, 1, 1], 1), 1);
    // Once the term-4 entry is on a majority, S5 can no longer win, and
    // entry 2 is committed with it.
    assert_eq!(leader_commit(4, &l, &[3, 3, 1, 1], 1), 3);
}

#[test]
fn earlier_entries_commit_with_a_current_term_entry() {
    let l = log(&[1, 2, 2, 3, 3, 5, 5]);
    assert_eq!(leader_commit(5, &l, &[7, 6, 0, 0], 1), 6);
    assert_eq!(
        leader_commit(5, &l, &[7, 5, 0, 0], 1),
        1,
        "index 5 is term 3"
    );
    assert_eq!(leader_commit(5, &l, &[7, 7, 5, 0], 1), 7);
}

#[test]
fn the_leaders_commit_index_never_moves_back() {
    // A new leader of term 3 learned commit index 2 as a follower; it does
    // not know yet what its peers hold.
    let l = log(&[1, 1, 3]);
    assert_eq!(leader_commit(3, &l, &[0, 0], 2), 2);
    assert_eq!(leader_commit(3, &l, &[3, 0], 2), 3);
    // Whatever the peers report, a committed index stays committed.
    assert_eq!(leader_commit(3, &log(&[3, 3, 3]), &[1, 0], 3), 3);
}

/// The rule straight from the paper's figure 2, one candidate at a time.
fn reference(current_term: Term, log: &[Entry], peer_match: &[Index], commit: Index) -> Index {
    let cluster = peer_match.len() + 1;
    (commit + 1..=log.len() as Index)
        .filter(|&n| {
            let copies = 1 + peer_match.iter().filter(|&&m| m >= n).count();
            2 * copies > cluster && log[n as usize - 1].term == current_term
        })
        .max()
        .unwrap_or(commit)
}

#[test]
fn random_clusters_agree_with_the_papers_rule() {
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        let len = rng.below(10);
        let l = log(&random_terms(&mut rng, len, |t| t + 1));
        let last = l.last().map_or(1, |e| e.term);
        let current_term = last + rng.below(2) as Term;
        let peers: Vec<Index> = (0..rng.below(7))
            .map(|_| rng.below(l.len() + 1) as Index)
            .collect();
        let commit = rng.below(l.len() + 1) as Index;
        assert_eq!(
            leader_commit(current_term, &l, &peers, commit),
            reference(current_term, &l, &peers, commit),
            "seed {seed}: term {current_term}, log {:?}, peers {peers:?}, commit {commit}",
            terms(&l)
        );
    }
}
