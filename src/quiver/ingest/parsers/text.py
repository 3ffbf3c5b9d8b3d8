"""Plain text and Markdown (shown as text): decoded with the sniffed encoding, ~3000-character pages."""

from .base import Options, Parsed, chunk, clean_meta, limit_pages


def decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError):
        return data.decode("utf-8", "replace") if encoding != "cp1252" else data.decode("cp1252", "replace")


def parse(data: bytes, kind: str, options: Options, encoding: str = "utf-8") -> Parsed:
    text = decode(data, encoding)
    metadata = {"encoding": encoding.removesuffix("-sig")}
    if kind == "markdown":
        for line in text.splitlines()[:50]:
            if line.startswith("# "):
                metadata["title"] = line[2:].strip()[:300]
                break
    pages = chunk(text)
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=clean_meta(metadata))
