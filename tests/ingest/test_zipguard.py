import io
import zipfile

import pytest

from quiver.ingest.errors import UnsafeArchive
from quiver.ingest.zipguard import check_zip


def make_zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_plain_office_like_zip_passes():
    names = check_zip(make_zip({"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "word/a.xml": b"<a/>"}))
    assert names == ["[Content_Types].xml", "word/a.xml"]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "a/../../b", "C:/windows/x", "..\\x"])
def test_names_escaping_the_archive(name):
    with pytest.raises(UnsafeArchive, match="escapes the archive"):
        check_zip(make_zip({name: b"x"}))


def test_nested_archive_refused_where_not_allowed():
    data = make_zip({"inner.zip": make_zip({"a": b"b"})})
    with pytest.raises(UnsafeArchive, match="nested archive"):
        check_zip(data, allow_nested=False)
    assert check_zip(data) == ["inner.zip"]


def test_too_many_entries(monkeypatch):
    from quiver.ingest import zipguard

    monkeypatch.setattr(zipguard, "MAX_ENTRIES", 5)
    with pytest.raises(UnsafeArchive, match="6 entries"):
        check_zip(make_zip({f"f{i}": b"x" for i in range(6)}))


def test_doctype_after_a_long_comment_is_still_found():
    xml = b'<?xml version="1.0"?><!--' + b"x" * 50_000 + b'--><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'
    with pytest.raises(UnsafeArchive, match="declares a DOCTYPE"):
        check_zip(make_zip({"word/document.xml": xml}))


def test_utf16_xml_part_is_checked():
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "c">]><a/>'.encode("utf-16")
    with pytest.raises(UnsafeArchive):
        check_zip(make_zip({"word/document.xml": xml}))


def test_epub_allows_public_doctype_but_not_entities():
    page = b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd"><html/>'
    assert check_zip(make_zip({"OEBPS/toc.ncx": page, "OEBPS/a.xhtml": page}), strict=False)
    with pytest.raises(UnsafeArchive):
        check_zip(make_zip({"OEBPS/a.xhtml": b'<!DOCTYPE html [<!ENTITY x "y">]><html/>'}), strict=False)
