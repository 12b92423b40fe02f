"""Serving stage: the local web server, the built site as it is (with a reload script and the
last edit's errors added to each page as it is sent), the preview page of every PDF, and a
long-poll that answers when a rebuild is done."""

from __future__ import annotations

import html
import json
import mimetypes
import posixpath
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from podium.serve.previews import Previews
from podium.serve.session import Session

PREFIX = "/_podium/"
WAIT_SECONDS = 20.0
"""How long one long-poll waits before it answers 'nothing new' (and the browser asks again)."""

LIVE_JS = """\
(() => {
  let seen = document.documentElement.dataset.podiumVersion;
  async function poll() {
    for (;;) {
      try {
        const r = await fetch("/_podium/wait?v=" + seen, {cache: "no-store"});
        const state = await r.json();
        if (String(state.version) !== String(seen)) { location.reload(); return; }
      } catch (e) {
        await new Promise(done => setTimeout(done, 1000));  // the server restarts or stops
      }
    }
  }
  poll();
})();
"""

NO_SERVICE_WORKER = """\
// podium serve: the published site's service worker would keep pages from reloading after an
// edit; this one takes its place, lets go and leaves every request to the network.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", () => self.registration.unregister());
"""

LIVE_CSS = """\
#podium-errors { position: fixed; inset: 0 0 auto 0; z-index: 2147483647; margin: 0;
  padding: .75rem 1rem; background: #7f1d1d; color: #fff; font: 14px/1.4 monospace;
  white-space: pre-wrap; max-height: 50vh; overflow: auto; }
#podium-errors strong { display: block; font: bold 15px/1.4 sans-serif; margin-bottom: .25rem; }
"""

PREVIEW_CSS = """\
body { margin: 0; font: 14px/1.4 sans-serif; background: #e5e5e5; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); height: 100vh; }
iframe { width: 100%; height: 100%; border: 0; background: #fff; }
.pdfs { overflow: auto; padding: 1rem; }
h2 { font-size: 15px; margin: 1.25rem 0 .5rem; }
h2 a { color: inherit; }
.pages { display: flex; flex-wrap: wrap; gap: .5rem; }
.pages img { width: 280px; height: auto; background: #fff; box-shadow: 0 1px 3px #0004; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; height: auto; }
  iframe { height: 80vh; } }
"""


def _banner(session: Session) -> str:
    if not session.errors:
        return ""
    lines = "\n".join(html.escape(e) for e in session.errors)
    n = len(session.errors)
    shown = "this is the last good build" if session.built else "nothing is built yet"
    return (f'<pre id="podium-errors" role="alert"><strong>{n} error{"s" * (n != 1)} in '
            f'{html.escape(session.agenda.name)}: {shown}; fix and save to rebuild.</strong>'
            f'{lines}</pre>')


def _live(session: Session, page: str) -> str:
    """A page as the browser gets it: the version it shows, the script, the errors."""
    tags = (f'<link rel="stylesheet" href="{PREFIX}live.css">'
            f'<script src="{PREFIX}live.js" defer></script>')
    page = re.sub(r"<html\b", f'<html data-podium-version="{session.version}"', page, count=1)
    page = page.replace("</head>", tags + "</head>", 1) if "</head>" in page else tags + page
    m = re.search(r"<body\b[^>]*>", page)
    at = m.end() if m else 0
    return page[:at] + _banner(session) + page[at:]


def preview_page(session: Session, previews: Previews) -> str:
    parts = []
    for name in session.pdfs():
        found = previews.pages(session.out_dir / name)
        if found is None:
            continue
        v, count = found
        q = html.escape(name)
        imgs = "".join(f'<img loading="lazy" alt="{q}, page {i + 1}" '
                       f'src="{PREFIX}page/{q}/{i + 1}.png?v={v.tag}">' for i in range(count))
        parts.append(f'<section><h2><a href="{PREFIX}pdf/{q}?v={v.tag}">{q}</a>: '
                     f'{count} page{"s" * (count != 1)}</h2><div class="pages">{imgs}</div>'
                     "</section>")
    body = "".join(parts) or "<p>No PDF built yet.</p>"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>podium preview'
            f'</title><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="{PREFIX}preview.css"></head><body><main>'
            f'<iframe src="/" title="online agenda"></iframe><div class="pdfs">{body}</div>'
            "</main></body></html>")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, session: Session, port: int) -> None:
        self.session = session
        self.previews = Previews()
        super().__init__(("127.0.0.1", port), Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that reloads or closes drops its requests (the long-poll above all): not
        # news for the terminal. Anything else is a bug worth its traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for the build's news

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        session = self.server.session
        if path.startswith(PREFIX) or path + "/" == PREFIX:
            self._podium(path.removeprefix(PREFIX.rstrip("/")).strip("/"), parse_qs(url.query))
            return
        self._site(session, path)

    def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _html(self, page: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(_live(self.server.session, page).encode("utf-8"), "text/html; charset=utf-8",
                   status)

    def _podium(self, what: str, query: dict[str, list[str]]) -> None:
        session = self.server.session
        if what == "":
            self._html(preview_page(session, self.server.previews))
        elif what == "wait":
            seen = int(query.get("v", ["-1"])[0]) if query.get("v", [""])[0].isdigit() else -1
            version = session.wait(seen, WAIT_SECONDS)
            self._send(json.dumps({"version": version}).encode(), "application/json")
        elif what == "state":
            state = {"version": session.version, "errors": session.errors,
                     "building": session.building, "pdfs": session.pdfs()}
            self._send(json.dumps(state).encode(), "application/json")
        elif what in ("live.js", "live.css", "preview.css"):
            text = {"live.js": LIVE_JS, "live.css": LIVE_CSS, "preview.css": PREVIEW_CSS}[what]
            kind = "text/javascript" if what.endswith(".js") else "text/css"
            self._send(text.encode(), f"{kind}; charset=utf-8")
        elif m := re.fullmatch(r"page/([^/]+\.pdf)/(\d+)\.png", what):
            name, number = m.group(1), int(m.group(2))
            image = (self.server.previews.image(session.out_dir / name, number - 1)
                     if name in session.pdfs() else None)
            if image is None:
                self._send(b"no such page", "text/plain", HTTPStatus.NOT_FOUND)
            else:
                self._send(image, "image/png")
        elif (m := re.fullmatch(r"pdf/([^/]+\.pdf)", what)) and m.group(1) in session.pdfs():
            self._send((session.out_dir / m.group(1)).read_bytes(), "application/pdf")
        else:
            self._send(b"not found", "text/plain", HTTPStatus.NOT_FOUND)

    def _site(self, session: Session, path: str) -> None:
        if path == "/sw.js":
            self._send(NO_SERVICE_WORKER.encode(), "text/javascript; charset=utf-8")
            return
        root = session.out_dir / "site"
        rel = posixpath.normpath(path).lstrip("/")
        if rel.startswith("..") or "\x00" in rel:
            self._send(b"not found", "text/plain", HTTPStatus.NOT_FOUND)
            return
        target = root / rel if rel not in ("", ".") else root
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file():
            if not root.is_dir():
                self._html('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                           "<title>podium</title></head><body><p>No site built yet.</p>"
                           "</body></html>")
            else:
                self._html('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                           "<title>Not found</title></head><body><p>Not found.</p></body>"
                           "</html>", HTTPStatus.NOT_FOUND)
            return
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            self._html(data.decode("utf-8", "replace"))
        else:
            self._send(data, kind if not kind.startswith("text/") else f"{kind}; charset=utf-8")
