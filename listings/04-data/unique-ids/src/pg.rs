//! The same rows keyed three ways in PostgreSQL: how big each primary-key
//! index grows. Temporary tables, so concurrent runs never meet.

use seeded::SplitMix64;
use service_smoke::Service;
use service_smoke::sql;

use crate::{snowflake, uuid};

/// One index's size after the inserts.
pub struct IndexSize {
    pub key: &'static str,
    pub pages: i64,
    pub rows_per_page: f64,
}

// ANCHOR: keys
/// `rows` keys of each kind, in the order a service would make them: 8 a
/// millisecond, starting at `start` ms since 1970.
pub fn keys(rows: usize, start: u64) -> [(&'static str, &'static str, Vec<String>); 3] {
    let mut rng = SplitMix64(11);
    let mut bytes = |n: usize| -> Vec<u8> { (0..n).map(|_| rng.next_u64() as u8).collect() };
    let millis = |i: usize| start + (i / 8) as u64;
    let v4 = (0..rows)
        .map(|_| uuid::text(&uuid::v4(bytes(16).try_into().expect("16"))))
        .collect();
    let v7 = (0..rows)
        .map(|i| uuid::text(&uuid::v7(millis(i), bytes(10).try_into().expect("10"))))
        .collect();
    let snowflakes = (0..rows)
        .map(|i| snowflake::compose(millis(i) - start, 1, (i % 8) as u64).to_string())
        .collect();
    [
        ("UUID v4", "uuid", v4),
        ("UUID v7", "uuid", v7),
        ("Snowflake", "bigint", snowflakes),
    ]
}
// ANCHOR_END: keys

/// Inserts each kind of key into its own table with a primary key, in the
/// order made, and reads back the index's size.
pub async fn index_sizes(rows: usize) -> Result<Vec<IndexSize>, String> {
    let client = service_smoke::postgres(Service::Postgres, &Service::Postgres.url())
        .await
        .map_err(|e| e.to_string())?;
    let mut sizes = Vec::new();
    for (i, (key, sql_type, values)) in keys(rows, 1_796_428_800_000).into_iter().enumerate() {
        let table = format!("ids_{i}");
        client
            .batch_execute(&format!(
                "CREATE TEMP TABLE {table} (id {sql_type} PRIMARY KEY)"
            ))
            .await
            .map_err(sql)?;
        // One statement: unnest hands the rows to the insert in array order.
        client
            .execute(
                &format!("INSERT INTO {table} SELECT unnest($1::text[])::{sql_type}"),
                &[&values],
            )
            .await
            .map_err(sql)?;
        let row = client
            .query_one(
                &format!(
                    "SELECT pg_relation_size('{table}_pkey') / current_setting('block_size')::int"
                ),
                &[],
            )
            .await
            .map_err(sql)?;
        let pages: i64 = row.get(0);
        sizes.push(IndexSize {
            key,
            pages,
            rows_per_page: rows as f64 / pages as f64,
        });
    }
    Ok(sizes)
}
