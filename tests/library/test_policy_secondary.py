"""Secondary objects (bulk runs, review sessions, approvals inbox, search analytics) are decided by the policy."""

from django.utils import timezone

from quiver.accounts.services import create_user
from quiver.categorize.models import BulkRun
from quiver.library import policy
from quiver.reviews.models import ReviewSession


def test_bulk_runs_their_starter_and_admins(admin_user, editor):
    other = create_user("olga", "editor", "pw-editor-456")
    mine = BulkRun.objects.create(started_by=editor)
    theirs = BulkRun.objects.create(started_by=other)
    assert policy.can_view_bulk_run(editor, mine) and not policy.can_view_bulk_run(editor, theirs)
    assert policy.can_view_bulk_run(admin_user, theirs)
    assert list(policy.visible_bulk_runs(editor, BulkRun.objects.all())) == [mine]
    assert set(policy.visible_bulk_runs(admin_user, BulkRun.objects.all())) == {mine, theirs}


def test_review_sessions_browsed_by_admins_worked_in_by_their_starter_only(admin_user, editor):
    now = timezone.now()
    session = ReviewSession.objects.create(user=editor, scope_kind="collection", started_at=now, updated_at=now)
    everyone = ReviewSession.objects.all()
    assert list(policy.visible_review_sessions(editor, everyone)) == [session]
    assert list(policy.visible_review_sessions(admin_user, everyone)) == [session]
    assert policy.can_work_in_session(editor, session) and not policy.can_work_in_session(admin_user, session)
    editor.is_active = False
    assert not policy.can_work_in_session(editor, session)
    assert not policy.visible_review_sessions(editor, everyone).exists()


def test_approvals_inbox_and_search_analytics_by_role(admin_user, editor, viewer):
    assert [policy.has_approvals_inbox(u) for u in (admin_user, editor, viewer)] == [True, True, False]
    assert [policy.can_view_search_analytics(u) for u in (admin_user, editor, viewer)] == [True, False, False]
