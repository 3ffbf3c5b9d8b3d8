"""State of the learned classifier: one TrainingRun per training, and one TrainingState row (the dirty flag that
web and worker processes share; the periodic job retrains when it is dirty and quiet long enough)."""

from django.db import models


class TrainingStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class TrainingRun(models.Model):
    """One training of the learned classifier. The model itself lives in default_storage (`model_file`)."""

    started_at = models.DateTimeField()
    trained_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="When the model was saved.")
    status = models.CharField(max_length=16, choices=TrainingStatus.choices, default=TrainingStatus.RUNNING)
    asset_count = models.PositiveIntegerField(default=0, help_text="Assets with at least one label used.")
    fields = models.JSONField(
        default=dict, blank=True, help_text="{field: {assets, values: {value: positives}, skipped: {value: reason}}}"
    )
    labels = models.PositiveIntegerField(default=0, help_text="Values (tags and facet values) with a classifier.")
    metrics = models.JSONField(default=dict, blank=True, help_text="Cross-validated scores on the library's labels.")
    duration_seconds = models.FloatField(null=True, blank=True)
    model_file = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "trained_at"

    def __str__(self):
        return f"training {self.pk} ({self.status})"


class TrainingState(models.Model):
    """A single row (pk=1): assignments changed since the last training (`dirty`), when they last changed, and
    when a training task was last queued (so the periodic job does not queue a second one)."""

    dirty = models.BooleanField(default=False)
    changed_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"training state (dirty={self.dirty})"
