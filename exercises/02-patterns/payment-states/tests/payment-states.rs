use payment_states::{Payment, PaymentEvent, Refused, apply};

fn run(events: &[PaymentEvent]) -> Result<Payment, Refused> {
    let mut payment = Payment::Pending;
    for event in events {
        payment = apply(&payment, event)?;
    }
    Ok(payment)
}

use PaymentEvent::{Authorize, Capture, Decline, Refund, Void};

/// Authorize, capture in full, refund in two parts.
#[test]
fn the_happy_path_adds_up_refunds() {
    let payment = run(&[
        Authorize { amount: 5000 },
        Capture { amount: 5000 },
        Refund { amount: 1500 },
        Refund { amount: 3500 },
    ]);
    assert_eq!(
        payment,
        Ok(Payment::Captured {
            captured: 5000,
            refunded: 5000
        })
    );
}

/// A partial capture is allowed, and refunds are limited by what was
/// captured, not by what was authorized.
#[test]
fn refunds_are_limited_by_the_capture() {
    let captured = run(&[Authorize { amount: 5000 }, Capture { amount: 3000 }]).expect("legal");
    assert_eq!(
        apply(&captured, &Refund { amount: 3001 }),
        Err(Refused::OverRefund { refundable: 3000 })
    );
    let partly = apply(&captured, &Refund { amount: 1000 }).expect("legal");
    assert_eq!(
        apply(&partly, &Refund { amount: 2001 }),
        Err(Refused::OverRefund { refundable: 2000 })
    );
}

/// Capturing more than the bank holds is refused, naming the limit.
#[test]
fn over_capture_is_refused() {
    let authorized = Payment::Authorized { amount: 5000 };
    assert_eq!(
        apply(&authorized, &Capture { amount: 5001 }),
        Err(Refused::OverCapture { authorized: 5000 })
    );
    assert_eq!(
        apply(&authorized, &Capture { amount: 5000 }),
        Ok(Payment::Captured {
            captured: 5000,
            refunded: 0
        })
    );
}

/// Events out of order are refused.
#[test]
fn events_out_of_order_are_refused() {
    assert_eq!(run(&[Capture { amount: 100 }]), Err(Refused::NotAllowed));
    assert_eq!(
        run(&[Authorize { amount: 100 }, Refund { amount: 100 }]),
        Err(Refused::NotAllowed)
    );
    assert_eq!(
        run(&[Authorize { amount: 100 }, Capture { amount: 100 }, Void]),
        Err(Refused::NotAllowed)
    );
    assert_eq!(
        run(&[Authorize { amount: 100 }, Authorize { amount: 100 }]),
        Err(Refused::NotAllowed)
    );
}

/// Voided and failed payments are final.
#[test]
fn voided_and_failed_accept_nothing() {
    let voided = run(&[Authorize { amount: 100 }, Void]).expect("legal");
    let failed = run(&[Decline {
        reason: "insufficient funds".to_string(),
    }])
    .expect("legal");
    assert_eq!(
        failed,
        Payment::Failed {
            reason: "insufficient funds".to_string()
        }
    );
    for last in [&voided, &failed] {
        for event in [
            Authorize { amount: 1 },
            Capture { amount: 1 },
            Void,
            Refund { amount: 1 },
        ] {
            assert_eq!(
                apply(last, &event),
                Err(Refused::NotAllowed),
                "{last:?} + {event:?}"
            );
        }
    }
}

/// Zero is refused in every state, before anything else is checked.
#[test]
fn zero_amounts_are_refused() {
    assert_eq!(
        apply(&Payment::Pending, &Authorize { amount: 0 }),
        Err(Refused::ZeroAmount)
    );
    let authorized = Payment::Authorized { amount: 100 };
    assert_eq!(
        apply(&authorized, &Capture { amount: 0 }),
        Err(Refused::ZeroAmount)
    );
    let captured = Payment::Captured {
        captured: 100,
        refunded: 0,
    };
    assert_eq!(
        apply(&captured, &Refund { amount: 0 }),
        Err(Refused::ZeroAmount)
    );
    // Also where the event is not allowed at all: zero is checked first.
    let voided = Payment::Voided;
    assert_eq!(
        apply(&voided, &Capture { amount: 0 }),
        Err(Refused::ZeroAmount)
    );
    assert_eq!(
        apply(&Payment::Pending, &Refund { amount: 0 }),
        Err(Refused::ZeroAmount)
    );
}
