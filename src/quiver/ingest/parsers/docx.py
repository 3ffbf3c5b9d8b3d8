"""Word (.docx and its template/macro-enabled twins .dotx/.docm/.dotm): python-docx, body paragraphs and tables in
order; pages split on explicit page/section breaks, else ~3000-character chunks. The text of headers (before the
first page) and footers (after the last) is included once each."""

import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.text.paragraph import Paragraph

from ..errors import Corrupt
from .base import PAGE_CHARS, Options, Parsed, chunk, clean_meta, iso, limit_pages

# main-part content types of a document, a template and their macro-enabled forms: the same body inside
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _type in MAIN_TYPES:  # python-docx itself only opens the first
    PartFactory.part_type_for.setdefault(_type, DocumentPart)

P, TBL, BR, SECT = qn("w:p"), qn("w:tbl"), qn("w:br"), qn("w:sectPr")
TYPE = qn("w:type")
TR, TC, T = qn("w:tr"), qn("w:tc"), qn("w:t")
SDT, SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")


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


def open_document(data: bytes):
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type not in MAIN_TYPES:
        raise Corrupt("Word document", f"its main part is {part.content_type[:100]}, not a Word document body")
    return part.document


def _story_texts(doc, reltype: str) -> list[str]:
    """The text of every header (or footer) part, in part order, each once."""
    texts: list[str] = []
    parts = sorted(
        (rel.target_part for rel in doc.part.rels.values() if rel.reltype == reltype and not rel.is_external),
        key=lambda part: str(part.partname),
    )
    for part in parts[:100]:
        element = getattr(part, "element", None)
        if element is None:
            continue
        innermost = (p for p in element.iter(P) if p.find(f".//{P}") is None)  # text boxes hold paragraphs
        text = "\n".join("".join(t.text or "" for t in p.iter(T)) for p in innermost).strip()
        if text and text not in texts:
            texts.append(text)
    return texts


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    doc = open_document(data)
    pages, current = [], _story_texts(doc, RT.HEADER)
    for element in _blocks(doc.element.body):
        if element.tag == P:
            current.append(Paragraph(element, doc).text)
            if _breaks_after(element):
                pages.append("\n".join(current))
                current = []
        elif element.tag == TBL:
            current.append(_table_text(element))
    pages.append("\n".join(current + _story_texts(doc, RT.FOOTER)))
    split = [piece for page in pages for piece in (chunk(page, PAGE_CHARS) or [""])]
    while len(split) > 1 and not split[-1]:
        split.pop()
    if split == [""]:
        split = []
    props = doc.core_properties
    metadata = clean_meta({"title": props.title, "author": props.author, "created": iso(props.created)})
    total = len(split)
    return Parsed(pages=limit_pages(split, options, metadata), page_count=total, metadata=metadata)
