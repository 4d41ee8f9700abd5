// One browser tab per worker, shared by the page-level tests: a test opens
// its page in the tab the previous test used, instead of a new context and
// a new tab each time, and the scripts every page loads (mdBook's, the
// quiz's, mermaid's) come from the tab's cache, compiled already. What a
// page weighs is read from the page's Resource Timing entries, which give
// every body's size whether it came from the network or the cache. A
// failing test leaves a screenshot of the tab in ci-artifacts/browser/, as
// Playwright does for its own `page`.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  tab: [async ({ browser }, use) => {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.PORT ?? 3917}/` });
    const page = await context.newPage();
    await use(page);
    await context.close();
  }, { scope: "worker" }],
});

/// Call at the top of a spec that uses `tab`: a failing test's tab is
/// kept as a screenshot.
export function screenshotOnFailure() {
  test.afterEach(async ({ tab }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      await tab.screenshot({ path: testInfo.outputPath("test-failed.png") }).catch(() => {});
    }
  });
}

export { expect };
