// A static file server for the built book, on 127.0.0.1 only. Playwright
// starts it (see playwright.config.mjs) with BOOK_DIR and PORT set.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(process.env.BOOK_DIR ?? "../book/html");
const port = Number(process.env.PORT ?? 0);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end("outside the book");
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    // Pages are fetched fresh; scripts, styles and fonts may be cached, as a
    // static host lets them be (mdBook names them by their content's hash).
    const cache = extname(file) === ".html" ? "no-cache" : "max-age=3600";
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": cache });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on 127.0.0.1:${port}`));
