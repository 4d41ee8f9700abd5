//! An index and the N+1 query on the course's PostgreSQL, in temporary
//! tables (each connection has its own, so runs never meet).

use service_smoke::Service;
use service_smoke::sql;
use tokio_postgres::Client;

pub type Error = String;

/// A client that counts the statements it sends: the number that matters
/// for N+1, since each one is a round trip.
pub struct Counted {
    client: Client,
    pub statements: u32,
}

impl Counted {
    pub async fn connect() -> Result<Counted, Error> {
        let client = service_smoke::postgres(Service::Postgres, &Service::Postgres.url())
            .await
            .map_err(|e| e.to_string())?;
        Ok(Counted {
            client,
            statements: 0,
        })
    }

    pub async fn query(
        &mut self,
        query: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, Error> {
        self.statements += 1;
        self.client.query(query, params).await.map_err(sql)
    }

    pub async fn batch(&mut self, statements: &str) -> Result<(), Error> {
        self.client.batch_execute(statements).await.map_err(sql)
    }

    /// The plan lines of `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF,
    /// SUMMARY OFF)`: what the server did and how many rows each step saw,
    /// without the timings and cost estimates that vary from run to run.
    pub async fn explain(&mut self, query: &str) -> Result<Vec<String>, Error> {
        let rows = self
            .query(
                &format!("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {query}"),
                &[],
            )
            .await?;
        Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
    }
}

// ANCHOR: tables
/// 10,000 customers and 50,000 orders, in temporary tables.
pub async fn tables(db: &mut Counted) -> Result<(), Error> {
    db.batch(
        "CREATE TEMP TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text NOT NULL);
         CREATE TEMP TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, total int NOT NULL);
         INSERT INTO customers
             SELECT i, 'c' || i || '@example.com', 'Customer ' || i FROM generate_series(1, 10000) i;
         INSERT INTO orders
             SELECT i, 1 + (i * 7919) % 10000, i % 500 FROM generate_series(1, 50000) i;
         ANALYZE customers; ANALYZE orders;",
    )
    .await
}
// ANCHOR_END: tables

// ANCHOR: n_plus_one
/// The join: one statement, the matching done by PostgreSQL.
pub const JOIN: &str = "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id
     ORDER BY o.id DESC LIMIT 20";

/// The latest 20 orders with their customers' names, three ways; returns
/// the statements each took and the rows, which must be the same.
pub async fn latest_orders(
    db: &mut Counted,
) -> Result<Vec<(&'static str, u32, Vec<(i32, String)>)>, Error> {
    let mut results = Vec::new();

    // N+1: one query for the orders, then one per order for its customer.
    let before = db.statements;
    let orders = db
        .query(
            "SELECT id, customer_id FROM orders ORDER BY id DESC LIMIT 20",
            &[],
        )
        .await?;
    let mut rows = Vec::new();
    for order in &orders {
        let customer_id: i32 = order.get(1);
        let customer = db
            .query("SELECT name FROM customers WHERE id = $1", &[&customer_id])
            .await?;
        rows.push((order.get(0), customer[0].get(0)));
    }
    results.push(("one query per order (N+1)", db.statements - before, rows));

    // Two queries: the orders, then all their customers at once.
    let before = db.statements;
    let orders = db
        .query(
            "SELECT id, customer_id FROM orders ORDER BY id DESC LIMIT 20",
            &[],
        )
        .await?;
    let ids: Vec<i32> = orders.iter().map(|o| o.get(1)).collect();
    let customers = db
        .query("SELECT id, name FROM customers WHERE id = ANY($1)", &[&ids])
        .await?;
    let names: std::collections::HashMap<i32, String> =
        customers.iter().map(|c| (c.get(0), c.get(1))).collect();
    let rows = orders
        .iter()
        .map(|o| (o.get(0), names[&o.get::<_, i32>(1)].clone()))
        .collect();
    results.push(("one query for all customers", db.statements - before, rows));

    // One query: the database joins.
    let before = db.statements;
    let joined = db.query(JOIN, &[]).await?;
    let rows = joined.iter().map(|r| (r.get(0), r.get(1))).collect();
    results.push(("a join", db.statements - before, rows));
    Ok(results)
}
// ANCHOR_END: n_plus_one
