use failure_detection::detector::{Detector, PhiAccrual};
use failure_detection::health::{Service, Verdict};

#[test]
fn phi_grows_with_silence() {
    let mut phi = PhiAccrual::new(8.0, 100, 100.0);
    for i in 0..50 {
        phi.heartbeat(i as f64 * 1000.0);
    }
    assert!(
        (phi.phi(1000.0) - 0.30).abs() < 0.01,
        "at the mean phi is -log10(0.5)"
    );
    assert!(phi.phi(1500.0) > phi.phi(1200.0));
    let after = phi.suspect_after();
    assert!(phi.phi(after) >= 8.0 && phi.phi(after - 1.0) < 8.0);
}

#[test]
fn a_full_disk_passes_the_shallow_check_only() {
    let s = Service {
        process_up: true,
        warmed_up: true,
        disk_writable: false,
    };
    assert_eq!(s.liveness(), Verdict::Pass);
    assert_eq!(s.readiness_shallow(), Verdict::Pass);
    assert_eq!(s.readiness_deep(), Verdict::Fail);
    assert!(!s.serve());
}
