"""What a download may claim to be: originals are always attachments, and only inert types keep their MIME type."""

# Types a browser may be told about; anything else (HTML, SVG, XML, scripts...) goes out as octet-stream.
SAFE_DOWNLOAD_TYPES = ("application/pdf", "application/vnd.openxmlformats-officedocument.",
                       "application/vnd.ms-", "application/msword", "application/vnd.oasis.opendocument.",
                       "application/zip", "application/rtf", "video/", "audio/", "image/png", "image/jpeg",
                       "image/gif", "image/webp", "text/plain", "text/csv", "message/rfc822")


def download_type(mime: str) -> str:
    mime = (mime or "").split(";")[0].strip().lower()
    if mime in ("image/svg+xml",) or not mime.startswith(SAFE_DOWNLOAD_TYPES):
        return "application/octet-stream"
    return mime
