//! Sagas: order -> payment -> inventory -> approve, each step a local
//! transaction in its own service, undone by a compensation in reverse
//! order when a later step fails. The orchestrator is a state machine whose
//! state is persisted at every transition; commands and replies travel over
//! a network that loses, duplicates and reorders, so every step and every
//! compensation is retried and must be idempotent.

use std::collections::BTreeMap;

use crate::sim::{Faults, Sim};

pub const STEPS: [&str; 4] = [
    "create order",
    "charge card",
    "reserve stock",
    "approve order",
];
pub const UNDO: [&str; 3] = ["cancel order", "refund", "release stock"];
pub const SERVICES: [&str; 3] = ["orders", "payments", "inventory"];
/// The orchestrator resends a command it has no reply to this often ...
pub const RETRY_EVERY: u64 = 25;
/// ... and after this many tries treats a step (not the last) as failed.
pub const TRIES: u32 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payment {
    /// Refund remembers it ran (so a repeat and a late charge do nothing).
    Idempotent,
    /// Refund gives the money back every time it arrives.
    RefundTwice,
    /// Refund of a charge it has not seen does nothing and remembers nothing.
    NoTombstone,
}

#[derive(Clone, Debug)]
enum Ev {
    Start(usize),
    Cmd {
        saga: usize,
        step: usize,
        undo: bool,
    },
    Reply {
        saga: usize,
        step: usize,
        undo: bool,
        ok: bool,
    },
    Retry {
        saga: usize,
        epoch: u64,
    },
    Crash,
    Restart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Forward,
    Compensating,
    Done,
    Compensated,
}

/// What the orchestrator persists for each saga.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Persisted {
    pub step: usize,
    pub mode: Mode,
}

#[derive(Clone, Copy, Debug, Default)]
struct PayRecord {
    charged: bool,
    declined: bool,
    refunded: bool,
    /// Money taken for this saga, less money given back.
    net: i64,
}

#[derive(Clone, Copy, Debug, Default)]
struct StockRecord {
    reserved: bool,
    refused: bool,
    released: bool,
    net: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderStatus {
    Pending,
    Approved,
    Cancelled,
}

#[derive(Clone, Debug)]
pub struct Order {
    pub amount: i64,
    pub qty: i64,
}

pub struct Scenario {
    pub payment: Payment,
    pub orders: Vec<Order>,
    pub balance: i64,
    pub stock: i64,
    pub crash_at: Option<u64>,
    pub down_for: u64,
    /// Service `0` (orders), `1` (payments) or `2` (inventory) crashes at
    /// this time and is down this many ms. It commits the command in hand,
    /// then dies before replying; commands that arrive while it is down are
    /// lost. Its records are in its database, so they survive.
    pub service_crash: Option<(usize, u64, u64)>,
    pub faults: Faults,
}

#[derive(Debug)]
pub struct Outcome {
    pub persisted: Vec<Persisted>,
    pub orders: Vec<Option<OrderStatus>>,
    pub pay_net: Vec<i64>,
    pub stock_net: Vec<i64>,
    pub balance: i64,
    pub merchant: i64,
    pub stock: i64,
    pub trace: Vec<String>,
    pub commands: u64,
    pub duplicates_ignored: u64,
    pub late_actions_ignored: u64,
}

struct World<'a> {
    s: &'a Scenario,
    orders: BTreeMap<usize, OrderStatus>,
    pay: Vec<PayRecord>,
    stock_rec: Vec<StockRecord>,
    balance: i64,
    merchant: i64,
    stock: i64,
    dup_ignored: u64,
    late_ignored: u64,
}

impl World<'_> {
    /// One service handles one command; the reply says whether the step
    /// (or compensation) holds.
    fn handle(&mut self, saga: usize, step: usize, undo: bool) -> bool {
        let o = &self.s.orders[saga];
        match (step, undo) {
            (0, false) => match self.orders.get(&saga) {
                None => {
                    self.orders.insert(saga, OrderStatus::Pending);
                    true
                }
                Some(OrderStatus::Cancelled) => {
                    self.late_ignored += 1;
                    false
                }
                Some(_) => {
                    self.dup_ignored += 1;
                    true
                }
            },
            (0, true) => {
                self.orders.insert(saga, OrderStatus::Cancelled);
                true
            }
            (1, false) => self.charge(saga, o.amount),
            (1, true) => self.refund(saga, o.amount),
            (2, false) => {
                let r = &mut self.stock_rec[saga];
                if r.released {
                    self.late_ignored += 1;
                    return false;
                }
                if r.reserved || r.refused {
                    self.dup_ignored += 1;
                    return r.reserved;
                }
                if self.stock < o.qty {
                    r.refused = true;
                    return false;
                }
                self.stock -= o.qty;
                r.reserved = true;
                r.net += o.qty;
                true
            }
            (2, true) => {
                let r = &mut self.stock_rec[saga];
                if r.released {
                    self.dup_ignored += 1;
                    return true;
                }
                r.released = true;
                if r.reserved {
                    self.stock += o.qty;
                    r.net -= o.qty;
                }
                true
            }
            (3, false) => {
                if self.orders.get(&saga) == Some(&OrderStatus::Pending) {
                    self.orders.insert(saga, OrderStatus::Approved);
                }
                true
            }
            _ => unreachable!("the last step has no compensation"),
        }
    }

    // ANCHOR: payment
    fn charge(&mut self, saga: usize, amount: i64) -> bool {
        let r = &mut self.pay[saga];
        if r.refunded {
            self.late_ignored += 1; // the refund came first: never charge
            return false;
        }
        if r.charged || r.declined {
            self.dup_ignored += 1; // redelivered: the same answer again
            return r.charged;
        }
        if self.balance < amount {
            r.declined = true;
            return false;
        }
        self.balance -= amount;
        self.merchant += amount;
        r.charged = true;
        r.net += amount;
        true
    }

    fn refund(&mut self, saga: usize, amount: i64) -> bool {
        let payment = self.s.payment;
        let r = &mut self.pay[saga];
        if r.refunded && payment != Payment::RefundTwice {
            self.dup_ignored += 1; // a redelivered refund
            return true;
        }
        if !r.charged && payment == Payment::NoTombstone {
            return true; // nothing to give back, and nothing remembered
        }
        r.refunded = true; // also a tombstone: a late charge will see it
        if r.charged {
            self.balance += amount;
            self.merchant -= amount;
            r.net -= amount;
        }
        true
    }
    // ANCHOR_END: payment
}

pub fn run(s: &Scenario, seed: u64) -> Outcome {
    let n = s.orders.len();
    let mut sim: Sim<Ev> = Sim::new(seed, s.faults);
    let mut w = World {
        s,
        orders: BTreeMap::new(),
        pay: vec![PayRecord::default(); n],
        stock_rec: vec![StockRecord::default(); n],
        balance: s.balance,
        merchant: 0,
        stock: s.stock,
        dup_ignored: 0,
        late_ignored: 0,
    };
    // Durable: survives the crash.
    let mut log = vec![
        Persisted {
            step: 0,
            mode: Mode::Forward
        };
        n
    ];
    // Volatile: the tries of the current command, and an epoch that makes
    // a stale retry timer do nothing.
    let mut tries = vec![0u32; n];
    let mut epoch = vec![0u64; n];
    let mut up = true;
    let mut crash_hit = false;
    let mut trace = vec![];
    let mut commands = 0;
    for saga in 0..n {
        sim.at(saga as u64 * 7, Ev::Start(saga));
    }
    if let Some(at) = s.crash_at {
        sim.at(at, Ev::Crash);
    }

    // Sends the command the persisted state calls for.
    fn issue(
        sim: &mut Sim<Ev>,
        p: Persisted,
        saga: usize,
        tries: &mut [u32],
        epoch: &mut [u64],
        commands: &mut u64,
    ) {
        let undo = match p.mode {
            Mode::Forward => false,
            Mode::Compensating => true,
            Mode::Done | Mode::Compensated => return,
        };
        tries[saga] += 1;
        epoch[saga] += 1;
        *commands += 1;
        sim.send(Ev::Cmd {
            saga,
            step: p.step,
            undo,
        });
        sim.at(
            sim.now + RETRY_EVERY,
            Ev::Retry {
                saga,
                epoch: epoch[saga],
            },
        );
    }

    while let Some(ev) = sim.pop() {
        let now = sim.now;
        match ev {
            Ev::Start(saga) => {
                if up {
                    issue(
                        &mut sim,
                        log[saga],
                        saga,
                        &mut tries,
                        &mut epoch,
                        &mut commands,
                    );
                }
            }
            Ev::Cmd { saga, step, undo } => {
                // Steps 0 and 3 run at orders, 1 at payments, 2 at inventory.
                let service = [0, 1, 2, 0][step];
                let mut reply = true;
                if let Some((svc, at, down)) = s.service_crash
                    && svc == service
                    && now >= at
                {
                    if now >= at + down {
                        // Back up: handles commands as before.
                    } else if crash_hit {
                        trace.push(format!(
                            "{now:>5} ms  saga {saga}: {} is down, the command is lost",
                            SERVICES[service]
                        ));
                        continue;
                    } else {
                        crash_hit = true;
                        reply = false;
                    }
                }
                let ok = w.handle(saga, step, undo);
                let what = if undo { UNDO[step] } else { STEPS[step] };
                trace.push(format!(
                    "{now:>5} ms  saga {saga}: {what}: {}",
                    if ok { "ok" } else { "failed" }
                ));
                if !reply {
                    trace.push(format!(
                        "{now:>5} ms  {} crashes after committing, before replying",
                        SERVICES[service]
                    ));
                    continue;
                }
                sim.send(Ev::Reply {
                    saga,
                    step,
                    undo,
                    ok,
                });
            }
            Ev::Reply {
                saga,
                step,
                undo,
                ok,
            } => {
                let p = log[saga];
                let current = match p.mode {
                    Mode::Forward => !undo,
                    Mode::Compensating => undo,
                    _ => false,
                };
                if !up || !current || p.step != step {
                    continue; // stale or duplicate reply
                }
                // ANCHOR: orchestrator
                let next = match (p.mode, ok) {
                    (Mode::Forward, true) if step == 3 => Persisted {
                        step,
                        mode: Mode::Done,
                    },
                    (Mode::Forward, true) => Persisted {
                        step: step + 1,
                        mode: Mode::Forward,
                    },
                    // The step failed cleanly: undo the ones before it.
                    (Mode::Forward, false) => back_from(step),
                    (Mode::Compensating, _) => back_from(step),
                    _ => p,
                };
                // ANCHOR_END: orchestrator
                log[saga] = next; // persisted before the next command
                tries[saga] = 0;
                if matches!(next.mode, Mode::Done | Mode::Compensated) {
                    trace.push(format!("{now:>5} ms  saga {saga}: {:?}", next.mode));
                    epoch[saga] += 1;
                } else {
                    issue(&mut sim, next, saga, &mut tries, &mut epoch, &mut commands);
                }
            }
            Ev::Retry { saga, epoch: e } => {
                if !up || e != epoch[saga] {
                    continue;
                }
                let p = log[saga];
                if p.mode == Mode::Forward && p.step < 3 && tries[saga] >= TRIES {
                    // No answer: the step may or may not have run, so it
                    // is compensated too.
                    let next = Persisted {
                        step: p.step,
                        mode: Mode::Compensating,
                    };
                    trace.push(format!(
                        "{now:>5} ms  saga {saga}: no answer to {}, compensating",
                        STEPS[p.step]
                    ));
                    log[saga] = next;
                    tries[saga] = 0;
                    issue(&mut sim, next, saga, &mut tries, &mut epoch, &mut commands);
                } else {
                    issue(&mut sim, p, saga, &mut tries, &mut epoch, &mut commands);
                }
            }
            Ev::Crash => {
                up = false;
                trace.push(format!("{now:>5} ms  orchestrator crashes"));
                sim.at(now + s.down_for, Ev::Restart);
            }
            Ev::Restart => {
                up = true;
                trace.push(format!(
                    "{now:>5} ms  orchestrator restarts, resumes from its log"
                ));
                for saga in 0..n {
                    tries[saga] = 0;
                    issue(
                        &mut sim,
                        log[saga],
                        saga,
                        &mut tries,
                        &mut epoch,
                        &mut commands,
                    );
                }
            }
        }
    }
    Outcome {
        persisted: log,
        orders: (0..n).map(|i| w.orders.get(&i).copied()).collect(),
        pay_net: w.pay.iter().map(|r| r.net).collect(),
        stock_net: w.stock_rec.iter().map(|r| r.net).collect(),
        balance: w.balance,
        merchant: w.merchant,
        stock: w.stock,
        trace,
        commands,
        duplicates_ignored: w.dup_ignored,
        late_actions_ignored: w.late_ignored,
    }
}

/// Compensate the steps before `step`, last first.
fn back_from(step: usize) -> Persisted {
    match step {
        0 => Persisted {
            step: 0,
            mode: Mode::Compensated,
        },
        _ => Persisted {
            step: step - 1,
            mode: Mode::Compensating,
        },
    }
}

/// Each saga fully done or fully compensated; money and stock conserved.
pub fn check(s: &Scenario, out: &Outcome) -> Result<(), String> {
    if out.balance + out.merchant != s.balance {
        return Err(format!(
            "money not conserved: {} + {} != {}",
            out.balance, out.merchant, s.balance
        ));
    }
    let reserved: i64 = out.stock_net.iter().sum();
    if out.stock + reserved != s.stock {
        return Err("stock not conserved".into());
    }
    for (i, o) in s.orders.iter().enumerate() {
        let (pay, stock, status) = (out.pay_net[i], out.stock_net[i], out.orders[i]);
        match out.persisted[i].mode {
            Mode::Done => {
                if pay != o.amount || stock != o.qty || status != Some(OrderStatus::Approved) {
                    return Err(format!(
                        "saga {i} done but paid {pay} of {}, reserved {stock} of {}, order {status:?}",
                        o.amount, o.qty
                    ));
                }
            }
            Mode::Compensated => {
                if pay != 0 || stock != 0 || status != Some(OrderStatus::Cancelled) {
                    return Err(format!(
                        "saga {i} compensated but still paid {pay}, reserved {stock}, order {status:?}"
                    ));
                }
            }
            m => return Err(format!("saga {i} never finished ({m:?})")),
        }
    }
    Ok(())
}

pub fn scenario(seed: u64, payment: Payment) -> Scenario {
    let mut rng = seeded::SplitMix64(seed ^ 0x5a9a);
    let orders = (0..5)
        .map(|_| Order {
            amount: 20 + 10 * rng.below(4) as i64,
            qty: 1 + rng.below(3) as i64,
        })
        .collect();
    let crash_at = (rng.unit() < 0.6).then(|| rng.below(300) as u64);
    let down_for = 10 + rng.below(200) as u64;
    let service_crash = (rng.unit() < 0.5).then(|| {
        (
            rng.below(3),
            rng.below(300) as u64,
            10 + rng.below(200) as u64,
        )
    });
    Scenario {
        payment,
        orders,
        balance: 100,
        stock: 5,
        crash_at,
        down_for,
        service_crash,
        faults: Faults {
            loss: 0.15,
            dup: 0.2,
            max_delay: 100,
            until: 1000,
        },
    }
}

// ANCHOR: choreography
/// The same saga as events: each service reacts to the event before it and
/// publishes its own; a failure event runs the compensations backwards.
pub fn choreography(balance: i64, stock: i64, amount: i64, qty: i64) -> Vec<String> {
    let mut lines = vec![];
    let (mut balance, mut stock, mut status) = (balance, stock, "none");
    let mut events = std::collections::VecDeque::from(["OrderCreated"]);
    while let Some(event) = events.pop_front() {
        let reacts = match event {
            "OrderCreated" => {
                status = "pending";
                if balance >= amount {
                    balance -= amount;
                    ("payments", "PaymentCharged")
                } else {
                    ("payments", "PaymentDeclined")
                }
            }
            "PaymentCharged" if stock >= qty => {
                stock -= qty;
                ("inventory", "StockReserved")
            }
            "PaymentCharged" => ("inventory", "StockUnavailable"),
            "StockUnavailable" => {
                balance += amount;
                ("payments", "PaymentRefunded")
            }
            "StockReserved" => {
                status = "approved";
                ("orders", "")
            }
            "PaymentRefunded" | "PaymentDeclined" => {
                status = "cancelled";
                ("orders", "")
            }
            _ => unreachable!(),
        };
        // What anyone reading the three databases now would see.
        lines.push(format!(
            "{event:<17} -> {:<9} | order {status:<9} balance {balance:>3}  stock {stock}",
            reacts.0
        ));
        if !reacts.1.is_empty() {
            events.push_back(reacts.1);
        }
    }
    lines
}
// ANCHOR_END: choreography
