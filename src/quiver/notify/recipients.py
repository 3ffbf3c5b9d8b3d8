"""Who is told what about a lifecycle event (in the app). Never the person who did it.

- submitted: exactly who may decide the request, by `policy.can_decide_review` (the one rule): under an approval
  policy (lifecycle's ApprovalPolicy, nearest up the collection tree, else the default policy) its approver group;
  with no policy, the admins and the editors who may edit the asset (the submitter only if self-approval is
  allowed). Nobody who cannot see the asset.
- approved / rejected: the person who submitted it.
- published, verified: the owner.
- expiring, expired, archived, restored, merged: the owner and the verifier; a merge is told about the
  surviving twin (the duplicate is out of sight once merged).
- trashed: nobody in the app (the trash is admins' only; webhooks still carry it).
`notify()` then drops anyone who cannot see the asset or switched that kind off.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from quiver.core.roles import Role
from quiver.library import policy
from quiver.library.models import Asset, CollectionGrant, GrantLevel
from quiver.lifecycle.models import ApprovalRequest
from quiver.lifecycle.selectors import approval_policy_for, current_request

MESSAGES = {
    "submitted": "{actor} submitted “{title}” for review",
    "approved": "{actor} approved “{title}”",
    "rejected": "{actor} rejected “{title}”",
    "published": "“{title}” is published",
    "verified": "{actor} verified “{title}”",
    "expiring": "“{title}” expires soon",
    "expired": "“{title}” has expired",
    "archived": "{actor} archived “{title}”",
    "restored": "{actor} restored “{title}”",
    "trashed": "{actor} moved “{title}” to the trash",
    "merged": "{actor} merged “{title}” into “{twin}”",
}
REMINDERS = {"expiring", "expired"}  # also sent by the periodic reminder job: not repeated while unread


def approvers(asset, submitted_by_id=None) -> list:
    """The users who may decide the asset's review request: a query narrows the candidates (active admins and
    editors who could possibly qualify), then `policy.can_decide_review` decides for each, so the rule is written
    only once. The narrowing must stay a superset of that rule (tests/notify/test_submitted_recipients.py checks
    it against every user)."""
    users = get_user_model().objects.filter(is_active=True)
    staff = Q(role=Role.ADMIN) | Q(is_superuser=True)
    found = approval_policy_for(asset)
    if found is not None:
        candidates = users.filter(groups=found.approvers_id).filter(staff | Q(role=Role.EDITOR))
    else:
        candidates = users.filter(staff | (Q(role=Role.EDITOR) & _may_edit(asset)))
    return [u for u in candidates.distinct().order_by("pk") if policy.can_decide_review(u, asset, submitted_by_id)]


def _may_edit(asset) -> Q:
    """Editors who may hold edit rights on `asset`: members of a group with an edit grant on one of its
    collections or above (a grant covers everything below), and its owner and creator (an asset in no
    collection)."""
    paths = asset.collections.values_list("path", flat=True)
    above = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    groups = CollectionGrant.objects.filter(level=GrantLevel.EDIT, collection_id__in=above).values("group_id")
    return Q(groups__in=groups) | Q(pk__in=[pk for pk in (asset.owner_id, asset.created_by_id) if pk])


def submitter(asset, data: dict):
    request = None
    if data.get("request"):
        request = ApprovalRequest.objects.select_related("submitted_by").filter(pk=data["request"]).first()
    request = request or current_request(asset)
    return request.submitted_by if request is not None else None


def recipients(event: str, asset, data: dict) -> list:
    if event == "submitted":
        request_submitter = submitter(asset, data)
        return approvers(asset, request_submitter.pk if request_submitter else None)
    if event in ("approved", "rejected"):
        return [submitter(asset, data)]
    if event in ("published", "verified"):
        return [asset.owner]
    if event == "trashed":
        return []
    if event in MESSAGES:
        return [asset.owner, asset.verifier]
    return []


def subject(event: str, asset, data: dict):
    """The asset the notification is about: the twin for a merge, else the asset itself."""
    if event == "merged" and data.get("into"):
        return Asset.objects.filter(pk=data["into"]).first()
    return asset


def message(event: str, asset, actor, about=None, data: dict | None = None) -> str:
    actor_name = (actor.display_name if actor is not None else "") or "Quiver"
    text = MESSAGES[event].format(actor=actor_name, title=asset.title, twin=getattr(about, "title", ""))
    if event == "restored" and (data or {}).get("through_review"):
        text += " as a draft submitted for review"
    return text


def for_event(event: str, asset, actor, data: dict) -> list[tuple]:
    """[(user, message, asset to point at)] without duplicates, without the actor."""
    data = data or {}
    about = subject(event, asset, data)
    if about is None:
        return []
    seen, out = set(), []
    for user in recipients(event, asset, data):
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        out.append((user, message(event, asset, actor, about, data), about))
    return out
