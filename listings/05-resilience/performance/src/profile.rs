//! A profile built from the program's own spans. Each span names a step;
//! work done inside charges a cost to the current stack of span names.
//! Folded, that is the *collapsed stack* format that flame graph tools
//! read: one line per stack, frames joined by `;`, then the cost.

use std::collections::BTreeMap;

// ANCHOR: profile
#[derive(Default)]
pub struct Profile {
    stack: Vec<&'static str>,
    /// Cost charged with exactly this stack on top (self cost), in µs.
    folded: BTreeMap<String, u64>,
}

impl Profile {
    /// Runs `f` inside a span called `name`.
    pub fn span<R>(&mut self, name: &'static str, f: impl FnOnce(&mut Profile) -> R) -> R {
        self.stack.push(name);
        let result = f(self);
        self.stack.pop();
        result
    }

    /// Charges `micros` of cost to the current stack.
    pub fn charge(&mut self, micros: u64) {
        if micros > 0 {
            *self.folded.entry(self.stack.join(";")).or_default() += micros;
        }
    }

    /// Collapsed stacks: `outer;inner cost`, one line per stack.
    pub fn collapsed(&self) -> Vec<String> {
        self.folded
            .iter()
            .map(|(s, c)| format!("{s} {c}"))
            .collect()
    }
}
// ANCHOR_END: profile

impl Profile {
    /// Everything charged, in µs.
    pub fn total(&self) -> u64 {
        self.folded.values().sum()
    }

    /// Everything charged under a frame called `name` (itself and below).
    pub fn under(&self, name: &str) -> u64 {
        self.folded
            .iter()
            .filter(|(stack, _)| stack.split(';').any(|frame| frame == name))
            .map(|(_, c)| c)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Nested spans fold into one line per stack, costs summed per stack.
    #[test]
    fn folds_stacks() {
        let mut p = Profile::default();
        p.span("a", |p| {
            p.charge(1);
            p.span("b", |p| p.charge(2));
            p.span("b", |p| p.charge(3));
        });
        assert_eq!(p.collapsed(), ["a 1", "a;b 5"]);
        assert_eq!(p.total(), 6);
        assert_eq!(p.under("b"), 5);
        assert_eq!(p.under("a"), 6);
    }
}
