from django.conf import settings
from django.db import models


class BulkRunKind(models.TextChoices):
    RULES = "rules", "Apply matching rules"
    CATEGORIZE = "categorize", "Categorize (rules, classifier, detectors)"


class BulkRunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class BulkRun(models.Model):
    """A background run over many assets; `done` of `total` is updated while it runs (progress).

    Each asset's work and its progress (`done`, counters, `cursor`, `heartbeat_at`) commit in one transaction, so
    a run whose worker died can be resumed after `cursor` without repeating or double-counting anything
    (categorize.recovery). `attempts` counts the workers given the run (1 at first; each resumption adds one); a
    worker only writes while the run's `attempts` is still its own, so a superseded worker stops."""

    kind = models.CharField(max_length=16, choices=BulkRunKind.choices, default=BulkRunKind.RULES)
    status = models.CharField(max_length=16, choices=BulkRunStatus.choices, default=BulkRunStatus.QUEUED, db_index=True)
    params = models.JSONField(default=dict, blank=True, help_text="asset_ids / rule_ids chosen, if any")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    applied = models.PositiveIntegerField(default=0, help_text="values applied automatically")
    suggested = models.PositiveIntegerField(default=0, help_text="pending suggestions made")
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="last sign of life (queued or progress)")
    attempts = models.PositiveSmallIntegerField(default=1, help_text="workers given this run (resumptions + 1)")
    cursor = models.PositiveBigIntegerField(default=0, help_text="the last asset id done (resumes after it)")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} {self.done}/{self.total} ({self.status})"

    @property
    def resumed(self) -> int:
        return max(0, self.attempts - 1)

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
