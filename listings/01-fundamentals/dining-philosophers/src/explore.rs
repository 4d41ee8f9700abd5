//! Run a model under loom, and report either every outcome or a deadlock.

use std::collections::BTreeSet;
use std::fmt::Display;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, Once};

/// The distinct results of all executions loom explored, and how many
/// executions that was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcomes<T> {
    /// Every result that at least one execution produced, in sorted order.
    pub finals: BTreeSet<T>,
    /// How many executions loom ran to cover every interleaving.
    pub executions: usize,
}

impl<T: Display> Outcomes<T> {
    /// The set of finals as `{a, b}`, using each value's `Display`.
    pub fn finals_text(&self) -> String {
        let items: Vec<String> = self.finals.iter().map(ToString::to_string).collect();
        format!("{{{}}}", items.join(", "))
    }
}

/// What exploring a model found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict<T> {
    /// Every interleaving ran to the end; here is what they returned.
    Finished(Outcomes<T>),
    /// In execution number `execution` (counting from 1) every thread was
    /// waiting for another one: loom stopped there, as a real program would
    /// hang there forever.
    Deadlock {
        /// Which execution deadlocked; the ones before it finished.
        execution: usize,
    },
}

/// Loom's message when no thread can run and not all have finished.
const LOOM_DEADLOCK: &str = "deadlock";

// ANCHOR: explore
/// Runs `model` once per interleaving loom explores. Returns the set of
/// values the runs returned, or the first execution that deadlocked.
pub fn explore<T, F>(model: F) -> Verdict<T>
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
    let builder = pinned_builder();

    silence_deadlock_reports();
    // Loom reports a deadlock by panicking. Catch that one panic and turn it
    // into a verdict; let every other panic (a failed assert) through.
    let run = panic::catch_unwind(AssertUnwindSafe(move || {
        builder.check(move || {
            let value = model();
            let mut seen = recorder.lock().expect("recording never panics");
            seen.finals.insert(value);
            seen.executions += 1;
        })
    }));
    let mut seen = seen.lock().expect("recording never panics");
    match run {
        Ok(()) => Verdict::Finished(Outcomes {
            finals: std::mem::take(&mut seen.finals),
            executions: seen.executions,
        }),
        Err(payload) if panic_text(payload.as_ref()).starts_with(LOOM_DEADLOCK) => {
            Verdict::Deadlock {
                execution: seen.executions + 1,
            }
        }
        Err(payload) => panic::resume_unwind(payload),
    }
}
// ANCHOR_END: explore

/// A loom builder that ignores the `LOOM_*` environment variables, so the
/// counts printed do not depend on the reader's shell.
fn pinned_builder() -> loom::model::Builder {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = None; // explore every interleaving
    builder.max_permutations = None;
    builder.max_duration = None;
    builder.checkpoint_file = None;
    builder.max_branches = 10_000;
    builder.log = false;
    builder.location = false;
    builder
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else {
        ""
    }
}

/// Keeps the default panic report for every panic except loom's deadlock,
/// which [`explore`] turns into a [`Verdict`] instead.
fn silence_deadlock_reports() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !panic_text(info.payload()).starts_with(LOOM_DEADLOCK) {
                default_hook(info);
            }
        }));
    });
}
