//! GraphQL: one endpoint, a typed schema, and the client picks the fields.

use crate::resource::Db;
use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Schema};
use std::sync::Arc;

// ANCHOR: schema
pub struct Query;

pub struct OrderNode(crate::resource::OrderRow);
pub struct CustomerNode(crate::resource::CustomerRow);

#[Object]
impl Query {
    async fn order(&self, ctx: &Context<'_>, id: u64) -> Option<OrderNode> {
        let db = ctx.data_unchecked::<Arc<Db>>();
        db.order(id).cloned().map(OrderNode)
    }

    async fn orders(&self, ctx: &Context<'_>) -> Vec<OrderNode> {
        let db = ctx.data_unchecked::<Arc<Db>>();
        db.orders.iter().cloned().map(OrderNode).collect()
    }
}

#[Object]
impl OrderNode {
    async fn id(&self) -> u64 {
        self.0.id
    }
    async fn sku(&self) -> &str {
        &self.0.sku
    }
    async fn quantity(&self) -> u32 {
        self.0.quantity
    }
    async fn total_cents(&self) -> u64 {
        self.0.total_cents
    }
    /// Resolved only when the query asks for it.
    async fn customer(&self, ctx: &Context<'_>) -> Option<CustomerNode> {
        let db = ctx.data_unchecked::<Arc<Db>>();
        db.customer(self.0.customer_id).cloned().map(CustomerNode)
    }
}

#[Object]
impl CustomerNode {
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn email(&self) -> &str {
        &self.0.email
    }
}

pub type OrdersSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema(db: Arc<Db>) -> OrdersSchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .finish()
}
// ANCHOR_END: schema
