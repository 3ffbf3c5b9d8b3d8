"""EPUB: the spine's XHTML chapters as pages (reduced to text with selectolax). The zip guard has run before."""

import io
import posixpath
import zipfile

from defusedxml.ElementTree import fromstring

from .base import Options, Parsed, chunk, clean_meta, limit_pages
from .html import html_text

MAX_CHAPTER_BYTES = 20 * 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        container = fromstring(zf.read("META-INF/container.xml"))
        opf_path = next(el.get("full-path") for el in container.iter() if _local(el.tag) == "rootfile")
        opf = fromstring(zf.read(opf_path))
        base = posixpath.dirname(opf_path)
        items = {el.get("id"): el.get("href") for el in opf.iter() if _local(el.tag) == "item"}
        spine = [items.get(el.get("idref")) for el in opf.iter() if _local(el.tag) == "itemref"]
        title = next((el.text or "" for el in opf.iter() if _local(el.tag) == "title"), "")
        author = next((el.text or "" for el in opf.iter() if _local(el.tag) == "creator"), "")
        names = set(zf.namelist())
        pages: list[str] = []
        for href in spine:
            name = posixpath.normpath(posixpath.join(base, href or ""))
            if name not in names or zf.getinfo(name).file_size > MAX_CHAPTER_BYTES:
                continue
            text = html_text(zf.read(name).decode("utf-8", "replace"))[1]
            pages.extend(chunk(text) or [""])
            if len(pages) > options.max_pages:
                break
    metadata = clean_meta({"title": title.strip()[:300], "author": author.strip()[:300]})
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)
