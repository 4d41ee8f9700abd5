use sticky_assign::{AssignError, sticky};

fn owners(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some(n.to_string())).collect()
}

fn count(after: &[String], member: &str) -> usize {
    after.iter().filter(|o| *o == member).count()
}

fn moved(before: &[Option<String>], after: &[String]) -> usize {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.as_deref() != Some(a.as_str()))
        .count()
}

/// A new group: partitions are dealt in turn, in name order.
#[test]
fn a_new_group_is_dealt_evenly() {
    let none = vec![None; 5];
    assert_eq!(
        sticky(&none, &["b", "a"]).unwrap(),
        ["a", "b", "a", "b", "a"]
    );
}

/// C joins A and B, who own two partitions each: exactly one partition
/// moves to C, where dealing in turn again would move two.
#[test]
fn a_joining_member_takes_the_minimum() {
    let before = owners(&["A", "B", "A", "B"]);
    let after = sticky(&before, &["A", "B", "C"]).unwrap();
    assert_eq!(moved(&before, &after), 1);
    assert_eq!(count(&after, "C"), 1, "{after:?}");
}

/// B leaves: only B's partitions move, and the load stays balanced.
#[test]
fn a_leaving_member_moves_only_its_partitions() {
    let before = owners(&["A", "B", "C", "A", "B", "C"]);
    let after = sticky(&before, &["A", "C"]).unwrap();
    assert_eq!(moved(&before, &after), 2);
    assert_eq!(after, ["A", "A", "C", "A", "C", "C"]);
}

/// Nobody may keep more than the balance allows, even if they owned more.
#[test]
fn an_overloaded_member_gives_some_up() {
    let before = owners(&["A", "A", "A", "A"]);
    let after = sticky(&before, &["A", "B"]).unwrap();
    assert_eq!(
        (count(&after, "A"), count(&after, "B")),
        (2, 2),
        "{after:?}"
    );
}

const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

/// Random previous owners (some gone, some never owned) and groups of 1 to 5.
fn random_cases() -> Vec<(Vec<Option<String>>, usize)> {
    let mut state = 7u64;
    (0..200)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = 1 + (state >> 40) as usize % 17;
            let m = 1 + (state >> 20) as usize % 5;
            let before = (0..n)
                .map(|p| {
                    let pick = (state >> (p % 30)) as usize % 7;
                    NAMES.get(pick).map(|s| s.to_string())
                })
                .collect();
            (before, m)
        })
        .collect()
}

/// Every member ends with n/m or n/m + 1 partitions, whatever came before.
#[test]
fn always_balanced() {
    for (round, (before, m)) in random_cases().into_iter().enumerate() {
        let n = before.len();
        let after = sticky(&before, &NAMES[..m]).unwrap();
        for member in &NAMES[..m] {
            let k = count(&after, member);
            assert!(
                k == n / m || k == n / m + 1,
                "round {round}: {member} has {k} of {n}"
            );
        }
    }
}

/// No balanced assignment moves fewer partitions: `keepable` is the most
/// that any balanced assignment keeps.
#[test]
fn never_moves_more_than_needed() {
    for (round, (before, m)) in random_cases().into_iter().enumerate() {
        let n = before.len();
        let (base, extra) = (n / m, n % m);
        let owned: Vec<usize> = NAMES[..m]
            .iter()
            .map(|name| before.iter().filter(|b| b.as_deref() == Some(name)).count())
            .collect();
        let keepable = owned.iter().map(|&c| c.min(base)).sum::<usize>()
            + extra.min(owned.iter().filter(|&&c| c > base).count());
        let after = sticky(&before, &NAMES[..m]).unwrap();
        assert_eq!(
            moved(&before, &after),
            n - keepable,
            "round {round}: {before:?} to {after:?}"
        );
    }
}

/// Bad groups are refused.
#[test]
fn bad_groups_are_refused() {
    assert_eq!(sticky(&[None], &[]), Err(AssignError::NoMembers));
    assert_eq!(
        sticky(&[None], &["a", "b", "a"]),
        Err(AssignError::Duplicate("a".to_string()))
    );
}
