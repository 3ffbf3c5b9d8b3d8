"""Which parser reads which kind: a plain map from the sniffed kind (see ..sniff.KINDS) to one module per format.

Every parser module has `parse(data, kind, options, encoding) -> Parsed`. A kind that is not in the map is stored
and marked unsupported with the sentence from UNSUPPORTED (or its label). Parsers run inside the sandbox child
(see ..sandbox), never in the worker itself."""

from ..errors import Unsupported
from . import docx, eml, epub, html, image, legacy, msg, odf, pdf, pptx, rtf, svg, text, video, xlsx
from .base import Options, Parsed

PARSERS = {
    "pdf": pdf,
    "docx": docx,
    "pptx": pptx,
    "xlsx": xlsx,
    "odt": odf,
    "odp": odf,
    "ods": odf,
    "epub": epub,
    "html": html,
    "text": text,
    "markdown": text,
    "rtf": rtf,
    "eml": eml,
    "msg": msg,
    "svg": svg,
    "image": image,
    "video": video,
    "doc": legacy,
    "ppt": legacy,
    "xls": legacy,
}

# kinds we recognise but do not read: a sentence that says so (the others get "unsupported type: <label>")
UNSUPPORTED = {
    "xlsb": "Excel binary workbooks (.xlsb) are not supported; save it as .xlsx (Excel: File > Save As) and upload "
    "that",
}


def parse(data: bytes, kind: str, label: str, options: Options, encoding: str = "") -> Parsed:
    parser = PARSERS.get(kind)
    if parser is None:
        raise Unsupported(label.removeprefix("a ").removeprefix("an "), sentence=UNSUPPORTED.get(kind, ""))
    return parser.parse(data, kind, options, encoding=encoding or "utf-8")


__all__ = ["PARSERS", "Options", "Parsed", "parse"]
