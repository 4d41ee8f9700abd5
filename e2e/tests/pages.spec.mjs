// Every page of the book, in a real browser: it loads without a JavaScript
// error, every diagram is drawn, every link inside the book resolves, and its
// quiz starts, scores right and wrong answers, and shows the explanations.
import { test, expect } from "@playwright/test";
import { pages, watchErrors, plainText, quizQuestions, takeQuizMissingTheSecond } from "../lib/book.mjs";

for (const p of pages()) {
  test.describe(p.md, () => {
    test("loads with no error, draws every diagram, links resolve", async ({ page }) => {
      const errors = watchErrors(page);
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
    });

    if (p.quiz) {
      test("quiz starts, scores answers, explains them", async ({ page }) => {
        const errors = watchErrors(page);
        await page.goto(p.html, { waitUntil: "networkidle" });
        const questions = await quizQuestions(page);
        const n = await takeQuizMissingTheSecond(page);
        const quiz = page.locator(".mdbook-quiz").first();
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
