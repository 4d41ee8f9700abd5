// On a copy of the book with no local runner, a one-file std-only listing
// runs on the public Rust playground. No listing of the book is one file
// today, so this test builds the markup the preprocessor writes for one
// (xtask/src/preprocess.rs, `listing_block`) around the page's real script,
// and stands in for the playground: it checks what the page sends (the whole
// file, the edited excerpt spliced between its anchors) and what it shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import { repoRoot } from "../lib/book.mjs";

const source = [
  "fn main() {",
  "    // ANCHOR: greet",
  '    let name = "reader";',
  "    // ANCHOR_END: greet",
  '    println!("hello, {name}");',
  "}",
  "",
].join("\n");
const escape = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "&#10;");

test("a one-file std-only listing runs on the playground, edits included", async ({ page }) => {
  const sent = [];
  await page.route("https://play.rust-lang.org/execute", async (route) => {
    const body = route.request().postDataJSON();
    sent.push(body);
    const name = body.code.match(/let name = "([^"]*)"/)[1];
    await route.fulfill({ json: { success: true, stdout: `hello, ${name}\n`, stderr: "" } });
  });
  await page.route("http://book.test/", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!DOCTYPE html><html class="js"><body><main>
      <div class="listing" data-kind="listing" data-crate="greeter" data-dir="listings/00-start-here/greeter"
           data-file="src/main.rs" data-anchor="greet" data-output="output.txt"
           data-command="cargo run -p greeter" data-editable="true" data-source="${escape(source)}">
        <pre><code class="language-rust noplayground editable">let name = "reader";</code></pre>
      </div></main></body></html>`,
  }));
  await page.goto("http://book.test/");
  await page.addScriptTag({ content: readFileSync(join(repoRoot, "theme/listings.js"), "utf8") });

  const listing = page.locator("div.listing");
  await expect(listing.locator(".course-command")).toContainText("$ cargo run -p greeter");
  await listing.getByRole("button", { name: "▶ Run" }).click();
  await expect(listing.locator(".run-panel")).toHaveAttribute("data-state", "ok");
  await expect(listing.locator(".run-stdout")).toHaveText("hello, reader\n");
  expect(sent[0].code).toBe(source);
  expect(sent[0].edition).toBe("2024");

  await listing.locator("pre > code").fill('let name = "edited";');
  await listing.getByRole("button", { name: "▶ Run" }).click();
  await expect(listing.locator(".run-stdout")).toHaveText("hello, edited\n");
  expect(sent[1].code).toBe(source.replace('"reader"', '"edited"'));
});
