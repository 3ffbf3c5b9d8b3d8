"""Matching rules: how each tag or facet value is found in an asset (the Paperless-ngx matching model)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class MatchingAlgorithm(models.TextChoices):
    NONE = "none", "None (never suggested)"
    ANY = "any", "Any word"
    ALL = "all", "All words"
    EXACT = "exact", "Exact phrase"
    REGEX = "regex", "Regular expression"
    FUZZY = "fuzzy", "Fuzzy phrase"
    LEARNED = "learned", "Learned from the library"


# Algorithms the rule engine runs itself (the others: none, or the classifier's predictions).
TEXT_ALGORITHMS = {
    MatchingAlgorithm.ANY,
    MatchingAlgorithm.ALL,
    MatchingAlgorithm.EXACT,
    MatchingAlgorithm.REGEX,
    MatchingAlgorithm.FUZZY,
}


class MatchingRule(models.Model):
    """The rule of one tag or one facet value. A value without a rule behaves as `learned`."""

    tag = models.OneToOneField(
        "library.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="matching_rule"
    )
    facet_value = models.OneToOneField(
        "taxonomy.FacetValue", null=True, blank=True, on_delete=models.CASCADE, related_name="matching_rule"
    )
    algorithm = models.CharField(max_length=16, choices=MatchingAlgorithm.choices, default=MatchingAlgorithm.LEARNED)
    pattern = models.TextField(blank=True, max_length=1000)
    case_sensitive = models.BooleanField(default=False)
    manual_only = models.BooleanField(default=False, help_text="Never applied automatically, only suggested.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tag__isnull=False, facet_value__isnull=True)
                | Q(tag__isnull=True, facet_value__isnull=False),
                name="matching_rule_one_target",
            )
        ]

    def __str__(self):
        return f"{self.field}: {self.value} ({self.algorithm})"

    @property
    def field(self) -> str:
        return "tags" if self.tag_id else self.facet_value.field.slug

    @property
    def value(self) -> str:
        return self.tag.name if self.tag_id else self.facet_value.name

    @property
    def actor_name(self) -> str:
        return f"rule: {self.value}"[:150]
