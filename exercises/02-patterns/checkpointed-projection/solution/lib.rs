// --- solution ---
//! Reference solution: a read model of sales per day, fed by an
//! at-least-once stream of events. It skips events it has applied, and
//! refuses to go on past a gap.
// --- stub ---
// //! Your turn: a read model of sales per day, fed by an at-least-once
// //! stream of events. It must skip events it has applied, and refuse to go
// //! on past a gap.
// //!
// //! Run `cargo test -p checkpointed-projection` until it passes.
// --- end ---

use std::collections::BTreeMap;

/// An event from the log, with its sequence number (1, 2, 3, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale {
    pub seq: u64,
    pub day: &'static str,
    pub cents: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ApplyError {
    /// `got` cannot be applied yet: an event after `checkpoint` is
    /// missing.
    Gap { checkpoint: u64, got: u64 },
}

/// Sales per day, and the sequence number of the last event applied.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DailySales {
    pub totals: BTreeMap<&'static str, u64>,
    pub checkpoint: u64,
}

impl DailySales {
    /// Applies one event, if it can. Delivering an event again is harmless,
    /// and a lost event is never skipped.
    pub fn apply(&mut self, sale: &Sale) -> Result<(), ApplyError> {
        // --- solution ---
        if sale.seq <= self.checkpoint {
            return Ok(());
        }
        if sale.seq != self.checkpoint + 1 {
            return Err(ApplyError::Gap {
                checkpoint: self.checkpoint,
                got: sale.seq,
            });
        }
        *self.totals.entry(sale.day).or_default() += sale.cents;
        self.checkpoint = sale.seq;
        Ok(())
        // --- stub ---
        // let _ = sale;
        // todo!("DailySales::apply")
        // --- end ---
    }

    /// Builds the read model from the whole log, from scratch.
    pub fn rebuild(log: &[Sale]) -> Result<DailySales, ApplyError> {
        // --- solution ---
        let mut view = DailySales::default();
        for sale in log {
            view.apply(sale)?;
        }
        Ok(view)
        // --- stub ---
        // let _ = log;
        // todo!("DailySales::rebuild")
        // --- end ---
    }
}
