"""What every parser returns, and small text helpers shared by the parsers."""

import re
from dataclasses import dataclass, field

PAGE_CHARS = 3000
MAX_PAGE_CHARS = 200_000  # one page's text is cut beyond this


@dataclass
class Parsed:
    pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.page_count is None and self.pages:
            self.page_count = len(self.pages)


@dataclass(frozen=True)
class Options:
    max_pages: int = 2000
    libreoffice: str = ""  # configured soffice path; found on PATH when empty
    timeout: float = 55  # for helpers such as LibreOffice, below the sandbox's own wall-clock limit


_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+\n")


def tidy(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return _BLANKS.sub("\n\n", _SPACES.sub("\n", text)).strip()[:MAX_PAGE_CHARS]


def chunk(text: str, size: int = PAGE_CHARS) -> list[str]:
    """Split long text into ~size-character pages on paragraph (or line) boundaries."""
    text = (
        tidy(text)
        if len(text) <= MAX_PAGE_CHARS
        else "\n".join(tidy(text[i : i + MAX_PAGE_CHARS]) for i in range(0, len(text), MAX_PAGE_CHARS))
    )
    if len(text) <= size:
        return [text] if text else []
    pages, current = [], []
    length = 0
    for para in re.split(r"(\n\n|\n)", text):
        if length + len(para) > size and length:
            pages.append("".join(current).strip())
            current, length = [], 0
        while len(para) > size:  # one huge paragraph
            pages.append(para[:size])
            para = para[size:]
        current.append(para)
        length += len(para)
    if "".join(current).strip():
        pages.append("".join(current).strip())
    return pages


def limit_pages(pages: list[str], options: Options, metadata: dict, total: int | None = None) -> list[str]:
    total = len(pages) if total is None else total
    if total > options.max_pages:
        metadata["truncated"] = f"text of the first {options.max_pages} of {total} pages"
    return pages[: options.max_pages]


def iso(value) -> str:
    """A datetime (or anything) as a short string for metadata."""
    if value is None or value == "":
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:64]


def clean_meta(meta: dict) -> dict:
    out = {}
    for key, value in meta.items():
        if value in (None, "", [], {}):
            continue
        out[key] = value if isinstance(value, (int, float, bool, list, dict)) else str(value)[:500]
    return out
