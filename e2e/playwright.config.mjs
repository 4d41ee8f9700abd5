// Browser tests of the built book (book/html), in Debian's Chromium.
// `cargo xtask test --step browser` sets PORT, BOOK_DIR and CHROMIUM.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.PORT ?? 3917);

export default defineConfig({
  testDir: "./tests",
  // Screenshots of failing pages land here, where a person can look at them.
  outputDir: "../ci-artifacts/browser",
  reporter: [["list"]],
  // Most of a test is waiting on the browser, so three workers fit two cores.
  workers: 3,
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
    { name: "book", testIgnore: /speed\.spec/ },
    { name: "speed", testMatch: /speed\.spec/, dependencies: ["book"] },
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
