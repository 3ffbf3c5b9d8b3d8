"""Smart collections: a saved query on a library collection; its matches are materialized in SmartMembership.

Membership is kept apart from Asset.collections on purpose: collections carry permission grants, so filing an
asset into a smart collection must never make it visible to anyone new."""

from django.conf import settings
from django.db import models


class SmartCollectionRule(models.Model):
    """The query: {"values": [facet value ids], "tags": [names], "asset_types": [...], "text": "..."}.

    Matching: AND across facet fields, tags, asset types and text; OR within one facet field (a value also
    matches its descendants), within tags and within asset types; every word of `text` must appear in the
    title, description, a tag name or the extracted text."""

    collection = models.OneToOneField("library.Collection", on_delete=models.CASCADE, related_name="smart_rule")
    query = models.JSONField(default=dict, blank=True)
    include_archived = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Smart rule of {self.collection}"


class SmartMembership(models.Model):
    collection = models.ForeignKey("library.Collection", on_delete=models.CASCADE, related_name="smart_members")
    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="smart_memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collection", "asset"], name="unique_smart_membership")]
