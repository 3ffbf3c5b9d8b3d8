"""In-app notifications and each user's notification preferences."""

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    PUBLISHED = "published", "Published"
    VERIFICATION_DUE = "verification_due", "Verification due"
    VERIFICATION_OVERDUE = "verification_overdue", "Verification overdue"
    VERIFIED = "verified", "Verified"
    EXPIRING = "expiring", "Expiring soon"
    EXPIRED = "expired", "Expired"
    ARCHIVED = "archived", "Archived"
    RESTORED = "restored", "Restored"
    TRASHED = "trashed", "Moved to the trash"
    MERGED = "merged", "Merged into another asset"


class Notification(models.Model):
    """One message to one person, about one asset (or none). Shown only while the asset stays visible to them."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=NotificationKind.choices, db_index=True)
    asset = models.ForeignKey(
        "library.Asset", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.recipient_id} {self.kind}: {self.message[:40]}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """What a person wants: in-app kinds switched off, and how often the email digest comes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    muted_kinds = models.JSONField(default=list, blank=True, help_text="Notification kinds not shown in the app.")
    digest = models.CharField(
        max_length=8, default="daily", choices=[("daily", "Daily"), ("weekly", "Weekly"), ("off", "Off")]
    )

    def __str__(self):
        return f"preferences of {self.user_id}"
