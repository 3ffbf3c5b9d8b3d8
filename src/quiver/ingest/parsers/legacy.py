"""Legacy binary Office files (.doc, .ppt, .xls): converted to PDF by LibreOffice headless (when installed), then
read page by page like any PDF. Without LibreOffice they are stored and marked unsupported."""

from ..errors import Unsupported
from ..libreoffice import find_libreoffice, office_to_pdf
from . import pdf
from .base import Options, Parsed

LABELS = {"doc": "legacy Word document", "ppt": "legacy PowerPoint deck", "xls": "legacy Excel workbook"}


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    soffice = find_libreoffice(options.libreoffice)
    if soffice is None:
        raise Unsupported(f"{LABELS[kind]} (LibreOffice is not installed)")
    parsed = pdf.parse(office_to_pdf(data, kind, soffice, options.timeout), "pdf", options)
    parsed.metadata = {key: value for key, value in parsed.metadata.items() if key not in ("producer", "created")}
    parsed.metadata["converted_by"] = "LibreOffice"
    return parsed
