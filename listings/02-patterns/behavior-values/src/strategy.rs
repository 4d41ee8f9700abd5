//! Strategy: how shipping is priced, as an enum and as a closure.

/// What the shipping price depends on.
#[derive(Debug, Clone, Copy)]
pub struct Cart {
    pub subtotal_cents: u64,
    pub weight_grams: u64,
}

// ANCHOR: enum
/// The pricing rules the shop's configuration can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shipping {
    Flat(u64),
    PerKilo(u64),
    /// Free from `threshold` cents of subtotal, `otherwise` below it.
    FreeOver {
        threshold: u64,
        otherwise: Box<Shipping>,
    },
}

impl Shipping {
    pub fn cost(&self, cart: &Cart) -> u64 {
        match self {
            Shipping::Flat(cents) => *cents,
            // Started kilos count as whole ones: 1,200 g is 2 kg.
            Shipping::PerKilo(cents) => cart.weight_grams.div_ceil(1000) * cents,
            Shipping::FreeOver {
                threshold,
                otherwise,
            } => {
                if cart.subtotal_cents >= *threshold {
                    0
                } else {
                    otherwise.cost(cart)
                }
            }
        }
    }
}
// ANCHOR_END: enum

// ANCHOR: closure
/// A rule that is any code at all: here a promotion that captures a
/// discount read at run time and wraps another rule.
pub fn promotion(percent_off: u64, base: Shipping) -> Box<dyn Fn(&Cart) -> u64> {
    Box::new(move |cart| base.cost(cart) * (100 - percent_off) / 100)
}
// ANCHOR_END: closure
