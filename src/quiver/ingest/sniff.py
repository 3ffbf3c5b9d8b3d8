"""Type from BYTES, never from the name: libmagic, a safe look inside zip and OLE containers, text encodings.

The name is only used afterwards to refuse mismatches ("content is a PNG image but the file is named .pdf") and,
for plain text, to pick a flavour (Markdown, HTML, e-mail) among parsers that are all safe for any text."""

import io
import re
import zipfile
from dataclasses import dataclass

import magic

from .errors import Corrupt, Mismatch, Unrecognised

HEAD = 1024 * 1024

# kind -> (mime type, human label)
KINDS = {
    "pdf": ("application/pdf", "a PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a PowerPoint deck"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook"),
    "odt": ("application/vnd.oasis.opendocument.text", "an OpenDocument text"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "an OpenDocument presentation"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "an OpenDocument spreadsheet"),
    "epub": ("application/epub+zip", "an EPUB e-book"),
    "html": ("text/html", "an HTML page"),
    "markdown": ("text/markdown", "a Markdown text"),
    "text": ("text/plain", "a text file"),
    "rtf": ("application/rtf", "an RTF document"),
    "eml": ("message/rfc822", "an e-mail message"),
    "msg": ("application/vnd.ms-outlook", "an Outlook message"),
    "svg": ("image/svg+xml", "an SVG image"),
    "doc": ("application/msword", "a legacy Word document"),
    "ppt": ("application/vnd.ms-powerpoint", "a legacy PowerPoint deck"),
    "xls": ("application/vnd.ms-excel", "a legacy Excel workbook"),
    "xlsb": ("application/vnd.ms-excel.sheet.binary.macroenabled.12", "an Excel binary workbook (.xlsb)"),
    "encrypted-office": ("application/encrypted", "a password-protected office file"),
    "zip": ("application/zip", "a ZIP archive"),
}
TEXTUAL = {"text", "markdown", "html", "eml"}

# extension -> kinds its bytes may have. Unknown extensions are not checked.
EXTENSIONS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "docm": {"docx"},
    "dotx": {"docx"},
    "pptx": {"pptx"},
    "pptm": {"pptx"},
    "potx": {"pptx"},
    "ppsx": {"pptx"},
    "xlsx": {"xlsx"},
    "xlsm": {"xlsx"},
    "odt": {"odt"},
    "odp": {"odp"},
    "dotm": {"docx"},
    "potm": {"pptx"},
    "ppsm": {"pptx"},
    "xltx": {"xlsx"},
    "xltm": {"xlsx"},
    "xlsb": {"xlsb"},
    "ods": {"ods"},
    "ott": {"odt"},
    "otp": {"odp"},
    "ots": {"ods"},
    "epub": {"epub"},
    "rtf": {"rtf", "text"},
    "msg": {"msg"},
    "eml": TEXTUAL,
    "svg": {"svg"},
    "doc": {"doc", "docx", "rtf"},
    "ppt": {"ppt", "pptx"},
    "xls": {"xls", "xlsx"},
    "zip": {"zip"},
    "png": {"image"},
    "jpg": {"image"},
    "jpeg": {"image"},
    "gif": {"image"},
    "bmp": {"image"},
    "webp": {"image"},
    "tif": {"image"},
    "tiff": {"image"},
    "heic": {"image"},
    "wmf": {"image"},
    "emf": {"image"},
    "mp4": {"video"},
    "m4v": {"video"},
    "mov": {"video"},
    "webm": {"video"},
    "mkv": {"video"},
    "avi": {"video"},
    "txt": TEXTUAL | {"svg", "rtf"},
    "md": TEXTUAL,
    "markdown": TEXTUAL,
    "csv": TEXTUAL,
    "html": TEXTUAL | {"svg"},
    "htm": TEXTUAL,
    "json": TEXTUAL,
    "xml": TEXTUAL | {"svg"},
}
for _ext in (
    "docx",
    "pptx",
    "xlsx",
    "docm",
    "pptm",
    "xlsm",
    "dotx",
    "potx",
    "ppsx",
    "doc",
    "xls",
    "ppt",
    "dotm",
    "potm",
    "ppsm",
    "xltx",
    "xltm",
    "xlsb",
):
    EXTENSIONS[_ext] = EXTENSIONS[_ext] | {"encrypted-office"}
FLAVOURS = {"md": "markdown", "markdown": "markdown", "html": "html", "htm": "html", "xhtml": "html", "eml": "eml"}
# what an extension names, for messages: "it is named .doc (a legacy Word document)"
NAMED = {"image": "an image", "video": "a video"}
# libmagic's words for "no signature at all"
NO_SIGNATURE = {"data", "very short file (no magic)", "binary data"}
# ODF templates read like the documents they make
ODF_TEMPLATES = {
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.presentation-template": "odp",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
}
TEXT_MIMES = {
    "application/json",
    "application/x-ndjson",
    "application/xml",
    "application/javascript",
    "application/x-empty",
    "message/rfc822",
    "application/csv",
}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # pdf, docx, image, video, text, ... or "unknown"
    mime: str
    label: str  # "a PNG image"
    encoding: str = ""  # text only: utf-8, utf-16-le, utf-16-be, cp1252


def extension(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.strip(".") else ""


def _make(kind: str, mime: str = "", label: str = "", encoding: str = "") -> Sniffed:
    base_mime, base_label = KINDS.get(kind, ("", ""))
    return Sniffed(kind, mime or base_mime, label or base_label, encoding)


def _media_label(mime: str, noun: str) -> str:
    sub = mime.split("/", 1)[-1].removeprefix("x-").removeprefix("vnd.").split("+")[0].split(".")[-1].upper()
    article = "an" if sub[:1] in "AEIOUFHLMNRSX" and sub[:1] else "a"
    return f"{article} {sub} {noun}"


def text_encoding(data: bytes) -> str | None:
    """utf-8 / utf-16-le / utf-16-be / cp1252 for text, None for binary data."""
    head = data[:HEAD]
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        return None
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4 and len(data) > len(head):  # cut in the middle of a character
            return "utf-8"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return "cp1252" if controls <= len(sample) // 100 else None


def _zip_kind(data: bytes) -> str:
    """docx/pptx/xlsx/odt/odp/ods/epub/zip from the listing (and the tiny ODF `mimetype` entry)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos[:20000]}
            if "[Content_Types].xml" in names:
                for part, kind in (
                    ("word/document.xml", "docx"),
                    ("ppt/presentation.xml", "pptx"),
                    ("xl/workbook.xml", "xlsx"),
                    ("xl/workbook.bin", "xlsb"),
                ):
                    if part in names:
                        return kind
                for name in names:
                    top = name.split("/", 1)[0]
                    if top in ("word", "ppt", "xl") and name.endswith(".xml"):
                        return {"word": "docx", "ppt": "pptx", "xl": "xlsx"}[top]
            info = next((i for i in infos if i.filename == "mimetype"), None)
            if info is not None and info.file_size <= 200 and info.compress_size <= 400:
                mimetype = zf.read(info).decode("ascii", "replace").strip()
                for kind in ("odt", "odp", "ods", "epub"):
                    if mimetype == KINDS[kind][0]:
                        return kind
                if mimetype in ODF_TEMPLATES:
                    return ODF_TEMPLATES[mimetype]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        KeyError,
        RuntimeError,
    ):
        return "zip"
    return "zip"


# root CLSIDs (olefile's upper-case form) of Word, Excel and PowerPoint files whose stream names are unusual
OLE_CLSIDS = {
    "00020906-0000-0000-C000-000000000046": "doc",
    "00020900-0000-0000-C000-000000000046": "doc",
    "00020820-0000-0000-C000-000000000046": "xls",
    "00020810-0000-0000-C000-000000000046": "xls",
    "64818D10-4F9B-11CF-86EA-00AA00B929E8": "ppt",
    "EA7BAE70-FB3B-11CD-A903-00AA00510EA3": "ppt",
}
OLE_MIMES = {"application/msword": "doc", "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt"}
OLE_STREAMS = (("worddocument", "doc"), ("powerpoint document", "ppt"), ("workbook", "xls"), ("book", "xls"))
OLE_OTHER = "a Microsoft compound file without Word, Excel, PowerPoint or Outlook content"
OLE_DAMAGED = "a damaged Microsoft compound file (OLE2)"


def _ole_kind(data: bytes, mime: str) -> str:
    """Stream names compared without case (the format says so; some writers use WORKBOOK or BOOK), then the root
    CLSID, then libmagic's opinion; "damaged" when olefile cannot read the container at all."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError, KeyError, RuntimeError):
        return OLE_MIMES.get(mime, "damaged")
    try:
        streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
        clsid = (ole.root.clsid or "").upper() if ole.root is not None else ""
    except Exception:
        streams, clsid = set(), ""
    finally:
        ole.close()
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return "encrypted-office"
    if any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    for stream, kind in OLE_STREAMS:
        if stream in streams:
            return kind
    return OLE_CLSIDS.get(clsid) or OLE_MIMES.get(mime, "")


def sniff(data: bytes) -> Sniffed:
    """What the bytes are. Never looks at the name."""
    head = data[:HEAD]
    mime = magic.from_buffer(head, mime=True) or "application/octet-stream"
    if b"%PDF-" in head[:1024]:
        return _make("pdf")
    if head.startswith(b"PK\x03\x04") or (
        mime in ("application/zip", "application/epub+zip") and head.startswith(b"PK")
    ):
        return _make(_zip_kind(data))
    ole = head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if ole:
        kind = _ole_kind(data, mime)
        if kind in KINDS:
            return _make(kind)
        if kind == "damaged":
            return Sniffed("unknown", mime, OLE_DAMAGED)
    if head.lstrip()[:5].lower() == b"{\\rtf":
        return _make("rtf")
    if head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return Sniffed("image", "image/emf", "an EMF image")
    if mime == "image/svg+xml":
        return _make("svg")
    if mime.startswith("image/"):
        return Sniffed("image", mime, _media_label(mime, "image"))
    if mime.startswith("video/") or mime in ("application/mp4",):
        return Sniffed("video", mime, _media_label(mime, "video"))
    if mime.startswith("audio/"):
        return Sniffed("audio", mime, _media_label(mime, "audio file"))
    if mime.startswith("text/") or mime in TEXT_MIMES or mime == "application/octet-stream":
        encoding = text_encoding(data)
        if encoding:
            sample = data[:4096].decode(encoding, "replace").lstrip("\ufeff \t\r\n").lower()
            if "<svg" in sample[:2048] and (sample.startswith(("<?xml", "<svg", "<!doctype svg"))):
                return _make("svg", encoding=encoding)
            if mime == "text/html" and HTML_MARKERS.search(sample):  # libmagic calls "<ACME> said..." HTML
                return _make("html", encoding=encoding)
            if mime == "message/rfc822":
                return _make("eml", encoding=encoding)
            return Sniffed("text", mime if mime.startswith("text/") else "text/plain", "a text file", encoding)
    if _plain_text(data):  # libmagic's weak rules call some prose "HPGL" or "Pico ROM": clean text is text
        return Sniffed("text", "text/plain", "a text file", "utf-8")
    description = OLE_OTHER if ole else (magic.from_buffer(head) or "data").split(",")[0].strip()[:80]
    return Sniffed("unknown", mime, description)


HTML_MARKERS = re.compile(
    r"<(!doctype html|html|head|body|meta|title|p|div|span|br|table|a\s|h[1-6]|ul|ol|li|"
    r"script|style|iframe|img|form)\b",
    re.IGNORECASE,
)


def _plain_text(data: bytes) -> bool:
    """Strict UTF-8 with no NUL and almost no control characters: no binary format looks like that."""
    sample = data[:HEAD]
    if not sample or b"\x00" in sample or text_encoding(data) != "utf-8":
        return False
    controls = sum(1 for b in sample[:8192] if b < 9 or 13 < b < 32 or b == 127)
    return controls <= len(sample[:8192]) // 200


def check_name(sniffed: Sniffed, filename: str) -> Sniffed:
    """Refuse a mismatch between the bytes and the name; pick the text flavour from the name."""
    ext = extension(filename)
    allowed = EXTENSIONS.get(ext)
    if sniffed.kind == "unknown" and sniffed.label in NO_SIGNATURE:
        raise Unrecognised(ext, named(ext)) if allowed is not None else Unrecognised()
    if sniffed.label == OLE_DAMAGED and allowed and allowed & {"doc", "xls", "ppt", "msg"}:
        raise Corrupt(
            named(ext).split(" ", 1)[1], "its compound-file (OLE2) structure cannot be read (damaged or truncated)"
        )
    if allowed is not None and sniffed.kind not in allowed:
        raise Mismatch(f"content is {sniffed.label} but the file is named .{ext}")
    if sniffed.kind in ("text", "html") and ext in FLAVOURS:
        flavour = FLAVOURS[ext]
        return _make(flavour, encoding=sniffed.encoding)
    return sniffed


def named(ext: str) -> str:
    """What a name's extension promises: "a legacy Word document" for doc, "" when it promises nothing known."""
    kinds = sorted(EXTENSIONS.get(ext, set()) - {"encrypted-office"})
    if ext in KINDS:
        return KINDS[ext][1]
    if len(kinds) == 1:
        return KINDS[kinds[0]][1] if kinds[0] in KINDS else NAMED.get(kinds[0], "")
    return ""
