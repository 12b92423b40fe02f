{# The search index in the browser, included into app.js (inside its function): loading
    search.json (or search.js from file://), unpacking it, and answering a query. #}
  // ---- the index: search.json over http(s); search.js from file://, which may not fetch ----

  let loading = null;
  function index() {
    if (!loading) {
      const raw = location.protocol === "file:"
        ? new Promise((resolve, reject) => {
          window.podiumIndex = resolve;
          const script = document.createElement("script");
          script.src = root + "search.js";
          script.onerror = reject;
          document.head.append(script);
        })
        : fetch(root + "search.json").then((r) => {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      loading = raw.then(prepare);
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  const DIGIT = new Int8Array(128).fill(-1);
  const MORE = new Int8Array(128).fill(-1);
  SETTINGS.digits[0].split("").forEach((c, i) => { DIGIT[c.charCodeAt(0)] = i; });
  SETTINGS.digits[1].split("").forEach((c, i) => { MORE[c.charCodeAt(0)] = i; });

  function prepare(data) {
    const terms = [];
    let previous = "";
    for (const coded of data.terms.split(" ")) {
      previous = previous.slice(0, coded.charCodeAt(0) - 48) + coded.slice(1);
      terms.push(previous);
    }
    return { data, terms, lists: data.postings.split(" "), sessions: data.sessions.length };
  }

  // Postings of one term: doc -> rank (2 a person's name, 1 a title or organisation, 0 the
  // rest); a document found through several terms keeps its best rank.
  function postings(ix, t, into) {
    const text = ix.lists[t];
    let value = 0;
    let doc = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const more = MORE[c];
      if (more >= 0) { value = value * 32 + more; continue; }
      doc += value * 32 + DIGIT[c];
      value = 0;
      const id = doc >> 2;
      const rank = doc & 3;
      if (!(into.get(id) >= rank)) into.set(id, rank);
    }
    return into;
  }

  function lowerBound(terms, word) {
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // Every word but the last must be a whole word of the document, the last its start.
  function search(ix, query) {
    const wanted = words(query);
    if (!wanted.length) return [];
    const last = wanted.pop();
    const found = [];
    for (const word of wanted) {
      const t = lowerBound(ix.terms, word);
      found.push(ix.terms[t] === word ? postings(ix, t, new Map()) : new Map());
    }
    const prefixed = new Map();
    for (let t = lowerBound(ix.terms, last); t < ix.terms.length
         && ix.terms[t].startsWith(last); t++) {
      postings(ix, t, prefixed);
    }
    found.push(prefixed);
    found.sort((a, b) => a.size - b.size);
    // A title word counts three times an abstract word; a person found by name comes
    // before the sessions that name them.
    const WEIGHT = [1, 3, 4];
    const scored = [];
    for (const [doc, key] of found[0]) {
      let score = WEIGHT[key];
      let every = true;
      for (let i = 1; i < found.length && every; i++) {
        const other = found[i].get(doc);
        if (other === undefined) every = false; else score += WEIGHT[other];
      }
      if (every) scored.push([doc, score]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return scored.map(([doc]) => doc);
  }
