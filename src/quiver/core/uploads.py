"""Request bodies that carry files: the size they may have, and part headers Django would otherwise drop.

Django's multipart parser silently ignores a file part whose header is not valid UTF-8 and one whose name is empty
or sanitizes to nothing ("..", "dir/"): the client sent a file and hears "no file". `RepairingUploadHandler` (first
in FILE_UPLOAD_HANDLERS) rewrites such part headers on the fly, decoding a non-UTF-8 name as Windows-1252 and
using the last real segment of a path-like name, and giving a nameless part a placeholder, then lets Django's own
parser and handlers do the rest. The placeholder is removed afterwards: a nameless empty part is an empty file
input (no file chosen); a nameless file with bytes is kept as "file".
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters

PLACEHOLDER = "__quiver_unnamed_upload__"
FALLBACK_NAME = "file"  # a nameless file's name (library.filenames.clean_filename falls back to the same)
MAX_HEADER = 16 * 1024  # part headers longer than this are passed on untouched (Django refuses them itself)


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.0f} MB" if mb == int(mb) or mb >= 10 else f"{mb:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def too_large_message(limit: int | None = None) -> str:
    limit = settings.QUIVER_MAX_UPLOAD_BYTES if limit is None else limit
    return f"The file is larger than the {human_size(limit)} limit."


def max_body_bytes() -> int:
    """The largest request body accepted: one file at the upload limit plus the form fields' own allowance."""
    return settings.QUIVER_MAX_UPLOAD_BYTES + (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) + 64 * 1024


def _repair_disposition(line: bytes) -> bytes:
    try:
        text = line.decode()
        decoded = True
    except UnicodeDecodeError:
        text, decoded = line.decode("cp1252", errors="replace"), False
    try:
        key, params = parse_header_parameters(text.split(":", 1)[1])
    except (ValueError, IndexError):
        return line
    if "filename" not in params or "name" not in params:
        return line.decode("cp1252", errors="replace").encode() if not decoded else line
    name = params["filename"]
    if decoded and MultiPartParser.sanitize_file_name(None, name):
        return line
    if not MultiPartParser.sanitize_file_name(None, name):  # "", "..", "dir/": its last real segment, if any
        segments = [part for part in name.replace("\\", "/").split("/") if part.strip(" .")]
        name = segments[-1] if segments else PLACEHOLDER

    def quote(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"Content-Disposition: {key}; name={quote(params['name'])}; filename={quote(name)}".encode()


def _repair_headers(block: bytes) -> bytes:
    lines = block.split(b"\r\n")
    return b"\r\n".join(
        _repair_disposition(line) if line.lower().startswith(b"content-disposition:") else line for line in lines
    )


class RepairedStream:
    """A multipart body read through, with each part's header block passed through `_repair_headers`."""

    def __init__(self, source, boundary: bytes):
        self._source = source
        self._delimiter = b"\r\n--" + boundary
        self._buffer = b"\r\n"  # the first delimiter has no CRLF before it: scan as if it had (dropped on output)
        self._skip = 2
        self._in_headers = False
        self._eof = False
        self._out = b""

    def _fill(self) -> bool:
        chunk = self._source.read(64 * 1024)
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def _emit(self, data: bytes) -> None:
        if self._skip:
            dropped = min(self._skip, len(data))
            data, self._skip = data[dropped:], self._skip - dropped
        self._out += data

    def _step(self) -> None:
        if self._in_headers:
            end = self._buffer.find(b"\r\n\r\n")
            if end == -1 and not self._buffer.startswith(b"--") and len(self._buffer) < MAX_HEADER and self._fill():
                return
            if end == -1:  # the closing delimiter, an oversized header or the end of the body: pass it on as is
                self._emit(self._buffer)
                self._buffer, self._in_headers = b"", False
                return
            self._emit(_repair_headers(self._buffer[:end]) + b"\r\n\r\n")
            self._buffer, self._in_headers = self._buffer[end + 4 :], False
            return
        found = self._buffer.find(self._delimiter)
        if found != -1:
            cut = found + len(self._delimiter)
            self._emit(self._buffer[:cut])
            self._buffer, self._in_headers = self._buffer[cut:], True
            return
        keep = len(self._delimiter) - 1
        if len(self._buffer) > keep:
            self._emit(self._buffer[:-keep])
            self._buffer = self._buffer[-keep:]
        if not self._fill():
            self._emit(self._buffer)
            self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes, possibly fewer (b"" only at the end); everything left when `size` is negative."""
        everything = size is None or size < 0
        while (everything or not self._out) and not (self._eof and not self._buffer):
            self._step()
        if everything:
            size = len(self._out)
        data, self._out = self._out[:size], self._out[size:]
        return data


def _without_placeholders(files: MultiValueDict) -> MultiValueDict:
    kept = MultiValueDict()
    for field, items in files.lists():
        for item in items:
            if item.name == PLACEHOLDER:
                if not item.size:
                    item.close()
                    continue
                item.name = FALLBACK_NAME
            kept.appendlist(field, item)
    return kept


class RepairingUploadHandler(FileUploadHandler):
    """Parses the multipart body itself, through `RepairedStream`, with the handlers that follow it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        handlers = [h for h in self.request.upload_handlers if h is not self]
        post, files = MultiPartParser(META, RepairedStream(input_data, boundary), handlers, encoding).parse()
        return post, _without_placeholders(files)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
