// Figures (listings' figure-*.svg, inlined by the chapters) in a light and a
// dark theme: each is drawn, its text has contrast against the page, its
// series colours stand out from the background, and a screenshot of each is
// kept in ci-artifacts/figures/ for a person to look at.
import { test, expect } from "@playwright/test";
import { pagesUnderTest } from "../lib/book.mjs";

const withFigures = pagesUnderTest().filter((p) => p.text.includes('<figure class="chart">'));

// WCAG 2 contrast: 4.5:1 for text, 3:1 for graphics such as lines and dots.
const TEXT_CONTRAST = 4.5;
const GRAPHIC_CONTRAST = 3;

for (const p of withFigures) {
  for (const theme of ["light", "navy"]) {
    test(`figures of ${p.md} in the ${theme} theme`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem("mdbook-theme", t), theme);
      await page.goto(p.html, { waitUntil: "load" });
      // A figure that answers a prediction sits inside its reveal: open them.
      const shows = page.getByRole("button", { name: /^Show (output|the answer)/ });
      while ((await shows.count()) > 0) await shows.first().click();
      const figures = page.locator("figure.chart svg.figure");
      const count = (p.text.match(/<figure class="chart">/g) ?? []).length;
      await expect(figures).toHaveCount(count);
      for (let i = 0; i < count; i++) {
        const figure = figures.nth(i);
        await figure.scrollIntoViewIfNeeded();
        await expect(figure).toBeVisible();
        const id = await figure.evaluate((svg) => svg.querySelector("title")?.id ?? "figure");
        await figure.screenshot({ path: `../ci-artifacts/figures/${id}-${theme}.png` });
        const found = await figure.evaluate((svg) => {
          const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => {
            const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const ratio = (a, b) => {
            const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((m, n) => n - m);
            return (x + 0.05) / (y + 0.05);
          };
          // The page's background: the first ancestor with an opaque one.
          let bg = "rgb(255, 255, 255)";
          for (let el = svg; el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (!c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") { bg = c; break; }
          }
          const texts = [...svg.querySelectorAll("text")].map((t) => ratio(getComputedStyle(t).fill, bg));
          const series = [...svg.querySelectorAll("[style*='--fig-']")].map((el) => {
            const s = getComputedStyle(el);
            const colour = el.getAttribute("style").includes("fill:var") ? s.fill : s.stroke;
            return ratio(colour, bg);
          });
          return { bg, texts: texts.length, minText: Math.min(...texts), series: series.length, minSeries: Math.min(...series) };
        });
        expect(found.texts, `${id}: no text`).toBeGreaterThan(0);
        expect(found.minText, `${id} text on ${found.bg}`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
        expect(found.series, `${id}: no series colours`).toBeGreaterThan(0);
        expect(found.minSeries, `${id} series on ${found.bg}`).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
      }
    });
  }
}
