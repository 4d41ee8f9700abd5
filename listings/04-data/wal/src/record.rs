//! One log record on disk: `length (u32 LE) | crc (u32 LE) | payload`, where
//! the payload is a put (`key length (u8) | key | value`) and the CRC covers
//! the length field and the payload.

use crate::crc32;

/// Length and checksum, 4 bytes each.
pub const HEADER_LEN: usize = 8;
/// A length above this is damage, not a record: without a bound, four
/// garbage bytes could ask recovery to read gigabytes.
pub const MAX_PAYLOAD: usize = 64 * 1024;

/// A write the store was asked to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Put {
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}

/// Why a put cannot be logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutError {
    EmptyKey,
    KeyTooLong,
    TooLarge,
}

impl Put {
    /// Keys are 1 to 255 bytes (their length is one byte on disk).
    pub fn new(key: &[u8], value: &[u8]) -> Result<Put, PutError> {
        if key.is_empty() {
            return Err(PutError::EmptyKey);
        }
        if key.len() > usize::from(u8::MAX) {
            return Err(PutError::KeyTooLong);
        }
        if 1 + key.len() + value.len() > MAX_PAYLOAD {
            return Err(PutError::TooLarge);
        }
        Ok(Put {
            key: key.to_vec(),
            value: value.to_vec(),
        })
    }

    /// `k1=hello`, with bytes that are not printable ASCII escaped.
    pub fn describe(&self) -> String {
        format!("{}={}", self.key.escape_ascii(), self.value.escape_ascii())
    }
}

// ANCHOR: encode
/// The bytes one put takes in the log.
pub fn encode(put: &Put) -> Vec<u8> {
    let mut payload = Vec::with_capacity(1 + put.key.len() + put.value.len());
    payload.push(put.key.len() as u8); // Put::new keeps it under 256
    payload.extend_from_slice(&put.key);
    payload.extend_from_slice(&put.value);

    let length = (payload.len() as u32).to_le_bytes();
    // The checksum covers the length too. CRC-32 of no bytes is 0, so a
    // payload-only checksum would pass a header of zeros as an empty record.
    let crc = crc32::update(crc32::crc32(&length), &payload);
    let mut record = Vec::with_capacity(HEADER_LEN + payload.len());
    record.extend_from_slice(&length);
    record.extend_from_slice(&crc.to_le_bytes());
    record.extend_from_slice(&payload);
    record
}
// ANCHOR_END: encode

/// The put inside a payload, or `None` if the payload cannot be one.
pub fn decode_payload(payload: &[u8]) -> Option<Put> {
    let (&key_len, rest) = payload.split_first()?;
    let key_len = usize::from(key_len);
    if key_len == 0 || rest.len() < key_len {
        return None;
    }
    let (key, value) = rest.split_at(key_len);
    Some(Put {
        key: key.to_vec(),
        value: value.to_vec(),
    })
}

/// How recovery treats the log: the correct way, or one of the mistakes the
/// chapter shows the checker catching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Log, fsync, apply, acknowledge; recovery stops at the first bad
    /// record and cuts the log there.
    Wal,
    /// Acknowledges a put as soon as it is written, fsyncs later.
    AckBeforeFsync,
    /// Recovery trusts any record whose length fits in the file.
    NoChecksum,
    /// Recovery steps over a record with a bad checksum and reads on.
    SkipBadRecord,
    /// Recovery stops at the first bad record but leaves the bad bytes in
    /// the file, so new records land after them.
    NoTruncate,
}

impl Variant {
    pub const ALL: [Variant; 5] = [
        Variant::Wal,
        Variant::AckBeforeFsync,
        Variant::NoChecksum,
        Variant::SkipBadRecord,
        Variant::NoTruncate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Wal => "wal",
            Variant::AckBeforeFsync => "ack-before-fsync",
            Variant::NoChecksum => "no-checksum",
            Variant::SkipBadRecord => "skip-bad-record",
            Variant::NoTruncate => "no-truncate",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// Where and why a scan of the log stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The last record ended exactly at the end of the file.
    End,
    /// The file ends inside a header or a payload.
    Torn,
    /// A length of 0 or above `MAX_PAYLOAD`.
    BadLength,
    BadChecksum,
    /// The checksum matched but the payload is not a put.
    BadPayload,
}

/// What a scan found: the puts in log order, and the length of the log
/// that holds them (recovery cuts the file there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub puts: Vec<Put>,
    pub valid_len: usize,
    pub stop: Stop,
}

// ANCHOR: scan
/// Reads records from the start of the log until the first one that is
/// incomplete or damaged.
pub fn scan(log: &[u8], variant: Variant) -> Scan {
    let mut puts = Vec::new();
    let mut at = 0;
    let stop = loop {
        let rest = &log[at..];
        if rest.is_empty() {
            break Stop::End;
        }
        if rest.len() < HEADER_LEN {
            break Stop::Torn;
        }
        let length = u32::from_le_bytes(rest[0..4].try_into().unwrap()) as usize;
        let crc = u32::from_le_bytes(rest[4..8].try_into().unwrap());
        if length == 0 || length > MAX_PAYLOAD {
            break Stop::BadLength;
        }
        if rest.len() < HEADER_LEN + length {
            break Stop::Torn;
        }
        let payload = &rest[HEADER_LEN..HEADER_LEN + length];
        let checked = variant == Variant::NoChecksum
            || crc32::update(crc32::crc32(&rest[0..4]), payload) == crc;
        match decode_payload(payload) {
            Some(put) if checked => puts.push(put),
            // The mistake: trust the length of a damaged record and go on.
            _ if variant == Variant::SkipBadRecord => {}
            None if checked => break Stop::BadPayload,
            _ => break Stop::BadChecksum,
        }
        at += HEADER_LEN + length;
    };
    Scan {
        puts,
        valid_len: at,
        stop,
    }
}
// ANCHOR_END: scan

#[cfg(test)]
mod tests {
    use super::*;

    fn put(key: &str, value: &str) -> Put {
        Put::new(key.as_bytes(), value.as_bytes()).unwrap()
    }

    // A record is 8 header bytes, the key length byte, the key and the value.
    #[test]
    fn layout() {
        let bytes = encode(&put("k1", "hello"));
        assert_eq!(bytes.len(), 8 + 1 + 2 + 5);
        assert_eq!(&bytes[0..4], &8u32.to_le_bytes());
        assert_eq!(&bytes[8..], b"\x02k1hello");
    }

    // Records read back in order, and the scan ends cleanly.
    #[test]
    fn round_trip() {
        let puts = [put("a", ""), put("k1", "hello"), put("k2", "x")];
        let log: Vec<u8> = puts.iter().flat_map(encode).collect();
        let scan = scan(&log, Variant::Wal);
        assert_eq!(scan.puts, puts);
        assert_eq!((scan.valid_len, scan.stop), (log.len(), Stop::End));
    }

    // A file of zeros is not a record, even with the checksum of zero bytes.
    #[test]
    fn zeros_are_not_a_record() {
        let scan = scan(&[0; 32], Variant::Wal);
        assert_eq!((scan.puts.len(), scan.valid_len), (0, 0));
        assert_eq!(scan.stop, Stop::BadLength);
    }

    // Bad keys are refused before they reach the log.
    #[test]
    fn bad_puts_are_refused() {
        assert_eq!(Put::new(b"", b"v"), Err(PutError::EmptyKey));
        assert_eq!(Put::new(&[b'k'; 256], b"v"), Err(PutError::KeyTooLong));
        assert_eq!(
            Put::new(b"k", &vec![0; MAX_PAYLOAD]),
            Err(PutError::TooLarge)
        );
    }
}
