from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProcessingStatus(models.TextChoices):
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class AssetVersion(models.Model):
    """One uploaded file of an asset. The original is stored (content-addressed) before any parsing."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(max_length=300)
    original_filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField()
    mime_type = models.CharField(max_length=120, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    thumbnail = models.FileField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=ProcessingStatus.choices, default=ProcessingStatus.PROCESSING, db_index=True
    )
    failure_reason = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    processing_seconds = models.FloatField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Processing attempts started (claims)")
    steps = models.JSONField(default=list, blank=True, help_text="Ingest steps: [{step, status, seconds, detail}]")
    # The processing claim (ingest.leases): a worker holds the version while lease_expires_at is in the future and
    # renews it with a heartbeat; null when nobody holds it. claimed_at (with attempts) names the claim.
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="When its task (text or previews) was last enqueued"
    )
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the latest claim was taken")
    lease_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    interruptions = models.PositiveSmallIntegerField(
        default=0, help_text="Claims that expired (the worker stopped) since the last retry or finish"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["asset", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.asset_id} v{self.number} {self.original_filename}"

    def processing_state(self, now=None) -> str:
        """ready / failed, or while processing: "active" (a worker holds a live claim), "stuck" (its claim expired:
        the worker stopped; or never claimed for QUIVER_INGEST_QUEUED_STALE_SECONDS: its task is probably lost)
        or "queued" (waiting for a worker)."""
        if self.status != ProcessingStatus.PROCESSING:
            return self.status
        now = now or timezone.now()
        if self.lease_expires_at is not None:
            return "active" if self.lease_expires_at >= now else "stuck"
        stale = timedelta(seconds=settings.QUIVER_INGEST_QUEUED_STALE_SECONDS)
        return "stuck" if self.queued_at < now - stale else "queued"


class AssetPage(models.Model):
    """Text (and a preview image) of one page or slide of a version."""

    version = models.ForeignKey(AssetVersion, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    image = models.FileField(max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="unique_page_number")]

    def __str__(self):
        return f"{self.version} p{self.number}"
