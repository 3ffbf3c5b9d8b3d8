"""What every upload path checks, the API's and the web form's alike: one file per field, not empty, within
QUIVER_MAX_UPLOAD_BYTES. Messages are for people; `store_original` checks the bytes again as it streams them."""

from django.conf import settings
from django.core.exceptions import ValidationError

from quiver.core.uploads import too_large_message


def check_file(file) -> None:
    """Refuse an empty or oversized file (codes `empty` and `too_large`)."""
    if not file.size:
        raise ValidationError("The file is empty.", code="empty")
    if file.size > settings.QUIVER_MAX_UPLOAD_BYTES:
        raise ValidationError(too_large_message(), code="too_large")


def one_file(files, field: str):
    """The single file sent as `field` (None when there is none). A request carrying other file parts, or several
    under `field`, is refused rather than keeping one of them silently."""
    others = sorted(name for name in files if name != field)
    if others:
        raise ValidationError(
            f"Unexpected file field {', '.join(map(repr, others))}: send the file as {field!r}.", code="unexpected_file"
        )
    sent = files.getlist(field)
    if len(sent) > 1:
        raise ValidationError(
            f"Send one file per upload: this request has {len(sent)} files in {field!r}.", code="several_files"
        )
    return sent[0] if sent else None
