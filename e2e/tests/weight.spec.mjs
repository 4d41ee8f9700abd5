// Page weight: the bytes a reader's browser fetches to show a page. mermaid's
// script (about 2.6 MB) must load only where a page has a diagram, and no page
// may pass its budget. The figures are printed on every run.
import { test, expect } from "@playwright/test";
import { pages } from "../lib/book.mjs";

// Bytes of response bodies, uncompressed (a server that compresses sends less).
const BUDGET_WITHOUT_DIAGRAMS = 800_000;
const BUDGET_ANY_PAGE = 6_000_000;

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
    rows.push({ page: p.md, diagrams: p.mermaid, bytes, mermaid });
    expect(mermaid, `${p.md} loads mermaid ${p.mermaid ? "" : "without a diagram"}`).toBe(p.mermaid > 0);
    expect(bytes, `${p.md} weighs ${bytes} bytes`).toBeLessThanOrEqual(p.mermaid ? BUDGET_ANY_PAGE : BUDGET_WITHOUT_DIAGRAMS);
  }
  const heaviest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const light = rows.filter((r) => r.diagrams === 0).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log("page weight (bytes fetched, uncompressed):");
  for (const r of rows) console.log(`  ${String(r.bytes).padStart(9)}  ${r.page}${r.mermaid ? "  (loads mermaid)" : ""}`);
  console.log(`heaviest chapter page: ${heaviest.page}, ${(heaviest.bytes / 1e6).toFixed(2)} MB (budget ${BUDGET_ANY_PAGE / 1e6} MB)`);
  console.log(`heaviest page without diagrams: ${light.page}, ${(light.bytes / 1e3).toFixed(0)} kB (budget ${BUDGET_WITHOUT_DIAGRAMS / 1e3} kB)`);
});
