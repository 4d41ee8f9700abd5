//! gRPC: a typed method, protobuf messages, HTTP/2. The contract is
//! `orders.proto`; here the messages are written as Rust structs with
//! prost's derive (a test checks them against the file), and `build.rs`
//! generates the service (the `shop` module below).

use crate::resource::Db;
use std::sync::Arc;
use tonic::{Request, Response, Status};

// ANCHOR: messages
/// The request of `GetOrder`. Each field has a number, its *tag*: the wire
/// carries tags, not names, and a field keeps its tag for ever.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetOrder {
    #[prost(uint64, tag = "1")]
    pub id: u64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct Order {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub sku: String,
    #[prost(uint32, tag = "3")]
    pub quantity: u32,
    #[prost(uint64, tag = "4")]
    pub total_cents: u64,
    #[prost(uint64, tag = "5")]
    pub customer_id: u64,
}
// ANCHOR_END: messages

/// The code `build.rs` generated: `orders_server` and `orders_client`.
pub mod shop {
    include!(concat!(env!("OUT_DIR"), "/shop.Orders.rs"));
}

// ANCHOR: service
pub struct OrdersService {
    pub db: Arc<Db>,
}

#[tonic::async_trait]
impl shop::orders_server::Orders for OrdersService {
    async fn get_order(&self, request: Request<GetOrder>) -> Result<Response<Order>, Status> {
        let id = request.into_inner().id;
        let row = self
            .db
            .order(id)
            .ok_or_else(|| Status::not_found(format!("no order {id}")))?;
        Ok(Response::new(Order {
            id: row.id,
            sku: row.sku.clone(),
            quantity: row.quantity,
            total_cents: row.total_cents,
            customer_id: row.customer_id,
        }))
    }
}
// ANCHOR_END: service
