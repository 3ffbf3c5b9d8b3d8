"""Snippets as escaped HTML: only <mark> is ever produced; everything from the document is escaped."""

from html import escape

START, STOP = "\x02", "\x03"  # sentinels an engine wraps around matches (never in cleaned document text)


def mark_ranges(text: str, byte_ranges: list[tuple[int, int]]) -> str:
    """Escape `text`, wrapping the UTF-8 byte ranges in <mark>."""
    data = text.encode("utf-8")
    out, pos = [], 0
    for start, end in sorted(byte_ranges):
        if start < pos or end <= start:
            continue
        out.append(escape(data[pos:start].decode("utf-8", "replace")))
        out.append("<mark>" + escape(data[start:end].decode("utf-8", "replace")) + "</mark>")
        pos = end
    out.append(escape(data[pos:].decode("utf-8", "replace")))
    return "".join(out)


def mark_sentinels(text: str) -> str:
    """Escape `text` in which matches are wrapped in START/STOP sentinels (PostgreSQL ts_headline)."""
    out = escape(text.replace(START, "\x00s").replace(STOP, "\x00e"))
    return out.replace("\x00s", "<mark>").replace("\x00e", "</mark>")


_CONTROL = {code: " " for code in range(32)}


def clean_text(text: str) -> str:
    """Document text as indexed: sentinel and control characters removed, whitespace collapsed."""
    return " ".join((text or "").translate(_CONTROL).split())


def plain_excerpt(text: str, chars: int = 200) -> str:
    text = clean_text(text)
    if len(text) > chars:
        text = text[:chars].rsplit(" ", 1)[0] + " …"
    return escape(text)
