//! The specification of `Voter::handle`.

use grant_vote::{VoteReply, VoteRequest, Voter};
use seeded::SplitMix64;

fn voter(term: u64, voted_for: Option<usize>, last_index: u64, last_term: u64) -> Voter {
    Voter {
        term,
        voted_for,
        last_index,
        last_term,
    }
}

fn ask(v: &mut Voter, candidate: usize, term: u64, last_index: u64, last_term: u64) -> VoteReply {
    v.handle(&VoteRequest {
        term,
        candidate,
        last_index,
        last_term,
    })
}

// A candidate of a new term with an equal log gets the vote, and the
// voter records term and vote.
#[test]
fn a_first_request_in_a_new_term_is_granted() {
    let mut v = voter(1, Some(0), 3, 1);
    let reply = ask(&mut v, 2, 2, 3, 1);
    assert_eq!(
        reply,
        VoteReply {
            term: 2,
            granted: true
        }
    );
    assert_eq!(v.term, 2);
    assert_eq!(v.voted_for, Some(2));
}

// One vote per term: a second candidate of the same term is refused; the
// same candidate asking again (a duplicated message) gets the same yes.
#[test]
fn one_vote_per_term() {
    let mut v = voter(1, None, 3, 1);
    assert!(ask(&mut v, 2, 2, 3, 1).granted);
    assert!(!ask(&mut v, 4, 2, 3, 1).granted);
    assert_eq!(v.voted_for, Some(2));
    assert!(
        ask(&mut v, 2, 2, 3, 1).granted,
        "a retry of the same request"
    );
}

// A request from an older term is refused, and the reply carries the
// voter's newer term so the candidate can step down.
#[test]
fn an_older_term_is_refused_with_the_newer_term() {
    let mut v = voter(5, None, 3, 1);
    let reply = ask(&mut v, 2, 4, 9, 9);
    assert_eq!(
        reply,
        VoteReply {
            term: 5,
            granted: false
        }
    );
    assert_eq!(v.term, 5);
    assert_eq!(v.voted_for, None);
}

// A vote binds one term only: a newer term frees it.
#[test]
fn a_newer_term_frees_the_vote() {
    let mut v = voter(2, Some(1), 3, 1);
    assert!(ask(&mut v, 3, 3, 3, 1).granted);
    assert_eq!(v.voted_for, Some(3));
}

// A candidate with a stale log is refused, but its newer term is still
// adopted, and the voter's vote in that term stays free for another.
#[test]
fn a_refused_candidate_still_raises_the_term() {
    let mut v = voter(2, Some(0), 5, 3);
    let reply = ask(&mut v, 1, 4, 2, 2);
    assert_eq!(
        reply,
        VoteReply {
            term: 4,
            granted: false
        }
    );
    assert_eq!(v.term, 4);
    assert_eq!(v.voted_for, None);
    assert!(
        ask(&mut v, 2, 4, 5, 3).granted,
        "the vote of term 4 is still free"
    );
}

// The last term decides first: a shorter log whose last entry is newer
// is more up to date than a longer log of older entries.
#[test]
fn a_later_last_term_beats_a_longer_log() {
    assert!(ask(&mut voter(1, None, 9, 2), 1, 4, 3, 3).granted);
    assert!(!ask(&mut voter(1, None, 3, 3), 1, 4, 9, 2).granted);
}

// With equal last terms, the length decides, and equal is enough.
#[test]
fn the_same_last_term_needs_a_log_at_least_as_long() {
    assert!(!ask(&mut voter(1, None, 5, 2), 1, 3, 4, 2).granted);
    assert!(ask(&mut voter(1, None, 5, 2), 1, 3, 5, 2).granted);
    assert!(ask(&mut voter(1, None, 5, 2), 1, 3, 6, 2).granted);
    // Empty logs: everyone is as up to date as everyone.
    assert!(ask(&mut Voter::new(), 1, 1, 0, 0).granted);
}

// Many candidates, duplicated and reordered requests over 1,000 seeds:
// no voter grants two candidates in one term, its term never goes back,
// no term has two winners among five voters, and every yes went to a log
// at least as up to date as the voter's.
#[test]
fn no_term_has_two_winners_under_random_requests() {
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        let mut voters: Vec<Voter> = (0..5)
            .map(|_| {
                let last_term = rng.below(4) as u64;
                let last_index = if last_term == 0 {
                    0
                } else {
                    last_term + rng.below(4) as u64
                };
                voter(0, None, last_index, last_term)
            })
            .collect();
        // votes[term][candidate] = voters that said yes.
        let mut yes: std::collections::BTreeMap<(u64, usize), Vec<usize>> = Default::default();
        let mut granted_to: std::collections::BTreeMap<(usize, u64), usize> = Default::default();
        for _ in 0..60 {
            let candidate = rng.below(5);
            let term = 1 + rng.below(4) as u64;
            let (last_index, last_term) =
                (voters[candidate].last_index, voters[candidate].last_term);
            let v = rng.below(5);
            let before = voters[v];
            let reply = ask(&mut voters[v], candidate, term, last_index, last_term);
            assert!(
                voters[v].term >= before.term,
                "seed {seed}: the term went back"
            );
            assert_eq!(reply.term, voters[v].term);
            if reply.granted {
                assert!(
                    (last_term, last_index) >= (before.last_term, before.last_index),
                    "seed {seed}: a vote for a less up-to-date log"
                );
                assert_eq!(term, voters[v].term);
                let earlier = granted_to.insert((v, term), candidate);
                assert!(
                    earlier.is_none_or(|c| c == candidate),
                    "seed {seed}: voter {v} voted twice in term {term}"
                );
                let list = yes.entry((term, candidate)).or_default();
                if !list.contains(&v) {
                    list.push(v);
                }
            }
        }
        for term in 1..=4 {
            let winners = (0..5)
                .filter(|&c| yes.get(&(term, c)).is_some_and(|l| l.len() >= 3))
                .count();
            assert!(
                winners <= 1,
                "seed {seed}: {winners} winners in term {term}"
            );
        }
    }
}
