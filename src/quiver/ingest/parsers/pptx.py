"""PowerPoint (.pptx and its template/show/macro twins .potx/.ppsx/.pptm/.potm/.ppsm): one page per slide with
python-pptx: shape text (groups, tables) and the speaker notes."""

import io

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.package import PartFactory
from pptx.package import Package
from pptx.parts.presentation import PresentationPart

from ..errors import Corrupt
from .base import Options, Parsed, clean_meta, iso, limit_pages, tidy

# main-part content types of a deck, a template, a show and their macro-enabled forms: the same slides inside
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
for _type in MAIN_TYPES:  # python-pptx itself only opens the first and the macro-enabled deck
    PartFactory.part_type_for.setdefault(_type, PresentationPart)


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


def open_presentation(data: bytes):
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type not in MAIN_TYPES:
        raise Corrupt("PowerPoint deck", f"its main part is {part.content_type[:100]}, not a presentation")
    return part.presentation


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    prs = open_presentation(data)
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
    metadata = clean_meta(
        {
            "title": props.title,
            "author": props.author,
            "created": iso(props.created),
            "slide_width": prs.slide_width,
            "slide_height": prs.slide_height,
        }
    )
    return Parsed(pages=limit_pages(pages, options, metadata, total), page_count=total, metadata=metadata)
