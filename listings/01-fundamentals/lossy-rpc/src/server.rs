//! The ledger as a UDP service on a simulated host.

use std::cell::RefCell;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;

use turmoil::net::UdpSocket;

use crate::ledger::Ledger;
use crate::protocol::Deposit;

/// The port the ledger listens on.
pub const LEDGER_PORT: u16 = 9000;

/// Biggest datagram we read; our messages are a few dozen bytes.
pub const MAX_DATAGRAM: usize = 512;

/// Serves deposits forever. The ledger lives in an `Rc<RefCell<..>>` owned
/// by the caller, so the scenario can read the balance after the run: every
/// simulated host runs on one thread, so no lock is needed.
pub async fn serve(ledger: Rc<RefCell<Ledger>>) -> turmoil::Result {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, LEDGER_PORT)).await?;
    let mut buf = [0u8; MAX_DATAGRAM];
    loop {
        let (len, from): (usize, SocketAddr) = socket.recv_from(&mut buf).await?;
        // A datagram we cannot parse gets no reply, as a real server would
        // drop garbage; the client's timeout covers it like any loss.
        let Ok(deposit) = Deposit::decode(&buf[..len]) else {
            continue;
        };
        let receipt = ledger.borrow_mut().handle(deposit);
        socket.send_to(&receipt.encode(), from).await?;
    }
}
