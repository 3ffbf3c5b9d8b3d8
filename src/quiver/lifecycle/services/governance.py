"""Admin settings of the lifecycle: approval policies (who approves where) and review cadences."""

from django.core.exceptions import PermissionDenied, ValidationError

from quiver.core import audit
from quiver.library import policy

from ..models import ApprovalPolicy, ReviewCadence


def _admin(user) -> None:
    if not policy.can_manage_lifecycle_rules(user):
        raise PermissionDenied("Only admins may change approval policies and review cadences.")


def set_approval_policy(user, *, collection, approvers, allow_self_approval: bool = False) -> ApprovalPolicy:
    """The approver group of a collection (and below), or the default one (collection None)."""
    _admin(user)
    found = ApprovalPolicy.objects.filter(collection=collection).first() or ApprovalPolicy(collection=collection)
    before = {"approvers": found.approvers_id, "allow_self_approval": found.allow_self_approval} if found.pk else {}
    found.approvers, found.allow_self_approval = approvers, bool(allow_self_approval)
    found.save()
    audit.record(
        user,
        "lifecycle.approval_policy",
        found,
        before=before,
        after={
            "collection": getattr(collection, "pk", None),
            "approvers": approvers.pk,
            "allow_self_approval": found.allow_self_approval,
        },
    )
    return found


def delete_approval_policy(user, found: ApprovalPolicy) -> None:
    _admin(user)
    audit.record(
        user,
        "lifecycle.approval_policy.delete",
        found,
        before={"collection": found.collection_id, "approvers": found.approvers_id},
    )
    found.delete()


def set_cadence(user, *, collection=None, asset_type: str = "", days: int) -> ReviewCadence:
    _admin(user)
    if bool(collection) == bool(asset_type):
        raise ValidationError("A cadence is for a collection or for an asset type (one of them).")
    if not days or days < 1:
        raise ValidationError("A cadence is at least one day.")
    lookup = {"collection": collection} if collection else {"asset_type": asset_type}
    found = ReviewCadence.objects.filter(**lookup).first() or ReviewCadence(**lookup)
    before = {"days": found.days} if found.pk else {}
    found.days = days
    found.save()
    audit.record(
        user,
        "lifecycle.cadence",
        found,
        before=before,
        after={**{k: getattr(v, "pk", v) for k, v in lookup.items()}, "days": days},
    )
    return found


def delete_cadence(user, found: ReviewCadence) -> None:
    _admin(user)
    audit.record(
        user,
        "lifecycle.cadence.delete",
        found,
        before={"collection": found.collection_id, "asset_type": found.asset_type, "days": found.days},
    )
    found.delete()
