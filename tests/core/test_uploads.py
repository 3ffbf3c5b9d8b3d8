"""core.uploads.RepairedStream: part headers are repaired wherever the body's reads happen to split it."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from quiver.core.uploads import PLACEHOLDER, RepairedStream

BOUNDARY = b"----b0undary"


class Trickle(io.RawIOBase):
    """Returns the body in the given read sizes (then the rest), as a slow network would."""

    def __init__(self, data: bytes, sizes: list[int]):
        self._data, self._sizes = data, list(sizes)

    def read(self, size=-1):
        n = self._sizes.pop(0) if self._sizes else len(self._data)
        out, self._data = self._data[:n], self._data[n:]
        return out


def body(name: bytes, content: bytes) -> bytes:
    return (
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="title"\r\n\r\nT\r\n'
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="file"; filename="' + name + b'"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + content + b"\r\n--" + BOUNDARY + b"--\r\n"
    )


def read_all(stream, size: int) -> bytes:
    out = b""
    while chunk := stream.read(size):
        out += chunk
    return out


@settings(max_examples=60, deadline=None)
@given(
    content=st.binary(max_size=300),
    sizes=st.lists(st.integers(1, 40), max_size=60),
    size=st.integers(1, 100),
    name=st.sampled_from([b"r\xe9sum\xe9.pdf", b"", b"..", b"a/b/", b"ok.pdf"]),
)
def test_repair_is_independent_of_read_sizes(content, sizes, size, name):
    content = content.replace(b"\r\n--" + BOUNDARY, b"")  # a part cannot contain the delimiter
    expected = {
        b"r\xe9sum\xe9.pdf": "résumé.pdf".encode(),
        b"": PLACEHOLDER.encode(),
        b"..": PLACEHOLDER.encode(),
        b"a/b/": b"b",
        b"ok.pdf": b"ok.pdf",
    }[name]
    out = read_all(RepairedStream(Trickle(body(name, content), sizes), BOUNDARY), size)
    assert out.endswith(
        b'filename="'
        + expected
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + content
        + b"\r\n--"
        + BOUNDARY
        + b"--\r\n"
    )
    assert out.startswith(b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="title"\r\n\r\nT\r\n')
    if name == b"ok.pdf":
        assert out == body(name, content)  # a valid part passes through byte for byte
