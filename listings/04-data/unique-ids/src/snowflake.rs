//! Twitter's Snowflake layout: the sign bit unused, then 41 bits of
//! milliseconds since an epoch the company picks, 10 bits naming the
//! worker, and 12 bits of a sequence that counts IDs within one
//! millisecond.

// ANCHOR: layout
pub const TIME_BITS: u32 = 41;
pub const WORKER_BITS: u32 = 10;
pub const SEQUENCE_BITS: u32 = 12;
pub const MAX_WORKER: u64 = (1 << WORKER_BITS) - 1; // 1,023
pub const MAX_SEQUENCE: u64 = (1 << SEQUENCE_BITS) - 1; // 4,095

/// Packs the three fields; larger times give larger IDs.
pub fn compose(millis: u64, worker: u64, sequence: u64) -> u64 {
    assert!(millis < 1 << TIME_BITS && worker <= MAX_WORKER && sequence <= MAX_SEQUENCE);
    millis << (WORKER_BITS + SEQUENCE_BITS) | worker << SEQUENCE_BITS | sequence
}

/// The fields of an ID: (milliseconds, worker, sequence).
pub fn fields(id: u64) -> (u64, u64, u64) {
    (
        id >> (WORKER_BITS + SEQUENCE_BITS),
        id >> SEQUENCE_BITS & MAX_WORKER,
        id & MAX_SEQUENCE,
    )
}
// ANCHOR_END: layout

/// What a generator does when the clock reads earlier than the last ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnClockBack {
    /// Uses the clock as it reads, as if nothing happened.
    Trust,
    /// Refuses to make an ID until the clock passes the last one (Twitter's
    /// original generator threw an error).
    Refuse,
}

/// Why no ID was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The clock reads this many milliseconds before the last ID's time.
    ClockBehind(u64),
    /// 4,096 IDs were made in this millisecond already: ask again in the
    /// next one.
    SequenceFull,
}

// ANCHOR: generator
pub struct Generator {
    worker: u64,
    on_clock_back: OnClockBack,
    last_millis: Option<u64>,
    sequence: u64,
}

impl Generator {
    pub fn new(worker: u64, on_clock_back: OnClockBack) -> Generator {
        assert!(worker <= MAX_WORKER, "a worker number has 10 bits");
        Generator {
            worker,
            on_clock_back,
            last_millis: None,
            sequence: 0,
        }
    }

    /// The next ID, given what the clock reads now.
    pub fn next_id(&mut self, now: u64) -> Result<u64, Refused> {
        match self.last_millis {
            Some(last) if now == last => {
                if self.sequence == MAX_SEQUENCE {
                    return Err(Refused::SequenceFull);
                }
                self.sequence += 1;
            }
            Some(last) if now < last && self.on_clock_back == OnClockBack::Refuse => {
                return Err(Refused::ClockBehind(last - now));
            }
            _ => {
                // A new millisecond (or, when trusting, an old one again):
                // the sequence starts over.
                self.last_millis = Some(now);
                self.sequence = 0;
            }
        }
        Ok(compose(now, self.worker, self.sequence))
    }
}
// ANCHOR_END: generator

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_undo_compose() {
        let id = compose(1_234_567, 513, 4_095);
        assert_eq!(fields(id), (1_234_567, 513, 4_095));
        assert!(compose(1, 0, 0) > compose(0, MAX_WORKER, MAX_SEQUENCE));
    }

    #[test]
    fn the_4097th_id_of_a_millisecond_waits_for_the_next() {
        let mut g = Generator::new(1, OnClockBack::Refuse);
        for _ in 0..4_096 {
            g.next_id(7).unwrap();
        }
        assert_eq!(g.next_id(7), Err(Refused::SequenceFull));
        assert_eq!(fields(g.next_id(8).unwrap()), (8, 1, 0));
    }
}
