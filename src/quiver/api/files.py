"""Serving stored originals as downloads: always an attachment, never sniffed, sandboxed if opened anyway.
The content type comes from the same allow-list as the web UI's downloads (library.views.files)."""

from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from quiver.library.downloads import download_type


def attachment_response(storage_name: str, filename: str, mime_type: str) -> FileResponse:
    try:
        handle = default_storage.open(storage_name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, content_type=download_type(mime_type))
    ascii_name = "".join(c for c in filename if c.isascii() and c.isprintable() and c not in '"\\;') or "download"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
