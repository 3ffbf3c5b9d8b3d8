"""The parser registry: one module per format; each scores its fitness for a sniffed kind (Paperless-ngx style)
and the best one parses. Parsers run inside the sandbox child (see ..sandbox), never in the worker itself."""

from ..errors import Unsupported
from . import docx, eml, epub, html, image, legacy, msg, odf, pdf, pptx, rtf, svg, text, video, xlsx
from .base import Options, Parsed

PARSERS = [pdf, pptx, docx, xlsx, odf, epub, html, text, rtf, eml, msg, image, video, svg, legacy]
WITH_ENCODING = {html, text, rtf, eml, image, video, svg}


def choose(kind: str):
    """The fittest parser for a kind, or None."""
    best = max(PARSERS, key=lambda parser: parser.score(kind))
    return best if best.score(kind) > 0 else None


def parse(data: bytes, kind: str, label: str, options: Options, encoding: str = "") -> Parsed:
    parser = choose(kind)
    if parser is None:
        raise Unsupported(label.removeprefix("a ").removeprefix("an "))
    if parser in WITH_ENCODING:
        return parser.parse(data, kind, options, encoding=encoding or "utf-8")
    return parser.parse(data, kind, options)


__all__ = ["PARSERS", "Options", "Parsed", "choose", "parse"]
