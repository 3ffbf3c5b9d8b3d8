"""The jobs a sandbox child runs on a copy of the original: sniff, check the name, guard containers, parse.

Everything that reads untrusted bytes happens here, inside the child with its limits; the result is plain data."""

import re
from dataclasses import asdict

from .clean import clean
from .errors import Encrypted, IngestError
from .parsers import Options, parse
from .sniff import Sniffed, check_name, sniff
from .zipguard import check_zip

ZIP_KINDS = {"docx", "pptx", "xlsx", "xlsb", "odt", "odp", "ods", "epub", "zip"}
# OOXML never carries a DOCTYPE; ODF written by OpenOffice.org (and EPUB) carry harmless public ones, no entities
STRICT_XML = {"docx", "pptx", "xlsx", "xlsb"}
_OBJECT_REPR = re.compile(r"'?<[\w.]+ object at 0x[0-9a-f]+>'?")


def read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def identify(data: bytes, filename: str) -> Sniffed:
    """Sniff, refuse name mismatches, guard containers, refuse encrypted office files. Raises IngestError."""
    sniffed = check_name(sniff(data), filename)
    if sniffed.kind in ZIP_KINDS:
        check_zip(data, allow_nested=sniffed.kind != "zip", strict=sniffed.kind in STRICT_XML)
    if sniffed.kind == "encrypted-office":
        raise Encrypted()
    return sniffed


def short_error(exc: BaseException) -> str:
    text = _OBJECT_REPR.sub("the file", " ".join(str(exc).split())) or type(exc).__name__
    return text[:160]


def analyse(path: str, filename: str, max_pages: int = 2000, libreoffice: str = "", timeout: float = 60) -> dict:
    """{kind, mime, label, status: ready|failed, reason, pages, page_count, metadata}: plain data, its text cleaned
    of NUL and lone surrogates (which the data-only transport and the databases refuse)."""
    data = read(path)
    result: dict = {"kind": "", "mime": "", "label": "", "status": "failed", "reason": ""}
    try:
        raw = sniff(data)
        result.update(kind=raw.kind, mime=raw.mime, label=raw.label)
        sniffed = identify(data, filename)
        result.update(kind=sniffed.kind, mime=sniffed.mime, label=sniffed.label)
        parsed = parse(
            data,
            sniffed.kind,
            sniffed.label,
            Options(max_pages=max_pages, libreoffice=libreoffice, timeout=max(timeout - 5, 5)),
            sniffed.encoding,
        )
        result.update(asdict(parsed), status="ready")
    except IngestError as exc:
        result["reason"] = exc.reason
    except RecursionError:
        result["reason"] = f"corrupt {_noun(result['label'])}: nested too deeply"
    except MemoryError:
        raise
    except Exception as exc:
        result["reason"] = f"corrupt {_noun(result['label'])}: {short_error(exc)}"
    return clean(result)


def _noun(label: str) -> str:
    return (label or "file").removeprefix("a ").removeprefix("an ")
