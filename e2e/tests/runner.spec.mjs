// Run, edit and test in the page, against a real local runner: the book as
// `ci/serve` serves it (SERVED_PORT, built by `cargo xtask test --step
// browser` with the runner's address and secret in its pages).
//
// On every chapter in the page shape (its exercise is in the page), Run on
// each listing excerpt streams exactly the recorded output; an edited excerpt
// runs the edit; the exercise's stub fails its tests in the page and the
// reference solution passes them, and "Your progress" marks it solved.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import { pages, repoRoot, runAndWait, stdoutOf, watchOffMachine } from "../lib/book.mjs";

const served = process.env.SERVED_PORT ? `http://127.0.0.1:${process.env.SERVED_PORT}/` : null;
const inPageShape = pages().filter((p) => p.exercise);

// The chapters are independent, and the runner queues runs of one crate.
test.describe.configure({ mode: "parallel" });
test.skip(!served, "needs the served book: run `cargo xtask test --step browser`");

// What a listing prints, from its recorded output (the first line is the command).
const recorded = (dir, file) =>
  readFileSync(join(repoRoot, dir, file), "utf8").split("\n").slice(1).join("\n");

for (const p of inPageShape) {
  test(`${p.md}: Run on every listing excerpt prints the recorded output`, async ({ page }) => {
    test.setTimeout(300_000);
    const away = watchOffMachine(page);
    await page.route("**/mermaid/**", (route) => route.abort());
    await page.goto(served + p.html, { waitUntil: "load" });
    const listings = await page.locator("main div.listing[data-output]").all();
    expect(listings.length, `${p.md} has no runnable excerpt`).toBeGreaterThan(0);
    for (const listing of listings) {
      const d = await listing.evaluate((el) => ({ ...el.dataset }));
      const { panel } = await runAndWait(listing);
      await expect(panel, `${d.crate} ${d.file}:${d.anchor}`).toHaveAttribute("data-state", "ok");
      expect(await stdoutOf(panel), `Run on ${d.file}:${d.anchor} of ${d.crate}`).toBe(recorded(d.dir, d.output));
    }
    expect(away, "requests that left the machine").toEqual([]);
  });
}

test("an edited excerpt runs the edit; a compile error comes back as the compiler printed it", async ({ page }) => {
  test.setTimeout(300_000);
  // The circuit-breaker chapter asks the reader to double the cool-down.
  const p = inPageShape.find((p) => p.md.endsWith("circuit-breaker.md"));
  expect(p, "the circuit-breaker chapter is not in the page shape").toBeTruthy();
  await page.route("**/mermaid/**", (route) => route.abort());
  await page.goto(served + p.html, { waitUntil: "load" });
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

test("an exercise: the stub fails in the page, the solution passes, progress marks it solved", async ({ page }) => {
  test.setTimeout(300_000);
  const p = inPageShape[0];
  await page.route("**/mermaid/**", (route) => route.abort());
  await page.goto(served + p.html, { waitUntil: "load" });
  const exercise = page.locator("main div.exercise").first();
  const name = await exercise.getAttribute("data-exercise");
  const dir = await exercise.getAttribute("data-dir");
  const code = exercise.locator("pre > code");
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
