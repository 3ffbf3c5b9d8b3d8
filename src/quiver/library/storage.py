"""Content-addressed storage of originals and derived files, through Django's default storage (never raw paths)."""

import hashlib
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from quiver.core.uploads import too_large_message

CHUNK = 1024 * 1024


def original_name(sha256: str) -> str:
    return f"originals/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def derived_name(sha256: str, name: str) -> str:
    return f"derived/{sha256[:2]}/{sha256}/{name}"


def store_original(fileobj, max_bytes: int | None = None) -> tuple[str, str, int]:
    """Stream `fileobj` into storage under its SHA-256. Returns (storage name, sha256, size).

    Refuses empty and oversized files before anything is written to the library."""
    limit = settings.QUIVER_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    digest, size = hashlib.sha256(), 0
    with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spool:
        if hasattr(fileobj, "seek"):
            try:
                fileobj.seek(0)
            except (OSError, ValueError):
                pass
        while chunk := fileobj.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise ValidationError(too_large_message(limit), code="too_large")
            digest.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise ValidationError("The file is empty.", code="empty")
        sha = digest.hexdigest()
        name = original_name(sha)
        if not default_storage.exists(name):
            spool.seek(0)
            saved = default_storage.save(name, File(spool, name=sha))
            if saved != name:  # a concurrent upload of the same bytes won the race; keep one copy
                default_storage.delete(saved)
    return name, sha, size


def save_derived(sha256: str, name: str, data: bytes) -> str:
    path = derived_name(sha256, name)
    if default_storage.exists(path):
        default_storage.delete(path)
    from django.core.files.base import ContentFile

    return default_storage.save(path, ContentFile(data))
