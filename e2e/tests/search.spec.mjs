// The book's search finds every chapter by a word that only that chapter
// uses. (The search stems words, so other pages may match a word's relatives;
// the chapter must be among the results.) One page does every search, so the
// search index loads once. Under CHAPTER, only that chapter is searched for.
import { test, expect } from "@playwright/test";
import { pages, pagesUnderTest, proseWords } from "../lib/book.mjs";

test("search finds every chapter by a word only it uses", async ({ page }) => {
  const all = pages();
  await page.goto("index.html", { waitUntil: "load" });
  await page.keyboard.press("s");
  const bar = page.locator("#mdbook-searchbar");
  for (const p of pagesUnderTest()) {
    const others = new Set(all.filter((o) => o !== p).flatMap((o) => [...proseWords(o.text)]));
    const unique = [...proseWords(p.text)].filter((w) => !others.has(w)).sort();
    if (unique.length === 0) continue;
    const word = unique[0];
    // mdBook searches on key events: fill all but the last letter, then type
    // that one (typing every letter costs a search per letter).
    await bar.fill(word.slice(0, -1));
    await bar.press(word.slice(-1));
    const hit = page.locator(`#mdbook-searchresults li a[href^="${p.html}"]`);
    await expect.soft(hit.first(), `searching "${word}" should find ${p.html}`).toBeVisible();
  }
});
