"""Docs stage: the picture of the online agenda in docs/img/site.png (phone and desktop).

    PYTHONPATH=src python docs/site_screenshot.py [agenda.yaml] [docs/img/site.png]

Builds the site into a temporary folder, opens it in Debian's headless Chromium at 360 and
1280 px wide, and puts the two views side by side in one small palette PNG."""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from podium.pipeline import build
from podium.load import load

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shoot(url: str, width: int, height: int) -> Image.Image:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        page.evaluate("document.fonts.ready")
        png = page.screenshot()
        browser.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def main() -> None:
    agenda = Path(sys.argv[1] if len(sys.argv) > 1 else "agenda.yaml")
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img/site.png")
    with tempfile.TemporaryDirectory() as tmp:
        build(load(agenda), Path(tmp), ["site"])
        index = (Path(tmp) / "site/index.html").as_uri()
        phone = shoot(index + "#session-3", 360, 740)
        desktop = shoot(index, 1280, 800)
    scale = phone.height / desktop.height
    desktop = desktop.resize((round(desktop.width * scale), phone.height), Image.LANCZOS)
    gap = 24
    sheet = Image.new("RGB", (phone.width + gap + desktop.width + 2 * gap, phone.height + 2 * gap),
                      "#d9dee6")
    sheet.paste(phone, (gap, gap))
    sheet.paste(desktop, (2 * gap + phone.width, gap))
    sheet = sheet.resize((sheet.width * 3 // 4, sheet.height * 3 // 4), Image.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
