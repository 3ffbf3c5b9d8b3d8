"""Webhook endpoints (admin-managed) and the log of every delivery to them."""

from django.db import models


class WebhookEvent(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    PUBLISHED = "published", "Published"
    EXPIRING = "expiring", "Expiring soon"
    EXPIRED = "expired", "Expired"
    VERIFIED = "verified", "Verified"
    ARCHIVED = "archived", "Archived"
    RESTORED = "restored", "Restored"
    TRASHED = "trashed", "Trashed"
    MERGED = "merged", "Merged"


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField(max_length=1000, help_text="http:// or https:// only; redirects are not followed.")
    secret = models.CharField(max_length=100, help_text="Signs every request (HMAC-SHA256).")
    events = models.JSONField(default=list, blank=True, help_text="The lifecycle events sent to this endpoint.")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event to one endpoint, with every attempt. `body` is the exact JSON sent (and signed)."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, db_index=True)
    asset = models.ForeignKey("library.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    attempt_log = models.JSONField(
        default=list, blank=True, help_text="[{at, code, error, ms}] for every attempt, oldest first."
    )
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} -> {self.endpoint_id} ({self.status})"
