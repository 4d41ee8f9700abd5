//! Observer: who hears that something happened to an order.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEvent {
    Placed { order: u32, cents: u64 },
    Shipped { order: u32 },
}

// ANCHOR: bus
/// A subscriber: a closure called with every event.
pub type Subscriber = Box<dyn FnMut(&OrderEvent)>;

/// Calls every subscriber with every event, in the order they subscribed.
#[derive(Default)]
pub struct EventBus {
    subscribers: Vec<Subscriber>,
}

impl EventBus {
    pub fn subscribe(&mut self, subscriber: Subscriber) {
        self.subscribers.push(subscriber);
    }

    pub fn publish(&mut self, event: &OrderEvent) {
        for subscriber in &mut self.subscribers {
            subscriber(event);
        }
    }
}
// ANCHOR_END: bus
