"""Benchmark stage (an experiment, no switch): the booklet's programme set by WeasyPrint, by
Typst and by ReportLab platypus, time per page side by side in one run.

    PYTHONPATH=src python bench/booklet_engines.py [SESSIONS] [--keep DIR]   (default: 100)

Needs `pip install typst` (not a podium dependency). The programme is bench/booklet.py's
generated agenda with SESSIONS sessions (a break after every two), and the seed. Each engine
sets the same content from podium's own booklet view (day headings, then per item: number
and title, time and room, chair and speakers with their roles, background, questions) on A5
in the bundled Noto Sans, hyphenated, through its own means:
- weasyprint: that content as plain HTML + CSS (the same engine podium uses), and again
  with `pdf_tags` (a tagged PDF, as Typst writes by default);
- typst: Typst markup, compiled by the `typst` package with only the bundled fonts;
- platypus: Paragraphs in a SimpleDocTemplate, hyphenated with pyphen;
and, for scale, podium's real booklet (cover, at-a-glance pages, QR codes, the index with
page numbers) through WeasyPrint, as `podium build --only booklet` makes programme.pdf.
Times are CPU seconds, best of 3 (the machine is shared); with --keep the PDFs are kept to
be looked at."""

from __future__ import annotations

import argparse
import html
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pikepdf  # noqa: E402
import yaml  # noqa: E402
from booklet import generated_agenda  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from podium.load import Programme, load  # noqa: E402
from podium.present import Appearance  # noqa: E402
from podium.renderers.booklet.view import BookletView, ItemView, booklet_view  # noqa: E402
from podium.resources import fonts_dir  # noqa: E402


def _people(item: ItemView) -> list[tuple[str, str, str]]:
    """(label, name, affiliation) of each chair and speaker."""
    out = []
    for label, group in (("Chair", item.chairs), (item.speakers_label, item.speakers)):
        for a in group:
            out.append((label, a.person.name, _affiliation(a)))
    return out


def _affiliation(a: Appearance) -> str:
    return a.affiliation


def _paragraphs(item: ItemView) -> list[str]:
    return ["".join(part) for part in item.background]


# -- WeasyPrint ---------------------------------------------------------------------------

CSS_TEXT = """
@page { size: A5; margin: 16mm 14mm 18mm; @bottom-center { content: counter(page); font-size: 8pt; } }
body { font-family: 'Noto Sans'; font-size: 9.5pt; line-height: 1.35; hyphens: auto; }
h1 { font-size: 16pt; break-before: page; margin: 0 0 4mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1mm; break-after: avoid; }
.when { font-weight: bold; color: #555; margin: 0; }
.who { margin: 1mm 0; } p { margin: 0 0 1.5mm; text-align: justify; }
ol { margin: 1mm 0 0 5mm; padding: 0; }
"""


def as_html(view: BookletView) -> str:
    e = html.escape
    out = [f"<html lang='{view.language}'><head><meta charset='utf-8'><title>{e(view.title)}"
           "</title></head><body>"]
    for day in view.days:
        out.append(f"<h1>{e(day.long_date)}</h1>")
        for item in day.items:
            out.append(f"<h2>{e(item.heading)}</h2><p class='when'>{e(item.times)}"
                       f"{' · ' + e(item.room) if item.room else ''}</p>")
            for label, name, aff in _people(item):
                out.append(f"<p class='who'><b>{e(label)}:</b> {e(name)}, {e(aff)}</p>")
            out += [f"<p>{e(p)}</p>" for p in _paragraphs(item)]
            if item.questions:
                out.append(f"<p><b>{e(item.questions_label)}</b></p><ol>"
                           + "".join(f"<li>{e(q)}</li>" for q in item.questions) + "</ol>")
    return "".join(out) + "</body></html>"


def weasyprint_pdf(view: BookletView, tags: bool = False) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fc = FontConfiguration()
    faces = "".join(f"@font-face {{ font-family: 'Noto Sans'; src: url('{p.as_uri()}'); "
                    f"font-weight: {'bold' if 'Bold' in p.name else 'normal'}; }}"
                    for p in sorted(fonts_dir().glob("NotoSans-*.ttf"))
                    if p.stem in ("NotoSans-Regular", "NotoSans-Bold"))
    pdf: bytes = HTML(string=as_html(view)).write_pdf(
        stylesheets=[CSS(string=faces + CSS_TEXT, font_config=fc)], font_config=fc,
        pdf_tags=tags)
    return pdf


# -- Typst --------------------------------------------------------------------------------

def _t(text: str) -> str:
    """`text` as Typst markup: every character that means something escaped."""
    return "".join("\\" + c if c in "\\#*_`$<>@=-+/[]~'\"" else c for c in text)


TYPST_HEAD = """
#set document(title: [{title}])
#set page(paper: "a5", margin: (x: 14mm, top: 16mm, bottom: 18mm),
          footer: context align(center, text(size: 8pt, counter(page).display())))
#set text(font: "Noto Sans", size: 9.5pt, lang: "{lang}", hyphenate: true)
#set par(justify: true, leading: 0.55em, spacing: 0.6em)
#show heading.where(level: 1): it => {{ pagebreak(weak: true); text(size: 16pt, it.body) }}
#show heading.where(level: 2): set text(size: 11.5pt)
"""


def as_typst(view: BookletView) -> str:
    out = [TYPST_HEAD.format(title=_t(view.title), lang=view.language[:2])]
    for day in view.days:
        out.append(f"= {_t(day.long_date)}\n")
        for item in day.items:
            room = f" · {_t(item.room)}" if item.room else ""
            out.append(f"== {_t(item.heading)}\n#text(weight: \"bold\", fill: luma(85))"
                       f"[{_t(item.times)}{room}]\n")
            for label, name, aff in _people(item):
                out.append(f"*{_t(label)}:* {_t(name)}, {_t(aff)}\n")
            out += [f"{_t(p)}\n" for p in _paragraphs(item)]
            if item.questions:
                out.append(f"*{_t(item.questions_label)}*\n")
                out += [f"+ {_t(q)}" for q in item.questions]
                out.append("")
    return "\n".join(out)


def typst_pdf(view: BookletView) -> bytes:
    import typst

    pdf: bytes = typst.compile(  # type: ignore[misc]
        as_typst(view).encode(), font_paths=[str(fonts_dir())], ignore_system_fonts=True)
    return pdf


# -- ReportLab platypus -------------------------------------------------------------------

def platypus_pdf(view: BookletView) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, PageBreak, Paragraph, SimpleDocTemplate

    for name, file in (("Noto", "NotoSans-Regular.ttf"), ("Noto-Bold", "NotoSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / file)))
    pdfmetrics.registerFontFamily("Noto", normal="Noto", bold="Noto-Bold", italic="Noto",
                                  boldItalic="Noto-Bold")
    lang = "en_GB" if view.language.startswith("en") else view.language[:2]
    body = ParagraphStyle("body", fontName="Noto", fontSize=9.5, leading=12.8, alignment=4,
                          spaceAfter=4, hyphenationLang=lang, embeddedHyphenation=1)
    h1 = ParagraphStyle("h1", parent=body, fontName="Noto-Bold", fontSize=16, leading=20,
                        alignment=0, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=body, fontName="Noto-Bold", fontSize=11.5, leading=14,
                        alignment=0, spaceBefore=12, keepWithNext=1)
    when = ParagraphStyle("when", parent=body, fontName="Noto-Bold", alignment=0,
                          textColor="#555555")
    e = html.escape
    story: list[object] = []
    for d, day in enumerate(view.days):
        if d:
            story.append(PageBreak())
        story.append(Paragraph(e(day.long_date), h1))
        for item in day.items:
            story.append(Paragraph(e(item.heading), h2))
            story.append(Paragraph(e(item.times) + (f" · {e(item.room)}" if item.room else ""),
                                   when))
            for label, name, aff in _people(item):
                story.append(Paragraph(f"<b>{e(label)}:</b> {e(name)}, {e(aff)}", body))
            story += [Paragraph(e(p), body) for p in _paragraphs(item)]
            if item.questions:
                story.append(Paragraph(f"<b>{e(item.questions_label)}</b>", body))
                story.append(ListFlowable([Paragraph(e(q), body) for q in item.questions],
                                          bulletType="1", bulletFontName="Noto"))

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont("Noto", 8)  # type: ignore[attr-defined]
        canvas.drawCentredString(A5[0] / 2, 10 * mm, str(doc.page))  # type: ignore[attr-defined]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A5, leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm, title=view.title,
                            invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


# -- the run ------------------------------------------------------------------------------

def podium_pdf(programme: Programme, out: Path) -> Callable[[BookletView], bytes]:
    from podium.pipeline import build

    def run(view: BookletView) -> bytes:
        build(programme, out, ["booklet"], jobs=1)
        return (out / "programme.pdf").read_bytes()
    return run


def best_cpu(fn: Callable[[], bytes], runs: int = 3) -> tuple[float, bytes]:
    best, pdf = float("inf"), b""
    for _ in range(runs):
        c0 = time.process_time()
        pdf = fn()
        best = min(best, time.process_time() - c0)
    return best, pdf


def compare(name: str, programme: Programme, work: Path, keep: Path | None) -> None:
    view = booklet_view(programme.agenda)
    engines: dict[str, Callable[[BookletView], bytes]] = {
        "weasyprint": weasyprint_pdf, "weasyprint tags": lambda v: weasyprint_pdf(v, True),
        "typst": typst_pdf, "platypus": platypus_pdf,
        "podium booklet": podium_pdf(programme, work / f"{name}-podium")}
    for engine in engines.values():  # imports, font loading: paid once, not timed
        engine(view)
    rows = {}
    for label, engine in engines.items():
        seconds, pdf = best_cpu(lambda engine=engine: engine(view))  # type: ignore[misc]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        with pikepdf.open(io.BytesIO(pdf)) as opened:
            tagged = "/StructTreeRoot" in opened.Root
        rows[label] = (seconds, pages, tagged)
        if keep is not None:
            (keep / f"{name}-{label.replace(' ', '-')}.pdf").write_bytes(pdf)
    items = sum(len(d.items) for d in view.days)
    print(f"\n{name}: {items} items; CPU s, best of 3")
    base = rows["weasyprint"][0] / rows["weasyprint"][1]
    for label, (seconds, pages, tagged) in rows.items():
        per = seconds / pages
        print(f"  {label:<15} {seconds:6.2f} s  {pages:4d} pages  {per * 1000:6.1f} ms/page  "
              f"{base / per:5.1f}x WeasyPrint's speed per page"
              f"{'  (tagged PDF)' if tagged else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", type=int, nargs="?", default=100)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="podium-engines-") as tmp:
        work = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
        compare("seed", load(ROOT / "agenda.yaml"), work, args.keep)
        path = work / "generated" / "agenda.yaml"
        path.parent.mkdir()
        items = args.sessions * 3 // 2
        path.write_text(yaml.safe_dump(generated_agenda(items), allow_unicode=True),
                        encoding="utf-8")
        compare(f"{args.sessions} sessions", load(path), work, args.keep)


if __name__ == "__main__":
    main()
