"""Import stage: agenda data written as readable, deterministic YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from podium import values
from podium.yamlsource import plain_value

# Plain scalars that some YAML reader takes for something other than text: YAML 1.1 and 1.2
# numbers (leading zeros, 0x, 0o, 1e5, 1_000, 1:30, .inf), booleans (yes, no, on, off, y, n)
# and nulls. PyYAML's emitter quotes only what its own 1.1 resolver would misread; a guid's
# first eight digits (`09977609`) are not a 1.1 number but are one to podium's reader.
_AMBIGUOUS = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+|[-+]?0[bB][01_]+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|(?i:y|n|yes|no|on|off|true|false|null|~)"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?", re.ASCII)


def needs_quotes(text: str) -> bool:
    """Whether `text`, written plain, would be read back as anything but this very text."""
    return plain_value(text) != text or bool(_AMBIGUOUS.fullmatch(text)) or text != text.strip()


class _Quoted(str):
    """A string always written in double quotes (times: `"25:30"`, never a number)."""


class _Inline(list[str]):
    """A short list written on one line (`speakers: [p12, p34]`)."""


# libyaml's emitter writes a large agenda four times faster; both give the same text.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style='"' if needs_quotes(value) else None)


def _inline(dumper: yaml.SafeDumper, value: _Inline) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Quoted, _quoted)
_Dumper.add_representer(_Inline, _inline)


def _styled(agenda: dict[str, Any]) -> dict[str, Any]:
    for day in agenda.get("days", []):
        day["date"] = _Quoted(day["date"])
        for item in day["items"]:
            for key in ("start", "end"):
                if key in item:
                    item[key] = _Quoted(item[key])
            for key in ("chair", "speakers"):
                if isinstance(item.get(key), list):
                    item[key] = _Inline(item[key])
    return agenda


def dump(agenda: dict[str, Any], header: str = "") -> str:
    """The agenda as YAML text: keys in schema order, times quoted, long text folded at 100."""
    text = yaml.dump(_styled(agenda), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    sections = text.replace("\nrooms:", "\n\nrooms:").replace("\ntracks:", "\n\ntracks:") \
        .replace("\npeople:", "\n\npeople:") \
        .replace("\ndays:", "\n\ndays:")
    placeholder = f"\n  url: {values.PLACEHOLDER_URL}\n"
    if placeholder in sections:
        sections = sections.replace(placeholder, f"\n  url: {values.PLACEHOLDER_URL}  # {_URL_TODO}\n", 1)
    return comment + sections


_URL_TODO = ("CHANGE ME: the address where you will publish build/site/; every QR code "
             "points there (podium check warns until it is set)")


def write(agenda: dict[str, Any], path: Path, header: str = "") -> None:
    """Write atomically: a half-written agenda.yaml would be worse than none."""
    # `-o events/2025/agenda.yaml` into a folder not made yet: make it, as an editor would.
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.tmp")
    try:
        staged.write_text(dump(agenda, header), encoding="utf-8", newline="\n")
        staged.replace(path)
    finally:
        staged.unlink(missing_ok=True)
