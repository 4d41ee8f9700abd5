//! Run a model under loom and collect what every execution ended with.

use std::collections::BTreeSet;
use std::fmt::Display;
use std::sync::{Arc, Mutex};

/// The distinct results of all executions loom explored, and how many
/// executions that was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcomes<T> {
    /// Every result that at least one execution produced, in sorted order.
    pub finals: BTreeSet<T>,
    /// How many executions loom ran: one per distinct interleaving it chose
    /// to explore.
    pub executions: usize,
}

impl<T: Display> Outcomes<T> {
    /// The set of finals as `{1, 2}`, using each value's `Display`.
    pub fn finals_text(&self) -> String {
        let items: Vec<String> = self.finals.iter().map(ToString::to_string).collect();
        format!("{{{}}}", items.join(", "))
    }
}

// ANCHOR: explore
/// Runs `model` once per interleaving loom explores and returns the set of
/// values the runs returned.
pub fn explore<T, F>(model: F) -> Outcomes<T>
where
    F: Fn() -> T + Send + Sync + 'static,
    T: Ord + Send + 'static,
{
    // A std Mutex, not loom's: it lives outside the model, so it survives
    // from one execution to the next and loom does not schedule around it.
    let seen = Arc::new(Mutex::new(Outcomes {
        finals: BTreeSet::new(),
        executions: 0,
    }));
    let recorder = Arc::clone(&seen);

    let mut builder = loom::model::Builder::new();
    // Builder::new() reads LOOM_* environment variables; pin the settings
    // so the counts printed do not depend on the reader's shell.
    builder.preemption_bound = None; // explore every interleaving
    builder.max_permutations = None;
    builder.max_duration = None;
    builder.checkpoint_file = None;
    builder.max_branches = 1_000;
    builder.log = false;
    builder.location = false;

    builder.check(move || {
        let value = model();
        let mut seen = recorder.lock().expect("a model panicked while recording");
        seen.finals.insert(value);
        seen.executions += 1;
    });

    let mut seen = seen.lock().expect("a model panicked while recording");
    Outcomes {
        finals: std::mem::take(&mut seen.finals),
        executions: seen.executions,
    }
}
// ANCHOR_END: explore
