"""PDF: text per page with pypdfium2 (PDFium, the engine of Chrome)."""

import re

import pypdfium2 as pdfium

from ..errors import Corrupt, Encrypted
from .base import Options, Parsed, clean_meta, limit_pages, tidy


def open_pdf(data) -> "pdfium.PdfDocument":
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise Encrypted() from None
        found = re.search(r"PDFium: ([^)]*)", message)
        raise Corrupt("PDF", (found.group(1) if found else message).strip().lower() or "cannot be opened") from None


def _date(raw: str) -> str:
    raw = (raw or "").removeprefix("D:")
    if len(raw) >= 8 and raw[:8].isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
    return ""


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    pdf = open_pdf(data)
    try:
        total = len(pdf)
        if total == 0:
            raise Corrupt("PDF", "no pages")
        pages, damaged = [], []
        for index in range(min(total, options.max_pages)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                damaged.append(index + 1)
                pages.append("")
                continue
            try:
                textpage = page.get_textpage()
                pages.append(tidy(textpage.get_text_bounded()))
                textpage.close()
            except pdfium.PdfiumError:
                damaged.append(index + 1)
                pages.append("")
            finally:
                page.close()
        if damaged and len(damaged) == len(pages):
            raise Corrupt("PDF", "no page can be loaded")
        raw = pdf.get_metadata_dict(skip_empty=True)
        metadata = clean_meta(
            {
                "title": raw.get("Title"),
                "author": raw.get("Author"),
                "created": _date(raw.get("CreationDate", "")),
                "producer": raw.get("Producer"),
            }
        )
        if damaged:
            metadata["damaged_pages"] = damaged[:100]
        pages = limit_pages(pages, options, metadata, total)
        return Parsed(pages=pages, page_count=total, metadata=metadata)
    finally:
        pdf.close()
