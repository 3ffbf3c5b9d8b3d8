"""Requests left pending before archiving, trashing and merging withdrew them: withdrawn now, with a `withdrawn`
event in their trail (no actor: the system), so they leave every inbox and panel. A trashed asset still "in
review" goes back to draft (as a trash does now), so a restore from the trash brings back a draft to resubmit."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

REASON = "Withdrawn: the asset had left review (archived, moved to the trash or merged) before this was recorded."


def withdraw(apps, schema_editor):
    ApprovalRequest = apps.get_model("lifecycle", "ApprovalRequest")
    ApprovalEvent = apps.get_model("lifecycle", "ApprovalEvent")
    Asset = apps.get_model("library", "Asset")
    left = ~Q(asset__status="in_review") | Q(asset__deleted_at__isnull=False) | Q(asset__merged_into__isnull=False)
    stale = list(ApprovalRequest.objects.filter(left, status="pending").values_list("pk", "asset_id"))
    if not stale:
        return
    now = timezone.now()
    ApprovalRequest.objects.filter(pk__in=[pk for pk, _ in stale]).update(status="withdrawn", decided_at=now)
    ApprovalEvent.objects.bulk_create([ApprovalEvent(request_id=pk, kind="withdrawn", comment=REASON, created_at=now)
                                       for pk, _ in stale])
    Asset.objects.filter(pk__in=[a for _, a in stale], status="in_review", deleted_at__isnull=False).update(
        status="draft")


class Migration(migrations.Migration):
    dependencies = [
        ("lifecycle", "0002_request_withdrawn"),
        ("library", "0005_lifecycle"),
    ]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
