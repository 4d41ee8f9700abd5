//! GraphQL: one endpoint, a typed schema, and the client picks the fields.

use crate::resource::{CustomerRow, Db};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Schema};
use std::collections::HashMap;
use std::convert::Infallible;
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

    /// Up to `first` orders (at most 100) with ids above `after`; the cost
    /// of the query counts each field once per order asked for.
    #[graphql(complexity = "first * child_complexity")]
    async fn orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, validator(maximum = 100))] first: usize,
        after: Option<u64>,
    ) -> Vec<OrderNode> {
        let db = ctx.data_unchecked::<Arc<Db>>();
        let rows = db
            .orders
            .iter()
            .filter(|row| after.is_none_or(|a| row.id > a));
        rows.take(first).cloned().map(OrderNode).collect()
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
        let id = self.0.customer_id;
        if let Some(loader) = ctx.data_opt::<DataLoader<Customers>>() {
            return loader.load_one(id).await.ok().flatten().map(CustomerNode);
        }
        let db = ctx.data_unchecked::<Arc<Db>>();
        db.customer(id).cloned().map(CustomerNode)
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
        .limit_depth(5)
        .limit_complexity(200)
        .finish()
}
// ANCHOR_END: schema

// ANCHOR: batched
/// Loads customers in batches: `load` gets every key requested while the
/// loader waited (1 ms by default).
pub struct Customers(Arc<Db>);

impl Loader<u64> for Customers {
    type Value = CustomerRow;
    type Error = Infallible;

    async fn load(&self, ids: &[u64]) -> Result<HashMap<u64, CustomerRow>, Infallible> {
        Ok(self.0.customers_by_id(ids))
    }
}

/// The same schema, with `customer` fields resolved through a `DataLoader`.
pub fn batched_schema(db: Arc<Db>) -> OrdersSchema {
    let loader = DataLoader::new(Customers(db.clone()), tokio::spawn);
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .data(loader)
        .limit_depth(5)
        .limit_complexity(200)
        .finish()
}
// ANCHOR_END: batched
