use std::time::Duration;

use pick_replica::{BadLsn, Replica, Target, parse_lsn, pick};

fn replica(name: &str, replayed: &str) -> Replica {
    Replica {
        name: name.to_string(),
        replayed: replayed.to_string(),
        lag: Duration::from_millis(10),
        healthy: true,
        in_flight: 0,
    }
}

fn to(name: &str) -> Target {
    Target::Replica(name.to_string())
}

const SECOND: Duration = Duration::from_secs(1);

/// Positions compare as numbers: the high part first.
#[test]
fn lsns_parse_to_positions() {
    assert_eq!(parse_lsn("0/0"), Ok(0));
    assert_eq!(parse_lsn("1/0"), Ok(1 << 32));
    assert_eq!(parse_lsn("16/B374D848"), Ok((0x16 << 32) | 0xB374_D848));
    assert!(parse_lsn("F/FFFFFFFF").unwrap() < parse_lsn("10/0").unwrap());
    assert!(parse_lsn("0/9").unwrap() < parse_lsn("0/10").unwrap());
}

/// Anything else is refused, with the text it got.
#[test]
fn bad_lsns_are_refused() {
    for bad in [
        "",
        "10",
        "10/",
        "/0",
        "x/0",
        "1/2/3",
        "123456789/0",
        "+1/0",
        "-1/0",
    ] {
        assert_eq!(parse_lsn(bad), Err(BadLsn(bad.to_string())), "{bad:?}");
    }
}

/// A session that has seen nothing may read any qualifying replica.
#[test]
fn a_fresh_session_reads_a_replica() {
    let replicas = [replica("a", "0/100")];
    assert_eq!(pick(&replicas, None, SECOND), Ok(to("a")));
}

/// A replica behind what the session saw is skipped, compared as positions,
/// not as text ("F/0" sorts after "10/0" as text).
#[test]
fn replicas_behind_the_session_are_skipped() {
    let replicas = [replica("behind", "F/FFFFFFFF"), replica("ahead", "10/0")];
    assert_eq!(pick(&replicas, Some("10/0"), SECOND), Ok(to("ahead")));
    assert_eq!(pick(&replicas, Some("10/1"), SECOND), Ok(Target::Primary));
}

/// Unhealthy and too-lagged replicas never qualify.
#[test]
fn unhealthy_and_lagging_replicas_are_skipped() {
    let mut sick = replica("sick", "0/100");
    sick.healthy = false;
    let mut slow = replica("slow", "0/100");
    slow.lag = Duration::from_secs(3);
    assert_eq!(
        pick(&[sick.clone(), slow.clone()], None, SECOND),
        Ok(Target::Primary)
    );
    let mut edge = replica("edge", "0/100");
    edge.lag = SECOND;
    assert_eq!(pick(&[sick, slow, edge], None, SECOND), Ok(to("edge")));
}

/// The least busy qualifying replica wins; the earliest on a tie.
#[test]
fn the_least_busy_replica_wins() {
    let mut a = replica("a", "0/100");
    a.in_flight = 5;
    let mut b = replica("b", "0/50");
    b.in_flight = 2;
    let mut c = replica("c", "0/200");
    c.in_flight = 2;
    assert_eq!(pick(&[a, b, c], None, SECOND), Ok(to("b")));
}

/// No replicas at all: the primary.
#[test]
fn no_replicas_means_the_primary() {
    assert_eq!(pick(&[], Some("0/1"), SECOND), Ok(Target::Primary));
}

/// A garbled position is an error, even if another replica qualifies, even
/// on a replica that would not qualify anyway, and in the session's token.
#[test]
fn a_bad_replica_lsn_is_an_error() {
    let replicas = [replica("good", "0/1"), replica("bad", "zz")];
    assert_eq!(pick(&replicas, None, SECOND), Err(BadLsn("zz".to_string())));
    let mut sick = replica("sick", "?");
    sick.healthy = false;
    assert_eq!(pick(&[sick], None, SECOND), Err(BadLsn("?".to_string())));
    assert_eq!(
        pick(&[replica("good", "0/1")], Some("nope"), SECOND),
        Err(BadLsn("nope".to_string()))
    );
}
