"""SVG: parsed with defusedxml (no entities, no external references), never executed or rendered. Scripts,
event handlers and javascript: links are recorded as `active_content` so the UI only serves it as an attachment."""

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import IngestError
from .base import Options, Parsed, chunk, clean_meta, limit_pages
from .text import decode

ACTIVE_TAGS = {"script", "foreignobject", "handler", "iframe", "embed", "object"}
_JS = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]")
_RAW_ACTIVE = re.compile(r"<\s*script|<\s*foreignobject|\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE)


class UnsafeXml(IngestError):
    prefix = "unsafe XML"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def is_active(root) -> bool:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) in ACTIVE_TAGS:
            return True
        for attr, value in element.attrib.items():
            name = _local(attr)
            if name.startswith("on"):
                return True
            if name in ("href", "src", "action", "formaction", "from", "to", "values") and _JS.match(
                _CONTROL.sub("", value)
            ):
                return True
    return False


def parse(data: bytes, kind: str, options: Options, encoding: str = "utf-8") -> Parsed:
    try:
        root = fromstring(
            decode(data, encoding).lstrip("\ufeff").encode("utf-8"),
            forbid_dtd=False,
            forbid_entities=True,
            forbid_external=True,
        )
    except DefusedXmlException as exc:
        raise UnsafeXml(type(exc).__name__.replace("Forbidden", " forbidden").lower()) from None
    except (ParseError, ValueError) as exc:
        # not well-formed: no browser renders it as SVG, but judge its raw text conservatively all the same
        text = decode(data, encoding)
        return Parsed(
            pages=[],
            page_count=None,
            metadata={
                "active_content": bool(_RAW_ACTIVE.search(text)),
                "xml_error": str(exc)[:200],
                "preview": "unavailable: SVG files are never rendered",
            },
        )
    texts = [
        t.strip()
        for el in root.iter()
        if isinstance(el.tag, str) and _local(el.tag) in ("title", "desc", "text", "tspan")
        for t in [el.text or ""]
        if t.strip()
    ]
    title = next((el.text or "" for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) == "title"), "")
    pages = chunk("\n".join(texts))
    metadata = clean_meta(
        {
            "title": title.strip()[:300],
            "width": root.get("width"),
            "height": root.get("height"),
            "view_box": root.get("viewBox"),
            "active_content": is_active(root),
            "preview": "unavailable: SVG files are never rendered",
        }
    )
    metadata["active_content"] = is_active(root)
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages) or None, metadata=metadata)
