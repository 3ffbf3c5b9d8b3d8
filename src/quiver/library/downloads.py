"""What a download may claim to be: originals are always attachments, and only inert types keep their MIME type.
Serving stored originals as downloads: always an attachment, never sniffed, sandboxed if opened anyway."""

from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

# Types a browser may be told about; anything else (HTML, SVG, XML, scripts...) goes out as octet-stream.
SAFE_DOWNLOAD_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.ms-",
    "application/msword",
    "application/vnd.oasis.opendocument.",
    "application/zip",
    "application/rtf",
    "video/",
    "audio/",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "message/rfc822",
)


def download_type(mime: str) -> str:
    mime = (mime or "").split(";")[0].strip().lower()
    if mime in ("image/svg+xml",) or not mime.startswith(SAFE_DOWNLOAD_TYPES):
        return "application/octet-stream"
    return mime


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
