from django.conf import settings
from django.db import models


class AssignmentSource(models.TextChoices):
    MANUAL = "manual", "Manual"
    AUTOMATIC = "automatic", "Automatic"
    RULE = "rule", "Rule"


class AssetFacetValue(models.Model):
    """A facet value on an asset. Single-select fields are enforced by taxonomy.services."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="facet_assignments")
    value = models.ForeignKey("taxonomy.FacetValue", on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=16, choices=AssignmentSource.choices, default=AssignmentSource.MANUAL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["value__field__position", "value__position", "value__name"]
        constraints = [models.UniqueConstraint(fields=["asset", "value"], name="unique_asset_facet_value")]

    def __str__(self):
        return f"{self.asset_id}: {self.value}"
