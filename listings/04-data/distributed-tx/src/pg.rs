//! The transactional outbox on the course's PostgreSQL. The order row and
//! its event row commit in one transaction; a relay, a separate connection,
//! publishes unsent events to a broker (here an in-memory list) and marks
//! them sent. A relay "crash" drops its connection mid-transaction, so
//! PostgreSQL rolls its work back exactly as it would for a killed process.
//! Each run makes its own schema and drops it at the end.

use service_smoke::Service;
use service_smoke::sql;
use tokio_postgres::Client;

pub type Error = String;

/// One event as the broker holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub event_id: i64,
    pub order_id: i64,
}

/// Where the relay stops when told to crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crash {
    BeforePublish,
    AfterPublishBeforeMark,
}

pub struct Lab {
    url: String,
    pub db: Client,
    pub schema: String,
    /// The broker: every event published, in order, duplicates included.
    pub broker: Vec<Event>,
}

impl Lab {
    pub async fn connect() -> Result<Lab, Error> {
        let url = Service::Postgres.url();
        let db = open(&url).await?;
        let schema = format!("dtx_{}", service_smoke::run_token().replace('-', "_"));
        db.batch_execute(&format!(
            "CREATE SCHEMA {schema};
             SET search_path TO {schema};
             CREATE TABLE orders (id bigint PRIMARY KEY, item text NOT NULL);
             CREATE TABLE outbox (
                 event_id bigserial PRIMARY KEY,
                 order_id bigint NOT NULL,
                 sent boolean NOT NULL DEFAULT false);
             CREATE TABLE processed (event_id bigint PRIMARY KEY);
             CREATE TABLE shipments (order_id bigint NOT NULL);"
        ))
        .await
        .map_err(sql)?;
        Ok(Lab {
            url,
            db,
            schema,
            broker: vec![],
        })
    }

    /// Drops this run's schema and everything in it.
    pub async fn close(self) -> Result<(), Error> {
        self.db
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema))
            .await
            .map_err(sql)
    }

    // ANCHOR: place_order
    /// The order and its event in one transaction: both or neither.
    pub async fn place_order(&mut self, id: i64, valid: bool) -> Result<(), Error> {
        let tx = self.db.transaction().await.map_err(sql)?;
        tx.execute("INSERT INTO orders VALUES ($1, 'book')", &[&id])
            .await
            .map_err(sql)?;
        tx.execute("INSERT INTO outbox (order_id) VALUES ($1)", &[&id])
            .await
            .map_err(sql)?;
        if valid {
            tx.commit().await.map_err(sql)
        } else {
            tx.rollback().await.map_err(sql) // e.g. the payment was refused
        }
    }
    // ANCHOR_END: place_order

    // ANCHOR: dual_write
    /// Commit the order, then publish: two systems, no transaction spans
    /// both. `crash` stops the process between the two.
    pub async fn dual_write(&mut self, id: i64, crash: bool) -> Result<(), Error> {
        self.db
            .execute("INSERT INTO orders VALUES ($1, 'book')", &[&id])
            .await
            .map_err(sql)?; // committed: autocommit
        if crash {
            return Ok(()); // the process dies here
        }
        self.broker.push(Event {
            event_id: -id,
            order_id: id,
        });
        Ok(())
    }
    // ANCHOR_END: dual_write

    // ANCHOR: relay
    /// One pass of the relay on its own connection: lock the unsent rows,
    /// publish them, mark them sent, commit. Returns how many it marked.
    pub async fn relay(&mut self, crash: Option<Crash>) -> Result<usize, Error> {
        let mut relay = open(&self.url).await?;
        relay
            .batch_execute(&format!("SET search_path TO {}", self.schema))
            .await
            .map_err(sql)?;
        let tx = relay.transaction().await.map_err(sql)?;
        let rows = tx
            .query(
                "SELECT event_id, order_id FROM outbox WHERE NOT sent
                 ORDER BY event_id FOR UPDATE",
                &[],
            )
            .await
            .map_err(sql)?;
        let events: Vec<Event> = rows
            .iter()
            .map(|r| Event {
                event_id: r.get(0),
                order_id: r.get(1),
            })
            .collect();
        if crash == Some(Crash::BeforePublish) {
            return Ok(0); // dropping the connection rolls the transaction back
        }
        self.broker.extend(&events); // publish (at least once)
        if crash == Some(Crash::AfterPublishBeforeMark) {
            return Ok(0);
        }
        let ids: Vec<i64> = events.iter().map(|e| e.event_id).collect();
        tx.execute(
            "UPDATE outbox SET sent = true WHERE event_id = ANY($1)",
            &[&ids],
        )
        .await
        .map_err(sql)?;
        tx.commit().await.map_err(sql)?;
        Ok(ids.len())
    }
    // ANCHOR_END: relay

    // ANCHOR: consume
    /// The consumer applies each delivery in one transaction with its
    /// event id: a repeat finds the id already there and changes nothing.
    /// Returns (applied, skipped as duplicates).
    pub async fn consume(&mut self) -> Result<(usize, usize), Error> {
        let (mut applied, mut skipped) = (0, 0);
        for e in self.broker.clone() {
            let tx = self.db.transaction().await.map_err(sql)?;
            let new = tx
                .execute(
                    "INSERT INTO processed VALUES ($1) ON CONFLICT DO NOTHING",
                    &[&e.event_id],
                )
                .await
                .map_err(sql)?;
            if new == 1 {
                tx.execute("INSERT INTO shipments VALUES ($1)", &[&e.order_id])
                    .await
                    .map_err(sql)?;
                applied += 1;
            } else {
                skipped += 1;
            }
            tx.commit().await.map_err(sql)?;
        }
        Ok((applied, skipped))
    }
    // ANCHOR_END: consume

    pub async fn count(&self, query: &str) -> Result<i64, Error> {
        Ok(self.db.query_one(query, &[]).await.map_err(sql)?.get(0))
    }

    /// Orders committed whose event the broker does not hold.
    pub async fn orders_without_event(&self) -> Result<Vec<i64>, Error> {
        let rows = self
            .db
            .query("SELECT id FROM orders ORDER BY id", &[])
            .await
            .map_err(sql)?;
        Ok(rows
            .iter()
            .map(|r| r.get::<_, i64>(0))
            .filter(|id| !self.broker.iter().any(|e| e.order_id == *id))
            .collect())
    }
}

async fn open(url: &str) -> Result<Client, Error> {
    service_smoke::postgres(Service::Postgres, url)
        .await
        .map_err(|e| e.to_string())
}
