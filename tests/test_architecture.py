"""Architecture: rules about which podium modules may use what, read from the source (ast).

ReportLab internals (private names, raw content-stream operators, podium's own state kept on
ReportLab's objects) are used only inside `podium.pdf`; everything else draws through its
public functions."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab

SRC = Path(__file__).resolve().parent.parent / "src"
"""The source tree (the package under test: the worktree's, not an installed one)."""
PDF_PACKAGE = "podium.pdf"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"

    @property
    def in_pdf(self) -> bool:
        return self.name == PDF_PACKAGE or self.name.startswith(PDF_PACKAGE + ".")

    @property
    def imports_reportlab(self) -> bool:
        return any(_top(module) == "reportlab" for module, _ in _imports(self.tree))


@cache
def podium_modules() -> tuple[Module, ...]:
    """Every module under src/podium, parsed."""
    out = []
    for path in sorted((SRC / "podium").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out.append(Module(name, path, ast.parse(path.read_bytes(), str(path))))
    return tuple(out)


def _private(name: str) -> bool:
    """One leading underscore: private by convention (dunders are Python's)."""
    return name.startswith("_") and not name.startswith("__")


def _top(module: str) -> str:
    return module.split(".")[0]


def _imports(tree: ast.AST) -> Iterator[tuple[str, ast.stmt]]:
    """(module, statement) of every import."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def own_private_names(tree: ast.AST) -> set[str]:
    """Private names a module defines as attributes of its own classes and objects:
    methods and class-level names (pydantic's PrivateAttr included), and `self._x` /
    `cls._x` assignments."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    names.update(t.id for t in item.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) \
                and _is_self(node.value):
            names.add(node.attr)
    return {name for name in names if _private(name)}


@cache
def podium_private_names() -> frozenset[str]:
    return frozenset().union(*(own_private_names(m.tree) for m in podium_modules()))


@cache
def reportlab_private_names() -> frozenset[str]:
    """Every private name ReportLab's own source uses (attributes, functions, variables):
    a name podium shares with it cannot be told apart from ReportLab's in a module that
    uses ReportLab."""
    names: set[str] = set()
    for path in Path(reportlab.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return frozenset(name for name in names if _private(name))


def foreign_private_uses(tree: ast.AST, *, imports_reportlab: bool,
                         podium_names: frozenset[str], reportlab_names: frozenset[str]
                         ) -> Iterator[tuple[ast.AST, str]]:
    """(node, what) of every use of another library's private name in one module:
    - an import of a private name or from a private module (`from reportlab.x import _y`);
    - an attribute `x._name` that podium does not define (see `own_private_names`); for
      objects other than `self`/`cls`, in a module that uses ReportLab, also one that
      ReportLab uses itself;
    - podium's state on others' objects: any attribute or string named `_podium_...`."""
    for module, statement in _imports(tree):
        if any(_private(part) for part in module.split(".")):
            yield statement, f"import from private module {module}"
        if isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if _private(alias.name) and _top(module) != "podium":
                    yield statement, f"from {module} import {alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            name = node.attr
            if name.startswith("_podium_"):
                yield node, f"podium attribute {name} on another object"
            elif name not in podium_names:
                yield node, f"{ast.unparse(node)}: not a name podium defines"
            elif imports_reportlab and name in reportlab_names and not _is_self(node.value):
                yield node, f"{ast.unparse(node)}: a private name of ReportLab too"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and node.value.startswith("_podium_"):
            yield node, f"podium attribute {node.value!r} named in a string"


# -- private names outside podium.pdf ----------------------------------------------------

def _violations() -> list[str]:
    podium_names, reportlab_names = podium_private_names(), reportlab_private_names()
    out = []
    for module in podium_modules():
        if not module.in_pdf:
            found = foreign_private_uses(module.tree, imports_reportlab=module.imports_reportlab,
                                         podium_names=podium_names,
                                         reportlab_names=reportlab_names)
            out += [f"{module.where(node)}: {what}"
                    for node, what in sorted(found, key=lambda f: getattr(f[0], "lineno", 0))]
    return out


def test_private_names_of_reportlab_and_others_are_used_only_in_podium_pdf() -> None:
    violations = _violations()
    assert not violations, "\n".join(["private names of others outside podium.pdf:",
                                       *violations])


def test_the_rule_tells_podiums_private_names_from_reportlabs() -> None:
    source = '''
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfbase.pdfmetrics import _fonts
from reportlab.pdfbase._fontdata import standardFonts

class Mine:
    _cached: int = 0
    def __init__(self):
        self._drawn = {}
    def _helper(self):
        return self._drawn, self._doc

def draw(canvas: Canvas, mine: Mine, item) -> None:
    canvas._code.append("0 g")
    mine._helper(), mine._cached, item.__class__
    mine._anchor
    setattr(canvas, "_podium_pieces", {})
    canvas._podium_shown = {}
'''
    found = sorted((getattr(node, "lineno", 0), what) for node, what in foreign_private_uses(
        ast.parse(source), imports_reportlab=True,
        podium_names=frozenset(own_private_names(ast.parse(source))) | {"_anchor"},
        reportlab_names=frozenset({"_code", "_doc", "_anchor", "_fonts"})))
    assert [what for _, what in found] == [
        "from reportlab.pdfbase.pdfmetrics import _fonts",
        "import from private module reportlab.pdfbase._fontdata",
        "self._doc: not a name podium defines",
        "canvas._code: not a name podium defines",
        "mine._anchor: a private name of ReportLab too",
        "podium attribute '_podium_pieces' named in a string",
        "podium attribute _podium_shown on another object",
    ]
