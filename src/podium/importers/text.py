"""Import stage: abstracts in HTML or Markdown turned into plain-text paragraphs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

BULLET = "•"

# Tags after which a new paragraph starts; everything else is inline.
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
          "blockquote", "table", "tr", "dd", "dt", "dl", "hr", "section", "article", "figure"}
_SKIP = {"script", "style", "head", "title"}
_HTML_TAG = re.compile(r"</?(p|br|div|ul|ol|li|a|em|strong|b|i|u|h[1-6]|pre|code|blockquote|span|img|table)"
                       r"\b[^>]*>", re.IGNORECASE)


def clean_line(text: str) -> str:
    """One line of text: whitespace runs (CR, LF, tabs, no-break spaces) become one space."""
    return " ".join(text.split())


def looks_like_html(text: str) -> bool:
    """True when the text holds HTML tags (FOSDEM/pentabarf); otherwise it is read as Markdown."""
    return bool(_HTML_TAG.search(text))


def to_paragraphs(text: str | None) -> list[str]:
    """HTML or Markdown to a list of plain-text paragraphs (list items become `• item`)."""
    if not text or not text.strip():
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html_paragraphs(text) if looks_like_html(text) else markdown_paragraphs(text)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.lists: list[list[int]] = []  # one counter per open <ol>, [-1] per <ul>

    def flush(self) -> None:
        line = clean_line("".join(self.current))
        if line and line != BULLET:
            self.paragraphs.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.flush()
        if tag == "ul":
            self.lists.append([-1])
        elif tag == "ol":
            self.lists.append([0])
        elif tag == "li":
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                self.current.append(f"{counter[0]}. ")
            else:
                self.current.append(f"{BULLET} ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)


def html_paragraphs(text: str) -> list[str]:
    """Block elements end paragraphs; links keep their text; entities are decoded."""
    parser = _TextCollector()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.paragraphs


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_STAR = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_MD_EM_UNDER = re.compile(r"(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])")
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`+([^`]+)`+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_MD_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")


def markdown_inline(text: str) -> str:
    """Markdown inline syntax removed: links keep their text, emphasis its words."""
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM_STAR.sub(r"\1", text)
    text = _MD_EM_UNDER.sub(r"\1", text)
    text = _MD_STRIKE.sub(r"\1", text)
    # Markdown may carry inline HTML and entities (pretalx allows both).
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    return clean_line(html.unescape(text.replace("\\", "")))


def markdown_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks join (as Markdown renders them);
    headings and list items become paragraphs of their own."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = markdown_inline(" ".join(current))
        if line:
            out.append(line)
        current.clear()

    for raw in text.split("\n"):
        line = _MD_QUOTE.sub("", raw)
        if not line.strip() or _MD_RULE.match(line) or _MD_REF_DEF.match(line):
            flush()
            continue
        if _MD_SETEXT.match(line) and current:
            flush()  # the line above was a heading
            continue
        heading = _MD_HEADING.match(line)
        bullet = _MD_BULLET.match(line)
        number = _MD_NUMBER.match(line)
        if heading:
            flush()
            current.append(heading.group(1))
            flush()
        elif bullet:
            flush()
            current.append(f"{BULLET} {bullet.group(1)}")
        elif number:
            flush()
            current.append(f"{number.group(1)}. {number.group(2)}")
        else:
            current.append(line.strip())
    flush()
    return out
