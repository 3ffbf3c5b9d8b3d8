"""Serving stored originals as downloads: always an attachment, never sniffed, sandboxed if opened anyway."""

from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import FileResponse

# Types a browser may render as active content are served as opaque bytes.
ACTIVE_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
                "text/javascript", "application/javascript")


def safe_content_type(mime_type: str) -> str:
    mime = (mime_type or "").split(";")[0].strip().lower()
    if not mime or mime in ACTIVE_TYPES or mime.endswith("+xml"):
        return "application/octet-stream"
    return mime


def attachment_response(storage_name: str, filename: str, mime_type: str) -> FileResponse:
    response = FileResponse(default_storage.open(storage_name, "rb"), content_type=safe_content_type(mime_type))
    ascii_name = "".join(c for c in filename if c.isascii() and c.isprintable() and c not in '"\\;') or "download"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
