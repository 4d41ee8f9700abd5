//! `cargo xtask test --chapter <slug>`: every check that concerns one
//! chapter, in seconds, for the author's edit-check loop.
//!
//! What belongs to a chapter is read from its own directives, the way the
//! preprocessor reads them (`preprocess::chapter_parts`): the listing crates
//! of its `{{#include}}`/`{{#rustdoc_include}}` lines, its `{{#quiz}}` files,
//! its `{{#exercise}}`/`{{#solution}}` folders. The checks are the full
//! run's, narrowed to those: fmt and clippy of its crates, their tests, the
//! recorded outputs of its listings (each run twice), its quiz answers, its
//! exercise, the "Predict first" rule on its page, the book build, and the
//! browser suite on its page alone (with Run and the tests in the page when
//! its exercise is in the page). The full run stays the gate.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::report::Report;

/// One chapter and what its page names.
pub struct Chapter {
    pub slug: String,
    /// The page under src/, as SUMMARY.md links it: `04-data/bloom-filters.md`.
    pub page: String,
    pub md: PathBuf,
    /// Listing crates: (package name, folder).
    pub listings: Vec<(String, PathBuf)>,
    /// Recorded outputs of those listings.
    pub outputs: Vec<PathBuf>,
    pub quizzes: Vec<PathBuf>,
    pub exercises: Vec<crate::exercises::Exercise>,
}

impl Chapter {
    /// Every package the chapter's checks build.
    fn packages(&self) -> Vec<String> {
        let mut names: Vec<String> = self.listings.iter().map(|(n, _)| n.clone()).collect();
        for ex in &self.exercises {
            names.push(ex.stub.clone());
            names.push(ex.solution.clone());
        }
        names
    }
}

/// The pages SUMMARY.md links, under src/, in order: (page, part title or
/// None before the first part).
pub fn summary_pages(root: &Path) -> Vec<(String, Option<String>)> {
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    let mut part = None;
    let mut pages = Vec::new();
    for line in summary.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            if title.trim() != "Summary" {
                part = Some(title.trim().to_string());
            }
            continue;
        }
        // A separator ends the parts: the pages after it (the glossary) are in none.
        if line.trim_start().starts_with("---") {
            part = None;
            continue;
        }
        let Some(start) = line.find("](") else {
            continue;
        };
        let rest = &line[start + 2..];
        if let Some(end) = rest.find(".md)") {
            pages.push((rest[..end + 3].to_string(), part.clone()));
        }
    }
    pages
}

/// The chapters of the book: the pages under a phase (part) in SUMMARY.md.
pub fn book_chapters(root: &Path) -> Vec<String> {
    summary_pages(root)
        .into_iter()
        .filter(|(_, part)| part.is_some())
        .map(|(page, _)| page)
        .collect()
}

fn stem(page: &str) -> &str {
    let name = page.rsplit('/').next().unwrap_or(page);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Edit distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The slugs of `pages` nearest to `slug`: those containing it or
/// contained in it first, then by edit distance; at most five.
pub fn near_matches(slug: &str, pages: &[String]) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = pages
        .iter()
        .map(|p| {
            let s = stem(p);
            let score = if s.contains(slug) || slug.contains(s) {
                0
            } else {
                distance(slug, s)
            };
            (score, s.to_string())
        })
        .collect();
    scored.sort();
    let limit = (slug.chars().count() / 2).max(3);
    scored
        .into_iter()
        .filter(|(score, _)| *score <= limit)
        .take(5)
        .map(|(_, s)| s)
        .collect()
}

/// Finds the chapter whose file stem is `slug` (or whose page is `slug`,
/// as in `04-data/bloom-filters`), and reads what its page names.
pub fn find(root: &Path, slug: &str) -> Result<Chapter, String> {
    let pages: Vec<String> = summary_pages(root).into_iter().map(|(p, _)| p).collect();
    let wanted = slug.trim_end_matches(".md");
    let matching: Vec<&String> = pages
        .iter()
        .filter(|p| stem(p) == wanted || p.trim_end_matches(".md") == wanted)
        .collect();
    let page = match matching.as_slice() {
        [one] => (*one).clone(),
        [] => {
            let near = near_matches(wanted, &pages);
            return Err(if near.is_empty() {
                format!(
                    "no chapter `{slug}` in src/SUMMARY.md; the chapters are: {}",
                    pages.iter().map(|p| stem(p)).collect::<Vec<_>>().join(", ")
                )
            } else {
                format!(
                    "no chapter `{slug}` in src/SUMMARY.md; did you mean: {}?",
                    near.join(", ")
                )
            });
        }
        many => {
            return Err(format!(
                "`{slug}` names {} pages; give the phase too: {}",
                many.len(),
                many.iter()
                    .map(|p| p.trim_end_matches(".md"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    };
    let md = root.join("src").join(&page);
    let parts = crate::preprocess::chapter_parts(root, &md)?;
    let listings: Vec<(String, PathBuf)> = parts
        .listings
        .iter()
        .map(|dir| {
            let name = dir.rsplit('/').next().unwrap_or(dir).to_string();
            (name, root.join(dir))
        })
        .collect();
    let outputs = crate::outputs::find(root)
        .into_iter()
        .filter(|o| listings.iter().any(|(_, dir)| o.starts_with(dir)))
        .collect();
    let all = crate::exercises::find(root).map_err(|e| format!("{e:#}"))?;
    let exercises = all
        .into_iter()
        .filter(|ex| parts.exercises.iter().any(|d| root.join(d) == ex.dir))
        .collect();
    Ok(Chapter {
        slug: stem(&page).to_string(),
        quizzes: parts.quizzes.iter().map(|q| root.join(q)).collect(),
        page,
        md,
        listings,
        outputs,
        exercises,
    })
}

/// Runs every check of one chapter and prints what it took.
pub fn run(root: &Path, slug: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    let started_at = std::time::SystemTime::now();
    let chapter = find(root, slug).map_err(anyhow::Error::msg)?;
    println!(
        "chapter {} (src/{}): listings [{}], {} recorded outputs, quizzes [{}], exercises [{}]",
        chapter.slug,
        chapter.page,
        chapter
            .listings
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        chapter.outputs.len(),
        chapter
            .quizzes
            .iter()
            .map(|q| crate::relative(root, q))
            .collect::<Vec<_>>()
            .join(", "),
        chapter
            .exercises
            .iter()
            .map(|e| e.stub.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    let tools = crate::tools::ensure_installed(root)?;
    let mut report = Report::default();
    let mut runs = crate::outputs::Runs::default();
    let mut timings = Vec::new();
    // A chapter whose exercise is in the page is checked in the book as
    // ci/serve serves it too: Run on its excerpts, its tests in the page.
    let in_page = std::fs::read_to_string(&chapter.md).is_ok_and(|t| t.contains("{{#exercise"));
    let mut served = None;
    let mut warm = false;
    let steps = [
        "lint",
        "unit",
        "outputs",
        "answers",
        "exercises",
        "book",
        "browser",
    ];
    for (i, name) in steps.iter().enumerate() {
        println!(
            "\n==> chapter {} step {}/{}: {name}",
            chapter.slug,
            i + 1,
            steps.len()
        );
        // The browser step compiles scratch copies of listings into
        // target/, so whether this run is warm is decided before it.
        if *name == "browser" {
            warm = !crate::rebuilt_since(root, started_at);
        }
        let before = report.failed();
        let step_started = Instant::now();
        match *name {
            "lint" => lint(root, &chapter, &mut report),
            "unit" => {
                let names: Vec<String> = chapter.listings.iter().map(|(n, _)| n.clone()).collect();
                if !names.is_empty() {
                    crate::binaries::check_tests(
                        root,
                        &crate::binaries::Packages::Only(&names),
                        &format!("cargo test -p {}", names.join(" -p ")),
                        &mut report,
                    );
                }
            }
            "outputs" => {
                if !chapter.outputs.is_empty() {
                    crate::outputs::check(root, &chapter.outputs, &mut runs, &mut report);
                }
                // The figures its listings draw, which the page may inline.
                let figures: Vec<PathBuf> = crate::figures::find(root)
                    .into_iter()
                    .filter(|f| chapter.listings.iter().any(|(_, dir)| f.starts_with(dir)))
                    .collect();
                crate::figures::check(root, &figures, &mut report);
            }
            "answers" => crate::quiz::check(root, Some(&chapter.quizzes), &mut runs, &mut report),
            "exercises" => crate::exercises::check(root, &chapter.exercises, &mut report),
            "book" => {
                crate::preprocess::check_pages(
                    root,
                    std::slice::from_ref(&chapter.md),
                    &mut report,
                );
                // The book as ci/serve serves it is built for the browser
                // step at the same time, on the other core.
                served = std::thread::scope(|scope| {
                    let other = in_page
                        .then(|| scope.spawn(|| crate::browser::prepare_served(root, &tools)));
                    crate::build_book(root, &tools, &mut report);
                    other.map(|h| h.join().expect("the served build does not panic"))
                });
            }
            "browser" => crate::browser::check_suite(
                root,
                &tools,
                crate::browser::Suite {
                    page: Some(&chapter.page),
                    served: match served.take() {
                        Some(built) => crate::browser::ServedBook::Ready(built),
                        None => crate::browser::ServedBook::None,
                    },
                },
                &mut report,
            ),
            _ => unreachable!("every step is listed above"),
        }
        let took = step_started.elapsed().as_secs_f64();
        timings.push((*name, took));
        let failed = report.failed() - before;
        println!(
            "<== chapter {} {name}: {} ({took:.1} s)",
            chapter.slug,
            if failed == 0 {
                "ok".to_string()
            } else {
                format!("{failed} failed")
            },
        );
    }
    let took = started.elapsed();
    println!(
        "\n    chapter {}: every check in {:.1} s ({}; target under {} s warm)",
        chapter.slug,
        took.as_secs_f64(),
        if warm {
            "warm: nothing was compiled"
        } else {
            "crates were compiled, so this run was not warm"
        },
        TARGET.as_secs()
    );
    println!(
        "    step times: {}",
        timings
            .iter()
            .map(|(n, t)| format!("{n} {t:.1} s"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    crate::scale::save_timings(root, "chapter", warm, &timings);
    if warm {
        report.record(
            took <= TARGET,
            &format!(
                "warm --chapter {} took {:.1} s (budget {} s)",
                chapter.slug,
                took.as_secs_f64(),
                TARGET.as_secs()
            ),
            "find the slow step in the step times above and make it faster",
        );
    }
    report.print_summary();
    if report.failed() > 0 {
        anyhow::bail!(
            "{} check(s) of chapter {} failed; see the messages above",
            report.failed(),
            chapter.slug
        );
    }
    Ok(())
}

/// What a warm `--chapter` run should take on the 2-core reference machine.
const TARGET: std::time::Duration = std::time::Duration::from_secs(30);

/// fmt and clippy on the chapter's crates only.
fn lint(root: &Path, chapter: &Chapter, report: &mut Report) {
    let packages = chapter.packages();
    if packages.is_empty() {
        return;
    }
    let flags: Vec<String> = packages
        .iter()
        .flat_map(|p| ["-p".to_string(), p.clone()])
        .collect();
    let ok = crate::run_visible(crate::cargo(root).arg("fmt").arg("--check").args(&flags));
    report.record(
        ok,
        &format!("cargo fmt --check {}", flags.join(" ")),
        &format!("run `cargo fmt {}` to format", flags.join(" ")),
    );
    let ok = crate::run_visible(crate::cargo(root).arg("clippy").args(&flags).args([
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]));
    report.record(
        ok,
        &format!("cargo clippy {}", flags.join(" ")),
        "fix the warnings clippy printed above (file and line are in each message)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // A slug names one chapter; its parts come from its page's directives.
    #[test]
    fn finds_a_chapter_and_its_parts() {
        let root = crate::project_root();
        let chapter = find(&root, "bloom-filters").unwrap();
        assert_eq!(chapter.page, "04-data/bloom-filters.md");
        assert_eq!(chapter.listings[0].0, "bloom-filter");
        assert!(
            chapter
                .outputs
                .iter()
                .all(|o| o.starts_with(root.join("listings/04-data/bloom-filter")))
        );
        assert_eq!(chapter.exercises[0].stub, "counting-bloom");
        assert_eq!(
            find(&root, "04-data/bloom-filters").unwrap().slug,
            "bloom-filters"
        );
    }

    // An unknown slug fails with the chapters it is close to.
    #[test]
    fn unknown_slugs_name_near_matches() {
        let root = crate::project_root();
        let err = find(&root, "bloom-filter").err().unwrap();
        assert!(err.contains("did you mean: bloom-filters"), "{err}");
        let err = find(&root, "circuit-braker").err().unwrap();
        assert!(err.contains("circuit-breaker"), "{err}");
        let err = find(&root, "zzzzzzzzzzzzzzzzzzzz").err().unwrap();
        assert!(err.contains("the chapters are"), "{err}");
    }

    // Edit distance counts insertions, deletions and substitutions.
    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
