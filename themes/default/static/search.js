// waymark search, in the browser, with no server. On every page "/"
// focuses the search box of the header; on search/index.html this script
// queries the index that internal/search wrote beside the page, loading
// only the files a query needs, and shows results as you type.
//
// The rules (tokens, matching, weights, ranking) are those of the Go
// package internal/search, whose package comment is their specification;
// a browser test checks that both give the same results.
(() => {
  "use strict";

  // "/" focuses the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const box = document.getElementById("search-q") || document.querySelector(".site-search input");
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Tokens: see "Tokens" in internal/search.
  const FOLDS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ" };
  const FOLD_RE = /[ßæœøđðłıþς]/g;
  const MN_RE = /\p{Mn}/gu;
  const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;
  const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30fc]/u;
  const ASCII_WORD_RE = /^[a-z0-9]+$/i;
  const MAX_RUNES = 32;

  const normalize = (s) => s.toLowerCase().normalize("NFD").replace(MN_RE, "").replace(FOLD_RE, (c) => FOLDS[c]);

  const cut = (t) => {
    if (t.length <= MAX_RUNES) return t;
    const r = Array.from(t);
    return r.length > MAX_RUNES ? r.slice(0, MAX_RUNES).join("") : t;
  };

  // tokensOf appends the tokens of one word, already normalized, to out.
  const tokensOf = (w, out) => {
    if (!CJK_RE.test(w)) {
      out.push(cut(w));
      return;
    }
    const rs = Array.from(w);
    for (let i = 0; i < rs.length; ) {
      const cjk = CJK_RE.test(rs[i]);
      let j = i;
      while (j < rs.length && CJK_RE.test(rs[j]) === cjk) j++;
      if (!cjk) out.push(cut(rs.slice(i, j).join("")));
      else if (j - i === 1) out.push(rs[i]);
      else for (let k = i; k + 1 < j; k++) out.push(rs[k] + rs[k + 1]);
      i = j;
    }
  };

  const tokens = (s) => {
    const out = [];
    for (const w of normalize(s).match(WORD_RE) || []) tokensOf(w, out);
    return out;
  };

  // The tokens of one word as written in a text, for highlighting.
  const wordTokens = (w) => {
    if (ASCII_WORD_RE.test(w)) return [cut(w.toLowerCase())];
    return tokens(w);
  };

  // cmp orders strings by code point, as Go orders them, not by UTF-16
  // unit: a surrogate sorts after U+E000..U+FFFF.
  const fix = (c) => (c >= 0xd800 && c < 0xe000 ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);
  const cmp = (a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x !== y) return fix(x) - fix(y);
    }
    return a.length - b.length;
  };
  const runeCount = (s) => {
    let n = 0;
    for (const _ of s) n++; // eslint-disable-line no-unused-vars
    return n;
  };

  // rangeOf returns the first and last files, given by their first terms,
  // that may hold terms starting with prefix (only prefix itself if exact).
  const rangeOf = (starts, prefix, exact) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (cmp(starts[m], prefix) < 0) lo = m + 1;
      else hi = m;
    }
    if (lo === starts.length || starts[lo] !== prefix) lo--;
    lo = Math.max(lo, 0);
    let end = lo;
    while (!exact && end + 1 < starts.length && starts[end + 1].startsWith(prefix)) end++;
    return [lo, end];
  };

  // oneEditPrefix: see OneEditPrefix in internal/search.
  const oneEditPrefix = (a, v) => {
    const b = Array.from(v);
    if (a.length === 0 || b.length === 0 || a[0] !== b[0] || b.length < a.length - 1) return false;
    b.length = Math.min(b.length, a.length + 1);
    let prev2 = new Array(b.length + 1).fill(0);
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    let cur = new Array(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      }
      [prev2, prev, cur] = [prev, cur, prev2];
    }
    for (let j = Math.max(a.length - 1, 0); j <= b.length; j++) if (prev[j] <= 1) return true;
    return false;
  };

  const EXACT = 4;
  const PREFIX = 3;
  const FUZZY = 2;
  const FUZZY_MIN = 5;
  const MAX_FUZZY = 16;
  const FILTERS = ["type", "status", "ring", "sector", "tag"];
  const BLOCKS = "address, article, aside, blockquote, br, dd, div, dl, dt, figcaption, figure, footer, h2, h3, h4, h5, h6, header, hr, li, ol, p, pre, section, table, td, th, tr, ul";

  // The files of the index are scripts that call waymarkSearchData(id,
  // data) (see internal/search/script.go). Over HTTP they are fetched and
  // the JSON inside the call is parsed. A page opened from disk may not
  // fetch, so there each file is added as a script and its call caught;
  // snippets, cut from the result pages, are left out.
  const FROM_DISK = location.protocol === "file:";
  const waiting = new Map(); // id → resolve, for the scripts added from disk
  window.waymarkSearchData = (id, data) => {
    const done = waiting.get(id);
    if (done) {
      waiting.delete(id);
      done(data);
    }
  };
  const unwrap = (id, text) => {
    const head = "waymarkSearchData(" + JSON.stringify(id) + ",";
    const body = text.trimEnd();
    if (!body.startsWith(head) || !body.endsWith(");")) throw new Error(id + ".js is not a file of the search index");
    return JSON.parse(body.slice(head.length, -2));
  };

  // Index loads the files of the index relative to base, each once.
  class Index {
    constructor(base) {
      this.base = base;
      this.files = new Map();
      this.shards = new Map();
      this.pages = new Map();
    }

    // load returns the data of the index file with the given id ("docs",
    // "t/3"), loading the file once.
    load(id) {
      const name = id + ".js";
      if (!this.files.has(name)) {
        const url = new URL(name, this.base);
        let p;
        if (FROM_DISK) {
          p = new Promise((resolve, reject) => {
            waiting.set(id, resolve);
            const s = document.createElement("script");
            s.src = url;
            s.onload = () => {
              s.remove();
              if (waiting.delete(id)) reject(new Error(name + " holds no index data"));
            };
            s.onerror = () => {
              s.remove();
              waiting.delete(id);
              reject(new Error(name + " could not be loaded"));
            };
            document.head.append(s);
          });
        } else {
          if (this.table) url.search = "v=" + this.table.version;
          p = fetch(url, this.table ? {} : { cache: "no-cache" }).then((r) => {
            if (!r.ok) throw new Error(name + ": HTTP " + r.status);
            return r.text();
          }).then((text) => unwrap(id, text));
        }
        p.catch(() => this.files.delete(name));
        this.files.set(name, p);
      }
      return this.files.get(name);
    }

    async open() {
      this.table = await this.load("docs");
      return this;
    }

    // shard returns file k of postings: its terms, and for each term its
    // entry ["term", doc, weight, …] with document differences undone.
    async shard(k) {
      if (!this.shards.has(k)) {
        this.shards.set(k, this.load("t/" + k).then((entries) => {
          for (const e of entries) for (let i = 3, d = e[1]; i < e.length; i += 2) e[i] = d += e[i];
          return { terms: entries.map((e) => e[0]), entries };
        }));
      }
      return this.shards.get(k);
    }

    // matches returns the indexed terms that match the query term t.
    async matches(t) {
      const T = this.table;
      if (T.shards.length === 0) return [];
      const runes = Array.from(t);
      const exact = runes.length === 1;
      const [lo, hi] = rangeOf(T.shards, t, exact);
      const out = [];
      const loads = [];
      for (let k = lo; k <= hi; k++) loads.push(this.shard(k));
      for (const sh of await Promise.all(loads)) {
        for (const term of sh.terms) {
          if (term === t) out.push({ term, quality: EXACT });
          else if (!exact && term.startsWith(t)) out.push({ term, quality: PREFIX });
        }
      }
      if (runes.length < FUZZY_MIN) return out;
      const [vlo, vhi] = rangeOf(T.vocab, runes[0], false);
      const vloads = [];
      for (let k = vlo; k <= vhi; k++) vloads.push(this.load("v/" + k));
      let fuzzy = [];
      for (const vocab of await Promise.all(vloads)) {
        for (const v of vocab) if (!v.startsWith(t) && oneEditPrefix(runes, v)) fuzzy.push(v);
      }
      fuzzy.sort((a, b) => runeCount(a) - runeCount(b) || cmp(a, b));
      fuzzy = fuzzy.slice(0, MAX_FUZZY);
      await Promise.all(fuzzy.map((v) => this.shard(rangeOf(T.shards, v, true)[0])));
      for (const v of fuzzy) out.push({ term: v, quality: FUZZY });
      return out;
    }

    // entry returns the postings of an indexed term from a loaded shard.
    async entry(term) {
      const sh = await this.shard(rangeOf(this.table.shards, term, true)[0]);
      let lo = 0;
      let hi = sh.terms.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (cmp(sh.terms[m], term) < 0) lo = m + 1;
        else hi = m;
      }
      return sh.terms[lo] === term ? sh.entries[lo] : null;
    }

    // passes returns whether a document passes the filters, given as
    // {type: "decision", …}.
    passes(filters) {
      const T = this.table;
      const want = {};
      for (const name of FILTERS) {
        const v = filters[name];
        if (v) want[name] = T.filters[name].indexOf(v); // -1: no document has it
      }
      return (d) => {
        const r = T.docs[d];
        if ("type" in want && r[0] !== want.type) return false;
        if ("status" in want && r[4] !== want.status) return false;
        if ("ring" in want && r[5] !== want.ring) return false;
        if ("sector" in want && r[6] !== want.sector) return false;
        if ("tag" in want && !r[7].includes(want.tag)) return false;
        return true;
      };
    }

    // search returns the hits for the query q and the filters, best
    // first, and the set of indexed terms that matched, for highlighting.
    async search(q, filters) {
      const terms = [...new Set(tokens(q))];
      const pass = this.passes(filters);
      const matched = new Set();
      if (terms.length === 0) {
        const hits = [];
        if (FILTERS.some((f) => filters[f])) {
          for (let d = 0; d < this.table.docs.length; d++) if (pass(d)) hits.push({ doc: d, score: 0 });
        }
        return { hits, matched };
      }
      const all = await Promise.all(terms.map((t) => this.matches(t)));
      const entries = await Promise.all(all.map((ms) => Promise.all(ms.map((m) => this.entry(m.term)))));
      let scores = null;
      all.forEach((ms, n) => {
        const best = new Map();
        ms.forEach((m, i) => {
          const e = entries[n][i];
          if (!e) return;
          matched.add(m.term);
          for (let k = 1; k < e.length; k += 2) {
            const d = e[k];
            if (scores && !scores.has(d)) continue;
            const s = m.quality * e[k + 1];
            const b = best.get(d);
            if (b === undefined || s > b) best.set(d, s);
          }
        });
        const next = new Map();
        for (const [d, s] of best) next.set(d, (scores ? scores.get(d) : 0) + s);
        scores = next;
      });
      const hits = [];
      for (const [d, s] of scores) if (pass(d)) hits.push({ doc: d, score: s });
      hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
      return { hits, matched };
    }

    // text returns the text of document d's page, for its snippet: its
    // main element, less its heading. The index does not store the text
    // again; the page fetched is the one the reader may open next.
    text(d) {
      if (FROM_DISK) return Promise.reject(new Error("no snippets from disk"));
      const name = "../" + this.table.docs[d][3] + "index.html";
      if (!this.pages.has(name)) {
        const p = fetch(new URL(name, this.base)).then((r) => {
          if (!r.ok) throw new Error(name + ": HTTP " + r.status);
          return r.text();
        }).then((html) => {
          const page = new DOMParser().parseFromString(html, "text/html");
          const main = page.querySelector("main") || page.body;
          main.querySelectorAll("h1, .anchor, nav, script, style, template").forEach((e) => e.remove());
          // Blocks break words; minified HTML has no space between them.
          main.querySelectorAll(BLOCKS).forEach((e) => e.after(" "));
          // The body first, so that a snippet with no match starts there.
          const prose = main.querySelector(".prose");
          if (!prose) return main.textContent;
          prose.remove();
          return prose.textContent + " " + main.textContent;
        });
        p.catch(() => this.pages.delete(name));
        this.pages.set(name, p);
      }
      return this.pages.get(name);
    }
  }

  // The page: the rest only runs on search/index.html.
  const form = document.querySelector(".search-form");
  const box = document.getElementById("search-q");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!form || !box || !list || !status) return;

  const PAGE = 10;
  const SNIPPET = 180;
  const TYPES = { decision: "Decision", blip: "Blip", page: "Page", team: "Team" };
  const index = new Index(new URL("docs.js", form.action));
  const ready = index.open();
  const labels = {}; // filter → value → label, from the page's own options
  for (const name of FILTERS) {
    labels[name] = {};
    const sel = form.elements[name];
    if (sel) for (const o of sel.options) labels[name][o.value] = o.textContent;
  }

  // highlight appends text to el, marking the words that matched.
  const highlight = (el, text, matched) => {
    let last = 0;
    for (const m of text.matchAll(WORD_RE)) {
      if (!wordTokens(m[0]).some((t) => matched.has(t))) continue;
      if (m.index > last) el.append(text.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      el.append(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.append(text.slice(last));
  };

  // snippet returns the part of text around the most matched words.
  const snippet = (text, matched) => {
    const hits = [];
    for (const m of text.matchAll(WORD_RE)) {
      const ts = wordTokens(m[0]).filter((t) => matched.has(t));
      if (ts.length) hits.push({ at: m.index, term: ts[0] });
      if (hits.length >= 64) break;
    }
    let at = 0;
    let best = 0;
    for (let i = 0; i < hits.length; i++) {
      const seen = new Set();
      for (let j = i; j < hits.length && hits[j].at < hits[i].at + SNIPPET - 40; j++) seen.add(hits[j].term);
      if (seen.size > best) {
        best = seen.size;
        at = hits[i].at;
      }
    }
    let start = Math.max(0, at - 40);
    if (start > 0) {
      const sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < at ? sp + 1 : start;
    }
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      const sp = text.lastIndexOf(" ", end);
      end = sp > at ? sp : end;
    }
    // The text keeps the white space of the page's HTML: collapse it.
    return ((start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "")).replace(/\s+/g, " ");
  };

  const badge = (text, cls) => {
    const b = document.createElement("span");
    b.className = "badge " + cls;
    b.textContent = text;
    return b;
  };

  // item renders one hit; its snippet follows when its text is loaded.
  const item = (hit, n, matched) => {
    const T = index.table;
    const [type, label, title, url, st, ring, sector, tags] = T.docs[hit.doc];
    const li = document.createElement("li");
    li.className = "search-result";
    const a = document.createElement("a");
    a.href = "../" + url + "index.html";
    a.id = "search-result-" + n;
    if (label) {
      const l = document.createElement("span");
      l.className = "search-label";
      l.textContent = label;
      a.append(l, " ");
    }
    highlight(a, title, matched);
    const h = document.createElement("h2");
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "search-meta";
    const typeID = T.filters.type[type];
    meta.append(badge(TYPES[typeID] || typeID, "search-type"));
    if (st) meta.append(" ", badge(T.filters.status[st], "status-" + T.filters.status[st]));
    if (ring) meta.append(" ", badge(labels.ring[T.filters.ring[ring]] || T.filters.ring[ring], "ring-" + T.filters.ring[ring]));
    if (sector) meta.append(" ", labels.sector[T.filters.sector[sector]] || T.filters.sector[sector]);
    for (const t of tags) meta.append(" ", badge("#" + (labels.tag[T.filters.tag[t]] || T.filters.tag[t]), "search-tag"));
    const snip = document.createElement("p");
    snip.className = "search-snippet";
    li.append(h, meta, snip);
    index.text(hit.doc).then(
      (text) => highlight(snip, snippet(text, matched), matched),
      () => snip.remove(),
    );
    return li;
  };

  // Keyboard: ↓ from the box to the results, ↑ ↓ through them, Esc back.
  const links = () => Array.from(list.querySelectorAll(".search-result h2 a"));
  box.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && links().length) {
      e.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (e) => {
    const ls = links();
    const i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i >= 0 && i + 1 < ls.length) {
      e.preventDefault();
      ls[i + 1].focus();
    } else if (e.key === "ArrowUp" && i >= 0) {
      e.preventDefault();
      (i > 0 ? ls[i - 1] : box).focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      box.focus();
    }
  });

  const current = () => {
    const f = {};
    for (const name of FILTERS) if (form.elements[name]) f[name] = form.elements[name].value;
    return f;
  };

  // The URL carries the query, so results can be linked and reloaded.
  const remember = (q, filters) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    for (const name of FILTERS) if (filters[name]) p.set(name, filters[name]);
    const s = p.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  };

  let seq = 0;
  let more = null;
  const run = async () => {
    const n = ++seq;
    const q = box.value.trim();
    const filters = current();
    remember(q, filters);
    let res;
    try {
      await ready;
      res = await index.search(q, filters);
    } catch (err) {
      if (n !== seq) return;
      list.replaceChildren();
      status.replaceChildren("Search could not load its index (" + err.message + "). Browse the ",
        link("decisions", "../decisions/index.html"), " or the ", link("radar", "../radar/index.html"), " instead.");
      return;
    }
    if (n !== seq) return;
    const { hits, matched } = res;
    list.replaceChildren();
    if (more) more.remove();
    more = null;
    if (!q && !FILTERS.some((f) => filters[f])) {
      status.textContent = "";
      return;
    }
    status.textContent = hits.length === 0 ? "No results" + (q ? " for “" + q + "”." : ".")
      : hits.length + (hits.length === 1 ? " result" : " results") + (q ? " for “" + q + "”." : ".");
    let shown = 0;
    const page = () => {
      const end = Math.min(hits.length, shown + PAGE);
      for (; shown < end; shown++) list.append(item(hits[shown], shown, matched));
      if (shown < hits.length && !more) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.addEventListener("click", () => {
          const first = shown;
          page();
          const ls = links();
          if (ls[first]) ls[first].focus();
        });
        list.after(more);
      }
      if (more) {
        if (shown >= hits.length) {
          more.remove();
          more = null;
        } else more.textContent = "Show " + Math.min(PAGE, hits.length - shown) + " more";
      }
    };
    page();
  };

  const link = (text, href) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  };

  let timer = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  form.addEventListener("change", (e) => {
    if (e.target !== box) run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });

  // Start from the URL: ?q=kafka&type=decision.
  const params = new URLSearchParams(location.search);
  box.value = params.get("q") || "";
  for (const name of FILTERS) {
    const sel = form.elements[name];
    const v = params.get(name);
    if (sel && v && Array.from(sel.options).some((o) => o.value === v)) sel.value = v;
  }
  document.documentElement.classList.add("search-ready");
  if (!box.value) box.focus();
  run();

  // For tests and benchmarks: the same engine, without the page.
  window.waymarkSearch = {
    ready,
    tokens,
    query: async (q, filters) => {
      await ready;
      const { hits, matched } = await index.search(q, filters || {});
      return { hits: hits.map((h) => ({ doc: h.doc, score: h.score, url: index.table.docs[h.doc][3] })), matched: [...matched] };
    },
    files: () => [...index.files.keys(), ...index.pages.keys()],
  };
})();
