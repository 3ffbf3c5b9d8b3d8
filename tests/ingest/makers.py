"""Real files in the shapes the failure-reason tests need, each derived in memory from a shared corpus file (never
copied into the repo) or written by a real library, changed only where the case differs."""

import io
import zipfile

from .conftest import corpus_file

DOCS = ("unstructured-example-docs", "example-docs")
OOXML_DOCUMENT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# the main-part content type Office writes for each template / macro-enabled / show extension
OOXML_VARIANTS = {
    "dotx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    "docm": ("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "dotm": ("docx", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    "potx": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"),
    "ppsx": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"),
    "potm": ("pptx", "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"),
    "ppsm": ("pptx", "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"),
    "xltx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"),
    "xltm": ("xlsx", "application/vnd.ms-excel.template.macroEnabled.main+xml"),
}
OOO_MANIFEST_DOCTYPE = b'<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd">'
OOO_CONTENT_DOCTYPE = (
    b'<!DOCTYPE office:document-content PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "office.dtd">'
)


def read(*parts: str) -> bytes:
    with open(corpus_file(*parts), "rb") as fh:
        return fh.read()


def rewrite_zip(data: bytes, change) -> bytes:
    """The same archive with each entry's bytes passed through change(name, body); `mimetype` stays first, stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            dst.writestr(info.filename, body, zipfile.ZIP_STORED if info.filename == "mimetype" else None)
    return out.getvalue()


def ooxml_variant(data: bytes, ext: str) -> bytes:
    """A .docx/.pptx/.xlsx re-labelled as Office labels a template/macro-enabled/show file: only the main part's
    content type differs (a macro-enabled file also carries a vbaProject.bin, which no parser opens)."""
    base, content_type = OOXML_VARIANTS[ext]
    old = OOXML_DOCUMENT[base].encode()

    def change(name: str, body: bytes) -> bytes:
        if name == "[Content_Types].xml":
            assert old in body
            return body.replace(old, content_type.encode())
        return body

    return rewrite_zip(data, change)


def ooo_odt(data: bytes) -> bytes:
    """An .odt with the public DOCTYPEs OpenOffice.org wrote: in the manifest (2.x) and in content.xml (1.x)."""
    doctypes = {"META-INF/manifest.xml": OOO_MANIFEST_DOCTYPE, "content.xml": OOO_CONTENT_DOCTYPE}

    def change(name: str, body: bytes) -> bytes:
        if name in doctypes:
            declaration, _, rest = body.partition(b"?>")
            return declaration + b"?>\n" + doctypes[name] + rest
        return body

    return rewrite_zip(data, change)


def odt_with_entity(data: bytes) -> bytes:
    def change(name: str, body: bytes) -> bytes:
        if name == "content.xml":
            declaration, _, rest = body.partition(b"?>")
            return declaration + b'?>\n<!DOCTYPE office:document-content [<!ENTITY x "boom">]>' + rest
        return body

    return rewrite_zip(data, change)


def rename_ole_stream(data: bytes, old: str, new: str) -> bytes:
    """Rename a stream in the OLE directory (same length, so the directory stays valid): e.g. Workbook -> WORKBOOK,
    as some non-Microsoft writers name it. Names compare without case in the format, so the tree order holds."""
    assert len(old) == len(new)
    before, after = old.encode("utf-16-le") + b"\x00\x00", new.encode("utf-16-le") + b"\x00\x00"
    assert data.count(before) == 1, old
    return data.replace(before, after)


def xlsb_container() -> bytes:
    """The package layout of an Excel binary workbook: [Content_Types].xml naming xl/workbook.bin (no library here
    writes .xlsb, so the BIFF12 parts are placeholders; the type is decided from the package, as for .xlsx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.bin" '
                'ContentType="application/vnd.ms-excel.worksheet"/>'
                '<Override PartName="/xl/theme/theme1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>'
            ),
        )
        zf.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="xl/workbook.bin" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/officeDocument"/></Relationships>'
            ),
        )
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00\x80\x01\x00")
        zf.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00\x82\x01\x00")
        zf.writestr("xl/theme/theme1.xml", '<?xml version="1.0"?><a:theme xmlns:a="urn:x" name="Office"/>')
    return out.getvalue()


def rtf_with_bad_unicode() -> bytes:
    """RTF whose \\u escapes name a lone high surrogate, a lone low one and NUL (as found in the wild), next to a
    valid surrogate pair (U+1F600) and a raw NUL byte."""
    return (
        b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0 Quarterly pricing "
        b"lone\\u-10240?high lone\\u-9216?low nul\\u0?here pair\\u-10179?\\u-8704?smile raw\x00byte\\par}"
    )


def odf_template(data: bytes) -> bytes:
    """An .odt turned into its template (.ott): only the `mimetype` entry (and the manifest's root type) differ."""
    text, template = b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template"

    def change(name: str, body: bytes) -> bytes:
        if name == "mimetype":
            return template
        if name == "META-INF/manifest.xml":
            return body.replace(b'media-type="' + text + b'"', b'media-type="' + template + b'"')
        return body

    return rewrite_zip(data, change)
