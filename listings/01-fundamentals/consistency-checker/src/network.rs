//! The lagging replica again, this time on a simulated network
//! ([turmoil](https://docs.rs/turmoil/0.7)).
//!
//! Two server hosts, `primary` and `replica`, and three client hosts. The
//! primary applies each write and forwards its state to the replica in a
//! UDP datagram; datagrams take a seeded 2 to 10 ms, the primary-replica
//! link loses some of them in bursts, and for a window in the middle of the
//! run the two servers are partitioned. The primary re-sends its state every
//! [`RESEND_EVERY`], so the replica catches up once the link is repaired.
//! Clients write to the primary and read from the host a [`ReadsFrom`]
//! picks, and record each operation's invoke and return in turmoil's
//! virtual time: a [`History`] for the checker.
//!
//! Hosts are futures on one thread, time is virtual and every random
//! choice comes from a fixed seed, so each run sees the same history.

use std::cell::RefCell;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;
use std::time::Duration;

use tokio::time::sleep;
use turmoil::net::UdpSocket;
use turmoil::{Builder, lookup};

use crate::history::{History, Op, OpKind, Value};
use crate::rng::SplitMix64;

pub const SEED: u64 = 2009;
pub const CLIENTS: usize = 3;
pub const OPS_PER_CLIENT: usize = 8;
/// Every datagram takes between these two, as turmoil's seeded RNG picks.
pub const MIN_LATENCY: Duration = Duration::from_millis(2);
pub const MAX_LATENCY: Duration = Duration::from_millis(10);
/// The chance that a send on the primary-replica link breaks it: that
/// datagram and all still in flight on the link are dropped, and the next
/// send repairs it (turmoil's `fail_rate`).
pub const LOSS_PER_SEND: f64 = 0.05;
/// The primary and the replica cannot reach each other from `start` to
/// `end` (ms of virtual time); anything sent meanwhile is dropped.
pub const PARTITION_MS: (u64, u64) = (60, 150);
pub const RESEND_EVERY: Duration = Duration::from_millis(20);
/// A client waits between 1 and this many ms before its next operation.
const MAX_THINK_MS: u64 = 40;
const PORT: u16 = 9000;

/// Which host answers reads. Writes always go to the primary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadsFrom {
    Primary,
    Replica,
}

impl ReadsFrom {
    fn host(self) -> &'static str {
        match self {
            ReadsFrom::Primary => "primary",
            ReadsFrom::Replica => "replica",
        }
    }
}

/// Everything sent on the simulated network, as one 17-byte datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Msg {
    /// client -> primary
    Write(Value),
    /// client -> primary or replica
    Read,
    /// primary -> client
    Written,
    /// server -> client
    Value(Value),
    /// primary -> replica: "my `seq`-th write wrote `value`"
    State { seq: u64, value: Value },
}

impl Msg {
    fn encode(self) -> [u8; 17] {
        let (tag, a, b) = match self {
            Msg::Write(v) => (0, v, 0),
            Msg::Read => (1, 0, 0),
            Msg::Written => (2, 0, 0),
            Msg::Value(v) => (3, v, 0),
            Msg::State { seq, value } => (4, seq, value),
        };
        let mut bytes = [0u8; 17];
        bytes[0] = tag;
        bytes[1..9].copy_from_slice(&a.to_le_bytes());
        bytes[9..].copy_from_slice(&b.to_le_bytes());
        bytes
    }

    fn decode(bytes: &[u8]) -> Option<Msg> {
        let bytes: &[u8; 17] = bytes.try_into().ok()?;
        let a = u64::from_le_bytes(bytes[1..9].try_into().ok()?);
        let b = u64::from_le_bytes(bytes[9..].try_into().ok()?);
        Some(match bytes[0] {
            0 => Msg::Write(a),
            1 => Msg::Read,
            2 => Msg::Written,
            3 => Msg::Value(a),
            4 => Msg::State { seq: a, value: b },
            _ => return None,
        })
    }
}

/// A server's copy: the number of writes applied and the latest value.
#[derive(Debug, Clone, Copy, Default)]
struct Stored {
    seq: u64,
    value: Value,
}

/// The primary: applies writes, answers reads from its own copy, and sends
/// its state to the replica after every write and every `RESEND_EVERY`
/// (a datagram lost or cut off by the partition is made up for later).
async fn primary() -> turmoil::Result {
    let socket = Rc::new(UdpSocket::bind((Ipv4Addr::UNSPECIFIED, PORT)).await?);
    let copy = Rc::new(RefCell::new(Stored::default()));
    let replica = SocketAddr::from((lookup("replica"), PORT));
    let (resend_socket, resend_copy) = (Rc::clone(&socket), Rc::clone(&copy));
    tokio::task::spawn_local(async move {
        loop {
            sleep(RESEND_EVERY).await;
            let Stored { seq, value } = *resend_copy.borrow();
            let _ = resend_socket
                .send_to(&Msg::State { seq, value }.encode(), replica)
                .await;
        }
    });
    let mut buf = [0u8; 64];
    loop {
        let (len, from) = socket.recv_from(&mut buf).await?;
        match Msg::decode(&buf[..len]) {
            // ANCHOR: forward
            Some(Msg::Write(value)) => {
                let seq = {
                    let mut copy = copy.borrow_mut();
                    copy.seq += 1;
                    copy.value = value;
                    copy.seq
                };
                // Forward without waiting: the client is answered at once.
                let _ = socket
                    .send_to(&Msg::State { seq, value }.encode(), replica)
                    .await;
                socket.send_to(&Msg::Written.encode(), from).await?;
            }
            // ANCHOR_END: forward
            Some(Msg::Read) => {
                let value = copy.borrow().value;
                socket.send_to(&Msg::Value(value).encode(), from).await?;
            }
            _ => {} // not for the primary
        }
    }
}

/// The replica: keeps the newest state the primary sent (datagrams can
/// arrive out of order, so an older one is ignored) and answers reads
/// from it.
async fn replica() -> turmoil::Result {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, PORT)).await?;
    let mut copy = Stored::default();
    let mut buf = [0u8; 64];
    loop {
        let (len, from) = socket.recv_from(&mut buf).await?;
        match Msg::decode(&buf[..len]) {
            Some(Msg::State { seq, value }) if seq > copy.seq => copy = Stored { seq, value },
            Some(Msg::Read) => {
                socket
                    .send_to(&Msg::Value(copy.value).encode(), from)
                    .await?;
            }
            _ => {}
        }
    }
}

/// Now, in whole ms of the simulation's virtual clock.
fn now_ms() -> u64 {
    let elapsed = turmoil::sim_elapsed().expect("called inside the simulation");
    u64::try_from(elapsed.as_millis()).expect("a short simulation")
}

/// Sends `request` to `host` and waits for the one-datagram answer.
async fn call(socket: &UdpSocket, host: &str, request: Msg) -> turmoil::Result<Msg> {
    socket
        .send_to(&request.encode(), (lookup(host), PORT))
        .await?;
    let mut buf = [0u8; 64];
    let (len, _) = socket.recv_from(&mut buf).await?;
    Msg::decode(&buf[..len]).ok_or_else(|| "a garbled answer".into())
}

// ANCHOR: client
/// One client: `OPS_PER_CLIENT` operations, each a write of a fresh value
/// or a read as `plan` decides, after a think time. Invoke and return are
/// read from the simulation's clock around the round trip.
async fn client(
    id: usize,
    plan: Vec<(u64, bool)>,
    reads_from: ReadsFrom,
    ops: Rc<RefCell<Vec<Op>>>,
) -> turmoil::Result {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
    for (k, (think_ms, write)) in plan.into_iter().enumerate() {
        sleep(Duration::from_millis(think_ms)).await;
        let invoke = now_ms();
        let kind = if write {
            // Unique and never 0: client A writes 11, 12, ...; B 21, 22, ...
            let value = 10 * (id as u64 + 1) + k as u64 + 1;
            call(&socket, "primary", Msg::Write(value)).await?;
            OpKind::Write(value)
        } else {
            match call(&socket, reads_from.host(), Msg::Read).await? {
                Msg::Value(value) => OpKind::Read(value),
                other => return Err(format!("unexpected answer {other:?}").into()),
            }
        };
        let ret = now_ms();
        ops.borrow_mut().push(Op {
            client: id,
            kind,
            invoke,
            ret,
        });
    }
    Ok(())
}
// ANCHOR_END: client

/// What one run produced: the history and the virtual time it took.
#[derive(Debug, Clone)]
pub struct Run {
    pub history: History,
    pub elapsed_ms: u64,
}

/// Builds the seeded simulation, runs the clients to the end, and returns
/// the history they recorded.
pub fn run(reads_from: ReadsFrom) -> Run {
    // ANCHOR: faults
    let mut sim = Builder::new()
        .rng_seed(SEED)
        .min_message_latency(MIN_LATENCY)
        .max_message_latency(MAX_LATENCY)
        .simulation_duration(Duration::from_secs(10))
        .build();
    sim.host("primary", primary);
    sim.host("replica", replica);
    sim.set_link_fail_rate("primary", "replica", LOSS_PER_SEND);
    sim.client("network", async {
        let (start, end) = PARTITION_MS;
        sleep(Duration::from_millis(start)).await;
        turmoil::partition("primary", "replica");
        sleep(Duration::from_millis(end - start)).await;
        turmoil::repair("primary", "replica");
        Ok(())
    });
    // ANCHOR_END: faults

    let mut workload = SplitMix64::new(SEED);
    let ops = Rc::new(RefCell::new(Vec::new()));
    for id in 0..CLIENTS {
        let plan: Vec<(u64, bool)> = (0..OPS_PER_CLIENT)
            .map(|_| (1 + workload.below(MAX_THINK_MS), workload.below(2) == 0))
            .collect();
        let name = format!("client-{}", crate::history::client_name(id));
        sim.client(name, client(id, plan, reads_from, Rc::clone(&ops)));
    }
    sim.run().expect("every client finishes");

    let elapsed_ms = u64::try_from(sim.elapsed().as_millis()).expect("a short simulation");
    let mut ops = ops.take();
    ops.sort_by_key(|op| (op.invoke, op.client));
    let history = History::new(ops).expect("the clients record a valid history");
    Run {
        history,
        elapsed_ms,
    }
}

/// Reads that returned an older value than a write that had already
/// returned when the read was sent: the stale reads, by index.
pub fn stale_reads(history: &History) -> Vec<usize> {
    let ops = history.ops();
    // A write sent after the read's value was written, and answered before
    // the read was sent, must come between them in any real-time order.
    // When the write of `value` returned; `None` for the initial 0, which
    // every write follows.
    let written_at = |value: Value| {
        ops.iter()
            .find(|o| o.kind == OpKind::Write(value))
            .map(|o| o.ret)
    };
    ops.iter()
        .enumerate()
        .filter(|(_, read)| match read.kind {
            OpKind::Read(seen) => ops.iter().any(|w| {
                matches!(w.kind, OpKind::Write(_))
                    && w.ret < read.invoke
                    && written_at(seen).is_none_or(|at| w.invoke > at)
            }),
            OpKind::Write(_) => false,
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Msg;

    // Every message survives encode then decode unchanged.
    #[test]
    fn messages_round_trip() {
        for msg in [
            Msg::Write(7),
            Msg::Read,
            Msg::Written,
            Msg::Value(u64::MAX),
            Msg::State { seq: 3, value: 42 },
        ] {
            assert_eq!(Msg::decode(&msg.encode()), Some(msg));
        }
    }

    // A datagram of the wrong length or with an unknown tag is ignored, not misread.
    #[test]
    fn garbage_is_rejected() {
        assert_eq!(Msg::decode(&[]), None);
        assert_eq!(Msg::decode(&[1; 16]), None);
        let mut unknown = Msg::Read.encode();
        unknown[0] = 9;
        assert_eq!(Msg::decode(&unknown), None);
    }
}
