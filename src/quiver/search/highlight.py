"""Snippets as escaped HTML: only <mark> is ever produced; everything from the document is escaped."""

from html import escape

START, STOP = "\x02", "\x03"  # sentinels an engine wraps around matches (never in cleaned document text)


def best_fragment(text: str, spans: list[tuple[int, int]], size: int = 180) -> str:
    """Escaped HTML of the ~`size`-character stretch of `text` holding the most matched character spans."""
    spans = sorted(spans)
    best, best_count, j = 0, 0, 0
    for i, (start, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + size:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    first = spans[best][0]
    lo = max(0, first - size // 4)
    lo = text.rfind(" ", 0, lo) + 1 if lo > 0 else 0
    hi = text.find(" ", lo + size)
    hi = len(text) if hi < 0 else hi
    out, pos = ["…" if lo else ""], lo
    for start, end in spans:
        if start < pos or end > hi:
            continue
        out.append(escape(text[pos:start]) + "<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:hi]) + (" …" if hi < len(text) else ""))
    return "".join(out)


def mark_sentinels(text: str) -> str:
    """Escape `text` in which matches are wrapped in START/STOP sentinels (PostgreSQL ts_headline)."""
    out = escape(text.replace(START, "\x00s").replace(STOP, "\x00e"))
    return out.replace("\x00s", "<mark>").replace("\x00e", "</mark>")


_CONTROL = dict.fromkeys(range(32), " ")


def clean_text(text: str) -> str:
    """Document text as indexed: sentinel and control characters removed, whitespace collapsed."""
    return " ".join((text or "").translate(_CONTROL).split())


def plain_excerpt(text: str, chars: int = 200) -> str:
    text = clean_text(text)
    if len(text) > chars:
        text = text[:chars].rsplit(" ", 1)[0] + " …"
    return escape(text)
