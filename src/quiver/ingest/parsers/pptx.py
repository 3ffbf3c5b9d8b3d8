"""PowerPoint: one page per slide with python-pptx: shape text (groups, tables) and the speaker notes."""

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from .base import Options, Parsed, clean_meta, iso, limit_pages, tidy

KINDS = {"pptx"}


def score(kind: str) -> int:
    return 10 if kind in KINDS else 0


def _shape_texts(shapes, out: list[str], depth: int = 0) -> None:
    for shape in shapes:
        if depth < 20 and shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            _shape_texts(shape.shapes, out, depth + 1)
            continue
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                out.append("\t".join(cell.text for cell in row.cells))


def parse(data: bytes, kind: str, options: Options) -> Parsed:
    prs = Presentation(io.BytesIO(data))
    pages, total = [], len(prs.slides)
    for index, slide in enumerate(prs.slides):
        if index >= options.max_pages:
            break
        texts: list[str] = []
        _shape_texts(slide.shapes, texts)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                texts.append("Notes: " + notes.text)
        pages.append(tidy("\n".join(texts)))
    props = prs.core_properties
    metadata = clean_meta({"title": props.title, "author": props.author, "created": iso(props.created),
                           "slide_width": prs.slide_width, "slide_height": prs.slide_height})
    return Parsed(pages=limit_pages(pages, options, metadata, total), page_count=total, metadata=metadata)
