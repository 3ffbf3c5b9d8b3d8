from django.conf import settings
from django.db import models

from quiver.core.models import AppendOnlyModel


class UsageKind(models.TextChoices):
    VIEW = "view", "Viewed the asset page"
    PREVIEW = "preview", "Previewed a page"
    DOWNLOAD = "download", "Downloaded"
    OPEN_LINK = "open_link", "Opened the web link"


class UsageEvent(AppendOnlyModel):
    """Append-only record of a view, preview or download. Reviews and analytics read these."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="usage_events")
    version = models.ForeignKey(
        "library.AssetVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=16, choices=UsageKind.choices, db_index=True)
    via = models.CharField(max_length=8, default="web")  # web / api

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["asset", "kind", "created_at"])]
