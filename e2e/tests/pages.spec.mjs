// Every page of the book, in a real browser: it loads without a JavaScript
// error, every diagram is drawn, every link inside the book resolves, it stays
// within its weight budget (mermaid only where there is a diagram), and its
// quiz starts, scores right and wrong answers, and shows the explanations.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import {
  pages, repoRoot, watchErrors, weighPage, budgetFor, plainText, quizQuestions, takeQuizMissingTheSecond,
} from "../lib/book.mjs";

// Each page's weight lands here; `cargo xtask test --step browser` prints the summary.
const weights = join(repoRoot, "ci-artifacts", "page-weights");

for (const p of pages()) {
  test.describe(p.md, () => {
    test("loads with no error, draws every diagram, links resolve", async ({ page }) => {
      const errors = watchErrors(page);
      const weighed = weighPage(page);
      await page.goto(p.html, { waitUntil: "networkidle" });
      await expect(page.locator("main h1").first()).toBeVisible();

      const diagrams = page.locator("main pre.mermaid");
      await expect(diagrams).toHaveCount(p.mermaid);
      for (let i = 0; i < p.mermaid; i++) {
        await expect(diagrams.nth(i).locator("svg"), `diagram ${i + 1} of ${p.md} was not drawn`).toHaveCount(1);
        await expect(diagrams.nth(i).locator('svg[aria-roledescription="error"]'), `diagram ${i + 1} of ${p.md} has a syntax error`).toHaveCount(0);
      }

      const hrefs = await page.locator("main a[href]").evaluateAll((as) =>
        as.map((a) => a.getAttribute("href")).filter((h) => !/^([a-z]+:|#)/.test(h)));
      for (const href of new Set(hrefs)) {
        const url = new URL(href, page.url()).toString().split("#")[0];
        const response = await page.request.get(url);
        expect(response.status(), `${p.md} links to ${href}`).toBe(200);
      }
      expect(errors, `errors on ${p.md}`).toEqual([]);

      const { bytes, mermaid } = await weighed();
      mkdirSync(weights, { recursive: true });
      writeFileSync(join(weights, p.md.replace(/\//g, "__") + ".json"),
        JSON.stringify({ page: p.md, bytes, mermaid, diagrams: p.mermaid, quiz: Boolean(p.quiz), budget: budgetFor(p) }));
      expect(mermaid, `${p.md} loads mermaid: ${mermaid}, has diagrams: ${p.mermaid}`).toBe(p.mermaid > 0);
      expect(bytes, `${p.md} fetches ${bytes} bytes`).toBeLessThanOrEqual(budgetFor(p));
    });

    test("hides predicted outputs; every Rust excerpt runs or shows its command", async ({ page }) => {
      await page.route("**/mermaid/**", (route) => route.abort());
      await page.goto(p.html, { waitUntil: "load" });
      // On load, no output the reader should predict is visible.
      const hidden = page.locator("main pre:has(> code.reveal):not(div.reveal pre), main div.reveal > :not(.reveal-box)");
      for (const node of await hidden.all()) await expect(node).toBeHidden();
      const boxes = page.locator("main .reveal-box");
      const n = await boxes.count();
      expect(n, `${p.md}: one "What do you expect?" box per hidden output`).toBe(
        await page.locator("main div.reveal, main pre:has(> code.reveal):not(div.reveal pre)").count());
      // Showing one output shows it and nothing else.
      if (n > 0) {
        await boxes.first().getByRole("button", { name: /^Show (output|the answer)$/ }).click();
        await expect(page.locator("main pre.revealed, main div.reveal.revealed")).toHaveCount(1);
        await expect(page.locator("main .reveal-box.revealed")).toHaveCount(1);
      }
      // Every Rust excerpt comes from a listing, an exercise or a solution, or says it is not code to run.
      const loose = await page.locator("main pre > code.language-rust").evaluateAll((codes) =>
        codes.filter((c) => !c.closest("div.listing, div.exercise, div.solution") && !c.classList.contains("ignore"))
          .map((c) => c.textContent.slice(0, 60)));
      expect(loose, `${p.md}: Rust code not from a listing`).toEqual([]);
      // Each excerpt has a Run button or its command with the reason it cannot run here.
      for (const listing of await page.locator("main div.listing, main div.exercise").all()) {
        const bar = listing.locator(".listing-bar");
        await expect(bar.locator(".course-command")).toHaveCount(1);
        const runs = await bar.locator(".course-run").count();
        const why = await bar.locator(".listing-why").count();
        expect(runs + why, `${p.md}: an excerpt with neither Run nor a reason`).toBe(1);
      }
    });

    if (p.quiz) {
      test("quiz starts, scores answers, explains them", async ({ page }) => {
        // The test above checks the diagrams; skipping mermaid here saves
        // the CPU of parsing 2.6 MB of script again. Uncaught errors still fail.
        await page.route("**/mermaid/**", (route) => route.abort());
        const errors = [];
        page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
        await page.goto(p.html, { waitUntil: "load" });
        const questions = await quizQuestions(page);
        const n = await takeQuizMissingTheSecond(page);
        const quiz = page.locator(".mdbook-quiz").last();
        await expect(quiz).toContainText(`You answered ${n - 1}/${n} questions correctly`);
        const rows = quiz.locator(".answer-row");
        await expect(rows.nth(0).locator(".correct").first()).toBeVisible();
        await expect(rows.nth(1).locator(".incorrect").first()).toBeVisible();

        await quiz.getByRole("button", { name: "see the correct answers" }).first().click();
        const context = plainText(questions[1].context ?? "").slice(0, 40);
        expect(context.length, `question 2 of ${p.quiz} has no context`).toBeGreaterThan(0);
        await expect.poll(async () => plainText(await quiz.innerText())).toContain(context);
        expect(errors, `errors on ${p.md}`).toEqual([]);
      });
    }
  });
}
