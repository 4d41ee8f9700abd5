// "Your progress": reads the answers mdbook-quiz keeps in localStorage
// (key `mdbook-quiz:<quiz name>`, written when `cache_answers` is on) and
// shows, per phase and chapter, whether the quiz was finished and the score.
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
      const link = item.querySelector(":scope > span > a, :scope > a");
      if (!phase || !link) continue;
      const href = link.getAttribute("href");
      const quiz = href.split("/").pop().replace(/\.html.*$/, "");
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

  function render() {
    const list = chapters();
    root.replaceChildren();
    const finished = list.filter((c) => status(c.quiz));
    const summary = document.createElement("p");
    summary.className = "progress-summary";
    summary.textContent = `You have finished ${finished.length} of ${list.length} chapter quizzes.`;
    root.append(summary);

    let table = null;
    let phase = null;
    for (const chapter of list) {
      if (chapter.phase !== phase) {
        phase = chapter.phase;
        const heading = document.createElement("h2");
        heading.textContent = phase;
        table = document.createElement("table");
        table.className = "progress-table";
        root.append(heading, table);
      }
      const row = table.insertRow();
      row.dataset.quiz = chapter.quiz;
      const link = document.createElement("a");
      link.href = chapter.href;
      link.textContent = chapter.title;
      row.insertCell().append(link);
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
