//! The first version: a status string and fields that may or may not be
//! filled in, depending on the status.

// ANCHOR: naive
#[derive(Debug, Default)]
pub struct Order {
    pub status: String,
    pub payment_id: Option<String>,
    pub tracking: Option<String>,
}

impl Order {
    pub fn pay(&mut self, payment_id: &str) {
        self.status = "paid".to_string();
        self.payment_id = Some(payment_id.to_string());
    }

    pub fn ship(&mut self, tracking: &str) {
        self.status = "shipped".to_string();
        self.tracking = Some(tracking.to_string());
    }

    pub fn cancel(&mut self) {
        self.status = "cancelled".to_string();
    }
}
// ANCHOR_END: naive
