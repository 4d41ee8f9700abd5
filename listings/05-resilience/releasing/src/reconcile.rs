//! The reconcile loop: a desired state (5 replicas of v2), an actual state
//! that faults keep changing, and two controllers. The level-triggered one
//! observes the whole actual state whenever it wakes (on any event, and
//! every `RESYNC` seconds) and acts on the difference; the edge-triggered
//! one acts on each event as it arrives and remembers what it still has
//! to do.

use seeded::SplitMix64;

pub const REPLICAS: usize = 5;
/// Seconds from starting an instance to running (or failing).
pub const STARTUP: u64 = 5;
pub const RESYNC: u64 = 10;
/// Faults happen before this second, never after.
pub const FAULTS_END: u64 = 60;
/// The level-triggered controller must have converged this long after the
/// faults end, and stay converged.
pub const BOUND: u64 = 30;
pub const END: u64 = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Level,
    Edge,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Level, Variant::Edge];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Level => "level",
            Variant::Edge => "edge",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// One seed's faults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Seconds at which a running instance crashes.
    pub crashes: Vec<u64>,
    /// Of 1000 starts begun before `FAULTS_END`, how many fail.
    pub failed_start_permille: u64,
    /// Of 1000 events emitted before `FAULTS_END`, how many are lost.
    pub lost_event_permille: u64,
    /// The controller is down from this second for this long, and comes
    /// back with empty memory.
    pub restart: Option<(u64, u64)>,
}

impl Schedule {
    pub fn generate(seed: u64) -> Schedule {
        let mut rng = SplitMix64(seed);
        let crashes = (0..rng.below(4))
            .map(|_| rng.below(FAULTS_END as usize) as u64)
            .collect();
        let failed_start_permille = rng.below(300) as u64;
        let lost_event_permille = rng.below(150) as u64;
        let restart = (rng.below(2) == 0).then(|| {
            let at = rng.below(FAULTS_END as usize - 10) as u64;
            (at, 1 + rng.below(5) as u64)
        });
        Schedule {
            crashes,
            failed_start_permille,
            lost_event_permille,
            restart,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Starting { ready_at: u64, will_fail: bool },
    Running,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instance {
    pub id: u32,
    pub version: u32,
    pub state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    DesiredChanged,
    Ready(u32),
    Failed(u32),
}

/// What a controller may do to the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    Delete(u32),
}

/// The desired state: how many instances of which version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Desired {
    pub replicas: usize,
    pub version: u32,
}

// ANCHOR: reconcile
/// One level-triggered step: look at everything, act on the difference.
/// Run it twice on the same observation and the second run asks for
/// nothing new, because the instances the first one started are in the
/// observation as `Starting`.
pub fn reconcile(desired: Desired, actual: &[Instance]) -> Vec<Action> {
    let mut actions = Vec::new();
    let wanted: Vec<&Instance> = actual
        .iter()
        .filter(|i| i.version == desired.version && i.state != State::Failed)
        .collect();
    // Failed instances go, whatever their version.
    for i in actual.iter().filter(|i| i.state == State::Failed) {
        actions.push(Action::Delete(i.id));
    }
    // Too few of the right version: start the difference. Too many: stop
    // the extra ones, those still starting first.
    for _ in wanted.len()..desired.replicas {
        actions.push(Action::Start);
    }
    let mut extra = wanted.clone();
    extra.sort_by_key(|i| (i.state == State::Running, i.id));
    for i in extra
        .iter()
        .take(wanted.len().saturating_sub(desired.replicas))
    {
        actions.push(Action::Delete(i.id));
    }
    // Old versions go one at a time, and only while enough instances keep
    // running to serve (a surge, as a Deployment's rolling update does).
    let running_total = actual.iter().filter(|i| i.state == State::Running).count();
    let old = actual
        .iter()
        .filter(|i| i.version != desired.version && i.state != State::Failed)
        .min_by_key(|i| (i.state == State::Running, i.id));
    if let Some(old) = old {
        let serving_after = running_total - usize::from(old.state == State::Running);
        if serving_after >= desired.replicas {
            actions.push(Action::Delete(old.id));
        }
    }
    actions
}
// ANCHOR_END: reconcile

/// The edge-triggered controller's memory: the old instances it still has
/// to delete, one per new instance that becomes ready.
#[derive(Debug, Default)]
struct EdgeMemory {
    to_retire: Vec<u32>,
}

// ANCHOR: edge
/// One event, one reaction, and nothing else: no second look at the world.
fn on_event(
    memory: &mut EdgeMemory,
    desired: Desired,
    event: Event,
    world: &[Instance],
) -> Vec<Action> {
    match event {
        Event::DesiredChanged => {
            memory.to_retire = world.iter().map(|i| i.id).collect();
            vec![Action::Start; desired.replicas]
        }
        Event::Ready(_) => match memory.to_retire.pop() {
            Some(old) => vec![Action::Delete(old)],
            None => vec![],
        },
        Event::Failed(id) => {
            let old = memory.to_retire.contains(&id);
            memory.to_retire.retain(|&o| o != id);
            if old {
                vec![Action::Delete(id)]
            } else {
                vec![Action::Delete(id), Action::Start]
            }
        }
    }
}
// ANCHOR_END: edge

pub struct Outcome {
    /// The first second from which the world matched the desired state
    /// until the end, if it did at the end.
    pub converged_at: Option<u64>,
    pub lost_events: u32,
    pub trace: Vec<String>,
}

pub fn converged(desired: Desired, actual: &[Instance]) -> bool {
    actual.len() == desired.replicas
        && actual
            .iter()
            .all(|i| i.version == desired.version && i.state == State::Running)
}

fn describe(actual: &[Instance]) -> String {
    let mut parts = Vec::new();
    for i in actual {
        let state = match i.state {
            State::Starting { .. } => "starting",
            State::Running => "running",
            State::Failed => "failed",
        };
        parts.push(format!("#{} v{} {state}", i.id, i.version));
    }
    parts.join(", ")
}

/// Runs one controller against one seed's faults.
pub fn run(variant: Variant, seed: u64, schedule: &Schedule) -> Outcome {
    let desired = Desired {
        replicas: REPLICAS,
        version: 2,
    };
    let mut rng = SplitMix64(seed ^ 0xFA17);
    let mut world: Vec<Instance> = (0..REPLICAS as u32)
        .map(|id| Instance {
            id,
            version: 1,
            state: State::Running,
        })
        .collect();
    let mut next_id = REPLICAS as u32;
    let mut memory = EdgeMemory::default();
    let mut events = vec![Event::DesiredChanged];
    let mut outcome = Outcome {
        converged_at: None,
        lost_events: 0,
        trace: Vec::new(),
    };
    for now in 0..END {
        let faulty = now < FAULTS_END;
        // The world moves: starts finish, crashes happen.
        for i in world.iter_mut() {
            if let State::Starting {
                ready_at,
                will_fail,
            } = i.state
                && ready_at <= now
            {
                i.state = if will_fail {
                    State::Failed
                } else {
                    State::Running
                };
                events.push(if will_fail {
                    Event::Failed(i.id)
                } else {
                    Event::Ready(i.id)
                });
            }
        }
        for _ in schedule.crashes.iter().filter(|&&c| c == now) {
            let running: Vec<usize> = (0..world.len())
                .filter(|&k| world[k].state == State::Running)
                .collect();
            if !running.is_empty() {
                let k = running[rng.below(running.len())];
                world[k].state = State::Failed;
                events.push(Event::Failed(world[k].id));
                outcome
                    .trace
                    .push(format!("{now:>4} s: #{} crashes", world[k].id));
            }
        }
        // Events reach the controller, unless lost or it is down.
        let down = schedule
            .restart
            .is_some_and(|(at, len)| (at..at + len).contains(&now));
        if schedule.restart.is_some_and(|(at, _)| at == now) {
            memory = EdgeMemory::default();
            outcome
                .trace
                .push(format!("{now:>4} s: controller restarts, memory lost"));
        }
        let mut delivered = Vec::new();
        for e in events.drain(..) {
            let lost = faulty && (rng.below(1000) as u64) < schedule.lost_event_permille;
            if lost || down {
                outcome.lost_events += 1;
                outcome.trace.push(format!("{now:>4} s: event {e:?} lost"));
            } else {
                delivered.push(e);
            }
        }
        // The controller acts.
        let mut actions = Vec::new();
        if !down {
            match variant {
                Variant::Level => {
                    if !delivered.is_empty() || now.is_multiple_of(RESYNC) {
                        actions = reconcile(desired, &world);
                    }
                }
                Variant::Edge => {
                    for e in delivered {
                        outcome.trace.push(format!("{now:>4} s: on {e:?}"));
                        actions.extend(on_event(&mut memory, desired, e, &world));
                    }
                }
            }
        }
        if variant == Variant::Level && !actions.is_empty() {
            outcome
                .trace
                .push(format!("{now:>4} s: sees {}", describe(&world)));
        }
        for a in actions {
            match a {
                Action::Start => {
                    let will_fail =
                        faulty && (rng.below(1000) as u64) < schedule.failed_start_permille;
                    world.push(Instance {
                        id: next_id,
                        version: desired.version,
                        state: State::Starting {
                            ready_at: now + STARTUP,
                            will_fail,
                        },
                    });
                    outcome
                        .trace
                        .push(format!("{now:>4} s:   start #{next_id}"));
                    next_id += 1;
                }
                Action::Delete(id) => {
                    // Deleting what is already gone is a no-op.
                    world.retain(|i| i.id != id);
                    outcome.trace.push(format!("{now:>4} s:   delete #{id}"));
                }
            }
        }
        if converged(desired, &world) {
            outcome.converged_at.get_or_insert(now);
        } else {
            outcome.converged_at = None;
        }
    }
    outcome.trace.push(format!(" end: {}", describe(&world)));
    outcome
}

/// Whether a run met the property: converged, within `BOUND` of the end
/// of the faults.
pub fn holds(outcome: &Outcome) -> bool {
    outcome
        .converged_at
        .is_some_and(|t| t <= FAULTS_END + BOUND)
}
