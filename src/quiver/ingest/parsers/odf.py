"""OpenDocument (odt/odp/ods and their templates) with odfpy: text documents in ~3000-character pages, one page per
slide or sheet."""

import io
import re
import zipfile

from odf import teletype
from odf.draw import Page
from odf.namespaces import TEXTNS
from odf.opendocument import load
from odf.table import Table, TableRow

from .base import Options, Parsed, chunk, clean_meta, limit_pages, tidy


def _paragraphs(element) -> str:
    return "\n".join(teletype.extractText(node) for node in _walk(element))


def _walk(element):
    """text:p and text:h in document order (getElementsByType would group them by type)."""
    stack = [element]
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) is None:
            continue
        if node.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield node
            continue
        stack.extend(reversed(node.childNodes))


def _sheet(table) -> str:
    rows = []
    for row in table.getElementsByType(TableRow)[:100_000]:
        cells = [teletype.extractText(cell) for cell in row.childNodes]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append("\t".join(cells))
    return "\n".join(rows)


def _meta(doc) -> dict:
    from odf import dc, meta

    def first(kind):
        found = doc.meta.getElementsByType(kind)
        return teletype.extractText(found[0]) if found else ""

    return clean_meta(
        {
            "title": first(dc.Title),
            "author": first(dc.Creator) or first(meta.InitialCreator),
            "created": first(meta.CreationDate),
        }
    )


# OpenOffice.org wrote `<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd">`;
# odfpy's defusedxml parser refuses the external DTD it names. The zip guard has already refused internal subsets and
# entities, so what is left of a DOCTYPE is only that reference: dropped before parsing.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*>", re.IGNORECASE)


def _without_doctypes(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        infos = src.infolist()
        if not any(info.filename.endswith(".xml") and _DOCTYPE.search(_head(src, info)) for info in infos):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
            for info in infos:
                body = src.read(info)
                if info.filename.endswith(".xml"):
                    body = _DOCTYPE.sub(b"", body[:4096], count=1) + body[4096:]
                dst.writestr(info.filename, body)
    return out.getvalue()


def _head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as fh:
        return fh.read(4096)


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    doc = load(io.BytesIO(_without_doctypes(data)))
    metadata = _meta(doc)
    if kind == "odp":
        pages = [tidy(_paragraphs(page)) for page in doc.presentation.getElementsByType(Page)]
    elif kind == "ods":
        pages = [tidy(f"{t.getAttribute('name') or ''}\n{_sheet(t)}") for t in doc.spreadsheet.getElementsByType(Table)]
    else:
        pages = chunk(_paragraphs(doc.text))
    total = len(pages)
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=total, metadata=metadata)
