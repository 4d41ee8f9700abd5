// What the tests know about the book, read from its sources so that a new
// chapter is tested the day it lands, with no list to keep up to date.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// BOOK_SRC points the suite at another copy of the sources (a draft book).
const src = process.env.BOOK_SRC ?? join(repoRoot, "src");

/// Every page in SUMMARY.md: { md, kind, html, title, phase, mermaid, quiz, exercise }.
/// `phase` is the part title above the page (null before the first part and
/// after the `---` that ends the parts); `kind` is "chapter", "recall",
/// "cheat-sheet" (by the file's name) or "other" (outside the phases);
/// `mermaid` counts the diagrams in its source; `quiz` is the quiz's name.
export function pages() {
  const summary = readFileSync(join(src, "SUMMARY.md"), "utf8");
  const found = [];
  let phase = null;
  for (const line of summary.split("\n")) {
    const part = line.match(/^#\s+(.+)$/);
    if (part && part[1] !== "Summary") {
      phase = part[1].trim();
      continue;
    }
    // A separator ends the parts: the pages after it (the glossary) belong to none.
    if (/^-{3,}\s*$/.test(line)) {
      phase = null;
      continue;
    }
    const link = line.match(/\[([^\]]+)\]\(([^)]+\.md)\)/);
    if (!link) continue;
    const md = link[2];
    const text = readFileSync(join(src, md), "utf8");
    // The chapter's own quiz is the one named after its file; inline
    // prediction quizzes have other names.
    const stem = md.split("/").pop().replace(/\.md$/, "");
    const quizzes = [...text.matchAll(/\{\{#quiz\s+([^}\s]+)\s*\}\}/g)]
      .map((m) => m[1].split("/").pop().replace(/\.toml$/, ""));
    const quiz = quizzes.includes(stem) ? [null, stem] : quizzes.length ? [null, quizzes[quizzes.length - 1]] : null;
    const kind = !phase ? "other"
      : /^recall-/.test(stem) ? "recall"
      : /^cheat-sheet-/.test(stem) ? "cheat-sheet"
      : "chapter";
    found.push({
      md,
      kind,
      html: md.replace(/\.md$/, ".html"),
      title: link[1],
      phase,
      text,
      mermaid: (text.match(/^```mermaid\s*$/gm) ?? []).length,
      quiz: quiz ? quiz[1] : null,
      // A chapter in the page shape of "predict, run, change": its exercise
      // is in the page.
      exercise: (text.match(/\{\{#exercise\s+([^}\s]+)\s*\}\}/) ?? [])[1] ?? null,
    });
  }
  return found;
}

// CHAPTER names one page (`04-data/bloom-filters.md`): the suite then tests
// that page alone (`cargo xtask test --chapter <slug>` sets it).
export const only = process.env.CHAPTER || null;

/// The pages under test: every page, or the one CHAPTER names.
export function pagesUnderTest() {
  const all = pages();
  if (!only) return all;
  const found = all.filter((p) => p.md === only);
  if (found.length === 0) throw new Error(`CHAPTER=${only} is not a page of SUMMARY.md`);
  return found;
}

/// Prose words of a page: no code, no includes, no HTML.
export function proseWords(text) {
  const prose = text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\{\{#[^}]*\}\}/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/\([^)]*\)/g, " ");
  return new Set((prose.toLowerCase().match(/\b[a-z]{9,}\b/g) ?? []));
}

// Page weight budgets, in bytes of response bodies, uncompressed (a server
// that compresses sends less). mdbook-quiz's script (about 1.4 MB) loads on
// pages with a quiz, mermaid's (about 2.6 MB) only on pages with a diagram.
export const BUDGET_PLAIN = 800_000;
export const BUDGET_WITH_QUIZ = 2_500_000;
export const BUDGET_ANY_PAGE = 6_000_000;
export const budgetFor = (p) => (p.mermaid ? BUDGET_ANY_PAGE : p.quiz ? BUDGET_WITH_QUIZ : BUDGET_PLAIN);

/// The questions of the quiz on the page, as the page itself carries them.
export async function quizQuestions(page) {
  // The chapter's quiz closes the page; inline prediction quizzes come before it.
  const raw = await page.locator(".quiz-placeholder").last().getAttribute("data-quiz-questions");
  return JSON.parse(raw).questions;
}

/// Markdown as a reader sees it: no backticks, stars or fences, one space.
export function plainText(markdown) {
  return markdown
    .replace(/```[a-z,]*\n?/g, "")
    .replace(/[`*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

async function chooseOption(quiz, text) {
  const options = quiz.locator("form.response input[type=radio], form.response input[type=checkbox]");
  // Every option's label in one round trip.
  const labels = await options.evaluateAll((inputs) => inputs.map((input) => {
    const scope = input.closest(".mdbook-quiz") ?? document;
    return scope.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.innerText ?? "";
  }));
  const seen = labels.map(plainText);
  const i = seen.indexOf(plainText(text));
  if (i < 0) throw new Error(`no option reads ${JSON.stringify(plainText(text))}; options: ${JSON.stringify(seen)}`);
  await options.nth(i).check();
}

/// Answers the question now on screen, rightly or wrongly, and submits.
export async function answer(quiz, question, rightly) {
  const a = question.answer;
  switch (question.type) {
    case "Tracing": {
      const compiles = rightly ? a.doesCompile : true;
      await quiz.locator(`input[name=doesCompile][value=${compiles}]`).check();
      if (compiles) {
        const stdout = rightly ? a.stdout : `${a.stdout ?? ""} (a wrong guess)`;
        await quiz.locator("textarea[name=stdout]").fill(stdout);
      } else {
        const line = quiz.locator("input[name=lineNumber]");
        if (await line.count()) await line.fill(String(a.lineNumber));
      }
      break;
    }
    case "MultipleChoice": {
      const answers = Array.isArray(a.answer) ? a.answer : [a.answer];
      const picks = rightly ? answers : [question.prompt.distractors[0]];
      for (const pick of picks) await chooseOption(quiz, pick);
      break;
    }
    case "ShortAnswer":
      await quiz.locator("form.response input[type=text], form.response textarea").first()
        .fill(rightly ? a.answer : "a wrong guess");
      break;
    default:
      throw new Error(`unknown question type ${question.type}`);
  }
  await quiz.locator("form.response input[type=submit]").click();
}

/// Takes the quiz on the page: every question right except the second.
/// Returns the number of questions.
export async function takeQuizMissingTheSecond(page) {
  const questions = await quizQuestions(page);
  const quiz = page.locator(".mdbook-quiz").last();
  await quiz.locator("button.start").click();
  for (const [i, question] of questions.entries()) {
    await expect(quiz.locator(".counter")).toHaveText(`Question ${i + 1} / ${questions.length}`);
    await answer(quiz, question, i !== 1);
  }
  return questions.length;
}

/// Takes the quiz as `takeQuizMissingTheSecond` does (every question right
/// but the second), driving the quiz from inside the page: one round trip
/// for the whole quiz instead of several a question. The page-level suite
/// uses it on every page; progress.spec.mjs clicks through quizzes as a
/// reader does. Returns the number of questions.
export async function takeQuizInPage(page) {
  const questions = await quizQuestions(page);
  await page.evaluate(async (questions) => {
    const plain = (md) => md.replace(/```[a-z,]*\n?/g, "").replace(/[`*]/g, "").replace(/\s+/g, " ").trim();
    const quiz = [...document.querySelectorAll(".mdbook-quiz")].pop();
    const until = async (what, found) => {
      const end = performance.now() + 10_000;
      for (;;) {
        const value = found();
        if (value) return value;
        if (performance.now() > end) throw new Error(`the quiz never showed ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    // As typing does: React sees the new value through an input event.
    const type = (input, value) => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value").set.call(input, value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    };
    (await until("its start button", () => quiz.querySelector("button.start"))).click();
    for (const [i, question] of questions.entries()) {
      const counter = `Question ${i + 1} / ${questions.length}`;
      await until(counter, () => quiz.querySelector(".counter")?.textContent.replace(/\s+/g, " ").trim() === counter);
      const form = await until("an answer form", () => quiz.querySelector("form.response"));
      const rightly = i !== 1;
      const a = question.answer;
      switch (question.type) {
        case "Tracing": {
          const compiles = rightly ? a.doesCompile : true;
          form.querySelector(`input[name=doesCompile][value=${compiles}]`).click();
          if (compiles) {
            const box = await until("the stdout box", () => form.querySelector("textarea[name=stdout]"));
            type(box, rightly ? a.stdout : `${a.stdout ?? ""} (a wrong guess)`);
          } else {
            await new Promise((r) => setTimeout(r, 50));
            const line = form.querySelector("input[name=lineNumber]");
            if (line) type(line, String(a.lineNumber));
          }
          break;
        }
        case "MultipleChoice": {
          const answers = Array.isArray(a.answer) ? a.answer : [a.answer];
          const picks = rightly ? answers : [question.prompt.distractors[0]];
          const options = [...form.querySelectorAll("input[type=radio], input[type=checkbox]")];
          const labels = options.map((o) => plain(quiz.querySelector(`label[for="${CSS.escape(o.id)}"]`)?.innerText ?? ""));
          for (const pick of picks) {
            const at = labels.indexOf(plain(pick));
            if (at < 0) throw new Error(`question ${i + 1}: no option reads ${JSON.stringify(plain(pick))}; options: ${JSON.stringify(labels)}`);
            if (!options[at].checked) options[at].click();
          }
          break;
        }
        case "ShortAnswer":
          type(form.querySelector("input[type=text], textarea"), rightly ? a.answer : "a wrong guess");
          break;
        default:
          throw new Error(`unknown question type ${question.type}`);
      }
      form.querySelector("input[type=submit]").click();
    }
    await until("its score", () => /You answered/.test(quiz.textContent));
  }, questions);
  return questions.length;
}

// ---- Run in the page (the served book) ----

// The book as `ci/serve` serves it, and the runner's key that `ci/serve`
// prints in its link (`cargo xtask test --step browser` sets both).
export const served = process.env.SERVED_PORT ? `http://127.0.0.1:${process.env.SERVED_PORT}/` : null;

/// Opens a page of the served book the way a reader does the first time:
/// from the link with the key, which the page keeps and takes off the URL.
export async function openServed(page, path, { key = process.env.SERVED_KEY } = {}) {
  await page.route("**/mermaid/**", (route) => route.abort());
  await page.goto(served + path + (key ? `#runner-key=${key}` : ""), { waitUntil: "load" });
}

// Requests that leave 127.0.0.1 (the public playground, above all) fail the test.
export function watchOffMachine(page) {
  const away = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "127.0.0.1" && host !== "localhost") away.push(r.url());
  });
  return away;
}

/// Clicks Run and waits for the end. Where an open prediction would be
/// answered by the run, the page asks first; the suite runs anyway.
export async function runAndWait(listing) {
  const panel = listing.locator(".run-panel");
  const started = Date.now();
  await listing.locator(".course-run").click();
  if ((await panel.getAttribute("data-state")) === "ask") {
    await panel.getByRole("button", { name: "Run anyway" }).click();
  }
  await expect(panel).not.toHaveAttribute("data-state", /^(running|ask)$/, { timeout: 120_000 });
  return { panel, ms: Date.now() - started };
}

export const stdoutOf = (panel) =>
  panel.locator(".run-stdout").evaluateAll((spans) => spans.map((s) => s.textContent).join(""));
