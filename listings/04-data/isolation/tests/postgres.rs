//! Each anomaly on the course's PostgreSQL, at the level that allows it and
//! the one that stops it. Each test makes its own tables.

use isolation::pg::{self, Guard, Lab, Level, Step};

async fn lab() -> Lab {
    Lab::connect().await.unwrap_or_else(|e| panic!("{e}"))
}

fn refused(step: &Step, at: &str) -> bool {
    matches!(step, Step::SerializationFailure { at: a, .. } if *a == at)
}

// PostgreSQL accepts READ UNCOMMITTED and runs it as READ COMMITTED: B
// never sees A's uncommitted 0.
#[tokio::test(flavor = "current_thread")]
async fn no_dirty_read_even_at_read_uncommitted() {
    let lab = lab().await;
    for level in [Level::ReadUncommitted, Level::ReadCommitted] {
        let (seen, reported) = pg::dirty_read(&lab, level).await.unwrap();
        assert_eq!(seen, 100, "{level:?}");
        assert_eq!(reported, level.name());
    }
    lab.close().await.unwrap();
}

// Read committed loses A's deposit; repeatable read refuses B's write, and
// B's retry lands on top of A's; FOR UPDATE makes B wait and read 110.
#[tokio::test(flavor = "current_thread")]
async fn lost_update_at_read_committed_only() {
    let lab = lab().await;
    let rc = pg::lost_update(&lab, Guard::Nothing(Level::ReadCommitted))
        .await
        .unwrap();
    assert_eq!(
        (rc.b.clone(), rc.b_waited, rc.balance),
        (Step::Ok, false, 120)
    );

    let rr = pg::lost_update(&lab, Guard::Nothing(Level::RepeatableRead))
        .await
        .unwrap();
    assert!(refused(&rr.b, "UPDATE"), "{rr:?}");
    assert_eq!(rr.balance, 130);

    let fu = pg::lost_update(&lab, Guard::ForUpdate).await.unwrap();
    assert_eq!((fu.b, fu.b_waited, fu.balance), (Step::Ok, true, 130));
    lab.close().await.unwrap();
}

// Read committed shows B a total of 140 and a changed checking balance;
// repeatable read keeps B on its snapshot.
#[tokio::test(flavor = "current_thread")]
async fn read_skew_at_read_committed_only() {
    let lab = lab().await;
    let rc = pg::read_skew(&lab, Level::ReadCommitted).await.unwrap();
    assert_eq!((rc.checking, rc.savings, rc.checking_again), (50, 90, 10));
    let rr = pg::read_skew(&lab, Level::RepeatableRead).await.unwrap();
    assert_eq!((rr.checking, rr.savings, rr.checking_again), (50, 50, 50));
    lab.close().await.unwrap();
}

// Repeatable read (snapshot isolation) lets both doctors go; serializable
// refuses the second to commit.
#[tokio::test(flavor = "current_thread")]
async fn write_skew_at_repeatable_read_not_serializable() {
    let lab = lab().await;
    let rr = pg::write_skew(&lab, Level::RepeatableRead).await.unwrap();
    assert_eq!((rr.a, rr.b, rr.on_call), (Step::Ok, Step::Ok, 0));
    let s = pg::write_skew(&lab, Level::Serializable).await.unwrap();
    assert_eq!(s.a, Step::Ok);
    assert!(refused(&s.b, "COMMIT"), "{s:?}");
    assert_eq!(s.on_call, 1);
    lab.close().await.unwrap();
}
