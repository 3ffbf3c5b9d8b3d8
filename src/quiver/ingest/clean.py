"""Text fit for any database, applied where parser output enters the pipeline (so every parser benefits).

PostgreSQL refuses NUL in text and JSON; UTF-8 (SQLite, the child's data-only transport) refuses lone surrogates,
which RTF `\\u` escapes, UTF-16 text and broken PDFs all produce. Surrogate pairs are joined into their character;
lone surrogates and NUL are removed."""

import re

_UNSAFE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    if not _UNSAFE.search(text):
        return text
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return text.replace("\x00", "")


def clean(value, depth: int = 0):
    """The same value with every string cleaned (in lists and dicts, keys too); other values as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if depth > 50:
        return value
    if isinstance(value, (list, tuple)):
        return [clean(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean(key, depth + 1): clean(item, depth + 1) for key, item in value.items()}
    return value
