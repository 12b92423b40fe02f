"""Loading stage: files the agenda names must lie inside its folder (unless allowed)."""

from __future__ import annotations

from pathlib import Path


def outside(base: Path, rel: str) -> str | None:
    """Why the file `rel` (as written in the agenda) is not inside the folder `base`, links
    followed; None if it is. An agenda from someone else must not make a build read (and
    print, or publish) /etc/passwd or ~/.ssh: a person who wants that gives --allow-outside."""
    path = base / rel
    try:
        real, root = path.resolve(), base.resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL or a loop of links: not found, later
        return None
    if real.is_relative_to(root):
        return None
    plain = Path(rel).is_absolute() or ".." in Path(rel).parts
    how = f"'{rel}' is" if plain else f"'{rel}' leads to {real},"
    return (f"{how} outside the agenda's folder ({root}); put the file there, "
            "or give --allow-outside to read files anywhere")
