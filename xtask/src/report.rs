//! Counts checks and prints the one summary line `ci/test` ends with.

#[derive(Default)]
pub struct Report {
    passed: usize,
    failures: Vec<String>,
}

impl Report {
    /// Records one check. `fix` says what to do when it failed, naming the
    /// file and the command that mends it.
    pub fn record(&mut self, ok: bool, what: &str, fix: &str) {
        if ok {
            self.passed += 1;
            println!("    ok: {what}");
        } else {
            let line = format!("{what}\n      fix: {fix}");
            println!("    FAILED: {line}");
            self.failures.push(line);
        }
    }

    pub fn failed(&self) -> usize {
        self.failures.len()
    }

    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failures.len())
    }

    pub fn print_summary(&self) {
        if !self.failures.is_empty() {
            println!("\nFailures:");
            for failure in &self.failures {
                println!("  - {failure}");
            }
        }
        println!("\n{}", self.summary());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The summary line counts passes and failures separately.
    #[test]
    fn summary_counts_both() {
        let mut report = Report::default();
        report.record(true, "a", "");
        report.record(true, "b", "");
        report.record(false, "c", "do d");
        assert_eq!(report.summary(), "2 passed, 1 failed");
        assert_eq!(report.failed(), 1);
    }
}
