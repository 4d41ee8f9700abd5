// The book's search finds every chapter by a word that only that chapter
// uses. (The search stems words, so other pages may match a word's relatives;
// the chapter must be among the results.) One page does every search, so the
// search index loads once.
import { test, expect } from "@playwright/test";
import { pages, proseWords } from "../lib/book.mjs";

test("search finds every chapter by a word only it uses", async ({ page }) => {
  const all = pages();
  await page.goto("index.html", { waitUntil: "load" });
  await page.keyboard.press("s");
  const bar = page.locator("#mdbook-searchbar");
  for (const p of all) {
    const others = new Set(all.filter((o) => o !== p).flatMap((o) => [...proseWords(o.text)]));
    const unique = [...proseWords(p.text)].filter((w) => !others.has(w)).sort();
    if (unique.length === 0) continue;
    const word = unique[0];
    await bar.fill("");
    // mdBook searches on key events, so type the word rather than paste it.
    await bar.pressSequentially(word);
    const hit = page.locator(`#mdbook-searchresults li a[href^="${p.html}"]`);
    await expect.soft(hit.first(), `searching "${word}" should find ${p.html}`).toBeVisible();
  }
});
