//! A pool of two connections and three requests that each hold one for
//! 300 ms: what the third request gets under each policy.

use std::time::Duration;

use tokio::time::Instant;

use crate::bouncer::{Error, Via, sql};
use crate::pool::{Pool, PoolError, WhenBusy};

/// What one request got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Served; `waited` if it had to wait for a connection.
    Served {
        waited: bool,
    },
    Failed(PoolError),
}

/// How long each request holds its connection.
pub const HOLD: Duration = Duration::from_millis(300);

// ANCHOR: exhaustion
/// Three requests at once against `pool` (two connections).
pub async fn three_requests(pool: &Pool, when_busy: WhenBusy) -> Result<Vec<Outcome>, Error> {
    let request = || async {
        let asked = Instant::now();
        match pool.get(when_busy).await {
            Ok(conn) => {
                let waited = asked.elapsed() > HOLD / 2;
                conn.simple_query("SELECT pg_sleep(0.3)")
                    .await
                    .map_err(sql)?;
                Ok::<_, Error>(Outcome::Served { waited })
            }
            Err(e) => Ok(Outcome::Failed(e)),
        }
    };
    let (a, b, c) = tokio::join!(request(), request(), request());
    Ok(vec![a?, b?, c?])
}
// ANCHOR_END: exhaustion

/// A pool of `size` direct connections to PostgreSQL.
pub async fn direct_pool(size: usize) -> Result<Pool, Error> {
    let mut clients = Vec::new();
    for _ in 0..size {
        clients.push(Via::Direct.connect().await?);
    }
    Ok(Pool::new(clients))
}

/// One line for a policy's three outcomes.
pub fn summary(outcomes: &[Outcome]) -> String {
    let served = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Served { .. }))
        .count();
    let waited = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Served { waited: true }))
        .count();
    let timed_out = outcomes
        .iter()
        .filter(|o| **o == Outcome::Failed(PoolError::TimedOut))
        .count();
    let refused = outcomes
        .iter()
        .filter(|o| **o == Outcome::Failed(PoolError::Busy))
        .count();
    format!(
        "{served} served ({waited} after waiting), {timed_out} timed out, {refused} refused at once"
    )
}
