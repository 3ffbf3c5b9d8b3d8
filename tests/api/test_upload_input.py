"""Uploads with hostile or odd shapes get a clear answer: odd file names are kept safely, several files, long
fields and oversized bodies are refused, and nothing is read past the limit (issue 10)."""

import io

import pytest
from django.test import override_settings

from quiver.library.models import Asset

from .conftest import upload

BOUNDARY = "quiver-test-boundary"


def multipart(*parts: tuple[bytes, bytes]) -> bytes:
    """A raw multipart body from (Content-Disposition parameters, content) pairs, as a client might send it."""
    out = b""
    for disposition, content in parts:
        out += (
            f"--{BOUNDARY}\r\n".encode() + b"Content-Disposition: form-data; " + disposition + b"\r\n"
            b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n"
        )
    return out + f"--{BOUNDARY}--\r\n".encode()


def post_raw(client, url: str, body: bytes):
    return client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def field(name: str, value: str) -> tuple[bytes, bytes]:
    return f'name="{name}"'.encode(), value.encode()


@pytest.mark.parametrize(
    ("raw_name", "stored"),
    [
        (b"r\xe9sum\xe9 2025.pdf", "résumé 2025.pdf"),  # Windows-1252, not UTF-8
        (b"\xff\xfe\x00bad.pdf", "ÿþbad.pdf"),
        (b"", "file"),
        (b"..", "file"),
        (b"...", "file"),
        (b"../../", "file"),
        (b"C:\\\\Users\\\\me\\\\", "me"),
        (b"/etc/passwd", "passwd"),
        ("Überblick – Q3.pdf".encode(), "Überblick – Q3.pdf"),
    ],
)
def test_odd_file_names_are_kept_safely_and_the_file_is_accepted(as_editor, root, pdf, raw_name, stored):
    body = multipart(field("collection", str(root.pk)), (b'name="file"; filename="' + raw_name + b'"', pdf))
    response = post_raw(as_editor, "/api/v1/assets", body)
    assert response.status_code == 201, response.content
    version = response.json()["current_version"]
    assert version["filename"] == stored and version["size"] == len(pdf)
    assert Asset.objects.get().current_version.file.name.startswith("originals/")


def test_an_empty_nameless_part_is_no_file_as_a_browser_sends_it(as_editor, root):
    body = multipart(field("collection", str(root.pk)), (b'name="file"; filename=""', b""))
    response = post_raw(as_editor, "/api/v1/assets", body)
    assert response.status_code == 400 and "Send a file or a link_url" in response.json()["detail"]


def test_a_new_version_with_a_non_utf8_name_is_accepted(as_editor, link_asset, pdf):
    body = multipart((b'name="file"; filename="v2-\xe9t\xe9.pdf"', pdf))
    response = post_raw(as_editor, f"/api/v1/assets/{link_asset.pk}/versions", body)
    assert response.status_code == 201 and response.json()["filename"] == "v2-été.pdf"


def test_two_file_parts_are_refused_not_dropped(as_editor, root, pdf, link_asset):
    body = multipart(
        field("collection", str(root.pk)),
        (b'name="file"; filename="a.pdf"', pdf),
        (b'name="file"; filename="b.pdf"', pdf + b" "),
    )
    response = post_raw(as_editor, "/api/v1/assets", body)
    assert response.status_code == 400 and "one file per upload" in response.json()["detail"]
    other = multipart(
        field("collection", str(root.pk)),
        (b'name="file"; filename="a.pdf"', pdf),
        (b'name="attachment"; filename="b.pdf"', pdf),
    )
    response = post_raw(as_editor, "/api/v1/assets", other)
    assert response.status_code == 400 and "'attachment'" in response.json()["detail"]
    response = post_raw(as_editor, f"/api/v1/assets/{link_asset.pk}/versions", body)
    assert response.status_code == 400 and "one file per upload" in response.json()["detail"]
    assert Asset.objects.count() == 1 and not link_asset.versions.exists()


@pytest.mark.parametrize(("name", "limit"), [("title", 300), ("language", 16), ("link_url", 2000)])
def test_an_overlong_field_is_refused_with_its_limit_as_patch_does(as_editor, root, pdf, link_asset, name, limit):
    value = "x" * 100_000
    response = upload(as_editor, pdf, "a.pdf", collection=[root.pk], **{name: value})
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"][-1] == name and str(limit) in error["msg"]
    patch = as_editor.patch(f"/api/v1/assets/{link_asset.pk}", {name: value}, content_type="application/json")
    assert patch.status_code == 422 and str(limit) in patch.json()["detail"][0]["msg"]
    assert Asset.objects.count() == 1


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def readable(self):
        return True

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readinto = read


@override_settings(QUIVER_MAX_UPLOAD_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize("url", ["/api/v1/assets", "/api/v1/assets/{pk}/versions"])
def test_an_oversized_upload_is_refused_from_content_length_before_reading(as_editor, link_asset, url):
    response = as_editor.generic(
        "POST",
        url.format(pk=link_asset.pk),
        b"",
        **{
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(10 * 1024**3),
            "wsgi.input": Unreadable(),
        },
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The file is larger than the 1000 bytes limit."}


def _chunked(client, url: str, body: bytes, **extra):
    """A body sent with Transfer-Encoding: chunked and no Content-Length (the server de-chunks it)."""
    return client.generic(
        "POST",
        url,
        b"",
        **{
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": "",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": io.BytesIO(body),
            "wsgi.input_terminated": True,
            **extra,
        },
    )


@override_settings(QUIVER_MAX_UPLOAD_BYTES=100_000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_chunked_upload_is_read_up_to_the_limit_only(as_editor, root, pdf):
    ok = _chunked(
        as_editor,
        "/api/v1/assets",
        multipart(field("collection", str(root.pk)), (b'name="file"; filename="c.pdf"', pdf)),
    )
    assert ok.status_code == 201 and ok.json()["current_version"]["size"] == len(pdf)
    stream = io.BytesIO(multipart((b'name="file"; filename="big.pdf"', b"x" * 400_000)))
    big = _chunked(as_editor, "/api/v1/assets", b"", **{"wsgi.input": stream})
    assert big.status_code == 413 and "larger than" in big.json()["detail"]
    assert stream.tell() < 200_000  # reading stopped at the limit
    assert Asset.objects.count() == 1
