//! A partitioned append-only log, and a consumer group that splits its
//! partitions among members and keeps a committed offset per partition.

/// One record: the key that chose its partition, and a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub key: String,
    pub value: u64,
}

// ANCHOR: log
/// Partitions of records. A record's position in its partition is its
/// offset; records are never changed or removed.
pub struct Log {
    partitions: Vec<Vec<Record>>,
}

impl Log {
    pub fn new(partitions: usize) -> Log {
        assert!(partitions > 0, "a log needs a partition");
        Log {
            partitions: vec![Vec::new(); partitions],
        }
    }

    /// The partition for `key`: the same key always lands in the same
    /// partition, so its records keep their order.
    pub fn partition_of(&self, key: &str) -> usize {
        // FNV-1a: a fixed hash, the same in every run and on every machine.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        (hash % self.partitions.len() as u64) as usize
    }

    /// Appends; returns (partition, offset).
    pub fn append(&mut self, key: &str, value: u64) -> (usize, u64) {
        let p = self.partition_of(key);
        self.partitions[p].push(Record {
            key: key.to_string(),
            value,
        });
        (p, self.partitions[p].len() as u64 - 1)
    }

    /// Up to `max` records of partition `p` from `offset` on.
    pub fn read(&self, p: usize, offset: u64, max: usize) -> &[Record] {
        let records = &self.partitions[p];
        let start = (offset as usize).min(records.len());
        &records[start..(start + max).min(records.len())]
    }

    pub fn partitions(&self) -> usize {
        self.partitions.len()
    }

    pub fn len(&self, p: usize) -> u64 {
        self.partitions[p].len() as u64
    }
}
// ANCHOR_END: log

// ANCHOR: assign
/// Which member owns each partition: members in name order, dealt
/// partitions in turn (partition i to member i mod n).
pub fn assign(members: &[&str], partitions: usize) -> Vec<String> {
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    (0..partitions)
        .map(|p| sorted[p % sorted.len()].to_string())
        .collect()
}
// ANCHOR_END: assign
