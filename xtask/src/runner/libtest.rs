//! `cargo test` output to one result per test.
//!
//! libtest prints `test <name> ... ok|FAILED|ignored` as each test ends,
//! then, per test binary, a `---- <name> stdout ----` section for each
//! failure, then `test result: ...`. A passing test is reported at once; a
//! failing one when its section (its message) is complete.

#[derive(Debug, PartialEq, Eq)]
pub struct TestResult {
    pub name: String,
    pub ok: bool,
    pub ignored: bool,
    /// The failure section of a failed test; empty otherwise.
    pub message: String,
}

#[derive(Default)]
pub struct Libtest {
    /// The start of a line whose end has not arrived yet.
    partial: String,
    /// Failed tests whose section has not been read yet.
    failed: Vec<String>,
    /// The failure section being read: its test and its lines.
    section: Option<(String, Vec<String>)>,
}

impl Libtest {
    /// Reads a chunk of stdout; returns the results it completes.
    pub fn feed(&mut self, text: &str) -> Vec<TestResult> {
        self.partial.push_str(text);
        let mut out = Vec::new();
        while let Some(end) = self.partial.find('\n') {
            let line: String = self.partial.drain(..=end).collect();
            self.line(line.trim_end_matches(['\n', '\r']), &mut out);
        }
        out
    }

    /// The end of the output: every failure not yet reported.
    pub fn finish(&mut self) -> Vec<TestResult> {
        let mut out = Vec::new();
        let rest = std::mem::take(&mut self.partial);
        if !rest.is_empty() {
            self.line(&rest, &mut out);
        }
        self.close_section(&mut out);
        self.flush_failed(&mut out);
        out
    }

    fn line(&mut self, line: &str, out: &mut Vec<TestResult>) {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            self.close_section(out);
            self.section = Some((name.to_string(), Vec::new()));
            return;
        }
        // `failures:` opens the list of names after the last section.
        if line == "failures:" {
            self.close_section(out);
            return;
        }
        if line.starts_with("test result: ") {
            self.close_section(out);
            self.flush_failed(out);
            return;
        }
        if let Some((_, lines)) = &mut self.section {
            lines.push(line.to_string());
            return;
        }
        let (name, verdict) = if let Some((name, verdict)) = line
            .strip_prefix("test ")
            .and_then(|l| l.rsplit_once(" ... "))
        {
            (name, verdict)
        } else if let Some(name) = line.strip_suffix(" --- FAILED") {
            // libtest's terse format, should --format pretty be lost.
            (name, "FAILED")
        } else {
            return;
        };
        let name = name.strip_suffix(" - should panic").unwrap_or(name);
        let result = |ok, ignored, message: &str| TestResult {
            name: name.to_string(),
            ok,
            ignored,
            message: message.to_string(),
        };
        match verdict {
            "ok" => out.push(result(true, false, "")),
            "FAILED" => self.failed.push(name.to_string()),
            v if v.starts_with("ignored") => out.push(result(true, true, "ignored")),
            _ => {}
        }
    }

    fn close_section(&mut self, out: &mut Vec<TestResult>) {
        let Some((name, lines)) = self.section.take() else {
            return;
        };
        if let Some(i) = self.failed.iter().position(|n| *n == name) {
            self.failed.remove(i);
            out.push(TestResult {
                name,
                ok: false,
                ignored: false,
                message: lines.join("\n").trim().to_string(),
            });
        }
    }

    fn flush_failed(&mut self, out: &mut Vec<TestResult>) {
        for name in self.failed.drain(..) {
            out.push(TestResult {
                name,
                ok: false,
                ignored: false,
                message: String::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILING: &str = "\nrunning 3 tests\n\
test zero_is_none ... ok\n\
test spreads_keys ... FAILED\n\
test slow ... ignored, too slow\n\
test panics - should panic ... ok\n\
test in_range ... FAILED\n\
\n\
failures:\n\
\n\
---- spreads_keys stdout ----\n\
\n\
thread 'spreads_keys' panicked at src/lib.rs:16:5:\n\
not yet implemented\n\
\n\
---- in_range stdout ----\n\
assertion failed: 3 < 2\n\
\n\
failures:\n\
    in_range\n\
    spreads_keys\n\
\n\
test result: FAILED. 2 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n";

    fn names(results: &[TestResult]) -> Vec<(&str, bool)> {
        results.iter().map(|r| (r.name.as_str(), r.ok)).collect()
    }

    // Each test is one result; a failure carries its section as the message.
    #[test]
    fn parses_pretty_output() {
        let mut p = Libtest::default();
        let mut all = p.feed(FAILING);
        all.extend(p.finish());
        assert_eq!(
            names(&all),
            [
                ("zero_is_none", true),
                ("slow", true),
                ("panics", true),
                ("spreads_keys", false),
                ("in_range", false)
            ]
        );
        assert!(all[1].ignored && !all[0].ignored);
        assert_eq!(
            all[3].message,
            "thread 'spreads_keys' panicked at src/lib.rs:16:5:\nnot yet implemented"
        );
        assert_eq!(all[4].message, "assertion failed: 3 < 2");
    }

    // Output cut anywhere into chunks gives the same results as in one piece.
    #[test]
    fn chunking_does_not_matter() {
        let mut whole = Libtest::default();
        let mut expected = whole.feed(FAILING);
        expected.extend(whole.finish());
        for size in [1, 7, 64] {
            let mut p = Libtest::default();
            let mut got = Vec::new();
            let bytes: Vec<char> = FAILING.chars().collect();
            for chunk in bytes.chunks(size) {
                got.extend(p.feed(&chunk.iter().collect::<String>()));
            }
            got.extend(p.finish());
            assert_eq!(got, expected, "chunks of {size}");
        }
    }

    // A passing test is reported as soon as its line arrives, before the run ends.
    #[test]
    fn passes_are_reported_at_once() {
        let mut p = Libtest::default();
        assert_eq!(
            names(&p.feed("test a ... ok\ntest b ... FAILED\n")),
            [("a", true)]
        );
        // A failure with no section (the binary crashed) still ends as a failure.
        assert_eq!(names(&p.finish()), [("b", false)]);
    }

    // The terse format's failure lines and a second test binary are read too.
    #[test]
    fn terse_and_several_binaries() {
        let mut p = Libtest::default();
        let text = "running 1 test\nx --- FAILED\n\nfailures:\n\n---- x stdout ----\nboom\n\nfailures:\n    x\n\ntest result: FAILED. 0 passed; 1 failed\n\nrunning 1 test\ntest y ... ok\n\ntest result: ok. 1 passed\n";
        let mut all = p.feed(text);
        all.extend(p.finish());
        assert_eq!(names(&all), [("x", false), ("y", true)]);
        assert_eq!(all[0].message, "boom");
    }
}
