/* podium room screens (screens/ROOM.html, now.html): the current and the next item by the
   clock. Each row carries its start and end as ISO instants with the event's UTC offset, so
   the comparison is between absolute times whatever zone the screen's computer is set to;
   the clock is shown in the event's zone. Works offline: everything is in the page.
   ?now=2024-12-10T10:00-03:00 in the address shows the page as at that moment. */
(function () {
  "use strict";
  // A "+" of the offset reads as a space in a query: put it back.
  var given = (new URLSearchParams(location.search).get("now") || "").replace(" ", "+");
  var offset = 0;
  if (given && !isNaN(Date.parse(given))) { offset = Date.parse(given) - Date.now(); }
  function now() { return Date.now() + offset; }

  var clock = document.querySelector("[data-clock]");
  var clockFormat = null;
  if (clock) {
    try {
      clockFormat = new Intl.DateTimeFormat(clock.getAttribute("data-lang") || undefined, {
        timeZone: clock.getAttribute("data-zone") || undefined,
        weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      });
    } catch (e) { clockFormat = null; }
  }

  function rowsOf(screen) {
    return Array.prototype.map.call(screen.querySelectorAll("li[data-start]"), function (li) {
      var start = Date.parse(li.getAttribute("data-start"));
      var endText = li.getAttribute("data-end");
      return { li: li, start: start, end: endText ? Date.parse(endText) : NaN,
               day: li.closest("[data-day]").getAttribute("data-day") };
    }).sort(function (a, b) { return a.start - b.start; });
  }

  function fill(slot, row) {
    slot.textContent = "";
    if (!row) { return; }
    // The row's content in a <div>: a lone <li> outside a list is not a list item.
    var copy = document.createElement("div");
    copy.className = "live__item";
    Array.prototype.forEach.call(row.li.childNodes, function (node) {
      copy.appendChild(node.cloneNode(true));
    });
    slot.appendChild(copy);
  }

  function update(screen, rows) {
    var t = now();
    var current = null, next = null, latest = null;
    rows.forEach(function (r, i) {
      // An open-ended item lasts until the next one starts.
      var end = isNaN(r.end) ? (rows[i + 1] ? rows[i + 1].start : r.start + 3600000) : r.end;
      if (r.start <= t && t < end) { current = r; }
      if (end <= t) { latest = r; }
      if (r.start > t && next === null) { next = r; }
    });
    var today = current ? current.day : (latest && t - latest.start < 12 * 3600000 ? latest.day : null);
    if (next && today !== null && next.day !== today) { next = null; }
    if (next && today === null && next.start - t > 12 * 3600000) { next = null; }
    ["now", "next"].forEach(function (which) {
      var row = which === "now" ? current : next;
      fill(screen.querySelector('[data-slot="' + which + '"]'), row);
      screen.querySelector('[data-none="' + which + '"]').hidden = row !== null;
    });
    var keep = screen.hasAttribute("data-keep-list");
    var idle = current === null && next === null;
    rows.forEach(function (r) {
      // The list below shows what is still to come that day, after the next item; on a
      // day without anything more (before or after the event), the room's whole programme.
      var later = r.start > t && r !== next && (today === null || r.day === today);
      r.li.hidden = !(keep && (later || idle));
    });
    Array.prototype.forEach.call(screen.querySelectorAll(".screen__day"), function (day) {
      day.hidden = !keep || day.querySelector("li:not([hidden])") === null;
    });
    screen.setAttribute("data-state", current ? "on" : (next ? "soon" : "idle"));
  }

  function tick() {
    if (clock && clockFormat) { clock.textContent = clockFormat.format(new Date(now())); }
    screens.forEach(function (s) { update(s.el, s.rows); });
    // now.html hides the rooms with nothing on or next; when that is every room (before,
    // between or after the event's days) it says so rather than show an empty screen.
    var quiet = document.querySelector("[data-quiet]");
    if (quiet) {
      quiet.hidden = screens.some(function (s) { return s.el.getAttribute("data-state") !== "idle"; });
    }
  }

  var screens = Array.prototype.map.call(document.querySelectorAll("[data-screen]"), function (el) {
    var live = el.querySelector(".live");
    if (live) { live.hidden = false; }
    return { el: el, rows: rowsOf(el) };
  });
  document.documentElement.classList.add("screens-live");
  tick();
  setInterval(tick, 15000);
})();
