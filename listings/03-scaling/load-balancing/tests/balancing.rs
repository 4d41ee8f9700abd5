use load_balancing::fleet::{FLEET, Fleet, LOAD_PER_SECOND, Report, run};
use load_balancing::policy::{
    Balancer, LeastConnections, PowerOfTwo, Random, RoundRobin, Stale, Weighted,
};
use seeded::SplitMix64;

fn picks(balancer: &mut dyn Balancer, outstanding: &[usize], n: usize) -> Vec<usize> {
    let mut rng = SplitMix64(5);
    (0..n)
        .map(|_| balancer.pick(outstanding, &mut rng))
        .collect()
}

fn counts(picks: &[usize], servers: usize) -> Vec<usize> {
    let mut counts = vec![0; servers];
    for &p in picks {
        counts[p] += 1;
    }
    counts
}

/// Round robin cycles through the servers whatever they hold.
#[test]
fn round_robin_takes_turns() {
    let mut rr = RoundRobin::default();
    assert_eq!(picks(&mut rr, &[9, 0, 0], 7), [0, 1, 2, 0, 1, 2, 0]);
}

/// Random and weighted random hand out shares in proportion to 1 and to
/// the weights.
#[test]
fn random_shares_follow_the_weights() {
    let uniform = counts(&picks(&mut Random, &[0; 4], 40_000), 4);
    for c in uniform {
        assert!((9_500..10_500).contains(&c), "{c}");
    }
    let mut weighted = Weighted::new(vec![3, 1]);
    let shares = counts(&picks(&mut weighted, &[0; 2], 40_000), 2);
    assert!((29_000..31_000).contains(&shares[0]), "{shares:?}");
}

/// Least connections takes the emptiest server, the lowest on a tie; power
/// of two choices never takes the fuller of its two.
#[test]
fn adaptive_balancers_prefer_empty_servers() {
    assert_eq!(picks(&mut LeastConnections, &[3, 1, 1, 2], 3), [1, 1, 1]);
    let chosen = counts(&picks(&mut PowerOfTwo, &[5, 0, 5, 5], 10_000), 4);
    // Server 1 wins every pair it is in, and two different servers out of
    // four include it half the time: 1 - (3/4)(2/3).
    assert!((4_700..5_300).contains(&chosen[1]), "{chosen:?}");
    // With one server there is no second choice.
    assert_eq!(picks(&mut PowerOfTwo, &[7], 3), [0, 0, 0]);
}

fn chapter(balancer: &mut dyn Balancer, requests: usize) -> Report {
    run(FLEET, balancer, LOAD_PER_SECOND, requests, 11)
}

/// The chapter's table: blind balancers send the slow server a tenth of the
/// load, more than it can serve, and their tail is tens of seconds;
/// balancers that know or count do not.
#[test]
fn blind_balancers_drown_the_slow_server() {
    for blind in [&mut RoundRobin::default() as &mut dyn Balancer, &mut Random] {
        let report = chapter(blind, 100_000);
        assert!((0.095..0.105).contains(&report.slow_share), "{report:?}");
        assert!(report.p99_ms > 10_000.0, "{report:?}");
    }
    let mut weights = vec![5; FLEET.servers];
    weights[FLEET.slow] = 1;
    for aware in [
        &mut Weighted::new(weights) as &mut dyn Balancer,
        &mut LeastConnections,
        &mut PowerOfTwo,
    ] {
        let report = chapter(aware, 100_000);
        assert!(report.slow_share < 0.04, "{report:?}");
        assert!(report.p99_ms < 30.0, "{report:?}");
    }
}

/// The slow server's queue grows for as long as the run lasts, so round
/// robin's tail does too: twice the run, about twice the p99.
#[test]
fn an_overloaded_queue_has_no_steady_state() {
    let short = chapter(&mut RoundRobin::default(), 50_000).p99_ms;
    let long = chapter(&mut RoundRobin::default(), 100_000).p99_ms;
    assert!((1.7..2.3).contains(&(long / short)), "{short} {long}");
}

/// At a load the slow server can keep up with (a tenth of 1,500 a second
/// is below its 200), round robin is fine: the trouble was overload, not
/// round robin as such.
#[test]
fn round_robin_is_fine_when_every_server_keeps_up() {
    let report = run(FLEET, &mut RoundRobin::default(), 1_500.0, 50_000, 11);
    assert!(report.p99_ms < 60.0, "{report:?}");
}

/// Every balancer meets the same requests: same seed, same arrivals and
/// service draws; and a run repeats exactly.
#[test]
fn runs_repeat_exactly() {
    let a = chapter(&mut PowerOfTwo, 20_000);
    assert_eq!(a, chapter(&mut PowerOfTwo, 20_000));
    assert_ne!(a, run(FLEET, &mut PowerOfTwo, LOAD_PER_SECOND, 20_000, 12));
}

/// The chapter's `slower` run: the slow server is now 20x slower, but the
/// weights still say 5x. Static weights overload it; the balancers that
/// count requests in flight adapt.
#[test]
fn adaptive_balancers_follow_a_server_that_gets_worse() {
    let slower = Fleet {
        slow_factor: 20.0,
        ..FLEET
    };
    let mut weights = vec![5; FLEET.servers];
    weights[FLEET.slow] = 1;
    let stale = run(
        slower,
        &mut Weighted::new(weights),
        LOAD_PER_SECOND,
        100_000,
        11,
    );
    assert!(stale.p99_ms > 1_000.0, "{stale:?}");
    for adaptive in [&mut LeastConnections as &mut dyn Balancer, &mut PowerOfTwo] {
        let report = run(slower, adaptive, LOAD_PER_SECOND, 100_000, 11);
        assert!(
            report.p99_ms < 20.0 && report.slow_share < 0.01,
            "{report:?}"
        );
    }
}

/// The broken variant: two choices drawn *with* replacement pick the slow
/// server twice one time in a hundred and must send the request there,
/// 70 requests a second, more than the 50 a 20x slower server can serve.
struct TwoChoicesWithReplacement;

impl Balancer for TwoChoicesWithReplacement {
    fn name(&self) -> &'static str {
        "two choices, with replacement"
    }

    fn pick(&mut self, outstanding: &[usize], rng: &mut SplitMix64) -> usize {
        let a = rng.below(outstanding.len());
        let b = rng.below(outstanding.len());
        if outstanding[b] < outstanding[a] {
            b
        } else {
            a
        }
    }
}

#[test]
fn two_choices_must_be_two_different_servers() {
    let slower = Fleet {
        slow_factor: 20.0,
        ..FLEET
    };
    let broken = run(
        slower,
        &mut TwoChoicesWithReplacement,
        LOAD_PER_SECOND,
        100_000,
        11,
    );
    assert!(broken.slow_share >= 0.009, "{broken:?}");
    assert!(broken.p999_ms > 1_000.0, "{broken:?}");
    let fixed = run(slower, &mut PowerOfTwo, LOAD_PER_SECOND, 100_000, 11);
    assert!(
        fixed.p999_ms < broken.p999_ms / 10.0,
        "{fixed:?} {broken:?}"
    );
}

/// Weights that do not know about the slow server make weighted random
/// just random: the chapter's "give it weight 5" prediction.
#[test]
fn equal_weights_are_random() {
    let report = chapter(&mut Weighted::new(vec![5; FLEET.servers]), 100_000);
    assert!((0.095..0.105).contains(&report.slow_share), "{report:?}");
    assert!(report.p99_ms > 10_000.0, "{report:?}");
}

/// The adaptive balancers send a slow server about what it can answer, and
/// not more: 200 a second at 5x slower, 50 at 20x. A server gets a new
/// request about when it has finished one.
#[test]
fn adaptive_balancers_send_the_slow_server_about_what_it_can_answer() {
    for slow_factor in [5.0, 20.0] {
        let fleet = Fleet {
            slow_factor,
            ..FLEET
        };
        let can_answer = 1000.0 / (fleet.service_ms * slow_factor);
        for adaptive in [&mut LeastConnections as &mut dyn Balancer, &mut PowerOfTwo] {
            let report = run(fleet, adaptive, LOAD_PER_SECOND, 100_000, 11);
            let sent = report.slow_share * LOAD_PER_SECOND;
            assert!(
                (0.9..1.0).contains(&(sent / can_answer)),
                "{slow_factor}x: {sent:.0} a second against {can_answer:.0}: {report:?}"
            );
        }
    }
}

/// The chapter's `stale` run: counts copied every 70 requests. Least
/// connections sends every request until the next copy to the server that
/// looked emptiest, and its median jumps; power of two choices spreads
/// them over random pairs and barely moves.
#[test]
fn least_connections_herds_on_old_counts() {
    let fresh = chapter(&mut LeastConnections, 100_000);
    let herd = chapter(&mut Stale::new(LeastConnections, 70), 100_000);
    let two = chapter(&mut Stale::new(PowerOfTwo, 70), 100_000);
    assert!(herd.p50_ms > 10.0 * fresh.p50_ms, "{fresh:?} {herd:?}");
    assert!(two.p50_ms < 5.0, "{two:?}");
    assert!(herd.p99_ms > 3.0 * two.p99_ms, "{herd:?} {two:?}");
}

/// A server that fails fast (here 100 times faster than the others, as one
/// that answers every request at once with an error) almost never has a
/// request in flight, so it wins the adaptive balancers' comparisons: more
/// than half the requests from least connections, about a sixth from power
/// of two choices, against a tenth from round robin.
#[test]
fn a_server_that_fails_fast_attracts_the_adaptive_balancers() {
    let failing = Fleet {
        slow_factor: 0.01,
        ..FLEET
    };
    let share = |balancer: &mut dyn Balancer| {
        run(failing, balancer, LOAD_PER_SECOND, 100_000, 11).slow_share
    };
    assert!((share(&mut RoundRobin::default()) - 0.10).abs() < 1e-9);
    let least = share(&mut LeastConnections);
    assert!(least > 0.5, "{least}");
    let two = share(&mut PowerOfTwo);
    assert!((0.15..0.18).contains(&two), "{two}");
}
