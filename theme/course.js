// Course callouts on top of mdBook's built-in admonitions.
//
// A chapter writes
//   > [!NOTE]
//   > **In production.** ...
// and this script turns the title "Note" into "In production", drops the
// repeated bold words, and adds a class the stylesheet colours. Without
// JavaScript the reader still sees the bold words, so nothing is lost.
(() => {
  const kinds = {
    "Predict first": "callout-predict",
    "In production": "callout-production",
    "Coming from Go": "callout-go",
    "Coming from Python": "callout-python",
    "In the interview": "callout-interview",
  };
  for (const quote of document.querySelectorAll("blockquote.blockquote-tag")) {
    const title = quote.querySelector(".blockquote-tag-title");
    const first = title && title.nextElementSibling;
    const strong = first && first.firstElementChild;
    if (!strong || strong.tagName !== "STRONG" || first.firstChild !== strong) continue;
    const label = strong.textContent.trim().replace(/[.:]$/, "");
    if (!(label in kinds)) continue;
    quote.classList.add("callout", kinds[label]);
    for (const node of Array.from(title.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) node.remove();
    }
    title.append(label);
    strong.remove();
    if (first.firstChild && first.firstChild.nodeType === Node.TEXT_NODE) {
      first.firstChild.textContent = first.firstChild.textContent.replace(/^\s+/, "");
    }
  }
})();

// Code included from inside an `impl` or `fn` keeps its indentation, since
// mdBook includes anchored lines as they are. Strip the indentation that every
// line shares, so an excerpt starts at the left margin. Highlighting has run
// by now, so only lines whose markup starts with those spaces are touched,
// and a block is left alone unless all its lines do.
(() => {
  for (const code of document.querySelectorAll("pre > code")) {
    const lines = code.innerHTML.split("\n");
    const indents = lines
      .filter((l) => l.replace(/<[^>]*>/g, "").trim() !== "")
      .map((l) => l.match(/^ */)[0].length);
    const common = indents.length ? Math.min(...indents) : 0;
    if (common === 0) continue;
    const pad = " ".repeat(common);
    code.innerHTML = lines.map((l) => (l.startsWith(pad) ? l.slice(common) : l)).join("\n");
  }
})();

// Mermaid diagrams. mermaid.min.js weighs about 2.6 MB, so it is fetched only
// by pages that have a diagram. Each diagram keeps its source so that it can
// be drawn again in the other palette when the reader switches between light
// and dark themes.
(() => {
  const blocks = Array.from(document.querySelectorAll("pre.mermaid"));
  if (blocks.length === 0) return;
  for (const block of blocks) block.dataset.source = block.textContent;

  const darkThemes = ["ayu", "navy", "coal"];
  const isDark = () =>
    darkThemes.some((t) => document.documentElement.classList.contains(t));

  let drawnDark = null;
  const draw = async () => {
    const dark = isDark();
    if (dark === drawnDark) return;
    drawnDark = dark;
    for (const block of blocks) {
      block.removeAttribute("data-processed");
      block.textContent = block.dataset.source;
    }
    mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default" });
    await mermaid.run({ nodes: blocks });
  };

  const script = document.createElement("script");
  script.src = path_to_root + "mermaid/mermaid.min.js";
  script.onload = () => {
    draw();
    new MutationObserver(draw).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["class"],
    });
  };
  document.head.append(script);
})();
