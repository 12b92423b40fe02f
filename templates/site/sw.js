/* podium service worker: the whole site kept on the first visit, then read from there.
   Written at build time; VERSION is a hash of every file below, so a rebuilt site is a
   new worker, which brings the changed files and drops the old cache. */
"use strict";
const VERSION = "{{ version }}";
const FILES = {{ files }};
const PREFIX = "podium " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;
const MANIFEST = new URL("_podium-precache.json", self.location).href;
const AT_ONCE = 6;

function href(name) {
  return new URL(name, self.location).href;
}

// The files of the previous version whose bytes did not change, found in its cache.
async function previous() {
  const kept = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    const manifest = await old.match(MANIFEST);
    if (!manifest) continue;
    for (const [file, digest] of await manifest.json()) kept.set(file + " " + digest, old);
  }
  return kept;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const kept = await previous();
    let next = 0;
    // A few requests at a time: a thousand pages at once would swamp a conference network.
    async function fetcher() {
      while (next < FILES.length) {
        const [file, digest] = FILES[next++];
        const url = href(file);
        const old = kept.get(file + " " + digest);
        let response = old ? await old.match(url) : undefined;
        if (!response) {
          response = await fetch(url, { cache: "no-cache" });
          if (!response.ok) throw new Error(url + ": " + response.status);
        }
        await cache.put(url, response);
      }
    }
    await Promise.all(Array.from({ length: AT_ONCE }, fetcher));
    await cache.put(MANIFEST, new Response(JSON.stringify(FILES),
                                           { headers: { "Content-Type": "application/json" } }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The cache is keyed by path: search.html?q=... is search.html, a folder its index.
    let key = url.origin + url.pathname;
    if (key.endsWith("/")) key += "index.html";
    const hit = await cache.match(key);
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === "navigate") {
        const home = await cache.match(href("index.html"));
        if (home) return home;
      }
      throw error;
    }
  })());
});
