from django.conf import settings
from django.db import models
from django.db.models import Q


class SuggestionSource(models.TextChoices):
    RULE = "rule", "Matching rule"
    LEARNED = "learned", "Classifier"
    DETECTOR = "detector", "Detector"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    AUTO_APPLIED = "auto_applied", "Applied automatically"
    REVERTED = "reverted", "Reverted"


# A value in one of these states is never suggested (or applied) again for that asset.
REJECTED_STATES = (SuggestionStatus.REJECTED, SuggestionStatus.REVERTED)


class Suggestion(models.Model):
    """One value proposed for one asset, with why. One row per (asset, field, value): a rejected or reverted row
    is the memory that keeps it from coming back."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="suggestions")
    field = models.CharField(max_length=80, db_index=True)
    tag = models.ForeignKey("library.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    facet_value = models.ForeignKey(
        "taxonomy.FacetValue", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    confidence = models.FloatField(default=0)
    evidence = models.JSONField(default=list, blank=True, help_text='[{"text": str, "page": int|null}]')
    page = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=SuggestionSource.choices, default=SuggestionSource.RULE)
    rule = models.ForeignKey(
        "categorize.MatchingRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING, db_index=True
    )
    replaced = models.CharField(
        max_length=120, blank=True, help_text="The value an automatic single-select assignment replaced (for revert)."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-confidence", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tag__isnull=False, facet_value__isnull=True)
                | Q(tag__isnull=True, facet_value__isnull=False),
                name="suggestion_one_target",
            ),
            models.UniqueConstraint(
                fields=["asset", "tag"], condition=Q(tag__isnull=False), name="unique_suggestion_tag"
            ),
            models.UniqueConstraint(
                fields=["asset", "facet_value"], condition=Q(facet_value__isnull=False), name="unique_suggestion_value"
            ),
        ]
        indexes = [models.Index(fields=["asset", "status"])]

    def __str__(self):
        return f"{self.asset_id} {self.field}={self.value} ({self.confidence:.2f}, {self.status})"

    @property
    def value(self) -> str:
        return self.tag.name if self.tag_id else self.facet_value.name
