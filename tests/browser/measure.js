// Measures the rendered report (run by tests/browser/run.py through the
// DevTools protocol in the page's own context; the report itself has no
// script).  Returns one object of plain data; PRINT is replaced by
// true or false before it runs.
(() => {
  const PRINT = __PRINT__;
  const vw = document.documentElement.clientWidth;
  const out = {
    vw, docWidth: document.documentElement.scrollWidth,
    overflow: [], clipped: [], minFont: 1e9, minFontAt: "", smallText: [],
    svgs: 0, svgNoTitle: [], snake: [], hiddenCells: 0, cells: 0,
    contrast: [], headings: [], tablesNoCaption: [], tablesNoHeader: [],
    scrollBoxes: 0, tallest: 0, height: document.documentElement.scrollHeight,
  };
  const where = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (el.className && typeof el.className === "string")
      s += "." + el.className.trim().split(/\s+/).join(".");
    const sec = el.closest("section[id]");
    if (sec && sec !== el) s += " in #" + sec.id;
    const t = (el.textContent || "").trim().replace(/\s+/g, " ");
    return s + (t ? ' "' + t.slice(0, 40) + '"' : "");
  };
  const scrolls = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const scrollAncestor = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (scrolls(p)) return p;
    return null;
  };
  // Drawn: not display:none, not inside a closed <details> (whose content
  // still has boxes but is skipped, content-visibility: hidden), not
  // visibility: hidden.
  const rendered = (el) => el.getClientRects().length > 0 &&
    el.checkVisibility({ visibilityProperty: true });

  // 1. Nothing wider than the viewport, except inside a scroll box on
  //    screen (on paper nothing scrolls, so nothing is excused).
  for (const el of document.body.querySelectorAll("*")) {
    if (!rendered(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (!PRINT && scrolls(el) && el.scrollWidth > el.clientWidth) out.scrollBoxes++;
    if (r.right > vw + 0.5 || r.left < -0.5) {
      if (PRINT || !scrollAncestor(el))
        out.overflow.push(where(el) + " [" + Math.round(r.left) + ".." +
                          Math.round(r.right) + " of " + vw + "]");
    }
    // Content cut off by its own box: clipping on paper, and on screen a
    // box that hides overflow without letting it scroll.
    const s = getComputedStyle(el);
    const hides = s.overflowX !== "visible" && !(!PRINT && scrolls(el));
    if (hides && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "svg")
      out.clipped.push(where(el) + " [" + el.scrollWidth + " > " + el.clientWidth + "]");
    // A table cell whose content runs out of it draws over its neighbour.
    else if (!hides && (el.tagName === "TD" || el.tagName === "TH") &&
             el.scrollWidth > el.clientWidth + 1)
      out.clipped.push(where(el) + " spills [" + el.scrollWidth + " > " +
                       el.clientWidth + "]");
  }

  // 2. Text: size (SVG text scaled by its viewBox counts at the size it
  //    is drawn), contrast, and no raw snake_case ids.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const rgb = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
  };
  const lum = (c) => {
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (let p = el; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.backgroundImage && s.backgroundImage !== "none") return "pattern";
      const c = rgb(s.backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const seenContrast = new Set();
  let node;
  while ((node = walker.nextNode())) {
    const text = node.nodeValue.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest("title,style,script,head")) continue;
    range.selectNodeContents(node);
    if (range.getClientRects().length === 0 || !rendered(el)) continue;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || parseFloat(s.opacity) === 0) continue;
    let size = parseFloat(s.fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      if (m) size *= Math.hypot(m.a, m.b);
    }
    if (size < out.minFont) { out.minFont = size; out.minFontAt = where(el); }
    if (size < 11 && out.smallText.length < 10)
      out.smallText.push(size.toFixed(1) + "px " + where(el));
    const snake = text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/);
    if (snake && out.snake.length < 10) out.snake.push(snake[0] + " in " + where(el));
    if (!(el instanceof SVGElement)) {
      const fg = rgb(s.color), bg = background(el);
      if (fg && bg !== "pattern") {
        const l1 = lum(fg), l2 = lum(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight) >= 700);
        const key = s.color + "/" + JSON.stringify(bg);
        if (ratio < (large ? 3 : 4.5) && !seenContrast.has(key)) {
          seenContrast.add(key);
          out.contrast.push(ratio.toFixed(2) + " " + s.color + " on rgb(" +
                            [bg.r, bg.g, bg.b].join(",") + ") " + where(el));
        }
      }
    }
  }

  // 3. Every SVG has a title; every table a caption and header cells;
  //    every data cell is drawn (a closed <details> or a display:none
  //    would lose data on paper).
  for (const svg of document.querySelectorAll("svg")) {
    out.svgs++;
    const t = svg.querySelector(":scope > title");
    if (!t || !t.textContent.trim()) out.svgNoTitle.push(where(svg));
  }
  for (const t of document.querySelectorAll("table")) {
    const cap = t.querySelector(":scope > caption");
    if (!cap || !cap.textContent.trim()) out.tablesNoCaption.push(where(t));
    if (!t.querySelector("th")) out.tablesNoHeader.push(where(t));
  }
  for (const c of document.querySelectorAll("td, th")) {
    out.cells++;
    if (!rendered(c)) out.hiddenCells++;
  }
  for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6"))
    out.headings.push(Number(h.tagName[1]));
  return out;
})()
