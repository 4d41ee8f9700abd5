// "Your progress" lists every chapter quiz, shows the score of a finished one,
// and resets one chapter without touching the others.
import { test, expect } from "@playwright/test";
import { only, pages, pagesUnderTest, takeQuizInPage, takeQuizMissingTheSecond } from "../lib/book.mjs";

const withQuiz = pages().filter((p) => p.quiz);

// A check of the progress page, not of one chapter: not under CHAPTER.
if (!only) {
  test("progress shows a finished quiz's score and resets one chapter", async ({ page }) => {
    const [first, second] = withQuiz;
    await page.goto("progress.html", { waitUntil: "load" });
    await expect(page.locator("table.progress-table tbody tr")).toHaveCount(withQuiz.length);
    await expect(page.locator("table.progress-table thead th").first()).toHaveText("Chapter");
    await expect(page.locator(".progress-summary")).toHaveText(`You have finished 0 of ${withQuiz.length} chapter quizzes.`);

    // The first quiz is clicked through as a reader does (the page-level
    // suite answers every other quiz from inside the page, faster).
    const finished = [];
    for (const [chapter, take] of [[first, takeQuizMissingTheSecond], [second, takeQuizInPage]]) {
      await page.goto(chapter.html, { waitUntil: "load" });
      finished.push(await take(page));
    }

    await page.goto("progress.html", { waitUntil: "load" });
    await expect(page.locator(".progress-summary")).toHaveText(`You have finished 2 of ${withQuiz.length} chapter quizzes.`);
    const row = (p) => page.locator(`tr[data-quiz="${p.quiz}"]`);
    const n = finished[0];
    await expect(row(first).locator(".progress-status")).toHaveText(
      `finished: ${n - 1}/${n} correct (${Math.round((100 * (n - 1)) / n)}%)`);
    await expect(row(withQuiz[2]).locator(".progress-status")).toHaveText("not started");

    await row(first).getByRole("button", { name: "Reset" }).click();
    await expect(row(first).locator(".progress-status")).toHaveText("not started");
    await expect(row(second).locator(".progress-status")).toContainText("finished:");

    // The chapter's quiz starts afresh after a reset.
    await page.goto(first.html, { waitUntil: "load" });
    await expect(page.locator(".mdbook-quiz button.start").last()).toBeVisible();
  });
}

test("every chapter under a phase has a quiz named after it", async () => {
  for (const p of pagesUnderTest().filter((p) => p.kind === "chapter" || p.kind === "recall")) {
    const stem = p.md.split("/").pop().replace(/\.md$/, "");
    expect(p.quiz, `${p.md} should embed quizzes/.../${stem}.toml`).toBe(stem);
  }
});
