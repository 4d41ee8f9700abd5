//! A service whose disk fills up: the process is alive, answers its health
//! endpoint, and fails every real request.

/// What the process can still do.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The process runs and its HTTP loop answers.
    pub process_up: bool,
    /// Caches loaded and connections open: start-up is over.
    pub warmed_up: bool,
    /// The disk accepts writes. A full disk is the gray failure here.
    pub disk_writable: bool,
}

/// What an orchestrator does with a failed probe (as Kubernetes defines it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
}

// ANCHOR: checks
impl Service {
    /// Liveness, shallow: "is the process stuck?" A failure restarts it.
    pub fn liveness(&self) -> Verdict {
        if self.process_up {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// Readiness, shallow: "may traffic come here?" A failure takes the
    /// instance out of the load balancer, without a restart.
    pub fn readiness_shallow(&self) -> Verdict {
        if self.process_up && self.warmed_up {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// Readiness, deep: does what a request does, a small write and read
    /// on the real disk, before saying yes.
    pub fn readiness_deep(&self) -> Verdict {
        if self.readiness_shallow() == Verdict::Pass && self.disk_writable {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// A real request: it needs to write.
    pub fn serve(&self) -> bool {
        self.process_up && self.warmed_up && self.disk_writable
    }
}
// ANCHOR_END: checks

/// The run: three instances behind a balancer, one request every 10 ms for
/// 60 s, a probe every 10 s. At 20 s the disk of instance 2 fills up.
/// Returns (failed requests, seconds until the instance left the balancer).
pub fn disk_full_run(deep: bool) -> (u32, Option<u64>) {
    let mut in_rotation = [true; 3];
    let mut failed = 0;
    let mut removed_at = None;
    for (next, ms) in (0..60_000u64).step_by(10).enumerate() {
        let service = |i: usize| Service {
            process_up: true,
            warmed_up: true,
            disk_writable: !(i == 2 && ms >= 20_000),
        };
        if ms % 10_000 == 5_000 {
            for (i, slot) in in_rotation.iter_mut().enumerate() {
                let verdict = if deep {
                    service(i).readiness_deep()
                } else {
                    service(i).readiness_shallow()
                };
                if verdict == Verdict::Fail && *slot {
                    *slot = false;
                    removed_at = Some(ms);
                }
            }
        }
        // Round robin over the instances still in rotation.
        let choices: Vec<usize> = (0..3).filter(|&i| in_rotation[i]).collect();
        let target = choices[next % choices.len()];
        if !service(target).serve() {
            failed += 1;
        }
    }
    (failed, removed_at)
}
