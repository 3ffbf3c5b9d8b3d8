"""Small display helpers for the library templates (no HTML is built from user text here)."""

from django import template
from django.urls import reverse

register = template.Library()

TYPE_ABBR = {
    "deck": "PPT",
    "case_study": "CASE",
    "one_pager": "1PG",
    "battlecard": "BC",
    "datasheet": "DATA",
    "whitepaper": "WP",
    "pricing_sheet": "$",
    "email_template": "MAIL",
    "video": "VID",
    "image": "IMG",
    "link": "LINK",
    "document": "DOC",
    "spreadsheet": "XLS",
    "other": "FILE",
}


@register.filter
def type_abbr(asset_type: str) -> str:
    return TYPE_ABBR.get(asset_type, "FILE")


FORMATS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (PPTX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
    "application/vnd.ms-powerpoint": "PowerPoint (PPT)",
    "application/msword": "Word (DOC)",
    "application/vnd.ms-excel": "Excel (XLS)",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "text/plain": "Plain text",
    "text/markdown": "Markdown",
    "text/html": "HTML",
    "text/csv": "CSV",
    "application/rtf": "Rich text (RTF)",
    "message/rfc822": "Email (EML)",
    "application/vnd.ms-outlook": "Outlook message (MSG)",
}


@register.filter
def format_label(mime: str) -> str:
    """A readable name for a sniffed MIME type (the raw type when unknown)."""
    return FORMATS.get((mime or "").split(";")[0].strip().lower(), mime or "")


@register.filter
def thumbnail_url(asset) -> str:
    """URL of the current version's thumbnail (permission-checked view), or "" when there is none."""
    version = asset.current_version
    if version is None or not version.thumbnail:
        return ""
    return reverse("library:thumbnail", args=[asset.pk, version.number])


@register.inclusion_tag("library/partials/badges.html")
def asset_badges(asset):
    version = asset.current_version
    return {
        "status": asset.status,
        "status_label": asset.get_status_display(),
        "processing": version.status if version else "ready",
        "asset": asset,
    }


HIDDEN_METADATA = {"preview", "kind", "slide_width", "slide_height"}  # EMU sizes mean nothing to a reader
# Names the details panel already shows for the asset itself: the file's own values get " (in file)".
SHOWN_ALREADY = {"title", "created", "updated", "owner", "status", "language", "type", "size", "pages", "format"}


@register.filter
def simple_metadata(metadata) -> list[tuple[str, str]]:
    """Scalar entries of a version's metadata, for display (keys humanised; nested values skipped)."""
    if not isinstance(metadata, dict):
        return []
    items = []
    for key, value in metadata.items():
        if key in HIDDEN_METADATA or isinstance(value, dict | list) or value in (None, ""):
            continue
        label = str(key).replace("_", " ").capitalize()[:40]
        if str(key).lower() in SHOWN_ALREADY:
            label += " (in file)"
        items.append((label, str(value)[:200]))
    return items[:12]
