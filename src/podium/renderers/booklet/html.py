"""Templating stage of the booklet: the Jinja2 template and stylesheets, user's first.

A file called like a bundled one in the `templates/` folder beside the agenda replaces it
(`BuildContext.template_dirs` gives the order). Autoescaping is always on: agenda text is
data, never markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from podium.emoji import text_presentation
from podium.fonts import FontRegistry
from podium.renderers.booklet.view import BookletView, IndexEntry
from podium.templating import environment

TEMPLATE = "booklet.html.j2"
STYLESHEET = "booklet.css"

# The names the stylesheet uses; unique so that fontconfig can only match the bundled files
# (a system "Noto Sans" would otherwise be as good a match).
FAMILY_ALIASES = {"Noto Serif": "Podium Serif", "Noto Sans": "Podium Sans"}

PAPER_SIZES = {"A5": "A5 portrait", "A4": "A4 portrait", "Letter": "letter portrait"}


def find(template_dirs: list[Path], name: str) -> Path:
    """The first `name` in the template folders (the user's own before the bundled one)."""
    for folder in template_dirs:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"no {name} in {', '.join(str(d) for d in template_dirs)}")


def alias(family: str) -> str:
    return FAMILY_ALIASES.get(family, f"Podium {family}")


def font_faces(fonts: FontRegistry) -> str:
    """@font-face rules for every bundled face, by file URL; nothing else can be matched."""
    rules = []
    for face in fonts.faces:
        rules.append(
            f'@font-face {{ font-family: "{alias(face.family)}"; '
            f'src: url("{face.path.resolve().as_uri()}"); '
            f'font-weight: {700 if face.bold else 400}; '
            f'font-style: {"italic" if face.italic else "normal"}; }}')
    return "\n".join(rules) + "\n"


# A font-family declaration that names a bundled family, up to its end (; or }).
_FAMILY_DECLARATION = re.compile(
    r'(?P<value>\bfont-family\s*:[^;{}!]*"Podium (?:Sans|Serif)"[^;{}!]*?)(?P<end>\s*(?:!important\s*)?[;}])')


def with_fallbacks(css: str, fonts: FontRegistry) -> str:
    """`css` with the other bundled families (script, CJK and symbol fonts, in the registry's
    fallback order) added to every font-family that names "Podium Sans" or "Podium Serif".

    Pango falls back from the families a text asks for to the best font fontconfig knows:
    without them listed, a character Noto Sans lacks (≠, Arabic) is drawn with a system font
    (DejaVu) where the machine has one. A fontconfig alias cannot add them: one loaded into
    WeasyPrint's configuration was not applied to Pango's patterns (Pango 1.50, WeasyPrint 70)."""
    others = [alias(f) for f in fonts.families if f not in FAMILY_ALIASES]
    if not others:
        return css
    listed = "".join(f', "{name}"' for name in others)
    return _FAMILY_DECLARATION.sub(lambda m: m.group("value") + listed + m.group("end"), css)


def page_rules(paper: str, bleed_mm: float = 0.0) -> str:
    """The page size chosen in `print.paper` (and its bleed); the stylesheet sets the rest."""
    bleed = f" bleed: {bleed_mm:g}mm;" if bleed_mm else ""
    return f"@page {{ size: {PAPER_SIZES[paper]};{bleed} }}\n"


@dataclass(frozen=True)
class Source:
    """The booklet's HTML and the stylesheets that lay it out, in cascade order."""

    html: str
    base_dir: Path
    stylesheets: list[tuple[str, Path | None]]
    """(CSS text, file it came from) pairs."""


def continue_from(page: int) -> str:
    """Rules for a document whose first page is page `page` of the booklet: the page counter
    starts there, and an even page is a left-hand page."""
    side = "left" if page % 2 == 0 else "right"
    return f"@page :first {{ counter-set: page {page}; }}\nhtml {{ break-before: {side}; }}\n"


IndexPages = Callable[[IndexEntry], list[tuple[int, str]]]
"""For a person in the index: (page, anchor of their first item on it), in page order."""


def source(view: BookletView, template_dirs: list[Path], fonts: FontRegistry,
           paper: str, bleed_mm: float = 0.0, *, part: Literal["all", "body", "tail"] = "all",
           index_pages: IndexPages | None = None, first_page: int = 1) -> Source:
    """The booklet's HTML: all of it, or its `body` (cover and days) or its `tail` (index
    and back cover, printed from `first_page` on with the page numbers `index_pages` gives)."""
    env = environment(template_dirs)
    template = env.get_template(TEMPLATE)
    # Pango draws a character of emoji presentation (☕) only from a font called "emoji",
    # a system one: the text selector keeps it with the bundled monochrome fonts.
    html = text_presentation(template.render(b=view, paper=paper.lower(), part=part,
                                             index_pages=index_pages))
    css_path = find(template_dirs, STYLESHEET)
    base = Path(template.filename or css_path).resolve().parent
    extra = continue_from(first_page) if first_page > 1 else ""
    return Source(html=html, base_dir=base, stylesheets=[
        (font_faces(fonts), None),
        (with_fallbacks(css_path.read_text(encoding="utf-8"), fonts), css_path),
        (page_rules(paper, bleed_mm) + extra, None),
    ])
