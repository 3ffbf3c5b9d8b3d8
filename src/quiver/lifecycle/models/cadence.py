from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from quiver.library.models import AssetType


class ReviewCadence(models.Model):
    """How often assets must be verified: per collection (and below) or per asset type. The most specific wins:
    the asset's collection, then its type, then the default (QUIVER_VERIFY_DEFAULT_DAYS, 180)."""

    collection = models.OneToOneField(
        "library.Collection", null=True, blank=True, on_delete=models.CASCADE, related_name="review_cadence"
    )
    asset_type = models.CharField(max_length=32, choices=AssetType.choices, blank=True, default="")
    days = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(collection__isnull=False) & Q(asset_type=""))
                | (Q(collection__isnull=True) & ~Q(asset_type="")),
                name="cadence_collection_xor_type",
            ),
            models.UniqueConstraint(fields=["asset_type"], condition=~Q(asset_type=""), name="one_cadence_per_type"),
            models.CheckConstraint(condition=Q(days__gte=1), name="cadence_days_positive"),
        ]

    def __str__(self):
        return f"{self.collection or self.get_asset_type_display()}: every {self.days} days"

    def clean(self):
        if bool(self.collection_id) == bool(self.asset_type):
            raise ValidationError("A cadence is for a collection or for an asset type (one of them).")
