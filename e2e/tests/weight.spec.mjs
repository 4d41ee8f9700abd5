// Page weight: the bytes a reader's browser fetches to show a page. mermaid's
// script (about 2.6 MB) must load only where a page has a diagram, and no page
// may pass its budget. The figures are printed on every run.
import { test, expect } from "@playwright/test";
import { pages } from "../lib/book.mjs";

// Bytes of response bodies, uncompressed (a server that compresses sends less).
// mdbook-quiz's script (about 1.4 MB) loads on pages with a quiz, mermaid's
// (about 2.6 MB) on pages with a diagram.
const BUDGET_PLAIN = 800_000;
const BUDGET_WITH_QUIZ = 2_500_000;
const BUDGET_ANY_PAGE = 6_000_000;
const budget = (p) => (p.mermaid ? BUDGET_ANY_PAGE : p.quiz ? BUDGET_WITH_QUIZ : BUDGET_PLAIN);

async function weigh(browser, html) {
  // A fresh page each time, so nothing comes from another page's cache.
  const page = await browser.newPage();
  const pending = [];
  page.on("response", (r) => {
    pending.push(r.body().then((b) => ({ url: r.url(), bytes: b.length }), () => ({ url: r.url(), bytes: 0 })));
  });
  await page.goto(html, { waitUntil: "networkidle" });
  const fetched = await Promise.all(pending);
  await page.close();
  return fetched;
}

test("page weights stay within budget", async ({ browser }) => {
  const rows = [];
  for (const p of pages()) {
    const fetched = await weigh(browser, p.html);
    const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
    const mermaid = fetched.some((f) => /mermaid/.test(f.url));
    rows.push({ page: p.md, diagrams: p.mermaid, quiz: Boolean(p.quiz), bytes, mermaid });
    expect(mermaid, `${p.md} loads mermaid ${p.mermaid ? "" : "without a diagram"}`).toBe(p.mermaid > 0);
    expect(bytes, `${p.md} weighs ${bytes} bytes`).toBeLessThanOrEqual(budget(p));
  }
  const heaviest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const heaviestOf = (list) => list.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const plain = heaviestOf(rows.filter((r) => r.diagrams === 0 && !r.quiz));
  const quizOnly = rows.filter((r) => r.diagrams === 0 && r.quiz);
  console.log("page weight (bytes fetched, uncompressed):");
  for (const r of rows) console.log(`  ${String(r.bytes).padStart(9)}  ${r.page}${r.mermaid ? "  (loads mermaid)" : ""}`);
  console.log(`heaviest chapter page: ${heaviest.page}, ${(heaviest.bytes / 1e6).toFixed(2)} MB (budget ${BUDGET_ANY_PAGE / 1e6} MB)`);
  console.log(`heaviest page without diagrams or quiz: ${plain.page}, ${(plain.bytes / 1e3).toFixed(0)} kB (budget ${BUDGET_PLAIN / 1e3} kB)`);
  if (quizOnly.length) {
    const q = heaviestOf(quizOnly);
    console.log(`heaviest page with a quiz and no diagram: ${q.page}, ${(q.bytes / 1e6).toFixed(2)} MB (budget ${BUDGET_WITH_QUIZ / 1e6} MB)`);
  }
});
