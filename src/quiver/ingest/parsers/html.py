"""HTML: visible text with selectolax (script, style and other non-content dropped); never rendered."""

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .base import Options, Parsed, chunk, clean_meta, limit_pages
from .text import decode

KINDS = {"html"}
DROP = "script, style, noscript, template, iframe, object, embed, svg, head"


def score(kind: str) -> int:
    return 10 if kind in KINDS else 0


def html_text(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML document."""
    tree = HTMLParser(markup)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else ""
    for node in tree.css(DROP):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(separator="\n", strip=True) if root is not None else ""
    return title, text


def parse(data: bytes, kind: str, options: Options, encoding: str = "utf-8") -> Parsed:
    title, text = html_text(decode(data, encoding))
    pages = chunk(text)
    metadata = clean_meta({"title": title[:300], "encoding": encoding.removesuffix("-sig")})
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)
