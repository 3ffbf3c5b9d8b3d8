"""Checks a zip container BEFORE any OOXML/ODF library opens it: zip bombs, overlapping entries, zip-slip names,
nested archives, and DOCTYPE/ENTITY declarations in XML parts (billion laughs, external entities)."""

import io
import re
import zipfile

from .errors import Corrupt, UnsafeArchive

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # per entry, for entries expanding past RATIO_FLOOR
RATIO_FLOOR = 2 * 1024 * 1024
MAX_PROLOG = 256 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml", ".opf", ".ncx", ".svg")
HTML_SUFFIXES = (".xhtml", ".html", ".htm")  # parsed as HTML (no entities); `<!DOCTYPE html>` is normal there
NESTED_SUFFIXES = (".zip", ".jar", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".tar")
_DECL = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_ENTITY = re.compile(rb"<!\s*entity|<!\s*doctype[^>]*\[", re.IGNORECASE)


def _check_name(name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        raise UnsafeArchive(f"entry name escapes the archive ({name[:80]!r})")


def _check_layout(infos: list[zipfile.ZipInfo], size: int) -> None:
    """Entries must not overlap (the trick of the 42.zip-style 'overlapping' bombs) nor point outside the file."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for info, following in zip(ordered, ordered[1:] + [None]):
        end = info.header_offset + 30 + len(info.filename.encode("utf-8", "replace")) + info.compress_size
        limit = following.header_offset if following is not None else size
        if following is not None and following.header_offset == info.header_offset:
            raise UnsafeArchive("overlapping entries")
        if end > limit:
            raise UnsafeArchive("overlapping entries" if following is not None else "entry runs past the end")


def _prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes before the root element (where a DOCTYPE must sit), decoded to ASCII-compatible bytes."""
    with zf.open(info) as fh:
        raw = fh.read(4096)
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[1:2] == b"\x00" or raw[:1] == b"\x00":
            raw += fh.read(MAX_PROLOG)
            return raw.decode("utf-16", "replace").encode("utf-8", "replace")
        while True:
            # strip the declaration, comments and processing instructions; stop at the first element
            text = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", raw, flags=re.DOTALL)
            if re.search(rb"<[A-Za-z_]", text) or _DECL.search(text) or len(raw) >= MAX_PROLOG:
                return raw
            more = fh.read(16384)
            if not more:
                return raw
            raw += more


def check_zip(data: bytes, *, xml_parts: bool = True, allow_nested: bool = True, strict: bool = True) -> list[str]:
    """Raise UnsafeArchive/Corrupt or return the entry names. `strict` refuses any DOCTYPE in XML parts (OOXML never
    has one); otherwise (ODF from OpenOffice.org and EPUB, whose parts carry harmless public DOCTYPEs such as
    `<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd">`) only entity
    declarations and internal DTD subsets are refused."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise Corrupt("archive", str(exc)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(f"{len(infos)} entries (limit {MAX_ENTRIES})")
        total = 0
        for info in infos:
            _check_name(info.filename)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise UnsafeArchive(f"expands to more than {MAX_TOTAL_BYTES // 2**20} MB")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeArchive(f"compression ratio over {MAX_RATIO}:1 ({info.filename[:60]})")
            if not allow_nested and info.filename.lower().endswith(NESTED_SUFFIXES):
                raise UnsafeArchive(f"nested archive ({info.filename[:60]})")
        _check_layout(infos, len(data))
        if xml_parts:
            for info in infos:
                lower = info.filename.lower()
                pattern = (
                    (_DECL if strict else _ENTITY)
                    if lower.endswith(XML_SUFFIXES)
                    else _ENTITY
                    if lower.endswith(HTML_SUFFIXES)
                    else None
                )
                if pattern is not None:
                    try:
                        prolog = _prolog(zf, info)
                    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
                        raise Corrupt("archive", f"{info.filename[:60]}: {exc}") from None
                    if pattern.search(prolog):
                        raise UnsafeArchive(f"XML part {info.filename[:60]} declares a DOCTYPE or ENTITY")
        return [info.filename for info in infos]
