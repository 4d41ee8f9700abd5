// The book's search finds, for every chapter, a word that only that chapter
// uses. (The search stems words, so other pages may match a word's relatives;
// the chapter must be among the results.)
import { test, expect } from "@playwright/test";
import { pages, proseWords } from "../lib/book.mjs";

const all = pages();
for (const p of all) {
  test(`search finds ${p.md} by a word only it uses`, async ({ page }) => {
    const others = new Set(all.filter((o) => o !== p).flatMap((o) => [...proseWords(o.text)]));
    const unique = [...proseWords(p.text)].filter((w) => !others.has(w)).sort();
    test.skip(unique.length === 0, `${p.md} has no word of its own`);
    const word = unique[0];
    await page.goto("index.html", { waitUntil: "networkidle" });
    await page.keyboard.press("s");
    // mdBook searches on key events, so type the word rather than paste it.
    await page.locator("#mdbook-searchbar").pressSequentially(word);
    const hit = page.locator(`#mdbook-searchresults li a[href^="${p.html}"]`);
    await expect(hit.first(), `searching "${word}" should find ${p.html}`).toBeVisible();
  });
}
