// "Your progress": reads the answers mdbook-quiz keeps in localStorage
// (key `mdbook-quiz:<quiz name>`, written when `cache_answers` is on) and
// shows, per phase and chapter, whether the quiz was finished and the score,
// and whether the chapter's exercise was solved in the page (key
// `sdr-exercise:<exercise>`, written by theme/listings.js, which records the
// chapter it was solved on).
//
// The list of chapters comes from the sidebar, so it never goes stale: every
// chapter under a phase has a quiz named after the chapter's file, which
// `cargo xtask test` checks.
(() => {
  const root = document.getElementById("course-progress");
  if (!root) return;

  const storageKey = (quiz) => `mdbook-quiz:${quiz}`;

  function chapters() {
    const found = [];
    let phase = null;
    const items = document.querySelectorAll("mdbook-sidebar-scrollbox ol.chapter li");
    for (const item of items) {
      if (item.classList.contains("part-title")) {
        phase = item.textContent.trim();
        continue;
      }
      // The separator after the last phase: the glossary belongs to none.
      if (item.classList.contains("spacer")) {
        phase = null;
        continue;
      }
      const link = item.querySelector(":scope > span > a, :scope > a");
      if (!phase || !link) continue;
      const href = link.getAttribute("href");
      const quiz = href.split("/").pop().replace(/\.html.*$/, "");
      // A phase's cheat sheet has no quiz.
      if (quiz.startsWith("cheat-sheet-")) continue;
      found.push({ phase, title: link.textContent.replace(/^\s*[\d.]+\s*/, "").trim(), href, quiz });
    }
    return found;
  }

  // What the reader did with one quiz: null when never started.
  function status(quiz) {
    let saved;
    try {
      saved = JSON.parse(localStorage.getItem(storageKey(quiz)));
    } catch {
      return null;
    }
    if (!saved || !Array.isArray(saved.answers) || saved.answers.length === 0) return null;
    const correct = saved.answers.filter((a) => a && a.correct).length;
    return { correct, total: saved.answers.length };
  }

  // Exercises the reader worked on in the page, by chapter file stem.
  function exercises() {
    const byChapter = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key || !key.startsWith("sdr-exercise:")) continue;
      try {
        const saved = JSON.parse(localStorage.getItem(key));
        if (saved && saved.chapter) {
          const name = key.slice("sdr-exercise:".length);
          byChapter[saved.chapter] = { name, solved: Boolean(saved.solved) };
        }
      } catch {
        /* a value this page did not write: ignore it */
      }
    }
    return byChapter;
  }

  function render() {
    const worked = exercises();
    const list = chapters();
    root.replaceChildren();
    const finished = list.filter((c) => status(c.quiz));
    const summary = document.createElement("p");
    summary.className = "progress-summary";
    const solved = Object.values(worked).filter((e) => e.solved).length;
    summary.textContent = `You have finished ${finished.length} of ${list.length} chapter quizzes.`;
    const exerciseSummary = document.createElement("p");
    exerciseSummary.className = "progress-exercises";
    exerciseSummary.textContent = `You have solved ${solved} exercise${solved === 1 ? "" : "s"} in the page.`;
    root.append(summary, exerciseSummary);

    let table = null;
    let phase = null;
    for (const chapter of list) {
      if (chapter.phase !== phase) {
        phase = chapter.phase;
        const heading = document.createElement("h2");
        heading.textContent = phase;
        const full = document.createElement("table");
        full.className = "progress-table";
        const head = full.createTHead().insertRow();
        for (const label of ["Chapter", "Exercise", "Quiz", ""]) {
          head.append(Object.assign(document.createElement("th"), { textContent: label }));
        }
        table = full.createTBody();
        root.append(heading, full);
      }
      const row = table.insertRow();
      row.dataset.quiz = chapter.quiz;
      const link = document.createElement("a");
      link.href = chapter.href;
      link.textContent = chapter.title;
      row.insertCell().append(link);
      const exercise = worked[chapter.quiz];
      const exerciseCell = row.insertCell();
      exerciseCell.className = "progress-exercise";
      if (exercise) exerciseCell.textContent = exercise.solved ? "exercise solved" : "exercise started";
      const s = status(chapter.quiz);
      const cell = row.insertCell();
      cell.className = "progress-status";
      if (!s) {
        cell.textContent = "not started";
        row.insertCell();
        continue;
      }
      const pct = Math.round((100 * s.correct) / s.total);
      cell.textContent = `finished: ${s.correct}/${s.total} correct (${pct}%)`;
      const reset = document.createElement("button");
      reset.type = "button";
      reset.textContent = "Reset";
      reset.title = `Clear your answers to "${chapter.title}"`;
      reset.addEventListener("click", () => {
        localStorage.removeItem(storageKey(chapter.quiz));
        render();
      });
      row.insertCell().append(reset);
    }
  }

  render();
})();
