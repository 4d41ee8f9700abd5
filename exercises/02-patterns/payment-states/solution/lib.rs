// --- solution ---
//! Reference solution: a card payment's lifecycle as an enum state
//! machine, with the amounts each state allows.
// --- stub ---
// //! Your turn: a card payment's lifecycle as an enum state machine, with
// //! the amounts each state allows.
// //!
// //! Run `cargo test -p payment-states` until it passes.
// --- end ---
//!
//! A card payment is first *authorized* (the bank holds the money), then
//! *captured* (the money moves), in full or in part; captured money can be
//! *refunded*, in several parts, up to what was captured. An authorization
//! that is not wanted is *voided*, and one the bank declines is `Failed`.

/// Where a payment is. Amounts are in cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payment {
    Pending,
    Authorized { amount: u64 },
    Captured { captured: u64, refunded: u64 },
    Voided,
    Failed { reason: String },
}

/// What can happen to a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEvent {
    Authorize { amount: u64 },
    Decline { reason: String },
    Capture { amount: u64 },
    Void,
    Refund { amount: u64 },
}

/// Why an event was refused. A refused event leaves the payment as it was.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// This event makes no sense in this state (capturing a voided payment).
    NotAllowed,
    /// Zero is never a valid amount.
    ZeroAmount,
    /// Capturing more than was authorized.
    OverCapture { authorized: u64 },
    /// Refunding more than is left to refund.
    OverRefund { refundable: u64 },
}

/// The state after `event`, or why it was refused. Rules:
///
/// - `Pending`: `Authorize` (amount above zero) or `Decline`.
/// - `Authorized`: `Capture` of 1 to `amount` cents (a smaller capture
///   releases the rest), or `Void`.
/// - `Captured`: `Refund` of 1 cent up to what is captured and not yet
///   refunded; refunds add up, and a payment refunded in full stays
///   `Captured` with `refunded == captured`.
/// - `Voided` and `Failed` accept nothing.
pub fn apply(payment: &Payment, event: &PaymentEvent) -> Result<Payment, Refused> {
    // --- solution ---
    use Payment as P;
    use PaymentEvent as E;
    match (payment, event) {
        (_, E::Authorize { amount: 0 } | E::Capture { amount: 0 } | E::Refund { amount: 0 }) => {
            Err(Refused::ZeroAmount)
        }
        (P::Pending, E::Authorize { amount }) => Ok(P::Authorized { amount: *amount }),
        (P::Pending, E::Decline { reason }) => Ok(P::Failed {
            reason: reason.clone(),
        }),
        (P::Authorized { amount }, E::Capture { amount: wanted }) => {
            if wanted > amount {
                Err(Refused::OverCapture {
                    authorized: *amount,
                })
            } else {
                Ok(P::Captured {
                    captured: *wanted,
                    refunded: 0,
                })
            }
        }
        (P::Authorized { .. }, E::Void) => Ok(P::Voided),
        (P::Captured { captured, refunded }, E::Refund { amount }) => {
            let refundable = captured - refunded;
            if *amount > refundable {
                Err(Refused::OverRefund { refundable })
            } else {
                Ok(P::Captured {
                    captured: *captured,
                    refunded: refunded + amount,
                })
            }
        }
        _ => Err(Refused::NotAllowed),
    }
    // --- stub ---
    // let _ = (payment, event);
    // todo!("apply")
    // --- end ---
}
