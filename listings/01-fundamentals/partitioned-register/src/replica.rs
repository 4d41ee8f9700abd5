//! A replica of the register as simulated host software: it answers
//! clients on one port and its peers on another, and gossips its state.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;
use std::time::Duration;

use tokio::task::spawn_local;
use tokio::time::{Instant, sleep, timeout_at};
use turmoil::lookup;
use turmoil::net::UdpSocket;

use crate::message::{Message, Versioned};
use crate::register::Register;

pub const CLIENT_PORT: u16 = 9000;
pub const PEER_PORT: u16 = 9001;
const MAX_DATAGRAM: usize = 1024;

/// How many replicas, counting the one the client called, must take part
/// before it answers. With 3 replicas, 1 is "answer alone" and 2 is a
/// majority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub write: usize,
    pub read: usize,
    /// How long to wait for peers before refusing.
    pub timeout: Duration,
    /// What a quorum write and a quorum read do besides counting answers.
    pub protocol: Protocol,
}

// ANCHOR: protocol
/// The ways this chapter runs a majority register. The last three each
/// break one of ABD's steps, so the fault sweep can show that both are
/// needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// A write takes its stamp from the replica's own clock; a read returns
    /// the newest copy among a majority. Under faults it loses
    /// acknowledged writes.
    Naive,
    /// ABD (Attiya, Bar-Noy and Dolev, 1995, with the multi-writer write of
    /// Lynch and Shvartsman, 1997): a write first learns the highest stamp
    /// a majority holds and stamps above it; a read writes the copy it
    /// returns back to a majority before answering.
    Abd,
    /// ABD without the write's first step.
    AbdWithoutQuery,
    /// ABD without the read's write-back.
    AbdWithoutWriteBack,
    /// ABD whose read sends the write-back but answers without waiting
    /// for acknowledgements.
    AbdWithoutWaiting,
}

impl Protocol {
    /// Whether a write asks a majority for the highest stamp first.
    pub fn asks_for_stamp(self) -> bool {
        !matches!(self, Protocol::Naive | Protocol::AbdWithoutQuery)
    }

    /// Whether a read writes its answer back to a majority.
    pub fn writes_back(self) -> bool {
        !matches!(self, Protocol::Naive | Protocol::AbdWithoutWriteBack)
    }
}
// ANCHOR_END: protocol

/// What the scenarios read back after a run: every replica's register, and
/// every write that a merge threw away.
#[derive(Debug, Default)]
pub struct Observed {
    pub lost_writes: BTreeSet<(String, String)>,
}

pub struct Replica {
    pub name: String,
    pub peers: Vec<String>,
    pub quorum: Quorum,
    pub gossip_every: Duration,
    pub register: Rc<RefCell<Register>>,
    pub observed: Rc<RefCell<Observed>>,
}

impl Replica {
    fn merge(&self, incoming: Versioned) {
        if let Some(loser) = self.register.borrow_mut().merge(incoming) {
            let stamp = format!("{}@r{}", loser.stamp.counter, loser.stamp.replica);
            self.observed
                .borrow_mut()
                .lost_writes
                .insert((loser.value, stamp));
        }
    }

    fn current(&self) -> Option<Versioned> {
        self.register.borrow().current().cloned()
    }

    fn peer_addrs(&self) -> Vec<SocketAddr> {
        self.peers
            .iter()
            .map(|peer| SocketAddr::from((lookup(peer.as_str()), PEER_PORT)))
            .collect()
    }
}

/// Runs one replica until the simulation ends.
pub async fn run(replica: Rc<Replica>) -> turmoil::Result {
    let peer_socket = Rc::new(UdpSocket::bind((Ipv4Addr::UNSPECIFIED, PEER_PORT)).await?);
    spawn_local(serve_peers(Rc::clone(&replica), Rc::clone(&peer_socket)));
    spawn_local(gossip(Rc::clone(&replica), peer_socket));

    let clients = Rc::new(UdpSocket::bind((Ipv4Addr::UNSPECIFIED, CLIENT_PORT)).await?);
    let mut buf = [0u8; MAX_DATAGRAM];
    loop {
        let (len, from) = clients.recv_from(&mut buf).await?;
        let Ok(request) = Message::decode(&buf[..len]) else {
            continue; // garbage gets no answer
        };
        // Each request in its own task, so a write waiting for its quorum
        // does not stop this replica from serving anyone else.
        let (replica, clients) = (Rc::clone(&replica), Rc::clone(&clients));
        spawn_local(async move {
            let reply = handle(&replica, request).await;
            let _ = clients.send_to(&reply.encode(), from).await;
        });
    }
}

async fn handle(replica: &Replica, request: Message) -> Message {
    match request {
        Message::Write { value } => write(replica, value).await,
        Message::Read => read(replica).await,
        _ => refused(0, 0),
    }
}

// ANCHOR: write
async fn write(replica: &Replica, value: String) -> Message {
    let needed = replica.quorum.write;
    if needed > 1 && replica.quorum.protocol.asks_for_stamp() {
        // First learn the newest copy a majority holds, so that the stamp
        // below is higher than any write already acknowledged.
        if let Err(refused) = gather(replica, needed).await {
            return refused;
        }
    }
    let stamp = replica.register.borrow_mut().stamp_new_write();
    let write = Versioned { value, stamp };
    let replicate = Message::Replicate {
        write: write.clone(),
    };
    if needed <= 1 {
        // Asynchronous: keep it, answer now, tell the peers in passing.
        replica.merge(write);
        let _ = send_to_peers(replica, &replicate).await;
        return Message::Written { stamp };
    }
    // Synchronous: answer only once enough peers hold the write too.
    let acks = ask_peers(replica, &replicate, needed - 1).await;
    if 1 + acks.len() < needed {
        return refused(1 + acks.len(), needed);
    }
    replica.merge(write);
    Message::Written { stamp }
}
// ANCHOR_END: write

// ANCHOR: read
async fn read(replica: &Replica) -> Message {
    let needed = replica.quorum.read;
    if needed <= 1 {
        return Message::Value {
            current: replica.current(),
        };
    }
    if let Err(refused) = gather(replica, needed).await {
        return refused;
    }
    let current = replica.current();
    if replica.quorum.protocol.writes_back()
        && let Some(newest) = &current
    {
        // ABD, phase 2: make sure a majority holds what we are about to
        // return, so no later read can return anything older.
        let write_back = Message::Replicate {
            write: newest.clone(),
        };
        if replica.quorum.protocol == Protocol::AbdWithoutWaiting {
            // Broken on purpose: answers before the copy is on a majority.
            let _ = send_to_peers(replica, &write_back).await;
            return Message::Value { current };
        }
        let acks = ask_peers(replica, &write_back, needed - 1).await;
        if 1 + acks.len() < needed {
            return refused(1 + acks.len(), needed);
        }
    }
    Message::Value { current }
}

/// Asks the peers for their copies until, with this replica's, `needed`
/// replicas have answered, and keeps any newer copy they hold.
async fn gather(replica: &Replica, needed: usize) -> Result<(), Message> {
    let states = ask_peers(replica, &Message::Fetch, needed - 1).await;
    if 1 + states.len() < needed {
        return Err(refused(1 + states.len(), needed));
    }
    for state in states {
        if let Message::State {
            current: Some(theirs),
        } = state
        {
            replica.merge(theirs);
        }
    }
    Ok(())
}
// ANCHOR_END: read

fn refused(answered: usize, needed: usize) -> Message {
    Message::Refused { answered, needed }
}

/// Sends `message` to every peer from a fresh socket and collects answers
/// from up to `wanted` different peers, or fewer if the quorum timeout
/// passes first.
async fn ask_peers(replica: &Replica, message: &Message, wanted: usize) -> Vec<Message> {
    let mut answers = Vec::new();
    let Ok(socket) = send_to_peers(replica, message).await else {
        return answers;
    };
    let deadline = Instant::now() + replica.quorum.timeout;
    let mut answered = BTreeSet::new();
    let mut buf = [0u8; MAX_DATAGRAM];
    while answers.len() < wanted {
        match timeout_at(deadline, socket.recv_from(&mut buf)).await {
            Ok(Ok((len, from))) => {
                // A peer counts once, however many datagrams it sends, and
                // only with the kind of answer this request asks for.
                if let Ok(answer) = Message::decode(&buf[..len])
                    && is_reply_to(message, &answer)
                    && answered.insert(from)
                {
                    answers.push(answer);
                }
            }
            _ => break,
        }
    }
    answers
}

/// Whether `reply` is what a peer sends back for `request`.
fn is_reply_to(request: &Message, reply: &Message) -> bool {
    matches!(
        (request, reply),
        (Message::Fetch, Message::State { .. }) | (Message::Replicate { .. }, Message::Ack)
    )
}

async fn send_to_peers(replica: &Replica, message: &Message) -> std::io::Result<UdpSocket> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await?;
    for peer in replica.peer_addrs() {
        // A send to an unreachable peer fails silently, like real UDP.
        let _ = socket.send_to(&message.encode(), peer).await;
    }
    Ok(socket)
}

async fn serve_peers(replica: Rc<Replica>, socket: Rc<UdpSocket>) {
    let mut buf = [0u8; MAX_DATAGRAM];
    while let Ok((len, from)) = socket.recv_from(&mut buf).await {
        match Message::decode(&buf[..len]) {
            Ok(Message::Replicate { write }) => {
                replica.merge(write);
                let _ = socket.send_to(&Message::Ack.encode(), from).await;
            }
            Ok(Message::Fetch) => {
                let state = Message::State {
                    current: replica.current(),
                };
                let _ = socket.send_to(&state.encode(), from).await;
            }
            Ok(Message::State {
                current: Some(theirs),
            }) => replica.merge(theirs),
            _ => {}
        }
    }
}

// ANCHOR: gossip
/// Anti-entropy: every so often, push our copy to every peer. Lost while
/// the network is partitioned; after it heals, the copies converge.
async fn gossip(replica: Rc<Replica>, socket: Rc<UdpSocket>) {
    loop {
        sleep(replica.gossip_every).await;
        let state = Message::State {
            current: replica.current(),
        };
        for peer in replica.peer_addrs() {
            let _ = socket.send_to(&state.encode(), peer).await;
        }
    }
}
// ANCHOR_END: gossip
