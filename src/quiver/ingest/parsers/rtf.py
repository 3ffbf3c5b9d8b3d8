"""RTF: text with striprtf."""

from striprtf.striprtf import rtf_to_text

from .base import Options, Parsed, chunk, limit_pages


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    text = rtf_to_text(data.decode("cp1252", "replace"), errors="ignore")
    pages = chunk(text)
    metadata: dict = {}
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)
