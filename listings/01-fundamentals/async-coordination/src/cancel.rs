//! Cancellation: dropping a future stops it at its current `.await`.
//!
//! - [`transfer`] moves money in two steps around a remote call; dropping
//!   it between the steps leaves the money half moved.
//! - A spawned task is not cancelled when its `JoinHandle` is dropped, so a
//!   caller can stop waiting while the work still finishes.
//! - [`worker_abrupt`] and [`worker_graceful`] stop on a
//!   `CancellationToken`, one mid-job and one between jobs.

use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;

use crate::calls::remote_call;
use crate::ms;
use crate::timeline::Timeline;

/// Two balances; money moves from `checking` to `savings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accounts {
    pub checking: i64,
    pub savings: i64,
}

impl Accounts {
    /// Money in both accounts together: a transfer must never change it.
    pub fn total(&self) -> i64 {
        self.checking + self.savings
    }
}

// ANCHOR: transfer
/// Moves `amount` from checking to savings, recording it with a ledger
/// service in between.
pub async fn transfer(accounts: Arc<Mutex<Accounts>>, amount: i64, timeline: Timeline) {
    accounts.lock().expect("accounts lock").checking -= amount;
    // The guard above is already dropped: a std Mutex must not be held
    // across an `.await`, or another task on this thread could block on it.
    remote_call("ledger service", ms(100), &timeline).await;
    accounts.lock().expect("accounts lock").savings += amount;
}
// ANCHOR_END: transfer

/// How the caller runs a transfer it will only wait 50 ms for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// `timeout(transfer(..))`: the timeout drops the transfer itself.
    AwaitInPlace,
    /// `timeout(tokio::spawn(transfer(..)))`: the timeout drops only the
    /// `JoinHandle`; the spawned task runs on to the end.
    Spawned,
}

/// Runs one transfer of 60 from 100 in checking, gives up waiting after
/// 50 ms, then looks at the balances at 150 ms, when any transfer still
/// running would have finished.
pub async fn impatient_transfer(caller: Caller, timeline: &Timeline) -> Accounts {
    let accounts = Arc::new(Mutex::new(Accounts {
        checking: 100,
        savings: 0,
    }));
    let work = transfer(Arc::clone(&accounts), 60, timeline.clone());
    // ANCHOR: impatient
    let waited = match caller {
        Caller::AwaitInPlace => tokio::time::timeout(ms(50), work).await.is_ok(),
        Caller::Spawned => {
            let handle = tokio::spawn(work);
            tokio::time::timeout(ms(50), handle).await.is_ok()
        }
    };
    // ANCHOR_END: impatient
    timeline.note(if waited {
        "caller saw the transfer finish"
    } else {
        "caller gave up waiting"
    });
    tokio::time::sleep(ms(100)).await;
    *accounts.lock().expect("accounts lock")
}

// ANCHOR: worker_abrupt
/// Runs 100 ms jobs until `token` is cancelled, with `select!` on each job.
pub async fn worker_abrupt(token: CancellationToken, timeline: Timeline) -> u32 {
    let mut done = 0;
    loop {
        let job = format!("job {}", done + 1);
        tokio::select! {
            _ = token.cancelled() => break,
            _ = remote_call(&job, ms(100), &timeline) => done += 1,
        }
    }
    timeline.note("worker stopped");
    done
}
// ANCHOR_END: worker_abrupt

// ANCHOR: worker_graceful
/// Runs 100 ms jobs until `token` is cancelled, checking it before each job.
pub async fn worker_graceful(token: CancellationToken, timeline: Timeline) -> u32 {
    let mut done = 0;
    while !token.is_cancelled() {
        let job = format!("job {}", done + 1);
        remote_call(&job, ms(100), &timeline).await;
        done += 1;
    }
    timeline.note("worker stopped");
    done
}
// ANCHOR_END: worker_graceful

/// Which of the two workers to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worker {
    Abrupt,
    Graceful,
}

/// Spawns a worker, asks it to stop at 250 ms, and returns how many jobs it
/// finished.
pub async fn shut_down_at_250_ms(worker: Worker, timeline: &Timeline) -> u32 {
    // ANCHOR: shutdown
    let token = CancellationToken::new();
    let handle = match worker {
        Worker::Abrupt => tokio::spawn(worker_abrupt(token.clone(), timeline.clone())),
        Worker::Graceful => tokio::spawn(worker_graceful(token.clone(), timeline.clone())),
    };
    tokio::time::sleep(ms(250)).await;
    timeline.note("shutdown requested");
    token.cancel();
    handle.await.expect("worker panicked")
    // ANCHOR_END: shutdown
}
