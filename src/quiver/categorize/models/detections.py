"""What the detectors found in an asset (categorize.detect): language, asset type, key phrases.

One row per asset, recomputed from the current version's page texts by `detect.analyse(asset)`."""

from django.db import models


class AssetSignals(models.Model):
    asset = models.OneToOneField("library.Asset", on_delete=models.CASCADE, related_name="signals")
    version = models.ForeignKey(
        "library.AssetVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version the signals were computed from.",
    )
    language = models.CharField(max_length=16, blank=True, help_text="ISO 639-1 code, empty when unknown.")
    language_confidence = models.FloatField(default=0.0)
    detected_type = models.CharField(max_length=32, blank=True, help_text="An AssetType value, empty when unsure.")
    type_confidence = models.FloatField(default=0.0)
    type_evidence = models.JSONField(
        default=list, blank=True, help_text='[{"type", "confidence", "evidence": [{"text", "page"}]}], best first'
    )
    key_phrases = models.JSONField(default=list, blank=True, help_text='[{"phrase", "score", "page"}], best first')
    computed_at = models.DateTimeField()

    class Meta:
        app_label = "categorize"
        verbose_name_plural = "asset signals"

    def __str__(self):
        return f"signals of asset {self.asset_id}"
