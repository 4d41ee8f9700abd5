//! Each scenario builds one seeded simulation, runs it, and returns what
//! happened as plain data, so `main` can print it and the tests can pin it.

use std::cell::RefCell;
use std::net::Ipv4Addr;
use std::rc::Rc;
use std::time::Duration;

use tokio::time::sleep;
use turmoil::net::UdpSocket;
use turmoil::{Builder, Sim, lookup};

use crate::client::{CallError, CallStats, RetryPolicy, deposit_naive, deposit_with_retry};
use crate::ledger::{Ledger, Mode};
use crate::protocol::{Deposit, Receipt};
use crate::server::{LEDGER_PORT, MAX_DATAGRAM, serve};

/// The simulated network: its seed, the chance that a send breaks the link
/// (dropping every datagram in flight until the next send repairs it), and
/// the range a datagram's one-way latency is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct Network {
    pub seed: u64,
    pub fail_rate: f64,
    pub min_latency: Duration,
    pub max_latency: Duration,
}

impl Network {
    /// A network that delivers everything after exactly `latency`.
    pub fn perfect(latency: Duration) -> Network {
        Network {
            seed: 0,
            fail_rate: 0.0,
            min_latency: latency,
            max_latency: latency,
        }
    }

    fn sim<'a>(&self, duration: Duration) -> Sim<'a> {
        Builder::new()
            .rng_seed(self.seed)
            .fail_rate(self.fail_rate)
            .min_message_latency(self.min_latency)
            .max_message_latency(self.max_latency)
            .simulation_duration(duration)
            .build()
    }
}

/// Deposits of this size; the client sends `count` of them.
pub const DEPOSIT_AMOUNT: u64 = 10;

fn deposit(id: u64) -> Deposit {
    Deposit {
        id,
        amount: DEPOSIT_AMOUNT,
    }
}

/// Starts a ledger host named "ledger" and returns a handle to its state.
fn start_ledger(sim: &mut Sim<'_>, mode: Mode) -> Rc<RefCell<Ledger>> {
    let ledger = Rc::new(RefCell::new(Ledger::new(mode)));
    let state = Rc::clone(&ledger);
    sim.host("ledger", move || serve(Rc::clone(&state)));
    ledger
}

/// One datagram as the receiver saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrival {
    pub seq: u32,
    pub latency_ms: u64,
}

// ANCHOR: observe
/// A sender sends `count` numbered datagrams, one per millisecond; the
/// receiver notes which arrive, in what order, and how long each took.
pub fn observe(network: Network, count: u32) -> Vec<Arrival> {
    let mut sim = network.sim(Duration::from_secs(10));
    sim.host("sender", move || async move {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        for seq in 1..=count {
            let sent_ms = turmoil::sim_elapsed().unwrap_or_default().as_millis();
            let message = format!("{seq} {sent_ms}");
            socket
                .send_to(message.as_bytes(), (lookup("receiver"), 7000))
                .await?;
            sleep(Duration::from_millis(1)).await;
        }
        Ok(())
    });
    let arrivals = Rc::new(RefCell::new(Vec::new()));
    let seen = Rc::clone(&arrivals);
    sim.client("receiver", async move {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 7000)).await?;
        let mut buf = [0u8; MAX_DATAGRAM];
        // Stop after one quiet second: no datagram is still on its way then.
        while let Ok(received) =
            tokio::time::timeout(Duration::from_secs(1), socket.recv_from(&mut buf)).await
        {
            let (len, _) = received?;
            let now_ms = turmoil::sim_elapsed().unwrap_or_default().as_millis();
            let text = std::str::from_utf8(&buf[..len])?;
            let (seq, sent_ms) = text.split_once(' ').ok_or("bad datagram")?;
            let sent_ms: u128 = sent_ms.parse()?;
            seen.borrow_mut().push(Arrival {
                seq: seq.parse()?,
                latency_ms: u64::try_from(now_ms - sent_ms)?,
            });
        }
        Ok(())
    });
    sim.run().expect("the observation always completes");
    arrivals.take()
}
// ANCHOR_END: observe

/// How a run of deposits ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepositRun {
    /// Deposits the client got a receipt for.
    pub completed: u32,
    /// Attempts over all deposits (the naive client makes one each).
    pub attempts: u32,
    pub stale_replies: u32,
    /// The first deposit the client gave up on, with why.
    pub gave_up: Option<String>,
    /// `Some` when the simulation hit its time limit with the client still
    /// waiting: the client hung.
    pub hung_after: Option<Duration>,
    pub balance: u64,
    pub applied: u32,
    pub replayed: u32,
}

/// The naive client sends `count` deposits, one after the other.
pub fn run_naive(network: Network, count: u32, limit: Duration) -> DepositRun {
    let mut sim = network.sim(limit);
    let ledger = start_ledger(&mut sim, Mode::ApplyEvery);
    let completed = Rc::new(RefCell::new(0));
    let done = Rc::clone(&completed);
    sim.client("client", async move {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        let ledger = (lookup("ledger"), LEDGER_PORT).into();
        for id in 1..=u64::from(count) {
            deposit_naive(&socket, ledger, deposit(id)).await?;
            *done.borrow_mut() += 1;
        }
        Ok(())
    });
    let hung_after = sim.run().err().map(|_| limit);
    let completed = *completed.borrow();
    let ledger = ledger.borrow();
    DepositRun {
        completed,
        attempts: completed + u32::from(hung_after.is_some()),
        stale_replies: 0,
        gave_up: None,
        hung_after,
        balance: ledger.balance(),
        applied: ledger.applied(),
        replayed: ledger.replayed(),
    }
}

/// The retrying client sends `count` deposits, one after the other, and
/// moves on to the next one if it gives up on one.
pub fn run_with_retry(network: Network, count: u32, policy: RetryPolicy, mode: Mode) -> DepositRun {
    let mut sim = network.sim(Duration::from_secs(600));
    let ledger = start_ledger(&mut sim, mode);
    let report = Rc::new(RefCell::new(DepositRun::default()));
    let shared = Rc::clone(&report);
    sim.client("client", async move {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        let ledger = (lookup("ledger"), LEDGER_PORT).into();
        for id in 1..=u64::from(count) {
            let result = deposit_with_retry(&socket, ledger, deposit(id), policy).await;
            let mut report = shared.borrow_mut();
            match result {
                Ok((_, stats)) => {
                    report.completed += 1;
                    report.attempts += stats.attempts;
                    report.stale_replies += stats.stale_replies;
                }
                Err(error) => {
                    if let CallError::TimedOut { attempts, .. } = error {
                        report.attempts += attempts;
                    }
                    report
                        .gave_up
                        .get_or_insert(format!("deposit {id}: {error}"));
                }
            }
        }
        Ok(())
    });
    sim.run().expect("the retrying client always finishes");
    let mut report = report.take();
    let ledger = ledger.borrow();
    report.balance = ledger.balance();
    report.applied = ledger.applied();
    report.replayed = ledger.replayed();
    report
}

/// Which direction of the link a one-way partition cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// client to ledger: the request never arrives.
    Request,
    /// ledger to client: the request arrives, the receipt does not.
    Reply,
}

/// What the client and the ledger each know after one deposit on a cut link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeout {
    pub client_saw: String,
    pub applied: u32,
}

// ANCHOR: one_timeout
/// One deposit, one attempt, with one direction of the link cut.
pub fn one_timeout(cut: Cut, policy: RetryPolicy) -> OneTimeout {
    let mut sim = Network::perfect(Duration::from_millis(10)).sim(Duration::from_secs(60));
    let ledger = start_ledger(&mut sim, Mode::ApplyEvery);
    let outcome = Rc::new(RefCell::new(String::new()));
    let shared = Rc::clone(&outcome);
    sim.client("client", async move {
        match cut {
            Cut::Request => turmoil::partition_oneway("client", "ledger"),
            Cut::Reply => turmoil::partition_oneway("ledger", "client"),
        }
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        let ledger = (lookup("ledger"), LEDGER_PORT).into();
        let result = deposit_with_retry(&socket, ledger, deposit(1), policy).await;
        *shared.borrow_mut() = match result {
            Ok((receipt, _)) => format!("receipt, balance {}", receipt.balance),
            Err(error) => error.to_string(),
        };
        Ok(())
    });
    sim.run().expect("one attempt always finishes");
    let client_saw = outcome.take();
    let applied = ledger.borrow().applied();
    OneTimeout {
        client_saw,
        applied,
    }
}
// ANCHOR_END: one_timeout

/// What the retrying client saw during and after a partition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartitionRun {
    pub during: String,
    pub after_repair: String,
}

/// The client calls during a full partition, then again after it heals.
pub fn across_partition(policy: RetryPolicy) -> PartitionRun {
    let mut sim = Network::perfect(Duration::from_millis(10)).sim(Duration::from_secs(60));
    let _ledger = start_ledger(&mut sim, Mode::ApplyOnce);
    let report = Rc::new(RefCell::new(PartitionRun::default()));
    let shared = Rc::clone(&report);
    sim.client("client", async move {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
        let ledger = (lookup("ledger"), LEDGER_PORT).into();
        let describe = |result: Result<(Receipt, CallStats), CallError>| match result {
            Ok((receipt, _)) => format!("receipt, balance {}", receipt.balance),
            Err(error) => error.to_string(),
        };
        turmoil::partition("client", "ledger");
        let during = deposit_with_retry(&socket, ledger, deposit(1), policy).await;
        turmoil::repair("client", "ledger");
        let after = deposit_with_retry(&socket, ledger, deposit(1), policy).await;
        let mut report = shared.borrow_mut();
        report.during = describe(during);
        report.after_repair = describe(after);
        Ok(())
    });
    sim.run().expect("the retrying client always finishes");
    report.take()
}
