// Run, edit and test in the page, against a real local runner: the book as
// `ci/serve` serves it (SERVED_PORT, built by `cargo xtask test --step
// browser` with the runner's address and secret in its pages).
//
// On a sample of the chapters in the page shape (see runSample), Run on
// each listing excerpt shows exactly the recorded output; an edited excerpt
// runs the edit (its output streamed from the runner); the exercise's stub
// fails its tests in the page and the reference solution passes them, and
// "Your progress" marks it solved.
//
// Excerpts of one listing often share one command. In the full run, Run is
// clicked once per distinct command of a page (its request, its answer and
// what the panel shows are checked) and every other excerpt is checked by its
// button and its data (the output it names is its crate's); the chapters
// share one tab per worker (lib/fixtures.mjs). Under CHAPTER (`cargo xtask
// test --chapter`), only that chapter's tests run, and Run is clicked on
// every excerpt (a request the page sent before is answered with the
// runner's first answer, so each distinct command runs once).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "../lib/fixtures.mjs";
import { only, openServed, pagesUnderTest, repoRoot, runAndWait, served, stdoutOf, watchOffMachine } from "../lib/book.mjs";

const inPageShape = pagesUnderTest().filter((p) => p.exercise);
// Run is clicked on every excerpt of a sample of the chapters: the first
// chapter in the page shape of each phase (under CHAPTER, that chapter). On
// every other chapter, pages.spec checks what Run would run (the output an
// excerpt names is its crate's, with the command the page shows), the
// outputs step checks that the command prints that output within Run's time
// limit, and the runner step checks the runner's side on its own listings.
const runSample = only ? inPageShape : inPageShape.filter((p, i, all) => all.findIndex((q) => q.phase === p.phase) === i);
const circuitBreaker = !only || only.endsWith("circuit-breaker.md");

// The chapters are independent, and the runner queues runs of one crate.
test.describe.configure({ mode: "parallel" });
test.skip(!served, "needs the served book: run `cargo xtask test --step browser`");

// What a listing prints, from its recorded output (the first line is the command).
const recorded = (dir, file) =>
  readFileSync(join(repoRoot, dir, file), "utf8").split("\n").slice(1).join("\n");

// The longest test first, so that it starts first.
if (inPageShape.length > 0) {
  test("an exercise: the stub fails in the page, the solution passes, progress marks it solved", async ({ page }) => {
    test.setTimeout(300_000);
    const p = inPageShape[0];
    await openServed(page, p.html);
    const exercise = page.locator("main div.exercise").first();
    const name = await exercise.getAttribute("data-exercise");
    const dir = await exercise.getAttribute("data-dir");
    // The stub's editor is the first block; the tests follow it, folded.
    const code = exercise.locator("pre > code").first();
    const run = exercise.getByRole("button", { name: "Run the tests" });
    const summary = exercise.locator(".test-summary");

    await run.click();
    await expect(summary).toBeVisible({ timeout: 180_000 });
    await expect(summary).not.toContainText("Solved");
    await expect(exercise.locator(".test-failed").first()).toBeVisible();

    // The solution is hidden until asked for, and asks for confirmation.
    const solution = page.locator("main div.solution").first();
    await expect(solution.locator("pre").first()).toBeHidden();
    page.once("dialog", (dialog) => dialog.accept());
    await solution.getByRole("button", { name: "Show the solution" }).click();
    await expect(solution.locator("pre").first()).toBeVisible();

    const reference = readFileSync(join(repoRoot, dir, "solution/lib.rs"), "utf8");
    await code.fill(reference);
    await run.click();
    await expect(summary).toContainText("Solved", { timeout: 180_000 });
    const failed = await exercise.locator(".test-failed").count();
    expect(failed).toBe(0);
    expect(await exercise.locator(".test-ok").count()).toBeGreaterThan(0);

    // The reader's code survives a reload.
    await page.reload({ waitUntil: "load" });
    await expect(page.locator("main div.exercise pre > code").first()).toHaveText(reference.replace(/\n$/, ""));

    await page.goto(served + "progress.html", { waitUntil: "load" });
    const stem = p.md.split("/").pop().replace(/\.md$/, "");
    await expect(page.locator(`tr[data-quiz="${stem}"] .progress-exercise`)).toHaveText("exercise solved");
    await expect(page.locator(".progress-exercises")).toHaveText("You have solved 1 exercise in the page.");
    expect(name).toBeTruthy();
  });
}

for (const p of runSample) {
  test(`${p.md}: Run on every listing excerpt prints the recorded output`, async ({ tab: page }) => {
    test.setTimeout(300_000);
    const away = watchOffMachine(page);
    // Answers of the runner by request body: the first request of each
    // kind goes to the runner, a repeat (under `--chapter`, where every
    // excerpt is clicked) is answered from here.
    const answers = new Map();
    let real = 0;
    await page.route(/\/run$/, async (route) => {
      const key = route.request().postData() ?? "";
      if (!answers.has(key)) {
        real += 1;
        const response = await route.fetch({ timeout: 120_000 });
        answers.set(key, { response, body: await response.body() });
      }
      await route.fulfill(answers.get(key));
    });
    try {
      await openServed(page, p.html);
      const listings = await page.locator("main div.listing[data-output]").all();
      expect(listings.length, `${p.md} has no runnable excerpt`).toBeGreaterThan(0);
      const data = await Promise.all(listings.map((l) => l.evaluate((el) => ({ ...el.dataset }))));
      const clicked = new Set();
      for (const [i, listing] of listings.entries()) {
        const d = data[i];
        const request = JSON.stringify({ crate: d.crate, output: d.output });
        // Every excerpt runs its crate's recorded command: the output exists
        // and its first line is the command for that crate.
        const first = readFileSync(join(repoRoot, d.dir, d.output), "utf8").split("\n")[0];
        expect(first, `${p.md}: ${d.file}:${d.anchor} runs ${d.output}, which is not an output of ${d.crate}`)
          .toMatch(new RegExp(`^\\$ cargo run .*-p ${d.crate}( |$)`));
        // The whole round trip for the first excerpt of each request; a
        // repeat of a request (most excerpts of one listing run the same
        // command) goes through the very same code with the same data, so in
        // the full run its Run button is checked and its run left out.
        // `--chapter` clicks them all.
        if (clicked.has(request) && !only) {
          await expect(listing.locator(".course-run"), `${p.md}: ${d.file}:${d.anchor} has no Run button`).toHaveCount(1);
          continue;
        }
        clicked.add(request);
        const sent = page.waitForRequest(/\/run$/);
        const { panel } = await runAndWait(listing);
        // An unedited Run asks for exactly this excerpt's crate and output.
        expect((await sent).postDataJSON(), `the request of ${d.file}:${d.anchor}`).toEqual({ crate: d.crate, output: d.output });
        await expect(panel, `${d.crate} ${d.file}:${d.anchor}`).toHaveAttribute("data-state", "ok");
        expect(await stdoutOf(panel), `Run on ${d.file}:${d.anchor} of ${d.crate}`).toBe(recorded(d.dir, d.output));
      }
      console.log(`    ${p.md}: ${listings.length} excerpts, ${clicked.size} distinct runs, ${real} sent to the runner`);
      expect(away, "requests that left the machine").toEqual([]);
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });
}

if (circuitBreaker) {
  test("an edited excerpt runs the edit; a compile error comes back as the compiler printed it", async ({ page }) => {
    test.setTimeout(300_000);
    // The circuit-breaker chapter asks the reader to double the cool-down.
    const p = inPageShape.find((p) => p.md.endsWith("circuit-breaker.md"));
    expect(p, "the circuit-breaker chapter is not in the page shape").toBeTruthy();
    await openServed(page, p.html);
    const listing = page.locator('main div.listing[data-editable=true][data-anchor="breaker_config"]');
    const code = listing.locator("pre > code");
    const d = await listing.evaluate((el) => ({ ...el.dataset }));
    const original = await code.textContent();
    expect(original).toContain("Duration::from_millis(1000)");

    // The one-line edit the chapter asks for: the run is a different run.
    await code.fill(original.replace("Duration::from_millis(1000)", "Duration::from_millis(2000)"));
    await expect(listing.getByRole("button", { name: "Undo my edits" })).toBeVisible();
    const { panel } = await runAndWait(listing);
    await expect(panel).toHaveAttribute("data-state", "ok");
    await expect(panel.locator(".run-title")).toContainText("Your edited version");
    const before = recorded(d.dir, d.output);
    const after = await stdoutOf(panel);
    expect(after).not.toBe(before);
    // Still ten calls into the outage, but no recovery before the last charge.
    expect(after).toContain("calls that reached payments while it was down: naive 30, breaker 10");
    expect(after).not.toContain("HalfOpen -> Closed");
    expect(before).toContain("HalfOpen -> Closed");

    // Code that does not compile: the compiler's message names the problem.
    await code.fill(original.replace(/\n$/, "") + "\nlet broken: u32 = \"not a number\";\n");
    const second = await runAndWait(listing);
    await expect(second.panel).toHaveAttribute("data-state", "build-failed");
    await expect(second.panel.locator(".run-output")).toContainText("error");

    // Undo restores the listing's own code.
    await listing.getByRole("button", { name: "Undo my edits" }).click();
    await expect(code).toHaveText(original);
  });
}

if (circuitBreaker) {
  test("the runner's key comes only from the link; Run waits for a guess; typing stays in the editor", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const path = "05-resilience/circuit-breaker.html";
    // No page of the served book carries the key: a local user who fetches
    // one from mdbook serve learns nothing.
    const html = readFileSync(join(process.env.SERVED_DIR, path), "utf8");
    expect(html).toContain('id="course-runner"');
    expect(html).not.toContain(process.env.SERVED_KEY);
    for (const dir of readdirSync(process.env.SERVED_DIR)) {
      if (dir.endsWith(".html")) expect(readFileSync(join(process.env.SERVED_DIR, dir), "utf8")).not.toContain(process.env.SERVED_KEY);
    }

    // Opened without the key, Run says where to get it and calls nothing.
    const stranger = await browser.newPage();
    await openServed(stranger, path, { key: "" });
    const requests = [];
    stranger.on("request", (r) => requests.push(r.url()));
    const first = stranger.locator("main div.listing[data-output]").first();
    await first.locator(".course-run").click();
    if ((await first.locator(".run-panel").getAttribute("data-state")) === "ask") {
      await first.getByRole("button", { name: "Run anyway" }).click();
    }
    await expect(first.locator(".run-status")).toContainText("open the book from the link");
    expect(requests.filter((u) => !u.startsWith(served))).toEqual([]);
    await stranger.close();

    // Opened from the link, the key is kept and taken off the address bar.
    await openServed(page, path);
    expect(page.url()).not.toContain("runner-key");

    // The naive excerpt's run answers the prediction below it: Run asks for
    // the guess first, and running with a guess shows the hidden output too.
    const naive = page.locator('main div.listing[data-anchor="naive"]');
    const box = page.locator("main .reveal-box").first();
    await naive.locator(".course-run").click();
    await expect(naive.locator(".run-panel")).toHaveAttribute("data-state", "ask");
    await expect(naive.locator(".run-title")).toContainText("prediction below");
    await expect(page.locator("main div.reveal").first().locator("pre").first()).toBeHidden();
    await box.locator("textarea").fill("30 calls, 14100 ms");
    await naive.locator(".course-run").click();
    await expect(naive.locator(".run-panel")).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
    await expect(page.locator("main div.reveal").first().locator("pre").first()).toBeVisible();
    await expect(box.locator("textarea")).toHaveValue("30 calls, 14100 ms");

    // Keys typed in the editor stay there: mdBook's s, / and arrow shortcuts
    // do not fire, and Enter keeps the line's indentation.
    const editable = page.locator('main div.listing[data-editable=true][data-anchor="breaker_config"]');
    const code = editable.locator("pre > code");
    await code.click();
    await page.keyboard.press("End");
    await page.keyboard.type("s/");
    await page.keyboard.press("Enter");
    await page.keyboard.type("x");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    expect(page.url()).toContain(path);
    await expect(page.locator("#mdbook-searchbar")).not.toBeFocused();
    expect(await code.textContent()).toMatch(/s\/\n +x/);
    // Undo restores the code and takes the old run away.
    await editable.getByRole("button", { name: "Undo my edits" }).click();
    await expect(editable.locator(".run-panel")).toBeHidden();

    // The exercise shows the tests the reader's code must pass.
    await expect(page.locator("main div.exercise details.exercise-tests summary")).toContainText("tests/");
  });
}
