"""Approval: who approves (a policy per collection, with a default), each request and its decision trail."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from quiver.core.models import AppendOnlyModel


class ApprovalPolicy(models.Model):
    """The approver group for the assets of a collection and below (the nearest policy up the tree wins).
    The row without a collection is the default for assets in no collection that has one."""

    collection = models.OneToOneField(
        "library.Collection", null=True, blank=True, on_delete=models.CASCADE, related_name="approval_policy"
    )
    approvers = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Members of this group (editors and admins) approve or reject.",
    )
    allow_self_approval = models.BooleanField(default=False, help_text="May the person who submitted also approve?")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "approval policies"
        # One default: NULLs never collide in a unique index, so the index is on COALESCE(collection, 0).
        constraints = [models.UniqueConstraint(Coalesce("collection", Value(0)), name="one_policy_per_collection")]

    def __str__(self):
        return f"{self.collection or 'default'}: {self.approvers}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded"
    WITHDRAWN = "withdrawn", "Withdrawn"  # closed without a decision: the asset was archived, trashed or merged


class ApprovalRequest(models.Model):
    """One submission of an asset for review. A new submission supersedes the open ones."""

    asset = models.ForeignKey("library.Asset", on_delete=models.CASCADE, related_name="approval_requests")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["asset"], condition=Q(status="pending"), name="one_pending_request_per_asset"
            )
        ]

    def __str__(self):
        return f"{self.asset_id} {self.status}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    COMMENT = "comment", "Comment"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ApprovalEvent(AppendOnlyModel):
    """The decision trail: every submission, comment and decision, with who and when (append-only)."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request_id} {self.kind}"
