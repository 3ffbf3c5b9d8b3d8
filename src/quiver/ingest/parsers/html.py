"""HTML: visible text with selectolax (script, style and other non-content dropped); never rendered."""

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .base import Options, Parsed, chunk, clean_meta, limit_pages
from .text import decode

_JS = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
DROP = "script, style, noscript, template, iframe, object, embed, svg, head"


def is_active(tree) -> bool:
    """Scripts, embedded objects, event handlers or javascript: links (the UI serves originals as attachments)."""
    if tree.css_first("script, iframe, object, embed, applet, frame") is not None:
        return True
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            if name.lower().startswith("on") or (value and _JS.match(value)):
                return True
    return False


def html_text(markup: str, flags: dict | None = None) -> tuple[str, str]:
    """(title, text) of an HTML document; `flags["active_content"]` is set when a dict is given."""
    tree = HTMLParser(markup)
    if flags is not None:
        flags["active_content"] = is_active(tree)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else ""
    for node in tree.css(DROP):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(separator="\n", strip=True) if root is not None else ""
    return title, text


def parse(data: bytes, kind: str, options: Options, encoding: str = "utf-8") -> Parsed:
    flags: dict = {}
    title, text = html_text(decode(data, encoding), flags)
    pages = chunk(text)
    metadata = clean_meta({"title": title[:300], "encoding": encoding.removesuffix("-sig")})
    metadata["active_content"] = flags["active_content"]
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)
