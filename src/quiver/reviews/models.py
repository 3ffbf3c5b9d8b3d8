"""Review sessions: an editor walks a frozen list of assets (the scope, taken when the session starts) one by one;
every item keeps its outcome, every action taken on it, a note and the seconds spent."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class ScopeKind(models.TextChoices):
    QUEUE = "queue", "The review queue"
    SIGNAL = "signal", "One signal of the queue"
    COLLECTION = "collection", "A collection"
    OWNER = "owner", "An owner"
    ASSET_TYPE = "asset_type", "An asset type"
    SAVED_SEARCH = "saved_search", "A saved search"


class SessionStatus(models.TextChoices):
    ACTIVE = "active", "In progress"
    PAUSED = "paused", "Paused"
    FINISHED = "finished", "Finished"


class Outcome(models.TextChoices):
    PENDING = "pending", "Not reviewed"
    VERIFIED = "verified", "Verified"
    RETAGGED = "retagged", "Retagged"
    REPURPOSED = "repurposed", "Added to collections"
    EDITED = "edited", "Edited"
    REPLACED = "replaced", "Replacement uploaded"
    MERGED = "merged", "Merged into its twin"
    ARCHIVED = "archived", "Archived"
    SKIPPED = "skipped", "Skipped"


class ReviewSession(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_sessions")
    scope_kind = models.CharField(max_length=16, choices=ScopeKind.choices)
    scope_value = models.CharField(max_length=200, blank=True)
    scope_label = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.ACTIVE, db_index=True)
    position = models.PositiveIntegerField(default=0, help_text="The item on screen (0-based).")
    clock_started_at = models.DateTimeField(null=True, blank=True, help_text="When the item on screen was shown.")
    seconds = models.PositiveIntegerField(default=0, help_text="Time spent, pauses excluded.")
    started_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Review of {self.scope_label or self.get_scope_kind_display()}"

    def get_absolute_url(self):
        return reverse("reviews:session", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != SessionStatus.FINISHED


class ReviewItem(models.Model):
    session = models.ForeignKey(ReviewSession, on_delete=models.CASCADE, related_name="items")
    asset = models.ForeignKey("library.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    asset_title = models.CharField(max_length=300, help_text="Kept for the history if the asset goes away.")
    position = models.PositiveIntegerField()
    reasons = models.JSONField(default=list, blank=True, help_text="Why it was in the queue when the session began.")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING, db_index=True)
    actions = models.JSONField(default=list, blank=True, help_text="Every action taken: [{action, at, detail}].")
    note = models.TextField(blank=True)
    seconds = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [models.UniqueConstraint(fields=["session", "position"], name="unique_review_item_position")]

    def __str__(self):
        return f"{self.position + 1}. {self.asset_title}"
