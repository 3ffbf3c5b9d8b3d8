"""Hostile file names are kept only as display text; they never become paths."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _valid_text(name: str) -> str:
    """Bytes that were not UTF-8 (kept as surrogates, e.g. from os.listdir) become U+FFFD: storable text."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def clean_filename(raw: str | None, fallback: str = "file") -> str:
    """A display name from a client's or a disk's file name: its last path segment, no control characters, no
    leading or trailing dots; `fallback` when nothing is left (empty, only dots, a bare path)."""
    name = unicodedata.normalize("NFC", _valid_text(raw or ""))
    parts = [part for part in name.replace("\\", "/").split("/") if part.strip(" .")]
    name = parts[-1] if parts else ""  # "reports/" is "reports"; "../.." and "" fall back
    name = _CONTROL.sub("", name).strip().strip(".")
    return (name or fallback)[:255]


def title_from_filename(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return re.sub(r"[_\-]+", " ", stem).strip()[:300] or name[:300]
