"""The demo library's upkeep state: something due, expired, expiring, waiting for approval, and matching rules."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from quiver.accounts.models import User
from quiver.categorize.models import MatchingRule
from quiver.demo.loader import ensure_demo
from quiver.library import policy
from quiver.library.models import Asset
from quiver.lifecycle.models import ApprovalRequest, RequestStatus

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}  # any queue


@override_settings(TASKS=DUMMY_TASKS)
def test_demo_library_has_upkeep_work_to_show(db, django_capture_on_commit_callbacks, built_catalog):
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo(echo=lambda *_: None, catalog=built_catalog[0])
    today = timezone.now().date()
    assets = Asset.objects.all()
    assert not assets.filter(verifier__isnull=True).exists()
    assert assets.filter(verified_until__lt=today).count() >= 5  # overdue verification
    assert assets.filter(verified_until__gte=today, verified_until__lte=today + timedelta(days=14)).count() >= 5

    expired = assets.filter(expires_at__lt=timezone.now())
    assert expired.count() >= 2
    for old in expired:  # each says what replaces it, and the replacement is newer, of the same type, alive
        assert old.replaced_by is not None and old.replaced_by.asset_type == old.asset_type
        assert old.replaced_by.created_at > old.created_at and old.replaced_by.expires_at is None
    assert assets.filter(expires_at__gt=timezone.now()).count() >= 1

    victor = User.objects.get(username="victor")
    internal = assets.filter(internal_only=True, status="published").first()
    assert internal is not None and policy.can_view_asset(victor, internal)
    assert not policy.can_download(victor, internal)

    pending = ApprovalRequest.objects.filter(status=RequestStatus.PENDING)
    assert pending.count() == 2 and all(r.asset.status == "in_review" for r in pending)
    approvers = list(User.objects.filter(username__in=["maria", "sam"]))
    for request in pending:  # someone other than the submitter can decide each one
        assert any(
            policy.can_decide_review(u, request.asset, request.submitted_by_id)
            for u in approvers
            if u.pk != request.submitted_by_id
        )
    assert MatchingRule.objects.filter(facet_value__field__slug="industry").count() >= 3
