//! The wire format: one request and one reply, each a line of ASCII text in
//! one UDP datagram, so a lost datagram is a lost message and nothing else.

use std::fmt;

/// "Add `amount` to the balance." `id` names this request, so that a reply
/// can be matched to it and a retry recognised as a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deposit {
    pub id: u64,
    pub amount: u64,
}

/// The ledger's answer to the deposit with the same `id`: the balance just
/// after it was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    pub id: u64,
    pub balance: u64,
}

/// A datagram that is not a well-formed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed message: {:?}", self.0)
    }
}

impl std::error::Error for Malformed {}

impl Deposit {
    pub fn encode(&self) -> Vec<u8> {
        format!("deposit {} {}", self.id, self.amount).into_bytes()
    }

    pub fn decode(bytes: &[u8]) -> Result<Deposit, Malformed> {
        let [id, amount] = fields(bytes, "deposit")?;
        Ok(Deposit { id, amount })
    }
}

impl Receipt {
    pub fn encode(&self) -> Vec<u8> {
        format!("receipt {} {}", self.id, self.balance).into_bytes()
    }

    pub fn decode(bytes: &[u8]) -> Result<Receipt, Malformed> {
        let [id, balance] = fields(bytes, "receipt")?;
        Ok(Receipt { id, balance })
    }
}

/// Parses `"<verb> <u64> <u64>"` and nothing else.
fn fields(bytes: &[u8], verb: &str) -> Result<[u64; 2], Malformed> {
    let malformed = || Malformed(String::from_utf8_lossy(bytes).into_owned());
    let text = std::str::from_utf8(bytes).map_err(|_| malformed())?;
    let mut words = text.split(' ');
    if words.next() != Some(verb) {
        return Err(malformed());
    }
    let mut number = || -> Result<u64, Malformed> {
        words
            .next()
            .and_then(|w| w.parse().ok())
            .ok_or_else(malformed)
    };
    let parsed = [number()?, number()?];
    if words.next().is_some() {
        return Err(malformed());
    }
    Ok(parsed)
}
