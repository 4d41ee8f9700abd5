// Predict, run and edit in the page.
//
// The course preprocessor (xtask/src/preprocess.rs) wraps every Rust excerpt
// from a listing in <div class="listing" data-crate data-file data-anchor
// data-command ...>, expands an exercise into <div class="exercise">, and,
// under `ci/serve`, adds <div id="course-runner" data-url> with the local
// runner's address. The runner's key is not in the page (any local user can
// fetch a page from mdbook serve): `ci/serve` prints a link that carries it
// after `#runner-key=`, and this script keeps it in the browser's storage.
// This script adds the controls:
// - a hidden output (```console,reveal) gets "What do you expect?" and
//   "Show output"; answering an inline quiz just before it also reveals it;
// - a listing excerpt gets Run (local runner; on a site without it, the
//   public playground for one-file std-only programs), Edit where the chapter
//   marks it editable, and its `cargo` command with a copy button;
// - an exercise gets its stub in an editor, saved in this browser, and "Run
//   the tests"; a solution stays hidden until the reader asks, twice.
// Without JavaScript nothing is hidden and the commands are in the text.
(() => {
  const config = document.getElementById("course-runner");
  const runner = config ? { url: config.dataset.url, key: runnerKey(config.dataset.url) } : null;
  const PLAYGROUND = "https://play.rust-lang.org/execute";

  // The key from the link `ci/serve` printed, kept for this runner only and
  // taken out of the address bar so that it is not bookmarked or shared.
  function runnerKey(url) {
    const STORE = "sdr-runner";
    const fromLink = new URLSearchParams(location.hash.slice(1)).get("runner-key");
    try {
      if (fromLink) {
        localStorage.setItem(STORE, JSON.stringify({ url, key: fromLink }));
        history.replaceState(null, "", location.pathname + location.search);
      }
      const saved = JSON.parse(localStorage.getItem(STORE));
      return saved && saved.url === url ? saved.key : null;
    } catch {
      return fromLink;
    }
  }
  const NO_KEY =
    "This page does not have the runner's key yet: open the book from the link that `ci/serve` printed in your terminal (it ends in #runner-key=...), then Run again.";

  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const button = (text, onClick, className = "course-button") => {
    const b = el("button", { type: "button", className, textContent: text });
    b.addEventListener("click", onClick);
    return b;
  };

  // ---- Predict, then reveal ------------------------------------------------
  // A ```console,reveal block hides itself; <div class="reveal"> hides an
  // output together with the prose that discusses it.
  const hiders = [
    ...document.querySelectorAll("div.reveal"),
    ...Array.from(document.querySelectorAll("pre > code.reveal"))
      .map((code) => code.parentElement)
      .filter((pre) => !pre.closest("div.reveal")),
  ];
  for (const pre of hiders) {
    const guess = el("textarea", {
      className: "reveal-guess",
      rows: 2,
      placeholder: "Your prediction (only you see it)",
      spellcheck: false,
    });
    // A reveal that holds only prose hides an answer, not an output.
    const show = button(pre.querySelector("code") || pre.matches("pre") ? "Show output" : "Show the answer", () => reveal());
    const box = el(
      "div",
      { className: "reveal-box" },
      el("p", {}, el("strong", { textContent: "What do you expect?" }), " Write it down, then look."),
      guess,
      show,
    );
    if (pre.matches("div.reveal")) pre.prepend(box);
    else pre.before(box);
    // After an excerpt to change, the guess belongs before the code: running
    // the edit is what answers it.
    const before = pre.previousElementSibling;
    if (pre.matches("div.reveal") && before && before.matches("div.listing[data-editable=true]")) {
      before.before(box);
    }
    const reveal = () => {
      pre.classList.add("revealed");
      box.classList.add("revealed");
      show.remove();
      guess.readOnly = true;
      if (!guess.value.trim()) guess.remove();
    };
    box.reveal = reveal;
    // An inline quiz placed just before the output reveals it once answered.
    const quiz = box.previousElementSibling;
    if (quiz && quiz.classList.contains("quiz-placeholder")) {
      new MutationObserver((_, observer) => {
        if (/You answered/.test(quiz.textContent)) {
          observer.disconnect();
          reveal();
        }
      }).observe(quiz, { childList: true, subtree: true, characterData: true });
    }
  }

  // ---- Shared pieces ------------------------------------------------------
  function commandLine(command) {
    const text = el("code", { textContent: `$ ${command}` });
    const copy = button("Copy", async () => {
      try {
        await navigator.clipboard.writeText(command);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Select and copy";
      }
      setTimeout(() => (copy.textContent = "Copy"), 1500);
    }, "course-button course-copy");
    return el("span", { className: "course-command" }, text, copy);
  }

  function makeEditable(code, onInput) {
    code.contentEditable = "plaintext-only";
    code.spellcheck = false;
    code.classList.add("course-editing");
    code.addEventListener("input", onInput);
    code.addEventListener("keydown", (e) => {
      // mdBook's shortcuts (s and / search, arrows change chapter) skip
      // inputs and textareas but not this editor: keep the keys here.
      e.stopPropagation();
      if (e.key === "Tab" && !e.shiftKey) {
        e.preventDefault();
        document.execCommand("insertText", false, "    ");
      } else if (e.key === "Enter" && !e.shiftKey) {
        // A new line starts with the indentation of the one before.
        e.preventDefault();
        const line = textBeforeCaret(code).split("\n").pop();
        document.execCommand("insertText", false, "\n" + line.match(/^[ \t]*/)[0]);
      } else if (e.key === "Escape") {
        code.blur();
      }
    });
    // Colours come back when the reader leaves the editor.
    code.addEventListener("blur", () => rehighlight(code));
  }

  function textBeforeCaret(code) {
    const selection = window.getSelection();
    if (!selection.rangeCount) return "";
    const range = selection.getRangeAt(0).cloneRange();
    range.selectNodeContents(code);
    range.setEnd(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset);
    return range.toString();
  }

  function rehighlight(code) {
    const text = code.textContent;
    code.textContent = text;
    if (window.hljs) {
      code.classList.remove("hljs");
      delete code.dataset.highlighted;
      try {
        (hljs.highlightElement || hljs.highlightBlock).call(hljs, code);
      } catch {
        code.textContent = text;
      }
    }
  }

  const codeText = (code) => code.textContent.replace(/\n$/, "");

  // Streams the runner's answer (one JSON object a line) into `onEvent`.
  async function callRunner(path, body, onEvent) {
    if (!runner.key) {
      onEvent({ event: "error", text: NO_KEY });
      return;
    }
    let response;
    try {
      response = await fetch(runner.url + path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-runner-secret": runner.key },
        body: JSON.stringify(body),
      });
    } catch {
      onEvent({ event: "error", text: "The local runner did not answer. Is `ci/serve` (cargo xtask serve) still running? Start it again and open the link it prints." });
      return;
    }
    if (!response.ok) {
      const reason = (await response.text()).trim();
      onEvent({ event: "error", text: response.status === 403 && /secret|key/i.test(reason) ? NO_KEY : `The runner refused: ${response.status} ${reason}` });
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let pending = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) if (line.trim()) onEvent(JSON.parse(line));
    }
    if (pending.trim()) onEvent(JSON.parse(pending));
  }

  function outputPanel(after) {
    const panel = el("div", { className: "run-panel", hidden: true });
    const title = el("p", { className: "run-title" });
    const out = el("pre", { className: "run-output" });
    const status = el("p", { className: "run-status" });
    panel.append(title, out, status);
    after.after(panel);
    const stream = (kind, text) => {
      const span = el("span", { className: `run-${kind}`, textContent: text });
      out.append(span);
    };
    return {
      panel,
      start(text) {
        panel.hidden = false;
        title.textContent = text;
        out.replaceChildren();
        status.textContent = "Running...";
        panel.dataset.state = "running";
      },
      stream,
      finish(state, text) {
        panel.dataset.state = state;
        status.textContent = text;
      },
      // A question instead of a run: `text`, and one button that goes on.
      ask(text, label, onClick) {
        panel.hidden = false;
        panel.dataset.state = "ask";
        title.textContent = text;
        out.replaceChildren();
        status.replaceChildren(button(label, onClick, "course-button run-anyway"));
      },
      hide() {
        panel.hidden = true;
      },
      stdout: () => Array.from(out.querySelectorAll(".run-stdout")).map((s) => s.textContent).join(""),
    };
  }

  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  function describeDone(done) {
    const timing = `built in ${seconds(done.build_ms ?? 0)}, ran in ${seconds(done.run_ms ?? 0)}`;
    switch (done.status) {
      case "ok": return `Finished (${timing}).`;
      case "build-failed": return `It did not compile: the compiler's message is above (its line numbers count from the top of ${done.file ?? "the file"}, not of the excerpt).`;
      case "timeout": return `Stopped: it ran past its time limit (${timing}).`;
      case "truncated": return "Stopped: it printed more than the runner keeps (256 KiB).";
      default: return `Exited with code ${done.code} (${timing}).`;
    }
  }

  // The whole file with the excerpt between its anchors replaced by `excerpt`.
  function splice(source, anchor, excerpt) {
    const lines = source.split("\n");
    const start = lines.findIndex((l) => new RegExp(`ANCHOR:\\s*${anchor}\\b`).test(l));
    const end = lines.findIndex((l) => new RegExp(`ANCHOR_END:\\s*${anchor}\\b`).test(l));
    if (start < 0 || end < start) return null;
    // The page shows the excerpt without its shared indentation: put it back.
    const indents = lines.slice(start + 1, end).filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
    const pad = " ".repeat(indents.length ? Math.min(...indents) : 0);
    const body = excerpt.split("\n").map((l) => (l.trim() ? pad + l : l)).join("\n");
    return [...lines.slice(0, start + 1), body, ...lines.slice(end)].join("\n");
  }

  // The open prediction that a run of `listing` would answer: the box just
  // before it (an excerpt to change), or the next box in its section.
  function pendingPrediction(listing) {
    const before = listing.previousElementSibling;
    if (before && before.matches(".reveal-box:not(.revealed)")) return before;
    for (const node of document.querySelectorAll("main .reveal-box:not(.revealed), main h1, main h2")) {
      if (listing.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return node.matches(".reveal-box") ? node : null;
      }
    }
    return null;
  }

  // ---- Listing excerpts ---------------------------------------------------
  for (const listing of document.querySelectorAll("div.listing")) {
    const code = listing.querySelector("pre > code");
    if (!code) continue;
    const d = listing.dataset;
    const original = codeText(code);
    const onPlayground = !runner && d.source !== undefined && d.output;
    const canRun = (runner && d.output) || onPlayground;
    const editable = d.editable === "true" && canRun;
    const bar = el("div", { className: "listing-bar" });
    listing.querySelector("pre").after(bar);
    const panel = outputPanel(bar);
    const edited = () => codeText(code) !== original;

    if (canRun) {
      const run = button("▶ Run", () => start(false), "course-button course-run");
      // The program prints the whole run: if a prediction on this part of
      // the page is still open, Run asks for the guess first.
      const start = async (anyway) => {
        const box = pendingPrediction(listing);
        const guess = box && box.querySelector("textarea");
        if (box && !anyway && !(guess && guess.value.trim())) {
          const where = box.compareDocumentPosition(listing) & Node.DOCUMENT_POSITION_FOLLOWING ? "above" : "below";
          panel.ask(`This run prints the answer to the prediction ${where}: write your guess in its box first.`, "Run anyway", () => start(true));
          return;
        }
        if (box) box.reveal();
        run.disabled = true;
        const changed = edited();
        panel.start(`${changed ? "Your edited version" : "Output"} of \`${d.command}\`${onPlayground ? " (on the Rust playground)" : ""}`);
        if (onPlayground) await runOnPlayground(changed);
        else await runLocally(changed);
        run.disabled = false;
      };
      bar.append(run);
    }
    if (editable) {
      const reset = button("Undo my edits", () => {
        code.textContent = original;
        rehighlight(code);
        reset.hidden = true;
        panel.hide();
      });
      reset.hidden = true;
      makeEditable(code, () => (reset.hidden = !edited()));
      bar.append(reset);
      listing.classList.add("listing-editable");
    }
    bar.append(commandLine(d.command));
    if (!canRun) {
      bar.append(el("span", {
        className: "listing-why",
        textContent: !d.output
          ? "Run the command from the repository root: the page runs programs, not tests."
          : "Run it from the repository root; read the book with ci/serve to run it here.",
      }));
    }

    async function runLocally(changed) {
      const body = { crate: d.crate, output: d.output };
      if (changed) body.edit = { file: d.file, anchor: d.anchor, code: codeText(code) };
      await callRunner("/run", body, (e) => {
        if (e.event === "queued") panel.stream("build", "(waiting for another run of this crate)\n");
        else if (e.event === "build") panel.stream("build", e.text);
        else if (e.event === "stdout" || e.event === "stderr") panel.stream(e.event, e.text);
        else if (e.event === "done") panel.finish(e.status, describeDone({ ...e, file: `${d.dir}/${d.file}` }));
        else if (e.event === "error") panel.finish("error", e.text);
      });
    }

    async function runOnPlayground(changed) {
      let source = d.source;
      if (changed) {
        source = d.anchor ? splice(source, d.anchor, codeText(code)) : codeText(code);
        if (source === null) return panel.finish("error", `Could not find the anchor ${d.anchor} in the file.`);
      }
      try {
        const response = await fetch(PLAYGROUND, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            channel: "stable", mode: "debug", edition: "2024", crateType: "bin",
            tests: false, backtrace: false, code: source,
          }),
        });
        const result = await response.json();
        if (result.stderr) panel.stream("build", result.stderr);
        panel.stream("stdout", result.stdout ?? "");
        panel.finish(result.success ? "ok" : "failed", result.success ? "Finished on the Rust playground." : "It failed on the Rust playground.");
      } catch {
        panel.finish("error", "The Rust playground did not answer. Run the command above from the repository instead.");
      }
    }
  }

  // ---- Exercises ----------------------------------------------------------
  const exerciseKey = (name) => `sdr-exercise:${name}`;
  const chapterStem = location.pathname.split("/").pop().replace(/\.html$/, "");
  function loadExercise(name) {
    try {
      return JSON.parse(localStorage.getItem(exerciseKey(name))) ?? null;
    } catch {
      return null;
    }
  }
  function saveExercise(name, changes) {
    const saved = { ...(loadExercise(name) ?? {}), chapter: chapterStem, ...changes };
    try {
      localStorage.setItem(exerciseKey(name), JSON.stringify(saved));
    } catch {
      /* storage full or disabled: the editor still works for this visit */
    }
  }

  for (const exercise of document.querySelectorAll("div.exercise")) {
    const code = exercise.querySelector("pre > code");
    if (!code) continue;
    const name = exercise.dataset.exercise;
    const stub = codeText(code);
    const saved = loadExercise(name);
    if (saved && typeof saved.code === "string" && saved.code !== stub) {
      code.textContent = saved.code;
      rehighlight(code);
    }
    const bar = el("div", { className: "listing-bar" });
    exercise.querySelector("pre").after(bar);
    const results = el("div", { className: "test-results", hidden: true });
    bar.after(results);
    const panel = outputPanel(results);
    makeEditable(code, () => saveExercise(name, { code: codeText(code) }));

    if (runner) {
      const run = button("▶ Run the tests", async () => {
        run.disabled = true;
        saveExercise(name, { code: codeText(code) });
        await runTests();
        run.disabled = false;
      }, "course-button course-run");
      bar.append(run);
    }
    bar.append(button("Start again from the stub", () => {
      if (!confirm("Replace your code with the original stub?")) return;
      code.textContent = stub;
      rehighlight(code);
      saveExercise(name, { code: stub });
    }));
    bar.append(commandLine(exercise.dataset.command));
    if (!runner) {
      bar.append(el("span", {
        className: "listing-why",
        textContent: "Edit the stub in your editor and run the command; read the book with ci/serve to run the tests here.",
      }));
    }

    async function runTests() {
      results.replaceChildren();
      results.hidden = false;
      panel.start(`Build and test output of \`${exercise.dataset.command}\` on your code`);
      await callRunner("/test", { exercise: name, code: codeText(code) }, (e) => {
        if (e.event === "test") {
          const item = el("li", { className: e.ok ? "test-ok" : "test-failed" },
            el("span", { className: "test-verdict", textContent: e.ok ? "passed" : "failed" }), " ",
            el("code", { textContent: e.name }));
          if (!e.ok && e.message) item.append(el("pre", { className: "test-message", textContent: e.message }));
          (results.querySelector("ul") ?? results.appendChild(el("ul"))).append(item);
        } else if (e.event === "build" || e.event === "stdout" || e.event === "stderr") {
          panel.stream(e.event === "stdout" ? "stdout" : "build", e.text);
        } else if (e.event === "done") {
          const total = (e.passed ?? 0) + (e.failed ?? 0);
          const solved = e.status === "ok" && total > 0 && e.failed === 0;
          if (solved) saveExercise(name, { solved: true });
          const summary = solved
            ? `All ${total} tests pass. Solved!`
            : e.status === "build-failed"
              ? "Your code does not compile yet: the compiler's message is below."
              : total > 0 ? `${e.passed} of ${total} tests pass.` : describeDone(e);
          results.prepend(el("p", { className: "test-summary", textContent: summary }));
          panel.finish(solved ? "ok" : e.status, describeDone(e));
        } else if (e.event === "error") {
          panel.finish("error", e.text);
        }
      });
    }
  }

  // ---- Solutions ----------------------------------------------------------
  for (const solution of document.querySelectorAll("div.solution")) {
    const exercise = document.querySelector("div.exercise");
    const solved = () => exercise && loadExercise(exercise.dataset.exercise)?.solved;
    const show = button("Show the solution", () => {
      if (!solved() && !confirm("Show the reference solution? You learn more from a failing test than from reading the answer.")) return;
      solution.classList.add("revealed");
      show.remove();
    });
    solution.prepend(el("div", { className: "solution-bar" }, show));
  }
})();
