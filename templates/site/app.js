/* podium online agenda: stars, search and "My agenda", and the offline worker.
   Every page works without this script; it only adds to them. Nothing is fetched but the
   site's own files. */
(() => {
  "use strict";
  const SETTINGS = {{ settings }};
  const L = SETTINGS.labels;
  const html = document.documentElement;
  const root = html.dataset.root || "";
  const KEY = "podium:stars:" + SETTINGS.event;

  // ---- stars, kept in localStorage under the event's URL (two events never mix) ----

  function stars() {
    try {
      const kept = JSON.parse(localStorage.getItem(KEY) || "[]");
      return new Set(Array.isArray(kept) ? kept : []);
    } catch (error) {
      return new Set();
    }
  }

  function keep(set) {
    try {
      localStorage.setItem(KEY, JSON.stringify([...set].sort()));
    } catch (error) {
      // Private windows may refuse storage; the stars then last for this page only.
    }
    document.dispatchEvent(new CustomEvent("podium:stars"));
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  function starIcon() {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", "M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4"
                         + "-4.7-4.4 6.4-.8z");
    svg.append(path);
    return svg;
  }

  function titleOf(item) {
    const heading = item.querySelector(".it__title, h1, h2, h3, h4, a");
    return (item.dataset.title || (heading ? heading.textContent : "")).replace(/\s+/g, " ").trim();
  }

  function starButton(anchor, title) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "star";
    button.dataset.star = anchor;
    button.setAttribute("aria-label", title ? L.star + ": " + title : L.star);
    button.title = L.star;
    button.setAttribute("aria-pressed", stars().has(anchor) ? "true" : "false");
    button.append(starIcon());
    button.addEventListener("click", () => {
      const set = stars();
      if (set.has(anchor)) set.delete(anchor); else set.add(anchor);
      keep(set);
    });
    return button;
  }

  function addStars(scope) {
    // Screens (by a door, or "now" across rooms) are read from afar, never touched.
    for (const item of scope.querySelectorAll("[data-item]")) {
      if (item.closest("[data-no-stars], .screen-page")) continue;
      if (item.querySelector(":scope > .star, [data-star-slot] > .star")) continue;
      const button = starButton(item.dataset.item, titleOf(item));
      const slot = item.querySelector("[data-star-slot]");
      if (slot) slot.append(button); else item.prepend(button);
      item.classList.add("has-star");
    }
  }

  function showStars() {
    const set = stars();
    for (const button of document.querySelectorAll("button.star")) {
      button.setAttribute("aria-pressed", set.has(button.dataset.star) ? "true" : "false");
    }
  }

  document.addEventListener("podium:stars", showStars);
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) document.dispatchEvent(new CustomEvent("podium:stars"));
  });

  {% include "site/app_index.js" %}

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const PATHS = SETTINGS.paths;
  function sessionUrl(anchor) {
    return root + PATHS.item[0] + encodeURIComponent(anchor) + PATHS.item[1];
  }

  function personUrl(id) {
    return root + PATHS.person[0] + encodeURIComponent(id) + PATHS.person[1];
  }

  function href(ix, doc) {
    return doc < ix.sessions ? sessionUrl(ix.data.sessions[doc][0])
      : personUrl(ix.data.people[doc - ix.sessions][0]);
  }

  function resultItem(ix, doc) {
    const li = element("li", "hit");
    const a = element("a", "hit__link");
    const meta = element("span", "hit__meta");
    if (doc < ix.sessions) {
      const s = ix.data.sessions[doc];
      a.href = href(ix, doc);
      a.textContent = s[1];
      const room = s[6] >= 0 ? ix.data.rooms[s[6]] : "";
      meta.textContent = [ix.data.days[s[4]], s[5], room].filter(Boolean).join(" · ");
      li.dataset.session = s[0];
    } else {
      const p = ix.data.people[doc - ix.sessions];
      a.href = href(ix, doc);
      a.textContent = p[1];
      meta.textContent = [L.person, p[2]].filter(Boolean).join(" · ");
      li.dataset.person = p[0];
    }
    li.append(a, meta);
    return li;
  }

  function countText(n) {
    return n === 0 ? L.none : n === 1 ? L.one : L.many.replace("{n}", n);
  }

  // ---- the search box in every page's header ----

  function searchBox() {
    const input = document.querySelector("form.search input[name=q], input#_q");
    if (!input) return;
    const form = input.form;
    const page = document.querySelector("[data-search-page], [data-results]");
    const panel = page || element("div", "search-panel");
    const status = element("p", "search-status");
    status.setAttribute("role", "status");
    const list = element("ol", "hits");
    panel.append(status, list);
    if (!page) {
      panel.id = "_search-panel";
      panel.hidden = true;
      form.after(panel);
    }
    // Under the box, the best few; on search.html fifty, and a button for the rest
    // (drawing a thousand takes a fifth of a second, too long for every keystroke).
    const limit = page ? 50 : 8;
    let shown = "";
    let ixReady = false;

    function draw() {
      const query = input.value;
      if (query === shown) return;
      shown = query;
      if (!words(query).length) {
        status.textContent = "";
        list.replaceChildren();
        if (!page) panel.hidden = true;
        return;
      }
      if (!page) panel.hidden = false;
      if (!ixReady) status.textContent = L.loading;
      index().then((ix) => {
        ixReady = true;
        if (input.value !== query) return;
        const docs = search(ix, query);
        status.textContent = countText(docs.length);
        list.replaceChildren(...docs.slice(0, limit).map((doc) => resultItem(ix, doc)));
        if (docs.length > limit) {
          const li = element("li", "hit hit--all");
          if (page) {
            const more = element("button", "button-plain", L.more.replace("{n}", docs.length));
            more.type = "button";
            more.addEventListener("click", () => {
              li.replaceWith(...docs.slice(limit).map((doc) => resultItem(ix, doc)));
              // Focus goes on to the first result that was not shown before.
              list.children[limit].querySelector("a").focus();
            });
            li.append(more);
          } else {
            const a = element("a", "", L.all);
            a.href = root + PATHS.search + "?q=" + encodeURIComponent(query);
            li.append(a);
          }
          list.append(li);
        }
        if (page) history.replaceState(null, "", "?q=" + encodeURIComponent(query));
      }, () => { status.textContent = L.failed; shown = ""; });
    }

    input.addEventListener("focus", () => { index().catch(() => {}); }, { once: true });
    input.addEventListener("input", draw);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !page) {
        panel.hidden = true;
        shown = "";
      }
    });
    if (!page) {
      document.addEventListener("click", (event) => {
        if (!form.contains(event.target) && !panel.contains(event.target)) panel.hidden = true;
      });
      input.addEventListener("focus", () => { shown = ""; draw(); });
    } else {
      // On search.html the box searches the page: its results show here, without reloading.
      form.addEventListener("submit", (event) => { event.preventDefault(); draw(); });
      const q = new URLSearchParams(location.search).get("q");
      if (q) {
        input.value = q;
        draw();
      }
    }
  }

  // ---- "My agenda": the starred items, and an .ics made here in the browser ----

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines of at most 75 octets of UTF-8, continued after CRLF and a space (RFC 5545 3.1),
  // never inside a character.
  const utf8 = new TextEncoder();
  function folded(line) {
    const out = [];
    let current = "";
    let octets = 0;
    for (const ch of line) {
      const size = utf8.encode(ch).length;
      if (octets + size > 75) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    }
    out.push(current);
    return out.join("\r\n");
  }

  function utc(minutes) {
    return new Date(minutes * 60000).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  }

  function calendar(ix, anchors) {
    const e = ix.data.event;
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//podium//my agenda//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(L.calendar + " · " + e.title)];
    for (const s of ix.data.sessions) {
      if (!anchors.has(s[0])) continue;
      const url = s[9] || e.item_url[0] + s[0] + e.item_url[1];
      const room = s[6] >= 0 ? ix.data.rooms[s[6]] : "";
      const about = (s[7] ? L.speakers + ": " + s[7] + "\n" : "") + url;
      lines.push("BEGIN:VEVENT", "UID:" + icsText(s[0] + "@" + e.host), "DTSTAMP:" + e.stamp,
        "DTSTART:" + utc(s[2]), "DTEND:" + utc(s[3]), "SUMMARY:" + icsText(s[1]));
      const where = [room, e.place].filter(Boolean).join(", ");
      if (where) lines.push("LOCATION:" + icsText(where));
      lines.push("DESCRIPTION:" + icsText(about), "URL:" + url);
      if (s[8]) lines.push("CATEGORIES:" + icsText(s[8]));
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(folded).join("\r\n") + "\r\n";
  }

  function myAgenda() {
    const page = document.querySelector("[data-my-agenda], [data-my]");
    if (!page) return;
    const status = element("p", "my-status");
    status.setAttribute("role", "status");
    status.tabIndex = -1;
    const actions = element("p", "my-actions");
    const download = element("button", "button-plain", L.download);
    download.type = "button";
    const clear = element("button", "button-plain", L.clear);
    clear.type = "button";
    actions.append(download, clear);
    const list = element("div", "my-list");
    page.replaceChildren(status, actions, list);

    // An item unstarred here stays listed (its button off) until the page is left, so the
    // list does not jump under the pointer and keyboard focus stays on the button.
    let listed = new Set();
    // Only stars of items still in the agenda count: one removed since keeps no place.
    function count(ix) {
      const set = stars();
      const n = ix.data.sessions.filter((s) => set.has(s[0])).length;
      status.textContent = n === 0 ? L.empty : n === 1 ? L.count_one
        : L.count_many.replace("{n}", n);
      actions.hidden = n === 0;
    }

    function draw(ix) {
      const set = stars();
      count(ix);
      if (ix.data.sessions.every((s) => !set.has(s[0]) || listed.has(s[0])) && listed.size) return;
      const picked = ix.data.sessions.filter((s) => set.has(s[0]) || listed.has(s[0]));
      listed = new Set(picked.map((s) => s[0]));
      const days = new Map();
      for (const s of picked) {
        if (!days.has(s[4])) days.set(s[4], []);
        days.get(s[4]).push(s);
      }
      const sections = [];
      for (const [day, sessions] of days) {
        const section = element("section", "my-day");
        section.append(element("h2", "my-day__heading", ix.data.days[day]));
        const ol = element("ol", "my-items");
        for (const s of sessions) {
          const li = element("li", "my-item");
          li.dataset.item = s[0];
          const time = element("p", "my-item__time", s[5]);
          const title = element("h3", "my-item__title");
          const a = element("a", "", s[1]);
          a.href = sessionUrl(s[0]);
          title.append(a);
          const room = s[6] >= 0 ? ix.data.rooms[s[6]] : "";
          const meta = element("p", "my-item__meta", [room, s[7]].filter(Boolean).join(" · "));
          li.append(time, title);
          if (meta.textContent) li.append(meta);
          ol.append(li);
        }
        section.append(ol);
        sections.push(section);
      }
      list.replaceChildren(...sections);
      addStars(list);
    }

    status.textContent = L.loading;
    index().then((ix) => {
      draw(ix);
      document.addEventListener("podium:stars", () => draw(ix));
      download.addEventListener("click", () => {
        const blob = new Blob([calendar(ix, stars())], { type: "text/calendar;charset=utf-8" });
        const a = element("a");
        a.href = URL.createObjectURL(blob);
        a.download = "my-agenda.ics";
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      });
      clear.addEventListener("click", () => {
        listed = new Set();
        keep(new Set());
        status.focus();
      });
    }, () => { status.textContent = L.failed; });
  }

  // ---- offline: a service worker, where there is one (never from file://) ----

  function offline() {
    if (!("serviceWorker" in navigator)) return;
    if (location.protocol !== "https:" && location.protocol !== "http:") return;
    navigator.serviceWorker.register(root + "sw.js", { updateViaCache: "none" })
      .catch(() => {});
  }

  function start() {
    addStars(document);
    searchBox();
    myAgenda();
    offline();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  // For the tests and the bench: the same functions the page uses.
  window.podium = { index, search, href, calendar, stars };
})();
