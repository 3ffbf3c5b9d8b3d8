"""Real office files built by real libraries (fpdf2, python-pptx, python-docx, openpyxl).

Used by the demo library generator and by the tests."""

import io

from docx import Document
from fpdf import FPDF
from openpyxl import Workbook
from pptx import Presentation
from pptx.util import Inches, Pt


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """One PDF page per entry; the first line of each entry is set as a heading."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_auto_page_break(False)
    for text in pages:
        pdf.add_page()
        lines = text.split("\n")
        pdf.set_font("Helvetica", "B", 20)
        pdf.multi_cell(0, 10, _latin1(lines[0]))
        pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        body = "\n".join(lines[1:])
        if body:
            pdf.multi_cell(0, 6, _latin1(body[:3500]))
    return bytes(pdf.output())


def make_pptx(slides: list[tuple[str, list[str]]]) -> bytes:
    """One slide per (title, bullets)."""
    prs = Presentation()
    layout = prs.slide_layouts[1]
    for title, bullets in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        for i, bullet in enumerate(bullets):
            para = body.paragraphs[0] if i == 0 else body.add_paragraph()
            para.text = bullet
            para.font.size = Pt(20)
    if not slides:
        prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def make_docx(title: str, sections: list[tuple[str, str]]) -> bytes:
    doc = Document()
    doc.add_heading(title, 0)
    for heading, text in sections:
        doc.add_heading(heading, level=1)
        for para in text.split("\n"):
            doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_xlsx(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
