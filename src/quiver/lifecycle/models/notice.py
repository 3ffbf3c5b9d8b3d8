from django.db import models


class LifecycleNotice(models.Model):
    """Memory of the periodic job: `expiring` and `expired` fire once per asset and expiry date (a new expiry
    date fires them again)."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="lifecycle_notices")
    event = models.CharField(max_length=16)
    key = models.CharField(max_length=64, help_text="What the notice was about (the expiry date).")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["asset", "event", "key"], name="one_notice_per_event")]

    def __str__(self):
        return f"{self.asset_id} {self.event} {self.key}"
