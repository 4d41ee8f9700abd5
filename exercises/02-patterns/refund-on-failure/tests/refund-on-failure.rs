use refund_on_failure::{MemoryPayments, MemoryStore, PlaceError, PlaceOrder, PortError};

fn shop(mugs: u32) -> PlaceOrder<MemoryStore, MemoryPayments> {
    let mut store = MemoryStore::default();
    store.stock.insert("mug".to_string(), mugs);
    PlaceOrder {
        store,
        payments: MemoryPayments::default(),
        unit_cents: 1200,
    }
}

/// A good order is charged once and saved, and the stock goes down.
#[test]
fn a_good_order_is_charged_and_saved() {
    let mut place = shop(5);
    assert_eq!(place.place("ana", "mug", 2), Ok(1));
    assert_eq!(place.payments.collected(), 2400);
    assert_eq!(place.store.stock["mug"], 3);
}

/// Bad quantities and missing stock are refused before any charge.
#[test]
fn refusals_come_before_the_charge() {
    let mut place = shop(3);
    assert_eq!(place.place("ana", "mug", 0), Err(PlaceError::BadQuantity));
    assert_eq!(place.place("ana", "mug", 11), Err(PlaceError::BadQuantity));
    assert_eq!(
        place.place("ana", "mug", 4),
        Err(PlaceError::OutOfStock { left: 3 })
    );
    assert!(place.payments.charges.is_empty());
}

/// A declined card leaves nothing saved.
#[test]
fn a_declined_card_saves_nothing() {
    let mut place = shop(3);
    place.payments.decline = true;
    assert_eq!(
        place.place("ana", "mug", 1),
        Err(PlaceError::Payment(PortError("card declined".to_string())))
    );
    assert!(place.store.orders.is_empty());
    assert_eq!(place.store.stock["mug"], 3);
}

/// When saving fails, the charge is refunded: the customer pays nothing.
#[test]
fn a_failed_save_refunds_the_charge() {
    let mut place = shop(3);
    place.store.fail_saves = true;
    assert_eq!(
        place.place("eve", "mug", 1),
        Err(PlaceError::Storage(PortError("disk full".to_string())))
    );
    assert_eq!(place.payments.charges.len(), 1);
    assert_eq!(place.payments.collected(), 0);
}

/// When the refund fails too, the error names the charge to refund by
/// hand, and both causes.
#[test]
fn a_failed_refund_names_the_charge() {
    let mut place = shop(3);
    place.store.fail_saves = true;
    place.payments.fail_refunds = true;
    assert_eq!(
        place.place("eve", "mug", 1),
        Err(PlaceError::RefundFailed {
            charge_id: "ch_1".to_string(),
            storage: PortError("disk full".to_string()),
            refund: PortError("provider unavailable".to_string()),
        })
    );
}

/// The limits are inclusive: the last units in stock can be ordered, and
/// so can ten at once.
#[test]
fn the_last_units_and_ten_at_once_are_allowed() {
    let mut place = shop(3);
    assert_eq!(place.place("ana", "mug", 3), Ok(1));
    assert_eq!(place.store.stock["mug"], 0);
    let mut place = shop(10);
    assert_eq!(place.place("ana", "mug", 10), Ok(1));
}

/// After a good order, a failed save refunds its own charge, not the
/// earlier one, and a failed refund names that charge.
#[test]
fn the_refund_is_for_the_charge_that_failed() {
    let mut place = shop(5);
    assert_eq!(place.place("ana", "mug", 1), Ok(1));
    place.store.fail_saves = true;
    assert!(place.place("eve", "mug", 1).is_err());
    assert_eq!(place.payments.collected(), 1200);
    let refunded: Vec<bool> = place.payments.charges.iter().map(|c| c.3).collect();
    assert_eq!(
        refunded,
        [false, true],
        "ch_2 (eve's) is refunded, ch_1 kept"
    );
    place.payments.fail_refunds = true;
    assert!(matches!(
        place.place("cem", "mug", 1),
        Err(PlaceError::RefundFailed { charge_id, .. }) if charge_id == "ch_3"
    ));
}
