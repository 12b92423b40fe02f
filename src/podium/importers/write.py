"""Import stage: agenda data written as readable, deterministic YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Quoted(str):
    """A string always written in double quotes (times: `"25:30"`, never a number)."""


class _Inline(list[str]):
    """A short list written on one line (`speakers: [p12, p34]`)."""


# libyaml's emitter writes a large agenda four times faster; both give the same text.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _inline(dumper: yaml.SafeDumper, value: _Inline) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(_Quoted, _quoted)
_Dumper.add_representer(_Inline, _inline)


def _styled(agenda: dict[str, Any]) -> dict[str, Any]:
    for day in agenda.get("days", []):
        day["date"] = _Quoted(day["date"])
        for item in day["items"]:
            for key in ("start", "end"):
                if key in item:
                    item[key] = _Quoted(item[key])
            if "speakers" in item:
                item["speakers"] = _Inline(item["speakers"])
    return agenda


def dump(agenda: dict[str, Any], header: str = "") -> str:
    """The agenda as YAML text: keys in schema order, times quoted, long text folded at 100."""
    text = yaml.dump(_styled(agenda), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    sections = text.replace("\nrooms:", "\n\nrooms:").replace("\npeople:", "\n\npeople:") \
        .replace("\ndays:", "\n\ndays:")
    return comment + sections


def write(agenda: dict[str, Any], path: Path, header: str = "") -> None:
    """Write atomically: a half-written agenda.yaml would be worse than none."""
    staged = path.with_name(f".{path.name}.tmp")
    staged.write_text(dump(agenda, header), encoding="utf-8", newline="\n")
    staged.replace(path)
