// How fast Run answers in the page, timed from the click to the finished
// output with nothing else running (the "speed" project runs after every
// other test; see playwright.config.mjs). `cargo xtask test --step browser`
// reads the figures from ci-artifacts/runner-speed.json and checks them
// against their budgets (xtask/src/browser.rs).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import { openServed, repoRoot, runAndWait, served } from "../lib/book.mjs";

test.skip(!served, "needs the served book: run `cargo xtask test --step browser`");

test("Run on a built listing, and after a one-line edit", async ({ page }) => {
  test.setTimeout(120_000);
  await openServed(page, "05-resilience/circuit-breaker.html");
  const listing = page.locator('main div.listing[data-editable=true][data-anchor="breaker_config"]');

  // Unedited: the crate was built by the unit step; the median of five runs.
  const built = [];
  for (let i = 0; i < 5; i++) {
    const { panel, ms } = await runAndWait(listing);
    await expect(panel).toHaveAttribute("data-state", "ok");
    built.push(ms);
  }
  built.sort((a, b) => a - b);

  // One line changed: the scratch copy of the crate recompiles, nothing else.
  const code = listing.locator("pre > code");
  const original = await code.textContent();
  await code.fill(original.replace("failure_threshold: 5", "failure_threshold: 4"));
  const { panel, ms: edited } = await runAndWait(listing);
  await expect(panel).toHaveAttribute("data-state", "ok");

  const dir = join(repoRoot, "ci-artifacts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "runner-speed.json"), JSON.stringify({
    run_built_ms: built[2], runs: built.length, slowest_ms: built[4], run_edited_ms: edited,
  }));
});
