// Browser tests of the built book (book/html), in Debian's Chromium.
// `cargo xtask test --step browser` sets PORT, BOOK_DIR and CHROMIUM.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.PORT ?? 3917);
// CHAPTER (set by `cargo xtask test --chapter`) tests one page: the checks
// of the whole site (the playground stand-in, the Run speed budget) stay out.
const chapterOnly = /(playground|speed)\.spec/;

export default defineConfig({
  testDir: "./tests",
  // Screenshots of failing pages land here, where a person can look at them.
  outputDir: "../ci-artifacts/browser",
  // The JSON report gives `cargo xtask test` each test's time (the cost of a page).
  reporter: [["list"], ["json", { outputFile: process.env.REPORT_FILE ?? "../ci-artifacts/browser-report.json" }]],
  // Two workers on two cores: with three, the page-level tests of a
  // 100-chapter book took 100 s instead of 79 s (the browser is busy, not
  // waiting). WORKERS overrides it.
  workers: Number(process.env.WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Timing Run in the page needs a quiet machine: the speed test runs after
  // every other test is done.
  projects: [
    { name: "book", testIgnore: process.env.CHAPTER ? chapterOnly : /speed\.spec/ },
    ...(process.env.CHAPTER ? [] : [{ name: "speed", testMatch: /speed\.spec/, dependencies: ["book"] }]),
  ],
  // The static book, and (when `cargo xtask test --step browser` built it)
  // the book whose pages talk to a local runner, as `ci/serve` serves it.
  webServer: [
    {
      command: "node serve.mjs",
      url: `http://127.0.0.1:${port}/index.html`,
      env: { PORT: String(port), BOOK_DIR: process.env.BOOK_DIR ?? "../book/html" },
      reuseExistingServer: false,
    },
    ...(process.env.SERVED_DIR
      ? [{
          command: "node serve.mjs",
          url: `http://127.0.0.1:${process.env.SERVED_PORT}/index.html`,
          env: { PORT: process.env.SERVED_PORT, BOOK_DIR: process.env.SERVED_DIR },
          reuseExistingServer: false,
        }]
      : []),
  ],
});
