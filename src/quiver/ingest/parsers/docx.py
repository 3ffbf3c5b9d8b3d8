"""Word: python-docx, body paragraphs and tables in order; pages split on explicit page/section breaks, else
~3000-character chunks."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .base import PAGE_CHARS, Options, Parsed, chunk, clean_meta, iso, limit_pages

KINDS = {"docx"}
P, TBL, BR, SECT = qn("w:p"), qn("w:tbl"), qn("w:br"), qn("w:sectPr")
TYPE = qn("w:type")
TR, TC, T = qn("w:tr"), qn("w:tc"), qn("w:t")
SDT, SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")


def score(kind: str) -> int:
    return 10 if kind in KINDS else 0


def _breaks_after(element) -> bool:
    p_pr = element.pPr
    if p_pr is not None and p_pr.find(SECT) is not None:
        return True
    return any(br.get(TYPE) == "page" for br in element.iter(BR))


def _table_text(table) -> str:
    """Rows of cells straight from the XML (python-docx's cell grid refuses some real-world merged tables)."""
    rows = []
    for row in table.iter(TR):
        cells = ["\n".join("".join(t.text or "" for t in p.iter(T)) for p in tc.iter(P)) for tc in row.iter(TC)]
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _blocks(parent, depth: int = 0):
    """Paragraphs and tables of the body in order, looking inside block-level content controls (w:sdt)."""
    for element in parent.iterchildren():
        if element.tag == SDT and depth < 10:
            content = element.find(SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, depth + 1)
        else:
            yield element


def parse(data: bytes, kind: str, options: Options) -> Parsed:
    doc = Document(io.BytesIO(data))
    pages, current = [], []
    for element in _blocks(doc.element.body):
        if element.tag == P:
            current.append(Paragraph(element, doc).text)
            if _breaks_after(element):
                pages.append("\n".join(current))
                current = []
        elif element.tag == TBL:
            current.append(_table_text(element))
    pages.append("\n".join(current))
    split = [piece for page in pages for piece in (chunk(page, PAGE_CHARS) or [""])]
    while len(split) > 1 and not split[-1]:
        split.pop()
    if split == [""]:
        split = []
    props = doc.core_properties
    metadata = clean_meta({"title": props.title, "author": props.author, "created": iso(props.created)})
    total = len(split)
    return Parsed(pages=limit_pages(split, options, metadata), page_count=total, metadata=metadata)
