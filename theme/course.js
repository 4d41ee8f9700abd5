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
