"""Hostile file names are kept only as display text; they never become paths."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_filename(raw: str | None, fallback: str = "file") -> str:
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = _CONTROL.sub("", name).strip().strip(".")
    return (name or fallback)[:255]


def title_from_filename(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return re.sub(r"[_\-]+", " ", stem).strip()[:300] or name[:300]
