use best_leader::{Choice, LeaderError, best_leader, write_ms};

/// The chapter's three regions: us, eu, ap.
fn chapter() -> Vec<Vec<f64>> {
    vec![
        vec![1.0, 75.0, 220.0],
        vec![75.0, 1.0, 160.0],
        vec![220.0, 160.0, 1.0],
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// With three regions a write needs one other region's acknowledgement,
/// the nearest one to the leader.
#[test]
fn three_regions_wait_for_the_nearest_other() {
    let rtt = chapter();
    assert!(close(write_ms(&rtt, 0, 0), 1.0 + 75.0));
    assert!(close(write_ms(&rtt, 2, 0), 220.0 + 75.0));
    assert!(close(write_ms(&rtt, 2, 2), 1.0 + 160.0));
}

/// The best leader is not always where most users are: us-east has 40% of
/// the users, but a leader in Europe is nearer to everyone else and to its
/// own nearest follower.
#[test]
fn the_best_leader_is_not_where_most_users_are() {
    let choice = best_leader(&chapter(), &[0.4, 0.35, 0.25]).expect("valid");
    assert_eq!(choice.leader, 1);
    assert!(close(choice.mean_write_ms, 145.35), "{choice:?}");
    // us-east, where most users are, averages 156.65 ms.
    let shares = [0.4, 0.35, 0.25];
    let us_east: f64 = (0..3)
        .map(|from| shares[from] * write_ms(&chapter(), from, 0))
        .sum();
    assert!(close(us_east, 156.65), "{us_east}");
    // With nearly everyone in Asia, the leader moves there.
    let choice = best_leader(&chapter(), &[0.05, 0.05, 0.9]).expect("valid");
    assert_eq!(choice.leader, 2);
}

/// With five regions a majority is three, so the leader waits for its
/// second-nearest other region.
#[test]
fn five_regions_wait_for_the_second_nearest() {
    let rtt = vec![
        vec![0.0, 10.0, 20.0, 30.0, 40.0],
        vec![10.0, 0.0, 10.0, 20.0, 30.0],
        vec![20.0, 10.0, 0.0, 10.0, 20.0],
        vec![30.0, 20.0, 10.0, 0.0, 10.0],
        vec![40.0, 30.0, 20.0, 10.0, 0.0],
    ];
    assert!(close(write_ms(&rtt, 0, 0), 0.0 + 20.0));
    assert!(close(write_ms(&rtt, 0, 2), 20.0 + 10.0));
    let even = [0.2; 5];
    assert_eq!(best_leader(&rtt, &even).map(|c| c.leader), Ok(2));
}

/// One region needs no acknowledgement; two regions need the other one.
#[test]
fn small_groups() {
    assert!(close(write_ms(&[vec![3.0]], 0, 0), 3.0));
    let two = vec![vec![1.0, 50.0], vec![50.0, 1.0]];
    assert!(close(write_ms(&two, 0, 0), 1.0 + 50.0));
    assert_eq!(
        best_leader(&two, &[0.5, 0.5]),
        Ok(Choice {
            leader: 0,
            mean_write_ms: 0.5 * 51.0 + 0.5 * 100.0
        })
    );
}

/// Input that describes no world is refused with the reason.
#[test]
fn bad_input_is_refused() {
    assert_eq!(best_leader(&[], &[]), Err(LeaderError::NoRegions));
    assert_eq!(
        best_leader(&chapter(), &[0.5, 0.5]),
        Err(LeaderError::Shape)
    );
    let mut lopsided = chapter();
    lopsided[0][2] = 200.0;
    assert_eq!(
        best_leader(&lopsided, &[0.4, 0.35, 0.25]),
        Err(LeaderError::BadRoundTrip { from: 0, to: 2 })
    );
    let mut negative = chapter();
    negative[1][1] = -1.0;
    assert_eq!(
        best_leader(&negative, &[0.4, 0.35, 0.25]),
        Err(LeaderError::BadRoundTrip { from: 1, to: 1 })
    );
    assert_eq!(
        best_leader(&chapter(), &[0.5, 0.5, 0.5]),
        Err(LeaderError::BadShares)
    );
    assert_eq!(
        best_leader(&chapter(), &[1.2, -0.1, -0.1]),
        Err(LeaderError::BadShares)
    );
    // Every comparison with NaN is false, so it slips past `< 0.0` and
    // past a tolerance on the sum unless it is refused by name.
    assert_eq!(
        best_leader(&chapter(), &[f64::NAN, 0.5, 0.5]),
        Err(LeaderError::BadShares)
    );
}
