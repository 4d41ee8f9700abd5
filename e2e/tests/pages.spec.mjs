// Every page of the book, in a real browser: it loads without a JavaScript
// error, every diagram is drawn, every link inside the book resolves, it stays
// within its weight budget (mermaid only where there is a diagram), no output
// the reader should predict shows on load, every Rust excerpt runs or says
// why not, a chapter has its "In the interview" callout and a hidden
// walkthrough after every exercise, and its quiz starts, scores right and
// wrong answers, and shows the explanations. One more test checks that each
// phase ends with its cheat sheet.
//
// One test a page, and one load of it: the checks are steps of that test,
// on the tab its worker shares (lib/fixtures.mjs), and each step looks at the
// page in as few round trips as it can (a load costs far more than a check,
// and a round trip more than what it checks). This keeps the cost of a page
// low as the book grows: `cargo xtask test --step scale` runs this file over
// a generated book of 100 chapters. The weight is every body the page
// loaded (Resource Timing), on load and for the checks (showing an output,
// taking the quiz).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect, screenshotOnFailure } from "../lib/fixtures.mjs";
import {
  pages, pagesUnderTest, only, repoRoot, budgetFor, plainText, quizQuestions, takeQuizInPage,
} from "../lib/book.mjs";

// Each page's weight lands here; `cargo xtask test --step browser` prints the summary.
const weights = process.env.WEIGHTS_DIR ?? join(repoRoot, "ci-artifacts", "page-weights");

screenshotOnFailure();
// The pages are independent: spread them over the workers.
test.describe.configure({ mode: "parallel" });

// Links already fetched by this worker: most pages link to the same few.
const linkStatus = new Map();

/// Adds listeners to `page` and returns what they saw, and a function that removes them.
function watch(page) {
  // Requests this page started and that have not ended. A set, not a
  // count: the tab is shared, so a request the previous page started may
  // end after these listeners are on, and must not count at all.
  const open = new Set();
  const seen = { errors: [], get inFlight() { return open.size; } };
  const on = {
    request: (r) => { open.add(r); },
    requestfinished: (r) => { open.delete(r); },
    pageerror: (e) => seen.errors.push(`uncaught: ${e.message}`),
    console: (m) => {
      if (m.type() === "error") seen.errors.push(`console: ${m.text()}`);
    },
    response: (r) => {
      if (r.status() >= 400) seen.errors.push(`HTTP ${r.status()}: ${r.url()}`);
    },
    requestfailed: (r) => {
      open.delete(r);
      seen.errors.push(`failed: ${r.url()}`);
    },
  };
  for (const [event, f] of Object.entries(on)) page.on(event, f);
  return { seen, stop: () => { for (const [event, f] of Object.entries(on)) page.off(event, f); } };
}

for (const p of pagesUnderTest()) {
  test(p.md, async ({ tab: page }) => {
    const { seen, stop } = watch(page);
    try {
      // The page's scripts have run at DOMContentLoaded; the checks wait
      // for what comes later (the drawings, the quiz), and the weight for
      // the network to go quiet.
      await page.goto(p.html, { waitUntil: "domcontentloaded" });
      await expect(page.locator("main h1").first()).toBeVisible();

      await test.step("no output to predict shows on load; Show output shows one", async () => {
        // One look at the whole page (a check a node would cost a round trip each).
        const look = () => page.locator("main").evaluate((main) => {
          const shown = (n) => {
            const box = n.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(n).visibility !== "hidden";
          };
          const hidden = main.querySelectorAll("pre:has(> code.reveal):not(div.reveal pre), div.reveal > :not(.reveal-box)");
          return {
            visible: [...hidden].filter(shown).map((n) => n.textContent.trim().slice(0, 60)),
            boxes: main.querySelectorAll(".reveal-box").length,
            outputs: main.querySelectorAll("div.reveal, pre:has(> code.reveal):not(div.reveal pre)").length,
          };
        });
        await expect.poll(async () => (await look()).visible, `${p.md}: outputs to predict, shown on load`).toEqual([]);
        const { boxes: n, outputs } = await look();
        expect(n, `${p.md}: one "What do you expect?" box per hidden output`).toBe(outputs);
        if (n > 0) {
          // The first box's visible "Show output" button, pressed from inside
          // the page (runner.spec.mjs clicks Run and its prompts as a reader does).
          const pressed = await page.locator("main .reveal-box").first().evaluate((box) => {
            const button = [...box.querySelectorAll("button")]
              .find((b) => /^Show (output|the answer)$/.test(b.textContent.trim()) && b.getBoundingClientRect().height > 0);
            button?.click();
            return Boolean(button);
          });
          expect(pressed, `${p.md}: the first "What do you expect?" box has no visible Show button`).toBe(true);
          await expect.poll(() => page.locator("main").evaluate((main) => [
            main.querySelectorAll("pre.revealed, div.reveal.revealed").length,
            main.querySelectorAll(".reveal-box.revealed").length,
          ]), `${p.md}: Show output shows one output`).toEqual([1, 1]);
        }
      });

      await test.step("every Rust excerpt runs or shows its command", async () => {
        // Every Rust excerpt comes from a listing, an exercise or a solution, or says it is not code to run.
        const loose = await page.locator("main pre > code.language-rust").evaluateAll((codes) =>
          codes.filter((c) => !c.closest("div.listing, div.exercise, div.solution") && !c.classList.contains("ignore"))
            .map((c) => c.textContent.slice(0, 60)));
        expect(loose, `${p.md}: Rust code not from a listing`).toEqual([]);
        // Each excerpt has a Run button or its command with the reason it cannot run here.
        const bars = await page.locator("main div.listing, main div.exercise").evaluateAll((listings) =>
          listings.map((l) => {
            const bar = l.querySelector(".listing-bar");
            return bar && {
              commands: bar.querySelectorAll(".course-command").length,
              runs: bar.querySelectorAll(".course-run").length,
              why: bar.querySelectorAll(".listing-why").length,
            };
          }));
        for (const bar of bars) {
          expect(bar, `${p.md}: an excerpt without its bar`).toBeTruthy();
          expect(bar.commands, `${p.md}: an excerpt without its command`).toBe(1);
          expect(bar.runs + bar.why, `${p.md}: an excerpt with neither Run nor a reason`).toBe(1);
        }
        // What Run would run: the recorded output an excerpt names exists,
        // belongs to its crate, and its first line is the command the page
        // shows. (The outputs step proves that command prints that output,
        // and runner.spec clicks Run on a sample of chapters.)
        const runs = await page.locator("main div.listing[data-output]").evaluateAll((ls) => ls.map((l) => ({ ...l.dataset })));
        for (const d of runs) {
          const file = join(repoRoot, d.dir, d.output);
          const where = `${p.md}: ${d.file}:${d.anchor} names ${d.dir}/${d.output}`;
          expect(existsSync(file), `${where}, which does not exist`).toBe(true);
          const first = readFileSync(file, "utf8").split("\n")[0];
          expect(first, `${where}, which is not an output of ${d.crate}`).toMatch(new RegExp(`^\\$ cargo run .*-p ${d.crate}( |$)`));
          expect(first, `${where}, whose command is not the one the page shows`).toBe(`$ ${d.command}`);
        }
      });

      await test.step("links inside the book resolve", async () => {
        const hrefs = await page.locator("main a[href]").evaluateAll((as) =>
          as.map((a) => a.getAttribute("href")).filter((h) => !/^([a-z]+:|#)/.test(h)));
        const urls = [...new Set(hrefs.map((href) => new URL(href, page.url()).toString().split("#")[0]))];
        await Promise.all(urls.filter((u) => !linkStatus.has(u)).map(async (u) => {
          linkStatus.set(u, (await page.request.get(u)).status());
        }));
        for (const href of new Set(hrefs)) {
          const url = new URL(href, page.url()).toString().split("#")[0];
          expect(linkStatus.get(url), `${p.md} links to ${href}`).toBe(200);
        }
      });

      if (p.kind === "chapter") {
        await test.step("an \"In the interview\" callout, and every exercise with a hidden walkthrough", async () => {
          const shape = await page.locator("main").evaluate((main) => {
            const shown = (n) => n.getBoundingClientRect().height > 0;
            return {
              interview: main.querySelectorAll("blockquote.callout-interview").length,
              exercises: [...main.querySelectorAll("div.exercise")].map((e) => {
                // The solution is the next div.solution after the exercise.
                const all = [...main.querySelectorAll("div.solution")];
                const solution = all.find((s) => e.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
                return {
                  name: e.dataset.exercise,
                  solution: Boolean(solution),
                  walkthrough: Boolean(solution && /\bWalkthrough\./.test(solution.textContent)),
                  hidden: Boolean(solution) && ![...solution.querySelectorAll("pre, p")].some(shown),
                };
              }),
            };
          });
          expect(shape.interview, `${p.md}: an "In the interview" callout (CONTRIBUTING.md, "In the interview")`).toBeGreaterThanOrEqual(1);
          for (const e of shape.exercises) {
            expect(e, `${p.md}: exercise ${e.name} needs a <div class="solution"> after it, hidden on load, with a **Walkthrough.**`)
              .toEqual({ name: e.name, solution: true, walkthrough: true, hidden: true });
          }
        });
      }

      if (p.quiz) {
        await test.step("the quiz starts, scores answers, explains them", async () => {
          const questions = await quizQuestions(page);
          const n = await takeQuizInPage(page);
          const quiz = page.locator(".mdbook-quiz").last();
          // The score and the first two verdicts, in one look.
          await expect.poll(() => quiz.evaluate((q) => {
            const rows = q.querySelectorAll(".answer-row");
            const shown = (n) => Boolean(n && n.getBoundingClientRect().height > 0);
            return {
              score: /You answered \d+\/\d+ questions correctly/.exec(q.textContent)?.[0] ?? null,
              first: shown(rows[0]?.querySelector(".correct")),
              second: shown(rows[1]?.querySelector(".incorrect")),
            };
          }), `${p.md}: the quiz's score and verdicts`).toEqual({
            score: `You answered ${n - 1}/${n} questions correctly`, first: true, second: true,
          });

          const context = plainText(questions[1].context ?? "").slice(0, 40);
          expect(context.length, `question 2 of ${p.quiz} has no context`).toBeGreaterThan(0);
          const pressed = await quiz.evaluate((q) => {
            const button = [...q.querySelectorAll("button")].find((b) => /see the correct answers/i.test(b.textContent));
            button?.click();
            return Boolean(button);
          });
          expect(pressed, `${p.md}: the quiz has no "see the correct answers" button`).toBe(true);
          await expect.poll(async () => plainText(await quiz.innerText())).toContain(context);
        });
      }

      // Last of the checks that wait: mermaid draws while the others run.
      await test.step("every diagram is drawn", async () => {
        const diagrams = page.locator("main pre.mermaid");
        await expect(diagrams).toHaveCount(p.mermaid);
        for (let i = 0; i < p.mermaid; i++) {
          await expect(diagrams.nth(i).locator("svg"), `diagram ${i + 1} of ${p.md} was not drawn`).toHaveCount(1);
          await expect(diagrams.nth(i).locator('svg[aria-roledescription="error"]'), `diagram ${i + 1} of ${p.md} has a syntax error`).toHaveCount(0);
        }
      });

      await test.step("no error, and the page stays within its weight budget", async () => {
        // Everything the page fetched has arrived: no request of this page is
        // in flight once its fonts are ready (waiting for the network to be
        // quiet for 500 ms, Playwright's "networkidle", cost more than every
        // check of a page together).
        await page.waitForLoadState("load");
        await expect.poll(() => seen.inFlight, `${p.md}: requests still in flight`).toBe(0);
        await page.evaluate(() => document.fonts.ready);
        await expect.poll(() => seen.inFlight, `${p.md}: requests still in flight`).toBe(0);
        expect(seen.errors, `errors on ${p.md}`).toEqual([]);
        // Every body the page loaded, uncompressed, from the network or the
        // cache: on load and for the checks above (showing an output, taking
        // the quiz), so the figure does not depend on what the tab loaded before.
        // A font counts when the page needs its face: a tab that has the
        // file cached lists it in the timing even for a page that never uses
        // it, so the timing alone would depend on the pages opened before.
        const fetched = await page.evaluate(() => {
          const face = (family, weight, style) => {
            const w = { normal: "400", bold: "700" }[weight] ?? weight;
            return `${family.replace(/["']/g, "").trim()}|${w || "400"}|${style || "normal"}`;
          };
          const needed = new Set([...document.fonts].filter((f) => f.status === "loaded")
            .map((f) => face(f.family, f.weight, f.style)));
          const used = new Set();
          for (const sheet of document.styleSheets) {
            let rules = [];
            try { rules = [...sheet.cssRules]; } catch { continue; }
            for (const rule of rules.filter((r) => r instanceof CSSFontFaceRule)) {
              const s = rule.style;
              if (!needed.has(face(s.getPropertyValue("font-family"), s.getPropertyValue("font-weight"), s.getPropertyValue("font-style")))) continue;
              for (const m of s.getPropertyValue("src").matchAll(/url\(["']?([^"')]+)/g)) used.add(new URL(m[1], sheet.href ?? location.href).href);
            }
          }
          return performance.getEntriesByType("navigation")
            .concat(performance.getEntriesByType("resource"))
            .filter((e) => !/\.(woff2?|ttf|otf)$/.test(new URL(e.name).pathname) || used.has(e.name))
            .map((e) => ({ url: e.name, bytes: e.decodedBodySize }));
        });
        const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
        const mermaid = fetched.some((f) => /mermaid/.test(f.url));
        mkdirSync(weights, { recursive: true });
        writeFileSync(join(weights, p.md.replace(/\//g, "__") + ".json"),
          JSON.stringify({ page: p.md, bytes, mermaid, diagrams: p.mermaid, quiz: Boolean(p.quiz), budget: budgetFor(p), fetched }));
        expect(mermaid, `${p.md} loads mermaid: ${mermaid}, has diagrams: ${p.mermaid}`).toBe(p.mermaid > 0);
        expect(bytes, `${p.md} fetches ${bytes} bytes`).toBeLessThanOrEqual(budgetFor(p));
      });
    } finally {
      stop();
    }
  });
}

// Each phase that has chapters ends with its cheat sheet: after its recall
// page when it has one, else after its last chapter.
test("every phase with chapters has its cheat sheet, last in the phase", () => {
  test.skip(Boolean(only), "a check of the whole book");
  test.skip(Boolean(process.env.BOOK_SRC), "a generated book (--step scale) puts its copies last in each phase");
  const phases = new Map();
  for (const p of pages().filter((p) => p.phase)) {
    if (!phases.has(p.phase)) phases.set(p.phase, []);
    phases.get(p.phase).push(p);
  }
  for (const [phase, list] of phases) {
    if (!list.some((p) => p.kind === "chapter")) continue;
    const last = list[list.length - 1];
    expect(`${phase}: ${last.kind} ${last.md}`, `${phase} ends with src/<phase>/cheat-sheet-<name>.md`)
      .toMatch(/: cheat-sheet /);
  }
});
