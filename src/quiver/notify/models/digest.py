"""The record that a digest went out for a period: the unique row is what keeps a digest from being sent twice."""

from django.conf import settings
from django.db import models


class DigestFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    OFF = "off", "Off"


class DigestRun(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=16, help_text="2026-11-27 (daily) or 2026-W48 (weekly)")
    sent_at = models.DateTimeField()
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="notify_digest_once_per_period")]

    def __str__(self):
        return f"digest {self.period} for {self.user_id}"
