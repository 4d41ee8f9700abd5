//! The chapter's experiments. Each builds one seeded simulation of three
//! replicas (`r1`, `r2`, `r3`) and a client host, runs a script, and
//! returns what happened as lines of text for `main` and the tests.

use std::cell::RefCell;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;
use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};
use turmoil::net::UdpSocket;
use turmoil::{Builder, Sim, lookup};

use crate::message::{Message, Versioned};
use crate::register::Register;
use crate::replica::{self, CLIENT_PORT, Observed, Protocol, Quorum, Replica};

pub const REPLICAS: [&str; 3] = ["r1", "r2", "r3"];
const SEED: u64 = 12;
const GOSSIP_EVERY: Duration = Duration::from_millis(200);
/// How long a client waits for its replica before calling it down.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

/// A simulation with the three replicas running and a handle on each
/// replica's register.
pub(crate) struct Cluster<'a> {
    pub(crate) sim: Sim<'a>,
    registers: Vec<Rc<RefCell<Register>>>,
    observed: Rc<RefCell<Observed>>,
}

impl<'a> Cluster<'a> {
    fn start(quorum: Quorum, latency: Duration) -> Cluster<'a> {
        let sim = Builder::new()
            .rng_seed(SEED)
            .min_message_latency(latency)
            .max_message_latency(latency)
            .simulation_duration(Duration::from_secs(60))
            .build();
        Cluster::on(sim, quorum, GOSSIP_EVERY)
    }

    /// Starts the three replicas on `sim`. A replica's register lives
    /// outside its host, so it survives a crash and restart, as a copy
    /// written to disk before each acknowledgement would.
    pub(crate) fn on(mut sim: Sim<'a>, quorum: Quorum, gossip_every: Duration) -> Cluster<'a> {
        let observed = Rc::new(RefCell::new(Observed::default()));
        let mut registers = Vec::new();
        for (index, name) in REPLICAS.iter().enumerate() {
            let id = u8::try_from(index + 1).expect("three replicas");
            let register = Rc::new(RefCell::new(Register::new(id)));
            let replica = Rc::new(Replica {
                name: name.to_string(),
                peers: REPLICAS
                    .iter()
                    .filter(|p| *p != name)
                    .map(|p| p.to_string())
                    .collect(),
                quorum,
                gossip_every,
                register: Rc::clone(&register),
                observed: Rc::clone(&observed),
            });
            sim.host(*name, move || replica::run(Rc::clone(&replica)));
            registers.push(register);
        }
        Cluster {
            sim,
            registers,
            observed,
        }
    }

    /// Runs `script` as the client host "client" to its end, and returns the
    /// lines it logged followed by each replica's final value and the lost
    /// writes.
    fn run<F, Fut>(mut self, script: F) -> Vec<String>
    where
        F: FnOnce(Log) -> Fut,
        Fut: Future<Output = turmoil::Result> + 'static,
    {
        let log = Log::default();
        self.sim.client("client", script(log.clone()));
        self.sim.run().expect("the script always finishes");
        let mut lines = log.0.take();
        let finals: Vec<String> = REPLICAS
            .iter()
            .zip(&self.registers)
            .map(|(name, register)| format!("{name} {}", show(register.borrow().current())))
            .collect();
        lines.push(format!("final copies: {}", finals.join(", ")));
        let lost: Vec<String> = self
            .observed
            .borrow()
            .lost_writes
            .iter()
            .map(|(value, stamp)| format!("{value:?} ({stamp})"))
            .collect();
        lines.push(format!(
            "writes lost in merges: {}",
            if lost.is_empty() {
                "none".to_string()
            } else {
                lost.join(", ")
            }
        ));
        lines
    }
}

/// Lines the script writes, shared with the code that prints them.
#[derive(Clone, Default)]
pub struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    fn line(&self, line: String) {
        self.0.borrow_mut().push(line);
    }
}

fn show(current: Option<&Versioned>) -> String {
    match current {
        Some(v) => format!("{:?}", v.value),
        None => "(empty)".to_string(),
    }
}

/// Sends one request to `replica` and waits for its answer.
async fn call(replica: &str, request: Message) -> turmoil::Result<Message> {
    call_within(replica, request, CLIENT_TIMEOUT).await
}

/// Sends one request to `replica` and waits up to `patience` for its answer.
pub(crate) async fn call_within(
    replica: &str,
    request: Message,
    patience: Duration,
) -> turmoil::Result<Message> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
    let to = SocketAddr::from((lookup(replica), CLIENT_PORT));
    socket.send_to(&request.encode(), to).await?;
    let mut buf = [0u8; 1024];
    let (len, _) = timeout(patience, socket.recv_from(&mut buf)).await??;
    Ok(Message::decode(&buf[..len])?)
}

/// The answer as one short phrase.
fn describe(answer: &Message) -> String {
    match answer {
        Message::Written { stamp } => format!("ok, stamp {}@r{}", stamp.counter, stamp.replica),
        Message::Value { current } => show(current.as_ref()),
        Message::Refused { answered, needed } => {
            format!("refused: {answered} of 3 replicas answered, {needed} needed")
        }
        other => format!("unexpected {other:?}"),
    }
}

/// Majority writes and reads, made linearizable by ABD.
pub const CP: Quorum = Quorum {
    write: 2,
    read: 2,
    timeout: Duration::from_millis(300),
    protocol: Protocol::Abd,
};
/// Majority writes and reads without ABD's two extra steps.
pub const NAIVE_CP: Quorum = Quorum {
    protocol: Protocol::Naive,
    ..CP
};
pub const AP: Quorum = Quorum {
    write: 1,
    read: 1,
    timeout: Duration::from_millis(300),
    protocol: Protocol::Naive,
};

// ANCHOR: partition_script
/// Cuts r1 off from r2 and r3; alice uses r1, bob uses r2. Bob writes
/// first, alice 100 ms later; both read; the network heals; wait 1 s.
pub fn partition_then_heal(quorum: Quorum) -> Vec<String> {
    let cluster = Cluster::start(quorum, Duration::from_millis(5));
    cluster.run(|log| async move {
        turmoil::partition("r1", "r2");
        turmoil::partition("r1", "r3");
        log.line("partition: {r1} | {r2, r3}".into());
        let steps = [
            (
                "bob",
                "r2",
                Message::Write {
                    value: "green".into(),
                },
            ),
            (
                "alice",
                "r1",
                Message::Write {
                    value: "blue".into(),
                },
            ),
            ("bob", "r2", Message::Read),
            ("alice", "r1", Message::Read),
        ];
        for (who, replica, request) in steps {
            let what = match &request {
                Message::Write { value } => format!("write {value:?}"),
                _ => "read".to_string(),
            };
            let answer = call(replica, request).await?;
            log.line(format!(
                "{who:<5} via {replica}: {what:<14} -> {}",
                describe(&answer)
            ));
            sleep(Duration::from_millis(100)).await;
        }
        turmoil::repair("r1", "r2");
        turmoil::repair("r1", "r3");
        sleep(Duration::from_secs(1)).await;
        log.line("healed, then 1 s of gossip".into());
        Ok(())
    })
}
// ANCHOR_END: partition_script

// ANCHOR: unknown_script
/// CP. Alice writes via r1; 17 ms later, once r1 has the peers' copies and
/// has sent them the write, the link from r2 and r3 back to r1 fails, so
/// their acknowledgements are lost. Then bob reads via r2.
pub fn replies_cut_after_the_write() -> Vec<String> {
    let cluster = Cluster::start(CP, Duration::from_millis(5));
    cluster.run(|log| async move {
        let write = call(
            "r1",
            Message::Write {
                value: "blue".into(),
            },
        );
        let cut = async {
            sleep(Duration::from_millis(17)).await;
            turmoil::partition_oneway("r2", "r1");
            turmoil::partition_oneway("r3", "r1");
        };
        log.line("from 17 ms: messages from r2 and r3 to r1 are lost".into());
        let (answer, ()) = tokio::join!(write, cut);
        log.line(format!(
            "alice via r1: write \"blue\"   -> {}",
            describe(&answer?)
        ));
        let read = call("r2", Message::Read).await?;
        log.line(format!(
            "bob   via r2: read           -> {}",
            describe(&read)
        ));
        turmoil::repair("r1", "r2");
        turmoil::repair("r1", "r3");
        sleep(Duration::from_secs(1)).await;
        log.line("healed, then 1 s of gossip".into());
        Ok(())
    })
}
// ANCHOR_END: unknown_script

/// One-way latency between the replicas in the latency experiment; the
/// client is [`CLIENT_LATENCY`] from each of them.
// ANCHOR: links
pub const REPLICA_LINKS: [(&str, &str, Duration); 3] = [
    ("r1", "r2", Duration::from_millis(40)),
    ("r1", "r3", Duration::from_millis(120)),
    ("r2", "r3", Duration::from_millis(80)),
];
// ANCHOR_END: links
pub const CLIENT_LATENCY: Duration = Duration::from_millis(1);

/// What one write under a given replication setting cost and what a read
/// right after it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteCost {
    pub latency: Duration,
    pub read_at_r3: String,
}

// ANCHOR: latency_script
/// No partition. Writes "v1" and lets it spread, then writes "v2" at r1,
/// timing it in virtual time, and at once reads r3 (one replica, no quorum).
/// With `Protocol::Abd`, a write first asks a majority for its stamp.
pub fn write_cost(acks_needed: usize, protocol: Protocol) -> WriteCost {
    let quorum = Quorum {
        write: acks_needed,
        read: 1,
        timeout: Duration::from_secs(1),
        protocol,
    };
    let cluster = Cluster::start(quorum, CLIENT_LATENCY);
    for (a, b, latency) in REPLICA_LINKS {
        cluster.sim.set_link_latency(a, b, latency);
    }
    let result = Rc::new(RefCell::new(None));
    let shared = Rc::clone(&result);
    cluster.run(move |_log| async move {
        call("r1", Message::Write { value: "v1".into() }).await?;
        sleep(Duration::from_secs(1)).await;
        let started = Instant::now();
        call("r1", Message::Write { value: "v2".into() }).await?;
        let latency = started.elapsed();
        let read = call("r3", Message::Read).await?;
        *shared.borrow_mut() = Some(WriteCost {
            latency,
            read_at_r3: describe(&read),
        });
        Ok(())
    });
    result.take().expect("the script records its result")
}
// ANCHOR_END: latency_script

/// CP. Alice writes "blue" via r1 and it settles on every replica. Then bob
/// reads via r2; 12 ms in, once r1 and r3 have answered r2's fetch, the
/// links from r2 to r1 and r3 fail one way, so r2's write-back is lost.
pub fn write_back_cut(quorum: Quorum) -> Vec<String> {
    let cluster = Cluster::start(quorum, Duration::from_millis(5));
    cluster.run(|log| async move {
        let write = call(
            "r1",
            Message::Write {
                value: "blue".into(),
            },
        )
        .await?;
        log.line(format!(
            "alice via r1: write \"blue\"   -> {}",
            describe(&write)
        ));
        sleep(Duration::from_millis(100)).await;
        let read = call("r2", Message::Read);
        let cut = async {
            sleep(Duration::from_millis(12)).await;
            turmoil::partition_oneway("r2", "r1");
            turmoil::partition_oneway("r2", "r3");
        };
        let (read, ()) = tokio::join!(read, cut);
        log.line(format!(
            "bob   via r2: read           -> {}",
            describe(&read?)
        ));
        Ok(())
    })
}
