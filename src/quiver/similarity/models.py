"""Fingerprints of asset versions and the duplicate flags they raise.

- `Fingerprint`: one per processed version: a MinHash signature over the version's word shingles (exact copies
  are found by `AssetVersion.sha256`, which every version has from upload).
- `FingerprintBand`: the LSH index in the database (one row per band of a signature): a near-duplicate lookup
  is one indexed `key IN (...)` query, never a pass over the library, and every app server sees the same index.
- `DuplicateFlag`: "asset looks like twin" (exact copy or near-duplicate with its estimated Jaccard score), open
  until someone dismisses it ("keep both") or merges it (add as a new version of the twin)."""

from django.conf import settings
from django.db import models


class Fingerprint(models.Model):
    version = models.OneToOneField("library.AssetVersion", on_delete=models.CASCADE, related_name="fingerprint")
    num_perm = models.PositiveSmallIntegerField()
    signature = models.BinaryField(help_text="MinHash hash values, little-endian uint64 each.")
    shingles = models.PositiveIntegerField(default=0, help_text="Distinct word shingles in the text.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"fingerprint of {self.version}"


class FingerprintBand(models.Model):
    fingerprint = models.ForeignKey(Fingerprint, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True, help_text="Hash of (band number, the band's hash values).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fingerprint", "key"], name="unique_fingerprint_band")]


class DuplicateKind(models.TextChoices):
    EXACT = "exact", "Exact copy"
    NEAR = "near", "Near-duplicate"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Kept both"
    MERGED = "merged", "Merged"


class DuplicateFlag(models.Model):
    """`asset` (the newer upload) looks like `twin` (already in the library)."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="duplicate_flags")
    twin = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="twin_flags")
    version = models.ForeignKey(
        "library.AssetVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version of `asset` that matched.",
    )
    twin_version = models.ForeignKey(
        "library.AssetVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version of `twin` it matched.",
    )
    kind = models.CharField(max_length=8, choices=DuplicateKind.choices)
    score = models.FloatField(help_text="1.0 for an exact copy, else the estimated Jaccard similarity.")
    status = models.CharField(max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "twin"], name="unique_duplicate_pair"),
            models.CheckConstraint(condition=~models.Q(asset=models.F("twin")), name="flag_not_self"),
        ]

    def __str__(self):
        return f"{self.asset_id} looks like {self.twin_id} ({self.kind} {self.score:.2f})"

    @property
    def percent(self) -> int:
        return int(round(self.score * 100))
