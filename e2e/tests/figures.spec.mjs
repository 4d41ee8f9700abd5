// Figures (listings' figure-*.svg, inlined by the chapters) in a light and a
// dark theme: each is drawn, its text has contrast against the page, its
// series colours stand out from the background, and a screenshot of each is
// kept in ci-artifacts/figures/ for a person to look at. One test a page, on
// the worker's shared tab: the page is loaded once, and the themes are
// switched in place as mdBook's theme menu does.
import { test, expect } from "../lib/fixtures.mjs";
import { pagesUnderTest } from "../lib/book.mjs";

const withFigures = pagesUnderTest().filter((p) => p.text.includes('<figure class="chart">'));

// WCAG 2 contrast: 4.5:1 for text, 3:1 for graphics such as lines and dots.
const TEXT_CONTRAST = 4.5;
const GRAPHIC_CONTRAST = 3;

const THEMES = ["light", "navy"];

for (const p of withFigures) {
  test(`figures of ${p.md} in the ${THEMES.join(" and ")} themes`, async ({ tab: page }) => {
    await page.goto(p.html, { waitUntil: "load" });
    // A figure that answers a prediction sits inside its reveal: open them.
    await page.locator("main").evaluate((main) => {
      for (const b of main.querySelectorAll(".reveal-box button")) {
        if (/^Show (output|the answer)/.test(b.textContent.trim())) b.click();
      }
    });
    const figures = page.locator("figure.chart svg.figure");
    const count = (p.text.match(/<figure class="chart">/g) ?? []).length;
    await expect(figures).toHaveCount(count);
    for (const theme of THEMES) {
      // As mdBook's theme menu: every theme class off, this one on.
      await page.evaluate(([t, all]) => {
        const html = document.documentElement;
        html.classList.remove(...all);
        html.classList.add(t);
        localStorage.setItem("mdbook-theme", t);
      }, [theme, ["light", "rust", "coal", "navy", "ayu"]]);
      for (let i = 0; i < count; i++) {
        const figure = figures.nth(i);
        // Centred, so that mdBook's sticky menu bar does not cover its top.
        await figure.evaluate((svg) => svg.scrollIntoView({ block: "center" }));
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
    }
    // The tab is shared: the next page opens in the default theme again.
    await page.evaluate(() => localStorage.removeItem("mdbook-theme"));
  });
}
