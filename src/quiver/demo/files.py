"""Real office files built by real libraries (fpdf2, python-pptx, python-docx, openpyxl).

Used by the demo library generator and by the tests."""

import io

from docx import Document
from fpdf import FPDF
from openpyxl import Workbook
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

NAVY = RGBColor(0x14, 0x34, 0x5E)


_TYPOGRAPHY = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
    }
)


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1: map typographic punctuation first, replace anything else."""
    return text.translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


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


def make_pptx(
    slides: list[tuple[str, list[str]]], notes: list[str] | None = None, cover: tuple[str, str] | None = None
) -> bytes:
    """One slide per (title, bullets); optional speaker notes per slide and a cover slide (title, subtitle)."""
    prs = Presentation()
    if cover:
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = cover[0]
        slide.placeholders[1].text = cover[1]
    layout = prs.slide_layouts[1]
    for n, (title, bullets) in enumerate(slides):
        slide = prs.slides.add_slide(layout)
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.2))
        band.fill.solid()
        band.fill.fore_color.rgb = NAVY
        band.line.fill.background()
        slide.shapes.title.text = title
        slide.shapes.title.text_frame.paragraphs[0].font.color.rgb = NAVY
        body = slide.placeholders[1].text_frame
        body.word_wrap = True
        size = Pt(20 if len(bullets) <= 4 else 16)
        for i, bullet in enumerate(bullets):
            para = body.paragraphs[0] if i == 0 else body.add_paragraph()
            para.text = bullet
            para.font.size = size
        if notes and n < len(notes) and notes[n]:
            slide.notes_slide.notes_text_frame.text = notes[n]
    if not slides:
        prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def make_docx(title: str, sections: list[tuple[str, str]]) -> bytes:
    """A title, then one heading per section; lines starting with "- " become bullet points."""
    doc = Document()
    doc.add_heading(title, 0)
    for heading, text in sections:
        if heading:
            doc.add_heading(heading, level=1)
        for para in text.split("\n"):
            if para.startswith("- "):
                doc.add_paragraph(para[2:], style="List Bullet")
            else:
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


class _Document(FPDF):
    footer_text = ""

    def footer(self):
        if self.footer_text:
            self.set_y(-14)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, f"{self.footer_text}  |  page {self.page_no()}", align="C")


def make_rich_pdf(pages: list[list[tuple]], title: str = "", footer: str = "") -> bytes:
    """A laid-out PDF: one list of blocks per page (long pages flow onto the next one).

    Blocks: ("h1", text), ("h2", text), ("p", text), ("ul", [items]), ("quote", text), ("table", [[cells], ...])
    (the first table row is the header)."""
    pdf = _Document(format="A4")
    pdf.footer_text = _latin1(footer)
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(footer))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    for blocks in pages:
        pdf.add_page()
        for kind, content in blocks:
            _pdf_block(pdf, kind, content)
    return bytes(pdf.output())


def _pdf_block(pdf: FPDF, kind: str, content) -> None:
    width = pdf.epw
    if kind == "h1":
        pdf.set_font("Helvetica", "B", 22)
        pdf.set_text_color(20, 52, 94)
        pdf.multi_cell(width, 10, _latin1(content))
        pdf.set_text_color(0, 0, 0)
        pdf.ln(3)
    elif kind == "h2":
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(width, 7, _latin1(content))
        pdf.ln(1)
    elif kind == "p":
        pdf.set_font("Helvetica", size=10.5)
        _wrapped(pdf, content, width, 5.5)
        pdf.ln(2)
    elif kind == "quote":
        pdf.set_font("Helvetica", "I", 12)
        _wrapped(pdf, content, width - 16, 6.5, indent=8)
        pdf.ln(2)
    elif kind == "ul":
        pdf.set_font("Helvetica", size=10.5)
        for item in content:
            _wrapped(pdf, f"- {item}", width - 4, 5.5, indent=4)
        pdf.ln(2)
    elif kind == "table":
        pdf.set_font("Helvetica", size=9.5)
        with pdf.table(text_align="LEFT", line_height=6) as table:
            for row in content:
                cells = table.row()
                for cell in row:
                    cells.cell(_latin1(str(cell)))
        pdf.ln(3)
    else:
        raise ValueError(f"unknown PDF block {kind!r}")


def _wrapped(pdf: FPDF, text: str, width: float, height: float, indent: float = 0) -> None:
    """Greedy word wrap measured word by word, then one cell per line: much faster than fpdf2's multi_cell
    on long demo documents, with the same result for plain paragraphs."""
    space = pdf.get_string_width(" ")
    line, line_width = [], 0.0
    for word in _latin1(text).split():
        word_width = pdf.get_string_width(word)
        if line and line_width + space + word_width > width:
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(width, height, " ".join(line), new_x="LMARGIN", new_y="NEXT")
            line, line_width = [], 0.0
        line_width += word_width + (space if line else 0)
        line.append(word)
    if line:
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, height, " ".join(line), new_x="LMARGIN", new_y="NEXT")
