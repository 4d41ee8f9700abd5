//! The endpoint on the course's PostgreSQL, in four plans, with every
//! statement counted. Temporary tables, so concurrent runs never meet.

use service_smoke::sql;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use service_smoke::Service;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Row, Statement};

use crate::batcher::{Fetch, Loader};
use crate::shop::Shop;

pub type Error = String;

/// How the endpoint talks to PostgreSQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PgPlan {
    NPlusOne,
    Any,
    Join,
    Batched,
}

impl PgPlan {
    pub const ALL: [PgPlan; 4] = [PgPlan::NPlusOne, PgPlan::Any, PgPlan::Join, PgPlan::Batched];

    pub fn name(self) -> &'static str {
        match self {
            PgPlan::NPlusOne => "N+1",
            PgPlan::Any => "= ANY($1)",
            PgPlan::Join => "JOIN",
            PgPlan::Batched => "batched loads",
        }
    }
}

/// A connection that counts the statements it runs. Statements are
/// prepared once at the start, as a pool's statement cache does, so each
/// one counted here is one round trip.
pub struct Db {
    client: Client,
    statements: AtomicU64,
    orders_of: Statement,
    product: Statement,
    products: Statement,
    joined: Statement,
}

impl Db {
    async fn query(
        &self,
        statement: &Statement,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, Error> {
        self.statements.fetch_add(1, Ordering::SeqCst);
        self.client.query(statement, params).await.map_err(sql)
    }

    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::SeqCst)
    }
}

/// Connects, and loads `shop` into temporary tables.
pub async fn connect(shop: &Shop) -> Result<Arc<Db>, Error> {
    let client = service_smoke::postgres(Service::Postgres, &Service::Postgres.url())
        .await
        .map_err(|e| e.to_string())?;
    client
        .batch_execute(
            "CREATE TEMP TABLE products (id bigint PRIMARY KEY, price_cents bigint NOT NULL);
             CREATE TEMP TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL,
                                       product_id bigint NOT NULL, quantity bigint NOT NULL);
             CREATE INDEX ON orders (user_id);",
        )
        .await
        .map_err(sql)?;
    let (ids, prices): (Vec<i64>, Vec<i64>) = shop
        .products
        .values()
        .map(|p| (p.id as i64, p.price_cents as i64))
        .unzip();
    client
        .execute(
            "INSERT INTO products SELECT * FROM unnest($1::bigint[], $2::bigint[])",
            &[&ids, &prices],
        )
        .await
        .map_err(sql)?;
    let mut columns: [Vec<i64>; 4] = Default::default();
    for (user, orders) in &shop.orders {
        for o in orders {
            for (c, v) in columns.iter_mut().zip([o.id, *user, o.product, o.quantity]) {
                c.push(v as i64);
            }
        }
    }
    let [a, b, c, d] = &columns;
    client
        .execute(
            "INSERT INTO orders SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[])",
            &[a, b, c, d],
        )
        .await
        .map_err(sql)?;
    client
        .batch_execute("ANALYZE products; ANALYZE orders")
        .await
        .map_err(sql)?;
    let prepare = |q: &'static str| client.prepare(q);
    let orders_of =
        prepare("SELECT id, product_id, quantity FROM orders WHERE user_id = $1 ORDER BY id")
            .await
            .map_err(sql)?;
    let product = prepare("SELECT id, price_cents FROM products WHERE id = $1")
        .await
        .map_err(sql)?;
    let products = prepare("SELECT id, price_cents FROM products WHERE id = ANY($1)")
        .await
        .map_err(sql)?;
    let joined = prepare(
        "SELECT o.id, o.product_id, o.quantity * p.price_cents
           FROM orders o JOIN products p ON p.id = o.product_id
          WHERE o.user_id = $1 ORDER BY o.id",
    )
    .await
    .map_err(sql)?;
    Ok(Arc::new(Db {
        client,
        statements: AtomicU64::new(0),
        orders_of,
        product,
        products,
        joined,
    }))
}

/// One answer: its lines and the sum of their totals (the same for every
/// plan), and the statements it took.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub lines: usize,
    pub total_cents: i64,
    pub statements: u64,
}

/// A loader whose fetch is one `= ANY($1)` statement.
pub fn price_loader(db: &Arc<Db>) -> Arc<Loader<i64>> {
    let db = Arc::clone(db);
    let fetch: Fetch<i64> = Box::new(move |keys: Vec<i64>| {
        let db = Arc::clone(&db);
        Box::pin(async move {
            let rows = db.query(&db.products, &[&keys]).await?;
            Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    });
    Loader::new(fetch)
}

// ANCHOR: plans
/// `GET /orders/{user}` against PostgreSQL.
pub async fn get_orders(db: &Arc<Db>, user: i64, plan: PgPlan) -> Result<Answer, Error> {
    let before = db.statements();
    let totals: Vec<i64> = match plan {
        PgPlan::Join => db
            .query(&db.joined, &[&user])
            .await?
            .iter()
            .map(|r| r.get(2))
            .collect(),
        _ => {
            let orders: Vec<(i64, i64)> = db
                .query(&db.orders_of, &[&user])
                .await?
                .iter()
                .map(|r| (r.get(1), r.get(2)))
                .collect();
            let price: HashMap<i64, i64> = match plan {
                PgPlan::NPlusOne => {
                    let mut price = HashMap::new();
                    for &(product, _) in &orders {
                        for row in db.query(&db.product, &[&product]).await? {
                            price.insert(row.get(0), row.get(1));
                        }
                    }
                    price
                }
                // ANCHOR: batched
                PgPlan::Batched => {
                    // Written like the N+1 loop, one lookup per order, but
                    // the lookups run together and the loader batches them.
                    let loader = price_loader(db);
                    let found = futures::future::join_all(
                        orders.iter().map(|&(product, _)| loader.load(product)),
                    )
                    .await;
                    let mut price = HashMap::new();
                    for (&(product, _), p) in orders.iter().zip(found) {
                        if let Some(p) = p? {
                            price.insert(product, p);
                        }
                    }
                    price
                }
                // ANCHOR_END: batched
                // `= ANY` (`Join` was answered above).
                _ => {
                    let ids: Vec<i64> = orders
                        .iter()
                        .map(|o| o.0)
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    db.query(&db.products, &[&ids])
                        .await?
                        .iter()
                        .map(|r| (r.get(0), r.get(1)))
                        .collect()
                }
            };
            orders
                .iter()
                .filter_map(|(product, quantity)| price.get(product).map(|p| p * quantity))
                .collect()
        }
    };
    Ok(Answer {
        lines: totals.len(),
        total_cents: totals.iter().sum(),
        statements: db.statements() - before,
    })
}
// ANCHOR_END: plans
